"""The re-ranker: how alike a resident's message and each candidate claim are, as a calibrated
probability that the claim is the one the message is about, and the rule that decides between a
direct answer, "Có phải tin này không?" (a suggestion to confirm), a short list, or nothing.

Features, each in a fixed range so the weights below stay readable:
- cover: the IDF-weighted share of the claim's words found in the message (a misspelt word
  close enough by character similarity counts most of the way);
- pairs: the share of the claim's word pairs found in the message ("công an" is not "an toàn");
- reach: the IDF-weighted share of the message's known words the claim has (a short question
  that is all about this claim, not a long post that mentions it in passing);
- fuzz: character similarity of the whole texts (rapidfuzz's token-set ratio);
- bm25: the claim's BM25 score for the message's words, as a share of the best candidate's;
- bm25 lead and cover lead: how far the claim is ahead of (or behind) the best other candidate
  on those two, so that a claim far ahead of everything else is trusted more;
- place and place conflict: the message and the claim name places that meet, or places that
  never meet (a claim about Vân Đồn does not answer a message about Móng Cái: it is never
  answered directly or suggested, only listed). Place names are compared by the place they
  name, not by their letters, so they are left out of the word features above;
- number: +1 when both name the same number, -1 when both name numbers and none is shared
  ("cấp 17" is not "cấp 12");
- distractor: how much better the message fits what sets a same-topic neighbour apart than what
  sets this claim apart.

Apart from the score, a claim the message contradicts is never answered directly (it may still
be suggested or listed): the same kind of number in the same place of the sentence with another
value ("bão số 4" against "bão số 3", "ngày 25/7" against "ngày 20/7/2025", "6 triệu" against
"1 triệu"), each naming a place the other's places never meet ("Vân Đồn – Móng Cái" against
"Hạ Long – Vân Đồn"), or each naming a thing of one class that the other does not (content/
matching/classes.yaml: "giá nước" against "giá điện", "thẻ BHYT" against "giấy phép lái xe").
A message that changes one detail of a claim and keeps the rest says most
of the claim, so nothing in the score tells it apart.

Pure functions, no database. A wrong verdict presented as an answer is the worst outcome, so the
thresholds were chosen on the benchmark's development set to keep direct answers exact.
"""

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.services import matching, place_names

# Logistic weights over the features (bias first), fitted on the development set by
# `python -m bench.rumor_match --fit`.
WEIGHTS: Mapping[str, float] = {
    "bias": -3.93,
    "cover": 0.67,
    "pairs": 3.25,
    "reach": 0.57,
    "fuzz": 0.47,
    "bm25": 1.11,
    "bm25_lead": 8.23,
    "cover_lead": 1.1,
    "place": 1.53,
    "place_conflict": -2.61,
    "number": 1.7,
    "distractor": -1.45,
}
CANDIDATE_SCORE = 0.05
SUGGEST_SCORE = 0.4
SUGGEST_MARGIN = 0.2
DIRECT_SCORE = 0.94
DIRECT_MARGIN = 0.3
# However far ahead of the others, a claim is answered directly only when the message says at
# least this much of it: in a small library a lone claim about abductions is far ahead of
# everything for a message that just says "bắt cóc", and a message about a water cut in Bình Liêu
# shares only the place, "nước" and "chợ" with a claim about drownings at Bình Liêu's market.
DIRECT_COVER = 0.275
MAX_CANDIDATES = 3
# A misspelt word counts when its characters are this close (0-100) to a claim word.
FUZZY_WORD = 84
FUZZY_CREDIT = 0.8
FUZZY_MIN_LENGTH = 4
BM25_K1 = 1.2
BM25_B = 0.75
# Claims sharing this IDF-weighted share of words are same-topic neighbours.
NEIGHBOUR = 0.3
CONTENDERS = 8
MIN_CONTENDER_COVER = 0.2


@dataclass(frozen=True)
class Figure:
    """Numbers written together ("14/3/2026" is 14 3 2026) and the words around them."""

    before: str
    values: tuple[str, ...]
    after: str


@dataclass(frozen=True)
class Text:
    """A message or a claim, analysed once."""

    words: tuple[str, ...]
    # Content words: `terms` all of them (what the index looks up), `topic` those not naming a
    # place, which are compared by what place they name rather than by their letters.
    terms: frozenset[str]
    topic: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    places: frozenset[str]
    joined: str
    figures: tuple[Figure, ...]
    # Each place name's keys, one set a name.
    mentions: tuple[frozenset[str], ...]
    counts: Mapping[str, int]
    # The members of word classes it names (see matching.slot_members).
    slots: frozenset[matching.Member] = frozenset()


