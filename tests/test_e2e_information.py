"""Verified information end to end: rumor checks, rumor requests answered by moderators,
corrections, official notices and inline sharing, through the real Application and the fake
Bot API."""

from pathlib import Path

from bot.services.communes import CommuneDirectory
from bot.services.content_files import ContentFiles
from bot.services.factchecks import FactCheckDraft, FactChecks, Verdict
from bot.services.roles import Grant, Role, Roles
from bot.services.rooms import Rooms
from tests.harness import Harness, Message, button_data, buttons, onboard, plain

ALICE, BOB, MOD, OTHER_MOD = 1001, 1002, 2001, 2002
VAN_DON, BA_CHE = 6994, 6970

LIBRARY = """
factchecks:
  - id: bat-coc-xe-trang
    claim: Xe ô tô màu trắng đi bắt cóc trẻ em ở các trường học để lấy nội tạng
    verdict: false
    explanation: Công an tỉnh đã xác minh, không có vụ bắt cóc nào như tin đồn.
    scope: province:22
    published: 2025-09-05
  - id: phat-nguoi-tin-nhan
    claim: Tin nhắn báo bạn bị phạt nguội giao thông và yêu cầu bấm vào link để nộp phạt
    verdict: false
    explanation: Cảnh sát giao thông không gửi link nộp phạt qua tin nhắn.
    scope: province:22
    published: 2025-09-14
  - id: phat-nguoi-tra-cuu
    claim: Tra cứu phạt nguội giao thông trên trang của Cục Cảnh sát giao thông
    verdict: true
    explanation: Đúng, đây là trang tra cứu chính thức.
    scope: province:22
    published: 2025-09-15
"""


async def _library(harness: Harness, tmp_path: Path, text: str = LIBRARY) -> None:
    path = tmp_path / "library.yaml"
    path.write_text(text, encoding="utf-8")
    report = await ContentFiles(harness.db, CommuneDirectory([22])).import_file(path)
    assert report.errors == []


async def _moderator(harness: Harness, user: int, commune: int) -> None:
    harness.api.add_user(user, f"Mod{user}", language_code="vi")
    roles = Roles(harness.db, CommuneDirectory([22]), [])
    await roles.grant(None, Grant(user, Role.MODERATOR, commune, None), granted_by=None)


def _failures(harness: Harness) -> list[str]:
    return [r.method for r in harness.api.failed_requests() if r.method != "setMyCommands"]


async def test_forwarded_rumor_matching_a_fact_check_gets_its_verdict(
    harness: Harness, tmp_path: Path
) -> None:
    await _library(harness, tmp_path)
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    waiter = harness.api.wait_for_message(ALICE)
    harness.api.send_message(
        ALICE,
        text="Các mẹ ơi có xe o to mau trang di bat coc tre em o truong hoc de lay noi tang!!!",
        forward_origin={
            "type": "channel",
            "chat": {"id": -1001234, "type": "channel", "title": "Tin Nóng <24h>"},
            "message_id": 77,
            "date": 1_700_000_000,
        },
    )
    verdict = await waiter
    assert "Tin giả" in plain(verdict)
    assert "không có vụ bắt cóc" in plain(verdict)
    share = verdict["reply_markup"]["inline_keyboard"][0][0]
    assert share["switch_inline_query"] == "fc:bat-coc-xe-trang"
    assert _failures(harness) == []


