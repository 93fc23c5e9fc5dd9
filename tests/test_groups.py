"""Community groups below Telegram: searching without diacritics, importing a `groups:` list
(each problem named by file, entry and field; nothing half-imported), `binhyen groups`,
appointing, archiving and merging."""

from pathlib import Path

import pytest
import yaml

from bot.services.communes import CommuneDirectory
from bot.services.content_files import ContentFiles
from bot.services.group_kinds import GroupKinds
from bot.services.group_membership import Membership
from bot.services.groups import GroupDraft, Groups, matches
from bot.services.residents import Residents
from bot.services.roles import Grant, Refusal, Role, Roles
from bot.services.text import fold
from bot.storage.db import Database
from tests.group_fixtures import groups_file
from tests.test_cli import binhyen

VAN_DON, BA_CHE = 6994, 6970


def _groups(db: Database) -> Groups:
    directory = CommuneDirectory([22])
    return Groups(db, directory, Roles(db, directory, []), GroupKinds())


def test_every_kind_named_in_both_languages() -> None:
    kinds = GroupKinds().all()
    assert len(kinds) == 7
    assert [k.key for k in kinds if k.mediation] == ["mediation_team"]
    for kind in kinds:
        for locale in ("vi", "en"):
            assert kind.name(locale) and kind.description(locale)


@pytest.mark.parametrize(
    ("query", "text", "score"),
    [
        ("thon 3", "to lien gia tu quan thon 3 thon 3", 2),
        ("Thôn 3", "to lien gia tu quan thon 3", 2),
        ("thon 3", "to lien gia tu quan thon 13", 0),
        ("hoa giai", fold("Tổ hòa giải khu 5"), 2),
        ("khu 5 hoa giai", fold("Tổ hòa giải khu 5"), 1),
        ("khu 5", fold("Tổ hòa giải khu 15"), 0),
        ("", "anything", 0),
    ],
)
def test_search_without_diacritics(query: str, text: str, score: int) -> None:
    assert matches(text, query) == score


async def test_import_creates_then_updates_and_search_finds(db: Database, tmp_path: Path) -> None:
    groups = _groups(db)
    files = ContentFiles(db, CommuneDirectory([22]), groups)
    path = groups_file(tmp_path / "groups.yaml")
    first = await files.import_file(path)
    assert (first.created, first.updated, first.errors) == (21, 0, [])
    again = await files.import_file(path)
    assert (again.created, again.updated) == (0, 21)
    found = await groups.search(VAN_DON, "thon 3")
    assert [g.name for g in found] == ["Tổ liên gia tự quản thôn 3"]
    assert len(await groups.search(VAN_DON, "hoa giai")) == 6
    assert await groups.search(BA_CHE, "khu 5") == []


