"""Building what users send: command entities, completed Message fields, message refs."""

from __future__ import annotations

import re
from typing import Any

from .html import utf16_len
from .models import User

COMMAND_RE = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
#: Message fields that decide a message's kind, most specific first.
CONTENT_KEYS = (
    "animation",
    "photo",
    "video",
    "video_note",
    "audio",
    "voice",
    "document",
    "sticker",
    "venue",
    "location",
    "contact",
    "poll",
    "dice",
    "game",
    "story",
    "new_chat_members",
    "left_chat_member",
    "new_chat_title",
    "pinned_message",
    "web_app_data",
    "users_shared",
    "chat_shared",
)
SERVICE_KEYS = frozenset(
    {"new_chat_members", "left_chat_member", "new_chat_title", "pinned_message"}
)


def command_entities(text: str) -> list[dict[str, Any]]:
    """``bot_command`` entities Telegram would attach to a user's text."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m.group()),
        }
        for m in COMMAND_RE.finditer(text)
    ]


def complete_content(fields: dict[str, Any], user: User) -> None:
    """Fill required fields a test left out so PTB can parse the Message (poll, dice, …)."""
    poll = fields.get("poll")
    if isinstance(poll, dict):
        poll.setdefault("id", "5000000001")
        poll.setdefault("question", "?")
        poll["options"] = [
            {
                "voter_count": 0,
                "persistent_id": str(i),
                **({"text": o} if isinstance(o, str) else o),
            }
            for i, o in enumerate(poll.get("options") or ["A", "B"])
        ]
        defaults = {
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
        for key, value in defaults.items():
            poll.setdefault(key, value)
    photo = fields.get("photo")
    if isinstance(photo, list):  # PhotoSizes always carry their dimensions
        sizes = ((90, 90), (320, 240), (800, 600), (1280, 960))
        for n, size in enumerate(photo):
            if isinstance(size, dict):
                width, height = sizes[max(0, n + len(sizes) - len(photo))]
                size.setdefault("width", width)
                size.setdefault("height", height)
    dice = fields.get("dice")
    if isinstance(dice, dict):
        dice.setdefault("emoji", "🎲")
        dice.setdefault("value", 4)
    contact = fields.get("contact")
    if isinstance(contact, dict):
        contact.setdefault("first_name", user.first_name)
    venue = fields.get("venue")
    if isinstance(venue, dict):
        fields.setdefault("location", venue.get("location"))


def message_ref(message: Any, chat_id: int | None = None) -> tuple[int | None, int]:
    """(chat id, message id) from an observation dict, a Message dict/object or an int."""
    if isinstance(message, int) and not isinstance(message, bool):
        return chat_id, message
    if isinstance(message, dict):
        if "chat_id" in message and "message_id" in message:
            return int(message["chat_id"]), int(message["message_id"])
        if "chat" in message and "message_id" in message:
            return int(message["chat"]["id"]), int(message["message_id"])
    if hasattr(message, "chat_id") and hasattr(message, "message_id"):
        return int(message.chat_id), int(message.message_id)
    raise TypeError(f"cannot tell which message {message!r} is")
