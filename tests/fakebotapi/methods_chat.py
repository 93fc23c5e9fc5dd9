"""Chat-level handlers: getChat*, leaveChat, join requests, bans, reactions."""

from __future__ import annotations

from typing import Any

from .errors import bad_request, forbidden
from .methods_send import Handler
from .models import Ban, Chat, InviteLink, User
from .params import Params
from .state import BotState
from .validation import resolve_chat

ACTIVE_STATUSES = ("creator", "administrator", "member")
ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
)
#: A ban shorter than this or longer than this lasts forever (until_date 0), as in Telegram.
BAN_MIN, BAN_MAX = 30, 366 * 86400


def member_dict(
    user: dict[str, Any],
    status: str,
    *,
    rights: dict[str, bool] | None = None,
    until_date: int = 0,
) -> dict[str, Any]:
    """A ChatMember object for the given status; ``rights`` withholds administrator rights."""
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status == "administrator":
        granted = {right: (rights or {}).get(right, True) for right in ADMIN_RIGHTS}
        return {
            "status": "administrator",
            "user": user,
            "can_be_edited": False,
            "is_anonymous": False,
            "can_promote_members": False,
            **granted,
        }
    if status == "kicked":
        return {"status": "kicked", "user": user, "until_date": until_date}
    if status in ("left", "none"):
        return {"status": "left", "user": user}
    return {"status": "member", "user": user}


def _user_dict(state: BotState, user_id: int) -> dict[str, Any]:
    if user_id == state.bot_id:
        return dict(state.bot_user)
    user = state.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return user.to_dict()


def status_in(state: BotState, chat: Chat, user_id: int) -> str:
    if user_id == state.bot_id:
        return "member" if chat.is_private and chat.bot_status == "none" else chat.bot_status
    if chat.is_private:
        return "member" if user_id == chat.id else "left"
    status = chat.members.get(user_id, "left")
    if status == "kicked":
        ban = chat.bans.get(user_id)
        if ban is not None and ban.until_date and state.clock.now() >= ban.until_date:
            del chat.bans[user_id]
            chat.members[user_id] = status = "left"
    return status


def chat_member_of(state: BotState, chat: Chat, user_id: int) -> dict[str, Any]:
    """The ChatMember object of anyone (the bot included) in the chat."""
    status = status_in(state, chat, user_id)
    ban = chat.bans.get(user_id)
    return member_dict(
        _user_dict(state, user_id),
        status,
        rights=chat.bot_rights if user_id == state.bot_id else None,
        until_date=ban.until_date if ban is not None and status == "kicked" else 0,
    )


def push_member_update(
    state: BotState,
    chat: Chat,
    user_id: int,
    old: dict[str, Any],
    *,
    actor: dict[str, Any],
    invite_link: InviteLink | None = None,
    via_join_request: bool = False,
) -> None:
    """Push a ``chat_member`` update (opt-in: only bots that ask for it get it)."""
    body: dict[str, Any] = {
        "chat": chat.to_dict(),
        "from": actor,
        "date": state.clock.now(),
        "old_chat_member": old,
        "new_chat_member": chat_member_of(state, chat, user_id),
    }
    if invite_link is not None:
        body["invite_link"] = link_dict(state, chat, invite_link)
    if via_join_request:
        body["via_join_request"] = True
    state.push_update({"chat_member": body})


def link_dict(state: BotState, chat: Chat, link: InviteLink) -> dict[str, Any]:
    """A ChatInviteLink as the bot sees it (masked when another administrator made it)."""
    pending = sum(1 for r in chat.join_requests.values() if r.invite_link == link.invite_link)
    return link.to_dict(for_creator=link.creator.get("id") == state.bot_id, pending=pending)


def add_member(
    state: BotState,
    chat: Chat,
    user: User,
    *,
    actor: dict[str, Any],
    invite_link: InviteLink | None = None,
    via_join_request: bool = False,
) -> None:
    """A user joins a group: status member, a ``chat_member`` update and the
    ``new_chat_members`` service message."""
    old = chat_member_of(state, chat, user.id)
    chat.members[user.id] = "member"
    chat.bans.pop(user.id, None)
    if invite_link is not None:
        invite_link.joined += 1
    push_member_update(
        state,
        chat,
        user.id,
        old,
        actor=actor,
        invite_link=invite_link,
        via_join_request=via_join_request,
    )
    msg = state.store_message(
        chat,
        sender=user.to_dict(),
        kind="new_chat_members",
        content={"new_chat_members": [user.to_dict()]},
    )
    state.deliver(chat, "message", state.message_dict(msg))


async def get_chat(state: BotState, p: Params) -> Any:
    return resolve_chat(state, p.get("chat_id"), sending=False).full_info()


