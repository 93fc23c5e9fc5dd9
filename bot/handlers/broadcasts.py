"""Broadcasts as their authors see them: a live progress message after Publish (edited by the
sender at most every few seconds), `/broadcasts` with the figures of recent ones, and Cancel for
what is still pending. Every press is checked again: a button may outlive a role."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import filters

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotApplication, BotContext, tr
from bot.i18n import Html
from bot.services.notices import NoticeView
from bot.services.outbox import Batch, Figures
from bot.services.residents import Resident
from bot.services.roles import StaffRoles
from bot.services.scopes import may_publish
from bot.storage.models import utcnow

SCOPE = "bc"
LISTED = 8
ACTIVE = ("filling", "sending")


def register(app: BotApplication) -> None:
    app.bot_data["renderers"].progress = progress_view
    app.add_handlers(common.commands({"broadcasts": broadcasts_command}, filters.ChatType.PRIVATE))
    app.add_handlers(common.buttons({SCOPE: on_button}))


def count(locale: str, number: int) -> str:
    """1.234 in Vietnamese, 1,234 in English."""
    return f"{number:,}".replace(",", "." if locale == "vi" else ",")


def _minutes_left(context: BotContext, figures: Figures) -> int:
    sending = max(figures.pending - figures.waiting_quiet, 0)
    rate = context.services.settings.bot_broadcast_rate
    return -(-sending // max(int(rate * 60), 1))


async def _title(context: BotContext, batch: Batch, locale: str) -> str:
    renderer = context.application.bot_data["renderers"].get(batch.kind)
    title = await renderer.title(context, batch, locale) if renderer else None
    return title or tr(context, locale, "broadcast-title-other", id=batch.id)


def figures_line(context: BotContext, locale: str, batch: Batch, figures: Figures) -> Html:
    """ "Đã gửi 1.234 / 5.000 · 12 không nhận được · còn khoảng 2 phút" """
    if batch.status == "filling" and batch.due_at > utcnow():
        return tr(context, locale, "broadcast-waiting")
    parts = [
        tr(
            context,
            locale,
            "broadcast-sent",
            sent=count(locale, figures.sent),
            total=count(locale, figures.total),
        )
    ]
    if figures.not_received:
        parts.append(
            tr(context, locale, "broadcast-not-received", count=count(locale, figures.not_received))
        )
    if batch.status in ACTIVE and figures.pending:
        minutes = _minutes_left(context, figures)
        if minutes:
            parts.append(tr(context, locale, "broadcast-eta", minutes=minutes))
        if figures.waiting_quiet:
            waiting = count(locale, figures.waiting_quiet)
            parts.append(tr(context, locale, "broadcast-quiet", count=waiting))
    if batch.status == "filling":
        parts.append(tr(context, locale, "broadcast-preparing"))
    elif batch.status == "cancelled":
        parts.append(
            tr(context, locale, "broadcast-cancelled", count=count(locale, figures.cancelled))
        )
    elif batch.status == "withdrawn":
        parts.append(
            tr(context, locale, "broadcast-withdrawn", count=count(locale, figures.deleted))
        )
    elif batch.status == "done":
        parts.append(tr(context, locale, "broadcast-done"))
    return Html(" · ".join(parts))


async def _locale_of(context: BotContext, telegram_id: int | None) -> str:
    resident = await context.services.residents.get(telegram_id) if telegram_id else None
    return resident.locale if resident else context.services.settings.bot_default_locale


async def progress_view(
    context: BotContext, batch: Batch, figures: Figures
) -> tuple[str, InlineKeyboardMarkup | None]:
    locale = await _locale_of(context, batch.author_id)
    title = await _title(context, batch, locale)
    text = tr(
        context,
        locale,
        "broadcast-progress",
        title=Html(title),
        figures=figures_line(context, locale, batch, figures),
    )
    return text, _cancel_markup(context, locale, batch, figures)


def _cancel_markup(
    context: BotContext, locale: str, batch: Batch, figures: Figures
) -> InlineKeyboardMarkup | None:
    if batch.status not in ACTIVE or (not figures.pending and batch.status != "filling"):
        return None
    label = tr(context, locale, "broadcast-cancel", id=batch.id)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=cb(SCOPE, "x", batch.id))]]
    )


async def follow(context: BotContext, batch_id: int, author: Resident) -> None:
    """Give the author a progress message, which the sender keeps up to date."""
    outbox = context.services.outbox
    batch = await outbox.batch(batch_id)
    if batch is None:
        return
    figures = await outbox.figures(batch_id)
    text, markup = await progress_view(context, batch, figures)
    message = await common.send(context, author.telegram_id, text, markup)
    await outbox.set_progress(
        batch_id, now=batch.created_at, chat_id=author.telegram_id, message_id=message.message_id
    )
    context.sender.kick()


async def _may_manage(context: BotContext, telegram_id: int, batch: Batch) -> bool:
    services = context.services
    staff = await services.roles.of(telegram_id)
    if staff.superadmin or (batch.author_id == telegram_id and staff.is_staff):
        return True
    if batch.kind == "notice":
        notice = await services.notices.get(batch.item_id)
        return notice is not None and _may_publish(context, staff, notice)
    return False


def _may_publish(context: BotContext, staff: StaffRoles, notice: NoticeView) -> bool:
    services = context.services
    return may_publish(services.roles, services.directory, staff, notice.scope)


async def broadcasts_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    locale, outbox = resident.locale, context.services.outbox
    staff = await context.services.roles.of(resident.telegram_id)
    if not staff.is_staff:
        await common.reply(update, context, tr(context, locale, "refusal-not-staff"))
        return
    shown: list[tuple[Batch, Figures]] = []
    for batch in await outbox.recent_broadcasts(limit=50):
        if await _may_manage(context, resident.telegram_id, batch):
            shown.append((batch, await outbox.figures(batch.id)))
        if len(shown) == LISTED:
            break
    if not shown:
        await common.reply(update, context, tr(context, locale, "broadcasts-none"))
        return
    lines = [tr(context, locale, "broadcasts-title")]
    rows: list[list[InlineKeyboardButton]] = []
    for batch, figures in shown:
        title = await _title(context, batch, locale)
        line = figures_line(context, locale, batch, figures)
        line = tr(context, locale, "broadcasts-line", id=batch.id, title=Html(title), figures=line)
        lines.append(line)
        markup = _cancel_markup(context, locale, batch, figures)
        if markup is not None:
            rows.extend(list(row) for row in markup.inline_keyboard)
    await common.reply(
        update, context, Html("\n\n".join(lines)), InlineKeyboardMarkup(rows) if rows else None
    )


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    locale, outbox = resident.locale, context.services.outbox
    batch_id = data.int_arg(0)
    batch = await outbox.batch(batch_id) if batch_id is not None else None
    if data.action != "x" or batch is None or not batch.bulk:
        raise common.Refused()
    if not await _may_manage(context, resident.telegram_id, batch):
        raise common.Refused("refusal-not-staff", alert=True)
    if batch.status not in ACTIVE:
        await common.answer(update, tr(context, locale, "broadcast-already-over"))
        return
    stopped = await outbox.cancel(batch.id)
    await common.answer(
        update, tr(context, locale, "broadcast-stopped", count=count(locale, stopped))
    )
    await context.sender.show_progress()
    context.sender.kick()
