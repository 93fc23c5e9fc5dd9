"""The outbox worker: posts what `report_deliveries` holds — new reports (and transfers) to the
routed room, follow-ups, reminders and escalations — and tells reporters about status changes.
The database is the truth; the JobQueue only triggers `deliver_pending`, which tests call
directly with a given "now"."""

import asyncio
import logging
from datetime import datetime

from telegram.error import TelegramError

from bot.handlers.common import BotContext, send, tr
from bot.handlers.reports.render import duration
from bot.handlers.reports.status_updates import deliver_status_updates
from bot.handlers.rooms.cards import post_card, refresh_cards, reply_to_cards, send_attachments
from bot.handlers.rooms.render import commune_name
from bot.services.cards import PostedCard
from bot.services.report_lifecycle import Delivery
from bot.services.routing import Target
from bot.storage.models import utcnow

log = logging.getLogger(__name__)

DELIVERY_LOCK = "rooms-delivery-lock"  # in bot_data: one run at a time per process
_KICKED = "rooms-delivery-kicked"  # in bot_data: a prompt run is waiting for the lock


class NotYet(Exception):
    """The report's card is not posted yet; what belongs under it waits."""


async def deliver_pending(context: BotContext, now: datetime | None = None) -> int:
    """Everything due in the outbox, then the reporters' notices. Returns deliveries made."""
    # The job and a handler may both trigger a run; one at a time per process, so a reporter's
    # notice is never sent twice (the outbox leases guard against other processes).
    lock = context.application.bot_data.setdefault(DELIVERY_LOCK, asyncio.Lock())
    async with lock:
        return await _deliver_all(context, now or utcnow())


def deliver_soon(context: BotContext) -> None:
    """Deliver what a resident just queued (a filed report, a follow-up) without making them
    wait for it or for the next periodic run. One waiting run covers every row queued before it
    starts, so a burst of filings schedules one run, not one each; the lock and the outbox
    leases keep a card from being posted twice."""
    data = context.application.bot_data
    if data.get(_KICKED):
        return
    data[_KICKED] = True
    context.application.create_task(_run_soon(context), name="rooms-deliver-soon")


async def _run_soon(context: BotContext) -> None:
    data = context.application.bot_data
    lock = data.setdefault(DELIVERY_LOCK, asyncio.Lock())
    try:
        async with lock:
            data[_KICKED] = False  # from here on, rows queued later need a run of their own
            await _deliver_all(context, utcnow())
    except Exception:
        data[_KICKED] = False
        log.exception("prompt delivery failed; the periodic job will retry")


async def _deliver_all(context: BotContext, now: datetime) -> int:
    services = context.services
    done = 0
    for delivery in await services.moderation.routing.claim_due(now):
        try:
            await _deliver(context, delivery)
        except NotYet:
            await services.moderation.routing.failed(delivery.id, now, alert=False)
            continue
        except TelegramError as exc:
            log.warning("report %s: %s not delivered (%s)", delivery.card.code, delivery.kind, exc)
            if await services.moderation.routing.failed(delivery.id, now):
                await _tell_admins(context, delivery)
            continue
        await services.moderation.routing.delivered(delivery.id, now)
        done += 1
    await deliver_status_updates(context.bot, services)
    return done


async def _deliver(context: BotContext, delivery: Delivery) -> None:
    handlers = {
        "report": _post_report,
        "followup": _post_followup,
        "reminder": _post_reminder,
        "stale": _post_reminder,
        "escalation": _post_escalation,
    }
    await handlers[delivery.kind](context, delivery)


def _room_locale(context: BotContext) -> str:
    return context.services.settings.bot_default_locale


async def _post_to_targets(
    context: BotContext, delivery: Delivery, targets: list[Target], kind: str
) -> None:
    services = context.services
    state = await services.moderation.cards.state(delivery.card.code)
    for target in targets:
        if await services.moderation.cards.posted(delivery.id, target.chat_id):
            continue  # posted there before an earlier attempt failed elsewhere
        await post_card(
            context,
            state,
            target.chat_id,
            kind=kind,
            locale=_room_locale(context),
            delivery_id=delivery.id,
            attachments=delivery.attachments if kind == "card" else (),
        )
        log.info("report %s posted (%s, %s)", delivery.card.code, kind, target.level)


async def _post_report(context: BotContext, delivery: Delivery) -> None:
    card = delivery.card
    targets = await context.services.moderation.routing.targets(card.commune_code, card.category)
    await _post_to_targets(context, delivery, targets, "card")
    # A transfer leaves the old cards saying where the report went.
    await refresh_cards(context, card.code)


async def _post_escalation(context: BotContext, delivery: Delivery) -> None:
    services = context.services
    commune = services.directory.get(delivery.card.commune_code)
    targets = await services.moderation.routing.province_targets(
        commune.province_code if commune else 0
    )
    await _post_to_targets(context, delivery, targets, "alert")
    await refresh_cards(context, delivery.card.code)


async def _cards_or_wait(context: BotContext, code: str) -> list[PostedCard]:
    cards = await context.services.moderation.cards.room_cards(code)
    if not cards:
        raise NotYet(code)
    return cards


async def _post_followup(context: BotContext, delivery: Delivery) -> None:
    cards = await _cards_or_wait(context, delivery.card.code)
    locale = _room_locale(context)
    text = tr(context, locale, "rooms-followup", code=delivery.card.code)
    if delivery.followup_text:
        text = tr(
            context,
            locale,
            "rooms-followup-text",
            code=delivery.card.code,
            text=delivery.followup_text[:3500],
        )
    for message in await reply_to_cards(context, cards, text):
        await send_attachments(context, message.chat_id, delivery.attachments, message.message_id)


async def _post_reminder(context: BotContext, delivery: Delivery) -> None:
    cards = await _cards_or_wait(context, delivery.card.code)
    key = "rooms-reminder-ack" if delivery.kind == "reminder" else "rooms-reminder-stale"
    card, locale = delivery.card, _room_locale(context)
    windows = context.services.reports.windows
    text = tr(
        context,
        locale,
        key,
        code=card.code,
        urgent="yes" if card.urgent else "no",
        within=duration(context, locale, windows.acknowledge_within(card.urgent)),
        quiet=duration(context, locale, windows.stale),
    )
    await reply_to_cards(context, cards, text)


async def _tell_admins(context: BotContext, delivery: Delivery) -> None:
    """Once per delivery: the province room (or the superadmins) hears that a room is not
    reachable; the report stays queued and is retried."""
    services = context.services
    card = delivery.card
    commune = services.directory.get(card.commune_code)
    routed = {
        t.chat_id
        for t in await services.moderation.routing.targets(card.commune_code, card.category)
    }
    admins = await services.moderation.routing.province_targets(
        commune.province_code if commune else 0
    )
    if {t.chat_id for t in admins} & routed:
        admins = [t for t in admins if t.chat_id not in routed]
        if not admins:
            admins = [Target(uid, "superadmin") for uid in services.settings.bot_superadmins]
    text = tr(
        context,
        _room_locale(context),
        "rooms-delivery-failed",
        code=card.code,
        commune=commune_name(services, card.commune_code),
    )
    for target in admins:
        try:
            await send(context, target.chat_id, text)
        except TelegramError as exc:
            log.warning("report %s: admins not told of a failed delivery (%s)", card.code, exc)
