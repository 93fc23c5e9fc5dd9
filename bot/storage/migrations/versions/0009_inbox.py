"""inbox: every update written before Telegram is answered; pruned outbox rows counted per batch

Revision ID: 0009_inbox
Revises: 0008_groups
Create Date: 2026-12-01 19:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_inbox"
down_revision: str | Sequence[str] | None = "0008_groups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("chat_key", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        _when("received_at"),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("not_before"),
        _when("lease_until", nullable=True),
        _when("processed_at", nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("update_id"),
    )
    op.create_index("ix_inbox_due", "inbox", ["state", "not_before"])
    op.create_index("ix_inbox_chat", "inbox", ["chat_key", "update_id"])
    op.create_index("ix_inbox_processed", "inbox", ["processed_at"])
    with op.batch_alter_table("outbox_batches") as batch:
        batch.add_column(sa.Column("pruned", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_batches") as batch:
        batch.drop_column("pruned")
    op.drop_table("inbox")
