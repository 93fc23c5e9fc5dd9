"""The fact-check library's search index, inside the database: SQLite FTS5 or a PostgreSQL
GIN-indexed tsvector (the generated column `search_vector`) over the normalised `search_text`,
plus a term → document-frequency table for IDF.

The database fetches the fifty claims that best share the message's words, its distinctive
words OR-ed (FTS5 lookups; on PostgreSQL an OR tsquery through the GIN index) and ranked by
the summed IDF of the words each claim has; reranker.py then scores them. Both steps read only
normalised text, so diacritics, teencode and equivalent phrases were settled before anything
reached SQL. One statement per lookup: word frequencies come from a snapshot each process
keeps (see `rarity`).
"""

import time
import weakref
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Row, Table, bindparam, delete, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import lexicon, matching, reranker
from bot.storage.information import FactCheck, FactCheckTerm
from bot.storage.matching import IndexState

LEXICON_STATE = "lexicon"
CANDIDATE_LIMIT = 50
# Of those, how many the re-ranker scores in full (by BM25 with every word's rarity).
RERANKED = 8
# The row of factcheck_terms that counts the claims themselves (no real term is empty).
LIBRARY_SIZE = ""
# The query's words may together occur in at most this share of the library (or MIN_MATCHED
# claims in a small one); the rarest words go first, and common ones still count when re-ranking.
MATCHED_SHARE = 0.3
MIN_MATCHED = 200
MIN_QUERY_TERMS = 3
QUERY_TERMS = 32
SNAPSHOT_SECONDS = 60.0


@dataclass(frozen=True)
class _Snapshot:
    rarity: reranker.Idf
    taken: float


# Per database (its engine), the word frequencies last read; see `rarity`.
_snapshots: "weakref.WeakKeyDictionary[Engine, _Snapshot]" = weakref.WeakKeyDictionary()


def term_deltas(old: str | None, new: str | None, created: bool = False) -> Counter[str]:
    """How document frequencies change when a claim is added or its search text changes."""
    before = matching.content_terms((old or "").split())
    after = matching.content_terms((new or "").split())
    deltas = Counter({t: -1 for t in before - after} | {t: 1 for t in after - before})
    if created:
        deltas[LIBRARY_SIZE] += 1
    return deltas


async def add_terms(session: AsyncSession, counts: Mapping[str, int]) -> None:
    """Add to document frequencies, all terms in one statement (an import passes thousands)."""
    rows = [{"term": t, "docs": d} for t, d in sorted(counts.items()) if d]
    if not rows:
        return
    _forget_rarity(session)
    insert = pg_insert if _dialect(session) == "postgresql" else sqlite_insert
    statement = insert(FactCheckTerm)
    statement = statement.on_conflict_do_update(
        index_elements=[FactCheckTerm.term],
        set_={"docs": FactCheckTerm.docs + statement.excluded.docs},
    )
    await session.execute(statement, rows)


async def rarity(session: AsyncSession) -> reranker.Idf:
    """Every word's document frequency, from this process's snapshot of factcheck_terms.
    Frequencies change a claim at a time and only shift weights slightly, so the table is read
    again after this process writes to it or SNAPSHOT_SECONDS later, not on every lookup (that
    was two statements of each match). A word the snapshot lacks counts as the rarest, so a
    claim another process published since is still looked up by its words."""
    engine = session.get_bind().engine
    snapshot = _snapshots.get(engine)
    if snapshot is None or time.monotonic() - snapshot.taken > SNAPSHOT_SECONDS:
        rows = await session.execute(
            select(FactCheckTerm.term, FactCheckTerm.docs).where(FactCheckTerm.docs > 0)
        )
        docs = {str(row[0]): int(row[1]) for row in rows}
        snapshot = _Snapshot(reranker.Idf(docs, docs.get(LIBRARY_SIZE, 0)), time.monotonic())
        _snapshots[engine] = snapshot
    return snapshot.rarity


def _forget_rarity(session: AsyncSession) -> None:
    _snapshots.pop(session.get_bind().engine, None)


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def lookup_terms(words: Sequence[str], docs: Mapping[str, int]) -> list[str]:
    """The message's words, rarest first (one missing from `docs` first of all), as long as
    together they fetch at most MATCHED_SHARE of the library: the rare words decide BM25's
    ranking anyway, and a common word would only make the database rank thousands of claims it
    then drops."""
    rarest = sorted(matching.content_terms(words), key=lambda t: (docs.get(t, 0), t))
    budget = max(MIN_MATCHED, MATCHED_SHARE * docs.get(LIBRARY_SIZE, 0))
    chosen: list[str] = []
    matched = 0
    for term in rarest[:QUERY_TERMS]:
        matched += docs.get(term, 0)
        if matched > budget and len(chosen) >= MIN_QUERY_TERMS:
            break
        chosen.append(term)
    return chosen


# What a candidate's row brings: its claim for the re-ranker, and all a fact-check shows, so that
# the claims answered or listed need no statement of their own.
CANDIDATE_COLUMNS = (
    "id",
    "key",
    "claim",
    "verdict",
    "explanation",
    "sources",
    "tags",
    "scope_kind",
    "scope_code",
    "province_code",
    "revision",
    "published_at",
    "withdrawn_at",
)


