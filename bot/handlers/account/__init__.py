"""A resident's account: first contact (onboarding.py: greeting, privacy notice, home commune),
and what they keep changing or asking for (settings.py: /help, /settings, /language, /mydata,
/deleteme, /cancel). Features above it that show a resident register, in erasure.py, what
they do once the resident erased their data. `register` wires this whole feature."""

from telegram.ext import filters

from bot.handlers import common
from bot.handlers.account import onboarding, settings
from bot.handlers.common import BotApplication
from bot.handlers.menu import menu_of
from bot.handlers.steps import steps_of

__all__ = ["onboarding", "register", "settings"]


def register(app: BotApplication) -> None:
    steps_of(app).register(onboarding.FLOW, onboarding.STEP, onboarding.on_commune_text)
    menu_of(app).register("menu-settings", settings.show_settings)
    app.add_handlers(
        common.commands(
            {
                "start": onboarding.start,
                "help": settings.help_command,
                "settings": settings.settings_command,
                "language": settings.language_command,
                "mydata": settings.mydata_command,
                "deleteme": settings.deleteme_command,
                "cancel": settings.cancel_command,
            },
            filters.ChatType.PRIVATE,
        )
    )
    app.add_handlers(
        common.buttons(
            {
                "pv": onboarding.on_privacy,
                "cm": onboarding.on_commune_button,
                "st": settings.on_settings_button,
                "lg": settings.on_language_button,
                "dm": settings.on_deleteme_button,
            }
        )
    )
