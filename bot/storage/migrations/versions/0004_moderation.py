"""moderation: report cards, relay messages, pseudonym secret, deadline and actor columns

Revision ID: 0004_moderation
Revises: 0002_reports
Create Date: 2026-11-26 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_moderation"
down_revision: str | None = "0002_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(_when("ack_reminded_at", nullable=True))
        batch.add_column(_when("update_reminded_at", nullable=True))
    with op.batch_alter_table("report_events") as batch:
        batch.add_column(sa.Column("actor_name", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("reason", sa.String(length=32), nullable=True))
    with op.batch_alter_table("report_deliveries") as batch:
        batch.add_column(_when("alerted_at", nullable=True))

    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "report_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=16), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("commune_code", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("rendered", sa.String(length=64), nullable=True),
        _when("created_at"),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_report_cards_report_id", "report_cards", ["report_id"])
    op.create_index("ix_report_cards_message", "report_cards", ["chat_id", "message_id"])
    op.create_table(
        "relay_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=16), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("actor_telegram_id", sa.BigInteger(), nullable=True),
        _when("created_at"),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_relay_messages_report_id", "relay_messages", ["report_id"])
    op.create_index("ix_relay_messages_message", "relay_messages", ["chat_id", "message_id"])


def downgrade() -> None:
    op.drop_index("ix_relay_messages_message", table_name="relay_messages")
    op.drop_index("ix_relay_messages_report_id", table_name="relay_messages")
    op.drop_table("relay_messages")
    op.drop_index("ix_report_cards_message", table_name="report_cards")
    op.drop_index("ix_report_cards_report_id", table_name="report_cards")
    op.drop_table("report_cards")
    op.drop_table("app_secrets")
    with op.batch_alter_table("report_deliveries") as batch:
        batch.drop_column("alerted_at")
    with op.batch_alter_table("report_events") as batch:
        batch.drop_column("reason")
        batch.drop_column("actor_name")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("update_reminded_at")
        batch.drop_column("ack_reminded_at")
