"""Shared fixtures: a migrated database (SQLite by default, PostgreSQL when TEST_DATABASE_URL
points at one) and settings for the bot.

PostgreSQL runs get a database of their own (created from the one in TEST_DATABASE_URL and
dropped afterwards), so several runs can share one server. If the server is unreachable the
fixtures fail; they never skip.
"""

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.storage.db import Database, scratch_postgres_database, upgrade
from bot.storage.schema import metadata
from tests.fakebotapi import FakeBotAPI
from tests.harness import Harness

# Six digits before the colon: the shape of a token, but not of a real one.
TEST_TOKEN = "123456:TEST-token-for-the-binhyen-suite"
SUPERADMIN_ID = 900001
# Every environment variable the bot reads, for tests that must start from none of them.
SETTING_NAMES = tuple(name.upper() for name in Settings.model_fields)


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", "")
    return url if url.startswith("postgresql") else None


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = _postgres_url()
    if base is None:
        template = tmp_path_factory.mktemp("db") / "template.db"
        url = f"sqlite+aiosqlite:///{template}"
        upgrade(url)
        yield url
        return
    with scratch_postgres_database(base, "binhyen_test") as url:
        yield url


@pytest.fixture
async def db(database_url: str, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated, empty database for one test."""
    if database_url.startswith("sqlite"):
        template = Path(make_url(database_url).database or "")
        copy = tmp_path / "test.db"
        shutil.copyfile(template, copy)
        database = Database(f"sqlite+aiosqlite:///{copy}")
    else:
        database = Database(database_url)
        tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
        async with database.engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield database
    await database.dispose()


@pytest.fixture
def settings(db: Database) -> Settings:
    return make_settings(db.url)


def make_settings(
    database_url: str, api_url: str = "http://127.0.0.1:9", **extra: object
) -> Settings:
    values: dict[str, object] = {
        "bot_token": TEST_TOKEN,
        "telegram_api_url": api_url,
        "database_url": database_url,
        "bot_superadmins": str(SUPERADMIN_ID),
        "bot_provinces": "22",
    }
    values.update(extra)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type, call-arg]


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotAPI]:
    api = FakeBotAPI(token=TEST_TOKEN)
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def harness(db: Database, fake_api: FakeBotAPI) -> AsyncIterator[Harness]:
    """The real Application, polling the fake Bot API, on a fresh database."""
    h = Harness(fake_api, db, make_settings(db.url, fake_api.url))
    await h.start()
    yield h
    await h.stop()
