"""The one outbox for everything that must arrive: report cards, status notices, corrections,
rumor answers, notices to every resident of a province.

A feature queues a batch (`queue`, inside its own transaction, so the change and the promise to
tell people are one), naming what is sent (`kind`, `item_id`: the renderer the sender will use)
and to whom (`audience`, `audience_code`: an expander registered here by the feature). The
sender fills due batches into one row per recipient, in chunks of `FILL_CHUNK` rows per
transaction (a broadcast to 100,000 residents never sits in one transaction or in memory), then
claims rows, sends them and marks them. A row is recorded before it is sent and marked after,
so a crash leaves at most a repeat of what was in flight, never a loss.

Claims use `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several processes never take the same
row; SQLite has one writer at a time and needs nothing more.
"""

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, and_, bindparam, case, delete, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.db import Database
from bot.storage.models import User, utcnow
from bot.storage.outbox import OutboxBatch, OutboxRow

log = logging.getLogger(__name__)

FILL_CHUNK = 1000
LEASE = timedelta(seconds=60)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(minutes=15)
MAX_ATTEMPTS = 8  # then a row is parked as failed (an error Telegram keeps giving)
DELETE_WITHIN = timedelta(hours=48)  # Telegram lets a bot delete its messages this long
# Rows of a batch finished this long ago are pruned, its figures kept on the batch. Longer than
# DELETE_WITHIN: a withdrawal needs the ids of the copies it deletes.
RETENTION = timedelta(days=14)
PRUNE_BATCHES = 100  # per call, so one pruning never holds a long transaction
FINISHED = ("sent", "unreachable", "failed", "skipped", "cancelled", "deleting", "deleted")
PRUNED_STATES = tuple(state for state in FINISHED if state != "deleting")


@dataclass(frozen=True)
class Recipient:
    chat_id: int
    locale: str
    user_id: int | None = None
    not_before: datetime | None = None  # quiet hours: not before they end


@dataclass(frozen=True)
class Batch:
    id: int
    kind: str
    item_id: int
    audience: str
    audience_code: int
    bulk: bool
    urgent: bool
    status: str
    due_at: datetime
    author_id: int | None
    progress_chat_id: int | None
    progress_message_id: int | None
    progress_text: str | None
    created_at: datetime
    filled_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True)
class Fill:
    """One chunk of an audience: recipients, and the cursor to continue from (None: done)."""

    recipients: Sequence[Recipient]
    cursor: int | None


# An expander: the batch being filled, the cursor to continue after, how many at most, "now".
Expander = Callable[[AsyncSession, Batch, int, int, datetime], Awaitable[Fill]]


@dataclass(frozen=True)
class Delivery:
    """One row, as the sender sees it."""

    id: int
    batch_id: int
    kind: str
    item_id: int
    chat_id: int
    user_id: int | None
    locale: str
    bulk: bool
    attempts: int
    alerted: bool
    created_at: datetime
    message_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Figures:
    """A batch's progress, counted from its rows."""

    total: int = 0
    sent: int = 0
    unreachable: int = 0
    failed: int = 0
    skipped: int = 0
    cancelled: int = 0
    deleted: int = 0
    pending: int = 0
    waiting_quiet: int = 0  # pending, but not before the end of their quiet hours
    filling: bool = False
    by_state: dict[str, int] = field(default_factory=dict)

    @property
    def not_received(self) -> int:
        return self.unreachable + self.failed

    @property
    def done(self) -> int:
        return self.total - self.pending


@dataclass(frozen=True)
class BatchSpec:
    kind: str
    item_id: int
    audience: str
    audience_code: int
    bulk: bool = False
    urgent: bool = False
    due_at: datetime | None = None
    author_id: int | None = None


def queue(session: AsyncSession, spec: BatchSpec, now: datetime | None = None) -> OutboxBatch:
    """Promise a delivery, inside the caller's transaction."""
    now = now or utcnow()
    batch = OutboxBatch(
        kind=spec.kind,
        item_id=spec.item_id,
        audience=spec.audience,
        audience_code=spec.audience_code,
        bulk=spec.bulk,
        urgent=spec.urgent,
        status="filling",
        cursor=0,
        due_at=spec.due_at or now,
        author_id=spec.author_id,
        created_at=now,
    )
    session.add(batch)
    return batch


