"""Telegram or the database going away while the bot runs: it keeps going, says so once in the
log (no traceback), says when it is back, and a resident's message sent meanwhile is answered."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from bot.services.inbox import MAX_ATTEMPTS
from bot.services.residents import Residents
from bot.storage.db import Database
from tests.harness import Harness, button_data, onboard, plain

ALICE = 1001


@contextmanager
def database_gone(db: Database) -> Iterator[None]:
    """Every new connection fails, as with a database server that went away."""
    engine, sessions, statements = db.engine, db._sessions, db._statements
    gone = create_async_engine("sqlite+aiosqlite:////no/such/folder/binhyen.db")
    db.engine = gone
    db._sessions = db._statements = async_sessionmaker(gone, expire_on_commit=False)
    try:
        yield
    finally:
        db.engine, db._sessions, db._statements = engine, sessions, statements


def _said(caplog: pytest.LogCaptureFixture, words: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if words in r.getMessage()]


def _no_error_logged(caplog: pytest.LogCaptureFixture) -> None:
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert not any(r.exc_info for r in caplog.records)


async def test_a_message_sent_while_the_database_is_away_is_answered_when_it_is_back(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    caplog.set_level(logging.INFO)
    answered = harness.api.wait_for_message(ALICE, timeout=20)
    with database_gone(harness.db):
        harness.api.send_text(ALICE, "/help")
        harness.api.send_text(ALICE, "/mydata")
        await harness.api.wait_for_updates_fetched()
        await harness.api.wait_for_request("getUpdates")  # the bot got on with polling
    assert "Bình Yên" in plain(await answered)
    await harness.settle()
    assert str(ALICE) in plain(harness.api.messages_to(ALICE)[-1])  # /mydata, after /help
    assert len(_said(caplog, "database unreachable")) == 1
    assert len(_said(caplog, "database reachable again")) == 1
    _no_error_logged(caplog)


async def test_polling_through_a_telegram_outage_is_logged_once(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    caplog.set_level(logging.INFO)
    harness.api.fail_with("getUpdates", error_code=502, description="Bad Gateway", times=3)
    for _ in range(4):
        await harness.api.wait_for_request("getUpdates", timeout=10)
    reply = await harness.say(ALICE, "/help")
    assert "Bình Yên" in plain(reply)
    assert len(_said(caplog, "Telegram unreachable")) == 1
    assert len(_said(caplog, "Telegram reachable again")) == 1
    _no_error_logged(caplog)


async def test_a_query_the_database_refuses_is_an_error_not_an_outage(
    harness: Harness, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database that answers "no" (a constraint, a bug) is not away: the update is tried
    a few times, then parked, and the resident is told once."""
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    caplog.set_level(logging.INFO)
    calls = 0

    async def refused(*args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        raise IntegrityError("UPDATE users", {}, Exception("CHECK constraint failed"))

    monkeypatch.setattr(Residents, "set_notification", refused)
    settings = await harness.say(ALICE, "⚙️ Cài đặt")
    choices = await harness.tap_and_settle(ALICE, settings, "Chọn thông báo")
    sorry = harness.api.wait_for_message(ALICE)
    harness.api.press(ALICE, choices, button_data(choices, "Tin tích cực"))
    assert "lỗi" in plain(await sorry)
    await harness.settle()
    assert calls == MAX_ATTEMPTS
    assert _said(caplog, "unreachable") == []
    assert len([r for r in caplog.records if r.levelno >= logging.ERROR]) == MAX_ATTEMPTS
    assert [p.attempts for p in await harness.inbox.failed()] == [MAX_ATTEMPTS]
