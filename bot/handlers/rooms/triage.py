"""The card's buttons (`mc:` scope). Thin: parse, let the triage service check and act, then
edit the cards in place and tell the reporter. A refused press changes nothing and says why."""

import logging

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name
from bot.handlers.rooms.cards import refresh_cards
from bot.handlers.rooms.render import MORE, SCOPE, timeline_text
from bot.i18n import Html, escape
from bot.services.reporter_blocks import REASONS as BLOCK_REASONS
from bot.services.triage import Action, Actor, Checked, TriageRefused

log = logging.getLogger(__name__)

_STATUS_ACTIONS = (Action.TAKE, Action.PROGRESS, Action.RESOLVE)
_PROMPTS = {Action.MESSAGE: "message", Action.DUPLICATE: "duplicate", Action.TRANSFER: "transfer"}
# Extra button actions that are not on the card itself: a reject or block reason, back from the
# reasons, and the transfer target picked from a commune search.
# "More…" and Back are allowed to whoever may see the timeline: anyone who may act on the card.
_EXTRA = {
    "rr": Action.REJECT,
    "bk": Action.TIMELINE,
    MORE: Action.TIMELINE,
    "tt": Action.TRANSFER,
    "br": Action.BLOCK,
}
# A press that shows reasons to choose from in place of the card's buttons.
_ASK_REASON = {Action.REJECT: "reject", Action.BLOCK: "block"}
_CHUNK = 3900


async def locale_here(update: Update, context: BotContext) -> str:
    """A room speaks the default language; in private a staff member gets their resident
    record's language, else the default too."""
    default = context.services.settings.bot_default_locale
    user = update.effective_user
    if not common.is_private(update) or user is None:
        return default
    resident = await context.services.residents.get(user.id)
    return resident.locale if resident is not None else default


async def actor_of(update: Update, context: BotContext) -> Actor:
    user = update.effective_user
    assert user is not None
    return Actor(await context.services.roles.of(user.id), user.full_name[:128])


def refused_here(context: BotContext, locale: str, refused: TriageRefused) -> common.Refused:
    """A card press triage refused, told as an alert in the room's language."""
    status = tr(context, locale, f"report-status-{refused.status}") if refused.status else ""
    return common.Refused(
        f"rooms-refused-{refused.reason}", alert=True, locale=locale, status=status
    )


def refusal(context: BotContext, locale: str, refused: TriageRefused) -> str:
    """Triage's no as a sentence, for a reply rather than a press."""
    told = refused_here(context, locale, refused)
    return tr(context, locale, told.key, **told.details)


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None and query.message is not None
    locale = await locale_here(update, context)
    action = _EXTRA.get(data.action) or _action(data.action)
    token = data.args[0] if data.args else ""
    if action is None:
        raise common.Refused()
    actor = await actor_of(update, context)
    # The transfer target is picked on the search message, not on the card itself.
    message_id = None if data.action == "tt" else query.message.message_id
    try:
        checked = await context.services.moderation.triage.check(
            actor.roles, token, chat.id, message_id, action
        )
        await _act(update, context, data, action, actor, checked)
    except TriageRefused as refused:
        log.info("card press refused: %s", refused.reason)
        raise refused_here(context, locale, refused) from refused


def _action(value: str) -> Action | None:
    try:
        return Action(value)
    except ValueError:
        return None


