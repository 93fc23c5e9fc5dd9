"""Plain data records kept by the fake server (users, chats, messages, files, calls)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .params import UploadedFile

#: Message kinds whose text lives in ``caption``/``caption_entities``.
CAPTION_KINDS = frozenset({"photo", "video", "document", "audio", "animation", "voice"})


#: Stands in for the group-only tables of a private chat (read-only, shared: saves memory).
NO_ENTRIES: Any = MappingProxyType({})


@dataclass(slots=True)
class User:
    """A Telegram user the tests act as."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    deactivated: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass(slots=True)
class Chat:
    """A chat the server knows.

    ``bot_status`` is the bot's membership: for private chats ``"member"`` (user started the
    bot), ``"kicked"`` (user blocked the bot) or ``"none"`` (user never started it); for
    groups ``"creator"``, ``"administrator"``, ``"member"``, ``"left"`` or ``"kicked"``.
    ``bot_rights`` overrides single administrator rights of the bot (all are granted unless
    set to False here).
    """

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    bot_status: str = "member"
    members: dict[int, str] = field(default_factory=dict)
    join_requests: dict[int, JoinRequest] = field(default_factory=dict)
    bot_rights: dict[str, bool] = field(default_factory=dict)
    invite_links: dict[str, InviteLink] = field(default_factory=dict)
    bans: dict[int, Ban] = field(default_factory=dict)
    primary_link: str | None = None
    next_message_id: int = 1
    bot_messages: int = 0

    @classmethod
    def private_chat(cls, user: User, bot_status: str) -> Chat:
        """A user's private chat with the bot (without the tables only groups have)."""
        return cls(
            user.id,
            "private",
            username=user.username,
            first_name=user.first_name,
            last_name=user.last_name,
            bot_status=bot_status,
            members=NO_ENTRIES,
            join_requests=NO_ENTRIES,
            bot_rights=NO_ENTRIES,
            invite_links=NO_ENTRIES,
            bans=NO_ENTRIES,
        )

    @property
    def is_private(self) -> bool:
        return self.type == "private"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    def full_info(self) -> dict[str, Any]:
        extra = {"invite_link": self.primary_link} if self.primary_link else {}
        return {
            **self.to_dict(),
            **extra,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }


@dataclass
class JoinRequest:
    """A pending request of a user to join a group (see ``UserActions.request_join``)."""

    user_id: int
    date: int
    invite_link: str | None = None
    bio: str | None = None


@dataclass
class Ban:
    """``banChatMember`` parameters as the fake remembers them (until_date 0 = forever)."""

    until_date: int
    revoke_messages: bool
    date: int


@dataclass
class InviteLink:
    """A chat invite link. ``creator_id`` is the bot's id for links the bot created."""

    invite_link: str
    creator: dict[str, Any]
    is_primary: bool = False
    is_revoked: bool = False
    creates_join_request: bool = False
    name: str | None = None
    expire_date: int | None = None
    member_limit: int | None = None
    joined: int = 0

    def usable(self, now: int) -> bool:
        if self.is_revoked or (self.expire_date is not None and self.expire_date <= now):
            return False
        return self.member_limit is None or self.joined < self.member_limit

    def to_dict(self, *, for_creator: bool = True, pending: int = 0) -> dict[str, Any]:
        """The ChatInviteLink object; links of other admins show only their start + "…"."""
        link = self.invite_link if for_creator else self.invite_link[:22] + "…"
        data: dict[str, Any] = {
            "invite_link": link,
            "creator": dict(self.creator),
            "creates_join_request": self.creates_join_request,
            "is_primary": self.is_primary,
            "is_revoked": self.is_revoked,
        }
        if self.name:
            data["name"] = self.name
        if self.expire_date is not None:
            data["expire_date"] = self.expire_date
        if self.member_limit is not None:
            data["member_limit"] = self.member_limit
        if self.creates_join_request:
            data["pending_join_request_count"] = pending
        return data


_NO_ENTITIES: list[dict[str, Any]] = []
_NO_CONTENT: dict[str, Any] = {}
_NO_FILES: list[str] = []