async def get_chat_member(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    user_id = p.required_int("user_id", "user not found")
    return chat_member_of(state, chat, user_id)


async def get_chat_administrators(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    if chat.is_private:
        raise bad_request("there are no administrators in the private chat")
    admins = [
        member_dict(_user_dict(state, uid), status)
        for uid, status in chat.members.items()
        if status in ("creator", "administrator")
    ]
    if chat.bot_status in ("creator", "administrator"):
        admins.append(chat_member_of(state, chat, state.bot_id))
    return admins


async def get_chat_member_count(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    if chat.is_private:
        return 2
    count = sum(1 for status in chat.members.values() if status in ACTIVE_STATUSES)
    return count + (1 if chat.bot_status in ACTIVE_STATUSES else 0)


async def leave_chat(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    if chat.is_private:
        raise bad_request("chat member status can't be changed in private chats")
    resolve_chat(state, chat.id, sending=True)  # 403 if already out of the chat
    chat.bot_status = "left"
    state.notifier.notify()
    return True


def _join_request(state: BotState, p: Params) -> tuple[Chat, int]:
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    if chat.is_private:
        raise bad_request("chat not found")
    if not state.bot_can(chat, "can_invite_users"):
        raise bad_request("CHAT_ADMIN_REQUIRED")
    user_id = p.required_int("user_id", "user not found")
    user = state.users.get(user_id)
    if user is not None and user.deactivated:
        raise forbidden("user is deactivated")
    if user_id not in chat.join_requests:
        raise bad_request("HIDE_REQUESTER_MISSING")
    return chat, user_id


async def approve_chat_join_request(state: BotState, p: Params) -> Any:
    chat, user_id = _join_request(state, p)
    request = chat.join_requests.pop(user_id)
    if status_in(state, chat, user_id) in ACTIVE_STATUSES:
        raise bad_request("USER_ALREADY_PARTICIPANT")
    link = chat.invite_links.get(request.invite_link or "")
    user = state.users[user_id]
    actor = dict(state.bot_user)
    add_member(state, chat, user, actor=actor, invite_link=link, via_join_request=True)
    return True


async def decline_chat_join_request(state: BotState, p: Params) -> Any:
    chat, user_id = _join_request(state, p)
    del chat.join_requests[user_id]
    state.notifier.notify()
    return True


def _restrictable(state: BotState, chat: Chat, p: Params) -> tuple[int, str]:
    """(user id, current status) of the target of a ban/unban, after Telegram's checks."""
    if not state.bot_can(chat, "can_restrict_members"):
        raise bad_request("not enough rights to restrict/unrestrict chat member")
    user_id = p.required_int("user_id", "user not found")
    if user_id == state.bot_id:
        raise bad_request("can't restrict self")
    _user_dict(state, user_id)
    status = status_in(state, chat, user_id)
    if status == "creator":
        raise bad_request("can't remove chat owner")
    if status == "administrator":
        raise bad_request("user is an administrator of the chat")
    return user_id, status


async def ban_chat_member(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    if chat.is_private:
        raise bad_request("can't ban members in private chats")
    user_id, status = _restrictable(state, chat, p)
    now = state.clock.now()
    until = p.integer("until_date") or 0
    if until and not BAN_MIN <= until - now <= BAN_MAX:
        until = 0
    old = chat_member_of(state, chat, user_id)
    revoke = p.flag("revoke_messages") or chat.type != "group"
    chat.members[user_id] = "kicked"
    chat.bans[user_id] = Ban(until_date=until, revoke_messages=revoke, date=now)
    chat.join_requests.pop(user_id, None)
    if status != "kicked" or old != chat_member_of(state, chat, user_id):
        push_member_update(state, chat, user_id, old, actor=dict(state.bot_user))
    state.notifier.notify()
    return True


async def unban_chat_member(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    if chat.type not in ("supergroup", "channel"):
        raise bad_request("method is available for supergroup and channel chats only")
    user_id, status = _restrictable(state, chat, p)
    if status == "left" or (p.flag("only_if_banned") and status != "kicked"):
        return True
    old = chat_member_of(state, chat, user_id)
    chat.members[user_id] = "left"
    chat.bans.pop(user_id, None)
    push_member_update(state, chat, user_id, old, actor=dict(state.bot_user))
    state.notifier.notify()
    return True


async def set_message_reaction(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=True)
    message_id = p.required_int("message_id", "message identifier is not specified")
    if state.find_message(chat.id, message_id) is None:
        raise bad_request("MESSAGE_ID_INVALID")
    reaction = p.get("reaction") or []
    if not isinstance(reaction, list):
        raise bad_request("can't parse reaction types JSON object")
    for item in reaction:
        kind = item.get("type") if isinstance(item, dict) else None
        valid = (kind == "emoji" and isinstance(item.get("emoji"), str)) or (
            kind == "custom_emoji" and isinstance(item.get("custom_emoji_id"), str)
        )
        if not valid:
            raise bad_request("REACTION_INVALID")
    if len(reaction) > 1:
        raise bad_request("REACTIONS_TOO_MANY")
    state.reactions.append(
        {
            "chat_id": chat.id,
            "message_id": message_id,
            "reaction": reaction,
            "is_big": p.flag("is_big"),
        }
    )
    state.notifier.notify()
    return True


HANDLERS: dict[str, Handler] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
    "approveChatJoinRequest": approve_chat_join_request,
    "declineChatJoinRequest": decline_chat_join_request,
    "banChatMember": ban_chat_member,
    "kickChatMember": ban_chat_member,
    "unbanChatMember": unban_chat_member,
    "setMessageReaction": set_message_reaction,
}
