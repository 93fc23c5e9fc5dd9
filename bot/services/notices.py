"""Official notices: published by moderators and admins for the scopes their role covers, listed
for residents of that commune or province, and broadcast to the residents who take that kind of
notice (at the publication time, for a scheduled one)."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import Enum, StrEnum

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.communes import CommuneDirectory
from bot.services.matching import normalize
from bot.services.outbox import BatchSpec, Figures, Outbox, queue, withdraw_in
from bot.services.paging import Page, page_of
from bot.services.scopes import Scope, ScopeKind, province_of
from bot.storage.db import Database
from bot.storage.information import Notice
from bot.storage.models import utcnow


class NoticeKind(StrEnum):
    ANNOUNCEMENT = "announcement"
    WARNING = "warning"
    POSITIVE = "positive"
    FACTCHECK = "factcheck"


class Keep(Enum):
    """For `Notices.edit`: leave this field as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP
# The longest of each field, wherever a notice comes from (/notice, a file).
TITLE_MAX = 200
BODY_MAX = 3500
ISSUER_MAX = 100
SOURCE_MAX = 500
_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}))?$")


def parse_expiry(text: str, now: datetime, zone: tzinfo) -> datetime | None:
    """ "31/12" or "31/12/2026": the notice stays up through that day, local time, so it expires
    at the following midnight (returned in UTC). Without a year, the next such day to come
    (29/02: the next leap year). None unless it is a real date whose end is still ahead."""
    found = _DAY.match(text.strip())
    if found is None:
        return None
    day, month = int(found.group(1)), int(found.group(2))
    this_year = now.astimezone(zone).year
    years = [int(found.group(3))] if found.group(3) else range(this_year, this_year + 5)
    for year in years:
        try:
            local = datetime(year, month, day, tzinfo=zone)
        except ValueError:
            continue
        end = (local + timedelta(days=1)).astimezone(UTC)
        if end > now:
            return end
    return None


def last_day(expires_at: datetime, zone: tzinfo) -> date:
    """The last local day a notice is shown, for display: the day before its expiry midnight."""
    return (expires_at.astimezone(zone) - timedelta(seconds=1)).date()


@dataclass(frozen=True)
class NoticeDraft:
    kind: NoticeKind
    title: str
    body: str
    issuer: str
    scope: Scope
    key: str | None = None
    photo_file_id: str | None = None
    source_url: str | None = None
    published_at: datetime | None = None
    expires_at: datetime | None = None
    # Goes through at once, even to residents inside their quiet hours.
    urgent: bool = False


@dataclass(frozen=True)
class NoticeView:
    id: int
    key: str | None
    kind: NoticeKind
    title: str
    body: str
    issuer: str
    scope: Scope
    province_code: int
    published_at: datetime
    photo_file_id: str | None = None
    source_url: str | None = None
    expires_at: datetime | None = None
    withdrawn: bool = False
    author_id: int | None = None

    def visible(self, now: datetime) -> bool:
        expired = self.expires_at is not None and self.expires_at <= now
        return not self.withdrawn and self.published_at <= now and not expired


def view(row: Notice) -> NoticeView:
    return NoticeView(
        id=row.id,
        key=row.key,
        kind=NoticeKind(row.kind),
        title=row.title,
        body=row.body,
        issuer=row.issuer,
        scope=Scope(ScopeKind(row.scope_kind), row.scope_code),
        province_code=row.province_code,
        published_at=row.published_at,
        photo_file_id=row.photo_file_id,
        source_url=row.source_url,
        expires_at=row.expires_at,
        withdrawn=row.withdrawn_at is not None,
        author_id=row.author_id,
    )


async def save_in(
    session: AsyncSession,
    directory: CommuneDirectory,
    draft: NoticeDraft,
    author: int | None,
    *,
    broadcast: bool = False,
    province: int | None = None,
) -> tuple[NoticeView, bool]:
    """Create or update (by key) inside the caller's transaction. With `broadcast`, a new
    notice is also queued for every subscriber at its publication time (a scheduled one waits
    for it); an update of an existing notice is never broadcast again. A group's notice gives
    its group's `province` and goes to the group's members only."""
    if province is None:
        province = province_of(directory, draft.scope)
    row = None
    if draft.key is not None:
        row = await session.scalar(select(Notice).where(Notice.key == draft.key))
    created = row is None
    if row is None:
        row = Notice(key=draft.key, author_id=author)
        session.add(row)
    row.kind, row.title, row.body, row.issuer = (
        draft.kind.value,
        draft.title,
        draft.body,
        draft.issuer,
    )
    row.photo_file_id, row.source_url = draft.photo_file_id, draft.source_url
    row.scope_kind, row.scope_code, row.province_code = (
        draft.scope.kind.value,
        draft.scope.code,
        province,
    )
    row.published_at = draft.published_at or row.published_at or utcnow()
    row.expires_at = draft.expires_at
    await session.flush()
    # A stable key, so an export of a notice made in the bot can be edited and re-imported.
    row.key = row.key or f"notice-{row.id}"
    if created and broadcast:
        to_group = draft.scope.kind is ScopeKind.GROUP
        queue(
            session,
            BatchSpec(
                "notice",
                row.id,
                "group_members" if to_group else "notice",
                draft.scope.code if to_group else row.id,
                bulk=True,
                urgent=draft.urgent,
                due_at=row.published_at,
                author_id=author,
            ),
        )
    return view(row), created


@dataclass(frozen=True)
class Withdrawal:
    notice: NoticeView
    deleting: int  # delivered copies that will be deleted (those under 48 hours old)


