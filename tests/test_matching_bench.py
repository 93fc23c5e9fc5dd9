"""The benchmark's `slice: true` cases on a small library: a regression in matching fails CI.
Accuracy only; latency is reported by `python -m bench.rumor_match`, never asserted here."""

from bench.rumor_match import evaluate, load_cases, load_library
from bot.services.communes import CommuneDirectory
from bot.services.factchecks import FactChecks
from bot.storage.db import Database


async def test_benchmark_slice_finds_rumors_and_never_answers_wrongly(db: Database) -> None:
    directory = CommuneDirectory([22])
    await load_library(db, directory, size=600)
    cases = load_cases(only_slice=True)
    assert len(cases) >= 45
    outcome = await evaluate(FactChecks(db, directory), cases)
    assert outcome.recall_at_3 >= 0.95, outcome.misses
    assert outcome.direct_precision == 1.0, outcome.misses
    assert outcome.false_answer_rate == 0.0, outcome.misses
    assert outcome.direct >= 15, "the matcher stopped answering confidently"
