"""The one rate limiter every request to Telegram passes through, shaped like Telegram's limits.

- A private chat takes about one message a second, after a small burst.
- A group takes at most 20 posts in any 60 seconds (edits count too).
- Bulk work (broadcasts, marked with `rate_limit_args={"bulk": True}`) is held to the bulk
  rate, Telegram's figure for bulk notifications. Answers to residents who just wrote to the bot
  are not bulk and never wait for it; other messages the bot starts (a status notice, a card in
  a room) take from the same overall budget without waiting, so a broadcast slows down for
  them, never the other way round.
- answerCallbackQuery and every other method that posts nothing are never delayed.
- A 429 pauses only the chat it concerns. A 429 on bulk work pauses the bulk sender (Telegram
  does not say whether it meant the chat or the whole token; bulk sends go to chats we have
  not written to for a while, so it is the token) and is raised, so the sender reschedules the
  row instead of holding it; other requests wait for the pause and try again.

Each chat's state lives in memory: one process is one client of Telegram. Processes sharing a
token keep the bulk rate across them by letting one of them send bulk work at a time.
"""

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]
RateArgs = dict[str, Any]

# Methods that put a new message in a chat: they count toward every limit.
POSTING = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendVideo",
        "sendAudio",
        "sendDocument",
        "sendVoice",
        "sendVideoNote",
        "sendAnimation",
        "sendSticker",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendDice",
        "sendMediaGroup",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
    }
)
# Methods that change a message in a chat: they count toward that chat's limits only.
EDITING = frozenset(
    {
        "editMessageText",
        "editMessageCaption",
        "editMessageMedia",
        "editMessageReplyMarkup",
        "editMessageLiveLocation",
    }
)


@dataclass(frozen=True)
class Limits:
    private_rate: float = 1.0  # messages per second in one private chat…
    private_burst: int = 3  # …after this many at once
    group_posts: int = 20  # posts in any…
    group_window: float = 60.0  # …this many seconds
    overall_rate: float = 30.0  # messages per second for the whole token
    bulk_rate: float = 30.0  # the part of it broadcasts may use (≤ overall_rate)
    paid_rate: float = 1000.0  # with allow_paid_broadcast
    max_wait: float = 75.0  # a non-bulk request waits at most this long for a 429 to pass
    retries: int = 2  # …and is tried again this many times
    # Our clock and Telegram's see a request at slightly different moments.
    margin: float = 0.5
    # A message to a private chat that wrote to the bot this recently is an answer.
    answer_window: float = 50.0
    # Bulk requests on the wire at once: enough for the bulk rate at a network's latency; more
    # only makes the HTTP client's connection pool slow (its bookkeeping grows with its queue)
    # and leaves fewer connections to replies.
    bulk_in_flight: int = 8

    @classmethod
    def for_settings(cls, bulk_rate: float, paid: bool) -> "Limits":
        return cls(bulk_rate=min(bulk_rate, 30.0), paid_rate=bulk_rate if paid else 1000.0)