class Notices:
    def __init__(
        self, db: Database, directory: CommuneDirectory, outbox: Outbox | None = None
    ) -> None:
        self.db = db
        self.directory = directory
        self.outbox = outbox or Outbox(db)

    async def publish(self, draft: NoticeDraft, author: int) -> NoticeView:
        """Save and broadcast (now, or at `draft.published_at`)."""
        async with self.db.transaction() as session:
            notice, _ = await save_in(session, self.directory, draft, author, broadcast=True)
            return notice

    async def broadcast_of(self, notice_id: int) -> int | None:
        """The broadcast carrying this notice, if it was broadcast."""
        batches = await self.outbox.batches_of("notice", notice_id)
        return batches[-1].id if batches else None

    async def figures(self, notice_id: int) -> Figures | None:
        batch_id = await self.broadcast_of(notice_id)
        return await self.outbox.figures(batch_id) if batch_id is not None else None

    async def get(self, notice_id: int) -> NoticeView | None:
        async with self.db.transaction() as session:
            row = await session.get(Notice, notice_id)
            return view(row) if row else None

    async def edit(
        self,
        notice_id: int,
        title: str | None = None,
        body: str | None = None,
        expires_at: datetime | Keep | None = KEEP,
    ) -> NoticeView | None:
        """Change a live notice's title, text or expiry (None: no expiry); None if it is gone."""
        async with self.db.transaction() as session:
            row = await session.get(Notice, notice_id)
            if row is None or row.withdrawn_at is not None:
                return None
            row.title = title or row.title
            row.body = body or row.body
            if not isinstance(expires_at, Keep):
                row.expires_at = expires_at
            await session.flush()
            return view(row)

    async def withdraw(self, notice_id: int) -> Withdrawal | None:
        """Hide a notice from listings, stop what is still to be sent of it, and delete the
        copies already delivered where Telegram still allows it (under 48 hours old): a
        mistaken notice is pulled back before it becomes misinformation itself."""
        now = utcnow()
        async with self.db.transaction() as session:
            row = await session.get(Notice, notice_id)
            if row is None or row.withdrawn_at is not None:
                return None
            row.withdrawn_at = now
            deleting = await withdraw_in(session, "notice", notice_id, now)
            await session.flush()
            return Withdrawal(view(row), deleting)

    async def all(self) -> list[NoticeView]:
        """Every notice but groups' own (made in Telegram, for members only)."""
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(Notice).where(Notice.scope_kind != "group").order_by(Notice.id)
            )
            return [view(row) for row in rows]

    async def of_group(self, group_id: int, limit: int = 5) -> list[NoticeView]:
        """A group's live notices, newest first, for its members."""
        now = utcnow()
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(Notice)
                .where(
                    Notice.scope_kind == "group",
                    Notice.scope_code == group_id,
                    Notice.withdrawn_at.is_(None),
                    Notice.published_at <= now,
                )
                .order_by(Notice.published_at.desc(), Notice.id.desc())
                .limit(limit)
            )
            return [view(row) for row in rows]

    async def by_author_scopes(self, scopes: list[Scope], limit: int = 10) -> list[NoticeView]:
        """Recent live notices in these scopes, for staff to edit or withdraw."""
        if not scopes:
            return []
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(Notice)
                .where(
                    Notice.withdrawn_at.is_(None),
                    or_(
                        *(
                            and_(Notice.scope_kind == s.kind.value, Notice.scope_code == s.code)
                            for s in scopes
                        )
                    ),
                )
                .order_by(Notice.published_at.desc(), Notice.id.desc())
                .limit(limit)
            )
            return [view(row) for row in rows]

    async def listing(
        self, commune_code: int, page: int = 0, per_page: int = 5
    ) -> Page[NoticeView]:
        """Live notices for a resident of this commune: its own and its province's, newest
        first. Expired, withdrawn and not-yet-published ones are left out."""
        commune = self.directory.get(commune_code)
        if commune is None:
            return Page((), 0, 1, 0)
        now = utcnow()
        visible = (
            Notice.withdrawn_at.is_(None),
            Notice.published_at <= now,
            or_(Notice.expires_at.is_(None), Notice.expires_at > now),
            or_(
                and_(Notice.scope_kind == "commune", Notice.scope_code == commune_code),
                and_(Notice.scope_kind == "province", Notice.scope_code == commune.province_code),
            ),
        )
        newest = (Notice.published_at.desc(), Notice.id.desc())
        async with self.db.statement() as session:
            return await page_of(
                session, Notice, visible, newest, view, page=page, per_page=per_page
            )

    async def search(
        self, words: list[str], provinces: list[int], limit: int = 5
    ) -> list[NoticeView]:
        """Live notices whose title contains every word (inline mode), newest first."""
        now = utcnow()
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(Notice)
                .where(
                    Notice.withdrawn_at.is_(None),
                    Notice.published_at <= now,
                    or_(Notice.expires_at.is_(None), Notice.expires_at > now),
                    Notice.province_code.in_(provinces or [0]),
                    Notice.scope_kind != "group",
                )
                .order_by(Notice.published_at.desc(), Notice.id.desc())
                .limit(200)
            )
            found = [view(row) for row in rows]
        return [n for n in found if _contains(n, words)][:limit]


def _contains(notice: NoticeView, words: list[str]) -> bool:
    text = set(normalize(f"{notice.title} {notice.body} {notice.issuer}"))
    return all(word in text for word in words)
