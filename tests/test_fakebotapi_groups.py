"""Community group chats as the bot manages them: invite links, join requests, bans."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, ChatMemberBanned, Update
from telegram.error import BadRequest, Forbidden

from tests.fakebotapi import FakeBotAPI

pytestmark = pytest.mark.asyncio

ALICE, BOB, CAROL, DAVE = 1001, 1002, 1003, 1004
TEAM = -100700  # a neighbourhood team's supergroup, the bot an administrator
PLAIN = -700  # a basic group


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        server.add_user(ALICE, "Alice")
        server.add_user(BOB, "Bob", started=False)
        server.add_user(CAROL, "Carol", started=False)
        server.add_user(DAVE, "Dave")
        server.add_group(TEAM, "Tổ tự quản khu 5")
        server.add_member(TEAM, ALICE, "creator")
        server.add_group(PLAIN, "Nhóm thường")
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with api.make_bot() as client:
        yield client


async def test_create_edit_revoke_export_invite_links(api: FakeBotAPI, bot: Bot) -> None:
    expire = api.now() + 86400
    link = await bot.create_chat_invite_link(
        TEAM, name="Cư dân khu 5", expire_date=expire, creates_join_request=True
    )
    assert link.invite_link.startswith("https://t.me/+") and len(link.invite_link) == 30
    assert (link.name, link.creates_join_request, link.is_primary, link.is_revoked) == (
        "Cư dân khu 5",
        True,
        False,
        False,
    )
    assert link.creator.id == api.bot_user["id"]
    assert int(link.expire_date.timestamp()) == expire  # type: ignore[union-attr]
    assert link.pending_join_request_count == 0
    limited = await bot.create_chat_invite_link(TEAM, member_limit=10, name="x" * 40)
    assert limited.member_limit == 10 and limited.name == "x" * 32
    edited = await bot.edit_chat_invite_link(TEAM, limited.invite_link, member_limit=5)
    assert edited.member_limit == 5 and edited.name is None  # an edit replaces every setting
    revoked = await bot.revoke_chat_invite_link(TEAM, limited.invite_link)
    assert revoked.is_revoked
    with pytest.raises(BadRequest, match=r"(?i)INVITE_HASH_EXPIRED"):
        await bot.edit_chat_invite_link(TEAM, limited.invite_link, name="late")
    with pytest.raises(BadRequest, match=r"(?i)INVITE_HASH_EXPIRED"):
        await bot.revoke_chat_invite_link(TEAM, "https://t.me/+notALinkOfThis1")
    primary = await bot.export_chat_invite_link(TEAM)
    assert (await bot.get_chat(TEAM)).invite_link == primary
    with pytest.raises(BadRequest, match=r"(?i)CHAT_INVITE_PERMANENT"):
        await bot.edit_chat_invite_link(TEAM, primary, name="x")
    renewed = await bot.revoke_chat_invite_link(TEAM, primary)
    assert renewed.is_revoked and renewed.is_primary
    assert (await bot.get_chat(TEAM)).invite_link not in (None, primary)
    second = await bot.export_chat_invite_link(TEAM)
    assert second != primary


async def test_invite_link_validation(api: FakeBotAPI, bot: Bot) -> None:
    with pytest.raises(BadRequest) as caught:
        await bot.create_chat_invite_link(TEAM, member_limit=5, creates_join_request=True)
    assert api.requests[-1].description == (
        "Bad Request: member limit can't be specified for links requiring administrator approval"
    )
    assert "Member limit can't be specified" in caught.value.message
    for bad in (0, 100_000):
        status = await _raw_status(api, "createChatInviteLink", chat_id=TEAM, member_limit=bad)
        assert status == (200 if bad == 0 else 400)  # 0 means no limit
    assert api.requests[-1].description == "Bad Request: USAGE_LIMIT_INVALID"
    with pytest.raises(BadRequest, match=r"(?i)EXPIRE_DATE_INVALID"):
        await bot.create_chat_invite_link(TEAM, expire_date=api.now() - 10)
    with pytest.raises(BadRequest, match="Can't invite members to a private chat"):
        await bot.create_chat_invite_link(ALICE)
    api.set_bot_rights(TEAM, can_invite_users=False)
    with pytest.raises(BadRequest, match="Not enough rights to manage chat invite link"):
        await bot.create_chat_invite_link(TEAM)
    with pytest.raises(BadRequest, match="Not enough rights to manage chat invite link"):
        await bot.export_chat_invite_link(TEAM)
    member = await bot.get_chat_member(TEAM, api.bot_user["id"])
    assert member.status == "administrator" and not member.can_invite_users  # type: ignore[attr-defined]
    api.add_group(-100701, "Bot chỉ là thành viên", bot_status="member")
    with pytest.raises(BadRequest, match="Not enough rights to manage chat invite link"):
        await bot.create_chat_invite_link(-100701)
    api.set_bot_status(-100701, "kicked", notify=False)
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.create_chat_invite_link(-100701)


async def _raw_status(api: FakeBotAPI, method: str, **params: object) -> int:
    import aiohttp

    url = f"{api.base_url}{api.token}/{method}"
    async with aiohttp.ClientSession() as session, session.post(url, json=params) as response:
        return response.status


async def test_join_request_round_trip(api: FakeBotAPI, bot: Bot) -> None:
    link = await bot.create_chat_invite_link(TEAM, creates_join_request=True, name="Khu 5")
    api.request_join(BOB, TEAM, invite_link=link.invite_link, bio="Nhà số 12")
    api.request_join(CAROL, TEAM, invite_link=link)
    updates = await bot.get_updates()
    request = updates[0].chat_join_request
    assert request is not None
    assert (request.user_chat_id, request.bio, request.chat.id) == (BOB, "Nhà số 12", TEAM)
    assert request.invite_link is not None and request.invite_link.invite_link == link.invite_link
    assert request.invite_link.name == "Khu 5"
    assert request.invite_link.pending_join_request_count == 1
    assert set(api.join_requests(TEAM)) == {BOB, CAROL}
    assert api.join_requests(TEAM)[BOB]["bio"] == "Nhà số 12"
    # the bot may write to a requester who never started it, via user_chat_id
    await bot.send_message(request.user_chat_id, "Xin chào, bạn ở nhà số mấy?")
    assert await request.approve()
    assert (await bot.get_chat_member(TEAM, BOB)).status == "member"
    with pytest.raises(Forbidden, match="bot can't initiate conversation"):
        await bot.send_message(BOB, "the request is processed: the window closed")
    (shown,) = api.invite_links(TEAM)
    assert (shown["joined"], shown["pending_join_request_count"]) == (1, 1)
    assert await bot.decline_chat_join_request(TEAM, CAROL)
    assert api.join_requests(TEAM) == {}
    assert (await bot.get_chat_member(TEAM, CAROL)).status == "left"
    for user_id in (BOB, CAROL, DAVE):
        with pytest.raises(BadRequest, match=r"(?i)HIDE_REQUESTER_MISSING"):
            await bot.approve_chat_join_request(TEAM, user_id)
        with pytest.raises(BadRequest, match=r"(?i)HIDE_REQUESTER_MISSING"):
            await bot.decline_chat_join_request(TEAM, user_id)
    assert api.requests[-1].description == "Bad Request: HIDE_REQUESTER_MISSING"


async def test_approval_announces_the_new_member(api: FakeBotAPI, bot: Bot) -> None:
    link = await bot.create_chat_invite_link(TEAM, creates_join_request=True)
    api.request_join(BOB, TEAM, invite_link=link.invite_link)
    await bot.get_updates(allowed_updates=Update.ALL_TYPES)
    await bot.approve_chat_join_request(TEAM, BOB)
    updates = await bot.get_updates(offset=-2)
    member_update = next(u.chat_member for u in updates if u.chat_member)
    assert member_update.new_chat_member.status == "member"
    assert member_update.via_join_request
    assert member_update.invite_link is not None
    service = next(u.message for u in updates if u.message)
    assert [m.id for m in service.new_chat_members] == [BOB]


async def test_join_request_window_lasts_five_minutes(api: FakeBotAPI, bot: Bot) -> None:
    api.request_join(BOB, TEAM)  # the group's own "Request to join" button, no link
    api.advance(299)
    await bot.send_message(BOB, "still within 5 minutes")
    api.advance(2)
    with pytest.raises(Forbidden, match="bot can't initiate conversation"):
        await bot.send_message(BOB, "too late")
    assert await bot.approve_chat_join_request(TEAM, BOB)  # the request itself stays


async def test_join_requests_need_an_administrator_bot(api: FakeBotAPI, bot: Bot) -> None:
    link = await bot.create_chat_invite_link(TEAM, creates_join_request=True)
    api.set_bot_rights(TEAM, can_invite_users=False)
    api.request_join(BOB, TEAM, invite_link=link.invite_link)
    assert await bot.get_updates() == ()
    assert "can_invite_users" in api.dropped_updates[-1][1]
    with pytest.raises(BadRequest, match=r"(?i)CHAT_ADMIN_REQUIRED"):
        await bot.approve_chat_join_request(TEAM, BOB)
    with pytest.raises(Forbidden, match="bot can't initiate conversation"):
        await bot.send_message(BOB, "no rights, no window")


async def test_driver_refuses_what_clients_cannot_do(api: FakeBotAPI, bot: Bot) -> None:
    direct = await bot.create_chat_invite_link(TEAM, member_limit=1)
    with pytest.raises(ValueError, match="join directly"):
        api.request_join(BOB, TEAM, invite_link=direct.invite_link)
    api.join_chat(DAVE, TEAM, invite_link=direct.invite_link)
    assert (await bot.get_chat_member(TEAM, DAVE)).status == "member"
    with pytest.raises(ValueError, match="revoked, expired or full"):
        api.join_chat(BOB, TEAM, invite_link=direct.invite_link)
    with pytest.raises(ValueError, match="already a member"):
        api.request_join(ALICE, TEAM)
    expiring = await bot.create_chat_invite_link(
        TEAM, creates_join_request=True, expire_date=api.now() + 60
    )
    api.advance(61)
    with pytest.raises(ValueError, match="revoked, expired or full"):
        api.request_join(BOB, TEAM, invite_link=expiring.invite_link)
    with pytest.raises(ValueError, match="no invite link"):
        api.request_join(BOB, TEAM, invite_link="https://t.me/+unknownunknown12")
    human = api.add_invite_link(TEAM, creator_id=ALICE, creates_join_request=True)
    api.request_join(CAROL, TEAM, invite_link=human)
    (update,) = [u for u in await bot.get_updates() if u.chat_join_request]
    assert update.chat_join_request is not None
    shown = update.chat_join_request.invite_link
    assert shown is not None and shown.invite_link.endswith("…") and shown.creator.id == ALICE
    with pytest.raises(BadRequest, match=r"(?i)CHAT_ADMIN_REQUIRED"):
        await bot.revoke_chat_invite_link(TEAM, human)


async def test_ban_and_unban(api: FakeBotAPI, bot: Bot) -> None:
    api.add_member(TEAM, DAVE)
    until = api.now() + 3600
    assert await bot.ban_chat_member(TEAM, DAVE, until_date=until, revoke_messages=True)
    assert api.bans(TEAM)[DAVE]["until_date"] == until
    assert api.bans(TEAM)[DAVE]["revoke_messages"] is True
    banned = await bot.get_chat_member(TEAM, DAVE)
    assert isinstance(banned, ChatMemberBanned)
    assert int(banned.until_date.timestamp()) == until
    with pytest.raises(ValueError, match="not a member"):
        api.send_text(DAVE, "vẫn ở đây?", chat_id=TEAM)
    with pytest.raises(ValueError, match="banned"):
        api.request_join(DAVE, TEAM)
    api.advance(3601)
    assert (await bot.get_chat_member(TEAM, DAVE)).status == "left"  # the ban ran out
    assert await bot.ban_chat_member(TEAM, DAVE, until_date=api.now() + 10)  # < 30 s: forever
    forever = await bot.get_chat_member(TEAM, DAVE)
    assert isinstance(forever, ChatMemberBanned)
    assert forever.until_date.timestamp() == 0
    assert await bot.unban_chat_member(TEAM, BOB, only_if_banned=True)  # not banned: no-op
    assert await bot.unban_chat_member(TEAM, DAVE, only_if_banned=True)
    assert (await bot.get_chat_member(TEAM, DAVE)).status == "left"
    api.add_member(TEAM, CAROL)
    assert await bot.unban_chat_member(TEAM, CAROL)  # without only_if_banned: removed too
    assert (await bot.get_chat_member(TEAM, CAROL)).status == "left"


async def test_ban_errors(api: FakeBotAPI, bot: Bot) -> None:
    api.add_member(TEAM, BOB, "administrator")
    checks = [
        (bot.ban_chat_member(TEAM, ALICE), "Bad Request: can't remove chat owner"),
        (bot.ban_chat_member(TEAM, BOB), "Bad Request: user is an administrator of the chat"),
        (bot.ban_chat_member(ALICE, DAVE), "Bad Request: can't ban members in private chats"),
        (
            bot.unban_chat_member(PLAIN, DAVE),
            "Bad Request: method is available for supergroup and channel chats only",
        ),
    ]
    for call, description in checks:
        with pytest.raises(BadRequest):
            await call
        assert api.requests[-1].description == description
    api.set_bot_rights(TEAM, can_restrict_members=False)
    with pytest.raises(BadRequest, match="Not enough rights to restrict/unrestrict chat member"):
        await bot.ban_chat_member(TEAM, DAVE)
    assert await bot.ban_chat_member(PLAIN, DAVE)  # basic groups: a removal
    assert (await bot.get_chat_member(PLAIN, DAVE)).status == "kicked"


async def test_posting_after_removal(api: FakeBotAPI, bot: Bot) -> None:
    await bot.send_message(TEAM, "Chào tổ")
    api.set_bot_status(TEAM, "kicked", by_user_id=ALICE)
    with pytest.raises(Forbidden) as caught:
        await bot.send_message(TEAM, "còn đây không?")
    assert caught.value.message == "Forbidden: bot was kicked from the supergroup chat"
    api.set_bot_status(PLAIN, "kicked")
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await bot.send_message(PLAIN, "còn đây không?")
