"""Residents: who they are to the bot (as little as possible), their choices, their data rights."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.db import Database
from bot.storage.groups import GroupLeader
from bot.storage.information import FactCheckReceipt, RumorAsker
from bot.storage.models import Conversation, RoleGrant, User, utcnow
from bot.storage.reports import Report


@dataclass(frozen=True)
class Resident:
    id: int
    telegram_id: int
    locale: str
    home_commune_code: int | None
    notify_warnings: bool
    notify_announcements: bool
    notify_positive: bool
    quiet_start: int | None  # minutes after local midnight; None: no quiet hours
    quiet_end: int | None
    privacy_accepted_at: datetime | None
    blocked_at: datetime | None
    blocked_reason: str | None
    created_at: datetime

    @property
    def onboarded(self) -> bool:
        return self.privacy_accepted_at is not None and self.home_commune_code is not None


NOTICE_SWITCHES = ("warnings", "announcements", "positive")
QUIET_DEFAULT = (22 * 60, 6 * 60)


def new_user(telegram_id: int, locale: str) -> User:
    """A resident as first met: every kind of notice on, quiet from 22:00 to 06:00."""
    return User(
        telegram_id=telegram_id,
        locale=locale,
        notify_warnings=True,
        notify_announcements=True,
        notify_positive=True,
        quiet_start=QUIET_DEFAULT[0],
        quiet_end=QUIET_DEFAULT[1],
    )


@dataclass(frozen=True)
class Erasure:
    """What erasing a resident changed: the codes of the reports they had filed."""

    reports: tuple[str, ...]


def _view(user: User) -> Resident:
    return Resident(
        id=user.id,
        telegram_id=user.telegram_id,
        locale=user.locale,
        home_commune_code=user.home_commune_code,
        notify_warnings=user.notify_warnings,
        notify_announcements=user.notify_announcements,
        notify_positive=user.notify_positive,
        quiet_start=user.quiet_start,
        quiet_end=user.quiet_end,
        privacy_accepted_at=user.privacy_accepted_at,
        blocked_at=user.blocked_at,
        blocked_reason=user.blocked_reason,
        created_at=user.created_at,
    )


class Residents:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, telegram_id: int) -> Resident | None:
        async with self.db.statement() as session:
            user = await _find(session, telegram_id)
            return _view(user) if user else None

    async def get_or_create(self, telegram_id: int, locale: str) -> Resident:
        # Every update of a resident asks; nearly always they are there and nothing changes.
        async with self.db.statement() as session:
            user = await _find(session, telegram_id)
            if user is not None and user.unreachable_at is None:
                return _view(user)
        async with self.db.transaction() as session:
            user = await _find(session, telegram_id)
            if user is None:
                user = new_user(telegram_id, locale)
                session.add(user)
                await session.flush()
            elif user.unreachable_at is not None:
                user.unreachable_at = None
            return _view(user)

    async def accept_privacy(self, telegram_id: int) -> Resident:
        return await self._update(telegram_id, privacy_accepted_at=utcnow())

    async def set_locale(self, telegram_id: int, locale: str) -> Resident:
        return await self._update(telegram_id, locale=locale)

    async def set_home_commune(self, telegram_id: int, commune_code: int) -> Resident:
        return await self._update(telegram_id, home_commune_code=commune_code)

    async def set_notification(self, telegram_id: int, kind: str, enabled: bool) -> Resident:
        """Turn one kind of notice on or off: "warnings", "announcements" or "positive"."""
        if kind not in NOTICE_SWITCHES:
            raise ValueError(f"unknown kind of notice {kind!r}")
        return await self._update(telegram_id, **{f"notify_{kind}": enabled})

    async def set_quiet_hours(
        self, telegram_id: int, start: int | None, end: int | None
    ) -> Resident:
        """Minutes after local midnight, or None for none; non-urgent notices wait them out."""
        if (start is None) != (end is None) or any(
            m is not None and not 0 <= m < 24 * 60 for m in (start, end)
        ):
            raise ValueError("quiet hours need a start and an end within the day")
        return await self._update(telegram_id, quiet_start=start, quiet_end=end)

    async def block(self, telegram_id: int, reason: str | None = None) -> Resident:
        """Stop a resident from filing (abuse). Creates the row if they never wrote."""
        async with self.db.transaction() as session:
            user = await _find(session, telegram_id)
            if user is None:
                user = new_user(telegram_id, "vi")
                session.add(user)
            user.blocked_at = utcnow()
            user.blocked_reason = reason
            await session.flush()
            return _view(user)

    async def unblock(self, telegram_id: int) -> Resident | None:
        async with self.db.transaction() as session:
            user = await _find(session, telegram_id)
            if user is None:
                return None
            user.blocked_at = None
            user.blocked_reason = None
            return _view(user)

    async def mark_unreachable(self, telegram_id: int) -> None:
        """The resident blocked the bot; broadcasts skip them until they write again."""
        async with self.db.transaction() as session:
            user = await _find(session, telegram_id)
            if user is not None and user.unreachable_at is None:
                user.unreachable_at = utcnow()

    async def erase(self, telegram_id: int) -> Erasure | None:
        """Forget a resident: their row, their draft and their staff roles. Reports they filed
        stay (they are public-safety records) but no longer point back to them; their codes
        are returned, for the rooms' cards to stop showing what was erased. None if the bot
        held nothing of them."""
        async with self.db.transaction() as session:
            user = await _find(session, telegram_id)
            await session.execute(
                delete(Conversation).where(Conversation.telegram_id == telegram_id)
            )
            await session.execute(delete(RoleGrant).where(RoleGrant.telegram_id == telegram_id))
            # Group memberships and requests go with the user row; leadership is by Telegram id.
            await session.execute(delete(GroupLeader).where(GroupLeader.telegram_id == telegram_id))
            # Who asked about a rumor or was shown a verdict: only kept to answer and correct them.
            await session.execute(delete(RumorAsker).where(RumorAsker.telegram_id == telegram_id))
            await session.execute(
                delete(FactCheckReceipt).where(FactCheckReceipt.telegram_id == telegram_id)
            )
            if user is None:
                return None
            codes = tuple(
                await session.scalars(select(Report.code).where(Report.reporter_id == user.id))
            )
            # The reports stay, but nothing in them leads back to this person any more: not the
            # link used for relaying, nor a name or phone a non-anonymous reporter shared.
            await session.execute(
                update(Report)
                .where(Report.reporter_id == user.id)
                .values(reporter_id=None, reporter_name=None, reporter_phone=None)
            )
            await session.delete(user)
            return Erasure(codes)

    async def _update(self, telegram_id: int, **values: object) -> Resident:
        async with self.db.transaction() as session:
            user = await _find(session, telegram_id)
            if user is None:
                raise LookupError(f"no resident {telegram_id}")
            for name, value in values.items():
                setattr(user, name, value)
            await session.flush()
            return _view(user)


async def _find(session: AsyncSession, telegram_id: int) -> User | None:
    result = await session.execute(select(User).where(User.telegram_id == telegram_id))
    return result.scalar_one_or_none()
