"""`binhyen run --webhook` as an operator runs it: real processes behind a round-robin balancer
that the fake Bot API posts to, one of them killed with SIGKILL mid-load and started again.
Two processes on PostgreSQL; one on SQLite, which serves a single process."""

import asyncio
import os
import signal
import sys
from pathlib import Path

import aiohttp

from bot.storage.db import Database
from tests.conftest import TEST_TOKEN
from tests.fakebotapi import FakeBotAPI
from tests.population import add_residents, resident_rows
from tests.webhook_workers import PUBLIC_URL, SECRET, RoundRobin, free_port

ROOT = Path(__file__).parent.parent
VAN_DON = 6994
FIRST = 700_000
RESIDENTS = 8
# What each resident sends in turn, and how each answer is recognised.
ASKS = ("/help", "⚙️ Cài đặt", "📢 Thông tin chính thức") * 2
KNOWN = {
    "/help": lambda text: "/settings" in text,
    "⚙️ Cài đặt": lambda text: "Ngôn ngữ:" in text,
    "📢 Thông tin chính thức": lambda text: "thông báo" in text.lower() and "/settings" not in text,
}


def _env(fake: FakeBotAPI, database_url: str, port: int, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
    env.update(
        BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_URL=fake.url,
        DATABASE_URL=database_url,
        BOT_WEBHOOK_URL=PUBLIC_URL,
        BOT_WEBHOOK_SECRET=SECRET,
        BOT_LISTEN=f"127.0.0.1:{port}",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


async def _start(env: dict[str, str], folder: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--webhook",
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def _ready(session: aiohttp.ClientSession, port: int) -> None:
    async with asyncio.timeout(180):  # a loaded machine takes its time to import everything
        while True:
            try:
                async with session.get(f"http://127.0.0.1:{port}/readyz") as answer:
                    if answer.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)


def _kinds(fake: FakeBotAPI, user: int) -> list[str]:
    texts = [m["text"] or "" for m in fake.messages_to(user)]
    return [next((ask for ask, known in KNOWN.items() if known(t)), t[:30]) for t in texts]


async def test_webhook_processes_answer_every_resident_in_order_through_a_kill(
    db: Database, fake_api: FakeBotAPI, tmp_path: Path
) -> None:
    count = 2 if db.dialect == "postgresql" else 1
    residents = [FIRST + n for n in range(RESIDENTS)]
    for user in residents:
        fake_api.add_user(user, "Cư dân", language_code="vi")
    await add_residents(db, resident_rows(residents, VAN_DON))
    ports = [free_port() for _ in range(count)]
    envs = [_env(fake_api, db.url, port, BOT_LOG_FORMAT="json") for port in ports]
    balancer = RoundRobin([f"http://127.0.0.1:{port}" for port in ports])
    await balancer.start()
    fake_api.route_webhook("https://bot.example.vn", f"http://127.0.0.1:{balancer.port}")
    processes = [await _start(env, tmp_path) for env in envs]
    outputs: list[bytes] = []
    try:
        async with aiohttp.ClientSession() as session:
            for port in ports:
                await _ready(session, port)
            await fake_api.state.notifier.wait_for(lambda: bool(fake_api.state.webhook["url"]), 30)
            for n, ask in enumerate(ASKS):
                for user in residents:
                    fake_api.send_text(user, ask)
                if n == 2:  # halfway: one worker dies without a word, and is started again
                    await asyncio.sleep(0.3)
                    processes[0].send_signal(signal.SIGKILL)
                    outputs.append((await processes[0].communicate())[0])
                    processes[0] = await _start(envs[0], tmp_path)
            await fake_api.state.notifier.wait_for(
                lambda: all(
                    len(set(_kinds(fake_api, u))) == 3 and len(_kinds(fake_api, u)) >= len(ASKS)
                    for u in residents
                ),
                90,
            )
            async with asyncio.timeout(30):  # the last updates are recorded as handled
                while True:
                    async with session.get(f"http://127.0.0.1:{ports[-1]}/metrics") as answer:
                        metrics = await answer.text()
                    if "binhyen_inbox_pending 0.0" in metrics:
                        break
                    await asyncio.sleep(0.2)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            outputs.append((await asyncio.wait_for(process.communicate(), 60))[0])
        await balancer.stop()
    for user in residents:
        kinds = _kinds(fake_api, user)
        distinct = [k for n, k in enumerate(kinds) if n == 0 or kinds[n - 1] != k]
        assert distinct == list(ASKS), (user, kinds)  # none lost, none out of order
    twice = sum(len(_kinds(fake_api, u)) - len(ASKS) for u in residents)
    assert twice <= RESIDENTS  # at most what was in hand when the process died
    assert "binhyen_updates_processed_total" in metrics
    assert "binhyen_inbox_pending 0.0" in metrics
    log = b"".join(outputs).decode()
    assert TEST_TOKEN not in log and SECRET not in log
    assert "Ngôn ngữ" not in log and "Cư dân" not in log


async def test_run_webhook_names_the_settings_it_lacks(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
    env.update(BOT_TOKEN=TEST_TOKEN, PYTHONPATH=str(ROOT))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--webhook",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 2
    lines = err.decode().strip().splitlines()
    assert lines == [
        "binhyen: invalid settings: BOT_WEBHOOK_URL and BOT_WEBHOOK_SECRET must be set for "
        "run --webhook"
    ]
    assert TEST_TOKEN not in out.decode() + err.decode()


async def test_run_webhook_refuses_a_database_not_migrated(
    fake_api: FakeBotAPI, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    env = _env(fake_api, url, free_port())
    process = await _start(env, tmp_path)
    out, _ = await process.communicate()
    assert process.returncode == 2
    assert out.decode().strip().splitlines() == [
        "binhyen: the database is not up to date: run `binhyen db upgrade` first"
    ]
