"""The inbox: every update Telegram sent, written before Telegram is answered.

`update_id` is the key, so a second delivery of one update (Telegram retries a webhook call it
saw fail) is a row that already exists. `chat_key` orders the work: of one chat only the oldest
open update is ever handed out, whichever process asks. Rows are kept for a while after they
are handled (so late repeats are still recognised), then pruned.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow


class InboxUpdate(Base):
    """`state`: pending → processing (leased to one process) → done; or back to pending with a
    later `not_before` after a failure, and failed (parked) after the last attempt."""

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # The chat whose order the update belongs to (else its user); None: no order to keep.
    chat_key: Mapped[int | None] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None]
    processed_at: Mapped[datetime | None]
    # When the press or inline query the update carries was answered: Telegram takes one
    # answer, and a retry (in this process or another) must not give a second.
    answered_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        Index("ix_inbox_due", "state", "not_before"),
        Index("ix_inbox_chat", "chat_key", "update_id"),
        Index("ix_inbox_processed", "processed_at"),
    )
