"""Incident reports: the report flow (flow.py, its buttons in buttons.py), My reports and
follow-ups (my_reports.py), and status updates to reporters (status_updates.py). `register`
wires this whole feature."""

from telegram.ext import filters

from bot.handlers import common
from bot.handlers.account.unfinished import Unfinished, unfinished_work
from bot.handlers.common import BotApplication
from bot.handlers.menu import menu_of
from bot.handlers.reports import buttons, flow, my_reports, status_updates
from bot.handlers.reports.draft import FLOW, STEPS
from bot.handlers.steps import steps_of

__all__ = ["buttons", "flow", "my_reports", "register"]

# A bare `/report` in private starts a report; `/report CODE` opens a moderator's card (rooms).
BARE_REPORT = filters.ChatType.PRIVATE & ~filters.Regex(r"^/report(@\w+)?\s+\S")


def register(app: BotApplication) -> None:
    steps = steps_of(app)
    for step in STEPS:
        steps.register(FLOW, step, flow.on_message)
    steps.register(
        my_reports.FOLLOWUP_FLOW, my_reports.FOLLOWUP_STEP, my_reports.on_followup_message
    )
    menu = menu_of(app)
    menu.register("menu-report", flow.start)
    menu.register("menu-myreports", my_reports.show)
    app.add_handlers(common.commands({"report": flow.report_command}, BARE_REPORT))
    private = filters.ChatType.PRIVATE
    app.add_handlers(common.commands({"myreports": my_reports.myreports_command}, private))
    app.add_handlers(common.buttons({"rp": buttons.on_button, "mr": my_reports.on_button}))
    status_updates.register(app.bot_data["renderers"])
    # A report being written outlives /start, and /cancel asks before discarding it.
    unfinished_work(app).register(
        Unfinished(flow.has_draft, flow.offer_to_resume, flow.ask_discard)
    )
