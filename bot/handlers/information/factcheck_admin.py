"""/factcheck KEY for moderators and admins: change a fact-check's verdict or explanation. Everyone
who was shown the old one gets the correction right away (and the periodic job retries any that
could not be delivered)."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.information.render import factcheck_card, verdict_label
from bot.services.conversations import State
from bot.services.factchecks import EXPLANATION_MAX, FactCheckDraft, FactCheckView, Verdict
from bot.services.residents import Resident
from bot.services.scopes import may_publish

FLOW = "factcheck_edit"
EXPLAIN = "explain"
CODES = {
    "f": Verdict.FALSE,
    "m": Verdict.MISLEADING,
    "t": Verdict.TRUE,
    "u": Verdict.UNVERIFIED,
    "o": Verdict.OUT_OF_SCOPE,
}


async def _editable(update: Update, context: BotContext, factcheck: FactCheckView | None) -> bool:
    user = update.effective_user
    assert user is not None
    services = context.services
    if factcheck is None or factcheck.withdrawn:
        return False
    staff = await services.roles.of(user.id)
    return may_publish(services.roles, services.directory, staff, factcheck.scope)


def _keyboard(context: BotContext, locale: str, factcheck: FactCheckView) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                verdict_label(context, locale, verdict),
                callback_data=cb("fc", "v", factcheck.id, code),
            )
        ]
        for code, verdict in CODES.items()
        if verdict is not factcheck.verdict
    ]
    rows.append(
        [
            InlineKeyboardButton(
                tr(context, locale, "factcheck-edit-explanation"),
                callback_data=cb("fc", "e", factcheck.id),
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


async def factcheck_command(update: Update, context: BotContext) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    key = " ".join(context.args or []).strip()
    factcheck = await context.services.factchecks.by_key(key) if key else None
    if not key:
        await common.reply(update, context, tr(context, locale, "factcheck-edit-usage"))
        return
    if not await _editable(update, context, factcheck):
        await common.reply(update, context, tr(context, locale, "factcheck-edit-refused"))
        return
    assert factcheck is not None
    text = factcheck_card(context, locale, factcheck)
    await common.reply(update, context, text, _keyboard(context, locale, factcheck))


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    locale, services = resident.locale, context.services
    factcheck_id = data.int_arg(0)
    factcheck = await services.factchecks.get(factcheck_id) if factcheck_id is not None else None
    if not await _editable(update, context, factcheck):
        raise common.Refused()
    assert factcheck is not None
    if data.action == "v" and data.args[1:2] and data.args[1] in CODES:
        await common.answer(update)
        updated = await _save(context, factcheck, CODES[data.args[1]], factcheck.explanation)
        await common.edit(update, factcheck_card(context, locale, updated))
        await _corrected(update, context, resident, updated)
    elif data.action == "e":
        await common.answer(update)
        await services.conversations.set(
            resident.telegram_id, State(FLOW, EXPLAIN, {"id": factcheck.id})
        )
        await common.reply(update, context, tr(context, locale, "factcheck-edit-ask"))
    else:
        raise common.Refused()


async def typed_explanation(
    update: Update, context: BotContext, locale: str, ask_again: str
) -> str | None:
    """The explanation of a fact-check as a moderator typed it, or None after saying why it
    cannot be taken (too long, or too short: asked again with `ask_again`)."""
    message = common.message_of(update)
    text = (message.text or "").strip()
    if await common.too_long(update, context, locale, text, EXPLANATION_MAX):
        return None
    if len(text) < 5:
        await common.reply(update, context, tr(context, locale, ask_again))
        return None
    return text


async def on_explanation(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    services, locale = context.services, resident.locale
    text = await typed_explanation(update, context, locale, "factcheck-edit-ask")
    if text is None:
        return
    await services.conversations.clear(resident.telegram_id)
    factcheck = await services.factchecks.get(int(state.data["id"]))
    if not await _editable(update, context, factcheck):
        await common.reply(update, context, tr(context, locale, "factcheck-edit-refused"))
        return
    assert factcheck is not None
    updated = await _save(context, factcheck, factcheck.verdict, text)
    await common.reply(update, context, factcheck_card(context, locale, updated))
    await _corrected(update, context, resident, updated)


async def _save(
    context: BotContext, factcheck: FactCheckView, verdict: Verdict, explanation: str
) -> FactCheckView:
    saved = await context.services.factchecks.save(
        FactCheckDraft(
            key=factcheck.key,
            claim=factcheck.claim,
            verdict=verdict,
            explanation=explanation,
            scope=factcheck.scope,
            published_at=factcheck.published_at,
            sources=factcheck.sources,
            tags=factcheck.tags,
        )
    )
    return saved.factcheck


async def _corrected(
    update: Update, context: BotContext, resident: Resident, factcheck: FactCheckView
) -> None:
    waiting = await context.services.factchecks.outdated_receipts(factcheck.id)
    common.send_soon(context)
    text = tr(context, resident.locale, "factcheck-edit-done", sent=waiting)
    await common.reply(update, context, text)
