"""The commune directory (vietnam-provinces, NSO codes since 1 July 2025) and name search.

Residents type names without diacritics, with or without "xã"/"phường", and sometimes by the
name of a commune that was merged away in 2025; all of these should find the commune.
"""

import difflib
from dataclasses import dataclass
from functools import cached_property

from vietnam_provinces import Province, ProvinceCode, Ward

from bot.services.text import fold

_PREFIXES = ("dac khu ", "thi tran ", "phuong ", "xa ")


@dataclass(frozen=True)
class Commune:
    code: int
    name: str
    province_code: int
    province_name: str


def _strip_prefix(folded: str) -> str:
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded.removeprefix(prefix)
    return folded


@dataclass(frozen=True)
class _Entry:
    commune: Commune
    name: str
    legacy_names: tuple[str, ...]


class CommuneDirectory:
    """The communes of the provinces a deployment serves, searchable by folded name."""

    def __init__(self, provinces: list[int]) -> None:
        self.province_codes = tuple(provinces)
        self._entries: list[_Entry] = []
        for province_code in provinces:
            province = Province.from_code(ProvinceCode(province_code))
            for ward in Ward.iter_by_province(ProvinceCode(province_code)):
                commune = Commune(int(ward.code), ward.name, province_code, province.name)
                legacy = tuple(_strip_prefix(fold(old.name)) for old in ward.get_legacy_sources())
                self._entries.append(_Entry(commune, _strip_prefix(fold(ward.name)), legacy))
        self._entries.sort(key=lambda e: (e.commune.province_code, e.name))
        self._by_code = {e.commune.code: e.commune for e in self._entries}

    def get(self, code: int) -> Commune | None:
        """A served commune by code; None for unknown codes and for other provinces."""
        return self._by_code.get(code)

    def province_name(self, code: int) -> str | None:
        if code not in self.province_codes:
            return None
        return str(Province.from_code(ProvinceCode(code)).name)

    def in_province(self, province_code: int) -> list[Commune]:
        return [e.commune for e in self._entries if e.commune.province_code == province_code]

    def all(self) -> list[Commune]:
        return [e.commune for e in self._entries]

    def search(self, query: str, limit: int = 8) -> list[Commune]:
        """Communes whose current (or pre-2025) name contains the query, best first."""
        wanted = _strip_prefix(fold(query))
        if not wanted:
            return []
        scored: list[tuple[int, str, Commune]] = []
        for entry in self._entries:
            score = _score(wanted, entry.name)
            legacy = min((_score(wanted, name) for name in entry.legacy_names), default=99)
            best = min(score, legacy + 1)
            if best < 99:
                scored.append((best, entry.name, entry.commune))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [commune for _, _, commune in scored[:limit]]

    def suggest(self, query: str, limit: int = 5) -> list[Commune]:
        """Closest names when nothing contains the query (typos, missing letters)."""
        wanted = _strip_prefix(fold(query))
        if not wanted:
            return []
        close = difflib.get_close_matches(wanted, self._names, n=limit, cutoff=0.5)
        return [self._by_name[name] for name in close]

    @cached_property
    def _by_name(self) -> dict[str, Commune]:
        return {entry.name: entry.commune for entry in reversed(self._entries)}

    @cached_property
    def _names(self) -> list[str]:
        return list(self._by_name)


def _score(wanted: str, name: str) -> int:
    """Lower is better; 99 means no match."""
    if name == wanted:
        return 0
    if name.startswith(wanted):
        return 1
    if f" {wanted}" in f" {name}":
        return 2
    if wanted in name:
        return 3
    words = wanted.split()
    if len(words) > 1 and all(word in name.split() for word in words):
        return 4
    return 99
