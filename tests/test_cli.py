import os
import subprocess
import sys
from pathlib import Path

from bot.services.communes import CommuneDirectory
from bot.services.roles import Roles
from bot.storage.db import Database
from tests.conftest import TEST_TOKEN

ROOT = Path(__file__).parent.parent


def binhyen(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))
    }
    environment.update(env)
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_run_without_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = binhyen("run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "binhyen: invalid settings: BOT_TOKEN is not set (get one from @BotFather)"
    )
    assert "Traceback" not in result.stderr


def test_invalid_setting_is_named(tmp_path: Path) -> None:
    result = binhyen("run", cwd=tmp_path, BOT_TOKEN=TEST_TOKEN, BOT_PROVINCES="22,99")
    assert result.returncode == 2
    assert "BOT_PROVINCES" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert TEST_TOKEN not in result.stderr


def test_communes_search(tmp_path: Path) -> None:
    result = binhyen("communes", "search", "van", "don", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].startswith("6994\tĐặc khu Vân Đồn")
    missing = binhyen("communes", "search", "zzzz", cwd=tmp_path)
    assert missing.returncode == 1


def test_db_upgrade_creates_the_default_sqlite_database(tmp_path: Path) -> None:
    result = binhyen("db", "upgrade", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "binhyen.db").is_file()


async def test_roles_and_rooms_from_the_shell(db: Database, tmp_path: Path) -> None:
    url = {"DATABASE_URL": db.url}
    granted = binhyen(
        "roles",
        "grant",
        "--user",
        "5",
        "--role",
        "moderator",
        "--commune",
        "6994",
        cwd=tmp_path,
        **url,
    )
    assert granted.returncode == 0, granted.stderr
    roles = Roles(db, CommuneDirectory([22]), [])
    assert (await roles.of(5)).moderator_of == {6994}

    refused = binhyen(
        "roles",
        "grant",
        "--user",
        "5",
        "--role",
        "admin",
        "--commune",
        "6994",
        cwd=tmp_path,
        **url,
    )
    assert refused.returncode == 2
    assert "admin-needs-province" in refused.stderr

    listed = binhyen("roles", "list", cwd=tmp_path, **url, BOT_SUPERADMINS="9")
    assert "5\tmoderator\tcommune 6994" in listed.stdout
    assert "9\tsuperadmin" in listed.stdout

    linked = binhyen(
        "rooms",
        "link",
        "--commune",
        "6994",
        "--chat",
        "-1001",
        "--category",
        "border",
        cwd=tmp_path,
        **url,
    )
    assert linked.returncode == 0, linked.stderr
    unknown = binhyen(
        "rooms",
        "link",
        "--commune",
        "6994",
        "--chat",
        "-1001",
        "--category",
        "nope",
        cwd=tmp_path,
        **url,
    )
    assert unknown.returncode == 2
    assert "-1001\tcommune 6994\tborder" in binhyen("rooms", "list", cwd=tmp_path, **url).stdout


async def test_block_from_the_shell(db: Database, tmp_path: Path) -> None:
    from bot.services.residents import Residents

    result = binhyen("users", "block", "77", "--reason", "spam", cwd=tmp_path, DATABASE_URL=db.url)
    assert result.returncode == 0, result.stderr
    resident = await Residents(db).get(77)
    assert resident is not None and resident.blocked_at is not None


async def test_unblock_the_reporter_of_a_report_from_the_shell(
    db: Database, tmp_path: Path
) -> None:
    from bot.services.reporter_blocks import ReporterBlocks
    from bot.services.residents import Residents
    from tests.moderation_fixtures import REPORTER, file, world

    code = await file(world(db))
    await ReporterBlocks(db).block(code, "spam", actor_telegram_id=2001, actor_name="An")
    assert (await Residents(db).get(REPORTER)).blocked_at is not None  # type: ignore[union-attr]
    result = binhyen("users", "unblock-reporter", code.lower(), cwd=tmp_path, DATABASE_URL=db.url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"unblocked the reporter of report {code}"
    assert str(REPORTER) not in result.stdout
    assert (await Residents(db).get(REPORTER)).blocked_at is None  # type: ignore[union-attr]
    unknown = binhyen("users", "unblock-reporter", "ZZZZ2222", cwd=tmp_path, DATABASE_URL=db.url)
    assert unknown.returncode == 2 and unknown.stderr.strip() == "binhyen: no report ZZZZ2222"
