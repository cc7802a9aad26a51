"""Put the fragments of a visual-order line back in reading order.

An extractor that emits a right-to-left line in *visual* order writes the page's text
fragments from left to right: their order is mirrored while each fragment's inside is
usually intact. A fragment is a word or a run of words; a wide gap (two or more spaces)
always ends one, and a change of direction (Hebrew next to a number or Latin) or a lone
punctuation mark does too. A single space between two Hebrew words is the hard case: the
same line may hold a multi-word fragment in logical order beside two one-word fragments
that the extractor glued with one space.

We decide every such gap by search. A hypothesis is a segmentation into fragments; its
reading is the fragments in reverse order. An exact dynamic programme finds the reading
with the best word-order score (``WordModel.pair`` over all neighbour pairs, plus the pairs
with the neighbouring lines), and the caller compares it with leaving the line alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from textrepair.tokens import has_hebrew, is_latin, is_number, split_punct

BOUNDARY = 1  # the gap certainly separates two fragments
INTERNAL = 2  # the gap certainly lies inside a fragment (a left-to-right run)
OPEN = 0  # decide by the word model

PairScore = Callable[[str, str], float]
_FRAGMENT_WORD_COST = 0.4


class Reading(NamedTuple):
    """A candidate reading order: the tokens in logical order and its score."""

    tokens: list[str]
    score: float
    boundaries: frozenset[int]


def _is_ltr(token: str) -> bool:
    core = split_punct(token)[1]
    return bool(core) and (is_number(core) or is_latin(core))


def _is_mark(token: str) -> bool:
    """Punctuation alone, or a lone letter (a drop cap or a split-off prefix)."""
    core = split_punct(token)[1]
    return len(core) <= 1


def gap_kinds(tokens: Sequence[str], gaps: Sequence[int]) -> list[int]:
    """Classify each gap as BOUNDARY, INTERNAL or OPEN from what stands on its two sides."""
    kinds = []
    for i, width in enumerate(gaps):
        a, b = tokens[i], tokens[i + 1]
        ltr_a, ltr_b = _is_ltr(a), _is_ltr(b)
        if ltr_a and ltr_b and width == 1:
            kinds.append(INTERNAL)
        elif width >= 2 or ltr_a != ltr_b or _is_mark(a) or _is_mark(b):
            kinds.append(BOUNDARY)
        elif has_hebrew(a) and has_hebrew(b):
            kinds.append(OPEN)
        else:
            kinds.append(BOUNDARY)
    return kinds


def best_reading(
    tokens: Sequence[str],
    kinds: Sequence[int],
    pair: PairScore,
    open_prior: Sequence[float],
    before: str | None = None,
    after: str | None = None,
    narrow_first: float = 0.0,
) -> Reading:
    """The highest-scoring reading that treats the line as visual fragments.

    ``open_prior[i]`` is the log-odds that open gap ``i`` is a boundary. ``before`` and
    ``after`` are the neighbouring lines' last and first words, when known, so that the
    reading's first and last words are scored against what surrounds them.
    ``narrow_first`` is added when the leftmost fragment ends at a single space: some
    extractors glue the line's last fragment to its neighbour with one space only.
    """
    n = len(tokens)
    inner = [pair(tokens[i], tokens[i + 1]) for i in range(n - 1)]
    # best[(s, e)]: best score of everything read after fragment tokens[s..e].
    memo: dict[tuple[int, int], tuple[float, int]] = {}

    def starts(end: int) -> range:
        """Valid starts of a fragment ending at ``end``: stop at a certain boundary."""
        s = end
        while s > 0 and kinds[s - 1] != BOUNDARY:
            s -= 1
        return range(end, s - 1, -1)

    def frag_score(s: int, e: int) -> float:
        total = sum(inner[s:e])
        if s > 0 and kinds[s - 1] == OPEN:
            total += open_prior[s - 1]
        return total

    def rest(s: int, e: int) -> tuple[float, int]:
        key = (s, e)
        hit = memo.get(key)
        if hit is not None:
            return hit
        if s == 0:
            score = pair(tokens[e], after) if after else 0.0
            if e < n - 1 and kinds[e] == OPEN:
                # Short fragments are likelier than long ones: each word more costs.
                score += narrow_first - _FRAGMENT_WORD_COST * e
            result = (score, -1)
        else:
            result = (float("-inf"), -1)
            for s2 in starts(s - 1):
                if s2 > 0 and kinds[s2 - 1] == INTERNAL:
                    continue
                sc = frag_score(s2, s - 1) + pair(tokens[e], tokens[s2]) + rest(s2, s - 1)[0]
                if sc > result[0]:
                    result = (sc, s2)
        memo[key] = result
        return result

    best = (float("-inf"), -1)
    for s in starts(n - 1):
        if s > 0 and kinds[s - 1] == INTERNAL:
            continue
        sc = frag_score(s, n - 1) + rest(s, n - 1)[0]
        if before:
            sc += pair(before, tokens[s])
        if sc > best[0]:
            best = (sc, s)
    out: list[str] = []
    bounds: set[int] = set()
    s, e = best[1], n - 1
    while s >= 0:
        out.extend(tokens[s : e + 1])
        if s > 0:
            bounds.add(s - 1)
        s, e = rest(s, e)[1], s - 1
    return Reading(out, best[0], frozenset(bounds))


def identity_score(
    tokens: Sequence[str], pair: PairScore, before: str | None, after: str | None
) -> float:
    """Score of reading the line as it stands (already logical)."""
    total = sum(pair(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1))
    if before:
        total += pair(before, tokens[0])
    if after:
        total += pair(tokens[-1], after)
    return total