async def _act(
    update: Update,
    context: BotContext,
    data: Callback,
    action: Action,
    actor: Actor,
    checked: Checked,
) -> None:
    triage, code = context.services.moderation.triage, checked.state.card.code
    locale = await locale_here(update, context)
    asking = action in _ASK_REASON and data.action == action.value
    if data.action in ("bk", MORE) or asking:
        mode = _ASK_REASON[action] if asking else "more" if data.action == MORE else "main"
        await common.answer(update)
        await refresh_cards(context, code, mode=mode, only=checked.card)
        return
    if data.action == "br":
        await _block(update, context, data, actor, checked, locale)
        return
    if action in _STATUS_ACTIONS or data.action in ("rr", "tt"):
        reason = data.args[1] if data.action == "rr" and len(data.args) > 1 else None
        commune = _int(data.args[1]) if data.action == "tt" and len(data.args) > 1 else None
        await triage.change(actor, checked, action, reason=reason, commune_code=commune)
        await common.answer(update, tr(context, locale, "rooms-done"))
        await after_change(context, code)
        return
    if action is Action.ESCALATE:
        await triage.escalate(actor, checked)
        await common.answer(update, tr(context, locale, "rooms-escalated"))
        await after_change(context, code)
        return
    await common.answer(update)
    if action in _PROMPTS:
        await ask(context, checked, _PROMPTS[action], locale, actor)
    elif action is Action.TIMELINE:
        events = await context.services.moderation.cards.timeline(code)
        text = timeline_text(context, locale, code, events)
        await common.send(context, checked.card.chat_id, text, reply_to=checked.card.message_id)
    elif action is Action.FULL_TEXT:
        full = checked.state.card.text
        for start in range(0, len(full), _CHUNK):
            part = escape(full[start : start + _CHUNK])
            await common.send(context, checked.card.chat_id, part, reply_to=checked.card.message_id)


async def _block(
    update: Update,
    context: BotContext,
    data: Callback,
    actor: Actor,
    checked: Checked,
    locale: str,
) -> None:
    """Block the report's reporter for the reason chosen: the card then says so; nobody learns
    who it was."""
    reason = data.args[1] if len(data.args) > 1 else ""
    if reason not in BLOCK_REASONS:
        raise common.Refused()
    code = checked.state.card.code
    await context.services.moderation.blocks.block(
        code, reason, actor_telegram_id=actor.roles.telegram_id, actor_name=actor.name
    )
    log.info("report %s: reporter blocked (%s)", code, reason)
    await common.answer(update, tr(context, locale, "rooms-blocked"))
    await refresh_cards(context, code)


async def after_change(context: BotContext, code: str) -> None:
    """Edit the cards in place, then have the outbox send what the change queued (a transfer's
    new card, the reporter's notice)."""
    await refresh_cards(context, code)
    common.send_soon(context)


async def ask(
    context: BotContext, checked: Checked, purpose: str, locale: str, actor: Actor
) -> None:
    """A prompt the moderator answers by replying to it; it is remembered in the database.
    The reply box opens only for the officer who pressed: Telegram's `selective` targets the
    users mentioned in the text (the prompt replies to the bot's own card, the other target)."""
    card = checked.card
    actor_id = actor.roles.telegram_id
    mention = f'<a href="tg://user?id={actor_id}">{escape(actor.name)}</a>'
    text = Html(f"{mention}: {tr(context, locale, f'rooms-ask-{purpose}', code=card.code)}")
    prompt = await context.bot.send_message(
        card.chat_id,
        text,
        reply_to_message_id=card.message_id,
        allow_sending_without_reply=True,
        reply_markup=ForceReply(selective=True),
    )
    await context.services.moderation.relay.remember_prompt(
        card.code, purpose, card.chat_id, prompt.message_id, actor_id
    )
    # The card leaves "More…" once one of its actions was chosen.
    await refresh_cards(context, card.code)


def transfer_choices(
    context: BotContext, locale: str, token: str, query: str, current: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    services = context.services
    found = [c for c in services.directory.search(query) if c.code != current]
    if not found:
        return tr(context, locale, "rooms-transfer-none", query=query), None
    rows = [
        [InlineKeyboardButton(c.name, callback_data=cb(SCOPE, "tt", token, c.code))]
        for c in found[:8]
    ]
    text = tr(context, locale, "rooms-transfer-pick", commune=commune_name(context, current))
    return text, InlineKeyboardMarkup(rows)


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None
