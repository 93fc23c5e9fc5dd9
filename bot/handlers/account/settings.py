"""A resident's own account: help, settings, language, their data (/mydata) and erasure
(/deleteme), and /cancel."""

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import common
from bot.handlers.account.erasure import erasure_hooks
from bot.handlers.account.onboarding import ask_commune
from bot.handlers.account.unfinished import unfinished_work
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name, local_time, province_name, role_at
from bot.handlers.menu import main_menu
from bot.i18n import LOCALES, Html
from bot.services.residents import Resident
from bot.services.roles import Role, StaffRoles


async def help_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    markup = main_menu(context.services.translator, resident.locale) if resident.onboarded else None
    await common.reply(update, context, tr(context, resident.locale, "help"), markup)


def _commune_name(context: BotContext, resident: Resident) -> str:
    if resident.home_commune_code is None:
        return tr(context, resident.locale, "commune-not-set")
    return commune_name(context, resident.home_commune_code)


# Each kind of notice a resident may turn on or off: (switch, callback action, label key).
SWITCHES = (
    ("warnings", "nw", "notify-warnings"),
    ("announcements", "na", "notify-announcements"),
    ("positive", "np", "notify-positive"),
)
# Quiet hours offered as buttons (minutes after midnight): typing times is hard on a phone.
QUIET_CHOICES = ((22 * 60, 6 * 60), (21 * 60, 7 * 60), (23 * 60, 5 * 60), (20 * 60, 6 * 60))


def _is_on(resident: Resident, switch: str) -> bool:
    return bool(getattr(resident, f"notify_{switch}"))


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def quiet_text(context: BotContext, locale: str, start: int | None, end: int | None) -> Html:
    if start is None or end is None:
        return tr(context, locale, "quiet-none")
    return tr(context, locale, "quiet-hours", start=_clock(start), end=_clock(end))


def notifications_summary(context: BotContext, resident: Resident) -> Html:
    locale = resident.locale
    kinds = [
        tr(context, locale, key + "-short")
        for switch, _, key in SWITCHES
        if _is_on(resident, switch)
    ]
    taken = ", ".join(kinds) if kinds else tr(context, locale, "notifications-none")
    quiet = quiet_text(context, locale, resident.quiet_start, resident.quiet_end)
    return Html(f"{taken} · {quiet}")


def _settings_view(context: BotContext, resident: Resident) -> tuple[Html, InlineKeyboardMarkup]:
    locale = resident.locale
    text = tr(
        context,
        locale,
        "settings-title",
        language=tr(context, locale, "language-name"),
        commune=_commune_name(context, resident),
        notifications=notifications_summary(context, resident),
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    tr(context, locale, "settings-language"), callback_data=cb("st", "lang")
                )
            ],
            [
                InlineKeyboardButton(
                    tr(context, locale, "settings-commune"), callback_data=cb("st", "commune")
                )
            ],
            [
                InlineKeyboardButton(
                    tr(context, locale, "settings-notifications"), callback_data=cb("st", "notif")
                )
            ],
        ]
    )
    return text, keyboard


def _notifications_view(
    context: BotContext, resident: Resident
) -> tuple[Html, InlineKeyboardMarkup]:
    locale = resident.locale
    rows = []
    for switch, action, key in SWITCHES:
        state = tr(context, locale, "switch-on" if _is_on(resident, switch) else "switch-off")
        label = tr(context, locale, key, state=state)
        rows.append([InlineKeyboardButton(label, callback_data=cb("st", action))])
    quiet = quiet_text(context, locale, resident.quiet_start, resident.quiet_end)
    rows.append(
        [
            InlineKeyboardButton(
                tr(context, locale, "notify-quiet", quiet=quiet), callback_data=cb("st", "q")
            )
        ]
    )
    rows.append([InlineKeyboardButton(tr(context, locale, "back"), callback_data=cb("st", "s"))])
    text = tr(
        context, locale, "notifications-title", summary=notifications_summary(context, resident)
    )
    return text, InlineKeyboardMarkup(rows)


def _quiet_view(context: BotContext, resident: Resident) -> tuple[Html, InlineKeyboardMarkup]:
    locale = resident.locale
    rows = [
        [
            InlineKeyboardButton(
                quiet_text(context, locale, start, end), callback_data=cb("st", "qs", start, end)
            )
        ]
        for start, end in QUIET_CHOICES
    ]
    rows.append(
        [
            InlineKeyboardButton(
                tr(context, locale, "quiet-none"), callback_data=cb("st", "qs", "-", "-")
            )
        ]
    )
    rows.append(
        [InlineKeyboardButton(tr(context, locale, "back"), callback_data=cb("st", "notif"))]
    )
    return tr(context, locale, "quiet-choose"), InlineKeyboardMarkup(rows)


async def settings_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    await show_settings(update, context, resident)


async def show_settings(update: Update, context: BotContext, resident: Resident) -> None:
    text, keyboard = _settings_view(context, resident)
    await common.reply(update, context, text, keyboard)


def _language_keyboard(context: BotContext) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(tr(context, locale, "language-name"), callback_data=cb("lg", locale))
        for locale in LOCALES
    ]
    return InlineKeyboardMarkup([buttons])


async def language_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    await common.reply(
        update,
        context,
        tr(context, resident.locale, "language-choose"),
        _language_keyboard(context),
    )


