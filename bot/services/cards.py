"""The moderator's picture of a report and where it is posted.

`CardState` is everything a card shows: the report as moderators may see it (the reporter only
as a pseudonym unless they chose to share details), its last action and who took it. `Cards`
remembers every posted card (room card, escalation alert, a moderator's private view) by an
opaque token, which is what the card's buttons carry and what every press is checked against.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select, update

from bot.services.pseudonyms import Pseudonyms
from bot.services.report_codes import normalise_code
from bot.services.report_lifecycle import ReportCard, card_of, report_by_code
from bot.services.reports import Attachment
from bot.storage.db import Database
from bot.storage.models import User
from bot.storage.moderation import ReportCard as PostedCardRow
from bot.storage.reports import Report, ReportAttachment, ReportEvent, ReportFollowup

TOKEN_BYTES = 8  # 11 URL-safe characters: unguessable, and short enough for callback data


@dataclass(frozen=True)
class LastAction:
    status: str
    actor_name: str | None
    at: datetime


@dataclass(frozen=True)
class CardState:
    report_id: int
    card: ReportCard
    pseudonym: str
    escalated: bool
    reachable: bool
    reporter_blocked: bool
    attachments: int
    last_action: LastAction | None
    taken_by: str | None


@dataclass(frozen=True)
class PostedCard:
    id: int
    token: str
    code: str
    kind: str  # card | alert | view
    chat_id: int
    message_id: int | None  # None: recorded, not yet taken by Telegram
    commune_code: int
    locale: str
    rendered: str | None


@dataclass(frozen=True)
class Followup:
    """More a reporter added, for the rooms."""

    code: str
    text: str | None
    attachments: tuple[Attachment, ...]


@dataclass(frozen=True)
class StaffEvent:
    """A timeline line for moderators: internal notes and staff names included, never the
    reporter's identity."""

    kind: str
    actor: str
    actor_name: str | None
    at: datetime
    from_status: str | None
    to_status: str | None
    reason: str | None
    note: str | None
    visible: bool


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Cards:
    def __init__(self, db: Database, pseudonyms: Pseudonyms) -> None:
        self.db = db
        self.pseudonyms = pseudonyms

    async def state(self, code: str) -> CardState:
        async with self.db.transaction() as session:
            report = await report_by_code(session, code)
            events = list(
                await session.scalars(
                    select(ReportEvent)
                    .where(ReportEvent.report_id == report.id, ReportEvent.kind == "status")
                    .order_by(ReportEvent.id)
                )
            )
            attachments = await session.scalar(
                select(func.count())
                .select_from(ReportAttachment)
                .where(ReportAttachment.report_id == report.id)
            )
            blocked_at = (
                await session.scalar(select(User.blocked_at).where(User.id == report.reporter_id))
                if report.reporter_id is not None
                else None
            )
        last = events[-1] if events else None
        taken = [e for e in events if e.to_status == "acknowledged"]
        pseudonym = await self.pseudonyms.of(report.code)
        return CardState(
            report_id=report.id,
            card=card_of(report),
            pseudonym=pseudonym,
            escalated=report.escalated,
            reachable=report.reporter_id is not None,
            reporter_blocked=blocked_at is not None,
            attachments=int(attachments or 0),
            last_action=LastAction(last.to_status or "", last.actor_name, last.created_at)
            if last is not None
            else None,
            taken_by=taken[-1].actor_name if taken else None,
        )

    async def reserve(
        self,
        report_id: int,
        *,
        kind: str,
        chat_id: int,
        commune_code: int,
        locale: str,
        delivery_id: int | None = None,
    ) -> PostedCard:
        """Record a card before it is posted, so its buttons work in any copy that reaches the
        room, even one whose posting a crash interrupted. The same delivery to the same chat
        gets the same card (and token) again."""
        async with self.db.transaction() as session:
            row = None
            if delivery_id is not None:
                row = await session.scalar(
                    select(PostedCardRow).where(
                        PostedCardRow.delivery_id == delivery_id,
                        PostedCardRow.chat_id == chat_id,
                    )
                )
            if row is None:
                row = PostedCardRow(
                    token=new_token(),
                    report_id=report_id,
                    delivery_id=delivery_id,
                    kind=kind,
                    chat_id=chat_id,
                    message_id=None,
                    commune_code=commune_code,
                    locale=locale,
                )
                session.add(row)
                await session.flush()
            code = await session.scalar(select(Report.code).where(Report.id == report_id))
            return _posted(row, code or "")

    async def of_delivery(self, delivery_id: int, chat_id: int) -> PostedCard | None:
        async with self.db.transaction() as session:
            found = (
                await session.execute(
                    _with_code().where(
                        PostedCardRow.delivery_id == delivery_id,
                        PostedCardRow.chat_id == chat_id,
                    )
                )
            ).first()
            return _posted(*found) if found else None

    async def set_message(self, card_id: int, message_id: int) -> None:
        """The card Telegram took: the message edits go to from now on."""
        async with self.db.transaction() as session:
            await session.execute(
                update(PostedCardRow)
                .where(PostedCardRow.id == card_id)
                .values(message_id=message_id)
            )

    async def code_of(self, report_id: int) -> str | None:
        async with self.db.transaction() as session:
            return await session.scalar(select(Report.code).where(Report.id == report_id))

    async def attachments(self, report_id: int) -> tuple[Attachment, ...]:
        """What the reporter attached when filing (follow-ups carry their own)."""
        async with self.db.transaction() as session:
            rows = await session.scalars(
                select(ReportAttachment)
                .where(
                    ReportAttachment.report_id == report_id,
                    ReportAttachment.followup_id.is_(None),
                )
                .order_by(ReportAttachment.id)
            )
            return tuple(Attachment(a.kind, a.file_id, a.file_unique_id) for a in rows)

    async def followup(self, followup_id: int) -> Followup | None:
        async with self.db.transaction() as session:
            row = await session.get(ReportFollowup, followup_id)
            if row is None:
                return None
            code = await session.scalar(select(Report.code).where(Report.id == row.report_id))
            files = await session.scalars(
                select(ReportAttachment)
                .where(ReportAttachment.followup_id == followup_id)
                .order_by(ReportAttachment.id)
            )
            return Followup(
                code or "",
                row.text,
                tuple(Attachment(a.kind, a.file_id, a.file_unique_id) for a in files),
            )

    async def by_token(self, token: str) -> PostedCard | None:
        async with self.db.transaction() as session:
            row = await session.execute(_with_code().where(PostedCardRow.token == token))
            found = row.first()
            return _posted(*found) if found else None

    async def of_report(self, code: str) -> list[PostedCard]:
        async with self.db.transaction() as session:
            rows = await session.execute(
                _with_code().where(Report.code == normalise_code(code)).order_by(PostedCardRow.id)
            )
            return [_posted(card, report_code) for card, report_code in rows]

    async def recent_in(self, code: str, chat_id: int, since: datetime) -> PostedCard | None:
        """The newest card of the report in a chat, posted since `since` and still the
        report's (not one left behind by a transfer)."""
        async with self.db.transaction() as session:
            found = (
                await session.execute(
                    _with_code()
                    .where(
                        Report.code == normalise_code(code),
                        PostedCardRow.chat_id == chat_id,
                        PostedCardRow.message_id.is_not(None),
                        PostedCardRow.commune_code == Report.commune_code,
                        PostedCardRow.created_at >= since,
                    )
                    .order_by(PostedCardRow.id.desc())
                    .limit(1)
                )
            ).first()
            return _posted(*found) if found else None

    async def room_cards(self, code: str) -> list[PostedCard]:
        """The cards in rooms of the report's current commune (where answers are posted)."""
        async with self.db.transaction() as session:
            commune = await session.scalar(
                select(Report.commune_code).where(Report.code == normalise_code(code))
            )
        return [
            c
            for c in await self.of_report(code)
            if c.kind == "card" and c.commune_code == commune and c.message_id is not None
        ]

    async def set_rendered(self, card_id: int, digest: str) -> None:
        async with self.db.transaction() as session:
            await session.execute(
                update(PostedCardRow).where(PostedCardRow.id == card_id).values(rendered=digest)
            )

    async def timeline(self, code: str) -> list[StaffEvent]:
        async with self.db.transaction() as session:
            report = await report_by_code(session, code)
            rows = await session.scalars(
                select(ReportEvent)
                .where(ReportEvent.report_id == report.id)
                .order_by(ReportEvent.created_at, ReportEvent.id)
            )
            return [
                StaffEvent(
                    e.kind,
                    e.actor,
                    e.actor_name,
                    e.created_at,
                    e.from_status,
                    e.to_status,
                    e.reason,
                    e.note,
                    e.visible_to_reporter,
                )
                for e in rows
            ]


def _with_code() -> Select[PostedCardRow, str]:
    """Cards with their report's code, which is what a card shows and its buttons carry."""
    return select(PostedCardRow, Report.code).join(Report, Report.id == PostedCardRow.report_id)


def _posted(row: PostedCardRow, code: str) -> PostedCard:
    return PostedCard(
        row.id,
        row.token,
        code,
        row.kind,
        row.chat_id,
        row.message_id,
        row.commune_code,
        row.locale,
        row.rendered,
    )
