"""Official notices for moderators and admins: /notice (scope → kind → title → text → photo or
skip → expiry → preview → Publish / Schedule / Cancel, with the issuer editable in the preview).
A province admin may also pick one commune of their province by typing part of its name.

The draft is a `Compose` (draft.py) kept in the conversation state. Every press is checked
again against the presser's roles (a button may outlive a role) and carries the draft's token
(buttons.py checks it), so an old, forged or repeated press changes nothing."""

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import broadcasts, common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.information.draft import FLOW, Compose, token_of
from bot.handlers.information.render import NOTICE_ICONS, expiry_text, local_time, parse_local_time
from bot.i18n import Html
from bot.services.conversations import State
from bot.services.notices import (
    BODY_MAX,
    ISSUER_MAX,
    TITLE_MAX,
    NoticeDraft,
    NoticeKind,
    parse_expiry,
)
from bot.services.residents import Resident
from bot.services.scopes import Scope, ScopeKind, may_publish, scope_name, scopes_of
from bot.storage.models import utcnow

COMMUNE_CHOICES = 8

ButtonStep = Callable[[Update, BotContext, Resident, State, tuple[str, ...]], Awaitable[None]]
DraftStep = Callable[[Update, BotContext, Resident, Compose], Awaitable[None]]


async def publishable_scopes(update: Update, context: BotContext) -> list[Scope]:
    user = update.effective_user
    assert user is not None
    services = context.services
    staff = await services.roles.of(user.id)
    return scopes_of(services.roles, services.directory, staff)


async def may_publish_to(update: Update, context: BotContext, scope: Scope) -> bool:
    user = update.effective_user
    assert user is not None
    services = context.services
    return may_publish(services.roles, services.directory, await services.roles.of(user.id), scope)


def flow_button(label: str, action: str, state: State, *args: object) -> InlineKeyboardButton:
    """A button valid only while `state`'s token is the stored one."""
    return InlineKeyboardButton(label, callback_data=cb("ns", action, token_of(state), *args))


async def ask_with_button(
    update: Update,
    context: BotContext,
    resident: Resident,
    asking: State,
    question: str,
    button: tuple[str, str],
) -> None:
    """Store `asking` and ask `question`, with one button (label key, action) that answers it
    while `asking` is the stored step."""
    await context.services.conversations.set(resident.telegram_id, asking)
    label, action = button
    press = flow_button(tr(context, resident.locale, label), action, asking)
    await common.reply(update, context, question, InlineKeyboardMarkup([[press]]))


def _cancel_row(context: BotContext, locale: str, state: State) -> list[InlineKeyboardButton]:
    return [flow_button(tr(context, locale, "notice-cancel"), "x", state)]


def expiry_of(context: BotContext, text: str) -> datetime | None:
    return parse_expiry(text, utcnow(), context.services.settings.timezone)


async def notice_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    scopes = await publishable_scopes(update, context)
    if not scopes:
        await common.reply(update, context, tr(context, locale, "refusal-not-staff"))
        return
    state = Compose().at("scope")
    await context.services.conversations.set(resident.telegram_id, state)
    directory = context.services.directory

    def scope_row(scope: Scope) -> list[InlineKeyboardButton]:
        label = scope_name(directory, scope)
        return [flow_button(label, "s", state, scope.kind.value[0], scope.code)]

    rows = [scope_row(s) for s in scopes if s.kind is ScopeKind.PROVINCE]
    if rows:  # a province admin may also pick any commune of their province
        rows.append([flow_button(tr(context, locale, "notice-one-commune"), "c", state)])
    rows += [scope_row(s) for s in scopes if s.kind is ScopeKind.COMMUNE]
    rows.append(_cancel_row(context, locale, state))
    await common.reply(
        update, context, tr(context, locale, "notice-choose-scope"), InlineKeyboardMarkup(rows)
    )


def _kind_keyboard(context: BotContext, locale: str, state: State) -> InlineKeyboardMarkup:
    rows = [
        [
            flow_button(
                f"{NOTICE_ICONS[kind]} {tr(context, locale, 'notice-kind-' + kind.value)}",
                "k",
                state,
                kind.value,
            )
        ]
        for kind in NoticeKind
    ]
    return InlineKeyboardMarkup([*rows, _cancel_row(context, locale, state)])


