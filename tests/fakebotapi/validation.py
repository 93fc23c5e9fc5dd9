"""Checks shared by method handlers: chat access, formatted text, reply markup, replies."""

from __future__ import annotations

import re
from typing import Any

from .errors import bad_request, forbidden
from .html import EntityParseError, parse_html, trim_text, utf16_len
from .models import Chat
from .params import Params
from .state import BotState

MAX_TEXT = 4096
MAX_CAPTION = 1024
INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
KEYBOARD_ACTIONS = (
    "request_contact",
    "request_location",
    "request_poll",
    "web_app",
    "request_users",
    "request_chat",
)
ENTITY_TYPES = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "blockquote",
        "expandable_blockquote",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
        "date_time",
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_GROUP_WORD = {"group": "group chat", "supergroup": "supergroup chat", "channel": "channel chat"}


# ---- chats --------------------------------------------------------------------------------
def resolve_chat(state: BotState, ref: Any, *, sending: bool) -> Chat:
    """Find a chat by id or @username; with ``sending`` also check the bot may post there."""
    if ref is None or ref == "":
        raise bad_request("chat_id is empty")
    chat: Chat | None = None
    if isinstance(ref, int) and not isinstance(ref, bool):
        chat = state.chats.get(ref)
    elif isinstance(ref, str) and ref.startswith("@"):
        wanted = ref[1:].lower()
        chat = next((c for c in state.chats.values() if (c.username or "").lower() == wanted), None)
    if chat is None:
        raise bad_request("chat not found")
    if sending:
        check_can_post(state, chat)
    return chat


def check_can_post(state: BotState, chat: Chat) -> None:
    if chat.is_private:
        user = state.users.get(chat.id)
        if user is not None and user.deactivated:
            raise forbidden("user is deactivated")
        if chat.bot_status == "kicked":
            raise forbidden("bot was blocked by the user")
        if chat.bot_status == "none" and not state.may_contact_requester(chat.id):
            raise forbidden("bot can't initiate conversation with a user")
        return
    word = _GROUP_WORD.get(chat.type, "group chat")
    if chat.bot_status == "kicked":
        raise forbidden(f"bot was kicked from the {word}")
    if chat.bot_status == "left":
        raise forbidden(f"bot is not a member of the {word}")


# ---- formatted text -----------------------------------------------------------------------
def parse_formatted(
    state: BotState,
    raw: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    caption: bool,
) -> tuple[str | None, list[dict[str, Any]]]:
    """Visible text + entities of a text or caption, with Telegram's emptiness/length rules.

    Returns ``(None, [])`` for an absent/empty caption; text must be non-empty.
    """
    if not raw:
        if caption:
            return None, []
        raise bad_request("message text is empty")
    mode = (parse_mode or "").strip().lower()
    if mode == "html":
        try:
            text, parsed = parse_html(raw, strict_ampersand=state.strict_ampersand)
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    elif mode in ("", "none"):
        text, parsed = raw, _check_entities(entities, raw)
    elif mode in ("markdown", "markdownv2"):
        text, parsed = raw, []  # not validated by this fake (see package docs)
    else:
        raise bad_request("unsupported parse_mode")
    text, parsed = trim_text(text, parsed)
    length = utf16_len(text)
    if caption:
        if length > MAX_CAPTION:
            raise bad_request("message caption is too long")
        return (text or None), parsed
    if not text:
        raise bad_request("message text is empty")
    if length > MAX_TEXT:
        raise bad_request("message is too long")
    return text, parsed


def _check_entities(entities: Any, text: str) -> list[dict[str, Any]]:
    if entities is None:
        return []
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    total = utf16_len(text)
    result = []
    for entity in entities:
        if not isinstance(entity, dict) or entity.get("type") not in ENTITY_TYPES:
            raise bad_request("can't parse entities: unsupported entity type or object expected")
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
            raise bad_request("can't parse entities: wrong offset/length")
        if length and offset + length <= total:
            result.append(dict(entity))
    return sorted(result, key=lambda e: (e["offset"], -e["length"]))


# ---- reply markup -------------------------------------------------------------------------
def validate_reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _validate_inline(markup["inline_keyboard"])
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        _validate_keyboard(markup)
    elif "remove_keyboard" in markup:
        if markup["remove_keyboard"] is not True:
            raise bad_request('field "remove_keyboard" of the ReplyKeyboardRemove must be true')
    elif "force_reply" in markup:
        if markup["force_reply"] is not True:
            raise bad_request('field "force_reply" of the ForceReply must be true')
        _check_placeholder(markup)
    else:
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _rows(value: Any, field: str, owner: str) -> list[list[Any]]:
    if not isinstance(value, list) or not all(isinstance(row, list) for row in value):
        raise bad_request(f'field "{field}" of the {owner} should be an Array of Arrays')
    return value


def _validate_inline(value: Any) -> None:
    rows = _rows(value, "inline_keyboard", "InlineKeyboardMarkup")
    if sum(len(row) for row in rows) > 100:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            _validate_inline_button(button)


