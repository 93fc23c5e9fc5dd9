"""Moderator commands, in their rooms and in private: /queue, /report CODE, /find TEXT,
/stats [7d|30d|90d], /export [from] [to]. Each is limited to the communes the caller moderates
(in a room: those of the room). `/report` without a code, in private, is the resident's flow."""

import csv
import html
import io
import re
from datetime import UTC, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import category_label, commune_name, duration, local_time
from bot.handlers.paging import page_buttons
from bot.handlers.reports import flow
from bot.handlers.rooms.cards import post_card, refresh_cards
from bot.handlers.rooms.charts import ChartText, stats_chart
from bot.handlers.rooms.triage import locale_here
from bot.i18n import Html, escape
from bot.services.moderation_queries import EXPORT_COLUMNS, QueueItem, Stats
from bot.services.report_lifecycle import UnknownReport
from bot.storage.models import utcnow

SCOPE = "mq"
PERIODS = {"7d": 7, "30d": 30, "90d": 90}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A card posted this recently is answered with a reply to it, not posted again.
RECENT_CARD = timedelta(hours=24)


async def _communes(update: Update, context: BotContext, locale: str) -> list[int]:
    """The communes the caller may look at here; refused when none."""
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    services = context.services
    roles = await services.roles.of(user.id)
    allowed = set(services.roles.communes_moderated(roles))
    if not common.is_private(update):
        allowed &= await services.rooms.communes_of_chat(chat.id)
    if not allowed:
        raise common.Refused("rooms-not-moderator", alert=True, locale=locale)
    return sorted(allowed)


def _line(context: BotContext, locale: str, item: QueueItem) -> Html:
    return tr(
        context,
        locale,
        "rooms-queue-line",
        urgent="yes" if item.urgent else "no",
        code=item.code,
        category=category_label(context, locale, item.category),
        commune=commune_name(context, item.commune_code),
        status=tr(context, locale, f"report-status-{item.status}"),
        time=local_time(context, item.created_at),
    )


def _open_buttons(
    items: tuple[QueueItem, ...] | list[QueueItem],
) -> list[list[InlineKeyboardButton]]:
    return [
        [InlineKeyboardButton(f"📂 {item.code}", callback_data=cb(SCOPE, "o", item.code))]
        for item in items
    ]


async def queue_command(update: Update, context: BotContext) -> None:
    await show_queue(update, context, 1)


async def show_queue(update: Update, context: BotContext, page: int) -> None:
    locale = await locale_here(update, context)
    communes = await _communes(update, context, locale)
    result = await context.services.moderation.queries.queue(communes, page)
    if not result.items:
        raise common.Refused("rooms-queue-empty", alert=True, locale=locale)
    lines: list[str] = [
        tr(
            context,
            locale,
            "rooms-queue-title",
            total=result.total,
            page=result.page,
            pages=result.pages,
        )
    ]
    lines += [_line(context, locale, item) for item in result.items]
    rows = _open_buttons(result.items)
    rows += page_buttons(
        context, locale, result.page, result.pages, lambda n: cb(SCOPE, "p", n), first=1
    )
    await common.reply(update, context, "\n".join(lines), InlineKeyboardMarkup(rows))
    if update.callback_query is not None:
        await common.answer(update)


async def report_command(update: Update, context: BotContext) -> None:
    """`/report CODE` for staff, in rooms and in private (see `rooms.STAFF_REPORT`); a resident
    who is not staff and adds words to /report in private starts the report flow all the same."""
    args = list(context.args or [])
    user = update.effective_user
    assert user is not None
    if common.is_private(update) and not (await context.services.roles.of(user.id)).is_staff:
        await flow.report_command(update, context)
        return
    locale = await locale_here(update, context)
    if not args:
        await common.reply(update, context, tr(context, locale, "rooms-report-usage"))
        return
    await open_card(update, context, args[0], locale)


async def open_card(update: Update, context: BotContext, code: str, locale: str) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    services = context.services
    roles = await services.roles.of(user.id)
    try:
        state = await services.moderation.cards.state(code)
    except UnknownReport:
        state = None
    # A report of a commune the caller does not moderate looks like one that does not exist.
    if state is None or not services.roles.can_moderate(roles, state.card.commune_code):
        raise common.Refused("rooms-report-unknown", alert=True, locale=locale, code=code[:16])
    if update.callback_query is not None:
        await common.answer(update)
    recent = await services.moderation.cards.recent_in(code, chat.id, utcnow() - RECENT_CARD)
    if recent is None or recent.message_id is None:
        await post_card(context, state, chat.id, kind="view", locale=locale)
        return
    # The card is a scroll away: point at it (brought up to date) rather than post a copy.
    await refresh_cards(context, state.card.code)
    text = tr(context, locale, "rooms-card-here", code=state.card.code)
    await common.send(context, chat.id, text, reply_to=recent.message_id)


