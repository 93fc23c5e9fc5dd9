"""Telegram's flood limits, opt-in: ``FakeBotAPI(flood_limits=True)`` or
``api.set_flood_limits(FloodLimits(...))``.

What is modelled (all figures are ``FloodLimits`` fields):

* **private chats**: a token bucket per chat, ``private_per_second`` tokens a second up to
  ``private_burst`` (about one message a second, with a small burst);
* **groups, supergroups and channels**: at most ``group_per_window`` posts in any sliding
  ``group_window`` seconds (20 a minute); the 429 says how many whole seconds remain until the
  oldest post leaves the window (up to 60);
* **the whole bot**: a bucket of ``global_burst`` tokens refilled at ``global_per_second``
  (30 a second) for message-creating calls; calls with ``allow_paid_broadcast=true`` use a
  separate allowance of ``paid_per_second`` (1,000 a second) instead, and every
  message-creating call, paid or not, also counts against that higher allowance. Telegram
  gives its 30 a second for bulk notifications: a message to a private chat that wrote to the
  bot within ``reply_window`` seconds is an answer and is not counted against it.

Message-creating calls are the ``send*`` methods (not sendChatAction), copyMessage(s) and
forwardMessage(s); sendMediaGroup and copy/forwardMessages count as one call. ``editMessage*``
count towards the per-chat limits only. Nothing else is limited. A call over a limit gets
HTTP 429 ``{"ok": false, "error_code": 429, "description": "Too Many Requests: retry after N",
"parameters": {"retry_after": N}}`` and changes nothing; only successful calls use up the
allowance. Rejections are counted by cause in ``api.flood_rejections``.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import ApiError, too_many_requests
from .models import Chat

if TYPE_CHECKING:
    from .state import BotState

#: Methods that create messages (count against every limit).
CREATING_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendVideo",
        "sendDocument",
        "sendVoice",
        "sendAudio",
        "sendAnimation",
        "sendSticker",
        "sendVideoNote",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendDice",
        "sendInvoice",
        "sendGame",
        "sendPaidMedia",
        "sendMediaGroup",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
    }
)
#: Methods that count against the per-chat limits only.
EDITING_METHODS = frozenset(
    {
        "editMessageText",
        "editMessageCaption",
        "editMessageMedia",
        "editMessageReplyMarkup",
        "editMessageLiveLocation",
        "stopMessageLiveLocation",
    }
)


@dataclass(frozen=True)
class FloodLimits:
    private_per_second: float = 1.0
    private_burst: int = 5
    group_per_window: int = 20
    group_window: float = 60.0
    global_per_second: float = 30.0
    global_burst: int = 30
    paid_per_second: float = 1000.0
    paid_burst: int = 1000
    # Telegram states its ~30/s for "bulk notifications to multiple users"; a bot answering
    # people who just wrote to it is not held to it. A message to a private chat that sent the
    # bot an update within this many seconds is such an answer (0: count everything).
    reply_window: float = 60.0

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> FloodLimits:
        known = set(cls.__dataclass_fields__)
        unknown = set(values) - known
        if unknown:
            raise ValueError(
                f"unknown flood limit fields {sorted(unknown)}, known: {sorted(known)}"
            )
        return cls(**values)


class Bucket:
    """A token bucket: ``rate`` tokens a second, at most ``capacity``; starts full."""

    __slots__ = ("capacity", "rate", "stamp", "tokens")

    def __init__(self, rate: float, capacity: int, now: float) -> None:
        self.rate, self.capacity = rate, float(capacity)
        self.tokens, self.stamp = float(capacity), now

    def _refill(self, now: float) -> None:
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now

    def wait(self, now: float) -> float:
        """Seconds until a token is available (0 if one is)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1


def _retry_after(seconds: float) -> int:
    return max(1, math.ceil(seconds - 1e-9))


