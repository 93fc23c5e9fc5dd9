"""Administration from Telegram: /grant, /revoke, /roles and /unblockreporter for admins,
/linkroom inside a group. `register` wires the commands, in private chats and groups alike."""

import logging
import re

from telegram import BotCommandScopeChat, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.handlers import common
from bot.handlers.commands import MODERATOR_COMMANDS, set_scope_commands
from bot.handlers.common import BotApplication, BotContext, tr
from bot.handlers.formatting import commune_name, province_name, role_at
from bot.services.report_lifecycle import UnknownReport
from bot.services.roles import Grant, Role, StaffRoles

log = logging.getLogger(__name__)

_CATEGORY = re.compile(r"^[a-z_]{2,32}$")


def register(app: BotApplication) -> None:
    app.add_handlers(
        common.commands(
            {
                "grant": grant_command,
                "revoke": revoke_command,
                "roles": roles_command,
                "linkroom": linkroom_command,
                "unblockreporter": unblockreporter_command,
            }
        )
    )


def _parse_grant(args: list[str]) -> Grant | None:
    if len(args) != 3 or not args[0].isdigit() or not args[2].isdigit():
        return None
    try:
        role = Role(args[1].lower())
    except ValueError:
        return None
    code = int(args[2])
    if role is Role.ADMIN:
        return Grant(int(args[0]), role, None, code)
    return Grant(int(args[0]), role, code, None)


async def _staff(update: Update, context: BotContext) -> tuple[str, StaffRoles | None]:
    """The caller's language and roles; None (after a polite refusal) when they hold none."""
    user = update.effective_user
    assert user is not None
    locale = await common.user_locale(update, context)
    roles = await context.services.roles.of(user.id)
    if not (roles.superadmin or roles.admin_of):
        await common.reply(update, context, tr(context, locale, "refusal-not-staff"))
        return locale, None
    return locale, roles


async def grant_command(update: Update, context: BotContext) -> None:
    await _change_role(update, context, revoke=False)


async def revoke_command(update: Update, context: BotContext) -> None:
    await _change_role(update, context, revoke=True)


async def _change_role(update: Update, context: BotContext, *, revoke: bool) -> None:
    locale, actor = await _staff(update, context)
    if actor is None:
        return
    grant = _parse_grant(list(context.args or []))
    if grant is None:
        await common.reply(
            update, context, tr(context, locale, "revoke-usage" if revoke else "grant-usage")
        )
        return
    roles = context.services.roles
    role_name = tr(context, locale, f"role-{grant.role.value}")
    changed = await (
        roles.revoke(actor, grant) if revoke else roles.grant(actor, grant, actor.telegram_id)
    )
    if revoke:
        key = "revoke-done" if changed else "revoke-none"
    else:
        key = "grant-done" if changed else "grant-existed"
    log.info("role %s %s by staff member", grant.role.value, "revoked" if revoke else "granted")
    await common.reply(
        update, context, tr(context, locale, key, role=role_name, user=str(grant.telegram_id))
    )


async def roles_command(update: Update, context: BotContext) -> None:
    locale, actor = await _staff(update, context)
    if actor is None:
        return
    services = context.services
    grants = await services.roles.list()
    if not actor.superadmin:
        visible = set(actor.admin_of)
        grants = [g for g in grants if services.roles.province_of(g) in visible]
    if not grants:
        await common.reply(update, context, tr(context, locale, "roles-empty"))
        return
    lines: list[str] = [tr(context, locale, "roles-title")]
    for grant in grants[:100]:
        if grant.commune_code is not None:
            place = commune_name(context, grant.commune_code)
        else:
            place = province_name(context, grant.province_code or 0)
        role = role_at(context, locale, grant.role, place)
        lines.append(f"<code>{grant.telegram_id}</code> — {role}")
    await common.reply(update, context, "\n".join(lines))


