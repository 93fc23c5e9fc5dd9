"""The JSON control API under ``/_control/`` (documented in ``__main__.py``).

It lets a process other than the one running the fake (a benchmark driver) set up the world,
act as users and read statistics. Every answer is JSON; a mistake (unknown user, missing
field) answers 400 ``{"ok": false, "error": "..."}``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .flood import FloodLimits
from .state import Stats

if TYPE_CHECKING:
    from .server import FakeBotAPI

ControlHandler = Callable[["FakeBotAPI", dict[str, Any], web.Request], Awaitable[Any]]
ROUTES: dict[tuple[str, str], ControlHandler] = {}
MAX_WAIT = 300.0


class ControlError(Exception):
    pass


def route(method: str, name: str) -> Callable[[ControlHandler], ControlHandler]:
    def register(handler: ControlHandler) -> ControlHandler:
        ROUTES[(method, name)] = handler
        return handler

    return register


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _int(body: dict[str, Any], key: str, default: int | None = None) -> int:
    value = body.get(key, default)
    if value is None:
        raise ControlError(f"{key!r} is required")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ControlError(f"{key!r} must be an integer, got {value!r}") from None


def _str(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str):
        raise ControlError(f"{key!r} must be a string")
    return value


def _optional_int(body: dict[str, Any], key: str) -> int | None:
    return None if body.get(key) is None else _int(body, key)


def add_control_routes(app: web.Application, api: FakeBotAPI) -> None:
    async def handle(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        handler = ROUTES.get((request.method, name))
        if handler is None:
            known = sorted(f"{m} /_control/{n}" for m, n in ROUTES)
            return web.json_response(
                {"ok": False, "error": f"no {request.method} /_control/{name}", "routes": known},
                status=404,
            )
        body: dict[str, Any] = dict(request.query)
        if request.body_exists:
            try:
                posted = await request.json()
            except ValueError:
                return web.json_response({"ok": False, "error": "JSON body expected"}, status=400)
            if not isinstance(posted, dict):
                return web.json_response({"ok": False, "error": "JSON object expected"}, status=400)
            body.update(posted)
        try:
            result = await handler(api, body, request)
        except (ControlError, ValueError, KeyError, TypeError) as exc:
            return web.json_response({"ok": False, "error": str(exc)}, status=400, dumps=_dumps)
        if isinstance(result, web.Response):
            return result
        return web.json_response({"ok": True, **result}, dumps=_dumps)

    app.router.add_route("*", "/_control/{name}", handle)


# ---- world ------------------------------------------------------------------------------------
@route("GET", "health")
async def health(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    return {"bot": api.bot_user, "token": api.token, "now": api.now()}


@route("POST", "users")
async def users(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    given = body.get("users")
    if given is None and "count" in body:
        first, count = _int(body, "from_id"), _int(body, "count")
        name = str(body.get("first_name", "Cư dân"))
        given = [
            {"id": uid, "first_name": name, "language_code": body.get("language_code")}
            for uid in range(first, first + count)
        ]
    if given is None:
        given = [body]
    if not isinstance(given, list):
        raise ControlError("'users' must be a list")
    for user in given:
        api.add_user(
            _int(user, "id"),
            str(user.get("first_name") or "Cư dân"),
            username=user.get("username"),
            language_code=user.get("language_code"),
            last_name=user.get("last_name"),
            started=bool(user.get("started", True)),
        )
    return {"added": len(given)}


@route("POST", "groups")
async def groups(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    chat = api.add_group(
        _int(body, "id"),
        str(body.get("title") or "Nhóm"),
        bot_status=str(body.get("bot_status", "administrator")),
        chat_type=body.get("type"),
        username=body.get("username"),
        bot_rights=body.get("bot_rights"),
    )
    members = body.get("members") or {}
    if isinstance(members, list):
        members = dict.fromkeys(members, "member")
    for user_id, status in members.items():
        api.add_member(chat.id, int(user_id), status)
    return {"chat": chat.to_dict()}


@route("POST", "members")
async def members(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    api.add_member(_int(body, "chat_id"), _int(body, "user_id"), str(body.get("status", "member")))
    return {}


@route("POST", "block")
async def block(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    api.block_bot(_int(body, "user_id"), notify=bool(body.get("notify", False)))
    return {}


@route("POST", "unblock")
async def unblock(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    api.unblock_bot(_int(body, "user_id"), notify=bool(body.get("notify", False)))
    return {}


@route("POST", "deactivate")
async def deactivate(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    api.deactivate_user(_int(body, "user_id"))
    return {}


@route("POST", "advance")
async def advance(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    api.advance(float(body.get("seconds", 0)))
    return {"now": api.now()}


@route("POST", "flood_limits")
async def flood_limits(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    enabled = bool(body.pop("enabled", True))
    limits = FloodLimits.from_dict(body) if enabled else None
    api.set_flood_limits(limits)
    return {"limits": _limits(api)}


@route("POST", "webhook_route")
async def webhook_route(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    """Deliver webhooks set to URLs starting with ``public`` to ``local`` instead."""
    api.route_webhook(_str(body, "public"), _str(body, "local"))
    return {}


@route("POST", "fail")
async def fail(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    """Inject errors: ``{"method"?, "chat_id"?, "times"?, "retry_after"}`` for 429s or
    ``{"error_code", "description", "parameters"?}`` for any other answer."""
    if "retry_after" in body:
        api.fail_with_429(
            body.get("method"),
            times=_int(body, "times", 1),
            retry_after=_int(body, "retry_after"),
            chat_id=body.get("chat_id"),
        )
    else:
        api.fail_with(
            body.get("method"),
            error_code=_int(body, "error_code"),
            description=_str(body, "description"),
            times=_int(body, "times", 1),
            chat_id=body.get("chat_id"),
            parameters=body.get("parameters"),
        )
    return {}


# ---- acting as users --------------------------------------------------------------------------
@route("POST", "text")
async def text(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    parts = api.send_paste(
        _int(body, "user_id"),
        _str(body, "text"),
        chat_id=_optional_int(body, "chat_id"),
        reply_to=_optional_int(body, "reply_to"),
    )
    return {"message": parts[-1], "messages": parts}


@route("POST", "press")
async def press(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    user_id = _int(body, "user_id")
    chat_id = _int(body, "chat_id", user_id)
    query_id = api.press(
        user_id,
        _int(body, "message_id"),
        _str(body, "data"),
        forge=bool(body.get("forge", False)),
        chat_id=chat_id,
    )
    return {"callback_query_id": query_id}


@route("POST", "join_request")
async def join_request(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    request_body = api.request_join(
        _int(body, "user_id"),
        _int(body, "chat_id"),
        invite_link=body.get("invite_link"),
        bio=body.get("bio"),
    )
    return {"chat_join_request": request_body}


@route("POST", "update")
async def update(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    return {"update": api.push_update(body)}


# ---- reading ----------------------------------------------------------------------------------
def _limits(api: FakeBotAPI) -> dict[str, Any] | None:
    flood = api.state.flood
    return None if flood is None else dict(vars(flood.limits))


@route("GET", "stats")
async def stats(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    state = api.state
    counts = api.bot_message_counts()
    result: dict[str, Any] = {
        "requests_by_method": api.requests_by_method,
        "errors_by_code": {str(k): v for k, v in api.errors_by_code.items()},
        "too_many_requests": api.flood_rejections,
        "paid_broadcast_messages": api.paid_broadcast_count,
        "bot_messages": sum(counts.values()),
        "chats_with_bot_messages": len(counts),
        "unanswered_callback_queries": len(api.unanswered_callback_queries()),
        "pending_updates": len(state.pending_updates),
        "webhook": _webhook(api),
        "flood_limits": _limits(api),
        "keep_messages": state.keep_messages,
        "now": api.now(),
    }
    if str(body.get("chats", "1")) not in ("0", "false"):
        result["messages_per_chat"] = {str(k): v for k, v in counts.items()}
    return result


def _webhook(api: FakeBotAPI) -> dict[str, Any]:
    state = api.state
    delivery = state.webhook_delivery
    return {
        "url": state.webhook["url"],
        "deliveries": state.stats.webhook_deliveries,
        "failures": state.stats.webhook_failures,
        "in_flight": delivery.in_flight if delivery is not None else 0,
    }


@route("POST", "reset_stats")
async def reset_stats(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    api.state.stats = Stats()
    api.state.sent_times.clear()
    return {}


@route("GET", "messages")
async def messages(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    """Bot messages to ``chat_id`` with ids above ``after`` (default 0), oldest first."""
    return {"messages": api.messages_after(_int(body, "chat_id"), _int(body, "after", 0))}


@route("GET", "wait")
async def wait(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    """Long poll: the first bot message to ``chat_id`` with an id above ``after``; 408 when
    none comes within ``timeout`` seconds (default 10)."""
    timeout = min(float(body.get("timeout", 10)), MAX_WAIT)
    chat_id, after = _int(body, "chat_id"), _int(body, "after", 0)
    waiter = api.wait_for_message_after(chat_id, after, timeout=timeout)
    try:
        return {"message": await waiter}
    except AssertionError:
        return web.json_response({"ok": False, "error": "timeout"}, status=408)


@route("GET", "requests")
async def requests(api: FakeBotAPI, body: dict[str, Any], request: web.Request) -> Any:
    """The last calls (up to 50), newest last, for debugging a benchmark."""
    return {
        "requests": [
            {
                "method": r.method,
                "ok": r.ok,
                "error_code": r.error_code,
                "description": r.description,
                "note": r.note,
                "chat_id": r.chat_id if isinstance(r.chat_id, int | str) else None,
            }
            for r in api.recent_requests
        ]
    }
