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
