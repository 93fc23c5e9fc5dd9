"""My reports: the resident's reports, newest first, page by page; one report's timeline; and
adding information to it (text and files collected, then sent as one follow-up)."""

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import category_label, commune_name, local_time
from bot.handlers.menu import main_menu
from bot.handlers.paging import page_buttons
from bot.handlers.reports import flow as report_flow
from bot.handlers.reports.media import acknowledge, attachment_of
from bot.handlers.steps import pressed_state
from bot.i18n import Html
from bot.services.conversations import State
from bot.services.reports import MAX_ATTACHMENTS, TEXT_MAX, Attachment, ReportDetail, TimelineEntry
from bot.services.residents import Resident

SCOPE = "mr"
FOLLOWUP_FLOW = "followup"
FOLLOWUP_STEP = "collect"
PER_PAGE = 5
_DETAIL_TEXT = 1500
# The newest entries only, so the message stays under Telegram's 4,096 characters.
_TIMELINE = 12
_NOTE = 200


def status_label(context: BotContext, locale: str, status: str) -> str:
    return tr(context, locale, f"report-status-{status}")


async def myreports_command(update: Update, context: BotContext) -> None:
    await show(update, context, await common.current_resident(update, context))


async def show(update: Update, context: BotContext, resident: Resident) -> None:
    text, keyboard = await _page(context, resident, 1)
    markup = keyboard or main_menu(context.services.translator, resident.locale)
    await common.reply(update, context, text, markup)


async def _page(
    context: BotContext, resident: Resident, page: int
) -> tuple[Html, InlineKeyboardMarkup | None]:
    locale = resident.locale
    listing = await context.services.reports.mine(resident.telegram_id, page, PER_PAGE)
    if not listing.items:
        return tr(context, locale, "myreports-empty"), None
    lines = [tr(context, locale, "myreports-title", page=listing.page, pages=listing.pages)]
    rows = []
    for item in listing.items:
        category = category_label(context, locale, item.category)
        lines.append(
            tr(
                context,
                locale,
                "myreports-line",
                code=item.code,
                category=category,
                status=status_label(context, locale, item.status),
                updated=local_time(context, item.updated_at),
            )
        )
        label = f"{item.code} · {category}"
        rows.append([InlineKeyboardButton(label, callback_data=cb(SCOPE, "o", item.code))])
    rows += page_buttons(
        context, locale, listing.page, listing.pages, lambda n: cb(SCOPE, "l", n), first=1
    )
    return Html("\n".join(lines)), InlineKeyboardMarkup(rows)


def _timeline_line(context: BotContext, locale: str, entry: TimelineEntry) -> str:
    at = local_time(context, entry.at)
    if entry.kind == "status" and entry.to_status:
        status = status_label(context, locale, entry.to_status)
        line = tr(context, locale, "myreport-event-status", at=at, status=status)
    elif entry.kind == "followup":
        line = tr(context, locale, "myreport-event-followup", at=at)
    elif entry.kind == "note":
        line = tr(context, locale, "myreport-event-note", at=at)
    else:
        line = tr(context, locale, "myreport-event-filed", at=at)
    if entry.note:
        note = entry.note if len(entry.note) <= _NOTE else entry.note[:_NOTE] + "…"
        line = Html(f"{line}\n   {tr(context, locale, 'myreport-note', note=note)}")
    return line


def _detail_view(
    context: BotContext, locale: str, detail: ReportDetail
) -> tuple[Html, InlineKeyboardMarkup]:
    summary = detail.summary
    identity_key = "report-as-anonymous" if detail.anonymous else "report-identity-named"
    text = detail.text if len(detail.text) <= _DETAIL_TEXT else detail.text[:_DETAIL_TEXT] + "…"
    body = tr(
        context,
        locale,
        "myreport-detail",
        code=summary.code,
        category=category_label(context, locale, summary.category),
        status=status_label(context, locale, summary.status),
        commune=commune_name(context, detail.commune_code),
        created=local_time(context, summary.created_at),
        identity=tr(context, locale, identity_key),
        attachments=detail.attachments,
        text=text,
        timeline=Html(
            "\n".join(_timeline_line(context, locale, e) for e in detail.timeline[-_TIMELINE:])
        ),
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    tr(context, locale, "myreport-add"), callback_data=cb(SCOPE, "a", summary.code)
                )
            ],
            [_nav_back(context, locale)],
        ]
    )
    return body, keyboard


def _nav_back(context: BotContext, locale: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        tr(context, locale, "myreport-back"), callback_data=cb(SCOPE, "l", 1)
    )


