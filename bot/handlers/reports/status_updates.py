"""Telling reporters about their reports: a status change or a note from the officers, in the
reporter's language. Each visible change is queued in the outbox with the change itself; this
renders it."""

from collections.abc import Sequence

from bot.handlers.common import BotContext
from bot.i18n import Html, Translator
from bot.sending.parts import Part, Text
from bot.sending.renderers import Renderer, Renderers
from bot.services.outbox import Delivery
from bot.services.report_lifecycle import ReporterNotice

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


class StatusNotice(Renderer):
    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        notice = await context.services.report_lifecycle.notice(delivery.item_id)
        if notice is None or notice.telegram_id != delivery.chat_id:
            return None  # the reporter erased their data
        return [Text(status_update_text(context.services.translator, notice))]

    async def sent(self, context: BotContext, delivery: Delivery, message_ids: list[int]) -> None:
        await context.services.report_lifecycle.notified(delivery.item_id)


def register(renderers: Renderers) -> None:
    renderers.add("report_status", StatusNotice())
