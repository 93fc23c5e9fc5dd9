"""Test-side API, part 2: acting as Telegram users.

Every ``send_*``/``press``/... call is synchronous: it stores what the user did and pushes one
Update into the getUpdates queue (waking a waiting long poll). Misuse that Telegram's clients
would not allow (posting into a group you are not in, pressing a button that does not exist,
replying to a message that is not there) raises ``ValueError`` so test mistakes surface at once.
A user who blocked the bot may still send: that models a message written just before blocking,
and the bot's answer then fails with 403.
"""

from __future__ import annotations

from typing import Any

from .content import CONTENT_KEYS, command_entities, complete_content, message_ref
from .media import media_content, new_records, register_content_files
from .methods_chat import ACTIVE_STATUSES, add_member, link_dict, status_in
from .models import CAPTION_KINDS, Chat, InviteLink, JoinRequest, QueryRecord, User
from .world import WorldSetup

#: A Telegram client sends a longer text as several messages of this many characters.
PASTE_PART = 4096


class UserActions(WorldSetup):
    """Mixin of FakeBotAPI: acting as Telegram users. Needs ``self.state``."""

    # ---- acting as users -----------------------------------------------------------------
    def send_text(
        self, user_id: int, text: str, chat_id: int | None = None, reply_to: Any = None
    ) -> dict[str, Any]:
        """The user sends a text; ``/commands`` get ``bot_command`` entities. A text over
        4,096 characters arrives as several messages, like a paste from a Telegram client
        (see ``send_paste``); the last one is returned."""
        return self.send_paste(user_id, text, chat_id=chat_id, reply_to=reply_to)[-1]

    def send_paste(
        self, user_id: int, text: str, *, chat_id: int | None = None, reply_to: Any = None
    ) -> list[dict[str, Any]]:
        """The user pastes ``text``: one message per 4,096 characters (the rest in the last),
        sent one after the other; only the first part replies to ``reply_to``."""
        if not text:
            raise ValueError("Telegram clients do not send empty messages")
        parts = [text[i : i + PASTE_PART] for i in range(0, len(text), PASTE_PART)]
        return [
            self._post(
                user_id,
                chat_id,
                "text",
                text=part,
                entities=command_entities(part),
                reply_to=reply_to if n == 0 else None,
            )
            for n, part in enumerate(parts)
        ]

    def send_message(
        self, user_id: int, chat_id: int | None = None, *, reply_to: Any = None, **fields: Any
    ) -> dict[str, Any]:
        """The user sends a message with arbitrary Message fields (``sticker=``, ``poll=``,
        ``forward_origin=``, ``caption=``, ``media_group_id=`` …). file_ids inside become
        known to the server."""
        fields = dict(fields)
        text = fields.pop("text", None)
        entities = fields.pop("entities", None)
        media_group_id = fields.pop("media_group_id", None)
        kind = next((k for k in CONTENT_KEYS if k in fields), "text" if text else "unknown")
        if kind in CAPTION_KINDS:
            text = fields.pop("caption", None)
            entities = fields.pop("caption_entities", None)
        elif text is not None and entities is None:
            entities = command_entities(text)
        complete_content(fields, self._user(user_id))
        file_ids = register_content_files(self.state, fields)
        return self._post(
            user_id,
            chat_id,
            kind,
            text=text,
            entities=entities or [],
            content=fields,
            file_ids=file_ids,
            reply_to=reply_to,
            media_group_id=media_group_id,
        )

    def _send_media(
        self,
        user_id: int,
        kind: str,
        chat_id: int | None,
        caption: str | None = None,
        *,
        reply_to: Any = None,
        media_group_id: str | None = None,
        data: bytes | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> dict[str, Any]:
        records = new_records(self.state, kind, data, file_name=file_name, mime_type=mime_type)
        return self._post(
            user_id,
            chat_id,
            kind,
            text=caption,
            content=media_content(kind, records),
            file_ids=[r.file_id for r in records],
            reply_to=reply_to,
            media_group_id=media_group_id,
        )

    def send_photo(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        media_group_id: str | None = None,
        reply_to: Any = None,
        data: bytes | None = None,
    ) -> dict[str, Any]:
        """A photo (two PhotoSizes with fresh file_ids that getFile/copyMessage accept)."""
        return self._send_media(
            user_id,
            "photo",
            chat_id,
            caption,
            reply_to=reply_to,
            media_group_id=media_group_id,
            data=data,
        )

    def send_album(
        self,
        user_id: int,
        count: int = 2,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> list[dict[str, Any]]:
        """An album of ``count`` photos (2-10): that many messages sharing a media_group_id,
        the caption on the first, as Telegram delivers albums."""
        if not 2 <= count <= 10:
            raise ValueError("an album has 2-10 items")
        group_id = f"1{self.state.next_seq():08d}"
        return [
            self.send_photo(
                user_id,
                caption=caption if n == 0 else None,
                chat_id=chat_id,
                media_group_id=group_id,
            )
            for n in range(count)
        ]

    def send_document(
        self,
        user_id: int,
        *,
        file_name: str = "document.pdf",
        mime_type: str = "application/pdf",
        data: bytes | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        return self._send_media(
            user_id,
            "document",
            chat_id,
            caption,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )

    def send_voice(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        data: bytes | None = None,
    ) -> dict[str, Any]:
        return self._send_media(user_id, "voice", chat_id, caption, data=data)

    def send_video(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        chat_id: int | None = None,
        data: bytes | None = None,
    ) -> dict[str, Any]:
        return self._send_media(user_id, "video", chat_id, caption, data=data)

    def send_sticker(self, user_id: int, *, chat_id: int | None = None) -> dict[str, Any]:
        return self._send_media(user_id, "sticker", chat_id)

    def send_location(
        self, user_id: int, latitude: float, longitude: float, *, chat_id: int | None = None
    ) -> dict[str, Any]:
        location = {"latitude": latitude, "longitude": longitude}
        return self._post(user_id, chat_id, "location", content={"location": location})

    def send_contact(
        self,
        user_id: int,
        phone_number: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        own: bool = True,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """A shared contact; ``own=True`` marks it as the sender's own number (user_id set)."""
        user = self._user(user_id)
        contact: dict[str, Any] = {
            "phone_number": phone_number,
            "first_name": first_name or user.first_name,
        }
        if last_name:
            contact["last_name"] = last_name
        if own:
            contact["user_id"] = user_id
        return self._post(user_id, chat_id, "contact", content={"contact": contact})

    def edit_text(self, user_id: int, message: Any, new_text: str) -> dict[str, Any]:
        """The user edits their own text message (pushes ``edited_message``)."""
        chat_id, message_id = message_ref(message, user_id)
        stored = self.state.find_message(chat_id or user_id, message_id)
        if stored is None or stored.from_bot or stored.sender.get("id") != user_id:
            raise ValueError(f"user {user_id} has no message {message_id} to edit")
        if stored.kind != "text":
            raise ValueError("only text messages can be edited with edit_text")
        stored.text, stored.entities = new_text, command_entities(new_text)
        stored.edit_date = self.state.clock.now()
        stored.edit_count += 1
        edited = self.state.message_dict(stored)
        self.state.deliver(self.state.chats[stored.chat_id], "edited_message", edited)
        return edited

    def press(
        self,
        user_id: int,
        message: Any,
        callback_data: str,
        *,
        forge: bool = False,
        chat_id: int | None = None,
    ) -> str:
        """Press an inline button of a bot message; returns the callback_query id.

        The button must exist in the message's *current* keyboard unless ``forge=True``
        (then any data, even for deleted/unknown messages, is sent as a crafted client would).
        """
        user = self._active_user(user_id)
        ref_chat, message_id = message_ref(message, chat_id)
        chat = self._chat_for(user, ref_chat)
        stored = self.state.find_message(chat.id, message_id)
        if not forge:
            if stored is None or not stored.from_bot:
                raise ValueError(f"no bot message {message_id} in chat {chat.id} to press on")
            rows = (stored.reply_markup or {}).get("inline_keyboard", [])
            datas = [b.get("callback_data") for row in rows for b in row]
            if callback_data not in datas:
                raise ValueError(
                    f"message {message_id} has no inline button with callback_data "
                    f"{callback_data!r}; current callback_data values: {datas}"
                )
        query_id = str(4_000_000_000_000_000 + self.state.next_seq())
        body: dict[str, Any] = {
            "id": query_id,
            "from": user.to_dict(),
            "chat_instance": f"{abs(chat.id) * 7 + 3}",
            "data": callback_data,
        }
        if stored is not None:
            body["message"] = self.state.message_dict(stored)
        else:
            body["message"] = {"chat": chat.to_dict(), "message_id": message_id, "date": 0}
        self.state.callback_queries[query_id] = QueryRecord(
            query_id, user_id, callback_data, chat.id, message_id, created=self.state.clock.time()
        )
        self.state.deliver(chat, "callback_query", body)
        return query_id

    def inline_query(
        self, user_id: int, query: str, *, offset: str = "", chat_type: str = "sender"
    ) -> str:
        """The user types ``@bot query``; returns the inline_query id."""
        user = self._active_user(user_id)
        query_id = str(5_000_000_000_000_000 + self.state.next_seq())
        self.state.inline_queries[query_id] = QueryRecord(
            query_id, user_id, query, created=self.state.clock.time()
        )
        self.state.push_update(
            {
                "inline_query": {
                    "id": query_id,
                    "from": user.to_dict(),
                    "query": query,
                    "offset": offset,
                    "chat_type": chat_type,
                }
            }
        )
        return query_id

    def request_join(
        self,
        user_id: int,
        chat_id: int,
        *,
        invite_link: Any = None,
        bio: str | None = None,
    ) -> dict[str, Any]:
        """The user asks to join a group (pushes ``chat_join_request``), through an invite link
        that creates join requests (a string or a ChatInviteLink dict/object) or, with
        ``invite_link=None``, through the group's own "Request to join" button. The bot may
        then write to the user for 5 minutes even if they never started it."""
        user, chat = self._active_user(user_id), self._group(chat_id)
        status = status_in(self.state, chat, user_id)
        if status in ACTIVE_STATUSES:
            raise ValueError(f"user {user_id} is already a member of chat {chat_id}")
        if status == "kicked":
            raise ValueError(f"user {user_id} is banned from chat {chat_id}")
        link = self._usable_link(chat, invite_link)
        if link is not None and not link.creates_join_request:
            raise ValueError("this link lets people join directly: use api.join_chat(...)")
        now = self.state.clock.now()
        chat.join_requests[user_id] = JoinRequest(
            user_id, now, link.invite_link if link else None, bio
        )
        body: dict[str, Any] = {
            "chat": chat.to_dict(),
            "from": user.to_dict(),
            "user_chat_id": user_id,
            "date": now,
        }
        if bio is not None:
            body["bio"] = bio
        if link is not None:
            body["invite_link"] = link_dict(self.state, chat, link)
        self.state.deliver(chat, "chat_join_request", body)
        return body

    def join_chat(self, user_id: int, chat_id: int, *, invite_link: Any = None) -> None:
        """The user joins a group directly (by an invite link without join requests, or a
        public group): a ``chat_member`` update and the ``new_chat_members`` message."""
        user, chat = self._active_user(user_id), self._group(chat_id)
        status = status_in(self.state, chat, user_id)
        if status in ACTIVE_STATUSES or status == "kicked":
            raise ValueError(f"user {user_id} cannot join chat {chat_id}: status {status}")
        link = self._usable_link(chat, invite_link)
        if link is not None and link.creates_join_request:
            raise ValueError("this link creates join requests: use api.request_join(...)")
        add_member(self.state, chat, user, actor=user.to_dict(), invite_link=link)

    def _usable_link(self, chat: Chat, invite_link: Any) -> InviteLink | None:
        if invite_link is None:
            return None
        url = invite_link if isinstance(invite_link, str) else None
        if isinstance(invite_link, dict):
            url = invite_link.get("invite_link")
        elif hasattr(invite_link, "invite_link"):
            url = invite_link.invite_link
        link = chat.invite_links.get(str(url))
        if link is None:
            raise ValueError(f"no invite link {url!r} in chat {chat.id}")
        if not link.usable(self.state.clock.now()):
            raise ValueError(f"invite link {url!r} is revoked, expired or full")
        return link

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Push a raw update (``update_id`` is assigned when missing)."""
        return self.state.push_update(update)

    # ---- internals -----------------------------------------------------------------------
    def _active_user(self, user_id: int) -> User:
        user = self._user(user_id)
        if user.deactivated:
            raise ValueError(f"user {user_id} deleted their account and cannot act")
        return user

    def _chat_for(self, user: User, chat_id: int | None) -> Chat:
        chat = self.state.chats.get(user.id if chat_id is None else chat_id)
        if chat is None:
            raise ValueError(f"unknown chat {chat_id}: call api.add_group(...) first")
        if chat.is_private:
            if chat.id != user.id:
                raise ValueError(f"user {user.id} cannot write in {chat.id}'s private chat")
        elif chat.members.get(user.id) not in ACTIVE_STATUSES:
            raise ValueError(
                f"user {user.id} is not a member of chat {chat.id}; call api.add_member(...) first"
            )
        return chat

    def _post(
        self,
        user_id: int,
        chat_id: int | None,
        kind: str,
        *,
        text: str | None = None,
        entities: list[dict[str, Any]] | None = None,
        content: dict[str, Any] | None = None,
        file_ids: list[str] | None = None,
        reply_to: Any = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        user = self._active_user(user_id)
        chat = self._chat_for(user, chat_id)
        reply_id = None
        if reply_to is not None:
            reply_chat, reply_id = message_ref(reply_to, chat.id)
            if reply_chat != chat.id or self.state.find_message(chat.id, reply_id) is None:
                raise ValueError(f"cannot reply to message {reply_id}: not in chat {chat.id}")
        if chat.is_private and chat.bot_status == "none":
            chat.bot_status = "member"
        msg = self.state.store_message(
            chat,
            sender=user.to_dict(),
            kind=kind,
            content=content or {},
            text=text,
            entities=entities or [],
            reply_to_message_id=reply_id,
            file_ids=file_ids or [],
            media_group_id=media_group_id,
        )
        message = self.state.message_dict(msg)
        self.state.deliver(chat, "message", message)
        return message
