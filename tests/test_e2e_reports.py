"""Filing incident reports end to end: the real Application against the fake Bot API."""

import logging
import re
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.services.conversations import Conversations
from bot.services.report_lifecycle import ReportLifecycle
from bot.services.reports import Filed, NewReport, Reports, Status
from bot.services.residents import Residents
from bot.storage.reports import Report, ReportAttachment
from tests.conftest import SUPERADMIN_ID
from tests.harness import (
    Harness,
    Message,
    button_data,
    buttons,
    chat_of,
    keyboard_labels,
    onboard,
    plain,
)
from tests.outbox_view import batches, rows

ALICE = 1001
BOB = 1002
TEXT = "Có hai thanh niên lạ mặt đi xe máy không biển số, đang dò hỏi nhà nào vắng chủ."


@pytest.fixture(autouse=True)
async def nothing_rejected(harness: Harness) -> AsyncIterator[None]:
    """Every call the bot made in a test was one Telegram accepts (HTML, edits, keyboards).
    With no room linked, a filed report's card goes straight to the superadmin in private, so
    the superadmin has opened the bot."""
    harness.api.add_user(SUPERADMIN_ID, "Quản trị", language_code="vi")
    yield
    assert not failures(harness)


def failures(harness: Harness) -> list[str]:
    """Calls Telegram rejected, but the superadmin's command list (they never opened the bot).
    An identical edit counts: the bot compares before editing."""
    return [r.method for r in harness.api.failed_requests() if r.method != "setMyCommands"]


def code_in(message: Message) -> str:
    found = re.search(r"\b([2-9A-Z]{8})\b", plain(message))
    assert found, plain(message)
    return found.group(1)


def flow_note(message: Message) -> bool:
    """The line that brings the flow's Back and Cancel before an inline question."""
    return any(label.startswith("✖️") for label in keyboard_labels(message))


async def start_report(harness: Harness, user: int, label: str = "🚨 Báo tin") -> Message:
    """The first question (after the line that brings the flow's Back and Cancel), or the
    refusal."""
    waiter = harness.api.wait_for_message(user, lambda m: not flow_note(m))
    harness.api.send_text(user, label)
    return await waiter


async def to_describe(harness: Harness, user: int) -> Message:
    """From the menu to the "what happened" question: not urgent, theft, home commune."""
    urgency = await start_report(harness, user)
    category = await harness.tap(user, urgency, "Không")
    where = await harness.tap(user, category, "Trộm cắp")
    assert "Đặc khu Vân Đồn" in plain(where)
    return await harness.say(user, "➡️ Tiếp tục")


async def to_review(harness: Harness, user: int, text: str = TEXT) -> Message:
    await to_describe(harness, user)
    media = await harness.say(user, text)
    identity = await harness.tap(user, media, "Xong")
    return await harness.tap(user, identity, "Ẩn danh")


async def send_album(harness: Harness, user: int, count: int, group: str) -> None:
    for _ in range(count):
        harness.api.send_photo(user, media_group_id=group)
    await harness.settle()


