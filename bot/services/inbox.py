"""The inbox: updates are recorded before Telegram is answered, then handed out to the
processes that handle them, each chat's in order.

`receive` ignores an update_id it already holds (Telegram delivers again what it thinks was not
taken). `claim` hands out, oldest first, only updates whose chat has nothing older still open
(pending, being handled, or waiting to be tried again): a resident's album, then their text,
never race, whichever processes take them; different chats go in parallel. On PostgreSQL the
claim locks what it takes with `FOR UPDATE SKIP LOCKED`, and a row locked by another claim
also keeps the rest of its chat out of this one (it is still open in this claim's snapshot).
SQLite serves one process, whose claims never overlap.

A claimed update is leased: the process renews the lease while it works, and an update whose
process died is handed out again once the lease runs out. A failed attempt is retried after a
short pause (its chat waits: order is kept), and after the last one the update is parked as
`failed` for an operator (`binhyen inbox failed`, `binhyen inbox retry ID`), and its chat goes
on.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import aliased

from bot.storage.db import Database
from bot.storage.inbox import InboxUpdate
from bot.storage.models import utcnow
from bot.storage.pastes import PastedText

LEASE = timedelta(seconds=15)
MAX_ATTEMPTS = 3
FIRST_RETRY = timedelta(seconds=1)
RETENTION = timedelta(days=2)  # Telegram stops retrying a webhook call long before this
OPEN = ("pending", "processing")
# Telegram takes the answer to a press or an inline query for about 15 s after it; the margin
# covers the way from Telegram to the inbox and clocks that disagree a little.
ANSWER_WINDOW = timedelta(seconds=12)


@dataclass(frozen=True)
class Incoming:
    update_id: int
    chat_key: int | None
    kind: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Claimed(Incoming):
    """An update handed to a process to handle."""

    attempts: int  # before this one
    received_at: datetime
    # Whether a part of a long paste was held for the chat as the update was handed out; none
    # can be held since, the chat having no other update in hand (bot/handlers/pastes.py).
    paste_held: bool


@dataclass(frozen=True)
class Parked:
    update_id: int
    kind: str
    received_at: datetime
    attempts: int
    error: str | None


@dataclass(frozen=True)
class Depth:
    pending: int
    oldest_pending_seconds: float
    failed: int


def incoming(payload: dict[str, Any]) -> Incoming | None:
    """What the inbox keeps of an update as Telegram sent it; None when it is not one (no
    integer update_id, or no object besides it)."""
    update_id = payload.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return None
    kinds = [
        key for key, value in payload.items() if key != "update_id" and isinstance(value, dict)
    ]
    if not kinds:
        return None
    body = payload[kinds[0]]
    chat = body.get("chat") or (body.get("message") or {}).get("chat") or {}
    user = body.get("from") or {}
    key = chat.get("id", user.get("id"))
    return Incoming(update_id, key if isinstance(key, int) else None, kinds[0][:32], payload)


class Inbox:
    def __init__(
        self, db: Database, *, lease: timedelta = LEASE, first_retry: timedelta = FIRST_RETRY
    ) -> None:
        self.db = db
        self.lease = lease
        self.first_retry = first_retry

    async def receive(self, updates: Sequence[Incoming], now: datetime | None = None) -> set[int]:
        """Record updates; returns the ids that were new (the others were seen before)."""
        if not updates:
            return set()
        now = now or utcnow()
        values = [
            {
                "update_id": u.update_id,
                "chat_key": u.chat_key,
                "kind": u.kind,
                "payload": u.payload,
                "received_at": now,
                "state": "pending",
                "attempts": 0,
                "not_before": now,
            }
            for u in {u.update_id: u for u in updates}.values()
        ]
        async with self.db.statement() as session:
            result = await session.execute(
                self.db.insert(InboxUpdate)
                .on_conflict_do_nothing(index_elements=["update_id"])
                .returning(InboxUpdate.update_id),
                values,
            )
            return {int(update_id) for (update_id,) in result.all()}

    async def claim(self, limit: int, now: datetime | None = None) -> list[Claimed]:
        """Updates due now whose chat has nothing older open, leased to the caller."""
        now = now or utcnow()
        earlier = aliased(InboxUpdate)
        older_open = exists().where(
            earlier.chat_key == InboxUpdate.chat_key,
            earlier.update_id < InboxUpdate.update_id,
            earlier.state.in_(OPEN),
        )
        due = (
            select(InboxUpdate.update_id)
            .where(
                or_(
                    and_(InboxUpdate.state == "pending", InboxUpdate.not_before <= now),
                    and_(InboxUpdate.state == "processing", InboxUpdate.lease_until < now),
                ),
                ~older_open,
            )
            .order_by(InboxUpdate.update_id)
            .limit(limit)
            .with_for_update(skip_locked=True)
            .cte("due")
            # Taken once: an UPDATE over a LIMITed SKIP LOCKED subquery that PostgreSQL runs
            # again (the inner side of a join) would lock other rows each time, past the limit.
            .prefix_with("MATERIALIZED", dialect="postgresql")
        )
        async with self.db.statement() as session:
            rows = await session.execute(
                update(InboxUpdate)
                .where(InboxUpdate.update_id.in_(select(due.c.update_id)))
                .values(state="processing", lease_until=now + self.lease)
                .returning(
                    InboxUpdate.update_id,
                    InboxUpdate.chat_key,
                    InboxUpdate.kind,
                    InboxUpdate.payload,
                    InboxUpdate.attempts,
                    InboxUpdate.received_at,
                    exists().where(PastedText.chat_id == InboxUpdate.chat_key),
                )
                .execution_options(synchronize_session=False)
            )
            return sorted((Claimed(*row) for row in rows), key=lambda c: c.update_id)

    async def renew(self, update_ids: Sequence[int], now: datetime | None = None) -> None:
        """Keep the updates this process is still handling."""
        await self._in_hand(update_ids, lease_until=(now or utcnow()) + self.lease)

    async def done(self, update_ids: Sequence[int], now: datetime | None = None) -> None:
        """Record updates as handled (several in one write: a busy process finishes many at
        once)."""
        if not update_ids:
            return
        async with self.db.statement() as session:
            await session.execute(
                update(InboxUpdate)
                .where(InboxUpdate.update_id.in_(list(update_ids)))
                .values(state="done", processed_at=now or utcnow(), lease_until=None, error=None)
            )

    async def claim_answer(self, update_id: int, now: datetime | None = None) -> bool:
        """Whether the caller may answer the press or inline query of this update: once, the
        first to ask, whichever process or attempt that is, and only while Telegram still
        takes an answer (an update retried after its process died often comes too late)."""
        now = now or utcnow()
        async with self.db.statement() as session:
            result = await session.execute(
                update(InboxUpdate)
                .where(
                    InboxUpdate.update_id == update_id,
                    InboxUpdate.answered_at.is_(None),
                    InboxUpdate.received_at > now - ANSWER_WINDOW,
                )
                .values(answered_at=now)
            )
            return bool(getattr(result, "rowcount", 0))

    async def release(self, update_ids: Sequence[int]) -> None:
        """Give back updates not handled (a process stopping): another takes them at once."""
        await self._in_hand(update_ids, state="pending", lease_until=None)

    async def _in_hand(self, update_ids: Sequence[int], **values: object) -> None:
        """Change those of the updates that are still being handled (not finished since)."""
        if not update_ids:
            return
        async with self.db.statement() as session:
            await session.execute(
                update(InboxUpdate)
                .where(
                    InboxUpdate.update_id.in_(list(update_ids)),
                    InboxUpdate.state == "processing",
                )
                .values(**values)
            )

    async def failed_attempt(
        self, update_id: int, error: str, now: datetime | None = None, *, final: bool = False
    ) -> bool:
        """Count a failed attempt: try again after a pause, or park the update after the last
        attempt (at once when `final`: what cannot be read will never be). True when parked."""
        now = now or utcnow()
        async with self.db.transaction() as session:
            row = await session.get(InboxUpdate, update_id)
            if row is None:
                return False
            row.attempts += 1
            row.error = error[:200]
            row.lease_until = None
            if final or row.attempts >= MAX_ATTEMPTS:
                row.state, row.processed_at = "failed", now
                return True
            row.state = "pending"
            row.not_before = now + self.first_retry * 2 ** (row.attempts - 1)
            return False

    async def failed(self, limit: int = 50) -> list[Parked]:
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(InboxUpdate)
                .where(InboxUpdate.state == "failed")
                .order_by(InboxUpdate.update_id)
                .limit(limit)
            )
            return [Parked(r.update_id, r.kind, r.received_at, r.attempts, r.error) for r in rows]

    async def retry(self, update_id: int, now: datetime | None = None) -> bool:
        """Queue a parked update again, with its attempts counted afresh."""
        async with self.db.statement() as session:
            result = await session.execute(
                update(InboxUpdate)
                .where(InboxUpdate.update_id == update_id, InboxUpdate.state == "failed")
                .values(
                    state="pending",
                    attempts=0,
                    not_before=now or utcnow(),
                    processed_at=None,
                )
            )
            return bool(getattr(result, "rowcount", 0))

    async def prune(self, now: datetime | None = None, keep: timedelta = RETENTION) -> int:
        """Forget handled updates older than `keep`; parked ones stay for the operator."""
        now = now or utcnow()
        async with self.db.statement() as session:
            result = await session.execute(
                delete(InboxUpdate).where(
                    InboxUpdate.state == "done", InboxUpdate.processed_at < now - keep
                )
            )
            return int(getattr(result, "rowcount", 0) or 0)

    async def depth(self, now: datetime | None = None) -> Depth:
        now = now or utcnow()
        async with self.db.transaction() as session:
            pending, oldest = (
                await session.execute(
                    select(func.count(), func.min(InboxUpdate.received_at)).where(
                        InboxUpdate.state.in_(OPEN)
                    )
                )
            ).one()
            failed = await session.scalar(select(func.count()).where(InboxUpdate.state == "failed"))
        age = (now - oldest).total_seconds() if oldest is not None else 0.0
        return Depth(int(pending), max(age, 0.0), int(failed or 0))

    async def waiting(self, chat_key: int, after: int | None = None) -> bool:
        """Whether the chat has an update later than `after` (without: any) received and not
        yet handled, by this process or another."""
        query = select(InboxUpdate.update_id).where(
            InboxUpdate.chat_key == chat_key, InboxUpdate.state.in_(OPEN)
        )
        if after is not None:
            query = query.where(InboxUpdate.update_id > after)
        async with self.db.statement() as session:
            return await session.scalar(query.limit(1)) is not None

    async def open_due(self, now: datetime | None = None) -> int:
        """Open updates that are due (what a process waiting for quiet still has to do)."""
        now = now or utcnow()
        async with self.db.statement() as session:
            count = await session.scalar(
                select(func.count()).where(
                    InboxUpdate.state.in_(OPEN), InboxUpdate.not_before <= now
                )
            )
            return int(count or 0)
