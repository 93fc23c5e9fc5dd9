"""Moderators' side of community groups in Telegram: /newgroup step by step (surviving a
restart), a group's admin card (appoint a leader, archive with members told), /groups in the
room with its chart; and a leader declining a request and editing the meeting time."""

from pathlib import Path

from bot.services.roles import Grant, Role
from tests.group_fixtures import (
    ALICE,
    BA_CHE,
    CAROL,
    LEADER,
    MOD,
    ROOM,
    VAN_DON,
    labels,
    open_group,
    services_of,
    town,
)
from tests.harness import Harness, Message, onboard, plain
from tests.population import add_residents, resident_rows


async def test_newgroup_step_by_step_across_a_restart(harness: Harness, tmp_path: Path) -> None:
    t = await town(harness, tmp_path)
    kinds = await harness.say(MOD, "/newgroup")
    assert "Đặc khu Vân Đồn" in plain(kinds)
    await harness.tap_and_settle(MOD, kinds, "đường biên")
    await harness.restart()
    await harness.say(MOD, "Tổ tự quản đường biên, cột mốc bản Khe Lạc")
    await harness.say(MOD, "Bản Khe Lạc")
    card = await harness.say(MOD, "-")
    assert "Tổ tự quản đường biên, cột mốc bản Khe Lạc" in plain(card)
    created = [g for g in await t.services.groups.all() if g.kind == "border_team"]
    assert len(created) == 1
    group = created[0]
    assert group.hamlet == "Bản Khe Lạc" and group.description == ""

    # Appoint a leader from the card; the card is checked against the database.
    await harness.tap(MOD, card, "Bổ nhiệm tổ trưởng")
    done = await harness.say(MOD, str(LEADER))
    assert f"{LEADER} nay là tổ trưởng" in plain(done)
    assert (await t.services.groups.get(group.id)).leaders == (LEADER,)  # type: ignore[union-attr]
    # The stale kind buttons of the finished /newgroup do nothing.
    harness.api.press(
        MOD,
        kinds,
        "ga:nk:"
        + kinds["reply_markup"]["inline_keyboard"][0][0]["callback_data"].split(":")[2]
        + ":0",
        forge=True,
    )
    await harness.settle()
    assert harness.api.callback_answers[-1]["text"] == "Nút này đã cũ hoặc không còn hiệu lực."
    assert len([g for g in await t.services.groups.all() if g.kind == "border_team"]) == 1


async def _admin_card(harness: Harness) -> Message:
    """The moderator finds the veterans' team no. 2 and opens its admin card."""
    await harness.say(MOD, "🤝 Tổ tự quản")
    found = await harness.say(MOD, "cuu chien binh so 2")
    card = await harness.tap_and_settle(MOD, found, "cựu chiến binh số 2")
    assert "⚙️ Quản lý (cán bộ xã)" in labels(card)
    return await harness.tap_and_settle(MOD, card, "Quản lý")


async def test_archive_tells_members_and_hides_the_group(harness: Harness, tmp_path: Path) -> None:
    t = await town(harness, tmp_path)
    group = t.id("vd-ccb-2")
    await t.services.groups.appoint(None, group, LEADER)
    await onboard(harness, ALICE)
    request = await t.services.membership.request(group, ALICE, "Alice", None)
    await t.services.membership.decide(LEADER, request.id, approve=True)
    await harness.drain()
    await onboard(harness, MOD)
    admin = await _admin_card(harness)
    assert f"#{group}" in plain(admin) and str(LEADER) in plain(admin)
    confirm = await harness.tap_and_settle(MOD, admin, "Lưu trữ")
    told = harness.api.wait_for_message(ALICE, lambda m: "ngừng hoạt động" in plain(m))
    done = await harness.tap_and_settle(MOD, confirm, "Đồng ý lưu trữ")
    assert "đã báo 1 thành viên" in plain(done)
    assert "Tổ an ninh cựu chiến binh số 2" in plain(await told)
    overview = await harness.say(ALICE, "🤝 Tổ tự quản")
    assert any("cựu chiến binh" in label and "(5)" in label for label in labels(overview))
    assert await t.services.groups.search(6994, "cuu chien binh so 2") == []


