"""Button presses Telegram would reject an answer to: a press answered twice (once by the
handler, once by the error handler), and edits that change nothing (a page shown again, a double
tap). Telegram rejects both; the bot must make neither call."""

from datetime import timedelta

from bot.services.inbox import MAX_ATTEMPTS, incoming
from bot.storage.models import utcnow
from tests.conftest import SUPERADMIN_ID
from tests.fakebotapi import RecordedRequest
from tests.harness import Harness, Message, button_data, buttons, onboard, plain
from tests.test_e2e_reports import TEXT, to_describe

ALICE = 1001
# Longer than Telegram takes an answer to a press.
QUERY_WINDOW = timedelta(seconds=20)


def rejected(harness: Harness) -> list[str]:
    """Calls Telegram refused that a test did not cause on purpose."""
    return [str(r) for r in harness.api.failed_requests() if not _provoked(r)]


def _provoked(request: RecordedRequest) -> bool:
    # The superadmin of the settings never opened the bot: their command list cannot be set.
    return request.note == "injected failure" or request.method == "setMyCommands"


async def _alice(harness: Harness) -> Message:
    # With no room linked, a filed report's card goes to the superadmin in private.
    harness.api.add_user(SUPERADMIN_ID, "Quản trị", language_code="vi")
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    return await onboard(harness, ALICE)


async def _double_press(harness: Harness, message: Message, label: str) -> None:
    data = button_data(message, label)
    harness.api.press(ALICE, message, data)
    harness.api.press(ALICE, message, data)
    await harness.settle()


async def test_a_press_whose_handler_failed_is_answered_once(harness: Harness) -> None:
    """Handling that fails every time ends in an apology; the press is answered once although
    the inbox hands it to the handlers on each attempt."""
    await _alice(harness)
    settings = await harness.say(ALICE, "⚙️ Cài đặt")
    harness.api.fail_with(
        "editMessageText",
        error_code=400,
        description="Bad Request: something unexpected",
        times=MAX_ATTEMPTS,
    )
    sorry = harness.api.wait_for_message(ALICE)
    query = harness.api.press(ALICE, settings, button_data(settings, "Chọn thông báo"))
    assert "lỗi" in plain(await sorry).lower()
    await harness.settle()
    answers = harness.api.requests_for("answerCallbackQuery")
    assert [r.ok for r in answers if r.params["callback_query_id"] == query] == [True]
    edits = harness.api.requests_for("editMessageText")
    assert len([r for r in edits if r.params["message_id"] == settings["message_id"]]) == (
        MAX_ATTEMPTS
    )
    assert harness.api.unanswered_callback_queries() == []
    assert rejected(harness) == []


async def _shown_and_answered_once(harness: Harness, settings: Message, query: str) -> None:
    """The press on the settings' "Chọn thông báo" was handled in the end, and answered once."""
    await harness.api.state.notifier.wait_for(
        lambda: "Thông báo bạn nhận" in plain(harness.current(settings)), 15
    )
    await harness.settle()
    answers = harness.api.requests_for("answerCallbackQuery")
    assert [r.ok for r in answers if r.params["callback_query_id"] == query] == [True]
    assert rejected(harness) == []


async def test_a_press_whose_handling_failed_once_is_shown_on_the_retry(harness: Harness) -> None:
    await _alice(harness)
    settings = await harness.say(ALICE, "⚙️ Cài đặt")
    harness.api.fail_with(
        "editMessageText", error_code=400, description="Bad Request: something unexpected"
    )
    query = harness.api.press(ALICE, settings, button_data(settings, "Chọn thông báo"))
    await _shown_and_answered_once(harness, settings, query)


async def test_a_press_retried_by_the_next_process_is_answered_once(harness: Harness) -> None:
    """The first attempt answers the press, then fails; the process stops before the retry,
    and the one started after it takes the retry: it must not answer again."""
    await _alice(harness)
    settings = await harness.say(ALICE, "⚙️ Cài đặt")
    harness.api.fail_with(
        "editMessageText", error_code=400, description="Bad Request: something unexpected"
    )
    answered = harness.api.wait_for_request("answerCallbackQuery")
    query = harness.api.press(ALICE, settings, button_data(settings, "Chọn thông báo"))
    assert (await answered).ok
    await harness.restart()
    await _shown_and_answered_once(harness, settings, query)


async def _handled_late(harness: Harness, kind: str) -> None:
    """The one update of `kind` Telegram holds reached the inbox longer ago than Telegram takes
    an answer to it (a process took it and died); the bot starts again and handles it."""
    (waiting,) = [u for u in harness.api.pending_updates if kind in u]
    arrived = incoming(waiting)
    assert arrived is not None
    await harness.inbox.receive([arrived], utcnow() - QUERY_WINDOW)
    harness.api.advance(QUERY_WINDOW.total_seconds())
    await harness.start()
    await harness.settle()


