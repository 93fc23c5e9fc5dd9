"""What a tip line promises its reporters, end to end: one report cannot be tied to another, a
moderator can stop an abusive reporter without learning who they are, and erasing one's data
takes one's name off the rooms' cards."""

import logging
import re
from collections.abc import AsyncIterator

import pytest

from bot.services.reports import Filed, NewReport
from bot.services.residents import Residents
from bot.services.roles import Grant, Role
from tests.harness import Harness, Message, button_data, buttons, onboard, plain
from tests.test_e2e_presses import rejected
from tests.test_e2e_rooms import (
    ALICE,
    MOD_A,
    OBSERVER,
    ROOM_A,
    deliver,
    file_directly,
    more,
    rooms,
)

ADMIN = 2010
ALIAS = re.compile(r"#([2-9A-Z]{4})")
BLOCK = "Chặn người báo tin"


@pytest.fixture(autouse=True)
async def nothing_rejected(harness: Harness) -> AsyncIterator[None]:
    yield
    assert rejected(harness) == []
    assert harness.api.unanswered_callback_queries() == []


def _alias(card: Message) -> str:
    found = ALIAS.search(plain(card))
    assert found, plain(card)
    return found.group(1)


async def test_two_reports_of_one_resident_cannot_be_tied_by_their_pseudonyms(
    harness: Harness,
) -> None:
    await rooms(harness)
    await file_directly(harness, text="Có người lạ dò hỏi nhà vắng chủ ở xóm 3.")
    first = await deliver(harness, ROOM_A)
    await file_directly(harness, text="Xe máy không biển số chạy tốc độ cao qua chợ đêm.")
    second = await deliver(harness, ROOM_A)
    assert _alias(first) != _alias(second)


async def _blocked(harness: Harness) -> bool:
    resident = await Residents(harness.db).get(ALICE)
    return resident is not None and resident.blocked_at is not None


async def test_a_moderator_blocks_the_reporter_without_learning_who_and_an_admin_undoes_it(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    api = harness.api
    services = await rooms(harness)
    caplog.set_level(logging.INFO)
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    code = await file_directly(harness)
    card = await deliver(harness, ROOM_A)
    assert BLOCK in " ".join(label for label, _ in buttons(card))
    assert BLOCK not in [label for label, _ in buttons(card)[:3]]  # not in the main row

    # Being in the room is not enough.
    reasons = await harness.tap_and_settle(OBSERVER, card, BLOCK)
    assert api.callback_answers[-1]["show_alert"] is True
    assert not await _blocked(harness)

    reasons = await harness.tap_and_settle(MOD_A, card, BLOCK)
    labels = [label for label, _ in buttons(reasons)]
    assert "◀️ Quay lại" in labels and len(labels) == 4, labels
    assert not await _blocked(harness)  # a reason is still to be chosen
    blocked = await harness.tap_and_settle(MOD_A, reasons, "Tin rác")
    assert await _blocked(harness)
    assert "đã chặn" in api.callback_answers[-1]["text"].lower()
    assert "bị chặn" in plain(blocked) and BLOCK not in str(buttons(blocked))
    timeline = await harness.tap(MOD_A, await more(harness, MOD_A, blocked), "Diễn biến")
    assert "chặn người báo tin" in plain(timeline) and "Tin rác" in plain(timeline)
    refused = await harness.say(ALICE, "🚨 Báo tin")
    assert "không thể gửi tin báo" in plain(refused)

    # Only an admin of the province (or a superadmin) undoes it.
    refusal = await harness.say(MOD_A, f"/unblockreporter {code}")
    assert "quản trị" in plain(refusal).lower()
    assert await _blocked(harness)
    api.add_user(ADMIN, "Quản trị tỉnh", language_code="vi")
    await services.roles.grant(None, Grant(ADMIN, Role.ADMIN, None, 22), None)
    done = await harness.say(ADMIN, f"/unblockreporter {code.lower()}")
    assert code in plain(done)
    assert not await _blocked(harness)
    again = await harness.say(ADMIN, f"/unblockreporter {code}")
    assert "không bị chặn" in plain(again)

    said = " ".join(api.all_outgoing_text())
    logged = " ".join(r.getMessage() for r in caplog.records)
    for secret in (str(ALICE), "Alice"):
        assert secret not in said and secret not in logged


NAME, PHONE = "Trần Thị Hoa", "+84 912 345 678"


async def test_erasing_ones_data_takes_ones_name_off_the_rooms_cards(harness: Harness) -> None:
    api = harness.api
    services = await rooms(harness)
    api.add_user(ALICE, "Hoa", language_code="vi")
    await onboard(harness, ALICE)
    filed = await services.reports.file(
        ALICE,
        NewReport(
            6994,
            "theft",
            urgent=False,
            text="Mất xe máy trước cổng chợ lúc 9 giờ tối.",
            anonymous=False,
            reporter_name=NAME,
            reporter_phone=PHONE,
        ),
    )
    assert isinstance(filed, Filed)
    card = await deliver(harness, ROOM_A)
    view = await harness.say(MOD_A, f"/report {filed.code}")  # a view in private
    assert NAME in plain(card) and PHONE in plain(view)
    prompt = await harness.tap(MOD_A, card, "Nhắn người báo tin")
    stale_press = button_data(card, "Nhắn người báo tin")
    erased_at = len(api.requests)

    confirm = await harness.say(ALICE, "/deleteme")
    await harness.tap_and_settle(ALICE, confirm, "Xóa dữ liệu")
    for message in (card, view):
        now = harness.current(message)
        assert NAME not in plain(now) and PHONE not in plain(now)
        assert ALIAS.search(plain(now))  # shown as any anonymous reporter
        assert "Nhắn người báo tin" not in str(buttons(now))

    api.send_text(MOD_A, "Anh/chị còn ở đó không?", chat_id=ROOM_A, reply_to=prompt)
    await harness.settle()
    assert "đã xóa dữ liệu" in plain(harness.current(prompt))
    api.press(MOD_A, card, stale_press, forge=True)
    await harness.settle()
    assert "đã xóa dữ liệu" in api.callback_answers[-1]["text"]

    shown_now = [plain(m) for m in api.messages_to(ROOM_A) + api.messages_to(MOD_A)]
    sent_since = [str(r.params) for r in api.requests[erased_at:]]
    for text in shown_now + sent_since:
        assert NAME not in text and PHONE not in text and "Hoa" not in text
