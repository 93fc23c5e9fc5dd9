"""The table of conversation steps. Each feature registers a handler for its (flow, step); the
private-message router looks up the resident's stored step and calls it. The stored step, not
PTB's memory, decides, so a restart between two messages changes nothing for the resident."""

from collections.abc import Awaitable, Callable

from telegram import Update

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


def steps_of(context: BotContext) -> Steps:
    steps: Steps = context.application.bot_data["steps"]
    return steps
