"""The real bot, running against the fake Bot API over loopback HTTP, for end-to-end tests.

    async def test_something(harness: Harness) -> None:
        alice = harness.api.add_user(1001, "Alice", language_code="vi")
        await onboard(harness, alice.id)
        ...
        await harness.restart()          # a crash and restart: memory gone, database kept

The bot handles different chats in parallel (each chat's updates in order); `settle()` returns
once every update pushed so far has been fetched and handled. The outbox sender does not run on
its own here: what a handler queues is sent by the pass it kicks (`outbox_idle()` waits for it),
and tests send what is due at a chosen time with `drain(now)`.
"""

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.app import build_application
from bot.config import Settings
from bot.handlers.common import BotApplication
from bot.metrics import Metrics
from bot.receiving.polling import Poller
from bot.receiving.worker import InboxWorker
from bot.sending.limiter import Limits
from bot.sending.sender import Sender
from bot.services.inbox import Inbox
from bot.storage.db import Database
from tests.fakebotapi import FakeBotAPI

SETTLE_SECONDS = 10
Message = dict[str, Any]

# No pacing at all (429s are still obeyed): for tests of behaviour against a fake server whose
# flood limits are off, where users answer faster than people can.
UNTHROTTLED = Limits(
    private_rate=1_000_000.0,
    private_burst=1_000_000,
    group_posts=1_000_000,
    overall_rate=1_000_000.0,
    bulk_rate=1_000_000.0,
    paid_rate=1_000_000.0,
)


@dataclass
class Harness:
    api: FakeBotAPI
    db: Database
    settings: Settings
    app: BotApplication | None = None
    starts: int = 0
    # The bot's own pacing; by default Telegram's when the fake enforces them, else none.
    limits: Limits | None = None
    inbox: Inbox = field(init=False)
    worker: InboxWorker = field(init=False)
    poller: Poller = field(init=False)

    async def start(self) -> None:
        # Pace like Telegram only when the fake enforces Telegram's flood limits.
        limits = self.limits
        if limits is None and self.api.state.flood is None:
            limits = UNTHROTTLED
        app = build_application(self.settings, self.db, background=False, limits=limits)
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        # Received as `binhyen run` receives: polled into the inbox, then handled from it.
        metrics: Metrics = app.bot_data["metrics"]
        self.inbox = Inbox(self.db)
        self.worker = InboxWorker(app, self.inbox, metrics, poll=0.05)
        await self.worker.start()
        self.poller = Poller(app, self.inbox, self.worker, metrics, timeout=1)
        await self.poller.start()
        self.app = app
        self.starts += 1

    async def stop(self) -> None:
        app, self.app = self.app, None
        if app is None:
            return
        await self.poller.stop()
        await self.worker.stop()
        await app.stop()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def settle(self, seconds: float = SETTLE_SECONDS) -> None:
        """Return once the bot has handled every update pushed so far (Telegram forgets an
        update when the bot asks for the next ones, which it does after queueing them) and
        sent what handling them queued in the outbox."""
        app = self.app
        assert app is not None
        state = self.api.state
        await state.notifier.wait_for(lambda: not state.pending_updates, seconds)
        await self.worker.idle(seconds)
        await asyncio.wait_for(app.update_queue.join(), seconds)
        await asyncio.wait_for(self.sender.idle(), seconds)

    @property
    def sender(self) -> Sender:
        assert self.app is not None
        sender: Sender = self.app.bot_data["sender"]
        return sender

    async def drain(self, now: datetime | None = None) -> int:
        """Send everything the outbox holds that is due at `now`; returns rows sent."""
        return await self.sender.drain(now)

    async def outbox_idle(self) -> None:
        """Wait for the sending a handler kicked off (a filed report's card) to finish."""
        await self.sender.idle()

    async def say(self, user_id: int, text: str, **predicate: str) -> Message:
        """`user_id` writes `text` to the bot; returns the bot's next message to them."""
        waiter = self.api.wait_for_message(user_id, _matcher(**predicate))
        self.api.send_text(user_id, text)
        return await waiter

    async def say_in(self, chat_id: int, user_id: int, text: str, **predicate: str) -> Message:
        """`user_id` writes `text` in a group; returns the bot's next message there."""
        waiter = self.api.wait_for_message(chat_id, _matcher(**predicate))
        self.api.send_text(user_id, text, chat_id=chat_id)
        return await waiter

    async def tap(self, user_id: int, message: Message, label: str, **predicate: str) -> Message:
        """Press the inline button whose text contains `label`; returns the bot's next new
        message in that chat."""
        waiter = self.api.wait_for_message(chat_of(message), _matcher(**predicate))
        self.api.press(user_id, message, button_data(message, label))
        return await waiter

    async def tap_and_settle(self, user_id: int, message: Message, label: str) -> Message:
        """Press a button, wait until the bot has handled it, and return the pressed message as
        it is now (edited in place, or not)."""
        self.api.press(user_id, message, button_data(message, label))
        await self.settle()
        return self.current(message)

    def current(self, message: Message) -> Message:
        """The latest state of a bot message (after edits)."""
        for candidate in self.api.messages_to(chat_of(message)):
            if candidate["message_id"] == message["message_id"]:
                return candidate
        raise AssertionError(f"message {message['message_id']} not found")


def chat_of(message: Message) -> int:
    if "chat_id" in message:
        return int(message["chat_id"])
    return int(message["message"]["chat"]["id"])


def _matcher(**predicate: str) -> Callable[[Message], bool] | None:
    contains = predicate.get("contains")
    if contains is None:
        return None
    return lambda message: contains in (message.get("text") or message.get("caption") or "")


def buttons(message: Message) -> list[tuple[str, str]]:
    """(text, callback_data) of every inline button of a bot message."""
    markup = message.get("reply_markup") or {}
    return [
        (button["text"], button.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for button in row
    ]


def button_data(message: Message, label: str) -> str:
    found = [data for text, data in buttons(message) if label in text]
    if not found:
        raise AssertionError(f"no button containing {label!r} in {buttons(message)}")
    return found[0]


def keyboard_labels(message: Message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [
        button if isinstance(button, str) else button["text"]
        for row in markup.get("keyboard", [])
        for button in row
    ]


def plain(message: Message) -> str:
    text = message.get("text") or message.get("caption") or ""
    return re.sub(r"\s+", " ", text)


async def onboard(harness: Harness, user_id: int, query: str = "van don") -> Message:
    """A new resident: /start → accept privacy → type `query` → pick the first match.
    Returns the main-menu message."""
    api = harness.api
    greeting = await harness.say(user_id, "/start")
    ask = await harness.tap(user_id, greeting, "✅")
    assert "commune" in plain(ask).lower() or "xã" in plain(ask).lower()
    matches = await harness.say(user_id, query)
    pick = buttons(matches)[0][1]
    menu_waiter = api.wait_for_message(user_id, lambda m: bool(keyboard_labels(m)))
    api.press(user_id, matches, pick)
    return await menu_waiter
