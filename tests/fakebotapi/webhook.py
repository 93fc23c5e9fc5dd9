"""Webhook delivery: after ``setWebhook`` the fake POSTs pushed updates to the bot.

As Telegram does: each update is a JSON POST with the header
``X-Telegram-Bot-Api-Secret-Token`` when a secret token was set; an answer other than 2xx, a
connection error or a timeout is retried after a short backoff (doubling, capped); at most
``max_connections`` requests are in flight; and updates about the same chat (or, for button
presses, inline queries and join requests, the same user) are delivered one at a time, in
order. A delivered update is confirmed. Failures show in ``getWebhookInfo`` as
``last_error_date``/``last_error_message``.

The fake only ever connects to loopback addresses. Telegram refuses such webhooks; the fake
accepts ``http://127.0.0.1:PORT/...`` (and ``localhost``, ``[::1]``) so tests can receive
them, and ``api.route_webhook(public_prefix, local_prefix)`` delivers an HTTPS URL the bot
sets (as in production) to a local address instead. Anything else is never contacted: each
attempt fails with an explanatory ``last_error_message``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp

from .state import update_type

if TYPE_CHECKING:
    from .state import BotState

#: Update types queued per user rather than per chat (as Telegram's webhook queues do).
_PER_USER = frozenset(
    {"callback_query", "inline_query", "chosen_inline_result", "chat_join_request", "chat_member"}
)


def is_loopback(url: str) -> bool:
    host = (urlsplit(url).hostname or "").strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def queue_key(update: dict[str, Any]) -> tuple[str, Any]:
    """Updates with the same key are delivered one at a time, in order."""
    kind = update_type(update)
    body = update.get(kind)
    if not isinstance(body, dict):
        return ("update", update["update_id"])
    if kind in _PER_USER:
        user = body.get("from") or (body.get("new_chat_member") or {}).get("user") or {}
        return ("user", user.get("id", update["update_id"]))
    chat = body.get("chat") or {}
    return ("chat", chat.get("id", update["update_id"]))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, aiohttp.ClientConnectorError):
        return "Connection refused"
    if isinstance(exc, TimeoutError):
        return "Read timeout expired"
    return f"{type(exc).__name__}: {exc}"


class WebhookDelivery:
    """Runs while a webhook is set; ``stop()`` leaves undelivered updates pending."""

    backoff = 0.05  # first retry delay (seconds); doubles per failure of the same update
    max_backoff = 1.0
    timeout = 10.0  # per attempt

    def __init__(self, state: BotState) -> None:
        self.state = state
        self.in_flight = 0
        self._busy_keys: set[tuple[str, Any]] = set()
        self._busy_ids: set[int] = set()
        self._workers: set[asyncio.Task[None]] = set()
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="fakebotapi-webhook")

    async def stop(self) -> None:
        tasks = [t for t in (self._task, *self._workers) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    def target(self) -> str:
        url = str(self.state.webhook["url"])
        for public, local in self.state.webhook_routes.items():
            if url.startswith(public):
                return local + url[len(public) :]
        return url

    def _deliverable(self) -> list[dict[str, Any]]:
        state = self.state
        state.drop_filtered_updates()
        free = int(state.webhook.get("max_connections", 40)) - self.in_flight
        found: list[dict[str, Any]] = []
        keys: set[tuple[str, Any]] = set()
        for update in state.pending_updates:
            if len(found) >= free:
                break
            key = queue_key(update)
            if key in keys or key in self._busy_keys:
                keys.add(key)  # later updates of a busy queue wait their turn
                continue
            keys.add(key)
            if update["update_id"] not in self._busy_ids:
                found.append(update)
        return found

    async def _run(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.timeout),
            connector=aiohttp.TCPConnector(limit=0),
        )
        while True:
            with contextlib.suppress(TimeoutError):
                batch = await self.state.notifier.wait_for(self._deliverable, 3600)
                for update in batch:
                    key = queue_key(update)
                    self._busy_keys.add(key)
                    self._busy_ids.add(update["update_id"])
                    self.in_flight += 1
                    worker = asyncio.create_task(self._deliver(update, key))
                    self._workers.add(worker)
                    worker.add_done_callback(self._workers.discard)

    async def _deliver(self, update: dict[str, Any], key: tuple[str, Any]) -> None:
        state = self.state
        body = json.dumps(update, ensure_ascii=False).encode()
        delay = self.backoff
        try:
            while not await self._attempt(body):
                state.stats.webhook_failures += 1
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.max_backoff)
            state.stats.webhook_deliveries += 1
            state.confirm_delivered(update["update_id"])
        finally:
            self.in_flight -= 1
            self._busy_keys.discard(key)
            self._busy_ids.discard(update["update_id"])
            state.notifier.notify()

    async def _attempt(self, body: bytes) -> bool:
        state = self.state
        url = self.target()
        if not is_loopback(url):
            state.webhook_error = (
                state.clock.now(),
                f"FakeBotAPI delivers only to loopback addresses, not to {url} "
                "(use api.route_webhook)",
            )
            return False
        headers = {"Content-Type": "application/json"}
        secret = state.webhook.get("secret_token")
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        assert self._session is not None
        try:
            async with self._session.post(url, data=body, headers=headers) as response:
                await response.read()
                if 200 <= response.status < 300:
                    return True
                error = f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            error = _describe(exc)
        state.webhook_error = (state.clock.now(), error)
        return False
