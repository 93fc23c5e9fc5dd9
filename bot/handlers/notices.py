"""Official notices for moderators and admins: /notice (scope → kind → title → text → photo or
skip → preview → Publish / Schedule / Cancel), and /notices to edit or withdraw recent ones.
Every press is checked again against the presser's roles: a button may outlive a role."""

from dataclasses import replace
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, answer, clear_buttons, current_resident, edit, reply, tr
from bot.handlers.steps import Steps
from bot.handlers.verified import NOTICE_ICONS, local_time, notice_card, parse_local_time, preview
from bot.services.conversations import State
from bot.services.notices import NoticeDraft, NoticeKind
from bot.services.residents import Resident
from bot.services.scopes import Scope, ScopeKind, may_publish, scope_name, scopes_of
from bot.storage.models import utcnow

FLOW = "notice"
MAX_TITLE = 200
MAX_BODY = 3500
CAPTION_LIMIT = 1024


def register_steps(steps: Steps) -> None:
    steps.register(FLOW, "title", on_title)
    steps.register(FLOW, "body", on_body)
    steps.register(FLOW, "photo", on_photo)
    steps.register(FLOW, "schedule", on_schedule)
    steps.register(FLOW, "edit", on_edit_text)


async def _scopes(update: Update, context: BotContext) -> list[Scope]:
    user = update.effective_user
    assert user is not None
    services = context.services
    staff = await services.roles.of(user.id)
    return scopes_of(services.roles, services.directory, staff)


async def _may(update: Update, context: BotContext, scope: Scope) -> bool:
    user = update.effective_user
    assert user is not None
    services = context.services
    return may_publish(services.roles, services.directory, await services.roles.of(user.id), scope)


async def notice_command(update: Update, context: BotContext) -> None:
    resident = await current_resident(update, context)
    locale = resident.locale
    scopes = await _scopes(update, context)
    if not scopes:
        await reply(update, context, tr(context, locale, "refusal-not-staff"))
        return
    await context.services.conversations.set(resident.telegram_id, State(FLOW, "scope"))
    rows = [
        [
            InlineKeyboardButton(
                scope_name(context.services.directory, s),
                callback_data=cb("ns", "s", s.kind.value[0], s.code),
            )
        ]
        for s in scopes
    ]
    rows.append(
        [InlineKeyboardButton(tr(context, locale, "notice-cancel"), callback_data=cb("ns", "x"))]
    )
    await reply(
        update, context, tr(context, locale, "notice-choose-scope"), InlineKeyboardMarkup(rows)
    )


def _kind_keyboard(context: BotContext, locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"{NOTICE_ICONS[kind]} {tr(context, locale, 'notice-kind-' + kind.value)}",
                    callback_data=cb("ns", "k", kind.value),
                )
            ]
            for kind in NoticeKind
        ]
    )


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await current_resident(update, context)
    services, locale = context.services, resident.locale
    if data.action in ("w", "e", "m"):
        await _manage(update, context, resident, data)
        return
    state = await services.conversations.get(resident.telegram_id)
    if state is None or state.flow != FLOW:
        await answer(update, tr(context, locale, "button-stale"))
        return
    if data.action == "x":
        await answer(update)
        await services.conversations.clear(resident.telegram_id)
        await edit(update, tr(context, locale, "cancelled"))
    elif data.action == "s" and state.step == "scope":
        kind = ScopeKind.COMMUNE if data.args[:1] == ("c",) else ScopeKind.PROVINCE
        code = data.int_arg(1)
        if code is None or not await _may(update, context, Scope(kind, code)):
            await answer(update, tr(context, locale, "refusal-not-staff"), alert=True)
            return
        await answer(update)
        await services.conversations.set(
            resident.telegram_id, State(FLOW, "kind", {"scope": str(Scope(kind, code))})
        )
        await edit(
            update, tr(context, locale, "notice-choose-kind"), _kind_keyboard(context, locale)
        )
    elif data.action == "k" and state.step == "kind" and data.args[:1]:
        try:
            kind_value = NoticeKind(data.args[0]).value
        except ValueError:
            await answer(update, tr(context, locale, "button-stale"))
            return
        await answer(update)
        await services.conversations.set(
            resident.telegram_id, State(FLOW, "title", {**state.data, "kind": kind_value})
        )
        await edit(update, tr(context, locale, "notice-ask-title"))
    elif data.action == "skip" and state.step == "photo":
        await answer(update)
        await clear_buttons(update)
        await _preview(update, context, resident, state)
    elif data.action in ("pub", "sch") and state.step == "preview":
        await answer(update)
        await clear_buttons(update)
        if data.action == "sch":
            await services.conversations.set(
                resident.telegram_id, State(FLOW, "schedule", state.data)
            )
            await reply(update, context, tr(context, locale, "notice-ask-time"))
        else:
            await _publish(update, context, resident, state, None)
    else:
        await answer(update, tr(context, locale, "button-stale"))


