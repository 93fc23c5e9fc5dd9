"""groups: community groups of a commune, their leaders and members, mediation requests and
positive stories

Revision ID: 0008_groups
Revises: 0007_matching
Create Date: 2026-12-01 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_groups"
down_revision: str | Sequence[str] | None = "0007_matching"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _group_ref() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE")


def _user_ref() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("commune_code", sa.Integer(), nullable=False),
        sa.Column("province_code", sa.Integer(), nullable=False),
        sa.Column("hamlet", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("meeting", sa.String(length=300), nullable=True),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
        sa.UniqueConstraint("chat_id"),
    )
    op.create_index("ix_groups_commune", "groups", ["commune_code", "status"])
    op.create_table(
        "group_leaders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("appointed_by", sa.BigInteger(), nullable=True),
        _when("created_at"),
        _group_ref(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group_id", "telegram_id"),
    )
    op.create_index("ix_group_leaders_telegram_id", "group_leaders", ["telegram_id"])
    op.create_table(
        "group_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=True),
        _when("requested_at"),
        _when("decided_at", nullable=True),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        _group_ref(),
        _user_ref(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group_id", "user_id"),
    )
    op.create_index("ix_group_members_status", "group_members", ["group_id", "status"])
    op.create_index("ix_group_members_telegram_id", "group_members", ["telegram_id"])
    op.create_table(
        "group_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=True),
        _when("created_at"),
        _group_ref(),
        _user_ref(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "mediation_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("accepted_by", sa.BigInteger(), nullable=True),
        _when("accepted_at", nullable=True),
        _when("created_at"),
        _group_ref(),
        _user_ref(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "group_stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("photo_file_id", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        _when("created_at"),
        _group_ref(),
        sa.PrimaryKeyConstraint("id"),
    )
    # The leader role is per group now: a commune-wide leader grant gave no rights of its own.
    op.execute("DELETE FROM role_grants WHERE role = 'leader'")


def downgrade() -> None:
    op.drop_table("group_stories")
    op.drop_table("mediation_requests")
    op.drop_table("group_notifications")
    op.drop_index("ix_group_members_telegram_id", table_name="group_members")
    op.drop_index("ix_group_members_status", table_name="group_members")
    op.drop_table("group_members")
    op.drop_index("ix_group_leaders_telegram_id", table_name="group_leaders")
    op.drop_table("group_leaders")
    op.drop_index("ix_groups_commune", table_name="groups")
    op.drop_table("groups")
