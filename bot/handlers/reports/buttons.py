"""The report flow's buttons. Each carries the draft's id and is accepted only at the step it
belongs to; anything else (an old message, a discarded draft, a forged press) gets a hint and
changes nothing."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from telegram import Update

from bot.handlers import common
from bot.handlers.callbacks import Callback
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import duration
from bot.handlers.menu import main_menu
from bot.handlers.reports.draft import EDITABLE, FLOW, Draft
from bot.handlers.reports.flow import (
    advance,
    ask,
    ask_discard,
    describe,
    draft_of,
    go,
    keep_address,
    refuse,
)
from bot.handlers.reports.my_reports import start_followup
from bot.handlers.reports.render import (
    categories_explained,
    category_keyboard,
    parts_keyboard,
    review_keyboard,
    summary,
)
from bot.handlers.steps import pressed_state
from bot.i18n import Html
from bot.services.conversations import State
from bot.services.reports import TEXT_MAX, Filed, MergedIntoEarlier, RateLimited
from bot.services.residents import Resident


@dataclass(frozen=True)
class Press:
    """A verified press: the draft's id matched and the step was one the button belongs to."""

    resident: Resident
    state: State
    draft: Draft
    args: tuple[str, ...]


ButtonAction = Callable[[Update, BotContext, Press], Awaitable[None]]


def _draft_id(state: State) -> object:
    return state.data.get("id")


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    entry = _ACTIONS.get(data.action)
    if entry is None:
        raise common.Refused()
    token = data.args[0] if data.args else None
    state = await pressed_state(context, resident.telegram_id, FLOW, token, _draft_id)
    draft = draft_of(state)
    if draft is None:
        raise common.Refused()
    steps, action = entry
    if steps and state.step not in steps:
        await common.answer(update, tr(context, locale, "report-step-toast"))
        hint = tr(context, locale, "report-step-hint")
        await ask(update, context, resident, state.step, draft, hint=hint)
        return
    await action(update, context, Press(resident, state, draft, data.args[1:]))


async def _on_urgency(update: Update, context: BotContext, press: Press) -> None:
    resident, draft, args = press.resident, press.draft, press.args
    if args[:1] not in (("y",), ("n",)):
        raise common.Refused()
    draft.urgent = args[0] == "y"
    await common.answer(update)
    await common.clear_buttons(update)
    if draft.urgent:
        await common.reply(update, context, tr(context, resident.locale, "report-urgent-call"))
    await advance(update, context, resident, draft, "urgency")


async def _on_category(update: Update, context: BotContext, press: Press) -> None:
    resident, draft, args = press.resident, press.draft, press.args
    category = context.services.categories.get(args[0]) if args else None
    if category is None:
        raise common.Refused()
    await common.answer(update)
    if category.key == "fake_news":
        hint = tr(context, resident.locale, "report-fake-news")
        await common.edit(update, hint, category_keyboard(context, resident.locale, draft))
        return
    draft.category = category.key
    await common.clear_buttons(update)
    await advance(update, context, resident, draft, "category")


async def _on_explain_categories(update: Update, context: BotContext, press: Press) -> None:
    resident, draft = press.resident, press.draft
    await common.answer(update)
    text = categories_explained(context, resident.locale)
    await common.edit(update, text, category_keyboard(context, resident.locale, draft))


async def _on_where_check(update: Update, context: BotContext, press: Press) -> None:
    """The text typed at "where" was the address after all, or the description."""
    resident, draft, args = press.resident, press.draft, press.args
    pending = draft.pending
    if args[:1] not in (("a",), ("d",)) or not pending:
        raise common.Refused()
    await common.answer(update)
    await common.clear_buttons(update)
    draft.pending = None
    if args[0] == "a":
        await keep_address(update, context, resident, draft, pending)
    else:
        await describe(update, context, resident, draft, pending)


async def _on_duplicate(update: Update, context: BotContext, press: Press) -> None:
    """The text was sent minutes ago: add to that report instead, or write something else."""
    resident, draft, args = press.resident, press.draft, press.args
    earlier = draft.earlier
    if args[:1] not in (("add",), ("new",)) or not earlier:
        raise common.Refused()
    await common.answer(update)
    await common.clear_buttons(update)
    if args[0] == "new":
        draft.text = draft.earlier = None
        await go(update, context, resident, draft, "describe")
        return
    locale = resident.locale
    menu = main_menu(context.services.translator, locale)
    await common.reply(
        update, context, tr(context, locale, "report-duplicate-switched", code=earlier), menu
    )
    await start_followup(update, context, resident, earlier, draft.attachments)


async def _on_commune(update: Update, context: BotContext, press: Press) -> None:
    resident, draft, args = press.resident, press.draft, press.args
    if args == ("back",):
        await common.answer(update)
        await common.clear_buttons(update)
        await go(update, context, resident, draft, "where")
        return
    code = int(args[0]) if args and args[0].isdigit() else None
    commune = context.services.directory.get(code) if code is not None else None
    if commune is None:
        raise common.Refused()
    draft.commune = commune.code
    await common.answer(update)
    await common.edit(
        update, tr(context, resident.locale, "report-where-commune-set", commune=commune.name)
    )
    await go(update, context, resident, draft, "where")


async def _on_trim(update: Update, context: BotContext, press: Press) -> None:
    resident, draft = press.resident, press.draft
    full = draft.long_text
    if not full:
        raise common.Refused()
    draft.text, draft.long_text = full[:TEXT_MAX].strip(), None
    await common.answer(update)
    await common.clear_buttons(update)
    cut = tr(
        context, resident.locale, "report-describe-trimmed", kept=TEXT_MAX, cut=len(full) - TEXT_MAX
    )
    await advance(update, context, resident, draft, "describe", hint=cut)


