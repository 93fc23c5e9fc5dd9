"""The official-notice flows end to end: a province admin publishing to one commune, expiry in
/notice and in /notices, the issuer in the preview, and stale, forged or repeated presses."""

from datetime import UTC, datetime

import pytest

from bot.services.communes import CommuneDirectory
from bot.services.conversations import Conversations, State
from bot.services.notices import Notices
from bot.services.roles import Grant, Role, Roles
from tests.harness import Harness, Message, button_data, buttons, onboard, plain

ALICE, BOB, MOD, ADMIN = 1001, 1002, 2001, 2003
VAN_DON = 6994
STALE = "Nút này đã cũ hoặc không còn hiệu lực."


async def _grant(harness: Harness, user: int, grant: Grant) -> None:
    harness.api.add_user(user, f"Staff{user}", language_code="vi")
    roles = Roles(harness.db, CommuneDirectory([22]), [])
    await roles.grant(None, grant, granted_by=None)


async def _moderator(harness: Harness) -> None:
    await _grant(harness, MOD, Grant(MOD, Role.MODERATOR, VAN_DON, None))


async def _admin(harness: Harness) -> None:
    await _grant(harness, ADMIN, Grant(ADMIN, Role.ADMIN, None, 22))


async def _state(harness: Harness, user: int) -> State | None:
    return await Conversations(harness.db).get(user)


async def _press_is_stale(harness: Harness, user: int, message: Message, data: str) -> None:
    """A press (forged or of a button no longer shown) gets the hint and changes nothing."""
    before = await _state(harness, user)
    sent = len(harness.api.messages_to(user))
    harness.api.press(user, message, data, forge=True)
    await harness.settle()
    assert harness.api.callback_answers[-1]["text"] == STALE
    assert await _state(harness, user) == before
    assert len(harness.api.messages_to(user)) == sent
    assert harness.api.unanswered_callback_queries() == []


async def _draft_to_photo(harness: Harness, user: int, start: Message, scope: str) -> Message:
    kinds = await harness.tap_and_settle(user, start, scope)
    await harness.tap_and_settle(user, kinds, "Thông báo")
    await harness.say(user, "Lịch tiếp công dân")
    return await harness.say(user, "Sáng thứ năm hằng tuần tại trụ sở.")


async def _listing(harness: Harness, user: int) -> str:
    """The listing's text and the titles on its buttons."""
    listing = await harness.say(user, "📢 Thông tin chính thức")
    return " ".join([plain(listing), *(label for label, _ in buttons(listing))])


def _failures(harness: Harness) -> list[str]:
    return [r.method for r in harness.api.failed_requests() if r.method != "setMyCommands"]


async def test_province_admin_publishes_to_one_commune_found_by_name(harness: Harness) -> None:
    await _admin(harness)
    start = await harness.say(ADMIN, "/notice")
    labels = [label for label, _ in buttons(start)]
    assert labels[0].endswith("Quảng Ninh") and "🏘 Một xã/phường…" in labels
    ask = await harness.tap_and_settle(ADMIN, start, "Một xã/phường")
    assert "Gõ một phần tên" in plain(ask)
    none = await harness.say(ADMIN, "khong co xa nao ten nay")
    assert "Không tìm thấy" in plain(none)
    found = await harness.say(ADMIN, "van don")  # without diacritics
    assert buttons(found)[0][0].startswith("Đặc khu Vân Đồn")
    also = await harness.say(ADMIN, "Vân Đồn")
    assert buttons(also)[0][0] == buttons(found)[0][0]
    kinds = await harness.tap_and_settle(ADMIN, found, "Vân Đồn")
    assert "Gửi cho Đặc khu Vân Đồn" in plain(kinds)
    # The other results of the search are now stale.
    await _press_is_stale(harness, ADMIN, also, buttons(also)[0][1])
    await harness.tap_and_settle(ADMIN, kinds, "Cảnh báo")
    await harness.say(ADMIN, "Cảnh giác lừa đảo")
    photo = await harness.say(ADMIN, "Không chuyển tiền cho người lạ.")
    expiry = await harness.tap(ADMIN, photo, "Bỏ qua ảnh")
    preview = await harness.tap(ADMIN, expiry, "Không có hạn")
    assert "gửi cho Đặc khu Vân Đồn" in plain(preview)
    assert "Công an đặc khu Vân Đồn" in plain(preview)
    await harness.tap(ADMIN, preview, "Đăng ngay")
    (notice,) = await Notices(harness.db, CommuneDirectory([22])).all()
    assert (notice.scope.kind.value, notice.scope.code) == ("commune", VAN_DON)

    for user, place in ((ALICE, "van don"), (BOB, "ba che")):
        harness.api.add_user(user, f"U{user}", language_code="vi")
        await onboard(harness, user, place)
    assert "Cảnh giác lừa đảo" in await _listing(harness, ALICE)
    assert "chưa có thông báo" in await _listing(harness, BOB)
    assert _failures(harness) == []


