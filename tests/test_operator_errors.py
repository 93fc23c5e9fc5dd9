"""Every bad command line and configuration an operator can meet: one line naming the problem
on standard error, never a traceback, never the token, and exit code 2 (a content file that is
wrong prints one line per problem, each naming the file).

The administrative commands run in this process (a traceback would be an exception escaping
`main`); `run` runs as operators start it, as a process of its own."""

import asyncio
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot import cli
from tests.conftest import SETTING_NAMES, TEST_TOKEN
from tests.fakebotapi import FakeBotAPI

ROOT = Path(__file__).parent.parent
CLOSED_PORT = "postgresql+asyncpg://postgres@127.0.0.1:1/binhyen"
UNKNOWN_DATABASE = "postgresql+asyncpg://postgres@127.0.0.1:5432/binhyen_no_such_database"
UNKNOWN_HOST = "postgresql+asyncpg://postgres@no-such-host.invalid:5432/binhyen"
PLACEHOLDER = "<token from @BotFather>"
REVOKED = "999999:AAHrevokedTokenThatTelegramRefuses123"


@dataclass(frozen=True)
class Case:
    argv: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    says: str = ""
    code: int = 2
    files: dict[str, bytes] = field(default_factory=dict)


BAD_DATE = b"""notices:
  - id: lich
    kind: announcement
    title: T
    body: B
    issuer: I
    scope: commune:6994
    published: 2025-13-45
"""

