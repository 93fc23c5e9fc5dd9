"""What other features do once a resident erased their data (/deleteme). A feature that shows a
resident somewhere (the rooms' report cards) registers, in its `register`, how it stops showing
them; the account feature calls them without knowing who they are."""

from collections.abc import Awaitable, Callable
from typing import Any

from telegram.ext import Application

from bot.handlers.common import BotContext
from bot.services.residents import Erasure

ErasedHook = Callable[[BotContext, Erasure], Awaitable[None]]


class ErasureHooks:
    def __init__(self) -> None:
        self._hooks: list[ErasedHook] = []

    def register(self, hook: ErasedHook) -> None:
        self._hooks.append(hook)

    async def tell(self, context: BotContext, erasure: Erasure) -> None:
        for hook in self._hooks:
            await hook(context, erasure)


def erasure_hooks(app: Application[Any, Any, Any, Any, Any, Any]) -> ErasureHooks:
    """The application's hooks, made on first use."""
    hooks: ErasureHooks = app.bot_data.setdefault("erasure_hooks", ErasureHooks())
    return hooks
