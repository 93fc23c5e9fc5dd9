"""Community groups end to end, as a new user would try them against the fake Bot API: a
moderator imports twenty groups and appoints a leader; a resident finds "thon 3" without
diacritics, asks to join and is approved; the invite lets her into the linked chat while a
stranger is declined; the leader's notice reaches members only; a removed member leaves the
chat too; a mediation request reaches the team's leaders and the commune room; a positive
story becomes a published notice."""

from datetime import timedelta
from pathlib import Path

from bot.storage.models import utcnow
from tests.group_fixtures import (
    ALICE,
    BOB,
    CAROL,
    CHAT,
    LEADER,
    MEDIATOR,
    MOD,
    ROOM,
    Town,
    labels,
    open_group,
    town,
)
from tests.harness import Harness, Message, buttons, onboard, plain


async def _appoint_and_link(harness: Harness, t: Town) -> None:
    thon3 = t.id("vd-tlg-3")
    told = harness.api.wait_for_message(LEADER, lambda m: "đã được bổ nhiệm" in plain(m))
    done = await harness.say(MOD, f"/groupleader {thon3} {LEADER}")
    assert f"{LEADER} nay là tổ trưởng" in plain(done)
    assert "Công cụ tổ trưởng" in plain(await told)
    harness.api.add_group(CHAT, "Chat tổ thôn 3")
    harness.api.add_member(CHAT, LEADER)
    linked = await harness.say_in(CHAT, LEADER, f"/linkgroup {thon3}")
    assert "đã được liên kết" in plain(linked)


async def _join_thon_3(harness: Harness) -> Message:
    """Alice searches without diacritics, opens the group and asks to join."""
    await onboard(harness, ALICE)
    overview = await harness.say(ALICE, "🤝 Tổ tự quản")
    assert "Các tổ tự quản của Đặc khu Vân Đồn" in plain(overview)
    assert any("tổ liên gia" in label and "(8)" in label for label in labels(overview))
    found = await harness.say(ALICE, "thon 3")
    names = labels(found)
    assert names[0].startswith("Tổ liên gia tự quản thôn 3")
    assert not any("thôn 13" in name for name in names)
    card = await harness.tap_and_settle(ALICE, found, "thôn 3")
    assert "Tối thứ bảy, nhà văn hóa thôn" in plain(card)
    waiter = harness.api.wait_for_message(LEADER, lambda m: "xin tham gia" in plain(m))
    asked = await harness.tap(ALICE, card, "Xin tham gia")
    assert "đã được gửi tới tổ trưởng" in plain(asked)
    return await waiter


async def test_the_whole_story_of_a_group(harness: Harness, tmp_path: Path) -> None:
    api = harness.api
    t = await town(harness, tmp_path)
    await _appoint_and_link(harness, t)

    request = await _join_thon_3(harness)
    assert "Alice" in plain(request)
    welcome_waiter = api.wait_for_message(ALICE, lambda m: "Chào mừng" in plain(m))
    decided = await harness.tap_and_settle(LEADER, request, "Đồng ý")
    assert "Alice đã là thành viên" in plain(decided)
    welcome = await welcome_waiter
    links = [
        b["url"] for row in welcome["reply_markup"]["inline_keyboard"] for b in row if "url" in b
    ]
    assert len(links) == 1

    # The link lets Alice in; the same link passed to a stranger lets him in nowhere.
    api.request_join(ALICE, CHAT, invite_link=links[0])
    await harness.settle()
    assert api.state.chats[CHAT].members.get(ALICE) == "member"
    api.add_user(BOB, "Bob", language_code="vi")
    told = api.wait_for_message(BOB, lambda m: "dành cho thành viên" in plain(m))
    api.request_join(BOB, CHAT, invite_link=links[0])
    await harness.settle()
    assert BOB not in api.join_requests(CHAT)
    assert api.state.chats[CHAT].members.get(BOB, "left") == "left"
    assert "Xin tham gia tổ" in " ".join(label for label, _ in buttons(await told))

    # A notice from the leader reaches the members only.
    await onboard(harness, CAROL)
    card = await open_group(harness, LEADER, "thôn 3")
    tools = await harness.tap_and_settle(LEADER, card, "Công cụ tổ trưởng")
    assert "1 thành viên" in plain(tools)
    await harness.tap(LEADER, tools, "Gửi thông báo")
    api.send_text(LEADER, "Họp tổ tối thứ bảy\nMời các hộ đến nhà văn hóa lúc 19 giờ.")
    await harness.settle()
    await harness.drain(utcnow() + timedelta(days=1))
    assert any("Họp tổ tối thứ bảy" in plain(m) for m in api.messages_to(ALICE))
    for outsider in (CAROL, BOB, MEDIATOR):
        assert not any("Họp tổ tối thứ bảy" in plain(m) for m in api.messages_to(outsider))

    # The leader removes Alice, who is told why and is out of the chat.
    members = await harness.tap_and_settle(LEADER, tools, "Thành viên")
    assert "Alice" in plain(members)
    await harness.tap(LEADER, members, "Alice")
    removed_waiter = api.wait_for_message(ALICE, lambda m: "mời ra khỏi" in plain(m))
    done = await harness.say(LEADER, "Không tham gia sinh hoạt ba tháng")
    assert "Đã mời Alice ra khỏi" in plain(done)
    assert "Không tham gia sinh hoạt ba tháng" in plain(await removed_waiter)
    assert api.state.chats[CHAT].members.get(ALICE) == "left"
    assert ALICE not in api.bans(CHAT)  # unbanned again: she may come back if approved


