"""Telegram or the database going away while the bot runs. The bot keeps going: the log says so
once (no traceback per attempt) and once more when it is back. Polling Telegram is retried by
PTB with a growing pause; the database is probed with a growing pause, and an update that failed
for want of it waits, then is handled again, so a resident's message is not lost to an outage.
"""

import asyncio
import logging
import math
import time
from dataclasses import dataclass, field

from telegram import Update
from telegram.error import BadRequest, Conflict, NetworkError, TelegramError
from telegram.ext import TypeHandler

from bot.handlers.common import BotApplication, BotContext
from bot.logs import redact
from bot.storage.db import UNAVAILABLE, is_unavailable

log = logging.getLogger(__name__)

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0
OUTAGES = "outages"  # in bot_data
_SLICE = 0.5


@dataclass
class Outage:
    what: str
    since: float | None = None
    back: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.back.set()

    @property
    def on(self) -> bool:
        return self.since is not None

    def begin(self, error: BaseException, secrets: tuple[str, ...]) -> bool:
        """Note a failure; True when it starts an outage (which is logged, once)."""
        if self.since is not None:
            return False
        self.since = time.monotonic()
        self.back.clear()
        log.warning("%s unreachable (%s); retrying", self.what, _reason(error, secrets))
        return True

    def end(self) -> None:
        if self.since is None:
            return
        log.warning("%s reachable again after %.0f s", self.what, time.monotonic() - self.since)
        self.since = None
        self.back.set()


@dataclass
class Outages:
    telegram: Outage = field(default_factory=lambda: Outage("Telegram"))
    database: Outage = field(default_factory=lambda: Outage("The database"))
    # Updates being handled again after the database came back (by identity: a joined paste
    # has no update id of its own).
    retrying: set[int] = field(default_factory=set)


def register(app: BotApplication) -> None:
    app.bot_data[OUTAGES] = Outages()
    # An update arriving proves Telegram answers getUpdates again.
    app.add_handler(TypeHandler(Update, _telegram_answers), group=-2)


def outages_of(context: BotContext) -> Outages:
    outages: Outages = context.application.bot_data[OUTAGES]
    return outages


async def _telegram_answers(update: Update, context: BotContext) -> None:
    outages_of(context).telegram.end()


def is_telegram_outage(error: object) -> bool:
    """Telegram unreachable (network errors, timeouts, 5xx), or refusing to poll because another
    instance does (Conflict): retried by PTB, not a bug of ours. (PTB's BadRequest is a
    NetworkError too: a request Telegram refused, which is.)"""
    if isinstance(error, BadRequest):
        return False
    return isinstance(error, NetworkError | Conflict)


def is_database_outage(error: object) -> bool:
    return isinstance(error, BaseException) and is_unavailable(error)


async def database_failed(update: object, context: BotContext) -> None:
    """A handler or a job failed because the database is gone. An update waits until it is back
    and is then handled again, once; a job simply runs again on its next turn."""
    error = context.error
    assert error is not None
    outages = outages_of(context)
    outage = outages.database
    if outage.begin(error, context.services.settings.secrets):
        context.application.create_task(_probe_database(context), name="database-probe")
    if not isinstance(update, Update):
        return
    if id(update) in outages.retrying:
        log.warning("update %s not handled: the database went away again", update.update_id)
        return
    application = context.application
    while outage.on:
        if not application.running:
            log.warning(
                "update %s not handled: stopping while the database is away", update.update_id
            )
            return
        try:
            await asyncio.wait_for(outage.back.wait(), timeout=FIRST_PAUSE)
        except TimeoutError:
            continue
    outages.retrying.add(id(update))
    try:
        await application.process_update(update)
    finally:
        outages.retrying.discard(id(update))


def telegram_failed(context: BotContext) -> None:
    error = context.error
    assert error is not None
    outages_of(context).telegram.begin(error, context.services.settings.secrets)


async def _probe_database(context: BotContext) -> None:
    outage, application = outages_of(context).database, context.application
    pause = FIRST_PAUSE
    while outage.on and application.running:
        await _nap(context, pause)
        try:
            await context.services.db.ping()
        except UNAVAILABLE:
            pause = min(pause * 2, LONGEST_PAUSE)
        else:
            outage.end()


async def _nap(context: BotContext, seconds: float) -> None:
    """Sleep, but not past the application stopping (which waits for this task)."""
    for _ in range(math.ceil(seconds / _SLICE)):
        if not context.application.running:
            return
        await asyncio.sleep(_SLICE)


def _reason(error: BaseException, secrets: tuple[str, ...]) -> str:
    cause = getattr(error, "orig", None) or error
    text = cause.message if isinstance(cause, TelegramError) else str(cause)
    first = (text.strip().splitlines() or [type(cause).__name__])[0]
    return redact(first, secrets)


def database_outage(application: BotApplication) -> Outage:
    outage: Outage = application.bot_data[OUTAGES].database
    return outage


def database_away(application: BotApplication, error: BaseException) -> None:
    """Receiving found the database away (recording or claiming updates): said once, and
    probed until it is back, as for a handler."""
    context = BotContext(application)
    if outages_of(context).database.begin(error, context.services.settings.secrets):
        application.create_task(_probe_database(context), name="database-probe")
