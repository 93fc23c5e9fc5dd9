"""What commune moderators and province admins do with groups: `/newgroup` (commune, kind, name,
hamlet, description), `/groupleader GROUP_ID USER_ID [remove]`, a group's admin card (appoint or
dismiss leaders, archive, merge into another group of the commune), `/groups` (figures and a
chart), and leaders' positive stories in the commune room (publish as a notice, edit, decline).
Every press is checked against the presser's roles in the database."""

import secrets

from telegram import InlineKeyboardMarkup, MessageOriginUser, Update
from telegram.constants import ChatType

from bot.handlers import common
from bot.handlers.callbacks import Callback
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name, refusal
from bot.handlers.groups.render import (
    FLOW,
    STAFF,
    button,
    kind_label,
    person,
    staff_card,
    staff_keyboard,
)
from bot.handlers.groups.typed import submitted
from bot.i18n import Html
from bot.services.conversations import State
from bot.services.group_membership import display_name
from bot.services.groups import DESCRIPTION_MAX, HAMLET_MAX, NAME_MAX, GroupDraft
from bot.services.residents import Resident
from bot.services.roles import Refusal

SKIP = "-"


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    locale = await common.user_locale(update, context)
    handler = _ACTIONS.get(data.action)
    if handler is None or not data.args:
        raise common.Refused()
    try:
        await handler(update, context, locale, data)
    except Refusal as refused:
        if refused.reason in ("group-gone", "story-gone"):
            raise common.Refused() from refused
        raise


def _user(update: Update) -> int:
    user = update.effective_user
    assert user is not None
    return user.id