async def test_a_press_that_waited_past_telegrams_window_is_handled_unanswered(
    harness: Harness,
) -> None:
    """A process took the press and died; by the time its lease ran out and another process
    took the press, Telegram no longer takes an answer to it. It is handled all the same."""
    await _alice(harness)
    settings = await harness.say(ALICE, "⚙️ Cài đặt")
    await harness.stop()
    query = harness.api.press(ALICE, settings, button_data(settings, "Chọn thông báo"))
    await _handled_late(harness, "callback_query")
    assert "Thông báo bạn nhận" in plain(harness.current(settings))
    answers = harness.api.requests_for("answerCallbackQuery")
    assert [r for r in answers if r.params["callback_query_id"] == query] == []
    assert rejected(harness) == []


async def test_showing_the_same_commune_page_again_edits_nothing(harness: Harness) -> None:
    await _alice(harness)
    settings = await harness.say(ALICE, "⚙️ Cài đặt")
    ask = await harness.tap(ALICE, settings, "Đổi xã")
    page = await harness.tap_and_settle(ALICE, ask, "Chọn từ danh sách")
    await _double_press(harness, page, "Sau")
    second = harness.current(page)
    assert "2/" in plain(second)
    back = await harness.tap_and_settle(ALICE, second, "Trước")
    await harness.tap_and_settle(ALICE, back, "Sau")
    assert rejected(harness) == []
    assert harness.api.unanswered_callback_queries() == []


async def test_opening_a_report_twice_edits_it_once(harness: Harness) -> None:
    await _alice(harness)
    await to_describe(harness, ALICE)
    media = await harness.say(ALICE, TEXT)
    identity = await harness.tap(ALICE, media, "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    await harness.tap(ALICE, review, "Gửi")
    listing = await harness.say(ALICE, "📂 Tin báo của tôi")
    await _double_press(harness, listing, buttons(listing)[0][0])
    detail = harness.current(listing)
    assert detail["edit_count"] == 1
    await _double_press(harness, detail, "Tin báo của tôi")
    assert rejected(harness) == []


async def test_a_double_tap_takes_the_buttons_off_once(harness: Harness) -> None:
    await _alice(harness)
    await to_describe(harness, ALICE)
    offer = await harness.say(ALICE, "🚨 Báo tin")
    await _double_press(harness, offer, "Làm tiếp")
    assert buttons(harness.current(offer)) == []

    confirm = await harness.say(ALICE, "/deleteme")
    await _double_press(harness, confirm, "Xóa dữ liệu")
    assert "đã xóa" in plain(harness.current(confirm)).lower()
    assert rejected(harness) == []
    assert harness.api.unanswered_callback_queries() == []


async def test_a_press_on_a_message_that_is_gone_gets_a_new_message(harness: Harness) -> None:
    await _alice(harness)
    waiter = harness.api.wait_for_message(ALICE)
    harness.api.press(ALICE, 9999, "cm:p:22:2", forge=True)
    page = await waiter
    assert "2/" in plain(page) and buttons(page)
    harness.api.press(ALICE, 9998, "rp:k:abcdef:y", forge=True)
    await harness.settle()
    assert rejected(harness) == []
    assert harness.api.unanswered_callback_queries() == []


async def test_an_inline_query_that_waited_past_telegrams_window_is_handled_unanswered(
    harness: Harness,
) -> None:
    """Telegram takes no answer to an inline query after its window: a query that waited in the
    inbox that long is handled without an answer, and is neither retried nor parked."""
    await _alice(harness)
    await harness.stop()
    query = harness.api.inline_query(ALICE, "lừa đảo")
    await _handled_late(harness, "inline_query")
    answers = harness.api.requests_for("answerInlineQuery")
    assert [r for r in answers if r.params["inline_query_id"] == query] == []
    depth = await harness.inbox.depth()
    assert (depth.pending, depth.failed) == (0, 0)
    assert rejected(harness) == []


async def test_an_inline_query_is_answered(harness: Harness) -> None:
    await _alice(harness)
    query = harness.api.inline_query(ALICE, "lừa đảo")
    await harness.settle()
    answers = harness.api.requests_for("answerInlineQuery")
    assert [r.ok for r in answers if r.params["inline_query_id"] == query] == [True]
    assert rejected(harness) == []


async def test_a_resident_pressing_staff_buttons_is_told_in_an_alert_and_nothing_changes(
    harness: Harness,
) -> None:
    """A refusal raised under a button (a moderator's command, a rumor request) is answered once,
    as an alert in the presser's language; typed as a command, it is a reply in the chat."""
    menu = await _alice(harness)
    not_staff = "Xin lỗi, lệnh này chỉ dành cho cán bộ được cấp quyền."
    for forged in ("ru:q", "ru:o:1", "mq:p:1"):
        harness.api.press(ALICE, menu, forged, forge=True)
        await harness.settle()
        assert harness.api.unanswered_callback_queries() == []
        told = harness.api.callback_answers[-1]
        assert told["show_alert"] and told["text"]
    assert harness.api.callback_answers[-3]["text"] == not_staff
    assert not_staff in plain(await harness.say(ALICE, "/rumors"))
    assert rejected(harness) == []
