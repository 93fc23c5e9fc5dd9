"""Each user's place in a multi-step flow and the draft so far, kept in the database so a restart
(or another worker process) carries on where the user was."""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete

from bot.storage.db import Database
from bot.storage.models import Conversation, utcnow


@dataclass(frozen=True)
class State:
    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


class Conversations:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def get(self, telegram_id: int) -> State | None:
        async with self.db.statement() as session:
            row = await session.get(Conversation, telegram_id)
            return State(row.flow, row.step, dict(row.data or {})) if row else None

    async def set(self, telegram_id: int, state: State) -> None:
        """One statement: every step of every flow writes it."""
        values = {
            "flow": state.flow,
            "step": state.step,
            "data": dict(state.data),
            "updated_at": utcnow(),
        }
        async with self.db.statement() as session:
            await session.execute(
                self.db.insert(Conversation)
                .values(telegram_id=telegram_id, **values)
                .on_conflict_do_update(index_elements=["telegram_id"], set_=values)
            )

    async def clear(self, telegram_id: int) -> None:
        async with self.db.statement() as session:
            await session.execute(
                delete(Conversation).where(Conversation.telegram_id == telegram_id)
            )
