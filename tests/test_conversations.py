"""A user's place in a flow: kept, replaced and cleared, each in one statement (every step of
every flow writes it)."""

from typing import Any

from sqlalchemy import event

from bot.services.conversations import Conversations, State
from bot.storage.db import Database

ALICE = 1001


async def test_a_place_is_kept_replaced_and_cleared_one_statement_each(db: Database) -> None:
    conversations = Conversations(db)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        await conversations.set(ALICE, State("report", "urgency", {"urgent": None}))
        await conversations.set(ALICE, State("report", "describe", {"text": "Có người lạ"}))
        assert await conversations.get(ALICE) == State(
            "report", "describe", {"text": "Có người lạ"}
        )
        await conversations.clear(ALICE)
        assert await conversations.get(ALICE) is None
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)
    assert len(statements) == 5
