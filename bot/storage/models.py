"""Tables. Every table is created by the Alembic chain in migrations/; keep the two in step."""

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Index, Integer, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON}


class User(Base):
    """A Telegram user who has talked to the bot. Holds no name: reports keep what they share."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    locale: Mapped[str] = mapped_column(String(8))
    home_commune_code: Mapped[int | None] = mapped_column(Integer)
    # Which kinds of notices reach them (warnings are on unless they turn them off), and quiet
    # hours in BOT_TIMEZONE as minutes after midnight (both None: no quiet hours).
    notify_warnings: Mapped[bool] = mapped_column(Boolean, default=True)
    notify_announcements: Mapped[bool] = mapped_column(Boolean, default=True)
    notify_positive: Mapped[bool] = mapped_column(Boolean, default=True)
    quiet_start: Mapped[int | None] = mapped_column(Integer, default=22 * 60)
    quiet_end: Mapped[int | None] = mapped_column(Integer, default=6 * 60)
    privacy_accepted_at: Mapped[datetime | None]
    blocked_at: Mapped[datetime | None]
    blocked_reason: Mapped[str | None] = mapped_column(String(200))
    unreachable_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_users_home_commune", "home_commune_code"),)


class RoleGrant(Base):
    """A staff role. Keyed by Telegram id so a role can be granted before the person says hello."""

    __tablename__ = "role_grants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    role: Mapped[str] = mapped_column(String(16))
    commune_code: Mapped[int | None] = mapped_column(Integer)
    province_code: Mapped[int | None] = mapped_column(Integer)
    granted_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ModeratorRoom(Base):
    """A Telegram group where moderators of a commune (or admins of a province) work."""

    __tablename__ = "moderator_rooms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    province_code: Mapped[int] = mapped_column(Integer)
    commune_code: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(255))
    linked_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_moderator_rooms_route", "commune_code", "category"),)


class Conversation(Base):
    """Where a user is in a multi-step flow, and the draft so far. Survives restarts."""

    __tablename__ = "conversations"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flow: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
