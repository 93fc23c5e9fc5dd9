"""What the rooms receive through the outbox: report cards (with the pin and the photos under
them), escalation alerts to the province room, the reporter's follow-ups, reminders. Rows are
queued by the report services; this renders them. A card is recorded before it is posted, so
every copy that reaches a room has working buttons."""

import logging
from collections.abc import Sequence

from telegram.error import TelegramError

from bot.handlers import common
from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name, duration
from bot.handlers.rooms.cards import refresh_cards
from bot.handlers.rooms.render import card_keyboard, card_text, digest
from bot.sending.parts import Location, Media, Part, Text
from bot.sending.renderers import NotYet, Renderer, Renderers
from bot.services.cards import PostedCard
from bot.services.outbox import Delivery
from bot.services.routing import Target

log = logging.getLogger(__name__)

# Leaves room for the heading within Telegram's 4,096 characters.
FOLLOWUP_TEXT = 3500


def room_locale(context: BotContext) -> str:
    return context.services.settings.bot_default_locale


class RoomCard(Renderer):
    """A new (or transferred) report in its rooms; `alert`: the escalation to the province."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        cards = context.services.moderation.cards
        code = await cards.code_of(delivery.item_id)
        if code is None:
            return None
        state = await cards.state(code)
        locale = room_locale(context)
        posted = await cards.reserve(
            delivery.item_id,
            kind=self.kind,
            chat_id=delivery.chat_id,
            commune_code=state.card.commune_code,
            locale=locale,
            delivery_id=delivery.id,
        )
        text = card_text(context, posted, state, locale)
        markup = card_keyboard(context, posted, state)
        await cards.set_rendered(posted.id, digest(text, markup))
        parts: list[Part] = [Text(text, markup)]
        card = state.card
        if self.kind == "card":
            if card.latitude is not None and card.longitude is not None:
                parts.append(Location(card.latitude, card.longitude))
            attachments = await cards.attachments(delivery.item_id)
            if attachments:
                parts.append(Media(attachments))
        return parts

    async def sent(self, context: BotContext, delivery: Delivery, message_ids: list[int]) -> None:
        cards = context.services.moderation.cards
        posted = await cards.of_delivery(delivery.id, delivery.chat_id)
        if posted is None:
            return
        await cards.set_message(posted.id, message_ids[0])
        log.info("report %s posted (%s)", posted.code, self.kind)
        # A transfer leaves the old cards saying where the report went.
        await refresh_cards(context, posted.code)

    async def stuck(self, context: BotContext, delivery: Delivery, error: str) -> None:
        await tell_admins(context, delivery)


async def _card_here(context: BotContext, code: str, chat_id: int) -> PostedCard:
    """The report's card in this room, which what follows is posted under."""
    for card in await context.services.moderation.cards.room_cards(code):
        if card.chat_id == chat_id and card.message_id is not None:
            return card
    raise NotYet(code)


class RoomFollowup(Renderer):
    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        followup = await context.services.moderation.cards.followup(delivery.item_id)
        if followup is None:
            return None
        card = await _card_here(context, followup.code, delivery.chat_id)
        locale = room_locale(context)
        if followup.text:
            text = tr(
                context,
                locale,
                "rooms-followup-text",
                code=followup.code,
                text=followup.text[:FOLLOWUP_TEXT],
            )
        else:
            text = tr(context, locale, "rooms-followup", code=followup.code)
        parts: list[Part] = [Text(text, reply_to=card.message_id)]
        if followup.attachments:
            parts.append(Media(followup.attachments))
        return parts

    async def stuck(self, context: BotContext, delivery: Delivery, error: str) -> None:
        await tell_admins(context, delivery)


class RoomReminder(Renderer):
    """Under the card: not taken up in time (`reminder`), or no update for days (`stale`)."""

    def __init__(self, key: str) -> None:
        self.key = key

    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        services = context.services
        code = await services.moderation.cards.code_of(delivery.item_id)
        if code is None:
            return None
        card = await _card_here(context, code, delivery.chat_id)
        report = (await services.moderation.cards.state(code)).card
        locale, windows = room_locale(context), services.reports.windows
        text = tr(
            context,
            locale,
            self.key,
            code=code,
            urgent="yes" if report.urgent else "no",
            within=duration(context, locale, windows.acknowledge_within(report.urgent)),
            quiet=duration(context, locale, windows.stale),
        )
        return [Text(text, reply_to=card.message_id)]


async def tell_admins(context: BotContext, delivery: Delivery) -> None:
    """Once per row: the province room (or the superadmins) hears that a room is not
    reachable; the row stays queued and is retried."""
    services = context.services
    report_id = delivery.item_id
    if delivery.kind == "room_followup":
        followup = await services.moderation.cards.followup(delivery.item_id)
        code = followup.code if followup else None
    else:
        code = await services.moderation.cards.code_of(report_id)
    if code is None:
        return
    card = (await services.moderation.cards.state(code)).card
    commune = services.directory.get(card.commune_code)
    admins = await services.moderation.routing.province_targets(
        commune.province_code if commune else 0
    )
    admins = [t for t in admins if t.chat_id != delivery.chat_id]
    if not admins:
        admins = [
            Target(uid, "superadmin")
            for uid in services.settings.bot_superadmins
            if uid != delivery.chat_id
        ]
    text = tr(
        context,
        room_locale(context),
        "rooms-delivery-failed",
        code=code,
        commune=commune_name(context, card.commune_code),
    )
    for target in admins:
        try:
            await common.send(context, target.chat_id, text)
        except TelegramError as exc:
            log.warning("report %s: admins not told of a failed delivery (%s)", code, exc)


def register(renderers: Renderers) -> None:
    renderers.add("room_card", RoomCard("card"))
    renderers.add("room_alert", RoomCard("alert"))
    renderers.add("room_followup", RoomFollowup())
    renderers.add("room_reminder", RoomReminder("rooms-reminder-ack"))
    renderers.add("room_stale", RoomReminder("rooms-reminder-stale"))