async def _on_media_done(update: Update, context: BotContext, press: Press) -> None:
    resident, draft = press.resident, press.draft
    await common.answer(update)
    await common.clear_buttons(update)
    await advance(update, context, resident, draft, "media")


async def _on_clear_media(update: Update, context: BotContext, press: Press) -> None:
    """While editing: take the attachments off, to send others."""
    resident, draft = press.resident, press.draft
    draft.attachments = []
    await common.answer(update)
    await common.clear_buttons(update)
    await go(update, context, resident, draft, "media")


async def _on_identity(update: Update, context: BotContext, press: Press) -> None:
    resident, draft, args = press.resident, press.draft, press.args
    user = update.effective_user
    assert user is not None
    if args[:1] not in (("anon",), ("named",)):
        raise common.Refused()
    await common.answer(update)
    await common.clear_buttons(update)
    if args[0] == "anon":
        draft.anonymous, draft.name, draft.phone = True, None, None
        draft.editing = False
        await go(update, context, resident, draft, "review")
    else:
        draft.anonymous, draft.name = False, user.full_name[:200]
        await go(update, context, resident, draft, "phone")


async def _on_send(update: Update, context: BotContext, press: Press) -> None:
    resident, draft = press.resident, press.draft
    locale = resident.locale
    if not draft.ready():
        await common.answer(update, tr(context, locale, "report-sending-needs-text"), alert=True)
        return
    new = draft.to_new_report()
    category = context.services.categories.get(new.category)
    new = replace(new, urgent=new.urgent or (category is not None and category.urgent))
    result = await context.services.reports.file(resident.telegram_id, new)
    await common.answer(update)
    if isinstance(result, RateLimited):
        await refuse(update, context, resident, result, kept=True)
        return
    await context.services.conversations.clear(resident.telegram_id)
    await common.clear_buttons(update)
    menu = main_menu(context.services.translator, locale)
    if isinstance(result, Filed) or (isinstance(result, MergedIntoEarlier) and result.added):
        common.send_soon(context)  # to the room now, not on the next periodic run
    if isinstance(result, Filed):
        within = context.services.reports.windows.acknowledge_within(result.urgent)
        text = tr(
            context,
            locale,
            "report-filed",
            code=result.code,
            urgent=result.urgent,
            within=duration(context, locale, within),
        )
        await common.reply(update, context, text, menu)
    elif isinstance(result, MergedIntoEarlier):
        key = "report-merged" if result.added else "report-merged-nothing-new"
        await common.reply(update, context, tr(context, locale, key, code=result.code), menu)
    else:
        await refuse(update, context, resident, result)


async def _on_edit(update: Update, context: BotContext, press: Press) -> None:
    resident, draft = press.resident, press.draft
    locale = resident.locale
    await common.answer(update)
    text = Html(f"{summary(context, locale, draft)}\n\n{tr(context, locale, 'report-edit-ask')}")
    await common.edit(update, text, parts_keyboard(context, locale, draft))


async def _on_part(update: Update, context: BotContext, press: Press) -> None:
    resident, draft, args = press.resident, press.draft, press.args
    locale = resident.locale
    if args == ("back",):
        await common.answer(update)
        await common.edit(
            update, summary(context, locale, draft), review_keyboard(context, locale, draft)
        )
        return
    if not args or args[0] not in EDITABLE:
        raise common.Refused()
    draft.editing = True
    if args[0] == "describe":
        draft.partial = draft.long_text = None
    await common.answer(update)
    await common.clear_buttons(update)
    await go(update, context, resident, draft, args[0])


async def _on_review_cancel(update: Update, context: BotContext, press: Press) -> None:
    resident, state = press.resident, press.state
    await common.answer(update)
    await ask_discard(update, context, resident, state)


async def _on_discard(update: Update, context: BotContext, press: Press) -> None:
    resident, state, draft, args = press.resident, press.state, press.draft, press.args
    locale = resident.locale
    if args[:1] not in (("y",), ("n",)):
        raise common.Refused()
    await common.answer(update)
    await common.clear_buttons(update)
    if args[0] == "y":
        await context.services.conversations.clear(resident.telegram_id)
        menu = main_menu(context.services.translator, locale)
        await common.reply(update, context, tr(context, locale, "report-discarded"), menu)
    else:
        await ask(update, context, resident, state.step, draft)


async def _on_resume(update: Update, context: BotContext, press: Press) -> None:
    resident, state, draft, args = press.resident, press.state, press.draft, press.args
    if args[:1] not in (("go",), ("new",)):
        raise common.Refused()
    await common.answer(update)
    await common.clear_buttons(update)
    if args[0] == "go":
        draft.keys = None  # the main menu was shown meanwhile
        await ask(update, context, resident, state.step, draft)
        return
    commune = resident.home_commune_code or draft.commune
    await go(update, context, resident, Draft.new(commune), "urgency")


_ACTIONS: dict[str, tuple[tuple[str, ...], ButtonAction]] = {
    "u": (("urgency",), _on_urgency),
    "c": (("category",), _on_category),
    "h": (("category",), _on_explain_categories),
    "w": (("where_check",), _on_where_check),
    "y": (("duplicate",), _on_duplicate),
    "m": (("where_commune",), _on_commune),
    "t": (("describe",), _on_trim),
    "d": (("media",), _on_media_done),
    "a": (("media",), _on_clear_media),
    "i": (("identity",), _on_identity),
    "s": (("review",), _on_send),
    "e": (("review",), _on_edit),
    "p": (("review",), _on_part),
    "x": (("review",), _on_review_cancel),
    "k": ((), _on_discard),
    "r": ((), _on_resume),
}
