"""Incident reports: the report flow (flow.py), My reports and follow-ups (my_reports.py), and
status updates to reporters (status_updates.py). Commands and buttons are registered in
bot/app.py with everything else; the steps and menu items here."""

from bot.handlers.common import BotApplication
from bot.handlers.menu import Menu
from bot.handlers.reports import buttons, flow, my_reports, status_updates
from bot.handlers.reports.draft import FLOW, STEPS
from bot.handlers.steps import Steps

__all__ = ["buttons", "flow", "my_reports", "register"]


def register(app: BotApplication, steps: Steps, menu: Menu) -> None:
    for step in STEPS:
        steps.register(FLOW, step, flow.on_message)
    steps.register(
        my_reports.FOLLOWUP_FLOW, my_reports.FOLLOWUP_STEP, my_reports.on_followup_message
    )
    menu.register("menu-report", flow.start)
    menu.register("menu-myreports", my_reports.show)
    status_updates.register(app.bot_data["renderers"])
