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


_LTR, _MARK, _HEBREW, _OTHER = range(4)


def _token_kind(token: str) -> int:
    """What a token is for fragment boundaries: LTR run, mark, Hebrew word or other.

    A mark is punctuation alone or a lone letter (a drop cap or a split-off prefix).
    """
    core = split_punct(token)[1]
    if core and (is_number(core) or is_latin(core)):
        return _LTR
    if len(core) <= 1:
        return _MARK
    return _HEBREW if has_hebrew(token) else _OTHER


def gap_kinds(tokens: Sequence[str], gaps: Sequence[int]) -> list[int]:
    """Classify each gap as BOUNDARY, INTERNAL or OPEN from what stands on its two sides."""
    kind = [_token_kind(t) for t in tokens]
    out = []
    for i, width in enumerate(gaps):
        a, b = kind[i], kind[i + 1]
        if a == b == _LTR and width == 1:
            out.append(INTERNAL)
        elif width == 1 and a == b == _HEBREW:
            out.append(OPEN)
        else:
            out.append(BOUNDARY)
    return out


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

    The search runs right to left over the line, which is reading order: ``best[e][s]`` is
    the best score of reading everything right of ``s`` and then the fragment ``s..e``.
    A fragment never spans a certain boundary, so long lines with many wide gaps cost
    little; a run of open gaps costs cubic time in its length, and such runs are short.
    """
    n = len(tokens)
    # prefix[i]: sum of the inner pairs tokens[0..i]; a fragment s..e scores the pairs inside.
    prefix = [0.0]
    for i in range(n - 1):
        prefix.append(prefix[-1] + pair(tokens[i], tokens[i + 1]))
    # lo[e]: the leftmost start a fragment ending at e may have (stop at a certain boundary).
    lo = [0] * n
    for e in range(1, n):
        lo[e] = lo[e - 1] if kinds[e - 1] != BOUNDARY else e
    can_start = [s == 0 or kinds[s - 1] != INTERNAL for s in range(n)]
    entry = [(open_prior[s - 1] if s > 0 and kinds[s - 1] == OPEN else 0.0) for s in range(n)]
    ninf = float("-inf")
    joins: dict[tuple[int, int], float] = {}
    # best[e]: {s: (score, e_prev)} for fragment s..e read after the fragment ending at e_prev.
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(n)]
    for s in range(n - 1, lo[n - 1] - 1, -1):
        if can_start[s]:
            sc = prefix[n - 1] - prefix[s] + entry[s]
            if before:
                sc += pair(before, tokens[s])
            best[n - 1][s] = (sc, -1)
    for e in range(n - 2, -1, -1):
        # Fragments ending at e follow (in reading order) one that starts at e + 1.
        prev = [(hit[0], ep) for ep in range(e + 1, n) if (hit := best[ep].get(e + 1))]
        if not prev:
            continue
        for s in range(e, lo[e] - 1, -1):
            if not can_start[s]:
                continue
            first = tokens[s]
            top, arg = ninf, -1
            for sc, ep in prev:
                j = joins.get((ep, s))
                if j is None:
                    j = joins[(ep, s)] = pair(tokens[ep], first)
                v = sc + j
                if v > top:
                    top, arg = v, ep
            best[e][s] = (top + prefix[e] - prefix[s] + entry[s], arg)
    final_s, final_e, final = -1, -1, ninf
    for e in range(n):
        hit = best[e].get(0)
        if hit is None:
            continue
        sc = hit[0]
        if after:
            sc += pair(tokens[e], after)
        if e < n - 1 and kinds[e] == OPEN:
            # Short fragments are likelier than long ones: each word more costs.
            sc += narrow_first - _FRAGMENT_WORD_COST * e
        if sc > final:
            final_s, final_e, final = 0, e, sc
    out: list[str] = []
    bounds: set[int] = set()
    s, e = final_s, final_e
    chain: list[tuple[int, int]] = []
    while e >= 0:
        chain.append((s, e))
        e_prev = best[e][s][1]
        if e_prev < 0:
            break
        s, e = e + 1, e_prev
    for s, e in reversed(chain):
        out.extend(tokens[s : e + 1])
        if s > 0:
            bounds.add(s - 1)
    return Reading(out, final, frozenset(bounds))


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
