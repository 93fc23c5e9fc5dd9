"""Test-side API, part 2: acting as Telegram users.

Every ``send_*``/``press``/... call is synchronous: it stores what the user did and pushes one
Update into the getUpdates queue (waking a waiting long poll). Misuse that Telegram's clients
would not allow (posting into a group you are not in, pressing a button that does not exist,
replying to a message that is not there) raises ``ValueError`` so test mistakes surface at once.
A user who blocked the bot may still send: that models a message written just before blocking,
and the bot's answer then fails with 403.
"""

from __future__ import annotations

import time
from typing import Any

from .content import (
    COMMAND_RE,
    CONTENT_KEYS,
    SERVICE_KEYS,
    command_entities,
    complete_content,
    message_ref,
)
from .media import media_content, new_records, register_content_files
from .methods_chat import ACTIVE_STATUSES
from .models import CAPTION_KINDS, Chat, QueryRecord, User
from .world import WorldSetup


class UserActions(WorldSetup):
    """Mixin of FakeBotAPI: acting as Telegram users. Needs ``self.state``."""

    # ---- acting as users -----------------------------------------------------------------
    def send_text(
        self, user_id: int, text: str, chat_id: int | None = None, reply_to: Any = None
    ) -> dict[str, Any]:
        """The user sends a text; ``/commands`` get ``bot_command`` entities."""
        return self._post(
            user_id, chat_id, "text", text=text, entities=command_entities(text), reply_to=reply_to
        )

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
        stored.edit_date = int(time.time())
        stored.edit_count += 1
        edited = self.state.message_dict(stored)
        self._deliver(self.state.chats[stored.chat_id], "edited_message", edited)
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
        user = self._user(user_id)
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
            query_id, user_id, callback_data, chat.id, message_id
        )
        self._deliver(chat, "callback_query", body)
        return query_id

    def inline_query(
        self, user_id: int, query: str, *, offset: str = "", chat_type: str = "sender"
    ) -> str:
        """The user types ``@bot query``; returns the inline_query id."""
        user = self._user(user_id)
        query_id = str(5_000_000_000_000_000 + self.state.next_seq())
        self.state.inline_queries[query_id] = QueryRecord(query_id, user_id, query)
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

    def request_join(self, user_id: int, chat_id: int, *, bio: str | None = None) -> dict[str, Any]:
        """The user asks to join a group (push ``chat_join_request``); approvable once."""
        user, chat = self._user(user_id), self._group(chat_id)
        chat.join_requests.add(user_id)
        body: dict[str, Any] = {
            "chat": chat.to_dict(),
            "from": user.to_dict(),
            "user_chat_id": user_id,
            "date": int(time.time()),
        }
        if bio is not None:
            body["bio"] = bio
        return self.state.push_update({"chat_join_request": body})

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Push a raw update (``update_id`` is assigned when missing)."""
        return self.state.push_update(update)

    # ---- internals -----------------------------------------------------------------------
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
        user = self._user(user_id)
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
        self._deliver(chat, "message", message)
        return message

    def _deliver(self, chat: Chat, kind: str, body: dict[str, Any]) -> None:
        reason = self._withheld_reason(chat, kind, body)
        if reason is None:
            self.state.push_update({kind: body})
        else:
            self.state.dropped_updates.append(({kind: body}, reason))
            self.state.notifier.notify()

    def _withheld_reason(self, chat: Chat, kind: str, body: dict[str, Any]) -> str | None:
        if chat.is_private:
            return None
        if chat.bot_status in ("left", "kicked"):
            return f"bot is {chat.bot_status} in chat {chat.id}"
        privacy_applies = (
            kind in ("message", "edited_message")
            and self.state.privacy_mode
            and chat.bot_status not in ("administrator", "creator")
        )
        if not privacy_applies or self._addressed_to_bot(body):
            return None
        return "privacy mode: bot is a non-admin member and the message is not for it"

    def _addressed_to_bot(self, body: dict[str, Any]) -> bool:
        """What a privacy-mode bot still sees: service messages, replies to it, commands."""
        if SERVICE_KEYS & body.keys():
            return True
        replied = body.get("reply_to_message") or {}
        if replied.get("from", {}).get("id") == self.state.bot_id:
            return True
        text = body.get("text") or body.get("caption") or ""
        me = "@" + str(self.state.bot_user["username"]).lower()
        return any(
            "@" not in m.group() or m.group().lower().endswith(me)
            for m in COMMAND_RE.finditer(text)
        )
