"""Rumor check for residents: "🔎 Kiểm tra tin đồn" in the menu, or simply forwarding a message
to the bot. Confident matches are answered, likely ones offered with "None of these", and the
rest go to moderators as a request the resident will hear back about."""

import logging
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    Update,
)
from telegram.error import TelegramError

from bot.handlers import common
from bot.handlers.callbacks import Callback, cb
from bot.handlers.common import BotContext, tr
from bot.handlers.information.render import (
    VERDICT_ICONS,
    factcheck_card,
    factcheck_share_query,
    preview,
    share_button,
    verdict_label,
)
from bot.handlers.menu import main_menu
from bot.i18n import Html, escape
from bot.services.conversations import State
from bot.services.factchecks import FactCheckView, Match, MatchResult
from bot.services.match_feedback import Outcome
from bot.services.residents import Resident
from bot.services.rumors import MAX_TEXT, OriginKind, Rumor, RumorRequestView

log = logging.getLogger(__name__)

FLOW = "rumor"
AWAIT = "await_text"
CANDIDATES = "candidates"


def rumor_of(message: Message) -> Rumor | None:
    """What a resident sent: text or caption, a photo, the first link, and where a forward
    came from. None when there is nothing to check (a sticker, a voice note)."""
    text = message.text or message.caption or ""
    photo = message.photo[-1] if message.photo else None
    links = message.parse_entities([MessageEntity.URL, MessageEntity.TEXT_LINK])
    links |= message.parse_caption_entities([MessageEntity.URL, MessageEntity.TEXT_LINK])
    link = next((e.url or t for e, t in links.items()), None)
    if link and link not in text:
        text = f"{text}\n{link}".strip()
    if not text.strip() and photo is None:
        return None
    kind, title = _origin(message)
    return Rumor(
        text=text,
        photo_file_id=photo.file_id if photo else None,
        photo_unique_id=photo.file_unique_id if photo else None,
        link=link,
        origin_kind=kind,
        origin_title=title,
    )


def _origin(message: Message) -> tuple[OriginKind | None, str | None]:
    origin = message.forward_origin
    if origin is None:
        return None, None
    if isinstance(origin, MessageOriginChannel):
        return OriginKind.CHANNEL, origin.chat.title or origin.chat.username
    if isinstance(origin, MessageOriginChat):
        return OriginKind.CHAT, origin.sender_chat.title
    if isinstance(origin, MessageOriginHiddenUser):
        return OriginKind.HIDDEN_USER, None
    return OriginKind.USER, None


def _stored(rumor: Rumor) -> dict[str, Any]:
    return {
        "text": rumor.text,
        "photo": rumor.photo_file_id,
        "photo_uid": rumor.photo_unique_id,
        "link": rumor.link,
        "origin": rumor.origin_kind.value if rumor.origin_kind else None,
        "origin_title": rumor.origin_title,
    }


def _restored(data: dict[str, Any]) -> Rumor:
    return Rumor(
        text=str(data.get("text") or ""),
        photo_file_id=data.get("photo"),
        photo_unique_id=data.get("photo_uid"),
        link=data.get("link"),
        origin_kind=OriginKind(data["origin"]) if data.get("origin") else None,
        origin_title=data.get("origin_title"),
    )


async def start_check(update: Update, context: BotContext, resident: Resident) -> None:
    await context.services.conversations.set(resident.telegram_id, State(FLOW, AWAIT))
    await common.reply(update, context, tr(context, resident.locale, "rumor-ask"))


async def on_rumor_message(
    update: Update, context: BotContext, resident: Resident, state: State
) -> None:
    """The message sent at "paste the rumor": checked as a forwarded one is."""
    await on_forward(update, context, resident)


async def on_forward(update: Update, context: BotContext, resident: Resident) -> None:
    """A message forwarded with no flow under way: the resident wants it checked."""
    message = common.message_of(update)
    rumor = rumor_of(message)
    if rumor is None:
        await common.reply(update, context, tr(context, resident.locale, "rumor-need-text"))
        return
    await check(update, context, resident, rumor)


