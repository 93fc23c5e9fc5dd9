"""/rumors → 📊 for moderators: per fact-check, what residents did with the rumor matcher's
answers — answered directly, suggested, confirmed, chosen from a list, or turned down. Many
refusals of one fact-check point at words the equivalence list (content/matching) lacks."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers import common
from bot.handlers.callbacks import cb
from bot.handlers.common import BotContext, tr
from bot.handlers.information.render import preview
from bot.i18n import Html
from bot.services.match_feedback import Outcome

STATS_SHOWN = 12


async def show_stats(
    update: Update, context: BotContext, locale: str, reach: tuple[list[int], list[int]]
) -> None:
    """Per fact-check, what residents did with the matcher's answers: how often it answered
    directly, suggested, was confirmed, chosen from a list, or turned down."""
    services = context.services
    communes, provinces = reach
    mine = {*provinces, *(c.province_code for c in map(services.directory.get, communes) if c)}
    stats = await services.match_feedback.stats(sorted(mine), limit=STATS_SHOWN)
    lines = [
        tr(
            context,
            locale,
            "match-stats-line",
            code=f.key,
            claim=preview(f.claim, 80),
            direct=f.count(Outcome.DIRECT),
            suggested=f.count(Outcome.SUGGESTED),
            confirmed=f.count(Outcome.CONFIRMED),
            chosen=f.count(Outcome.CHOSEN),
            refused=f.count(Outcome.NOT_THIS) + f.count(Outcome.NONE_OF_THESE),
        )
        for f in stats
    ]
    title = tr(context, locale, "match-stats-title" if stats else "match-stats-empty")
    back = InlineKeyboardButton(
        tr(context, locale, "match-stats-back"), callback_data=cb("ru", "q", "t", 0)
    )
    await common.edit(update, Html("\n\n".join([title, *lines])), InlineKeyboardMarkup([[back]]))
