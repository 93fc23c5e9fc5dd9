"""The HTTP side: an aiohttp server on loopback speaking the Telegram Bot API wire format.

Routes (what a real ``telegram.Bot(base_url=f"{url}/bot", base_file_url=f"{url}/file/bot")``
calls):

* ``GET|POST /bot<token>/<method>`` -> ``{"ok": true, "result": ...}`` or
  ``{"ok": false, "error_code": N, "description": "...", ["parameters": {...}]}`` with the
  HTTP status equal to ``error_code`` (that is what PTB maps to BadRequest/Forbidden/...).
* ``GET /file/bot<token>/<file_path>`` -> raw bytes of a file after ``getFile``.

Method names are case-insensitive like Telegram's. A wrong but well-formed token gets
401 "Unauthorized", a malformed one and unknown methods 404 "Not Found".

With ``control=True`` the JSON control API of ``python -m tests.fakebotapi`` is served under
``/_control/`` as well (see ``control.py``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import methods_bot, methods_chat, methods_edit, methods_invite, methods_send
from .driver import UserActions
from .errors import ApiError, not_found, unauthorized
from .flood import FloodLimits, note_success
from .methods_send import Handler
from .models import RecordedRequest
from .observe import Observations
from .params import Params, read_request
from .state import BotState

if TYPE_CHECKING:
    from telegram import Bot
    from telegram.ext import ApplicationBuilder

logger = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456:AAF-fake-token-for-tests-only"
_TOKEN_SHAPE = re.compile(r"\d+:[A-Za-z0-9_-]+")
METHODS: dict[str, tuple[str, Handler]] = {
    name.lower(): (name, handler)
    for module in (methods_send, methods_edit, methods_bot, methods_chat, methods_invite)
    for name, handler in module.HANDLERS.items()
}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _error_response(error: ApiError) -> web.Response:
    return web.json_response(error.to_json(), status=error.error_code, dumps=_dumps)


class FakeBotAPI(UserActions, Observations):  # UserActions includes WorldSetup
    """A strict, in-process fake of api.telegram.org for end-to-end tests.

    ``privacy_mode=True`` (Telegram's default for bots) withholds ordinary group messages
    from a bot that is only a *member* of the group (commands, replies to the bot and
    service messages still arrive); withheld updates are listed in ``dropped_updates``.
    ``strict_ampersand=True`` rejects HTML with a bare ``&`` (real Telegram keeps it).
    ``flood_limits`` (``True`` or a ``FloodLimits``) enforces Telegram's flood limits, see
    ``flood.py``; off by default.
    ``keep_messages=False`` is the lean mode for load tests: counters, per-chat message ids,
    dates and inline keyboards are kept, but not message bodies nor the list of requests
    (``requests``/``wait_for_request`` then see nothing; ``recent_requests`` holds the last 50).
    ``latency`` (seconds) delays every Bot API answer, half before and half after handling, to
    model a network; ``control=True`` also serves the ``/_control/`` JSON API.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "binhyen_test_bot",
        *,
        bot_first_name: str = "Bình Yên",
        privacy_mode: bool = True,
        strict_ampersand: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
        flood_limits: FloodLimits | bool = False,
        keep_messages: bool = True,
        latency: float = 0.0,
        control: bool = False,
    ) -> None:
        self.token = token
        self.state = BotState(
            token, bot_username, bot_first_name, privacy_mode, keep_messages=keep_messages
        )
        self.state.strict_ampersand = strict_ampersand
        self.set_flood_limits(flood_limits or None)
        self.host = host
        self.port = port
        self.latency = latency
        self.control = control
        self.downloads: list[str] = []
        self._runner: web.AppRunner | None = None

    # ---- lifecycle -----------------------------------------------------------------------
    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` once started."""
        if self._runner is None:
            raise RuntimeError("FakeBotAPI is not started; await api.start() first")
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot's own User dict (``id`` comes from the token)."""
        return dict(self.state.bot_user)

    async def start(self) -> FakeBotAPI:
        """Bind ``host`` on a free port (or ``port``) and serve until ``stop()``."""
        if self._runner is not None:
            raise RuntimeError("FakeBotAPI already started")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        if self.control:
            from .control import add_control_routes

            add_control_routes(app, self)
        app.router.add_route("*", "/{tail:.*}", self._handle_unknown)
        runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self.port = int(runner.addresses[0][1])
        self.state.closing = False
        self._runner = runner
        return self

    async def stop(self) -> None:
        """Release waiting long polls, close the server; raise if the fake itself crashed."""
        self.state.closing = True
        self.state.notifier.notify()
        await self.state.stop_webhook()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        crashes = self.state.crashes
        if crashes:
            raise AssertionError(
                "FakeBotAPI internal error(s) (a bug in the fake, not the bot):\n"
                + "\n".join(f"  {r}" for r in crashes)
            )

    async def __aenter__(self) -> FakeBotAPI:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def make_bot(self, **kwargs: Any) -> Bot:
        """A ``telegram.Bot`` wired to this server."""
        from telegram import Bot

        return Bot(self.token, base_url=self.base_url, base_file_url=self.base_file_url, **kwargs)

    def application_builder(self) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
        """``Application.builder()`` with token/base_url/base_file_url set for this server."""
        from telegram.ext import Application

        return (
            Application.builder()
            .token(self.token)
            .base_url(self.base_url)
            .base_file_url(self.base_file_url)
        )

    # ---- HTTP handlers -------------------------------------------------------------------
    def _check_token(self, token: str) -> None:
        if token != self.state.token:
            raise unauthorized() if _TOKEN_SHAPE.fullmatch(token) else not_found()

    async def _handle_method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        entry = METHODS.get(method.lower())
        state = self.state
        record = RecordedRequest(
            method=entry[0] if entry else method, params={}, files={}, time=state.clock.monotonic()
        )
        status = 200
        try:
            self._check_token(request.match_info["token"])
            record.params, record.files = await read_request(request)
            if self.latency:
                await asyncio.sleep(self.latency / 2)
            if entry is None:
                record.note = "unknown method (not in the Bot API or not faked)"
                raise not_found()
            fault = state.take_fault(record.method, record.params)
            if fault is not None:
                record.note = "injected failure"
                raise ApiError(fault.error_code, fault.description, fault.parameters)
            flood = state.flood.admit(record.method, record.params) if state.flood else None
            result = await entry[1](state, Params(record.params, record.files))
            if flood is not None:
                flood.commit()
            note_success(state, record.method, record.params)
        except ApiError as exc:
            record.error_code, record.description = exc.error_code, exc.description
            record.parameters = exc.parameters
            record.note = record.note or exc.note
            status, body = exc.error_code, exc.to_json()
        except asyncio.CancelledError:
            record.note = "client went away before the answer"
            self.state.abandoned_requests.append(record)
            raise
        except Exception as exc:
            logger.exception("FakeBotAPI crashed while handling %s", method)
            record.error_code = 500
            record.description = f"Internal Server Error: FakeBotAPI bug: {exc!r}"
            status = 500
            body = {"ok": False, "error_code": 500, "description": record.description}
        else:
            record.ok, record.result = True, result
            body = {"ok": True, "result": result}
        state.record(record)
        if self.latency:
            await asyncio.sleep(self.latency / 2)
        return web.json_response(body, status=status, dumps=_dumps)

    async def _handle_file(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request.match_info["token"])
        except ApiError as exc:
            return _error_response(exc)
        path = request.match_info["path"]
        record = self.state.file_paths.get(path)
        if record is None:
            return _error_response(not_found())
        self.downloads.append(path)
        return web.Response(
            body=record.data, content_type=record.mime_type or "application/octet-stream"
        )

    async def _handle_unknown(self, request: web.Request) -> web.Response:
        return _error_response(not_found())
