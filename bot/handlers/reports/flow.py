"""The report flow: from "Report an incident" (or /report) to a filed report with a tracking
code — starting, asking each step's question, and what the resident sends at each step (the
buttons are in buttons.py). Every answer is saved in the conversation state before the next
question is asked, so a restart anywhere loses nothing and a resident who writes again simply
continues."""

import math
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardMarkup, Update

from bot.handlers import common
from bot.handlers.common import BotContext, tr
from bot.handlers.menu import main_menu
from bot.handlers.reports.draft import FLOW, Draft
from bot.handlers.reports.media import acknowledge, attachment_of, take_buttons_off
from bot.handlers.reports.render import (
    commune_buttons,
    discard_keyboard,
    flow_keyboard,
    is_label,
    media_keyboard,
    phone_keyboard,
    question,
    resume_keyboard,
    trim_keyboard,
    where_keyboard,
)
from bot.i18n import Html
from bot.services.addresses import looks_like_description
from bot.services.conversations import State
from bot.services.report_codes import outside_served_area
from bot.services.reports import (
    MAX_ATTACHMENTS,
    TEXT_MAX,
    TEXT_MIN,
    Blocked,
    Refused,
)
from bot.services.residents import Resident
from bot.services.text import fold

ADDRESS_MAX = 300
# Residents often type "xong" instead of pressing the button.
DONE_WORDS = frozenset({"xong", "xong roi", "het", "done", "finish", "finished", "ok xong"})
NEXT = {
    "urgency": "category",
    "category": "where",
    "where": "describe",
    "describe": "media",
    "media": "identity",
    "phone": "review",
}
# Where "Back" goes from each step.
PREVIOUS = {
    "category": "urgency",
    "where": "category",
    "where_commune": "where",
    "where_check": "where",
    "describe": "where",
    "duplicate": "describe",
    "media": "describe",
    "identity": "media",
    "phone": "identity",
    "review": "identity",
}
# Steps whose question brings its own reply keyboard; the others show inline buttons, under
# which the flow keyboard (Back, Cancel) must already be.
_KEYS = {"where": "where", "describe": "flow", "phone": "phone"}
# Questions of "where" that may keep its keyboard (it has Back and Cancel too).
_WHERE = frozenset({"where_commune", "where_check"})


def draft_of(state: State | None) -> Draft | None:
    if state is None or state.flow != FLOW:
        return None
    return Draft.load(state.data)


async def report_command(update: Update, context: BotContext) -> None:
    await start(update, context, await common.current_resident(update, context))


async def start(update: Update, context: BotContext, resident: Resident) -> None:
    """Menu "Report an incident": refuse politely if we must, else offer to continue an
    unsent draft, else begin."""
    locale = resident.locale
    if not resident.onboarded or resident.home_commune_code is None:
        await common.reply(update, context, tr(context, locale, "need-start"))
        return
    refusal = await context.services.reports.may_file(resident.telegram_id)
    if refusal is not None:
        await refuse(update, context, resident, refusal)
        return
    if await has_draft(context, resident):
        await offer_to_resume(update, context, resident)
        return
    await go(update, context, resident, Draft.new(resident.home_commune_code), "urgency")


async def has_draft(context: BotContext, resident: Resident) -> bool:
    return draft_of(await context.services.conversations.get(resident.telegram_id)) is not None


async def offer_to_resume(update: Update, context: BotContext, resident: Resident) -> None:
    draft = draft_of(await context.services.conversations.get(resident.telegram_id))
    if draft is not None:
        keyboard = resume_keyboard(context, resident.locale, draft)
        await common.reply(
            update, context, tr(context, resident.locale, "report-draft-exists"), keyboard
        )


async def ask_discard(
    update: Update, context: BotContext, resident: Resident, state: State
) -> bool:
    """/cancel during a report: confirm before throwing the draft away. False if there is no
    report draft (the caller cancels whatever else is in progress)."""
    draft = draft_of(state)
    if draft is None:
        return False
    keyboard = discard_keyboard(context, resident.locale, draft)
    await common.reply(
        update, context, tr(context, resident.locale, "report-cancel-confirm"), keyboard
    )
    return True


