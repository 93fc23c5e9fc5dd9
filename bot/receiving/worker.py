"""The inbox worker: claims updates from the inbox and hands them to the Application, many
chats at once, each chat's one at a time (the inbox never hands out a chat's next update while
one is open). Every process of a deployment runs one.

A process takes a few updates at a time and holds at most `slots`: what it holds no other
process can take, so under a backlog a process that took much would leave the others idle, and
a process killed would leave much to be done again once its leases ran out.

A handler that raises is noted by an error handler registered here; its update is then tried
again after a pause, and parked after the last attempt. An update handled is recorded as done
at once (bot/receiving/done.py). While an update is handled its lease is renewed; if the
process dies the lease runs out and another process takes the update. A reply already sent by
the dead process is then sent again: that is the in-flight window.
"""

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from telegram import Update

from bot.handlers.outages import database_away, database_outage
from bot.metrics import Metrics
from bot.receiving.attempt import CURRENT, Attempt
from bot.receiving.done import DoneRecorder
from bot.services.inbox import MAX_ATTEMPTS, Claimed, Inbox
from bot.storage.db import is_unavailable
from bot.storage.models import utcnow

if TYPE_CHECKING:
    from bot.handlers.common import BotApplication, BotContext

log = logging.getLogger(__name__)
T = TypeVar("T")

POLL_SECONDS = 0.25
# Enough updates in hand to keep a process busy while its handlers wait for Telegram and the
# database; taken a few at a time, so that processes looking together share a backlog. One
# claim (one statement) is under way at a time: 4 a claim held a process to about 100 updates
# a second with a third of its core idle and half its slots empty.
SLOTS = 32
CLAIM_BATCH = 8
PRUNE_EVERY = 600.0
STOP_GRACE = 20.0
STOP_LOOPS = 5.0  # how long stopping waits for the claiming loop to reach a pause
WORKER = "inbox-worker"  # in bot_data