async def unblockreporter_command(update: Update, context: BotContext) -> None:
    """/unblockreporter CODE: undo a moderator's block of a report's reporter. Province admins
    (of the report's province) and superadmins only; nobody learns who the reporter is."""
    user = update.effective_user
    assert user is not None
    locale = await common.user_locale(update, context)
    services = context.services
    args = list(context.args or [])
    roles = await services.roles.of(user.id)
    if not (roles.superadmin or roles.admin_of):
        await common.reply(update, context, tr(context, locale, "unblock-refused"))
        return
    if len(args) != 1:
        await common.reply(update, context, tr(context, locale, "unblock-usage"))
        return
    code = args[0][:16]
    try:
        card = await services.report_lifecycle.card(code)
    except UnknownReport:
        await common.reply(update, context, tr(context, locale, "unblock-unknown", code=code))
        return
    commune = services.directory.get(card.commune_code)
    province = commune.province_code if commune else 0
    if not services.roles.can_administer_province(roles, province):
        await common.reply(update, context, tr(context, locale, "unblock-refused"))
        return
    result = await services.moderation.blocks.unblock(
        card.code, actor_telegram_id=user.id, actor_name=user.full_name[:128]
    )
    log.info("report %s: reporter unblock: %s", card.code, result.value)
    await common.reply(
        update, context, tr(context, locale, f"unblock-{result.value}", code=card.code)
    )


async def linkroom_command(update: Update, context: BotContext) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    locale = await common.user_locale(update, context)
    if chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        await common.reply(update, context, tr(context, locale, "linkroom-not-group"))
        return
    target = _parse_link_target(list(context.args or []))
    if target is None:
        await common.reply(update, context, tr(context, locale, "linkroom-usage"))
        return
    commune_code, province_code, category = target
    services = context.services
    if category is not None and services.categories.get(category) is None:
        await common.reply(update, context, tr(context, locale, "linkroom-usage"))
        return
    actor = await services.roles.of(user.id)
    services.rooms.check_link(actor, commune_code=commune_code, province_code=province_code)
    if not await _bot_is_admin(context, chat.id):
        await common.reply(update, context, tr(context, locale, "linkroom-bot-not-admin"))
        return
    room, created = await services.rooms.link(
        actor,
        chat.id,
        commune_code=commune_code,
        province_code=province_code,
        category=category,
        title=chat.title,
        linked_by=user.id,
    )
    place = (
        commune_name(context, commune_code)
        if commune_code is not None
        else province_name(context, room.province_code)
    )
    await _set_room_commands(context, chat.id)
    if not created:
        await common.reply(update, context, tr(context, locale, "linkroom-existed", place=place))
    elif category is not None:
        label = services.categories.get(category).label(locale)  # type: ignore[union-attr]
        await common.reply(
            update,
            context,
            tr(context, locale, "linkroom-done-category", place=place, category=label),
        )
    else:
        await common.reply(update, context, tr(context, locale, "linkroom-done", place=place))


def _parse_link_target(args: list[str]) -> tuple[int | None, int | None, str | None] | None:
    """`CODE [CATEGORY]` or `province CODE` → (commune, province, category)."""
    if len(args) == 2 and args[0].lower() in ("province", "tinh", "tỉnh") and args[1].isdigit():
        return None, int(args[1]), None
    if len(args) in (1, 2) and args[0].isdigit():
        category = args[1].lower() if len(args) == 2 else None
        if category is not None and not _CATEGORY.match(category):
            return None
        return int(args[0]), None, category
    return None


async def _bot_is_admin(context: BotContext, chat_id: int) -> bool:
    try:
        member = await context.bot.get_chat_member(chat_id, context.bot.id)
    except TelegramError:
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def _set_room_commands(context: BotContext, chat_id: int) -> None:
    services = context.services
    await set_scope_commands(
        context.bot,
        services.translator,
        services.settings.bot_default_locale,
        BotCommandScopeChat(chat_id),
        MODERATOR_COMMANDS,
        room=True,
    )
