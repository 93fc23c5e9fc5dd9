"""Telling reporters about their reports: a status change or a note from the officers, in the
reporter's language. The service keeps the queue (visible events not yet notified); this drains
it. The moderator side (next issue) calls `deliver_status_updates` after every change, and a
periodic job may call it to catch anything a crash interrupted."""

import logging

from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import ExtBot

from bot.i18n import Html, Translator
from bot.services.container import Services
from bot.services.report_lifecycle import ReporterNotice

log = logging.getLogger(__name__)

# Leaves room for the heading within Telegram's 4,096 characters.
_NOTE = 3500


def status_update_text(translator: Translator, notice: ReporterNotice) -> Html:
    locale = notice.locale
    if notice.kind == "note":
        lines = [translator(locale, "report-status-note", code=notice.code)]
    else:
        status = translator(locale, f"report-status-{notice.status}")
        lines = [translator(locale, "report-status-update", code=notice.code, status=status)]
    if notice.reason:
        lines.append(translator(locale, f"reporter-reason-{notice.reason}"))
    if notice.note:
        lines.append(translator(locale, "myreport-note", note=notice.note[:_NOTE]))
    return Html("\n".join(lines))


async def deliver_status_updates(bot: ExtBot[None], services: Services) -> int:
    """Send every pending notice; returns how many were sent. A reporter who blocked the bot is
    marked unreachable and the notice dropped; other errors leave it queued for the next run."""
    sent = 0
    for notice in await services.report_lifecycle.pending_notices():
        try:
            await bot.send_message(
                notice.telegram_id,
                status_update_text(services.translator, notice),
                parse_mode=ParseMode.HTML,
            )
        except Forbidden:
            await services.residents.mark_unreachable(notice.telegram_id)
        except TelegramError as exc:
            log.warning("report %s: status update not sent (%s)", notice.code, exc.message)
            continue
        else:
            sent += 1
        await services.report_lifecycle.mark_notified(notice.event_id)
    return sent
