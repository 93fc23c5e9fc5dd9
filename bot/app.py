"""Builds the Application. Every feature registers its own handlers, steps, menu items,
renderers and jobs in its `register(app)`; `FEATURES` below is the one ordered list of them,
in the order PTB tries their handlers, each after the features it uses (tests/test_layers.py).
Nothing else adds a handler."""

from collections.abc import Callable

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults

from bot.config import Settings
from bot.handlers import (
    account,
    admin,
    broadcasts,
    groups,
    information,
    outages,
    pastes,
    reports,
    rooms,
    router,
)
from bot.handlers.commands import publish_commands
from bot.handlers.common import BotApplication, BotContext
from bot.handlers.processor import PerChatUpdateProcessor
from bot.logs import protect_loggers
from bot.metrics import Metrics
from bot.sending.limiter import Limits, TelegramLimiter
from bot.sending.renderers import Renderers
from bot.sending.sender import Sender
from bot.services.container import Services, build_services
from bot.storage.db import Database

# In the order PTB tries them. Commands and callback scopes of different features never
# overlap, so within group 0 the order only matters for the catch-alls, which come last.
FEATURES: tuple[Callable[[BotApplication], None], ...] = (
    outages.register,  # group -2: an update arriving shows Telegram is reachable
    pastes.register,  # group -1: a long text's parts are joined before anything else
    account.register,  # /start, privacy, home commune, /settings, /mydata, /deleteme …
    admin.register,  # /grant, /revoke, /roles, /linkroom, /unblockreporter
    reports.register,  # the report flow, My reports, status updates to reporters
    rooms.register,  # moderator rooms: cards, triage, relay (replies), commands, deadlines
    broadcasts.register,  # /broadcasts, live progress, Stop
    information.register,  # notices, rumor checks, fact-checks, inline mode
    groups.register,  # community groups, their chats' join requests
    router.register,  # last: private messages by stored step, catch-alls, the error handler
)

# Every text the bot sends is HTML (escaped by the translator, or built with bot.i18n.Html),
# and links in it never unfold into previews; PTB adds these to every call that takes them.
DEFAULTS = Defaults(
    parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
)

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
        .defaults(DEFAULTS)
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
    for register in FEATURES:
        register(application)
    return application


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
