"""The baseline the matcher must beat: plain BM25 over folded claims, every folded word of the
message OR-ed (SQLite FTS5 `bm25()`, PostgreSQL `ts_rank_cd` with an OR tsquery), top three
taken as they come. No teencode, no equivalences, no re-ranking, no direct answers. It gets its
own index in the benchmark's database, built from the claims the matcher searches."""

from sqlalchemy import text

from bot.services.text import fold
from bot.storage.db import Database


async def build(db: Database) -> None:
    async with db.transaction() as session:
        rows = (await session.execute(text("SELECT id, claim FROM factchecks"))).all()
        values = [{"id": int(i), "body": fold(str(claim))} for i, claim in rows]
        if db.dialect == "postgresql":
            await session.execute(
                text("CREATE TABLE naive_index (id integer PRIMARY KEY, body tsvector)")
            )
            await session.execute(
                text("INSERT INTO naive_index VALUES (:id, to_tsvector('simple', :body))"), values
            )
            await session.execute(
                text("CREATE INDEX ix_naive_index ON naive_index USING gin (body)")
            )
        else:
            await session.execute(text("CREATE VIRTUAL TABLE naive_fts USING fts5(body)"))
            await session.execute(
                text("INSERT INTO naive_fts (rowid, body) VALUES (:id, :body)"), values
            )


async def top3(db: Database, message: str) -> list[str]:
    """Keys of the three best claims for the message."""
    words = sorted(set(fold(message).split()))
    if not words:
        return []
    async with db.transaction() as session:
        if db.dialect == "postgresql":
            sql = (
                "SELECT f.key FROM naive_index n JOIN factchecks f ON f.id = n.id, "
                "to_tsquery('simple', :q) q WHERE n.body @@ q "
                "ORDER BY ts_rank_cd(n.body, q) DESC, f.id LIMIT 3"
            )
            query = " | ".join(f"'{w}'" for w in words)
        else:
            sql = (
                "SELECT f.key FROM naive_fts JOIN factchecks f ON f.id = naive_fts.rowid "
                "WHERE naive_fts MATCH :q ORDER BY bm25(naive_fts), f.id LIMIT 3"
            )
            query = " OR ".join(f'"{w}"' for w in words)
        rows = await session.execute(text(sql), {"q": query})
        return [str(row[0]) for row in rows]
