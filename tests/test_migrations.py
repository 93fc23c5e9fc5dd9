from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from bot.storage.db import Database
from bot.storage.information import DIALECT_INDEX_OBJECTS
from bot.storage.schema import metadata


def _modelled(obj: object, name: str | None, type_: str, reflected: bool, other: object) -> bool:
    """The full-text index objects only one dialect has (the FTS5 tables on SQLite; a generated
    tsvector column and its GIN index on PostgreSQL) are made by hand in the migration and have
    no model; everything else must agree."""
    return not (reflected and name is not None and name.startswith(DIALECT_INDEX_OBJECTS))


async def test_models_and_migrations_agree(db: Database) -> None:
    def diff(connection: Connection) -> list[object]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _modelled}
        )
        return list(compare_metadata(context, metadata))

    async with db.engine.connect() as connection:
        differences = await connection.run_sync(diff)
    assert differences == []
