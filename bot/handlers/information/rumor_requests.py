"""/rumors for moderators: the open rumor requests of their communes, most-asked (or newest)
first, answered with a new fact-check, an existing one, or "out of scope". Every asker is then
told, in their own language. Typing (the explanation, a search) happens in the private chat."""

import logging
import math

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.information.factcheck_admin import typed_explanation
from bot.handlers.information.match_stats import show_stats
from bot.handlers.information.render import (
    VERDICT_ICONS,
    preview,
    verdict_label,
)
from bot.handlers.paging import page_buttons
from bot.i18n import Html
from bot.services.conversations import State
from bot.services.factchecks import CLAIM_MAX, FactCheckDraft, Verdict
from bot.services.residents import Resident
from bot.services.rumors import RumorRequestView
from bot.services.scopes import Scope, ScopeKind

log = logging.getLogger(__name__)

FLOW = "rumor_answer"
EXPLAIN = "explain"
SEARCH = "search"
PAGE = 8
VERDICT_CODES = {
    "f": Verdict.FALSE,
    "m": Verdict.MISLEADING,
    "t": Verdict.TRUE,
    "u": Verdict.UNVERIFIED,
}


async def _reach(update: Update, context: BotContext) -> tuple[list[int], list[int]]:
    """The communes and provinces the presser moderates; refused for others."""
    user = update.effective_user
    assert user is not None
    services = context.services
    staff = await services.roles.of(user.id)
    communes = services.roles.communes_moderated(staff)
    provinces = [
        p
        for p in services.directory.province_codes
        if services.roles.can_administer_province(staff, p)
    ]
    if communes or provinces:
        return communes, provinces
    raise common.Refused("refusal-not-staff", alert=True)


async def rumors_command(update: Update, context: BotContext) -> None:
    await _show_queue(update, context, newest=False, page=0, new_message=True)


async def _show_queue(
    update: Update, context: BotContext, newest: bool, page: int, new_message: bool
) -> None:
    reach = await _reach(update, context)
    locale = await common.user_locale(update, context)
    requests, total = await context.services.rumors.queue(
        *reach, newest=newest, limit=PAGE, offset=page * PAGE
    )
    order = "n" if newest else "t"
    rows = [
        [
            InlineKeyboardButton(
                f"👥{r.askers} · {preview(r.text or '📷', 40)}", callback_data=cb("ru", "o", r.id)
            )
        ]
        for r in requests
    ]
    pages = max(1, math.ceil(total / PAGE))
    rows += page_buttons(context, locale, page, pages, lambda n: cb("ru", "q", order, n))
    switch = "rumors-sort-top" if newest else "rumors-sort-new"
    rows.append(
        [
            InlineKeyboardButton(
                tr(context, locale, switch), callback_data=cb("ru", "q", "t" if newest else "n", 0)
            )
        ]
    )
    rows.append(
        [InlineKeyboardButton(tr(context, locale, "match-stats-open"), callback_data=cb("ru", "s"))]
    )
    key = "rumors-empty" if total == 0 else ("rumors-title-new" if newest else "rumors-title-top")
    text = tr(context, locale, key, count=total)
    if new_message:
        await common.reply(update, context, text, InlineKeyboardMarkup(rows))
    else:
        await common.edit(update, text, InlineKeyboardMarkup(rows))


def _request_text(context: BotContext, locale: str, request: RumorRequestView) -> Html:
    origin = request.origin_title or (
        tr(context, locale, f"rumor-origin-{request.origin_kind.replace('_', '-')}")
        if request.origin_kind
        else tr(context, locale, "rumor-origin-direct")
    )
    commune = context.services.directory.get(request.commune_code or 0)
    return tr(
        context,
        locale,
        "rumors-request",
        id=request.id,
        text=request.text or "📷",
        askers=request.askers,
        origin=origin,
        commune=commune.name if commune else "—",
    )


def _request_keyboard(context: BotContext, locale: str, request_id: int) -> InlineKeyboardMarkup:
    def button(key: str, action: str) -> list[InlineKeyboardButton]:
        return [
            InlineKeyboardButton(
                tr(context, locale, key), callback_data=cb("ru", action, request_id)
            )
        ]

    return InlineKeyboardMarkup(
        [
            button("rumors-answer-new", "n"),
            button("rumors-link", "l"),
            button("rumors-out-of-scope", "x"),
        ]
    )


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    reach = await _reach(update, context)
    locale = await common.user_locale(update, context)
    services = context.services
    if data.action == "q":
        await common.answer(update)
        await _show_queue(update, context, data.args[:1] == ("n",), data.int_arg(1) or 0, False)
        return
    if data.action == "s":
        await common.answer(update)
        await show_stats(update, context, locale, reach)
        return
    request_id = data.int_arg(0)
    request = await services.rumors.get(request_id) if request_id is not None else None
    if request is None or not await services.rumors.may_answer(request.id, *reach):
        raise common.Refused()
    if request.status.value != "open":
        raise common.Refused("rumors-already-closed", alert=True)
    await common.answer(update)
    if data.action == "o":
        await _open(update, context, locale, request)
    elif data.action == "n":
        rows = [
            [
                InlineKeyboardButton(
                    verdict_label(context, locale, v), callback_data=cb("ru", "v", request.id, code)
                )
            ]
            for code, v in VERDICT_CODES.items()
        ]
        await common.edit(
            update, _request_text(context, locale, request), InlineKeyboardMarkup(rows)
        )
    elif data.action == "v" and data.args[1:2] and data.args[1] in VERDICT_CODES:
        await _ask_private(
            update,
            context,
            locale,
            State(FLOW, EXPLAIN, {"request": request.id, "verdict": data.args[1]}),
            "rumors-explain",
        )
    elif data.action == "l":
        await _offer_links(update, context, locale, request)
    elif data.action == "k" and (factcheck_id := data.int_arg(1)) is not None:
        await close(update, context, request.id, factcheck_id)
    elif data.action == "x":
        await common.clear_buttons(update)
        await close(update, context, request.id, None)


