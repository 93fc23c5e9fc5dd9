"""Filing incident reports and what a reporter sees of them afterwards: "My reports", the
timeline and follow-ups. Status changes, reporter notices and the moderator outbox live in
report_lifecycle.py.

Filing is one transaction: the report, its attachments, the first event and the outbox row for
the moderator room are written together or not at all.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.outbox import BatchSpec, queue
from bot.services.paging import Page, page_of
from bot.services.report_codes import new_code, normalise_code, text_digest
from bot.storage.db import Database
from bot.storage.models import User, utcnow
from bot.storage.reports import Report, ReportAttachment, ReportEvent, ReportFollowup

log = logging.getLogger(__name__)


def queue_for_rooms(
    session: AsyncSession,
    kind: str,
    item_id: int,
    report_id: int,
    now: datetime,
    audience: str = "report_rooms",
) -> None:
    """Promise the rooms handling a report its news (card, follow-up, reminder, alert), in the
    caller's transaction: the change and the promise to post it are one."""
    queue(session, BatchSpec(kind, item_id, audience, report_id), now)


TEXT_MIN = 10
TEXT_MAX = 3000
MAX_ATTACHMENTS = 10
DUPLICATE_WINDOW = timedelta(minutes=10)
RATE_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class DueWindows:
    """How long the commune police have to take a report up (urgent / normal), and how long a
    report in hand may go without an update: the operator's BOT_ACK_* and BOT_STALE_DAYS."""

    acknowledge_urgent: timedelta = timedelta(minutes=15)
    acknowledge_normal: timedelta = timedelta(hours=4)
    stale: timedelta = timedelta(days=3)

    def acknowledge_within(self, urgent: bool) -> timedelta:
        return self.acknowledge_urgent if urgent else self.acknowledge_normal


DEFAULT_WINDOWS = DueWindows()


