"""What every handler needs: the services, the current resident, their language, and the one
place that sends or edits messages without tripping over Telegram's quirks."""

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ExtBot

from bot.handlers.callbacks import Callback, parse
from bot.i18n import Html, locale_for
from bot.sending.sender import Sender
from bot.services.container import Services
from bot.services.residents import Resident

log = logging.getLogger(__name__)

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context plus typed access to our services."""

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data["services"]
        return services

    @property
    def sender(self) -> "Sender":
        sender: Sender = self.application.bot_data["sender"]
        return sender


def send_soon(context: BotContext) -> None:
    """Something was queued in the outbox (a report card, a status notice, a broadcast): have
    it sent now rather than on the sender's next round."""
    context.sender.kick()


BotApplication = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def current_resident(update: Update, context: BotContext) -> Resident:
    """The resident behind this update, created on first contact in their Telegram language."""
    user = update.effective_user
    assert user is not None
    services = context.services
    locale = locale_for(user.language_code, services.settings.bot_default_locale)
    return await services.residents.get_or_create(user.id, locale)


async def user_locale(update: Update, context: BotContext) -> str:
    """The language to answer in, without creating a resident (groups, refusals)."""
    user = update.effective_user
    default = context.services.settings.bot_default_locale
    if user is None:
        return default
    resident = await context.services.residents.get(user.id)
    if resident is not None:
        return resident.locale
    return locale_for(user.language_code, default)


def tr(context: BotContext, locale: str, key: str, **args: object) -> Html:
    return context.services.translator(locale, key, **args)


async def send(
    context: BotContext,
    chat_id: int,
    text: str,
    reply_markup: Markup | None = None,
    reply_to: int | None = None,
) -> Message:
    return await context.bot.send_message(
        chat_id,
        text,
        parse_mode=ParseMode.HTML,
        reply_markup=reply_markup,
        reply_to_message_id=reply_to,
        allow_sending_without_reply=True if reply_to else None,
        disable_web_page_preview=True,
    )


async def reply(
    update: Update, context: BotContext, text: str, markup: Markup | None = None
) -> None:
    chat = update.effective_chat
    assert chat is not None
    await send(context, chat.id, text, markup)


async def edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit the message under a pressed button. A double tap would ask Telegram for an identical
    edit, which it rejects; that is not an error for us."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
        )
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


async def answer(update: Update, text: str | None = None, alert: bool = False) -> None:
    """Every button press must be answered, quickly, or the client shows a spinner."""
    query = update.callback_query
    assert query is not None
    try:
        await query.answer(text, show_alert=alert)
    except BadRequest as exc:
        # The press is older than Telegram keeps queries; the user already moved on.
        log.info("callback answer failed: %s", exc.message)


async def clear_buttons(update: Update) -> None:
    """Take the buttons off the pressed message so it cannot be pressed again."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


ButtonHandler = Callable[[Update, BotContext, Callback], Awaitable[None]]


def button(handler: ButtonHandler) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """Adapt a handler that takes parsed callback data; malformed data is a stale button."""

    async def run(update: Update, context: BotContext) -> None:
        query = update.callback_query
        assert query is not None
        data = parse(query.data)
        if data is None:
            await answer(update, tr(context, await user_locale(update, context), "button-stale"))
            return
        await handler(update, context, data)

    return run
