"""Where a report goes, and the outbox worker's side of delivering it.

Routing: the room of (commune, category), else the commune's room, else the province admins'
room, else the superadmins in private — never nowhere. The outbox (`report_deliveries`) is the
truth; a worker claims due rows with a short lease (a conditional UPDATE, so two workers never
post the same card), and a failure leaves the row queued with a growing delay.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from bot.services.communes import CommuneDirectory
from bot.services.report_lifecycle import Delivery, delivery_view
from bot.storage.db import Database
from bot.storage.models import ModeratorRoom
from bot.storage.reports import Report, ReportDelivery

LEASE = timedelta(minutes=2)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(minutes=15)


@dataclass(frozen=True)
class Target:
    chat_id: int
    level: str  # category | commune | province | superadmin


class Routing:
    def __init__(self, db: Database, directory: CommuneDirectory, superadmins: list[int]) -> None:
        self.db = db
        self.directory = directory
        self.superadmins = tuple(superadmins)

    async def targets(self, commune_code: int, category: str | None) -> list[Target]:
        """The most specific rooms linked for this report; several rooms at the same level all
        get the card."""
        async with self.db.transaction() as session:
            rows = list(
                await session.scalars(
                    select(ModeratorRoom)
                    .where(ModeratorRoom.commune_code == commune_code)
                    .order_by(ModeratorRoom.id)
                )
            )
        if category is not None:
            chosen = [r.chat_id for r in rows if r.category == category]
            if chosen:
                return _unique(chosen, "category")
        chosen = [r.chat_id for r in rows if r.category is None]
        if chosen:
            return _unique(chosen, "commune")
        commune = self.directory.get(commune_code)
        return await self.province_targets(commune.province_code if commune else 0)

    async def province_targets(self, province_code: int) -> list[Target]:
        """The province admins' room(s), else the superadmins in private."""
        async with self.db.transaction() as session:
            rooms = list(
                await session.scalars(
                    select(ModeratorRoom.chat_id)
                    .where(
                        ModeratorRoom.province_code == province_code,
                        ModeratorRoom.commune_code.is_(None),
                    )
                    .order_by(ModeratorRoom.id)
                )
            )
        if rooms:
            return _unique(rooms, "province")
        return _unique(list(self.superadmins), "superadmin")

    async def claim_due(self, now: datetime, limit: int = 20) -> list[Delivery]:
        """Due outbox rows, each leased to this worker for a while: a crash mid-delivery only
        delays the row by the lease."""
        async with self.db.transaction() as session:
            due = list(
                await session.execute(
                    select(ReportDelivery.id, ReportDelivery.next_attempt_at)
                    .where(
                        ReportDelivery.status == "pending", ReportDelivery.next_attempt_at <= now
                    )
                    .order_by(ReportDelivery.id)
                    .limit(limit)
                )
            )
        claimed: list[Delivery] = []
        for delivery_id, due_at in due:
            async with self.db.transaction() as session:
                won = await session.execute(
                    update(ReportDelivery)
                    .where(
                        ReportDelivery.id == delivery_id,
                        ReportDelivery.status == "pending",
                        ReportDelivery.next_attempt_at == due_at,
                    )
                    .values(next_attempt_at=now + LEASE)
                )
                if not getattr(won, "rowcount", 0):
                    continue
                row = await session.get(ReportDelivery, delivery_id)
                report = await session.get(Report, row.report_id) if row else None
                if row is not None and report is not None:
                    claimed.append(await delivery_view(session, row, report))
        return claimed

    async def delivered(self, delivery_id: int, now: datetime) -> None:
        async with self.db.transaction() as session:
            row = await session.get(ReportDelivery, delivery_id)
            if row is not None:
                row.status, row.sent_at = "sent", now

    async def failed(self, delivery_id: int, now: datetime, *, alert: bool = True) -> bool:
        """Queue the row again, later each time. True the first time only: tell the admins.
        `alert=False`: waiting for something else (the card), not a failure to report."""
        async with self.db.transaction() as session:
            row = await session.get(ReportDelivery, delivery_id)
            if row is None:
                return False
            row.attempts += 1
            delay = min(FIRST_RETRY * 2 ** min(row.attempts - 1, 10), LONGEST_RETRY)
            row.next_attempt_at = now + delay
            if not alert or row.alerted_at is not None:
                return False
            row.alerted_at = now
            return True

    async def report_of(self, delivery_id: int) -> int | None:
        async with self.db.transaction() as session:
            return await session.scalar(
                select(ReportDelivery.report_id).where(ReportDelivery.id == delivery_id)
            )


def _unique(chat_ids: list[int], level: str) -> list[Target]:
    return [Target(chat_id, level) for chat_id in dict.fromkeys(chat_ids)]