async def _card(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    group = await context.services.groups.managed(_user(update), data.int_arg(0) or 0)
    names = await context.services.membership.names(group.id, group.leaders)
    await common.answer(update)
    await common.edit(
        update,
        staff_card(context, locale, group, names),
        staff_keyboard(context, locale, group, names),
    )


async def _ask(
    update: Update, context: BotContext, locale: str, data: Callback, step: str, key: str
) -> None:
    group = await context.services.groups.managed(_user(update), data.int_arg(0) or 0)
    if not group.active:
        raise Refusal("group-gone")
    await common.answer(update)
    await context.services.conversations.set(_user(update), State(FLOW, step, {"g": group.id}))
    await common.reply(update, context, tr(context, locale, key, name=group.name))


async def _appoint(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    await _ask(update, context, locale, data, "appoint", "group-appoint-ask")


def _named_person(update: Update) -> tuple[int, str | None] | None:
    """Who a moderator names as the new leader: a contact shared from their phone book (Telegram
    adds the person's id when they use Telegram), a message forwarded from the person (when the
    person's privacy settings let Telegram show who wrote it), or the Telegram id typed."""
    message = common.message_of(update)
    contact = message.contact
    if contact is not None and contact.user_id is not None:
        return contact.user_id, display_name(contact.first_name, contact.last_name)
    if isinstance(message.forward_origin, MessageOriginUser):
        user = message.forward_origin.sender_user
        return user.id, display_name(user.first_name, user.last_name)
    text = (message.text or "").strip()
    return (int(text), None) if text.isdigit() and len(text) <= 19 else None


async def on_appoint(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    named = _named_person(update)
    if named is None:
        await common.reply(update, context, tr(context, resident.locale, "group-appoint-ask-id"))
        return
    await context.services.conversations.clear(resident.telegram_id)
    telegram_id, name = named
    await _change_leader(
        update, context, resident.locale, int(state.data.get("g", 0)), telegram_id, name=name
    )


async def _change_leader(
    update: Update,
    context: BotContext,
    locale: str,
    group_id: int,
    telegram_id: int,
    *,
    remove: bool = False,
    name: str | None = None,
) -> None:
    groups = context.services.groups
    staff = await groups.staff(_user(update))
    try:
        if remove:
            changed = await groups.dismiss(staff, group_id, telegram_id)
        else:
            changed = await groups.appoint(staff, group_id, telegram_id)
    except Refusal as refused:
        await common.reply(update, context, refusal(context, locale, refused))
        return
    common.send_soon(context)
    group = await groups.get(group_id)
    assert group is not None
    key = (
        ("group-leader-removed" if remove else "group-leader-added")
        if changed
        else ("group-leader-unchanged")
    )
    if name is None:
        name = (await context.services.membership.names(group_id, (telegram_id,))).get(telegram_id)
    who = person(telegram_id, name)
    await common.reply(update, context, tr(context, locale, key, who=who, name=group.name))


async def _dismiss(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    group = await context.services.groups.managed(_user(update), data.int_arg(0) or 0)
    leader = data.int_arg(1)
    if leader is None or leader not in group.leaders:
        raise Refusal("group-gone")
    await common.answer(update)
    await _change_leader(update, context, locale, group.id, leader, remove=True)


async def groupleader_command(update: Update, context: BotContext) -> None:
    locale = await common.user_locale(update, context)
    args = context.args or []
    remove = len(args) == 3 and args[2].lower() == "remove"
    if (
        len(args) not in (2, 3)
        or not all(a.isdigit() for a in args[:2])
        or (len(args) == 3 and not remove)
    ):
        await common.reply(update, context, tr(context, locale, "group-leader-usage"))
        return
    await _change_leader(update, context, locale, int(args[0]), int(args[1]), remove=remove)


async def _archive(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    group = await context.services.groups.managed(_user(update), data.int_arg(0) or 0)
    if not group.active:
        raise Refusal("group-gone")
    await common.answer(update)
    markup = InlineKeyboardMarkup(
        [
            [button(tr(context, locale, "group-archive-yes"), STAFF, "ac", group.id)],
            [button(tr(context, locale, "group-back-card"), STAFF, "o", group.id)],
        ]
    )
    await common.edit(update, tr(context, locale, "group-archive-confirm", name=group.name), markup)


async def _archive_confirmed(
    update: Update, context: BotContext, locale: str, data: Callback
) -> None:
    groups = context.services.groups
    staff = await groups.staff(_user(update))
    told = await groups.archive(staff, data.int_arg(0) or 0)
    common.send_soon(context)
    await common.answer(update)
    await common.edit(update, tr(context, locale, "group-archived", count=told))


async def _merge(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    await _ask(update, context, locale, data, "merge", "group-merge-ask")


async def on_merge(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    text, locale = common.typed_text(update), resident.locale
    if not text.isdigit():
        await common.reply(update, context, tr(context, locale, "group-merge-ask-id"))
        return
    await context.services.conversations.clear(resident.telegram_id)
    groups = context.services.groups
    staff = await groups.staff(resident.telegram_id)
    told = await groups.archive(staff, int(state.data.get("g", 0)), into=int(text))
    common.send_soon(context)
    await common.reply(update, context, tr(context, locale, "group-merged", count=told))


# /newgroup


async def communes_managed(
    update: Update, context: BotContext, locale: str, telegram_id: int
) -> list[int]:
    """The communes whose groups the caller manages (in a room, those of the room's communes);
    none (after a polite refusal) for whoever moderates nowhere."""
    services = context.services
    communes = services.roles.communes_moderated(await services.roles.of(telegram_id))
    chat = update.effective_chat
    if communes and chat is not None and chat.type != ChatType.PRIVATE:
        here = await services.rooms.communes_of_chat(chat.id)
        communes = [c for c in communes if c in here]
    if not communes:
        await common.reply(update, context, tr(context, locale, "refusal-not-staff"))
    return communes


async def newgroup_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    locale, services = resident.locale, context.services
    communes = await communes_managed(update, context, locale, resident.telegram_id)
    if not communes:
        return
    state = State(FLOW, "new_commune", {"t": secrets.token_hex(4)})
    if len(communes) == 1:
        await _ask_kind(update, context, resident, state, communes[0])
        return
    await services.conversations.set(resident.telegram_id, state)
    await common.reply(update, context, tr(context, locale, "group-new-commune"))


async def on_new_commune(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    text, services = common.typed_text(update), context.services
    found = services.directory.get(int(text)) if text.isdigit() else None
    if found is None:
        matches = services.directory.search(text, limit=2) if text else []
        found = matches[0] if len(matches) == 1 else None
    staff = await services.groups.staff(resident.telegram_id)
    if found is None or not services.roles.can_moderate(staff, found.code):
        await common.reply(update, context, tr(context, resident.locale, "group-new-commune-again"))
        return
    await _ask_kind(update, context, resident, state, found.code)


async def _ask_kind(
    update: Update, context: BotContext, resident: Resident, state: State, commune: int
) -> None:
    locale, services = resident.locale, context.services
    state = State(FLOW, "new_kind", {**state.data, "c": commune})
    await services.conversations.set(resident.telegram_id, state)
    token = state.data["t"]
    rows = [
        [button(kind_label(context, locale, kind.key), STAFF, "nk", token, index)]
        for index, kind in enumerate(services.group_kinds.all())
    ]
    text = tr(context, locale, "group-new-kind", commune=commune_name(context, commune))
    await common.reply(update, context, text, InlineKeyboardMarkup(rows))


async def _new_kind(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    user, services = _user(update), context.services
    state = await services.conversations.get(user)
    kinds = services.group_kinds.all()
    index = data.int_arg(1)
    fresh = state is not None and state.step == "new_kind" and state.data.get("t") == data.args[0]
    if state is None or not fresh or index is None or not 0 <= index < len(kinds):
        raise common.Refused()
    await common.answer(update)
    await services.conversations.set(
        user, State(FLOW, "new_name", {**state.data, "k": kinds[index].key})
    )
    await common.edit(update, Html(kind_label(context, locale, kinds[index].key)))
    await common.reply(update, context, tr(context, locale, "group-new-name", max=NAME_MAX))


async def on_new_field(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    """Name, then hamlet, then description; "-" skips the last two."""
    locale, text, services = resident.locale, common.typed_text(update), context.services
    field, limit, following = {
        "new_name": ("n", NAME_MAX, "new_hamlet"),
        "new_hamlet": ("h", HAMLET_MAX, "new_description"),
        "new_description": ("d", DESCRIPTION_MAX, ""),
    }[state.step]
    if not text or (field == "n" and text == SKIP):
        await common.reply(update, context, tr(context, locale, "group-need-text"))
        return
    if await common.too_long(update, context, locale, text, limit):
        return
    data = {**state.data, field: "" if text == SKIP else text}
    if following:
        await services.conversations.set(resident.telegram_id, State(FLOW, following, data))
        await common.reply(
            update, context, tr(context, locale, f"group-{following.replace('_', '-')}")
        )
        return
    await services.conversations.clear(resident.telegram_id)
    draft = GroupDraft(
        kind=str(data["k"]),
        name=str(data["n"]),
        commune_code=int(data["c"]),
        hamlet=str(data.get("h") or "") or None,
        description=str(data.get("d") or ""),
    )
    group = await services.groups.create(await services.groups.staff(resident.telegram_id), draft)
    await common.reply(
        update, context, staff_card(context, locale, group), staff_keyboard(context, locale, group)
    )


# Positive stories in the commune room.


async def _publish_story(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    notice = await context.services.group_posts.publish_story(_user(update), data.int_arg(0) or 0)
    common.send_soon(context)
    await common.answer(update)
    await common.clear_buttons(update)
    await common.reply(
        update, context, tr(context, locale, "group-story-published", title=notice.title)
    )


async def _decline_story(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    story = await context.services.group_posts.decline_story(_user(update), data.int_arg(0) or 0)
    await common.answer(update)
    await common.clear_buttons(update)
    await common.reply(
        update, context, tr(context, locale, "group-story-declined", title=story.title)
    )


async def _edit_story(update: Update, context: BotContext, locale: str, data: Callback) -> None:
    """The new text is asked for in private, where the moderator's typing is their own."""
    posts, user = context.services.group_posts, _user(update)
    story_id = data.int_arg(0) or 0
    await posts.draft_story(user, story_id)
    state = State(FLOW, "story_edit", {"s": story_id})
    await context.services.conversations.set(user, state)
    if common.is_private(update):
        await common.answer(update)
        await common.reply(update, context, tr(context, locale, "group-story-edit-ask"))
        return
    try:
        await common.send(context, user, tr(context, locale, "group-story-edit-ask"))
    except Exception:
        await context.services.conversations.clear(user)
        await common.answer(update, tr(context, locale, "group-story-edit-start-bot"), alert=True)
        return
    await common.answer(update, tr(context, locale, "group-story-edit-private"))


async def on_story_edit(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    text, locale = common.typed_text(update), resident.locale
    if not text:
        await common.reply(update, context, tr(context, locale, "group-need-text"))
        return
    editing = context.services.group_posts.edit_story(
        resident.telegram_id, int(state.data.get("s", 0)), text
    )
    story = await submitted(update, context, resident, editing, "text-length")
    if story is None:
        return
    await context.services.conversations.clear(resident.telegram_id)
    await common.reply(
        update,
        context,
        tr(context, locale, "group-story-edited", title=story.title, text=story.text),
        story_keyboard(context, locale, story.id),
    )


def story_keyboard(context: BotContext, locale: str, story_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                button(tr(context, locale, "group-story-publish"), STAFF, "sp", story_id),
                button(tr(context, locale, "group-story-edit"), STAFF, "se", story_id),
                button(tr(context, locale, "group-story-decline"), STAFF, "sd", story_id),
            ]
        ]
    )


_ACTIONS = {
    "o": _card,
    "ld": _appoint,
    "lr": _dismiss,
    "ar": _archive,
    "ac": _archive_confirmed,
    "mg": _merge,
    "nk": _new_kind,
    "sp": _publish_story,
    "se": _edit_story,
    "sd": _decline_story,
}
