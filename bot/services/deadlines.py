"""Deadlines: a reminder in the room when a report is not taken up in time, escalation to the
province when it still is not, and a reminder when a report in hand has had no update for days.

The due-times live with the report (`acknowledge_due_at`, `updated_at`) and what was done is
recorded there too (`ack_reminded_at`, `escalated`, `update_reminded_at`), in the same
transaction that queues the message in the outbox — so a restart neither loses nor repeats a
reminder or an escalation, and two processes cannot both send one.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.report_lifecycle import escalate_in
from bot.services.reports import DueWindows, Status, queue_for_rooms
from bot.storage.db import Database
from bot.storage.reports import Report

log = logging.getLogger(__name__)

WAITING = (Status.NEW, Status.TRANSFERRED)
WORKING = (Status.ACKNOWLEDGED, Status.IN_PROGRESS)


@dataclass(frozen=True)
class DeadlinePolicy:
    """How long after the acknowledgement was due to escalate (the reminder goes at the due
    time itself, 15 min / 4 h after filing by default), and how long without an update before a
    reminder. Keyed by `urgent`."""

    escalate_after: dict[bool, timedelta] = field(
        default_factory=lambda: {True: timedelta(minutes=15), False: timedelta(hours=4)}
    )
    stale_after: dict[bool, timedelta] = field(
        default_factory=lambda: {True: timedelta(days=3), False: timedelta(days=3)}
    )

    @classmethod
    def of(cls, windows: DueWindows) -> "DeadlinePolicy":
        """The operator's windows: escalation one more acknowledgement window after the
        reminder, the same quiet period whatever the urgency."""
        return cls(
            escalate_after={True: windows.acknowledge_urgent, False: windows.acknowledge_normal},
            stale_after={True: windows.stale, False: windows.stale},
        )


@dataclass(frozen=True)
class DeadlineRun:
    reminded: tuple[str, ...]
    escalated: tuple[str, ...]
    stale: tuple[str, ...]


class Deadlines:
    def __init__(self, db: Database, policy: DeadlinePolicy | None = None) -> None:
        self.db = db
        self.policy = policy or DeadlinePolicy()

    async def run(self, now: datetime) -> DeadlineRun:
        return DeadlineRun(
            reminded=await self._remind_unacknowledged(now),
            escalated=await self._escalate(now),
            stale=await self._remind_stale(now),
        )

    async def _remind_unacknowledged(self, now: datetime) -> tuple[str, ...]:
        async with self.db.transaction() as session:
            rows = await session.execute(
                select(Report.id, Report.code).where(
                    Report.status.in_(WAITING),
                    Report.acknowledge_due_at <= now,
                    Report.ack_reminded_at.is_(None),
                )
            )
            done = []
            for report_id, code in rows.all():
                if await _claim(session, report_id, Report.ack_reminded_at.is_(None), now):
                    queue_for_rooms(session, "room_reminder", report_id, report_id, now)
                    done.append(code)
        return tuple(done)

    async def _escalate(self, now: datetime) -> tuple[str, ...]:
        async with self.db.transaction() as session:
            rows = await session.execute(
                select(Report.id, Report.code, Report.urgent, Report.acknowledge_due_at).where(
                    Report.status.in_(WAITING),
                    Report.ack_reminded_at.is_not(None),
                    Report.escalated.is_(False),
                    Report.acknowledge_due_at.is_not(None),
                )
            )
            done = []
            for report_id, code, urgent, due in rows.all():
                if due is None or due + self.policy.escalate_after[urgent] > now:
                    continue
                if await escalate_in(session, report_id, now):
                    done.append(code)
        for code in done:
            log.info("report %s escalated: not acknowledged in time", code)
        return tuple(done)

    async def _remind_stale(self, now: datetime) -> tuple[str, ...]:
        # Not reminded since the last update.
        fresh = or_(
            Report.update_reminded_at.is_(None), Report.update_reminded_at < Report.updated_at
        )
        async with self.db.transaction() as session:
            rows = await session.execute(
                select(Report.id, Report.code, Report.urgent, Report.updated_at).where(
                    Report.status.in_(WORKING), fresh
                )
            )
            done = []
            for report_id, code, urgent, updated_at in rows.all():
                if updated_at + self.policy.stale_after[urgent] > now:
                    continue
                if await _claim(session, report_id, fresh, now, column="update_reminded_at"):
                    queue_for_rooms(session, "room_stale", report_id, report_id, now)
                    done.append(code)
        return tuple(done)


async def _claim(
    session: AsyncSession,
    report_id: int,
    condition: ColumnElement[bool],
    now: datetime,
    column: str = "ack_reminded_at",
) -> bool:
    """Record what is being done, only if nobody did it yet; `updated_at` is kept, since a
    reminder is not an update of the report."""
    values: dict[str, object] = {column: now, "updated_at": Report.updated_at}
    result = await session.execute(
        update(Report).where(Report.id == report_id, condition).values(values)
    )
    return bool(getattr(result, "rowcount", 0))
