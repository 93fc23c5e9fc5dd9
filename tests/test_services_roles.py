import pytest

from bot.services.communes import CommuneDirectory
from bot.services.roles import Grant, Refusal, Role, Roles
from bot.services.rooms import Rooms
from bot.storage.db import Database

VAN_DON, BA_CHE = 6994, 6970
SUPER = 1


@pytest.fixture
def roles(db: Database) -> Roles:
    return Roles(db, CommuneDirectory([22]), [SUPER])


async def test_superadmin_comes_from_settings(roles: Roles) -> None:
    staff = await roles.of(SUPER)
    assert staff.superadmin
    assert roles.can_moderate(staff, VAN_DON)
    assert not (await roles.of(2)).is_staff


async def test_moderator_acts_only_in_their_commune(roles: Roles) -> None:
    await roles.grant(None, Grant(10, Role.MODERATOR, VAN_DON, None), granted_by=None)
    staff = await roles.of(10)
    assert roles.can_moderate(staff, VAN_DON)
    assert not roles.can_moderate(staff, BA_CHE)
    assert roles.communes_moderated(staff) == [VAN_DON]


async def test_province_admin_covers_every_commune_of_the_province(roles: Roles) -> None:
    await roles.grant(None, Grant(20, Role.ADMIN, None, 22), granted_by=None)
    staff = await roles.of(20)
    assert roles.can_moderate(staff, VAN_DON) and roles.can_moderate(staff, BA_CHE)
    assert len(roles.communes_moderated(staff)) == 54


async def test_grant_twice_is_reported_not_duplicated(roles: Roles) -> None:
    grant = Grant(10, Role.MODERATOR, VAN_DON, None)
    assert await roles.grant(None, grant, granted_by=None) is True
    assert await roles.grant(None, grant, granted_by=None) is False
    assert len(await roles.list()) == 1
    assert await roles.revoke(None, grant) is True
    assert await roles.revoke(None, grant) is False


async def test_admin_may_grant_moderators_in_their_province_only(roles: Roles) -> None:
    await roles.grant(None, Grant(20, Role.ADMIN, None, 22), granted_by=None)
    admin = await roles.of(20)
    assert await roles.grant(admin, Grant(30, Role.MODERATOR, BA_CHE, None), granted_by=20)
    with pytest.raises(Refusal) as caught:
        await roles.grant(admin, Grant(31, Role.ADMIN, None, 22), granted_by=20)
    assert caught.value.reason == "only-superadmin-grants-admin"


async def test_moderator_may_not_grant(roles: Roles) -> None:
    await roles.grant(None, Grant(10, Role.MODERATOR, VAN_DON, None), granted_by=None)
    moderator = await roles.of(10)
    with pytest.raises(Refusal) as caught:
        await roles.grant(moderator, Grant(11, Role.MODERATOR, VAN_DON, None), granted_by=10)
    assert caught.value.reason == "not-admin-of-province"
    assert (await roles.of(11)).moderator_of == frozenset()


@pytest.mark.parametrize(
    ("grant", "reason"),
    [
        (Grant(1, Role.MODERATOR, None, 22), "role-needs-commune"),
        (Grant(1, Role.ADMIN, VAN_DON, None), "admin-needs-province"),
        (Grant(1, Role.MODERATOR, 4, None), "commune-not-served"),
        (Grant(1, Role.ADMIN, None, 1), "province-not-served"),
    ],
)
async def test_grant_scope_is_validated(roles: Roles, grant: Grant, reason: str) -> None:
    with pytest.raises(Refusal) as caught:
        await roles.grant(None, grant, granted_by=None)
    assert caught.value.reason == reason


async def test_room_link_is_idempotent_and_checked(db: Database, roles: Roles) -> None:
    rooms = Rooms(db, roles.directory, roles)
    room, created = await rooms.link(None, -100, commune_code=VAN_DON, title="Trực ban")
    assert created and room.province_code == 22
    _, created_again = await rooms.link(None, -100, commune_code=VAN_DON)
    assert not created_again
    await rooms.link(None, -100, commune_code=VAN_DON, category="border")
    await rooms.link(None, -200, province_code=22)
    assert len(await rooms.all()) == 3
    assert [r.category for r in await rooms.rooms_of_chat(-100)] == [None, "border"]

    await roles.grant(None, Grant(10, Role.MODERATOR, VAN_DON, None), granted_by=None)
    moderator = await roles.of(10)
    with pytest.raises(Refusal):
        await rooms.link(moderator, -300, commune_code=BA_CHE)
    with pytest.raises(Refusal):
        await rooms.link(moderator, -300, province_code=22)
    assert await rooms.rooms_of_chat(-300) == []


async def test_leader_is_appointed_per_group_not_granted(roles: Roles) -> None:
    with pytest.raises(Refusal) as caught:
        await roles.grant(None, Grant(10, Role.LEADER, VAN_DON, None), granted_by=None)
    assert caught.value.reason == "leader-is-per-group"
    assert await roles.list() == []
