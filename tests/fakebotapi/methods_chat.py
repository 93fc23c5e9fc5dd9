"""Chat-level handlers: getChat*, leaveChat, join requests, reactions."""

from __future__ import annotations

from typing import Any

from .errors import bad_request
from .methods_send import Handler
from .models import Chat
from .params import Params
from .state import BotState
from .validation import resolve_chat

ACTIVE_STATUSES = ("creator", "administrator", "member")


def member_dict(user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember object for the given status."""
    if status == "creator":
        return {"status": "creator", "user": user, "is_anonymous": False}
    if status == "administrator":
        rights = dict.fromkeys(
            (
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
            ),
            True,
        )
        return {
            "status": "administrator",
            "user": user,
            "can_be_edited": False,
            "is_anonymous": False,
            "can_promote_members": False,
            **rights,
        }
    if status == "kicked":
        return {"status": "kicked", "user": user, "until_date": 0}
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
    return chat.members.get(user_id, "left")


async def get_chat(state: BotState, p: Params) -> Any:
    return resolve_chat(state, p.get("chat_id"), sending=False).full_info()


async def get_chat_member(state: BotState, p: Params) -> Any:
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    user_id = p.required_int("user_id", "user not found")
    return member_dict(_user_dict(state, user_id), status_in(state, chat, user_id))


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
        admins.append(member_dict(dict(state.bot_user), chat.bot_status))
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
    if chat.bot_status not in ("creator", "administrator"):
        raise bad_request("CHAT_ADMIN_REQUIRED")
    user_id = p.required_int("user_id", "user not found")
    if user_id not in chat.join_requests:
        raise bad_request("HIDE_REQUESTER_MISSING")
    chat.join_requests.discard(user_id)
    return chat, user_id


async def approve_chat_join_request(state: BotState, p: Params) -> Any:
    chat, user_id = _join_request(state, p)
    chat.members[user_id] = "member"
    state.notifier.notify()
    return True


async def decline_chat_join_request(state: BotState, p: Params) -> Any:
    _join_request(state, p)
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
    "setMessageReaction": set_message_reaction,
}
