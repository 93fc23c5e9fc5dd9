"""The main menu: a persistent reply keyboard, and what each of its buttons does."""

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import ReplyKeyboardMarkup, Update
from telegram.ext import Application

from bot.handlers import common
from bot.handlers.common import BotContext, tr
from bot.i18n import LOCALES, Translator
from bot.services.residents import Resident

MENU_ITEMS = (
    "menu-report",
    "menu-info",
    "menu-rumor",
    "menu-groups",
    "menu-myreports",
    "menu-settings",
)

MenuAction = Callable[[Update, BotContext, Resident], Awaitable[None]]


def main_menu(translator: Translator, locale: str) -> ReplyKeyboardMarkup:
    labels = [translator(locale, key) for key in MENU_ITEMS]
    rows = [labels[i : i + 2] for i in range(0, len(labels), 2)]
    return ReplyKeyboardMarkup(
        rows,
        resize_keyboard=True,
        is_persistent=True,
        input_field_placeholder=translator(locale, "menu-placeholder"),
    )


def menu_item(translator: Translator, text: str) -> str | None:
    """Which menu item a text is, in any language (a keyboard may predate a language switch)."""
    cleaned = text.strip()
    for key in MENU_ITEMS:
        if any(translator(locale, key) == cleaned for locale in LOCALES):
            return key
    return None


async def show_main_menu(update: Update, context: BotContext, resident: Resident) -> None:
    keyboard = main_menu(context.services.translator, resident.locale)
    await common.reply(update, context, tr(context, resident.locale, "menu-ready"), keyboard)


class Menu:
    """Menu items are wired to their features by the features' `register`."""

    def __init__(self) -> None:
        self._actions: dict[str, MenuAction] = {}

    def register(self, key: str, action: MenuAction) -> None:
        if key not in MENU_ITEMS:
            raise ValueError(f"unknown menu item {key}")
        self._actions[key] = action

    async def run(self, key: str, update: Update, context: BotContext, resident: Resident) -> None:
        await self._actions[key](update, context, resident)


def menu_of(app: Application[Any, Any, Any, Any, Any, Any]) -> Menu:
    """The application's menu, made on first use (by the first feature that registers)."""
    menu: Menu = app.bot_data.setdefault("menu", Menu())
    return menu