async def test_anonymous_report_with_album_and_pin_survives_a_restart(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", username="alice_vd", language_code="vi")
    await onboard(harness, ALICE)

    urgency = await start_report(harness, ALICE)
    assert "nguy hiểm" in plain(urgency)
    category = await harness.tap(ALICE, urgency, "Không")
    labels = [text for text, _ in buttons(category)]
    assert "🔓 Trộm cắp" in labels and "📰 Tin giả" in labels
    where = await harness.tap(ALICE, category, "Trộm cắp")
    assert "📍 Gửi vị trí của tôi" in keyboard_labels(where)

    waiter = api.wait_for_message(ALICE)
    api.send_location(ALICE, 21.0703, 107.4251)
    pin = await waiter
    assert "Đã lưu vị trí" in plain(pin) and "xa" not in plain(pin)
    await harness.say(ALICE, "Ngõ 3 gần chợ Cái Rồng")

    await harness.restart()

    describe = await harness.say(ALICE, "➡️ Tiếp tục")
    assert "Chuyện gì đã xảy ra" in plain(describe)
    media = await harness.say(ALICE, TEXT)
    assert "ảnh" in plain(media)

    before = len(api.messages_to(ALICE))
    await send_album(harness, ALICE, 3, "album-1")
    acks = api.messages_to(ALICE)[before:]
    assert len(acks) == 1, [plain(m) for m in acks]
    assert "3/10" in plain(harness.current(acks[0]))

    await harness.restart()
    identity = await harness.tap(ALICE, harness.current(acks[0]), "Xong")
    assert "ẩn danh" in plain(identity).lower()
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    text = plain(review)
    assert "Trộm cắp" in text and "Ngõ 3 gần chợ Cái Rồng" in text and "3" in text
    assert "đã gửi" in text  # the pin

    filed = await harness.tap(ALICE, review, "Gửi")
    code = code_in(filed)
    assert "Cảm ơn" in plain(filed) and "4 giờ" in plain(filed)
    assert keyboard_labels(filed)[0] == "🚨 Báo tin"

    async with harness.db.transaction() as session:
        report = await session.scalar(select(Report).where(Report.code == code))
        assert report is not None
        assert report.anonymous and report.address == "Ngõ 3 gần chợ Cái Rồng"
        assert (report.latitude, report.longitude, report.location_outside) == (
            21.0703,
            107.4251,
            False,
        )
        photos = list(await session.scalars(select(ReportAttachment)))
    assert len(photos) == 3 and {p.kind for p in photos} == {"photo"}

    await see_it_in_my_reports_and_add_a_followup(harness, code)


async def see_it_in_my_reports_and_add_a_followup(harness: Harness, code: str) -> None:
    listing = await harness.say(ALICE, "📂 Tin báo của tôi")
    assert code in plain(listing) and "Đã nhận" in plain(listing)
    detail = await harness.tap_and_settle(ALICE, listing, code)
    assert "Diễn biến" in plain(detail) and TEXT[:30] in plain(detail)

    ask = await harness.tap(ALICE, detail, "Bổ sung")
    assert code in plain(ask)
    got = await harness.say(ALICE, "Một người mặc áo khoác đỏ, đi về phía bến tàu.")
    done = await harness.tap(ALICE, got, "Gửi phần bổ sung")
    assert "Đã bổ sung" in plain(done)
    listing = await harness.say(ALICE, "📂 Tin báo của tôi")
    detail = await harness.tap_and_settle(ALICE, listing, code)
    assert "bạn bổ sung thông tin" in plain(detail)


async def test_urgent_answer_shows_emergency_numbers_and_marks_the_report(
    harness: Harness,
) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    urgency = await start_report(harness, ALICE)
    waiter = harness.api.wait_for_message(ALICE, lambda m: "113" in (m.get("text") or ""))
    harness.api.press(ALICE, urgency, button_data(urgency, "Có, đang xảy ra"))
    numbers = await waiter
    assert "114" in plain(numbers) and "115" in plain(numbers) and "khẩn cấp" in plain(numbers)
    await harness.settle()
    category = harness.api.last_message(ALICE)
    where = await harness.tap(ALICE, category, "Trộm cắp")
    describe = await harness.say(ALICE, "➡️ Tiếp tục")
    assert "Chuyện gì" in plain(describe)
    media = await harness.say(ALICE, TEXT)
    identity = await harness.tap(ALICE, media, "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    assert "Khẩn cấp: có" in plain(review)
    filed = await harness.tap(ALICE, review, "Gửi")
    assert "15 phút" in plain(filed)
    assert where  # the where step was shown


async def test_fake_news_points_to_rumor_check(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    urgency = await start_report(harness, ALICE)
    category = await harness.tap(ALICE, urgency, "Không")
    pointed = await harness.tap_and_settle(ALICE, category, "Tin giả")
    assert "Kiểm tra tin đồn" in plain(pointed)
    assert any("Trộm cắp" in label for label, _ in buttons(pointed))


async def test_bad_inputs_at_every_step_get_a_hint_and_lose_nothing(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)

    urgency = await start_report(harness, ALICE)
    hint = await harness.say(ALICE, "có chuyện rồi")
    assert "nút" in plain(hint) and "nguy hiểm" in plain(hint)
    waiter = api.wait_for_message(ALICE)
    api.send_sticker(ALICE)
    assert "nguy hiểm" in plain(await waiter)

    category = await harness.tap(ALICE, urgency, "Không")
    hint = await harness.say(ALICE, "trộm")
    assert "Chọn loại" in plain(hint) and buttons(hint)

    where = await harness.tap(ALICE, category, "Trộm cắp")
    waiter = api.wait_for_message(ALICE)
    api.send_sticker(ALICE)
    assert "vị trí" in plain(await waiter)
    waiter = api.wait_for_message(ALICE)
    api.send_location(ALICE, 10.7769, 106.7009)  # Ho Chi Minh City: far outside Quảng Ninh
    far = await waiter
    assert "ở xa" in plain(far)
    long_address = await harness.say(ALICE, "x" * 301)
    assert "quá dài" in plain(long_address)

    describe = await harness.say(ALICE, "➡️ Tiếp tục")
    assert where and "Chuyện gì" in plain(describe)
    await bad_inputs_from_describe_to_sending(harness)


async def bad_inputs_from_describe_to_sending(harness: Harness) -> None:
    api = harness.api
    waiter = api.wait_for_message(ALICE)
    api.send_sticker(ALICE)
    assert "gõ chữ" in plain(await waiter)
    short = await harness.say(ALICE, "Trộm xe")
    assert "hơi ngắn" in plain(short) and "7" in plain(short)
    media = await harness.say(ALICE, "máy ở chợ")
    assert "ảnh" in plain(media)

    added = await harness.say(ALICE, "Biển số 14B1")
    assert "Đã thêm vào phần nội dung" in plain(added)
    waiter = api.wait_for_message(ALICE)
    api.send_sticker(ALICE)
    assert "ảnh, video" in plain(await waiter)
    identity = await harness.say(ALICE, "xong")
    assert "Ẩn danh" in plain(identity)

    hint = await harness.say(ALICE, "ẩn danh")
    assert "nút" in plain(hint)
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    assert "Trộm xe\nmáy ở chợ" in review["text"] or "Trộm xe máy ở chợ" in plain(review)
    assert "Biển số 14B1" in plain(review)
    assert "ở xa khu vực" in plain(review)
    hint = await harness.say(ALICE, "gửi đi")
    assert "Xem lại tin báo" in plain(hint) and buttons(hint)

    filed = await harness.tap(ALICE, hint, "Gửi")
    code = code_in(filed)
    async with harness.db.transaction() as session:
        report = await session.scalar(select(Report).where(Report.code == code))
    assert report is not None and report.location_outside
    assert report.text == "Trộm xe\nmáy ở chợ\nBiển số 14B1"
    assert not failures(harness)


async def test_too_long_description_can_be_trimmed(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await to_describe(harness, ALICE)
    too_long = await harness.say(ALICE, "a" * 3500)
    assert "3500" in plain(too_long) and "3000" in plain(too_long)
    media = await harness.tap(ALICE, too_long, "Giữ 3000")
    assert "ảnh" in plain(media)
    identity = await harness.tap(ALICE, media, "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    await harness.tap(ALICE, review, "Gửi")
    async with harness.db.transaction() as session:
        report = await session.scalar(select(Report))
    assert report is not None and len(report.text) == 3000


async def test_photos_before_the_attachment_step_are_kept(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await to_describe(harness, ALICE)
    waiter = api.wait_for_message(ALICE)
    api.send_photo(ALICE, caption="Xe máy đỏ đỗ trước cổng nhà tôi cả đêm")
    media = await waiter
    assert "ảnh" in plain(media)
    identity = await harness.tap(ALICE, media, "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    assert "Tệp đính kèm: 1" in plain(review)
    assert "Xe máy đỏ" in plain(review)


async def test_more_than_ten_attachments_are_refused_kindly(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await to_describe(harness, ALICE)
    await harness.say(ALICE, TEXT)
    before = len(api.messages_to(ALICE))
    await send_album(harness, ALICE, 8, "a1")
    await send_album(harness, ALICE, 4, "a2")
    acks = api.messages_to(ALICE)[before:]
    assert len(acks) == 1  # one acknowledgement, edited as files came
    assert "tối đa" in plain(harness.current(acks[0]))
    identity = await harness.tap(ALICE, harness.current(acks[0]), "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    assert "Tệp đính kèm: 10" in plain(review)


async def test_named_report_with_own_phone_number(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await to_describe(harness, ALICE)
    media = await harness.say(ALICE, TEXT)
    identity = await harness.tap(ALICE, media, "Xong")
    phone = await harness.tap(ALICE, identity, "Ghi tên")
    assert "📱 Gửi số điện thoại của tôi" in keyboard_labels(phone)
    waiter = api.wait_for_message(ALICE)
    api.send_contact(ALICE, "+84900000001", first_name="Someone", own=False)
    assert "số của chính bạn" in plain(await waiter)
    waiter = api.wait_for_message(ALICE, lambda m: "Xem lại" in (m.get("text") or ""))
    api.send_contact(ALICE, "+84912345678")
    review = await waiter
    assert "Alice, +84912345678" in plain(review)
    await harness.tap(ALICE, review, "Gửi")
    async with harness.db.transaction() as session:
        report = await session.scalar(select(Report))
    assert report is not None and not report.anonymous
    assert (report.reporter_name, report.reporter_phone) == ("Alice", "+84912345678")


async def test_editing_a_part_returns_to_the_review(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    review = await to_review(harness, ALICE)
    parts = await harness.tap_and_settle(ALICE, review, "Sửa")
    assert "Bạn muốn sửa phần nào" in plain(parts)
    category = await harness.tap(ALICE, parts, "Loại vụ việc")
    review = await harness.tap(ALICE, category, "Ma túy")
    assert "Loại: Ma túy" in plain(review)

    parts = await harness.tap_and_settle(ALICE, review, "Sửa")
    commune_ask = await harness.tap(ALICE, parts, "Địa điểm")
    asked = await harness.say(ALICE, "🏘 Đổi xã/phường")
    matches = await harness.say(ALICE, "ba che")
    assert commune_ask and asked
    where = await harness.tap(ALICE, matches, "Xã Ba Chẽ")
    assert "Xã Ba Chẽ" in plain(where)
    await harness.say(ALICE, "➡️ Tiếp tục")
    await harness.settle()
    review = harness.api.last_message(ALICE)
    assert "Xã/phường: Xã Ba Chẽ" in plain(review)
    await harness.tap(ALICE, review, "Gửi")
    async with harness.db.transaction() as session:
        report = await session.scalar(select(Report))
    assert report is not None and (report.category, report.commune_code) == ("drugs", 6970)


async def test_old_buttons_from_earlier_steps_change_nothing(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    urgency = await start_report(harness, ALICE)
    old_yes = button_data(urgency, "Có, đang xảy ra")
    category = await harness.tap(ALICE, urgency, "Không")
    old_category = button_data(category, "Ma túy")
    await harness.tap(ALICE, category, "Trộm cắp")
    await harness.say(ALICE, "➡️ Tiếp tục")

    waiter = api.wait_for_message(ALICE)
    api.press(ALICE, urgency, old_yes, forge=True)
    hint = await waiter
    assert "bước trước" in plain(hint) and "Chuyện gì" in plain(hint)
    api.press(ALICE, category, old_category, forge=True)
    api.press(ALICE, urgency, "rp:u:zzzzzz:y", forge=True)  # a draft that never existed
    await harness.settle()
    assert any("bước trước" in (a.get("text") or "") for a in api.callback_answers)
    assert any("cũ" in (a.get("text") or "") for a in api.callback_answers)

    review = await to_review_from_describe(harness)
    assert "Trộm cắp" in plain(review) and "Khẩn cấp: không" in plain(review)
    assert not failures(harness)


async def to_review_from_describe(harness: Harness) -> Message:
    media = await harness.say(ALICE, TEXT)
    identity = await harness.tap(ALICE, media, "Xong")
    return await harness.tap(ALICE, identity, "Ẩn danh")


async def test_cancel_asks_first_then_discards(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await to_describe(harness, ALICE)
    confirm = await harness.say(ALICE, "/cancel")
    assert "Bỏ tin báo" in plain(confirm)
    again = await harness.tap(ALICE, confirm, "Không, làm tiếp")
    assert "Chuyện gì" in plain(again)
    confirm = await harness.say(ALICE, "/cancel")
    gone = await harness.tap(ALICE, confirm, "Có, bỏ đi")
    assert "Đã bỏ bản nháp" in plain(gone)
    assert await Conversations(harness.db).get(ALICE) is None


async def test_new_report_while_a_draft_exists_offers_continue_or_discard(
    harness: Harness,
) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await to_describe(harness, ALICE)
    offer = await start_report(harness, ALICE)
    assert "chưa gửi" in plain(offer)
    describe = await harness.tap(ALICE, offer, "Làm tiếp")
    assert "Chuyện gì" in plain(describe)
    offer = await harness.say(ALICE, "/report")
    urgency = await harness.tap(ALICE, offer, "Bỏ bản nháp", contains="nguy hiểm")
    assert buttons(urgency)


async def file_through_telegram(harness: Harness, user: int, text: str = TEXT) -> Message:
    review = await to_review(harness, user, text)
    return await harness.tap(user, review, "Gửi")


async def test_rate_limit_gives_a_kind_cooldown_with_the_wait(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    reports = Reports(harness.db, per_hour=harness.settings.bot_reports_per_hour)
    for i in range(harness.settings.bot_reports_per_hour):
        filed = await reports.file(ALICE, NewReport(6994, "theft", False, f"{TEXT} #{i}", True))
        assert isinstance(filed, Filed)
    cooldown = await start_report(harness, ALICE)
    assert "Cảm ơn" in plain(cooldown) and re.search(r"\d+ phút", plain(cooldown))
    assert keyboard_labels(cooldown)  # back on the main menu
    assert await Conversations(harness.db).get(ALICE) is None


async def test_rate_limit_reached_while_reviewing_keeps_the_draft(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    review = await to_review(harness, ALICE)
    reports = Reports(harness.db, per_hour=harness.settings.bot_reports_per_hour)
    for i in range(harness.settings.bot_reports_per_hour):
        await reports.file(ALICE, NewReport(6994, "theft", False, f"Vụ khác số {i} ở bến", True))
    refused = await harness.tap(ALICE, review, "Gửi")
    assert "phút" in plain(refused) and "Bản nháp vẫn được giữ" in plain(refused)
    state = await Conversations(harness.db).get(ALICE)
    assert state is not None and state.step == "review"


async def test_same_text_twice_is_said_as_soon_as_it_is_typed(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    first = code_in(await file_through_telegram(harness, ALICE))
    await to_describe(harness, ALICE)
    said = await harness.say(ALICE, TEXT.upper())
    assert "vài phút" in plain(said) and code_in(said) == first
    async with harness.db.transaction() as session:
        assert len(list(await session.scalars(select(Report)))) == 1


async def test_blocked_resident_is_refused_politely(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await Residents(harness.db).block(ALICE, "spam")
    refusal = await start_report(harness, ALICE)
    assert "Xin lỗi" in plain(refusal) and "không thể gửi" in plain(refusal)
    refusal = await harness.say(ALICE, "/report")
    assert "không thể gửi" in plain(refusal)


async def test_my_reports_paginates_newest_first(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    empty = await harness.say(ALICE, "📂 Tin báo của tôi")
    assert "chưa gửi tin báo nào" in plain(empty)
    reports = Reports(harness.db, per_hour=100)
    codes = []
    for i in range(7):
        filed = await reports.file(ALICE, NewReport(6994, "fraud", False, f"{TEXT} #{i}", True))
        assert isinstance(filed, Filed)
        codes.append(filed.code)
    page1 = await harness.say(ALICE, "/myreports")
    assert "trang 1/2" in plain(page1)
    shown = [text.split(" · ")[0] for text, data in buttons(page1) if data.startswith("mr:o:")]
    page2 = await harness.tap_and_settle(ALICE, page1, "Sau")
    shown += [text.split(" · ")[0] for text, data in buttons(page2) if data.startswith("mr:o:")]
    assert set(shown) == set(codes) and len(shown) == 7
    # Someone else's code, forged into a button, shows nothing of that report.
    harness.api.add_user(BOB, "Bob", language_code="vi")
    await onboard(harness, BOB)
    listing = await harness.say(BOB, "📂 Tin báo của tôi")
    harness.api.press(BOB, listing, f"mr:o:{codes[0]}", forge=True)
    harness.api.press(BOB, listing, f"mr:a:{codes[0]}", forge=True)
    await harness.settle()
    assert all(codes[0] not in plain(m) for m in harness.api.messages_to(BOB))
    assert await Conversations(harness.db).get(BOB) is None


async def test_followup_album_is_acknowledged_once(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    code = code_in(await file_through_telegram(harness, ALICE))
    listing = await harness.say(ALICE, "📂 Tin báo của tôi")
    detail = await harness.tap_and_settle(ALICE, listing, code)
    ask = await harness.tap(ALICE, detail, "Bổ sung")
    empty_send = button_data(ask, "Gửi phần bổ sung")
    api.press(ALICE, ask, empty_send)
    await harness.settle()
    assert any("Chưa có gì" in (a.get("text") or "") for a in api.callback_answers)
    before = len(api.messages_to(ALICE))
    await send_album(harness, ALICE, 3, "later")
    acks = api.messages_to(ALICE)[before:]
    assert len(acks) == 1 and "3 tệp" in plain(harness.current(acks[0]))
    done = await harness.tap(ALICE, harness.current(acks[0]), "Gửi phần bổ sung")
    assert code in plain(done)
    async with harness.db.transaction() as session:
        files = list(await session.scalars(select(ReportAttachment)))
    assert len(files) == 3 and all(f.followup_id is not None for f in files)


async def test_status_changes_reach_the_reporter_in_their_language(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    api.add_user(BOB, "Bob", language_code="en")
    await onboard(harness, ALICE)
    greeting = await harness.say(BOB, "/start")
    ask = await harness.tap(BOB, greeting, "I agree")
    matches = await harness.say(BOB, "van don")
    assert ask
    harness.api.press(BOB, matches, buttons(matches)[0][1])
    await harness.settle()
    alice_code = code_in(await file_through_telegram(harness, ALICE))
    urgency = await start_report(harness, BOB, "🚨 Report an incident")
    category = await harness.tap(BOB, urgency, "No")
    await harness.tap(BOB, category, "Theft")
    await harness.say(BOB, "➡️ Continue")
    media = await harness.say(BOB, "Someone is stealing fishing nets at the pier every night.")
    identity = await harness.tap(BOB, media, "Done")
    review = await harness.tap(BOB, identity, "Anonymous")
    bob_code = code_in(await harness.tap(BOB, review, "Send"))
    await harness.outbox_idle()  # the cards of both reports are in the room

    lifecycle = ReportLifecycle(harness.db)
    await lifecycle.change_status(alice_code, Status.ACKNOWLEDGED, note="Đã cử tổ tuần tra")
    await lifecycle.change_status(bob_code, Status.IN_PROGRESS)
    await lifecycle.change_status(bob_code, Status.RESOLVED, note="nghi phạm: X", visible=False)
    assert await harness.drain() == 2
    alice_update = api.last_message(ALICE)
    assert alice_code in plain(alice_update) and "Đã tiếp nhận" in plain(alice_update)
    assert "Đã cử tổ tuần tra" in plain(alice_update)
    bob_update = api.last_message(BOB)
    assert bob_code in plain(bob_update) and "Being handled" in plain(bob_update)
    assert "nghi phạm" not in " ".join(api.all_outgoing_text())
    assert await harness.drain() == 0

    listing = await harness.say(ALICE, "📂 Tin báo của tôi")
    detail = await harness.tap_and_settle(ALICE, listing, alice_code)
    assert "Đã tiếp nhận" in plain(detail) and "Đã cử tổ tuần tra" in plain(detail)


async def test_deleteme_unlinks_reports(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    code = code_in(await file_through_telegram(harness, ALICE))
    confirm = await harness.say(ALICE, "/deleteme")
    await harness.tap_and_settle(ALICE, confirm, "Xóa dữ liệu")
    async with harness.db.transaction() as session:
        report = await session.scalar(select(Report).where(Report.code == code))
    assert report is not None and report.reporter_id is None
    await ReportLifecycle(harness.db).change_status(code, Status.ACKNOWLEDGED)
    assert await batches(harness.db, "report_status") == []


MAI = 731_044_298
MAI_MARKERS = ("731044298", "Mai", "Nguyễn", "mai_vandon", "987654321", "tg://user")


async def test_anonymous_report_never_reveals_the_reporter(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Checked over every request the fake Bot API received and every log line at INFO+."""
    caplog.set_level(logging.INFO)
    api = harness.api
    api.add_user(MAI, "Mai", last_name="Nguyễn", username="mai_vandon", language_code="vi")
    api.add_user(BOB, "Bob", language_code="vi")
    await onboard(harness, MAI)
    await onboard(harness, BOB)

    urgency = await start_report(harness, MAI)
    category = await harness.tap(MAI, urgency, "Có, đang xảy ra")
    await harness.settle()
    category = api.last_message(MAI)
    await harness.tap(MAI, category, "Ma túy")
    api.send_location(MAI, 21.05, 107.40)
    api.send_contact(MAI, "+84987654321")  # sent by mistake at the "where" step: not kept
    await harness.settle()
    await harness.say(MAI, "➡️ Tiếp tục")
    secret_text = "Nhà số 9 có người bán ma túy cho học sinh vào buổi tối."
    api.send_message(
        MAI,
        text=secret_text,
        forward_origin={"type": "hidden_user", "sender_user_name": "Mai Nguyễn", "date": 1},
    )
    await harness.settle()
    await send_album(harness, MAI, 3, "evidence")
    api.send_voice(MAI)
    await harness.settle()
    identity = await harness.tap(MAI, harness.current(api.last_message(MAI)), "Xong")
    review = await harness.tap(MAI, identity, "Ẩn danh")
    # With no room linked the card goes to the superadmin in private, at once.
    posted = api.wait_for_message(SUPERADMIN_ID)
    code = code_in(await harness.tap(MAI, review, "Gửi"))
    card_message = await posted
    assert code in plain(card_message)
    await api.wait_for_message(SUPERADMIN_ID, lambda m: m["kind"] == "voice", include_existing=True)
    await harness.say(BOB, "/help")

    assert not api.requests_for("forwardMessage") and not api.requests_for("forwardMessages")
    for request in api.requests:
        if request.chat_id == MAI:
            continue
        dumped = str(request.params)
        leaked = [marker for marker in MAI_MARKERS if marker in dumped]
        assert not leaked, (request.method, leaked)
        if request.chat_id != SUPERADMIN_ID:  # the police read what happened, not who said it
            assert secret_text not in dumped
    # Even in her own chat the bot never echoes her identity back.
    for text in api.all_outgoing_text():
        assert not any(marker in text for marker in ("mai_vandon", "987654321", "Nguyễn"))

    lines = [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.INFO and not record.name.startswith(("aiohttp", "tests"))
    ]
    assert any(code in line for line in lines)  # the code is fine, and proves we looked
    for line in lines:
        assert not any(marker in line for marker in MAI_MARKERS), line
        assert secret_text[:20] not in line

    lifecycle = ReportLifecycle(harness.db)
    card = await lifecycle.card(code)
    exported = repr(card)
    assert card.anonymous and card.reporter_name is None and card.reporter_phone is None
    assert not any(marker in exported for marker in MAI_MARKERS)
    assert [state for *_, state in await rows(harness.db, "room_card")] == ["sent"]
    assert kinds_under(harness, card_message) == ["location"] + ["photo"] * 3 + ["voice"]


def kinds_under(harness: Harness, card: Message) -> list[str]:
    """What was posted in reply to a card (its pin and attachments), sorted by kind."""
    return sorted(
        m["kind"]
        for m in harness.api.messages_to(chat_of(card))
        if m.get("reply_to_message_id") == card["message_id"]
    )


async def test_start_after_a_restart_offers_the_unsent_draft(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await to_describe(harness, ALICE)
    await harness.restart()
    await harness.say(ALICE, "/start")
    await harness.settle()
    offer = api.last_message(ALICE)
    assert "chưa gửi" in plain(offer)
    describe = await harness.tap(ALICE, offer, "Làm tiếp")
    assert "Chuyện gì" in plain(describe)
    media = await harness.say(ALICE, TEXT)
    assert "ảnh" in plain(media)


async def test_attachments_can_be_replaced_while_editing(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await to_describe(harness, ALICE)
    await harness.say(ALICE, TEXT)
    await send_album(harness, ALICE, 2, "wrong")
    identity = await harness.tap(ALICE, harness.current(api.last_message(ALICE)), "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    assert "Tệp đính kèm: 2" in plain(review)
    parts = await harness.tap_and_settle(ALICE, review, "Sửa")
    media = await harness.tap(ALICE, parts, "Tệp đính kèm")
    emptied = await harness.tap(ALICE, media, "Bỏ 2 tệp")
    ack_waiter = api.wait_for_message(ALICE)
    api.send_document(ALICE)
    ack = await ack_waiter
    assert emptied and "1/10" in plain(ack)
    review = await harness.tap(ALICE, ack, "Xong")
    assert "Tệp đính kèm: 1" in plain(review)


async def test_a_photo_at_the_review_is_kept_and_an_unsent_draft_blocks_followups(
    harness: Harness,
) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    code = code_in(await file_through_telegram(harness, ALICE))
    await to_review(harness, ALICE, "Một vụ khác: có người đốt rác thải nhựa ở bờ sông.")
    waiter = api.wait_for_message(ALICE)
    api.send_photo(ALICE)
    review = await waiter
    assert "Đã giữ lại" in plain(review) and "Tệp đính kèm: 1" in plain(review)

    listing = await harness.say(ALICE, "📂 Tin báo của tôi")
    detail = await harness.tap_and_settle(ALICE, listing, code)
    api.press(ALICE, detail, button_data(detail, "Bổ sung"))
    await harness.settle()
    assert any("chưa gửi" in (a.get("text") or "") for a in api.callback_answers)
    state = await Conversations(harness.db).get(ALICE)
    assert state is not None and (state.flow, state.step) == ("report", "review")


async def test_changing_the_commune_handles_bad_input(harness: Harness) -> None:
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    urgency = await start_report(harness, ALICE)
    category = await harness.tap(ALICE, urgency, "Không")
    await harness.tap(ALICE, category, "Lừa đảo")
    ask = await harness.say(ALICE, "🏘 Đổi xã/phường")
    assert "Gõ tên xã" in plain(ask)
    waiter = api.wait_for_message(ALICE)
    api.send_sticker(ALICE)
    assert "gõ chữ" in plain(await waiter)
    none = await harness.say(ALICE, "zzzz qqqq")
    assert "Không tìm thấy" in plain(none)
    back = await harness.tap(ALICE, none, "Quay lại")
    assert "Đặc khu Vân Đồn" in plain(back)
    describe = await harness.say(ALICE, "➡️ Tiếp tục")
    assert "Chuyện gì" in plain(describe)
