"""The fake under load: lean mode, simulated latency, and the standalone runner with its JSON
control API (``python -m tests.fakebotapi``)."""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter

from tests.fakebotapi import FakeBotAPI
from tests.test_fakebotapi_webhook import Receiver

pytestmark = pytest.mark.asyncio

ALICE, BOB = 1001, 1002
ROOM = -100200
REPO = Path(__file__).resolve().parent.parent


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d) for d in datas]])


# ---- lean mode ----------------------------------------------------------------------------
async def test_lean_mode_keeps_counters_ids_and_keyboards_not_bodies() -> None:
    async with FakeBotAPI(keep_messages=False) as api:
        api.add_user(ALICE, "Alice")
        api.add_user(BOB, "Bob")
        async with api.make_bot() as bot:
            sent = await bot.send_message(
                ALICE, "<b>Thông báo</b> cắt nước", parse_mode="HTML", reply_markup=keyboard("ok")
            )
            assert sent.text == "Thông báo cắt nước"  # the answer itself is complete
            await bot.send_message(BOB, "Thông báo cắt nước", reply_markup=keyboard("ok"))
            with pytest.raises(BadRequest, match="Message is not modified"):
                await bot.edit_message_text(
                    "<b>Thông báo</b> cắt nước",
                    ALICE,
                    sent.message_id,
                    parse_mode="HTML",
                    reply_markup=keyboard("ok"),
                )
            edited = await bot.edit_message_text(
                "Đã cập nhật", ALICE, sent.message_id, reply_markup=keyboard("ok", "later")
            )
            assert not isinstance(edited, bool) and edited.text == "Đã cập nhật"
            with pytest.raises(BadRequest, match="Message is not modified"):
                await bot.edit_message_reply_markup(
                    ALICE, sent.message_id, reply_markup=keyboard("ok", "later")
                )
            query_id = api.press(ALICE, sent, "later")  # keyboards are kept for presses
            assert api.unanswered_callback_queries() == [query_id]
            (observed,) = api.messages_to(ALICE)
            assert observed["text"] is None and observed["message_id"] == sent.message_id
            assert observed["edit_count"] == 1
            api.advance(48 * 3600)
            with pytest.raises(BadRequest, match="can't be deleted for everyone"):
                await bot.delete_message(ALICE, sent.message_id)
            await bot.get_me()
        assert api.requests == []
        assert api.requests_by_method == {
            "getMe": 2,
            "sendMessage": 2,
            "editMessageText": 2,
            "editMessageReplyMarkup": 1,
            "deleteMessage": 1,
        }
        assert api.errors_by_code == {400: 3}
        assert api.bot_message_counts() == {ALICE: 1, BOB: 1}
        assert len(api.recent_requests) == 8


async def test_latency_delays_every_answer() -> None:
    async with FakeBotAPI(latency=0.2) as api, api.make_bot() as bot:
        started = time.monotonic()
        await bot.get_me()
        assert time.monotonic() - started >= 0.2


# ---- the standalone runner ----------------------------------------------------------------
class Runner:
    def __init__(self, url: str, session: aiohttp.ClientSession) -> None:
        self.url, self.session = url, session

    async def post(self, name: str, status: int = 200, **body: Any) -> dict[str, Any]:
        async with self.session.post(f"{self.url}/_control/{name}", json=body) as response:
            answer: dict[str, Any] = await response.json()
            assert response.status == status, answer
            return answer

    async def get(self, name: str, status: int = 200, **query: Any) -> dict[str, Any]:
        params = {k: str(v) for k, v in query.items()}
        async with self.session.get(f"{self.url}/_control/{name}", params=params) as response:
            answer: dict[str, Any] = await response.json()
            assert response.status == status, answer
            return answer


@pytest.fixture
async def runner() -> AsyncIterator[Runner]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakebotapi",
        "--port",
        "0",
        "--lean",
        "--flood-limits",
        "--latency-ms",
        "5",
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
    assert line.startswith("FakeBotAPI listening on http://127.0.0.1:"), line
    try:
        async with aiohttp.ClientSession() as session:
            yield Runner(line.split(" on ", 1)[1].strip(), session)
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 10) == 0


def runner_bot(runner: Runner) -> Bot:
    return Bot(
        "123456:AAF-fake-token-for-tests-only",
        base_url=f"{runner.url}/bot",
        base_file_url=f"{runner.url}/file/bot",
    )


