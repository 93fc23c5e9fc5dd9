"""Community groups (tổ tự quản) of a commune: the directory residents browse and search, who
leads each group, and what moderators do with groups (create, import, appoint, archive, merge).

Who may act is decided here, on every call, from the database: a leader acts on the groups they
lead, a moderator on the groups of the communes they moderate (a province admin on the whole
province), a superadmin anywhere. Membership is in `group_membership.py`.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.communes import CommuneDirectory
from bot.services.group_kinds import GroupKinds
from bot.services.outbox import BatchSpec, queue
from bot.services.roles import Refusal, Roles, StaffRoles
from bot.services.text import fold
from bot.storage.db import Database
from bot.storage.groups import Group, GroupLeader, GroupMember, GroupNotification
from bot.storage.models import User, utcnow

# The longest of each field, wherever a group comes from (/newgroup, a file): every card that
# shows them fits a Telegram message in both languages.
NAME_MAX = 120
HAMLET_MAX = 60
DESCRIPTION_MAX = 800
MEETING_MAX = 200
CONTACT_MAX = 120
PENDING_TOO_LONG = timedelta(days=3)


@dataclass(frozen=True)
class GroupDraft:
    kind: str
    name: str
    commune_code: int
    hamlet: str | None = None
    description: str = ""
    meeting: str | None = None
    contact: str | None = None
    key: str | None = None
    leaders: tuple[int, ...] = ()


@dataclass(frozen=True)
class GroupView:
    id: int
    key: str | None
    kind: str
    name: str
    commune_code: int
    province_code: int
    hamlet: str | None
    description: str
    meeting: str | None
    contact: str | None
    chat_id: int | None
    status: str
    merged_into: int | None
    leaders: tuple[int, ...] = ()
    members: int = 0
    pending: int = 0

    @property
    def active(self) -> bool:
        return self.status == "active"


@dataclass(frozen=True)
class GroupStats:
    by_kind: dict[str, int]
    by_commune: dict[int, int]
    without_leader: tuple[GroupView, ...]
    old_requests: tuple[tuple[GroupView, int], ...]  # group, requests pending > 3 days


def view(
    row: Group, leaders: tuple[int, ...] = (), members: int = 0, pending: int = 0
) -> GroupView:
    return GroupView(
        id=row.id,
        key=row.key,
        kind=row.kind,
        name=row.name,
        commune_code=row.commune_code,
        province_code=row.province_code,
        hamlet=row.hamlet,
        description=row.description,
        meeting=row.meeting,
        contact=row.contact,
        chat_id=row.chat_id,
        status=row.status,
        merged_into=row.merged_into,
        leaders=leaders,
        members=members,
        pending=pending,
    )


def matches(search_text: str, query: str) -> int:
    """How well a group's folded text answers a typed query, without diacritics: 2 for the
    query as a phrase ("thon 3" in "to tu quan thon 3", not in "thon 13"), 1 for all its words
    anywhere, 0 for no match."""
    words = fold(query).split()
    if not words:
        return 0
    padded = f" {search_text} "
    if f" {' '.join(words)} " in padded:
        return 2
    return 1 if all(f" {word} " in padded for word in words) else 0


class Groups:
    def __init__(
        self, db: Database, directory: CommuneDirectory, roles: Roles, kinds: GroupKinds
    ) -> None:
        self.db = db
        self.directory = directory
        self.roles = roles
        self.kinds = kinds

    def search_text(self, kind: str, name: str, hamlet: str | None) -> str:
        known = self.kinds.get(kind)
        names = " ".join(known.names.values()) if known else ""
        return fold(f"{name} {hamlet or ''} {names}")

    def check_draft(self, draft: GroupDraft) -> int:
        """The province of a valid draft; Refusal naming what is wrong."""
        if self.kinds.get(draft.kind) is None:
            raise Refusal("unknown-kind", kind=draft.kind)
        commune = self.directory.get(draft.commune_code)
        if commune is None:
            raise Refusal("commune-not-served", commune=draft.commune_code)
        if not draft.name.strip() or len(draft.name) > NAME_MAX:
            raise Refusal("bad-name", max=NAME_MAX)
        return commune.province_code

    async def save_in(self, session: AsyncSession, draft: GroupDraft, author: int | None) -> bool:
        """Create or update (by key) inside the caller's transaction; True when created.
        Leaders listed in the draft are added (never removed: leaders change in Telegram)."""
        province = self.check_draft(draft)
        row = None
        if draft.key is not None:
            row = await session.scalar(select(Group).where(Group.key == draft.key))
        created = row is None
        if row is None:
            row = Group(key=draft.key, created_by=author, status="active")
            session.add(row)
        row.kind, row.name, row.commune_code, row.province_code = (
            draft.kind,
            draft.name.strip(),
            draft.commune_code,
            province,
        )
        row.hamlet, row.description = draft.hamlet, draft.description
        row.meeting, row.contact = draft.meeting, draft.contact
        row.search_text = self.search_text(draft.kind, row.name, draft.hamlet)
        await session.flush()
        known = set(
            await session.scalars(
                select(GroupLeader.telegram_id).where(GroupLeader.group_id == row.id)
            )
        )
        for leader in draft.leaders:
            if leader not in known:
                session.add(GroupLeader(group_id=row.id, telegram_id=leader, appointed_by=author))
                known.add(leader)
        return created

    async def create(self, staff: StaffRoles, draft: GroupDraft) -> GroupView:
        if not self.roles.can_moderate(staff, draft.commune_code):
            raise Refusal("not-moderator")
        async with self.db.transaction() as session:
            await self.save_in(session, draft, staff.telegram_id)
            row = await session.scalar(
                select(Group)
                .where(Group.commune_code == draft.commune_code)
                .order_by(Group.id.desc())
                .limit(1)
            )
            assert row is not None
            return view(row)

    async def get(self, group_id: int) -> GroupView | None:
        async with self.db.transaction() as session:
            return await self.get_in(session, group_id)

    async def get_in(self, session: AsyncSession, group_id: int) -> GroupView | None:
        row = await session.get(Group, group_id)
        if row is None:
            return None
        leaders = tuple(
            await session.scalars(
                select(GroupLeader.telegram_id)
                .where(GroupLeader.group_id == group_id)
                .order_by(GroupLeader.id)
            )
        )
        counts = dict(
            (
                await session.execute(
                    select(GroupMember.status, func.count(GroupMember.id))
                    .where(GroupMember.group_id == group_id)
                    .group_by(GroupMember.status)
                )
            ).all()
        )
        return view(row, leaders, int(counts.get("member", 0)), int(counts.get("pending", 0)))

    async def by_chat(self, chat_id: int) -> GroupView | None:
        async with self.db.transaction() as session:
            found = await session.scalar(select(Group.id).where(Group.chat_id == chat_id))
            return await self.get_in(session, found) if found is not None else None

    async def of_commune(self, commune_code: int, *, archived: bool = False) -> list[GroupView]:
        """The commune's groups with member counts, by kind then name."""
        async with self.db.transaction() as session:
            where = [Group.commune_code == commune_code]
            if not archived:
                where.append(Group.status == "active")
            rows = list(await session.scalars(select(Group).where(*where).order_by(Group.id)))
            counts = await _member_counts(session, [r.id for r in rows])
        order = {key: i for i, key in enumerate(self.kinds.keys())}
        found = [view(r, members=counts.get(r.id, 0)) for r in rows]
        return sorted(found, key=lambda g: (order.get(g.kind, 99), fold(g.name)))

    async def search(self, commune_code: int, query: str) -> list[GroupView]:
        """Active groups of the commune whose name, hamlet or kind answers `query` (with or
        without diacritics), phrase matches first."""
        async with self.db.transaction() as session:
            rows = list(
                await session.scalars(
                    select(Group).where(
                        Group.commune_code == commune_code, Group.status == "active"
                    )
                )
            )
            scored = [(matches(r.search_text, query), r) for r in rows]
            kept = sorted(((s, r) for s, r in scored if s), key=lambda p: (-p[0], fold(p[1].name)))
            counts = await _member_counts(session, [r.id for _, r in kept])
        return [view(r, members=counts.get(r.id, 0)) for _, r in kept]

    async def of_person(self, telegram_id: int) -> list[tuple[GroupView, str]]:
        """Active groups someone leads ("leader") or belongs to ("member", "pending")."""
        async with self.db.transaction() as session:
            led = set(
                await session.scalars(
                    select(GroupLeader.group_id).where(GroupLeader.telegram_id == telegram_id)
                )
            )
            joined = dict(
                (
                    await session.execute(
                        select(GroupMember.group_id, GroupMember.status).where(
                            GroupMember.telegram_id == telegram_id
                        )
                    )
                ).all()
            )
            ids = sorted(led | set(joined))
            rows = list(
                await session.scalars(
                    select(Group).where(Group.id.in_(ids or [0]), Group.status == "active")
                )
            )
            counts = await _member_counts(session, [r.id for r in rows])
        return [
            (view(r, members=counts.get(r.id, 0)), "leader" if r.id in led else joined[r.id])
            for r in sorted(rows, key=lambda r: fold(r.name))
        ]

    # Who may act.

    async def staff(self, telegram_id: int) -> StaffRoles:
        return await self.roles.of(telegram_id)

    def may_manage(self, staff: StaffRoles, group: GroupView) -> bool:
        """Moderators of the group's commune (admins of its province, superadmins)."""
        return self.roles.can_moderate(staff, group.commune_code)

    def may_lead(self, staff: StaffRoles, group: GroupView) -> bool:
        """The group's own leaders, and whoever may manage it."""
        return staff.telegram_id in group.leaders or self.may_manage(staff, group)

    async def led(self, telegram_id: int, group_id: int) -> GroupView:
        """The group, if `telegram_id` may act as its leader now; Refusal otherwise."""
        group = await self.get(group_id)
        if group is None or not group.active:
            raise Refusal("group-gone")
        if not self.may_lead(await self.staff(telegram_id), group):
            raise Refusal("not-leader")
        return group

    async def managed(self, telegram_id: int, group_id: int) -> GroupView:
        group = await self.get(group_id)
        if group is None:
            raise Refusal("group-gone")
        if not self.may_manage(await self.staff(telegram_id), group):
            raise Refusal("not-moderator")
        return group

    # Leaders.

    async def appoint(self, actor: StaffRoles | None, group_id: int, telegram_id: int) -> bool:
        """Make someone a leader of the group; False if they already were. `None`: the CLI."""
        group = await self._for(actor, group_id)
        if not group.active:
            raise Refusal("group-gone")
        async with self.db.transaction() as session:
            exists = await session.scalar(
                select(GroupLeader.id).where(
                    GroupLeader.group_id == group_id, GroupLeader.telegram_id == telegram_id
                )
            )
            if exists is not None:
                return False
            by = actor.telegram_id if actor else None
            session.add(GroupLeader(group_id=group_id, telegram_id=telegram_id, appointed_by=by))
            # Told at once if they use the bot already; otherwise they find their group's
            # Leader tools when they first open it.
            user_id = await session.scalar(select(User.id).where(User.telegram_id == telegram_id))
            if user_id is not None:
                await notify_in(session, group_id, user_id, "appointed")
            return True

    async def dismiss(self, actor: StaffRoles | None, group_id: int, telegram_id: int) -> bool:
        await self._for(actor, group_id)
        async with self.db.transaction() as session:
            result = await session.execute(
                delete(GroupLeader).where(
                    GroupLeader.group_id == group_id, GroupLeader.telegram_id == telegram_id
                )
            )
            return bool(getattr(result, "rowcount", 0))

    async def _for(self, actor: StaffRoles | None, group_id: int) -> GroupView:
        group = await self.get(group_id)
        if group is None:
            raise Refusal("group-gone")
        if actor is not None and not self.may_manage(actor, group):
            raise Refusal("not-moderator")
        return group

    # Changes a leader makes.

    async def edit(
        self,
        telegram_id: int,
        group_id: int,
        *,
        description: str | None = None,
        meeting: str | None = None,
        contact: str | None = None,
    ) -> GroupView:
        """Change the description, meeting time and place, or the public contact ("-" clears
        the last two)."""
        await self.led(telegram_id, group_id)
        async with self.db.transaction() as session:
            row = await session.get(Group, group_id)
            assert row is not None
            if description is not None:
                row.description = description
            if meeting is not None:
                row.meeting = None if meeting == "-" else meeting
            if contact is not None:
                row.contact = None if contact == "-" else contact
            await session.flush()
            found = await self.get_in(session, group_id)
            assert found is not None
            return found

    async def link_chat(self, telegram_id: int, group_id: int, chat_id: int) -> GroupView:
        """Link a Telegram group chat whose join requests the bot answers. A chat serves one
        group: linking it again moves it."""
        group = await self.led(telegram_id, group_id)
        async with self.db.transaction() as session:
            other = await session.scalar(select(Group).where(Group.chat_id == chat_id))
            if other is not None and other.id != group_id:
                other.chat_id = None
                await session.flush()
            row = await session.get(Group, group_id)
            assert row is not None
            row.chat_id = chat_id
        return replace(group, chat_id=chat_id)

    # Archive and merge.

    async def archive(self, staff: StaffRoles, group_id: int, into: int | None = None) -> int:
        """Archive a group (or merge it into `into`, whose members it gains); every member is
        told. Returns how many members were told."""
        group = await self.managed(staff.telegram_id, group_id)
        if not group.active:
            raise Refusal("group-gone")
        target = None
        if into is not None:
            target = await self.managed(staff.telegram_id, into)
            if into == group_id or not target.active or target.commune_code != group.commune_code:
                raise Refusal("bad-merge")
        async with self.db.transaction() as session:
            row = await session.get(Group, group_id)
            assert row is not None
            row.status, row.merged_into, row.chat_id = "archived", into, None
            members = list(
                await session.scalars(select(GroupMember).where(GroupMember.group_id == group_id))
            )
            event = "merged" if target else "archived"
            told = [m for m in members if m.status == "member"]
            for member in told:
                await notify_in(session, group_id, member.user_id, event)
            if target is not None:
                await _move_members(session, members, target.id)
            return len(told)

    async def stats(self, communes: list[int]) -> GroupStats:
        """For /groups: active groups by kind and by commune, those without a leader, those
        with requests waiting more than three days."""
        async with self.db.transaction() as session:
            rows = list(
                await session.scalars(
                    select(Group).where(
                        Group.commune_code.in_(communes or [0]), Group.status == "active"
                    )
                )
            )
            ids = [r.id for r in rows]
            led = set(
                await session.scalars(
                    select(GroupLeader.group_id).where(GroupLeader.group_id.in_(ids or [0]))
                )
            )
            cutoff: datetime = utcnow() - PENDING_TOO_LONG
            old = dict(
                (
                    await session.execute(
                        select(GroupMember.group_id, func.count(GroupMember.id))
                        .where(
                            GroupMember.group_id.in_(ids or [0]),
                            GroupMember.status == "pending",
                            GroupMember.requested_at < cutoff,
                        )
                        .group_by(GroupMember.group_id)
                    )
                ).all()
            )
        by_kind: dict[str, int] = {}
        by_commune: dict[int, int] = {}
        for row in rows:
            by_kind[row.kind] = by_kind.get(row.kind, 0) + 1
            by_commune[row.commune_code] = by_commune.get(row.commune_code, 0) + 1
        by_id = {r.id: r for r in rows}
        return GroupStats(
            by_kind=by_kind,
            by_commune=by_commune,
            without_leader=tuple(view(r) for r in rows if r.id not in led),
            old_requests=tuple((view(by_id[g]), int(n)) for g, n in sorted(old.items())),
        )

    async def all(self, commune_code: int | None = None) -> list[GroupView]:
        """Every group (archived too), for the CLI."""
        async with self.db.transaction() as session:
            query = select(Group).order_by(Group.commune_code, Group.id)
            if commune_code is not None:
                query = query.where(Group.commune_code == commune_code)
            rows = list(await session.scalars(query))
            counts = await _member_counts(session, [r.id for r in rows])
            leaders: dict[int, list[int]] = {}
            for group_id, telegram_id in (
                await session.execute(
                    select(GroupLeader.group_id, GroupLeader.telegram_id).order_by(GroupLeader.id)
                )
            ).all():
                leaders.setdefault(group_id, []).append(telegram_id)
        return [view(r, tuple(leaders.get(r.id, ())), counts.get(r.id, 0)) for r in rows]


async def _member_counts(session: AsyncSession, ids: list[int]) -> dict[int, int]:
    rows = await session.execute(
        select(GroupMember.group_id, func.count(GroupMember.id))
        .where(GroupMember.group_id.in_(ids or [0]), GroupMember.status == "member")
        .group_by(GroupMember.group_id)
    )
    return {group_id: int(n) for group_id, n in rows.all()}


async def _move_members(session: AsyncSession, members: list[GroupMember], target: int) -> None:
    """Members (and pending requests) of a merged group join the group it merged into, unless
    they are already there."""
    there = set(
        await session.scalars(select(GroupMember.user_id).where(GroupMember.group_id == target))
    )
    for member in members:
        if member.user_id in there:
            await session.delete(member)
        else:
            member.group_id = target


async def notify_in(
    session: AsyncSession, group_id: int, user_id: int, event: str, reason: str | None = None
) -> None:
    """Tell one resident about a group (an answer to their request, a removal, an archive or
    merge), through the outbox, inside the caller's transaction."""
    row = GroupNotification(group_id=group_id, user_id=user_id, event=event, reason=reason)
    session.add(row)
    await session.flush()
    queue(session, BatchSpec("group_notification", row.id, "group_notified", row.id))