def analyse(text: str, provinces: tuple[int, ...]) -> Text:
    return _analysed(tuple(matching.normalize(text)), provinces)


@lru_cache(maxsize=20_000)
def analyse_claim(claim: str, provinces: tuple[int, ...]) -> Text:
    """Claims are re-ranked on every lookup; their analysis is worth remembering."""
    return analyse(claim, provinces)


def _analysed(words: tuple[str, ...], provinces: tuple[int, ...]) -> Text:
    spans = place_names.gazetteer(provinces).spans(words)
    in_names = {i for start, end, _ in spans for i in range(start, end)}
    return Text(
        words=words,
        terms=frozenset(matching.content_terms(words)),
        topic=frozenset(
            matching.content_terms(w for i, w in enumerate(words) if i not in in_names)
        ),
        pairs=frozenset(matching.bigrams(words)),
        numbers=frozenset(w for w in words if w.isdigit()),
        places=frozenset(key for _, _, keys in spans for key in keys),
        joined=" ".join(words),
        counts=Counter(words),
        figures=_figures(words),
        mentions=tuple(keys for _, _, keys in spans),
        slots=matching.slot_members(words),
    )


def _figures(words: Sequence[str]) -> tuple[Figure, ...]:
    found = []
    i = 0
    while i < len(words):
        if not words[i].isdigit():
            i += 1
            continue
        end = i
        while end < len(words) and words[end].isdigit():
            end += 1
        before = words[i - 1] if i else ""
        after = words[end] if end < len(words) else ""
        found.append(Figure(before, tuple(words[i:end]), after))
        i = end
    return tuple(found)


def _comparable(a: Figure, b: Figure) -> bool:
    """Two figures say the same kind of thing: a lone number after the same word and before the
    same word (or the end), or dates of three parts, or runs of numbers after or before the
    same word."""
    single_a, single_b = len(a.values) == 1, len(b.values) == 1
    if single_a != single_b:
        return False
    if single_a:
        return bool(
            (
                a.before
                and a.before == b.before
                and (a.after == b.after or not a.after or not b.after)
            )
            or (a.after and a.after == b.after and (not a.before or not b.before))
        )
    if len(a.values) >= 3 and len(b.values) >= 3:
        return True
    return bool((a.before and a.before == b.before) or (a.after and a.after == b.after))


