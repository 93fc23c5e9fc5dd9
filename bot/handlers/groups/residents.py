"""What residents do with community groups: "🤝 Tổ tự quản" lists the groups of their commune
(their own first, then by kind, with member counts) and searches them by typing ("thon 3",
"hoa giai"); a group's card lets them ask to join (with an optional short message), leave,
read the group's notices, get a one-person invite to its chat, and ask a mediation team for
mediation. Every press reads the group and the resident's standing again."""

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.groups import chats
from bot.handlers.groups.render import (
    FLOW,
    RESIDENT,
    button,
    card,
    card_keyboard,
    display_name_of,
    kind_label,
    line,
)
from bot.handlers.groups.typed import submitted
from bot.handlers.information import rumors
from bot.handlers.information.browse import send_notice
from bot.handlers.paging import page_buttons
from bot.i18n import Html
from bot.services.conversations import State
from bot.services.group_membership import MESSAGE_MAX, display_name
from bot.services.group_posts import MEDIATION_MAX
from bot.services.groups import GroupView
from bot.services.residents import Resident
from bot.services.roles import Refusal
from bot.services.scopes import Scope, ScopeKind

PER_PAGE = 8
SEARCH_RESULTS = 10


async def show_groups(update: Update, context: BotContext, resident: Resident) -> None:
    """The menu item: the commune's groups, and typing searches them."""
    await context.services.conversations.set(resident.telegram_id, State(FLOW, "search"))
    text, markup = await _overview(context, resident)
    await common.reply(update, context, text, markup)


async def _overview(
    context: BotContext, resident: Resident
) -> tuple[Html, InlineKeyboardMarkup | None]:
    services, locale = context.services, resident.locale
    commune = services.directory.get(resident.home_commune_code or 0)
    if commune is None:
        return tr(context, locale, "groups-no-commune"), None
    mine = await services.groups.of_person(resident.telegram_id)
    listed = await services.groups.of_commune(commune.code)
    counts: dict[str, int] = {}
    for group in listed:
        counts[group.kind] = counts.get(group.kind, 0) + 1
    rows = [[button(f"⭐ {line(context, locale, g)}", RESIDENT, "o", g.id)] for g, _ in mine[:10]]
    keys = services.group_kinds.keys()
    rows += [
        [button(f"{kind_label(context, locale, k)} ({counts[k]})", RESIDENT, "k", keys.index(k), 0)]
        for k in keys
        if counts.get(k)
    ]
    key = "groups-overview" if listed else "groups-overview-empty"
    text = tr(context, locale, key, commune=commune.name, count=len(listed))
    # Telegram refuses an inline keyboard without a button.
    return text, InlineKeyboardMarkup(rows) if rows else None


