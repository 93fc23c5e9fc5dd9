"""The two-way relay between moderators and a reporter, and the room prompts that expect a
reply (the message to relay, a duplicate's original code, a transfer's commune).

Everything is in the database: a prompt is found again by (room, message id) after a restart,
and a message relayed to a reporter by its id in the reporter's chat — whose id is never stored
here: it is reached through the report, so erasing the reporter cuts the relay too. Moderators
appear to the reporter only as "the police of <commune>"; the reporter appears in the room only
by pseudonym.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from bot.services.cards import new_token
from bot.services.report_codes import normalise_code
from bot.services.report_lifecycle import report_by_code
from bot.storage.db import Database
from bot.storage.models import User, utcnow
from bot.storage.moderation import RelayMessage
from bot.storage.reports import Report, ReportEvent

PURPOSES = ("message", "duplicate", "transfer")
TO_REPORTER = "to_reporter"


@dataclass(frozen=True)
class Prompt:
    code: str
    purpose: str
    actor_telegram_id: int | None


@dataclass(frozen=True)
class Reporter:
    telegram_id: int
    locale: str
    code: str
    commune_code: int


class Relay:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def remember_prompt(
        self, code: str, purpose: str, chat_id: int, message_id: int, actor_telegram_id: int
    ) -> None:
        async with self.db.transaction() as session:
            report = await report_by_code(session, code)
            session.add(
                RelayMessage(
                    token=new_token(),
                    report_id=report.id,
                    purpose=purpose,
                    chat_id=chat_id,
                    message_id=message_id,
                    actor_telegram_id=actor_telegram_id,
                )
            )

    async def prompt_at(self, chat_id: int, message_id: int) -> Prompt | None:
        async with self.db.transaction() as session:
            row = (
                await session.execute(
                    select(RelayMessage, Report.code)
                    .join(Report, Report.id == RelayMessage.report_id)
                    .where(RelayMessage.chat_id == chat_id, RelayMessage.message_id == message_id)
                )
            ).first()
        if row is None:
            return None
        prompt, code = row
        return Prompt(code, prompt.purpose, prompt.actor_telegram_id)

    async def reporter(self, code: str) -> Reporter | None:
        """Who to relay to; None when the reporter erased their data."""
        async with self.db.transaction() as session:
            row = (
                await session.execute(
                    select(User, Report)
                    .join(Report, Report.reporter_id == User.id)
                    .where(Report.code == normalise_code(code))
                )
            ).first()
        if row is None:
            return None
        user, report = row
        return Reporter(user.telegram_id, user.locale, report.code, report.commune_code)

    async def sent_to_reporter(
        self,
        code: str,
        message_ids: Sequence[int],
        text: str | None,
        *,
        token: str,
        actor_telegram_id: int,
        actor_name: str,
    ) -> None:
        """Record a relayed message (an internal event, so the room's timeline shows it; a
        photo without a caption has no text), sent as `message_ids` (a long text takes several;
        replying to any of them answers); `token` is what their "Answer" buttons carry."""
        async with self.db.transaction() as session:
            report = await report_by_code(session, code)
            for index, message_id in enumerate(message_ids):
                session.add(
                    RelayMessage(
                        token=token if index == 0 else new_token(),
                        report_id=report.id,
                        purpose=TO_REPORTER,
                        chat_id=None,
                        message_id=message_id,
                        actor_telegram_id=actor_telegram_id,
                    )
                )
            session.add(_event(report, "message", "moderator", text, actor_telegram_id, actor_name))

    async def answerable(
        self, telegram_id: int, *, token: str | None = None, message_id: int | None = None
    ) -> str | None:
        """The report a reporter may answer about, by the "Answer" button's token or by the
        relayed message they replied to; None unless they are that report's reporter."""
        query = (
            select(Report.code)
            .join(RelayMessage, RelayMessage.report_id == Report.id)
            .join(User, User.id == Report.reporter_id)
            .where(RelayMessage.purpose == TO_REPORTER, User.telegram_id == telegram_id)
        )
        if token is not None:
            query = query.where(RelayMessage.token == token)
        elif message_id is not None:
            query = query.where(
                RelayMessage.chat_id.is_(None), RelayMessage.message_id == message_id
            )
        else:
            return None
        async with self.db.transaction() as session:
            return await session.scalar(query.limit(1))

    async def answered(self, code: str, text: str | None) -> None:
        async with self.db.transaction() as session:
            report = await report_by_code(session, code)
            session.add(_event(report, "answer", "reporter", text, None, None))


def _event(
    report: Report,
    kind: str,
    actor: str,
    note: str | None,
    actor_telegram_id: int | None,
    actor_name: str | None,
) -> ReportEvent:
    # Relayed words travel as messages, not as notices: internal events for the staff timeline.
    now = utcnow()
    if actor == "moderator":
        report.updated_at = now
    return ReportEvent(
        report_id=report.id,
        kind=kind,
        actor=actor,
        actor_telegram_id=actor_telegram_id,
        actor_name=actor_name,
        note=note,
        visible_to_reporter=False,
        created_at=now,
    )
