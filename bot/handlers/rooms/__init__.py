"""Moderator rooms: report cards posted to the routed room (outbox.py, cards.py, render.py),
triage buttons (triage.py), the relay with reporters (relay.py), moderator commands
(commands.py) and the periodic jobs (jobs.py). `register` wires this whole feature: commands,
buttons, reply handlers, the relay step, what the outbox sends to rooms and the jobs."""

from telegram.ext import MessageHandler, filters

from bot.handlers import common
from bot.handlers.account.erasure import erasure_hooks
from bot.handlers.common import BotApplication
from bot.handlers.rooms import cards, commands, jobs, outbox, relay, triage
from bot.handlers.steps import steps_of

__all__ = ["commands", "jobs", "outbox", "register", "relay", "triage"]


# `/report CODE` opens a card: in a room, or in private with a code. A bare `/report` in
# private is the resident's report flow (reports).
STAFF_REPORT = filters.ChatType.GROUPS | (
    filters.ChatType.PRIVATE & filters.Regex(r"^/report(@\w+)?\s+\S")
)


def register(app: BotApplication) -> None:
    steps_of(app).register(relay.FLOW, relay.STEP, relay.on_answer_step)
    app.add_handlers(common.commands({"report": commands.report_command}, STAFF_REPORT))
    app.add_handlers(
        common.commands(
            {
                "queue": commands.queue_command,
                "find": commands.find_command,
                "stats": commands.stats_command,
                "export": commands.export_command,
            }
        )
    )
    replies = filters.REPLY & ~filters.COMMAND & filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(filters.ChatType.GROUPS & replies, relay.on_group_reply))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & replies, relay.on_private_reply))
    app.add_handlers(
        common.buttons(
            {"mc": triage.on_button, "mq": commands.on_button, "rl": relay.on_answer_button}
        )
    )
    erasure_hooks(app).register(cards.forget_reporter)
    outbox.register(app.bot_data["renderers"])
    if app.bot_data["background"]:
        jobs.register(app)
