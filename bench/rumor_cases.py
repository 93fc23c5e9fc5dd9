"""The rumor benchmark's labelled data, in three slices.

- **dev** and **test**: the blind set in bench/blind/, written by someone who never saw the
  matcher's code or its lexicon, from the claims and a description of how residents write
  (claims.yaml; messages_NN.yaml, each message with `text`, `expect` — a claim id or none —,
  `kind` and an optional `near`, the same-topic claim it could be mistaken for). The files are
  kept exactly as written.
- **authored**: bench/cases.yaml against bench/library.yaml, written earlier with the matcher in
  view. Kept as a third slice for continuity, and flattering for that reason.

The split was made once, by topic (bench/blind/split.yaml; the rule: SHA-1 of
"binhyen-split:<topic>", even → dev, odd → test). Splitting by topic keeps a claim, its
same-topic distractors and every message about them in one half, so what the lexicon learns
from development messages can only help the test half as far as it generalises to claims it
has never seen; splitting messages by hash would let equivalences learnt from one message of a
claim answer its siblings in the other half. A message expecting none follows the topic of its
`near` claim; one without `near` follows the same hash of its own text.
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
LIBRARY = HERE / "library.yaml"
CASES = HERE / "cases.yaml"
NONE = "none"
SLICES = ("dev", "test", "authored")


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


def half(key: str) -> str:
    digest = hashlib.sha1(f"binhyen-split:{key}".encode()).hexdigest()
    return "dev" if int(digest, 16) % 2 == 0 else "test"


def _claims() -> list[dict[str, object]]:
    return list(yaml.safe_load((BLIND / "claims.yaml").read_text(encoding="utf-8"))["factchecks"])


def blind_cases() -> list[Case]:
    topics = {str(c["id"]): str(c["topic"]) for c in _claims()}
    split = yaml.safe_load((BLIND / "split.yaml").read_text(encoding="utf-8"))["topics"]
    cases = []
    for path in sorted(BLIND.glob("messages_*.yaml")):
        for m in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]:
            expect, near = str(m["expect"]), m.get("near")
            topic = topics.get(expect) or topics.get(str(near))
            part = split[topic] if topic else half(m["text"])
            # A fixed third of the development half, for the test suite.
            checked = (
                part == "dev" and int(hashlib.sha1(m["text"].encode()).hexdigest(), 16) % 3 == 0
            )
            cases.append(Case(m["text"], expect, m["kind"], part, near, checked))
    return cases


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
