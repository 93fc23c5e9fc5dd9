"""What residents did with the rumor matcher's answers, per fact-check: answered directly,
suggested ("Có phải tin này không?"), confirmed, chosen from a list, or turned down ("Không phải
tin tôi hỏi", "Không phải các tin này"). Moderators read the counts in /rumors; the texts behind
them show which words the equivalence list (content/matching) still lacks."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import matching
from bot.storage.db import Database
from bot.storage.information import FactCheck
from bot.storage.matching import MatchFeedback

MAX_WORDS = 1000


class Outcome(StrEnum):
    DIRECT = "direct"
    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    CHOSEN = "chosen"
    NOT_THIS = "not_this"
    NONE_OF_THESE = "none_of_these"


@dataclass(frozen=True)
class FactCheckFeedback:
    key: str
    claim: str
    counts: dict[Outcome, int] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> int:
        return self.counts.get(outcome, 0)


@dataclass(frozen=True)
class FeedbackText:
    key: str
    claim: str
    outcome: Outcome
    words: str
    created_at: datetime


async def record_in(
    session: AsyncSession, outcome: Outcome, factcheck_ids: Sequence[int], message: str
) -> None:
    """One row per fact-check; the message only as the matcher's words, never who sent it."""
    words = " ".join(matching.normalize(message))[:MAX_WORDS]
    session.add_all(
        MatchFeedback(factcheck_id=i, outcome=outcome.value, words=words)
        for i in dict.fromkeys(factcheck_ids)
    )


class MatchFeedbackLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(self, outcome: Outcome, factcheck_ids: Sequence[int], message: str) -> None:
        async with self.db.transaction() as session:
            await record_in(session, outcome, factcheck_ids, message)

    async def stats(self, provinces: Sequence[int], limit: int = 15) -> list[FactCheckFeedback]:
        """Fact-checks of these provinces with the most feedback, each with its counts."""
        async with self.db.transaction() as session:
            rows = await session.execute(
                select(FactCheck.id, FactCheck.key, FactCheck.claim, MatchFeedback.outcome)
                .add_columns(func.count(MatchFeedback.id))
                .join(MatchFeedback, MatchFeedback.factcheck_id == FactCheck.id)
                .where(FactCheck.province_code.in_(list(provinces) or [0]))
                .group_by(FactCheck.id, FactCheck.key, FactCheck.claim, MatchFeedback.outcome)
            )
            found: dict[int, FactCheckFeedback] = {}
            for factcheck_id, key, claim, outcome, count in rows:
                entry = found.setdefault(factcheck_id, FactCheckFeedback(key, claim))
                entry.counts[Outcome(outcome)] = int(count)
        ordered = sorted(found.values(), key=lambda f: (-sum(f.counts.values()), f.key))
        return ordered[:limit]

    async def texts(self, outcomes: Sequence[Outcome], limit: int = 500) -> list[FeedbackText]:
        """The newest messages behind these outcomes, with the fact-check they concern."""
        async with self.db.transaction() as session:
            rows = await session.execute(
                select(MatchFeedback, FactCheck.key, FactCheck.claim)
                .join(FactCheck, FactCheck.id == MatchFeedback.factcheck_id)
                .where(MatchFeedback.outcome.in_([o.value for o in outcomes]))
                .order_by(MatchFeedback.id.desc())
                .limit(limit)
            )
            return [
                FeedbackText(key, claim, Outcome(f.outcome), f.words, f.created_at)
                for f, key, claim in rows
            ]
