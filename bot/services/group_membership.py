"""Membership of community groups: a resident asks to join (with an optional short message),
the group's leaders approve or decline, members leave or are removed (with a reason, and told),
and the group's linked Telegram chat admits approved members only.

Leaders see a requester's Telegram display name and message, nothing else. Every decision is
checked against the database when it is made: a leader's second tap, or a tap of another
leader's copy of a request already answered, changes nothing and says so.
"""

from dataclasses import dataclass

from sqlalchemy import select

from bot.services.groups import Groups, GroupView, notify_in
from bot.services.outbox import BatchSpec, queue
from bot.services.paging import Page, page_of
from bot.services.roles import Refusal
from bot.storage.db import Database
from bot.storage.groups import Group, GroupMember, GroupNotification
from bot.storage.models import User, utcnow

MESSAGE_MAX = 300
REASON_MAX = 300
NAME_MAX = 64
PER_PAGE = 8


@dataclass(frozen=True)
class MemberView:
    id: int
    group_id: int
    telegram_id: int
    display_name: str
    status: str
    message: str | None


@dataclass(frozen=True)
class Decision:
    member: MemberView
    group: GroupView
    approved: bool


@dataclass(frozen=True)
class Removal:
    member: MemberView
    group: GroupView


@dataclass(frozen=True)
class Notification:
    """What one resident is told about a group, in their language."""

    event: str
    group_name: str
    reason: str | None
    locale: str
    telegram_id: int
    group_id: int
    chat_id: int | None
    merged_into: str | None


def _view(row: GroupMember) -> MemberView:
    return MemberView(
        row.id, row.group_id, row.telegram_id, row.display_name, row.status, row.message
    )


def display_name(first: str, last: str | None) -> str:
    return " ".join(part for part in (first, last) if part)[:NAME_MAX] or "?"


