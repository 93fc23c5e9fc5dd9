"""Bot-level handlers: getMe, updates/webhooks, commands, menu button, queries, files."""

from __future__ import annotations

import contextlib
import re
from typing import Any
from urllib.parse import urlsplit

from .errors import ApiError, bad_request
from .media import assign_file_path
from .methods_send import Handler
from .models import QueryRecord
from .params import Params
from .state import BotState
from .validation import (
    command_scope_key,
    parse_formatted,
    resolve_chat,
    validate_commands,
    validate_reply_markup,
)
from .webhook import is_loopback

CONFLICT_OTHER_POLL = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
# Telegram takes the answer to a press or an inline query for about this long after it.
QUERY_TIMEOUT = 15.0


async def get_me(state: BotState, p: Params) -> Any:
    return {
        **state.bot_user,
        "can_join_groups": True,
        "can_read_all_group_messages": not state.privacy_mode,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def log_out(state: BotState, p: Params) -> Any:
    state.logged_out = True
    return True


async def close(state: BotState, p: Params) -> Any:
    state.closed = True
    return True


async def get_updates(state: BotState, p: Params) -> Any:
    if state.webhook["url"]:
        raise ApiError(409, CONFLICT_WEBHOOK)
    offset = p.integer("offset")
    limit = min(max(p.integer("limit") or 100, 1), 100)
    timeout = max(p.integer("timeout") or 0, 0)
    allowed = p.get("allowed_updates")
    if allowed is not None:
        if not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed):
            raise bad_request("can't parse allowed updates JSON object")
        state.allowed_updates = list(allowed)
    state.confirm_updates(offset)
    state.poll_generation += 1
    generation = state.poll_generation
    state.notifier.notify()  # a poll that is still waiting is now superseded

    def ready() -> bool:
        state.drop_filtered_updates()
        superseded = generation != state.poll_generation
        webhook = bool(state.webhook["url"])
        return state.closing or superseded or webhook or bool(state.pending_updates)

    if timeout > 0 and not ready():
        state.waiting_polls += 1
        state.notifier.notify()
        try:
            with contextlib.suppress(TimeoutError):
                await state.notifier.wait_for(ready, timeout)
        finally:
            state.waiting_polls -= 1
    if state.closing:
        return []
    if state.webhook["url"]:
        raise ApiError(409, CONFLICT_WEBHOOK)
    if generation != state.poll_generation:
        raise ApiError(409, CONFLICT_OTHER_POLL)
    state.drop_filtered_updates()
    batch = state.pending_updates[:limit]
    if batch:
        state.last_fetched_update_id = max(state.last_fetched_update_id, batch[-1]["update_id"])
        state.notifier.notify()
    return batch


WEBHOOK_PORTS = (80, 88, 443, 8443)
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]*")


async def set_webhook(state: BotState, p: Params) -> Any:
    """Telegram's checks (HTTPS on ports 80/88/443/8443, the secret token's characters);
    ``http://`` is accepted for loopback hosts only, where the fake can deliver."""
    url = (p.text("url") or "").strip()
    if url:
        parts = urlsplit(url)
        local = is_loopback(url) and parts.scheme in ("http", "https")
        if not local and parts.scheme != "https":
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if not local and (parts.port or 443) not in WEBHOOK_PORTS:
            raise bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
    secret = p.text("secret_token") or ""
    if len(secret) > 256:
        raise bad_request("secret token is too long")
    if not _SECRET_RE.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    allowed = p.get("allowed_updates")
    if allowed is not None and (
        not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed)
    ):
        raise bad_request("can't parse allowed updates JSON object")
    if p.flag("drop_pending_updates"):
        state.clear_pending_updates()
    if isinstance(allowed, list):
        state.allowed_updates = list(allowed)
    if not url:
        state.webhook = {"url": ""}
        await state.stop_webhook()
        return True
    state.webhook = {
        "url": url,
        "max_connections": min(max(p.integer("max_connections") or 40, 1), 100),
        "secret_token": secret or None,
        "ip_address": p.text("ip_address"),
    }
    state.webhook_error = None
    state.start_webhook()
    return True


async def delete_webhook(state: BotState, p: Params) -> Any:
    if p.flag("drop_pending_updates"):
        state.clear_pending_updates()
    state.webhook = {"url": ""}
    await state.stop_webhook()
    return True


async def get_webhook_info(state: BotState, p: Params) -> Any:
    info: dict[str, Any] = {
        "url": state.webhook["url"],
        "has_custom_certificate": False,
        "pending_update_count": len(state.pending_updates),
    }
    if state.webhook["url"]:
        info["max_connections"] = state.webhook.get("max_connections", 40)
        if state.webhook.get("ip_address"):
            info["ip_address"] = state.webhook["ip_address"]
        if state.webhook_error is not None:
            info["last_error_date"], info["last_error_message"] = state.webhook_error
    if state.allowed_updates:
        info["allowed_updates"] = list(state.allowed_updates)
    return info


