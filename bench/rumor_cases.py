"""The rumor benchmark's labelled data, in seven slices.

- **dev**: the blind set in bench/blind/, written by someone who never saw the matcher's code or
  its lexicon, from the claims and a description of how residents write (claims.yaml;
  messages_NN.yaml, each message with `text`, `expect` — a claim id or none —, `kind` and an
  optional `near`, the same-topic claim it could be mistaken for). The files are kept exactly as
  written. Weights, thresholds and the lexicon are tuned on it. (It was once split by topic into
  a development and a test half; once the test half's misses had been read, all of it became
  development data.)
- **dev2**: bench/blind2/, 549 messages on the same claims written blind in the same format. It
  was the held-out slice of the previous round, read once after that freeze (see its README);
  its misses have been read since, so it is development data like dev.
- **dev3**: bench/blind3/, 568 messages on the same claims written blind in the same format. It
  was the held-out slice of the round after, read once after that freeze (see its README); its
  misses have been read since, so it is development data too.
- **dev4**: bench/blind4/, 613 messages on the same claims written blind in the same format by
  two new writers. It was the held-out slice of the round after, run once at 84b10fa (see its
  README); its misses have been read since, so it is development data too.
- **dev5**: bench/blind5/, 612 messages on the same claims written blind in the same format by
  two more new writers. It was the held-out slice of the round after, run once at 7a44604 (see
  its README); its misses have been read since, so it is development data too.
- **test**: bench/blind6/, the new held-out slice: messages on the same claims written blind in
  the same format, read once, after the matcher is frozen. Nothing is ever tuned on it; when the
  directory is absent the benchmark says so and reports the other slices only.
- **authored**: bench/cases.yaml against bench/library.yaml, written earlier with the matcher in
  view. Kept as a third slice for continuity, and flattering for that reason.
"""

import hashlib
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).parent
BLIND = HERE / "blind"
BLIND2 = HERE / "blind2"
BLIND3 = HERE / "blind3"
BLIND4 = HERE / "blind4"
BLIND5 = HERE / "blind5"
HELD_OUT = HERE / "blind6"
LIBRARY = HERE / "library.yaml"
CASES = HERE / "cases.yaml"
NONE = "none"
SLICES = ("dev", "dev2", "dev3", "dev4", "dev5", "test", "authored")
# The slices weights, thresholds and the lexicon may be chosen on.
DEVELOPMENT = ("dev", "dev2", "dev3", "dev4", "dev5")


@dataclass(frozen=True)
class Case:
    text: str
    expect: str
    kind: str
    slice: str
    near: str | None = None
    # In the fixed slice the test suite checks on every run.
    checked: bool = False

    @property
    def genuine(self) -> bool:
        return self.expect != NONE


def _checked(text: str) -> bool:
    """A fixed third of each development slice, for the test suite."""
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % 3 == 0


def _claims() -> list[dict[str, object]]:
    return list(yaml.safe_load((BLIND / "claims.yaml").read_text(encoding="utf-8"))["factchecks"])


def _messages(folder: Path, part: str) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("messages_*.yaml")):
        for m in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
            near = str(m["near"]) if m.get("near") else None
            checked = part in DEVELOPMENT and _checked(m["text"])
            cases.append(Case(m["text"], str(m["expect"]), m["kind"], part, near, checked))
    return cases


def blind_cases() -> list[Case]:
    """The development slices, then the held-out one if it is there."""
    return (
        _messages(BLIND, "dev")
        + _messages(BLIND2, "dev2")
        + _messages(BLIND3, "dev3")
        + _messages(BLIND4, "dev4")
        + _messages(BLIND5, "dev5")
        + _messages(HELD_OUT, "test")
    )


def held_out_present() -> bool:
    return any(HELD_OUT.glob("messages_*.yaml"))


def authored_cases() -> list[Case]:
    raw = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    return [
        Case(c["text"], str(c["expect"]), c["kind"], "authored", checked=bool(c.get("slice")))
        for c in raw
    ]


def all_cases() -> list[Case]:
    return blind_cases() + authored_cases()


@contextmanager
def library_files() -> Iterator[list[Path]]:
    """The files the benchmark imports: the blind claims (without the writer's `topic`, which
    the import format does not have) and the authored library."""
    with tempfile.TemporaryDirectory() as folder:
        blind = Path(folder) / "blind-claims.yaml"
        claims = [{k: v for k, v in c.items() if k != "topic"} for c in _claims()]
        blind.write_text(
            yaml.safe_dump({"factchecks": claims}, allow_unicode=True), encoding="utf-8"
        )
        yield [blind, LIBRARY]
