"""Shared set-up of the community-group tests: twenty groups of three kinds imported for Vân Đồn
from a content file, a moderator and their room, leaders, residents, and a linked group chat."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.services.container import Services
from bot.services.groups import GroupView
from bot.services.roles import Grant, Role
from tests.harness import Harness, Message, buttons, onboard

VAN_DON, BA_CHE = 6994, 6970
MOD, LEADER, MEDIATOR, OTHER_LEADER = 2001, 3001, 3002, 3003
ALICE, BOB, CAROL = 1001, 1002, 1003
ROOM = -1001000
CHAT = -1002000
STALE = "Nút này đã cũ hoặc không còn hiệu lực."


def services_of(harness: Harness) -> Services:
    assert harness.app is not None
    services: Services = harness.app.bot_data["services"]
    return services


def groups_file(path: Path) -> Path:
    """Twenty groups of Vân Đồn: eight security teams (thôn 1 … 8, and thôn 13), six mediation
    teams (khu 1 … 6), five veteran-led teams; and one of Ba Chẽ."""
    entries = [
        {
            "id": f"vd-tlg-{n}",
            "kind": "security_team",
            "name": f"Tổ liên gia tự quản thôn {n}",
            "commune": VAN_DON,
            "hamlet": f"Thôn {n}",
            "description": "Các hộ liền kề cùng giữ an ninh.",
            "meeting": "Tối thứ bảy, nhà văn hóa thôn",
        }
        for n in (1, 2, 3, 4, 5, 6, 7, 13)
    ]
    entries += [
        {
            "id": f"vd-hg-{n}",
            "kind": "mediation_team",
            "name": f"Tổ hòa giải khu {n}",
            "commune": VAN_DON,
            "hamlet": f"Khu {n}",
            "contact": "Ông Hải, nhà văn hóa khu",
        }
        for n in range(1, 7)
    ]
    entries += [
        {
            "id": f"vd-ccb-{n}",
            "kind": "veterans_team",
            "name": f"Tổ an ninh cựu chiến binh số {n}",
            "commune": VAN_DON,
        }
        for n in range(1, 7)
    ]
    entries.append(
        {"id": "bc-tlg-1", "kind": "security_team", "name": "Tổ liên gia thôn 3", "commune": BA_CHE}
    )
    path.write_text(yaml.safe_dump({"groups": entries}, allow_unicode=True), encoding="utf-8")
    return path


@dataclass
class Town:
    services: Services
    groups: dict[str, GroupView]

    def id(self, key: str) -> int:
        return self.groups[key].id


async def town(harness: Harness, tmp_path: Path) -> Town:
    """The groups imported, a moderator with their room, and a linked chat for thôn 3."""
    api, services = harness.api, services_of(harness)
    report = await services.content_files.import_file(groups_file(tmp_path / "groups.yaml"))
    assert report.errors == [] and report.created == 21
    api.add_user(MOD, "Trung úy An", language_code="vi")
    api.add_group(ROOM, "Phòng trực Vân Đồn")
    api.add_member(ROOM, MOD)
    await services.roles.grant(None, Grant(MOD, Role.MODERATOR, VAN_DON, None), None)
    await services.rooms.link(None, ROOM, commune_code=VAN_DON)
    for user, name in ((LEADER, "Tổ trưởng Ba"), (MEDIATOR, "Bà Hòa"), (OTHER_LEADER, "Ông Tư")):
        api.add_user(user, name, language_code="vi")
        await onboard(harness, user)
    for user, name in ((ALICE, "Alice"), (BOB, "Bob"), (CAROL, "Carol")):
        api.add_user(user, name, language_code="vi")
    groups = {g.key or "": g for g in await services.groups.all()}
    return Town(services, groups)


async def open_group(harness: Harness, user: int, name: str) -> Message:
    """The menu item, then the group's button among the resident's own groups."""
    overview = await harness.say(user, "🤝 Tổ tự quản")
    return await harness.tap_and_settle(user, overview, name)


def labels(message: Message) -> list[str]:
    return [label for label, _ in buttons(message)]
