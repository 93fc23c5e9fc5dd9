"""The table of conversation steps. Each feature registers a handler for its (flow, step); the
private-message router looks up the resident's stored step and calls it. The stored step, not
PTB's memory, decides, so a restart between two messages changes nothing for the resident."""

from collections.abc import Awaitable, Callable, Collection
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.handlers import common
from bot.handlers.common import BotContext
from bot.services.conversations import State
from bot.services.residents import Resident

StepHandler = Callable[[Update, BotContext, Resident, State], Awaitable[None]]


class Steps:
    def __init__(self) -> None:
        self._handlers: dict[tuple[str, str], StepHandler] = {}

    def register(self, flow: str, step: str, handler: StepHandler) -> None:
        if (flow, step) in self._handlers:
            raise ValueError(f"step {flow}:{step} registered twice")
        self._handlers[(flow, step)] = handler

    def get(self, state: State) -> StepHandler | None:
        return self._handlers.get((state.flow, state.step))


def steps_of(app: Application[Any, Any, Any, Any, Any, Any]) -> Steps:
    """The application's table, made on first use (by the first feature that registers)."""
    steps: Steps = app.bot_data.setdefault("steps", Steps())
    return steps


async def pressed_state(
    context: BotContext,
    telegram_id: int,
    flow: str,
    token: str | None,
    token_of: Callable[[State], object],
    steps: Collection[str] | None = None,
) -> State:
    """The stored state a flow's button was made for. A flow stores a token when it begins and
    puts it into each of its buttons; a button of an earlier run of the flow, a forged one or
    (when `steps` are given) one of a step already passed is refused as stale."""
    state = await context.services.conversations.get(telegram_id)
    if (
        state is None
        or state.flow != flow
        or token is None
        or str(token_of(state) or "") != token
        or (steps is not None and state.step not in steps)
    ):
        raise common.Refused()
    return state