async def test_commune_moderator_cannot_reach_other_communes(harness: Harness) -> None:
    await _moderator(harness)
    start = await harness.say(MOD, "/notice")
    assert [label for label, _ in buttons(start)] == ["Đặc khu Vân Đồn", "✖️ Hủy"]
    token = button_data(start, "Vân Đồn").split(":")[2]
    before = await _state(harness, MOD)
    harness.api.press(MOD, start, f"ns:c:{token}", forge=True)
    await harness.settle()
    assert harness.api.callback_answers[-1]["show_alert"] is True
    harness.api.press(MOD, start, f"ns:s:{token}:c:6970", forge=True)  # Ba Chẽ
    await harness.settle()
    assert "chỉ dành cho cán bộ" in harness.api.callback_answers[-1]["text"]
    harness.api.press(MOD, start, f"ns:s:{token}:p:22", forge=True)
    await harness.settle()
    assert "chỉ dành cho cán bộ" in harness.api.callback_answers[-1]["text"]
    assert await _state(harness, MOD) == before
    assert harness.api.unanswered_callback_queries() == []


async def test_expiry_set_in_the_flow_and_edited_later_takes_effect(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _moderator(harness)
    start = await harness.say(MOD, "/notice")
    photo = await _draft_to_photo(harness, MOD, start, "Vân Đồn")
    expiry = await harness.tap(MOD, photo, "Bỏ qua ảnh")
    again = await harness.say(MOD, "31/12/2020")  # already past
    assert "31/12/2026" in plain(again)
    again = await harness.say(MOD, "32/13")
    assert "31/12/2026" in plain(again)
    preview = await harness.say(MOD, "31/12/2099")
    assert "Hiệu lực đến hết ngày 31/12/2099" in plain(preview)
    await _press_is_stale(harness, MOD, expiry, button_data(expiry, "Không có hạn"))
    await harness.tap(MOD, preview, "Đăng ngay")
    (notice,) = await Notices(harness.db, CommuneDirectory([22])).all()
    # Through 31/12/2099 in Vietnam: until midnight there, 17:00 UTC.
    assert notice.expires_at == datetime(2099, 12, 31, 17, 0, tzinfo=UTC)

    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    assert "Lịch tiếp công dân" in await _listing(harness, ALICE)
    later = datetime(2100, 1, 5, 3, 0, tzinfo=UTC)
    monkeypatch.setattr("bot.services.notices.utcnow", lambda: later)
    assert "chưa có thông báo" in await _listing(harness, ALICE)

    async def change_expiry(reply: str | None) -> Message:
        manage = await harness.say(MOD, "/notices")
        card = await harness.tap(MOD, manage, "Lịch tiếp")
        ask = await harness.tap(MOD, card, "Đổi hạn")
        if reply is None:
            return await harness.tap(MOD, ask, "Không có hạn")
        return await harness.say(MOD, reply)

    done = await change_expiry(None)
    assert "Không có hạn" in plain(done)
    assert "Lịch tiếp công dân" in await _listing(harness, ALICE)
    done = await change_expiry("02/01/2100")
    assert "02/01/2100" in plain(done)
    assert "chưa có thông báo" in await _listing(harness, ALICE)
    await change_expiry("31/01/2100")
    assert "Lịch tiếp công dân" in await _listing(harness, ALICE)
    manage = await harness.say(MOD, "/notices")
    card = await harness.tap(MOD, manage, "Lịch tiếp")
    assert "Hiệu lực đến hết ngày 31/01/2100" in plain(card)
    assert _failures(harness) == []


async def test_title_and_text_are_edited_from_notices(harness: Harness) -> None:
    await _moderator(harness)
    start = await harness.say(MOD, "/notice")
    photo = await _draft_to_photo(harness, MOD, start, "Vân Đồn")
    preview = await harness.tap(MOD, await harness.tap(MOD, photo, "Bỏ qua ảnh"), "Không có hạn")
    await harness.tap(MOD, preview, "Đăng ngay")
    manage = await harness.say(MOD, "/notices")
    card = await harness.tap(MOD, manage, "Lịch tiếp")
    ask = await harness.tap(MOD, card, "Sửa tiêu đề")
    assert "tiêu đề" in plain(ask)
    # A second tap on the same button asks nothing new.
    sent = len(harness.api.messages_to(MOD))
    harness.api.press(MOD, card, button_data(card, "Sửa tiêu đề"))
    await harness.settle()
    assert harness.api.callback_answers[-1]["text"] == "Bot đang chờ bạn gõ nội dung mới."
    assert len(harness.api.messages_to(MOD)) == sent
    done = await harness.say(MOD, "Lịch tiếp dân <mới>")
    assert "Lịch tiếp dân <mới>" in plain(done)
    await harness.tap(MOD, card, "Sửa nội dung")
    await harness.say(MOD, "Chiều thứ sáu hằng tuần.")
    (notice,) = await Notices(harness.db, CommuneDirectory([22])).all()
    assert (notice.title, notice.body) == ("Lịch tiếp dân <mới>", "Chiều thứ sáu hằng tuần.")
    harness.api.add_user(ALICE, "Alice", language_code="vi")
    await onboard(harness, ALICE)
    listing = await harness.say(ALICE, "📢 Thông tin chính thức")
    full = await harness.tap(ALICE, listing, "Lịch tiếp dân <mới>")
    assert "Chiều thứ sáu" in plain(full)
    # Withdrawn: its old edit buttons are stale.
    await harness.tap_and_settle(MOD, card, "Thu hồi")
    await _press_is_stale(harness, MOD, card, button_data(card, "Sửa tiêu đề"))
    assert _failures(harness) == []


async def test_issuer_is_kept_or_replaced_in_the_preview(harness: Harness) -> None:
    await _moderator(harness)
    start = await harness.say(MOD, "/notice")
    photo = await _draft_to_photo(harness, MOD, start, "Vân Đồn")
    preview = await harness.tap(MOD, await harness.tap(MOD, photo, "Bỏ qua ảnh"), "Không có hạn")
    ask = await harness.tap(MOD, preview, "Đổi đơn vị ban hành")
    assert "Công an đặc khu Vân Đồn" in plain(ask)
    kept = await harness.tap(MOD, ask, "Giữ nguyên")
    assert "Công an đặc khu Vân Đồn" in plain(kept)
    await _press_is_stale(harness, MOD, ask, button_data(ask, "Giữ nguyên"))
    await harness.tap(MOD, kept, "Đổi đơn vị ban hành")
    too_long = await harness.say(MOD, "x" * 101)
    assert "từ 1 đến 100 ký tự" in plain(too_long)
    issuer = "Đội CSGT <số 1> & Công an xã"
    changed = await harness.say(MOD, issuer)
    assert issuer in plain(changed)
    await harness.tap(MOD, changed, "Đăng ngay")
    (notice,) = await Notices(harness.db, CommuneDirectory([22])).all()
    assert notice.issuer == issuer
    assert _failures(harness) == []


async def test_stale_forged_and_repeated_presses_change_nothing(harness: Harness) -> None:
    await _moderator(harness)
    api = harness.api
    first = await harness.say(MOD, "/notice")
    old_cancel = button_data(first, "Hủy")
    start = await harness.say(MOD, "/notice")  # a second /notice: the first one's buttons die
    await _press_is_stale(harness, MOD, first, old_cancel)
    await _press_is_stale(harness, MOD, first, button_data(first, "Vân Đồn"))
    token = button_data(start, "Vân Đồn").split(":")[2]
    for forged in ("ns:s", "ns:k", f"ns:k:{token}:bogus", f"ns:pub:{token}", "ns:x:nope"):
        await _press_is_stale(harness, MOD, start, forged)

    scope = button_data(start, "Vân Đồn")
    kinds = await harness.tap_and_settle(MOD, start, "Vân Đồn")
    await _press_is_stale(harness, MOD, start, scope)  # second tap
    kind = button_data(kinds, "Cảnh báo")
    await harness.tap_and_settle(MOD, kinds, "Cảnh báo")
    await _press_is_stale(harness, MOD, kinds, kind)
    await harness.say(MOD, "Tiêu đề")
    photo = await harness.say(MOD, "Nội dung")
    skip = button_data(photo, "Bỏ qua ảnh")
    expiry = await harness.tap(MOD, photo, "Bỏ qua ảnh")
    await _press_is_stale(harness, MOD, photo, skip)
    no_expiry = button_data(expiry, "Không có hạn")
    preview = await harness.tap(MOD, expiry, "Không có hạn")
    await _press_is_stale(harness, MOD, expiry, no_expiry)
    publish = button_data(preview, "Đăng ngay")
    schedule = button_data(preview, "Hẹn giờ")
    done = await harness.tap(MOD, preview, "Đăng ngay")
    assert "Đã đăng" in plain(done)
    await _press_is_stale(harness, MOD, preview, publish)
    await _press_is_stale(harness, MOD, preview, schedule)
    assert len(await Notices(harness.db, CommuneDirectory([22])).all()) == 1

    # Cancel, then every button of that flow is stale.
    start = await harness.say(MOD, "/notice")
    cancel = button_data(start, "Hủy")
    await harness.tap_and_settle(MOD, start, "Hủy")
    assert await _state(harness, MOD) is None
    await _press_is_stale(harness, MOD, start, cancel)

    # /notices: a second withdraw, and presses on notices that do not exist.
    manage = await harness.say(MOD, "/notices")
    card = await harness.tap(MOD, manage, "Tiêu đề")
    withdraw = button_data(card, "Thu hồi")
    await harness.tap_and_settle(MOD, card, "Thu hồi")
    await _press_is_stale(harness, MOD, card, withdraw)
    for forged in ("ns:m:999", "ns:e:999:t", "ns:e:1:z", "ns:w:abc"):
        await _press_is_stale(harness, MOD, card, forged)
    assert api.unanswered_callback_queries() == []
    assert _failures(harness) == []


async def test_a_draft_begun_before_button_tokens_carries_on(harness: Harness) -> None:
    await _moderator(harness)
    data = {"scope": f"commune:{VAN_DON}", "kind": "announcement", "title": "Cũ"}
    await Conversations(harness.db).set(MOD, State("notice", "body", data))
    photo = await harness.say(MOD, "Nội dung soạn trước khi nâng cấp.")
    expiry = await harness.tap(MOD, photo, "Bỏ qua ảnh")
    preview = await harness.tap(MOD, expiry, "Không có hạn")
    await harness.tap(MOD, preview, "Đăng ngay")
    (notice,) = await Notices(harness.db, CommuneDirectory([22])).all()
    assert notice.title == "Cũ"
