"""Report cards on request (a moderator's view), and editing every posted card in place after
a change, never with an identical edit. Cards reach the rooms through the outbox (outbox.py)."""

import logging
from dataclasses import replace

from telegram.error import TelegramError

from bot.handlers import common
from bot.handlers.common import BotContext
from bot.handlers.rooms.render import card_keyboard, card_text, digest
from bot.services.cards import CardState, PostedCard
from bot.services.residents import Erasure

log = logging.getLogger(__name__)


async def post_card(
    context: BotContext, state: CardState, chat_id: int, *, kind: str, locale: str
) -> PostedCard:
    """A card posted on request (a moderator's view from /report or /queue), recorded first
    like every card, so its buttons work whatever happens next."""
    services = context.services
    posted = await services.moderation.cards.reserve(
        state.report_id,
        kind=kind,
        chat_id=chat_id,
        commune_code=state.card.commune_code,
        locale=locale,
    )
    text = card_text(context, posted, state, locale)
    markup = card_keyboard(context, posted, state)
    await services.moderation.cards.set_rendered(posted.id, digest(text, markup))
    message = await common.send(context, chat_id, text, markup)
    await services.moderation.cards.set_message(posted.id, message.message_id)
    return replace(posted, message_id=message.message_id)


async def refresh_cards(
    context: BotContext, code: str, *, mode: str = "main", only: PostedCard | None = None
) -> None:
    """Edit every card of the report to show it as it is now; skip those already showing
    exactly that. `mode` ("reject": the reasons) applies to `only`, the pressed card."""
    services = context.services
    state = await services.moderation.cards.state(code)
    for posted in await services.moderation.cards.of_report(code):
        if only is not None and posted.id != only.id and mode != "main":
            continue
        if posted.message_id is None:
            continue  # not taken by Telegram yet: it will be posted as it is now
        card_mode = mode if only is None or posted.id == only.id else "main"
        await _edit_card(context, posted, state, card_mode)


async def forget_reporter(context: BotContext, erased: Erasure) -> None:
    """A reporter erased their data: their reports' cards showed a name or phone, and offered
    to message them."""
    for code in erased.reports:
        await refresh_cards(context, code)


async def _edit_card(context: BotContext, posted: PostedCard, state: CardState, mode: str) -> None:
    services = context.services
    text = card_text(context, posted, state, posted.locale)
    markup = card_keyboard(context, posted, state, mode)
    rendered = digest(text, markup)
    if rendered == posted.rendered:
        return
    try:
        await common.apply_edit(
            context.bot.edit_message_text(
                text,
                chat_id=posted.chat_id,
                message_id=posted.message_id,
                reply_markup=markup,
            )
        )
    except TelegramError as exc:
        log.warning("report %s: card not updated (%s)", posted.code, exc.message)
        return
    await services.moderation.cards.set_rendered(posted.id, rendered)