CASES: dict[str, Case] = {
    # Settings, on an administrative command.
    "provinces unknown": Case(("roles", "list"), {"BOT_PROVINCES": "22,99"}, "BOT_PROVINCES"),
    "provinces not numbers": Case(("roles", "list"), {"BOT_PROVINCES": "abc"}, "BOT_PROVINCES"),
    "provinces empty": Case(("roles", "list"), {"BOT_PROVINCES": ","}, "BOT_PROVINCES"),
    "superadmins": Case(("roles", "list"), {"BOT_SUPERADMINS": "1,x"}, "BOT_SUPERADMINS"),
    "locale": Case(("roles", "list"), {"BOT_DEFAULT_LOCALE": "fr"}, "BOT_DEFAULT_LOCALE"),
    "time zone": Case(("roles", "list"), {"BOT_TIMEZONE": "Mars/Base"}, "BOT_TIMEZONE"),
    "rate": Case(("roles", "list"), {"BOT_REPORTS_PER_HOUR": "0"}, "BOT_REPORTS_PER_HOUR"),
    "minutes": Case(("roles", "list"), {"BOT_ACK_URGENT_MINUTES": "x"}, "BOT_ACK_URGENT"),
    "days": Case(("roles", "list"), {"BOT_STALE_DAYS": "1000"}, "BOT_STALE_DAYS"),
    "api url": Case(("roles", "list"), {"TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL"),
    "database kind": Case(("roles", "list"), {"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
    "port abc": Case(
        ("db", "upgrade"),
        {"DATABASE_URL": "postgresql+asyncpg://postgres@127.0.0.1:abc/x"},
        "DATABASE_URL",
    ),
    "settings on communes search": Case(
        ("communes", "search", "van"), {"BOT_PROVINCES": "99"}, "BOT_PROVINCES"
    ),
    # The database, on every command that opens it.
    "closed port, db upgrade": Case(("db", "upgrade"), {"DATABASE_URL": CLOSED_PORT}, "database"),
    "closed port, roles list": Case(("roles", "list"), {"DATABASE_URL": CLOSED_PORT}, "database"),
    "closed port, users block": Case(
        ("users", "block", "5"), {"DATABASE_URL": CLOSED_PORT}, "database"
    ),
    "closed port, content export": Case(
        ("content", "export", "-"), {"DATABASE_URL": CLOSED_PORT}, "database"
    ),
    "unknown database": Case(("roles", "list"), {"DATABASE_URL": UNKNOWN_DATABASE}, "database"),
    "unknown host": Case(("rooms", "list"), {"DATABASE_URL": UNKNOWN_HOST}, "database"),
    "sqlite under a file": Case(
        ("db", "upgrade"),
        {"DATABASE_URL": "sqlite+aiosqlite:///./afile/sub/binhyen.db"},
        "database",
        files={"afile": b"not a folder"},
    ),
    "sqlite is a folder": Case(
        ("roles", "list"),
        {"DATABASE_URL": "sqlite+aiosqlite:///./afolder"},
        "database",
        files={"afolder/keep": b""},
    ),
    "sqlite not a database": Case(
        ("roles", "list"),
        {"DATABASE_URL": "sqlite+aiosqlite:///./garbage.db"},
        "database",
        files={"garbage.db": b"this is not SQLite" * 100},
    ),
    # The token: only `run` needs one.
    "token empty, roles list": Case(("roles", "list"), {"BOT_TOKEN": ""}, code=0),
    "token malformed, roles list": Case(("roles", "list"), {"BOT_TOKEN": "nonsense"}, code=0),
    # Command lines argparse refuses.
    "no command": Case((), says="binhyen"),
    "unknown command": Case(("launch",), says="launch"),
    "user not a number": Case(("users", "block", "alice"), says="alice"),
    "role unknown": Case(
        ("roles", "grant", "--user", "1", "--role", "boss", "--commune", "6994"), says="boss"
    ),
    "grant without a place": Case(
        ("roles", "grant", "--user", "1", "--role", "moderator"), says="commune"
    ),
    # Files.
    "content export to a missing folder": Case(
        ("content", "export", "no/such/folder/out.yaml"), says="no/such/folder"
    ),
    "content import not UTF-8": Case(
        ("content", "import", "latin.yaml"),
        says="UTF-8",
        files={"latin.yaml": "notices: []\n# Thông báo\n".encode("cp1258", "replace") + b"\xff"},
    ),
    "content import impossible date": Case(
        ("content", "import", "date.yaml"), says="published", files={"date.yaml": BAD_DATE}
    ),
    "content import missing file": Case(("content", "import", "none.yaml"), says="none.yaml"),
}


def _run_main(argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_command_line_or_setting_is_one_line(
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    case = CASES[name]
    for setting in SETTING_NAMES:
        monkeypatch.delenv(setting, raising=False)
    for setting, value in case.env.items():
        monkeypatch.setenv(setting, value)
    monkeypatch.chdir(tmp_path)
    # The handlers logging installs would outlive this test's captured streams.
    monkeypatch.setattr(cli, "setup_logging", lambda *args, **kwargs: None)
    for path, content in case.files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    code, err = _run_main(case.argv, capsys)
    assert code == case.code, err
    if case.code == 0:
        return
    lines = err.strip().splitlines()
    # A content file's problems are lines of their own, each starting with the file.
    start = f"{case.argv[-1]}: " if case.argv and case.argv[-1] in case.files else "binhyen: "
    assert len(lines) == 1 and lines[0].startswith(start), err
    assert case.says in lines[0]


async def _binhyen_run(tmp_path: Path, **env: str) -> tuple[int, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(SETTING_NAMES)}
    environment.update(env, PYTHONPATH=str(ROOT))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, err.decode()


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"BOT_TOKEN": ""}, "BOT_TOKEN is not set"),
        ({"BOT_TOKEN": PLACEHOLDER}, "BOT_TOKEN"),
        ({"BOT_TOKEN": "123456:your-token"}, "BOT_TOKEN"),
        ({"BOT_TOKEN": TEST_TOKEN, "DATABASE_URL": CLOSED_PORT}, "database"),
        ({"BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_URL": "http://127.0.0.1:9"}, "Telegram"),
    ],
)
async def test_run_refuses_in_one_line(tmp_path: Path, env: dict[str, str], says: str) -> None:
    code, err = await _binhyen_run(tmp_path, **env)
    _refused_in_one_line(code, err, says)
    assert TEST_TOKEN not in err and PLACEHOLDER not in err


def _refused_in_one_line(code: int, err: str, says: str) -> None:
    """What `run` logged while starting (migrations applied, "starting"), then one line."""
    assert code == 2, err
    assert "Traceback" not in err and "ERROR" not in err, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("binhyen: ") and says in last, err


async def test_a_revoked_token_is_one_line_without_the_token(
    tmp_path: Path, fake_api: FakeBotAPI
) -> None:
    code, err = await _binhyen_run(tmp_path, BOT_TOKEN=REVOKED, TELEGRAM_API_URL=fake_api.url)
    _refused_in_one_line(code, err, "BOT_TOKEN")
    assert REVOKED.split(":")[1] not in err