async def on_settings_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    if data.action == "lang":
        await common.answer(update)
        await common.edit(
            update, tr(context, locale, "language-choose"), _language_keyboard(context)
        )
    elif data.action == "commune":
        await common.answer(update)
        await ask_commune(update, context, resident)
    elif data.action in ("notif", "s", "q"):
        await common.answer(update)
        views = {"notif": _notifications_view, "s": _settings_view, "q": _quiet_view}
        text, keyboard = views[data.action](context, resident)
        await common.edit(update, text, keyboard)
    elif data.action in {action for _, action, _ in SWITCHES}:
        switch = next(s for s, action, _ in SWITCHES if action == data.action)
        enabled = not _is_on(resident, switch)
        residents = context.services.residents
        resident = await residents.set_notification(resident.telegram_id, switch, enabled)
        await common.answer(
            update, tr(context, locale, "switch-now-on" if enabled else "switch-now-off")
        )
        text, keyboard = _notifications_view(context, resident)
        await common.edit(update, text, keyboard)
    elif data.action == "qs" and _quiet_choice(data) is not None:
        start, end = _quiet_choice(data) or (None, None)
        resident = await context.services.residents.set_quiet_hours(
            resident.telegram_id, start, end
        )
        await common.answer(update, tr(context, locale, "quiet-set"))
        text, keyboard = _notifications_view(context, resident)
        await common.edit(update, text, keyboard)
    else:
        raise common.Refused()


def _quiet_choice(data: Callback) -> tuple[int | None, int | None] | None:
    """One of the offered choices, or None for anything forged."""
    if data.args == ("-", "-"):
        return None, None
    start, end = data.int_arg(0), data.int_arg(1)
    if (start, end) in QUIET_CHOICES:
        return start, end
    return None


async def on_language_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    if data.action not in LOCALES:
        raise common.Refused()
    resident = await context.services.residents.set_locale(resident.telegram_id, data.action)
    await common.answer(update)
    await common.edit(update, tr(context, resident.locale, "language-set"))
    if resident.onboarded:
        keyboard = main_menu(context.services.translator, resident.locale)
        await common.reply(update, context, tr(context, resident.locale, "menu-ready"), keyboard)


def _date(value: datetime | None, context: BotContext, locale: str) -> str:
    if value is None:
        return tr(context, locale, "mydata-none")
    return local_time(context, value)


def _roles_text(context: BotContext, locale: str, roles: StaffRoles) -> str:
    parts = [tr(context, locale, "mydata-resident")]
    if roles.superadmin:
        parts.append(tr(context, locale, "role-superadmin"))
    for role, codes in ((Role.MODERATOR, roles.moderator_of), (Role.LEADER, roles.leader_of)):
        parts += [role_at(context, locale, role, commune_name(context, c)) for c in sorted(codes)]
    for province in sorted(roles.admin_of):
        parts.append(role_at(context, locale, Role.ADMIN, province_name(context, province)))
    return ", ".join(parts)


def _flow_name(context: BotContext, locale: str, flow: str) -> str:
    key = f"flow-{flow}"
    return tr(context, locale, key) if context.services.translator.has(key, locale) else flow


async def mydata_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    roles = await context.services.roles.of(resident.telegram_id)
    state = await context.services.conversations.get(resident.telegram_id)
    text = tr(
        context,
        locale,
        "mydata",
        telegram_id=str(resident.telegram_id),
        language=tr(context, locale, "language-name"),
        commune=_commune_name(context, resident),
        notifications=notifications_summary(context, resident),
        privacy=_date(resident.privacy_accepted_at, context, locale),
        created=_date(resident.created_at, context, locale),
        roles=_roles_text(context, locale, roles),
        draft=_flow_name(context, locale, state.flow)
        if state
        else tr(context, locale, "mydata-none"),
    )
    groups = await context.services.groups.of_person(resident.telegram_id)
    if groups:
        standing = ", ".join(
            tr(context, locale, f"mydata-group-{role}", name=group.name) for group, role in groups
        )
        text = Html(text + "\n" + tr(context, locale, "mydata-groups", groups=Html(standing)))
    await common.reply(update, context, text)


async def deleteme_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    tr(context, locale, "deleteme-yes"), callback_data=cb("dm", "yes")
                )
            ],
            [
                InlineKeyboardButton(
                    tr(context, locale, "deleteme-no"), callback_data=cb("dm", "no")
                )
            ],
        ]
    )
    await common.reply(update, context, tr(context, locale, "deleteme-confirm"), keyboard)


async def on_deleteme_button(update: Update, context: BotContext, data: Callback) -> None:
    user = update.effective_user
    assert user is not None
    resident = await context.services.residents.get(user.id)
    if resident is None:
        # Already erased (a second tap): say nothing that would recreate the record.
        await common.answer(update)
        await common.clear_buttons(update)
        return
    locale = resident.locale
    if data.action == "yes":
        erased = await context.services.residents.erase(user.id)
        await common.answer(update)
        await common.edit(update, tr(context, locale, "deleteme-done"))
        if erased is not None:
            await erasure_hooks(context.application).tell(context, erased)
    elif data.action == "no":
        await common.answer(update)
        await common.edit(update, tr(context, locale, "deleteme-cancelled"))
    else:
        raise common.Refused()


async def cancel_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    state = await context.services.conversations.get(resident.telegram_id)
    markup = main_menu(context.services.translator, resident.locale) if resident.onboarded else None
    if state is None:
        await common.reply(
            update, context, tr(context, resident.locale, "nothing-to-cancel"), markup
        )
        return
    if await unfinished_work(context.application).ask_discard(update, context, resident, state):
        return
    await context.services.conversations.clear(resident.telegram_id)
    await common.reply(update, context, tr(context, resident.locale, "cancelled"), markup)