async def test_runner_lets_another_process_act_and_measure(runner: Runner) -> None:
    assert (await runner.post("users", from_id=5000, count=50, language_code="vi"))["added"] == 50
    await runner.post("users", users=[{"id": ALICE, "first_name": "Alice", "username": "alice"}])
    await runner.post("groups", id=ROOM, title="Tổ 5", members=[ALICE])
    async with runner_bot(runner) as bot:
        asked = (await runner.post("text", user_id=ALICE, text="/start"))["message"]
        (update,) = await bot.get_updates()
        assert update.message is not None and update.message.text == "/start"
        started = time.time()
        waiter = asyncio.create_task(
            runner.get("wait", chat_id=ALICE, after=asked["message_id"], timeout=5)
        )
        await asyncio.sleep(0.05)
        reply = await update.message.reply_text("Chào Alice", reply_markup=keyboard("ok"))
        found = (await waiter)["message"]
        assert found["message_id"] == reply.message_id
        assert found["sent_at"] >= started and found["text"] is None  # lean: no bodies
        timed_out = await runner.get(
            "wait", 408, chat_id=ALICE, after=reply.message_id, timeout=0.1
        )
        assert timed_out == {"ok": False, "error": "timeout"}
        listed = await runner.get("messages", chat_id=ALICE, after=0)
        assert [m["message_id"] for m in listed["messages"]] == [reply.message_id]
        pressed = await runner.post("press", user_id=ALICE, message_id=reply.message_id, data="ok")
        (update,) = await bot.get_updates(offset=update.update_id + 1)
        assert update.callback_query is not None
        assert update.callback_query.id == pressed["callback_query_id"]
        assert (await runner.get("stats"))["unanswered_callback_queries"] == 1
        await update.callback_query.answer()
        link = await bot.create_chat_invite_link(ROOM, creates_join_request=True)
        joined = await runner.post(
            "join_request", user_id=5001, chat_id=ROOM, invite_link=link.invite_link
        )
        assert joined["chat_join_request"]["user_chat_id"] == 5001
        (update,) = await bot.get_updates(offset=update.update_id + 1)
        assert update.chat_join_request is not None
    stats = await runner.get("stats")
    assert stats["messages_per_chat"] == {str(ALICE): 1}
    assert stats["unanswered_callback_queries"] == 0
    assert stats["keep_messages"] is False
    assert "messages_per_chat" not in await runner.get("stats", chats=0)


# PTB itself warns (deprecated int retry_after) whenever it builds a RetryAfter.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_runner_limits_errors_and_clock(runner: Runner) -> None:
    await runner.post("users", from_id=5000, count=20)
    async with runner_bot(runner) as bot:
        await runner.post("block", user_id=5002)
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(5002, "x")
        await runner.post("deactivate", user_id=5003)
        with pytest.raises(Forbidden, match="user is deactivated"):
            await bot.send_message(5003, "x")
        for _ in range(5):  # the private burst
            await bot.send_message(5010, "burst")
        with pytest.raises(RetryAfter):
            await bot.send_message(5010, "one too many")
        before = (await runner.get("health"))["now"]
        assert (await runner.post("advance", seconds=60))["now"] >= before + 60
        await bot.send_message(5010, "a minute later")
        await runner.post("flood_limits", private_burst=1, private_per_second=0.001)
        await bot.send_message(5011, "1")
        with pytest.raises(RetryAfter):
            await bot.send_message(5011, "2")
        await runner.post("flood_limits", enabled=False)
        await bot.send_message(5011, "limits off")
        await runner.post("fail", method="sendMessage", retry_after=3)
        with pytest.raises(RetryAfter):
            await bot.send_message(5012, "injected")
    stats = await runner.get("stats")
    assert stats["requests_by_method"] == {"getMe": 1, "sendMessage": 13}
    assert stats["too_many_requests"] == {"private": 2, "group": 0, "global": 0}
    assert stats["errors_by_code"] == {"403": 2, "429": 3}
    assert stats["flood_limits"] is None
    bad = await runner.post("users", 400, users=[{"first_name": "no id"}])
    assert "'id' is required" in bad["error"]
    assert (await runner.post("reset_stats"))["ok"]
    assert (await runner.get("stats"))["requests_by_method"] == {}
    unknown = await runner.get("nothing", 404)
    assert "GET /_control/stats" in unknown["routes"]


async def test_runner_delivers_webhooks(runner: Runner) -> None:
    await runner.post("users", from_id=5000, count=3)
    receiver = Receiver()
    await receiver.start()
    try:
        await runner.post(
            "webhook_route",
            public="https://bot.example.vn",
            local=f"http://127.0.0.1:{receiver.port}",
        )
        async with runner_bot(runner) as bot:
            assert await bot.set_webhook("https://bot.example.vn/hook", secret_token="abc")
            await runner.post("text", user_id=5001, text="qua webhook")
            (delivered,) = await receiver.wait_for(1)
            assert delivered["message"]["text"] == "qua webhook"
            assert receiver.secrets == ["abc"]
            for _ in range(250):  # the fake confirms once the answer is back
                stats = await runner.get("stats")
                if stats["webhook"]["deliveries"]:
                    break
                await asyncio.sleep(0.02)
            assert await bot.delete_webhook()
    finally:
        await receiver.stop()
    assert stats["webhook"]["url"] == "https://bot.example.vn/hook"
    assert stats["webhook"]["deliveries"] == 1 and stats["pending_updates"] == 0
