"""Attachments from Telegram messages, and acknowledging them once per album.

An album arrives as several messages sharing a media_group_id. The first one gets an
acknowledgement; the others edit that same message's count, so the resident sees one reply.
"""

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.handlers.common import BotContext, edit_message, send, shown_of
from bot.services.reports import Attachment

_KINDS = ("video", "voice", "audio", "video_note", "animation", "document")


def attachment_of(message: Message) -> Attachment | None:
    if message.photo:
        largest = message.photo[-1]
        return Attachment("photo", largest.file_id, largest.file_unique_id)
    # Animations also fill `document`, so they are looked at first.
    for kind in _KINDS:
        media = getattr(message, kind)
        if media is not None:
            return Attachment(kind, media.file_id, media.file_unique_id)
    return None


async def acknowledge(
    update: Update,
    context: BotContext,
    acks: dict[str, int],
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> int | None:
    """Reply once per album: edit the album's earlier acknowledgement if there is one. Returns
    the id of a newly sent acknowledgement, for the caller to remember."""
    message = update.effective_message
    assert message is not None
    group = message.media_group_id
    if group is not None and acks.get(group):
        try:
            await edit_message(context, message.chat_id, acks[group], text, markup)
            return None
        except BadRequest:
            pass  # gone: acknowledge anew
    sent = await send(context, message.chat_id, text, markup)
    # The next photo of the album may leave the count as it is (a full report).
    shown_of(context).sent(sent, text, markup)
    return sent.message_id if group is not None else None
