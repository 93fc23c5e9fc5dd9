"""Long polling through the inbox: a batch from getUpdates is written to the inbox before the
next getUpdates confirms it to Telegram, so an update is never lost to a crash between the two
(PTB's own Updater confirms a batch as soon as it is queued in memory). An update PTB cannot
read is recorded as it came and parked, instead of being fetched again and again.
"""

import asyncio
import contextlib
import logging
import warnings
from typing import TYPE_CHECKING, Any

from telegram.error import TelegramError
from telegram.warnings import PTBUserWarning

from bot.handlers.outages import database_away
from bot.metrics import Metrics
from bot.receiving import ALLOWED_UPDATES
from bot.receiving.worker import InboxWorker
from bot.services.inbox import Inbox, Incoming, incoming
from bot.storage.db import UNAVAILABLE

if TYPE_CHECKING:
    from bot.handlers.common import BotApplication

log = logging.getLogger(__name__)

# getUpdates is asked through do_api_request to get the updates as Telegram sent them (an update
# PTB cannot read is then still recorded); PTB suggests its own method, which parses them.
warnings.filterwarnings("ignore", message=".*Bot.getUpdates.*", category=PTBUserWarning)

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0
RECORD_WAIT = 5.0  # how long stopping lets a batch being recorded finish


class Poller:
    def __init__(
        self,
        application: "BotApplication",
        inbox: Inbox,
        worker: InboxWorker,
        metrics: Metrics,
        *,
        timeout: int = 10,
    ) -> None:
        self.application = application
        self.inbox = inbox
        self.worker = worker
        self.metrics = metrics
        self.timeout = timeout
        self._offset: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._recorded = asyncio.Event()  # clear while a batch is being written to the inbox
        self._recorded.set()
        self._stopping = False

    async def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name="polling")

    async def stop(self) -> None:
        """Stop asking; a batch being written to the inbox is written first (cancelling inside
        the write would leave SQLAlchemy resetting a cancelled connection)."""
        task, self._task = self._task, None
        self._stopping = True
        if task is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._recorded.wait(), RECORD_WAIT)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        pause = FIRST_PAUSE
        while True:
            try:
                await self.poll_once()
                pause = FIRST_PAUSE
            except asyncio.CancelledError:
                raise
            except TelegramError as exc:
                # The error handler says once that Telegram is away, and when it is back.
                await self.application.process_error(update=None, error=exc)
                await asyncio.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            except UNAVAILABLE as exc:
                # Not confirmed to Telegram: the same batch comes again once the database is back.
                database_away(self.application, exc)
                await asyncio.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)

    async def poll_once(self) -> int:
        """One getUpdates; returns how many new updates were recorded."""
        arguments: dict[str, Any] = {
            "timeout": self.timeout,
            "allowed_updates": list(ALLOWED_UPDATES),
        }
        if self._offset is not None:
            arguments["offset"] = self._offset
        raw = await self.application.bot.do_api_request(
            "getUpdates", api_kwargs=arguments, read_timeout=self.timeout + 10
        )
        if not isinstance(raw, list) or not raw or self._stopping:
            return 0  # when stopping: not recorded, not confirmed; Telegram sends them again
        self._recorded.clear()
        try:
            return await self.record(raw)
        finally:
            self._recorded.set()

    async def record(self, raw: list[Any]) -> int:
        items = []
        highest = self._offset - 1 if self._offset is not None else -1
        for payload in raw:
            if not isinstance(payload, dict):
                continue
            update_id = payload.get("update_id")
            if isinstance(update_id, int):
                highest = max(highest, update_id)
            item = incoming(payload)
            if item is None:
                log.warning("getUpdates returned something that is not an update; skipped")
                continue
            items.append(item)
        new = await self.inbox.receive(items)
        count_received(self.metrics, items, new)
        if highest >= 0:
            self._offset = highest + 1
        if new:
            self.worker.kick()
        return len(new)


def count_received(metrics: Metrics, items: list[Incoming], new: set[int]) -> None:
    for item in items:
        if item.update_id in new:
            metrics.received.labels(item.kind).inc()
        else:
            metrics.duplicates.inc()
