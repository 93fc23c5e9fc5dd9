"""Work a resident left half-done in a feature above the account's (a report being written):
it outlives /start, which offers to go on with it, and /cancel asks before throwing it away. The
feature registers, in its `register`, how it tells, offers and asks; the account feature calls
them without knowing who they are."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.handlers.common import BotContext
from bot.handlers.hooks import Hooks, hooks_of
from bot.services.conversations import State
from bot.services.residents import Resident


@dataclass(frozen=True)
class Unfinished:
    """One feature's half-done work: whether the resident has some, offering to go on with it,
    and asking before /cancel discards it (False when the stored step is not this work)."""

    kept: Callable[[BotContext, Resident], Awaitable[bool]]
    offer: Callable[[Update, BotContext, Resident], Awaitable[None]]
    ask_discard: Callable[[Update, BotContext, Resident, State], Awaitable[bool]]


class UnfinishedWork(Hooks[Unfinished]):
    async def kept(self, context: BotContext, resident: Resident) -> bool:
        return any([await kind.kept(context, resident) for kind in self])

    async def offer(self, update: Update, context: BotContext, resident: Resident) -> None:
        for kind in self:
            await kind.offer(update, context, resident)

    async def ask_discard(
        self, update: Update, context: BotContext, resident: Resident, state: State
    ) -> bool:
        """True if a feature asked the resident before discarding its work."""
        for kind in self:
            if await kind.ask_discard(update, context, resident, state):
                return True
        return False


def unfinished_work(app: Application[Any, Any, Any, Any, Any, Any]) -> UnfinishedWork:
    return hooks_of(app, UnfinishedWork)
