"""The report flow: from "Report an incident" (or /report) to a filed report with a tracking
code — starting, asking each step's question, and what the resident sends at each step (the
buttons are in buttons.py). Every answer is saved in the conversation state before the next
question is asked, so a restart anywhere loses nothing and a resident who writes again simply
continues."""

import math
from collections.abc import Awaitable, Callable

from telegram import Update

from bot.handlers.common import (
    BotContext,
    current_resident,
    reply,
    tr,
)
from bot.handlers.menu import main_menu
from bot.handlers.reports.draft import FLOW, Draft
from bot.handlers.reports.media import acknowledge, attachment_of
from bot.handlers.reports.render import (
    commune_buttons,
    discard_keyboard,
    is_label,
    media_keyboard,
    phone_keyboard,
    question,
    resume_keyboard,
    trim_keyboard,
    where_keyboard,
)
from bot.i18n import Html
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


def draft_of(state: State | None) -> Draft | None:
    if state is None or state.flow != FLOW:
        return None
    return Draft.load(state.data)


async def report_command(update: Update, context: BotContext) -> None:
    await start(update, context, await current_resident(update, context))


async def start(update: Update, context: BotContext, resident: Resident) -> None:
    """Menu "Report an incident": refuse politely if we must, else offer to continue an
    unsent draft, else begin."""
    locale = resident.locale
    if not resident.onboarded or resident.home_commune_code is None:
        await reply(update, context, tr(context, locale, "need-start"))
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
        await reply(update, context, tr(context, resident.locale, "report-draft-exists"), keyboard)


async def ask_discard(
    update: Update, context: BotContext, resident: Resident, state: State
) -> bool:
    """/cancel during a report: confirm before throwing the draft away. False if there is no
    report draft (the caller cancels whatever else is in progress)."""
    draft = draft_of(state)
    if draft is None:
        return False
    keyboard = discard_keyboard(context, resident.locale, draft)
    await reply(update, context, tr(context, resident.locale, "report-cancel-confirm"), keyboard)
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
    await reply(update, context, text, main_menu(context.services.translator, locale))


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
    text, markup = question(context, resident.locale, step, draft)
    if hint:
        text = Html(f"{hint}\n\n{text}")
    await reply(update, context, text, markup)