def _validate_inline_button(button: Any) -> None:
    prefix = "can't parse inline keyboard button: "
    if not isinstance(button, dict):
        raise bad_request(prefix + "InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request(prefix + 'Can\'t find field "text"')
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [key for key in INLINE_ACTIONS if key in button]
    if not actions:
        raise bad_request(prefix + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(
            prefix + f"exactly one of the optional fields must be used, got {', '.join(actions)}"
        )
    _check_inline_action(actions[0], button[actions[0]])


def _https_url_of(value: Any) -> bool:
    url = value.get("url") if isinstance(value, dict) else None
    return isinstance(url, str) and url.lower().startswith("https://")


def _check_inline_action(action: str, value: Any) -> None:
    if action == "callback_data":
        ok = isinstance(value, str) and 1 <= len(value.encode("utf-8")) <= 64
        error = "BUTTON_DATA_INVALID"
    elif action == "url":
        ok = isinstance(value, str) and _is_button_url(value)
        error = f"inline keyboard button URL '{value}' is invalid: Wrong HTTP URL"
    elif action in ("web_app", "login_url"):
        ok = _https_url_of(value)
        error = f"inline keyboard button {action} URL is invalid: Only HTTPS links are allowed"
    elif action == "copy_text":
        copied = value.get("text") if isinstance(value, dict) else None
        ok = isinstance(copied, str) and 1 <= len(copied) <= 256
        error = "COPY_TEXT_INVALID"
    elif action in ("switch_inline_query", "switch_inline_query_current_chat"):
        ok = isinstance(value, str)
        error = f'can\'t parse inline keyboard button: Field "{action}" must be of type String'
    else:
        ok, error = True, ""
    if not ok:
        raise bad_request(error)


def _is_button_url(url: str) -> bool:
    lowered = url.lower()
    if lowered.startswith(("http://", "https://", "tg://")):
        return len(url.split("://", 1)[1]) > 0 and not any(ch.isspace() for ch in url)
    return "://" not in url and "." in url.split("/", 1)[0] and " " not in url


def _validate_keyboard(markup: dict[str, Any]) -> None:
    rows = _rows(markup["keyboard"], "keyboard", "ReplyKeyboardMarkup")
    if not any(rows):
        raise bad_request("keyboard must be non-empty")
    for row in rows:
        for button in row:
            text: Any = button
            if isinstance(button, str):
                pass
            elif isinstance(button, dict):
                text = button.get("text")
                actions = [key for key in KEYBOARD_ACTIONS if key in button]
                if len(actions) > 1:
                    raise bad_request(
                        "can't parse keyboard button: at most one of the optional fields "
                        f"can be used, got {', '.join(actions)}"
                    )
            else:
                raise bad_request(
                    "can't parse keyboard button: KeyboardButton must be a String or an Object"
                )
            if not isinstance(text, str) or not text.strip():
                raise bad_request('can\'t parse keyboard button: Field "text" must be non-empty')
    _check_placeholder(markup)


def _check_placeholder(markup: dict[str, Any]) -> None:
    placeholder = markup.get("input_field_placeholder")
    if placeholder is not None and (not isinstance(placeholder, str) or len(placeholder) > 64):
        raise bad_request("input field placeholder is too long")


def inline_part(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    """The part of a markup that is attached to the message (inline keyboards only)."""
    return markup if markup and "inline_keyboard" in markup else None


# ---- replies ------------------------------------------------------------------------------
def resolve_reply(state: BotState, chat: Chat, p: Params) -> tuple[int | None, int | None]:
    """(chat id, message id) of the replied message, or (None, None)."""
    allow = p.flag("allow_sending_without_reply")
    target_chat = chat
    params = p.get("reply_parameters")
    if params is not None:
        if not isinstance(params, dict):
            raise bad_request("can't parse reply parameters JSON object")
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise bad_request("can't parse reply parameters: message_id is required")
        allow = allow or bool(params.get("allow_sending_without_reply"))
        if params.get("chat_id") is not None:
            target_chat = resolve_chat(state, params["chat_id"], sending=False)
    else:
        message_id = p.integer("reply_to_message_id")
    if message_id is None:
        return None, None
    target = state.find_message(target_chat.id, message_id)
    if target is None:
        if allow:
            return None, None
        raise bad_request("message to be replied not found")
    quote = params.get("quote") if params is not None else None
    if quote is not None and (not isinstance(quote, str) or quote not in (target.text or "")):
        raise bad_request("QUOTE_TEXT_INVALID")
    return target_chat.id, message_id


# ---- commands -----------------------------------------------------------------------------
def validate_commands(commands: Any) -> list[dict[str, str]]:
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many bot commands specified")
    result = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand: object expected")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND_RE.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        result.append({"command": command, "description": description})
    return result


def command_scope_key(state: BotState, p: Params) -> tuple[str, str]:
    """Key under which commands are stored: (scope, language_code)."""
    language = p.text("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    scope = p.get("scope")
    if scope is None:
        return "default", language
    if not isinstance(scope, dict):
        raise bad_request("can't parse BotCommandScope JSON object")
    kind = scope.get("type")
    if kind in ("default", "all_private_chats", "all_group_chats", "all_chat_administrators"):
        return str(kind), language
    if kind in ("chat", "chat_administrators", "chat_member"):
        chat = resolve_chat(state, scope.get("chat_id"), sending=False)
        if kind != "chat" and chat.is_private:
            raise bad_request(f"can't use {kind} scope in private chats")
        if kind == "chat_member":
            user_id = scope.get("user_id")
            if user_id not in state.users:
                raise bad_request("user not found")
            return f"chat_member:{chat.id}:{user_id}", language
        return f"{kind}:{chat.id}", language
    raise bad_request("unsupported bot command scope type specified")
