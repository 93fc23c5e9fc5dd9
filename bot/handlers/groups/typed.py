"""What a resident typed at a step of the groups' conversations, handed to a service that may
refuse it."""

from collections.abc import Awaitable

from telegram import Update

from bot.handlers import common
from bot.handlers.common import BotContext
from bot.handlers.formatting import refusal
from bot.services.residents import Resident
from bot.services.roles import Refusal


async def submitted[T](
    update: Update, context: BotContext, resident: Resident, submitting: Awaitable[T], retry: str
) -> T | None:
    """What the service made of a typed text; None once told why it refused it. The step stays
    open only for the refusal the resident can mend by typing again (`retry`, e.g. a text too
    long)."""
    try:
        return await submitting
    except Refusal as refused:
        if refused.reason != retry:
            await context.services.conversations.clear(resident.telegram_id)
        await common.reply(update, context, refusal(context, resident.locale, refused))
        return None
