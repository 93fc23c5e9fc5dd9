"""What the outbox sends for community groups: join requests and mediation requests to a
group's leaders (with their buttons), the answer, removal, archive or merge to the resident
concerned (an approval with a fresh invite link when the group has a chat), and stories and
records of mediation requests to the commune room."""

import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.handlers.common import BotContext, tr
from bot.handlers.formatting import commune_name
from bot.handlers.groups import chats
from bot.handlers.groups.leaders import decision_keyboard
from bot.handlers.groups.render import LEADER, RESIDENT, button
from bot.handlers.groups.staff import story_keyboard
from bot.handlers.rooms.outbox import room_locale
from bot.sending.parts import CAPTION_LIMIT, Part, Photo, Text
from bot.sending.renderers import Renderer, Renderers
from bot.services.outbox import Delivery

log = logging.getLogger(__name__)


class JoinRequest(Renderer):
    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        member = await context.services.membership.member(delivery.item_id)
        group = await context.services.groups.get(member.group_id) if member else None
        if member is None or group is None or member.status != "pending":
            return None
        locale = delivery.locale
        text = tr(
            context,
            locale,
            "group-request",
            name=member.display_name,
            group=group.name,
            message=member.message or "—",
        )
        return [Text(text, decision_keyboard(context, locale, member.id))]


class GroupNotification(Renderer):
    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        told = await context.services.membership.notification(delivery.item_id)
        if told is None:
            return None
        locale = told.locale
        group = await context.services.groups.get(told.group_id)
        text = tr(
            context,
            locale,
            f"group-told-{told.event}",
            name=told.group_name,
            reason=told.reason or "",
            into=told.merged_into or "",
            meeting=(group.meeting if group else None) or "—",
            contact=(group.contact if group else None) or "—",
        )
        rows: list[list[InlineKeyboardButton]] = []
        if told.event == "approved" and told.chat_id is not None:
            try:
                url = await chats.invite_link(context, told.chat_id, told.telegram_id)
                rows.append([chats.url_button(tr(context, locale, "group-chat-open"), url)])
            except TelegramError as exc:
                log.info("no invite link for a new member: %s", exc.message)
        if told.event in ("approved", "appointed", "mediation", "merged") and group is not None:
            target = group.merged_into if told.event == "merged" else group.id
            if target is not None:
                rows.append([button(tr(context, locale, "group-open"), RESIDENT, "o", target)])
        return [Text(text, InlineKeyboardMarkup(rows) if rows else None)]


class Mediation(Renderer):
    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        request = await context.services.group_posts.mediation(delivery.item_id)
        if request is None or request.status != "open":
            return None
        locale = delivery.locale
        text = tr(
            context,
            locale,
            "group-mediation-request",
            name=request.display_name,
            group=request.group_name,
            text=request.text,
        )
        accept = button(tr(context, locale, "group-mediation-accept"), LEADER, "ma", request.id)
        return [Text(text, InlineKeyboardMarkup([[accept]]))]


class MediationRecord(Renderer):
    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        request = await context.services.group_posts.mediation(delivery.item_id)
        if request is None:
            return None
        text = tr(
            context,
            room_locale(context),
            "group-mediation-record",
            name=request.display_name,
            group=request.group_name,
            commune=commune_name(context, request.commune_code),
            text=request.text,
        )
        return [Text(text)]


class Story(Renderer):
    async def render(self, context: BotContext, delivery: Delivery) -> Sequence[Part] | None:
        story = await context.services.group_posts.story(delivery.item_id)
        if story is None or story.status != "draft":
            return None
        locale = room_locale(context)
        text = tr(
            context,
            locale,
            "group-story-card",
            group=story.group_name,
            commune=commune_name(context, story.commune_code),
            title=story.title,
            text=story.text,
        )
        markup = story_keyboard(context, locale, story.id)
        if story.photo_file_id is None:
            return [Text(text, markup)]
        if len(text) <= CAPTION_LIMIT:
            return [Photo(story.photo_file_id, text, markup)]
        return [Photo(story.photo_file_id), Text(text, markup, under_first=False)]


def register(renderers: Renderers) -> None:
    renderers.add("group_request", JoinRequest())
    renderers.add("group_notification", GroupNotification())
    renderers.add("group_mediation", Mediation())
    renderers.add("group_mediation_record", MediationRecord())
    renderers.add("group_story", Story())
