"""What other features do once a resident erased their data (/deleteme). A feature that shows a
resident somewhere (the rooms' report cards) registers, in its `register`, how it stops showing
them; the account feature calls them without knowing who they are."""

from collections.abc import Awaitable, Callable
from typing import Any

from telegram.ext import Application

from bot.handlers.common import BotContext
from bot.handlers.hooks import Hooks, hooks_of
from bot.services.residents import Erasure

ErasedHook = Callable[[BotContext, Erasure], Awaitable[None]]


class ErasureHooks(Hooks[ErasedHook]):
    async def tell(self, context: BotContext, erasure: Erasure) -> None:
        for hook in self:
            await hook(context, erasure)


def erasure_hooks(app: Application[Any, Any, Any, Any, Any, Any]) -> ErasureHooks:
    return hooks_of(app, ErasureHooks)
