"""Replies the bot asked for, and the relay with reporters.

In a room (or a moderator's private chat) a reply to one of the bot's prompts carries the
message for the reporter, the code of the original report, or the commune to transfer to. A
reporter answers a relayed message by replying to it or with its "Answer" button; the answer is
posted under the card as from "#K7Q2". Neither side ever sees who the other is. Any other
group message is ignored: the bot stays silent in groups.
"""

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.handlers import common, router
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name
from bot.handlers.limits import CAPTION_LIMIT, pieces
from bot.handlers.rooms.triage import (
    actor_of,
    after_change,
    locale_here,
    refusal,
    transfer_choices,
)
from bot.i18n import Html
from bot.services.cards import new_token
from bot.services.conversations import State
from bot.services.relay import Prompt, Reporter
from bot.services.residents import Resident
from bot.services.triage import Action, TriageRefused

log = logging.getLogger(__name__)

FLOW = "relay"
STEP = "answer"
SCOPE = "rl"
# How much of a relayed text one message carries, with room left for the header around it.
_TEXT_MAX = 3500
_CAPTION_MAX = CAPTION_LIMIT - 200
_QUERY_MAX = 100


async def on_group_reply(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None or message.reply_to_message is None:
        return
    prompt = await context.services.moderation.relay.prompt_at(
        message.chat_id, message.reply_to_message.message_id
    )
    if prompt is not None:
        await _on_prompt_reply(update, context, prompt)


async def on_private_reply(update: Update, context: BotContext) -> None:
    """A reply in a private chat: to a moderator's prompt, to a relayed message (the reporter
    answers), or neither — then it is an ordinary private message."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None and message.reply_to_message is not None
    relay = context.services.moderation.relay
    replied = message.reply_to_message.message_id
    prompt = await relay.prompt_at(message.chat_id, replied)
    if prompt is not None:
        await _on_prompt_reply(update, context, prompt)
        return
    code = await relay.answerable(user.id, message_id=replied)
    if code is not None:
        await relay_answer(update, context, code)
        return
    await router.on_private_message(update, context)


async def _on_prompt_reply(update: Update, context: BotContext, prompt: Prompt) -> None:
    message = common.message_of(update)
    services = context.services
    locale = await locale_here(update, context)
    actor = await actor_of(update, context)
    state = await services.moderation.cards.state(prompt.code)
    try:
        services.moderation.triage.authorize(actor.roles, state.card.commune_code)
    except TriageRefused as refused:
        await _say(context, message, refusal(context, locale, refused))
        return
    if prompt.purpose == "message":
        # Text, or a photo with an optional caption; nothing else of the message travels.
        words = (message.text or message.caption or "").strip()
        photo = message.photo[-1].file_id if message.photo else None
        if not words and photo is None:
            await _say(context, message, tr(context, locale, "rooms-ask-text-or-photo"))
            return
        await _relay_to_reporter(update, context, prompt.code, words, locale, photo)
        return
    # A report's code or part of a commune's name: nothing longer is worth searching for.
    text = (message.text or "").strip()[:_QUERY_MAX]
    if not text:
        await _say(context, message, tr(context, locale, "rooms-ask-text-only"))
        return
    if prompt.purpose == "duplicate":
        await _duplicate(update, context, prompt.code, text, locale)
    elif prompt.purpose == "transfer":
        await _transfer_choices(context, message, prompt.code, text, locale)


async def _say(context: BotContext, message: Message, text: str) -> None:
    await common.send(context, message.chat_id, text, reply_to=message.message_id)


async def _settle(context: BotContext, message: Message, text: str) -> None:
    """The outcome of a reply to a prompt, told by editing the prompt: a busy room gets no post
    for it. A prompt that is gone gets the outcome as a reply instead."""
    prompt = message.reply_to_message
    assert prompt is not None
    try:
        await common.edit_message(context, prompt.chat_id, prompt.message_id, text, seen=prompt)
    except BadRequest as exc:
        log.info("prompt not edited (%s)", exc.message)
        await _say(context, message, text)


async def _card_here(context: BotContext, code: str, chat_id: int) -> str | None:
    cards = await context.services.moderation.cards.of_report(code)
    here = [c for c in cards if c.chat_id == chat_id]
    return here[-1].token if here else None


async def _duplicate(
    update: Update, context: BotContext, code: str, original: str, locale: str
) -> None:
    message = common.message_of(update)
    services = context.services
    token = await _card_here(context, code, message.chat_id)
    actor = await actor_of(update, context)
    try:
        if token is None:
            raise TriageRefused("stale")
        checked = await services.moderation.triage.check(
            actor.roles, token, message.chat_id, None, Action.DUPLICATE
        )
        await services.moderation.triage.duplicate_of(actor, checked, original)
    except TriageRefused as refused:
        await _settle(context, message, refusal(context, locale, refused))
        return
    await _settle(context, message, tr(context, locale, "rooms-duplicate-done", code=code))
    await after_change(context, code)


async def _transfer_choices(
    context: BotContext, message: Message, code: str, query: str, locale: str
) -> None:
    token = await _card_here(context, code, message.chat_id)
    state = await context.services.moderation.cards.state(code)
    if token is None:
        await _say(context, message, tr(context, locale, "rooms-refused-stale"))
        return
    text, markup = transfer_choices(context, locale, token, query, state.card.commune_code)
    await common.send(context, message.chat_id, text, markup, reply_to=message.message_id)


async def _relay_to_reporter(
    update: Update,
    context: BotContext,
    code: str,
    text: str,
    locale: str,
    photo: str | None = None,
) -> None:
    """To the reporter as from "the police of <commune>": text re-typed by the bot, a photo
    sent again by its file_id with the bot's own caption (never forwarded, so neither the
    moderator's account nor their caption's formatting travels)."""
    message = common.message_of(update)
    services = context.services
    reporter = await services.moderation.relay.reporter(code)
    if reporter is None:
        await _settle(context, message, tr(context, locale, "rooms-relay-gone"))
        return
    token = new_token()
    button = InlineKeyboardButton(
        tr(context, reporter.locale, "rooms-relay-answer-button"),
        callback_data=cb(SCOPE, "a", token),
    )
    try:
        sent = await _send_to_reporter(
            context, reporter, code, text, photo, InlineKeyboardMarkup([[button]])
        )
    except Forbidden:
        await services.residents.mark_unreachable(reporter.telegram_id)
        await _settle(context, message, tr(context, locale, "rooms-relay-blocked"))
        return
    except TelegramError as exc:
        log.warning("report %s: relay not delivered (%s)", code, exc.message)
        await _settle(context, message, tr(context, locale, "rooms-relay-failed"))
        return
    actor = await actor_of(update, context)
    await services.moderation.relay.sent_to_reporter(
        code,
        [m.message_id for m in sent],
        text or None,
        token=token,
        actor_telegram_id=actor.roles.telegram_id,
        actor_name=actor.name,
    )
    log.info("report %s: message relayed to the reporter", code)
    await _settle(context, message, tr(context, locale, "rooms-relay-sent", code=code))


async def _send_to_reporter(
    context: BotContext,
    reporter: Reporter,
    code: str,
    text: str,
    photo: str | None,
    markup: InlineKeyboardMarkup,
) -> list[Message]:
    """The photo (its caption the text, if the text fits there), then the text in as many
    messages as it takes; each carries the "Answer" button."""
    locale, commune = reporter.locale, commune_name(context, reporter.commune_code)

    def body(words: str, part: int = 1, parts: int = 1) -> Html:
        key = "rooms-relay-to-reporter" if words else "rooms-relay-photo-to-reporter"
        return _numbered(
            context,
            locale,
            tr(context, locale, key, commune=commune, code=code, text=words),
            part,
            parts,
        )

    in_caption = photo is not None and len(text) <= _CAPTION_MAX
    chunks = [] if in_caption or not text else pieces(text, _TEXT_MAX)
    sent: list[Message] = []
    if photo is not None:
        caption = body(text if in_caption else "")
        sent.append(
            await context.bot.send_photo(
                reporter.telegram_id,
                photo,
                caption=caption,
                reply_markup=markup,
            )
        )
    for part, chunk in enumerate(chunks, start=1):
        body_part = body(chunk, part, len(chunks))
        sent.append(await common.send(context, reporter.telegram_id, body_part, markup))
    return sent


def _numbered(context: BotContext, locale: str, text: str, part: int, parts: int) -> Html:
    """A message of a text sent in several: "(2/3)" under it."""
    if parts == 1:
        return Html(text)
    return Html(f"{text}\n{tr(context, locale, 'relay-part', part=part, parts=parts)}")


async def on_answer_button(update: Update, context: BotContext, data: Callback) -> None:
    user = update.effective_user
    assert user is not None
    locale = await common.user_locale(update, context)
    token = data.args[0] if data.args else ""
    services = context.services
    code = await services.moderation.relay.answerable(user.id, token=token)
    if code is None or not common.is_private(update):
        raise common.Refused()
    await common.answer(update)
    state = await services.conversations.get(user.id)
    if state is not None and state.flow != FLOW:
        # Never overwrite a report draft or another flow in progress: replying still works.
        await common.send(context, user.id, tr(context, locale, "rooms-answer-busy", code=code))
        return
    await services.conversations.set(user.id, State(FLOW, STEP, {"code": code}))
    await common.send(context, user.id, tr(context, locale, "rooms-answer-ask", code=code))


async def on_answer_step(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    code = str(state.data.get("code", ""))
    await context.services.conversations.clear(resident.telegram_id)
    await relay_answer(update, context, code)


async def relay_answer(update: Update, context: BotContext, code: str) -> None:
    """The reporter's answer, posted under the card as from the pseudonym: text is re-typed by
    the bot, media copied (never forwarded), so nothing of the reporter's account travels."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    services = context.services
    locale = await common.user_locale(update, context)
    words = message.text or message.caption or ""
    if not words and not message.photo:
        await common.send(context, user.id, tr(context, locale, "rooms-answer-kinds"))
        return
    state = await services.moderation.cards.state(code)
    cards = await services.moderation.cards.room_cards(code)
    room_locale = services.settings.bot_default_locale
    header = tr(context, room_locale, "rooms-relay-from-reporter", alias=state.pseudonym, code=code)

    def body(text: str, part: int = 1, parts: int = 1) -> Html:
        quoted = tr(context, room_locale, "rooms-quote", text=text) if text else ""
        return _numbered(context, room_locale, f"{header}\n{quoted}".strip(), part, parts)

    # Every word reaches the room: a caption too long for a photo follows it as text.
    in_caption = bool(message.photo) and len(words) <= _CAPTION_MAX
    chunks = [] if in_caption or not words else pieces(words, _TEXT_MAX)
    try:
        for card in cards:
            if message.photo:
                await context.bot.copy_message(
                    card.chat_id,
                    from_chat_id=message.chat_id,
                    message_id=message.message_id,
                    caption=body(words if in_caption else ""),
                    reply_to_message_id=card.message_id,
                    allow_sending_without_reply=True,
                )
            for part, chunk in enumerate(chunks, start=1):
                await common.send(
                    context, card.chat_id, body(chunk, part, len(chunks)), reply_to=card.message_id
                )
    except TelegramError as exc:
        log.warning("report %s: answer not posted (%s)", code, exc.message)
        await common.send(context, user.id, tr(context, locale, "rooms-answer-failed"))
        return
    if not cards:
        await common.send(context, user.id, tr(context, locale, "rooms-answer-failed"))
        return
    await services.moderation.relay.answered(code, words or None)
    log.info("report %s: the reporter answered", code)
    await common.send(context, user.id, tr(context, locale, "rooms-answer-sent", code=code))
