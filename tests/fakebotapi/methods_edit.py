"""Handlers that act on existing messages: edit*, delete*, copy*, forward*."""

from __future__ import annotations

import itertools
from typing import Any

from .errors import bad_request
from .methods_send import Handler, store_bot_message
from .models import StoredMessage
from .params import Params
from .state import BotState
from .validation import (
    inline_part,
    parse_formatted,
    resolve_chat,
    resolve_reply,
    validate_reply_markup,
)

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


def _edit_target(state: BotState, p: Params) -> StoredMessage | None:
    """The message to edit, or None for ``inline_message_id`` edits (not tracked)."""
    if "inline_message_id" in p:
        return None
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    message_id = p.required_int("message_id", "message identifier is not specified")
    msg = state.find_message(chat.id, message_id)
    if msg is None:
        raise bad_request("message to edit not found")
    if not msg.from_bot:
        raise bad_request("message can't be edited")
    return msg


def _apply_edit(
    state: BotState,
    msg: StoredMessage,
    *,
    markup: dict[str, Any] | None,
    text: str | None = None,
    html: str | None = None,
    parse_mode: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    keep_text: bool = False,
) -> dict[str, Any]:
    """Edit a stored message; ``keep_text`` for editMessageReplyMarkup."""
    entities = entities or []
    same_text = keep_text or msg.same_text(text, entities)
    if same_text and markup == inline_part(msg.reply_markup):
        raise bad_request(NOT_MODIFIED)
    if not keep_text:
        msg.text, msg.html, msg.entities = text, html, entities
        msg.parse_mode = parse_mode if html is not None else None
    msg.reply_markup = markup
    msg.edit_date = state.clock.now()
    msg.edit_count += 1
    state.notifier.notify()
    return state.answer_message(msg)


async def edit_message_text(state: BotState, p: Params) -> Any:
    msg = _edit_target(state, p)
    raw = p.text("text")
    text, entities = parse_formatted(
        state, raw, p.text("parse_mode"), p.get("entities"), caption=False
    )
    markup = validate_reply_markup(p.get("reply_markup"), inline_only=True)
    if msg is None:
        return True
    if msg.kind != "text":
        raise bad_request("there is no text in the message to edit")
    return _apply_edit(
        state,
        msg,
        text=text,
        html=raw,
        parse_mode=p.text("parse_mode"),
        entities=entities,
        markup=markup,
    )


async def edit_message_caption(state: BotState, p: Params) -> Any:
    msg = _edit_target(state, p)
    raw = p.text("caption")
    caption, entities = parse_formatted(
        state, raw, p.text("parse_mode"), p.get("caption_entities"), caption=True
    )
    markup = validate_reply_markup(p.get("reply_markup"), inline_only=True)
    if msg is None:
        return True
    if not msg.has_caption_slot:
        raise bad_request("there is no caption in the message to edit")
    return _apply_edit(
        state,
        msg,
        text=caption,
        html=raw if caption is not None else None,
        parse_mode=p.text("parse_mode"),
        entities=entities,
        markup=markup,
    )


async def edit_message_reply_markup(state: BotState, p: Params) -> Any:
    msg = _edit_target(state, p)
    markup = validate_reply_markup(p.get("reply_markup"), inline_only=True)
    if msg is None:
        return True
    return _apply_edit(state, msg, markup=markup, keep_text=True)


#: Telegram lets a message be deleted for everyone only this long after it was sent.
DELETE_WINDOW = 48 * 3600


def _deletable(state: BotState, chat_id: int, message_id: int) -> StoredMessage:
    """Telegram's rules: bots delete their own messages and, in private chats, incoming ones;
    in groups other people's messages only as administrators with can_delete_messages; and
    only within 48 hours, except that such administrators of supergroups delete any age."""
    chat = state.chats[chat_id]
    msg = state.find_message(chat_id, message_id)
    if msg is None:
        raise bad_request("message to delete not found")
    may_delete_any = not chat.is_private and state.bot_can(chat, "can_delete_messages")
    if not msg.from_bot and not chat.is_private and not may_delete_any:
        raise bad_request("message can't be deleted")
    too_old = state.clock.now() - msg.date >= DELETE_WINDOW
    if too_old and not (chat.type == "supergroup" and may_delete_any):
        raise bad_request("message can't be deleted for everyone")
    return msg


