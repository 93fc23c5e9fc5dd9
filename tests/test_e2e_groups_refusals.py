"""Refusals in community groups: a resident or the leader of another group acting as a leader,
a moderator's button pressed by a leader, second taps, stale buttons after a restart, forged
callback data — each answered kindly, none changing anything."""

from pathlib import Path

import pytest

from bot.services.roles import Refusal
from tests.group_fixtures import (
    ALICE,
    CAROL,
    CHAT,
    LEADER,
    MOD,
    OTHER_LEADER,
    ROOM,
    STALE,
    Town,
    town,
)
from tests.harness import Harness, Message, button_data, onboard, plain

NOT_LEADER = "Chỉ tổ trưởng của tổ này (và công an xã) mới làm được việc này."
NOT_MODERATOR = "Chỉ công an xã của xã có tổ này mới làm được việc này."
ANSWERED = "Yêu cầu này đã được trả lời."


async def _press(harness: Harness, user: int, message: Message, data: str) -> str:
    """A press (forged when the button is not on the message); the answer it got."""
    harness.api.press(user, message, data, forge=True)
    await harness.settle()
    assert harness.api.unanswered_callback_queries() == []
    return str(harness.api.callback_answers[-1].get("text"))


async def _requested(harness: Harness, t: Town) -> tuple[Message, int]:
    """Alice asks to join thôn 3 (led by LEADER); the request as LEADER got it, its id."""
    await t.services.groups.appoint(None, t.id("vd-tlg-3"), LEADER)
    await t.services.groups.appoint(None, t.id("vd-tlg-1"), OTHER_LEADER)
    await onboard(harness, ALICE)
    await onboard(harness, CAROL)
    waiter = harness.api.wait_for_message(LEADER, lambda m: "xin tham gia" in plain(m))
    await harness.say(ALICE, "🤝 Tổ tự quản")
    found = await harness.say(ALICE, "thon 3")
    card = await harness.tap_and_settle(ALICE, found, "thôn 3")
    await harness.tap(ALICE, card, "Xin tham gia")
    request = await waiter
    member = await t.services.membership.status(t.id("vd-tlg-3"), ALICE)
    assert member == "pending"
    return request, int(button_data(request, "Đồng ý").split(":")[2])


async def test_only_the_groups_leaders_may_answer_a_request(
    harness: Harness, tmp_path: Path
) -> None:
    t = await town(harness, tmp_path)
    request, member_id = await _requested(harness, t)
    approve = f"gl:a:{member_id}"
    carol_last = harness.api.messages_to(CAROL)[-1]
    assert await _press(harness, CAROL, carol_last, approve) == NOT_LEADER
    other_last = harness.api.messages_to(OTHER_LEADER)[-1]
    assert await _press(harness, OTHER_LEADER, other_last, approve) == NOT_LEADER
    assert await _press(harness, OTHER_LEADER, other_last, f"gl:o:{t.id('vd-tlg-3')}") == NOT_LEADER
    assert await t.services.membership.status(t.id("vd-tlg-3"), ALICE) == "pending"

    decided = await harness.tap_and_settle(LEADER, request, "Đồng ý")
    assert "Alice đã là thành viên" in plain(decided)
    # The same press again (a double tap reaching the bot twice) changes nothing.
    assert await _press(harness, LEADER, request, approve) == ANSWERED
    assert await _press(harness, LEADER, request, f"gl:d:{member_id}") == ANSWERED
    await harness.settle()
    welcomes = [m for m in harness.api.messages_to(ALICE) if "Chào mừng" in plain(m)]
    assert len(welcomes) == 1
    assert await t.services.membership.status(t.id("vd-tlg-3"), ALICE) == "member"

    # Leaders of other groups and residents cannot remove, post or edit either.
    with pytest.raises(Refusal, match="not-leader"):
        await t.services.membership.remove(OTHER_LEADER, member_id, "không lý do")
    with pytest.raises(Refusal, match="not-leader"):
        await t.services.group_posts.post_notice(CAROL, t.id("vd-tlg-3"), "Tin giả mạo")
    assert await _press(harness, OTHER_LEADER, other_last, f"gl:rm:{member_id}") == NOT_LEADER
    assert await t.services.membership.status(t.id("vd-tlg-3"), ALICE) == "member"


