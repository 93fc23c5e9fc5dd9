"""The fact-check library's search index, inside the database: SQLite FTS5 or a PostgreSQL
GIN-indexed tsvector (the generated column `search_vector`) over the folded `search_text`, plus
a term → document-frequency table for IDF.

The database finds the few dozen claims sharing the message's rarest words; matching.py re-ranks
them. Both steps read only folded text, so diacritics, tone placement and teencode were settled
before anything reached SQL. Three statements per lookup: frequencies of the message's words,
the full-text query, frequencies of the candidates' other words.
"""

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import matching
from bot.storage.information import FactCheckTerm

CANDIDATE_LIMIT = 40
# The row of factcheck_terms that counts the claims themselves (no real term is empty).
LIBRARY_SIZE = ""
# Terms in more than this share of claims are too common to look claims up by (they still
# count when re-ranking), unless the message has nothing rarer.
COMMON_SHARE = 0.03
MIN_QUERY_TERMS = 3


async def adjust_terms(
    session: AsyncSession, old: str | None, new: str | None, created: bool = False
) -> None:
    """Keep document frequencies in step when a claim is added or its search text changes."""
    before = matching.content_terms((old or "").split())
    after = matching.content_terms((new or "").split())
    deltas = {t: -1 for t in before - after} | {t: 1 for t in after - before}
    if created:
        deltas[LIBRARY_SIZE] = 1
    await add_terms(session, deltas)


async def add_terms(session: AsyncSession, counts: Mapping[str, int]) -> None:
    """Add to document frequencies (bulk loads pass many claims' counts at once)."""
    insert = pg_insert if _dialect(session) == "postgresql" else sqlite_insert
    for term, delta in sorted(counts.items()):
        statement = insert(FactCheckTerm).values(term=term, docs=max(delta, 0))
        statement = statement.on_conflict_do_update(
            index_elements=[FactCheckTerm.term],
            set_={"docs": FactCheckTerm.docs + delta},
        )
        await session.execute(statement)


async def document_frequencies(session: AsyncSession, terms: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(terms))
    if not wanted:
        return {}
    if _dialect(session) == "postgresql":
        # One statement text whatever the number of terms, so asyncpg prepares it only once.
        rows = await session.execute(
            text("SELECT term, docs FROM factcheck_terms WHERE term = ANY(:terms)"),
            {"terms": wanted},
        )
    else:
        rows = await session.execute(
            select(FactCheckTerm.term, FactCheckTerm.docs).where(FactCheckTerm.term.in_(wanted))
        )
    return {str(row[0]): int(row[1]) for row in rows if row[1] > 0}


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def lookup_terms(words: Sequence[str], docs: Mapping[str, int]) -> list[str]:
    terms = matching.query_terms(words, docs)
    ceiling = max(25.0, COMMON_SHARE * docs.get(LIBRARY_SIZE, 0))
    rare = [t for t in terms if docs[t] <= ceiling]
    return rare if len(rare) >= MIN_QUERY_TERMS else terms[:MIN_QUERY_TERMS]


async def candidates(
    session: AsyncSession, terms: Sequence[str], provinces: Sequence[int] | None
) -> list[tuple[int, str]]:
    """Live claims containing any of `terms`, best full-text rank first."""
    if not terms:
        return []
    params: dict[str, object] = {"limit": CANDIDATE_LIMIT}
    where = "f.withdrawn_at IS NULL"
    if provinces is not None:
        params["provinces"] = [int(code) for code in provinces] or [0]
        where += " AND f.province_code IN :provinces"
    if _dialect(session) == "postgresql":
        params["q"] = " | ".join(f"'{t}'" for t in terms)
        sql = (
            "SELECT f.id, f.claim FROM factchecks f, to_tsquery('simple', :q) q "
            f"WHERE f.search_vector @@ q AND {where} "
            "ORDER BY ts_rank(f.search_vector, q) DESC, f.id LIMIT :limit"
        )
    else:
        params["q"] = " OR ".join(f'"{t}"' for t in terms)
        sql = (
            "SELECT f.id, f.claim FROM factcheck_fts "
            "JOIN factchecks f ON f.id = factcheck_fts.rowid "
            f"WHERE factcheck_fts MATCH :q AND {where} "
            "ORDER BY factcheck_fts.rank, f.id LIMIT :limit"
        )
    statement = text(sql)
    if provinces is not None:
        statement = statement.bindparams(bindparam("provinces", expanding=True))
    rows = await session.execute(statement, params)
    return [(int(row[0]), str(row[1])) for row in rows]


@lru_cache(maxsize=20_000)
def _claim_words(claim: str) -> tuple[str, ...]:
    """Claims are re-ranked on every lookup; their normalised words are worth remembering."""
    return tuple(matching.normalize(claim))


async def rank(
    session: AsyncSession, message: str, provinces: Sequence[int] | None
) -> list[matching.Scored]:
    """Every candidate for `message` with its score, unsorted. A claim is scored on its own
    words; its tags only help the index find it."""
    words = matching.normalize(message)
    docs = await document_frequencies(session, [*matching.content_terms(words), LIBRARY_SIZE])
    found = await candidates(session, lookup_terms(words, docs), provinces)
    if not found:
        return []
    claims = {factcheck_id: _claim_words(claim) for factcheck_id, claim in found}
    claim_terms = set().union(*(matching.content_terms(w) for w in claims.values()))
    docs.update(await document_frequencies(session, claim_terms - docs.keys()))
    total = docs.get(LIBRARY_SIZE, len(found))
    return [matching.Scored(i, matching.score(words, claims[i], docs, total)) for i in claims]
