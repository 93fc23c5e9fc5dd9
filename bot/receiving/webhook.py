"""The bot's own HTTP server (aiohttp): Telegram's webhook calls, health checks and metrics.

A webhook call is answered 200 only after its update is in the inbox, so a process that dies
after answering loses nothing; Telegram retries what was not answered 200, and the inbox
ignores what it already has. A wrong or missing secret is refused (403) before anything is
read; a body that is not an update is refused (400) and logged by its size only, never its
content. If the database cannot take the update the answer is 503 and Telegram tries again.

Telegram makes up to `max_connections` calls at once (40 by default). Each recorded in a write
of its own queued them for the database's few connections, ahead of the claims and handlers
waiting for one; here one write at a time takes every update that arrived meanwhile, and each
call is answered once the write holding its update is committed.
"""

import asyncio
import hmac
import json
import logging

from aiohttp import web
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from bot.metrics import CONTENT_TYPE, Metrics
from bot.receiving.polling import count_received
from bot.receiving.worker import InboxWorker
from bot.services.inbox import Inbox, Incoming, incoming
from bot.storage.db import UNAVAILABLE, Database, alembic_config

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024


async def schema_current(db: Database) -> bool:
    """Whether every migration has been applied (raises one of UNAVAILABLE when the database
    cannot be reached)."""
    expected = set(ScriptDirectory.from_config(alembic_config(db.url)).get_heads())
    async with db.engine.connect() as connection:
        current = await connection.run_sync(
            lambda sync: set(MigrationContext.configure(sync).get_current_heads())
        )
    return bool(current == expected)


RECORD_BATCH = 64


class Recorder:
    """Records updates in the inbox several in one write, as calls bring them."""

    def __init__(self, inbox: Inbox, *, batch: int = RECORD_BATCH) -> None:
        self.inbox = inbox
        self.batch = batch
        self._waiting: list[tuple[Incoming, asyncio.Future[bool]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def record(self, item: Incoming) -> bool:
        """Return once the update is committed: True if it is new, False if the inbox had it
        already; raises what the write raised."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._drain(), name="inbox-receive")
        return await future

    async def _drain(self) -> None:
        try:
            while self._waiting:
                taken, self._waiting = self._waiting[: self.batch], self._waiting[self.batch :]
                try:
                    new = await self.inbox.receive([item for item, _ in taken])
                except Exception as exc:
                    for _, future in taken:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                except BaseException:
                    self._waiting += taken  # cancelled: cancelled below with the rest
                    raise
                for item, future in taken:
                    # The same update twice in one write: new for the first call only.
                    fresh = item.update_id in new
                    new.discard(item.update_id)
                    if not future.done():
                        future.set_result(fresh)
        finally:
            self._writer = None
            for _, future in self._waiting:
                if not future.done():
                    future.cancel()
            self._waiting = []


class WebhookServer:
    def __init__(
        self,
        *,
        db: Database,
        inbox: Inbox,
        worker: InboxWorker,
        metrics: Metrics,
        secret: str,
        path: str,
        host: str,
        port: int,
    ) -> None:
        self.db = db
        self.inbox = inbox
        self.worker = worker
        self.metrics = metrics
        self.secret = secret.encode()
        self.host, self.port = host, port
        self.recorder = Recorder(inbox)
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post(path, self.receive)
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/readyz", self.readyz)
        app.router.add_get("/metrics", self.serve_metrics)
        self.app = app
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        log.info("listening on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            self.metrics.invalid_webhook_calls.labels("secret").inc()
            log.warning("webhook call refused: wrong or missing secret token")
            return web.Response(status=403)
        body = await request.read()
        try:
            payload = json.loads(body)
        except ValueError:
            payload = None
        item = incoming(payload) if isinstance(payload, dict) else None
        if item is None:
            self.metrics.invalid_webhook_calls.labels("body").inc()
            log.warning("webhook call refused: the body (%s bytes) is not an update", len(body))
            return web.Response(status=400)
        try:
            new = await self.recorder.record(item)
        except UNAVAILABLE as exc:
            log.warning(
                "update %s not recorded (%s); Telegram will retry",
                item.update_id,
                type(exc).__name__,
            )
            return web.Response(status=503)
        count_received(self.metrics, [item], {item.update_id} if new else set())
        if new:
            self.worker.kick()
        return web.Response(text="")

    async def healthz(self, _: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(self, _: web.Request) -> web.Response:
        try:
            current = await schema_current(self.db)
        except UNAVAILABLE as exc:
            return web.Response(status=503, text=f"database unreachable: {type(exc).__name__}\n")
        if not current:
            return web.Response(status=503, text="database not migrated: run binhyen db upgrade\n")
        return web.Response(text="ready\n")

    async def serve_metrics(self, _: web.Request) -> web.Response:
        try:
            await self.metrics.refresh(self.db, self.inbox)
        except UNAVAILABLE:
            log.warning("metrics: the database did not answer; showing the last figures")
        return web.Response(body=self.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE})
