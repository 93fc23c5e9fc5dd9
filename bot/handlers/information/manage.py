"""/notices for moderators and admins: their scopes' recent notices, to change the title, text or
expiry of one, or withdraw it (deleting the copies residents received in the last 48 hours).

A notice's own buttons (`ns:m|e|w:ID…`) are checked against the notice and the presser's roles
on every press; the field being changed is an `Edit` (draft.py) in the conversation state."""

from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import broadcasts, common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.information.compose import (
    ask_with_button,
    expiry_of,
    may_publish_to,
    publishable_scopes,
)
from bot.handlers.information.draft import FLOW, Edit, EditField
from bot.handlers.information.render import NOTICE_ICONS, expiry_text, notice_card, preview
from bot.i18n import Html
from bot.services.conversations import State
from bot.services.notices import BODY_MAX, TITLE_MAX, NoticeView
from bot.services.residents import Resident

# A live notice's buttons: show it with its actions, ask for a field's new value, withdraw.
ACTIONS = ("m", "e", "w")
_ASK = {
    EditField.TITLE: "notice-ask-title",
    EditField.BODY: "notice-ask-body",
    EditField.EXPIRY: "notice-ask-expiry",
}


async def notices_command(update: Update, context: BotContext) -> None:
    """Recent notices of the staff member's scopes, to edit or withdraw."""
    resident = await common.current_resident(update, context)
    locale = resident.locale
    scopes = await publishable_scopes(update, context)
    if not scopes:
        await common.reply(update, context, tr(context, locale, "refusal-not-staff"))
        return
    recent = await context.services.notices.by_author_scopes(scopes)
    rows = [
        [
            InlineKeyboardButton(
                f"{NOTICE_ICONS[n.kind]} {preview(n.title, 40)}", callback_data=cb("ns", "m", n.id)
            )
        ]
        for n in recent
    ]
    key = "notices-manage" if recent else "notices-manage-empty"
    await common.reply(
        update, context, tr(context, locale, key), InlineKeyboardMarkup(rows) if rows else None
    )


def _manage_card(context: BotContext, locale: str, notice: NoticeView) -> Html:
    expiry = expiry_text(context, locale, notice.expires_at)
    return Html(f"{notice_card(context, locale, notice)}\n\n📅 {expiry}")


def _actions(context: BotContext, locale: str, notice: NoticeView) -> InlineKeyboardMarkup:
    def row(key: str, action: str, *args: object) -> list[InlineKeyboardButton]:
        label = tr(context, locale, key)
        return [InlineKeyboardButton(label, callback_data=cb("ns", action, notice.id, *args))]

    return InlineKeyboardMarkup(
        [
            row("notice-edit-title", "e", EditField.TITLE.value),
            row("notice-edit", "e", EditField.BODY.value),
            row("notice-edit-expiry", "e", EditField.EXPIRY.value),
            row("notice-withdraw", "w"),
        ]
    )


async def on_notice_button(update: Update, context: BotContext, data: Callback) -> None:
    """A live notice's button: `m` shows its actions, `e` asks for a field, `w` withdraws."""
    resident = await common.current_resident(update, context)
    services, locale = context.services, resident.locale
    notice_id = data.int_arg(0)
    notice = await services.notices.get(notice_id) if notice_id is not None else None
    try:
        field = EditField(data.args[1] if len(data.args) > 1 else EditField.BODY.value)
    except ValueError:
        raise common.Refused() from None
    if notice is None or notice.withdrawn:
        raise common.Refused()
    if not await may_publish_to(update, context, notice.scope):
        raise common.Refused("refusal-not-staff", alert=True)
    if data.action == "m":
        await common.answer(update)
        await common.reply(
            update,
            context,
            _manage_card(context, locale, notice),
            _actions(context, locale, notice),
        )
    elif data.action == "w":
        await common.answer(update)
        withdrawn = await services.notices.withdraw(notice.id)
        deleting = withdrawn.deleting if withdrawn else 0
        common.send_soon(context)
        shown = broadcasts.count(locale, deleting)
        text = tr(context, locale, "notice-withdrawn", title=notice.title, deleting=shown)
        await common.edit(update, text)
    else:
        await _ask(update, context, resident, notice, field)


async def _ask(
    update: Update, context: BotContext, resident: Resident, notice: NoticeView, field: EditField
) -> None:
    services, locale = context.services, resident.locale
    state = await services.conversations.get(resident.telegram_id)
    waiting = (
        Edit.load(state.data) if state and (state.flow, state.step) == (FLOW, "edit") else None
    )
    if waiting is not None and (waiting.notice_id, waiting.field) == (notice.id, field):
        # A second tap: the question is already asked.
        await common.answer(update, tr(context, locale, "notice-still-waiting"))
        return
    await common.answer(update)
    asking = Edit(notice.id, field).state()
    if field is not EditField.EXPIRY:
        await services.conversations.set(resident.telegram_id, asking)
        await common.reply(update, context, tr(context, locale, _ASK[field]))
        return
    current = expiry_text(context, locale, notice.expires_at)
    question = tr(context, locale, "notice-ask-new-expiry", current=current)
    await ask_with_button(update, context, resident, asking, question, ("notice-no-expiry", "nx"))


async def on_no_expiry(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    """ "No expiry" under the question for a new expiry (the flow's token checked)."""
    editing = Edit.load(state.data)
    if editing is None or editing.field is not EditField.EXPIRY:
        raise common.Refused()
    await common.answer(update)
    await common.clear_buttons(update)
    await _apply_edit(update, context, resident, editing, None)


async def on_edit_text(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    text, locale = common.typed_text(update), resident.locale
    editing = Edit.load(state.data)
    if editing is None:
        await context.services.conversations.clear(resident.telegram_id)
        raise common.Refused()
    if editing.field is EditField.EXPIRY:
        expires = expiry_of(context, text)
        if expires is None:
            await common.reply(update, context, tr(context, locale, _ASK[editing.field]))
            return
        await _apply_edit(update, context, resident, editing, expires)
        return
    limit = TITLE_MAX if editing.field is EditField.TITLE else BODY_MAX
    if await common.too_long(update, context, locale, text, limit):
        return
    if not text:
        await common.reply(update, context, tr(context, locale, _ASK[editing.field]))
        return
    await _apply_edit(update, context, resident, editing, text)


async def _apply_edit(
    update: Update,
    context: BotContext,
    resident: Resident,
    editing: Edit,
    value: str | datetime | None,
) -> None:
    """Save the new title, text (a str) or expiry (a datetime, or None for no expiry)."""
    services, locale = context.services, resident.locale
    await services.conversations.clear(resident.telegram_id)
    notice = await services.notices.get(editing.notice_id)
    if notice is None or not await may_publish_to(update, context, notice.scope):
        raise common.Refused()
    if editing.field is EditField.EXPIRY:
        expires = value if isinstance(value, datetime) else None
        updated = await services.notices.edit(notice.id, expires_at=expires)
    elif editing.field is EditField.TITLE and isinstance(value, str):
        updated = await services.notices.edit(notice.id, title=value)
    else:
        updated = await services.notices.edit(
            notice.id, body=value if isinstance(value, str) else None
        )
    if updated is None:
        await common.reply(update, context, tr(context, locale, "notice-gone"))
        return
    if editing.field is EditField.EXPIRY:
        expiry = expiry_text(context, locale, updated.expires_at)
        await common.reply(
            update,
            context,
            tr(context, locale, "notice-expiry-changed", title=updated.title, expiry=expiry),
        )
    else:
        await common.reply(
            update, context, tr(context, locale, "notice-edited", title=updated.title)
        )
