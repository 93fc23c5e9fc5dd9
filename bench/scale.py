"""Scale-out benchmark: `python -m bench.scale [--database-url postgresql+asyncpg://…]
[--residents 300] [--workers 1,2,4]`.

Residents each press three menu items of bench/interactive.py's workload (help, settings, the
official-information listing), many residents at once; the updates reach 1, 2 and 4
`binhyen run --webhook` processes sharing one PostgreSQL database, through a round-robin
balancer that the project's fake Bot API (a process of its own, a few milliseconds per call,
flood limits off) posts its webhook calls to, as Telegram would.
For each configuration it prints updates handled per second and the p95 time from an update's
creation to the bot's reply, the CPU time the workers spent per update and how many cores they
kept busy on average, then the ratio 2 workers / 1 worker. On a shared machine the rate follows
the CPU the workers are given; the CPU per update says whether more workers cost more work. A
second line says how many cores each part of the run kept busy meanwhile (the workers, the
PostgreSQL backends serving the benchmark's database, the fake Bot API, this process: the
residents' load and the balancer) and the whole machine, so a run that had no core to spare
shows it.

A second run keeps two workers under the same kind of load, from five times as many residents,
and kills one with SIGKILL every few seconds, starting it again at once; it prints updates lost
(no reply), replies sent twice, and residents whose replies came out of order. A reply can be
sent twice only when a worker dies after sending it and before recording the update as handled
(the in-flight window): another worker handles the update again once the dead one's lease has
run out. So for each reply sent twice it prints how long before the next kill its first copy
went out: that is how long the window was open, and a first copy with no kill shortly after it
would be a repeat outside the window.

Figures are printed, never asserted: the machine is shared and noisy.
"""

import argparse
import asyncio
import contextlib
import itertools
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from sqlalchemy.engine import make_url

from bench.fakeserver import ROOT, TOKEN, FakeServer, fake_server
from bench.interactive import ASKS as MIX
from bench.interactive import FIRST, KNOWN, LATENCY_MS, VAN_DON, _p95
from bot.storage.db import Database, scratch_postgres_database
from tests.population import add_residents, resident_rows
from tests.webhook_workers import RoundRobin, free_port

# Three asks per resident: within the burst Telegram allows a private chat, so the bot's own
# per-chat pacing (about one message a second after three) does not set the pace; the
# processes' CPU does, which is what more workers add.
ASKS = MIX[:3]
PUBLIC = "https://bot.example.vn"
SECRET = "bench-webhook-secret"
KILL_EVERY = 6.0
# The kill run's residents, as a multiple of --residents: enough updates that the run lasts
# several kills even when the workers are fast.
KILL_RUN = 5
# Residents in all: four batches for the configurations, then the kill run's.
POPULATION = 4 + KILL_RUN
LEASE_SECONDS = 15.0  # bot/services/inbox.py LEASE: no kill within it, no reason to repeat


class Worker:
    def __init__(self, fake: FakeServer, database_url: str, port: int, folder: Path) -> None:
        self.fake, self.database_url, self.port, self.folder = fake, database_url, port, folder
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
        env.update(
            PYTHONPATH=str(ROOT),
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=self.fake.url,
            DATABASE_URL=self.database_url,
            BOT_WEBHOOK_URL=f"{PUBLIC}/telegram",
            BOT_WEBHOOK_SECRET=SECRET,
            BOT_LISTEN=f"127.0.0.1:{self.port}",
        )
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            "--webhook",
            cwd=self.folder,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )

    async def ready(self, session: aiohttp.ClientSession, patience: float = 90) -> None:
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"http://127.0.0.1:{self.port}/readyz") as answer:
                    if answer.status == 200:
                        return
            await asyncio.sleep(0.2)
        raise RuntimeError(f"worker on port {self.port} did not become ready")

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
            await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), 40)
            await self.kill()


@dataclass
class Outcome:
    updates: int
    seconds: float
    latencies: list[float]
    lost: int
    twice: list[float]  # when the first copy of each reply sent twice went out
    out_of_order: int

    @property
    def rate(self) -> float:
        return self.updates / self.seconds


