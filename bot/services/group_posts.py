"""What a community group sends beyond membership: a leader's notice to the members (through the
broadcast engine, scope = group), a leader's positive story (lan tỏa thông tin tích cực) that the
commune room publishes as a notice, edits or declines, and a resident's request for mediation
(yêu cầu hòa giải) to a mediation team — which goes to its leaders and, as a record, to the
commune room, and is not a police report."""

from dataclasses import dataclass

from sqlalchemy import select

from bot.services.communes import CommuneDirectory
from bot.services.group_kinds import GroupKinds
from bot.services.groups import Groups, GroupView, notify_in
from bot.services.notices import NoticeDraft, NoticeKind, NoticeView, save_in
from bot.services.outbox import BatchSpec, queue
from bot.services.roles import Refusal
from bot.services.scopes import Scope, ScopeKind
from bot.storage.db import Database
from bot.storage.groups import Group, GroupStory, MediationRequest
from bot.storage.models import User, utcnow

NOTICE_MAX = 2000
STORY_MAX = 1000
MEDIATION_MIN = 10
MEDIATION_MAX = 1000
TITLE_MAX = 80


def split_title(text: str) -> tuple[str, str]:
    """A notice's title and body from a typed text: a short first line followed by more is the
    title; otherwise the title is the text's beginning and the body all of it."""
    lines = text.strip().splitlines()
    if len(lines) > 1 and len(lines[0].strip()) <= TITLE_MAX:
        return lines[0].strip(), "\n".join(lines[1:]).strip()
    first = lines[0].strip() if lines else ""
    title = first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rstrip() + "…"
    return title, text.strip()


@dataclass(frozen=True)
class StoryView:
    id: int
    group_id: int
    group_name: str
    commune_code: int
    title: str
    text: str
    photo_file_id: str | None
    status: str
    notice_id: int | None


@dataclass(frozen=True)
class MediationView:
    id: int
    group_id: int
    group_name: str
    commune_code: int
    display_name: str
    text: str
    status: str
    requester: int


