"""Decoding of Bot API request parameters, the way Telegram reads them.

python-telegram-bot 22 (``HTTPXRequest``) posts ``application/x-www-form-urlencoded`` bodies
in which every non-string value (ints, bools, ``reply_markup``, ``entities``, ``media`` ...)
is a JSON string and plain strings are sent verbatim; when files are uploaded the same fields
travel as ``multipart/form-data`` together with the file parts (InputMedia refers to them as
``attach://<name>``).  Telegram also accepts JSON bodies and query strings, so we do too.
Because plain strings are sent unquoted, a value is only JSON-decoded when its *field* is known
to carry JSON/an int/a bool -- a message text ``"123"`` stays the string ``"123"``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .errors import ApiError, bad_request

JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "media",
        "commands",
        "scope",
        "reply_parameters",
        "link_preview_options",
        "allowed_updates",
        "results",
        "reaction",
        "message_ids",
        "menu_button",
        "button",
        "options",
        "explanation_entities",
        "question_entities",
        "rights",
        "permissions",
        "prices",
        "text_entities",
    }
)
CHAT_ID_FIELDS = frozenset({"chat_id", "from_chat_id"})
INT_FIELDS = frozenset(
    {
        "message_id",
        "offset",
        "limit",
        "timeout",
        "user_id",
        "cache_time",
        "reply_to_message_id",
        "message_thread_id",
        "duration",
        "width",
        "height",
        "live_period",
        "heading",
        "proximity_alert_radius",
        "max_connections",
        "until_date",
        "expire_date",
        "member_limit",
        "length",
        "open_period",
        "close_date",
        "correct_option_id",
        "video_start_timestamp",
        "direct_messages_topic_id",
    }
)
FLOAT_FIELDS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "show_alert",
        "is_personal",
        "drop_pending_updates",
        "disable_web_page_preview",
        "has_spoiler",
        "show_caption_above_media",
        "supports_streaming",
        "disable_content_type_detection",
        "only_if_banned",
        "is_big",
        "remove_caption",
        "allow_paid_broadcast",
        "is_anonymous",
        "allows_multiple_answers",
        "is_closed",
        "revoke_messages",
        "creates_join_request",
    }
)
_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off", ""})
_INT_RE = re.compile(r"-?\d+")


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


def _json_error(key: str) -> ApiError:
    if key == "reply_markup":
        return bad_request("can't parse reply keyboard markup JSON object")
    if key in ("entities", "caption_entities"):
        return bad_request("can't parse entities JSON object")
    return bad_request(f"can't parse {key} JSON object")


def _typed(key: str, value: str) -> Any:
    """A form string for a field Telegram reads as int/float/bool."""
    text = value.strip()
    if key in INT_FIELDS and _INT_RE.fullmatch(text):
        return int(text)
    if key in FLOAT_FIELDS:
        try:
            return float(text)
        except ValueError:
            pass
    if key in BOOL_FIELDS and text.lower() in _TRUE | _FALSE:
        return text.lower() in _TRUE
    kind = "Number" if key in INT_FIELDS else "Float" if key in FLOAT_FIELDS else "Boolean"
    raise bad_request(f'parameter "{key}" must be a {kind}, got "{value}"')


def decode_value(key: str, value: Any) -> Any:
    """Convert one raw parameter to the type Telegram would read it as."""
    if key in JSON_FIELDS and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise _json_error(key) from None
    if not isinstance(value, str) or key in JSON_FIELDS:
        return value
    if key in CHAT_ID_FIELDS:
        return int(value) if _INT_RE.fullmatch(value.strip()) else value
    if key in INT_FIELDS | FLOAT_FIELDS | BOOL_FIELDS:
        return _typed(key, value)
    return value


async def read_request(request: web.Request) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Read query string + body (form, multipart or JSON) into decoded params and files."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.body_exists:
        ctype = request.content_type
        if ctype == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON encoded request body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON object expected as request body")
            raw.update(body)
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = UploadedFile(
                        key, value.filename, value.content_type, value.file.read()
                    )
                else:
                    raw[key] = value
    params = {key: decode_value(key, value) for key, value in raw.items()}
    return params, files


class Params:
    """Decoded parameters of one call plus its uploaded files, with typed getters."""

    def __init__(self, data: dict[str, Any], files: dict[str, UploadedFile]) -> None:
        self.data = data
        self.files = files

    def __contains__(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def get(self, key: str, default: Any = None) -> Any:
        value = self.data.get(key)
        return default if value is None else value

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, dict | list):
            raise bad_request(f'parameter "{key}" must be a String')
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad_request(f'parameter "{key}" must be a Number')
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad_request(f'parameter "{key}" must be a Float')
        return float(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        return bool(value) if value is not None else False

    def required_int(self, key: str, message: str) -> int:
        value = self.integer(key)
        if value is None:
            raise bad_request(message)
        return value

    def required_str(self, key: str, message: str) -> str:
        value = self.text(key)
        if not value:
            raise bad_request(message)
        return value