async def find_command(update: Update, context: BotContext) -> None:
    locale = await locale_here(update, context)
    text = " ".join(context.args or []).strip()
    if len(text) < 2:
        await common.reply(update, context, tr(context, locale, "rooms-find-usage"))
        return
    communes = await _communes(update, context, locale)
    found = await context.services.moderation.queries.find(communes, text)
    if not found:
        await common.reply(
            update, context, tr(context, locale, "rooms-find-none", query=text[:100])
        )
        return
    lines: list[str] = [tr(context, locale, "rooms-find-title", query=text[:100], count=len(found))]
    lines += [_line(context, locale, item) for item in found]
    await common.reply(
        update, context, "\n".join(lines), InlineKeyboardMarkup(_open_buttons(found))
    )


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    locale = await locale_here(update, context)
    if data.action == "o" and data.args:
        await open_card(update, context, data.args[0], locale)
    elif data.action == "p" and data.int_arg(0) is not None:
        await show_queue(update, context, data.int_arg(0) or 1)
    else:
        raise common.Refused()


async def stats_command(update: Update, context: BotContext) -> None:
    locale = await locale_here(update, context)
    args = list(context.args or [])
    days = PERIODS.get(args[0].lower() if args else "30d")
    if days is None:
        await common.reply(update, context, tr(context, locale, "rooms-stats-usage"))
        return
    communes = await _communes(update, context, locale)
    services = context.services
    now = utcnow()
    zone = services.settings.timezone
    stats = await services.moderation.queries.stats(communes, now - timedelta(days=days), now, zone)
    lines: list[str] = [tr(context, locale, "rooms-stats-title", days=days, total=stats.total)]
    lines += [
        f"• {tr(context, locale, f'report-status-{s}')}: {n}" for s, n in stats.by_status.items()
    ]
    lines.append(tr(context, locale, "rooms-stats-categories"))
    lines += [
        f"• {escape(category_label(context, locale, c))}: {n}" for c, n in stats.by_category.items()
    ]
    lines.append(
        tr(
            context,
            locale,
            "rooms-stats-medians",
            ack=duration(context, locale, stats.median_acknowledge),
            resolve=duration(context, locale, stats.median_resolve),
        )
    )
    chat = update.effective_chat
    assert chat is not None
    await common.reply(update, context, "\n".join(lines))
    if stats.total:
        await _send_chart(context, chat.id, locale, communes, stats)


async def _send_chart(
    context: BotContext, chat_id: int, locale: str, communes: list[int], stats: Stats
) -> None:
    """The chart names its place and period in the picture and sums itself up in the caption,
    so it still says what it is when forwarded on its own."""
    place = (
        commune_name(context, communes[0])
        if len(communes) == 1
        else tr(context, locale, "rooms-stats-communes", count=len(communes))
    )
    days = list(stats.per_day)
    period = {"place": place, "first": _day(days[0]), "last": _day(days[-1])}
    text = ChartText(
        html.unescape(tr(context, locale, "rooms-stats-chart-title", **period)),
        html.unescape(tr(context, locale, "rooms-stats-chart-categories")),
        html.unescape(tr(context, locale, "rooms-stats-chart-days")),
    )
    labels = {category_label(context, locale, c): n for c, n in stats.by_category.items()}
    caption = tr(
        context,
        locale,
        "rooms-stats-chart-caption",
        **period,
        total=stats.total,
        resolved=stats.by_status.get("resolved", 0),
        ack=duration(context, locale, stats.median_acknowledge),
    )
    png = stats_chart(text, labels, stats.per_day)
    await context.bot.send_photo(chat_id, png, caption=caption, filename="stats.png")


def _day(iso_day: str) -> str:
    return f"{iso_day[8:10]}/{iso_day[5:7]}/{iso_day[:4]}"


def _date(value: str) -> datetime | None:
    if not _DATE.match(value):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


async def export_command(update: Update, context: BotContext) -> None:
    locale = await locale_here(update, context)
    args = list(context.args or [])
    end = utcnow()
    start = end - timedelta(days=30)
    if args:
        parsed = [_date(a) for a in args[:2]]
        if any(p is None for p in parsed) or len(args) > 2:
            await common.reply(update, context, tr(context, locale, "rooms-export-usage"))
            return
        start = parsed[0] or start
        end = (parsed[1] + timedelta(days=1)) if len(parsed) == 2 and parsed[1] else end
    communes = await _communes(update, context, locale)
    rows = await context.services.moderation.queries.export(communes, start, end)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    chat = update.effective_chat
    assert chat is not None
    name = f"binhyen-{start:%Y%m%d}-{end:%Y%m%d}.csv"
    await context.bot.send_document(
        chat.id,
        buffer.getvalue().encode("utf-8-sig"),
        filename=name,
        caption=tr(context, locale, "rooms-export-caption", count=len(rows)),
    )