async def test_a_bad_groups_list_names_every_problem_and_imports_nothing(
    db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "bad.yaml"
    entries = [
        {"id": "ok-1", "kind": "security_team", "name": "Tổ thôn 1", "commune": VAN_DON},
        {"id": "bad-kind", "kind": "club", "name": "Câu lạc bộ", "commune": VAN_DON},
        {"id": "bad-place", "kind": "security_team", "name": "Tổ", "commune": 1},
        {"id": "ok-1", "kind": "security_team", "name": "Tổ thôn 1b", "commune": VAN_DON},
        {"id": "long", "kind": "security_team", "name": "x" * 121, "commune": VAN_DON},
        {"id": "Bad Id", "kind": "security_team", "name": "Tổ", "commune": VAN_DON, "x": 1},
    ]
    path.write_text(yaml.safe_dump({"groups": entries}, allow_unicode=True), encoding="utf-8")
    report = await ContentFiles(db, CommuneDirectory([22]), _groups(db)).import_file(path)
    assert report.created == 0
    joined = "\n".join(report.errors)
    assert f"{path}: groups entry 2 (id bad-kind): kind: unknown kind 'club'" in joined
    assert f"{path}: groups entry 3 (id bad-place): commune: 1 is not served" in joined
    assert f"{path}: groups entry 4 (id ok-1): id: used twice in this file" in joined
    assert f"{path}: groups entry 5 (id long): name:" in joined
    assert f"{path}: groups entry 6 (id Bad Id): id:" in joined
    assert f"{path}: groups entry 6 (id Bad Id): x: Extra inputs" in joined
    assert await _groups(db).all() == []


async def test_archive_and_merge_tell_members_and_move_them(db: Database) -> None:
    groups = _groups(db)
    roles = groups.roles
    await roles.grant(None, Grant(20, Role.MODERATOR, VAN_DON, None), None)
    moderator = await roles.of(20)
    a = await groups.create(moderator, GroupDraft("security_team", "Tổ A", VAN_DON))
    b = await groups.create(moderator, GroupDraft("security_team", "Tổ B", VAN_DON))
    membership = Membership(db, groups)
    residents = Residents(db)
    for person in (501, 502):
        await residents.get_or_create(person, "vi")
        request = await membership.request(a.id, person, f"Người {person}", None)
        await groups.appoint(moderator, a.id, 7)
        await membership.decide(7, request.id, approve=True)
    await membership.request(b.id, 502, "Người 502", None)
    with pytest.raises(Refusal, match="bad-merge"):
        await groups.archive(moderator, a.id, into=a.id)
    assert await groups.archive(moderator, a.id, into=b.id) == 2
    assert await membership.status(b.id, 501) == "member"
    assert await membership.status(b.id, 502) == "pending"  # kept as it was there
    assert [g.id for g in await groups.of_commune(VAN_DON)] == [b.id]
    with pytest.raises(Refusal, match="group-gone"):
        await membership.request(a.id, 501, "x", None)


async def test_leaders_of_another_commune_or_residents_cannot_manage(db: Database) -> None:
    groups = _groups(db)
    await groups.roles.grant(None, Grant(21, Role.MODERATOR, BA_CHE, None), None)
    other = await groups.roles.of(21)
    await groups.roles.grant(None, Grant(20, Role.MODERATOR, VAN_DON, None), None)
    group = await groups.create(await groups.roles.of(20), GroupDraft("border_team", "Tổ", VAN_DON))
    with pytest.raises(Refusal, match="not-moderator"):
        await groups.appoint(other, group.id, 9)
    with pytest.raises(Refusal, match="not-moderator"):
        await groups.create(other, GroupDraft("border_team", "Tổ", VAN_DON))
    with pytest.raises(Refusal, match="not-leader"):
        await groups.edit(9, group.id, description="x")


def test_cli_lists_groups_and_appoints_leaders(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db"}
    path = groups_file(tmp_path / "groups.yaml")
    imported = binhyen("content", "import", str(path), cwd=tmp_path, **env)
    assert "21 created, 0 updated" in imported.stdout, imported.stderr
    added = binhyen("groups", "leader", "add", "--group", "3", "--user", "777", cwd=tmp_path, **env)
    assert added.stdout.strip() == "777 leads group 3"
    listed = binhyen("groups", "list", "--commune", str(VAN_DON), cwd=tmp_path, **env)
    lines = listed.stdout.strip().splitlines()
    assert len(lines) == 20
    assert "Tổ liên gia tự quản thôn 3 (Thôn 3)\tleaders 777\tmembers 0\tactive" in lines[2]
    removed = binhyen(
        "groups", "leader", "remove", "--group", "3", "--user", "777", cwd=tmp_path, **env
    )
    assert removed.stdout.strip() == "777 no longer leads group 3"
    granted = binhyen(
        "roles",
        "grant",
        "--user",
        "5",
        "--role",
        "leader",
        "--commune",
        "6994",
        cwd=tmp_path,
        **env,
    )
    assert granted.returncode == 2 and "leader-is-per-group" in granted.stderr
