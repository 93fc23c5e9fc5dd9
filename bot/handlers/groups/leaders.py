"""What a group's leaders do, from the group's card in private chat: answer join requests,
page through members and remove one (with a reason the member is told, and out of the chat
too), post a notice to the members, edit the description, meeting time and place and public
contact, link the group's chat, send a positive story to the commune room, and accept mediation
requests. Every press and every typed answer is checked again: a leader of one group cannot act
on another, and a request another leader already answered is said to be answered."""

from collections.abc import Awaitable

from telegram import InlineKeyboardMarkup, Update

from bot.handlers import broadcasts, common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import refusal
from bot.handlers.groups import chats
from bot.handlers.groups.render import FLOW, LEADER, RESIDENT, button, leader_card, leader_keyboard
from bot.handlers.groups.typed import submitted
from bot.handlers.paging import page_buttons
from bot.i18n import Html, escape
from bot.services.conversations import State
from bot.services.group_membership import PER_PAGE, REASON_MAX
from bot.services.group_posts import NOTICE_MAX, STORY_MAX
from bot.services.groups import CONTACT_MAX, DESCRIPTION_MAX, MEETING_MAX
from bot.services.residents import Resident
from bot.services.roles import Refusal

EDITS = {
    "d": ("description", DESCRIPTION_MAX),
    "m": ("meeting", MEETING_MAX),
    "c": ("contact", CONTACT_MAX),
}


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    handler = _ACTIONS.get(data.action)
    target = data.int_arg(0)
    if handler is None or target is None:
        raise common.Refused()
    try:
        await handler(update, context, resident, target, data)
    except Refusal as refused:
        if refused.reason in ("group-gone", "request-gone", "member-gone"):
            raise common.Refused() from refused
        raise


async def _card(
    update: Update, context: BotContext, resident: Resident, group_id: int, data: Callback
) -> None:
    group = await context.services.groups.led(resident.telegram_id, group_id)
    await common.answer(update)
    locale = resident.locale
    await common.edit(
        update, leader_card(context, locale, group), leader_keyboard(context, locale, group)
    )


async def _requests(
    update: Update, context: BotContext, resident: Resident, group_id: int, data: Callback
) -> None:
    locale = resident.locale
    pending = await context.services.membership.requests(resident.telegram_id, group_id)
    await common.answer(update)
    if not pending:
        await common.reply(update, context, tr(context, locale, "group-requests-none"))
        return
    for request in pending:
        text = tr(
            context,
            locale,
            "group-request-line",
            name=request.display_name,
            message=request.message or "—",
        )
        await common.reply(update, context, text, decision_keyboard(context, locale, request.id))


def decision_keyboard(context: BotContext, locale: str, member_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(tr(context, locale, "group-approve"), LEADER, "a", member_id),
                button(tr(context, locale, "group-decline"), LEADER, "d", member_id),
            ]
        ]
    )


async def _answer_request[T](
    update: Update, context: BotContext, locale: str, answering: Awaitable[T]
) -> T | None:
    """A leader's answer to a request (to join, for mediation), the press answered; None when
    another leader answered it first: the press says so and loses its buttons."""
    try:
        answered = await answering
    except Refusal as refused:
        if refused.reason != "request-answered":
            raise
        await common.answer(update, refusal(context, locale, refused))
        await common.clear_buttons(update)
        return None
    common.send_soon(context)
    await common.answer(update)
    return answered


async def _decide(
    update: Update, context: BotContext, resident: Resident, member_id: int, data: Callback
) -> None:
    locale = resident.locale
    deciding = context.services.membership.decide(
        resident.telegram_id, member_id, approve=data.action == "a"
    )
    decision = await _answer_request(update, context, locale, deciding)
    if decision is None:
        return
    key = "group-approved" if decision.approved else "group-declined"
    text = tr(context, locale, key, name=decision.member.display_name, group=decision.group.name)
    await common.edit(update, text)


async def _members(
    update: Update, context: BotContext, resident: Resident, group_id: int, data: Callback
) -> None:
    locale = resident.locale
    page = await context.services.membership.members(
        resident.telegram_id, group_id, data.int_arg(1) or 0
    )
    await common.answer(update)
    rows = [[button(f"➖ {m.display_name}", LEADER, "rm", m.id)] for m in page.items]
    rows += page_buttons(
        context, locale, page.page, page.pages, lambda n: cb(LEADER, "mb", group_id, n)
    )
    rows.append([button(tr(context, locale, "group-back-card"), LEADER, "o", group_id)])
    names = "\n".join(
        f"{page.page * PER_PAGE + i + 1}. {escape(m.display_name)}"
        for i, m in enumerate(page.items)
    )
    text = tr(
        context,
        locale,
        "group-members-page",
        total=page.total,
        page=page.page + 1,
        pages=page.pages,
        names=Html(names),
    )
    await common.edit(update, text, InlineKeyboardMarkup(rows))


async def _remove(
    update: Update, context: BotContext, resident: Resident, member_id: int, data: Callback
) -> None:
    member = await context.services.membership.member(member_id)
    if member is None or member.status != "member":
        raise Refusal("member-gone")
    await context.services.groups.led(resident.telegram_id, member.group_id)
    await common.answer(update)
    state = State(FLOW, "remove_reason", {"m": member_id})
    await context.services.conversations.set(resident.telegram_id, state)
    text = tr(
        context, resident.locale, "group-remove-ask", name=member.display_name, max=REASON_MAX
    )
    await common.reply(update, context, text)