async def delete_message(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    message_id = p.required_int("message_id", "message identifier is not specified")
    _deletable(state, chat.id, message_id).deleted = True
    state.notifier.notify()
    return True


def _message_ids(p: Params) -> list[int]:
    ids = p.get("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must be a list of 1-100 message identifiers")
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise bad_request("can't parse message identifiers")
    return ids


async def delete_messages(state: BotState, p: Params) -> Any:
    """Missing messages are skipped; if one that exists may not be deleted, nothing is."""
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    found = [
        _deletable(state, chat.id, message_id)
        for message_id in _message_ids(p)
        if state.find_message(chat.id, message_id) is not None
    ]
    for msg in found:
        msg.deleted = True
    state.notifier.notify()
    return True


def _copy(
    state: BotState, p: Params, src: StoredMessage, method: str, *, override_caption: bool
) -> dict[str, Any]:
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    text, html, mode, entities = src.text, src.html, src.parse_mode, src.entities
    if src.has_caption_slot and override_caption:
        if p.flag("remove_caption"):
            text, html, mode, entities = None, None, None, []
        elif "caption" in p.data:
            html, mode = p.text("caption"), p.text("parse_mode")
            text, entities = parse_formatted(
                state, html, mode, p.get("caption_entities"), caption=True
            )
            html = html if text is not None else None
    content = {k: v for k, v in src.content.items() if k != "forward_origin"}
    if method.startswith("forward"):
        content["forward_origin"] = _origin(state, src)
    markup = validate_reply_markup(p.get("reply_markup")) if method == "copyMessage" else None
    reply = (
        resolve_reply(state, chat, p)
        if method in ("copyMessage", "forwardMessage")
        else (None, None)
    )
    return store_bot_message(
        state,
        chat,
        method,
        kind=src.kind,
        reply=reply,
        markup=markup,
        text=text,
        html=html,
        parse_mode=mode,
        entities=list(entities),
        content=content,
        records=[state.files[f] for f in src.file_ids if f in state.files],
    )


def _origin(state: BotState, src: StoredMessage) -> dict[str, Any]:
    chat = state.chats[src.chat_id]
    if chat.type == "channel":
        return {
            "type": "channel",
            "chat": chat.to_dict(),
            "message_id": src.message_id,
            "date": src.date,
        }
    return {"type": "user", "sender_user": dict(src.sender), "date": src.date}


def _source(state: BotState, p: Params) -> StoredMessage | None:
    from_chat = resolve_chat(state, p.get("from_chat_id"), sending=False)
    return state.find_message(from_chat.id, p.integer("message_id"))


async def copy_message(state: BotState, p: Params) -> Any:
    src = _source(state, p)
    if src is None:
        raise bad_request("message to copy not found")
    return {"message_id": _copy(state, p, src, "copyMessage", override_caption=True)["message_id"]}


async def forward_message(state: BotState, p: Params) -> Any:
    src = _source(state, p)
    if src is None:
        raise bad_request("message to forward not found")
    return _copy(state, p, src, "forwardMessage", override_caption=False)


def _bulk(state: BotState, p: Params, method: str, missing: str) -> list[dict[str, Any]]:
    from_chat = resolve_chat(state, p.get("from_chat_id"), sending=False)
    resolve_chat(state, p.get("chat_id"), sending=True)
    ids = _message_ids(p)
    if any(b <= a for a, b in itertools.pairwise(ids)):
        raise bad_request("message identifiers must be specified in strictly increasing order")
    sources = [m for i in ids if (m := state.find_message(from_chat.id, i)) is not None]
    if not sources:
        raise bad_request(missing)
    results = [
        _copy(state, p, src, method, override_caption=method == "copyMessages") for src in sources
    ]
    return [{"message_id": r["message_id"]} for r in results]


async def copy_messages(state: BotState, p: Params) -> Any:
    return _bulk(state, p, "copyMessages", "message to copy not found")


async def forward_messages(state: BotState, p: Params) -> Any:
    return _bulk(state, p, "forwardMessages", "message to forward not found")


HANDLERS: dict[str, Handler] = {
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "deleteMessages": delete_messages,
    "copyMessage": copy_message,
    "copyMessages": copy_messages,
    "forwardMessage": forward_message,
    "forwardMessages": forward_messages,
}
