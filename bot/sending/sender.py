"""The sender: drains the outbox at Telegram's pace.

Each pass fills due batches (a chunk each), claims due rows — replies' rows (report cards,
status notices) first, then bulk rows if this process is the bulk sender — and sends every
claimed chat's rows in order, many chats at once, through the rate limiter. A row is marked
right after Telegram answers; bulk rows are marked in small groups (every `MARK_EVERY`
seconds), so a crash can repeat at most the messages sent in that moment and those still in
flight, never lose one.

Production runs `start()`: a loop woken by `kick()` (something was queued) or every
`POLL_SECONDS`. Tests and the command line call `drain(now)`, which does everything due at
`now` and returns when it is sent.
"""

import asyncio
import contextlib
import hashlib
import logging
import time
from collections.abc import Coroutine, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.sending.leader import Leadership
from bot.sending.limiter import TelegramLimiter
from bot.sending.parts import PartlySent, post
from bot.sending.renderers import NotYet, Renderer, Renderers
from bot.services.outbox import Delivery, Outbox
from bot.storage.models import utcnow

if TYPE_CHECKING:
    from bot.handlers.common import BotApplication, BotContext

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
PROGRESS_TICK = 1.0  # how often the loop looks for progress messages to bring up to date
MARK_EVERY = 0.1
PROGRESS_EVERY = timedelta(seconds=5)
MICROSECOND = timedelta(microseconds=1)
NOT_YET_RETRY = timedelta(seconds=20)
NOT_YET_GIVE_UP = timedelta(days=1)
NETWORK_RETRY = timedelta(seconds=5)
INTERACTIVE_CLAIM = 50
# How long stopping waits for sends in flight before cancelling them (their rows, still leased,
# are sent again by the next process to start, or by another once the lease runs out).
STOP_GRACE = 10.0
PRUNE_EVERY = 600.0  # seconds between prunings of old delivered rows, by the bulk sender
# Telegram's ways of saying a chat will never take this message.
GONE = (
    "chat not found",
    "user is deactivated",
    "bot was blocked",
    "bot was kicked",
    "bot is not a member",
    "bot can't initiate",
    "have no rights to send",
    "not enough rights",
    "chat_write_forbidden",
    "peer_id_invalid",
    "group chat was upgraded",
)


def _gone(error: TelegramError) -> bool:
    text = error.message.lower()
    return isinstance(error, Forbidden) or any(phrase in text for phrase in GONE)


def _seconds(retry_after: object) -> float:
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(retry_after)  # type: ignore[arg-type]