async def refuse(
    update: Update, context: BotContext, resident: Resident, refusal: Refused, kept: bool = False
) -> None:
    locale = resident.locale
    if isinstance(refusal, Blocked):
        text = tr(context, locale, "report-blocked")
    else:
        minutes = max(1, math.ceil(refusal.wait.total_seconds() / 60))
        text = tr(context, locale, "report-cooldown", minutes=minutes)
        if kept:
            text = Html(f"{text}\n{tr(context, locale, 'report-cooldown-kept')}")
    await common.reply(update, context, text, main_menu(context.services.translator, locale))


async def _save(context: BotContext, resident: Resident, step: str, draft: Draft) -> None:
    await context.services.conversations.set(
        resident.telegram_id, State(FLOW, step, draft.as_data())
    )


async def ask(
    update: Update,
    context: BotContext,
    resident: Resident,
    step: str,
    draft: Draft,
    *,
    hint: str | None = None,
) -> None:
    """Ask for `step` (the current step). An inline question comes after a line that brings
    Back and Cancel when the resident's keyboard is not the flow's yet."""
    chat = update.effective_chat
    assert chat is not None
    locale = resident.locale
    text, markup = question(context, locale, step, draft)
    if hint:
        text = Html(f"{hint}\n\n{text}")
    keys = _KEYS.get(step)
    fits = draft.keys == "flow" or (step in _WHERE and draft.keys == "where")
    if keys is None and not fits:
        note = tr(context, locale, "report-flow-keys")
        await common.send(context, chat.id, note, flow_keyboard(context, locale))
        keys = "flow"
    sent = await common.send(context, chat.id, text, markup)
    if step == "media":
        draft.prompt = sent.message_id
    draft.keys = keys or draft.keys
    await _save(context, resident, step, draft)


async def go(
    update: Update,
    context: BotContext,
    resident: Resident,
    draft: Draft,
    step: str,
    hint: str | None = None,
) -> None:
    draft.ack = draft.prompt = None
    await _save(context, resident, step, draft)
    await ask(update, context, resident, step, draft, hint=hint)


async def back(
    update: Update, context: BotContext, resident: Resident, step: str, draft: Draft
) -> None:
    """Back: the step before this one, or the review when the resident was editing a part."""
    if draft.editing:
        draft.editing = False
        await go(update, context, resident, draft, "review")
    elif step in PREVIOUS:
        draft.pending = None
        await go(update, context, resident, draft, PREVIOUS[step])
    else:
        hint = tr(context, resident.locale, "report-flow-first")
        await ask(update, context, resident, step, draft, hint=hint)


async def advance(
    update: Update,
    context: BotContext,
    resident: Resident,
    draft: Draft,
    current: str,
    hint: str | None = None,
) -> None:
    """The next step, or back to the review when the resident was editing one part."""
    step = "review" if draft.editing else NEXT[current]
    if step == "review":
        draft.editing = False
    await go(update, context, resident, draft, step, hint)


# ---- messages -----------------------------------------------------------------------------


async def on_message(update: Update, context: BotContext, resident: Resident, state: State) -> None:
    """Whatever the resident sent while a report step was waiting."""
    message = common.message_of(update)
    draft = draft_of(state)
    if draft is None:
        await context.services.conversations.clear(resident.telegram_id)
        await start(update, context, resident)
        return
    step = state.step
    typed = message.text or ""
    if typed and is_label(context, typed, "report-flow-cancel"):
        await ask_discard(update, context, resident, state)
    elif typed and is_label(context, typed, "report-flow-back"):
        await back(update, context, resident, step, draft)
    elif step == "media":
        await _on_media_step(update, context, resident, draft)
    elif attachment_of(message) is not None:
        await _keep_early_attachment(update, context, resident, step, draft)
    elif message.location is not None and step != "where":
        await _on_pin(update, context, resident, step, draft)
    elif step in _STEP_MESSAGES:
        await _STEP_MESSAGES[step](update, context, resident, draft)
    else:
        hint = tr(context, resident.locale, "report-hint-button")
        await ask(update, context, resident, step, draft, hint=hint)


