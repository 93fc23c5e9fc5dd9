"""Handlers of the send* methods."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from .errors import bad_request
from .media import media_content, resolve_input_file
from .models import CAPTION_KINDS, Chat, FileRecord
from .params import Params
from .state import BotState
from .validation import parse_formatted, resolve_chat, resolve_reply, validate_reply_markup

Handler = Callable[[BotState, Params], Awaitable[Any]]

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def store_bot_message(
    state: BotState,
    chat: Chat,
    method: str,
    *,
    kind: str,
    reply: tuple[int | None, int | None],
    markup: dict[str, Any] | None,
    text: str | None = None,
    html: str | None = None,
    parse_mode: str | None = None,
    entities: list[dict[str, Any]] | None = None,
    content: dict[str, Any] | None = None,
    records: list[FileRecord] | None = None,
    media_group_id: str | None = None,
) -> dict[str, Any]:
    msg = state.store_message(
        chat,
        sender=state.bot_user,
        kind=kind,
        content=content or {},
        text=text,
        html=html,
        parse_mode=parse_mode if html is not None else None,
        entities=entities or [],
        reply_markup=markup,
        reply_to_chat_id=reply[0],
        reply_to_message_id=reply[1],
        file_ids=[r.file_id for r in records or []],
        media_group_id=media_group_id,
        method=method,
    )
    return state.answer_message(msg)


async def send_message(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    raw = p.text("text")
    text, entities = parse_formatted(
        state, raw, p.text("parse_mode"), p.get("entities"), caption=False
    )
    markup = validate_reply_markup(p.get("reply_markup"))
    reply = resolve_reply(state, chat, p)
    return store_bot_message(
        state,
        chat,
        "sendMessage",
        kind="text",
        reply=reply,
        markup=markup,
        text=text,
        html=raw,
        parse_mode=p.text("parse_mode"),
        entities=entities,
    )


def _media_sender(kind: str, method: str) -> Handler:
    async def handler(state: BotState, p: Params) -> Any:
        chat = resolve_chat(state, p.get("chat_id"), sending=True)
        records = resolve_input_file(state, p, kind, kind)
        raw: str | None = None
        caption: str | None = None
        entities: list[dict[str, Any]] = []
        if kind in CAPTION_KINDS:
            raw = p.text("caption")
            caption, entities = parse_formatted(
                state, raw, p.text("parse_mode"), p.get("caption_entities"), caption=True
            )
        markup = validate_reply_markup(p.get("reply_markup"))
        reply = resolve_reply(state, chat, p)
        return store_bot_message(
            state,
            chat,
            method,
            kind=kind,
            reply=reply,
            markup=markup,
            text=caption,
            html=raw if caption is not None else None,
            parse_mode=p.text("parse_mode"),
            entities=entities,
            content=media_content(kind, records),
            records=records,
        )

    handler.__name__ = method
    return handler


def _coordinates(p: Params) -> dict[str, float]:
    latitude, longitude = p.number("latitude"), p.number("longitude")
    if latitude is None or not -90 <= latitude <= 90:
        raise bad_request("wrong latitude specified")
    if longitude is None or not -180 <= longitude <= 180:
        raise bad_request("wrong longitude specified")
    return {"latitude": latitude, "longitude": longitude}


async def _send_plain_content(
    state: BotState, p: Params, method: str, kind: str, content: dict[str, Any]
) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    markup = validate_reply_markup(p.get("reply_markup"))
    reply = resolve_reply(state, chat, p)
    return store_bot_message(
        state, chat, method, kind=kind, reply=reply, markup=markup, content=content
    )


async def send_location(state: BotState, p: Params) -> Any:
    location = _coordinates(p)
    return await _send_plain_content(state, p, "sendLocation", "location", {"location": location})


async def send_venue(state: BotState, p: Params) -> Any:
    location = _coordinates(p)
    title = p.required_str("title", "venue title must be non-empty")
    address = p.required_str("address", "venue address must be non-empty")
    venue = {"location": location, "title": title, "address": address}
    content = {"venue": venue, "location": location}
    return await _send_plain_content(state, p, "sendVenue", "venue", content)


async def send_contact(state: BotState, p: Params) -> Any:
    contact = {
        "phone_number": p.required_str("phone_number", "phone number must be non-empty"),
        "first_name": p.required_str("first_name", "first name must be non-empty"),
    }
    if p.text("last_name"):
        contact["last_name"] = p.text("last_name") or ""
    return await _send_plain_content(state, p, "sendContact", "contact", {"contact": contact})


async def send_media_group(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    media = p.get("media")
    if not isinstance(media, list):
        raise bad_request("can't parse media JSON object")
    if len(media) > 10:
        raise bad_request("too many messages to send as an album")
    if len(media) < 2:
        raise bad_request("media group must contain 2-10 items")
    kinds = []
    for item in media:
        if not isinstance(item, dict) or item.get("type") not in (
            "photo",
            "video",
            "document",
            "audio",
        ):
            raise bad_request("can't parse InputMedia: unsupported media type for an album")
        kinds.append(item["type"])
    for lonely in ("document", "audio"):
        if lonely in kinds and set(kinds) != {lonely}:
            raise bad_request(f"{lonely} can't be mixed with other media types")
    prepared = []
    for item in media:
        kind = item["type"]
        records = resolve_input_file(state, p, "media", kind, item.get("media") or "")
        raw = item.get("caption")
        if raw is not None and not isinstance(raw, str):
            raise bad_request('can\'t parse InputMedia: field "caption" must be a String')
        caption, entities = parse_formatted(
            state, raw, item.get("parse_mode"), item.get("caption_entities"), caption=True
        )
        prepared.append(
            (kind, records, raw if caption else None, item.get("parse_mode"), caption, entities)
        )
    reply = resolve_reply(state, chat, p)
    group_id = f"1{state.next_seq():08d}"
    return [
        store_bot_message(
            state,
            chat,
            "sendMediaGroup",
            kind=kind,
            reply=reply,
            markup=None,
            text=caption,
            html=raw,
            parse_mode=mode,
            entities=entities,
            content=media_content(kind, records),
            records=records,
            media_group_id=group_id,
        )
        for kind, records, raw, mode, caption, entities in prepared
    ]


async def send_chat_action(state: BotState, p: Params) -> Any:
    resolve_chat(state, p.get("chat_id"), sending=True)
    if p.text("action") not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": _media_sender("photo", "sendPhoto"),
    "sendVideo": _media_sender("video", "sendVideo"),
    "sendDocument": _media_sender("document", "sendDocument"),
    "sendVoice": _media_sender("voice", "sendVoice"),
    "sendAudio": _media_sender("audio", "sendAudio"),
    "sendAnimation": _media_sender("animation", "sendAnimation"),
    "sendSticker": _media_sender("sticker", "sendSticker"),
    "sendVideoNote": _media_sender("video_note", "sendVideoNote"),
    "sendLocation": send_location,
    "sendVenue": send_venue,
    "sendContact": send_contact,
    "sendMediaGroup": send_media_group,
    "sendChatAction": send_chat_action,
}
