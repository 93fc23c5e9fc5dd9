"""Invite links: createChatInviteLink, editChatInviteLink, revokeChatInviteLink,
exportChatInviteLink.

All need the bot to be an administrator of the group with ``can_invite_users`` (Telegram:
400 "not enough rights to manage chat invite link"); a private chat gives 400 "can't invite
members to a private chat". As in Telegram, ``member_limit`` (1-99999) and
``creates_join_request`` exclude each other, a name is cut to 32 characters, and
editChatInviteLink replaces *all* settings of a link (what is not passed is cleared). Links are
``https://t.me/+`` and 16 characters; a link the fake does not know (or one already revoked,
for edits) gives 400 "INVITE_HASH_EXPIRED", editing the primary link 400
"CHAT_INVITE_PERMANENT", managing another administrator's link 400 "CHAT_ADMIN_REQUIRED".
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from .errors import bad_request
from .methods_chat import link_dict
from .methods_send import Handler
from .models import Chat, InviteLink
from .params import Params
from .state import BotState
from .validation import check_can_post, resolve_chat

MAX_NAME = 32
MAX_MEMBER_LIMIT = 99_999


def new_invite_link(
    state: BotState,
    chat: Chat,
    creator: dict[str, Any],
    *,
    creates_join_request: bool = False,
    primary: bool = False,
) -> InviteLink:
    """Make a fresh link (the previous primary link is revoked when ``primary``)."""
    seed = f"{state.token}:{chat.id}:{state.next_seq()}".encode()
    token = base64.urlsafe_b64encode(hashlib.sha256(seed).digest()).decode()[:16]
    link = InviteLink(
        f"https://t.me/+{token}",
        creator=creator,
        is_primary=primary,
        creates_join_request=creates_join_request,
    )
    chat.invite_links[link.invite_link] = link
    if primary:
        old = chat.invite_links.get(chat.primary_link or "")
        if old is not None:
            old.is_revoked = True
        chat.primary_link = link.invite_link
    state.notifier.notify()
    return link


def _manageable_chat(state: BotState, p: Params) -> Chat:
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    if chat.is_private:
        raise bad_request("can't invite members to a private chat")
    check_can_post(state, chat)  # 403 when the bot was removed from the group
    if not state.bot_can(chat, "can_invite_users"):
        raise bad_request("not enough rights to manage chat invite link")
    return chat


def _settings(state: BotState, p: Params) -> dict[str, Any]:
    name = p.text("name") or None
    expire_date = p.integer("expire_date") or None
    if expire_date is not None and expire_date <= state.clock.now():
        raise bad_request("EXPIRE_DATE_INVALID")
    member_limit = p.integer("member_limit") or None
    if member_limit is not None and not 1 <= member_limit <= MAX_MEMBER_LIMIT:
        raise bad_request("USAGE_LIMIT_INVALID")
    creates_join_request = p.flag("creates_join_request")
    if creates_join_request and member_limit is not None:
        raise bad_request(
            "member limit can't be specified for links requiring administrator approval"
        )
    return {
        "name": name[:MAX_NAME] if name else None,
        "expire_date": expire_date,
        "member_limit": member_limit,
        "creates_join_request": creates_join_request,
    }


def _existing_link(state: BotState, chat: Chat, p: Params) -> InviteLink:
    url = (p.text("invite_link") or "").strip()
    if not url:
        raise bad_request("invite link must be non-empty")
    link = chat.invite_links.get(url)
    if link is None:
        raise bad_request("INVITE_HASH_EXPIRED")
    if link.creator.get("id") != state.bot_id:
        raise bad_request("CHAT_ADMIN_REQUIRED")
    return link


async def create_chat_invite_link(state: BotState, p: Params) -> Any:
    chat = _manageable_chat(state, p)
    settings = _settings(state, p)
    link = new_invite_link(state, chat, dict(state.bot_user))
    for key, value in settings.items():
        setattr(link, key, value)
    return link_dict(state, chat, link)


async def edit_chat_invite_link(state: BotState, p: Params) -> Any:
    chat = _manageable_chat(state, p)
    link = _existing_link(state, chat, p)
    if link.is_revoked:
        raise bad_request("INVITE_HASH_EXPIRED")
    if link.is_primary:
        raise bad_request("CHAT_INVITE_PERMANENT")
    for key, value in _settings(state, p).items():
        setattr(link, key, value)
    state.notifier.notify()
    return link_dict(state, chat, link)


async def revoke_chat_invite_link(state: BotState, p: Params) -> Any:
    chat = _manageable_chat(state, p)
    link = _existing_link(state, chat, p)
    if link.is_primary and not link.is_revoked:
        new_invite_link(state, chat, dict(state.bot_user), primary=True)
    link.is_revoked = True
    state.notifier.notify()
    return link_dict(state, chat, link)


async def export_chat_invite_link(state: BotState, p: Params) -> Any:
    chat = _manageable_chat(state, p)
    return new_invite_link(state, chat, dict(state.bot_user), primary=True).invite_link


HANDLERS: dict[str, Handler] = {
    "createChatInviteLink": create_chat_invite_link,
    "editChatInviteLink": edit_chat_invite_link,
    "revokeChatInviteLink": revoke_chat_invite_link,
    "exportChatInviteLink": export_chat_invite_link,
}