class GroupPosts:
    def __init__(
        self, db: Database, directory: CommuneDirectory, groups: Groups, kinds: GroupKinds
    ) -> None:
        self.db = db
        self.directory = directory
        self.groups = groups
        self.kinds = kinds

    async def post_notice(self, telegram_id: int, group_id: int, text: str) -> NoticeView:
        """A leader's notice to the members of their group, broadcast to them alone."""
        group = await self.groups.led(telegram_id, group_id)
        if not text.strip() or len(text) > NOTICE_MAX:
            raise Refusal("text-length", max=NOTICE_MAX)
        title, body = split_title(text)
        draft = NoticeDraft(
            kind=NoticeKind.ANNOUNCEMENT,
            title=title,
            body=body,
            issuer=group.name[:100],
            scope=Scope(ScopeKind.GROUP, group.id),
        )
        async with self.db.transaction() as session:
            notice, _ = await save_in(
                session,
                self.directory,
                draft,
                telegram_id,
                broadcast=True,
                province=group.province_code,
            )
            return notice

    # Positive stories.

    async def submit_story(
        self, telegram_id: int, group_id: int, text: str, photo_file_id: str | None
    ) -> StoryView:
        group = await self.groups.led(telegram_id, group_id)
        if len(text.strip()) < MEDIATION_MIN or len(text) > STORY_MAX:
            raise Refusal("text-length", max=STORY_MAX)
        async with self.db.transaction() as session:
            title, body = split_title(text)
            row = GroupStory(
                group_id=group.id,
                author_id=telegram_id,
                title=title,
                text=body,
                photo_file_id=photo_file_id,
                status="draft",
            )
            session.add(row)
            await session.flush()
            queue(session, BatchSpec("group_story", row.id, "commune_rooms", group.commune_code))
            return _story(row, group.name, group.commune_code)

    async def story(self, story_id: int) -> StoryView | None:
        async with self.db.transaction() as session:
            row = await session.get(GroupStory, story_id)
            group = await session.get(Group, row.group_id) if row else None
            if row is None or group is None:
                return None
            return _story(row, group.name, group.commune_code)

    async def draft_story(self, telegram_id: int, story_id: int) -> tuple[StoryView, GroupView]:
        story = await self.story(story_id)
        if story is None:
            raise Refusal("story-gone")
        group = await self.groups.get(story.group_id)
        if group is None:
            raise Refusal("story-gone")
        if not self.groups.may_manage(await self.groups.staff(telegram_id), group):
            raise Refusal("not-moderator")
        if story.status == "published":
            raise Refusal("story-published")
        if story.status != "draft":
            raise Refusal("story-declined")
        return story, group

    async def edit_story(self, telegram_id: int, story_id: int, text: str) -> StoryView:
        await self.draft_story(telegram_id, story_id)
        if len(text.strip()) < MEDIATION_MIN or len(text) > STORY_MAX:
            raise Refusal("text-length", max=STORY_MAX)
        async with self.db.transaction() as session:
            row = await session.get(GroupStory, story_id)
            assert row is not None
            row.title, row.text = split_title(text)
        found = await self.story(story_id)
        assert found is not None
        return found

    async def publish_story(self, telegram_id: int, story_id: int) -> NoticeView:
        """A moderator publishes the story as a positive-news notice of the commune."""
        story, group = await self.draft_story(telegram_id, story_id)
        commune = self.directory.get(group.commune_code)
        draft = NoticeDraft(
            kind=NoticeKind.POSITIVE,
            title=story.title,
            body=story.text,
            issuer=(commune.name if commune else group.name)[:100],
            scope=Scope(ScopeKind.COMMUNE, group.commune_code),
            photo_file_id=story.photo_file_id,
        )
        async with self.db.transaction() as session:
            row = await session.get(GroupStory, story_id, with_for_update=True)
            if row is None or row.status != "draft":
                raise Refusal("story-published")
            notice, _ = await save_in(session, self.directory, draft, telegram_id, broadcast=True)
            row.status, row.notice_id, row.decided_by = "published", notice.id, telegram_id
            return notice

    async def decline_story(self, telegram_id: int, story_id: int) -> StoryView:
        await self.draft_story(telegram_id, story_id)
        async with self.db.transaction() as session:
            row = await session.get(GroupStory, story_id, with_for_update=True)
            if row is None or row.status != "draft":
                raise Refusal("story-declined")
            row.status, row.decided_by = "declined", telegram_id
        found = await self.story(story_id)
        assert found is not None
        return found

    # Mediation.

    async def request_mediation(
        self, telegram_id: int, group_id: int, name: str, text: str
    ) -> MediationView:
        group = await self.groups.get(group_id)
        kind = self.kinds.get(group.kind) if group else None
        if group is None or not group.active or kind is None or not kind.mediation:
            raise Refusal("group-gone")
        if len(text.strip()) < MEDIATION_MIN or len(text) > MEDIATION_MAX:
            raise Refusal("mediation-length", min=MEDIATION_MIN, max=MEDIATION_MAX)
        async with self.db.transaction() as session:
            user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
            if user is None:
                raise Refusal("group-gone")
            row = MediationRequest(
                group_id=group.id,
                user_id=user.id,
                display_name=name[:64],
                text=text.strip(),
                status="open",
            )
            session.add(row)
            await session.flush()
            queue(session, BatchSpec("group_mediation", row.id, "group_leaders", group.id))
            queue(
                session,
                BatchSpec("group_mediation_record", row.id, "commune_rooms", group.commune_code),
            )
            return _mediation(row, group, telegram_id)

    async def mediation(self, request_id: int) -> MediationView | None:
        async with self.db.transaction() as session:
            row = await session.get(MediationRequest, request_id)
            if row is None:
                return None
            group = await self.groups.get_in(session, row.group_id)
            user = await session.get(User, row.user_id)
            if group is None or user is None:
                return None
            return _mediation(row, group, user.telegram_id)

    async def accept_mediation(self, telegram_id: int, request_id: int) -> MediationView:
        found = await self.mediation(request_id)
        if found is None:
            raise Refusal("request-gone")
        await self.groups.led(telegram_id, found.group_id)
        async with self.db.transaction() as session:
            row = await session.get(MediationRequest, request_id, with_for_update=True)
            if row is None or row.status != "open":
                raise Refusal("request-answered")
            row.status, row.accepted_by, row.accepted_at = "accepted", telegram_id, utcnow()
            await notify_in(session, row.group_id, row.user_id, "mediation")
        accepted = await self.mediation(request_id)
        assert accepted is not None
        return accepted


def _story(row: GroupStory, group_name: str, commune_code: int) -> StoryView:
    return StoryView(
        row.id,
        row.group_id,
        group_name,
        commune_code,
        row.title,
        row.text,
        row.photo_file_id,
        row.status,
        row.notice_id,
    )


def _mediation(row: MediationRequest, group: GroupView, requester: int) -> MediationView:
    return MediationView(
        row.id,
        group.id,
        group.name,
        group.commune_code,
        row.display_name,
        row.text,
        row.status,
        requester,
    )
