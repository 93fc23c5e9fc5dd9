"""Official notices for moderators and admins: /notice (scope → kind → title → text → photo or
skip → expiry → preview → Publish / Schedule / Cancel, with the issuer editable in the preview),
and /notices to edit the title, text or expiry of recent ones, or withdraw them. A province admin
may also pick one commune of their province by typing part of its name.

Every press is checked again against the presser's roles: a button may outlive a role. The flow's
buttons carry a token stored with the conversation state, so a button of an earlier /notice, a
forged one or a second tap gets a polite hint and changes nothing."""

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import broadcasts
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import (
    BotContext,
    answer,
    clear_buttons,
    current_resident,
    edit,
    reply,
    send_soon,
    too_long,
    tr,
)
from bot.handlers.information.render import (
    NOTICE_ICONS,
    local_time,
    notice_card,
    parse_local_time,
    preview,
)
from bot.handlers.steps import Steps
from bot.i18n import Html
from bot.services.conversations import State
from bot.services.notices import (
    BODY_MAX,
    ISSUER_MAX,
    TITLE_MAX,
    NoticeDraft,
    NoticeKind,
    NoticeView,
    last_day,
    parse_expiry,
)
from bot.services.residents import Resident
from bot.services.scopes import Scope, ScopeKind, may_publish, scope_name, scopes_of
from bot.storage.models import utcnow

FLOW = "notice"
COMMUNE_CHOICES = 8
# Fields of a live notice that /notices can change: title, text, expiry.
EDIT_FIELDS = ("t", "b", "x")


def register_steps(steps: Steps) -> None:
    steps.register(FLOW, "commune", on_commune_query)
    steps.register(FLOW, "title", on_title)
    steps.register(FLOW, "body", on_body)
    steps.register(FLOW, "photo", on_photo)
    steps.register(FLOW, "expiry", on_expiry)
    steps.register(FLOW, "issuer", on_issuer)
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


def _button(label: str, action: str, state: State, *args: object) -> InlineKeyboardButton:
    """A button of the flow, valid only while `state`'s token is the stored one. (A draft begun
    before tokens existed has none: its buttons carry an empty one.)"""
    token = state.data.get("n", "")
    return InlineKeyboardButton(label, callback_data=cb("ns", action, token, *args))


def _cancel_row(context: BotContext, locale: str, state: State) -> list[InlineKeyboardButton]:
    return [_button(tr(context, locale, "notice-cancel"), "x", state)]


async def notice_command(update: Update, context: BotContext) -> None:
    resident = await current_resident(update, context)
    locale = resident.locale
    scopes = await _scopes(update, context)
    if not scopes:
        await reply(update, context, tr(context, locale, "refusal-not-staff"))
        return
    state = State(FLOW, "scope", {"n": secrets.token_hex(4)})
    await context.services.conversations.set(resident.telegram_id, state)
    rows = [
        [_button(scope_name(context.services.directory, s), "s", state, s.kind.value[0], s.code)]
        for s in scopes
        if s.kind is ScopeKind.PROVINCE
    ]
    if rows:  # a province admin may also pick any commune of their province
        rows.append([_button(tr(context, locale, "notice-one-commune"), "c", state)])
    rows += [
        [_button(scope_name(context.services.directory, s), "s", state, s.kind.value[0], s.code)]
        for s in scopes
        if s.kind is ScopeKind.COMMUNE
    ]
    rows.append(_cancel_row(context, locale, state))
    await reply(
        update, context, tr(context, locale, "notice-choose-scope"), InlineKeyboardMarkup(rows)
    )


def _kind_keyboard(context: BotContext, locale: str, state: State) -> InlineKeyboardMarkup:
    rows = [
        [
            _button(
                f"{NOTICE_ICONS[kind]} {tr(context, locale, 'notice-kind-' + kind.value)}",
                "k",
                state,
                kind.value,
            )
        ]
        for kind in NoticeKind
    ]
    return InlineKeyboardMarkup([*rows, _cancel_row(context, locale, state)])


