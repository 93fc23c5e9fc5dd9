"""How the bot writes places, categories, spans of time, moments and refusals: one way for
every feature. Moments are shown in `BOT_TIMEZONE`, as residents read a clock."""

from datetime import datetime, timedelta

from bot.handlers.common import BotContext, tr
from bot.i18n import Html
from bot.services.roles import Refusal, Role

_DAY = 24 * 60


def commune_name(context: BotContext, code: int) -> str:
    """The commune's name; its code when the directory no longer knows it."""
    commune = context.services.directory.get(code)
    return commune.name if commune else str(code)


def province_name(context: BotContext, code: int) -> str:
    """The province's name; its code when the directory does not know it."""
    return context.services.directory.province_name(code) or str(code)


def role_at(context: BotContext, locale: str, role: Role, place: str) -> Html:
    """A staff role held at a commune or a province: "Điều hành viên tại Đặc khu Vân Đồn"."""
    return tr(
        context, locale, "role-at", role=tr(context, locale, f"role-{role.value}"), place=place
    )


def category_label(context: BotContext, locale: str, key: str | None) -> str:
    """A report category in the reader's language; "—" when none was chosen, the key itself
    when the content no longer has it."""
    if key is None:
        return tr(context, locale, "report-none")
    category = context.services.categories.get(key)
    return category.label(locale) if category else key


def duration(context: BotContext, locale: str, span: timedelta | None) -> str:
    """A span in the largest whole unit ("15 phút", "4 giờ", "3 ngày"), else in hours and
    minutes; "—" when there is none (a median of no reports)."""
    if span is None:
        return tr(context, locale, "report-none")
    minutes = max(1, int(span.total_seconds()) // 60)
    if minutes % _DAY == 0:
        return tr(context, locale, "due-days", count=minutes // _DAY)
    if minutes % 60 == 0:
        return tr(context, locale, "due-hours", count=minutes // 60)
    if minutes < 60:
        return tr(context, locale, "due-minutes", count=minutes)
    return tr(context, locale, "due-hours-minutes", hours=minutes // 60, minutes=minutes % 60)


def local_date(context: BotContext, moment: datetime) -> str:
    """A day as residents read it, in `BOT_TIMEZONE`."""
    return moment.astimezone(context.services.settings.timezone).strftime("%d/%m/%Y")


def local_time(context: BotContext, moment: datetime) -> str:
    """A moment as residents read it, in `BOT_TIMEZONE`: "18:30 25/12/2026"."""
    return moment.astimezone(context.services.settings.timezone).strftime("%H:%M %d/%m/%Y")


def refusal(context: BotContext, locale: str, refused: Refusal) -> Html:
    """A service's polite no, as a sentence in the reader's language."""
    return tr(context, locale, f"refusal-{refused.reason}", **refused.details)
