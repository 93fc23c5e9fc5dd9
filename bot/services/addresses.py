"""Whether a text typed as the place of an incident reads like a place, or like the incident
itself (residents often start telling what happened at the "where" step)."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import yaml

from bot.content import content_dir
from bot.services.text import fold

# An address rarely runs past this; a description usually does.
LONG_WORDS = 15
LONG_CHARS = 120


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PlaceWords:
    marked: frozenset[str]
    plain: frozenset[str]
    phrases: tuple[str, ...]

    @classmethod
    def of(cls, words: list[str], phrases: list[str]) -> "PlaceWords":
        marked = frozenset(_lower(w) for w in words)
        return cls(marked, frozenset(fold(w) for w in marked), tuple(_lower(p) for p in phrases))

    def in_text(self, text: str) -> bool:
        lowered = _lower(text)
        for word in _WORD.findall(lowered):
            unmarked = fold(word)
            if word in self.marked or (unmarked == word and word in self.plain):
                return True
        padded, folded = f" {' '.join(_WORD.findall(lowered))} ", f" {fold(text)} "
        bare = fold(text) == " ".join(_WORD.findall(lowered))
        return any(f" {p} " in padded or (bare and f" {fold(p)} " in folded) for p in self.phrases)


@cache
def place_words() -> PlaceWords:
    raw = yaml.safe_load((content_dir() / "place_words.yaml").read_text(encoding="utf-8"))
    return PlaceWords.of([str(w) for w in raw["words"]], [str(p) for p in raw["phrases"]])


def looks_like_description(text: str, known: PlaceWords | None = None) -> bool:
    """Long, or with no word of a place and no number (a house, a kilometre, a road)."""
    if len(text.split()) > LONG_WORDS or len(text) > LONG_CHARS:
        return True
    if any(ch.isdigit() for ch in text):
        return False
    return not (known or place_words()).in_text(text)


def _lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()
