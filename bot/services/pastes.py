"""Long texts that arrive in parts: what has come of each so far, per chat and sender. The
handlers decide what a part is (bot/handlers/pastes.py); this only keeps them, so a restart
between two parts loses nothing."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from bot.storage.db import Database
from bot.storage.pastes import PastedText


@dataclass(frozen=True)
class Paste:
    """The first part's message, its text and entities those of every part so far, joined."""

    chat_id: int
    user_id: int
    message: dict[str, Any]
    parts: int
    last_message_id: int
    last_sent_at: datetime

    @property
    def text(self) -> str:
        return str(self.message.get("text") or "")


def _paste(row: PastedText) -> Paste:
    return Paste(
        row.chat_id,
        row.user_id,
        dict(row.message),
        row.parts,
        row.last_message_id,
        row.last_sent_at,
    )


class Pastes:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def held(self, chat_id: int, user_id: int) -> Paste | None:
        async with self.db.transaction() as session:
            row = await session.get(PastedText, (chat_id, user_id))
            return _paste(row) if row is not None else None

    async def hold(self, paste: Paste) -> None:
        """Keep the paste as it is now (a first part, or one more part joined)."""
        async with self.db.transaction() as session:
            await session.merge(
                PastedText(
                    chat_id=paste.chat_id,
                    user_id=paste.user_id,
                    message=paste.message,
                    parts=paste.parts,
                    last_message_id=paste.last_message_id,
                    last_sent_at=paste.last_sent_at,
                )
            )

    async def take(
        self, chat_id: int, user_id: int, last_message_id: int | None = None
    ) -> Paste | None:
        """The paste, forgotten here: whoever takes it handles it, once. With
        `last_message_id`, only if no part came after that one."""
        async with self.db.transaction() as session:
            row = await session.get(PastedText, (chat_id, user_id))
            if row is None or last_message_id not in (None, row.last_message_id):
                return None
            paste = _paste(row)
            deleted = await session.execute(
                delete(PastedText).where(
                    PastedText.chat_id == chat_id,
                    PastedText.user_id == user_id,
                    PastedText.last_message_id == row.last_message_id,
                )
            )
            return paste if deleted.rowcount == 1 else None  # type: ignore[attr-defined]

    async def all(self) -> list[Paste]:
        async with self.db.transaction() as session:
            return [_paste(row) for row in await session.scalars(select(PastedText))]
