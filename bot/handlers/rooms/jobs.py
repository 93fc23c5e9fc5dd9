"""The periodic job of the moderator side: reminders and escalations. PTB's JobQueue only
triggers it: what is due is read from the database each time, so a restart neither loses nor
repeats anything. Tests call `run_deadlines` directly with the "now" they want."""

import logging
from datetime import datetime

from bot.handlers import common
from bot.handlers.common import BotApplication, BotContext
from bot.services.deadlines import DeadlineRun
from bot.storage.models import utcnow

log = logging.getLogger(__name__)

DEADLINE_SECONDS = 60
JOB_NAMES = ("rooms-deadlines",)


async def run_deadlines(context: BotContext, now: datetime | None = None) -> DeadlineRun:
    """Queue the reminders and escalations that are due, then send them."""
    now = now or utcnow()
    run = await context.services.moderation.deadlines.run(now)
    await context.sender.drain(now)
    return run


async def deadline_job(context: BotContext) -> None:
    # Every process runs the job; only the one that sends broadcasts (one at a time, replaced
    # when it dies) does the work, so a reminder is never queued twice. The sender sends what
    # it queued: sending everything due here would wait for a broadcast under way, minutes
    # long, and the job's next runs would be skipped meanwhile.
    if await context.sender.leadership.check():
        await context.services.moderation.deadlines.run(utcnow())
        common.send_soon(context)


def register(app: BotApplication) -> None:
    if app.job_queue is None:
        log.warning("no job queue: reminders and escalations wait for a restart")
        return
    app.job_queue.run_repeating(
        deadline_job, interval=DEADLINE_SECONDS, first=30, name=JOB_NAMES[0]
    )
