"""What moderators look up: the queue of open reports, a search, statistics and the CSV export.
Every query is limited to the communes the caller may moderate; the reporter appears only as a
pseudonym (or the details a named reporter chose to share)."""

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from sqlalchemy import func, select

from bot.services.paging import Page, page_of
from bot.services.pseudonyms import Pseudonyms
from bot.services.report_codes import normalise_code
from bot.services.text import fold
from bot.storage.db import Database
from bot.storage.reports import Report, ReportEvent

OPEN = ("new", "transferred", "acknowledged", "in_progress")
SEARCH_WINDOW = 2000


@dataclass(frozen=True)
class QueueItem:
    code: str
    commune_code: int
    category: str
    urgent: bool
    status: str
    escalated: bool
    created_at: datetime
    text: str


@dataclass(frozen=True)
class Stats:
    since: datetime
    total: int
    by_status: dict[str, int]
    by_category: dict[str, int]
    median_acknowledge: timedelta | None
    median_resolve: timedelta | None
    per_day: dict[str, int]


EXPORT_COLUMNS = (
    "code",
    "created_at",
    "commune_code",
    "category",
    "urgent",
    "status",
    "escalated",
    "reporter",
    "text",
    "address",
    "latitude",
    "longitude",
    "closed_at",
)


def _item(report: Report) -> QueueItem:
    return QueueItem(
        report.code,
        report.commune_code,
        report.category,
        report.urgent,
        report.status,
        report.escalated,
        report.created_at,
        report.text,
    )


class ModerationQueries:
    def __init__(self, db: Database, pseudonyms: Pseudonyms) -> None:
        self.db = db
        self.pseudonyms = pseudonyms

    async def queue(self, communes: list[int], page: int = 1, per_page: int = 6) -> Page[QueueItem]:
        """Open reports of these communes, oldest first."""
        where = (Report.commune_code.in_(communes), Report.status.in_(OPEN))
        oldest = (Report.created_at, Report.id)
        async with self.db.transaction() as session:
            return await page_of(
                session, Report, where, oldest, _item, page=page, per_page=per_page, first=1
            )

    async def find(self, communes: list[int], text: str, limit: int = 10) -> list[QueueItem]:
        """Reports whose code or text matches, newest first; accents and case do not matter."""
        needle = fold(text)
        code = normalise_code(text)
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(Report)
                .where(Report.commune_code.in_(communes))
                .order_by(Report.created_at.desc(), Report.id.desc())
                .limit(SEARCH_WINDOW)
            )
            found = [
                _item(r)
                for r in rows
                if r.code == code or (needle and needle in fold(f"{r.text} {r.address or ''}"))
            ]
        return found[:limit]

    async def stats(
        self,
        communes: list[int],
        since: datetime,
        until: datetime | None = None,
        zone: tzinfo = UTC,
    ) -> Stats:
        """Counts since `since`; `per_day` has every local day from `since` to `until` (now by
        default), those without reports at 0, so a chart of it shows the quiet days too."""
        async with self.db.transaction() as session:
            reports = list(
                await session.scalars(
                    select(Report).where(
                        Report.commune_code.in_(communes), Report.created_at >= since
                    )
                )
            )
            first_ack = dict(
                (
                    await session.execute(
                        select(ReportEvent.report_id, func.min(ReportEvent.created_at))
                        .where(
                            ReportEvent.report_id.in_([r.id for r in reports] or [0]),
                            ReportEvent.to_status == "acknowledged",
                        )
                        .group_by(ReportEvent.report_id)
                    )
                ).all()
            )
        acknowledge = [first_ack[r.id] - r.created_at for r in reports if r.id in first_ack]
        resolve = [
            r.closed_at - r.created_at for r in reports if r.status == "resolved" and r.closed_at
        ]
        per_day = _every_day(since, until or datetime.now(UTC), zone)
        for r in reports:
            day = r.created_at.astimezone(zone).date().isoformat()
            per_day[day] = per_day.get(day, 0) + 1
        return Stats(
            since=since,
            total=len(reports),
            by_status=dict(Counter(r.status for r in reports).most_common()),
            by_category=dict(Counter(r.category for r in reports).most_common()),
            median_acknowledge=_median(acknowledge),
            median_resolve=_median(resolve),
            per_day=dict(sorted(per_day.items())),
        )

    async def export(
        self, communes: list[int], start: datetime, end: datetime
    ) -> list[dict[str, str]]:
        """One row per report filed in [start, end): anonymous reporters as their pseudonym."""
        async with self.db.transaction() as session:
            reports = list(
                await session.scalars(
                    select(Report)
                    .where(
                        Report.commune_code.in_(communes),
                        Report.created_at >= start,
                        Report.created_at < end,
                    )
                    .order_by(Report.created_at, Report.id)
                )
            )
        rows = []
        for r in reports:
            if r.anonymous:
                reporter = "#" + await self.pseudonyms.of(r.code)
            else:
                reporter = ", ".join(p for p in (r.reporter_name, r.reporter_phone) if p)
            rows.append(
                {
                    "code": r.code,
                    "created_at": r.created_at.isoformat(timespec="seconds"),
                    "commune_code": str(r.commune_code),
                    "category": r.category,
                    "urgent": "1" if r.urgent else "0",
                    "status": r.status,
                    "escalated": "1" if r.escalated else "0",
                    "reporter": reporter,
                    "text": r.text,
                    "address": r.address or "",
                    "latitude": "" if r.latitude is None else str(r.latitude),
                    "longitude": "" if r.longitude is None else str(r.longitude),
                    "closed_at": r.closed_at.isoformat(timespec="seconds") if r.closed_at else "",
                }
            )
        return rows


def _median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    return timedelta(seconds=statistics.median(v.total_seconds() for v in values))


def _every_day(since: datetime, until: datetime, zone: tzinfo) -> dict[str, int]:
    day, last = since.astimezone(zone).date(), until.astimezone(zone).date()
    days: dict[str, int] = {}
    while day <= last:
        days[day.isoformat()] = 0
        day += timedelta(days=1)
    return days
