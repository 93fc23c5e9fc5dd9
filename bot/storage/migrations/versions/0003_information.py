"""information: notices, fact-checks with their full-text index, rumor requests

Revision ID: 0003_information
Revises: 0001
Create Date: 2026-11-26 22:50:00

The fact-check index is dialect-specific: an external-content FTS5 table kept in step by
triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL. Both index
the same folded text, so no extension (unaccent, pg_trgm) is needed.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_information"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_INDEX = (
    "CREATE VIRTUAL TABLE factcheck_fts USING fts5("
    "search_text, content='factchecks', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER factchecks_fts_insert AFTER INSERT ON factchecks BEGIN "
    "INSERT INTO factcheck_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER factchecks_fts_delete AFTER DELETE ON factchecks BEGIN "
    "INSERT INTO factcheck_fts(factcheck_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER factchecks_fts_update AFTER UPDATE OF search_text ON factchecks BEGIN "
    "INSERT INTO factcheck_fts(factcheck_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO factcheck_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)
# A stored tsvector, so ranking reads it instead of re-parsing every matching claim; the GIN
# index without fastupdate, so lookups never scan a long pending list after a bulk import.
_POSTGRES_INDEX = (
    "ALTER TABLE factchecks ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX ix_factchecks_search ON factchecks USING gin (search_vector) "
    "WITH (fastupdate = off)",
)


def _timestamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "factchecks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("claim", sa.Text(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("scope_kind", sa.String(length=16), nullable=False),
        sa.Column("scope_code", sa.Integer(), nullable=False),
        sa.Column("province_code", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_factchecks_province", "factchecks", ["province_code"])
    op.create_table(
        "factcheck_terms",
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("docs", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term"),
    )
    op.create_table(
        "factcheck_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factcheck_id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["factcheck_id"], ["factchecks.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("factcheck_id", "telegram_id"),
    )
    op.create_index("ix_factcheck_receipts_telegram_id", "factcheck_receipts", ["telegram_id"])
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("photo_file_id", sa.String(length=255), nullable=True),
        sa.Column("issuer", sa.String(length=255), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=True),
        sa.Column("scope_kind", sa.String(length=16), nullable=False),
        sa.Column("scope_code", sa.Integer(), nullable=False),
        sa.Column("province_code", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_notices_listing", "notices", ["province_code", "published_at"])
    op.create_table(
        "notice_broadcasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("scope_kind", sa.String(length=16), nullable=False),
        sa.Column("scope_code", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notice_broadcasts_due", "notice_broadcasts", ["status", "due_at"])
    op.create_table(
        "rumor_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("photo_file_id", sa.String(length=255), nullable=True),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("origin_kind", sa.String(length=16), nullable=True),
        sa.Column("origin_title", sa.String(length=255), nullable=True),
        sa.Column("province_code", sa.Integer(), nullable=True),
        sa.Column("commune_code", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("factcheck_id", sa.Integer(), nullable=True),
        sa.Column("askers", sa.Integer(), nullable=False),
        sa.Column("last_asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["factcheck_id"], ["factchecks.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rumor_requests_fingerprint", "rumor_requests", ["fingerprint"])
    op.create_index("ix_rumor_requests_queue", "rumor_requests", ["status", "last_asked_at"])
    op.create_table(
        "rumor_askers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("commune_code", sa.Integer(), nullable=True),
        sa.Column("origin_kind", sa.String(length=16), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["request_id"], ["rumor_requests.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id", "telegram_id"),
    )
    op.create_index("ix_rumor_askers_telegram_id", "rumor_askers", ["telegram_id"])
    op.create_index("ix_rumor_askers_commune", "rumor_askers", ["commune_code"])
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE_INDEX if dialect == "sqlite" else _POSTGRES_INDEX:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS factchecks_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS factcheck_fts")
    else:
        op.drop_index("ix_factchecks_search", table_name="factchecks")
        op.drop_column("factchecks", "search_vector")
    for table in (
        "rumor_askers",
        "rumor_requests",
        "notice_broadcasts",
        "notices",
        "factcheck_receipts",
        "factcheck_terms",
        "factchecks",
    ):
        op.drop_table(table)
