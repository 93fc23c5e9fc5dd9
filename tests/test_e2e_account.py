"""Settings, language, /mydata, /deleteme, and bad input, as a resident would meet them."""

import logging

import pytest

from bot.services.residents import Residents
from tests.conftest import TEST_TOKEN
from tests.harness import Harness, buttons, keyboard_labels, onboard, plain

ALICE = 1001
POLL = {
    "id": "5",
    "question": "Ai đi họp tổ?",
    "options": [
        {"text": "Có", "voter_count": 0, "persistent_id": "a"},
        {"text": "Không", "voter_count": 0, "persistent_id": "b"},
    ],
    "total_voter_count": 0,
    "is_closed": False,
    "is_anonymous": True,
    "type": "regular",
    "allows_multiple_answers": False,
    "allows_revoting": False,
    "members_only": False,
}


@pytest.fixture
async def alice(harness: Harness) -> int:
    harness.api.add_user(ALICE, "Alice", username="alice_vd", language_code="vi")
    await onboard(harness, ALICE)
    return ALICE


async def test_switching_language_changes_menu_and_texts(harness: Harness, alice: int) -> None:
    choose = await harness.say(alice, "/language")
    waiter = harness.api.wait_for_message(alice, lambda m: bool(keyboard_labels(m)))
    harness.api.press(alice, choose, dict((t, d) for t, d in buttons(choose))["English"])
    menu = await waiter
    assert "📂 My reports" in keyboard_labels(menu)
    assert "Switched to English" in plain(harness.current(choose))
    help_text = await harness.say(alice, "/help")
    assert "Commands:" in plain(help_text)


async def test_old_keyboard_in_other_language_still_works(harness: Harness, alice: int) -> None:
    await Residents(harness.db).set_locale(alice, "en")
    settings = await harness.say(alice, "⚙️ Cài đặt")
    assert "Settings" in plain(settings)


async def test_settings_choose_notifications_quiet_hours_and_commune(
    harness: Harness, alice: int
) -> None:
    residents = Residents(harness.db)
    settings = await harness.say(alice, "⚙️ Cài đặt")
    assert "Đặc khu Vân Đồn" in plain(settings)
    assert "cảnh báo, thông báo chung, tin tích cực · yên tĩnh 22:00–06:00" in plain(settings)
    choices = await harness.tap_and_settle(alice, settings, "Chọn thông báo")
    assert "Cảnh báo: bật" in plain(choices) or "Cảnh báo: bật" in str(buttons(choices))
    choices = await harness.tap_and_settle(alice, choices, "Tin tích cực: bật")
    assert "Tin tích cực: tắt" in str(buttons(choices))
    assert harness.api.callback_answers[-1]["text"] == "🔕 Đã tắt."
    choices = await harness.tap_and_settle(alice, choices, "Cảnh báo: bật")
    resident = await residents.get(alice)
    assert resident is not None and not resident.notify_warnings and not resident.notify_positive
    assert resident.notify_announcements

    hours = await harness.tap_and_settle(alice, choices, "Giờ yên tĩnh")
    assert "Chọn khung giờ" in plain(hours)
    # A forged choice is refused and changes nothing; an offered one is kept.
    harness.api.press(alice, hours, "st:qs:60:120", forge=True)
    await harness.settle()
    assert "cũ" in harness.api.callback_answers[-1]["text"]
    chosen = await harness.tap_and_settle(alice, hours, "21:00–07:00")
    resident = await residents.get(alice)
    assert resident is not None and (resident.quiet_start, resident.quiet_end) == (1260, 420)
    assert "thông báo chung · yên tĩnh 21:00–07:00" in plain(chosen)
    back = await harness.tap_and_settle(alice, chosen, "Quay lại")
    assert "Cài đặt" in plain(back)

    ask = await harness.tap(alice, back, "Đổi xã")
    assert "van don" in plain(ask)
    matches = await harness.say(alice, "binh lieu")
    saved = await harness.tap_and_settle(alice, matches, "Bình Liêu")
    assert "Xã Bình Liêu" in plain(saved)
    resident = await Residents(harness.db).get(alice)
    assert resident is not None and resident.home_commune_code == 6838


async def test_mydata_shows_what_is_stored(harness: Harness, alice: int) -> None:
    data = await harness.say(alice, "/mydata")
    text = plain(data)
    assert str(alice) in text
    assert "Đặc khu Vân Đồn" in text
    assert "Tiếng Việt" in text
    assert "người dân" in text