class _Bucket:
    """A token bucket kept as the time it will next hold a token (a "virtual scheduling"
    bucket): `reserve()` books the next free moment and says how long to wait for it, without
    holding a lock while waiting, so a thousand reservations a second cost a thousand sleeps
    side by side, not in a row. `take()` books without waiting: the budget may go into debt
    (what a reply used, a broadcast waits for)."""

    def __init__(self, rate: float, capacity: float, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.interval = 1.0 / rate
        self.tolerance = max(capacity - 1, 0) * self.interval
        self.next_free = clock()  # full: `capacity` may go at once

    def wait_time(self) -> float:
        return max(0.0, self.next_free - self.tolerance - self.clock())

    def reserve(self) -> float:
        now = self.clock()
        at = max(now, self.next_free - self.tolerance)
        self.next_free = max(self.next_free, at) + self.interval
        return at - now

    def take(self) -> None:
        self.next_free = max(self.next_free, self.clock()) + self.interval


class _Chat:
    """What we sent to one chat lately, and until when Telegram asked us to wait."""

    __slots__ = ("bucket", "lock", "paused_until", "posts")

    def __init__(self, limits: Limits, group: bool, clock: Callable[[], float]) -> None:
        self.posts: deque[float] = deque()
        self.bucket = None if group else _Bucket(limits.private_rate, limits.private_burst, clock)
        self.paused_until = 0.0
        self.lock = asyncio.Lock()


class TelegramLimiter(BaseRateLimiter[RateArgs]):
    def __init__(
        self,
        limits: Limits | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        on_error: Callable[[str, TelegramError], None] | None = None,
    ):
        """`on_error` hears of every error Telegram answers, by method (the metrics)."""
        self.limits = limits or Limits()
        self.on_error = on_error
        self.clock = clock
        self.sleep = sleep
        self._chats: dict[int | str, _Chat] = {}
        self._overall = _Bucket(self.limits.overall_rate, 5, clock)
        self._bulk = _Bucket(self.limits.bulk_rate, 5, clock)
        self._paid = _Bucket(self.limits.paid_rate, 50, clock)
        self._bulk_paused_until = 0.0
        self._heard: dict[int, float] = {}
        self._bulk_wire = asyncio.Semaphore(self.limits.bulk_in_flight)
        self.retry_afters = 0  # 429s received, for the benchmarks and metrics

    def heard(self, chat_id: int) -> None:
        """A private chat wrote to the bot: what the bot sends it next is an answer."""
        if chat_id > 0:
            self._heard[chat_id] = self.clock()
            if len(self._heard) > 100_000:
                horizon = self.clock() - self.limits.answer_window
                self._heard = {c: t for c, t in self._heard.items() if t > horizon}

    def _answering(self, chat_id: object) -> bool:
        heard = self._heard.get(chat_id) if isinstance(chat_id, int) else None
        return heard is not None and self.clock() - heard <= self.limits.answer_window

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        self._chats.clear()

    def paused_chats(self) -> list[int]:
        """Chats Telegram asked us to leave alone for now: the sender skips their rows."""
        now = self.clock()
        return [
            chat_id
            for chat_id, chat in self._chats.items()
            if chat.paused_until > now and isinstance(chat_id, int)
        ]

    def bulk_paused_for(self) -> float:
        return max(0.0, self._bulk_paused_until - self.clock())

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: RateArgs | None,
    ) -> JSON:
        try:
            return await self._process(
                lambda: callback(*args, **kwargs), endpoint, data, rate_limit_args
            )
        except TelegramError as exc:
            if self.on_error is not None:
                self.on_error(endpoint, exc)
            raise

    async def _process(
        self,
        call: Callable[[], Awaitable[JSON]],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: RateArgs | None,
    ) -> JSON:
        posting, editing = endpoint in POSTING, endpoint in EDITING
        chat_id = data.get("chat_id")
        if not (posting or editing) or chat_id is None:
            return await call()
        bulk = bool(rate_limit_args and rate_limit_args.get("bulk"))
        paid = bulk and bool(data.get("allow_paid_broadcast"))
        chat = self._chat(chat_id)
        for attempt in range(self.limits.retries + 1):
            counted = posting and not bulk and not self._answering(chat_id)
            await self._turn(chat, counted=counted, bulk=bulk, paid=paid)
            try:
                if bulk:
                    async with self._bulk_wire:
                        return await call()
                return await call()
            except RetryAfter as exc:
                self.retry_afters += 1
                wait = _seconds(exc.retry_after)
                chat.paused_until = max(chat.paused_until, self.clock() + wait)
                if bulk:
                    self._bulk_paused_until = max(self._bulk_paused_until, self.clock() + wait)
                    raise
                if attempt == self.limits.retries or wait > self.limits.max_wait:
                    raise
                log.info("%s: Telegram asked to wait %.0f s before this chat", endpoint, wait)
        raise AssertionError("unreachable")

    def _chat(self, chat_id: object) -> _Chat:
        key = chat_id if isinstance(chat_id, int) else _int_or_str(chat_id)
        chat = self._chats.get(key)
        if chat is None:
            group = isinstance(key, str) or key < 0
            chat = self._chats[key] = _Chat(self.limits, group, self.clock)
        return chat

    async def _turn(self, chat: _Chat, *, counted: bool, bulk: bool, paid: bool) -> None:
        """Wait until this chat and (for bulk work) the bulk budget allow one more message,
        then take it; `counted`: a message the bot starts, which takes from the overall budget
        without waiting. Requests to one chat go one at a time, in the order they came."""
        async with chat.lock:
            await self._sleep(chat.paused_until - self.clock())
            await self._sleep(self._chat_wait(chat))
            if bulk:
                await self._bulk_turn(paid)
            elif counted:
                self._overall.take()
            self._record(chat)

    def _chat_wait(self, chat: _Chat) -> float:
        if chat.bucket is not None:
            return chat.bucket.wait_time()
        limits, now = self.limits, self.clock()
        window = limits.group_window + limits.margin
        while chat.posts and chat.posts[0] <= now - window:
            chat.posts.popleft()
        if len(chat.posts) < limits.group_posts:
            return 0.0
        return chat.posts[0] + window - now

    def _record(self, chat: _Chat) -> None:
        if chat.bucket is not None:
            chat.bucket.take()
        else:
            chat.posts.append(self.clock())

    async def _bulk_turn(self, paid: bool) -> None:
        """Bulk work waits for the overall budget (what others used of it) and for its own
        rate; paid broadcasts have a budget of their own. The moment is booked at once and
        waited for after, so waits overlap instead of queueing."""
        await self._sleep(self._bulk_paused_until - self.clock())
        if paid:
            await self._sleep(self._paid.reserve())
            return
        overall, bulk = self._overall, self._bulk
        now = self.clock()
        at = max(now, overall.next_free - overall.tolerance, bulk.next_free - bulk.tolerance)
        overall.next_free = max(overall.next_free, at) + overall.interval
        bulk.next_free = max(bulk.next_free, at) + bulk.interval
        await self._sleep(at - now)

    async def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            await self.sleep(seconds)


def _seconds(retry_after: object) -> float:
    if isinstance(retry_after, int | float):
        return float(retry_after)
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else 1.0


def _int_or_str(value: object) -> int | str:
    try:
        return int(str(value))
    except ValueError:
        return str(value)