class Caddy:
    """The deployment's own balancer: Caddy run with deploy/Caddyfile, as an operator runs it,
    on plain HTTP (no certificate to fetch here) in front of the workers."""

    def __init__(self, ports: list[int], folder: Path) -> None:
        self.port = free_port()
        self.ports, self.folder = ports, folder
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        caddy = shutil.which("caddy")
        if caddy is None:
            raise RuntimeError("--balancer caddy needs Caddy on PATH (Debian: apt install caddy)")
        env = dict(
            os.environ,
            BOT_DOMAIN=f"http://127.0.0.1:{self.port}",
            BOT_UPSTREAMS=" ".join(f"127.0.0.1:{p}" for p in self.ports),
            XDG_DATA_HOME=str(self.folder / "caddy-data"),
            XDG_CONFIG_HOME=str(self.folder / "caddy-config"),
        )
        config = ROOT / "deploy" / "Caddyfile"
        self.process = await asyncio.create_subprocess_exec(
            caddy,
            "run",
            "--config",
            str(config),
            "--adapter",
            "caddyfile",
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.close()
                return
            await asyncio.sleep(0.1)
        raise RuntimeError("Caddy did not start listening")

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()


@contextlib.asynccontextmanager
async def deployment(
    fake: FakeServer, database_url: str, count: int, folder: Path, caddy: bool = False
) -> AsyncIterator[list[Worker]]:
    workers = [Worker(fake, database_url, free_port(), folder) for _ in range(count)]
    balancer: Caddy | RoundRobin
    if caddy:
        balancer = Caddy([w.port for w in workers], folder)
    else:
        balancer = RoundRobin([f"http://127.0.0.1:{w.port}" for w in workers])
    await balancer.start()
    await fake.post("webhook_route", public=PUBLIC, local=f"http://127.0.0.1:{balancer.port}")
    try:
        async with aiohttp.ClientSession() as session:
            for worker in workers:
                await worker.start()
            for worker in workers:
                await worker.ready(session)
        yield workers
    finally:
        await asyncio.gather(*(w.stop() for w in workers))
        await balancer.stop()


async def _load(fake: FakeServer, residents: list[int], patience: float = 180) -> Outcome:
    """Every resident sends ASKS one after another; different residents at once. Then waits
    until every ask is answered (or nothing more arrives for `patience` seconds)."""
    asked: dict[int, list[float]] = {user: [] for user in residents}
    firsts: dict[int, int] = {}

    async def resident(user: int) -> None:
        for ask in ASKS:
            asked[user].append(time.time())
            sent = await fake.post("text", user_id=user, text=ask)
            firsts.setdefault(user, sent["message"]["message_id"])

    baseline = (await fake.stats())["bot_messages"]
    started = time.monotonic()
    await asyncio.gather(*(resident(user) for user in residents))
    expected = len(residents) * len(ASKS)
    still, seen = time.monotonic(), baseline
    while True:
        sent = (await fake.stats())["bot_messages"]
        now = time.monotonic()
        if sent - baseline >= expected:
            break
        if sent > seen:
            seen, still = sent, now
        elif now - still > patience:
            break
        await asyncio.sleep(0.05)
    finished = time.monotonic()
    # Replies sent twice count among the messages: wait on until every ask has its answer
    # (an update a killed worker held is answered once its lease runs out) or nothing changes.
    lost, still = -1, time.monotonic()
    while True:
        latencies, now_lost, twice, out_of_order = await _check(fake, residents, firsts, asked)
        if now_lost == 0 or time.monotonic() - still > 60:
            if now_lost == 0 and lost > 0:
                finished = time.monotonic()
            lost = now_lost
            break
        if now_lost != lost:
            lost, still, finished = now_lost, time.monotonic(), time.monotonic()
        await asyncio.sleep(1)
    return Outcome(expected, finished - started, latencies, lost, twice, out_of_order)


async def _check(
    fake: FakeServer, residents: list[int], firsts: dict[int, int], asked: dict[int, list[float]]
) -> tuple[list[float], int, list[float], int]:
    """Latencies, asks without an answer, when the first copy of each answer sent twice went
    out, residents answered out of order."""
    latencies: list[float] = []
    twice: list[float] = []
    lost = out_of_order = 0
    for user in residents:
        found = await fake.get("messages", chat_id=user, after=firsts[user] - 1)
        replies = found["messages"]
        texts = [m["text"] or "" for m in replies]
        kinds = [next((ask for ask in KNOWN if KNOWN[ask](t)), "?") for t in texts]
        # A reply sent twice is the same answer twice in a row.
        distinct = [k for n, k in enumerate(kinds) if n == 0 or kinds[n - 1] != k]
        twice += [
            float(replies[n - 1]["sent_at"])
            for n in range(1, len(kinds))
            if kinds[n] == kinds[n - 1]
        ]
        lost += max(0, len(ASKS) - len(distinct))
        out_of_order += 0 if distinct == list(ASKS)[: len(distinct)] else 1
        for when, reply in zip(asked[user], replies, strict=False):
            latencies.append(float(reply["sent_at"]) - when)
    return latencies, lost, twice, out_of_order


async def _killer(workers: list[Worker], stop: asyncio.Event, kills: list[float]) -> None:
    """Every KILL_EVERY seconds after the last victim is serving again, kill the next one."""
    victim = itertools.cycle(workers)
    async with aiohttp.ClientSession() as session:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), KILL_EVERY)
            if stop.is_set():
                return
            worker = next(victim)
            await worker.kill()
            kills.append(time.time())
            await worker.start()
            await worker.ready(session, patience=300)


