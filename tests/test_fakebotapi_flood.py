"""The fake's opt-in flood limits, seen through the real python-telegram-bot client.

Limits are given small refill rates here so that real time passing during a test never
refills a bucket; the fake's clock is moved with ``api.advance`` instead.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto
from telegram.error import BadRequest, RetryAfter

from tests.fakebotapi import FakeBotAPI, FloodLimits

pytestmark = [
    pytest.mark.asyncio,
    # PTB itself warns (deprecated int retry_after) whenever it builds a RetryAfter.
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]

ALICE, BOB, CAROL = 1001, 1002, 1003
ROOM = -100200
SLOW = 0.001  # tokens per second: nothing refills while a test runs


def _limits(**overrides: float) -> FloodLimits:
    values: dict[str, float] = {
        "private_per_second": SLOW,
        "global_per_second": SLOW,
        "paid_per_second": SLOW,
    }
    values.update(overrides)
    return FloodLimits(**values)  # type: ignore[arg-type]


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        for user_id, name in ((ALICE, "Alice"), (BOB, "Bob"), (CAROL, "Carol")):
            server.add_user(user_id, name)
        server.add_group(ROOM, "Tổ dân phố 3")
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with api.make_bot() as client:
        yield client


def retry_after(api: FakeBotAPI) -> int:
    """The retry_after of the last call, checked against Telegram's exact wording."""
    last = api.requests[-1]
    assert last.error_code == 429
    match = re.fullmatch(r"Too Many Requests: retry after (\d+)", last.description or "")
    assert match is not None, last.description
    assert last.parameters == {"retry_after": int(match.group(1))}
    return int(match.group(1))


async def test_limits_are_off_by_default(api: FakeBotAPI, bot: Bot) -> None:
    for n in range(40):
        await bot.send_message(ALICE, f"tin {n}")
    assert api.flood_rejections == {"private": 0, "group": 0, "global": 0}
    assert len(api.sent_times(ALICE)) == 40


async def test_private_chat_bucket_allows_a_burst_then_one_a_second(
    api: FakeBotAPI, bot: Bot
) -> None:
    api.set_flood_limits(_limits(private_burst=5))
    for n in range(5):
        await bot.send_message(ALICE, f"tin {n}")
    with pytest.raises(RetryAfter, match="Retry in 1000 seconds"):
        await bot.send_message(ALICE, "một tin nữa")
    assert retry_after(api) == 1000  # one token at 0.001/s
    assert len(api.messages_to(ALICE)) == 5  # the refused call changed nothing
    assert api.requests[-1].note == "flood limit (private)"
    await bot.send_message(BOB, "other chats are not affected")
    api.advance(1000)
    await bot.send_message(ALICE, "after the wait")
    assert api.flood_rejections == {"private": 1, "group": 0, "global": 0}


async def test_realistic_private_rate() -> None:
    async with FakeBotAPI(flood_limits=True) as api:
        api.add_user(ALICE, "Alice")
        async with api.make_bot() as client:
            for n in range(5):
                await client.send_message(ALICE, f"tin {n}")
            with pytest.raises(RetryAfter):
                await client.send_message(ALICE, "quá nhanh")
            assert retry_after(api) == 1
            api.advance(1.0)
            await client.send_message(ALICE, "đúng nhịp")


async def test_group_allows_20_posts_in_any_60_seconds(api: FakeBotAPI, bot: Bot) -> None:
    api.set_flood_limits(_limits(global_per_second=1000, global_burst=1000))
    for n in range(10):
        await bot.send_message(ROOM, f"tin {n}")
    api.advance(30)
    for n in range(10, 20):
        await bot.send_message(ROOM, f"tin {n}")
    with pytest.raises(RetryAfter):
        await bot.send_message(ROOM, "tin 21")
    assert 29 <= retry_after(api) <= 30  # until the first post is 60 s old
    api.advance(31)
    for n in range(10):  # the first ten have left the window
        await bot.send_message(ROOM, f"lượt hai {n}")
    with pytest.raises(RetryAfter):
        await bot.send_message(ROOM, "quá nhiều")
    assert 29 <= retry_after(api) <= 30
    assert api.max_sent_in_window(ROOM, 60) == 20
    assert len(api.sent_times(ROOM)) == 30
    assert api.flood_rejections["group"] == 2


async def test_group_retry_after_counts_the_whole_window(api: FakeBotAPI, bot: Bot) -> None:
    api.set_flood_limits(_limits(global_per_second=1000, global_burst=1000))
    for n in range(20):
        await bot.send_message(ROOM, f"tin {n}")
    with pytest.raises(RetryAfter):
        await bot.send_message(ROOM, "tin 21")
    assert retry_after(api) == 60