async def _keep_early_attachment(
    update: Update, context: BotContext, resident: Resident, step: str, draft: Draft
) -> None:
    """A photo sent before the attachments step is kept, not lost; a caption at the describe
    step is the description. One message says so, its count edited as more files come."""
    message = common.message_of(update)
    item = attachment_of(message)
    assert item is not None
    draft.attach(item)
    await _save(context, resident, step, draft)
    if step == "describe" and message.caption:
        await describe(update, context, resident, draft, message.caption)
        return
    locale = resident.locale
    hint = tr(context, locale, "report-media-kept", count=len(draft.attachments))
    text, markup = question(context, locale, step, draft)
    inline = markup if isinstance(markup, InlineKeyboardMarkup) else None
    if draft.ack == 0:
        return  # said once at this step; the review shows the count
    if inline is None:
        # A reply keyboard comes with a new message only, so this is said once per step.
        await ask(update, context, resident, step, draft, hint=hint)
        draft.ack = 0
        await _save(context, resident, step, draft)
        return
    draft.ack = await acknowledge(update, context, draft.ack, f"{hint}\n\n{text}", inline)
    await _save(context, resident, step, draft)


async def _on_pin(
    update: Update, context: BotContext, resident: Resident, step: str, draft: Draft
) -> None:
    message = update.effective_message
    assert message is not None and message.location is not None
    location = message.location
    locale = resident.locale
    draft.latitude, draft.longitude = location.latitude, location.longitude
    draft.far = outside_served_area(
        location.latitude, location.longitude, context.services.settings.bot_provinces
    )
    await _save(context, resident, step, draft)
    far = tr(context, locale, "report-where-pin-far") if draft.far else None
    if step == "where":
        lines = [tr(context, locale, "report-where-pin-saved"), far or ""]
        await common.reply(
            update, context, "\n".join(lines).strip(), where_keyboard(context, locale)
        )
    else:
        hint = Html(f"{tr(context, locale, 'report-pin-kept')}\n{far or ''}".strip())
        await ask(update, context, resident, step, draft, hint=hint)


async def _on_where(update: Update, context: BotContext, resident: Resident, draft: Draft) -> None:
    message = common.message_of(update)
    locale = resident.locale
    if message.location is not None:
        await _on_pin(update, context, resident, "where", draft)
    elif not message.text:
        hint = tr(context, locale, "report-hint-location")
        await common.reply(update, context, hint, where_keyboard(context, locale))
    elif is_label(context, message.text, "report-where-continue"):
        if draft.editing:
            keys = flow_keyboard(context, locale)
            await common.reply(update, context, tr(context, locale, "report-where-done"), keys)
            draft.keys = "flow"
        await advance(update, context, resident, draft, "where")
    elif is_label(context, message.text, "report-where-change"):
        await go(update, context, resident, draft, "where_commune")
    elif is_label(context, message.text, "report-where-pin"):
        hint = tr(context, locale, "report-hint-location")
        await common.reply(update, context, hint, where_keyboard(context, locale))
    else:
        address = " ".join(message.text.split())
        if len(address) > ADDRESS_MAX:
            text = tr(context, locale, "report-where-address-long", max=ADDRESS_MAX)
            await common.reply(update, context, text, where_keyboard(context, locale))
            return
        if looks_like_description(address):
            draft.pending = address
            await go(update, context, resident, draft, "where_check")
            return
        await keep_address(update, context, resident, draft, address)


async def keep_address(
    update: Update, context: BotContext, resident: Resident, draft: Draft, address: str
) -> None:
    locale = resident.locale
    draft.address, draft.pending, draft.keys = address, None, "where"
    await _save(context, resident, "where", draft)
    text = tr(context, locale, "report-where-address-saved", address=address)
    await common.reply(update, context, text, where_keyboard(context, locale))


async def _on_where_commune(
    update: Update, context: BotContext, resident: Resident, draft: Draft
) -> None:
    message = common.message_of(update)
    locale = resident.locale
    if message.text and is_label(context, message.text, "report-where-continue"):
        await advance(update, context, resident, draft, "where")
        return
    if not message.text or len(message.text.strip()) < 2:
        hint = tr(context, locale, "report-hint-text")
        await ask(update, context, resident, "where_commune", draft, hint=hint)
        return
    query = message.text.strip()[:100]
    matches = context.services.directory.search(query)
    if matches:
        text = tr(context, locale, "report-where-commune-ask")
    else:
        text = tr(context, locale, "report-where-commune-none", query=query)
    await common.reply(update, context, text, commune_buttons(context, locale, draft, matches))


async def _on_describe(
    update: Update, context: BotContext, resident: Resident, draft: Draft
) -> None:
    message = common.message_of(update)
    if not message.text or is_label(context, message.text, "report-where-continue"):
        hint = tr(context, resident.locale, "report-hint-text")
        await ask(update, context, resident, "describe", draft, hint=hint)
        return
    await describe(update, context, resident, draft, message.text)


