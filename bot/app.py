"""Builds the Application. Every handler is registered here, in one screen, in the order PTB
tries them: commands, buttons, the private-message router, then the catch-alls."""

from telegram import Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.handlers import (
    account,
    admin,
    groups,
    information,
    onboarding,
    outages,
    pastes,
    reports,
    rooms,
    router,
)
from bot.handlers.callbacks import pattern
from bot.handlers.commands import publish_commands
from bot.handlers.common import BotApplication, BotContext, button
from bot.handlers.menu import Menu
from bot.handlers.processor import PerChatUpdateProcessor
from bot.handlers.steps import Steps
from bot.logs import protect_loggers
from bot.metrics import Metrics
from bot.sending.limiter import Limits, TelegramLimiter
from bot.sending.renderers import Renderers
from bot.sending.sender import Sender
from bot.services.container import Services, build_services
from bot.storage.db import Database

PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS


# Updates handled at once (different chats; one chat's updates wait their turn), and the HTTP
# connections to Telegram they and the sender share.
CONCURRENT_UPDATES = 256
CONNECTIONS = 16


def build_application(
    settings: Settings,
    db: Database | None = None,
    *,
    background: bool = True,
    limits: Limits | None = None,
) -> BotApplication:
    """The bot. `background=False` (tests) leaves the outbox sender's loop and the periodic jobs
    to the caller, who runs them with the "now" they choose; `limits` replaces Telegram's."""
    protect_loggers(settings.secrets)
    services = build_services(settings, db)
    rate = settings.bot_broadcast_rate
    limits = limits or Limits.for_settings(rate, settings.bot_paid_broadcast)
    metrics = Metrics()
    limiter = TelegramLimiter(limits, on_error=metrics.api_error)
    application: BotApplication = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .context_types(ContextTypes(context=BotContext))
        .rate_limiter(limiter)
        .concurrent_updates(PerChatUpdateProcessor(CONCURRENT_UPDATES, heard=limiter.heard))
        .connection_pool_size(CONNECTIONS)
        .pool_timeout(30)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    renderers = Renderers()
    application.bot_data["services"] = services
    application.bot_data["renderers"] = renderers
    application.bot_data["metrics"] = metrics
    application.bot_data["sender"] = Sender(
        application,
        services.outbox,
        renderers,
        bulk_rate=rate,
        paid=settings.bot_paid_broadcast,
    )
    application.bot_data["background"] = background
    application.bot_data["steps"] = steps = Steps()
    application.bot_data["menu"] = menu = Menu()
    _register(application, steps, menu)
    return application


def _register(app: BotApplication, steps: Steps, menu: Menu) -> None:
    outages.register(app)  # group -2: an update arriving shows Telegram is reachable
    pastes.register(app)  # group -1: a long text's parts are joined before anything else
    onboarding.register_steps(steps)
    menu.register("menu-settings", account.show_settings)
    reports.register(app, steps, menu)
    information.register(app, steps, menu)
    rooms.register(app, steps, menu)
    groups.register(app, steps, menu)

    private_commands = {
        "start": onboarding.start,
        "help": account.help_command,
        "settings": account.settings_command,
        "language": account.language_command,
        "mydata": account.mydata_command,
        "deleteme": account.deleteme_command,
        "cancel": account.cancel_command,
        "report": reports.flow.report_command,
        "myreports": reports.my_reports.myreports_command,
    }
    for name, callback in private_commands.items():
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE))
    for name, callback in {
        "grant": admin.grant_command,
        "revoke": admin.revoke_command,
        "roles": admin.roles_command,
        "linkroom": admin.linkroom_command,
        "unblockreporter": admin.unblockreporter_command,
    }.items():
        app.add_handler(CommandHandler(name, callback))

    app.add_handler(CallbackQueryHandler(button(onboarding.on_privacy), pattern=pattern("pv")))
    app.add_handler(
        CallbackQueryHandler(button(onboarding.on_commune_button), pattern=pattern("cm"))
    )
    app.add_handler(CallbackQueryHandler(button(account.on_settings_button), pattern=pattern("st")))
    app.add_handler(CallbackQueryHandler(button(account.on_language_button), pattern=pattern("lg")))
    app.add_handler(CallbackQueryHandler(button(account.on_deleteme_button), pattern=pattern("dm")))
    app.add_handler(CallbackQueryHandler(button(reports.buttons.on_button), pattern=pattern("rp")))
    app.add_handler(
        CallbackQueryHandler(button(reports.my_reports.on_button), pattern=pattern("mr"))
    )
    app.add_handler(CallbackQueryHandler(button(rooms.triage.on_button), pattern=pattern("mc")))
    app.add_handler(CallbackQueryHandler(button(rooms.commands.on_button), pattern=pattern("mq")))
    app.add_handler(
        CallbackQueryHandler(button(rooms.relay.on_answer_button), pattern=pattern("rl"))
    )
    for scope, handler in {
        "gr": groups.residents.on_button,
        "gl": groups.leaders.on_button,
        "ga": groups.staff.on_button,
    }.items():
        app.add_handler(CallbackQueryHandler(button(handler), pattern=pattern(scope)))
    app.add_handler(CallbackQueryHandler(router.on_stale_button))

    app.add_handler(MessageHandler(filters.UpdateType.EDITED, router.on_edited_message))
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, router.on_unknown_command))
    app.add_handler(MessageHandler(PRIVATE & filters.UpdateType.MESSAGE, router.on_private_message))
    app.add_handler(TypeHandler(Update, router.on_anything_else))
    app.add_error_handler(router.on_error)


async def _post_init(application: BotApplication) -> None:
    services: Services = application.bot_data["services"]
    await services.factchecks.refresh_index()
    await publish_commands(application.bot, services)
    if application.bot_data["background"]:
        sender: Sender = application.bot_data["sender"]
        await sender.start()


async def _post_shutdown(application: BotApplication) -> None:
    """After the last update: what is in flight is sent and marked, then the database closes."""
    sender: Sender = application.bot_data["sender"]
    await sender.stop()
    services: Services = application.bot_data["services"]
    await services.db.dispose()
