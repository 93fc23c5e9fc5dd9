"""The rumor matcher's knowledge of how residents write, loaded from content/matching/*.yaml:
teencode and abbreviations, words and phrases that mean the same, function words, local place
names, and classes of things that fill the same slot of a claim. Data, not code: growing it
needs no programmer, and `fingerprint` tells the index when claims stored with an older list must
be rewritten.
"""

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.content import content_dir
from bot.services.text import fold

FILES = ("teencode.yaml", "equivalences.yaml", "stopwords.yaml", "places.yaml", "classes.yaml")
# Bump when normalisation code changes what it makes of the same data.
CODE_VERSION = "5"

type Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    words: Mapping[str, Phrase]
    capitals: Mapping[str, str]
    units: Mapping[str, Phrase]
    letter_swaps: tuple[tuple[str, str], ...]
    # The words teencode expands to ("facebook"): written out, they are not respelled by
    # letter_swaps.
    spelled: frozenset[str]
    # First word → (phrase, what it is rewritten to), longest phrase first; filler phrases
    # ("mọi người ơi", "có thật không") are rewritten to nothing.
    phrases: Mapping[str, tuple[tuple[Phrase, Phrase], ...]]
    stopwords: frozenset[str]
    local_places: Mapping[str, int]
    not_places: frozenset[str]
    # Things that fill the same slot of a claim (utilities, documents, taxes…): class name → its
    # members, each member the forms it is written in (folded, not yet normalised).
    classes: Mapping[str, tuple[tuple[Phrase, ...], ...]]
    fingerprint: str

    @property
    def capitals_pattern(self) -> re.Pattern[str]:
        return _capitals_pattern(tuple(sorted(self.capitals)))


@cache
def _capitals_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    if not keys:
        return re.compile(r"(?!x)x")
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")


def _phrase(text: object) -> Phrase:
    return tuple(fold(str(text)).split())


def _mapping(document: dict[str, Any], section: str, source: Path) -> dict[str, Phrase]:
    result: dict[str, Phrase] = {}
    for written, meant in (document.get(section) or {}).items():
        key = " ".join(_phrase(written))
        if not key or not _phrase(meant):
            raise ValueError(f"{source}: {section}: empty entry {written!r}")
        if key in result and result[key] != _phrase(meant):
            raise ValueError(f"{source}: {section}: {written!r} is listed twice")
        result[key] = _phrase(meant)
    return result


def _rewrites(
    document: dict[str, Any], fillers: list[object], source: Path
) -> dict[str, tuple[tuple[Phrase, Phrase], ...]]:
    rewrites: dict[Phrase, Phrase] = {_phrase(f): () for f in fillers if _phrase(f)}
    for group in document.get("groups") or []:
        forms = [_phrase(item) for item in group]
        if len(forms) < 2 or not all(forms):
            raise ValueError(f"{source}: a group needs two or more non-empty forms: {group!r}")
        # The first form maps to itself, so that a shorter form inside it ("tòa" in "tòa án")
        # never rewrites part of it.
        for form in forms:
            if form in rewrites and rewrites[form] != forms[0]:
                raise ValueError(f"{source}: {' '.join(form)!r} is in two groups")
            rewrites[form] = forms[0]
    by_first: dict[str, list[tuple[Phrase, Phrase]]] = {}
    for form, canonical in rewrites.items():
        by_first.setdefault(form[0], []).append((form, canonical))
    return {
        first: tuple(sorted(items, key=lambda item: (-len(item[0]), item[0])))
        for first, items in by_first.items()
    }


def _classes(document: dict[str, Any], source: Path) -> dict[str, tuple[tuple[Phrase, ...], ...]]:
    result: dict[str, tuple[tuple[Phrase, ...], ...]] = {}
    seen: set[Phrase] = set()
    for name, members in (document.get("classes") or {}).items():
        forms = [
            tuple(_phrase(f) for f in (m if isinstance(m, list) else [m])) for m in members or []
        ]
        if len(forms) < 2 or not all(member and all(member) for member in forms):
            raise ValueError(f"{source}: class {name!r} needs two or more non-empty members")
        for form in (f for member in forms for f in member):
            if form in seen:
                raise ValueError(f"{source}: {' '.join(form)!r} is in two members")
            seen.add(form)
        result[str(name)] = tuple(forms)
    return result


def load(folder: Path) -> Lexicon:
    texts = {name: (folder / name).read_text(encoding="utf-8") for name in FILES}
    docs: dict[str, dict[str, Any]] = {
        name: yaml.safe_load(text) or {} for name, text in texts.items()
    }
    teencode, places = docs["teencode.yaml"], docs["places.yaml"]
    digest = hashlib.sha1(CODE_VERSION.encode())
    for name in FILES:
        digest.update(texts[name].encode())
    words = _mapping(teencode, "words", folder / "teencode.yaml")
    return Lexicon(
        words=words,
        capitals={
            str(k): " ".join(_phrase(v)) for k, v in (teencode.get("capitals") or {}).items()
        },
        units=_mapping(teencode, "units", folder / "teencode.yaml"),
        letter_swaps=tuple(
            (fold(str(k)), fold(str(v))) for k, v in (teencode.get("letter_swaps") or {}).items()
        ),
        spelled=frozenset(word for phrase in words.values() for word in phrase),
        phrases=_rewrites(
            docs["equivalences.yaml"],
            docs["stopwords.yaml"].get("phrases") or [],
            folder / "equivalences.yaml",
        ),
        stopwords=frozenset(fold(str(w)) for w in docs["stopwords.yaml"].get("words") or []),
        local_places={
            " ".join(_phrase(name)): int(code)
            for name, code in (places.get("local_names") or {}).items()
        },
        not_places=frozenset(" ".join(_phrase(n)) for n in places.get("not_places") or []),
        classes=_classes(docs["classes.yaml"], folder / "classes.yaml"),
        fingerprint=digest.hexdigest()[:16],
    )


@cache
def current() -> Lexicon:
    """The shipped lexicon (content/matching), read once per process."""
    return load(content_dir() / "matching")