async def test_unknown_rumor_is_one_request_and_every_asker_hears_the_answer(
    harness: Harness,
) -> None:
    api = harness.api
    for user in (ALICE, BOB):
        api.add_user(user, f"U{user}", language_code="vi" if user == ALICE else "en")
        await onboard(harness, user)
    rumor = "Nghe nói sắp cắt nước toàn xã ba ngày liền từ mai"
    prompt = await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    assert "chuyển tiếp" in plain(prompt)
    filed = await harness.say(ALICE, rumor)
    assert "Đã chuyển cho cán bộ" in plain(filed)
    await harness.say(BOB, "🔎 Kiểm tra tin đồn")
    filed_bob = await harness.say(BOB, "nghe noi sap cat nuoc toan xa 3 ngay lien, that ko")
    assert "1 other people asked" in plain(filed_bob)

    await _moderator(harness, MOD, VAN_DON)
    queue = await harness.say(MOD, "/rumors")
    assert "(1)" in plain(queue)
    assert buttons(queue)[0][0].startswith("👥2")
    card = await harness.tap(MOD, queue, "👥2")
    assert "cắt nước" in plain(card)
    verdicts = await harness.tap_and_settle(MOD, card, "kết luận mới")
    ask = await harness.tap(MOD, verdicts, "Tin giả")
    assert "giải thích" in plain(ask)
    alice_told = api.wait_for_message(ALICE, lambda m: "Cán bộ đã trả lời" in m["text"])
    bob_told = api.wait_for_message(BOB, lambda m: "Officers answered" in m["text"])
    closed = await harness.say(MOD, "Công ty cấp nước không có kế hoạch cắt nước.")
    assert "đang báo cho 2 người hỏi" in plain(closed)
    assert "Tin giả" in plain(await alice_told)
    assert "False" in plain(await bob_told)

    # A changed verdict reaches everyone who received the old one, in their language.
    await harness.outbox_idle()
    factchecks = FactChecks(harness.db, CommuneDirectory([22]))
    old = (await factchecks.all())[0]
    await factchecks.save(
        FactCheckDraft(old.key, old.claim, Verdict.MISLEADING, "Chỉ cắt nước một buổi.", old.scope)
    )
    alice_fix = api.wait_for_message(ALICE, lambda m: "Đính chính" in m["text"])
    bob_fix = api.wait_for_message(BOB, lambda m: "Correction" in m["text"])
    await harness.drain()
    assert "một buổi" in plain(await alice_fix)
    assert "Partly false" in plain(await bob_fix)
    assert _failures(harness) == []


async def test_candidates_and_none_of_these(harness: Harness, tmp_path: Path) -> None:
    await _library(harness, tmp_path)
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    offered = await harness.say(ALICE, "tin nhắn tra cứu phạt nguội")
    labels = [text for text, _ in buttons(offered)]
    assert labels[0].startswith("❌ Tin nhắn báo bạn bị phạt nguội")
    assert labels[-1] == "🙅 Không phải các tin này"
    opened = await harness.tap(ALICE, offered, "❌")
    assert "Tin giả" in plain(opened)
    filed = await harness.tap(ALICE, offered, "Không phải các tin này")
    assert "Đã chuyển cho cán bộ" in plain(filed)
    await harness.settle()
    assert buttons(harness.current(offered)) == []


