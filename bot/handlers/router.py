"""Where a private message goes: a menu button, else the resident's current step, else the next
onboarding step, else a hint. Also the catch-alls for everything nothing else handled, and the
error handler. `register` comes last: what it adds takes whatever no feature took."""

import logging

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import CallbackQueryHandler, MessageHandler, TypeHandler, filters

from bot.handlers import common, outages
from bot.handlers.account import onboarding
from bot.handlers.callbacks import Callback
from bot.handlers.common import BotApplication, BotContext, tr
from bot.handlers.information import rumors
from bot.handlers.menu import main_menu, menu_item, menu_of
from bot.handlers.steps import steps_of
from bot.receiving.attempt import is_last_attempt

log = logging.getLogger(__name__)


def register(app: BotApplication) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CallbackQueryHandler(common.button(on_stale_button)))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED, on_edited_message))
    app.add_handler(MessageHandler(private & filters.COMMAND, on_unknown_command))
    app.add_handler(MessageHandler(private & filters.UpdateType.MESSAGE, on_private_message))
    app.add_handler(TypeHandler(Update, on_anything_else))
    app.add_error_handler(on_error)


async def on_private_message(update: Update, context: BotContext) -> None:
    message = common.message_of(update)
    resident = await common.current_resident(update, context)
    services = context.services
    item = menu_item(services.translator, message.text) if message.text else None
    if item is not None and resident.onboarded:
        running = menu_of(context.application).run(item, update, context, resident)
        await common.answering_refusals(update, context, running)
        return
    state = await services.conversations.get(resident.telegram_id)
    handler = steps_of(context.application).get(state) if state else None
    if handler is not None and state is not None:
        await common.answering_refusals(update, context, handler(update, context, resident, state))
    elif resident.onboarded and message.forward_origin is not None:
        await rumors.on_forward(update, context, resident)
    elif not resident.onboarded:
        await onboarding.resume(update, context, resident)
    else:
        keyboard = main_menu(services.translator, resident.locale)
        await common.reply(
            update, context, tr(context, resident.locale, "unsupported-message"), keyboard
        )


async def on_unknown_command(update: Update, context: BotContext) -> None:
    locale = await common.user_locale(update, context)
    await common.reply(update, context, tr(context, locale, "unknown-command"))


async def on_edited_message(update: Update, context: BotContext) -> None:
    if common.is_private(update):
        locale = await common.user_locale(update, context)
        await common.reply(update, context, tr(context, locale, "edited-ignored"))


async def on_stale_button(update: Update, context: BotContext, data: Callback) -> None:
    """A button of no feature: one of a version long gone, or forged."""
    raise common.Refused()


async def on_anything_else(update: Update, context: BotContext) -> None:
    """Updates no feature handles (polls, member changes, group chatter): silence in groups, a
    hint in private chats."""
    if update.effective_message is not None and common.is_private(update):
        locale = await common.user_locale(update, context)
        await common.reply(update, context, tr(context, locale, "unsupported-message"))


async def on_error(update: object, context: BotContext) -> None:
    """Log with the update id only (never the content: it may identify a resident), mark users who
    blocked the bot, and tell the user something went wrong in their language."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden) and isinstance(update, Update) and update.effective_user:
        log.info("update %s: user unreachable (%s)", update_id, error.message)
        await context.services.residents.mark_unreachable(update.effective_user.id)
        return
    if outages.is_database_outage(error):
        await outages.database_failed(update, context)
        return
    if outages.is_telegram_outage(error):
        outages.telegram_failed(context)
        return
    log.error("update %s failed", update_id, exc_info=error)
    if (
        not isinstance(update, Update)
        or not common.is_private(update)
        or update.effective_chat is None
    ):
        return
    if not is_last_attempt():  # tried again shortly: tell them only if that fails too
        return
    try:
        locale = await common.user_locale(update, context)
        if update.callback_query is not None:
            await common.answer(update)
        await common.reply(update, context, tr(context, locale, "error-generic"))
    except Exception:
        log.exception("update %s: could not tell the user about the error", update_id)
