"""Test-side API, part 2: inspecting and awaiting what the bot did.

Waiting is event-driven: every state change notifies, and a waiter re-checks its condition
only then (no sleep-and-poll). On timeout an ``AssertionError`` explains what the bot did
instead (its messages in that chat, recent and failed calls, withheld updates).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from .models import RecordedRequest, StoredMessage
from .state import BotState

T = TypeVar("T")
DEFAULT_TIMEOUT = 5.0
MessagePredicate = Callable[[dict[str, Any]], bool]
RequestPredicate = Callable[[RecordedRequest], bool]
_NOT_TEXT_KEYS = frozenset(
    {"parse_mode", "callback_query_id", "inline_query_id", "action", "allowed_updates"}
)


class Observations:
    """Mixin of FakeBotAPI: observing. Needs ``self.state``."""

    state: BotState

    # ---- records -------------------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """Every call the bot made, in order (including failed ones)."""
        return self.state.requests

    def requests_for(self, method: str) -> list[RecordedRequest]:
        return [r for r in self.state.requests if r.method.lower() == method.lower()]

    def failed_requests(self) -> list[RecordedRequest]:
        return [r for r in self.state.requests if not r.ok]

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        """answerCallbackQuery calls that succeeded: text, show_alert, url, data, user_id…"""
        return self.state.callback_answers

    def unanswered_callback_queries(self) -> list[str]:
        """Ids of pressed buttons the bot never answered (the user's client keeps spinning)."""
        return [q.id for q in self.state.callback_queries.values() if not q.answered]

    @property
    def inline_answers(self) -> list[dict[str, Any]]:
        return self.state.inline_answers

    @property
    def commands(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """setMyCommands state: ``{(scope, language_code): [{"command", "description"}]}``
        where scope is ``"default"``, ``"all_private_chats"``, ``"chat:<id>"``,
        ``"chat_administrators:<id>"``, ``"chat_member:<chat>:<user>"`` …; language ``""``."""
        return self.state.commands

    @property
    def reactions(self) -> list[dict[str, Any]]:
        return self.state.reactions

    @property
    def menu_buttons(self) -> dict[int | None, dict[str, Any]]:
        return self.state.menu_buttons

    @property
    def recent_requests(self) -> list[RecordedRequest]:
        """The last 50 calls (kept in lean mode too)."""
        return list(self.state.recent_requests)

    # ---- statistics (kept in every mode) -------------------------------------------------
    @property
    def requests_by_method(self) -> dict[str, int]:
        """How many calls of each method the bot made (successful or not)."""
        return dict(self.state.stats.requests_by_method)

    @property
    def errors_by_code(self) -> dict[int, int]:
        return dict(self.state.stats.errors_by_code)

    @property
    def flood_rejections(self) -> dict[str, int]:
        """429s the flood limits gave, by cause: ``{"private": n, "group": n, "global": n}``
        (injected 429s from ``fail_with_429`` are not counted here)."""
        return self.state.stats.flood_rejections()

    @property
    def paid_broadcast_count(self) -> int:
        """Successful message-creating calls that carried ``allow_paid_broadcast``."""
        return self.state.stats.paid_broadcast_messages

    def sent_times(self, chat_id: int) -> list[float]:
        """Times (the fake's monotonic clock, seconds) of the successful message-creating
        calls to the chat, oldest first; an album or a copyMessages call is one entry."""
        return list(self.state.sent_times.get(chat_id, ()))

    def max_sent_in_window(self, chat_id: int, window: float = 60.0) -> int:
        """The most message-creating calls to the chat within any ``window`` seconds."""
        times = self.state.sent_times.get(chat_id, ())
        best, start = 0, 0
        for end, at in enumerate(times):
            while at - times[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best

    def bot_message_counts(self) -> dict[int, int]:
        """Bot messages per chat (kept in lean mode too)."""
        return {c.id: c.bot_messages for c in self.state.chats.values() if c.bot_messages}

    # ---- groups --------------------------------------------------------------------------
    def join_requests(self, chat_id: int) -> dict[int, dict[str, Any]]:
        """Pending join requests of a group: ``{user_id: {"date", "invite_link", "bio"}}``."""
        chat = self.state.chats[chat_id]
        return {uid: dict(vars(r)) for uid, r in chat.join_requests.items()}

    def bans(self, chat_id: int) -> dict[int, dict[str, Any]]:
        """banChatMember calls in force: ``{user_id: {"until_date", "revoke_messages",
        "date"}}`` (until_date 0: forever)."""
        chat = self.state.chats[chat_id]
        return {uid: dict(vars(b)) for uid, b in chat.bans.items()}

    def invite_links(self, chat_id: int) -> list[dict[str, Any]]:
        """Every invite link of a group (revoked ones too) as ChatInviteLink objects, with
        ``joined``: how many joined through it."""
        chat = self.state.chats[chat_id]
        return [
            {
                **link.to_dict(pending=self._pending_for(chat_id, link.invite_link)),
                "joined": link.joined,
            }
            for link in chat.invite_links.values()
        ]

    def _pending_for(self, chat_id: int, url: str) -> int:
        requests = self.state.chats[chat_id].join_requests.values()
        return sum(1 for r in requests if r.invite_link == url)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Pushed updates the bot has not confirmed yet."""
        return self.state.pending_updates

    @property
    def dropped_updates(self) -> list[tuple[dict[str, Any], str]]:
        """(update, reason) for updates the bot never got (allowed_updates, privacy, …)."""
        return self.state.dropped_updates

    # ---- messages ------------------------------------------------------------------------
    def _observe(self, msg: StoredMessage) -> dict[str, Any]:
        return msg.observe(self.state.message_dict(msg))

    def messages_to(self, chat_id: int, *, include_deleted: bool = True) -> list[dict[str, Any]]:
        """Bot-sent messages in the chat, oldest first. Keys: ``message_id``, ``kind``
        (text/photo/…), ``text`` (visible text or caption), ``html`` (raw as sent),
        ``entities``, ``reply_markup`` (as sent, incl. reply keyboards),
        ``reply_to_message_id``, ``file_id(s)``, ``media_group_id``, ``method``, ``deleted``,
        ``edit_count``, ``message`` (the full Message the bot got back)."""
        return [
            self._observe(m)
            for m in self.state.chat_messages(chat_id)
            if m.from_bot and (include_deleted or not m.deleted)
        ]

    def messages_after(self, chat_id: int, after: int = 0) -> list[dict[str, Any]]:
        """Bot messages to the chat whose ids are above ``after``, oldest first (message ids
        grow by one per message in each chat, so ``after`` can be a user's message id)."""
        return [self._observe(m) for m in self.state.chat_messages(chat_id, after) if m.from_bot]

    def last_message(self, chat_id: int) -> dict[str, Any]:
        """The newest bot message in the chat (AssertionError if there is none)."""
        sent = self.messages_to(chat_id)
        if not sent:
            raise AssertionError(
                f"the bot has sent no message to chat {chat_id}\n" + self._activity()
            )
        return sent[-1]

    def all_outgoing_text(self) -> list[str]:
        """Every string the bot sent anywhere: texts, captions (raw HTML and visible text),
        button texts/callback_data/URLs, inline results, callback answers, command lists —
        including calls Telegram rejected. For asserting that identities never leak."""
        found: list[str] = []

        def walk(value: Any, key: str = "") -> None:
            if isinstance(value, str):
                if key not in _NOT_TEXT_KEYS:
                    found.append(value)
            elif isinstance(value, dict):
                for k, v in value.items():
                    walk(v, k)
            elif isinstance(value, list):
                for v in value:
                    walk(v, key)

        for request in self.state.requests:
            walk(request.params)
        found.extend(m.text for m in self.state.messages.values() if m.from_bot and m.text)
        return found

    # ---- waiting -------------------------------------------------------------------------
    # These are plain methods returning a coroutine: the "after this call" point is fixed when
    # the method is *called*, so ``waiter = api.wait_for_message(...)``, then acting (even
    # ``await``-ing something that lets the bot answer), then ``await waiter`` never misses.
    def wait_for_message(
        self,
        chat_id: int,
        predicate: MessagePredicate | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        include_existing: bool = False,
    ) -> Coroutine[Any, Any, dict[str, Any]]:
        """Await the first bot message to ``chat_id`` sent after this call (or already sent,
        with ``include_existing``) that matches ``predicate``; see ``messages_to`` for keys.
        Edits do not count as new messages (use ``wait_for_request("editMessageText")``)."""
        chat = self.state.chats.get(chat_id)
        after = 0 if include_existing or chat is None else chat.next_message_id - 1
        return self.wait_for_message_after(chat_id, after, predicate, timeout=timeout)

    def wait_for_message_after(
        self,
        chat_id: int,
        after: int,
        predicate: MessagePredicate | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Coroutine[Any, Any, dict[str, Any]]:
        """Await the first bot message to ``chat_id`` whose id is above ``after`` (message ids
        grow by one per message in each chat) that matches ``predicate``."""

        def find() -> dict[str, Any] | None:
            for msg in self.state.chat_messages(chat_id, after):
                if msg.from_bot:
                    observed = self._observe(msg)
                    if predicate is None or predicate(observed):
                        return observed
            return None

        def report() -> str:
            what = "matching the predicate " if predicate else ""
            return (
                f"timed out after {timeout}s waiting for a new bot message {what}"
                f"to chat {chat_id}\n" + self._activity(chat_id)
            )

        return self._wait(find, timeout, report)

    def wait_for_request(
        self,
        method: str,
        predicate: RequestPredicate | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        include_existing: bool = False,
    ) -> Coroutine[Any, Any, RecordedRequest]:
        """Await the first call of ``method`` (case-insensitive) made after this call that
        matches ``predicate`` (successful or not — check ``.ok``)."""
        start = 0 if include_existing else len(self.state.requests)

        def find() -> RecordedRequest | None:
            for request in self.state.requests[start:]:
                if request.method.lower() == method.lower() and (
                    predicate is None or predicate(request)
                ):
                    return request
            return None

        def report() -> str:
            what = " matching the predicate" if predicate else ""
            return f"timed out after {timeout}s waiting for a {method} call{what}\n" + (
                self._activity()
            )

        return self._wait(find, timeout, report)

    def wait_for_updates_fetched(
        self, timeout: float = DEFAULT_TIMEOUT
    ) -> Coroutine[Any, Any, bool]:
        """Await until getUpdates has handed every pushed update to the bot."""

        def fetched() -> bool:
            self.state.drop_filtered_updates()
            last = self.state.last_fetched_update_id
            return all(u["update_id"] <= last for u in self.state.pending_updates)

        def report() -> str:
            return (
                f"timed out after {timeout}s: the bot did not fetch "
                f"{len(self.state.pending_updates)} pending update(s) — is it polling?\n"
                + self._activity()
            )

        return self._wait(fetched, timeout, report)

    def wait_until_polling(self, timeout: float = DEFAULT_TIMEOUT) -> Coroutine[Any, Any, bool]:
        """Await until a getUpdates long poll is waiting on the server (the bot listens)."""

        def report() -> str:
            return f"timed out after {timeout}s: no getUpdates long poll is waiting\n" + (
                self._activity()
            )

        return self._wait(lambda: self.state.waiting_polls > 0, timeout, report)

    async def _wait(
        self, find: Callable[[], T | None], seconds: float, report: Callable[[], str]
    ) -> T:
        try:
            return await self.state.notifier.wait_for(find, seconds)
        except TimeoutError:
            raise AssertionError(report()) from None

    def _activity(self, chat_id: int | None = None) -> str:
        lines: list[str] = []
        if chat_id is not None:
            sent = self.messages_to(chat_id)
            lines.append(f"bot messages in chat {chat_id} so far ({len(sent)}):")
            lines += [
                f"  #{m['message_id']} [{m['kind']}]{' (deleted)' if m['deleted'] else ''} "
                f"{m['text']!r}"
                for m in sent[-15:]
            ]
        recent = list(self.state.recent_requests)
        total = sum(self.state.stats.requests_by_method.values())
        lines.append(f"last calls (of {total}):")
        lines += [f"  {r}" for r in recent[-12:]]
        failed = [r for r in (self.state.requests or recent) if not r.ok]
        if failed:
            lines.append(f"failed calls ({len(failed)}):")
            lines += [f"  {r}" for r in failed[-8:]]
        if self.state.pending_updates:
            lines.append(f"updates not yet confirmed by the bot: {len(self.state.pending_updates)}")
        if self.state.dropped_updates:
            lines.append("updates the bot never received:")
            lines += [
                f"  {next(iter(u.keys() - {'update_id'}), '?')}: {why}"
                for u, why in self.state.dropped_updates[-5:]
            ]
        return "\n".join(lines)
