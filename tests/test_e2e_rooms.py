"""Moderator rooms end to end: the real Application against the fake Bot API."""

import logging
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram import (
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)

from bot.app import build_application
from bot.handlers.common import BotContext
from bot.handlers.rooms.jobs import JOB_NAMES, run_deadlines
from bot.services.container import Services
from bot.services.reports import Attachment, Filed, NewReport
from bot.services.roles import Grant, Role
from bot.storage.db import Database
from bot.storage.models import utcnow
from bot.storage.reports import Report
from tests.conftest import SUPERADMIN_ID, make_settings
from tests.harness import Harness, Message, button_data, buttons, onboard, plain
from tests.test_e2e_reports import TEXT, code_in, failures, start_report

ALICE = 1001
MOD_A = 2001
MOD_B = 2002
OBSERVER = 2003
ROOM_A = -1001001  # Đặc khu Vân Đồn 6994
ROOM_B = -1001002  # Xã Ba Chẽ 6970
PROVINCE = -1001000
VAN_DON, BA_CHE = 6994, 6970


@pytest.fixture(autouse=True)
async def nothing_rejected(harness: Harness) -> AsyncIterator[None]:
    """Every call Telegram rejected was one a test provoked (a room the bot was removed from,
    a reporter who blocked it)."""
    yield
    provoked = ("kicked", "blocked")
    assert not [
        (r.method, r.description)
        for r in harness.api.failed_requests()
        if r.method in failures(harness)
        and not any(word in (r.description or "") for word in provoked)
    ]


def services_of(harness: Harness) -> Services:
    assert harness.app is not None
    services: Services = harness.app.bot_data["services"]
    return services


def context_of(harness: Harness) -> BotContext:
    assert harness.app is not None
    return BotContext(harness.app)  # type: ignore[arg-type]


async def rooms(harness: Harness, *, province_room: bool = True) -> Services:
    api, services = harness.api, services_of(harness)
    api.add_user(MOD_A, "Trung úy Nguyễn Văn An", language_code="vi")
    api.add_user(MOD_B, "Thiếu úy Lê Bình", language_code="vi")
    api.add_user(OBSERVER, "Người quan sát", language_code="vi")
    api.add_group(ROOM_A, "Phòng trực Vân Đồn")
    api.add_group(ROOM_B, "Phòng trực Ba Chẽ")
    for user in (MOD_A, MOD_B, OBSERVER):
        api.add_member(ROOM_A, user)
    api.add_member(ROOM_B, MOD_B)
    await services.roles.grant(None, Grant(MOD_A, Role.MODERATOR, VAN_DON, None), None)
    await services.roles.grant(None, Grant(MOD_B, Role.MODERATOR, BA_CHE, None), None)
    await services.rooms.link(None, ROOM_A, commune_code=VAN_DON)
    await services.rooms.link(None, ROOM_B, commune_code=BA_CHE)
    if province_room:
        api.add_group(PROVINCE, "Phòng trực tỉnh")
        await services.rooms.link(None, PROVINCE, province_code=22)
    return services


async def file_directly(
    harness: Harness, *, urgent: bool = False, commune: int = VAN_DON, text: str = TEXT
) -> str:
    services = services_of(harness)
    if ALICE not in harness.api.state.users:
        harness.api.add_user(ALICE, "Alice", language_code="vi")
    await services.residents.get_or_create(ALICE, "vi")
    result = await services.reports.file(
        ALICE,
        NewReport(commune, "theft", urgent=urgent, text=text, anonymous=True),
    )
    assert isinstance(result, Filed)
    return result.code


async def deliver(harness: Harness, chat_id: int, **when: timedelta) -> Message:
    waiter = harness.api.wait_for_message(chat_id)
    await harness.drain(utcnow() + when.get("after", timedelta()))
    return await waiter


async def a_card_in_room_a(harness: Harness) -> Message:
    """The rooms set up, a report filed, and its card delivered to Vân Đồn's room."""
    await rooms(harness)
    await file_directly(harness)
    return await deliver(harness, ROOM_A)


