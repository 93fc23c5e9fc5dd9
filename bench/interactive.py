"""Interactive benchmark: `python -m bench.interactive [--residents 200] [--database-url URL]`.

The same mixed resident workload — help, settings, the official-information listing, in turn —
is sent to the project (`binhyen run`, a process of its own, on SQLite or PostgreSQL: long
polling into the inbox and handled from it, as deployed) and to a bare python-telegram-bot echo
bot (bench/echo_bot.py, PTB's own polling), each against the project's fake Bot API
in a process of its own, with a few milliseconds of latency per call and flood limits off.
Prints the updates handled per second by each and their ratio, and checks that every resident
got their answers in the order they asked (per-chat order kept).

Then, with Telegram's flood limits on, 300 residents press the same menu button at the same
moment, and the p50/p95 time until each has the reply is printed, for both bots.

Timings are printed, never asserted: the machine is shared and noisy.
"""

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from bench.fakeserver import ROOT, TOKEN, FakeServer, fake_server
from bot.storage.db import Database, scratch_postgres_database, upgrade
from tests.population import add_residents, resident_rows

VAN_DON = 6994
FIRST = 3_000_000
LATENCY_MS = 4
# What each resident sends, in turn; and how each answer is recognised, for the order check.
ASKS = ("/help", "⚙️ Cài đặt", "📢 Thông tin chính thức") * 2
KNOWN: dict[str, Callable[[str], bool]] = {
    "/help": lambda text: "/settings" in text,
    "⚙️ Cài đặt": lambda text: "Ngôn ngữ:" in text,
    "📢 Thông tin chính thức": lambda text: "thông báo" in text.lower() and "/settings" not in text,
}
CROWD = 300
CROWD_ASK = "📢 Thông tin chính thức"


@dataclass
class Throughput:
    updates: int
    seconds: float
    out_of_order: int
    missing: int

    @property
    def rate(self) -> float:
        return self.updates / self.seconds


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


async def _residents(url: str, count: int) -> None:
    db = Database(url)
    await add_residents(db, resident_rows((FIRST + n for n in range(count)), VAN_DON))
    await db.dispose()


@contextlib.asynccontextmanager
async def _bot(kind: str, fake: FakeServer, database_url: str, folder: Path) -> AsyncIterator[None]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
    env.update(PYTHONPATH=str(ROOT), BOT_TOKEN=TOKEN, TELEGRAM_API_URL=fake.url)
    env["DATABASE_URL"] = database_url
    if kind == "project":
        args = [sys.executable, "-m", "bot", "run"]
    else:
        args = [sys.executable, "-m", "bench.echo_bot", fake.url, TOKEN]
    process = await asyncio.create_subprocess_exec(
        *args,
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        for _ in range(600):  # until it polls
            if (await fake.stats())["requests_by_method"].get("getUpdates", 0) >= 2:
                break
            await asyncio.sleep(0.1)
        yield
    finally:
        process.terminate()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), 30)


async def _until(fake: FakeServer, baseline: int, expected: int, patience: float = 120) -> float:
    """Wait until the bot has sent `expected` more messages; returns when (monotonic)."""
    still, seen = time.monotonic(), baseline
    while True:
        sent = (await fake.stats())["bot_messages"]
        now = time.monotonic()
        if sent - baseline >= expected:
            return now
        if sent > seen:
            seen, still = sent, now
        elif now - still > patience:
            return now
        await asyncio.sleep(0.02)


async def _mixed(fake: FakeServer, residents: int, echo: bool) -> Throughput:
    """Every resident sends ASKS one after another (in order, as fast as a client can);
    different residents at once."""
    baseline = (await fake.stats())["bot_messages"]
    firsts: dict[int, int] = {}

    async def resident(user: int) -> None:
        for ask in ASKS:
            sent = await fake.post("text", user_id=user, text=ask)
            firsts.setdefault(user, sent["message"]["message_id"])

    started = time.monotonic()
    await asyncio.gather(*(resident(FIRST + n) for n in range(residents)))
    finished = await _until(fake, baseline, residents * len(ASKS))
    out_of_order = missing = 0
    for n in range(residents):
        user = FIRST + n
        found = await fake.get("messages", chat_id=user, after=firsts[user] - 1)
        texts = [m["text"] or "" for m in found["messages"]]
        missing += max(0, len(ASKS) - len(texts))
        if echo:
            ok = texts == list(ASKS)
        else:
            ok = len(texts) == len(ASKS) and all(
                KNOWN[ask](text) for ask, text in zip(ASKS, texts, strict=True)
            )
        out_of_order += 0 if ok else 1
    return Throughput(residents * len(ASKS), finished - started, out_of_order, missing)