async def test_groups_in_the_room_with_a_chart(harness: Harness, tmp_path: Path) -> None:
    t = await town(harness, tmp_path)
    await t.services.groups.appoint(None, t.id("vd-tlg-3"), LEADER)
    figures = await harness.say_in(ROOM, MOD, "/groups")
    text = plain(figures)
    assert "20 tổ đang hoạt động" in text
    assert "Chưa có tổ trưởng: 19" in text
    await harness.settle()
    assert harness.api.messages_to(ROOM)[-1]["kind"] == "photo"
    refused = await harness.say(CAROL, "/groups")
    assert "chỉ dành cho cán bộ" in plain(refused)


async def test_a_leader_declines_and_edits_the_meeting(harness: Harness, tmp_path: Path) -> None:
    t = await town(harness, tmp_path)
    group = t.id("vd-tlg-5")
    await t.services.groups.appoint(None, group, LEADER)
    await onboard(harness, ALICE)
    await t.services.membership.request(group, ALICE, "Alice", "Tôi ở thôn 5")
    await harness.drain()
    card = await open_group(harness, LEADER, "thôn 5")
    tools = await harness.tap_and_settle(LEADER, card, "Công cụ tổ trưởng")
    assert "1 yêu cầu đang chờ" in plain(tools)
    request = await harness.tap(LEADER, tools, "Yêu cầu tham gia")
    assert "Tôi ở thôn 5" in plain(request)
    told = harness.api.wait_for_message(ALICE, lambda m: "chưa được chấp nhận" in plain(m))
    await harness.tap_and_settle(LEADER, request, "Từ chối")
    await told
    assert await t.services.membership.status(group, ALICE) is None
    await harness.tap(LEADER, tools, "Lịch sinh hoạt")
    edited = await harness.say(LEADER, "Sáng chủ nhật, sân nhà văn hóa thôn 5")
    assert "0 yêu cầu đang chờ" in plain(edited)
    assert (await t.services.groups.get(group)).meeting == "Sáng chủ nhật, sân nhà văn hóa thôn 5"  # type: ignore[union-attr]


async def test_mydata_shows_groups_and_deleteme_erases_them(
    harness: Harness, tmp_path: Path
) -> None:
    t = await town(harness, tmp_path)
    group = t.id("vd-tlg-2")
    await t.services.groups.appoint(None, group, LEADER)
    await t.services.groups.appoint(None, t.id("vd-tlg-4"), ALICE)
    await onboard(harness, ALICE)
    request = await t.services.membership.request(group, ALICE, "Alice", None)
    await t.services.membership.decide(LEADER, request.id, approve=True)
    mine = await harness.say(ALICE, "/mydata")
    assert "Tổ liên gia tự quản thôn 2 (thành viên)" in plain(mine)
    assert "Tổ liên gia tự quản thôn 4 (tổ trưởng)" in plain(mine)
    confirm = await harness.say(ALICE, "/deleteme")
    await harness.tap_and_settle(ALICE, confirm, "Xóa")
    assert await t.services.membership.status(group, ALICE) is None
    assert await t.services.groups.of_person(ALICE) == []


async def test_a_forward_while_browsing_groups_is_checked_as_a_rumor(
    harness: Harness, tmp_path: Path
) -> None:
    await town(harness, tmp_path)
    await onboard(harness, CAROL)
    await harness.say(CAROL, "🤝 Tổ tự quản")
    waiter = harness.api.wait_for_message(CAROL)
    harness.api.send_message(
        CAROL,
        text="Khẩn: thôn 3 sắp bị cắt điện ba ngày, chia sẻ ngay cho mọi người!",
        forward_origin={"type": "hidden_user", "sender_user_name": "Ai đó", "date": 1_700_000_000},
    )
    assert "Không có tổ nào khớp" not in plain(await waiter)
    state = await services_of(harness).conversations.get(CAROL)
    assert state is None or state.flow != "groups"


