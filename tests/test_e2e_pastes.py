"""A long paste: a Telegram client sends anything over 4,096 characters as several messages
(4,096 each, then the rest). Every step that takes free text must see the whole text, and say
what it kept when it cannot keep all of it."""

import asyncio
import re
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.handlers.pastes import WINDOW
from bot.services.conversations import Conversations
from bot.services.roles import Grant, Role
from bot.storage.information import RumorRequest
from tests.conftest import SUPERADMIN_ID
from tests.harness import Harness, Message, buttons, onboard, plain
from tests.test_e2e_presses import rejected
from tests.test_e2e_reports import TEXT, to_describe
from tests.test_e2e_rooms import (
    ALICE,
    MOD_A,
    ROOM_A,
    a_card_in_room_a,
    deliver,
    file_directly,
    more,
    rooms,
    services_of,
)

PART = 4096
# A client shows its parts a few seconds apart at most; the bot answers once the last has come.
SLOW = 15.0


def pasted(length: int, words: str = "Xe máy lạ đỗ trước nhà số 12 từ tối qua & sáng nay. ") -> str:
    return (words * (length // len(words) + 1))[:length]


def paste(harness: Harness, user: int, text: str, **where: object) -> None:
    """Send `text` as a Telegram client does: parts of 4,096 characters, the first one a reply
    when the paste is."""
    for start in range(0, len(text), PART):
        harness.api.send_text(user, text[start : start + PART], **where)  # type: ignore[arg-type]
        where.pop("reply_to", None)


def shown(message: Message) -> str:
    return message.get("text") or message.get("caption") or ""


@pytest.fixture(autouse=True)
async def nothing_rejected(harness: Harness) -> AsyncIterator[None]:
    harness.api.add_user(SUPERADMIN_ID, "Quản trị", language_code="vi")
    yield
    assert rejected(harness) == []


async def _alice(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)


async def _draft_text(harness: Harness) -> str | None:
    state = await Conversations(harness.db).get(ALICE)
    assert state is not None
    return state.data.get("text")


@pytest.mark.parametrize("length", [5000, 9000])
async def test_a_long_description_arrives_whole_and_trimming_says_what_was_cut(
    harness: Harness, length: int
) -> None:
    await _alice(harness)
    await to_describe(harness, ALICE)
    text = pasted(length)
    before = len(harness.api.messages_to(ALICE))
    waiter = harness.api.wait_for_message(ALICE, timeout=SLOW)
    paste(harness, ALICE, text)
    too_long = await waiter
    assert str(length) in plain(too_long) and "3000" in plain(too_long)
    await harness.settle()
    assert len(harness.api.messages_to(ALICE)) == before + 1  # one answer to the whole paste
    assert await _draft_text(harness) is None

    question = harness.api.wait_for_message(ALICE)
    harness.api.press(ALICE, too_long, buttons(too_long)[0][1])
    said = plain(await question)
    assert f"bỏ {length - 3000} ký tự" in said and "ảnh" in said
    assert await _draft_text(harness) == text[:3000].strip()


async def test_one_long_message_is_answered_when_no_other_part_follows(
    harness: Harness,
) -> None:
    await _alice(harness)
    await to_describe(harness, ALICE)
    waiter = harness.api.wait_for_message(ALICE, timeout=SLOW)
    harness.api.send_text(ALICE, pasted(3600))
    too_long = await waiter
    assert "3600" in plain(too_long)


async def test_a_paste_split_by_a_restart_is_joined(harness: Harness) -> None:
    await _alice(harness)
    await to_describe(harness, ALICE)
    text = pasted(5000)
    harness.api.send_text(ALICE, text[:PART])
    await harness.settle()
    await harness.restart()
    waiter = harness.api.wait_for_message(ALICE, timeout=SLOW)
    harness.api.send_text(ALICE, text[PART:])
    assert "5000" in plain(await waiter)


async def test_a_part_kept_waiting_in_the_inbox_by_a_backlog_still_joins_its_paste(
    harness: Harness,
) -> None:
    """Under load the next part may wait in the inbox longer than a paste is held: the held
    part waits for it instead of being answered alone."""
    await _alice(harness)
    await to_describe(harness, ALICE)
    text = pasted(5000)
    harness.api.send_text(ALICE, text[:PART])
    await harness.settle()
    assert await services_of(harness).pastes.held(ALICE, ALICE) is not None
    before = len(harness.api.messages_to(ALICE))
    await harness.worker.stop()  # a backlog: nothing more is handed out for a while
    waiter = harness.api.wait_for_message(ALICE, timeout=SLOW)
    harness.api.send_text(ALICE, text[PART:])
    await asyncio.sleep(WINDOW.total_seconds() + 1.5)  # recorded in the inbox, not handled
    assert len(harness.api.messages_to(ALICE)) == before
    await harness.worker.start()
    assert "5000" in plain(await waiter)


async def test_a_long_followup_is_not_added_in_part(harness: Harness) -> None:
    await _alice(harness)
    await to_describe(harness, ALICE)
    identity = await harness.tap(ALICE, await harness.say(ALICE, TEXT), "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    await harness.tap(ALICE, review, "Gửi")
    listing = await harness.say(ALICE, "📂 Tin báo của tôi")
    detail = await harness.tap_and_settle(ALICE, listing, buttons(listing)[0][0])
    await harness.tap(ALICE, detail, "Bổ sung")
    waiter = harness.api.wait_for_message(ALICE, timeout=SLOW)
    paste(harness, ALICE, pasted(5000))
    refused = await waiter
    assert "5000" in plain(refused) and "3000" in plain(refused)
    state = await Conversations(harness.db).get(ALICE)
    assert state is not None and state.data.get("texts", []) == []


async def test_a_pasted_answer_reaches_the_room_whole_both_ways(harness: Harness) -> None:
    api = harness.api
    await rooms(harness)
    code = await file_directly(harness)
    card = await deliver(harness, ROOM_A)
    prompt = await harness.tap(MOD_A, card, "Nhắn người báo tin")

    question = pasted(5000, "Anh chị nhớ biển số xe và giờ xe đến không? ")
    waiter = api.wait_for_message(ALICE, lambda m: "xe đến" in shown(m), timeout=SLOW)
    paste(harness, MOD_A, question, chat_id=ROOM_A, reply_to=prompt)
    relayed = await waiter
    await harness.settle()
    # Each message: who it is from, a piece of the text, how to answer.
    to_alice = "".join(
        "".join(shown(m).split("\n\n")[1:-1]) for m in api.messages_to(ALICE) if code in shown(m)
    )
    assert _squeezed(to_alice) == _squeezed(question)
    assert buttons(relayed)

    answer = pasted(5000, "Biển 14B1-234, xe Wave đỏ, khoảng 9 giờ tối. ")
    waiter = api.wait_for_message(ROOM_A, lambda m: "Wave" in shown(m), timeout=SLOW)
    paste(harness, ALICE, answer, reply_to=relayed)
    await waiter
    await harness.settle()
    # Each message: who it is from, a piece of the answer, which piece.
    in_room = "".join(
        re.sub(r"\n\(\d/\d\)$", "", shown(m)).split("\n", 1)[1]
        for m in api.messages_to(ROOM_A)
        if "Wave" in shown(m)
    )
    assert _squeezed(in_room) == _squeezed(answer)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


async def test_a_pasted_notice_text_is_refused_whole_and_said_why(harness: Harness) -> None:
    services = services_of(harness)
    harness.api.add_user(MOD_A, "Mod", language_code="vi")
    await services.roles.grant(None, Grant(MOD_A, Role.MODERATOR, 6994, None), None)
    start = await harness.say(MOD_A, "/notice")
    kinds = await harness.tap_and_settle(MOD_A, start, "Vân Đồn")
    await harness.tap_and_settle(MOD_A, kinds, "Thông báo")
    await harness.say(MOD_A, "Lịch tiếp dân")
    waiter = harness.api.wait_for_message(MOD_A, timeout=SLOW)
    paste(harness, MOD_A, pasted(5000))
    refused = await waiter
    assert "5000" in plain(refused) and "3500" in plain(refused)
    state = await Conversations(harness.db).get(MOD_A)
    assert state is not None and state.step == "body" and "body" not in state.data


async def test_a_pasted_rumor_is_checked_whole_and_the_cut_is_told(harness: Harness) -> None:
    await _alice(harness)
    await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    rumor = pasted(5000, "Nghe nói sắp có đợt kiểm tra hộ khẩu bất thường ở xóm bãi. ")
    waiter = harness.api.wait_for_message(ALICE, timeout=SLOW)
    paste(harness, ALICE, rumor)
    filed = await waiter
    assert "3500" in plain(filed) and "1500" in plain(filed)
    async with harness.db.transaction() as session:
        (stored,) = await session.scalars(select(RumorRequest.text))
    assert stored == rumor[:3500]


async def test_a_paste_answering_a_transfer_prompt_is_a_search_like_any_other(
    harness: Harness,
) -> None:
    api = harness.api
    card = await a_card_in_room_a(harness)
    prompt = await harness.tap(MOD_A, await more(harness, MOD_A, card), "Chuyển xã khác")
    waiter = api.wait_for_message(ROOM_A, timeout=SLOW)
    paste(harness, MOD_A, pasted(5000), chat_id=ROOM_A, reply_to=prompt)
    assert "Không tìm thấy" in plain(await waiter)