async def _crowd(fake: FakeServer) -> list[float]:
    """CROWD residents press the same menu button at the same moment."""
    await fake.post("flood_limits", enabled=True)

    async def one(user: int) -> float:
        started = time.time()
        sent = await fake.post("text", user_id=user, text=CROWD_ASK)
        reply = await fake.wait(user, sent["message"]["message_id"], seconds=120)
        return float(reply["sent_at"]) - started if reply else float("inf")

    return list(await asyncio.gather(*(one(FIRST + n) for n in range(CROWD))))


async def measure(
    kind: str, database_url: str, residents: int, folder: Path
) -> tuple[Throughput, list[float]]:
    async with fake_server(flood_limits=False, latency_ms=LATENCY_MS, lean=False) as fake:
        await fake.post("users", from_id=FIRST, count=max(residents, CROWD), language_code="vi")
        async with _bot(kind, fake, database_url, folder):
            # One warm-up exchange (imports, connections), not counted.
            await fake.post("text", user_id=FIRST, text="/help")
            await _until(fake, 0, 1)
            throughput = await _mixed(fake, residents, echo=kind == "echo")
            crowd = await _crowd(fake)
    return throughput, crowd


def _report(
    name: str, project: tuple[Throughput, list[float]], echo: tuple[Throughput, list[float]]
) -> None:
    (ours, our_crowd), (bare, bare_crowd) = project, echo
    print(f"{name}: {ours.updates} updates of a mixed workload ({len(ASKS)} per resident)")
    print(f"  project        {ours.rate:7.1f} updates/s  ({ours.seconds:.2f} s)")
    print(f"  bare echo bot  {bare.rate:7.1f} updates/s  ({bare.seconds:.2f} s)")
    print(f"  ratio          {ours.rate / bare.rate:.2f}")
    print(
        f"  per-chat order kept: project {ours.updates // len(ASKS) - ours.out_of_order}"
        f"/{ours.updates // len(ASKS)} residents, echo "
        f"{bare.updates // len(ASKS) - bare.out_of_order}/{bare.updates // len(ASKS)}"
        f" (missing replies: {ours.missing}, {bare.missing})"
    )
    for who, times in (("project", our_crowd), ("echo bot", bare_crowd)):
        done = [t for t in times if t != float("inf")]
        print(
            f"  {CROWD} residents pressing at once, {who}: p50 {statistics.median(done):.2f} s, "
            f"p95 {_p95(done):.2f} s, no reply {len(times) - len(done)}"
        )


def _sqlite_run(residents: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        asyncio.run(_residents(url, max(residents, CROWD)))
        project = asyncio.run(measure("project", url, residents, Path(folder)))
        echo = asyncio.run(measure("echo", url, residents, Path(folder)))
        _report("sqlite", project, echo)


def _postgres_run(server: str, residents: int) -> None:
    with (
        tempfile.TemporaryDirectory() as folder,
        scratch_postgres_database(server, "binhyen_bench") as url,
    ):
        asyncio.run(_residents(url, max(residents, CROWD)))
        project = asyncio.run(measure("project", url, residents, Path(folder)))
        echo = asyncio.run(measure("echo", url, residents, Path(folder)))
        _report("postgresql", project, echo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.interactive")
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--database-url", help="a PostgreSQL server to run on as well")
    args = parser.parse_args(argv)
    _sqlite_run(args.residents)
    if args.database_url:
        _postgres_run(args.database_url, args.residents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
