"""How a resident's message is compared with fact-check claims: normalisation (folding, tone
placement, teencode), the terms a database query looks for, and the re-ranking of candidates.

Pure functions, no database: the index (bot/services/factcheck_index.py) fetches candidates and
document frequencies, this module decides how alike they are and whether we may answer directly.
A wrong verdict presented as a match is the worst outcome, so a direct answer needs a claim that
is almost entirely present in the message and clearly ahead of the runner-up.
"""

import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.services.text import fold

# Teencode and abbreviations, folded (no diacritics). A value may be several words.
TEENCODE: Mapping[str, str] = {
    "ko": "khong",
    "k": "khong",
    "kh": "khong",
    "khg": "khong",
    "kg": "khong",
    "hok": "khong",
    "hk": "khong",
    "hem": "khong",
    "dc": "duoc",
    "dk": "duoc",
    "ck": "chong chuyen khoan",  # chồng, or chuyển khoản (a transfer): both, let the claim decide
    "vk": "vo",
    "j": "gi",
    "r": "roi",
    "ns": "noi",
    "bn": "ban",
    "mn": "moi nguoi",
    "mng": "moi nguoi",
    "ng": "nguoi",
    "ngta": "nguoi ta",
    "vs": "voi",
    "ntn": "nhu the nao",
    "trc": "truoc",
    "ms": "moi",
    "cx": "cung",
    "cg": "cung",
    "nc": "nuoc",
    "nt": "nhan tin",
    "sdt": "so dien thoai",
    "dt": "dien thoai",
    "tk": "tai khoan",
    "stk": "so tai khoan",
    "csgt": "canh sat giao thong",
    "tp": "thanh pho",
    "tq": "trung quoc",
    "vn": "viet nam",
    "fb": "facebook",
    "nhiu": "nhieu",
    "bik": "biet",
    "bit": "biet",
    "thui": "thoi",
    "wa": "qua",
    "z": "vay",
    "v": "vay",
    "zay": "vay",
    "oy": "roi",
    "lun": "luon",
    "hum": "hom",
    "kq": "ket qua",
    "tt": "thong tin",
    "ubnd": "uy ban nhan dan",
    "atgt": "an toan giao thong",
    "pccc": "phong chay chua chay",
}

# Function words that carry no topic: never used to look a claim up, never counted as evidence.
STOPWORDS = frozenset(
    [
        "a",
        "ah",
        "a",
        "oi",
        "o",
        "ma",
        "la",
        "va",
        "cua",
        "co",
        "cac",
        "nhung",
        "mot",
        "thi",
        "nay",
        "do",
        "day",
        "kia",
        "ay",
        "no",
        "ho",
        "minh",
        "toi",
        "tao",
        "may",
        "ban",
        "oi",
        "nhe",
        "nha",
        "nhi",
        "ha",
        "hay",
        "hoac",
        "voi",
        "cho",
        "tu",
        "den",
        "tai",
        "trong",
        "ngoai",
        "tren",
        "duoi",
        "ra",
        "vao",
        "len",
        "xuong",
        "roi",
        "da",
        "dang",
        "se",
        "van",
        "cung",
        "chi",
        "moi",
        "rat",
        "qua",
        "lam",
        "nua",
        "luon",
        "thoi",
        "vay",
        "the",
        "gi",
        "sao",
        "nao",
        "ai",
        "dau",
        "bao",
        "nhieu",
        "duoc",
        "bi",
        "khi",
        "neu",
        "vi",
        "nen",
        "de",
        "ca",
        "chu",
        "chua",
        "con",
        "lai",
        "theo",
        "ve",
        "nhu",
        "hon",
        "cai",
        "chiec",
        "nguoi",
        "oi",
        "ui",
        "uh",
        "um",
        "ok",
        "okay",
        "nghe",
        "noi",
        "share",
        "chia",
        "se",
        "xem",
        "doc",
        "thay",
        "biet",
        "hom",
        "nay",
        "qua",
        "mai",
        "sang",
        "chieu",
        "toi",
        "dem",
        "ngay",
    ]
)