async def posted_by_itself(harness: Harness, chat_id: int, code: str) -> Message:
    """The card that filing posted with no explicit delivery run, once that run is over (it
    holds the delivery lock until the pin and the album are posted under the card)."""
    card = await harness.api.wait_for_message(
        chat_id, lambda m: code in plain(m), include_existing=True
    )
    await harness.outbox_idle()
    return card


async def more(harness: Harness, user: int, card: Message) -> Message:
    """The card with its rarely used buttons shown ("More…")."""
    return await harness.tap_and_settle(user, harness.current(card), "Thêm")


async def file_through_the_flow(harness: Harness) -> str:
    """Anonymous, with a pin, an address and an album of two photos."""
    api = harness.api
    api.add_user(ALICE, "Alice", last_name="Trần", username="alice_vd", language_code="vi")
    await onboard(harness, ALICE)
    urgency = await start_report(harness, ALICE)
    category = await harness.tap(ALICE, urgency, "Không")
    await harness.tap(ALICE, category, "Trộm cắp")
    waiter = api.wait_for_message(ALICE)
    api.send_location(ALICE, 21.0703, 107.4251)
    await waiter
    await harness.say(ALICE, "Ngõ 3 gần chợ Cái Rồng <b>")
    await harness.say(ALICE, "➡️ Tiếp tục")
    await harness.say(ALICE, TEXT)
    for _ in range(2):
        api.send_photo(ALICE, media_group_id="album-1")
    await harness.settle()
    ack = api.last_message(ALICE)
    identity = await harness.tap(ALICE, ack, "Xong")
    review = await harness.tap(ALICE, identity, "Ẩn danh")
    return code_in(await harness.tap(ALICE, review, "Gửi"))


