"""Engine, sessions and migrations. One `Database` per process, shared by every service."""

import asyncio
import os
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import asyncpg
from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, NullPool, PoolProxiedConnection

MIGRATIONS = Path(__file__).parent / "migrations"
# What a database that cannot be reached or opened raises: a refused connection or an unknown
# host as OSError, the drivers' own errors wrapped by SQLAlchemy (or not, from asyncpg).
UNAVAILABLE = (OSError, SQLAlchemyError, asyncpg.PostgresError)
CONNECT_TIMEOUT = 10
SQLITE_HEADER = b"SQLite format 3\x00"
# Connections each process keeps open to PostgreSQL, all of them kept: a pool that opens extra
# connections under load and closes them when they come back opens and closes dozens a second
# when busy (each a new server process, and each statement prepared again on it).
POOL_SIZE = 15
# A connection given back to the pool this recently is used without asking the server first
# whether it is still there; one idle longer is asked (three round trips with asyncpg).
PING_AFTER_IDLE = 5.0


def is_unavailable(error: BaseException) -> bool:
    """Whether the database is away (refused, gone, restarting, busy) rather than answering
    no to a query (a constraint, a mistake), which no retry mends."""
    if isinstance(error, DBAPIError):
        return error.connection_invalidated or isinstance(error, OperationalError | InterfaceError)
    return isinstance(
        error,
        OSError
        | PoolTimeout
        | asyncpg.PostgresConnectionError
        | asyncpg.CannotConnectNowError
        | asyncpg.TooManyConnectionsError
        | asyncpg.InterfaceError,
    )


class DatabaseUnavailable(Exception):
    """The database cannot be reached, opened or created; the message is one line meant for
    the operator, without the password."""


def unavailable(url: str, exc: BaseException) -> DatabaseUnavailable:
    parsed = make_url(url)
    where = parsed.database if is_sqlite(url) else parsed.render_as_string(hide_password=True)
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
    return DatabaseUnavailable(f"cannot use the database {where}: {reason.strip().splitlines()[0]}")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def ensure_sqlite_folder(url: str) -> None:
    """Make the folder of an SQLite database, and refuse a path that is not one."""
    database = make_url(url).database
    if not is_sqlite(url) or not database or database == ":memory:":
        return
    path = Path(database).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"cannot use the database {database}: cannot make the folder {path.parent} "
            f"({exc.strerror or exc})"
        ) from exc
    if path.is_dir():
        raise DatabaseUnavailable(f"cannot use the database {database}: it is a folder")
    if path.is_file() and path.stat().st_size and not _is_sqlite_file(path):
        raise DatabaseUnavailable(f"cannot use the database {database}: not an SQLite file")


def _is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Write-ahead logging: readers never wait for the writer (the sender claims and marks
    # while residents are answered), and a commit is not an fsync; a process killed at any
    # moment still loses no committed transaction.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(url: str, *, pooled: bool = True) -> AsyncEngine:
    """The engine for `url`; `pooled=False` for a run of one connection (migrations), which is
    then closed as soon as it is given back, failure or not."""
    ensure_sqlite_folder(url)
    # asyncpg waits 60 s for an unreachable server by default.
    connect = {} if is_sqlite(url) else {"timeout": CONNECT_TIMEOUT}
    pool: dict[str, Any] = {"poolclass": NullPool}
    if pooled and not is_sqlite(url):
        pool = {"pool_size": POOL_SIZE, "max_overflow": 0}
    elif pooled:
        pool = {}
    engine = create_async_engine(url, connect_args=connect, **pool)
    if is_sqlite(url):
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    else:
        event.listen(engine.sync_engine, "checkin", _note_return)
        event.listen(engine.sync_engine, "checkout", _ping_when_idle)
    return engine


def _note_return(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    record.info["returned"] = time.monotonic()


def _ping_when_idle(
    dbapi_connection: Any, record: ConnectionPoolEntry, _proxy: PoolProxiedConnection
) -> None:
    """A connection idle for a while may have been closed by the server (restarted, or its
    process ended): ask first, and on no answer let the pool open a new one. One given back
    moments ago is used as is; were the server gone meanwhile, the statement fails as one would
    failing a moment after the check, the pool drops every older connection, and the caller
    sees the database away."""
    returned = record.info.get("returned")
    if returned is None or time.monotonic() - returned < PING_AFTER_IDLE:
        return
    try:
        dbapi_connection.ping()
    except Exception as exc:
        raise DisconnectionError("the connection was closed while idle") from exc


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # A statement that is a whole transaction by itself needs no BEGIN and COMMIT around
        # it: two of the three round trips asyncpg makes for it. SQLite's driver begins a
        # transaction only before a write, and its round trips stay in the process.
        single = (
            self.engine
            if is_sqlite(url)
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._statements = async_sessionmaker(single, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on success, rolled back on error."""
        async with self._sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def statement(self) -> AsyncIterator[AsyncSession]:
        """A session whose statements each commit as they run: for reads, or a write whole in
        one statement. Writes that must hold together, or reads that must agree with each
        other, take `transaction`."""
        async with self._statements() as session, session.begin():
            yield session

    def insert(self, entity: Any) -> postgresql.Insert | sqlite.Insert:
        """An INSERT in this database's dialect, which can be told what to do on a conflict."""
        if self.dialect == "postgresql":
            return postgresql.insert(entity)
        return sqlite.insert(entity)

    async def ping(self) -> None:
        """Raise (one of UNAVAILABLE) unless the database answers."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["database_url"] = url
    return config


def upgrade(url: str, revision: str = "heads") -> None:
    """Apply migrations. Runs its own event loop, so call it before the bot's loop starts.
    Features branch their migrations from the foundation, so "heads", not "head". Raises
    DatabaseUnavailable when the database cannot be reached or opened."""
    ensure_sqlite_folder(url)
    try:
        command.upgrade(alembic_config(url), revision)
    except UNAVAILABLE as exc:
        raise unavailable(url, exc) from exc


async def _postgres_statement(url: str, statement: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE cannot run inside one)."""
    parsed = make_url(url)
    connection = await asyncpg.connect(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password,
        database=parsed.database or "postgres",
        timeout=10,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@contextmanager
def scratch_postgres_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, migrated PostgreSQL database on the server of `server_url`, dropped on exit: what
    the test suite and the benchmarks run on, so several runs can share one server."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    asyncio.run(_postgres_statement(server_url, f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
        upgrade(url)
        yield url
    finally:
        asyncio.run(
            _postgres_statement(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        )