class InboxWorker:
    def __init__(
        self,
        application: "BotApplication",
        inbox: Inbox,
        metrics: Metrics,
        *,
        slots: int = SLOTS,
        batch: int = CLAIM_BATCH,
        poll: float = POLL_SECONDS,
    ) -> None:
        self.application = application
        self.inbox = inbox
        self.metrics = metrics
        self.slots = slots
        self.batch = batch
        self.poll = poll
        self._done = DoneRecorder(lambda ids: self._record(lambda: self.inbox.done(ids)))
        self._kick = asyncio.Event()
        self._stopping = asyncio.Event()
        self._loop: asyncio.Task[None] | None = None
        self._renewer: asyncio.Task[None] | None = None
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._errors: dict[int, BaseException] = {}
        self._next_prune = 0.0
        application.bot_data[WORKER] = self
        application.add_error_handler(self._note_error)

    async def start(self) -> None:
        if self._loop is None:
            self._stopping.clear()
            self._loop = asyncio.create_task(self._run(), name="inbox-worker")
            self._renewer = asyncio.create_task(self._renew(), name="inbox-leases")

    def kick(self) -> None:
        """Something arrived or finished: look for work now."""
        self._kick.set()

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Take nothing more, let what is being handled finish (for `grace` seconds), then
        give back what is left so another process handles it at once. The loops end at their
        next pause rather than being cancelled inside a query (a connection cancelled while it
        is being reset is an error in SQLAlchemy's log)."""
        self._stopping.set()
        self.kick()
        for task in (self._loop, self._renewer):
            if task is not None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(task), STOP_LOOPS)
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._loop = self._renewer = None
        pending = list(self._tasks.values())
        if pending:
            _, late = await asyncio.wait(pending, timeout=grace)
            left = [uid for uid, task in self._tasks.items() if task in late]
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
            if left:
                log.warning("stopping: %s updates given back unfinished", len(left))
                await self.inbox.release(left)
        await self._done.close(STOP_LOOPS)

    async def idle(self, seconds: float = 10) -> None:
        """Return once nothing due is open in the inbox and nothing is being handled here."""
        async with asyncio.timeout(seconds):
            while True:
                while self._tasks:
                    await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)
                if not await self.inbox.open_due():
                    return
                if self._loop is None:
                    await self.step()
                else:
                    self.kick()
                    await asyncio.sleep(0.02)

    # ---- the loop ----------------------------------------------------------------------------
    async def _run(self) -> None:
        outage = database_outage(self.application)
        while not self._stopping.is_set():
            self._kick.clear()
            if outage.on:  # nothing to claim until the probe finds the database back
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(outage.back.wait(), self.poll * 4)
                continue
            try:
                busy = await self.step()
                await self._prune()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if is_unavailable(exc):
                    database_away(self.application, exc)
                else:
                    log.exception("inbox pass failed; trying again shortly")
                busy = False
                await asyncio.sleep(self.poll * 4)
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._kick.wait(), self.poll)

    async def step(self) -> bool:
        """Claim a few updates if this process has room and start handling them; True if
        anything was claimed (the caller then looks again at once)."""
        free = self.slots - len(self._tasks)
        if free <= 0 or (free < self.batch and self._tasks):
            return False  # under a backlog, claim a whole batch at a time
        claimed = await self.inbox.claim(min(free, self.batch))
        for row in claimed:
            self._tasks[row.update_id] = asyncio.create_task(
                self._handle(row), name=f"update-{row.update_id}"
            )
        return bool(claimed)

    async def _renew(self) -> None:
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.inbox.lease.total_seconds() / 3)
            if self._stopping.is_set():
                return
            try:
                await self.inbox.renew(list(self._tasks))
            except Exception:
                log.warning("could not renew the leases of updates in hand", exc_info=True)

    async def _prune(self) -> None:
        if time.monotonic() < self._next_prune:
            return
        self._next_prune = time.monotonic() + PRUNE_EVERY
        pruned = await self.inbox.prune()
        if pruned:
            log.info("inbox: %s handled updates pruned", pruned)

    # ---- one update --------------------------------------------------------------------------
    async def _handle(self, row: Claimed) -> None:
        try:
            await self._attempt(row)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("update %s: could not record how it ended", row.update_id)
        finally:
            self._tasks.pop(row.update_id, None)
            self._errors.pop(row.update_id, None)
            self.kick()  # the chat's next update may be claimable now

    async def _attempt(self, row: Claimed) -> None:
        app, metrics = self.application, self.metrics
        chat_kind = _chat_kind(row)
        try:
            update = Update.de_json(row.payload, app.bot)
        except Exception as exc:
            log.warning(
                "update %s (%s): not an update PTB can read; parked", row.update_id, row.kind
            )
            metrics.parked.labels(row.kind).inc()
            await self.inbox.failed_attempt(row.update_id, f"unreadable: {exc!r}"[:200], final=True)
            return
        started = time.perf_counter()
        claim_answer = functools.partial(self.inbox.claim_answer, row.update_id)
        token = CURRENT.set(
            Attempt(row.attempts + 1, MAX_ATTEMPTS, claim_answer, paste_held=row.paste_held)
        )
        try:
            await app.update_processor.process_update(update, app.process_update(update))
        finally:
            CURRENT.reset(token)
        elapsed = time.perf_counter() - started
        error = self._errors.pop(row.update_id, None)
        if error is None:
            await self._done.done(row.update_id)
            metrics.processed.labels(row.kind).inc()
            metrics.latency.labels(row.kind).observe(elapsed)
            log.info(
                "update %s handled (%s, %s chat) in %.0f ms",
                row.update_id,
                row.kind,
                chat_kind,
                elapsed * 1000,
            )
            return
        metrics.failed.labels(row.kind).inc()
        parked = await self._record(
            lambda: self.inbox.failed_attempt(row.update_id, _describe(error), utcnow())
        )
        if parked:
            metrics.parked.labels(row.kind).inc()
            log.warning(
                "update %s (%s, %s chat) parked after %s attempts: %s",
                row.update_id,
                row.kind,
                chat_kind,
                row.attempts + 1,
                type(error).__name__,
            )
        else:
            log.info("update %s: attempt %s failed; trying again", row.update_id, row.attempts + 1)

    async def _record(self, write: Callable[[], Awaitable[T]]) -> T:
        """Record how an update ended, waiting for the database if it is away: an update
        handled but not recorded would be handled again once its lease ran out."""
        pause = 0.5
        while True:
            try:
                result = await write()
            except Exception as exc:
                if not is_unavailable(exc):
                    raise
                database_away(self.application, exc)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 10.0)
            else:
                return result

    async def _note_error(self, update: object, context: "BotContext") -> None:
        if isinstance(update, Update) and update.update_id in self._tasks and context.error:
            self._errors[update.update_id] = context.error


def _describe(error: BaseException) -> str:
    """The error's type and the first line of its message (handlers' errors name no resident:
    what they say is about code, not content)."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__


def _chat_kind(row: Claimed) -> str:
    body = row.payload.get(row.kind)
    if isinstance(body, dict):
        chat = body.get("chat") or (body.get("message") or {}).get("chat") or {}
        kind = chat.get("type")
        if isinstance(kind, str):
            return kind[:16]
    return "no"
