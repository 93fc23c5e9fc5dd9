"""Rumor-matching benchmark: `python -m bench.rumor_match [--database-url URL] [--size N]`.

Loads bench/library.yaml plus generated filler up to N entries (default 10,000) into a fresh
database (a temporary SQLite file, or a new database on the PostgreSQL server of URL, dropped
afterwards), runs every labelled message of bench/cases.yaml through the real matcher and
prints recall@3, direct-answer precision, the false-answer rate on unrelated messages and
p50/p95 latency. The test suite runs the `slice: true` cases on a small library
(tests/test_matching_bench.py); timing is only ever reported here, never asserted.
"""

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import insert, text

from bench.filler import generate
from bot.services import factcheck_index, matching
from bot.services.communes import CommuneDirectory
from bot.services.content_files import ContentFiles
from bot.services.factchecks import FactChecks
from bot.storage.db import Database, scratch_postgres_database, upgrade
from bot.storage.information import FactCheck
from bot.storage.models import utcnow

HERE = Path(__file__).parent
LIBRARY = HERE / "library.yaml"
CASES = HERE / "cases.yaml"
NONE = "none"
BATCH = 1000


@dataclass(frozen=True)
class Case:
    text: str
    expect: str
    kind: str
    slice: bool = False


@dataclass
class Outcome:
    """What the matcher did with each case; the figures the benchmark prints."""

    related: int = 0
    found: int = 0
    unrelated: int = 0
    unrelated_answered: int = 0
    unrelated_with_candidates: int = 0
    direct: int = 0
    direct_right: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = field(default_factory=list)

    @property
    def recall_at_3(self) -> float:
        return self.found / self.related if self.related else 1.0

    @property
    def direct_precision(self) -> float:
        return self.direct_right / self.direct if self.direct else 1.0

    @property
    def false_answer_rate(self) -> float:
        return self.unrelated_answered / self.unrelated if self.unrelated else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def load_cases(only_slice: bool = False) -> list[Case]:
    raw = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    cases = [Case(c["text"], str(c["expect"]), c["kind"], bool(c.get("slice"))) for c in raw]
    return [c for c in cases if c.slice] if only_slice else cases


async def load_library(db: Database, directory: CommuneDirectory, size: int) -> int:
    """The labelled library through the real importer, then filler up to `size` entries."""
    report = await ContentFiles(db, directory).import_file(LIBRARY)
    if report.errors:
        raise SystemExit("\n".join(report.errors))
    labelled = report.created + report.updated
    pending = generate(max(0, size - labelled))
    while True:
        batch = [next(pending, None) for _ in range(BATCH)]
        rows = [item for item in batch if item is not None]
        if not rows:
            break
        await _insert_filler(db, rows)
    return size


async def _insert_filler(db: Database, rows: Sequence[tuple[str, str]]) -> None:
    now = utcnow()
    terms: Counter[str] = Counter()
    values = []
    for key, claim in rows:
        search = matching.search_text(claim)
        terms.update(matching.content_terms(search.split()))
        values.append(
            {
                "key": key,
                "claim": claim,
                "verdict": "false",
                "explanation": "Filler entry for the benchmark.",
                "sources": [],
                "tags": [],
                "scope_kind": "province",
                "scope_code": 22,
                "province_code": 22,
                "search_text": search,
                "revision": 1,
                "published_at": now,
            }
        )
    async with db.transaction() as session:
        await session.execute(insert(FactCheck), values)
        terms[factcheck_index.LIBRARY_SIZE] = len(values)
        await factcheck_index.add_terms(session, terms)


async def evaluate(factchecks: FactChecks, cases: Sequence[Case], verbose: bool = False) -> Outcome:
    outcome = Outcome()
    for case in cases[:10]:
        await factchecks.match(case.text)
    for case in cases:
        started = time.perf_counter()
        result = await factchecks.match(case.text)
        outcome.latencies_ms.append((time.perf_counter() - started) * 1000)
        keys = [m.factcheck.key for m in result.candidates]
        direct = result.direct.factcheck.key if result.direct else None
        if direct is not None:
            outcome.direct += 1
            outcome.direct_right += direct == case.expect
        if case.expect == NONE:
            outcome.unrelated += 1
            outcome.unrelated_answered += direct is not None
            outcome.unrelated_with_candidates += bool(keys)
            ok = direct is None
        else:
            outcome.related += 1
            ok = case.expect in keys
            outcome.found += ok
        outcome.by_kind[case.kind][0] += ok
        outcome.by_kind[case.kind][1] += 1
        wrong_direct = direct is not None and direct != case.expect
        if not ok or wrong_direct:
            scores = ", ".join(f"{m.factcheck.key}={m.score:.2f}" for m in result.candidates)
            outcome.misses.append(f"[{case.kind}] {case.text!r} → want {case.expect}; {scores}")
    return outcome


def report(outcome: Outcome, dialect: str, size: int) -> str:
    lines = [
        f"rumor matching on {dialect}, library of {size} entries, "
        f"{len(outcome.latencies_ms)} cases",
        f"  recall@3                       {outcome.recall_at_3:.3f}  (target ≥ 0.95)",
        f"  direct-answer precision        {outcome.direct_precision:.3f}  "
        f"({outcome.direct_right}/{outcome.direct}; target 1.0)",
        f"  direct answers on related      {outcome.direct_right}/{outcome.related}",
        f"  false answers on unrelated     {outcome.false_answer_rate:.3f}  "
        f"({outcome.unrelated_answered}/{outcome.unrelated}; target 0)",
        f"  unrelated shown candidates     {outcome.unrelated_with_candidates}/{outcome.unrelated}",
        f"  latency p50 / p95              {outcome.percentile(0.5):.1f} ms / "
        f"{outcome.percentile(0.95):.1f} ms  (target p95 ≤ 25 ms)",
        "  by kind (ok/total): "
        + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(outcome.by_kind.items())),
    ]
    return "\n".join(lines)


async def _run(url: str, size: int, verbose: bool) -> Outcome:
    db = Database(url)
    try:
        directory = CommuneDirectory([22])
        started = time.perf_counter()
        await load_library(db, directory, size)
        if db.dialect == "postgresql":
            # What autovacuum does for a live database after a large import.
            async with db.engine.connect() as connection:
                autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
                await autocommit.execute(text("VACUUM ANALYZE factchecks"))
        print(f"loaded {size} entries in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        outcome = await evaluate(FactChecks(db, directory), load_cases(), verbose)
        print(report(outcome, db.dialect, size))
        if verbose:
            print("\n".join(outcome.misses) or "no misses")
        return outcome
    finally:
        await db.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rumor_match")
    parser.add_argument("--database-url", help="PostgreSQL server URL (default: temporary SQLite)")
    parser.add_argument("--size", type=int, default=10_000, help="library size with filler")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if args.database_url and args.database_url.startswith("postgresql"):
        with scratch_postgres_database(args.database_url, "binhyen_bench") as url:
            outcome = asyncio.run(_run(url, args.size, args.verbose))
    else:
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite+aiosqlite:///{folder}/bench.db"
            upgrade(url)
            outcome = asyncio.run(_run(url, args.size, args.verbose))
    met = (
        outcome.recall_at_3 >= 0.95
        and outcome.direct_precision == 1.0
        and outcome.false_answer_rate == 0.0
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
