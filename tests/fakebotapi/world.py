"""Test-side API, part 1: the world (users, groups, memberships) and fault injection."""

from __future__ import annotations

from typing import Any

from .flood import FloodControl, FloodLimits
from .methods_chat import ADMIN_RIGHTS, member_dict, status_in
from .methods_invite import new_invite_link
from .models import Chat, FaultRule, User
from .state import BotState

GROUP_STATUSES = frozenset({"creator", "administrator", "member", "left", "kicked"})


class WorldSetup:
    """Mixin of FakeBotAPI: who exists and how the bot relates to them. Needs ``self.state``."""

    state: BotState

    def add_user(
        self,
        user_id: int,
        first_name: str,
        *,
        username: str | None = None,
        language_code: str | None = None,
        last_name: str | None = None,
        started: bool = True,
    ) -> User:
        """Register a user and their private chat with the bot (``started=False``: the user
        never pressed Start, so the bot gets 403 "bot can't initiate conversation")."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        user = User(user_id, first_name, last_name, username, language_code)
        self.state.users[user_id] = user
        self.state.chats[user_id] = Chat.private_chat(user, "member" if started else "none")
        return user

    def add_group(
        self,
        chat_id: int,
        title: str,
        *,
        bot_status: str = "administrator",
        chat_type: str | None = None,
        username: str | None = None,
        bot_rights: dict[str, bool] | None = None,
    ) -> Chat:
        """Register a group; ``chat_type`` defaults to supergroup for -100… ids.
        ``bot_rights`` withholds administrator rights, e.g. ``{"can_invite_users": False}``."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        if bot_status not in GROUP_STATUSES:
            raise ValueError(f"bot_status must be one of {sorted(GROUP_STATUSES)}")
        kind = chat_type or ("supergroup" if str(chat_id).startswith("-100") else "group")
        chat = Chat(chat_id, kind, title=title, username=username, bot_status=bot_status)
        self.state.chats[chat_id] = chat
        if bot_rights:
            self.set_bot_rights(chat_id, **bot_rights)
        return chat

    def set_bot_rights(self, chat_id: int, **rights: bool) -> None:
        """Grant or withhold administrator rights of the bot (``can_invite_users=False`` …)."""
        chat = self._group(chat_id)
        unknown = set(rights) - set(ADMIN_RIGHTS)
        if unknown:
            raise ValueError(f"unknown administrator rights {sorted(unknown)}")
        chat.bot_rights.update(rights)

    def add_invite_link(
        self,
        chat_id: int,
        *,
        creator_id: int,
        creates_join_request: bool = False,
        name: str | None = None,
    ) -> str:
        """An invite link made by a human administrator ``creator_id`` (not by the bot);
        the bot sees it masked ("https://t.me/+AbCdEfGh…") in updates."""
        chat = self._group(chat_id)
        creator = self._user(creator_id).to_dict()
        link = new_invite_link(self.state, chat, creator, creates_join_request=creates_join_request)
        link.name = name
        return link.invite_link

    def add_member(self, chat_id: int, user_id: int, status: str = "member") -> None:
        chat = self._group(chat_id)
        self._user(user_id)
        if status not in GROUP_STATUSES:
            raise ValueError(f"status must be one of {sorted(GROUP_STATUSES)}")
        chat.members[user_id] = status

    def set_bot_status(
        self, chat_id: int, status: str, *, by_user_id: int | None = None, notify: bool = True
    ) -> dict[str, Any] | None:
        """Change the bot's membership; with ``notify`` push the ``my_chat_member`` update."""
        chat = self.state.chats.get(chat_id)
        if chat is None:
            raise ValueError(f"unknown chat {chat_id}")
        old = status_in(self.state, chat, self.state.bot_id)
        chat.bot_status = status
        self.state.notifier.notify()
        if not notify:
            return None
        actor = by_user_id if by_user_id is not None else (chat.id if chat.is_private else None)
        by = self._user(actor).to_dict() if actor is not None else dict(self.state.bot_user)
        bot = dict(self.state.bot_user)
        return self.state.push_update(
            {
                "my_chat_member": {
                    "chat": chat.to_dict(),
                    "from": by,
                    "date": self.state.clock.now(),
                    "old_chat_member": member_dict(bot, old),
                    "new_chat_member": member_dict(bot, status_in(self.state, chat, bot["id"])),
                }
            }
        )

    def block_bot(self, user_id: int, *, notify: bool = False) -> None:
        """The user blocks the bot: sending to them now fails with 403."""
        self._user(user_id)
        self.set_bot_status(user_id, "kicked", notify=notify)

    def unblock_bot(self, user_id: int, *, notify: bool = False) -> None:
        self._user(user_id)
        self.set_bot_status(user_id, "member", notify=notify)

    def deactivate_user(self, user_id: int) -> None:
        """The user deletes their account: sending to them fails with 403 "user is
        deactivated"; they stay in their groups as a deleted account and cannot act."""
        self._user(user_id).deactivated = True
        self.state.notifier.notify()

    # ---- time and limits -----------------------------------------------------------------
    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward: message dates, the 48-hour deletion rule, the
        5-minute join-request window, invite-link expiry and flood windows all follow it."""
        self.state.clock.advance(seconds)
        self.state.notifier.notify()

    def now(self) -> int:
        """The fake's current Unix time (what it writes into ``date`` fields)."""
        return self.state.clock.now()

    def set_flood_limits(self, limits: FloodLimits | bool | None) -> None:
        """Enforce Telegram's flood limits (``True`` for the defaults), or stop (``None``)."""
        if limits is True:
            limits = FloodLimits()
        self.state.flood = FloodControl(limits, self.state) if limits else None

    def route_webhook(self, public_prefix: str, local_prefix: str) -> None:
        """Deliver webhooks set to URLs starting with ``public_prefix`` (say
        ``https://bot.example.vn``) to ``local_prefix`` (``http://127.0.0.1:8443``) instead."""
        self.state.webhook_routes[public_prefix] = local_prefix
        self.state.notifier.notify()

    def fail_with_429(
        self,
        method: str | None = None,
        *,
        times: int = 1,
        retry_after: int = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (any if None) [to ``chat_id``] fail
        with 429 "Too Many Requests: retry after N" and ``parameters.retry_after``."""
        self.fail_with(
            method,
            error_code=429,
            description=f"Too Many Requests: retry after {retry_after}",
            times=times,
            chat_id=chat_id,
            parameters={"retry_after": retry_after},
        )

    def fail_with(
        self,
        method: str | None = None,
        *,
        error_code: int,
        description: str,
        times: int = 1,
        chat_id: int | str | None = None,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        """Inject any error answer (e.g. 502, 400 with a custom description)."""
        self.state.faults.append(
            FaultRule(method, chat_id, times, error_code, description, parameters)
        )

    # ---- lookups used by the user-side helpers --------------------------------------------
    def _user(self, user_id: int | None) -> User:
        user = self.state.users.get(user_id) if user_id is not None else None
        if user is None:
            raise ValueError(f"unknown user {user_id}: call api.add_user(...) first")
        return user

    def _group(self, chat_id: int) -> Chat:
        chat = self.state.chats.get(chat_id)
        if chat is None or chat.is_private:
            raise ValueError(f"unknown group {chat_id}: call api.add_group(...) first")
        return chat
