"""Places named in a text, for the rumor matcher's place check: a claim about Vân Đồn must not
answer a message about Móng Cái, while "Cái Rồng" (a pre-2025 town now inside Vân Đồn) agrees
with it.

A mention becomes a set of place keys: the current commune ("c6994") and the pre-2025 district
("d203") it lies in. Two texts agree on place when their keys meet. Names come from the commune
directory (vietnam-provinces: current communes, their pre-2025 communes and districts) and from
content/matching/places.yaml (islands, border gates, markets by their local names).
"""

from collections.abc import Iterable, Sequence
from functools import cache

from vietnam_provinces import ProvinceCode, Ward
from vietnam_provinces.legacy import District, DistrictCode

from bot.services import lexicon
from bot.services.text import fold

_PREFIXES = ("dac khu", "thi tran", "thi xa", "thanh pho", "phuong", "huyen", "xa", "tp")
MAX_NAME_WORDS = 4


def _bare(name: str) -> str:
    folded = fold(name)
    for prefix in _PREFIXES:
        if folded.startswith(prefix + " "):
            return folded.removeprefix(prefix + " ")
    return folded


class Gazetteer:
    """Folded place name → place keys, for the provinces a deployment serves."""

    def __init__(self, provinces: Sequence[int]) -> None:
        known = lexicon.current()
        # Current communes and pre-2025 districts first: they win a name over an old commune of
        # the same name elsewhere ("Hạ Long" is the city's name before it is an old commune's).
        primary: dict[str, set[str]] = {}
        secondary: dict[str, set[str]] = {}
        communes_of_district: dict[int, set[str]] = {}
        # Current communes alone: "xã Bình Liêu" is the commune, not the old district.
        current: dict[str, set[str]] = {}
        for province in provinces:
            for ward in Ward.iter_by_province(ProvinceCode(province)):
                keys = {f"c{int(ward.code)}"}
                sources = ward.get_legacy_sources()
                for old in sources:
                    district = int(old.district_code)
                    keys.add(f"d{district}")
                    communes_of_district.setdefault(district, set()).add(f"c{int(ward.code)}")
                primary.setdefault(_bare(ward.name), set()).update(keys)
                current.setdefault(_bare(ward.name), set()).update(keys)
                for old in sources:
                    secondary.setdefault(_bare(old.name), set()).update(keys)
        for district, communes in communes_of_district.items():
            name = _bare(District.from_code(DistrictCode(district)).name)
            primary.setdefault(name, set()).update({f"d{district}", *communes})
        for name, code in known.local_places.items():
            primary.setdefault(name, set()).update(self._commune_keys(code, primary))
        names = {**{k: v for k, v in secondary.items() if k not in primary}, **primary}
        self._names = {
            tuple(name.split()): frozenset(keys)
            for name, keys in names.items()
            if name and name not in known.not_places and len(name.split()) <= MAX_NAME_WORDS
        }
        self._communes = {tuple(name.split()): frozenset(keys) for name, keys in current.items()}

    @staticmethod
    def _commune_keys(code: int, primary: dict[str, set[str]]) -> set[str]:
        key = f"c{code}"
        found = next((keys for keys in primary.values() if key in keys), None)
        return {k for k in (found or {key}) if k == key or k.startswith("d")}

    def spans(self, words: Sequence[str]) -> list[tuple[int, int, frozenset[str]]]:
        """Each place named in `words` (normalised words), longest name first: where it starts,
        where it ends, and its keys."""
        found = []
        i = 0
        while i < len(words):
            for length in range(min(MAX_NAME_WORDS, len(words) - i), 1, -1):
                name = tuple(words[i : i + length])
                keys = self._names.get(name)
                if keys is not None and name in self._communes and _after_commune_word(words, i):
                    keys = self._communes[name]
                if keys is not None:
                    found.append((i, i + length, keys))
                    i += length
                    break
            else:
                i += 1
        return found

    def mentions(self, words: Sequence[str]) -> frozenset[str]:
        """Keys of every place named in `words`."""
        return frozenset(key for _, _, keys in self.spans(words) for key in keys)


_COMMUNE_WORDS = (("xa",), ("phuong",), ("dac", "khu"))


def _after_commune_word(words: Sequence[str], start: int) -> bool:
    """The name follows "xã", "phường" or "đặc khu": it is a current commune's, not an old
    district's of the same name."""
    return any(tuple(words[max(0, start - len(w)) : start]) == w for w in _COMMUNE_WORDS)


@cache
def gazetteer(provinces: tuple[int, ...]) -> Gazetteer:
    return Gazetteer(provinces)


def agreement(a: Iterable[str], b: Iterable[str]) -> int:
    """1 when both name a place and the places meet, -1 when both name places that never meet,
    0 when either names none. Places meet in a current commune: every name brings the communes
    it covers (an old district all of its communes), so two communes of one old district, like
    Bãi Cháy and Tuần Châu in Hạ Long, are different places."""
    first, second = set(a), set(b)
    if not first or not second:
        return 0
    communes = {k for k in first if k.startswith("c")}, {k for k in second if k.startswith("c")}
    if all(communes):
        first, second = communes
    return 1 if first & second else -1
