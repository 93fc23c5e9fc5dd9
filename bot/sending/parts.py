"""What one delivery posts, as data: a text, a photo, a location, attachments, each possibly a
reply to the delivery's first message (a card's pin and photos go under the card) or to a
message already in the chat (a reminder under a card). `post` sends them in order."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from telegram import (
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
)
from telegram.error import RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot.services.reports import Attachment

CAPTION_LIMIT = 1024
_ALBUM = {"photo": InputMediaPhoto, "video": InputMediaVideo, "document": InputMediaDocument}
_ALBUM_GROUP = {"photo": "visual", "video": "visual", "document": "document"}


@dataclass(frozen=True)
class Text:
    text: str
    markup: InlineKeyboardMarkup | None = None
    reply_to: int | None = None
    under_first: bool = False


@dataclass(frozen=True)
class Photo:
    file_id: str
    caption: str | None = None
    markup: InlineKeyboardMarkup | None = None
    reply_to: int | None = None
    under_first: bool = False


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    reply_to: int | None = None
    under_first: bool = True


@dataclass(frozen=True)
class Media:
    """Attachments re-sent by file_id (never forwarded, so no "forwarded from" header can name
    anyone): photos and videos as albums, documents as albums of their own, the rest singly."""

    items: tuple[Attachment, ...]
    reply_to: int | None = None
    under_first: bool = True


Part = Text | Photo | Location | Media


class PartlySent(Exception):
    """The first part arrived, a later one did not: the delivery counts as made (sending it
    again would repeat what arrived), and the error is only logged."""

    def __init__(self, message_ids: list[int], error: TelegramError) -> None:
        super().__init__(str(error))
        self.message_ids = message_ids
        self.error = error


async def post(
    bot: ExtBot[Any], chat_id: int, parts: Sequence[Part], *, bulk: bool, paid: bool = False
) -> list[int]:
    """Send the parts in order; returns the ids of every message posted. Only the first part is
    bulk work: the rest of a delivery follows it without queueing behind other chats."""
    ids: list[int] = []
    for index, part in enumerate(parts):
        first = ids[0] if ids else None
        reply_to = part.reply_to or (first if part.under_first else None)
        rate = {"bulk": bulk and index == 0}
        try:
            messages = await _send(bot, chat_id, part, reply_to, rate, paid and index == 0)
        except RetryAfter:
            if not ids:
                raise
            raise PartlySent(ids, TelegramError("flood control on a later part")) from None
        except TelegramError as exc:
            if not ids:
                raise
            raise PartlySent(ids, exc) from exc
        ids.extend(m.message_id for m in messages)
    return ids


async def _send(
    bot: ExtBot[Any],
    chat_id: int,
    part: Part,
    reply_to: int | None,
    rate: dict[str, bool],
    paid: bool,
) -> list[Message]:
    common: dict[str, Any] = {"rate_limit_args": rate}
    if reply_to is not None:
        common.update(reply_to_message_id=reply_to, allow_sending_without_reply=True)
    if isinstance(part, Location):
        location = await bot.send_location(
            chat_id, latitude=part.latitude, longitude=part.longitude, **common
        )
        return [location]
    if isinstance(part, Text | Photo):
        common.update(reply_markup=part.markup)
        if paid:
            common["api_kwargs"] = {"allow_paid_broadcast": True}
    if isinstance(part, Text):
        return [await bot.send_message(chat_id, part.text, **common)]
    if isinstance(part, Photo):
        return [await bot.send_photo(chat_id, part.file_id, caption=part.caption, **common)]
    return await send_media(bot, chat_id, part.items, reply_to, rate)


async def send_media(
    bot: ExtBot[Any],
    chat_id: int,
    attachments: Sequence[Attachment],
    reply_to: int | None,
    rate: dict[str, bool] | None = None,
) -> list[Message]:
    groups: dict[str, list[Attachment]] = {}
    singles: list[Attachment] = []
    for item in attachments:
        group = _ALBUM_GROUP.get(item.kind)
        if group is None:
            singles.append(item)
        else:
            groups.setdefault(group, []).append(item)
    sent: list[Message] = []
    threading = {"reply_to_message_id": reply_to, "allow_sending_without_reply": True}
    if reply_to is None:
        threading = {}
    for items in groups.values():
        for start in range(0, len(items), 10):
            chunk = items[start : start + 10]
            if len(chunk) == 1:
                singles.append(chunk[0])
                continue
            album = await bot.send_media_group(
                chat_id,
                [_ALBUM[a.kind](a.file_id) for a in chunk],
                rate_limit_args=rate,
                **threading,  # type: ignore[arg-type]
            )
            sent.extend(album)
    for item in singles:
        sender = getattr(bot, f"send_{item.kind}")
        sent.append(await sender(chat_id, item.file_id, rate_limit_args=rate, **threading))
    return sent
