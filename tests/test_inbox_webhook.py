"""Webhook workers and the inbox, end to end: the fake Bot API posts updates over HTTP to the
bot's own server (through a round-robin balancer when there are several workers), the real
Application handles them, and its replies go back to the fake."""

import asyncio
import json
import logging
import random
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.config import Settings
from bot.handlers.common import BotContext
from bot.handlers.pastes import WINDOW
from bot.services.inbox import Incoming
from bot.storage.db import Database
from tests.conftest import make_settings
from tests.fakebotapi import FakeBotAPI
from tests.population import add_residents, resident_rows
from tests.test_e2e_pastes import PART, pasted
from tests.webhook_workers import (
    PUBLIC_URL,
    SECRET,
    RoundRobin,
    Worker,
    register,
    start_worker,
    wait_until,
)

ALICE = 1001
RECORD_GROUP = -3  # before every handler of the bot


@pytest.fixture
def webhook_settings(db: Database, fake_api: FakeBotAPI) -> Settings:
    return make_settings(
        db.url, fake_api.url, bot_webhook_url=PUBLIC_URL, bot_webhook_secret=SECRET
    )


class Seen:
    """What the handlers saw, in the order they saw it, across every worker; a text starting
    with "boom" makes the handler raise."""

    def __init__(self) -> None:
        self.texts: dict[int, list[str]] = {}
        self.jitter = 0.0

    def install(self, worker: Worker) -> None:
        async def record(update: Update, _: BotContext) -> None:
            message = update.effective_message
            assert message is not None and message.text is not None
            if self.jitter:
                await asyncio.sleep(random.uniform(0, self.jitter))
            self.texts.setdefault(message.chat.id, []).append(message.text)
            if message.text.startswith("boom"):
                raise RuntimeError("a handler that always fails")

        worker.app.add_handler(MessageHandler(filters.TEXT, record), group=RECORD_GROUP)


@pytest.fixture
async def one_worker(
    webhook_settings: Settings, fake_api: FakeBotAPI
) -> AsyncIterator[tuple[Worker, Seen]]:
    worker = await start_worker(webhook_settings)
    seen = Seen()
    seen.install(worker)
    fake_api.route_webhook("https://bot.example.vn", worker.url)
    await register(worker, webhook_settings)
    yield worker, seen
    await worker.stop()


def update_body(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1764600000,
            "chat": {"id": user_id, "type": "private", "first_name": "Alice"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Alice"},
            "text": text,
        },
    }


async def post(worker: Worker, body: bytes | dict[str, Any], secret: str | None = SECRET) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{worker.url}/telegram", data=data, headers=headers) as answer,
    ):
        return answer.status


async def test_the_webhook_is_registered_with_its_secret_and_what_the_bot_handles(
    one_worker: tuple[Worker, Seen], fake_api: FakeBotAPI
) -> None:
    webhook = fake_api.state.webhook
    assert webhook["url"] == PUBLIC_URL
    assert webhook["secret_token"] == SECRET
    assert set(fake_api.state.allowed_updates or []) == {
        "message",
        "edited_message",
        "callback_query",
        "inline_query",
        "chat_join_request",
    }


async def test_updates_posted_by_telegram_are_answered_in_order(
    one_worker: tuple[Worker, Seen], fake_api: FakeBotAPI
) -> None:
    _, seen = one_worker
    fake_api.add_user(ALICE, "Alice", language_code="vi")
    greeting = fake_api.wait_for_message(ALICE, lambda m: "Bình Yên" in (m.get("text") or ""))
    for n in range(5):
        fake_api.send_text(ALICE, f"m{n}")
    fake_api.send_text(ALICE, "/start")
    await greeting
    await wait_until(lambda: len(seen.texts.get(ALICE, [])) == 6)
    assert seen.texts[ALICE] == ["m0", "m1", "m2", "m3", "m4", "/start"]


async def test_a_second_delivery_of_an_update_is_ignored(
    one_worker: tuple[Worker, Seen], fake_api: FakeBotAPI
) -> None:
    worker, seen = one_worker
    fake_api.add_user(ALICE, "Alice", language_code="vi")
    body = update_body(777, ALICE, "/start")
    assert await post(worker, body) == 200
    await worker.worker.idle()
    assert await post(worker, body) == 200  # Telegram thought the first one failed
    await worker.worker.idle()
    assert seen.texts[ALICE] == ["/start"]
    assert len(fake_api.messages_to(ALICE)) == 1


async def test_a_wrong_or_missing_secret_is_refused_and_changes_nothing(
    one_worker: tuple[Worker, Seen], fake_api: FakeBotAPI
) -> None:
    worker, seen = one_worker
    fake_api.add_user(ALICE, "Alice", language_code="vi")
    assert await post(worker, update_body(1, ALICE, "/start"), secret="not-the-secret") == 403
    assert await post(worker, update_body(2, ALICE, "/start"), secret=None) == 403
    await worker.worker.idle()
    assert (await worker.inbox.depth()).pending == 0
    assert not seen.texts
    assert not fake_api.messages_to(ALICE)
    assert await worker.inbox.receive([Incoming(1, ALICE, "message", {})]) == {1}  # never stored