async def test_overall_limit_and_paid_broadcasts(api: FakeBotAPI, bot: Bot) -> None:
    api.set_flood_limits(_limits(global_burst=2, paid_burst=3))
    await bot.send_message(ALICE, "1")
    await bot.send_message(BOB, "2")
    with pytest.raises(RetryAfter):
        await bot.send_message(CAROL, "3")
    assert api.requests[-1].note == "flood limit (global)"
    # a paid broadcast uses the higher allowance, which every message so far counted against
    await bot.send_message(CAROL, "3, paid", allow_paid_broadcast=True)
    with pytest.raises(RetryAfter):
        await bot.send_message(CAROL, "4, paid", allow_paid_broadcast=True)
    assert api.paid_broadcast_count == 1
    assert api.flood_rejections == {"private": 0, "group": 0, "global": 2}


async def test_answers_to_people_who_just_wrote_are_not_bulk(api: FakeBotAPI, bot: Bot) -> None:
    """The overall limit is Telegram's for bulk notifications: a bot answering residents who
    just wrote to it is not held to it (their own chats' limits still apply)."""
    api.set_flood_limits(_limits(global_burst=2, private_burst=5))
    for user in (CAROL + 1, CAROL + 2):
        api.add_user(user, "Cư dân")
    api.send_text(ALICE, "xin chào")
    api.send_text(BOB, "xin chào")
    for user in (ALICE, BOB):
        await bot.send_message(user, "trả lời")
    await bot.send_message(CAROL, "thông báo")  # a bulk notice takes the overall allowance…
    await bot.send_message(CAROL + 1, "thông báo")
    with pytest.raises(RetryAfter):
        await bot.send_message(CAROL + 2, "thông báo")  # …and is held to it
    await bot.send_message(ALICE, "trả lời nữa")
    api.advance(61)  # a minute later Alice's chat is no longer an answer
    with pytest.raises(RetryAfter):
        await bot.send_message(ALICE, "tin mới")
    assert api.flood_rejections["global"] == 2


async def test_paid_broadcasts_pass_the_spent_free_allowance() -> None:
    limits = FloodLimits(global_per_second=SLOW)  # 30 free, then no refill; paid: defaults
    assert (limits.global_burst, limits.paid_per_second) == (30, 1000)
    async with FakeBotAPI(flood_limits=limits) as api:
        for user_id in range(2000, 2040):
            api.add_user(user_id, "Cư dân")
        async with api.make_bot() as client:
            for user_id in range(2000, 2030):
                await client.send_message(user_id, "miễn phí")
            with pytest.raises(RetryAfter):
                await client.send_message(2030, "miễn phí")
            for user_id in range(2030, 2040):
                await client.send_message(user_id, "trả phí", allow_paid_broadcast=True)
        assert api.flood_rejections["global"] == 1
        assert api.paid_broadcast_count == 10


async def test_edits_count_per_chat_only(api: FakeBotAPI, bot: Bot) -> None:
    api.set_flood_limits(_limits(private_burst=3, global_burst=2))
    first = await bot.send_message(ALICE, "v1")
    await bot.send_message(BOB, "v1")
    for n in (2, 3):  # the global allowance is spent, but edits do not use it
        await bot.edit_message_text(f"v{n}", ALICE, first.message_id)
    with pytest.raises(RetryAfter):  # ALICE's bucket is now empty: 1 send + 2 edits
        await bot.edit_message_text("v4", ALICE, first.message_id)
    assert api.flood_rejections == {"private": 1, "group": 0, "global": 0}
    assert len(api.sent_times(ALICE)) == 1  # sent_times lists message-creating calls only


async def test_other_methods_are_never_limited(api: FakeBotAPI, bot: Bot) -> None:
    api.set_flood_limits(_limits(private_burst=1, global_burst=1))
    sent = await bot.send_message(
        ALICE,
        "nút",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ok")]]),
    )
    for _ in range(5):
        await bot.get_me()
        await bot.get_chat(ALICE)
        await bot.get_updates(timeout=0)
        await bot.send_chat_action(ALICE, "typing")
    query_id = api.press(ALICE, sent, "ok")
    assert await bot.answer_callback_query(query_id)
    assert await bot.delete_message(ALICE, sent.message_id)
    assert api.flood_rejections == {"private": 0, "group": 0, "global": 0}


async def test_failed_calls_use_no_allowance_and_albums_are_one_call(
    api: FakeBotAPI, bot: Bot
) -> None:
    api.set_flood_limits(_limits(private_burst=2))
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(ALICE, "<b>hỏng", parse_mode="HTML")
    album = await bot.send_media_group(
        ALICE, [InputMediaPhoto(b"\xff\xd8 one"), InputMediaPhoto(b"\xff\xd8 two")]
    )
    assert len(album) == 2
    await bot.send_message(ALICE, "second call")
    with pytest.raises(RetryAfter):
        await bot.send_message(ALICE, "third call")
    assert len(api.sent_times(ALICE)) == 2


async def test_limits_can_be_changed_and_turned_off(api: FakeBotAPI, bot: Bot) -> None:
    api.set_flood_limits(_limits(private_burst=1))
    await bot.send_message(ALICE, "1")
    with pytest.raises(RetryAfter):
        await bot.send_message(ALICE, "2")
    api.set_flood_limits(None)
    await bot.send_message(ALICE, "2")
    with pytest.raises(ValueError, match="unknown flood limit fields"):
        FloodLimits.from_dict({"private_burst": 3, "per_group": 1})
