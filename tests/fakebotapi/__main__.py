"""Serve the fake Telegram Bot API in a process of its own, for benchmarks and manual runs.

    python -m tests.fakebotapi --port 8081 [--host 127.0.0.1] [--token 123456:ABC]
                               [--flood-limits] [--lean] [--latency-ms 40]

It prints ``FakeBotAPI listening on http://HOST:PORT`` (``--port 0`` picks a free port) and
serves until SIGINT/SIGTERM. Point the bot at it with ``TELEGRAM_API_URL=http://HOST:PORT``
(python-telegram-bot: ``base_url=http://HOST:PORT/bot``, ``base_file_url=.../file/bot``) and
the token given by ``--token`` (default ``123456:AAF-fake-token-for-tests-only``).

Options: ``--flood-limits`` enforces Telegram's flood limits (see ``flood.py``; change them at
run time with ``POST /_control/flood_limits``); ``--lean`` keeps counters, per-chat message ids,
dates and inline keyboards but no message bodies and no request log, so 100,000 recipients fit
in little memory; ``--latency-ms N`` delays every Bot API answer by N ms (half before handling
the call, half after), like a network; ``--no-privacy-mode`` makes the bot see every group
message; ``--bot-username``.

Control API
-----------
JSON in, JSON out, on the same port under ``/_control/``. Parameters go in a JSON body (POST)
or the query string (GET). Answers are ``{"ok": true, ...}``, or ``{"ok": false, "error": ...}``
with status 400 for a mistake (unknown user, missing field) and 404 for an unknown route.

Setting up the world:

* ``POST /_control/users`` — ``{"id", "first_name", "username"?, "language_code"?,
  "started"?}``, or ``{"users": [those]}``, or in bulk ``{"from_id": 2000000, "count": 100000,
  "first_name"?, "language_code"?}``. ``started=false``: never pressed Start (sending gives 403).
* ``POST /_control/groups`` — ``{"id" (negative), "title", "bot_status"? ("administrator"),
  "type"?, "username"?, "bot_rights"? {"can_invite_users": false, ...}, "members"? [ids] or
  {"id": "member"|"administrator"|"creator"|...}}``.
* ``POST /_control/members`` — ``{"chat_id", "user_id", "status"? ("member")}``.
* ``POST /_control/block`` / ``unblock`` — ``{"user_id", "notify"?}``: the user blocks the bot
  (403 "bot was blocked by the user"); ``notify`` also pushes ``my_chat_member``.
* ``POST /_control/deactivate`` — ``{"user_id"}``: the account is deleted (403 "user is
  deactivated").
* ``POST /_control/advance`` — ``{"seconds"}``: move the fake's clock forward; answers
  ``{"now"}``.
* ``POST /_control/flood_limits`` — ``{"enabled"?: true, "private_per_second"?,
  "private_burst"?, "group_per_window"?, "group_window"?, "global_per_second"?,
  "global_burst"?, "paid_per_second"?, "paid_burst"?}``; ``{"enabled": false}`` turns them off.
* ``POST /_control/webhook_route`` — ``{"public": "https://bot.example.vn", "local":
  "http://127.0.0.1:8443"}``: when the bot calls setWebhook with a URL starting with
  ``public``, deliver to ``local`` instead. Webhooks to ``http://127.0.0.1:PORT/...`` need no
  route. Deliveries are POSTs with ``X-Telegram-Bot-Api-Secret-Token``, retried with a short
  backoff, at most ``max_connections`` at a time, in order per chat (see ``webhook.py``).
* ``POST /_control/fail`` — inject errors into the next calls: ``{"method"?, "chat_id"?,
  "times"?, "retry_after"}`` for 429s, or ``{"error_code", "description", "parameters"?, ...}``.

Acting as users (each pushes updates that the bot gets by getUpdates or by webhook):

* ``POST /_control/text`` — ``{"user_id", "text", "chat_id"?, "reply_to"? (message id)}``: a
  text from the user (a private chat unless ``chat_id``); over 4,096 characters it arrives as
  several messages. Answers ``{"message": <the last Message>, "messages": [all parts]}``.
* ``POST /_control/press`` — ``{"user_id", "message_id", "data", "chat_id"?, "forge"?}``: press
  the inline button with that callback_data on a bot message (it must be on the message's
  current keyboard unless ``forge``). Answers ``{"callback_query_id"}``.
* ``POST /_control/join_request`` — ``{"user_id", "chat_id", "invite_link"?, "bio"?}``: a
  ``chat_join_request`` (through a link the bot made with creates_join_request, or none).
* ``POST /_control/update`` — any raw Update object (``update_id`` is assigned).

Reading:

* ``GET /_control/stats`` — ``{"requests_by_method": {"sendMessage": n, ...},
  "errors_by_code": {"429": n, ...}, "too_many_requests": {"private", "group", "global"},
  "paid_broadcast_messages", "bot_messages", "chats_with_bot_messages",
  "messages_per_chat": {"<chat id>": n} (left out with ``?chats=0``),
  "unanswered_callback_queries", "pending_updates", "webhook": {"url", "deliveries",
  "failures", "in_flight"}, "flood_limits", "keep_messages", "now"}``.
* ``POST /_control/reset_stats`` — zero the counters and per-chat send times.
* ``GET /_control/messages?chat_id=X&after=Y`` — the bot's messages to chat X with ids above Y
  (message ids grow by one per chat, so Y can be the id of the user's message the bot answers),
  each ``{"message_id", "kind", "text", "html", "reply_markup", "method", "date", "sent_at",
  "deleted", "edit_count", "message": <the Message>, ...}`` (text/html are null in lean mode).
* ``GET /_control/wait?chat_id=X&after=Y&timeout=10`` — long poll for the first bot message to
  chat X with an id above Y: ``{"message": {...}}``, or 408 ``{"ok": false, "error":
  "timeout"}``. ``sent_at`` (Unix time, float) says when the fake stored it, so a benchmark can
  measure reply latency as ``sent_at`` minus the time it posted the user's text.
* ``GET /_control/requests`` — the last 50 Bot API calls (method, ok, error, note, chat_id).
* ``GET /_control/health`` — ``{"bot", "token", "now"}``.

Example (a reply-latency probe)::

    t0 = time.time()
    sent = post("/_control/text", {"user_id": 2000001, "text": "/start"})["message"]
    reply = get("/_control/wait", chat_id=2000001, after=sent["message_id"])["message"]
    latency = reply["sent_at"] - t0
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .server import DEFAULT_TOKEN, FakeBotAPI


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fakebotapi", description="Serve the fake Telegram Bot API."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--bot-username", default="binhyen_test_bot")
    parser.add_argument("--flood-limits", action="store_true", help="enforce flood limits")
    parser.add_argument("--lean", action="store_true", help="keep no message bodies")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="delay per Bot API call")
    parser.add_argument("--no-privacy-mode", action="store_true")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    api = FakeBotAPI(
        args.token,
        args.bot_username,
        host=args.host,
        port=args.port,
        flood_limits=args.flood_limits,
        keep_messages=not args.lean,
        latency=args.latency_ms / 1000,
        privacy_mode=not args.no_privacy_mode,
        control=True,
    )
    await api.start()
    print(f"FakeBotAPI listening on {api.url}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await api.stop()


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