async def test_deleteme_asks_then_erases(harness: Harness, alice: int) -> None:
    confirm = await harness.say(alice, "/deleteme")
    kept = await harness.tap_and_settle(alice, confirm, "Không")
    assert "vẫn được giữ" in plain(kept)
    assert await Residents(harness.db).get(alice) is not None

    confirm = await harness.say(alice, "/deleteme")
    done = await harness.tap_and_settle(alice, confirm, "Xóa dữ liệu")
    assert "Đã xóa" in plain(done)
    assert await Residents(harness.db).get(alice) is None
    # A second tap on the same (now edited) confirmation creates nothing again.
    harness.api.press(alice, confirm, "dm:yes", forge=True)
    await harness.settle()
    assert await Residents(harness.db).get(alice) is None


async def test_cancel_with_nothing_in_progress(harness: Harness, alice: int) -> None:
    assert "Không có việc gì" in plain(await harness.say(alice, "/cancel"))


async def test_unknown_command_and_unsupported_messages(harness: Harness, alice: int) -> None:
    api = harness.api
    assert "/help" in plain(await harness.say(alice, "/frobnicate"))
    for send in (
        lambda: api.send_sticker(alice),
        lambda: api.send_voice(alice),
        lambda: api.send_contact(alice, "+84900000000"),
        lambda: api.send_message(alice, poll=POLL),
        lambda: api.send_location(alice, 21.0, 107.4),
    ):
        waiter = api.wait_for_message(alice)
        send()
        reply = await waiter
        assert "chưa xử lý được" in plain(reply)
    free_text = await harness.say(alice, "xin chào")
    assert keyboard_labels(free_text)  # pointed back at the menu


async def test_edited_message_gets_a_hint(harness: Harness, alice: int) -> None:
    api = harness.api
    sent = api.send_text(alice, "xin chao")
    await harness.settle()
    waiter = api.wait_for_message(alice)
    api.edit_text(alice, sent, "xin chào")
    assert "đã sửa" in plain(await waiter)


async def test_forged_and_malformed_buttons_are_refused_politely(
    harness: Harness, alice: int
) -> None:
    api = harness.api
    menu = api.last_message(alice)
    for data in ("cm:s:4", "cm:s:abc", "cm:p:22:99", "zz:top", "x" * 64, "st:nope", "lg:fr"):
        api.press(alice, menu, data, forge=True)
    await harness.settle()
    answers = [a.get("text") or "" for a in api.callback_answers[-7:]]
    assert len(answers) == 7
    assert all("cũ" in text for text in answers), answers
    resident = await Residents(harness.db).get(alice)
    assert resident is not None and resident.home_commune_code == 6994 and resident.locale == "vi"


async def test_resident_who_blocked_the_bot_is_marked_unreachable(
    harness: Harness, alice: int
) -> None:
    harness.api.block_bot(alice)
    harness.api.send_text(alice, "/help")
    await harness.settle()
    from sqlalchemy import select

    from bot.storage.models import User

    async with harness.db.transaction() as session:
        unreachable = await session.scalar(
            select(User.unreachable_at).where(User.telegram_id == alice)
        )
    assert unreachable is not None


async def test_no_token_and_no_identity_in_logs(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    harness.api.add_user(1002, "Nguyễn Văn Bình", username="binh_secret", language_code="vi")
    await onboard(harness, 1002)
    await harness.say(1002, "/mydata")
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert TEST_TOKEN not in logged
    assert "binh_secret" not in logged and "Nguyễn Văn Bình" not in logged
    assert "1002" not in logged


async def test_flood_limit_is_waited_out_and_the_reply_arrives(
    harness: Harness, alice: int
) -> None:
    harness.api.fail_with_429(method="sendMessage", times=1, retry_after=1)
    reply = await harness.say(alice, "/help")
    assert "Bình Yên" in plain(reply)
    assert any(r.error_code == 429 for r in harness.api.requests_for("sendMessage"))


async def test_a_failing_handler_logs_the_update_and_apologises(
    harness: Harness, alice: int, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert harness.app is not None
    services = harness.app.bot_data["services"]

    async def broken(*_: object) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(services.roles, "of", broken)
    reply = await harness.say(alice, "/mydata")
    assert "đã có lỗi xảy ra" in plain(reply)
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert failures and "failed" in failures[0].getMessage()
    assert failures[0].exc_info is not None


async def test_every_menu_item_leads_to_its_feature(harness: Harness, alice: int) -> None:
    reply = await harness.say(alice, "🤝 Tổ tự quản")
    assert "đang được hoàn thiện" not in plain(reply)
    assert "Các tổ tự quản của Đặc khu Vân Đồn" in plain(reply)