def _provinces(context: BotContext, resident: Resident) -> list[int]:
    commune = context.services.directory.get(resident.home_commune_code or 0)
    return [commune.province_code] if commune else list(context.services.directory.province_codes)


async def check(update: Update, context: BotContext, resident: Resident, rumor: Rumor) -> None:
    services, locale = context.services, resident.locale
    result = await services.factchecks.match(rumor.text, _provinces(context, resident))
    if not result.candidates:
        await services.conversations.clear(resident.telegram_id)
        await file_request(update, context, resident, rumor)
        return
    shown = [m.factcheck.id for m in result.candidates]
    offered = result.direct or result.suggested
    await services.conversations.set(
        resident.telegram_id,
        State(
            FLOW,
            CANDIDATES,
            {
                "rumor": _stored(rumor),
                "shown": shown[:1] if result.direct else shown,
                "offered": offered.factcheck.id if offered else None,
                "direct": result.direct is not None,
            },
        ),
    )
    if result.direct is not None:
        await services.match_feedback.record(Outcome.DIRECT, shown[:1], rumor.text)
        await show_factcheck(update, context, resident, result.direct.factcheck, direct=True)
        return
    if result.suggested is not None:
        await services.match_feedback.record(Outcome.SUGGESTED, shown[:1], rumor.text)
    await _offer(update, context, locale, result)


def _candidate_button(match: Match) -> list[InlineKeyboardButton]:
    label = f"{VERDICT_ICONS[match.factcheck.verdict]} {preview(match.factcheck.claim)}"
    return [InlineKeyboardButton(label, callback_data=cb("rc", "f", match.factcheck.id))]


async def _offer(update: Update, context: BotContext, locale: str, result: MatchResult) -> None:
    """A suggestion to confirm with one tap ("Có phải tin này không?"), the other candidates
    under it; or, with no clear first, the list. "None of these" always closes it."""
    first = result.suggested
    rows = []
    if first is not None:
        confirm = cb("rc", "y", first.factcheck.id)
        rows.append(
            [InlineKeyboardButton(tr(context, locale, "match-confirm"), callback_data=confirm)]
        )
    rows += [_candidate_button(m) for m in result.candidates if m is not first]
    none = tr(context, locale, "rumor-none-of-these")
    rows.append([InlineKeyboardButton(none, callback_data=cb("rc", "none"))])
    lines = [
        f"{n}. {verdict_label(context, locale, m.factcheck.verdict)} — "
        f"<i>{escape(preview(m.factcheck.claim, 90))}</i>"
        for n, m in enumerate(result.candidates, start=1)
    ]
    if first is None:
        text = Html("\n".join([tr(context, locale, "rumor-candidates"), *lines]))
    else:
        verdict = verdict_label(context, locale, first.factcheck.verdict)
        claim = preview(first.factcheck.claim, 300)
        parts: list[str] = [tr(context, locale, "match-suggest", verdict=verdict, claim=claim)]
        if lines[1:]:
            parts += [tr(context, locale, "match-others"), *lines[1:]]
        text = Html("\n".join(parts))
    await common.reply(update, context, text, InlineKeyboardMarkup(rows))


async def file_request(
    update: Update, context: BotContext, resident: Resident, rumor: Rumor
) -> None:
    services, locale = context.services, resident.locale
    commune = services.directory.get(resident.home_commune_code or 0)
    asked = await services.rumors.ask(
        resident.telegram_id,
        locale,
        rumor,
        resident.home_commune_code,
        commune.province_code if commune else None,
    )
    if asked.created:
        await _alert_rooms(context, asked.request)
    key = "rumor-already-asked" if asked.repeated else "rumor-filed"
    others = max(asked.request.askers - 1, 0)
    text = tr(context, locale, key, others=others)
    if len(rumor.text) > MAX_TEXT:
        cut = tr(
            context,
            locale,
            "rumor-cut",
            length=len(rumor.text),
            kept=MAX_TEXT,
            cut=len(rumor.text) - MAX_TEXT,
        )
        text = Html(f"{text}\n\n{cut}")
    await common.reply(update, context, text, main_menu(services.translator, locale))


