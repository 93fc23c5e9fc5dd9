"""The rumor check's answers end to end: a clear first candidate is offered as "Có phải tin
này không?" with its verdict and one tap to confirm; confirmations, choices and refusals are
counted per fact-check and shown to moderators in /rumors; forged presses count nothing."""

from pathlib import Path

from tests.harness import Harness, buttons, onboard, plain
from tests.test_e2e_information import ALICE, BOB, MOD, VAN_DON, _library, _moderator


async def _stats(harness: Harness) -> str:
    await _moderator(harness, MOD, VAN_DON)
    queue = await harness.say(MOD, "/rumors")
    return plain(await harness.tap_and_settle(MOD, queue, "Thống kê đối chiếu"))


async def test_suggestion_is_confirmed_with_one_tap_and_counted(
    harness: Harness, tmp_path: Path
) -> None:
    await _library(harness, tmp_path)
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    offered = await harness.say(ALICE, "bị phạt nguội à")
    assert "Có phải tin này không?" in plain(offered)
    assert "Tin giả" in plain(offered) and "phạt nguội" in plain(offered)
    labels = [text for text, _ in buttons(offered)]
    assert labels[0] == "✅ Đúng tin này, xem kết luận"
    assert labels[-1] == "🙅 Không phải các tin này"

    card = await harness.tap(ALICE, offered, "Đúng tin này")
    assert "Cảnh sát giao thông không gửi link" in plain(card)
    assert buttons(card)[0][1] == ""  # the share button switches to inline mode
    await harness.settle()
    assert buttons(harness.current(offered)) == []

    stats = await _stats(harness)
    assert "phat-nguoi-tin-nhan" in stats
    assert "gợi ý 1 · xác nhận 1" in stats
    assert harness.api.unanswered_callback_queries() == []


async def test_direct_answer_refused_and_list_turned_down_are_counted(
    harness: Harness, tmp_path: Path
) -> None:
    await _library(harness, tmp_path)
    for user in (ALICE, BOB):
        harness.api.add_user(user, f"U{user}", language_code="vi")
        await onboard(harness, user)
    await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    answered = await harness.say(ALICE, "tin nhắn phạt nguội bảo bấm link nộp phạt")
    assert "đã được cơ quan chức năng kiểm chứng" in plain(answered)
    filed = await harness.tap(ALICE, answered, "Không phải tin tôi hỏi")
    assert "Đã chuyển cho cán bộ" in plain(filed)

    await harness.say(BOB, "🔎 Kiểm tra tin đồn")
    listed = await harness.say(BOB, "tin nhắn tra cứu phạt nguội")
    assert "Có phải bạn muốn hỏi" in plain(listed)
    await harness.tap(BOB, listed, "❌")
    await harness.tap(BOB, listed, "❌")  # a second look is not a second choice
    await harness.tap(BOB, listed, "Không phải các tin này")

    stats = await _stats(harness)
    assert "trả lời thẳng 1" in stats
    assert "chọn từ danh sách 1" in stats
    assert '"không phải" 2' in stats  # Alice's refusal, Bob's "none of these"
    assert "phat-nguoi-tra-cuu" in stats


async def test_forged_confirmation_counts_nothing(harness: Harness, tmp_path: Path) -> None:
    await _library(harness, tmp_path)
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    offered = await harness.say(ALICE, "bị phạt nguội à")
    harness.api.press(ALICE, offered, "rc:y:3", forge=True)
    await harness.settle()
    stats = await _stats(harness)
    assert "xác nhận 0" in stats
    assert harness.api.unanswered_callback_queries() == []
