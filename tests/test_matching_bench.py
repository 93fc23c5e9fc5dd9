"""A fixed third of each blind development slice (bench/blind to bench/blind5) and
the authored cases' `slice: true` cases, on a small library that still holds every same-topic
distractor: a regression in matching fails CI on both databases. Accuracy only; latency is
reported by `python -m bench.rumor_match`, never asserted here."""

import pytest

from bench.rumor_cases import Case, all_cases
from bench.rumor_match import Outcome, evaluate, load_library
from bot.services.communes import CommuneDirectory
from bot.services.factchecks import FactChecks
from bot.storage.db import Database


@pytest.fixture
async def factchecks(db: Database) -> FactChecks:
    directory = CommuneDirectory([22])
    await load_library(db, directory, size=600)
    return FactChecks(db, directory)


def _checked(part: str) -> list[Case]:
    return [c for c in all_cases() if c.slice == part and c.checked]


def _assert_never_wrong(outcome: Outcome) -> None:
    assert outcome.direct_precision == 1.0, outcome.misses
    assert outcome.negatives_direct == 0, outcome.misses


@pytest.mark.parametrize("part", ["dev", "dev2", "dev3", "dev4", "dev5"])
async def test_development_slices_find_rumors_and_never_answer_wrongly(
    factchecks: FactChecks, part: str
) -> None:
    cases = _checked(part)
    assert len(cases) >= 90 and any(not c.genuine for c in cases)
    outcome = await evaluate(factchecks, cases)
    assert outcome.share(outcome.top3) >= 0.95, outcome.misses
    _assert_never_wrong(outcome)
    assert outcome.share(outcome.direct) >= 0.5, "the matcher stopped answering confidently"


async def test_authored_slice_finds_rumors_and_never_answers_wrongly(
    factchecks: FactChecks,
) -> None:
    cases = _checked("authored")
    assert len(cases) >= 45
    outcome = await evaluate(factchecks, cases)
    assert outcome.share(outcome.top3) >= 0.95, outcome.misses
    _assert_never_wrong(outcome)
    assert outcome.share(outcome.direct) >= 0.5, "the matcher stopped answering confidently"