async def on_button(update: Update, context: BotContext, data: Callback) -> None:
    resident = await common.current_resident(update, context)
    services = context.services
    state = await services.conversations.get(resident.telegram_id)
    if state is not None and (state.flow != FLOW or "rumor" not in state.data):
        state = None
    if data.action in ("f", "y") and (factcheck_id := data.int_arg(0)) is not None:
        factcheck = await services.factchecks.get(factcheck_id)
        if factcheck is None or factcheck.withdrawn:
            raise common.Refused()
        await common.answer(update)
        if state is not None and factcheck_id in state.data.get("shown", []):
            if data.action == "y":
                await common.clear_buttons(update)
            await _remember_choice(context, resident, state, factcheck_id, data.action == "y")
        await show_factcheck(update, context, resident, factcheck)
        return
    if data.action != "none" or state is None:
        raise common.Refused()
    await common.answer(update)
    await common.clear_buttons(update)
    await services.conversations.clear(resident.telegram_id)
    rumor = _restored(state.data["rumor"])
    refused = Outcome.NOT_THIS if state.data.get("direct") else Outcome.NONE_OF_THESE
    await services.match_feedback.record(refused, state.data.get("shown", []), rumor.text)
    await file_request(update, context, resident, rumor)


async def _remember_choice(
    context: BotContext, resident: Resident, state: State, factcheck_id: int, confirmed: bool
) -> None:
    """A confirmed suggestion ends the check; a candidate opened from the list is recorded once
    and leaves "none of these" open, since the resident may still find it was not theirs."""
    services = context.services
    rumor = _restored(state.data["rumor"])
    if confirmed and factcheck_id == state.data.get("offered"):
        await services.match_feedback.record(Outcome.CONFIRMED, [factcheck_id], rumor.text)
        await services.conversations.clear(resident.telegram_id)
        return
    chosen = list(state.data.get("chosen", []))
    if factcheck_id in chosen:
        return
    await services.match_feedback.record(Outcome.CHOSEN, [factcheck_id], rumor.text)
    data = {**state.data, "chosen": [*chosen, factcheck_id]}
    await services.conversations.set(resident.telegram_id, State(FLOW, CANDIDATES, data))


async def show_factcheck(
    update: Update,
    context: BotContext,
    resident: Resident,
    factcheck: FactCheckView,
    direct: bool = False,
) -> None:
    """The fact-check's card, with Share; a direct answer also says it was checked and offers
    "not what I asked"."""
    locale = resident.locale
    await context.services.factchecks.record_receipt(factcheck.id, resident.telegram_id, locale)
    rows = [[share_button(context, locale, factcheck_share_query(factcheck))]]
    card = factcheck_card(context, locale, factcheck)
    if direct:
        refuse = tr(context, locale, "rumor-not-this")
        rows.append([InlineKeyboardButton(refuse, callback_data=cb("rc", "none"))])
        card = Html(tr(context, locale, "rumor-answer") + "\n\n" + card)
    await common.reply(update, context, card, InlineKeyboardMarkup(rows))


async def _alert_rooms(context: BotContext, request: RumorRequestView) -> None:
    """A new rumor request: a short alert (never who asked) in the commune's general room, so
    moderators know to open /rumors."""
    services = context.services
    locale = services.settings.bot_default_locale
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    tr(context, locale, "rumors-open"), callback_data=cb("ru", "o", request.id)
                )
            ]
        ]
    )
    text = tr(context, locale, "rumors-new", id=request.id, text=preview(request.text or "📷", 300))
    for room in await services.rooms.all():
        if room.commune_code == request.commune_code and room.category is None:
            try:
                await common.send(context, room.chat_id, text, markup)
            except TelegramError as exc:
                log.warning("rumor request %s: room alert failed (%s)", request.id, exc.message)
