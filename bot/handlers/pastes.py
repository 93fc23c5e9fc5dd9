"""A long text pasted at once. Telegram clients send anything over 4,096 characters as several
messages, a few milliseconds apart, and every step that takes free text must see it whole: a
part that may have a sequel is held (in the database) until the next part comes — and is
joined — or until a few seconds pass with no later message of the chat waiting in the inbox;
then the whole text is handled as one message, by the same handlers as any other (a
`JoinedUpdate` is an `Update`). Held in the database, a paste is joined whichever process
handles each part.

This runs before every feature (handler group -1). Each step then applies its own limit to the
whole text and says what it kept."""

import json
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any, cast

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, MessageHandler, TypeHandler, filters

from bot.handlers.common import BotApplication, BotContext
from bot.handlers.limits import utf16_length
from bot.receiving.attempt import paste_may_be_held
from bot.services.inbox import Inbox
from bot.services.pastes import Paste

# Clients cut parts at 4,096 characters, some at the last line or word before that.
PART_MIN = 3500
# Parts of one paste are sent together; a few seconds covers a slow connection.
WINDOW = timedelta(seconds=3)
# Under load the next part may wait in the inbox longer than WINDOW: look again this soon.
LOOK_AGAIN = timedelta(seconds=1)


class JoinedUpdate(Update):
    """A message made of the parts of one paste."""

    __slots__ = ()


@dataclass(frozen=True)
class PasteDue:
    """Put in the update queue when a held paste has waited long enough for another part. The
    queue keeps it in order with the sender's other messages."""

    chat_id: int
    user_id: int
    last_message_id: int
    update_id: int | None  # of the last part; None for a paste found held at start


def register(app: BotApplication) -> None:
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE, on_message), group=-1)
    app.add_handler(TypeHandler(PasteDue, on_due), group=-1)
    if app.job_queue is not None:
        # Pastes held when the bot stopped: handle them as soon as it runs again.
        app.job_queue.run_once(_resume, when=1, name="pastes-resume")


async def on_message(update: Update, context: BotContext) -> None:
    message, user = update.message, update.effective_user
    if isinstance(update, JoinedUpdate) or message is None or user is None:
        return
    pastes = context.services.pastes
    # Most messages are not parts of a paste: the inbox says when none is held for the chat.
    held = await pastes.held(message.chat_id, user.id) if paste_may_be_held() else None
    if held is not None:
        if message.message_id <= held.last_message_id:
            # A part handled again (its process died before recording it): already joined.
            raise ApplicationHandlerStop
        if _continues(held, message):
            await _add_part(context, held, message, update.update_id)
            raise ApplicationHandlerStop
        # Something else came: the paste was complete.
        taken = await pastes.take(message.chat_id, user.id)
        if taken is not None:
            await _handle(context, taken)
    if _may_go_on(message):
        first = Paste(
            message.chat_id,
            user.id,
            json.loads(message.to_json()),
            1,
            message.message_id,
            message.date,
        )
        await pastes.hold(first)
        _wait_for_more(context, _due(first, update.update_id), WINDOW)
        raise ApplicationHandlerStop


async def on_due(update: object, context: BotContext) -> None:
    """The wait is over, unless a later message of the chat is still in the inbox: handled, it
    joins the paste or releases it, so the paste waits for it (however long a backlog keeps
    it there) rather than being handled without its last part."""
    assert isinstance(update, PasteDue)
    if await Inbox(context.services.db).waiting(update.chat_id, after=update.update_id):
        _wait_for_more(context, update, LOOK_AGAIN)
        return
    taken = await context.services.pastes.take(
        update.chat_id, update.user_id, update.last_message_id
    )
    if taken is not None:
        await _handle(context, taken)


def _is_text(message: Message) -> bool:
    return bool(message.text) and not (message.text or "").startswith("/")


def _may_go_on(message: Message) -> bool:
    """A text so long it may be the first part of a paste. In a group, only a reply (to a
    prompt of the bot) is worth waiting for."""
    if not _is_text(message) or utf16_length(message.text or "") < PART_MIN:
        return False
    return message.chat.type == ChatType.PRIVATE or message.reply_to_message is not None


def _continues(held: Paste, message: Message) -> bool:
    return _is_text(message) and message.date - held.last_sent_at <= WINDOW


async def _add_part(context: BotContext, held: Paste, message: Message, update_id: int) -> None:
    joined = replace(
        held,
        message=_joined(held.message, message),
        parts=held.parts + 1,
        last_message_id=message.message_id,
        last_sent_at=message.date,
    )
    if utf16_length(message.text or "") >= PART_MIN:
        await context.services.pastes.hold(joined)
        _wait_for_more(context, _due(joined, update_id), WINDOW)
        return
    if await context.services.pastes.take(held.chat_id, held.user_id) is not None:
        await _handle(context, joined)


def _joined(first: dict[str, Any], part: Message) -> dict[str, Any]:
    """The text of `part` added to the message so far, its entities moved along (Telegram counts
    offsets in UTF-16 code units)."""
    text = str(first.get("text") or "")
    shift = utf16_length(text)
    entities = list(first.get("entities") or [])
    entities += [{**entity.to_dict(), "offset": entity.offset + shift} for entity in part.entities]
    return {**first, "text": text + (part.text or ""), "entities": entities}


async def _handle(context: BotContext, paste: Paste) -> None:
    message = Message.de_json(paste.message, context.bot)
    await context.application.process_update(JoinedUpdate(0, message=message))


def _due(paste: Paste, update_id: int | None) -> PasteDue:
    return PasteDue(paste.chat_id, paste.user_id, paste.last_message_id, update_id)


def _wait_for_more(context: BotContext, due: PasteDue, wait: timedelta) -> None:
    application = cast(BotApplication, context.application)
    if (jobs := application.job_queue) is not None:
        jobs.run_once(_queue, when=wait, data=due, name="paste-due")


async def _queue(context: BotContext) -> None:
    assert context.job is not None
    await context.application.update_queue.put(context.job.data)


async def _resume(context: BotContext) -> None:
    for paste in await context.services.pastes.all():
        await context.application.update_queue.put(_due(paste, None))
