"""Verified information delivered through the outbox: notices to every resident of their scope,
corrections of changed verdicts to everyone who saw the old one, and answers to the residents
who asked about a rumor. Each is queued by its service with the change that causes it."""

import asyncio
import time
from collections.abc import Sequence

from telegram import InlineKeyboardMarkup

from bot.handlers.common import BotContext, tr
from bot.handlers.information.render import (
    NOTICE_ICONS,
    factcheck_card,
    factcheck_share_query,
    local_time,
    notice_card,
    notice_share_query,
    preview,
    share_button,
)
from bot.i18n import Html
from bot.sending.parts import CAPTION_LIMIT, Part, Photo, Text
from bot.sending.renderers import Renderer, Renderers
from bot.services.notices import NoticeView
from bot.services.outbox import Batch, Delivery
from bot.storage.models import utcnow

NOTICE_FRESH = 5.0


def notice_parts(context: BotContext, locale: str, notice: NoticeView) -> list[Part]:
    """A notice as residents see it: its photo (with the card as caption when it fits), the
    card, and Share (not for a group's notice to its members)."""
    markup = None
    if notice.scope.kind.value != "group":
        share = share_button(context, locale, notice_share_query(notice))
        markup = InlineKeyboardMarkup([[share]])
    card = notice_card(context, locale, notice)
    if notice.photo_file_id is None:
        return [Text(card, markup)]
    if len(card) <= CAPTION_LIMIT:
        return [Photo(notice.photo_file_id, card, markup)]
    return [Photo(notice.photo_file_id), Text(card, markup, under_first=False)]


class NoticeToResident(Renderer):
    """Thousands of rows render the same notice: it is read once every few seconds, so a
    withdrawal or an edit shows within that time (withdrawal also cancels what is pending)."""

    def __init__(self) -> None:
        self._cache: dict[int, tuple[float, asyncio.Future[NoticeView | None]]] = {}

    async def _notice(self, context: BotContext, notice_id: int) -> NoticeView | None:
        """One read of the notice however many deliveries ask for it at once."""
        now = time.monotonic()
        cached = self._cache.get(notice_id)
        if cached is None or cached[0] < now:
            if len(self._cache) > 100:
                self._cache.clear()
            reading = asyncio.ensure_future(context.services.notices.get(notice_id))
            cached = (now + NOTICE_FRESH, reading)
            self._cache[notice_id] = cached
        try:
            return await asyncio.shield(cached[1])
        except Exception:
            self._cache.pop(notice_id, None)
            raise

    async def title(self, context: BotContext, batch: Batch, locale: str) -> str | None:
        notice = await context.services.notices.get(batch.item_id)
        if notice is None:
            return None
        icon = NOTICE_ICONS[notice.kind]
        if batch.status == "filling" and batch.due_at > utcnow():
            when = local_time(context, batch.due_at)
            return tr(
                context,
                locale,
                "broadcast-title-scheduled",
                icon=icon,
                title=notice.title,
                time=when,
            )
        return tr(context, locale, "broadcast-title-notice", icon=icon, title=notice.title)

    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        notice = await self._notice(context, delivery.item_id)
        if notice is None or notice.withdrawn:
            return None
        return notice_parts(context, delivery.locale, notice)


class Correction(Renderer):
    async def title(self, context: BotContext, batch: Batch, locale: str) -> str | None:
        factcheck = await context.services.factchecks.get(batch.item_id)
        if factcheck is None:
            return None
        return tr(context, locale, "broadcast-title-correction", claim=preview(factcheck.claim))

    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        factcheck = await context.services.factchecks.get(delivery.item_id)
        if factcheck is None:
            return None
        locale = delivery.locale
        text = Html(
            tr(context, locale, "factcheck-correction")
            + "\n\n"
            + factcheck_card(context, locale, factcheck)
        )
        share = share_button(context, locale, factcheck_share_query(factcheck))
        # The revision shown is the one they now have; a retry renders (and records) again.
        await context.services.factchecks.corrected(
            factcheck.id, delivery.chat_id, factcheck.revision
        )
        return [Text(text, InlineKeyboardMarkup([[share]]))]


class RumorAnswer(Renderer):
    async def title(self, context: BotContext, batch: Batch, locale: str) -> str | None:
        return tr(context, locale, "broadcast-title-rumor", id=batch.item_id)

    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        told = await context.services.rumors.notification(delivery.item_id, delivery.chat_id)
        if told is None:
            return None
        if told.factcheck is None:
            return [Text(tr(context, told.locale, "rumor-answer-out-of-scope"))]
        text = Html(
            tr(context, told.locale, "rumor-answered")
            + "\n\n"
            + factcheck_card(context, told.locale, told.factcheck)
        )
        share = share_button(context, told.locale, factcheck_share_query(told.factcheck))
        # A later change of this verdict reaches them too: the revision shown is recorded.
        await context.services.factchecks.record_receipt(
            told.factcheck.id, delivery.chat_id, told.locale, told.factcheck.revision
        )
        return [Text(text, InlineKeyboardMarkup([[share]]))]

    async def sent(self, context: BotContext, delivery: Delivery, message_ids: list[int]) -> None:
        await context.services.rumors.notified(delivery.item_id, delivery.chat_id)


def register(renderers: Renderers) -> None:
    renderers.add("notice", NoticeToResident())
    renderers.add("factcheck_correction", Correction())
    renderers.add("rumor_answer", RumorAnswer())
