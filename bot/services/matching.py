"""How a resident's message and a fact-check claim are put into the same words before they are
compared: folding (diacritics, tone placement, đ), teencode and abbreviations, numbers with
units, and equivalent phrases, all from the lexicon in content/matching.

Pure functions, no database: the index (bot/services/factcheck_index.py) fetches candidates and
document frequencies, the re-ranker (bot/services/reranker.py) decides how alike they are.
"""

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from bot.services import lexicon
from bot.services.text import fold

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_REPEATS = re.compile(r"(.)\1{2,}")
_NUMBER_WITH_UNIT = re.compile(r"^(\d+)([a-z]+)$")
# "500.000", "2.000.000": thousands written with dots.
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?![\d]|[.,]\d)")

# Numbers written in words, folded. Folding makes most of them ordinary words too ("năm" the
# year, "sau" after, "ba" father, "tám"/"tạm"), so a number word counts only inside a compound
# ("mười bốn", "năm mươi", "năm chục"), before something counted ("năm triệu", "chục triệu",
# "trăm người") or after a word that takes a figure ("tháng sáu", "cấp mười", "số chín").
_DIGITS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9
}  # fmt: skip
# After "mười"/"mươi": mốt, tư, lăm.
_UNITS_AFTER_TENS = {**_DIGITS, "mot": 1, "tu": 4, "lam": 5}
_COUNTED = frozenset({"trieu", "nghin", "ngan", "ty", "tuoi", "nguoi", "phan"})
_TAKES_FIGURE = frozenset({"thang", "cap", "so", "phim", "lop"})
_PERCENT = (("phan", "tram"), ("phan", "cham"))


def _token(word: str, previous: str, words: lexicon.Lexicon) -> tuple[str, ...]:
    if word.isdigit():
        # "06/10" is "6/10"; a leading zero says nothing.
        return (word.lstrip("0") or "0",)
    squeezed = _REPEATS.sub(r"\1", word)
    if squeezed != word and word in words.words:
        # "cccd" is an abbreviation, not a drawn-out "cd".
        return words.words[word]
    word = squeezed
    if previous.isdigit() and word in words.units:
        return words.units[word]
    if word in words.words:
        return words.words[word]
    if (split := _NUMBER_WITH_UNIT.match(word)) and split.group(2) in words.units:
        return (split.group(1), *words.units[split.group(2)])
    if not word.isalpha() or word in words.spelled:
        return (word,)
    for written, meant in words.letter_swaps:
        if word.startswith(written):
            return (meant + word[len(written) :],)
    return (word,)