ButtonStep = Callable[[Update, BotContext, Resident, State, tuple[str, ...]], Awaitable[None]]


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await current_resident(update, context)
    services, locale = context.services, resident.locale
    if data.action in ("w", "e", "m"):
        await _manage(update, context, resident, data)
        return
    state = await services.conversations.get(resident.telegram_id)
    token, args = (data.args[0], data.args[1:]) if data.args else (None, ())
    if state is None or state.flow != FLOW or token is None or state.data.get("n", "") != token:
        await answer(update, tr(context, locale, "button-stale"))
        return
    if data.action == "x":
        await answer(update)
        await services.conversations.clear(resident.telegram_id)
        await edit(update, tr(context, locale, "cancelled"))
        return
    handler = _BUTTONS.get((data.action, state.step))
    if handler is None:  # a second tap, or a button of a step already passed
        await answer(update, tr(context, locale, "button-stale"))
        return
    await handler(update, context, resident, state, args)


async def _on_scope(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    services, locale = context.services, resident.locale
    kind = ScopeKind.COMMUNE if args[:1] == ("c",) else ScopeKind.PROVINCE
    code = Callback("", "", args).int_arg(1)
    if len(args) != 2 or code is None or not await _may(update, context, Scope(kind, code)):
        await answer(update, tr(context, locale, "refusal-not-staff"), alert=True)
        return
    await answer(update)
    scope = Scope(kind, code)
    chosen = State(FLOW, "kind", {**state.data, "scope": str(scope)})
    await services.conversations.set(resident.telegram_id, chosen)
    await edit(
        update,
        tr(context, locale, "notice-choose-kind", scope=scope_name(services.directory, scope)),
        _kind_keyboard(context, locale, chosen),
    )


async def _on_one_commune(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    locale = resident.locale
    if not await _provinces(update, context):
        await answer(update, tr(context, locale, "refusal-not-staff"), alert=True)
        return
    await answer(update)
    searching = State(FLOW, "commune", state.data)
    await context.services.conversations.set(resident.telegram_id, searching)
    await edit(
        update,
        tr(context, locale, "notice-ask-commune"),
        InlineKeyboardMarkup([_cancel_row(context, locale, searching)]),
    )


async def _on_kind(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    try:
        kind_value = NoticeKind(args[0] if args else "").value
    except ValueError:
        await answer(update, tr(context, resident.locale, "button-stale"))
        return
    await answer(update)
    await context.services.conversations.set(
        resident.telegram_id, State(FLOW, "title", {**state.data, "kind": kind_value})
    )
    await edit(update, tr(context, resident.locale, "notice-ask-title"))


async def _on_skip_photo(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    await _ask_expiry(update, context, resident, state)


async def _on_no_expiry(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    if state.step == "edit":
        await _apply_edit(update, context, resident, state, None)
    else:
        await _preview(update, context, resident, State(FLOW, "preview", {**state.data}))


async def _on_change_issuer(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    locale = resident.locale
    asking = State(FLOW, "issuer", state.data)
    await context.services.conversations.set(resident.telegram_id, asking)
    keep = _button(tr(context, locale, "notice-issuer-keep"), "ik", asking)
    await reply(
        update,
        context,
        tr(context, locale, "notice-ask-issuer", issuer=_draft(context, state).issuer),
        InlineKeyboardMarkup([[keep]]),
    )


async def _on_keep_issuer(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    await _preview(update, context, resident, state)


async def _on_publish(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    await _publish(update, context, resident, state, None)


async def _on_schedule(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    await context.services.conversations.set(
        resident.telegram_id, State(FLOW, "schedule", state.data)
    )
    await reply(update, context, tr(context, resident.locale, "notice-ask-time"))


async def _on_urgent(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    """Urgent: residents inside their quiet hours get it at once instead of in the morning."""
    await answer(update)
    toggled = State(FLOW, "preview", {**state.data, "u": not state.data.get("u")})
    await context.services.conversations.set(resident.telegram_id, toggled)
    card, markup = _preview_view(context, resident.locale, toggled)
    await edit(update, card, markup)


async def _on_no_expiry_edit(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    if state.data.get("field") != "x":
        await answer(update, tr(context, resident.locale, "button-stale"))
        return
    await _consuming(_on_no_expiry)(update, context, resident, state, args)


def _consuming(step: ButtonStep) -> ButtonStep:
    """A button whose message is spent once pressed: answer, take the buttons off, then act."""

    async def run(
        update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
    ) -> None:
        await answer(update)
        await clear_buttons(update)
        await step(update, context, resident, state, args)

    return run


# (action, the step it belongs to) → what it does. Any other pair is stale.
_BUTTONS: dict[tuple[str, str], ButtonStep] = {
    ("s", "scope"): _on_scope,
    ("s", "commune"): _on_scope,
    ("c", "scope"): _on_one_commune,
    ("k", "kind"): _on_kind,
    ("skip", "photo"): _consuming(_on_skip_photo),
    ("nx", "expiry"): _consuming(_on_no_expiry),
    ("nx", "edit"): _on_no_expiry_edit,
    ("iss", "preview"): _consuming(_on_change_issuer),
    ("ik", "issuer"): _consuming(_on_keep_issuer),
    ("pub", "preview"): _consuming(_on_publish),
    ("urg", "preview"): _on_urgent,
    ("sch", "preview"): _consuming(_on_schedule),
}


async def _provinces(update: Update, context: BotContext) -> bool:
    """Whether the presser administers a province (and so may pick one of its communes)."""
    return any(s.kind is ScopeKind.PROVINCE for s in await _scopes(update, context))


def _text_of(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").strip() if message else ""


async def on_commune_query(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    """Part of a commune's name (diacritics optional) → the matching communes the publisher
    may cover, as buttons."""
    services, locale = context.services, resident.locale
    user = update.effective_user
    assert user is not None
    staff = await services.roles.of(user.id)
    found = [
        commune
        for commune in services.directory.search(
            _text_of(update), limit=len(services.directory.all())
        )
        if services.roles.can_moderate(staff, commune.code)
    ][:COMMUNE_CHOICES]
    several = len(services.directory.province_codes) > 1
    rows = [
        [_button(f"{c.name} ({c.province_name})" if several else c.name, "s", state, "c", c.code)]
        for c in found
    ]
    rows.append(_cancel_row(context, locale, state))
    key = "notice-commune-choose" if found else "notice-commune-none"
    await reply(update, context, tr(context, locale, key), InlineKeyboardMarkup(rows))


async def on_title(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    title = _text_of(update)
    if await too_long(update, context, resident.locale, title, TITLE_MAX):
        return
    if not title:
        await reply(update, context, tr(context, resident.locale, "notice-ask-title"))
        return
    await context.services.conversations.set(
        resident.telegram_id, State(FLOW, "body", {**state.data, "title": title})
    )
    await reply(update, context, tr(context, resident.locale, "notice-ask-body"))


async def on_body(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    body = _text_of(update)
    if await too_long(update, context, resident.locale, body, BODY_MAX):
        return
    if not body:
        await reply(update, context, tr(context, resident.locale, "notice-ask-body"))
        return
    asking = State(FLOW, "photo", {**state.data, "body": body})
    await context.services.conversations.set(resident.telegram_id, asking)
    skip = _button(tr(context, resident.locale, "notice-skip-photo"), "skip", asking)
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
    await _ask_expiry(
        update,
        context,
        resident,
        State(FLOW, "photo", {**state.data, "photo": message.photo[-1].file_id}),
    )


async def _ask_expiry(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    asking = State(FLOW, "expiry", state.data)
    await context.services.conversations.set(resident.telegram_id, asking)
    none = _button(tr(context, resident.locale, "notice-no-expiry"), "nx", asking)
    await reply(
        update,
        context,
        tr(context, resident.locale, "notice-ask-expiry"),
        InlineKeyboardMarkup([[none]]),
    )


def _expiry_of(context: BotContext, text: str) -> datetime | None:
    return parse_expiry(text, utcnow(), context.services.settings.timezone)


async def on_expiry(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    expires = _expiry_of(context, _text_of(update))
    if expires is None:
        await reply(update, context, tr(context, resident.locale, "notice-ask-expiry"))
        return
    await _preview(
        update,
        context,
        resident,
        State(FLOW, "preview", {**state.data, "expires": expires.isoformat()}),
    )


async def on_issuer(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    issuer = " ".join(_text_of(update).split())
    if not issuer or len(issuer) > ISSUER_MAX:
        await reply(update, context, tr(context, resident.locale, "notice-issuer-invalid"))
        return
    await _preview(
        update, context, resident, State(FLOW, "preview", {**state.data, "issuer": issuer})
    )


def _draft(context: BotContext, state: State) -> NoticeDraft:
    scope = Scope.parse(state.data["scope"])
    name = scope_name(context.services.directory, scope)
    expires = state.data.get("expires")
    return NoticeDraft(
        kind=NoticeKind(state.data["kind"]),
        title=state.data["title"],
        body=state.data["body"],
        # "Công an đặc khu Vân Đồn", "Công an tỉnh Quảng Ninh": the unit's usual name, unless
        # the publisher typed another in the preview.
        issuer=state.data.get("issuer") or f"Công an {name[:1].lower()}{name[1:]}",
        scope=scope,
        photo_file_id=state.data.get("photo"),
        expires_at=datetime.fromisoformat(expires) if expires else None,
        urgent=bool(state.data.get("u")),
    )


def _expiry_text(context: BotContext, locale: str, expires_at: datetime | None) -> Html:
    if expires_at is None:
        return tr(context, locale, "notice-expiry-none")
    day = last_day(expires_at, context.services.settings.timezone)
    return tr(context, locale, "notice-expiry-until", date=day.strftime("%d/%m/%Y"))


def _preview_view(
    context: BotContext, locale: str, state: State
) -> tuple[Html, InlineKeyboardMarkup]:
    services = context.services
    draft = _draft(context, state)
    card = tr(
        context,
        locale,
        "notice-preview",
        title=draft.title,
        body=draft.body,
        issuer=draft.issuer,
        scope=scope_name(services.directory, draft.scope),
        expiry=_expiry_text(context, locale, draft.expires_at),
    )
    urgency = tr(context, locale, "notice-urgent-on" if draft.urgent else "notice-urgent-off")
    card = Html(f"{card}\n{urgency}")
    urgent_label = "notice-urgent-unset" if draft.urgent else "notice-urgent-set"
    markup = InlineKeyboardMarkup(
        [
            [_button(tr(context, locale, "notice-publish"), "pub", state)],
            [_button(tr(context, locale, "notice-schedule"), "sch", state)],
            [_button(tr(context, locale, urgent_label), "urg", state)],
            [_button(tr(context, locale, "notice-change-issuer"), "iss", state)],
            _cancel_row(context, locale, state),
        ]
    )
    return card, markup


async def _preview(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    services, locale = context.services, resident.locale
    showing = State(FLOW, "preview", state.data)
    await services.conversations.set(resident.telegram_id, showing)
    draft = _draft(context, state)
    card, markup = _preview_view(context, locale, showing)
    chat = update.effective_chat
    assert chat is not None
    if draft.photo_file_id:
        await context.bot.send_photo(chat.id, draft.photo_file_id)
    await reply(update, context, card, markup)


async def on_schedule(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    when = parse_local_time(_text_of(update), utcnow(), context.services.settings.timezone)
    if when is None:
        await reply(update, context, tr(context, resident.locale, "notice-ask-time"))
        return
    expires = _draft(context, state).expires_at
    if expires is not None and when >= expires:
        await reply(update, context, tr(context, resident.locale, "notice-time-after-expiry"))
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
    batch_id = await services.notices.broadcast_of(notice.id)
    if batch_id is not None:
        # One message says it is published and, edited as it goes, how far sending has got.
        await broadcasts.follow(context, batch_id, resident)
        return
    key = "notice-scheduled" if when is not None else "notice-published"
    time = local_time(context, notice.published_at)
    await reply(update, context, tr(context, locale, key, title=notice.title, time=time))


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


def _manage_card(context: BotContext, locale: str, notice: NoticeView) -> Html:
    expiry = _expiry_text(context, locale, notice.expires_at)
    return Html(f"{notice_card(context, locale, notice)}\n\n📅 {expiry}")


async def _manage(update: Update, context: BotContext, resident: Resident, data: Callback) -> None:
    services, locale = context.services, resident.locale
    notice_id = data.int_arg(0)
    notice = await services.notices.get(notice_id) if notice_id is not None else None
    field = data.args[1] if len(data.args) > 1 else "b"
    if notice is None or notice.withdrawn or field not in EDIT_FIELDS:
        await answer(update, tr(context, locale, "button-stale"))
        return
    if not await _may(update, context, notice.scope):
        await answer(update, tr(context, locale, "refusal-not-staff"), alert=True)
        return
    if data.action == "m":
        await answer(update)

        def edit_button(key: str, field: str) -> list[InlineKeyboardButton]:
            label = tr(context, locale, key)
            return [InlineKeyboardButton(label, callback_data=cb("ns", "e", notice.id, field))]

        markup = InlineKeyboardMarkup(
            [
                edit_button("notice-edit-title", "t"),
                edit_button("notice-edit", "b"),
                edit_button("notice-edit-expiry", "x"),
                [
                    InlineKeyboardButton(
                        tr(context, locale, "notice-withdraw"),
                        callback_data=cb("ns", "w", notice.id),
                    )
                ],
            ]
        )
        await reply(update, context, _manage_card(context, locale, notice), markup)
    elif data.action == "w":
        await answer(update)
        withdrawn = await services.notices.withdraw(notice.id)
        deleting = withdrawn.deleting if withdrawn else 0
        send_soon(context)
        shown = broadcasts.count(locale, deleting)
        text = tr(context, locale, "notice-withdrawn", title=notice.title, deleting=shown)
        await edit(update, text)
    else:
        state = await services.conversations.get(resident.telegram_id)
        if (
            state is not None
            and (state.flow, state.step) == (FLOW, "edit")
            and (state.data.get("id"), state.data.get("field")) == (notice.id, field)
        ):
            # A second tap: the question is already asked.
            await answer(update, tr(context, locale, "notice-still-waiting"))
            return
        await answer(update)
        asking = State(FLOW, "edit", {"id": notice.id, "field": field, "n": secrets.token_hex(4)})
        await services.conversations.set(resident.telegram_id, asking)
        if field == "t":
            await reply(update, context, tr(context, locale, "notice-ask-title"))
        elif field == "b":
            await reply(update, context, tr(context, locale, "notice-ask-body"))
        else:
            none = _button(tr(context, locale, "notice-no-expiry"), "nx", asking)
            await reply(
                update,
                context,
                tr(
                    context,
                    locale,
                    "notice-ask-new-expiry",
                    current=_expiry_text(context, locale, notice.expires_at),
                ),
                InlineKeyboardMarkup([[none]]),
            )


async def on_edit_text(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    text, locale = _text_of(update), resident.locale
    field = state.data.get("field", "b")
    if field == "t":
        if await too_long(update, context, locale, text, TITLE_MAX):
            return
        if not text:
            await reply(update, context, tr(context, locale, "notice-ask-title"))
            return
        await _apply_edit(update, context, resident, state, text)
    elif field == "x":
        expires = _expiry_of(context, text)
        if expires is None:
            await reply(update, context, tr(context, locale, "notice-ask-expiry"))
            return
        await _apply_edit(update, context, resident, state, expires)
    else:
        if await too_long(update, context, locale, text, BODY_MAX):
            return
        if not text:
            await reply(update, context, tr(context, locale, "notice-ask-body"))
            return
        await _apply_edit(update, context, resident, state, text)


async def _apply_edit(
    update: Update,
    context: BotContext,
    resident: Resident,
    state: State,
    value: str | datetime | None,
) -> None:
    """Save the new title, text (a str) or expiry (a datetime, or None for no expiry)."""
    services, locale = context.services, resident.locale
    await services.conversations.clear(resident.telegram_id)
    notice = await services.notices.get(int(state.data["id"]))
    if notice is None or not await _may(update, context, notice.scope):
        await reply(update, context, tr(context, locale, "button-stale"))
        return
    field = state.data.get("field", "b")
    if field == "x":
        expires = value if isinstance(value, datetime) else None
        updated = await services.notices.edit(notice.id, expires_at=expires)
    elif field == "t" and isinstance(value, str):
        updated = await services.notices.edit(notice.id, title=value)
    else:
        updated = await services.notices.edit(
            notice.id, body=value if isinstance(value, str) else None
        )
    if updated is None:
        await reply(update, context, tr(context, locale, "notice-gone"))
        return
    if field == "x":
        expiry = _expiry_text(context, locale, updated.expires_at)
        await reply(
            update,
            context,
            tr(context, locale, "notice-expiry-changed", title=updated.title, expiry=expiry),
        )
    else:
        await reply(update, context, tr(context, locale, "notice-edited", title=updated.title))