async def on_remove_reason(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    locale = resident.locale
    text = await _typed(update, context, resident, "group-remove-need-reason", REASON_MAX)
    if text is None:
        return
    removal = await context.services.membership.remove(
        resident.telegram_id, int(state.data.get("m", 0)), text
    )
    common.send_soon(context)
    await chats.remove_from_chat(context, removal.group.chat_id, removal.member.telegram_id)
    member, group = removal.member.display_name, removal.group.name
    await common.reply(
        update, context, tr(context, locale, "group-removed", name=member, group=group)
    )


async def _ask(
    update: Update,
    context: BotContext,
    resident: Resident,
    group_id: int,
    step: str,
    key: str,
    **data: object,
) -> None:
    group = await context.services.groups.led(resident.telegram_id, group_id)
    await common.answer(update)
    state = State(FLOW, step, {"g": group_id, **data})
    await context.services.conversations.set(resident.telegram_id, state)
    await common.reply(update, context, tr(context, resident.locale, key, name=group.name))


async def _notice(
    update: Update, context: BotContext, resident: Resident, group_id: int, data: Callback
) -> None:
    await _ask(update, context, resident, group_id, "notice", "group-notice-ask")


async def on_notice(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    text = await _typed(update, context, resident, "group-need-text", NOTICE_MAX)
    if text is None:
        return
    notice = await context.services.group_posts.post_notice(
        resident.telegram_id, int(state.data.get("g", 0)), text
    )
    batch_id = await context.services.notices.broadcast_of(notice.id)
    if batch_id is not None:
        await broadcasts.follow(context, batch_id, resident)


async def _edit(
    update: Update, context: BotContext, resident: Resident, group_id: int, data: Callback
) -> None:
    field = data.args[1] if len(data.args) > 1 else ""
    if field not in EDITS:
        raise Refusal("group-gone")
    await _ask(update, context, resident, group_id, "edit", f"group-edit-ask-{field}", f=field)


async def on_edit(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    locale = resident.locale
    field = str(state.data.get("f", ""))
    if field not in EDITS:
        await context.services.conversations.clear(resident.telegram_id)
        return
    name, limit = EDITS[field]
    text = await _typed(update, context, resident, "group-need-text", limit)
    if text is None:
        return
    group = await context.services.groups.edit(
        resident.telegram_id, int(state.data.get("g", 0)), **{name: text}
    )
    await common.reply(
        update,
        context,
        leader_card(context, locale, group),
        leader_keyboard(context, locale, group),
    )


async def _link(
    update: Update, context: BotContext, resident: Resident, group_id: int, data: Callback
) -> None:
    group = await context.services.groups.led(resident.telegram_id, group_id)
    await common.answer(update)
    await common.reply(update, context, tr(context, resident.locale, "group-link-how", id=group.id))


async def _story(
    update: Update, context: BotContext, resident: Resident, group_id: int, data: Callback
) -> None:
    await _ask(update, context, resident, group_id, "story", "group-story-ask")


async def on_story(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    message = common.message_of(update)
    locale = resident.locale
    text = (message.text or message.caption or "").strip()
    photo = message.photo[-1].file_id if message.photo else None
    if not text:
        await common.reply(update, context, tr(context, locale, "group-story-need-text"))
        return
    if await common.too_long(update, context, locale, text, STORY_MAX):
        return
    submitting = context.services.group_posts.submit_story(
        resident.telegram_id, int(state.data.get("g", 0)), text, photo
    )
    story = await submitted(update, context, resident, submitting, "text-length")
    if story is None:
        return
    await context.services.conversations.clear(resident.telegram_id)
    common.send_soon(context)
    await common.reply(
        update, context, tr(context, locale, "group-story-sent", name=story.group_name)
    )


async def _accept_mediation(
    update: Update, context: BotContext, resident: Resident, request_id: int, data: Callback
) -> None:
    locale = resident.locale
    accepting = context.services.group_posts.accept_mediation(resident.telegram_id, request_id)
    accepted = await _answer_request(update, context, locale, accepting)
    if accepted is None:
        return
    await common.edit(
        update,
        tr(
            context,
            locale,
            "group-mediation-accepted",
            name=accepted.display_name,
            text=accepted.text,
        ),
        InlineKeyboardMarkup(
            [[button(tr(context, locale, "group-back-card"), RESIDENT, "o", accepted.group_id)]]
        ),
    )


async def _typed(
    update: Update, context: BotContext, resident: Resident, empty_key: str, limit: int
) -> str | None:
    """The text a leader typed at a step, the step then over; None (the step kept) once they
    were told it was empty or too long."""
    again = tr(context, resident.locale, empty_key)
    text = await common.typed(update, context, resident.locale, again, limit)
    if text is not None:
        await context.services.conversations.clear(resident.telegram_id)
    return text


_ACTIONS = {
    "o": _card,
    "rq": _requests,
    "a": _decide,
    "d": _decide,
    "mb": _members,
    "rm": _remove,
    "nt": _notice,
    "ed": _edit,
    "ln": _link,
    "st": _story,
    "ma": _accept_mediation,
}