async def on_search(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    message = common.message_of(update)
    locale = resident.locale
    if message.forward_origin is not None:
        # A forwarded message is a rumor to check, wherever the resident was.
        await context.services.conversations.clear(resident.telegram_id)
        await rumors.on_forward(update, context, resident)
        return
    query = (message.text or "").strip()
    if not query or query.startswith("/"):
        await context.services.conversations.clear(resident.telegram_id)
        await common.reply(update, context, tr(context, locale, "groups-search-hint"))
        return
    if await common.too_long(update, context, locale, query, 100):
        return
    found = await context.services.groups.search(resident.home_commune_code or 0, query)
    if not found:
        await common.reply(update, context, tr(context, locale, "groups-search-none", query=query))
        return
    rows = [[button(line(context, locale, g), RESIDENT, "o", g.id)] for g in found[:SEARCH_RESULTS]]
    text = tr(context, locale, "groups-search-found", query=query, count=len(found))
    await common.reply(update, context, text, InlineKeyboardMarkup(rows))


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    if not resident.onboarded:
        raise common.Refused("groups-start-first", alert=True)
    if data.action == "h":
        await common.answer(update)
        await context.services.conversations.set(resident.telegram_id, State(FLOW, "search"))
        text, markup = await _overview(context, resident)
        await common.edit(update, text, markup)
        return
    if data.action == "k":
        await _kind_page(update, context, resident, data)
        return
    handler = _ACTIONS.get(data.action)
    group_id = data.int_arg(0)
    group = await context.services.groups.get(group_id) if group_id is not None else None
    if handler is None or group is None or (not group.active and data.action != "o"):
        raise common.Refused()
    if data.action == "nt":
        await _notice(update, context, resident, group, data.int_arg(1) or 0)
    else:
        await handler(update, context, resident, group)


async def _kind_page(
    update: Update, context: BotContext, resident: Resident, data: Callback
) -> None:
    services, locale = context.services, resident.locale
    keys = services.group_kinds.keys()
    index, page = data.int_arg(0), data.int_arg(1) or 0
    if index is None or not 0 <= index < len(keys):
        raise common.Refused()
    await common.answer(update)
    listed = [
        g
        for g in await services.groups.of_commune(resident.home_commune_code or 0)
        if g.kind == keys[index]
    ]
    pages = max(1, -(-len(listed) // PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = listed[page * PER_PAGE : (page + 1) * PER_PAGE]
    rows = [[button(line(context, locale, g), RESIDENT, "o", g.id)] for g in shown]
    rows += page_buttons(context, locale, page, pages, lambda n: cb(RESIDENT, "k", index, n))
    rows.append([button(tr(context, locale, "group-back"), RESIDENT, "h")])
    text = tr(
        context,
        locale,
        "groups-kind-page",
        kind=kind_label(context, locale, keys[index]),
        description=services.group_kinds.all()[index].description(locale),
        page=page + 1,
        pages=pages,
    )
    await common.edit(update, text, InlineKeyboardMarkup(rows))


async def standing_of(context: BotContext, group: GroupView, telegram_id: int) -> str | None:
    if telegram_id in group.leaders:
        return "leader"
    return await context.services.membership.status(group.id, telegram_id)


async def show_card(
    update: Update, context: BotContext, resident: Resident, group: GroupView, *, new: bool = False
) -> None:
    services, locale = context.services, resident.locale
    standing = await standing_of(context, group, resident.telegram_id)
    staff = await services.groups.staff(resident.telegram_id)
    markup = card_keyboard(
        context,
        locale,
        group,
        standing,
        leads=services.groups.may_lead(staff, group),
        manages=services.groups.may_manage(staff, group),
    )
    text = card(context, locale, group, standing)
    if new:
        await common.reply(update, context, text, markup)
    else:
        await common.edit(update, text, markup)


async def _open(update: Update, context: BotContext, resident: Resident, group: GroupView) -> None:
    await common.answer(update)
    await show_card(update, context, resident, group)


async def _join(update: Update, context: BotContext, resident: Resident, group: GroupView) -> None:
    await _request(update, context, resident, group, None)


async def _join_with_message(
    update: Update, context: BotContext, resident: Resident, group: GroupView
) -> None:
    if await standing_of(context, group, resident.telegram_id) is not None:
        raise Refusal("already-member")
    await common.answer(update)
    state = State(FLOW, "join_message", {"g": group.id})
    await context.services.conversations.set(resident.telegram_id, state)
    await common.reply(update, context, _ask_message(context, resident.locale))


def _ask_message(context: BotContext, locale: str) -> Html:
    return tr(context, locale, "group-ask-message", max=MESSAGE_MAX)


async def on_join_message(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    locale = resident.locale
    text = await common.typed(update, context, locale, _ask_message(context, locale), MESSAGE_MAX)
    if text is None:
        return
    group = await context.services.groups.get(int(state.data.get("g", 0)))
    await context.services.conversations.set(resident.telegram_id, State(FLOW, "search"))
    if group is None or not group.active:
        await common.reply(update, context, tr(context, locale, "refusal-group-gone"))
        return
    await _request(update, context, resident, group, text)


async def _request(
    update: Update,
    context: BotContext,
    resident: Resident,
    group: GroupView,
    message: str | None,
) -> None:
    if await standing_of(context, group, resident.telegram_id) is not None:
        raise Refusal("already-member")
    name = display_name(*display_name_of(update))
    await context.services.membership.request(group.id, resident.telegram_id, name, message)
    common.send_soon(context)
    if update.callback_query is not None:
        await common.answer(update)
    await common.reply(
        update, context, tr(context, resident.locale, "group-requested", name=group.name)
    )


async def _leave(update: Update, context: BotContext, resident: Resident, group: GroupView) -> None:
    await common.answer(update)
    text = tr(context, resident.locale, "group-leave-confirm", name=group.name)
    markup = InlineKeyboardMarkup(
        [
            [button(tr(context, resident.locale, "group-leave-yes"), RESIDENT, "lc", group.id)],
            [button(tr(context, resident.locale, "group-back-card"), RESIDENT, "o", group.id)],
        ]
    )
    await common.edit(update, text, markup)


async def _leave_confirmed(
    update: Update, context: BotContext, resident: Resident, group: GroupView
) -> None:
    left = await context.services.membership.leave(group.id, resident.telegram_id)
    await common.answer(update)
    await chats.remove_from_chat(context, left.chat_id, resident.telegram_id)
    await show_card(update, context, resident, left)


async def _chat(update: Update, context: BotContext, resident: Resident, group: GroupView) -> None:
    locale = resident.locale
    if await standing_of(context, group, resident.telegram_id) not in ("member", "leader"):
        raise Refusal("not-member")
    if group.chat_id is None:
        raise Refusal("no-chat")
    try:
        url = await chats.invite_link(context, group.chat_id, resident.telegram_id)
    except TelegramError:
        raise Refusal("chat-unavailable") from None
    await common.answer(update)
    markup = InlineKeyboardMarkup([[chats.url_button(tr(context, locale, "group-chat-open"), url)]])
    await common.reply(
        update, context, tr(context, locale, "group-chat-invite", name=group.name), markup
    )


async def _notices(
    update: Update, context: BotContext, resident: Resident, group: GroupView
) -> None:
    locale = resident.locale
    if await standing_of(context, group, resident.telegram_id) not in ("member", "leader"):
        raise Refusal("not-member")
    await common.answer(update)
    found = await context.services.notices.of_group(group.id)
    if not found:
        await common.reply(
            update, context, tr(context, locale, "group-notices-none", name=group.name)
        )
        return
    rows = [[button(f"📢 {n.title[:50]}", RESIDENT, "nt", group.id, n.id)] for n in found]
    await common.reply(
        update,
        context,
        tr(context, locale, "group-notices-title", name=group.name),
        InlineKeyboardMarkup(rows),
    )


async def _notice(
    update: Update, context: BotContext, resident: Resident, group: GroupView, notice_id: int
) -> None:
    if await standing_of(context, group, resident.telegram_id) not in ("member", "leader"):
        raise Refusal("not-member")
    notice = await context.services.notices.get(notice_id)
    if notice is None or notice.withdrawn or notice.scope != Scope(ScopeKind.GROUP, group.id):
        raise Refusal("notice-gone")
    await common.answer(update)
    await send_notice(update, context, resident.locale, notice)


async def _mediation(
    update: Update, context: BotContext, resident: Resident, group: GroupView
) -> None:
    kind = context.services.group_kinds.get(group.kind)
    if kind is None or not kind.mediation:
        raise Refusal("group-gone")
    await common.answer(update)
    state = State(FLOW, "mediation", {"g": group.id})
    await context.services.conversations.set(resident.telegram_id, state)
    await common.reply(
        update,
        context,
        tr(context, resident.locale, "group-mediation-ask", name=group.name, max=MEDIATION_MAX),
    )


async def on_mediation(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    locale = resident.locale
    again = tr(context, locale, "group-mediation-need-text")
    text = await common.typed(update, context, locale, again, MEDIATION_MAX)
    if text is None:
        return
    name = display_name(*display_name_of(update))
    requesting = context.services.group_posts.request_mediation(
        resident.telegram_id, int(state.data.get("g", 0)), name, text
    )
    sent = await submitted(update, context, resident, requesting, "mediation-length")
    if sent is None:
        return
    await context.services.conversations.set(resident.telegram_id, State(FLOW, "search"))
    common.send_soon(context)
    await common.reply(
        update, context, tr(context, locale, "group-mediation-sent", name=sent.group_name)
    )


_ACTIONS = {
    "o": _open,
    "j": _join,
    "jm": _join_with_message,
    "l": _leave,
    "lc": _leave_confirmed,
    "c": _chat,
    "n": _notices,
    "nt": _notices,
    "m": _mediation,
}
