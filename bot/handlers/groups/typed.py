"""What a resident typed at a step of the groups' conversations."""

from telegram import Update

from bot.handlers.common import BotContext, reply, too_long
from bot.handlers.formatting import refusal
from bot.i18n import Html
from bot.services.residents import Resident
from bot.services.roles import Refusal


def typed_text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").strip() if message is not None else ""


async def typed(
    update: Update, context: BotContext, locale: str, empty: Html, limit: int
) -> str | None:
    """The text typed at a step; None (the step kept) once the resident was asked again for an
    empty one (`empty`) or told it is too long."""
    text = typed_text(update)
    if not text:
        await reply(update, context, empty)
        return None
    if await too_long(update, context, locale, text, limit):
        return None
    return text


async def refused_at_step(
    update: Update, context: BotContext, resident: Resident, refused: Refusal, retry: str
) -> None:
    """Say why a typed text was refused; the step stays open only for the refusal the
    resident can mend by typing again (`retry`, e.g. a text too long)."""
    if refused.reason != retry:
        await context.services.conversations.clear(resident.telegram_id)
    await reply(update, context, refusal(context, resident.locale, refused))
