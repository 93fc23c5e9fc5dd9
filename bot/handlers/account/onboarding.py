"""First contact: greeting, emergency numbers, privacy notice, and choosing the home commune.

Choosing a commune is also how Settings changes it, so the picker lives here for both.
"""

import math

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import common
from bot.handlers.account.unfinished import unfinished_work
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name, province_name
from bot.handlers.menu import main_menu, show_main_menu
from bot.handlers.paging import page_buttons
from bot.services.communes import Commune
from bot.services.conversations import State
from bot.services.residents import Resident

FLOW = "commune"
STEP = "search"
PAGE_SIZE = 10
MIN_QUERY = 2


async def start(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    # An unsent report survives /start (often the first thing sent after the bot seemed down).
    unfinished = unfinished_work(context.application)
    draft_kept = resident.onboarded and await unfinished.kept(context, resident)
    if not draft_kept:
        await context.services.conversations.clear(resident.telegram_id)
    if resident.privacy_accepted_at is None:
        await _greet(update, context, resident)
    elif resident.home_commune_code is None:
        await ask_commune(update, context, resident)
    else:
        name = commune_name(context, resident.home_commune_code)
        keyboard = main_menu(context.services.translator, resident.locale)
        await common.reply(
            update,
            context,
            tr(context, resident.locale, "start-welcome-back", commune=name),
            keyboard,
        )
        if draft_kept:
            await unfinished.offer(update, context, resident)


async def resume(update: Update, context: BotContext, resident: Resident) -> None:
    """A resident who has not finished onboarding wrote something: take them to the next step."""
    if resident.privacy_accepted_at is None:
        await common.reply(
            update,
            context,
            tr(context, resident.locale, "privacy-needed"),
            _privacy_keyboard(context, resident.locale),
        )
    else:
        await ask_commune(update, context, resident)


async def _greet(update: Update, context: BotContext, resident: Resident) -> None:
    locale = resident.locale
    text = "\n\n".join(
        (
            tr(context, locale, "start-greeting"),
            tr(context, locale, "emergency"),
            tr(context, locale, "privacy-notice"),
        )
    )
    await common.reply(update, context, text, _privacy_keyboard(context, locale))


def _privacy_keyboard(context: BotContext, locale: str) -> InlineKeyboardMarkup:
    button = InlineKeyboardButton(
        tr(context, locale, "privacy-accept"), callback_data=cb("pv", "ok")
    )
    return InlineKeyboardMarkup([[button]])


async def on_privacy(update: Update, context: BotContext, _: Callback) -> None:
    resident = await common.current_resident(update, context)
    if resident.privacy_accepted_at is not None:
        await common.answer(update, tr(context, resident.locale, "button-done"))
        if resident.home_commune_code is None:
            await ask_commune(update, context, resident)
        return
    resident = await context.services.residents.accept_privacy(resident.telegram_id)
    await common.answer(update, tr(context, resident.locale, "privacy-accepted"))
    await common.clear_buttons(update)
    await ask_commune(update, context, resident)


async def ask_commune(update: Update, context: BotContext, resident: Resident) -> None:
    await context.services.conversations.set(resident.telegram_id, State(FLOW, STEP))
    await common.reply(
        update,
        context,
        tr(context, resident.locale, "commune-ask"),
        _browse_keyboard(context, resident.locale),
    )


def _browse_keyboard(context: BotContext, locale: str) -> InlineKeyboardMarkup:
    provinces = context.services.directory.province_codes
    button = InlineKeyboardButton(
        tr(context, locale, "commune-browse"), callback_data=cb("cm", "p", provinces[0], 1)
    )
    rows = [[button]]
    if len(provinces) > 1:
        rows = [
            [
                InlineKeyboardButton(
                    province_name(context, code),
                    callback_data=cb("cm", "p", code, 1),
                )
            ]
            for code in provinces
        ]
    return InlineKeyboardMarkup(rows)


def _commune_buttons(communes: list[Commune]) -> list[list[InlineKeyboardButton]]:
    return [[InlineKeyboardButton(c.name, callback_data=cb("cm", "s", c.code))] for c in communes]


async def on_commune_text(
    update: Update, context: BotContext, resident: Resident, _: State
) -> None:
    message = common.message_of(update)
    locale = resident.locale
    if not message.text:
        hint = tr(context, locale, "commune-ask")
        await common.reply(
            update,
            context,
            tr(context, locale, "text-expected", hint=hint),
            _browse_keyboard(context, locale),
        )
        return
    query = message.text.strip()[:100]
    if len(query) < MIN_QUERY:
        await common.reply(
            update,
            context,
            tr(context, locale, "commune-too-short"),
            _browse_keyboard(context, locale),
        )
        return
    directory = context.services.directory
    matches = directory.search(query)
    if matches:
        keyboard = InlineKeyboardMarkup(_commune_buttons(matches))
        await common.reply(update, context, tr(context, locale, "commune-matches"), keyboard)
        return
    suggestions = directory.suggest(query)
    lines = [tr(context, locale, "commune-no-match", query=query)]
    lines.append(tr(context, locale, "commune-suggestions" if suggestions else "commune-try-again"))
    browse = [list(row) for row in _browse_keyboard(context, locale).inline_keyboard]
    rows = _commune_buttons(suggestions) + browse
    await common.reply(update, context, "\n".join(lines), InlineKeyboardMarkup(rows))


async def on_commune_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    if resident.privacy_accepted_at is None:
        await common.answer(update, tr(context, locale, "privacy-needed"), alert=True)
        return
    if data.action == "p":
        await _show_page(update, context, locale, data.int_arg(0), data.int_arg(1))
        return
    code = data.int_arg(0) if data.action == "s" else None
    commune = context.services.directory.get(code) if code is not None else None
    if commune is None:
        raise common.Refused()
    await common.answer(update)
    was_onboarded = resident.onboarded
    resident = await context.services.residents.set_home_commune(resident.telegram_id, commune.code)
    await context.services.conversations.clear(resident.telegram_id)
    await common.edit(update, tr(context, locale, "commune-saved", commune=commune.name))
    if not was_onboarded:
        await show_main_menu(update, context, resident)


async def _show_page(
    update: Update, context: BotContext, locale: str, province: int | None, page: int | None
) -> None:
    directory = context.services.directory
    if province is None or province not in directory.province_codes or page is None:
        raise common.Refused()
    communes = directory.in_province(province)
    pages = max(1, math.ceil(len(communes) / PAGE_SIZE))
    if not 1 <= page <= pages:
        raise common.Refused()
    await common.answer(update)
    rows = _commune_buttons(communes[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    rows += page_buttons(
        context, locale, page, pages, lambda n: cb("cm", "p", province, n), first=1
    )
    text = tr(
        context,
        locale,
        "commune-page",
        province=province_name(context, province),
        page=page,
        pages=pages,
    )
    await common.edit(update, text, InlineKeyboardMarkup(rows))
