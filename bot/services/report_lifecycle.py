"""A report after it is filed: status changes (each an event), and what the reporter is told
about them. Moderators act through these functions; every change the reporter is meant to see
is queued in the outbox in the same transaction, and reaches them in their own language.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.outbox import BatchSpec, queue
from bot.services.report_codes import normalise_code
from bot.services.reports import (
    CLOSED,
    DEFAULT_WINDOWS,
    DueWindows,
    Status,
    queue_for_rooms,
)
from bot.storage.db import Database
from bot.storage.models import User, utcnow
from bot.storage.reports import Report, ReportEvent

log = logging.getLogger(__name__)

UPDATE_WITHIN = {True: timedelta(hours=2), False: timedelta(hours=24)}
_WORKING = frozenset({Status.ACKNOWLEDGED, Status.IN_PROGRESS})
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset(Status) - {Status.NEW},
    Status.ACKNOWLEDGED: frozenset(Status) - {Status.NEW, Status.ACKNOWLEDGED},
    Status.IN_PROGRESS: frozenset(Status) - {Status.NEW, Status.ACKNOWLEDGED, Status.IN_PROGRESS},
    Status.TRANSFERRED: frozenset(Status) - {Status.NEW},
    # A closed report can only be reopened.
    Status.RESOLVED: frozenset({Status.IN_PROGRESS}),
    Status.REJECTED: frozenset({Status.IN_PROGRESS}),
    Status.DUPLICATE: frozenset({Status.IN_PROGRESS}),
}


class UnknownReport(LookupError):
    pass


class ConcurrentChange(RuntimeError):
    """Someone else changed the report first; `status` is what it is now."""

    def __init__(self, code: str, status: str) -> None:
        super().__init__(f"{code} is now {status}")
        self.code = code
        self.status = status


class InvalidTransition(ValueError):
    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__(f"{from_status} → {to_status}")
        self.from_status = from_status
        self.to_status = to_status


@dataclass(frozen=True)
class ReporterNotice:
    """What to tell a reporter about their report, in their language."""

    event_id: int
    kind: str
    telegram_id: int
    locale: str
    code: str
    status: str
    note: str | None
    reason: str | None = None


@dataclass(frozen=True)
class StatusChange:
    code: str
    from_status: str
    to_status: str
    notice: ReporterNotice | None


@dataclass(frozen=True)
class ReportCard:
    """What moderators may see of a report. An anonymous report carries no identity at all; its
    reporter is only its pseudonym (bot/services/pseudonyms.py)."""

    code: str
    commune_code: int
    category: str
    urgent: bool
    status: str
    text: str
    latitude: float | None
    longitude: float | None
    location_outside: bool
    address: str | None
    anonymous: bool
    reporter_name: str | None
    reporter_phone: str | None
    created_at: datetime


class ReportLifecycle:
    def __init__(self, db: Database, windows: DueWindows = DEFAULT_WINDOWS) -> None:
        self.db = db
        self.windows = windows

    async def change_status(
        self,
        code: str,
        to_status: Status,
        *,
        actor: str = "moderator",
        actor_telegram_id: int | None = None,
        note: str | None = None,
        visible: bool = True,
        commune_code: int | None = None,
        expected: Status | None = None,
        actor_name: str | None = None,
        reason: str | None = None,
    ) -> StatusChange:
        """Move a report on, record the event, reset its due-times, and queue (and return) the
        reporter's notice when the change is visible to them. A transfer names the new
        commune and queues the report for that commune's room.

        With `expected`, the change happens only if the report is still in that status — one
        conditional UPDATE, run first so that of two moderators pressing at once exactly one
        wins (the other gets ConcurrentChange) on SQLite and PostgreSQL alike."""
        now = utcnow()
        async with self.db.transaction() as session:
            if expected is not None:
                await _claim_status(session, code, expected, to_status, now)
            report = await report_by_code(session, code)
            from_status = expected or Status(report.status)
            if to_status not in TRANSITIONS[from_status]:
                raise InvalidTransition(from_status, to_status)
            if to_status is Status.TRANSFERRED:
                if commune_code is None:
                    raise ValueError("a transfer needs the new commune")
                report.commune_code = commune_code
                report.ack_reminded_at = None
                queue_for_rooms(session, "room_card", report.id, report.id, now)
            _set_due_times(report, to_status, now, self.windows)
            report.status = to_status
            report.updated_at = now
            event = ReportEvent(
                report_id=report.id,
                kind="status",
                actor=actor,
                actor_telegram_id=actor_telegram_id,
                actor_name=actor_name,
                reason=reason,
                from_status=from_status,
                to_status=to_status,
                note=note,
                visible_to_reporter=visible,
                created_at=now,
            )
            session.add(event)
            await session.flush()
            notice = await _notice(session, report, event, now)
            log.info("report %s: %s → %s", report.code, from_status, to_status)
            return StatusChange(report.code, from_status, to_status, notice)

    async def internal_note(
        self, code: str, note: str, *, actor_telegram_id: int | None = None
    ) -> None:
        """A note for moderators only: never shown or sent to the reporter."""
        async with self.db.transaction() as session:
            report = await report_by_code(session, code)
            session.add(
                ReportEvent(
                    report_id=report.id,
                    kind="note",
                    actor="moderator",
                    actor_telegram_id=actor_telegram_id,
                    note=note,
                    visible_to_reporter=False,
                    created_at=utcnow(),
                )
            )

    async def escalate(
        self,
        code: str,
        *,
        actor: str = "system",
        actor_telegram_id: int | None = None,
        actor_name: str | None = None,
        now: datetime | None = None,
    ) -> bool:
        """A moderator's or the system's escalation of a report (`escalate_in`); False if it
        was already escalated."""
        now = now or utcnow()
        async with self.db.transaction() as session:
            report = await report_by_code(session, code)
            raised = await escalate_in(
                session,
                report.id,
                now,
                actor=actor,
                actor_telegram_id=actor_telegram_id,
                actor_name=actor_name,
            )
        if raised:
            log.info("report %s escalated", report.code)
        return raised

    async def notice(self, event_id: int) -> ReporterNotice | None:
        """What to tell the reporter about this event; None once there is nobody to tell."""
        async with self.db.transaction() as session:
            row = (
                await session.execute(
                    select(ReportEvent, Report, User)
                    .join(Report, Report.id == ReportEvent.report_id)
                    .join(User, User.id == Report.reporter_id)
                    .where(ReportEvent.id == event_id)
                )
            ).first()
            return _notice_of(*row) if row else None

    async def notified(self, event_id: int) -> None:
        async with self.db.transaction() as session:
            event = await session.get(ReportEvent, event_id)
            if event is not None and event.notified_at is None:
                event.notified_at = utcnow()

    async def card(self, code: str) -> ReportCard:
        async with self.db.transaction() as session:
            return card_of(await report_by_code(session, code))


async def escalate_in(
    session: AsyncSession,
    report_id: int,
    now: datetime,
    *,
    actor: str = "system",
    actor_telegram_id: int | None = None,
    actor_name: str | None = None,
) -> bool:
    """Raise the escalated flag and queue the alert for the province room, once: False if
    already raised (a conditional UPDATE, so two callers at once cannot both escalate).
    Escalating is not an update of the report: `updated_at` is kept."""
    raised = await session.execute(
        update(Report)
        .where(Report.id == report_id, Report.escalated.is_(False))
        .values(escalated=True, updated_at=Report.updated_at)
    )
    if not getattr(raised, "rowcount", 0):
        return False
    session.add(
        ReportEvent(
            report_id=report_id,
            kind="escalated",
            actor=actor,
            actor_telegram_id=actor_telegram_id,
            actor_name=actor_name,
            created_at=now,
        )
    )
    queue_for_rooms(session, "room_alert", report_id, report_id, now, "province_rooms")
    return True


async def _claim_status(
    session: AsyncSession, code: str, expected: Status, to_status: Status, now: datetime
) -> None:
    result = await session.execute(
        update(Report)
        .where(Report.code == normalise_code(code), Report.status == expected)
        .values(status=to_status, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) == 1:
        return
    current = await session.scalar(select(Report.status).where(Report.code == normalise_code(code)))
    if current is None:
        raise UnknownReport(code)
    raise ConcurrentChange(code, current)


def _set_due_times(report: Report, to_status: Status, now: datetime, windows: DueWindows) -> None:
    if to_status in CLOSED:
        report.acknowledge_due_at = report.update_due_at = None
        report.closed_at = now
    elif to_status is Status.TRANSFERRED:
        # The new commune has to acknowledge it afresh.
        report.acknowledge_due_at = now + windows.acknowledge_within(report.urgent)
        report.update_due_at = None
    elif to_status in _WORKING:
        report.acknowledge_due_at = None
        report.update_due_at = now + UPDATE_WITHIN[report.urgent]
        report.closed_at = None


async def report_by_code(session: AsyncSession, code: str) -> Report:
    """The report with this public code (any case, look-alikes folded), or UnknownReport."""
    report = await session.scalar(select(Report).where(Report.code == normalise_code(code)))
    if report is None:
        raise UnknownReport(code)
    return report


async def _notice(
    session: AsyncSession, report: Report, event: ReportEvent, now: datetime
) -> ReporterNotice | None:
    if not event.visible_to_reporter:
        return None
    user = await session.get(User, report.reporter_id) if report.reporter_id else None
    if user is None:
        # Erased, or never linked: there is nobody to tell, so the notice is not left pending.
        event.notified_at = now
        return None
    queue(session, BatchSpec("report_status", event.id, "reporter", report.id), now)
    return _notice_of(event, report, user)


def _notice_of(event: ReportEvent, report: Report, user: User) -> ReporterNotice:
    status = event.to_status or report.status
    return ReporterNotice(
        event.id,
        event.kind,
        user.telegram_id,
        user.locale,
        report.code,
        status,
        event.note,
        event.reason,
    )


def card_of(report: Report) -> ReportCard:
    return ReportCard(
        code=report.code,
        commune_code=report.commune_code,
        category=report.category,
        urgent=report.urgent,
        status=report.status,
        text=report.text,
        latitude=report.latitude,
        longitude=report.longitude,
        location_outside=report.location_outside,
        address=report.address,
        anonymous=report.anonymous,
        reporter_name=None if report.anonymous else report.reporter_name,
        reporter_phone=None if report.anonymous else report.reporter_phone,
        created_at=report.created_at,
    )
