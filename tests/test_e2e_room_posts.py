"""A busy room: how many posts the bot makes there per report handled and per relay exchange,
kept well under Telegram's 20 posts a minute in a group."""

from collections.abc import AsyncIterator

import pytest

from tests.harness import Harness, Message, button_data, buttons, plain
from tests.test_e2e_reports import failures
from tests.test_e2e_rooms import (
    ALICE,
    MOD_A,
    OBSERVER,
    ROOM_A,
    deliver,
    file_directly,
    rooms,
)

TELEGRAM_GROUP_POSTS_PER_MINUTE = 20
TEXTS = (
    "Có hai thanh niên lạ mặt đi xe máy không biển số, dò hỏi nhà nào vắng chủ.",
    "Nhóm người tụ tập đánh bạc ở bãi đất trống cạnh nhà văn hóa thôn 3.",
    "Xe tải chở cát đổ trộm ra lề đường, gây cản trở giao thông buổi tối.",
)


@pytest.fixture(autouse=True)
async def nothing_rejected(harness: Harness) -> AsyncIterator[None]:
    yield
    assert failures(harness) == []


def posts(harness: Harness) -> int:
    return len(harness.api.messages_to(ROOM_A))


async def relay_exchange(harness: Harness, card: Message, question: str, reply: str) -> None:
    """An officer asks the reporter through the bot; the reporter answers."""
    api = harness.api
    prompt = await harness.tap(MOD_A, card, "Nhắn người báo tin")
    waiter = api.wait_for_message(ALICE)
    api.send_text(MOD_A, question, chat_id=ROOM_A, reply_to=prompt)
    relayed = await waiter
    await harness.settle()
    assert "Đã gửi tới người báo tin" in plain(harness.current(prompt))
    waiter = api.wait_for_message(ROOM_A)
    api.send_text(ALICE, reply, reply_to=relayed)
    answered = await waiter
    assert reply in plain(answered)
    await harness.settle()


async def test_a_busy_room_gets_few_posts_per_report_and_per_relay_exchange(
    harness: Harness,
) -> None:
    await rooms(harness)
    per_report: list[int] = []
    per_exchange: list[int] = []
    for text in TEXTS:
        before = posts(harness)
        code = await file_directly(harness, text=text)
        card = await deliver(harness, ROOM_A)
        assert code in plain(card)
        await harness.tap_and_settle(MOD_A, card, "Nhận xử lý")
        await harness.tap_and_settle(MOD_A, harness.current(card), "Đang xử lý")
        exchange = posts(harness)
        await relay_exchange(harness, harness.current(card), "Lúc mấy giờ?", "Khoảng 9 giờ tối")
        per_exchange.append(posts(harness) - exchange)
        resolved = await harness.tap_and_settle(MOD_A, harness.current(card), "Đã giải quyết")
        assert "Đã giải quyết" in plain(resolved)
        per_report.append(posts(harness) - before)
    print(f"room posts per handled report: {per_report}; per relay exchange: {per_exchange}")
    # The card, the officer's prompt and the reporter's answer; everything else is an edit
    # or a toast.
    assert per_exchange == [2, 2, 2]
    assert per_report == [3, 3, 3]
    # A busy day: ten reports handled like this inside the same minute would still pass.
    assert max(per_report) * 6 < TELEGRAM_GROUP_POSTS_PER_MINUTE


async def test_message_reporter_opens_the_reply_box_only_for_the_officer_who_pressed(
    harness: Harness,
) -> None:
    await rooms(harness)
    await file_directly(harness)
    card = await deliver(harness, ROOM_A)
    prompt = await harness.tap(MOD_A, card, "Nhắn người báo tin")
    force = prompt["reply_markup"]
    assert force.get("force_reply") is True and force.get("selective") is True
    mentions = [e for e in prompt.get("entities") or [] if e["type"] in ("text_mention", "mention")]
    assert [e.get("user", {}).get("id") for e in mentions] == [MOD_A]


async def test_rarely_used_card_buttons_wait_behind_more(harness: Harness) -> None:
    await rooms(harness)
    await file_directly(harness)
    card = await deliver(harness, ROOM_A)
    labels = [label for label, _ in buttons(card)]
    for rare in ("Trùng", "Chuyển", "Báo lên tỉnh", "Diễn biến"):
        assert not any(rare in label for label in labels), labels
    assert len(labels) <= 7
    # Nobody without the role may open it either.
    harness.api.press(OBSERVER, card, button_data(card, "Thêm"))
    await harness.settle()
    assert [label for label, _ in buttons(harness.current(card))] == labels
    more = await harness.tap_and_settle(MOD_A, card, "Thêm")
    shown = [label for label, _ in buttons(more)]
    for rare in ("Trùng", "Chuyển", "Báo lên tỉnh", "Diễn biến", "Quay lại"):
        assert any(rare in label for label in shown), shown
    back = await harness.tap_and_settle(MOD_A, more, "Quay lại")
    assert [label for label, _ in buttons(back)] == labels
    timeline = await harness.tap(
        MOD_A, await harness.tap_and_settle(MOD_A, back, "Thêm"), "Diễn biến"
    )
    assert "Diễn biến" in plain(timeline)


async def test_opening_a_recent_card_replies_to_it_instead_of_posting_a_copy(
    harness: Harness,
) -> None:
    await rooms(harness)
    code = await file_directly(harness)
    card = await deliver(harness, ROOM_A)
    before = posts(harness)
    pointer = await harness.say_in(ROOM_A, MOD_A, f"/report {code}")
    assert pointer["reply_to_message_id"] == card["message_id"]
    assert not buttons(pointer) and code in plain(pointer)
    queue = await harness.say_in(ROOM_A, MOD_A, "/queue")
    again = await harness.tap(MOD_A, queue, code)
    assert again["reply_to_message_id"] == card["message_id"] and not buttons(again)
    assert posts(harness) - before == 3  # two pointers and the queue, no second card