class Sender:
    def __init__(
        self,
        application: "BotApplication",
        outbox: Outbox,
        renderers: Renderers,
        *,
        bulk_rate: float,
        paid: bool = False,
    ) -> None:
        self.application = application
        self.outbox = outbox
        self.renderers = renderers
        self.paid = paid
        # In flight at once: enough to keep the bulk rate with some latency, not so many that
        # a crash leaves a pile of leased rows.
        self.bulk_slots = max(8, min(400, int(bulk_rate * 2)))
        self.leadership = Leadership(outbox.db)
        self._kick = asyncio.Event()
        self._pass = asyncio.Lock()
        self._loop: asyncio.Task[None] | None = None
        self._flusher: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._busy_chats: set[int] = set()
        self._marks: list[tuple[int, list[int]]] = []
        self._soon: asyncio.Task[None] | None = None
        self._again = False
        self._next_progress = 0.0
        self._progress_lock = asyncio.Lock()
        self._next_prune = 0.0
        self.sent_count = 0

    # ---- lifecycle ------------------------------------------------------------------------
    @property
    def context(self) -> "BotContext":
        from bot.handlers.common import BotContext

        return BotContext(self.application)

    @property
    def limiter(self) -> TelegramLimiter | None:
        limiter = getattr(self.application.bot, "rate_limiter", None)
        return limiter if isinstance(limiter, TelegramLimiter) else None

    async def start(self) -> None:
        """Run in the background until `stop()`."""
        if self._loop is None:
            self._loop = asyncio.create_task(self._run(), name="outbox-sender")
            self._flusher = asyncio.create_task(self._flush_marks(), name="outbox-marks")

    async def stop(self, grace: float = STOP_GRACE) -> None:
        for task in (self._loop, self._soon):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._loop = self._soon = None
        await self._wait_in_flight(grace)
        if self._flusher is not None:
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
            self._flusher = None
        await self._write_marks()
        await self.leadership.release()

    def kick(self) -> None:
        """Something was queued: send it now, not on the next poll. Without the background
        loop (tests), one pass is started; kicks while it waits join it."""
        if self._loop is not None:
            self._kick.set()
            return
        self._again = True
        if self._soon is None or self._soon.done():
            self._soon = asyncio.create_task(self._drain_soon(), name="outbox-soon")

    async def _drain_soon(self) -> None:
        # A kick during a pass may have queued rows that pass already looked past: go again.
        while self._again:
            self._again = False
            try:
                await self.drain()
            except Exception:
                log.exception("sending what was just queued failed; the next pass retries")

    async def idle(self) -> None:
        """Return once a kicked pass and everything in flight are done."""
        if self._soon is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(self._soon)
        async with self._pass:
            await self._wait_in_flight()
        await self._write_marks()

    # ---- passes ---------------------------------------------------------------------------
    async def drain(self, now: datetime | None = None) -> int:
        """Send everything due at `now` (bulk work too), wait for it, and return how many rows
        were sent. Scheduled work due later stays queued."""
        before = self.sent_count
        async with self._pass:
            await self._start_as_sole_sender()
            # The same "now" throughout, so a row retried later is not retried in this pass.
            moment = now or utcnow()
            while await self._step(moment, wait=True):
                pass
            if self.leadership.is_leader:
                await self._progress(moment, every=timedelta(0))  # authors see where it ended
        await self._write_marks()
        return self.sent_count - before

    async def _start_as_sole_sender(self) -> None:
        """Rows a previous run of this process left leased are sent now. On PostgreSQL only the
        bulk sender may do that for bulk rows (it alone sends them)."""
        if getattr(self, "_released", False):
            return
        self._released = True
        if self.outbox.db.dialect != "postgresql":
            await self.outbox.release_leases(bulk=False)
        if await self.leadership.check():
            await self.outbox.release_leases(bulk=True)

    async def _run(self) -> None:
        """Pass after pass: right away while there is more to claim, else when something is
        queued (a kick), when a quarter of the bulk slots are free again, or every second."""
        await self._start_as_sole_sender()
        while True:
            self._kick.clear()  # a kick from here on wakes the next wait at once
            try:
                async with self._pass:
                    busy = await self._step(utcnow(), wait=False)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox pass failed; trying again shortly")
                busy = False
                await asyncio.sleep(POLL_SECONDS * 5)
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._kick.wait(), POLL_SECONDS)

    async def _step(self, now: datetime, *, wait: bool) -> bool:
        """One pass over what is due. With `wait`, returns after everything started is sent."""
        outbox, busy = self.outbox, False
        was_leader = self.leadership.is_leader
        leader = await self.leadership.check()
        if leader and not was_leader:
            await outbox.release_leases(bulk=True)
        busy |= bool(await outbox.fill(now, bulk=False))
        skip = self._skip_chats()
        rows = await outbox.claim(now, bulk=False, limit=INTERACTIVE_CLAIM, skip_chats=skip)
        self._spawn(rows, now)
        busy |= bool(rows)
        if leader:
            busy |= await self._bulk_step(now)
        if wait:
            await self._wait_in_flight()
            await self._write_marks()
        if leader and (wait or time.monotonic() >= self._next_progress):
            self._next_progress = time.monotonic() + PROGRESS_TICK
            await self._progress(now)
        if leader and not wait and time.monotonic() >= self._next_prune:
            self._next_prune = time.monotonic() + PRUNE_EVERY
            pruned = await outbox.prune(now)
            if pruned:
                log.info("outbox: %s delivered rows pruned", pruned)
        return busy

    async def _bulk_step(self, now: datetime) -> bool:
        outbox = self.outbox
        filled = bool(await outbox.fill(now, bulk=True))
        limiter = self.limiter
        if limiter is not None and limiter.bulk_paused_for() > 0:
            return filled
        free = self.bulk_slots - len(self._tasks)
        if free < max(1, self.bulk_slots // 4):
            return filled  # claiming a few rows at a time costs more than it sends
        deletions = await outbox.claim_deletions(now, free)
        for delivery in deletions:
            self._track(self._delete(delivery, now))
        free -= len(deletions)
        rows = await outbox.claim(now, bulk=True, limit=max(free, 0), skip_chats=self._skip_chats())
        self._spawn(rows, now)
        return filled or bool(rows) or bool(deletions)

    def _skip_chats(self) -> list[int]:
        paused = self.limiter.paused_chats() if self.limiter is not None else []
        return sorted(set(paused) | self._busy_chats)

    def _spawn(self, rows: Iterable[Delivery], now: datetime) -> None:
        """One task per chat, its rows in order."""
        by_chat: dict[int, list[Delivery]] = {}
        for row in rows:
            by_chat.setdefault(row.chat_id, []).append(row)
        for chat_id, chat_rows in by_chat.items():
            self._busy_chats.add(chat_id)
            self._track(self._chat_rows(chat_id, chat_rows, now))

    def _track(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: "asyncio.Task[None]") -> None:
        self._tasks.discard(task)
        if self.bulk_slots - len(self._tasks) == max(1, self.bulk_slots // 4):
            self._kick.set()  # room for another claim

    async def _wait_in_flight(self, grace: float | None = None) -> None:
        """Wait for every send in flight; with `grace`, cancel those still going after it."""
        deadline = None if grace is None else time.monotonic() + grace
        while self._tasks:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                late = list(self._tasks)
                log.warning("stopping: %s sends cancelled after %.0f s", len(late), grace)
                for task in late:
                    task.cancel()
                await asyncio.gather(*late, return_exceptions=True)
                return
            await asyncio.wait(list(self._tasks), timeout=left)

    async def _chat_rows(self, chat_id: int, rows: list[Delivery], now: datetime) -> None:
        try:
            for row in rows:
                await self._deliver(row, now)
        finally:
            self._busy_chats.discard(chat_id)

    # ---- one row --------------------------------------------------------------------------
    async def _deliver(self, delivery: Delivery, now: datetime) -> None:
        outbox, context = self.outbox, self.context
        renderer = self.renderers.get(delivery.kind)
        if renderer is None:
            log.error("outbox row %s: nothing renders %r", delivery.id, delivery.kind)
            await outbox.finish(delivery.id, "failed", f"no renderer for {delivery.kind}")
            return
        try:
            parts = await renderer.render(context, delivery)
            if not parts:
                await outbox.finish(delivery.id, "skipped")
                return
            ids = await post(
                self.application.bot,
                delivery.chat_id,
                parts,
                bulk=delivery.bulk,
                paid=self.paid and delivery.bulk,
            )
        except NotYet:
            if now - delivery.created_at > NOT_YET_GIVE_UP:
                # What it belongs under never came (the room was linked after the card).
                await outbox.finish(delivery.id, "skipped", "nothing to answer under")
            else:
                await outbox.later(delivery.id, now + NOT_YET_RETRY, attempt=False)
        except PartlySent as partly:
            log.warning(
                "outbox row %s (%s): a later part not sent (%s)",
                delivery.id,
                delivery.kind,
                partly.error,
            )
            await self._done(renderer, delivery, partly.message_ids, now)
        except RetryAfter as exc:
            await outbox.later(
                delivery.id, now + timedelta(seconds=_seconds(exc.retry_after)), attempt=False
            )
        except (BadRequest, Forbidden) as exc:
            await self._refused(renderer, delivery, exc, now)
        except NetworkError as exc:
            # Includes timeouts: Telegram may have taken it, so this can repeat one message.
            log.info("outbox row %s: network (%s); retrying", delivery.id, type(exc).__name__)
            await outbox.later(delivery.id, now + NETWORK_RETRY, attempt=False)
        except TelegramError as exc:
            await self._failed(renderer, delivery, exc.message, now)
        except Exception as exc:
            log.exception("outbox row %s (%s) failed", delivery.id, delivery.kind)
            await self._failed(renderer, delivery, type(exc).__name__, now)
        else:
            await self._done(renderer, delivery, ids, now)

    async def _done(
        self, renderer: Renderer, delivery: Delivery, ids: list[int], now: datetime
    ) -> None:
        self.sent_count += 1
        if delivery.bulk:
            self._marks.append((delivery.id, ids))
            if len(self._marks) >= 200:
                await self._write_marks()
        else:
            await self.outbox.sent([(delivery.id, ids)], now)
        try:
            await renderer.sent(self.context, delivery, ids)
        except Exception:
            log.exception("outbox row %s: after-send step failed", delivery.id)

    async def _refused(
        self, renderer: Renderer, delivery: Delivery, error: TelegramError, now: datetime
    ) -> None:
        if _gone(error) and delivery.user_id is not None:
            await self.outbox.unreachable(delivery, error.message)
            return
        await self._failed(renderer, delivery, error.message, now)

    async def _failed(
        self, renderer: Renderer, delivery: Delivery, error: str, now: datetime
    ) -> None:
        """A row that must arrive is retried later and later; admins hear of a room once."""
        attempts, first = await self.outbox.later(
            delivery.id, now + Outbox.backoff(delivery.attempts + 1), error=error
        )
        log.warning(
            "outbox row %s (%s) not delivered, attempt %s: %s",
            delivery.id,
            delivery.kind,
            attempts,
            error,
        )
        if first and delivery.user_id is None:
            try:
                await renderer.stuck(self.context, delivery, error)
            except Exception:
                log.exception("outbox row %s: could not tell anyone it is stuck", delivery.id)

    async def _delete(self, delivery: Delivery, now: datetime) -> None:
        """A withdrawn broadcast's copy: deleted where Telegram still allows it."""
        bot = self.application.bot
        for message_id in delivery.message_ids:
            try:
                await bot.delete_message(delivery.chat_id, message_id)
            except RetryAfter as exc:
                await self.outbox.later(
                    delivery.id,
                    now + timedelta(seconds=_seconds(exc.retry_after)),
                    attempt=False,
                )
                return
            except TelegramError as exc:
                log.info("outbox row %s: copy not deleted (%s)", delivery.id, exc.message)
        await self.outbox.deleted(delivery.id)

    # ---- marks and progress ---------------------------------------------------------------
    async def _flush_marks(self) -> None:
        while True:
            await asyncio.sleep(MARK_EVERY)
            try:
                await self._write_marks()
            except Exception:
                log.exception("marking sent rows failed; trying again")

    async def _write_marks(self) -> None:
        marks, self._marks = self._marks, []
        if marks:
            await self.outbox.sent(marks, utcnow())

    async def show_progress(self) -> None:
        """Bring progress messages up to date now, not at the next tick: an author who pressed
        Stop sees where the broadcast ended at once."""
        await self._write_marks()
        await self._progress(utcnow(), every=timedelta(0))

    async def _progress(self, now: datetime, every: timedelta = PROGRESS_EVERY) -> None:
        async with self._progress_lock:  # the loop and a Stop press never edit one message twice
            await self._show_progress(now, every)

    async def _show_progress(self, now: datetime, every: timedelta) -> None:
        view = self.renderers.progress
        await self.outbox.finished_batches(now)
        if view is None:
            return
        context, bot = self.context, self.application.bot
        for batch in await self.outbox.progress_due(now, every):
            figures = await self.outbox.figures(batch.id, now)
            text, markup = await view(context, batch, figures)
            shown = hashlib.sha256(f"{text}{markup}".encode()).hexdigest()[:32]
            # After the last figures of a finished batch, nothing more to show.
            at = max(now, batch.finished_at + MICROSECOND) if batch.finished_at else now
            running = batch.finished_at is None
            if shown == batch.progress_text or batch.progress_chat_id is None:
                await self.outbox.set_progress(batch.id, now=at, before_finish=running)
                continue
            try:
                await bot.edit_message_text(
                    text,
                    chat_id=batch.progress_chat_id,
                    message_id=batch.progress_message_id,
                    reply_markup=markup,
                )
            except TelegramError as exc:
                log.info("broadcast %s: progress not shown (%s)", batch.id, exc.message)
            await self.outbox.set_progress(batch.id, now=at, text=shown, before_finish=running)