async def measure(
    database_url: str, counts: list[int], residents: int, kill: bool, caddy: bool = False
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with fake_server(flood_limits=False, latency_ms=LATENCY_MS, lean=False) as fake:
            await fake.post(
                "users", from_id=FIRST, count=residents * POPULATION, language_code="vi"
            )
            rates: dict[int, float] = {}
            batch = itertools.count()
            for count in counts:
                users = [FIRST + residents * (next(batch) % 4) + n for n in range(residents)]
                async with deployment(fake, database_url, count, Path(folder), caddy) as workers:
                    # One warm-up exchange (imports, connections), not counted.
                    await _load(fake, [users[0]])
                    before = _cpu_by_process(fake, workers, database_url)
                    outcome = await _load(fake, users[1:])
                    used = _cpu_by_process(fake, workers, database_url) - before
                    cpu = used.workers
                rates[count] = outcome.rate
                print(
                    f"{count} worker(s): {outcome.rate:6.1f} updates/s "
                    f"({outcome.updates} in {outcome.seconds:.1f} s), reply p50 "
                    f"{statistics.median(outcome.latencies) * 1000:.0f} ms, p95 "
                    f"{_p95(outcome.latencies) * 1000:.0f} ms; lost {outcome.lost}, sent twice "
                    f"{len(outcome.twice)}, out of order {outcome.out_of_order}; workers' CPU "
                    f"{cpu / outcome.updates * 1000:.1f} ms per update, "
                    f"{cpu / outcome.seconds:.2f} cores busy",
                    flush=True,
                )
                print(f"  {used.describe(outcome.seconds)}", flush=True)
            if 1 in rates and 2 in rates:
                print(f"ratio 2 workers / 1 worker: {rates[2] / rates[1]:.2f}", flush=True)
            if not kill:
                return
            users = [FIRST + residents * 4 + n for n in range(residents * KILL_RUN)]
            async with deployment(fake, database_url, 2, Path(folder), caddy) as workers:
                stop, kills = asyncio.Event(), list[float]()
                killer = asyncio.create_task(_killer(workers, stop, kills))
                # One deliberately broken update (a message without its sender or date), which
                # must end up parked for the operator, not lost and not blocking anyone.
                await fake.post("update", message={"message_id": 1, "chat": {"id": users[0]}})
                outcome = await _load(fake, users)
                stop.set()
                await killer
                parked = await _parked(database_url)
                counts_seen = await _metrics(workers)
            print(
                f"2 workers, one killed with SIGKILL every {KILL_EVERY:.0f} s "
                f"({len(kills)} kills): "
                f"{outcome.updates} updates, lost {outcome.lost}, sent twice {len(outcome.twice)}, "
                f"residents out of order {outcome.out_of_order}; {outcome.rate:.1f} updates/s, "
                f"reply p95 {_p95(outcome.latencies) * 1000:.0f} ms",
                flush=True,
            )
            print(_window(outcome.twice, kills), flush=True)
            print(f"binhyen inbox failed:\n{parked}", flush=True)
            print(
                f"/metrics of the two workers (since each last started): {counts_seen}", flush=True
            )


def _window(first_copies: list[float], kills: list[float]) -> str:
    """How long before the next kill each reply sent twice had first gone out."""
    if not first_copies:
        return "no reply sent twice"
    before = sorted(
        min((kill - sent for kill in kills if kill >= sent), default=float("inf"))
        for sent in first_copies
    )
    inside = [gap for gap in before if gap <= LEASE_SECONDS]
    return (
        f"replies sent twice: first copy {', '.join(f'{g * 1000:.0f}' for g in inside)} ms "
        f"before a kill; {len(before) - len(inside)} with no kill within {LEASE_SECONDS:.0f} s "
        f"after it (repeats outside the in-flight window)"
    )


@dataclass
class Cpu:
    """CPU seconds used so far by each part of a run (Linux /proc); two readings subtract.
    `server` is the PostgreSQL backends serving the benchmark's database (empty when the
    server runs elsewhere), by process id; `machine` every process on the machine."""

    workers: float
    fake: float
    harness: float  # this process: the residents' load and the round-robin balancer
    server: dict[int, float]
    machine: float

    def __sub__(self, before: "Cpu") -> "Cpu":
        # A backend that started during the load used all its CPU in it.
        server = {pid: t - before.server.get(pid, 0.0) for pid, t in self.server.items()}
        return Cpu(
            self.workers - before.workers,
            self.fake - before.fake,
            self.harness - before.harness,
            server,
            self.machine - before.machine,
        )

    def describe(self, seconds: float) -> str:
        cores = os.cpu_count() or 1
        parts = [
            ("workers", self.workers),
            ("PostgreSQL backends", sum(self.server.values())),
            ("fake Bot API", self.fake),
            ("load and balancer", self.harness),
        ]
        ours = sum(t for _, t in parts)
        return (
            "cores busy: "
            + ", ".join(f"{name} {t / seconds:.2f}" for name, t in parts)
            + f"; all of the machine {self.machine / seconds:.2f} of {cores}"
            + f" (other processes {(self.machine - ours) / seconds:.2f})"
        )


def _cpu_by_process(fake: FakeServer, workers: list[Worker], database_url: str) -> Cpu:
    running = [w.process.pid for w in workers if w.process and w.process.returncode is None]
    database = make_url(database_url).database or ""
    server: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                title = (entry / "cmdline").read_bytes()
                if title.startswith(b"postgres: ") and f" {database} ".encode() in title:
                    server[int(entry.name)] = _process_cpu(int(entry.name))
    # user nice system idle iowait irq softirq steal (guest time is counted in user already)
    ticks = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    idle = ticks[3] + ticks[4]
    return Cpu(
        workers=sum(_process_cpu(pid) for pid in running),
        fake=_process_cpu(fake.pid) if fake.pid is not None else 0.0,
        harness=_process_cpu(os.getpid()),
        server=server,
        machine=(sum(ticks) - idle) / os.sysconf("SC_CLK_TCK"),
    )


def _process_cpu(pid: int) -> float:
    """CPU time (user and system) a process has used so far; 0 once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _parked(database_url: str) -> str:
    """What `binhyen inbox failed` prints, run as an operator would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
    env.update(PYTHONPATH=str(ROOT), DATABASE_URL=database_url)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "inbox", "failed", env=env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await process.communicate()
    return out.decode().strip()


SHOWN_METRICS = (
    "binhyen_updates_received_total",
    "binhyen_updates_processed_total",
    "binhyen_updates_failed_total",
    "binhyen_updates_parked_total",
    "binhyen_updates_duplicate_total",
)


async def _metrics(workers: list[Worker]) -> str:
    """What an operator's Prometheus reads from the workers' /metrics, summed over kinds."""
    totals = dict.fromkeys(SHOWN_METRICS, 0.0)
    async with aiohttp.ClientSession() as session:
        for worker in workers:
            async with session.get(f"http://127.0.0.1:{worker.port}/metrics") as answer:
                for line in (await answer.text()).splitlines():
                    name = line.split("{", 1)[0].split(" ", 1)[0]
                    if name in totals:
                        totals[name] += float(line.rsplit(" ", 1)[1])
    return ", ".join(
        f"{name.removeprefix('binhyen_')} {value:.0f}" for name, value in totals.items()
    )


async def _residents(url: str, count: int) -> None:
    db = Database(url)
    await add_residents(db, resident_rows((FIRST + n for n in range(count)), VAN_DON))
    await db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument(
        "--database-url", default="postgresql+asyncpg://postgres@127.0.0.1:5432/test"
    )
    parser.add_argument("--residents", type=int, default=300)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--no-kill", action="store_true", help="skip the SIGKILL run")
    parser.add_argument(
        "--balancer",
        choices=("builtin", "caddy"),
        default="builtin",
        help="the round robin in front of the workers: a small built-in one, or Caddy with "
        "deploy/Caddyfile (Caddy must be installed)",
    )
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",") if n.strip()]
    with scratch_postgres_database(args.database_url, "binhyen_scale") as url:
        asyncio.run(_residents(url, args.residents * POPULATION))
        asyncio.run(
            measure(
                url, counts, args.residents, kill=not args.no_kill, caddy=args.balancer == "caddy"
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
