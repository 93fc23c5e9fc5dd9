"""All mutable state of one fake server: chats, messages, files, the update queue, records."""

from __future__ import annotations

import asyncio
import json
from array import array
from collections import Counter, deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from .clock import Clock
from .content import COMMAND_RE, SERVICE_KEYS
from .models import (
    Chat,
    FaultRule,
    FileRecord,
    QueryRecord,
    RecordedRequest,
    StoredMessage,
    User,
)

if TYPE_CHECKING:
    from .flood import FloodControl
    from .webhook import WebhookDelivery

T = TypeVar("T")

#: Update types Telegram does not send unless explicitly listed in ``allowed_updates``.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Notifier:
    """Wake-up primitive: ``notify()`` is sync (callable from test code), waiters are async.

    Every state change calls ``notify()``; a waiter re-checks its predicate only then, so
    waiting never sleeps-and-polls.
    """

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None

    def notify(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait_for(self, predicate: Callable[[], T | None], seconds: float) -> T:
        """Return the first truthy ``predicate()``; raise TimeoutError after ``seconds``."""
        async with asyncio.timeout(seconds):
            while True:
                result = predicate()
                if result:
                    return result
                if self._event is None:
                    self._event = asyncio.Event()
                await self._event.wait()


def _letters(n: int) -> str:
    """``n`` written with the letters A-Z (6 of them)."""
    out = []
    for _ in range(6):
        n, digit = divmod(n, 26)
        out.append(chr(ord("A") + digit))
    return "".join(reversed(out))


def update_type(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


class Stats:
    """Counters kept in every mode (the lean mode keeps little else)."""

    def __init__(self) -> None:
        self.requests_by_method: Counter[str] = Counter()
        self.errors_by_code: Counter[int] = Counter()
        #: 429s the flood limits gave, by cause: "private", "group", "global"
        self.too_many_requests: Counter[str] = Counter({"private": 0, "group": 0, "global": 0})
        self.paid_broadcast_messages = 0
        self.webhook_deliveries = 0
        self.webhook_failures = 0

    def flood_rejections(self) -> dict[str, int]:
        return dict(self.too_many_requests)


class BotState:
    """Everything one FakeBotAPI instance knows. No module-level state anywhere."""

    def __init__(
        self,
        token: str,
        bot_username: str,
        bot_first_name: str,
        privacy_mode: bool,
        *,
        keep_messages: bool = True,
    ) -> None:
        self.token = token
        self.keep_messages = keep_messages
        self.clock = Clock()
        self.stats = Stats()
        self.flood: FloodControl | None = None
        self.webhook_delivery: WebhookDelivery | None = None
        #: monotonic times of successful message-creating calls, per chat
        self.sent_times: dict[int, array[float]] = {}
        self.recent_requests: deque[RecordedRequest] = deque(maxlen=50)
        self.crashes: list[RecordedRequest] = []
        self._markups: dict[str, dict[str, Any]] = {}
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.privacy_mode = privacy_mode
        self.strict_ampersand = True
        self.notifier = Notifier()
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], StoredMessage] = {}
        self.files: dict[str, FileRecord] = {}
        self.file_paths: dict[str, FileRecord] = {}
        self.requests: list[RecordedRequest] = []
        self.abandoned_requests: list[RecordedRequest] = []
        self.faults: list[FaultRule] = []
        self.callback_queries: dict[str, QueryRecord] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_queries: dict[str, QueryRecord] = {}
        self.inline_answers: list[dict[str, Any]] = []
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.reactions: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] = {"url": ""}
        self.webhook_routes: dict[str, str] = {}
        self.webhook_error: tuple[int, str] | None = None
        self.logged_out = False
        self.closed = False
        # update queue
        self.pending_updates: list[dict[str, Any]] = []
        self.last_heard: dict[int, float] = {}
        self.pushed_updates: list[dict[str, Any]] = []
        self.dropped_updates: list[tuple[dict[str, Any], str]] = []
        self._allowed_updates: list[str] | None = None
        self._checked_upto = 0  # pending updates up to this id passed allowed_updates
        self.next_update_id = 700_000_001
        self.last_confirmed_update_id = 0
        self.last_fetched_update_id = 0
        self.poll_generation = 0
        self.waiting_polls = 0
        self.closing = False
        self._seq = 0

    # ---- ids -----------------------------------------------------------------------------
    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    @property
    def bot_id(self) -> int:
        return int(self.bot_user["id"])

    def bot_can(self, chat: Chat, right: str) -> bool:
        """Whether the bot holds an administrator right in a group."""
        if chat.bot_status == "creator":
            return True
        return chat.bot_status == "administrator" and chat.bot_rights.get(right, True)

    #: How long after asking to join a group a user may be written to by the bot.
    JOIN_REQUEST_WINDOW = 5 * 60

    def may_contact_requester(self, user_id: int) -> bool:
        """Telegram lets a bot write to a user who has a pending join request to a chat the bot
        administers (via ``user_chat_id``) for 5 minutes, until the request is processed."""
        now = self.clock.now()
        return any(
            now - request.date < self.JOIN_REQUEST_WINDOW and self.bot_can(chat, "can_invite_users")
            for chat in self.chats.values()
            if (request := chat.join_requests.get(user_id)) is not None
        )

    # ---- chats & messages ----------------------------------------------------------------
    def store_message(self, chat: Chat, *, sender: dict[str, Any], **fields: Any) -> StoredMessage:
        now = self.clock.time()
        msg = StoredMessage(
            chat_id=chat.id,
            message_id=chat.next_message_id,
            sender=sender,
            from_bot=bool(sender.get("is_bot")) and sender.get("id") == self.bot_id,
            date=int(now),
            sent_at=now,
            **fields,
        )
        chat.next_message_id += 1
        if msg.from_bot:
            chat.bot_messages += 1
        self.messages[(chat.id, msg.message_id)] = msg
        self.notifier.notify()
        return msg

    def answer_message(self, msg: StoredMessage) -> dict[str, Any]:
        """The Message the bot gets back for a message it sent or edited; in lean mode the
        stored copy is slimmed afterwards."""
        data = self.message_dict(msg)
        if not self.keep_messages and msg.from_bot:
            msg.slim_down(self.shared_markup(msg.reply_markup))
        return data

    def shared_markup(self, markup: dict[str, Any] | None) -> dict[str, Any] | None:
        """One shared copy per distinct inline keyboard (lean mode); reply keyboards dropped."""
        if not markup or "inline_keyboard" not in markup:
            return None
        key = json.dumps(markup, sort_keys=True, ensure_ascii=False)
        return self._markups.setdefault(key, markup)

    def chat_messages(self, chat_id: int, after: int = 0) -> list[StoredMessage]:
        """Messages of one chat with ids above ``after``, oldest first (deleted ones too)."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        found = (self.messages.get((chat_id, i)) for i in range(after + 1, chat.next_message_id))
        return [m for m in found if m is not None]

    def note_sent(self, chat_id: int, at: float) -> None:
        times = self.sent_times.get(chat_id)
        if times is None:
            times = self.sent_times[chat_id] = array("d")
        times.append(at)

    def find_message(self, chat_id: int, message_id: int | None) -> StoredMessage | None:
        """A message that exists (was stored and not deleted) in the chat."""
        if message_id is None:
            return None
        msg = self.messages.get((chat_id, message_id))
        return None if msg is None or msg.deleted else msg

    def message_dict(self, msg: StoredMessage, *, nested: bool = True) -> dict[str, Any]:
        """The Telegram ``Message`` object for a stored message."""
        chat = self.chats[msg.chat_id]
        data: dict[str, Any] = {
            "message_id": msg.message_id,
            "from": dict(msg.sender),
            "chat": chat.to_dict(),
            "date": msg.date,
        }
        if msg.edit_date is not None:
            data["edit_date"] = msg.edit_date
        if msg.media_group_id is not None:
            data["media_group_id"] = msg.media_group_id
        data.update(msg.content)
        if msg.text is not None:
            text_key, ent_key = ("caption", "caption_entities")
            if not msg.has_caption_slot:
                text_key, ent_key = ("text", "entities")
            data[text_key] = msg.text
            if msg.entities:
                data[ent_key] = [dict(e) for e in msg.entities]
        if msg.reply_markup and "inline_keyboard" in msg.reply_markup:
            data["reply_markup"] = msg.reply_markup
        if nested and msg.reply_to_message_id is not None:
            target_chat = msg.reply_to_chat_id if msg.reply_to_chat_id is not None else chat.id
            target = self.messages.get((target_chat, msg.reply_to_message_id))
            if target is not None and target_chat == chat.id and not target.deleted:
                data["reply_to_message"] = self.message_dict(target, nested=False)
        return data

    # ---- files ---------------------------------------------------------------------------
    def new_file(
        self,
        kind: str,
        data: bytes | None = None,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> FileRecord:
        tag = _letters(self.next_seq())  # no digit runs: ids never look like user ids
        record = FileRecord(
            file_id=f"AgACAgUAAxkB{tag}fake{kind.title().replace('_', '')}",
            file_unique_id=f"AQAD{tag}{kind[:3]}",
            kind=kind,
            data=data if data is not None else f"fake {kind} {tag}".encode(),
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[record.file_id] = record
        return record

    # ---- updates -------------------------------------------------------------------------
    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        update = dict(update)
        given = update.get("update_id")
        if given is None:
            update = {"update_id": self.next_update_id, **update}
        elif not isinstance(given, int) or given < self.next_update_id:
            raise ValueError(f"update_id must be an int >= {self.next_update_id}, got {given!r}")
        self.next_update_id = update["update_id"] + 1
        self._heard_from(update)
        self.pending_updates.append(update)
        if self.keep_messages:
            self.pushed_updates.append(update)
        self.notifier.notify()
        return update

    def _heard_from(self, update: dict[str, Any]) -> None:
        """When each user last wrote to the bot (flood limits treat answers differently)."""
        for kind, body in update.items():
            if kind != "update_id" and isinstance(body, dict):
                sender = body.get("from") or {}
                if isinstance(sender.get("id"), int):
                    self.last_heard[sender["id"]] = self.clock.monotonic()

    def deliver(self, chat: Chat, kind: str, body: dict[str, Any]) -> None:
        """Push an update about something that happened in ``chat``, unless the bot would not
        get it (not in the group; privacy mode) — then list it in ``dropped_updates``."""
        reason = self._withheld_reason(chat, kind, body)
        if reason is None:
            self.push_update({kind: body})
        else:
            self.dropped_updates.append(({kind: body}, reason))
            self.notifier.notify()

    def _withheld_reason(self, chat: Chat, kind: str, body: dict[str, Any]) -> str | None:
        if chat.is_private:
            return None
        if chat.bot_status in ("left", "kicked"):
            return f"bot is {chat.bot_status} in chat {chat.id}"
        if kind == "chat_join_request" and not self.bot_can(chat, "can_invite_users"):
            return "join requests reach only administrators with can_invite_users"
        privacy_applies = (
            kind in ("message", "edited_message")
            and self.privacy_mode
            and chat.bot_status not in ("administrator", "creator")
        )
        if not privacy_applies or self._addressed_to_bot(body):
            return None
        return "privacy mode: bot is a non-admin member and the message is not for it"

    def _addressed_to_bot(self, body: dict[str, Any]) -> bool:
        """What a privacy-mode bot still sees: service messages, replies to it, commands."""
        if SERVICE_KEYS & body.keys():
            return True
        replied = body.get("reply_to_message") or {}
        if replied.get("from", {}).get("id") == self.bot_id:
            return True
        text = body.get("text") or body.get("caption") or ""
        me = "@" + str(self.bot_user["username"]).lower()
        return any(
            "@" not in m.group() or m.group().lower().endswith(me)
            for m in COMMAND_RE.finditer(text)
        )

    def is_allowed(self, kind: str) -> bool:
        if not self.allowed_updates:
            return kind not in OPT_IN_UPDATES
        return kind in self.allowed_updates

    @property
    def allowed_updates(self) -> list[str] | None:
        return self._allowed_updates

    @allowed_updates.setter
    def allowed_updates(self, value: list[str] | None) -> None:
        self._allowed_updates = value
        self._checked_upto = 0

    def drop_filtered_updates(self) -> None:
        """Forget pending updates whose type the bot did not subscribe to (only updates not
        yet checked against the current ``allowed_updates`` are looked at)."""
        pending = self.pending_updates
        start = len(pending)
        while start and pending[start - 1]["update_id"] > self._checked_upto:
            start -= 1
        if start == len(pending):
            return
        self._checked_upto = pending[-1]["update_id"]
        fresh = pending[start:]
        if all(self.is_allowed(update_type(u)) for u in fresh):
            return
        kept: list[dict[str, Any]] = pending[:start]
        for update in fresh:
            kind = update_type(update)
            if self.is_allowed(kind):
                kept.append(update)
            else:
                reason = f"{kind!r} not in allowed_updates={self.allowed_updates!r}"
                self.dropped_updates.append((update, reason))
        self.pending_updates = kept
        self.notifier.notify()

    def confirm_updates(self, offset: int | None) -> None:
        if not offset:
            return
        if offset < 0:
            forgotten = self.pending_updates[:offset]
            self.pending_updates = self.pending_updates[offset:]
        else:
            forgotten = [u for u in self.pending_updates if u["update_id"] < offset]
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        for update in forgotten:
            self.last_confirmed_update_id = max(self.last_confirmed_update_id, update["update_id"])
        if forgotten:
            self.notifier.notify()

    def confirm_delivered(self, update_id: int) -> None:
        """A webhook delivery succeeded: the update is confirmed."""
        pending = self.pending_updates
        index = next((i for i, u in enumerate(pending) if u["update_id"] == update_id), None)
        if index is not None:
            del pending[index]
        self.last_fetched_update_id = max(self.last_fetched_update_id, update_id)
        self.last_confirmed_update_id = max(self.last_confirmed_update_id, update_id)
        self.notifier.notify()

    def start_webhook(self) -> None:
        from .webhook import WebhookDelivery

        if self.webhook_delivery is None:
            self.webhook_delivery = WebhookDelivery(self)
        self.webhook_delivery.start()
        self.notifier.notify()

    async def stop_webhook(self) -> None:
        delivery, self.webhook_delivery = self.webhook_delivery, None
        if delivery is not None:
            await delivery.stop()
        self.notifier.notify()

    def clear_pending_updates(self) -> None:
        for update in self.pending_updates:
            self.dropped_updates.append((update, "drop_pending_updates"))
        self.pending_updates = []
        self.notifier.notify()

    # ---- records -------------------------------------------------------------------------
    def record(self, request: RecordedRequest) -> None:
        """Count a call; keep it in ``requests`` unless in lean mode."""
        self.stats.requests_by_method[request.method] += 1
        if request.error_code is not None:
            self.stats.errors_by_code[request.error_code] += 1
            if request.error_code == 500:
                self.crashes.append(request)
        self.recent_requests.append(request)
        if self.keep_messages:
            self.requests.append(request)
        self.notifier.notify()

    def take_fault(self, method: str, params: dict[str, Any]) -> FaultRule | None:
        for rule in self.faults:
            if rule.matches(method, params):
                rule.remaining -= 1
                return rule
        return None