async def set_my_commands(state: BotState, p: Params) -> Any:
    commands = validate_commands(p.get("commands"))
    key = command_scope_key(state, p)
    if commands:
        state.commands[key] = commands
    else:
        state.commands.pop(key, None)
    return True


async def get_my_commands(state: BotState, p: Params) -> Any:
    return [dict(c) for c in state.commands.get(command_scope_key(state, p), [])]


async def delete_my_commands(state: BotState, p: Params) -> Any:
    state.commands.pop(command_scope_key(state, p), None)
    return True


def _menu_chat(state: BotState, p: Params) -> int | None:
    if "chat_id" not in p:
        return None
    chat = resolve_chat(state, p.get("chat_id"), sending=False)
    if not chat.is_private:
        raise bad_request("menu button can be changed only in private chats")
    return chat.id


async def set_chat_menu_button(state: BotState, p: Params) -> Any:
    chat_id = _menu_chat(state, p)
    button = p.get("menu_button") or {"type": "default"}
    kind = button.get("type") if isinstance(button, dict) else None
    if kind not in ("default", "commands", "web_app"):
        raise bad_request("can't parse menu button JSON object")
    if kind == "web_app":
        url = (button.get("web_app") or {}).get("url", "")
        if not button.get("text") or not str(url).lower().startswith("https://"):
            raise bad_request("can't parse menu button: text and HTTPS web_app.url required")
    state.menu_buttons[chat_id] = dict(button)
    return True


async def get_chat_menu_button(state: BotState, p: Params) -> Any:
    chat_id = _menu_chat(state, p)
    return state.menu_buttons.get(chat_id) or state.menu_buttons.get(None) or {"type": "default"}


def _answerable(state: BotState, query: QueryRecord | None) -> QueryRecord:
    """The query, unless Telegram would refuse an answer: unknown, answered, or too old."""
    if query is None or query.answered or state.clock.time() - query.created > QUERY_TIMEOUT:
        raise bad_request(QUERY_INVALID)
    return query


async def answer_callback_query(state: BotState, p: Params) -> Any:
    query = _answerable(state, state.callback_queries.get(p.text("callback_query_id") or ""))
    text = p.text("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered = True
    state.callback_answers.append(
        {
            "callback_query_id": query.id,
            "text": text,
            "show_alert": p.flag("show_alert"),
            "url": p.text("url"),
            "cache_time": p.integer("cache_time"),
            "user_id": query.user_id,
            "data": query.data,
            "chat_id": query.chat_id,
            "message_id": query.message_id,
        }
    )
    state.notifier.notify()
    return True


def _check_inline_results(state: BotState, results: Any) -> list[dict[str, Any]]:
    if not isinstance(results, list):
        raise bad_request("can't parse results JSON object")
    if len(results) > 50:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("type"), str):
            raise bad_request('can\'t parse InlineQueryResult: object with "type" expected')
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        content = result.get("input_message_content")
        if isinstance(content, dict) and "message_text" in content:
            parse_formatted(
                state,
                content.get("message_text"),
                content.get("parse_mode"),
                content.get("entities"),
                caption=False,
            )
        elif result.get("caption") is not None:
            parse_formatted(
                state,
                result.get("caption"),
                result.get("parse_mode"),
                result.get("caption_entities"),
                caption=True,
            )
        validate_reply_markup(result.get("reply_markup"), inline_only=True)
    return results


async def answer_inline_query(state: BotState, p: Params) -> Any:
    query = _answerable(state, state.inline_queries.get(p.text("inline_query_id") or ""))
    results = _check_inline_results(state, p.get("results"))
    query.answered = True
    state.inline_answers.append(
        {
            "inline_query_id": query.id,
            "user_id": query.user_id,
            "query": query.data,
            "results": results,
            "cache_time": p.integer("cache_time"),
            "is_personal": p.flag("is_personal"),
            "next_offset": p.text("next_offset"),
            "button": p.get("button"),
        }
    )
    state.notifier.notify()
    return True


async def get_file(state: BotState, p: Params) -> Any:
    record = state.files.get((p.text("file_id") or "").strip())
    if record is None:
        raise bad_request("wrong file_id or the file is temporarily unavailable")
    if len(record.data) > 20 * 1024 * 1024:
        raise bad_request("file is too big")
    assign_file_path(state, record)
    return record.to_file()


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "logOut": log_out,
    "close": close,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "answerCallbackQuery": answer_callback_query,
    "answerInlineQuery": answer_inline_query,
    "getFile": get_file,
}