async def test_a_body_that_is_not_an_update_is_refused_and_logged_without_its_content(
    one_worker: tuple[Worker, Seen], caplog: pytest.LogCaptureFixture
) -> None:
    worker, _ = one_worker
    caplog.set_level(logging.INFO)
    secret_words = "số điện thoại 0912345678"
    assert await post(worker, f'{{"text": "{secret_words}"'.encode()) == 400
    assert await post(worker, {"update_id": "x", "message": {"text": secret_words}}) == 400
    assert await post(worker, {"update_id": 5, "text": secret_words}) == 400
    refused = [r.getMessage() for r in caplog.records if "not an update" in r.getMessage()]
    assert len(refused) == 3
    assert not any(secret_words in r.getMessage() for r in caplog.records)
    assert (await worker.inbox.depth()).pending == 0


async def test_a_failing_update_is_retried_then_parked_and_its_chat_goes_on(
    one_worker: tuple[Worker, Seen], fake_api: FakeBotAPI
) -> None:
    worker, seen = one_worker
    fake_api.add_user(ALICE, "Alice", language_code="vi")
    assert await post(worker, update_body(10, ALICE, "boom")) == 200
    assert await post(worker, update_body(11, ALICE, "after")) == 200
    await wait_until(lambda: "after" in seen.texts.get(ALICE, []))
    assert seen.texts[ALICE] == ["boom", "boom", "boom", "after"]
    parked = await worker.inbox.failed()
    assert [(p.update_id, p.attempts) for p in parked] == [(10, 3)]
    assert parked[0].error is not None and "RuntimeError" in parked[0].error
    # The resident hears once that something went wrong, not once per attempt.
    assert sum("lỗi" in m["text"].lower() for m in fake_api.messages_to(ALICE)) == 1

    assert await worker.inbox.retry(10)
    await wait_until(lambda: seen.texts[ALICE].count("boom") == 6)
    await worker.worker.idle()
    assert [p.update_id for p in await worker.inbox.failed()] == [10]


async def test_an_update_that_ptb_cannot_read_is_parked_at_once(
    one_worker: tuple[Worker, Seen],
) -> None:
    worker, _ = one_worker
    body = {"update_id": 20, "message": {"chat": {"id": ALICE, "type": "private"}}}
    assert await post(worker, body) == 200
    await worker.worker.idle()
    parked = await worker.inbox.failed()
    assert [(p.update_id, p.attempts) for p in parked] == [(20, 1)]


async def test_an_update_held_by_a_worker_that_died_is_finished_by_another(
    webhook_settings: Settings, fake_api: FakeBotAPI
) -> None:
    fake_api.add_user(ALICE, "Alice", language_code="vi")
    survivor = await start_worker(webhook_settings, lease=timedelta(milliseconds=500))
    seen = Seen()
    seen.install(survivor)
    try:
        await survivor.worker.stop()  # no claims of its own while the dead one takes the update
        await survivor.inbox.receive([_incoming(30, "first"), _incoming(31, "second")])
        # A worker claims the first update, then dies: no answer, no release, only its lease.
        held = await survivor.inbox.claim(10)
        assert [c.update_id for c in held] == [30]  # the chat's next update waits behind it
        await survivor.worker.start()
        await wait_until(lambda: seen.texts.get(ALICE) == ["first", "second"], 10)
        await survivor.worker.idle()
        assert len(fake_api.messages_to(ALICE)) == 2  # one answer to each, none twice
    finally:
        await survivor.stop()


def _incoming(update_id: int, text: str) -> Incoming:
    return Incoming(update_id, ALICE, "message", update_body(update_id, ALICE, text))


async def test_metrics_show_what_was_received_handled_and_parked(
    one_worker: tuple[Worker, Seen], fake_api: FakeBotAPI
) -> None:
    worker, _ = one_worker
    fake_api.add_user(ALICE, "Alice", language_code="vi")
    assert await post(worker, update_body(40, ALICE, "/start")) == 200
    assert await post(worker, update_body(40, ALICE, "/start")) == 200
    assert await post(worker, update_body(41, ALICE, "boom")) == 200
    async with asyncio.timeout(20):
        while True:
            if (await worker.inbox.depth()).failed:
                break
            await asyncio.sleep(0.05)
    await worker.worker.idle()
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{worker.url}/metrics") as answer,
    ):
        assert answer.status == 200
        text = await answer.text()
    lines = set(text.splitlines())
    assert 'binhyen_updates_received_total{kind="message"} 2.0' in lines
    assert "binhyen_updates_duplicate_total 1.0" in lines
    assert 'binhyen_updates_processed_total{kind="message"} 1.0' in lines
    assert 'binhyen_updates_parked_total{kind="message"} 1.0' in lines
    assert "binhyen_inbox_failed 1.0" in lines
    assert "binhyen_inbox_pending 0.0" in lines
    assert 'binhyen_outbox_pending{bulk="true"} 0.0' in lines
    assert "binhyen_update_handling_seconds_count" in text
    assert str(ALICE) not in text  # no chat or user in any label