class Outbox:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._expanders: dict[str, Expander] = {}

    def audience(self, name: str, expander: Expander) -> None:
        """Register who `name` means. Features do this when the services are built."""
        self._expanders[name] = expander

    async def queue(self, spec: BatchSpec) -> int:
        async with self.db.transaction() as session:
            batch = queue(session, spec)
            await session.flush()
            return batch.id

    # ---- filling ------------------------------------------------------------------------
    async def fill(self, now: datetime, *, bulk: bool) -> list[int]:
        """Expand the batches that are due, one chunk each per call, so a huge broadcast and a
        report card filed meanwhile both make progress. Returns the batches that got rows."""
        touched = []
        for batch_id in await self._claim_batches(now, bulk):
            if await self._fill_chunk(batch_id, now):
                touched.append(batch_id)
        return touched

    async def _claim_batches(self, now: datetime, bulk: bool) -> list[int]:
        async with self.db.transaction() as session:
            due = (
                select(OutboxBatch.id)
                .where(
                    OutboxBatch.status == "filling",
                    OutboxBatch.bulk.is_(bulk),
                    OutboxBatch.due_at <= now,
                    or_(OutboxBatch.lease_until.is_(None), OutboxBatch.lease_until < now),
                )
                .order_by(OutboxBatch.id)
                .limit(20)
                .with_for_update(skip_locked=True)
            )
            ids = list(await session.scalars(due))
            if ids:
                await session.execute(
                    update(OutboxBatch)
                    .where(OutboxBatch.id.in_(ids))
                    .values(lease_until=now + LEASE)
                )
            return ids

    async def _fill_chunk(self, batch_id: int, now: datetime) -> bool:
        async with self.db.transaction() as session:
            row = await session.get(OutboxBatch, batch_id)
            if row is None or row.status != "filling":
                return False
            expander = self._expanders.get(row.audience)
            if expander is None:
                log.error("batch %s: no audience %r; left unfilled", batch_id, row.audience)
                return False
            chunk = await expander(session, batch_of(row), row.cursor, FILL_CHUNK, now)
            if chunk.recipients:
                await _insert_rows(session, row, chunk.recipients, now)
            if chunk.cursor is None:
                row.status, row.filled_at = "sending", now
            else:
                row.cursor = chunk.cursor
            row.lease_until = None
            return bool(chunk.recipients)

    # ---- claiming and marking ------------------------------------------------------------
    async def claim(
        self, now: datetime, *, bulk: bool, limit: int, skip_chats: Sequence[int] = ()
    ) -> list[Delivery]:
        """Due rows, leased to this process for `LEASE` (a crash only delays them), oldest
        first. Rows of chats Telegram asked us to leave alone are left for later."""
        async with self.db.transaction() as session:
            due = (
                select(OutboxRow.id)
                .where(
                    OutboxRow.bulk.is_(bulk),
                    or_(
                        and_(OutboxRow.state == "pending", OutboxRow.not_before <= now),
                        and_(OutboxRow.state == "sending", OutboxRow.lease_until < now),
                    ),
                )
                .order_by(OutboxRow.not_before, OutboxRow.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            if skip_chats:
                due = due.where(OutboxRow.chat_id.not_in(list(skip_chats)))
            ids = list(await session.scalars(due))
            if not ids:
                return []
            await session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids))
                .values(state="sending", lease_until=now + LEASE)
            )
            rows = await session.scalars(
                select(OutboxRow).where(OutboxRow.id.in_(ids)).order_by(OutboxRow.id)
            )
            return [delivery_of(row) for row in rows]

    async def release_leases(self, *, bulk: bool) -> int:
        """Rows a dead process had leased: send them now instead of after the lease. Called by
        the process that took over the bulk sending (or the only process, at start)."""
        async with self.db.transaction() as session:
            result = await session.execute(
                update(OutboxRow)
                .where(OutboxRow.state == "sending", OutboxRow.bulk.is_(bulk))
                .values(state="pending", lease_until=None)
            )
            await session.execute(
                update(OutboxBatch)
                .where(OutboxBatch.status == "filling", OutboxBatch.bulk.is_(bulk))
                .values(lease_until=None)
            )
            return int(getattr(result, "rowcount", 0) or 0)

    async def sent(self, done: Sequence[tuple[int, Sequence[int]]], now: datetime) -> None:
        """Mark rows sent, with the ids of the messages that carried them (for withdrawal).
        Several at once: one transaction for a whole burst of a broadcast."""
        if not done:
            return
        async with self.db.transaction() as session:
            table = OutboxRow.__table__
            assert isinstance(table, Table)
            await session.execute(
                update(table)
                .where(table.c.id == bindparam("row"), table.c.state == "sending")
                .values(state="sent", sent_at=now, message_ids=bindparam("ids")),
                [{"row": delivery_id, "ids": list(ids)} for delivery_id, ids in done],
            )

    async def finish(self, delivery_id: int, state: str, error: str | None = None) -> None:
        """Close a row without sending it: unreachable, skipped or failed."""
        async with self.db.transaction() as session:
            await session.execute(
                update(OutboxRow)
                .where(OutboxRow.id == delivery_id)
                .values(state=state, error=(error or None) and error[:200], lease_until=None)
            )

    async def unreachable(self, delivery: Delivery, error: str) -> None:
        """The resident blocked the bot, deleted the account or cannot be found: skip them
        in every broadcast until they write again."""
        async with self.db.transaction() as session:
            await session.execute(
                update(OutboxRow)
                .where(OutboxRow.id == delivery.id)
                .values(state="unreachable", error=error[:200], lease_until=None)
            )
            if delivery.user_id is not None:
                await session.execute(
                    update(User)
                    .where(User.id == delivery.user_id, User.unreachable_at.is_(None))
                    .values(unreachable_at=utcnow())
                )

    async def later(
        self, delivery_id: int, at: datetime, *, error: str | None = None, attempt: bool = True
    ) -> tuple[int, bool]:
        """Try a row again at `at`. Counted attempts end in "failed" after MAX_ATTEMPTS.
        Returns (attempts, first_failure): the first counted failure is when admins hear."""
        async with self.db.transaction() as session:
            row = await session.get(OutboxRow, delivery_id)
            if row is None:
                return 0, False
            first = False
            if attempt:
                row.attempts += 1
                first = not row.alerted
                row.alerted = True
            row.error = error[:200] if error else row.error
            if attempt and row.attempts >= MAX_ATTEMPTS and row.user_id is not None:
                row.state, row.lease_until = "failed", None
            else:
                row.state, row.not_before, row.lease_until = "pending", at, None
            return row.attempts, first

    @staticmethod
    def backoff(attempts: int) -> timedelta:
        delay: timedelta = FIRST_RETRY * 2 ** min(max(attempts - 1, 0), 10)
        return min(delay, LONGEST_RETRY)

    # ---- batches: progress, cancel, withdraw ----------------------------------------------
    async def batch(self, batch_id: int) -> Batch | None:
        async with self.db.transaction() as session:
            row = await session.get(OutboxBatch, batch_id)
            return batch_of(row) if row else None

    async def batches_of(self, kind: str, item_id: int) -> list[Batch]:
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(OutboxBatch)
                .where(OutboxBatch.kind == kind, OutboxBatch.item_id == item_id)
                .order_by(OutboxBatch.id)
            )
            return [batch_of(row) for row in rows]

    async def figures(self, batch_id: int, now: datetime | None = None) -> Figures:
        now = now or utcnow()
        async with self.db.transaction() as session:
            batch = await session.get(OutboxBatch, batch_id)
            rows = await session.execute(
                select(OutboxRow.state, func.count())
                .where(OutboxRow.batch_id == batch_id)
                .group_by(OutboxRow.state)
            )
            counts: dict[str, int] = {state: int(n) for state, n in rows.all()}
            for state, n in ((batch.pruned if batch is not None else None) or {}).items():
                counts[state] = counts.get(state, 0) + int(n)
            quiet = await session.scalar(
                select(func.count()).where(
                    OutboxRow.batch_id == batch_id,
                    OutboxRow.state == "pending",
                    OutboxRow.not_before > now + timedelta(minutes=1),
                )
            )
        pending = counts.get("pending", 0) + counts.get("sending", 0)
        return Figures(
            total=sum(counts.values()),
            sent=counts.get("sent", 0) + counts.get("deleting", 0) + counts.get("deleted", 0),
            unreachable=counts.get("unreachable", 0),
            failed=counts.get("failed", 0),
            skipped=counts.get("skipped", 0),
            cancelled=counts.get("cancelled", 0),
            deleted=counts.get("deleted", 0),
            pending=pending,
            waiting_quiet=int(quiet or 0),
            filling=batch is not None and batch.status == "filling",
            by_state=counts,
        )

    async def finished_batches(self, now: datetime) -> list[int]:
        """Mark as finished the batches with nothing left to do: sending ones with nothing
        pending (done), withdrawn ones whose copies are all deleted. Returns their ids."""
        async with self.db.transaction() as session:
            open_batches = list(
                await session.execute(
                    select(OutboxBatch.id, OutboxBatch.status)
                    .where(
                        OutboxBatch.status.in_(("sending", "withdrawn")),
                        OutboxBatch.finished_at.is_(None),
                    )
                    .limit(200)
                )
            )
            done = []
            for batch_id, status in open_batches:
                waiting = ("pending", "sending") if status == "sending" else ("deleting",)
                left = await session.scalar(
                    select(OutboxRow.id)
                    .where(OutboxRow.batch_id == batch_id, OutboxRow.state.in_(waiting))
                    .limit(1)
                )
                if left is None:
                    await session.execute(
                        update(OutboxBatch)
                        .where(OutboxBatch.id == batch_id, OutboxBatch.finished_at.is_(None))
                        .values(status="done" if status == "sending" else status, finished_at=now)
                    )
                    done.append(batch_id)
            return done

    async def prune(self, now: datetime | None = None, keep: timedelta = RETENTION) -> int:
        """Delete the rows of batches finished more than `keep` ago, adding their counts by
        state to the batch (`pruned`), so /broadcasts and `binhyen broadcasts` still show the
        totals. Returns how many rows went."""
        now = now or utcnow()
        removed = 0
        async with self.db.transaction() as session:
            batches = list(
                await session.scalars(
                    select(OutboxBatch)
                    .where(
                        OutboxBatch.finished_at.is_not(None),
                        OutboxBatch.finished_at < now - keep,
                        OutboxBatch.status.in_(("done", "cancelled", "withdrawn")),
                        select(OutboxRow.id).where(OutboxRow.batch_id == OutboxBatch.id).exists(),
                    )
                    .order_by(OutboxBatch.id)
                    .limit(PRUNE_BATCHES)
                    .with_for_update(skip_locked=True)
                )
            )
            for batch in batches:
                counts = await session.execute(
                    select(OutboxRow.state, func.count())
                    .where(OutboxRow.batch_id == batch.id, OutboxRow.state.in_(PRUNED_STATES))
                    .group_by(OutboxRow.state)
                )
                pruned = dict(batch.pruned or {})
                for state, n in counts.all():
                    pruned[state] = pruned.get(state, 0) + int(n)
                    removed += int(n)
                batch.pruned = pruned
                await session.execute(
                    delete(OutboxRow).where(
                        OutboxRow.batch_id == batch.id, OutboxRow.state.in_(PRUNED_STATES)
                    )
                )
        return removed

    async def cancel(self, batch_id: int, now: datetime | None = None) -> int:
        """Stop what is still pending of a batch (rows being sent right now finish).
        Returns how many recipients will not get it."""
        now = now or utcnow()
        async with self.db.transaction() as session:
            batch = await session.get(OutboxBatch, batch_id)
            if batch is None or batch.status in ("done", "cancelled", "withdrawn"):
                return 0
            result = await session.execute(
                update(OutboxRow)
                .where(OutboxRow.batch_id == batch_id, OutboxRow.state == "pending")
                .values(state="cancelled")
            )
            batch.status, batch.finished_at = "cancelled", now
            return int(getattr(result, "rowcount", 0) or 0)

    async def withdraw(self, kind: str, item_id: int, now: datetime | None = None) -> int:
        async with self.db.transaction() as session:
            return await withdraw_in(session, kind, item_id, now or utcnow())

    async def claim_deletions(self, now: datetime, limit: int) -> list[Delivery]:
        async with self.db.transaction() as session:
            due = (
                select(OutboxRow.id)
                .where(
                    OutboxRow.state == "deleting",
                    or_(OutboxRow.lease_until.is_(None), OutboxRow.lease_until < now),
                )
                .order_by(OutboxRow.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            ids = list(await session.scalars(due))
            if not ids:
                return []
            await session.execute(
                update(OutboxRow).where(OutboxRow.id.in_(ids)).values(lease_until=now + LEASE)
            )
            rows = await session.scalars(select(OutboxRow).where(OutboxRow.id.in_(ids)))
            return [delivery_of(row) for row in rows]

    async def deleted(self, delivery_id: int) -> None:
        await self.finish(delivery_id, "deleted")

    async def recent_broadcasts(
        self, *, author_id: int | None = None, limit: int = 10
    ) -> list[Batch]:
        async with self.db.transaction() as session:
            query = select(OutboxBatch).where(OutboxBatch.bulk.is_(True))
            if author_id is not None:
                query = query.where(OutboxBatch.author_id == author_id)
            rows = await session.scalars(query.order_by(OutboxBatch.id.desc()).limit(limit))
            return [batch_of(row) for row in rows]

    async def progress_due(self, now: datetime, every: timedelta) -> list[Batch]:
        """Broadcasts whose author's progress message should be brought up to date."""
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(OutboxBatch).where(
                    OutboxBatch.progress_message_id.is_not(None),
                    or_(
                        OutboxBatch.finished_at.is_(None),
                        OutboxBatch.progress_at.is_(None),
                        OutboxBatch.progress_at <= OutboxBatch.finished_at,
                    ),
                    or_(
                        OutboxBatch.progress_at.is_(None),
                        OutboxBatch.progress_at <= now - every,
                        OutboxBatch.finished_at.is_not(None),
                    ),
                )
            )
            return [batch_of(row) for row in rows]

    async def set_progress(
        self,
        batch_id: int,
        *,
        now: datetime,
        text: str | None = None,
        chat_id: int | None = None,
        message_id: int | None = None,
        before_finish: bool = False,
    ) -> None:
        """Record what the author's progress message shows, as of `now`. `before_finish`: the
        figures shown were read while the batch was still running; if it finished (a Stop)
        meanwhile, the moment recorded is the finish, so the final figures are still due."""
        values: dict[str, Any] = {"progress_at": now}
        if before_finish:
            finished = OutboxBatch.finished_at
            values["progress_at"] = case(
                (and_(finished.is_not(None), finished < now), finished),
                else_=literal(now, finished.type),
            )
        if text is not None:
            values["progress_text"] = text
        if chat_id is not None:
            values["progress_chat_id"] = chat_id
        if message_id is not None:
            values["progress_message_id"] = message_id
        async with self.db.transaction() as session:
            await session.execute(
                update(OutboxBatch).where(OutboxBatch.id == batch_id).values(values)
            )


async def withdraw_in(session: AsyncSession, kind: str, item_id: int, now: datetime) -> int:
    """Stop every batch of this item and queue the deletion of the copies Telegram still lets
    us delete (younger than 48 hours), inside the caller's transaction. Returns how many
    copies will be deleted."""
    batches = list(
        await session.scalars(
            select(OutboxBatch).where(OutboxBatch.kind == kind, OutboxBatch.item_id == item_id)
        )
    )
    ids = [b.id for b in batches]
    if not ids:
        return 0
    await session.execute(
        update(OutboxRow)
        .where(OutboxRow.batch_id.in_(ids), OutboxRow.state == "pending")
        .values(state="cancelled")
    )
    deleting = await session.execute(
        update(OutboxRow)
        .where(
            OutboxRow.batch_id.in_(ids),
            OutboxRow.state == "sent",
            OutboxRow.sent_at > now - DELETE_WITHIN,
        )
        .values(state="deleting", not_before=now, lease_until=None)
    )
    for batch in batches:
        # Finished again once its copies are deleted, so its author sees the count.
        batch.status, batch.finished_at = "withdrawn", None
    return int(getattr(deleting, "rowcount", 0) or 0)


async def _insert_rows(
    session: AsyncSession, batch: OutboxBatch, recipients: Sequence[Recipient], now: datetime
) -> None:
    """One INSERT for a chunk; a recipient already in the batch (two scopes, a refill after a
    crash) is not added twice."""
    values = [
        {
            "batch_id": batch.id,
            "kind": batch.kind,
            "item_id": batch.item_id,
            "user_id": r.user_id,
            "chat_id": r.chat_id,
            "locale": r.locale,
            "bulk": batch.bulk,
            "state": "pending",
            "attempts": 0,
            "not_before": r.not_before or now,
            "alerted": False,
            "created_at": now,
        }
        for r in dict((r.chat_id, r) for r in recipients).values()
    ]
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(OutboxRow)
    await session.execute(
        statement.on_conflict_do_nothing(index_elements=["batch_id", "chat_id"]), values
    )


def batch_of(row: OutboxBatch) -> Batch:
    return Batch(
        id=row.id,
        kind=row.kind,
        item_id=row.item_id,
        audience=row.audience,
        audience_code=row.audience_code,
        bulk=row.bulk,
        urgent=row.urgent,
        status=row.status,
        due_at=row.due_at,
        author_id=row.author_id,
        progress_chat_id=row.progress_chat_id,
        progress_message_id=row.progress_message_id,
        progress_text=row.progress_text,
        created_at=row.created_at,
        filled_at=row.filled_at,
        finished_at=row.finished_at,
    )


def delivery_of(row: OutboxRow) -> Delivery:
    return Delivery(
        id=row.id,
        batch_id=row.batch_id,
        kind=row.kind,
        item_id=row.item_id,
        chat_id=row.chat_id,
        user_id=row.user_id,
        locale=row.locale,
        bulk=row.bulk,
        attempts=row.attempts,
        alerted=row.alerted,
        created_at=row.created_at,
        message_ids=tuple(row.message_ids or ()),
    )
