"""The fact-check library: claims with verdicts, matching a resident's message against them, and
remembering who saw which verdict so a changed verdict reaches everyone who saw the old one."""

import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, Table, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import factcheck_index, matching, reranker
from bot.services.communes import CommuneDirectory
from bot.services.outbox import BatchSpec, queue
from bot.services.scopes import Scope, ScopeKind, province_of
from bot.storage.db import Database
from bot.storage.information import FactCheck, FactCheckReceipt
from bot.storage.models import utcnow

# Keys looked up per query when saving many fact-checks (SQLite allows 32,766 parameters).
KEYS_PER_QUERY = 500
# The longest of each field, wherever a fact-check comes from (a file, a moderator's answer).
CLAIM_MAX = 2000
EXPLANATION_MAX = 3000
SOURCES_MAX = 5
SOURCE_MAX = 500


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
    """Candidates best first (at most three); `direct` when confident enough to answer,
    `suggested` when the first is clearly ahead and the resident should confirm it."""

    candidates: tuple[Match, ...] = ()
    direct: Match | None = None
    suggested: Match | None = None


@dataclass(frozen=True)
class Saved:
    factcheck: FactCheckView
    created: bool
    changed_verdict: bool = False


def view(row: FactCheck | Row[Any]) -> FactCheckView:
    """A fact-check as services show it, from its ORM object or a row of the same columns."""
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
    """Create or update (by key) inside the caller's transaction."""
    return (await save_all_in(session, directory, [draft], author))[0]


async def save_all_in(
    session: AsyncSession,
    directory: CommuneDirectory,
    drafts: Sequence[FactCheckDraft],
    author: int | None,
) -> list[Saved]:
    """Create or update (by key) many fact-checks inside the caller's transaction, so a whole
    file imports atomically. New claims go in as one multi-row insert and term counts as one
    upsert, whatever their number: an import of 10,000 claims takes seconds. A new verdict or
    explanation bumps the revision: receipts older than it are the corrections to send."""
    existing = await _by_keys(session, {d.key for d in drafts if d.key is not None})
    deltas: Counter[str] = Counter()
    now = utcnow()
    # New claims are plain rows, not ORM objects: building and reloading ten thousand of those
    # was most of an import's time.
    fresh: dict[str, tuple[FactCheckDraft, dict[str, Any]]] = {}
    outcome: list[tuple[str, bool, bool]] = []
    for draft in drafts:
        key = draft.key or f"fc-{secrets.token_hex(5)}"
        province = province_of(directory, draft.scope)
        row = existing.get(key)
        if row is None:
            # A key given twice in one batch: the later entry wins, nobody has seen the first.
            before = fresh[key][1]["search_text"] if key in fresh else None
            values = _new_row(key, draft, province, author, now)
            fresh[key] = (draft, values)
            deltas.update(
                factcheck_index.term_deltas(before, values["search_text"], before is None)
            )
            outcome.append((key, before is None, False))
            continue
        previous_search = row.search_text
        changed = _apply(row, draft, province)
        row.updated_at = now
        deltas.update(factcheck_index.term_deltas(previous_search, row.search_text))
        outcome.append((key, False, changed))
    await session.flush()
    views = {key: view(row) for key, row in existing.items()}
    if fresh:
        table = FactCheck.__table__
        assert isinstance(table, Table)
        ids = await session.execute(
            insert(table).returning(table.c.key, table.c.id),
            [values for _, values in fresh.values()],
        )
        for key, factcheck_id in ids:
            draft, values = fresh[key]
            views[key] = _new_view(factcheck_id, draft, values)
    await factcheck_index.add_terms(session, deltas)
    for key, _, changed in outcome:
        if changed:
            # Everyone shown the old verdict or explanation hears of the new one.
            factcheck_id = views[key].id
            spec = BatchSpec(
                "factcheck_correction", factcheck_id, "factcheck_receivers", factcheck_id, bulk=True
            )
            queue(session, spec, now)
    return [Saved(views[key], created, changed) for key, created, changed in outcome]


def _new_row(
    key: str, draft: FactCheckDraft, province: int, author: int | None, now: datetime
) -> dict[str, Any]:
    return {
        "key": key,
        "claim": draft.claim,
        "verdict": draft.verdict.value,
        "explanation": draft.explanation,
        "sources": list(draft.sources),
        "tags": list(draft.tags),
        "scope_kind": draft.scope.kind.value,
        "scope_code": draft.scope.code,
        "province_code": province,
        "search_text": matching.search_text(draft.claim, *draft.tags),
        "revision": 1,
        "published_at": draft.published_at or now,
        "withdrawn_at": None,
        "author_id": author,
        "created_at": now,
        "updated_at": now,
    }


def _new_view(factcheck_id: int, draft: FactCheckDraft, values: dict[str, Any]) -> FactCheckView:
    return FactCheckView(
        id=factcheck_id,
        key=values["key"],
        claim=draft.claim,
        verdict=draft.verdict,
        explanation=draft.explanation,
        scope=draft.scope,
        province_code=values["province_code"],
        published_at=values["published_at"],
        revision=1,
        sources=tuple(draft.sources),
        tags=tuple(draft.tags),
    )


async def _by_keys(session: AsyncSession, keys: set[str]) -> dict[str, FactCheck]:
    found: dict[str, FactCheck] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), KEYS_PER_QUERY):
        chunk = ordered[start : start + KEYS_PER_QUERY]
        rows = await session.scalars(select(FactCheck).where(FactCheck.key.in_(chunk)))
        found.update({row.key: row for row in rows})
    return found


def _apply(row: FactCheck, draft: FactCheckDraft, province: int) -> bool:
    """Write the draft into an existing row; True when its verdict or explanation changed."""
    changed = row.verdict != draft.verdict.value or row.explanation != draft.explanation
    row.claim, row.verdict, row.explanation = draft.claim, draft.verdict.value, draft.explanation
    row.sources, row.tags = list(draft.sources), list(draft.tags)
    row.scope_kind, row.scope_code, row.province_code = (
        draft.scope.kind.value,
        draft.scope.code,
        province,
    )
    row.search_text = matching.search_text(draft.claim, *draft.tags)
    row.published_at = draft.published_at or row.published_at or utcnow()
    row.withdrawn_at = None
    if changed:
        row.revision += 1
    return changed


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

    async def refresh_index(self, force: bool = False) -> int:
        """Rewrite stored search texts if the lexicon changed (or `force`); how many claims
        were rewritten."""
        async with self.db.transaction() as session:
            return await factcheck_index.refresh(session, force)

    async def match(self, message: str, provinces: Sequence[int] | None = None) -> MatchResult:
        """Rank the library against a message; `provinces` None searches every province."""
        async with self.db.transaction() as session:
            ranked, rows = await factcheck_index.rank(
                session, message, provinces, self.directory.province_codes
            )
        decision = reranker.decide(ranked)
        if not decision.candidates:
            return MatchResult()
        candidates = tuple(Match(view(rows[s.id]), s.score) for s in decision.candidates)
        return MatchResult(
            candidates,
            direct=candidates[0] if decision.direct else None,
            suggested=candidates[0] if decision.suggested else None,
        )

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