# Capitals that are abbreviations only when capitalised: "CA" is công an, "cả" folds to "ca".
_CAPITAL_ABBREVIATIONS = re.compile(r"\b(CA|CAX|CAH)\b")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_REPEATS = re.compile(r"(.)\1{2,}")
# Letters Vietnamese spelling does not use, written for ones it does (f → ph, w → qu, j → gi).
_LETTER_SWAPS = (("f", "ph"), ("w", "qu"), ("j", "gi"))

DIRECT_SCORE = 0.82
DIRECT_MARGIN = 0.2
CANDIDATE_SCORE = 0.3
MAX_CANDIDATES = 3
QUERY_TERMS = 12


def _token(word: str) -> str:
    word = _REPEATS.sub(r"\1", word)
    if word in TEENCODE:
        return TEENCODE[word]
    if not word.isalpha():
        return word
    for written, meant in _LETTER_SWAPS:
        if word.startswith(written):
            return meant + word[len(written) :]
    return word


def normalize(text: str) -> list[str]:
    """Folded, teencode-expanded words in order. "Hoà"/"hòa"/"hoa" all give "hoa"; "ko dc"
    gives "khong duoc". Links keep only their host, which is often the telling part."""
    text = _URL.sub(lambda m: " " + _host(m.group(0)) + " ", text)
    text = _CAPITAL_ABBREVIATIONS.sub(" công an ", text)
    words: list[str] = []
    for word in fold(text).split():
        words.extend(_token(word).split())
    return words


def _host(url: str) -> str:
    bare = re.sub(r"^(https?://)?(www\.)?", "", url, flags=re.IGNORECASE)
    return bare.split("/", 1)[0]


def search_text(*parts: str) -> str:
    """What the index stores for a claim (and its tags)."""
    return " ".join(word for part in parts for word in normalize(part))


def content_terms(words: Iterable[str]) -> set[str]:
    return {w for w in words if w not in STOPWORDS and len(w) > 1 and len(w) <= 64}


def bigrams(words: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(words))


def query_terms(words: Sequence[str], docs: Mapping[str, int]) -> list[str]:
    """The rarest terms of a message that occur in the library at all: what the full-text
    query asks for. Unknown terms cannot help, and very common ones only slow the query."""
    known = [t for t in content_terms(words) if docs.get(t, 0) > 0]
    return sorted(known, key=lambda t: (docs[t], t))[:QUERY_TERMS]


@dataclass(frozen=True)
class Scored:
    id: int
    score: float


@dataclass(frozen=True)
class Decision:
    """Up to three candidates, best first; `direct` when the best may be answered outright."""

    candidates: tuple[Scored, ...]
    direct: Scored | None


def idf(term: str, docs: Mapping[str, int], total: int) -> float:
    df = docs.get(term, 0)
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def score(
    message: Sequence[str],
    claim: Sequence[str],
    docs: Mapping[str, int],
    total: int,
) -> float:
    """How much of the claim the message contains: IDF-weighted share of the claim's words,
    blended with the share of its word pairs (Vietnamese words are often two syllables, and
    pairs keep "công an" apart from "an toàn"). Extra chatter in the message costs nothing."""
    claim_terms = content_terms(claim)
    if not claim_terms:
        return 0.0
    message_terms = content_terms(message)
    weights = {t: idf(t, docs, total) for t in claim_terms}
    covered = sum(w for t, w in weights.items() if t in message_terms) / sum(weights.values())
    pairs = bigrams(claim)
    message_pairs = bigrams(message)
    paired = len(pairs & message_pairs) / len(pairs) if pairs else covered
    return round(0.7 * covered + 0.3 * paired, 4)


def decide(ranked: Sequence[Scored]) -> Decision:
    ordered = sorted(ranked, key=lambda s: (-s.score, s.id))
    shown = tuple(s for s in ordered[:MAX_CANDIDATES] if s.score >= CANDIDATE_SCORE)
    if not shown:
        return Decision((), None)
    best = shown[0]
    runner_up = ordered[1].score if len(ordered) > 1 else 0.0
    confident = best.score >= DIRECT_SCORE and best.score - runner_up >= DIRECT_MARGIN
    return Decision(shown, best if confident else None)
