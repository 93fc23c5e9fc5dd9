"""Broadcast benchmark: `python -m bench.broadcast [--size 10000] [--database-url URL] [--paid]`.

Runs the real bot (its Application, rate limiter and outbox sender, receiving as `binhyen run`
does: long polling into the inbox, handled from it) against the
project's fake Bot API in a process of its own, with Telegram's flood limits on and a few
milliseconds of latency per call, and publishes a notice to `--size` residents of one commune
(10,000 by default; 100,000 with `--size 100000`). Meanwhile residents of another commune
keep asking the bot something (`/help`), and their reply times are compared with the same
requests made while nothing is being broadcast. Prints, for SQLite and (given a PostgreSQL
server URL) PostgreSQL:

- the achieved broadcast rate, and as a fraction of the configured limit (30/s; with `--paid`,
  `BOT_BROADCAST_RATE=1000` and allow_paid_broadcast);
- 429s received, recipients lost, recipients who got it twice;
- the memory growth of the bot's process;
- p50/p95 reply time of interactive requests during the broadcast, and idle.

A benchmark prints figures; the test suite never asserts timings.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.fakeserver import TOKEN, FakeServer, fake_server, rss_mb
from bot.app import build_application
from bot.config import Settings
from bot.receiving.run import running
from bot.services.container import Services
from bot.services.notices import NoticeDraft, NoticeKind
from bot.services.scopes import Scope, ScopeKind
from bot.storage.db import Database, scratch_postgres_database, upgrade
from tests.population import add_residents, resident_rows

VAN_DON, BA_CHE = 6994, 6970
FIRST = 2_000_000  # the broadcast's residents
PROBE_FIRST = 9_000_000  # residents who keep asking the bot something meanwhile
PROBES = 40
AUTHOR = 777_001
LATENCY_MS = 4


@dataclass
class Result:
    database: str
    size: int
    limit: float
    seconds: float
    rate: float
    retry_afters: int
    lost: int
    twice: int
    memory_mb: float
    idle_p50: float
    idle_p95: float
    busy_p50: float
    busy_p95: float

    def show(self) -> None:
        print(f"{self.database}: {self.size:,} recipients at a limit of {self.limit:g}/s")
        print(
            f"  achieved          {self.rate:.1f} msg/s = {self.rate / self.limit:.3f} of the "
            f"limit ({self.seconds:.1f} s from the first delivery to the last)"
        )
        print(f"  429s received     {self.retry_afters}")
        print(f"  recipients lost   {self.lost}")
        print(f"  received twice    {self.twice}")
        print(f"  memory growth     {self.memory_mb:.1f} MB")
        print(
            f"  replies idle      p50 {self.idle_p50 * 1000:.0f} ms, p95 "
            f"{self.idle_p95 * 1000:.0f} ms"
        )
        ratio = self.busy_p95 / self.idle_p95 if self.idle_p95 else float("nan")
        print(
            f"  replies during    p50 {self.busy_p50 * 1000:.0f} ms, p95 "
            f"{self.busy_p95 * 1000:.0f} ms ({ratio:.2f}× idle)"
        )


async def _residents(db: Database, fake: FakeServer, size: int) -> None:
    await fake.post("users", from_id=FIRST, count=size, language_code="vi")
    await fake.post("users", from_id=PROBE_FIRST, count=PROBES, language_code="vi")
    await fake.post("users", id=AUTHOR, first_name="Trung úy An", language_code="vi")
    rows = resident_rows((FIRST + n for n in range(size)), VAN_DON)
    rows += resident_rows((PROBE_FIRST + n for n in range(PROBES)), BA_CHE)
    await add_residents(db, rows)


async def _ask(fake: FakeServer, resident: int) -> float:
    """One resident asks for help; how long until the reply was in their chat."""
    started = time.time()
    sent = await fake.post("text", user_id=resident, text="/help")
    reply = await fake.wait(resident, sent["message"]["message_id"], seconds=120)
    if reply is None:
        return float("inf")
    return float(reply["sent_at"]) - started


async def _probe(fake: FakeServer, count: int, spacing: float) -> list[float]:
    times = []
    for n in range(count):
        times.append(await _ask(fake, PROBE_FIRST + n % PROBES))
        await asyncio.sleep(spacing)
    return times


async def _delivered(fake: FakeServer, size: int) -> tuple[int, int, int]:
    """(lost, twice, delivered) over the broadcast's residents."""
    per_chat = (await fake.stats(chats=True))["messages_per_chat"]
    counts = [per_chat.get(str(FIRST + n), 0) for n in range(size)]
    return counts.count(0), sum(1 for c in counts if c > 1), sum(1 for c in counts if c)


