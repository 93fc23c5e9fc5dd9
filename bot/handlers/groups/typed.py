"""A refusal of what a resident typed at a step of the groups' conversations."""

from telegram import Update

from bot.handlers.common import BotContext, reply
from bot.handlers.formatting import refusal
from bot.services.residents import Resident
from bot.services.roles import Refusal


async def refused_at_step(
    update: Update, context: BotContext, resident: Resident, refused: Refusal, retry: str
) -> None:
    """Say why a typed text was refused; the step stays open only for the refusal the
    resident can mend by typing again (`retry`, e.g. a text too long)."""
    if refused.reason != retry:
        await context.services.conversations.clear(resident.telegram_id)
    await reply(update, context, refusal(context, resident.locale, refused))
