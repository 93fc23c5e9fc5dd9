"""The periodic jobs of the moderator side. PTB's JobQueue only triggers them: what is due is
read from the database each time, so a restart neither loses nor repeats anything. Tests call
`run_deadlines` and `deliver_pending` directly with the "now" they want."""

import logging
from datetime import datetime

from bot.handlers.common import BotApplication, BotContext
from bot.handlers.rooms.delivery import deliver_pending
from bot.services.deadlines import DeadlineRun
from bot.storage.models import utcnow

log = logging.getLogger(__name__)

DELIVERY_SECONDS = 10
DEADLINE_SECONDS = 60
JOB_NAMES = ("rooms-delivery", "rooms-deadlines")


async def run_deadlines(context: BotContext, now: datetime | None = None) -> DeadlineRun:
    """Queue the reminders and escalations that are due, then deliver them."""
    now = now or utcnow()
    run = await context.services.moderation.deadlines.run(now)
    await deliver_pending(context, now)
    return run


async def _delivery_job(context: BotContext) -> None:
    await deliver_pending(context)


async def _deadline_job(context: BotContext) -> None:
    await run_deadlines(context)


def schedule(app: BotApplication) -> None:
    if app.job_queue is None:
        log.warning("no job queue: reports reach the rooms only when something triggers it")
        return
    app.job_queue.run_repeating(
        _delivery_job, interval=DELIVERY_SECONDS, first=2, name=JOB_NAMES[0]
    )
    app.job_queue.run_repeating(
        _deadline_job, interval=DEADLINE_SECONDS, first=30, name=JOB_NAMES[1]
    )