@dataclass(slots=True)
class StoredMessage:
    """One message in a chat, sent by the bot or created by a test acting as a user.

    In lean mode (``FakeBotAPI(keep_messages=False)``) bot messages are *slimmed* right after
    the answer is built: text, entities and media are dropped and only a digest of the text is
    kept (enough for the "message is not modified" rule), the kind, the date and the inline
    keyboard (shared between equal keyboards).
    """

    chat_id: int
    message_id: int
    sender: dict[str, Any]
    from_bot: bool
    kind: str
    content: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    html: str | None = None
    parse_mode: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    reply_to_message_id: int | None = None
    reply_to_chat_id: int | None = None
    file_ids: list[str] = field(default_factory=list)
    media_group_id: str | None = None
    method: str | None = None
    date: int = field(default_factory=lambda: int(time.time()))
    sent_at: float = 0.0
    edit_date: int | None = None
    edit_count: int = 0
    deleted: bool = False
    slim: bool = False
    digest: int = 0

    @property
    def has_caption_slot(self) -> bool:
        return self.kind in CAPTION_KINDS

    @staticmethod
    def content_digest(text: str | None, entities: list[dict[str, Any]]) -> int:
        return hash((text, repr(entities)))

    def same_text(self, text: str | None, entities: list[dict[str, Any]]) -> bool:
        if self.slim:
            return self.digest == self.content_digest(text, entities)
        return text == self.text and entities == self.entities

    def slim_down(self, markup: dict[str, Any] | None) -> None:
        """Forget the body (lean mode); ``markup`` is the shared copy of the inline keyboard."""
        self.digest = self.content_digest(self.text, self.entities)
        self.text = self.html = None
        self.entities = _NO_ENTITIES
        self.content = _NO_CONTENT
        self.file_ids = _NO_FILES
        self.reply_markup = markup
        self.slim = True

    def observe(self, message: dict[str, Any]) -> dict[str, Any]:
        """The dict tests see (``api.messages_to``); ``message`` is the Telegram Message."""
        return {
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "kind": self.kind,
            "text": self.text,
            "html": self.html,
            "parse_mode": self.parse_mode,
            "entities": list(self.entities),
            "reply_markup": self.reply_markup,
            "reply_to_message_id": self.reply_to_message_id,
            "file_id": self.file_ids[-1] if self.file_ids else None,
            "file_ids": list(self.file_ids),
            "media_group_id": self.media_group_id,
            "method": self.method,
            "from_bot": self.from_bot,
            "deleted": self.deleted,
            "edit_count": self.edit_count,
            "date": self.date,
            "sent_at": self.sent_at,
            "message": message,
        }


@dataclass
class FileRecord:
    """A file the server handed out a ``file_id`` for."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None
    file_path: str | None = None

    def to_file(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_path:
            data["file_path"] = self.file_path
        return data


@dataclass
class RecordedRequest:
    """One HTTP call the bot made. ``params`` are decoded (ints, bools, JSON objects)."""

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile]
    ok: bool = False
    error_code: int | None = None
    description: str | None = None
    parameters: dict[str, Any] | None = None
    result: Any = None
    note: str | None = None
    time: float = field(default_factory=time.monotonic)

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    def __str__(self) -> str:
        status = "ok" if self.ok else f"{self.error_code} {self.description}"
        shown = {k: v for k, v in self.params.items() if k not in ("media", "results")}
        text = repr(shown)
        if len(text) > 200:
            text = text[:197] + "..."
        return f"{self.method}({text}) -> {status}"


@dataclass
class FaultRule:
    """An injected failure for the next ``remaining`` matching calls."""

    method: str | None
    chat_id: int | str | None
    remaining: int
    error_code: int
    description: str
    parameters: dict[str, Any] | None = None

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.remaining <= 0:
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or params.get("chat_id") == self.chat_id


@dataclass
class QueryRecord:
    """A callback or inline query the tests created; answerable exactly once, and only within
    ``QUERY_TIMEOUT`` seconds of ``created`` (the fake clock's time of the press)."""

    id: str
    user_id: int
    data: str | None = None
    chat_id: int | None = None
    message_id: int | None = None
    answered: bool = False
    created: float = 0.0