def _collect_keyboard(context: BotContext, locale: str, code: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    tr(context, locale, "followup-send"), callback_data=cb(SCOPE, "s", code)
                )
            ],
            [
                InlineKeyboardButton(
                    tr(context, locale, "followup-cancel"), callback_data=cb(SCOPE, "x", code)
                )
            ],
        ]
    )


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    if data.action == "l":
        page = data.int_arg(0)
        if page is None:
            raise common.Refused()
        await common.answer(update)
        text, keyboard = await _page(context, resident, page)
        await common.edit(update, text, keyboard)
        return
    code = data.args[0] if data.args else ""
    detail = await context.services.reports.detail(resident.telegram_id, code) if code else None
    if detail is None or data.action not in ("o", "a", "s", "x"):
        await common.answer(update, tr(context, locale, "myreports-not-found"))
        return
    if data.action == "o":
        await common.answer(update)
        text, keyboard = _detail_view(context, locale, detail)
        await common.edit(update, text, keyboard)
    elif data.action == "a":
        if await report_flow.has_draft(context, resident):
            await common.answer(update, tr(context, locale, "followup-draft-first"), alert=True)
            return
        await common.answer(update)
        await start_followup(update, context, resident, detail.summary.code)
    else:
        await _finish_followup(
            update, context, resident, detail.summary.code, send=data.action == "s"
        )


async def start_followup(
    update: Update,
    context: BotContext,
    resident: Resident,
    code: str,
    attachments: Sequence[dict[str, str]] = (),
) -> None:
    """Collect text and files for report `code` (starting with `attachments`), until "Send"."""
    data = {"code": code, "attachments": list(attachments)}
    await context.services.conversations.set(
        resident.telegram_id, State(FOLLOWUP_FLOW, FOLLOWUP_STEP, data)
    )
    await _ask_followup(update, context, resident.locale, code)


async def _ask_followup(update: Update, context: BotContext, locale: str, code: str) -> None:
    text = tr(context, locale, "followup-ask", code=code)
    await common.reply(update, context, text, _collect_keyboard(context, locale, code))


def _code_of(state: State) -> object:
    return state.data.get("code")


async def _finish_followup(
    update: Update, context: BotContext, resident: Resident, code: str, *, send: bool
) -> None:
    locale = resident.locale
    state = await pressed_state(context, resident.telegram_id, FOLLOWUP_FLOW, code, _code_of)
    menu = main_menu(context.services.translator, locale)
    if not send:
        await common.answer(update)
        await context.services.conversations.clear(resident.telegram_id)
        await common.clear_buttons(update)
        await common.reply(update, context, tr(context, locale, "followup-cancelled"), menu)
        return
    texts: list[str] = state.data.get("texts", [])
    files = [Attachment(**item) for item in state.data.get("attachments", [])]
    if not texts and not files:
        await common.answer(update, tr(context, locale, "followup-empty"), alert=True)
        return
    await common.answer(update)
    await context.services.reports.add_followup(
        resident.telegram_id, code, "\n".join(texts) or None, files
    )
    common.send_soon(context)  # under the room's card now, not on the next periodic run
    await context.services.conversations.clear(resident.telegram_id)
    await common.clear_buttons(update)
    await common.reply(update, context, tr(context, locale, "followup-done", code=code), menu)


async def on_followup_message(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    """Text and files sent while adding information to a report: collected until "Send"."""
    message = common.message_of(update)
    locale = resident.locale
    data = dict(state.data)
    code = str(data.get("code", ""))
    texts: list[str] = list(data.get("texts", []))
    files: list[dict[str, str]] = list(data.get("attachments", []))
    item = attachment_of(message)
    typed = message.text or message.caption
    if typed:
        room = TEXT_MAX - sum(len(t) for t in texts)
        if len(typed) > room:
            text = tr(context, locale, "followup-too-long", length=len(typed), room=max(0, room))
            await common.reply(update, context, text, _collect_keyboard(context, locale, code))
            return
        texts.append(typed.strip())
    if item is not None and len(files) < MAX_ATTACHMENTS:
        files.append(
            {"kind": item.kind, "file_id": item.file_id, "file_unique_id": item.file_unique_id}
        )
    if not typed and item is None:
        await _ask_followup(update, context, locale, code)
        return
    data.update(texts=texts, attachments=files)
    await context.services.conversations.set(
        resident.telegram_id, State(state.flow, state.step, data)
    )
    text = tr(context, locale, "followup-received", texts=len(texts), files=len(files))
    live = data.get("ack")
    keyboard = _collect_keyboard(context, locale, code)
    sent = await acknowledge(
        update, context, live if isinstance(live, int) else None, text, keyboard
    )
    if sent != live:
        data["ack"] = sent
        await context.services.conversations.set(
            resident.telegram_id, State(state.flow, state.step, data)
        )
