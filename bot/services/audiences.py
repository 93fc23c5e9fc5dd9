"""Who a batch of the outbox goes to. Each audience is a function from (batch, cursor) to the next
chunk of recipients, so a province of a million residents is read a thousand at a time.

Residents are chosen at the moment their chunk is filled: subscribed to the notice's kind, not
unreachable (blocked the bot, deactivated), privacy accepted. A resident inside their quiet
hours gets the row with `not_before` at the end of them, unless the batch is urgent.
"""

from datetime import UTC, datetime, timedelta, tzinfo

from sqlalchemy import ColumnElement, Select, and_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from bot.services.communes import CommuneDirectory
from bot.services.outbox import Batch, Fill, Outbox, Recipient
from bot.services.routing import Target, province_targets_in, targets_in
from bot.storage.information import FactCheck, FactCheckReceipt, Notice, RumorAsker
from bot.storage.models import Base, User
from bot.storage.reports import Report

# The switch of `users` that lets each kind of notice through.
SWITCHES: dict[str, ColumnElement[bool]] = {
    "warning": User.notify_warnings.is_(True),
    "factcheck": User.notify_warnings.is_(True),
    "announcement": User.notify_announcements.is_(True),
    "positive": User.notify_positive.is_(True),
}


def quiet_until(now: datetime, zone: tzinfo, start: int | None, end: int | None) -> datetime | None:
    """The end of the quiet hours `now` falls in (UTC), or None when it falls in none. Hours
    are minutes after local midnight; 22:00–06:00 wraps around midnight."""
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(zone)
    minute = local.hour * 60 + local.minute
    inside = start <= minute < end if start < end else (minute >= start or minute < end)
    if not inside:
        return None
    ends = local.replace(hour=end // 60, minute=end % 60, second=0, microsecond=0)
    if ends <= local:
        ends += timedelta(days=1)
    return ends.astimezone(UTC)


async def residents(
    session: AsyncSession,
    where: ColumnElement[bool],
    batch: Batch,
    after: int,
    limit: int,
    now: datetime,
    zone: tzinfo,
) -> Fill:
    """Residents matching `where`, by id, with their quiet hours applied (unless the batch is
    urgent)."""
    rows = (
        await session.execute(
            select(User.id, User.telegram_id, User.locale, User.quiet_start, User.quiet_end)
            .where(
                where,
                User.id > after,
                User.privacy_accepted_at.is_not(None),
                User.unreachable_at.is_(None),
            )
            .order_by(User.id)
            .limit(limit)
        )
    ).all()
    recipients = [
        Recipient(
            chat_id=telegram_id,
            locale=locale,
            user_id=user_id,
            not_before=None if batch.urgent else quiet_until(now, zone, start, end),
        )
        for user_id, telegram_id, locale, start, end in rows
    ]
    return Fill(recipients, rows[-1][0] if len(rows) == limit else None)


async def one_user(
    session: AsyncSession, table: type[Base], on: ColumnElement[bool], where: ColumnElement[bool]
) -> Fill:
    """The one user a row of `table` names (joined `on`, found by `where`) as the whole
    audience; nobody when there is no such row, or no such user any more."""
    row = (
        await session.execute(
            select(User.id, User.telegram_id, User.locale).join(table, on).where(where)
        )
    ).first()
    if row is None:
        return Fill((), None)
    user_id, telegram_id, locale = row
    return Fill((Recipient(telegram_id, locale, user_id),), None)


def rooms(targets: list[Target]) -> Fill:
    """Moderator rooms (or superadmins in private), all at once: they are few."""
    return Fill([Recipient(t.chat_id, "") for t in targets], None)


class AudienceSource:
    """What audiences look recipients up with: the communes, the time zone of quiet hours,
    and the superadmins who receive what no room does."""

    def __init__(self, directory: CommuneDirectory, zone: tzinfo, superadmins: list[int]) -> None:
        self.directory = directory
        self.zone = zone
        self.superadmins = list(superadmins)


class Audiences(AudienceSource):
    def register(self, outbox: Outbox) -> None:
        outbox.audience("notice", self.notice_residents)
        outbox.audience("reporter", self.reporter)
        outbox.audience("report_rooms", self.report_rooms)
        outbox.audience("province_rooms", self.province_rooms)
        outbox.audience("factcheck_receivers", self.factcheck_receivers)
        outbox.audience("rumor_askers", self.rumor_askers)

    async def notice_residents(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        """A commune's notice to residents whose home commune it is; a province's to every
        resident of the province; each only if they take that kind of notice."""
        notice = await session.get(Notice, batch.item_id)
        if notice is None or notice.withdrawn_at is not None or notice.scope_kind == "group":
            return Fill((), None)
        if notice.scope_kind == "commune":
            place = User.home_commune_code == notice.scope_code
        else:
            codes = [c.code for c in self.directory.in_province(notice.scope_code)]
            place = User.home_commune_code.in_(codes or [0])
        switch = SWITCHES.get(notice.kind, true())
        return await residents(session, and_(place, switch), batch, after, limit, now, self.zone)

    async def reporter(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        """The person who filed report `audience_code` (nobody once they erased their data)."""
        on, where = Report.reporter_id == User.id, Report.id == batch.audience_code
        return await one_user(session, Report, on, where)

    async def report_rooms(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        """The rooms that handle report `audience_code` now: its (commune, category) room,
        else its commune's, else the province admins', else the superadmins in private."""
        report = await session.get(Report, batch.audience_code)
        if report is None:
            return Fill((), None)
        targets = await targets_in(
            session, self.directory, self.superadmins, report.commune_code, report.category
        )
        return rooms(targets)

    async def province_rooms(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        """The province admins' room of report `audience_code`'s province (escalations)."""
        report = await session.get(Report, batch.audience_code)
        commune = self.directory.get(report.commune_code) if report else None
        targets = await province_targets_in(
            session, self.superadmins, commune.province_code if commune else 0
        )
        return rooms(targets)

    async def factcheck_receivers(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        """Everyone shown an older verdict or explanation of fact-check `audience_code`."""
        receipt = FactCheckReceipt
        query = (
            select(receipt.id, receipt.telegram_id, receipt.locale)
            .join(FactCheck, FactCheck.id == receipt.factcheck_id)
            .where(
                receipt.factcheck_id == batch.audience_code,
                receipt.revision < FactCheck.revision,
            )
        )
        return await self._people(session, query, receipt.id, after, limit)

    async def rumor_askers(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        """Everyone who asked about rumor request `audience_code` and was not told yet."""
        query = select(RumorAsker.id, RumorAsker.telegram_id, RumorAsker.locale).where(
            RumorAsker.request_id == batch.audience_code, RumorAsker.notified_at.is_(None)
        )
        return await self._people(session, query, RumorAsker.id, after, limit)

    async def _people(
        self,
        session: AsyncSession,
        query: Select[int, int, str],
        key: InstrumentedAttribute[int],
        after: int,
        limit: int,
    ) -> Fill:
        """Recipients known by Telegram id (receipts, askers), `query` giving (key, Telegram
        id, locale): linked to their resident row, so erasing the resident erases the row;
        those unreachable are left out."""
        rows = (await session.execute(query.where(key > after).order_by(key).limit(limit))).all()
        ids = [telegram_id for _, telegram_id, _ in rows]
        users = {
            telegram_id: (user_id, unreachable)
            for user_id, telegram_id, unreachable in (
                await session.execute(
                    select(User.id, User.telegram_id, User.unreachable_at).where(
                        User.telegram_id.in_(ids or [0])
                    )
                )
            ).all()
        }
        recipients = []
        for _, telegram_id, locale in rows:
            user_id, unreachable = users.get(telegram_id, (None, None))
            if user_id is not None and unreachable is None:
                recipients.append(Recipient(telegram_id, locale, user_id))
        return Fill(recipients, rows[-1][0] if len(rows) == limit else None)
