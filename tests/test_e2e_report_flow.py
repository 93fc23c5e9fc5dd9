"""The report flow as a first-time resident meets it: short category buttons with their
explanations, Back and Cancel at every step, one acknowledgement for attachments, a duplicate
said as soon as it is typed, a description typed at "where" asked about."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.storage.reports import Report, ReportFollowup
from tests.conftest import SUPERADMIN_ID
from tests.harness import Harness, buttons, keyboard_labels, onboard, plain
from tests.outbox_view import batches
from tests.test_e2e_reports import (
    ALICE,
    TEXT,
    code_in,
    failures,
    send_album,
    start_report,
    to_describe,
)

BACK, CANCEL = "◀️ Quay lại", "✖️ Hủy báo tin"


@pytest.fixture(autouse=True)
async def alice(harness: Harness) -> AsyncIterator[None]:
    harness.api.add_user(SUPERADMIN_ID, "Quản trị", language_code="vi")
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    yield
    assert not failures(harness)


def reply_keyboard(harness: Harness) -> list[str]:
    """The reply keyboard the resident has now: the latest one the bot sent."""
    for message in reversed(harness.api.messages_to(ALICE)):
        if "keyboard" in (message.get("reply_markup") or {}):
            return keyboard_labels(message)
    return []


async def test_categories_come_in_two_columns_with_an_explanation(harness: Harness) -> None:
    urgency = await start_report(harness, ALICE)
    category = await harness.tap(ALICE, urgency, "Không")
    rows = category["reply_markup"]["inline_keyboard"]
    assert all(len(row) <= 2 for row in rows) and len(rows) <= 8
    assert all(len(label) <= 20 for label, _ in buttons(category))
    explained = await harness.tap_and_settle(ALICE, category, "?")
    assert "Mất trộm tài sản, cướp giật, đột nhập nhà" in plain(explained)
    assert "Hãy dùng mục Kiểm tra tin đồn" in plain(explained)
    where = await harness.tap(ALICE, explained, "Trộm cắp")
    assert "Ở đâu" in plain(where)


async def test_back_and_cancel_are_under_every_step(harness: Harness) -> None:
    urgency = await start_report(harness, ALICE)
    assert reply_keyboard(harness) == [BACK, CANCEL]
    category = await harness.tap(ALICE, urgency, "Không")
    assert reply_keyboard(harness) == [BACK, CANCEL]
    where = await harness.tap(ALICE, category, "Trộm cắp")
    assert reply_keyboard(harness)[-2:] == [BACK, CANCEL]
    describe = await harness.say(ALICE, "➡️ Tiếp tục")
    assert "Chuyện gì" in plain(describe)
    assert reply_keyboard(harness) == [BACK, CANCEL]  # not the main menu: not finished yet
    media = await harness.say(ALICE, TEXT)
    assert reply_keyboard(harness) == [BACK, CANCEL]
    identity = await harness.tap(ALICE, media, "Xong")
    phone = await harness.tap(ALICE, identity, "Ghi tên")
    assert reply_keyboard(harness)[-2:] == [BACK, CANCEL]
    review = await harness.say(ALICE, "Bỏ qua", contains="Xem lại")
    assert reply_keyboard(harness) == [BACK, CANCEL]
    assert where and phone and review

    # Back, step by step, keeps what was entered.
    identity = await harness.say(ALICE, BACK)
    assert "Gửi ẩn danh hay ghi tên" in plain(identity)
    media = await harness.say(ALICE, BACK)
    assert "ảnh" in plain(media)
    describe = await harness.say(ALICE, BACK)
    assert "Chuyện gì" in plain(describe)
    where = await harness.say(ALICE, BACK)
    assert "Ở đâu" in plain(where)
    category = await harness.say(ALICE, BACK, contains="loại")
    assert buttons(category)
    assert reply_keyboard(harness) == [BACK, CANCEL]  # back from "where"'s own keyboard

    confirm = await harness.say(ALICE, CANCEL)
    assert "Bỏ tin báo" in plain(confirm)
    gone = await harness.tap(ALICE, confirm, "Có, bỏ đi")
    assert "Đã bỏ bản nháp" in plain(gone) and "🚨 Báo tin" in keyboard_labels(gone)


async def test_attachments_get_one_live_acknowledgement(harness: Harness) -> None:
    api = harness.api
    await to_describe(harness, ALICE)
    question = await harness.say(ALICE, TEXT)
    before = len(api.messages_to(ALICE))
    waiter = api.wait_for_message(ALICE)
    api.send_photo(ALICE)
    ack = await waiter
    await harness.settle()
    api.send_document(ALICE)
    await harness.settle()
    await send_album(harness, ALICE, 2, "album-1")
    after = api.messages_to(ALICE)[before:]
    assert len(after) == 1, [plain(m) for m in after]
    assert "4/10" in plain(harness.current(ack))
    # One "Done" only: the question gave its button to the acknowledgement.
    assert buttons(harness.current(question)) == []
    identity = await harness.tap(ALICE, harness.current(ack), "Xong")
    assert "ẩn danh" in plain(identity).lower()
    assert not any((a.get("text") or " ").endswith(":") for a in api.callback_answers)


async def test_a_stale_press_is_answered_with_a_whole_sentence(harness: Harness) -> None:
    api = harness.api
    urgency = await start_report(harness, ALICE)
    category = await harness.tap(ALICE, urgency, "Không")
    await harness.tap(ALICE, category, "Trộm cắp")
    api.press(ALICE, category, buttons(category)[1][1], forge=True)
    await harness.settle()
    toast = api.callback_answers[-1].get("text") or ""
    assert "bước trước" in toast and not toast.endswith(":")


async def file_once(harness: Harness) -> str:
    await to_describe(harness, ALICE)
    media = await harness.say(ALICE, TEXT)
    identity = await harness.tap(ALICE, media, "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    return code_in(await harness.tap(ALICE, review, "Gửi"))


async def test_the_same_text_again_is_said_at_once_and_can_add_to_the_first(
    harness: Harness,
) -> None:
    api = harness.api
    code = await file_once(harness)
    await harness.outbox_idle()
    sent_to_rooms = len(await batches(harness.db))
    await to_describe(harness, ALICE)
    duplicate = await harness.say(ALICE, TEXT)
    assert code in plain(duplicate) and "vài phút" in plain(duplicate)
    collect = await harness.tap(ALICE, duplicate, "Bổ sung vào tin báo đó")
    assert code in plain(collect)
    await harness.settle()
    waiter = api.wait_for_message(ALICE)
    api.send_photo(ALICE)
    received = await waiter
    done = await harness.tap(ALICE, received, "Gửi phần bổ sung")
    assert "Đã bổ sung" in plain(done)
    async with harness.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Report)) == 1
        assert await session.scalar(select(func.count()).select_from(ReportFollowup)) == 1
    assert len(await batches(harness.db)) == sent_to_rooms + 1  # the follow-up, with its photo


async def test_the_same_text_with_nothing_new_sends_nothing_to_the_room(
    harness: Harness,
) -> None:
    code = await file_once(harness)
    await harness.outbox_idle()
    sent_to_rooms = len(await batches(harness.db))
    await to_describe(harness, ALICE)
    duplicate = await harness.say(ALICE, TEXT)
    again = await harness.tap(ALICE, duplicate, "Viết nội dung khác")
    assert "Chuyện gì" in plain(again)
    # Typed the same once more, then sent anyway: nothing new, nothing posted.
    duplicate = await harness.say(ALICE, TEXT)
    assert code in plain(duplicate)
    await harness.say(ALICE, "/cancel")
    assert len(await batches(harness.db)) == sent_to_rooms


async def test_a_description_typed_at_where_is_asked_about(harness: Harness) -> None:
    urgency = await start_report(harness, ALICE)
    category = await harness.tap(ALICE, urgency, "Không")
    await harness.tap(ALICE, category, "Trộm cắp")
    asked = await harness.say(ALICE, TEXT)
    assert "địa chỉ" in plain(asked) and "kể lại" in plain(asked)
    media = await harness.tap(ALICE, asked, "Đó là phần kể lại", contains="ảnh")
    assert "ảnh" in plain(media)
    identity = await harness.tap(ALICE, media, "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    assert f"Nội dung: {TEXT}" in plain(review) and "Địa chỉ: —" in plain(review)

    await harness.tap(ALICE, await harness.say(ALICE, "/cancel"), "Có, bỏ đi")
    urgency = await start_report(harness, ALICE)
    category = await harness.tap(ALICE, urgency, "Không")
    await harness.tap(ALICE, category, "Trộm cắp")
    asked = await harness.say(ALICE, "tiệm tạp hóa bà Tư")
    kept = await harness.tap(ALICE, asked, "Đó là địa chỉ")
    assert "Đã lưu địa chỉ: tiệm tạp hóa bà Tư" in plain(kept)
    saved = await harness.say(ALICE, "Ngõ 3 gần chợ Cái Rồng")
    assert "Đã lưu địa chỉ" in plain(saved)  # a plain address is not asked about