class Status(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    TRANSFERRED = "transferred"


CLOSED = frozenset({Status.RESOLVED, Status.REJECTED, Status.DUPLICATE})


@dataclass(frozen=True)
class Attachment:
    kind: str
    file_id: str
    file_unique_id: str


@dataclass(frozen=True)
class NewReport:
    """What the resident put together in the flow."""

    commune_code: int
    category: str
    urgent: bool
    text: str
    anonymous: bool
    latitude: float | None = None
    longitude: float | None = None
    location_outside: bool = False
    address: str | None = None
    reporter_name: str | None = None
    reporter_phone: str | None = None
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Filed:
    code: str
    urgent: bool


@dataclass(frozen=True)
class MergedIntoEarlier:
    """The same text was sent a few minutes ago: this became a follow-up of that report, or,
    with nothing else to add (no attachment), nothing at all (`added` False)."""

    code: str
    added: bool = True


@dataclass(frozen=True)
class RateLimited:
    wait: timedelta


@dataclass(frozen=True)
class Blocked:
    pass


Refused = RateLimited | Blocked
FilingResult = Filed | MergedIntoEarlier | Refused


@dataclass(frozen=True)
class ReportSummary:
    code: str
    category: str
    status: str
    urgent: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    at: datetime
    to_status: str | None
    note: str | None


@dataclass(frozen=True)
class ReportDetail:
    summary: ReportSummary
    commune_code: int
    text: str
    address: str | None
    has_location: bool
    anonymous: bool
    attachments: int
    followups: int
    timeline: tuple[TimelineEntry, ...]


def _summary(report: Report) -> ReportSummary:
    return ReportSummary(
        report.code,
        report.category,
        report.status,
        report.urgent,
        report.created_at,
        report.updated_at,
    )


class Reports:
    def __init__(
        self,
        db: Database,
        per_hour: int = 5,
        clock: Callable[[], datetime] = utcnow,
        windows: DueWindows = DEFAULT_WINDOWS,
    ) -> None:
        self.db = db
        self.per_hour = per_hour
        self.clock = clock
        self.windows = windows

    async def may_file(self, telegram_id: int) -> Refused | None:
        """Checked when a resident starts a report, so nobody types a report only to be told
        no at the end; checked again when filing."""
        async with self.db.transaction() as session:
            user = await _user(session, telegram_id)
            return await self._refusal(session, user, self.clock())

    async def file(self, telegram_id: int, new: NewReport) -> FilingResult:
        now = self.clock()
        async with self.db.transaction() as session:
            user = await _user(session, telegram_id)
            if user is None or user.blocked_at is not None:
                return Blocked()
            digest = text_digest(new.text)
            earlier = await _recent_same_text(session, user.id, digest, now)
            if earlier is not None and not new.attachments:
                log.info("report %s: identical text sent again, nothing new", earlier.code)
                return MergedIntoEarlier(earlier.code, added=False)
            if earlier is not None:
                await _add_followup(session, earlier, None, new.attachments, now)
                log.info("report %s: identical text sent again, kept as a follow-up", earlier.code)
                return MergedIntoEarlier(earlier.code)
            refusal = await self._refusal(session, user, now)
            if refusal is not None:
                return refusal
            report = Report(
                code=await _unused_code(session),
                reporter_id=user.id,
                commune_code=new.commune_code,
                category=new.category,
                urgent=new.urgent,
                text=new.text,
                text_digest=digest,
                latitude=new.latitude,
                longitude=new.longitude,
                location_outside=new.location_outside,
                address=new.address,
                anonymous=new.anonymous,
                # An anonymous report keeps no name or phone, whatever the flow collected.
                reporter_name=None if new.anonymous else new.reporter_name,
                reporter_phone=None if new.anonymous else new.reporter_phone,
                status=Status.NEW,
                escalated=False,
                acknowledge_due_at=now + self.windows.acknowledge_within(new.urgent),
                created_at=now,
                updated_at=now,
            )
            session.add(report)
            await session.flush()
            _add_attachments(session, report.id, None, new.attachments, now)
            session.add(_reporter_event(report.id, "filed", now, to_status=Status.NEW))
            queue_for_rooms(session, "room_card", report.id, report.id, now)
            log.info("report %s filed (%s, urgent=%s)", report.code, report.category, report.urgent)
            return Filed(report.code, report.urgent)

    async def recent_same_text(self, telegram_id: int, text: str) -> str | None:
        """The code of the resident's report with the same text filed in the last few minutes,
        asked as soon as the text is typed: filing it again would only add to that report."""
        async with self.db.transaction() as session:
            user = await _user(session, telegram_id)
            if user is None:
                return None
            earlier = await _recent_same_text(session, user.id, text_digest(text), self.clock())
            return earlier.code if earlier is not None else None

    async def mine(self, telegram_id: int, page: int = 1, per_page: int = 5) -> Page[ReportSummary]:
        """The resident's reports, newest first."""
        async with self.db.transaction() as session:
            user = await _user(session, telegram_id)
            if user is None:
                return Page((), 1, 1, 0)
            theirs = (Report.reporter_id == user.id,)
            newest = (Report.created_at.desc(), Report.id.desc())
            return await page_of(
                session, Report, theirs, newest, _summary, page=page, per_page=per_page, first=1
            )

    async def detail(self, telegram_id: int, code: str) -> ReportDetail | None:
        """One of the resident's reports with the timeline they may see; None if the code is
        not theirs (which looks the same as a code that does not exist)."""
        async with self.db.transaction() as session:
            report = await _own_report(session, telegram_id, code)
            if report is None:
                return None
            events = await session.scalars(
                select(ReportEvent)
                .where(ReportEvent.report_id == report.id, ReportEvent.visible_to_reporter)
                .order_by(ReportEvent.created_at, ReportEvent.id)
            )
            timeline = tuple(
                TimelineEntry(e.kind, e.created_at, e.to_status, e.note) for e in events
            )
            attachments = await _count(session, ReportAttachment, report.id)
            followups = await _count(session, ReportFollowup, report.id)
            return ReportDetail(
                summary=_summary(report),
                commune_code=report.commune_code,
                text=report.text,
                address=report.address,
                has_location=report.latitude is not None,
                anonymous=report.anonymous,
                attachments=attachments,
                followups=followups,
                timeline=timeline,
            )

    async def add_followup(
        self,
        telegram_id: int,
        code: str,
        text: str | None,
        attachments: Sequence[Attachment] = (),
    ) -> ReportSummary | None:
        """More information from the reporter, queued for the moderators like the report."""
        if not (text and text.strip()) and not attachments:
            raise ValueError("a follow-up needs text or an attachment")
        async with self.db.transaction() as session:
            report = await _own_report(session, telegram_id, code)
            if report is None:
                return None
            await _add_followup(session, report, text, tuple(attachments), self.clock())
            log.info("report %s: follow-up added", report.code)
            return _summary(report)

    async def _refusal(
        self, session: AsyncSession, user: User | None, now: datetime
    ) -> Refused | None:
        if user is None:
            return None
        if user.blocked_at is not None:
            return Blocked()
        recent = list(
            await session.scalars(
                select(Report.created_at)
                .where(Report.reporter_id == user.id, Report.created_at > now - RATE_WINDOW)
                .order_by(Report.created_at)
            )
        )
        if len(recent) < self.per_hour:
            return None
        oldest_counted = recent[len(recent) - self.per_hour]
        return RateLimited(max(oldest_counted + RATE_WINDOW - now, timedelta(minutes=1)))


async def _user(session: AsyncSession, telegram_id: int) -> User | None:
    return await session.scalar(select(User).where(User.telegram_id == telegram_id))


async def _own_report(session: AsyncSession, telegram_id: int, code: str) -> Report | None:
    return await session.scalar(
        select(Report)
        .join(User, User.id == Report.reporter_id)
        .where(User.telegram_id == telegram_id, Report.code == normalise_code(code))
    )


async def _recent_same_text(
    session: AsyncSession, user_id: int, digest: str, now: datetime
) -> Report | None:
    return await session.scalar(
        select(Report)
        .where(
            Report.reporter_id == user_id,
            Report.text_digest == digest,
            Report.created_at > now - DUPLICATE_WINDOW,
        )
        .order_by(Report.created_at)
        .limit(1)
    )


async def _unused_code(session: AsyncSession) -> str:
    for _ in range(20):
        code = new_code()
        if not await session.scalar(select(exists().where(Report.code == code))):
            return code
    raise RuntimeError("could not find an unused report code")


async def _count(
    session: AsyncSession, table: type[ReportAttachment | ReportFollowup], report_id: int
) -> int:
    total = await session.scalar(
        select(func.count()).select_from(table).where(table.report_id == report_id)
    )
    return int(total or 0)


def _add_attachments(
    session: AsyncSession,
    report_id: int,
    followup_id: int | None,
    attachments: Sequence[Attachment],
    now: datetime,
) -> None:
    for item in attachments[:MAX_ATTACHMENTS]:
        session.add(
            ReportAttachment(
                report_id=report_id,
                followup_id=followup_id,
                kind=item.kind,
                file_id=item.file_id,
                file_unique_id=item.file_unique_id,
                created_at=now,
            )
        )


async def _add_followup(
    session: AsyncSession,
    report: Report,
    text: str | None,
    attachments: tuple[Attachment, ...],
    now: datetime,
) -> None:
    followup = ReportFollowup(report_id=report.id, text=text, created_at=now)
    session.add(followup)
    await session.flush()
    _add_attachments(session, report.id, followup.id, attachments, now)
    session.add(_reporter_event(report.id, "followup", now))
    queue_for_rooms(session, "room_followup", followup.id, report.id, now)
    report.updated_at = now


def _reporter_event(
    report_id: int, kind: str, now: datetime, to_status: str | None = None
) -> ReportEvent:
    """Something the reporter did. The actor is recorded as a role only, never an id, and the
    reporter needs no notice of their own action."""
    return ReportEvent(
        report_id=report_id,
        kind=kind,
        actor="reporter",
        to_status=to_status,
        visible_to_reporter=True,
        notified_at=now,
        created_at=now,
    )