def _spelled(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """The number spelled at words[i] and how many words it takes, if it is one."""
    word = words[i]
    after = words[i + 1] if i + 1 < len(words) else ""
    later = words[i + 2] if i + 2 < len(words) else ""
    if word == "muoi":
        if after in _UNITS_AFTER_TENS:
            return 10 + _UNITS_AFTER_TENS[after], 2
        return 10, 1
    if word in _DIGITS:
        if after == "muoi":
            if later in _UNITS_AFTER_TENS:
                return _DIGITS[word] * 10 + _UNITS_AFTER_TENS[later], 3
            return _DIGITS[word] * 10, 2
        if after in ("chuc", "tram"):
            return _DIGITS[word] * (10 if after == "chuc" else 100), 2
        return _DIGITS[word], 1
    if word in ("chuc", "tram"):
        return (10 if word == "chuc" else 100), 1
    if word == "nua" and after == "trieu":
        return 500_000, 2
    return None


def _year(words: Sequence[str], i: int) -> tuple[int, int] | None:
    """ "hai nghìn không trăm hai sáu" (or "hai mươi sáu") is 2026."""
    if tuple(words[i : i + 4]) != ("hai", "nghin", "khong", "tram"):
        return None
    rest = i + 4
    if rest < len(words) and words[rest] in ("le", "linh") and rest + 1 < len(words):
        unit = _spelled(words, rest + 1)
        return (2000 + unit[0], 5 + unit[1]) if unit and unit[0] < 10 else None
    tens = _spelled(words, rest)
    if tens is None:
        return None
    value, taken = tens
    after = words[rest + taken] if rest + taken < len(words) else ""
    if taken == 1 and value < 10 and after in _DIGITS:
        # "hai sáu": twenty-six, said short.
        return 2000 + value * 10 + _DIGITS[after], 6
    return (2000 + value, 4 + taken) if value < 100 else None


def _figures(words: list[str]) -> list[str]:
    """Numbers written in words as figures ("mười bốn" → 14, "nửa triệu" → 500 nghìn), and
    "phần trăm" after a figure dropped as "%" is."""
    out: list[str] = []
    i = 0
    while i < len(words):
        previous = out[-1] if out else ""
        if (year := _year(words, i)) is not None:
            out.append(str(year[0]))
            i += year[1]
            continue
        found = _spelled(words, i) if previous != "phan" else None
        if found is not None:
            value, taken = found
            following = words[i + taken] if i + taken < len(words) else ""
            # "tháng sau" is next month far more often than June.
            after_word = previous in _TAKES_FIGURE and words[i] != "sau"
            if taken > 1 or following in _COUNTED or after_word:
                if value == 500_000:
                    out.extend(("500", "nghin"))
                else:
                    out.append(str(value))
                i += taken
                continue
        if previous.isdigit() and tuple(words[i : i + 2]) in _PERCENT:
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


def _thousands(match: re.Match[str]) -> str:
    value = int(match.group(1).replace(".", ""))
    if value % 1_000_000 == 0:
        return f"{value // 1_000_000} triệu"
    if value % 1_000 == 0:
        return f"{value // 1_000} nghìn"
    return match.group(0)


def _rewrite(words: list[str], known: lexicon.Lexicon) -> list[str]:
    """Filler phrases dropped and equivalent phrases written in their first form, longest
    phrase first, left to right."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for form, canonical in known.phrases.get(words[i], ()):
            if tuple(words[i : i + len(form)]) == form:
                out.extend(canonical)
                i += len(form)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def normalize(text: str) -> list[str]:
    """Folded, teencode-expanded words in order, equivalent phrases rewritten to one form.
    "Hoà"/"hòa"/"hoa" all give "hoa"; "ko dc" gives "khong duoc"; "CA" gives "cong an". Links
    keep only their host, which is often the telling part. Claims and messages both pass here,
    so whatever the lexicon says applies to both alike."""
    known = lexicon.current()
    text = _URL.sub(lambda m: " " + _host(m.group(0)) + " ", text)
    text = known.capitals_pattern.sub(lambda m: f" {known.capitals[m.group(1)]} ", text)
    text = _THOUSANDS.sub(_thousands, text)
    words: list[str] = []
    previous = ""
    for word in fold(text).split():
        words.extend(_token(word, previous, known))
        previous = word
    return _rewrite(_figures(words), known)


def _host(url: str) -> str:
    bare = re.sub(r"^(https?://)?(www\.)?", "", url, flags=re.IGNORECASE)
    return bare.split("/", 1)[0]


def search_text(*parts: str) -> str:
    """What the index stores for a claim (and its tags)."""
    return " ".join(word for part in parts for word in normalize(part))


def content_terms(words: Iterable[str]) -> set[str]:
    stop = lexicon.current().stopwords
    return {w for w in words if w not in stop and len(w) > 1 and len(w) <= 64}


def bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


type Member = tuple[str, str]

# Per lexicon (its fingerprint): first word → (normalised form, (class, member)), longest first.
_slot_forms: dict[str, Mapping[str, tuple[tuple[tuple[str, ...], Member], ...]]] = {}


def _slot_index() -> Mapping[str, tuple[tuple[tuple[str, ...], Member], ...]]:
    known = lexicon.current()
    index = _slot_forms.get(known.fingerprint)
    if index is None:
        by_first: dict[str, list[tuple[tuple[str, ...], Member]]] = {}
        for name, members in known.classes.items():
            for forms in members:
                member = (name, " ".join(forms[0]))
                for form in forms:
                    # Written as a message would be, so "bằng lái" is the licence.
                    words = tuple(normalize(" ".join(form)))
                    if words:
                        by_first.setdefault(words[0], []).append((words, member))
        index = {
            first: tuple(sorted(items, key=lambda item: (-len(item[0]), item[0])))
            for first, items in by_first.items()
        }
        _slot_forms[known.fingerprint] = index
    return index


def slot_members(words: Sequence[str]) -> frozenset[Member]:
    """The (class, member) pairs that normalised words name, from content/matching/classes.yaml:
    "giá nước" names ("utilities", "nước"), "bằng lái" ("documents", "giấy phép lái xe"). The
    longest form wins, left to right."""
    index = _slot_index()
    found: set[Member] = set()
    i = 0
    while i < len(words):
        for form, member in index.get(words[i], ()):
            if tuple(words[i : i + len(form)]) == form:
                found.add(member)
                i += len(form)
                break
        else:
            i += 1
    return frozenset(found)