async def test_a_leader_is_named_by_a_shared_contact_or_a_forward_and_shown_by_name(
    harness: Harness, tmp_path: Path
) -> None:
    """Moderators rarely know a Telegram id: they share the person's contact or forward one of
    their messages, and the admin card names leaders who are members."""
    t = await town(harness, tmp_path)
    group = t.id("vd-ccb-2")
    await onboard(harness, ALICE)
    request = await t.services.membership.request(group, ALICE, "Alice Trần", None)
    await t.services.groups.appoint(None, group, LEADER)
    await t.services.membership.decide(LEADER, request.id, approve=True)
    await harness.drain()
    await onboard(harness, MOD)
    admin = await _admin_card(harness)

    ask = await harness.tap(MOD, admin, "Bổ nhiệm tổ trưởng")
    assert "Chia sẻ liên hệ" in plain(ask)
    again = await harness.say(MOD, "anh Ba ở thôn 2")
    assert "Chưa nhận ra người này" in plain(again)
    waiter = harness.api.wait_for_message(MOD)
    harness.api.send_message(
        MOD, contact={"phone_number": "+84900000001", "first_name": "Alice", "user_id": ALICE}
    )
    assert f"Alice ({ALICE}) nay là tổ trưởng" in plain(await waiter)

    ask = await harness.tap(MOD, admin, "Bổ nhiệm tổ trưởng")
    waiter = harness.api.wait_for_message(MOD)
    harness.api.send_message(
        MOD,
        text="Mai họp tổ lúc 8 giờ",
        forward_origin={
            "type": "user",
            "sender_user": {"id": CAROL, "is_bot": False, "first_name": "Carol", "last_name": "Lê"},
            "date": 1_700_000_000,
        },
    )
    assert f"Carol Lê ({CAROL}) nay là tổ trưởng" in plain(await waiter)
    assert set((await t.services.groups.get(group)).leaders) == {LEADER, ALICE, CAROL}  # type: ignore[union-attr]

    admin = await _admin_card(harness)
    # Members are named by the name they joined with; a leader who never joined by the id.
    assert f"Alice Trần ({ALICE})" in plain(admin)
    assert f"➖ Alice Trần ({ALICE})" in labels(admin)
    assert f"{CAROL}" in plain(admin) and "Carol Lê" not in plain(admin)


async def test_groups_in_a_room_count_the_rooms_commune_only(
    harness: Harness, tmp_path: Path
) -> None:
    """A moderator of two communes asking in the room of one sees that commune's groups; in
    private, both."""
    t = await town(harness, tmp_path)
    await t.services.roles.grant(None, Grant(MOD, Role.MODERATOR, BA_CHE, None), None)
    await onboard(harness, MOD)
    here = plain(await harness.say_in(ROOM, MOD, "/groups"))
    assert "20 tổ đang hoạt động" in here
    await harness.settle()
    everywhere = plain(await harness.say(MOD, "/groups"))
    assert "21 tổ đang hoạt động" in everywhere


async def test_the_admin_card_names_five_leaders_at_their_longest_and_counts_the_rest(
    harness: Harness, tmp_path: Path
) -> None:
    t = await town(harness, tmp_path)
    group = t.id("vd-ccb-2")
    await t.services.groups.appoint(None, group, LEADER)
    people = [7_000_000_000 + n for n in range(30)]
    await add_residents(harness.db, resident_rows(people, VAN_DON))
    for n, user in enumerate(people):
        request = await t.services.membership.request(group, user, f"{n:02d}" + "Đ" * 70, None)
        await t.services.membership.decide(LEADER, request.id, approve=True)
        await t.services.groups.appoint(None, group, user)
    await onboard(harness, MOD)
    admin = await _admin_card(harness)
    assert plain(admin).count("Đ" * 62) == 4  # LEADER never joined: named by id
    assert "+26" in plain(admin)
    assert len([label for label in labels(admin) if label.startswith("➖")]) == 5