async def test_report_goes_to_its_room_is_triaged_and_relayed_anonymously(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    api = harness.api
    await rooms(harness)
    code = await file_through_the_flow(harness)

    card = await posted_by_itself(harness, ROOM_A, code)
    text = plain(card)
    assert code in text and "Trộm cắp" in text and "Đặc khu Vân Đồn" in text
    alias = re.search(r"Người báo tin ẩn danh #([2-9A-Z]{4})", text)
    assert alias, text
    assert "Ngõ 3 gần chợ Cái Rồng <b>" in text  # escaped, shown as typed
    under_card = [
        m for m in api.messages_to(ROOM_A) if m.get("reply_to_message_id") == card["message_id"]
    ]
    assert sorted(m["kind"] for m in under_card) == ["location", "photo", "photo"]
    assert api.messages_to(ROOM_B) == [] and api.messages_to(PROVINCE) == []

    # A member of the room without the role, and a moderator of another commune: refused.
    for outsider in (OBSERVER, MOD_B):
        api.press(outsider, card, button_data(card, "Nhận xử lý"))
    await harness.settle()
    assert sum("Chỉ cán bộ phụ trách" in (a.get("text") or "") for a in api.callback_answers) == 2
    assert "Đã nhận" in plain(harness.current(card))

    taken = await harness.tap_and_settle(MOD_A, card, "Nhận xử lý")
    assert "Đã tiếp nhận" in plain(taken) and "Nguyễn Văn An" in plain(taken)
    assert not any("Nhận xử lý" in label for label, _ in buttons(taken))
    assert "Đã tiếp nhận" in plain(api.last_message(ALICE))
    edits = len(api.requests_for("editMessageText"))
    # Replaying the old Take button: refused, and no identical edit is sent.
    api.press(MOD_A, card, button_data(card, "Nhận xử lý"), forge=True)
    await harness.settle()
    assert "không còn áp dụng" in (api.callback_answers[-1].get("text") or "")
    assert len(api.requests_for("editMessageText")) == edits

    await relay_both_ways(harness, code, harness.current(card), alias.group(1))

    resolved = await harness.tap_and_settle(MOD_A, harness.current(card), "Đã giải quyết")
    assert "Đã giải quyết" in plain(resolved)
    assert "Đã giải quyết" in plain(api.last_message(ALICE))

    sent_anywhere = " ".join(api.all_outgoing_text())
    for secret in (str(ALICE), "alice_vd", "Alice", "Trần"):
        assert secret not in sent_anywhere, secret
    logged = " ".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    for secret in (str(ALICE), "alice_vd", "Alice", TEXT[:20]):
        assert secret not in logged, secret
    assert api.requests_for("forwardMessage") == []


async def relay_both_ways(harness: Harness, code: str, card: Message, alias: str) -> None:
    api = harness.api
    prompt = await harness.tap(MOD_A, card, "Nhắn người báo tin")
    assert code in plain(prompt)
    waiter = api.wait_for_message(ALICE)
    api.send_text(MOD_A, "Bạn nhớ biển số xe không?", chat_id=ROOM_A, reply_to=prompt)
    relayed = await waiter
    assert "Công an Đặc khu Vân Đồn" in plain(relayed) and "biển số xe" in plain(relayed)
    assert "Nguyễn Văn An" not in plain(relayed) and "Trung úy" not in plain(relayed)
    await harness.settle()
    assert "Đã gửi tới người báo tin" in plain(harness.current(prompt))  # an edit, not a post

    waiter = api.wait_for_message(ROOM_A, lambda m: "trả lời" in (m.get("text") or ""))
    api.send_text(ALICE, "Biển 14B1-234, xe Wave đỏ", reply_to=relayed)
    answered = await waiter
    assert f"#{alias}" in plain(answered) and "14B1-234" in plain(answered)
    assert answered["reply_to_message_id"] == card["message_id"]

    ask = await harness.tap(ALICE, relayed, "Trả lời")
    assert code in plain(ask)
    waiter = api.wait_for_request("copyMessage")
    api.send_photo(ALICE, caption="Ảnh chiếc xe")
    copied = await waiter
    assert copied.ok and copied.params["chat_id"] == ROOM_A
    await harness.settle()
    assert "Đã gửi câu trả lời" in plain(api.last_message(ALICE))


async def test_a_filed_report_and_its_followup_reach_the_room_by_themselves(
    harness: Harness,
) -> None:
    """No periodic pass runs in the harness and the test drains nothing: filing and adding
    information trigger the sending themselves, without delaying the answers."""
    api = harness.api
    await rooms(harness)
    code = await file_through_the_flow(harness)
    card = await posted_by_itself(harness, ROOM_A, code)
    assert "Trộm cắp" in plain(card) and buttons(card)
    under_card = [
        m for m in api.messages_to(ROOM_A) if m.get("reply_to_message_id") == card["message_id"]
    ]
    assert sorted(m["kind"] for m in under_card) == ["location", "photo", "photo"]

    followup = api.wait_for_message(ROOM_A, lambda m: "bổ sung" in plain(m))
    listing = await harness.say(ALICE, "📂 Tin báo của tôi")
    detail = await harness.tap_and_settle(ALICE, listing, code)
    await harness.tap(ALICE, detail, "Bổ sung")
    got = await harness.say(ALICE, "Xe Wave màu đỏ, biển 14B1")
    done = await harness.tap(ALICE, got, "Gửi phần bổ sung")
    assert "Đã bổ sung" in plain(done)
    posted = await followup
    assert "14B1" in plain(posted) and posted["reply_to_message_id"] == card["message_id"]

    # A periodic pass running as well posts nothing twice: the rows are already sent.
    await harness.outbox_idle()
    assert await harness.drain(utcnow() + timedelta(hours=1)) == 0
    await harness.settle()
    assert len([m for m in api.messages_to(ROOM_A) if code in plain(m)]) == 2  # card, follow-up
    assert api.messages_to(PROVINCE) == []


async def test_fallbacks_province_room_then_superadmins(harness: Harness) -> None:
    api, services = harness.api, services_of(harness)
    api.add_group(PROVINCE, "Phòng trực tỉnh")
    api.add_user(SUPERADMIN_ID, "Quản trị", language_code="vi")
    api.send_text(SUPERADMIN_ID, "/help")
    await harness.settle()
    first = await file_directly(harness)
    in_private = await deliver(harness, SUPERADMIN_ID)
    assert first in plain(in_private)

    await services.rooms.link(None, PROVINCE, province_code=22)
    second = await file_directly(harness, commune=BA_CHE, text="Trộm chó ban đêm ở thôn 2")
    card = await deliver(harness, PROVINCE)
    assert second in plain(card) and "Xã Ba Chẽ" in plain(card)


async def test_undeliverable_card_stays_queued_admins_told_once(harness: Harness) -> None:
    api = harness.api
    await rooms(harness)
    api.set_bot_status(ROOM_A, "kicked", notify=False)
    code = await file_directly(harness)
    waiter = api.wait_for_message(PROVINCE)
    await harness.drain(utcnow())
    alert = await waiter
    assert code in plain(alert) and "Không gửi được" in plain(alert)
    await harness.drain(utcnow() + timedelta(hours=1))
    await harness.restart()
    assert len(api.messages_to(PROVINCE)) == 1
    api.set_bot_status(ROOM_A, "administrator", notify=False)
    card = await deliver(harness, ROOM_A, after=timedelta(hours=2))
    assert code in plain(card)
    await harness.drain(utcnow() + timedelta(hours=3))
    assert len([m for m in api.messages_to(ROOM_A) if code in plain(m)]) == 1


async def test_urgent_report_escalates_on_time_across_a_restart(harness: Harness) -> None:
    api = harness.api
    await rooms(harness)
    code = await file_directly(harness, urgent=True)
    await deliver(harness, ROOM_A)
    start = utcnow()

    reminder = api.wait_for_message(
        ROOM_A, lambda m: "chưa có cán bộ nhận" in (m.get("text") or "")
    )
    run = await run_deadlines(context_of(harness), start + timedelta(minutes=16))
    assert run.reminded == (code,) and "15 phút" in plain(await reminder)
    await harness.restart()
    run = await run_deadlines(context_of(harness), start + timedelta(minutes=20))
    assert run.reminded == () and run.escalated == ()

    alert = api.wait_for_message(PROVINCE)
    run = await run_deadlines(context_of(harness), start + timedelta(minutes=31))
    assert run.escalated == (code,)
    assert "BÁO LÊN TỈNH" in plain(await alert)
    await harness.restart()
    run = await run_deadlines(context_of(harness), start + timedelta(hours=2))
    assert run.escalated == () and len(api.messages_to(PROVINCE)) == 1
    async with harness.db.transaction() as session:
        report = await session.scalar(select(Report).where(Report.code == code))
    assert report is not None and report.escalated
    assert "Đã báo lên tỉnh" in plain(api.messages_to(ROOM_A)[0])


async def test_transfer_refiles_at_the_other_commune(harness: Harness) -> None:
    api = harness.api
    await rooms(harness)
    code = await file_directly(harness)
    card = await deliver(harness, ROOM_A)
    prompt = await harness.tap(MOD_A, await more(harness, MOD_A, card), "Chuyển xã khác")
    waiter = api.wait_for_message(ROOM_A)
    api.send_text(MOD_A, "ba che", chat_id=ROOM_A, reply_to=prompt)
    choices = await waiter
    new_card = api.wait_for_message(ROOM_B)
    api.press(MOD_A, choices, button_data(choices, "Xã Ba Chẽ"))
    moved = await new_card
    assert code in plain(moved) and "Xã Ba Chẽ" in plain(moved)
    await harness.settle()
    old = harness.current(card)
    assert "Đã chuyển sang" in plain(old) and buttons(old) == []
    taken = await harness.tap_and_settle(MOD_B, moved, "Nhận xử lý")
    assert "Đã tiếp nhận" in plain(taken)


async def test_relay_to_a_reporter_who_blocked_the_bot(harness: Harness) -> None:
    api = harness.api
    card = await a_card_in_room_a(harness)
    prompt = await harness.tap(MOD_A, card, "Nhắn người báo tin")
    api.block_bot(ALICE)
    api.send_text(MOD_A, "Xin chào", chat_id=ROOM_A, reply_to=prompt)
    await harness.settle()
    assert "chặn bot" in plain(harness.current(prompt))


async def test_a_second_reply_to_a_prompt_after_a_restart_edits_it_no_more(
    harness: Harness,
) -> None:
    """The prompt already says the message went; a restarted bot knows it from the reply."""
    api = harness.api
    card = await a_card_in_room_a(harness)
    prompt = await harness.tap(MOD_A, card, "Nhắn người báo tin")
    api.send_text(MOD_A, "Bạn nhớ biển số xe không?", chat_id=ROOM_A, reply_to=prompt)
    await harness.settle()
    assert "Đã gửi tới người báo tin" in plain(harness.current(prompt))
    await harness.restart()
    edits = len(api.requests_for("editMessageText"))
    waiter = api.wait_for_message(ALICE)
    api.send_text(MOD_A, "Xe màu gì?", chat_id=ROOM_A, reply_to=prompt)
    assert "Xe màu gì?" in plain(await waiter)
    await harness.settle()
    assert len(api.requests_for("editMessageText")) == edits


async def test_group_chatter_gets_no_answer(harness: Harness) -> None:
    api = harness.api
    card = await a_card_in_room_a(harness)
    before = len(api.messages_to(ROOM_A))
    api.send_text(OBSERVER, "chào cả nhà", chat_id=ROOM_A)
    api.send_text(OBSERVER, "ok", chat_id=ROOM_A, reply_to=card)
    await harness.settle()
    assert len(api.messages_to(ROOM_A)) == before


async def test_moderator_commands(harness: Harness) -> None:
    api = harness.api
    services = await rooms(harness)
    code = await file_directly(harness)
    services_of(harness)
    await services.reports.file(
        ALICE,
        NewReport(
            BA_CHE,
            "drugs",
            urgent=True,
            text="Mua bán ma túy ở bãi tắm",
            anonymous=True,
            attachments=(Attachment("photo", "p", "u"),),
        ),
    )
    queue = await harness.say_in(ROOM_A, MOD_A, "/queue")
    assert code in plain(queue) and "Ba Chẽ" not in plain(queue)
    opened = await harness.tap(MOD_A, queue, code)
    assert code in plain(opened) and buttons(opened)
    found = await harness.say_in(ROOM_A, MOD_A, "/find XE MAY")
    assert code in plain(found)
    unknown = await harness.say_in(ROOM_B, MOD_B, f"/report {code}")
    assert "Không tìm thấy" in plain(unknown)
    refused = await harness.say_in(ROOM_A, OBSERVER, "/queue")
    assert "dành cho cán bộ" in plain(refused)

    waiter = api.wait_for_request("sendPhoto")
    stats = await harness.say_in(ROOM_A, MOD_A, "/stats 7d")
    assert "1 tin báo" in plain(stats)
    chart = await waiter
    assert chart.ok
    caption = chart.params["caption"]
    assert "Đặc khu Vân Đồn" in caption and "1 tin báo" in caption and "\n" not in caption
    waiter = api.wait_for_request("sendDocument")
    api.send_text(MOD_A, "/export", chat_id=ROOM_A)
    exported = await waiter
    assert exported.ok
    private = await harness.say(MOD_A, f"/report {code}")
    assert code in plain(private)


async def test_two_moderators_press_take_at_once(harness: Harness) -> None:
    api, services = harness.api, await rooms(harness)
    api.add_user(SUPERADMIN_ID, "Quản trị", language_code="vi")
    api.add_member(ROOM_A, SUPERADMIN_ID)
    await file_directly(harness)
    card = await deliver(harness, ROOM_A)
    take = button_data(card, "Nhận xử lý")
    api.press(MOD_A, card, take)
    api.press(SUPERADMIN_ID, card, take)
    await harness.settle()
    answers = [a.get("text") or "" for a in api.callback_answers]
    assert sum("Đã cập nhật" in a for a in answers) == 1
    assert sum("Đã tiếp nhận" in a and "không còn áp dụng" in a for a in answers) == 1
    timeline = await services.moderation.cards.timeline(code_in(card))
    assert [e.to_status for e in timeline if e.kind == "status"] == ["acknowledged"]


async def test_reject_with_a_reason_timeline_full_text_and_escalate(harness: Harness) -> None:
    api = harness.api
    await rooms(harness)
    long_text = "Người lạ theo dõi nhà bà Tư. " * 120  # over the card's 2,500 characters
    await file_directly(harness, text=long_text)
    card = await deliver(harness, ROOM_A)
    assert "…" in plain(card)
    full = await harness.tap(MOD_A, card, "Xem toàn văn")
    assert full["reply_to_message_id"] == card["message_id"]

    waiter = api.wait_for_message(PROVINCE)
    shown = await more(harness, MOD_A, card)
    api.press(MOD_A, shown, button_data(shown, "Báo lên tỉnh"))
    alert = await waiter
    assert "BÁO LÊN TỈNH" in plain(alert) and buttons(alert)
    await harness.settle()
    assert "Đã báo lên tỉnh" in plain(harness.current(card))
    assert not any(
        "Báo lên tỉnh" in label for label, _ in buttons(await more(harness, MOD_A, card))
    )
    await harness.tap_and_settle(MOD_A, harness.current(card), "Quay lại")

    reasons = await harness.tap_and_settle(MOD_A, harness.current(card), "Từ chối")
    assert any("Chưa đủ thông tin" in label for label, _ in buttons(reasons))
    back = await harness.tap_and_settle(MOD_A, reasons, "Quay lại")
    assert any("Nhận xử lý" in label for label, _ in buttons(back))
    reasons = await harness.tap_and_settle(MOD_A, back, "Từ chối")
    rejected = await harness.tap_and_settle(MOD_A, reasons, "Chưa đủ thông tin")
    assert "Không tiếp nhận" in plain(rejected)
    assert "Không tiếp nhận" in plain(harness.current(alert))  # the alert card follows too
    notice = plain(api.last_message(ALICE))
    assert "Không tiếp nhận" in notice and "chưa đủ thông tin" in notice

    timeline = await harness.tap(MOD_A, await more(harness, MOD_A, rejected), "Diễn biến")
    text = plain(timeline)
    assert "báo lên tỉnh" in text and "Chưa đủ thông tin" in text and "Nguyễn Văn An" in text


async def test_duplicate_of_another_report(harness: Harness) -> None:
    api = harness.api
    await rooms(harness)
    original = await file_directly(harness, text="Trộm xe máy ở chợ Cái Rồng sáng nay")
    code = await file_directly(harness, text="Lại có trộm xe máy ở chợ Cái Rồng")
    await deliver(harness, ROOM_A)
    await harness.settle()
    card = next(m for m in api.messages_to(ROOM_A) if code in plain(m))
    prompt = await harness.tap(MOD_A, await more(harness, MOD_A, card), "Trùng tin")
    api.send_text(MOD_A, original.lower(), chat_id=ROOM_A, reply_to=prompt)
    await harness.settle()
    assert "tin trùng" in plain(harness.current(prompt))  # told on the prompt, not in a post
    assert "Trùng với tin" in plain(harness.current(card))
    # A moderator without the role cannot answer a prompt either.
    prompt = await harness.tap(MOD_A, harness.current(card), "Nhắn người báo tin")
    waiter = api.wait_for_message(ROOM_A, lambda m: "Chỉ cán bộ" in (m.get("text") or ""))
    api.send_text(OBSERVER, "Tôi là công an đây", chat_id=ROOM_A, reply_to=prompt)
    await waiter
    assert not any("Tôi là công an" in (m.get("text") or "") for m in api.messages_to(ALICE))


async def test_the_job_queue_triggers_delivery_and_deadlines(db: Database) -> None:
    app = build_application(make_settings(db.url), db)
    assert app.job_queue is not None
    names = {job.name for job in app.job_queue.jobs()}
    assert set(JOB_NAMES) <= names


async def test_moderator_relays_photos_and_nobody_is_identified(harness: Harness) -> None:
    """A photo in answer to "Message reporter" reaches the reporter sent again by its file_id
    (never forwarded or copied from the room), under the bot's own caption; the reporter's
    answer to it comes back under the card as from the pseudonym."""
    api = harness.api
    await rooms(harness)
    api.add_user(ALICE, "Alice", last_name="Trần", username="alice_vd", language_code="vi")
    code = await file_directly(harness)
    card = await deliver(harness, ROOM_A)
    prompt = await harness.tap(MOD_A, card, "Nhắn người báo tin")
    assert "ảnh" in plain(prompt)

    waiter = api.wait_for_message(ALICE)
    sent = api.send_photo(MOD_A, caption="Có phải xe này? <b>", chat_id=ROOM_A, reply_to=prompt)
    relayed = await waiter
    assert relayed["kind"] == "photo"
    text = plain(relayed)
    assert "Công an Đặc khu Vân Đồn" in text and "Có phải xe này? <b>" in text and code in text
    assert buttons(relayed) and "Trả lời" in buttons(relayed)[0][0]
    [request] = [r for r in api.requests_for("sendPhoto") if r.chat_id == ALICE]
    assert request.params["photo"] == sent["photo"][-1]["file_id"]
    await harness.settle()
    assert "Đã gửi tới người báo tin" in plain(harness.current(prompt))  # an edit, not a post

    # Without a caption: the bot's words only. A pin is not relayed.
    prompt = await harness.tap(MOD_A, harness.current(card), "Nhắn người báo tin")
    waiter = api.wait_for_message(ALICE)
    api.send_photo(MOD_A, chat_id=ROOM_A, reply_to=prompt)
    bare = await waiter
    assert "gửi bạn một ảnh" in plain(bare) and bare["kind"] == "photo"
    await harness.settle()
    prompt = await harness.tap(MOD_A, harness.current(card), "Nhắn người báo tin")
    waiter = api.wait_for_message(ROOM_A, lambda m: "chữ hoặc một ảnh" in (m.get("text") or ""))
    pin = {"latitude": 21.07, "longitude": 107.42}
    api.send_message(MOD_A, ROOM_A, reply_to=prompt, location=pin)
    await waiter
    assert len([m for m in api.messages_to(ALICE) if m["kind"] == "photo"]) == 2

    waiter = api.wait_for_message(ROOM_A, lambda m: "trả lời" in (m.get("text") or ""))
    api.send_text(ALICE, "Đúng rồi, xe đó", reply_to=relayed)
    answered = await waiter
    assert "Đúng rồi" in plain(answered) and answered["reply_to_message_id"] == card["message_id"]

    assert not api.requests_for("forwardMessage") and not api.requests_for("copyMessage")

    def dumped(to_alice: bool) -> str:
        return " ".join(
            str({k: v for k, v in r.params.items() if k != "chat_id"})
            for r in api.requests
            if (r.chat_id == ALICE) == to_alice
        )

    for secret in (str(MOD_A), "Nguyễn Văn An", "Trung úy", str(ROOM_A), "Phòng trực"):
        assert secret not in dumped(to_alice=True), secret
    for secret in (str(ALICE), "alice_vd", "Alice", "Trần"):
        assert secret not in dumped(to_alice=False), secret
    timeline = await services_of(harness).moderation.cards.timeline(code)
    assert [e.note for e in timeline if e.kind == "message"] == ["Có phải xe này? <b>", None]


async def test_room_menus_describe_report_as_the_moderator_command(harness: Harness) -> None:
    """In rooms /report opens a report by code; residents' menus keep "report an incident"."""
    await rooms(harness)
    await harness.restart()  # the linked rooms' own lists are published on start
    assert harness.app is not None
    bot = harness.app.bot

    async def described(scope: BotCommandScope, locale: str) -> str:
        listed = await bot.get_my_commands(scope=scope, language_code=locale)
        return next(c.description for c in listed if c.command == "report")

    for scope in (BotCommandScopeAllGroupChats(), BotCommandScopeChat(ROOM_A)):
        assert await described(scope, "vi") == "Xem tin báo theo mã"
        assert await described(scope, "en") == "Open a report by code"
    assert await described(BotCommandScopeAllPrivateChats(), "vi") == "Báo tin về vụ việc"
    assert await described(BotCommandScopeAllPrivateChats(), "en") == "Report an incident"
    # A room linked later gets the same wording.
    new_room = ROOM_B - 1
    harness.api.add_group(new_room, "Phòng trực mới", bot_status="administrator")
    harness.api.add_member(new_room, MOD_B)
    done = await harness.say_in(new_room, MOD_B, f"/linkroom {BA_CHE}")
    assert "phòng trực" in plain(done)
    assert await described(BotCommandScopeChat(new_room), "vi") == "Xem tin báo theo mã"


async def test_the_operator_windows_are_what_the_texts_say(harness: Harness) -> None:
    """BOT_ACK_URGENT_MINUTES=5, BOT_ACK_NORMAL_MINUTES=120, BOT_STALE_DAYS=2: the resident is
    promised 2 hours, and the room's reminders name the windows that actually apply."""
    api = harness.api
    harness.settings = make_settings(
        harness.db.url,
        api.url,
        bot_ack_urgent_minutes="5",
        bot_ack_normal_minutes="120",
        bot_stale_days="2",
    )
    await harness.restart()
    await rooms(harness)
    code = await file_through_the_flow(harness)
    filed = next(m for m in api.messages_to(ALICE) if code in plain(m))
    assert "trong vòng 2 giờ" in plain(filed)
    card = await posted_by_itself(harness, ROOM_A, code)
    start = utcnow()

    reminder = api.wait_for_message(ROOM_A, lambda m: "chưa có cán bộ nhận" in plain(m))
    run = await run_deadlines(context_of(harness), start + timedelta(minutes=121))
    assert run.reminded == (code,) and "sau 2 giờ" in plain(await reminder)

    urgent = await file_directly(harness, urgent=True, text="Cháy nhỏ ở kho hàng gần cảng")
    await deliver(harness, ROOM_A)
    reminder = api.wait_for_message(ROOM_A, lambda m: urgent in plain(m))
    run = await run_deadlines(context_of(harness), utcnow() + timedelta(minutes=6))
    assert run.reminded == (urgent,) and "sau 5 phút" in plain(await reminder)

    await harness.tap_and_settle(MOD_A, harness.current(card), "Nhận xử lý")
    stale = api.wait_for_message(ROOM_A, lambda m: "chưa có cập nhật" in plain(m))
    run = await run_deadlines(context_of(harness), utcnow() + timedelta(days=2, minutes=1))
    assert code in run.stale and "đã 2 ngày chưa có cập nhật" in plain(await stale)


async def test_a_burst_of_filings_needs_one_delivery_run(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Triggers that arrive while a pass is waiting join it; one that arrives after it gets a
    pass of its own; every card is posted once."""
    api, _ = harness.api, await rooms(harness)
    sender = harness.sender
    passes: list[object] = []
    drain = sender.drain

    async def counted(*args: object, **kwargs: object) -> int:
        passes.append(args)
        return await drain(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sender, "drain", counted)
    codes = [
        await file_directly(harness, text=f"Mất trộm gà ở thôn {n}, sáng nay") for n in range(3)
    ]
    for _ in codes:
        sender.kick()
    for code in codes:
        await api.wait_for_message(ROOM_A, lambda m, c=code: c in plain(m), include_existing=True)
    await harness.outbox_idle()
    assert len(passes) == 1
    sender.kick()  # a later trigger gets a pass of its own, which finds nothing to post
    await harness.restart()  # stopping waits for it
    assert len(passes) == 2
    for code in codes:
        assert len([m for m in api.messages_to(ROOM_A) if code in plain(m)]) == 1
