"""A group's linked Telegram chat. A leader adds the bot as an administrator (with the right to
invite users) and sends `/linkgroup ID` there; the bot then answers the chat's join requests:
approved members (and leaders) are let in, anyone else is declined and told in private how to
ask to join the group. Members get invite links that create join requests: Telegram does not
allow a member limit on such links, and checking at the door is what keeps the chat to members
(a link passed on to a stranger lets nobody in). Removing a member from the group also removes
them from the chat (ban, then unban, so they may come back if approved again)."""

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from bot.handlers import common
from bot.handlers.common import BotContext, tr
from bot.handlers.groups.render import RESIDENT, button

log = logging.getLogger(__name__)


def url_button(label: str, url: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, url=url)


async def invite_link(context: BotContext, chat_id: int, telegram_id: int) -> str:
    """A fresh invite link for one member. It creates a join request, which the bot approves
    for members only."""
    link = await context.bot.create_chat_invite_link(
        chat_id, name=f"member {telegram_id}"[:32], creates_join_request=True
    )
    return link.invite_link


async def remove_from_chat(context: BotContext, chat_id: int | None, telegram_id: int) -> None:
    """Take someone out of a group's chat; they may join again later if approved again."""
    if chat_id is None:
        return
    try:
        await context.bot.ban_chat_member(chat_id, telegram_id)
        await context.bot.unban_chat_member(chat_id, telegram_id, only_if_banned=True)
    except TelegramError as exc:
        log.info("could not remove a member from a group chat: %s", exc.message)


async def linkgroup_command(update: Update, context: BotContext) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    locale = await common.user_locale(update, context)
    args = context.args or []
    if chat.type not in ("group", "supergroup"):
        await common.reply(update, context, tr(context, locale, "group-link-in-group"))
        return
    if len(args) != 1 or not args[0].isdigit():
        await common.reply(update, context, tr(context, locale, "group-link-usage"))
        return
    groups = context.services.groups
    group = await groups.led(user.id, int(args[0]))
    if not await _bot_may_invite(context, chat.id):
        await common.reply(update, context, tr(context, locale, "group-link-need-admin"))
        return
    await groups.link_chat(user.id, group.id, chat.id)
    await common.reply(update, context, tr(context, locale, "group-linked", name=group.name))


async def _bot_may_invite(context: BotContext, chat_id: int) -> bool:
    try:
        member = await context.bot.get_chat_member(chat_id, context.bot.id)
    except TelegramError:
        return False
    if member.status == ChatMemberStatus.OWNER:
        return True
    return member.status == ChatMemberStatus.ADMINISTRATOR and bool(
        getattr(member, "can_invite_users", False)
    )


async def on_join_request(update: Update, context: BotContext) -> None:
    request = update.chat_join_request
    assert request is not None
    group, admitted = await context.services.membership.admits(
        request.chat.id, request.from_user.id
    )
    if group is None:
        return  # not a group's chat: its human administrators decide
    if admitted:
        await request.approve()
        log.info("join request to group %s approved", group.id)
        return
    await request.decline()
    log.info("join request to group %s declined", group.id)
    locale = await common.user_locale(update, context)
    markup = InlineKeyboardMarkup(
        [[button(tr(context, locale, "group-join-ask"), RESIDENT, "o", group.id)]]
    )
    try:
        await common.send(
            context,
            request.user_chat_id,
            tr(context, locale, "group-chat-declined", name=group.name),
            markup,
        )
    except TelegramError as exc:
        log.info("could not explain a declined join request: %s", exc.message)
