"""Moderator rooms at work: where each report card was posted (so it can be edited in place and
answered to), the prompts and relayed messages that carry the two-way relay with a reporter,
and the server secret behind reporter pseudonyms. All of it survives a restart."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow


class AppSecret(Base):
    """Random secrets the bot makes for itself on first use (no setting for the operator)."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReportCard(Base):
    """One posted card (or escalation alert, or a moderator's private view) of a report.
    `token` is the opaque reference its buttons carry; `rendered` a digest of what the message
    shows now, so an edit that would change nothing is never sent."""

    __tablename__ = "report_cards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(16), unique=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    # The outbox row that posted it (None for a moderator's private view).
    delivery_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # None until Telegram took it: the card is recorded first, so its buttons work in any copy.
    message_id: Mapped[int | None] = mapped_column(Integer)
    commune_code: Mapped[int] = mapped_column(Integer)
    locale: Mapped[str] = mapped_column(String(8))
    rendered: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_report_cards_message", "chat_id", "message_id"),)


class RelayMessage(Base):
    """A message of the bot that expects an answer: a prompt in a room (`chat_id` set; the
    moderator replies with the text to relay, a code or a commune), or a message relayed to a
    reporter (`chat_id` NULL: the reporter's chat is found through the report, so this table
    holds no reporter identity)."""

    __tablename__ = "relay_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(16), unique=True)
    report_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(Integer)
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_relay_messages_message", "chat_id", "message_id"),)
