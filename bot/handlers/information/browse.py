"""Verified information as residents find it: "📢 Thông tin chính thức" (notices of their commune
and province, a page at a time) and inline mode (search and share verified items in any
chat)."""

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.information import deliveries
from bot.handlers.information.render import (
    NOTICE_ICONS,
    VERDICT_ICONS,
    factcheck_card,
    notice_card,
    preview,
)
from bot.handlers.paging import page_buttons
from bot.sending.parts import post
from bot.services.factchecks import FactCheckView
from bot.services.matching import normalize
from bot.services.notices import NoticeView
from bot.services.residents import Resident
from bot.storage.models import utcnow

PER_PAGE = 5
INLINE_RESULTS = 8


async def show_notices(update: Update, context: BotContext, resident: Resident) -> None:
    await _listing(update, context, resident, page=0, new_message=True)


async def _listing(
    update: Update, context: BotContext, resident: Resident, page: int, new_message: bool
) -> None:
    locale = resident.locale
    listing = await context.services.notices.listing(
        resident.home_commune_code or 0, page, PER_PAGE
    )
    rows = [
        [
            InlineKeyboardButton(
                f"✅ {preview(n.title, 36)} — {preview(n.issuer, 24)}",
                callback_data=cb("nt", "o", n.id),
            )
        ]
        for n in listing.items
    ]
    rows += page_buttons(context, locale, listing.page, listing.pages, lambda n: cb("nt", "l", n))
    if listing.items:
        text = tr(context, locale, "info-title", page=listing.page + 1, pages=listing.pages)
    else:
        text = tr(context, locale, "info-empty")
    markup = InlineKeyboardMarkup(rows) if rows else None
    if new_message:
        await common.reply(update, context, text, markup)
    else:
        await common.edit(update, text, markup)


def _visible_to(context: BotContext, resident: Resident, notice: NoticeView) -> bool:
    commune = context.services.directory.get(resident.home_commune_code or 0)
    # A group's notices are its members' (the group's card lists them).
    if commune is None or not notice.visible(utcnow()) or notice.scope.kind.value == "group":
        return False
    if notice.scope.kind.value == "commune":
        return notice.scope.code == commune.code
    return notice.scope.code == commune.province_code


async def on_notice_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    locale = resident.locale
    if data.action == "l":
        await common.answer(update)
        await _listing(update, context, resident, data.int_arg(0) or 0, new_message=False)
        return
    notice_id = data.int_arg(0)
    notice = await context.services.notices.get(notice_id) if notice_id is not None else None
    if data.action != "o" or notice is None or not _visible_to(context, resident, notice):
        await common.answer(update, tr(context, locale, "notice-gone"))
        return
    await common.answer(update)
    await send_notice(update, context, locale, notice)


async def send_notice(update: Update, context: BotContext, locale: str, notice: NoticeView) -> None:
    chat = update.effective_chat
    assert chat is not None
    await post(context.bot, chat.id, deliveries.notice_parts(context, locale, notice), bulk=False)


async def on_inline(update: Update, context: BotContext) -> None:
    """Inline mode: "fc:KEY" / "nt:ID" (what Share buttons put in) give that item; other text
    searches live fact-checks and notices of the resident's province."""
    query = update.inline_query
    assert query is not None
    locale = await common.user_locale(update, context)
    services = context.services
    text = query.query.strip()
    resident = await services.residents.get(query.from_user.id)
    commune = services.directory.get(resident.home_commune_code or 0) if resident else None
    provinces = [commune.province_code] if commune else list(services.directory.province_codes)
    facts: list[FactCheckView] = []
    found_notices: list[NoticeView] = []
    if text.startswith("fc:"):
        factcheck = await services.factchecks.by_key(text[3:])
        facts = [factcheck] if factcheck and not factcheck.withdrawn else []
    elif text.startswith("nt:") and text[3:].isdigit():
        notice = await services.notices.get(int(text[3:]))
        public = notice is not None and notice.scope.kind.value != "group"
        found_notices = [notice] if notice and public and notice.visible(utcnow()) else []
    elif len(text) >= 2:
        facts = [m.factcheck for m in (await services.factchecks.match(text, provinces)).candidates]
        found_notices = await services.notices.search(normalize(text), provinces)
    results = [
        InlineQueryResultArticle(
            id=f"fc{f.id}",
            title=f"{VERDICT_ICONS[f.verdict]} {preview(f.claim, 60)}",
            description=preview(f.explanation, 80),
            input_message_content=InputTextMessageContent(factcheck_card(context, locale, f)),
        )
        for f in facts
    ] + [
        InlineQueryResultArticle(
            id=f"nt{n.id}",
            title=f"{NOTICE_ICONS[n.kind]} {preview(n.title, 60)}",
            description=n.issuer,
            input_message_content=InputTextMessageContent(notice_card(context, locale, n)),
        )
        for n in found_notices
    ]
    await common.answer_inline(update, results[:INLINE_RESULTS], cache_time=30, is_personal=True)
