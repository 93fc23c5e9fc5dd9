"""Who a community group's deliveries go to: its leaders (join and mediation requests), its
members (the group's notices; quiet hours kept, kind switches not: joining is asking for them),
the one resident a notification is about, and the commune's moderator rooms (stories, records
of mediation requests)."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.audiences import AudienceSource, one_user, residents, rooms
from bot.services.outbox import Batch, Fill, Outbox, Recipient
from bot.services.routing import targets_in
from bot.storage.groups import GroupLeader, GroupMember, GroupNotification
from bot.storage.models import User


class GroupAudiences(AudienceSource):
    def register(self, outbox: Outbox) -> None:
        outbox.audience("group_leaders", self.leaders)
        outbox.audience("group_members", self.members)
        outbox.audience("group_notified", self.notified)
        outbox.audience("commune_rooms", self.commune_rooms)

    async def leaders(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        """The leaders of group `audience_code` who have talked to the bot."""
        rows = (
            await session.execute(
                select(User.id, User.telegram_id, User.locale)
                .join(GroupLeader, GroupLeader.telegram_id == User.telegram_id)
                .where(
                    GroupLeader.group_id == batch.audience_code,
                    User.unreachable_at.is_(None),
                    User.id > after,
                )
                .order_by(User.id)
                .limit(limit)
            )
        ).all()
        recipients = [Recipient(t, locale, u) for u, t, locale in rows]
        return Fill(recipients, rows[-1][0] if len(rows) == limit else None)

    async def members(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        member = User.id.in_(
            select(GroupMember.user_id).where(
                GroupMember.group_id == batch.audience_code, GroupMember.status == "member"
            )
        )
        return await residents(session, member, batch, after, limit, now, self.zone)

    async def notified(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        on, where = (
            GroupNotification.user_id == User.id,
            GroupNotification.id == batch.audience_code,
        )
        return await one_user(session, GroupNotification, on, where)

    async def commune_rooms(
        self, session: AsyncSession, batch: Batch, after: int, limit: int, now: datetime
    ) -> Fill:
        """The rooms of commune `audience_code` (else its province's, else superadmins)."""
        targets = await targets_in(
            session, self.directory, self.superadmins, batch.audience_code, None
        )
        return rooms(targets)
