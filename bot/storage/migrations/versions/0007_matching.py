"""matching: residents' feedback on rumor matches, and the lexicon the search index was built with

Revision ID: 0007_matching
Revises: 0006_hardening
Create Date: 2026-12-01 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_matching"
down_revision: str | Sequence[str] | None = "0006_hardening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "match_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("factcheck_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["factcheck_id"], ["factchecks.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_match_feedback_factcheck", "match_feedback", ["factcheck_id", "outcome"])
    op.create_table(
        "factcheck_index_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    op.drop_table("factcheck_index_state")
    op.drop_index("ix_match_feedback_factcheck", table_name="match_feedback")
    op.drop_table("match_feedback")
