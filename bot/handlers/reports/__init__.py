"""Incident reports: the report flow (flow.py, its buttons in buttons.py), My reports and
follow-ups (my_reports.py), and status updates to reporters (status_updates.py). `register`
wires this whole feature."""

from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.handlers.callbacks import pattern
from bot.handlers.common import BotApplication, button
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
    app.add_handler(CommandHandler("report", flow.report_command, filters=BARE_REPORT))
    app.add_handler(
        CommandHandler("myreports", my_reports.myreports_command, filters=filters.ChatType.PRIVATE)
    )
    app.add_handler(CallbackQueryHandler(button(buttons.on_button), pattern=pattern("rp")))
    app.add_handler(CallbackQueryHandler(button(my_reports.on_button), pattern=pattern("mr")))
    status_updates.register(app.bot_data["renderers"])
