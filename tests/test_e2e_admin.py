"""Roles and moderator rooms from Telegram: /grant, /revoke, /roles, /linkroom, and silence in
groups the bot is not set up for."""

from bot.services.communes import CommuneDirectory
from bot.services.roles import Grant, Role, Roles
from bot.services.rooms import Rooms
from tests.conftest import SUPERADMIN_ID
from tests.harness import Harness, plain

ADMIN, MOD, STRANGER = 2001, 2002, 2003
ROOM = -100500


def _roles(harness: Harness) -> Roles:
    return Roles(harness.db, CommuneDirectory([22]), [SUPERADMIN_ID])


def _rooms(harness: Harness) -> Rooms:
    roles = _roles(harness)
    return Rooms(harness.db, roles.directory, roles)


async def test_superadmin_grants_admin_who_grants_a_moderator(harness: Harness) -> None:
    api = harness.api
    api.add_user(SUPERADMIN_ID, "Root", language_code="vi")
    api.add_user(ADMIN, "Admin", language_code="vi")
    done = await harness.say(SUPERADMIN_ID, f"/grant {ADMIN} admin 22")
    assert "Đã cấp vai trò quản trị tỉnh" in plain(done)
    done = await harness.say(ADMIN, f"/grant {MOD} moderator 6994")
    assert "Đã cấp vai trò cán bộ xã/phường" in plain(done)
    assert (await _roles(harness).of(MOD)).moderator_of == {6994}
    again = await harness.say(ADMIN, f"/grant {MOD} moderator 6994")
    assert "đã có vai trò" in plain(again)
    listing = await harness.say(ADMIN, "/roles")
    assert str(MOD) in plain(listing) and "Đặc khu Vân Đồn" in plain(listing)
    revoked = await harness.say(ADMIN, f"/revoke {MOD} moderator 6994")
    assert "Đã thu hồi" in plain(revoked)
    assert (await _roles(harness).of(MOD)).moderator_of == frozenset()


async def test_refusals_are_polite_and_say_why(harness: Harness) -> None:
    api = harness.api
    api.add_user(STRANGER, "Stranger", language_code="vi")
    api.add_user(ADMIN, "Admin", language_code="en")
    refused = await harness.say(STRANGER, f"/grant {STRANGER} admin 22")
    assert "chỉ dành cho cán bộ" in plain(refused)
    assert (await _roles(harness).of(STRANGER)).admin_of == frozenset()

    await _roles(harness).grant(None, Grant(ADMIN, Role.ADMIN, None, 22), granted_by=None)
    refused = await harness.say(ADMIN, f"/grant {STRANGER} admin 22")
    assert "only a superadmin" in plain(refused)
    usage = await harness.say(ADMIN, "/grant nonsense")
    assert "Usage" in plain(usage)
    outside = await harness.say(ADMIN, f"/grant {STRANGER} moderator 4")
    assert "not served" in plain(outside)


async def test_linkroom_by_moderator_in_group_where_bot_is_admin(harness: Harness) -> None:
    api = harness.api
    api.add_user(MOD, "Mod", language_code="vi")
    api.add_group(ROOM, "Trực ban Vân Đồn", bot_status="administrator")
    api.add_member(ROOM, MOD)
    await _roles(harness).grant(None, Grant(MOD, Role.MODERATOR, 6994, None), granted_by=None)

    done = await harness.say_in(ROOM, MOD, "/linkroom 6994")  # chat id: the group
    assert "phòng trực của Đặc khu Vân Đồn" in plain(done)
    rooms = await _rooms(harness).rooms_of_chat(ROOM)
    assert [(r.commune_code, r.category, r.title) for r in rooms] == [
        (6994, None, "Trực ban Vân Đồn")
    ]
    border = await harness.say_in(ROOM, MOD, "/linkroom 6994 border")
    assert "Đường biên, mốc giới" in plain(border)
    assert any(f"chat:{ROOM}" in str(scope) or str(ROOM) in str(scope) for scope, _ in api.commands)


async def test_linkroom_refusals(harness: Harness) -> None:
    api = harness.api
    api.add_user(MOD, "Mod", language_code="vi")
    api.add_user(STRANGER, "Stranger", language_code="vi")
    api.add_group(ROOM, "Nhóm", bot_status="member")
    api.add_member(ROOM, MOD)
    api.add_member(ROOM, STRANGER)
    await _roles(harness).grant(None, Grant(MOD, Role.MODERATOR, 6994, None), granted_by=None)

    assert "quản trị viên" in plain(await harness.say_in(ROOM, MOD, "/linkroom 6994"))
    assert "không có quyền quản lý Xã Ba Chẽ" in plain(
        await harness.say_in(ROOM, MOD, "/linkroom 6970")
    )
    assert "Gửi lệnh này trong nhóm" in plain(await harness.say_in(ROOM, MOD, "/linkroom"))
    assert "Gửi lệnh này trong nhóm" in plain(
        await harness.say_in(ROOM, MOD, "/linkroom 6994 nope")
    )
    assert "cần được gửi trong nhóm" in plain(await harness.say(MOD, "/linkroom 6994"))
    assert await _rooms(harness).rooms_of_chat(ROOM) == []


async def test_silence_in_groups_the_bot_is_not_set_up_for(harness: Harness) -> None:
    api = harness.api
    api.add_user(STRANGER, "Stranger", language_code="vi")
    api.add_group(-100777, "Nhóm xóm", bot_status="administrator")
    api.add_member(-100777, STRANGER)
    api.send_text(STRANGER, "chào cả nhà", chat_id=-100777)
    api.send_text(STRANGER, "/frobnicate", chat_id=-100777)
    api.send_sticker(STRANGER, chat_id=-100777)
    await harness.settle()
    assert api.messages_to(-100777) == []