async def _open(
    update: Update, context: BotContext, locale: str, request: RumorRequestView
) -> None:
    chat = update.effective_chat
    assert chat is not None
    if request.photo_file_id:
        await context.bot.send_photo(chat.id, request.photo_file_id)
    await common.reply(
        update,
        context,
        _request_text(context, locale, request),
        _request_keyboard(context, locale, request.id),
    )


async def _ask_private(
    update: Update, context: BotContext, locale: str, state: State, key: str
) -> None:
    user = update.effective_user
    assert user is not None
    await context.services.conversations.set(user.id, state)
    try:
        await common.send(context, user.id, tr(context, locale, key))
    except Forbidden:
        await common.reply(update, context, tr(context, locale, "rumors-open-private"))


async def _offer_links(
    update: Update, context: BotContext, locale: str, request: RumorRequestView
) -> None:
    result = await context.services.factchecks.match(request.text)
    rows = [
        [
            InlineKeyboardButton(
                f"{VERDICT_ICONS[m.factcheck.verdict]} {preview(m.factcheck.claim)}",
                callback_data=cb("ru", "k", request.id, m.factcheck.id),
            )
        ]
        for m in result.candidates
    ]
    await common.edit(
        update,
        _request_text(context, locale, request),
        InlineKeyboardMarkup(rows) if rows else None,
    )
    await _ask_private(
        update, context, locale, State(FLOW, SEARCH, {"request": request.id}), "rumors-search"
    )


async def on_explanation(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    """The moderator typed the explanation: publish the fact-check and answer the request."""
    services, locale = context.services, resident.locale
    explanation = await typed_explanation(update, context, locale, "rumors-explain")
    if explanation is None:
        return
    request = await services.rumors.get(int(state.data["request"]))
    await services.conversations.clear(resident.telegram_id)
    if request is None or request.status.value != "open":
        await common.reply(update, context, tr(context, locale, "rumors-already-closed"))
        return
    scope = (
        Scope(ScopeKind.COMMUNE, request.commune_code)
        if request.commune_code
        else Scope(
            ScopeKind.PROVINCE, request.province_code or services.directory.province_codes[0]
        )
    )
    saved = await services.factchecks.save(
        FactCheckDraft(
            key=None,
            claim=(request.text or "📷")[:CLAIM_MAX],
            verdict=VERDICT_CODES[state.data["verdict"]],
            explanation=explanation,
            scope=scope,
        ),
        author=resident.telegram_id,
    )
    await close(update, context, request.id, saved.factcheck.id)


async def on_search(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    """The moderator typed words (or a fact-check key) to find the fact-check to link."""
    message = common.message_of(update)
    services, locale = context.services, resident.locale
    query = (message.text or "").strip()
    request_id = int(state.data["request"])
    exact = await services.factchecks.by_key(query) if query else None
    found = (
        [exact]
        if exact
        else [m.factcheck for m in (await services.factchecks.match(query)).candidates]
    )
    if not found:
        await common.reply(update, context, tr(context, locale, "rumors-search-none"))
        return
    rows = [
        [
            InlineKeyboardButton(
                f"{VERDICT_ICONS[f.verdict]} {preview(f.claim)}",
                callback_data=cb("ru", "k", request_id, f.id),
            )
        ]
        for f in found
    ]
    await common.reply(
        update, context, tr(context, locale, "rumors-search-results"), InlineKeyboardMarkup(rows)
    )


async def close(
    update: Update, context: BotContext, request_id: int, factcheck_id: int | None
) -> None:
    user = update.effective_user
    assert user is not None
    services = context.services
    locale = await common.user_locale(update, context)
    if factcheck_id is not None and await services.factchecks.get(factcheck_id) is None:
        raise common.Refused()
    told = await services.rumors.answer(request_id, factcheck_id, user.id)
    await services.conversations.clear(user.id)
    common.send_soon(context)
    factcheck = await services.factchecks.get(factcheck_id) if factcheck_id else None
    key = factcheck.key if factcheck else "—"
    text = tr(context, locale, "rumors-closed", id=request_id, told=told, code=key)
    await common.reply(update, context, text)