async def go(
    update: Update,
    context: BotContext,
    resident: Resident,
    draft: Draft,
    step: str,
    hint: str | None = None,
) -> None:
    await _save(context, resident, step, draft)
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
    message = update.effective_message
    assert message is not None
    draft = draft_of(state)
    if draft is None:
        await context.services.conversations.clear(resident.telegram_id)
        await start(update, context, resident)
        return
    step = state.step
    if step == "media":
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
    step is the description."""
    message = update.effective_message
    assert message is not None
    item = attachment_of(message)
    assert item is not None
    draft.attach(item)
    await _save(context, resident, step, draft)
    if step == "describe" and message.caption:
        await _describe(update, context, resident, draft, message.caption)
        return
    group = message.media_group_id
    if group is not None:
        if group in draft.acks:
            return
        # One hint per album; 0: there is no acknowledgement to edit later.
        draft.remember_ack(group, 0)
        await _save(context, resident, step, draft)
    hint = tr(context, resident.locale, "report-media-kept", count=len(draft.attachments))
    await ask(update, context, resident, step, draft, hint=hint)


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
        await reply(update, context, "\n".join(lines).strip(), where_keyboard(context, locale))
    else:
        hint = Html(f"{tr(context, locale, 'report-pin-kept')}\n{far or ''}".strip())
        await ask(update, context, resident, step, draft, hint=hint)


async def _on_where(update: Update, context: BotContext, resident: Resident, draft: Draft) -> None:
    message = update.effective_message
    assert message is not None
    locale = resident.locale
    if message.location is not None:
        await _on_pin(update, context, resident, "where", draft)
    elif not message.text:
        hint = tr(context, locale, "report-hint-location")
        await reply(update, context, hint, where_keyboard(context, locale))
    elif is_label(context, message.text, "report-where-continue"):
        if draft.editing:
            menu = main_menu(context.services.translator, locale)
            await reply(update, context, tr(context, locale, "report-where-done"), menu)
        await advance(update, context, resident, draft, "where")
    elif is_label(context, message.text, "report-where-change"):
        await go(update, context, resident, draft, "where_commune")
    elif is_label(context, message.text, "report-where-pin"):
        hint = tr(context, locale, "report-hint-location")
        await reply(update, context, hint, where_keyboard(context, locale))
    else:
        address = " ".join(message.text.split())
        if len(address) > ADDRESS_MAX:
            text = tr(context, locale, "report-where-address-long", max=ADDRESS_MAX)
            await reply(update, context, text, where_keyboard(context, locale))
            return
        draft.address = address
        await _save(context, resident, "where", draft)
        text = tr(context, locale, "report-where-address-saved", address=address)
        await reply(update, context, text, where_keyboard(context, locale))


async def _on_where_commune(
    update: Update, context: BotContext, resident: Resident, draft: Draft
) -> None:
    message = update.effective_message
    assert message is not None
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
    await reply(update, context, text, commune_buttons(context, locale, draft, matches))


async def _on_describe(
    update: Update, context: BotContext, resident: Resident, draft: Draft
) -> None:
    message = update.effective_message
    assert message is not None
    if not message.text or is_label(context, message.text, "report-where-continue"):
        hint = tr(context, resident.locale, "report-hint-text")
        await ask(update, context, resident, "describe", draft, hint=hint)
        return
    await _describe(update, context, resident, draft, message.text)


async def _describe(
    update: Update, context: BotContext, resident: Resident, draft: Draft, text: str
) -> None:
    locale = resident.locale
    full = f"{draft.partial}\n{text}" if draft.partial else text
    full = full.strip()
    if len(full) < TEXT_MIN:
        draft.partial = full
        await _save(context, resident, "describe", draft)
        await reply(update, context, tr(context, locale, "report-describe-short", length=len(full)))
    elif len(full) > TEXT_MAX:
        draft.partial, draft.long_text = None, full
        await _save(context, resident, "describe", draft)
        text = tr(context, locale, "report-describe-long", length=len(full), max=TEXT_MAX)
        await reply(update, context, text, trim_keyboard(context, locale, draft))
    else:
        draft.text, draft.partial, draft.long_text = full, None, None
        await advance(update, context, resident, draft, "describe")


async def _on_media_step(
    update: Update, context: BotContext, resident: Resident, draft: Draft
) -> None:
    message = update.effective_message
    assert message is not None
    locale = resident.locale
    item = attachment_of(message)
    if item is not None:
        accepted = draft.attach(item)
        await _save(context, resident, "media", draft)
        key = "report-media-received" if accepted else "report-media-full"
        text = tr(context, locale, key, count=len(draft.attachments), max=MAX_ATTACHMENTS)
        keyboard = media_keyboard(context, locale, draft)
        sent = await acknowledge(update, context, draft.acks, text, keyboard)
        if sent is not None and message.media_group_id is not None:
            draft.remember_ack(message.media_group_id, sent)
            await _save(context, resident, "media", draft)
    elif message.text and fold(message.text) in DONE_WORDS:
        await advance(update, context, resident, draft, "media")
    elif message.text and draft.text and len(draft.text) + 1 + len(message.text) <= TEXT_MAX:
        draft.text = f"{draft.text}\n{message.text.strip()}"
        await _save(context, resident, "media", draft)
        text = tr(context, locale, "report-media-added-text")
        await reply(update, context, text, media_keyboard(context, locale, draft))
    elif message.text:
        room = max(0, TEXT_MAX - len(draft.text or "") - 1)
        text = tr(
            context, locale, "report-media-text-not-added", length=len(message.text), room=room
        )
        await reply(update, context, text, media_keyboard(context, locale, draft))
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
    menu = main_menu(context.services.translator, locale)
    contact = message.contact
    if contact is not None and contact.user_id == user.id:
        draft.phone = contact.phone_number[:32]
        await reply(update, context, tr(context, locale, "report-phone-saved"), menu)
        await advance(update, context, resident, draft, "phone")
    elif message.text and is_label(context, message.text, "report-phone-skip"):
        draft.phone = None
        await reply(update, context, tr(context, locale, "report-phone-skipped"), menu)
        await advance(update, context, resident, draft, "phone")
    else:
        text = tr(context, locale, "report-phone-not-yours")
        await reply(update, context, text, phone_keyboard(context, locale))


_STEP_MESSAGES: dict[str, Callable[[Update, BotContext, Resident, Draft], Awaitable[None]]] = {
    "where": _on_where,
    "where_commune": _on_where_commune,
    "describe": _on_describe,
    "phone": _on_phone,
}
