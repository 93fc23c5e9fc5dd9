"""Attachments from Telegram messages, and the one live acknowledgement of them.

Files arrive one message each (an album is several messages sharing a media_group_id). The
first gets an acknowledgement; every later one edits it, so the resident sees one message whose
count goes up, whatever mix of albums and single files they send.
"""

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.handlers import common
from bot.handlers.common import BotContext, View
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
    live: int | None,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> int:
    """Show `text` in the live acknowledgement `live`, or send one if there is none (or it is
    gone). Returns its message id, for the caller to keep."""
    message = common.message_of(update)
    if live:
        try:
            await common.edit_message(context, message.chat_id, live, text, markup)
            return live
        except BadRequest:
            pass  # gone: acknowledge anew
    sent = await common.send(context, message.chat_id, text, markup)
    # The next file may leave the text as it is (a full report).
    common.shown_of(context).sent(sent, text, markup)
    return sent.message_id


async def take_buttons_off(context: BotContext, chat_id: int, message_id: int) -> None:
    """Another message now carries these buttons; one live "Done" is enough."""
    view = common.shown_of(context).get((chat_id, message_id))
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except BadRequest:
        return  # gone, or already without buttons
    if view is not None:
        common.shown_of(context).remember((chat_id, message_id), View(view.text, None))