class Admission:
    """A call that passed the limits; ``commit()`` once it succeeded."""

    __slots__ = ("chat", "control", "creates", "paid")

    def __init__(self, control: FloodControl, chat: Chat | None, creates: bool, paid: bool):
        self.control, self.chat, self.creates, self.paid = control, chat, creates, paid

    def commit(self) -> None:
        self.control.commit(self)


class FloodControl:
    def __init__(self, limits: FloodLimits, state: BotState) -> None:
        self.limits = limits
        self.state = state
        now = state.clock.monotonic()
        self.global_bucket = Bucket(limits.global_per_second, limits.global_burst, now)
        self.paid_bucket = Bucket(limits.paid_per_second, limits.paid_burst, now)
        self.private: dict[int, Bucket] = {}
        self.groups: dict[int, deque[float]] = {}

    def _private_bucket(self, chat_id: int, now: float) -> Bucket:
        bucket = self.private.get(chat_id)
        if bucket is None:
            limits = self.limits
            bucket = Bucket(limits.private_per_second, limits.private_burst, now)
            self.private[chat_id] = bucket
        return bucket

    def _group_window(self, chat_id: int, now: float) -> deque[float]:
        window = self.groups.get(chat_id)
        if window is None:
            window = self.groups[chat_id] = deque()
        while window and window[0] <= now - self.limits.group_window:
            window.popleft()
        return window

    def admit(self, method: str, params: dict[str, Any]) -> Admission | None:
        """None for calls that are never limited; raise 429 for calls over a limit."""
        creates = method in CREATING_METHODS
        if not creates and method not in EDITING_METHODS:
            return None
        chat = _quiet_chat(self.state, params.get("chat_id"))
        paid = creates and bool(params.get("allow_paid_broadcast"))
        now = self.state.clock.monotonic()
        if chat is not None:
            if chat.is_private:
                wait = self._private_bucket(chat.id, now).wait(now)
                if wait > 0:
                    raise self._reject("private", wait)
            else:
                window = self._group_window(chat.id, now)
                if len(window) >= self.limits.group_per_window:
                    raise self._reject("group", window[0] + self.limits.group_window - now)
        reply = self._is_reply(chat, now)
        if creates:
            wait = self.paid_bucket.wait(now)
            if not paid and not reply:
                wait = max(wait, self.global_bucket.wait(now))
            if wait > 0:
                raise self._reject("global", wait)
        return Admission(self, chat, creates, paid or reply)

    def _is_reply(self, chat: Chat | None, now: float) -> bool:
        if chat is None or not chat.is_private or not self.limits.reply_window:
            return False
        heard = self.state.last_heard.get(chat.id)
        return heard is not None and now - heard <= self.limits.reply_window

    def _reject(self, cause: str, wait: float) -> ApiError:
        self.state.stats.too_many_requests[cause] += 1
        error = too_many_requests(_retry_after(wait))
        error.note = f"flood limit ({cause})"
        return error

    def commit(self, admission: Admission) -> None:
        now = self.state.clock.monotonic()
        chat = admission.chat
        if chat is not None:
            if chat.is_private:
                self._private_bucket(chat.id, now).take(now)
            else:
                self._group_window(chat.id, now).append(now)
        if admission.creates:
            self.paid_bucket.take(now)
            if not admission.paid:
                self.global_bucket.take(now)


def note_success(state: BotState, method: str, params: dict[str, Any]) -> None:
    """Statistics of a successful call: send times per chat, paid broadcasts."""
    if method not in CREATING_METHODS:
        return
    chat = _quiet_chat(state, params.get("chat_id"))
    if chat is not None:
        state.note_sent(chat.id, state.clock.monotonic())
    if params.get("allow_paid_broadcast"):
        state.stats.paid_broadcast_messages += 1


def _quiet_chat(state: BotState, ref: Any) -> Chat | None:
    """The chat a call is aimed at, or None (the handler will then answer 400)."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        return state.chats.get(ref)
    if isinstance(ref, str) and ref.startswith("@"):
        wanted = ref[1:].lower()
        return next((c for c in state.chats.values() if (c.username or "").lower() == wanted), None)
    return None
