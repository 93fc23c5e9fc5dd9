"""`binhyen run`: the bot receiving by long polling (the default, one process) or by webhook
(`--webhook`, any number of processes sharing one PostgreSQL), both through the inbox."""

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from sqlalchemy import text

from bot.app import build_application
from bot.config import Settings
from bot.handlers.common import BotApplication
from bot.metrics import Metrics
from bot.receiving import ALLOWED_UPDATES
from bot.receiving.polling import Poller
from bot.receiving.webhook import WebhookServer
from bot.receiving.worker import InboxWorker
from bot.services.container import Services
from bot.services.inbox import Inbox
from bot.storage.db import Database

log = logging.getLogger("bot")

# Any constant, the same in every process: whoever holds it is registering the webhook.
WEBHOOK_LOCK = 0x42_696E_6857  # "BinhW"


async def serve(settings: Settings, *, webhook: bool) -> None:
    """Run until SIGTERM or SIGINT, then finish what is in hand and stop."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with running(build_application(settings), settings, webhook=webhook):
        log.info("receiving updates by %s", "webhook" if webhook else "long polling")
        await stop.wait()
        log.info("stopping: finishing the updates in hand")


@contextlib.asynccontextmanager
async def running(
    app: BotApplication, settings: Settings, *, webhook: bool, poll_timeout: int = 10
) -> AsyncIterator[InboxWorker]:
    """The bot started and receiving through the inbox (long polling, or the webhook server)
    until the block ends; then it finishes what is in hand and stops. The benchmarks run the
    bot this way too, so their figures are the deployed bot's."""
    services: Services = app.bot_data["services"]
    metrics: Metrics = app.bot_data["metrics"]
    inbox = Inbox(services.db)
    await app.initialize()
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    worker = InboxWorker(app, inbox, metrics)
    await worker.start()
    receiver: Poller | WebhookServer
    if webhook:
        host, port = settings.listen
        assert settings.bot_webhook_url is not None and settings.bot_webhook_secret is not None
        receiver = WebhookServer(
            db=services.db,
            inbox=inbox,
            worker=worker,
            metrics=metrics,
            secret=settings.bot_webhook_secret.get_secret_value(),
            path=urlsplit(settings.bot_webhook_url).path or "/",
            host=host,
            port=port,
        )
        await receiver.start()
        await register_webhook(app, settings, services.db)
    else:
        await app.bot.delete_webhook(drop_pending_updates=False)
        receiver = Poller(app, inbox, worker, metrics, timeout=poll_timeout)
        await receiver.start()
    try:
        yield worker
    finally:
        await receiver.stop()
        await worker.stop()
        await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def register_webhook(app: BotApplication, settings: Settings, db: Database) -> None:
    """Tell Telegram where to post. Processes starting together take turns (an advisory lock
    on PostgreSQL), so one of them registers and the others find it done; setting the same
    webhook again is harmless."""
    async with _registering(db) as first:
        if not first:
            log.info("another process is registering the webhook")
            return
        assert settings.bot_webhook_url is not None and settings.bot_webhook_secret is not None
        await app.bot.set_webhook(
            settings.bot_webhook_url,
            secret_token=settings.bot_webhook_secret.get_secret_value(),
            allowed_updates=list(ALLOWED_UPDATES),
            max_connections=settings.bot_webhook_max_connections,
            drop_pending_updates=False,
        )
        log.info("webhook registered")


@contextlib.asynccontextmanager
async def _registering(db: Database) -> AsyncIterator[bool]:
    if db.dialect != "postgresql":
        yield True
        return
    async with db.engine.connect() as connection:
        taken = bool(
            await connection.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": WEBHOOK_LOCK})
        )
        try:
            yield taken
        finally:
            if taken:
                await connection.scalar(text("SELECT pg_advisory_unlock(:k)"), {"k": WEBHOOK_LOCK})
