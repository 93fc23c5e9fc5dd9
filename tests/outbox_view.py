"""What the outbox holds, for tests that check what a change promised to send."""

from sqlalchemy import select

from bot.storage.db import Database
from bot.storage.outbox import OutboxBatch, OutboxRow


async def batches(db: Database, kind: str | None = None) -> list[tuple[str, int, str, int]]:
    """(kind, item_id, audience, audience_code) of every batch, oldest first."""
    query = select(
        OutboxBatch.kind, OutboxBatch.item_id, OutboxBatch.audience, OutboxBatch.audience_code
    ).order_by(OutboxBatch.id)
    if kind is not None:
        query = query.where(OutboxBatch.kind == kind)
    async with db.transaction() as session:
        return [tuple(row) for row in (await session.execute(query)).all()]  # type: ignore[misc]


async def rows(db: Database, kind: str | None = None) -> list[tuple[str, int, int, str]]:
    """(kind, item_id, chat_id, state) of every row, oldest first."""
    query = select(OutboxRow.kind, OutboxRow.item_id, OutboxRow.chat_id, OutboxRow.state).order_by(
        OutboxRow.id
    )
    if kind is not None:
        query = query.where(OutboxRow.kind == kind)
    async with db.transaction() as session:
        return [tuple(row) for row in (await session.execute(query)).all()]  # type: ignore[misc]
