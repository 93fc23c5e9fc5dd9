"""Verified information: official notices, the fact-check library, and residents' rumor requests.

The full-text index over `factchecks.search_text` is not a table of its own here: it is an FTS5
virtual table on SQLite and a GIN expression index on PostgreSQL, both made by migration 0003.
"""

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models import Base, utcnow

# Made by hand in migration 0003 for one dialect only, so they have no model: the FTS5 table and
# its shadow tables (SQLite), the generated tsvector column and its GIN index (PostgreSQL).
# Schema comparisons skip them.
FTS_TABLE = "factcheck_fts"
DIALECT_INDEX_OBJECTS = (FTS_TABLE, "search_vector", "ix_factchecks_search")


class FactCheck(Base):
    """A claim and its verdict. `key` is the stable id of YAML imports (re-import updates)."""

    __tablename__ = "factchecks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    claim: Mapped[str] = mapped_column(Text)
    verdict: Mapped[str] = mapped_column(String(16))
    explanation: Mapped[str] = mapped_column(Text)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    scope_kind: Mapped[str] = mapped_column(String(16))
    scope_code: Mapped[int] = mapped_column(Integer)
    province_code: Mapped[int] = mapped_column(Integer)
    # Folded, teencode-normalised claim and tags: what the matcher indexes.
    search_text: Mapped[str] = mapped_column(Text)
    # Bumped whenever the verdict or explanation changes, so receipts know what they saw.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    published_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_factchecks_province", "province_code"),)


class FactCheckTerm(Base):
    """Document frequency of each indexed term, for IDF weights in re-ranking. Kept by the
    service on every write; the same on both databases."""

    __tablename__ = "factcheck_terms"

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    docs: Mapped[int] = mapped_column(Integer)


class FactCheckReceipt(Base):
    """Who was shown a fact-check, and which revision: the audience of a later correction."""

    __tablename__ = "factcheck_receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    factcheck_id: Mapped[int] = mapped_column(ForeignKey("factchecks.id", ondelete="CASCADE"))
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    locale: Mapped[str] = mapped_column(String(8))
    revision: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("factcheck_id", "telegram_id"),)


class Notice(Base):
    """An official notice (announcement, warning, positive news, fact-check) for one scope."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str | None] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    issuer: Mapped[str] = mapped_column(String(255))
    source_url: Mapped[str | None] = mapped_column(String(500))
    scope_kind: Mapped[str] = mapped_column(String(16))
    scope_code: Mapped[int] = mapped_column(Integer)
    province_code: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (Index("ix_notices_listing", "province_code", "published_at"),)


class RumorRequest(Base):
    """A rumor no fact-check answered: one row per rumor, however many residents asked."""

    __tablename__ = "rumor_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(40), index=True)
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    link: Mapped[str | None] = mapped_column(String(500))
    origin_kind: Mapped[str | None] = mapped_column(String(16))
    origin_title: Mapped[str | None] = mapped_column(String(255))
    province_code: Mapped[int | None] = mapped_column(Integer)
    commune_code: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")
    factcheck_id: Mapped[int | None] = mapped_column(ForeignKey("factchecks.id"))
    askers: Mapped[int] = mapped_column(Integer, default=1)
    last_asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None]
    answered_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_rumor_requests_queue", "status", "last_asked_at"),)


class RumorAsker(Base):
    """One resident who asked about a rumor: told the verdict once it is answered."""

    __tablename__ = "rumor_askers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("rumor_requests.id", ondelete="CASCADE"))
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    locale: Mapped[str] = mapped_column(String(8))
    commune_code: Mapped[int | None] = mapped_column(Integer)
    origin_kind: Mapped[str | None] = mapped_column(String(16))
    asked_at: Mapped[datetime] = mapped_column(default=utcnow)
    notified_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("request_id", "telegram_id"),
        Index("ix_rumor_askers_commune", "commune_code"),
    )
