"""The fact-check library: claims with verdicts, matching a resident's message against them, and
remembering who saw which verdict so a changed verdict reaches everyone who saw the old one."""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import factcheck_index, matching
from bot.services.communes import CommuneDirectory
from bot.services.outbox import BatchSpec, queue
from bot.services.scopes import Scope, ScopeKind, province_of
from bot.storage.db import Database
from bot.storage.information import FactCheck, FactCheckReceipt
from bot.storage.models import utcnow


class Verdict(StrEnum):
    FALSE = "false"
    MISLEADING = "misleading"
    TRUE = "true"
    UNVERIFIED = "unverified"
    OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class FactCheckDraft:
    key: str | None
    claim: str
    verdict: Verdict
    explanation: str
    scope: Scope
    published_at: datetime | None = None
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactCheckView:
    id: int
    key: str
    claim: str
    verdict: Verdict
    explanation: str
    scope: Scope
    province_code: int
    published_at: datetime
    revision: int
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    withdrawn: bool = False


@dataclass(frozen=True)
class Match:
    factcheck: FactCheckView
    score: float


@dataclass(frozen=True)
class MatchResult:
    """Candidates best first (at most three); `direct` when confident enough to answer."""

    candidates: tuple[Match, ...] = ()
    direct: Match | None = None


@dataclass(frozen=True)
class Saved:
    factcheck: FactCheckView
    created: bool
    changed_verdict: bool = False


def view(row: FactCheck) -> FactCheckView:
    return FactCheckView(
        id=row.id,
        key=row.key,
        claim=row.claim,
        verdict=Verdict(row.verdict),
        explanation=row.explanation,
        scope=Scope(ScopeKind(row.scope_kind), row.scope_code),
        province_code=row.province_code,
        published_at=row.published_at,
        revision=row.revision,
        sources=tuple(row.sources or ()),
        tags=tuple(row.tags or ()),
        withdrawn=row.withdrawn_at is not None,
    )


async def save_in(
    session: AsyncSession, directory: CommuneDirectory, draft: FactCheckDraft, author: int | None
) -> Saved:
    """Create or update (by key) inside the caller's transaction, so a whole file imports
    atomically. A new verdict or explanation bumps the revision: receipts older than it are
    the corrections to send."""
    province = province_of(directory, draft.scope)
    row = None
    if draft.key is not None:
        row = await session.scalar(select(FactCheck).where(FactCheck.key == draft.key))
    search = matching.search_text(draft.claim, *draft.tags)
    created = row is None
    if row is None:
        row = FactCheck(
            key=draft.key or f"fc-{secrets.token_hex(5)}",
            revision=1,
            author_id=author,
            published_at=draft.published_at or utcnow(),
            search_text="",
        )
    changed = not created and (
        row.verdict != draft.verdict.value or row.explanation != draft.explanation
    )
    previous_search = row.search_text
    row.claim, row.verdict, row.explanation = draft.claim, draft.verdict.value, draft.explanation
    row.sources, row.tags = list(draft.sources), list(draft.tags)
    row.scope_kind, row.scope_code, row.province_code = (
        draft.scope.kind.value,
        draft.scope.code,
        province,
    )
    row.search_text = search
    row.published_at = draft.published_at or row.published_at
    row.withdrawn_at = None
    if changed:
        row.revision += 1
    session.add(row)
    await session.flush()
    if changed:
        # Everyone shown the old verdict or explanation hears of the new one.
        queue(
            session,
            BatchSpec("factcheck_correction", row.id, "factcheck_receivers", row.id, bulk=True),
        )
    await factcheck_index.adjust_terms(session, previous_search, search, created)
    return Saved(view(row), created, changed)


class FactChecks:
    def __init__(self, db: Database, directory: CommuneDirectory) -> None:
        self.db = db
        self.directory = directory

    async def save(self, draft: FactCheckDraft, author: int | None = None) -> Saved:
        async with self.db.transaction() as session:
            return await save_in(session, self.directory, draft, author)

    async def get(self, factcheck_id: int) -> FactCheckView | None:
        async with self.db.transaction() as session:
            row = await session.get(FactCheck, factcheck_id)
            return view(row) if row else None

    async def by_key(self, key: str) -> FactCheckView | None:
        async with self.db.transaction() as session:
            row = await session.scalar(select(FactCheck).where(FactCheck.key == key))
            return view(row) if row else None

    async def all(self) -> list[FactCheckView]:
        async with self.db.transaction() as session:
            rows = await session.scalars(select(FactCheck).order_by(FactCheck.id))
            return [view(row) for row in rows]

    async def withdraw(self, factcheck_id: int) -> bool:
        async with self.db.transaction() as session:
            row = await session.get(FactCheck, factcheck_id)
            if row is None or row.withdrawn_at is not None:
                return False
            row.withdrawn_at = utcnow()
            return True

    async def match(self, message: str, provinces: Sequence[int] | None = None) -> MatchResult:
        """Rank the library against a message; `provinces` None searches every province."""
        async with self.db.transaction() as session:
            decision = matching.decide(await factcheck_index.rank(session, message, provinces))
            if not decision.candidates:
                return MatchResult()
            rows = await session.scalars(
                select(FactCheck).where(FactCheck.id.in_([s.id for s in decision.candidates]))
            )
            views = {row.id: view(row) for row in rows}
        candidates = tuple(Match(views[s.id], s.score) for s in decision.candidates)
        confident = decision.direct is not None
        return MatchResult(candidates, candidates[0] if confident else None)

    async def record_receipt(
        self, factcheck_id: int, telegram_id: int, locale: str, revision: int | None = None
    ) -> None:
        """Remember that this person was shown `revision` (the current one if not given), so a
        later change reaches them."""
        async with self.db.transaction() as session:
            row = await session.get(FactCheck, factcheck_id)
            if row is None:
                return
            revision = revision or row.revision
            receipt = await session.scalar(
                select(FactCheckReceipt).where(
                    FactCheckReceipt.factcheck_id == factcheck_id,
                    FactCheckReceipt.telegram_id == telegram_id,
                )
            )
            if receipt is None:
                session.add(
                    FactCheckReceipt(
                        factcheck_id=factcheck_id,
                        telegram_id=telegram_id,
                        locale=locale,
                        revision=revision,
                    )
                )
            else:
                receipt.revision, receipt.locale, receipt.sent_at = revision, locale, utcnow()

    async def outdated_receipts(self, factcheck_id: int) -> int:
        """How many people saw an older verdict or explanation than the current one."""
        async with self.db.transaction() as session:
            return int(
                await session.scalar(
                    select(func.count())
                    .select_from(FactCheckReceipt)
                    .join(FactCheck, FactCheck.id == FactCheckReceipt.factcheck_id)
                    .where(
                        FactCheckReceipt.factcheck_id == factcheck_id,
                        FactCheckReceipt.revision < FactCheck.revision,
                    )
                )
                or 0
            )

    async def corrected(self, factcheck_id: int, telegram_id: int, revision: int) -> None:
        async with self.db.transaction() as session:
            await session.execute(
                update(FactCheckReceipt)
                .where(
                    FactCheckReceipt.factcheck_id == factcheck_id,
                    FactCheckReceipt.telegram_id == telegram_id,
                )
                .values(revision=revision, sent_at=utcnow())
            )