def _agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Figures agree when they share a run of two numbers, or one when either is a lone number:
    "14/3" agrees with "14/3/2026", "tháng 5" with "tháng 5/2025"."""
    need = min(2, len(a), len(b))
    return any(
        a[i : i + need] == b[j : j + need]
        for i in range(len(a) - need + 1)
        for j in range(len(b) - need + 1)
    )


def _figures_clash(message: Text, claim: Text) -> bool:
    for figure in message.figures:
        comparable = [other for other in claim.figures if _comparable(figure, other)]
        if comparable and not any(_agree(figure.values, other.values) for other in comparable):
            return True
    return False


def _places_clash(message: Text, claim: Text) -> bool:
    def alone(names: Sequence[frozenset[str]], others: Sequence[frozenset[str]]) -> bool:
        return any(all(place_names.agreement(n, o) < 0 for o in others) for n in names)

    return bool(message.mentions and claim.mentions) and (
        alone(message.mentions, claim.mentions) and alone(claim.mentions, message.mentions)
    )


def _slots_clash(message: Text, claim: Text) -> bool:
    """In some class of things that fill the same slot, the message names a member the claim
    does not, and the claim one the message does not: "giá nước" against "giá điện"."""
    for name in {name for name, _ in message.slots}:
        said = {member for n, member in message.slots if n == name}
        meant = {member for n, member in claim.slots if n == name}
        if said - meant and meant - said:
            return True
    return False


# A resident asking where or how to do something ("đăng ký tạm trú làm ở đâu", "làm thế nào").
_HOW_OR_WHERE = (("o", "dau"), ("the", "nao"), ("lam", "sao"))


def _asks_how(message: Text) -> bool:
    return any(pair in message.pairs for pair in _HOW_OR_WHERE)


def _procedure_for_figure(message: Text, claim: Text) -> bool:
    """The message asks where or how to do something and names no figure; the claim states a
    figure (a fine, a date): it asks about the procedure, not about the claim."""
    return bool(claim.figures) and not message.figures and _asks_how(message)


def contradicts(message: Text, claim: Text) -> bool:
    """The message names a figure, a place or a thing in the claim's stead, or asks how to do
    what the claim puts a figure on (see the module's notes)."""
    return (
        _figures_clash(message, claim)
        or _places_clash(message, claim)
        or _slots_clash(message, claim)
        or _procedure_for_figure(message, claim)
    )


@dataclass(frozen=True)
class Scored:
    id: int
    score: float
    # The message and the claim name places that never meet: never answered or suggested.
    conflict: bool = False
    # The share of the claim's words (by rarity) that the message has.
    cover: float = 1.0
    # BM25 for the message's words, place names included: how a plain word search ranks it.
    words: float = 0.0
    # The message names a figure or a place instead of the claim's: never answered directly.
    contradicted: bool = False


@dataclass(frozen=True)
class Decision:
    """Up to three candidates, best first; `direct` when the best may be answered outright,
    `suggested` when it is clearly ahead but should be confirmed by the resident."""

    candidates: tuple[Scored, ...]
    direct: Scored | None = None
    suggested: Scored | None = None


class Idf:
    """Word rarity in the library (BM25's IDF), every known word's computed once: the re-ranker
    asks for it about a hundred thousand times a second."""

    def __init__(self, docs: Mapping[str, int], total: int) -> None:
        self.docs, self.total = docs, max(total, 1)
        self.weights = {term: self._weight(df) for term, df in docs.items()}
        self.unknown = self._weight(0)

    def _weight(self, df: int) -> float:
        return math.log(1 + (self.total - df + 0.5) / (df + 0.5))

    def __call__(self, term: str) -> float:
        return self.weights.get(term, self.unknown)

    def sum(self, terms: Iterable[str]) -> float:
        get, unknown = self.weights.get, self.unknown
        return sum(get(t, unknown) for t in terms)

    def share(self, found: set[str] | frozenset[str], of: set[str] | frozenset[str]) -> float:
        total = self.sum(of)
        return self.sum(found & of) / total if total else 0.0


def _cover(message: Text, claim: Text, idf: Idf) -> float:
    if not claim.topic:
        return 0.0
    got = 0.0
    total = 0.0
    for term in claim.topic:
        weight = idf(term)
        total += weight
        if term in message.terms:
            got += weight
        elif len(term) >= FUZZY_MIN_LENGTH and not term.isdigit() and message.topic:
            close = process.extractOne(
                term, message.topic, scorer=fuzz.ratio, score_cutoff=FUZZY_WORD
            )
            if close is not None:
                got += FUZZY_CREDIT * weight
    return got / total


def _reach(message: Text, claim: Text, idf: Idf) -> float:
    known = {t for t in message.topic if idf.docs.get(t, 0) > 0}
    return idf.share(set(claim.words), known) if known else 0.0


def _agreement(a: frozenset[str], b: frozenset[str]) -> float:
    return float(place_names.agreement(a, b))


def features(message: Text, claim: Text, idf: Idf) -> dict[str, float]:
    return {
        "cover": _cover(message, claim, idf),
        "pairs": len(claim.pairs & message.pairs) / len(claim.pairs) if claim.pairs else 0.0,
        "reach": _reach(message, claim, idf),
        "fuzz": fuzz.token_set_ratio(message.joined, claim.joined) / 100,
        "bm25": 0.0,
        "bm25_lead": 0.0,
        "cover_lead": 0.0,
        "place": float(place_names.agreement(message.places, claim.places) > 0),
        "place_conflict": float(place_names.agreement(message.places, claim.places) < 0),
        "number": _agreement(message.numbers, claim.numbers),
        "distractor": 0.0,
    }


def bm25(
    message: Text, claims: Mapping[int, Text], idf: Idf, places: bool = False
) -> dict[int, float]:
    """Each claim's BM25 score for the message's words (it needs only their rarity); with
    `places`, place names count as words too."""
    average = sum(len(c.words) for c in claims.values()) / max(len(claims), 1) or 1.0
    scores = {}
    for i, claim in claims.items():
        norm = BM25_K1 * (1 - BM25_B + BM25_B * len(claim.words) / average)
        total = 0.0
        for term in message.terms if places else message.topic:
            tf = claim.counts.get(term, 0)
            if tf:
                total += idf(term) * tf * (BM25_K1 + 1) / (tf + norm)
        scores[i] = total
    return scores


def _distractor(message: Text, claim: Text, others: Sequence[Text], idf: Idf) -> float:
    """How much more of what sets a same-topic neighbour apart the message contains than of
    what sets this claim apart (0 when no neighbour fits it better)."""
    worst = 0.0
    said = message.terms
    for other in others:
        if other is claim or idf.share(claim.topic, other.topic) < NEIGHBOUR:
            continue
        own = claim.topic - other.topic
        theirs = other.topic - claim.topic
        if not theirs:
            continue
        gap = idf.share(said, theirs) - (idf.share(said, own) if own else 0.0)
        worst = max(worst, gap)
    return worst


def probability(values: Mapping[str, float], weights: Mapping[str, float] = WEIGHTS) -> float:
    z = weights["bias"] + sum(weights[name] * value for name, value in values.items())
    return 1 / (1 + math.exp(-z))


def rank_features(
    message: Text, claims: Mapping[int, Text], idf: Idf
) -> dict[int, dict[str, float]]:
    """Every candidate's features, the distractor included (it needs the other candidates)."""
    result = {i: features(message, claim, idf) for i, claim in claims.items()}
    if not result:
        return result
    scores = bm25(message, claims, idf)
    top = max(scores.values()) or 1.0
    for i, value in scores.items():
        result[i]["bm25"] = value / top
    _leads(result, "bm25")
    _leads(result, "cover")
    # Only the claims the message most plausibly means push each other aside.
    best = sorted(result, key=lambda i: -result[i]["cover"])[:CONTENDERS]
    contenders = [claims[i] for i in best if result[i]["cover"] >= MIN_CONTENDER_COVER]
    for i in best:
        result[i]["distractor"] = _distractor(message, claims[i], contenders, idf)
    return result


def _leads(result: dict[int, dict[str, float]], name: str) -> None:
    """Each candidate's lead on `name` over the best of the others (negative when behind)."""
    ordered = sorted((f[name] for f in result.values()), reverse=True)
    first, second = ordered[0], ordered[1] if len(ordered) > 1 else 0.0
    for values in result.values():
        best_other = second if values[name] == first else first
        values[f"{name}_lead"] = values[name] - best_other


def rank(message: Text, claims: Mapping[int, Text], idf: Idf) -> list[Scored]:
    ranked = rank_features(message, claims, idf)
    lexical = bm25(message, claims, idf, places=True)
    return [
        Scored(
            i,
            round(probability(f), 4),
            f["place_conflict"] > 0,
            round(f["cover"], 4),
            round(lexical[i], 4),
            contradicts(message, claims[i]),
        )
        for i, f in ranked.items()
    ]


def _shown(ordered: Sequence[Scored], ranked: Sequence[Scored]) -> tuple[Scored, ...]:
    """The re-ranker's best candidates above the floor, with the last place kept for the best
    by plain word search that is not among them: when the re-ranker is wrong about a message
    it is usually about one written in words it weighs differently, and a list is only as good
    as the right claim being in it."""
    shown = [s for s in ordered[: MAX_CANDIDATES - 1] if s.score >= CANDIDATE_SCORE]
    if not shown:
        return ()
    by_words = sorted(ranked, key=lambda s: (-s.words, s.id))
    listed = {s.id for s in shown}
    extra = next((s for s in by_words if s.id not in listed and s.words > 0), None)
    if extra is not None:
        shown.append(extra)
    elif len(ordered) >= MAX_CANDIDATES and ordered[MAX_CANDIDATES - 1].score >= CANDIDATE_SCORE:
        shown.append(ordered[MAX_CANDIDATES - 1])
    return tuple(shown)


def decide(ranked: Sequence[Scored]) -> Decision:
    ordered = sorted(ranked, key=lambda s: (-s.score, s.id))
    shown = _shown(ordered, ranked)
    if not shown:
        return Decision(())
    best = shown[0]
    lead = best.score - (ordered[1].score if len(ordered) > 1 else 0.0)
    if best.conflict:
        return Decision(shown)
    if (
        best.score >= DIRECT_SCORE
        and lead >= DIRECT_MARGIN
        and best.cover >= DIRECT_COVER
        and not best.contradicted
    ):
        return Decision(shown, direct=best)
    if best.score >= SUGGEST_SCORE and lead >= SUGGEST_MARGIN:
        return Decision(shown, suggested=best)
    return Decision(shown)
