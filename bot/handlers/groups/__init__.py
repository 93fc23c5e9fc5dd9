"""Community groups (tổ tự quản): residents browse, search and join the groups of their commune
(residents.py); leaders run their group from its card (leaders.py) and its linked chat
(chats.py); moderators create, appoint, archive and merge, and publish leaders' stories
(staff.py); `/groups` gives the figures (stats.py); the outbox sends what groups must deliver
(deliveries.py). `register` wires this whole feature: the menu item, steps, commands, buttons,
join requests and renderers."""

from telegram.ext import ChatJoinRequestHandler, filters

from bot.handlers import common
from bot.handlers.common import BotApplication
from bot.handlers.groups import chats, deliveries, leaders, residents, staff, stats
from bot.handlers.groups.render import FLOW
from bot.handlers.menu import menu_of
from bot.handlers.steps import steps_of

__all__ = ["chats", "leaders", "register", "residents", "staff", "stats"]


def register(app: BotApplication) -> None:
    menu_of(app).register("menu-groups", residents.show_groups)
    steps = steps_of(app)
    for step, handler in {
        "search": residents.on_search,
        "join_message": residents.on_join_message,
        "mediation": residents.on_mediation,
        "remove_reason": leaders.on_remove_reason,
        "notice": leaders.on_notice,
        "edit": leaders.on_edit,
        "story": leaders.on_story,
        "appoint": staff.on_appoint,
        "merge": staff.on_merge,
        "new_commune": staff.on_new_commune,
        "new_name": staff.on_new_field,
        "new_hamlet": staff.on_new_field,
        "new_description": staff.on_new_field,
        "story_edit": staff.on_story_edit,
    }.items():
        steps.register(FLOW, step, handler)
    private = filters.ChatType.PRIVATE
    app.add_handlers(common.commands({"newgroup": staff.newgroup_command}, private))
    app.add_handlers(
        common.commands(
            {
                "groupleader": staff.groupleader_command,
                "groups": stats.groups_command,
                "linkgroup": chats.linkgroup_command,
            }
        )
    )
    app.add_handler(ChatJoinRequestHandler(chats.on_join_request))
    app.add_handlers(
        common.buttons({"gr": residents.on_button, "gl": leaders.on_button, "ga": staff.on_button})
    )
    deliveries.register(app.bot_data["renderers"])
