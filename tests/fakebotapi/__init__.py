"""A strict fake Telegram Bot API server for end-to-end tests of the bot.

Quick start::

    from tests.fakebotapi import FakeBotAPI

    async with FakeBotAPI() as api:                 # 127.0.0.1, free port
        alice = api.add_user(1001, "Alice", username="alice", language_code="vi")
        app = api.application_builder().build()     # real PTB Application, real HTTP
        ...                                         # add handlers, start polling
        api.send_text(alice.id, "/start")           # Alice writes to the bot
        reply = await api.wait_for_message(alice.id)
        assert "Chào" in reply["text"]

See ``driver.UserActions`` (setting up users/groups, acting as users, fault injection) and
``observe.Observations`` (``requests``, ``messages_to``, ``wait_for_*``) for the full API.

Beyond the basics:

* time — ``api.advance(seconds)`` moves the fake's clock (dates, the 48-hour deletion rule,
  bans, invite-link expiry, the 5-minute join-request window, flood windows, the 15 seconds in
  which a press or an inline query takes its answer); ``api.now()``;
* flood limits — ``FakeBotAPI(flood_limits=True)`` or ``api.set_flood_limits(FloodLimits(...))``
  (see ``flood.py``); ``api.flood_rejections``, ``api.sent_times(chat_id)``,
  ``api.max_sent_in_window(chat_id, 60)``, ``api.paid_broadcast_count``;
* groups — invite links, ``api.request_join``/``api.join_chat``, approvals, bans
  (``methods_chat.py``, ``methods_invite.py``), ``api.set_bot_rights``;
* residents — ``api.send_paste`` (texts over 4,096 characters arrive in parts),
  ``api.send_album``, ``api.deactivate_user``, ``api.block_bot``;
* load — ``FakeBotAPI(keep_messages=False)`` keeps counters and per-chat ids but no bodies,
  ``latency=`` models a network, ``python -m tests.fakebotapi`` serves the fake in its own
  process with a JSON control API (``__main__.py``);
* webhooks — after ``setWebhook`` updates are POSTed to the bot (``webhook.py``).
"""

from .errors import ApiError
from .flood import FloodLimits
from .html import EntityParseError, parse_html, utf16_len
from .models import Chat, RecordedRequest, User
from .params import UploadedFile
from .server import DEFAULT_TOKEN, FakeBotAPI

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "Chat",
    "EntityParseError",
    "FakeBotAPI",
    "FloodLimits",
    "RecordedRequest",
    "UploadedFile",
    "User",
    "parse_html",
    "utf16_len",
]
