"""Incident reports: the report, its attachments and follow-ups, and every change as an event.

The reporter is linked only through `reports.reporter_id`, kept for relaying messages and status
updates; erasure nulls it (and any name or phone a non-anonymous reporter chose to share).
"""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    reporter_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="SET NULL")
    )
    commune_code: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(32))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    text: Mapped[str] = mapped_column(Text)
    text_digest: Mapped[str] = mapped_column(String(64))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    location_outside: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str | None] = mapped_column(String(500))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    reporter_name: Mapped[str | None] = mapped_column(String(200))
    reporter_phone: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    acknowledge_due_at: Mapped[datetime | None]
    update_due_at: Mapped[datetime | None]
    # What the deadline job already did (0004_moderation), so a restart never repeats it.
    ack_reminded_at: Mapped[datetime | None]
    update_reminded_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (
        Index("ix_reports_reporter", "reporter_id", "created_at"),
        Index("ix_reports_commune_status", "commune_code", "status", "created_at"),
    )


class ReportFollowup(Base):
    """More information the reporter added after sending (text and/or attachments)."""

    __tablename__ = "report_followups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportAttachment(Base):
    """A photo, video, voice note or document, kept as Telegram file ids and re-sent by id."""

    __tablename__ = "report_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    followup_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("report_followups.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(255))
    file_unique_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportEvent(Base):
    """Every change to a report: who (a role, plus a staff Telegram id — never the reporter's),
    when, from → to, a note, and whether the reporter is told. `notified_at` makes the visible
    events an outbox of status updates for the reporter."""

    __tablename__ = "report_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(16))
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    # A staff member's display name for the moderator card (0004_moderation); never a reporter's.
    actor_name: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str | None] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    visible_to_reporter: Mapped[bool] = mapped_column(Boolean, default=False)
    notified_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
