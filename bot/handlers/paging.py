"""The buttons that leaf through a list shown a page at a time (communes, notices, reports, rumor
requests, groups and their members)."""

from collections.abc import Callable

from telegram import InlineKeyboardButton

from bot.handlers.common import BotContext, tr


def page_buttons(
    context: BotContext,
    locale: str,
    page: int,
    pages: int,
    data: Callable[[int], str],
    *,
    first: int = 0,
) -> list[list[InlineKeyboardButton]]:
    """A row with the buttons to the pages before and after `page` (of `pages`, numbered from
    `first`), or no row when there is only one page; `data(n)` is page n's callback data."""
    row = []
    if page > first:
        previous = tr(context, locale, "page-previous")
        row.append(InlineKeyboardButton(previous, callback_data=data(page - 1)))
    if page < first + pages - 1:
        row.append(
            InlineKeyboardButton(tr(context, locale, "page-next"), callback_data=data(page + 1))
        )
    return [row] if row else []