def _text_of(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").strip() if message else ""


async def on_title(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    title = _text_of(update)
    if not title or len(title) > MAX_TITLE:
        await reply(update, context, tr(context, resident.locale, "notice-ask-title"))
        return
    await context.services.conversations.set(
        resident.telegram_id, State(FLOW, "body", {**state.data, "title": title})
    )
    await reply(update, context, tr(context, resident.locale, "notice-ask-body"))


async def on_body(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    body = _text_of(update)
    if not body or len(body) > MAX_BODY:
        await reply(update, context, tr(context, resident.locale, "notice-ask-body"))
        return
    await context.services.conversations.set(
        resident.telegram_id, State(FLOW, "photo", {**state.data, "body": body})
    )
    skip = InlineKeyboardButton(
        tr(context, resident.locale, "notice-skip-photo"), callback_data=cb("ns", "skip")
    )
    await reply(
        update,
        context,
        tr(context, resident.locale, "notice-ask-photo"),
        InlineKeyboardMarkup([[skip]]),
    )


async def on_photo(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    message = update.effective_message
    if message is None or not message.photo:
        await reply(update, context, tr(context, resident.locale, "notice-ask-photo"))
        return
    await _preview(
        update,
        context,
        resident,
        State(FLOW, "photo", {**state.data, "photo": message.photo[-1].file_id}),
    )


def _draft(context: BotContext, state: State) -> NoticeDraft:
    scope = Scope.parse(state.data["scope"])
    name = scope_name(context.services.directory, scope)
    return NoticeDraft(
        kind=NoticeKind(state.data["kind"]),
        title=state.data["title"],
        body=state.data["body"],
        # "Công an đặc khu Vân Đồn", "Công an tỉnh Quảng Ninh": the unit's usual name.
        issuer=f"Công an {name[:1].lower()}{name[1:]}",
        scope=scope,
        photo_file_id=state.data.get("photo"),
    )


async def _preview(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    services, locale = context.services, resident.locale
    await services.conversations.set(resident.telegram_id, State(FLOW, "preview", state.data))
    draft = _draft(context, state)
    card = tr(
        context,
        locale,
        "notice-preview",
        title=draft.title,
        body=draft.body,
        issuer=draft.issuer,
        scope=scope_name(services.directory, draft.scope),
    )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    tr(context, locale, "notice-publish"), callback_data=cb("ns", "pub")
                )
            ],
            [
                InlineKeyboardButton(
                    tr(context, locale, "notice-schedule"), callback_data=cb("ns", "sch")
                )
            ],
            [
                InlineKeyboardButton(
                    tr(context, locale, "notice-cancel"), callback_data=cb("ns", "x")
                )
            ],
        ]
    )
    chat = update.effective_chat
    assert chat is not None
    if draft.photo_file_id:
        await context.bot.send_photo(chat.id, draft.photo_file_id)
    await reply(update, context, card, markup)


async def on_schedule(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    when = parse_local_time(_text_of(update), utcnow())
    if when is None:
        await reply(update, context, tr(context, resident.locale, "notice-ask-time"))
        return
    await _publish(update, context, resident, state, when)


async def _publish(
    update: Update, context: BotContext, resident: Resident, state: State, when: datetime | None
) -> None:
    services, locale = context.services, resident.locale
    draft = _draft(context, state)
    await services.conversations.clear(resident.telegram_id)
    if not await _may(update, context, draft.scope):
        await reply(update, context, tr(context, locale, "refusal-not-staff"))
        return
    if when is not None:
        draft = replace(draft, published_at=when)
    notice = await services.notices.publish(draft, resident.telegram_id)
    key = "notice-scheduled" if when is not None else "notice-published"
    await reply(
        update,
        context,
        tr(context, locale, key, title=notice.title, time=local_time(notice.published_at)),
    )


async def notices_command(update: Update, context: BotContext) -> None:
    """Recent notices of the staff member's scopes, to edit or withdraw."""
    resident = await current_resident(update, context)
    locale = resident.locale
    scopes = await _scopes(update, context)
    if not scopes:
        await reply(update, context, tr(context, locale, "refusal-not-staff"))
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
    await reply(
        update, context, tr(context, locale, key), InlineKeyboardMarkup(rows) if rows else None
    )


async def _manage(update: Update, context: BotContext, resident: Resident, data: Callback) -> None:
    services, locale = context.services, resident.locale
    notice_id = data.int_arg(0)
    notice = await services.notices.get(notice_id) if notice_id is not None else None
    if notice is None or notice.withdrawn:
        await answer(update, tr(context, locale, "button-stale"))
        return
    if not await _may(update, context, notice.scope):
        await answer(update, tr(context, locale, "refusal-not-staff"), alert=True)
        return
    await answer(update)
    if data.action == "m":
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        tr(context, locale, "notice-edit"), callback_data=cb("ns", "e", notice.id)
                    )
                ],
                [
                    InlineKeyboardButton(
                        tr(context, locale, "notice-withdraw"),
                        callback_data=cb("ns", "w", notice.id),
                    )
                ],
            ]
        )
        await reply(update, context, notice_card(context, locale, notice), markup)
    elif data.action == "w":
        await services.notices.withdraw(notice.id)
        await edit(update, tr(context, locale, "notice-withdrawn", title=notice.title))
    else:
        await services.conversations.set(
            resident.telegram_id, State(FLOW, "edit", {"id": notice.id})
        )
        await reply(update, context, tr(context, locale, "notice-ask-body"))


async def on_edit_text(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    body = _text_of(update)
    if not body or len(body) > MAX_BODY:
        await reply(update, context, tr(context, resident.locale, "notice-ask-body"))
        return
    services = context.services
    await services.conversations.clear(resident.telegram_id)
    notice = await services.notices.get(int(state.data["id"]))
    if notice is None or not await _may(update, context, notice.scope):
        await reply(update, context, tr(context, resident.locale, "button-stale"))
        return
    updated = await services.notices.edit(notice.id, None, body)
    title = updated.title if updated else notice.title
    await reply(update, context, tr(context, resident.locale, "notice-edited", title=title))
