"""The command lists Telegram shows in its "/" menu: residents in private chats, moderators in
their rooms and staff in private."""

import logging
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError
from telegram.ext import ExtBot

from bot.i18n import LOCALES, Translator
from bot.services.container import Services

log = logging.getLogger(__name__)

RESIDENT_COMMANDS = (
    "start",
    "help",
    "report",
    "myreports",
    "settings",
    "language",
    "mydata",
    "deleteme",
    "cancel",
)
MODERATOR_COMMANDS = ("help", "linkroom", "rumors", "queue", "report", "find", "stats", "export")
STAFF_COMMANDS = (
    *RESIDENT_COMMANDS,
    "grant",
    "revoke",
    "roles",
    "notice",
    "notices",
    "rumors",
    "factcheck",
    "queue",
    "find",
    "stats",
    "export",
)


def _commands(translator: Translator, locale: str, names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(name, translator(locale, f"cmd-{name}")) for name in names]


async def publish_commands(bot: ExtBot[Any], services: Services) -> None:
    """Set every command list; called on start, so a new release's commands reach clients."""
    translator = services.translator
    default = services.settings.bot_default_locale
    scopes = [
        (BotCommandScopeAllPrivateChats(), RESIDENT_COMMANDS),
        (BotCommandScopeAllGroupChats(), MODERATOR_COMMANDS),
    ]
    scopes += [
        (BotCommandScopeChat(room.chat_id), MODERATOR_COMMANDS)
        for room in await services.rooms.all()
    ]
    scopes += [
        (BotCommandScopeChat(uid), STAFF_COMMANDS) for uid in services.settings.bot_superadmins
    ]
    for scope, names in scopes:
        try:
            await set_scope_commands(bot, translator, default, scope, names)
        except TelegramError as exc:
            # A room the bot left, or a superadmin who never opened the bot: not fatal.
            log.warning("could not set commands for a %s scope: %s", scope.type, exc.message)


async def set_scope_commands(
    bot: ExtBot[Any],
    translator: Translator,
    default: str,
    scope: BotCommandScope,
    names: tuple[str, ...],
) -> None:
    """One scope's list in each language, plus the default for clients in other languages."""
    await bot.set_my_commands(_commands(translator, default, names), scope=scope)
    for locale in LOCALES:
        await bot.set_my_commands(
            _commands(translator, locale, names), scope=scope, language_code=locale
        )
