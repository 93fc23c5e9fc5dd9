"""sending: one outbox for everything the bot must deliver; residents' notification choices

Merges the feature heads (information, moderation). What the old outboxes still owed — report
deliveries, reporters' status notices, notices scheduled for later, rumor answers and
corrections — is moved into the new one, so an upgrade loses nothing.

Revision ID: 0005_sending
Revises: 0003_information, 0004_moderation
Create Date: 2026-12-01 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_sending"
down_revision: str | Sequence[str] | None = ("0003_information", "0004_moderation")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "outbox_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=32), nullable=False),
        sa.Column("audience_code", sa.BigInteger(), nullable=False),
        sa.Column("bulk", sa.Boolean(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        _when("due_at"),
        _when("lease_until", nullable=True),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("progress_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("progress_message_id", sa.Integer(), nullable=True),
        _when("progress_at", nullable=True),
        sa.Column("progress_text", sa.String(length=64), nullable=True),
        _when("created_at"),
        _when("filled_at", nullable=True),
        _when("finished_at", nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outbox_batches_due", "outbox_batches", ["status", "due_at"])
    op.create_index("ix_outbox_batches_item", "outbox_batches", ["kind", "item_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("bulk", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("not_before"),
        _when("lease_until", nullable=True),
        _when("sent_at", nullable=True),
        sa.Column("message_ids", sa.JSON(), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.Column("alerted", sa.Boolean(), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(["batch_id"], ["outbox_batches.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("batch_id", "chat_id"),
    )
    op.create_index("ix_outbox_due", "outbox", ["state", "not_before"])
    op.create_index("ix_outbox_batch_state", "outbox", ["batch_id", "state"])
    op.create_index("ix_outbox_user", "outbox", ["user_id"])

    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("notify_warnings", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("notify_announcements", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("notify_positive", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("quiet_start", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("quiet_end", sa.Integer(), nullable=True))
    # Whoever turned notifications off keeps only warnings, which everyone gets by default.
    op.execute(
        "UPDATE users SET notify_warnings = TRUE, notify_announcements = notifications, "
        "notify_positive = notifications, quiet_start = 1320, quiet_end = 360"
    )
    with op.batch_alter_table("users") as batch:
        batch.alter_column("notify_warnings", existing_type=sa.Boolean(), nullable=False)
        batch.alter_column("notify_announcements", existing_type=sa.Boolean(), nullable=False)
        batch.alter_column("notify_positive", existing_type=sa.Boolean(), nullable=False)
        batch.drop_column("notifications")

    # A card is recorded before it is posted, so a copy that reaches the room always works.
    with op.batch_alter_table("report_cards") as batch:
        batch.alter_column("message_id", existing_type=sa.Integer(), nullable=True)
    op.execute("UPDATE report_cards SET delivery_id = NULL")

    _move_what_was_owed()
    op.drop_index("ix_report_deliveries_due", table_name="report_deliveries")
    op.drop_table("report_deliveries")
    op.drop_index("ix_notice_broadcasts_due", table_name="notice_broadcasts")
    op.drop_table("notice_broadcasts")


_BATCH = (
    "INSERT INTO outbox_batches (kind, item_id, audience, audience_code, bulk, urgent, "
    "status, cursor, due_at, created_at) "
)
_ROOM_KINDS = {
    "report": ("room_card", "report_rooms"),
    "reminder": ("room_reminder", "report_rooms"),
    "stale": ("room_stale", "report_rooms"),
    "escalation": ("room_alert", "province_rooms"),
}


def _move_what_was_owed() -> None:
    for old, (kind, audience) in _ROOM_KINDS.items():
        op.execute(
            _BATCH + f"SELECT '{kind}', report_id, '{audience}', report_id, FALSE, FALSE, "
            "'filling', 0, next_attempt_at, created_at FROM report_deliveries "
            f"WHERE status = 'pending' AND kind = '{old}'"
        )
    op.execute(
        _BATCH + "SELECT 'room_followup', followup_id, 'report_rooms', report_id, FALSE, FALSE, "
        "'filling', 0, next_attempt_at, created_at FROM report_deliveries "
        "WHERE status = 'pending' AND kind = 'followup' AND followup_id IS NOT NULL"
    )
    op.execute(
        _BATCH + "SELECT 'report_status', e.id, 'reporter', e.report_id, FALSE, FALSE, "
        "'filling', 0, e.created_at, e.created_at FROM report_events e "
        "JOIN reports r ON r.id = e.report_id "
        "WHERE e.visible_to_reporter = TRUE AND e.notified_at IS NULL "
        "AND r.reporter_id IS NOT NULL"
    )
    # Notices due later are sent when due; those already due were never sent and are left be.
    op.execute(
        _BATCH + "SELECT 'notice', b.notice_id, 'notice', b.notice_id, TRUE, FALSE, "
        "'filling', 0, b.due_at, b.created_at FROM notice_broadcasts b "
        "WHERE b.status = 'pending' AND b.due_at > CURRENT_TIMESTAMP"
    )
    op.execute(
        _BATCH + "SELECT DISTINCT 'rumor_answer', q.id, 'rumor_askers', q.id, TRUE, FALSE, "
        "'filling', 0, q.answered_at, q.answered_at FROM rumor_requests q "
        "JOIN rumor_askers a ON a.request_id = q.id "
        "WHERE q.status <> 'open' AND a.notified_at IS NULL AND q.answered_at IS NOT NULL"
    )
    op.execute(
        _BATCH + "SELECT DISTINCT 'factcheck_correction', f.id, 'factcheck_receivers', f.id, "
        "TRUE, FALSE, 'filling', 0, f.updated_at, f.updated_at FROM factchecks f "
        "JOIN factcheck_receipts r ON r.factcheck_id = f.id WHERE r.revision < f.revision"
    )


def downgrade() -> None:
    """Back to the old tables, empty: what the outbox still owes is not carried back."""
    op.create_table(
        "notice_broadcasts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("scope_kind", sa.String(length=16), nullable=False),
        sa.Column("scope_code", sa.Integer(), nullable=False),
        _when("due_at"),
        sa.Column("status", sa.String(length=16), nullable=False),
        _when("created_at"),
        sa.ForeignKeyConstraint(["notice_id"], ["notices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notice_broadcasts_due", "notice_broadcasts", ["status", "due_at"])
    op.create_table(
        "report_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_attempt_at"),
        _when("sent_at", nullable=True),
        _when("created_at"),
        _when("alerted_at", nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["followup_id"], ["report_followups.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_report_deliveries_due", "report_deliveries", ["status", "next_attempt_at"])
    op.execute("DELETE FROM report_cards WHERE message_id IS NULL")
    with op.batch_alter_table("report_cards") as batch:
        batch.alter_column("message_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("notifications", sa.Boolean(), nullable=True))
    op.execute("UPDATE users SET notifications = notify_announcements")
    with op.batch_alter_table("users") as batch:
        batch.alter_column("notifications", existing_type=sa.Boolean(), nullable=False)
        for column in (
            "notify_warnings",
            "notify_announcements",
            "notify_positive",
            "quiet_start",
            "quiet_end",
        ):
            batch.drop_column(column)
    op.drop_table("outbox")
    op.drop_table("outbox_batches")
