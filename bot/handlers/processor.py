"""Updates of different chats are handled in parallel; updates of one chat one after another,
in the order Telegram sent them (a resident's album, then their text, must not race).

On a warning day hundreds of residents press at once; handled one at a time behind replies that
may wait for a chat's rate limit, their button answers would expire.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def chat_key(update: object) -> int | None:
    """The chat whose order an update belongs to: the chat it happened in, else its user (an
    inline query, a join request), else nothing (handled in parallel with everything)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self, max_concurrent_updates: int = 256, heard: Callable[[int], None] | None = None
    ) -> None:
        """`heard` is told the chat of every update (the rate limiter: answers are not bulk)."""
        super().__init__(max_concurrent_updates)
        self._heard = heard
        self._tails: dict[int, asyncio.Future[None]] = {}

    async def do_process_update(self, update: object, coroutine: "Awaitable[Any]") -> None:
        # Take this chat's place in line before the first await: PTB starts one task per update
        # in the order they arrived, and its slot semaphore hands slots out in that order.
        key = chat_key(update)
        if key is not None and self._heard is not None:
            self._heard(key)
        before = self._tails.get(key) if key is not None else None
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if key is not None:
            self._tails[key] = mine
        try:
            if before is not None:
                await asyncio.shield(before)
            await coroutine
        finally:
            mine.set_result(None)
            if key is not None and self._tails.get(key) is mine:
                del self._tails[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
