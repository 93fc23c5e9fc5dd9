"""Webhook workers for end-to-end tests: the real Application, its inbox worker and the bot's
own HTTP server, several of them on one database, behind a round-robin balancer that the fake
Bot API delivers its webhook calls to (as Caddy would in a deployment)."""

import asyncio
import itertools
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import aiohttp
from aiohttp import web

from bot.app import build_application
from bot.config import Settings
from bot.handlers.common import BotApplication
from bot.metrics import Metrics
from bot.receiving.run import register_webhook
from bot.receiving.webhook import WebhookServer
from bot.receiving.worker import InboxWorker
from bot.services.inbox import Inbox
from bot.storage.db import Database
from tests.harness import UNTHROTTLED

PUBLIC_URL = "https://bot.example.vn/telegram"
SECRET = "test-webhook-secret_1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Worker:
    app: BotApplication
    inbox: Inbox
    worker: InboxWorker
    server: WebhookServer
    db: Database

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def stop(self) -> None:
        await self.server.stop()
        await self.worker.stop()
        await self.app.stop()
        await self.app.shutdown()
        if self.app.post_shutdown is not None:
            await self.app.post_shutdown(self.app)  # also closes its database


async def start_worker(
    settings: Settings,
    *,
    lease: timedelta = timedelta(seconds=15),
    first_retry: timedelta = timedelta(milliseconds=50),
) -> Worker:
    """A worker with a database connection pool of its own, as a separate process has."""
    db = Database(settings.database_url)
    app = build_application(settings, db, background=False, limits=UNTHROTTLED)
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    metrics: Metrics = app.bot_data["metrics"]
    inbox = Inbox(db, lease=lease, first_retry=first_retry)
    worker = InboxWorker(app, inbox, metrics, poll=0.05)
    await worker.start()
    assert settings.bot_webhook_secret is not None
    server = WebhookServer(
        db=db,
        inbox=inbox,
        worker=worker,
        metrics=metrics,
        secret=settings.bot_webhook_secret.get_secret_value(),
        path="/telegram",
        host="127.0.0.1",
        port=free_port(),
    )
    await server.start()
    return Worker(app, inbox, worker, server, db)


class RoundRobin:
    """A load balancer: each request goes to the next worker in turn; a worker that does not
    answer is skipped (as Caddy's lb_try_duration does), and when none does the caller gets 502
    (Telegram then retries). Used by the tests and by bench/scale.py."""

    def __init__(self, urls: list[str]) -> None:
        self.urls = urls
        self.port = free_port()
        self._turn = itertools.cycle(range(len(urls)))
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.forwarded = [0] * len(urls)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._session is not None
        body = await request.read()
        for _ in self.urls:
            turn = next(self._turn)
            try:
                async with self._session.request(
                    request.method,
                    self.urls[turn] + request.path_qs,
                    data=body,
                    headers=request.headers,
                ) as answer:
                    self.forwarded[turn] += 1
                    return web.Response(status=answer.status, body=await answer.read())
            except (aiohttp.ClientError, TimeoutError):
                continue
        return web.Response(status=502)


async def register(worker: Worker, settings: Settings) -> None:
    await register_webhook(worker.app, settings, worker.db)


async def wait_until(predicate: Callable[[], bool], seconds: float = 20) -> None:
    """Poll `predicate` (what handlers saw, in memory) until it holds."""
    async with asyncio.timeout(seconds):
        while True:
            if predicate():
                return
            await asyncio.sleep(0.02)
