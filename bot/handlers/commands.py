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
MODERATOR_COMMANDS = (
    "help",
    "linkroom",
    "rumors",
    "queue",
    "report",
    "find",
    "stats",
    "export",
    "groups",
    "linkgroup",
)
STAFF_COMMANDS = (
    *RESIDENT_COMMANDS,
    "grant",
    "revoke",
    "roles",
    "unblockreporter",
    "notice",
    "notices",
    "broadcasts",
    "rumors",
    "factcheck",
    "queue",
    "find",
    "stats",
    "export",
    "newgroup",
    "groupleader",
    "groups",
)


def _commands(
    translator: Translator, locale: str, names: tuple[str, ...], *, room: bool = False
) -> list[BotCommand]:
    """A command's description is `cmd-<name>`; in rooms `cmd-room-<name>` when there is one
    (there /report opens a report by code instead of starting one)."""

    def key(name: str) -> str:
        room_key = f"cmd-room-{name}"
        return room_key if room and translator.has(room_key, locale) else f"cmd-{name}"

    return [BotCommand(name, translator(locale, key(name))) for name in names]


async def publish_commands(bot: ExtBot[Any], services: Services) -> None:
    """Set every command list; called on start, so a new release's commands reach clients."""
    translator = services.translator
    default = services.settings.bot_default_locale
    scopes: list[tuple[BotCommandScope, tuple[str, ...], bool]] = [
        (BotCommandScopeAllPrivateChats(), RESIDENT_COMMANDS, False),
        (BotCommandScopeAllGroupChats(), MODERATOR_COMMANDS, True),
    ]
    scopes += [
        (BotCommandScopeChat(room.chat_id), MODERATOR_COMMANDS, True)
        for room in await services.rooms.all()
    ]
    scopes += [
        (BotCommandScopeChat(uid), STAFF_COMMANDS, False)
        for uid in services.settings.bot_superadmins
    ]
    for scope, names, room in scopes:
        try:
            await set_scope_commands(bot, translator, default, scope, names, room=room)
        except TelegramError as exc:
            # A room the bot left, or a superadmin who never opened the bot: not fatal.
            log.warning("could not set commands for a %s scope: %s", scope.type, exc.message)


async def set_scope_commands(
    bot: ExtBot[Any],
    translator: Translator,
    default: str,
    scope: BotCommandScope,
    names: tuple[str, ...],
    *,
    room: bool = False,
) -> None:
    """One scope's list in each language, plus the default for clients in other languages;
    `room`: a moderator room's wording where it differs."""
    await bot.set_my_commands(_commands(translator, default, names, room=room), scope=scope)
    for locale in LOCALES:
        await bot.set_my_commands(
            _commands(translator, locale, names, room=room), scope=scope, language_code=locale
        )