async def on_cancel(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    await common.answer(update)
    await context.services.conversations.clear(resident.telegram_id)
    await common.edit(update, tr(context, resident.locale, "cancelled"))


async def _on_scope(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    services, locale = context.services, resident.locale
    kind = ScopeKind.COMMUNE if args[:1] == ("c",) else ScopeKind.PROVINCE
    code = Callback("", "", args).int_arg(1)
    if (
        len(args) != 2
        or code is None
        or not await may_publish_to(update, context, Scope(kind, code))
    ):
        raise common.Refused("refusal-not-staff", alert=True)
    await common.answer(update)
    scope = Scope(kind, code)
    chosen = Compose.load(state.data).at("kind", scope=scope)
    await services.conversations.set(resident.telegram_id, chosen)
    await common.edit(
        update,
        tr(context, locale, "notice-choose-kind", scope=scope_name(services.directory, scope)),
        _kind_keyboard(context, locale, chosen),
    )


async def _on_one_commune(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    locale = resident.locale
    scopes = await publishable_scopes(update, context)
    if not any(s.kind is ScopeKind.PROVINCE for s in scopes):
        raise common.Refused("refusal-not-staff", alert=True)
    await common.answer(update)
    searching = State(FLOW, "commune", state.data)
    await context.services.conversations.set(resident.telegram_id, searching)
    await common.edit(
        update,
        tr(context, locale, "notice-ask-commune"),
        InlineKeyboardMarkup([_cancel_row(context, locale, searching)]),
    )


async def _on_kind(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    try:
        kind = NoticeKind(args[0] if args else "")
    except ValueError:
        raise common.Refused() from None
    await common.answer(update)
    titled = Compose.load(state.data).at("title", kind=kind)
    await context.services.conversations.set(resident.telegram_id, titled)
    await common.edit(update, tr(context, resident.locale, "notice-ask-title"))


async def _on_change_issuer(
    update: Update, context: BotContext, resident: Resident, compose: Compose
) -> None:
    issuer = _draft(context, compose).issuer
    question = tr(context, resident.locale, "notice-ask-issuer", issuer=issuer)
    asking = compose.at("issuer")
    await ask_with_button(update, context, resident, asking, question, ("notice-issuer-keep", "ik"))


async def _ask_time(
    update: Update, context: BotContext, resident: Resident, compose: Compose
) -> None:
    await context.services.conversations.set(resident.telegram_id, compose.at("schedule"))
    await common.reply(update, context, tr(context, resident.locale, "notice-ask-time"))


async def _on_urgent(
    update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
) -> None:
    """Urgent: residents inside their quiet hours get it at once instead of in the morning."""
    await common.answer(update)
    compose = Compose.load(state.data)
    toggled = compose.at("preview", urgent=not compose.urgent)
    await context.services.conversations.set(resident.telegram_id, toggled)
    card, markup = _preview_view(context, resident.locale, toggled)
    await common.edit(update, card, markup)


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
            common.typed_text(update), limit=len(services.directory.all())
        )
        if services.roles.can_moderate(staff, commune.code)
    ][:COMMUNE_CHOICES]
    several = len(services.directory.province_codes) > 1
    rows = [
        [
            flow_button(
                f"{c.name} ({c.province_name})" if several else c.name, "s", state, "c", c.code
            )
        ]
        for c in found
    ]
    rows.append(_cancel_row(context, locale, state))
    key = "notice-commune-choose" if found else "notice-commune-none"
    await common.reply(update, context, tr(context, locale, key), InlineKeyboardMarkup(rows))


async def on_title(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    again = tr(context, resident.locale, "notice-ask-title")
    title = await common.typed(update, context, resident.locale, again, TITLE_MAX)
    if title is None:
        return
    await context.services.conversations.set(
        resident.telegram_id, Compose.load(state.data).at("body", title=title)
    )
    await common.reply(update, context, tr(context, resident.locale, "notice-ask-body"))


async def on_body(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    again = tr(context, resident.locale, "notice-ask-body")
    body = await common.typed(update, context, resident.locale, again, BODY_MAX)
    if body is None:
        return
    asking = Compose.load(state.data).at("photo", body=body)
    question = tr(context, resident.locale, "notice-ask-photo")
    await ask_with_button(
        update, context, resident, asking, question, ("notice-skip-photo", "skip")
    )


async def on_photo(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    message = update.effective_message
    if message is None or not message.photo:
        await common.reply(update, context, tr(context, resident.locale, "notice-ask-photo"))
        return
    compose = replace(Compose.load(state.data), photo_file_id=message.photo[-1].file_id)
    await _ask_expiry(update, context, resident, compose)


async def _ask_expiry(
    update: Update, context: BotContext, resident: Resident, compose: Compose
) -> None:
    question = tr(context, resident.locale, "notice-ask-expiry")
    no_expiry = ("notice-no-expiry", "nx")
    await ask_with_button(update, context, resident, compose.at("expiry"), question, no_expiry)


async def on_expiry(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    expires = expiry_of(context, common.typed_text(update))
    if expires is None:
        await common.reply(update, context, tr(context, resident.locale, "notice-ask-expiry"))
        return
    compose = replace(Compose.load(state.data), expires_at=expires)
    await _preview(update, context, resident, compose)


async def on_issuer(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    issuer = " ".join(common.typed_text(update).split())
    if not issuer or len(issuer) > ISSUER_MAX:
        await common.reply(update, context, tr(context, resident.locale, "notice-issuer-invalid"))
        return
    await _preview(update, context, resident, replace(Compose.load(state.data), issuer=issuer))


def _draft(context: BotContext, compose: Compose) -> NoticeDraft:
    """The notice as it would be published; a draft reaches the preview only complete."""
    assert compose.scope is not None and compose.kind is not None
    name = scope_name(context.services.directory, compose.scope)
    return NoticeDraft(
        kind=compose.kind,
        title=compose.title,
        body=compose.body,
        # "Công an đặc khu Vân Đồn", "Công an tỉnh Quảng Ninh": the unit's usual name, unless
        # the publisher typed another in the preview.
        issuer=compose.issuer or f"Công an {name[:1].lower()}{name[1:]}",
        scope=compose.scope,
        photo_file_id=compose.photo_file_id,
        expires_at=compose.expires_at,
        urgent=compose.urgent,
    )


def _preview_view(
    context: BotContext, locale: str, state: State
) -> tuple[Html, InlineKeyboardMarkup]:
    services = context.services
    draft = _draft(context, Compose.load(state.data))
    card = tr(
        context,
        locale,
        "notice-preview",
        title=draft.title,
        body=draft.body,
        issuer=draft.issuer,
        scope=scope_name(services.directory, draft.scope),
        expiry=expiry_text(context, locale, draft.expires_at),
    )
    urgency = tr(context, locale, "notice-urgent-on" if draft.urgent else "notice-urgent-off")
    card = Html(f"{card}\n{urgency}")
    urgent_label = "notice-urgent-unset" if draft.urgent else "notice-urgent-set"
    markup = InlineKeyboardMarkup(
        [
            [flow_button(tr(context, locale, "notice-publish"), "pub", state)],
            [flow_button(tr(context, locale, "notice-schedule"), "sch", state)],
            [flow_button(tr(context, locale, urgent_label), "urg", state)],
            [flow_button(tr(context, locale, "notice-change-issuer"), "iss", state)],
            _cancel_row(context, locale, state),
        ]
    )
    return card, markup


async def _preview(
    update: Update, context: BotContext, resident: Resident, compose: Compose
) -> None:
    showing = compose.at("preview")
    await context.services.conversations.set(resident.telegram_id, showing)
    card, markup = _preview_view(context, resident.locale, showing)
    chat = update.effective_chat
    assert chat is not None
    if compose.photo_file_id:
        await context.bot.send_photo(chat.id, compose.photo_file_id)
    await common.reply(update, context, card, markup)


async def on_schedule(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    when = parse_local_time(common.typed_text(update), utcnow(), context.services.settings.timezone)
    if when is None:
        await common.reply(update, context, tr(context, resident.locale, "notice-ask-time"))
        return
    compose = Compose.load(state.data)
    if compose.expires_at is not None and when >= compose.expires_at:
        await common.reply(
            update, context, tr(context, resident.locale, "notice-time-after-expiry")
        )
        return
    await _publish(update, context, resident, compose, when)


async def _publish(
    update: Update,
    context: BotContext,
    resident: Resident,
    compose: Compose,
    when: datetime | None = None,
) -> None:
    services, locale = context.services, resident.locale
    draft = _draft(context, compose)
    await services.conversations.clear(resident.telegram_id)
    if not await may_publish_to(update, context, draft.scope):
        await common.reply(update, context, tr(context, locale, "refusal-not-staff"))
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
    await common.reply(update, context, tr(context, locale, key, title=notice.title, time=time))


def consuming(step: DraftStep) -> ButtonStep:
    """A button whose message is spent once pressed: answer, take the buttons off, then go on
    with the draft."""

    async def run(
        update: Update, context: BotContext, resident: Resident, state: State, args: tuple[str, ...]
    ) -> None:
        await common.answer(update)
        await common.clear_buttons(update)
        await step(update, context, resident, Compose.load(state.data))

    return run


# (action, the step it belongs to) → what it does.
BUTTONS: dict[tuple[str, str], ButtonStep] = {
    ("s", "scope"): _on_scope,
    ("s", "commune"): _on_scope,
    ("c", "scope"): _on_one_commune,
    ("k", "kind"): _on_kind,
    ("skip", "photo"): consuming(_ask_expiry),
    ("nx", "expiry"): consuming(_preview),
    ("iss", "preview"): consuming(_on_change_issuer),
    ("ik", "issuer"): consuming(_preview),
    ("pub", "preview"): consuming(_publish),
    ("urg", "preview"): _on_urgent,
    ("sch", "preview"): consuming(_ask_time),
}