async def run(url: str, name: str, size: int, paid: bool) -> Result:
    limit = 1000.0 if paid else 30.0
    async with fake_server(flood_limits=True, latency_ms=LATENCY_MS) as fake:
        db = Database(url)
        await _residents(db, fake, size)
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            bot_token=TOKEN,
            telegram_api_url=fake.url,
            database_url=url,
            bot_broadcast_rate=limit,
            bot_paid_broadcast=paid,
        )
        app = build_application(settings, db)
        async with running(app, settings, webhook=False, poll_timeout=1):
            services: Services = app.bot_data["services"]
            idle = await _probe(fake, 30, 0.05)
            memory_before = rss_mb()
            draft = NoticeDraft(
                NoticeKind.WARNING,
                "Cảnh báo lừa đảo qua điện thoại",
                "Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.",
                "Công an đặc khu Vân Đồn",
                Scope(ScopeKind.COMMUNE, VAN_DON),
            )
            notice = await services.notices.publish(draft, AUTHOR)
            app.bot_data["sender"].kick()
            busy: list[float] = []
            prober = asyncio.create_task(_probe_while(fake, busy))
            first, last, peak = await _watch(services, notice.id)
            prober.cancel()
            peak = max(peak, rss_mb())
            stats = await fake.stats()
            lost, twice, _ = await _delivered(fake, size)
    seconds = max(last - first, 1e-6)
    return Result(
        database=name,
        size=size,
        limit=limit,
        seconds=seconds,
        rate=(size - 1) / seconds,
        retry_afters=int(stats["errors_by_code"].get("429", 0)),
        lost=lost,
        twice=twice,
        memory_mb=peak - memory_before,
        idle_p50=statistics.median(idle),
        idle_p95=_p95(idle),
        busy_p50=statistics.median(busy) if busy else float("nan"),
        busy_p95=_p95(busy) if busy else float("nan"),
    )


async def _probe_while(fake: FakeServer, into: list[float]) -> None:
    n = 0
    while True:
        into.append(await _ask(fake, PROBE_FIRST + n % PROBES))
        n += 1
        await asyncio.sleep(0.2)


async def _watch(services: Services, notice_id: int) -> tuple[float, float, float]:
    """Watch the broadcast's figures until nothing is pending (or nothing moves for a
    minute); returns when the first and the last deliveries were seen, and the peak memory."""
    first = last = 0.0
    seen, peak, still_since = 0, 0.0, time.monotonic()
    while True:
        await asyncio.sleep(0.25)
        peak = max(peak, rss_mb())
        figures = await services.notices.figures(notice_id)
        now = time.monotonic()
        if figures is None:
            continue
        if figures.sent > seen:
            if not first:
                first = now
            last, seen, still_since = now, figures.sent, now
        if (figures.total and not figures.pending and not figures.filling) or (
            now - still_since > 60
        ):
            return first, last, peak


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.broadcast")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--database-url", help="a PostgreSQL server to run on as well")
    parser.add_argument(
        "--paid", action="store_true", help="BOT_PAID_BROADCAST=true at 1,000 messages/s"
    )
    args = parser.parse_args(argv)
    # Migrations run their own event loop, so each database is made before the bot's starts.
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        upgrade(url)
        asyncio.run(run(url, "sqlite", args.size, args.paid)).show()
    if args.database_url:
        with scratch_postgres_database(args.database_url, "binhyen_bench") as pg:
            asyncio.run(run(pg, "postgresql", args.size, args.paid)).show()
    return 0


if __name__ == "__main__":
    sys.exit(main())