async def test_forged_and_stale_presses_are_answered_and_change_nothing(
    harness: Harness, tmp_path: Path
) -> None:
    t = await town(harness, tmp_path)
    request, member_id = await _requested(harness, t)
    leader_last = harness.api.messages_to(LEADER)[-1]
    for forged in ("gl:a:abc", "gl:a:999999", "gr:o:999999", "gr:zz:1", "ga:o", "gl", "gr:k:99:0"):
        assert await _press(harness, LEADER, leader_last, forged) == STALE
    # A moderator's button pressed by a leader.
    group = t.id("vd-tlg-3")
    assert await _press(harness, LEADER, leader_last, f"ga:ar:{group}") == NOT_MODERATOR
    assert await _press(harness, LEADER, leader_last, f"ga:ac:{group}") == NOT_MODERATOR
    assert (await t.services.groups.get(group)).active  # type: ignore[union-attr]

    # After a restart the request's buttons still work; once Alice withdrew, they are stale.
    await harness.restart()
    await harness.say(ALICE, "🤝 Tổ tự quản")
    found = await harness.say(ALICE, "thon 3")
    card = await harness.tap_and_settle(ALICE, found, "thôn 3")
    assert "đang chờ" in plain(card)
    confirm = await harness.tap_and_settle(ALICE, card, "Rút yêu cầu")
    await harness.tap_and_settle(ALICE, confirm, "Đồng ý rời tổ")
    assert await t.services.membership.status(group, ALICE) is None
    assert await _press(harness, LEADER, request, f"gl:a:{member_id}") == STALE
    assert await t.services.membership.status(group, ALICE) is None


async def test_only_leaders_link_a_chat_and_only_moderators_appoint(
    harness: Harness, tmp_path: Path
) -> None:
    t = await town(harness, tmp_path)
    group = t.id("vd-tlg-3")
    await t.services.groups.appoint(None, group, LEADER)
    harness.api.add_group(CHAT, "Chat tổ thôn 3")
    harness.api.add_member(CHAT, OTHER_LEADER)
    refused = await harness.say_in(CHAT, OTHER_LEADER, f"/linkgroup {group}")
    assert NOT_LEADER in plain(refused)
    assert (await t.services.groups.get(group)).chat_id is None  # type: ignore[union-attr]
    refused = await harness.say(LEADER, f"/groupleader {group} {OTHER_LEADER}")
    assert NOT_MODERATOR in plain(refused)
    assert (await t.services.groups.get(group)).leaders == (LEADER,)  # type: ignore[union-attr]


async def test_a_story_is_published_once_and_by_a_moderator_only(
    harness: Harness, tmp_path: Path
) -> None:
    t = await town(harness, tmp_path)
    group = t.id("vd-tlg-3")
    await t.services.groups.appoint(None, group, LEADER)
    in_room = harness.api.wait_for_message(ROOM, lambda m: "Câu chuyện tích cực" in plain(m))
    await t.services.group_posts.submit_story(
        LEADER, group, "Tuần tra đêm\nTổ tuần tra ngăn được một vụ trộm xe máy.", None
    )
    assert harness.app is not None
    harness.app.bot_data["sender"].kick()
    story = await in_room
    publish = button_data(story, "Đăng")
    harness.api.add_member(ROOM, LEADER)
    assert await _press(harness, LEADER, story, publish) == NOT_MODERATOR
    assert await t.services.notices.all() == []
    await _press(harness, MOD, story, publish)
    assert await _press(harness, MOD, story, publish) == "Câu chuyện này đã được đăng."
    assert len(await t.services.notices.all()) == 1
