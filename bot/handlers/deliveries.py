"""What the bot still owes people, read from the database and delivered: answers to rumor
requests and corrections of changed verdicts. Run every minute by the job queue and right after
a moderator changes a verdict; a restart in the middle of a delivery loses nothing."""

import logging

from telegram import InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot.handlers import rumor_requests
from bot.handlers.common import BotContext, send, tr
from bot.handlers.verified import factcheck_card, factcheck_share_query, share_button
from bot.i18n import Html

log = logging.getLogger(__name__)


async def deliver_owed(context: BotContext) -> int:
    """Corrections of changed verdicts and answers to rumor requests not yet delivered. Both
    are read from the database, so a restart in the middle of a delivery loses nothing."""
    services, sent = context.services, 0
    await rumor_requests.notify_askers(context, await services.rumors.pending_notifications())
    for correction in await services.factchecks.pending_corrections():
        factcheck, locale = correction.factcheck, correction.locale
        text = Html(
            tr(context, locale, "factcheck-correction")
            + "\n\n"
            + factcheck_card(context, locale, factcheck)
        )
        try:
            share = share_button(context, locale, factcheck_share_query(factcheck))
            await send(context, correction.telegram_id, text, InlineKeyboardMarkup([[share]]))
        except Forbidden:
            await services.residents.mark_unreachable(correction.telegram_id)
        except TelegramError as exc:
            log.warning("fact-check %s: correction not sent (%s)", factcheck.id, exc.message)
            continue
        else:
            sent += 1
        await services.factchecks.corrected(
            factcheck.id, correction.telegram_id, factcheck.revision
        )
    return sent