async def test_mediation_reaches_the_team_and_the_room(harness: Harness, tmp_path: Path) -> None:
    api = harness.api
    t = await town(harness, tmp_path)
    await t.services.groups.appoint(None, t.id("vd-hg-5"), MEDIATOR)
    await onboard(harness, CAROL)
    await harness.say(CAROL, "🤝 Tổ tự quản")
    found = await harness.say(CAROL, "hoa giai khu 5")
    card = await harness.tap_and_settle(CAROL, found, "Tổ hòa giải khu 5")
    assert "không phải là báo cáo gửi công an" in plain(card).lower()
    ask = await harness.tap(CAROL, card, "Yêu cầu hòa giải")
    assert "không phải là báo cáo gửi công an" in plain(ask)
    to_leader = api.wait_for_message(MEDIATOR, lambda m: "Yêu cầu hòa giải" in plain(m))
    to_room = api.wait_for_message(ROOM, lambda m: "Ghi nhận" in plain(m))
    sent = await harness.say(CAROL, "Nhà bên cạnh xây tường lấn sang lối đi chung của hai nhà.")
    assert "Tổ hòa giải khu 5" in plain(sent)
    request = await to_leader
    assert "lấn sang lối đi chung" in plain(request) and "Carol" in plain(request)
    assert "lấn sang lối đi chung" in plain(await to_room)
    accepted_waiter = api.wait_for_message(CAROL, lambda m: "đã nhận yêu cầu hòa giải" in plain(m))
    accepted = await harness.tap_and_settle(MEDIATOR, request, "Tổ nhận hòa giải")
    assert "Bạn đã nhận yêu cầu hòa giải" in plain(accepted)
    assert "Ông Hải" in plain(await accepted_waiter)


async def test_a_positive_story_becomes_a_published_notice(
    harness: Harness, tmp_path: Path
) -> None:
    api = harness.api
    t = await town(harness, tmp_path)
    await t.services.groups.appoint(None, t.id("vd-tlg-3"), LEADER)
    await onboard(harness, CAROL)
    card = await open_group(harness, LEADER, "thôn 3")
    tools = await harness.tap_and_settle(LEADER, card, "Công cụ tổ trưởng")
    await harness.tap(LEADER, tools, "câu chuyện tích cực")
    in_room = api.wait_for_message(ROOM, lambda m: "Câu chuyện tích cực" in plain(m))
    thanks = api.wait_for_message(LEADER, lambda m: "Cảm ơn" in plain(m))
    api.send_photo(LEADER, caption="Trả lại ví rơi\nAnh Nam nhặt được ví và trả lại cho chủ.")
    await thanks
    story = await in_room
    assert story["kind"] == "photo" and plain(story).count("Trả lại ví rơi") == 1
    published = api.wait_for_message(ROOM, lambda m: "Đã đăng" in plain(m))
    api.press(MOD, story, next(d for label, d in buttons(story) if "Đăng" in label))
    await published
    await harness.settle()
    await harness.drain(utcnow() + timedelta(days=1))
    assert any("Trả lại ví rơi" in plain(m) for m in api.messages_to(CAROL))
    notices = await t.services.notices.all()
    assert [(n.kind.value, n.scope.code) for n in notices] == [("positive", 6994)]