async def test_health_and_readiness(one_worker: tuple[Worker, Seen]) -> None:
    worker, _ = one_worker
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{worker.url}/healthz") as answer:
            assert answer.status == 200
        async with session.get(f"{worker.url}/readyz") as answer:
            assert answer.status == 200, await answer.text()


async def test_two_workers_keep_each_chats_order(
    webhook_settings: Settings, fake_api: FakeBotAPI, db: Database
) -> None:
    if db.dialect != "postgresql":
        pytest.skip("several workers share PostgreSQL; SQLite serves one process")
    workers = [await start_worker(webhook_settings) for _ in range(2)]
    balancer = RoundRobin([w.url for w in workers])
    await balancer.start()
    seen = Seen()
    seen.jitter = 0.01
    for worker in workers:
        seen.install(worker)
    residents = [ALICE + n for n in range(12)]
    try:
        fake_api.route_webhook("https://bot.example.vn", f"http://127.0.0.1:{balancer.port}")
        await register(workers[0], webhook_settings)
        for user in residents:
            fake_api.add_user(user, "Cư dân", language_code="vi")
        for n in range(8):
            for user in residents:
                fake_api.send_text(user, f"m{n}")
        expected = [f"m{n}" for n in range(8)]
        await wait_until(lambda: all(len(seen.texts.get(u, [])) >= 8 for u in residents), 60)
        for worker in workers:
            await worker.worker.idle()
        assert {u: seen.texts[u] for u in residents} == {u: expected for u in residents}
        assert all(balancer.forwarded)  # both workers received updates
        handled = [
            w.app.bot_data["metrics"].processed.labels("message")._value.get() for w in workers
        ]
        assert all(handled), handled  # and both handled some
    finally:
        await balancer.stop()
        for worker in workers:
            await worker.stop()


async def test_the_parts_of_a_paste_handled_by_two_workers_are_joined(
    webhook_settings: Settings, fake_api: FakeBotAPI, db: Database
) -> None:
    """One worker holds the first part; the second part waits in the inbox longer than a part
    is held (a backlog), then the other worker takes it and joins the two."""
    if db.dialect != "postgresql":
        pytest.skip("several workers share PostgreSQL; SQLite serves one process")
    first, second = [await start_worker(webhook_settings) for _ in range(2)]
    balancer = RoundRobin([first.url, second.url])
    await balancer.start()
    fake_api.add_user(ALICE, "Alice", language_code="vi")
    await add_residents(db, resident_rows([ALICE], 6994))
    rumor = pasted(5000, "Nghe nói sắp có đợt kiểm tra hộ khẩu bất thường ở xóm bãi. ")
    try:
        fake_api.route_webhook("https://bot.example.vn", f"http://127.0.0.1:{balancer.port}")
        await register(first, webhook_settings)
        await second.worker.stop()  # the first worker handles the beginning alone
        prompt = fake_api.wait_for_message(ALICE)
        fake_api.send_text(ALICE, "🔎 Kiểm tra tin đồn")
        await prompt
        fake_api.send_text(ALICE, rumor[:PART])
        await wait_until(lambda: _handled(first) == 2)
        pastes = first.app.bot_data["services"].pastes
        assert await pastes.held(ALICE, ALICE) is not None
        await first.worker.stop()
        answer = fake_api.wait_for_message(ALICE, timeout=30)
        fake_api.send_text(ALICE, rumor[PART:])
        await asyncio.sleep(WINDOW.total_seconds() + 1.5)  # the first worker's wait is over
        assert await pastes.held(ALICE, ALICE) is not None
        await second.worker.start()
        said = (await answer)["text"]
        assert "3500" in said and "1500" in said  # the whole paste, trimmed to 3,500
        await wait_until(lambda: _handled(second) == 1)  # the second part: the other worker
        assert _handled(first) == 2
        assert len(fake_api.messages_to(ALICE)) == 2  # the prompt and one answer
    finally:
        await balancer.stop()
        for worker in (first, second):
            await worker.stop()


def _handled(worker: Worker) -> float:
    value: float = worker.app.bot_data["metrics"].processed.labels("message")._value.get()
    return value


def test_telegram_is_asked_for_every_kind_of_update_a_handler_takes(db: Database) -> None:
    """A handler for an update kind Telegram is never asked for would never run."""
    from telegram.ext import (
        CallbackQueryHandler,
        ChatJoinRequestHandler,
        ChatMemberHandler,
        InlineQueryHandler,
    )

    from bot.app import build_application
    from bot.receiving import ALLOWED_UPDATES

    kinds = {
        CallbackQueryHandler: {"callback_query"},
        ChatJoinRequestHandler: {"chat_join_request"},
        ChatMemberHandler: {"my_chat_member", "chat_member"},
        InlineQueryHandler: {"inline_query"},
    }
    application = build_application(make_settings(db.url), db, background=False)
    handled = {
        kind
        for group in application.handlers.values()
        for handler in group
        for kind in kinds.get(type(handler), set())
    }
    assert handled and handled <= set(ALLOWED_UPDATES)
    assert {"message", "edited_message"} <= set(ALLOWED_UPDATES)
