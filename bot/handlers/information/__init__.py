"""Verified information and rumors. For residents: the notices of their commune and province
and inline mode (browse.py), the rumor check (rumors.py). For moderators and admins: writing a
notice (compose.py, its draft in draft.py, its buttons in buttons.py) and changing or withdrawing
one (manage.py), the rumor requests of their communes (rumor_requests.py, with the matcher's
figures in match_stats.py) and fact-check edits (factcheck_admin.py). How it all looks is in
render.py, what the outbox delivers of it in deliveries.py. `register` wires this whole
feature."""

from telegram.ext import InlineQueryHandler, filters

from bot.handlers import common
from bot.handlers.common import BotApplication
from bot.handlers.information import (
    browse,
    buttons,
    compose,
    deliveries,
    factcheck_admin,
    manage,
    rumor_requests,
    rumors,
)
from bot.handlers.information.draft import EDIT_STEP, FLOW
from bot.handlers.menu import menu_of
from bot.handlers.steps import steps_of

__all__ = ["browse", "register", "rumors"]


def register(app: BotApplication) -> None:
    menu = menu_of(app)
    menu.register("menu-info", browse.show_notices)
    menu.register("menu-rumor", rumors.start_check)
    steps = steps_of(app)
    for flow, step, handler in (
        (rumors.FLOW, rumors.AWAIT, rumors.on_rumor_message),
        (rumors.FLOW, rumors.CANDIDATES, rumors.on_rumor_message),
        (rumor_requests.FLOW, rumor_requests.EXPLAIN, rumor_requests.on_explanation),
        (rumor_requests.FLOW, rumor_requests.SEARCH, rumor_requests.on_search),
        (factcheck_admin.FLOW, factcheck_admin.EXPLAIN, factcheck_admin.on_explanation),
        (FLOW, "commune", compose.on_commune_query),
        (FLOW, "title", compose.on_title),
        (FLOW, "body", compose.on_body),
        (FLOW, "photo", compose.on_photo),
        (FLOW, "expiry", compose.on_expiry),
        (FLOW, "issuer", compose.on_issuer),
        (FLOW, "schedule", compose.on_schedule),
        (FLOW, EDIT_STEP, manage.on_edit_text),
    ):
        steps.register(flow, step, handler)
    private = filters.ChatType.PRIVATE
    app.add_handlers(
        common.commands(
            {
                "notice": compose.notice_command,
                "notices": manage.notices_command,
                "factcheck": factcheck_admin.factcheck_command,
            },
            private,
        )
    )
    app.add_handlers(common.commands({"rumors": rumor_requests.rumors_command}))
    app.add_handlers(
        common.buttons(
            {
                "rc": rumors.on_button,
                "nt": browse.on_notice_button,
                "ns": buttons.on_button,
                "ru": rumor_requests.on_button,
                "fc": factcheck_admin.on_button,
            }
        )
    )
    app.add_handler(InlineQueryHandler(browse.on_inline))
    deliveries.register(app.bot_data["renderers"])
