"""Webhook delivery by the fake, received by a plain aiohttp server and by python-telegram-bot's
own webhook server."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, Update
from telegram.error import BadRequest, Conflict
from telegram.ext import ContextTypes, MessageHandler, filters

from tests.fakebotapi import FakeBotAPI

pytestmark = pytest.mark.asyncio

ALICE, BOB = 1001, 1002
SECRET = "s3cr3t_Token-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Receiver:
    """A webhook endpoint: records deliveries, can fail or be slow on purpose."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.received: list[dict[str, Any]] = []
        self.secrets: list[str | None] = []
        self.attempts = 0
        self.fail_next = 0
        self.delay = 0.0
        self.active = 0
        self.most_active = 0
        self.arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    async def handle(self, request: web.Request) -> web.Response:
        self.attempts += 1
        self.active += 1
        self.most_active = max(self.most_active, self.active)
        try:
            await asyncio.sleep(self.delay)
            self.secrets.append(request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
            if self.fail_next:
                self.fail_next -= 1
                return web.Response(status=500)
            self.received.append(await request.json())
            self.arrived.set()
            return web.Response(text="")
        finally:
            self.active -= 1

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self.handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def wait_for(self, count: int) -> list[dict[str, Any]]:
        async with asyncio.timeout(5):
            while len(self.received) < count:
                self.arrived.clear()
                await self.arrived.wait()
        return self.received


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        server.add_user(ALICE, "Alice")
        server.add_user(BOB, "Bob")
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with api.make_bot() as client:
        yield client


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    endpoint = Receiver()
    await endpoint.start()
    yield endpoint
    await endpoint.stop()


async def test_updates_are_posted_with_the_secret_and_retried(
    api: FakeBotAPI, bot: Bot, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token=SECRET, max_connections=3)
    with pytest.raises(Conflict) as caught:
        await bot.get_updates()
    assert api.requests[-1].description == (
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
        "delete the webhook first"
    )
    assert "webhook is active" in caught.value.message
    receiver.fail_next = 2
    sent = api.send_text(ALICE, "Xin chào")
    (delivered,) = await receiver.wait_for(1)
    assert receiver.attempts == 3 and receiver.secrets == [SECRET] * 3
    update = Update.de_json(delivered, bot)
    assert update.message is not None and update.message.text == "Xin chào"
    assert update.message.message_id == sent["message_id"]
    await api.wait_for_updates_fetched()
    info = await bot.get_webhook_info()
    assert info.url == receiver.url and info.max_connections == 3
    assert info.pending_update_count == 0
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert api.pending_updates == []


async def test_at_most_max_connections_and_one_at_a_time_per_chat(
    api: FakeBotAPI, bot: Bot, receiver: Receiver
) -> None:
    for user_id in range(2000, 2006):
        api.add_user(user_id, "Cư dân")
    receiver.delay = 0.1
    await bot.set_webhook(receiver.url, max_connections=2)
    for user_id in range(2000, 2006):
        api.send_text(user_id, "một")
    await receiver.wait_for(6)
    assert receiver.most_active == 2
    receiver.received.clear()
    receiver.most_active = 0
    for n in range(4):
        api.send_text(ALICE, f"tin {n}")
    received = await receiver.wait_for(4)
    assert [u["message"]["text"] for u in received] == [f"tin {n}" for n in range(4)]
    assert receiver.most_active == 1  # the same chat: in order, one at a time


async def test_connection_errors_are_retried_and_delete_webhook_returns_to_polling(
    api: FakeBotAPI, bot: Bot
) -> None:
    late = Receiver()
    await bot.set_webhook(late.url, allowed_updates=["message"])
    api.send_text(ALICE, "có ai không?")
    api.push_update({"chat_member": {"chat": {"id": -100, "type": "supergroup"}}})
    started = time.monotonic()
    while (await bot.get_webhook_info()).last_error_message != "Connection refused":
        assert time.monotonic() - started < 5
        await asyncio.sleep(0.05)
    await late.start()
    try:
        (delivered,) = await late.wait_for(1)
    finally:
        await late.stop()
    assert delivered["message"]["text"] == "có ai không?"
    assert api.dropped_updates[-1][0].keys() >= {"chat_member"}  # not in allowed_updates
    assert await bot.delete_webhook()
    api.send_text(BOB, "quay lại polling")
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.text == "quay lại polling"


async def test_https_webhooks_are_routed_to_a_local_address(
    api: FakeBotAPI, bot: Bot, receiver: Receiver
) -> None:
    await bot.set_webhook("https://bot.example.vn/hook")
    api.send_text(ALICE, "một")
    started = time.monotonic()
    while not (await bot.get_webhook_info()).last_error_message:
        assert time.monotonic() - started < 5
        await asyncio.sleep(0.05)
    info = await bot.get_webhook_info()
    assert "only to loopback addresses" in (info.last_error_message or "")
    assert receiver.received == []
    api.route_webhook("https://bot.example.vn", f"http://127.0.0.1:{receiver.port}")
    (delivered,) = await receiver.wait_for(1)
    assert delivered["message"]["text"] == "một"


async def test_set_webhook_is_validated(api: FakeBotAPI, bot: Bot) -> None:
    cases = [
        ("http://bot.example.vn/hook", {}, "bad webhook: An HTTPS URL must be provided"),
        ("https://bot.example.vn:8080/hook", {}, "ports 80, 88, 443 or 8443"),
        ("https://bot.example.vn/hook", {"secret_token": "a+b"}, "unallowed characters"),
        ("https://bot.example.vn/hook", {"secret_token": "a" * 257}, "secret token is too long"),
    ]
    for url, extra, detail in cases:
        with pytest.raises(BadRequest):
            await bot.set_webhook(url, **extra)
        assert detail in (api.requests[-1].description or "")
    assert await bot.set_webhook("https://bot.example.vn:8443/hook", max_connections=500)
    assert (await bot.get_webhook_info()).max_connections == 100
    assert await bot.set_webhook("")  # an empty URL removes the webhook
    assert (await bot.get_webhook_info()).url == ""


async def test_python_telegram_bot_webhook_server_gets_updates(api: FakeBotAPI) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Nhận: {update.effective_message.text}")

    port = free_port()
    app = api.application_builder().build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="telegram",
            webhook_url=f"http://127.0.0.1:{port}/telegram",
            secret_token=SECRET,
            max_connections=4,
            allowed_updates=Update.ALL_TYPES,
        )
        waiter = api.wait_for_message(ALICE)
        api.send_text(ALICE, "xin chào")
        reply = await waiter
        await app.updater.stop()
        await app.stop()
    assert reply["text"] == "Nhận: xin chào"
    assert api.requests_for("setWebhook")[-1].params["secret_token"] == SECRET
