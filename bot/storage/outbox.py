"""The one outbox: everything the bot must deliver, recorded before it is sent.

An `OutboxBatch` is one thing to send to an audience: a report card to the rooms that handle
its commune, a status notice to a reporter, a notice to every resident of a province. It is
expanded, in chunks, into one `OutboxRow` per recipient; each row is claimed by a sender,
sent, and marked. Rows of residents point at `users` with ON DELETE CASCADE, so erasing a
resident also erases what was queued for them.
"""

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow


class OutboxBatch(Base):
    """What to send (`kind` names the renderer, `item_id` the thing rendered) and to whom
    (`audience` names the expander, `audience_code` its argument). A bulk batch is a broadcast:
    paced at the bulk rate, listed in /broadcasts, with live progress for its author."""

    __tablename__ = "outbox_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    item_id: Mapped[int] = mapped_column(Integer)
    audience: Mapped[str] = mapped_column(String(32))
    audience_code: Mapped[int] = mapped_column(BigInteger)
    bulk: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    # filling → sending → done; or cancelled (pending part stopped), withdrawn (copies deleted)
    status: Mapped[str] = mapped_column(String(16), default="filling")
    # Expansion position: the audience's last key already turned into rows.
    cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None]
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(Integer)
    progress_at: Mapped[datetime | None]
    progress_text: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    filled_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # Rows pruned after the retention period, counted by state: the batch's figures keep them.
    pruned: Mapped[dict[str, int] | None] = mapped_column(JSON)

    __table_args__ = (
        Index("ix_outbox_batches_due", "status", "due_at"),
        Index("ix_outbox_batches_item", "kind", "item_id"),
    )


class OutboxRow(Base):
    """One recipient of a batch. `state`: pending → sending (leased) → sent; or unreachable
    (blocked, deactivated, gone), failed (parked after repeated errors), skipped (nothing left
    to send), cancelled; sent copies of a withdrawn broadcast go deleting → deleted."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("outbox_batches.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    item_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    locale: Mapped[str] = mapped_column(String(8))
    bulk: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    message_ids: Mapped[list[int] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(String(200))
    alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        UniqueConstraint("batch_id", "chat_id"),
        Index("ix_outbox_due", "state", "not_before"),
        Index("ix_outbox_batch_state", "batch_id", "state"),
        Index("ix_outbox_user", "user_id"),
    )
