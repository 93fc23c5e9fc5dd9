"""How each kind of outbox row is rendered. Every feature registers a `Renderer` for the kinds it
queues (bot/app.py calls each feature's `register`); the sender knows nothing of reports,
notices or groups."""

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from telegram import InlineKeyboardMarkup

from bot.sending.parts import Part
from bot.services.outbox import Batch, Delivery, Figures

if TYPE_CHECKING:
    from bot.handlers.common import BotContext


class NotYet(Exception):
    """What this row belongs under is not there yet (a follow-up before its card): try later,
    without counting it as a failure."""


class Renderer:
    async def render(self, context: "BotContext", delivery: Delivery) -> Sequence[Part] | None:
        """What to post; None when there is nothing to post any more (the notice was
        withdrawn, the reporter erased their data)."""
        raise NotImplementedError

    async def sent(self, context: "BotContext", delivery: Delivery, message_ids: list[int]) -> None:
        """After Telegram took it: remember what the feature needs (a card's message id)."""

    async def stuck(self, context: "BotContext", delivery: Delivery, error: str) -> None:
        """The first failure of a row that must not be dropped (a room): tell someone."""

    async def title(self, context: "BotContext", batch: Batch, locale: str) -> str | None:
        """What a broadcast of this item is called in its author's progress and /broadcasts
        (HTML: escape what users typed)."""
        return None


# The author's live view of a broadcast: (text, buttons) from its figures.
View = tuple[str, InlineKeyboardMarkup | None]
ProgressView = Callable[["BotContext", Batch, Figures], Awaitable[View]]


class Renderers:
    def __init__(self) -> None:
        self._by_kind: dict[str, Renderer] = {}
        self.progress: ProgressView | None = None

    def add(self, kind: str, renderer: Renderer) -> None:
        if kind in self._by_kind:
            raise ValueError(f"a renderer for {kind!r} is already registered")
        self._by_kind[kind] = renderer

    def get(self, kind: str) -> Renderer | None:
        return self._by_kind.get(kind)

    def kinds(self) -> list[str]:
        return sorted(self._by_kind)