async def test_moderator_of_another_commune_cannot_answer(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    await harness.say(ALICE, "Có người lạ thả rắn độc ở chợ")
    await _moderator(harness, OTHER_MOD, BA_CHE)
    queue = await harness.say(OTHER_MOD, "/rumors")
    assert "Không có tin đồn nào" in plain(queue)
    harness.api.press(OTHER_MOD, queue, "ru:x:1", forge=True)
    await harness.settle()
    assert harness.api.callback_answers[-1]["text"] == "Nút này đã cũ hoặc không còn hiệu lực."
    assert harness.api.unanswered_callback_queries() == []


async def _publish(harness: Harness, title: str) -> Message:
    start = await harness.say(MOD, "/notice")
    kinds = await harness.tap_and_settle(MOD, start, "Vân Đồn")
    ask_title = await harness.tap_and_settle(MOD, kinds, "Cảnh báo")
    assert "tiêu đề" in plain(ask_title)
    await harness.say(MOD, title)
    photo = await harness.say(MOD, "Không chuyển tiền cho người lạ gọi điện xưng công an.")
    expiry = await harness.tap(MOD, photo, "Bỏ qua ảnh")
    assert "31/12/2026" in plain(expiry)
    preview = await harness.tap(MOD, expiry, "Không có hạn")
    assert "Công an đặc khu Vân Đồn" in plain(preview) and "Không có hạn" in plain(preview)
    return preview


async def test_notice_is_published_listed_opened_and_withdrawn(harness: Harness) -> None:
    api = harness.api
    await _moderator(harness, MOD, VAN_DON)
    preview = await _publish(harness, "Cảnh giác lừa đảo qua điện thoại")
    done = await harness.tap(MOD, preview, "Đăng ngay")
    assert "Đã đăng" in plain(done)

    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    listing = await harness.say(ALICE, "📢 Thông tin chính thức")
    label = buttons(listing)[0][0]
    assert label.startswith("✅ Cảnh giác") and "Công an đặc khu Vân Đồn" in label
    full = await harness.tap(ALICE, listing, "Cảnh giác")
    assert "Không chuyển tiền" in plain(full)
    assert full["reply_markup"]["inline_keyboard"][0][0]["switch_inline_query"].startswith("nt:")

    manage = await harness.say(MOD, "/notices")
    card = await harness.tap(MOD, manage, "Cảnh giác")
    await harness.tap_and_settle(MOD, card, "Thu hồi")
    empty = await harness.say(ALICE, "📢 Thông tin chính thức")
    assert "chưa có thông báo" in plain(empty)
    api.press(ALICE, listing, button_data(listing, "Cảnh giác"))
    await harness.settle()
    assert api.callback_answers[-1]["text"] == "Thông báo này không còn hiệu lực."
    assert _failures(harness) == []


async def test_scheduled_notice_stays_hidden_until_its_time(harness: Harness) -> None:
    await _moderator(harness, MOD, VAN_DON)
    preview = await _publish(harness, "Diễn tập phòng cháy")
    when = await harness.tap(MOD, preview, "Hẹn giờ")
    assert "18:30 25/12" in plain(when)
    done = await harness.say(MOD, "08:00 01/01/2099")
    assert "Đã hẹn đăng" in plain(done) and "2099" in plain(done)
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    listing = await harness.say(ALICE, "📢 Thông tin chính thức")
    assert "chưa có thông báo" in plain(listing)


async def test_resident_cannot_publish_notices(harness: Harness) -> None:
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    refused = await harness.say(ALICE, "/notice")
    assert "chỉ dành cho cán bộ" in plain(refused)


async def test_inline_mode_finds_and_shares_verified_items(
    harness: Harness, tmp_path: Path
) -> None:
    await _library(harness, tmp_path)
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    api.inline_query(ALICE, "bat coc tre em truong hoc")
    await harness.settle()
    results = api.inline_answers[-1]["results"]
    assert results and "bắt cóc" in results[0]["title"]
    assert "Tin giả" in results[0]["input_message_content"]["message_text"]
    api.inline_query(ALICE, "fc:phat-nguoi-tra-cuu")
    await harness.settle()
    shared = api.inline_answers[-1]["results"]
    assert len(shared) == 1 and "Đúng sự thật" in shared[0]["input_message_content"]["message_text"]
    assert _failures(harness) == []


async def test_new_request_alerts_the_commune_room_without_naming_the_asker(
    harness: Harness,
) -> None:
    api = harness.api
    room = -1005550001
    api.add_group(room, "Phòng trực Vân Đồn")
    await _moderator(harness, MOD, VAN_DON)
    api.add_member(room, MOD)
    directory = CommuneDirectory([22])
    roles = Roles(harness.db, directory, [])
    await Rooms(harness.db, directory, roles).link(None, room, commune_code=VAN_DON)
    api.add_user(ALICE, "Alice", username="alice_vd", language_code="vi")
    await onboard(harness, ALICE)
    await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    alert = api.wait_for_message(room)
    await harness.say(ALICE, "Có người lạ thả rắn độc ở chợ Cái Rồng")
    posted = await alert
    assert "rắn độc" in plain(posted)
    card = await harness.tap(MOD, posted, "Mở yêu cầu")
    assert "#1" in plain(card) and "👥 1" in plain(card)
    sent = " ".join(api.all_outgoing_text())
    assert "alice_vd" not in sent and "Alice" not in sent and str(ALICE) not in sent


async def test_admin_changes_a_verdict_and_readers_get_the_correction_at_once(
    harness: Harness, tmp_path: Path
) -> None:
    await _library(harness, tmp_path)
    api = harness.api
    api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    await harness.say(ALICE, "🔎 Kiểm tra tin đồn")
    first = await harness.say(ALICE, "xe o to mau trang bat coc tre em o truong hoc lay noi tang")
    assert "Tin giả" in plain(first)

    await _moderator(harness, MOD, VAN_DON)
    refused = await harness.say(MOD, "/factcheck bat-coc-xe-trang")
    assert "Không tìm thấy" in plain(refused)  # a province's fact-check needs its admin
    api.add_user(OTHER_MOD, "Admin", language_code="vi")
    roles = Roles(harness.db, CommuneDirectory([22]), [])
    await roles.grant(None, Grant(OTHER_MOD, Role.ADMIN, None, 22), granted_by=None)
    card = await harness.say(OTHER_MOD, "/factcheck bat-coc-xe-trang")
    fix = api.wait_for_message(ALICE, lambda m: "Đính chính" in m["text"])
    done = await harness.tap(OTHER_MOD, card, "Chưa xác minh", contains="đính chính")
    assert "cho 1 người" in plain(done)
    assert "Chưa xác minh" in plain(await fix)
    assert _failures(harness) == []
