"""Posting report cards (with the location and attachments as replies to the card) and
editing every posted card in place after a change, never with an identical edit."""

import logging
from collections.abc import Sequence

from telegram import (
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot.handlers.common import BotContext, send
from bot.handlers.rooms.render import card_keyboard, card_text, digest
from bot.services.cards import CardState, PostedCard, new_token
from bot.services.reports import Attachment

log = logging.getLogger(__name__)

_ALBUM = {"photo": InputMediaPhoto, "video": InputMediaVideo, "document": InputMediaDocument}
_ALBUM_GROUP = {"photo": "visual", "video": "visual", "document": "document"}


async def post_card(
    context: BotContext,
    state: CardState,
    chat_id: int,
    *,
    kind: str,
    locale: str,
    delivery_id: int | None = None,
    attachments: Sequence[Attachment] = (),
    reply_to: int | None = None,
) -> PostedCard:
    """Send the card, remember it, then its pin and attachments as replies to it."""
    services = context.services
    token = new_token()
    draft = PostedCard(
        0, token, state.card.code, kind, chat_id, 0, state.card.commune_code, locale, None
    )
    text = card_text(services, draft, state, locale)
    markup = card_keyboard(services, draft, state)
    message = await send(context, chat_id, text, markup, reply_to=reply_to)
    await services.moderation.cards.record(
        state.card.code,
        token=token,
        kind=kind,
        chat_id=chat_id,
        message_id=message.message_id,
        commune_code=state.card.commune_code,
        locale=locale,
        rendered=digest(text, markup),
        delivery_id=delivery_id,
    )
    card = state.card
    if card.latitude is not None and card.longitude is not None:
        await context.bot.send_location(
            chat_id,
            latitude=card.latitude,
            longitude=card.longitude,
            reply_to_message_id=message.message_id,
            allow_sending_without_reply=True,
        )
    await send_attachments(context, chat_id, attachments, message.message_id)
    return PostedCard(
        0, token, card.code, kind, chat_id, message.message_id, card.commune_code, locale, None
    )


async def send_attachments(
    context: BotContext, chat_id: int, attachments: Sequence[Attachment], reply_to: int
) -> None:
    """Re-send by file_id — never forwarded, so no "forwarded from" header can name anyone.
    Photos and videos go as albums, documents as their own albums, the rest one by one."""
    groups: dict[str, list[Attachment]] = {}
    singles: list[Attachment] = []
    for item in attachments:
        group = _ALBUM_GROUP.get(item.kind)
        if group is None:
            singles.append(item)
        else:
            groups.setdefault(group, []).append(item)
    for items in groups.values():
        for start in range(0, len(items), 10):
            chunk = items[start : start + 10]
            if len(chunk) == 1:
                singles.append(chunk[0])
                continue
            await context.bot.send_media_group(
                chat_id,
                [_ALBUM[a.kind](a.file_id) for a in chunk],
                reply_to_message_id=reply_to,
                allow_sending_without_reply=True,
            )
    for item in singles:
        sender = getattr(context.bot, f"send_{item.kind}")
        await sender(
            chat_id, item.file_id, reply_to_message_id=reply_to, allow_sending_without_reply=True
        )


async def refresh_cards(
    context: BotContext, code: str, *, mode: str = "main", only: PostedCard | None = None
) -> None:
    """Edit every card of the report to show it as it is now; skip those already showing
    exactly that. `mode` ("reject": the reasons) applies to `only`, the pressed card."""
    services = context.services
    state = await services.moderation.cards.state(code)
    for posted in await services.moderation.cards.of_report(code):
        if only is not None and posted.id != only.id and mode != "main":
            continue
        card_mode = mode if only is None or posted.id == only.id else "main"
        await _edit_card(context, posted, state, card_mode)


async def _edit_card(context: BotContext, posted: PostedCard, state: CardState, mode: str) -> None:
    services = context.services
    text = card_text(services, posted, state, posted.locale)
    markup = card_keyboard(services, posted, state, mode)
    rendered = digest(text, markup)
    if rendered == posted.rendered:
        return
    try:
        await context.bot.edit_message_text(
            text,
            chat_id=posted.chat_id,
            message_id=posted.message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            disable_web_page_preview=True,
        )
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            log.warning("report %s: card not updated (%s)", posted.code, exc.message)
            return
    except TelegramError as exc:
        log.warning("report %s: card not updated (%s)", posted.code, exc.message)
        return
    await services.moderation.cards.set_rendered(posted.id, rendered)


async def reply_to_cards(
    context: BotContext, cards: Sequence[PostedCard], text: str
) -> list[Message]:
    return [await send(context, card.chat_id, text, reply_to=card.message_id) for card in cards]