async def describe(
    update: Update, context: BotContext, resident: Resident, draft: Draft, text: str
) -> None:
    """The description, from the describe step (or a text at "where" that was one). The same
    text sent in the last few minutes is said at once, with the choice of adding to it."""
    locale = resident.locale
    full = f"{draft.partial}\n{text}" if draft.partial else text
    full = full.strip()
    if len(full) < TEXT_MIN:
        draft.partial = full
        short = tr(context, locale, "report-describe-short", length=len(full))
        await common.reply(update, context, short, flow_keyboard(context, locale))
        draft.keys = "flow"
        await _save(context, resident, "describe", draft)
    elif len(full) > TEXT_MAX:
        draft.partial, draft.long_text = None, full
        await _save(context, resident, "describe", draft)
        text = tr(context, locale, "report-describe-long", length=len(full), max=TEXT_MAX)
        await common.reply(update, context, text, trim_keyboard(context, locale, draft))
    else:
        draft.text, draft.partial, draft.long_text = full, None, None
        await after_text(update, context, resident, draft)


async def after_text(update: Update, context: BotContext, resident: Resident, draft: Draft) -> None:
    assert draft.text is not None
    earlier = await context.services.reports.recent_same_text(resident.telegram_id, draft.text)
    if earlier is not None:
        draft.earlier = earlier
        await go(update, context, resident, draft, "duplicate")
        return
    await advance(update, context, resident, draft, "describe")


async def _on_media_step(
    update: Update, context: BotContext, resident: Resident, draft: Draft
) -> None:
    message = common.message_of(update)
    locale = resident.locale
    item = attachment_of(message)
    if item is not None:
        accepted = draft.attach(item)
        await _save(context, resident, "media", draft)
        key = "report-media-received" if accepted else "report-media-full"
        text = tr(context, locale, key, count=len(draft.attachments), max=MAX_ATTACHMENTS)
        keyboard = media_keyboard(context, locale, draft)
        first = draft.ack is None
        draft.ack = await acknowledge(update, context, draft.ack, text, keyboard)
        await _save(context, resident, "media", draft)
        if first and draft.prompt is not None:
            await take_buttons_off(context, message.chat_id, draft.prompt)
    elif message.text and fold(message.text) in DONE_WORDS:
        await advance(update, context, resident, draft, "media")
    elif message.text and draft.text and len(draft.text) + 1 + len(message.text) <= TEXT_MAX:
        draft.text = f"{draft.text}\n{message.text.strip()}"
        await _save(context, resident, "media", draft)
        text = tr(context, locale, "report-media-added-text")
        await common.reply(update, context, text, media_keyboard(context, locale, draft))
    elif message.text:
        room = max(0, TEXT_MAX - len(draft.text or "") - 1)
        text = tr(
            context, locale, "report-media-text-not-added", length=len(message.text), room=room
        )
        await common.reply(update, context, text, media_keyboard(context, locale, draft))
    elif message.location is not None:
        await _on_pin(update, context, resident, "media", draft)
    else:
        hint = tr(context, locale, "report-hint-media")
        await ask(update, context, resident, "media", draft, hint=hint)


async def _on_phone(update: Update, context: BotContext, resident: Resident, draft: Draft) -> None:
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    locale = resident.locale
    keys = flow_keyboard(context, locale)
    contact = message.contact
    if contact is not None and contact.user_id == user.id:
        draft.phone, draft.keys = contact.phone_number[:32], "flow"
        await common.reply(update, context, tr(context, locale, "report-phone-saved"), keys)
        await advance(update, context, resident, draft, "phone")
    elif message.text and is_label(context, message.text, "report-phone-skip"):
        draft.phone, draft.keys = None, "flow"
        await common.reply(update, context, tr(context, locale, "report-phone-skipped"), keys)
        await advance(update, context, resident, draft, "phone")
    else:
        text = tr(context, locale, "report-phone-not-yours")
        await common.reply(update, context, text, phone_keyboard(context, locale))


_STEP_MESSAGES: dict[str, Callable[[Update, BotContext, Resident, Draft], Awaitable[None]]] = {
    "where": _on_where,
    "where_commune": _on_where_commune,
    "describe": _on_describe,
    "phone": _on_phone,
}