async def candidates(
    session: AsyncSession,
    terms: Sequence[str],
    provinces: Sequence[int] | None,
    rarity: Callable[[str], float],
) -> list[Row[Any]]:
    """Live claims containing any of `terms` (their CANDIDATE_COLUMNS), best first by the summed
    `rarity` (IDF) of the terms each claim contains, which is BM25 for claims too short to say a
    word twice, on both databases: PostgreSQL's ranking functions (`ts_rank`, `ts_rank_cd`) know
    nothing of word rarity, and FTS5's `bm25()` costs twice the lookup itself at 10,000
    claims."""
    if not terms:
        return []
    params: dict[str, object] = {"limit": CANDIDATE_LIMIT}
    where = "f.withdrawn_at IS NULL"
    if provinces is not None:
        params["provinces"] = [int(code) for code in provinces] or [0]
        where += " AND f.province_code IN :provinces"
    # A few times the limit is ranked, to leave room for withdrawn claims and other provinces;
    # ranking before the join is faster than ranking joined rows.
    params["ranked"] = CANDIDATE_LIMIT * 4
    columns = ", ".join(f"f.{name}" for name in CANDIDATE_COLUMNS)
    if _dialect(session) == "postgresql":
        # Each word's claims through the GIN index, summed: one statement text whatever the
        # number of words, so asyncpg prepares it only once.
        params["terms"] = [f"'{t}'" for t in terms]
        params["weights"] = [rarity(t) for t in terms]
        sql = (
            f"SELECT {columns} FROM (SELECT m.id, sum(t.w) AS score "
            "FROM unnest(CAST(:terms AS tsquery[]), CAST(:weights AS float8[])) AS t(term, w) "
            "JOIN factchecks m ON m.search_vector @@ t.term "
            "GROUP BY m.id ORDER BY score DESC, m.id LIMIT :ranked) s "
            f"JOIN factchecks f ON f.id = s.id WHERE {where} "
            "ORDER BY s.score DESC, f.id LIMIT :limit"
        )
    else:
        # Each word's claims from FTS5, summed.
        for i, term in enumerate(terms):
            params[f"t{i}"], params[f"w{i}"] = f'"{term}"', rarity(term)
        each = " UNION ALL ".join(
            f"SELECT rowid, :w{i} AS w FROM factcheck_fts WHERE factcheck_fts MATCH :t{i}"
            for i in range(len(terms))
        )
        sql = (
            f"SELECT {columns} FROM (SELECT rowid, sum(w) AS score FROM ({each}) "
            "GROUP BY rowid ORDER BY score DESC, rowid LIMIT :ranked) m "
            f"JOIN factchecks f ON f.id = m.rowid WHERE {where} "
            "ORDER BY m.score DESC, f.id LIMIT :limit"
        )
    table = FactCheck.__table__
    assert isinstance(table, Table)
    statement = text(sql)
    if provinces is not None:
        statement = statement.bindparams(bindparam("provinces", expanding=True))
    typed = statement.columns(*(table.c[name] for name in CANDIDATE_COLUMNS))
    return list(await session.execute(typed, params))


@dataclass(frozen=True)
class Candidates:
    message: reranker.Text
    claims: dict[int, reranker.Text]
    idf: reranker.Idf
    # Every candidate's row (CANDIDATE_COLUMNS) by id.
    rows: dict[int, Row[Any]]


async def fetch(
    session: AsyncSession, message: str, provinces: Sequence[int] | None, served: Sequence[int]
) -> Candidates:
    """The message and its candidate claims, analysed, with the word rarities to weigh them.
    A claim is scored on its own words; its tags only help the index find it. `served` are the
    provinces whose place names the re-ranker knows."""
    places = tuple(served)
    text = reranker.analyse(message, places)
    idf = await rarity(session)
    found = {
        row.id: row
        for row in await candidates(session, lookup_terms(text.words, idf.docs), provinces, idf)
    }
    analysed = {i: reranker.analyse_claim(row.claim, places) for i, row in found.items()}
    # The re-ranker needs every word's rarity; the candidates' BM25 needs only the message's,
    # and decides which of them are worth the trouble. Place names count here: among claims
    # sharing "mất điện", the one about the place the message names must not be dropped.
    scores = reranker.bm25(text, analysed, idf, places=True)
    kept = sorted(scores, key=lambda i: (-scores[i], i))[:RERANKED]
    return Candidates(text, {i: analysed[i] for i in kept}, idf, found)


async def rank(
    session: AsyncSession, message: str, provinces: Sequence[int] | None, served: Sequence[int]
) -> tuple[list[reranker.Scored], dict[int, Row[Any]]]:
    """Every candidate for `message` with its score, unsorted, and their rows by id."""
    found = await fetch(session, message, provinces, served)
    return reranker.rank(found.message, found.claims, found.idf), found.rows


async def refresh(session: AsyncSession, force: bool = False) -> int:
    """Normalise every claim again when the lexicon changed since the index was built (someone
    added equivalences, a new release changed teencode), and recount word frequencies. Returns
    how many claims were rewritten; 0 when the index is current."""
    fingerprint = lexicon.current().fingerprint
    state = await session.get(IndexState, LEXICON_STATE)
    if state is not None and state.value == fingerprint and not force:
        return 0
    rows = (await session.execute(select(FactCheck.id, FactCheck.claim, FactCheck.tags))).all()
    counts: Counter[str] = Counter({LIBRARY_SIZE: len(rows)})
    updates = []
    for factcheck_id, claim, tags in rows:
        search = matching.search_text(claim, *(tags or ()))
        counts.update(matching.content_terms(search.split()))
        updates.append({"row_id": factcheck_id, "search": search})
    if updates:
        table = FactCheck.__table__
        assert isinstance(table, Table)
        await session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(search_text=bindparam("search")),
            updates,
        )
    await session.execute(delete(FactCheckTerm))
    _forget_rarity(session)
    await add_terms(session, counts)
    if state is None:
        session.add(IndexState(name=LEXICON_STATE, value=fingerprint))
    else:
        state.value = fingerprint
    return len(rows)
