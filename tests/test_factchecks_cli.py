"""`binhyen content import|export` and `binhyen factchecks match` from a shell."""

import json
from pathlib import Path

import yaml

from tests.group_fixtures import groups_file
from tests.test_cli import ROOT, binhyen

EXAMPLES = ROOT / "content" / "examples"


def test_import_match_and_export_the_starter_set(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db"}
    imported = binhyen("content", "import", str(EXAMPLES), cwd=tmp_path, **env)
    assert imported.returncode == 0, imported.stderr
    assert "7 created, 0 updated" in imported.stdout
    again = binhyen("content", "import", str(EXAMPLES), cwd=tmp_path, **env)
    assert "0 created, 7 updated" in again.stdout

    found = binhyen(
        "factchecks", "match", "CA goi dt bao chuyen tien vao tk de dieu tra", "--json",
        cwd=tmp_path, **env,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    candidates = json.loads(found.stdout)["candidates"]
    assert candidates[0]["id"] == "example-ca-goi-chuyen-tien"
    assert candidates[0]["verdict"] == "false" and candidates[0]["score"] > 0.5

    text = binhyen("factchecks", "match", "xin chào", cwd=tmp_path, **env)
    assert text.stdout.strip() == "no candidate"

    exported = binhyen("content", "export", "-", cwd=tmp_path, **env)
    document = yaml.safe_load(exported.stdout)
    assert len(document["factchecks"]) == 5 and len(document["notices"]) == 2


def test_a_bad_file_is_reported_and_not_imported(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "factchecks:\n  - id: x1\n    claim: Một tin đồn nào đó\n    verdict: maybe\n"
        "    explanation: e\n    scope: commune:99999\n    published: 2025-01-01\n",
        encoding="utf-8",
    )
    result = binhyen("content", "import", str(bad), cwd=tmp_path, **env)
    assert result.returncode == 2
    assert f"{bad}: factchecks entry 1 (id x1): verdict:" in result.stderr
    assert "not imported" in result.stderr
    exported = binhyen("content", "export", "-", cwd=tmp_path, **env)
    assert yaml.safe_load(exported.stdout)["factchecks"] == []


def test_groups_are_exported_and_imported_again_unchanged(tmp_path: Path) -> None:
    """An export holds the active groups in the import format (their leaders are people, not
    content, and stay out of it), so it can be edited and imported again."""
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/bot.db"}
    source = groups_file(tmp_path / "groups.yaml")
    imported = binhyen("content", "import", str(source), cwd=tmp_path, **env)
    assert "21 created, 0 updated" in imported.stdout, imported.stderr
    exported = binhyen("content", "export", str(tmp_path / "out.yaml"), cwd=tmp_path, **env)
    assert exported.returncode == 0, exported.stderr
    written = yaml.safe_load((tmp_path / "out.yaml").read_text(encoding="utf-8"))["groups"]
    original = yaml.safe_load(source.read_text(encoding="utf-8"))["groups"]
    assert sorted(written, key=lambda g: g["id"]) == sorted(original, key=lambda g: g["id"])
    again = binhyen("content", "import", str(tmp_path / "out.yaml"), cwd=tmp_path, **env)
    assert "0 created, 21 updated" in again.stdout, again.stderr