class Membership:
    def __init__(self, db: Database, groups: Groups) -> None:
        self.db = db
        self.groups = groups

    async def status(self, group_id: int, telegram_id: int) -> str | None:
        """ "member", "pending", or None."""
        async with self.db.transaction() as session:
            found = await session.scalar(
                select(GroupMember.status).where(
                    GroupMember.group_id == group_id, GroupMember.telegram_id == telegram_id
                )
            )
            return str(found) if found is not None else None

    async def request(
        self, group_id: int, telegram_id: int, name: str, message: str | None
    ) -> MemberView:
        """Ask to join; the group's leaders are told with Approve / Decline."""
        if message is not None and len(message) > MESSAGE_MAX:
            raise Refusal("message-too-long", max=MESSAGE_MAX)
        async with self.db.transaction() as session:
            group = await session.get(Group, group_id)
            if group is None or group.status != "active":
                raise Refusal("group-gone")
            user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
            if user is None:
                raise Refusal("group-gone")
            row = await session.scalar(
                select(GroupMember).where(
                    GroupMember.group_id == group_id, GroupMember.user_id == user.id
                )
            )
            if row is not None:
                if row.status == "pending":
                    raise Refusal("already-pending")
                raise Refusal("already-member")
            row = GroupMember(
                group_id=group_id,
                user_id=user.id,
                telegram_id=telegram_id,
                display_name=name[:NAME_MAX],
                status="pending",
                message=message or None,
            )
            session.add(row)
            await session.flush()
            queue(session, BatchSpec("group_request", row.id, "group_leaders", group_id))
            return _view(row)

    async def member(self, member_id: int) -> MemberView | None:
        async with self.db.transaction() as session:
            row = await session.get(GroupMember, member_id)
            return _view(row) if row is not None else None

    async def decide(self, telegram_id: int, member_id: int, approve: bool) -> Decision:
        """A leader answers a request; the resident is told in their language."""
        group = await self._led_group_of(telegram_id, member_id, "request-gone")
        async with self.db.transaction() as session:
            row = await session.get(GroupMember, member_id, with_for_update=True)
            if row is None or row.status != "pending":
                raise Refusal("request-answered")
            member = _view(row)
            if approve:
                row.status, row.decided_at, row.decided_by = "member", utcnow(), telegram_id
                await notify_in(session, group.id, row.user_id, "approved")
            else:
                await notify_in(session, group.id, row.user_id, "declined")
                await session.delete(row)
        return Decision(member, group, approve)

    async def leave(self, group_id: int, telegram_id: int) -> GroupView:
        async with self.db.transaction() as session:
            row = await session.scalar(
                select(GroupMember).where(
                    GroupMember.group_id == group_id, GroupMember.telegram_id == telegram_id
                )
            )
            if row is None:
                raise Refusal("not-member")
            await session.delete(row)
            found = await self.groups.get_in(session, group_id)
            assert found is not None
            return found

    async def members(self, telegram_id: int, group_id: int, page: int = 0) -> Page[MemberView]:
        """A page of members, for the group's leaders."""
        await self.groups.led(telegram_id, group_id)
        where = (GroupMember.group_id == group_id, GroupMember.status == "member")
        oldest = (GroupMember.decided_at, GroupMember.id)
        async with self.db.transaction() as session:
            return await page_of(
                session, GroupMember, where, oldest, _view, page=page, per_page=PER_PAGE
            )

    async def names(self, group_id: int, telegram_ids: tuple[int, ...]) -> dict[int, str]:
        """The display names of those of `telegram_ids` who are members of the group (a leader
        appointed without ever joining has none), for the moderators' card."""
        if not telegram_ids:
            return {}
        async with self.db.transaction() as session:
            rows = await session.execute(
                select(GroupMember.telegram_id, GroupMember.display_name).where(
                    GroupMember.group_id == group_id,
                    GroupMember.status == "member",
                    GroupMember.telegram_id.in_(telegram_ids),
                )
            )
            return {telegram_id: name for telegram_id, name in rows}

    async def requests(self, telegram_id: int, group_id: int, limit: int = 10) -> list[MemberView]:
        """Requests waiting for an answer, oldest first."""
        await self.groups.led(telegram_id, group_id)
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(GroupMember)
                .where(GroupMember.group_id == group_id, GroupMember.status == "pending")
                .order_by(GroupMember.requested_at, GroupMember.id)
                .limit(limit)
            )
            return [_view(r) for r in rows]

    async def remove(self, telegram_id: int, member_id: int, reason: str) -> Removal:
        """A leader removes a member, with a reason the member is told."""
        if not reason.strip() or len(reason) > REASON_MAX:
            raise Refusal("reason-length", max=REASON_MAX)
        group = await self._led_group_of(telegram_id, member_id, "member-gone", status="member")
        async with self.db.transaction() as session:
            row = await session.get(GroupMember, member_id, with_for_update=True)
            if row is None or row.status != "member":
                raise Refusal("member-gone")
            member = _view(row)
            await notify_in(session, group.id, row.user_id, "removed", reason.strip())
            await session.delete(row)
        return Removal(member, group)

    async def _led_group_of(
        self, telegram_id: int, member_id: int, gone: str, status: str | None = None
    ) -> GroupView:
        """The group of a membership (in `status`), once `telegram_id` may lead it; the refusal
        `gone` when there is no such membership."""
        async with self.db.transaction() as session:
            row = await session.get(GroupMember, member_id)
            if row is None or (status is not None and row.status != status):
                raise Refusal(gone)
            group_id = row.group_id
        return await self.groups.led(telegram_id, group_id)

    async def admits(self, chat_id: int, telegram_id: int) -> tuple[GroupView | None, bool]:
        """For a join request to a chat: the group linked to it, and whether this person is an
        approved member (leaders too) of it."""
        group = await self.groups.by_chat(chat_id)
        if group is None or not group.active:
            return group, False
        if telegram_id in group.leaders:
            return group, True
        return group, await self.status(group.id, telegram_id) == "member"

    async def notification(self, notification_id: int) -> Notification | None:
        async with self.db.transaction() as session:
            row = await session.get(GroupNotification, notification_id)
            if row is None:
                return None
            user = await session.get(User, row.user_id)
            group = await session.get(Group, row.group_id)
            if user is None or group is None:
                return None
            target = await session.get(Group, group.merged_into) if group.merged_into else None
            return Notification(
                event=row.event,
                group_name=group.name,
                reason=row.reason,
                locale=user.locale,
                telegram_id=user.telegram_id,
                group_id=group.id,
                chat_id=group.chat_id if group.status == "active" else None,
                merged_into=target.name if target else None,
            )
