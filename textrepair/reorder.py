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
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from textrepair.tokens import has_hebrew, is_latin, is_number, split_punct, unpointed
from textrepair.wordmodel import WordModel

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


@lru_cache(maxsize=1 << 16)
def _token_kind(token: str) -> int:
    """What a token is for fragment boundaries: LTR run, mark, Hebrew word or other.

    A mark is punctuation alone or a lone letter (a drop cap or a split-off prefix).
    Memoised: running text repeats its tokens, and every line of a visual document is
    classified.
    """
    core = split_punct(token)[1]
    if core and (is_number(core) or is_latin(core)):
        return _LTR
    if len(unpointed(core)) <= 1:
        return _MARK
    return _HEBREW if has_hebrew(token) else _OTHER


def gap_kinds(tokens: Sequence[str], gaps: Sequence[int]) -> list[int]:
    """Classify each gap as BOUNDARY, INTERNAL or OPEN from what stands on its two sides."""
    kind = list(map(_token_kind, tokens))
    if gaps and len(gaps) >= len(kind):
        raise IndexError("a gap needs a token on each side")
    return [
        INTERNAL
        if a == b == _LTR and width == 1
        else OPEN
        if width == 1 and a == b == _HEBREW
        else BOUNDARY
        for a, b, width in zip(kind, kind[1:], gaps, strict=False)
    ]


def _join_rows(
    tokens: Sequence[str], starts: Sequence[int], pair: PairScore
) -> Sequence[Sequence[float]]:
    """``rows[i][j - starts[i]]`` is ``pair(tokens[i], tokens[j])`` for ``starts[i] <= j < i``.

    A model's own :meth:`WordModel.join_rows` when ``pair`` is a model's ``pair``: the
    same floats, much faster than a call per pair, and remembered per line.
    """
    model = getattr(pair, "__self__", None)
    if isinstance(model, WordModel) and getattr(pair, "__func__", None) is WordModel.pair:
        return model.join_rows(tokens, starts)
    return [[pair(tokens[i], b) for b in tokens[lo:i]] for i, lo in enumerate(starts)]


class _Line(NamedTuple):
    """What the search knows of a line before it starts (see :func:`best_reading`).

    ``prefix[i]`` is the sum of the pairs inside ``tokens[0..i]``, so a fragment ``s..e``
    scores ``prefix[e] - prefix[s]``; ``entry[s]`` is the prior of the open gap a fragment
    starting at ``s`` follows; ``lo[e]`` is the start of the block (a run without certain
    boundaries) that holds ``e``: no fragment ending at ``e`` starts before it.
    """

    tokens: Sequence[str]
    kinds: Sequence[int]
    pair: PairScore
    prefix: list[float]
    entry: list[float]
    can_start: list[bool]
    lo: list[int]
    before: str | None
    after: str | None


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

    A fragment never spans a certain boundary nor starts after an internal gap, so with
    no open gap there is one reading only (:func:`_only_reading`); otherwise an exact
    search finds the best (:func:`_search`).
    """
    n = len(tokens)
    if n == 0:
        raise IndexError("best_reading needs at least one token")
    lo = [0] * n
    for e in range(1, n):
        lo[e] = lo[e - 1] if kinds[e - 1] != BOUNDARY else e
    line = _Line(
        tokens,
        kinds,
        pair,
        list(accumulate(map(pair, tokens, tokens[1:]), initial=0.0)),
        [0.0, *(open_prior[i] if k == OPEN else 0.0 for i, k in enumerate(kinds))],
        [True, *(k != INTERNAL for k in kinds)],
        lo,
        before,
        after,
    )
    if OPEN not in kinds:
        return _only_reading(line)
    return _search(line, narrow_first)


def _only_reading(line: _Line) -> Reading:
    """The reading when no gap is open: the blocks between boundaries, right to left.

    Its score is summed exactly as :func:`_search` sums it along the same chain.
    """
    tokens, pair, prefix, entry, lo = line.tokens, line.pair, line.prefix, line.entry, line.lo
    e = len(tokens) - 1
    s = lo[e]
    sc = prefix[e] - prefix[s] + entry[s]
    if line.before:
        sc += pair(line.before, tokens[s])
    out = list(tokens[s:])
    bounds = []
    while s > 0:
        bounds.append(s - 1)
        ep, e = e, s - 1
        s = lo[e]
        sc = sc + pair(tokens[ep], tokens[s]) + prefix[e] - prefix[s] + entry[s]
        out.extend(tokens[s : e + 1])
    if line.after:
        sc += pair(tokens[e], line.after)
    return Reading(out, sc, frozenset(bounds))


class _Tables(NamedTuple):
    """The search's tables: see :func:`_search`."""

    score: list[list[float | None]]
    join: Sequence[Sequence[float]]
    base: list[int]
    end: list[int]


def _search(line: _Line, narrow_first: float) -> Reading:
    """The best reading by dynamic programming over fragments, right to left.

    ``score[e][s - lo[e]]`` is the best score of reading everything right of ``s`` and
    then the fragment ``s..e`` (``None``: no such fragment). The fragments read just
    before ``s..e`` start at ``e + 1`` and end at some ``ep`` in that start's block
    (which ends at ``end[e + 1]``); their join ``pair(tokens[ep], tokens[s])`` is
    ``join[ep][s - base[ep]]``, where ``base[ep]`` is the start of the block before
    ``ep``'s. A run of open gaps costs cubic time in its length, and such runs are short.
    Only scores are kept: :func:`_came_from` recomputes the choice behind a score for
    the few states on the winning chain (the same sums, so the same choice, ties going
    to the first).
    """
    prefix, lo = line.prefix, line.lo
    n = len(line.tokens)
    base = [lo[lo[e] - 1] if lo[e] > 0 else 0 for e in range(n)]
    end = [n - 1] * n
    for i in range(n - 2, -1, -1):
        end[i] = end[i + 1] if lo[i + 1] == lo[i] else i
    join = _join_rows(line.tokens, base, line.pair)
    # The joins of each ep with the starts s >= lo[ep] (fragments in ep's own block).
    inner = [row[lo[ep] - base[ep] :] for ep, row in enumerate(join)]
    starts = list(zip(prefix, line.entry, line.can_start, strict=False))
    score: list[list[float | None]] = [[None] * (e - lo[e] + 1) for e in range(n)]
    score[n - 1] = _last_fragments(line)
    for e in range(n - 2, -1, -1):
        start, lo_e = e + 1, lo[e]
        col, views, stop = start - lo[start], inner if lo[start] == lo_e else join, end[start] + 1
        # The fragments start..ep read just before any s..e: their scores, and their
        # joins with each s (view[s - lo_e]).
        prev = [
            (sc, view)
            for row, view in zip(score[start:stop], views[start:stop], strict=True)
            if (sc := row[col]) is not None
        ]
        if prev:
            score[e] = _fragments_ending(prev, starts[lo_e:start], prefix[e])
    return _pick(line, _Tables(score, join, base, end), narrow_first)


def _fragments_ending(
    prev: list[tuple[float, Sequence[float]]],
    starts: list[tuple[float, float, bool]],
    pe: float,
) -> list[float | None]:
    """Scores of the fragments s..e for each start s, given what may be read before.

    ``starts[k]`` is ``(prefix[s], entry[s], can_start[s])`` for ``s = lo[e] + k``.
    """
    out: list[float | None] = []
    for k, (p, en, ok) in enumerate(starts):
        if not ok:
            out.append(None)
            continue
        top = float("-inf")
        for sc, view in prev:
            v = sc + view[k]
            if v > top:
                top = v
        out.append(top + pe - p + en)
    return out


def _last_fragments(line: _Line) -> list[float | None]:
    """Scores of the fragments that end the line, the first read (after ``before``)."""
    prefix, entry, can_start, before = line.prefix, line.entry, line.can_start, line.before
    tokens, n = line.tokens, len(line.tokens)
    out: list[float | None] = []
    for s in range(line.lo[n - 1], n):
        sc = None
        if can_start[s]:
            sc = prefix[n - 1] - prefix[s] + entry[s]
            if before:
                sc += line.pair(before, tokens[s])
        out.append(sc)
    return out


def _pick(line: _Line, t: _Tables, narrow_first: float) -> Reading:
    """The best complete reading: its last fragment (read last) starts the line."""
    tokens, n = line.tokens, len(line.tokens)
    final_e, final = -1, float("-inf")
    for e in range(t.end[0] + 1):  # a fragment that starts the line ends in its block
        sc = t.score[e][0]
        if sc is None:
            continue
        if line.after:
            sc += line.pair(tokens[e], line.after)
        if e < n - 1 and line.kinds[e] == OPEN:
            # Short fragments are likelier than long ones: each word more costs.
            sc += narrow_first - _FRAGMENT_WORD_COST * e
        if sc > final:
            final_e, final = e, sc
    return _trace(line, t, final_e, final)


def _came_from(line: _Line, t: _Tables, s: int, e: int) -> int:
    """End of the fragment read just before ``s..e``: the first that scores best."""
    start = e + 1
    col = start - line.lo[start]
    top, arg = float("-inf"), -1
    for ep in range(start, t.end[start] + 1):
        sc = t.score[ep][col]
        if sc is not None:
            v = sc + t.join[ep][s - t.base[ep]]
            if v > top:
                top, arg = v, ep
    return arg


def _trace(line: _Line, t: _Tables, final_e: int, final: float) -> Reading:
    """Follow the winning chain from the leftmost fragment back to the rightmost."""
    tokens, n = line.tokens, len(line.tokens)
    chain: list[tuple[int, int]] = []
    s, e = 0, final_e
    while e >= 0:
        chain.append((s, e))
        if e == n - 1:
            break
        s, e = e + 1, _came_from(line, t, s, e)
    out: list[str] = []
    bounds: set[int] = set()
    for s, e in reversed(chain):
        out.extend(tokens[s : e + 1])
        if s > 0:
            bounds.add(s - 1)
    return Reading(out, final, frozenset(bounds))


def identity_score(
    tokens: Sequence[str], pair: PairScore, before: str | None, after: str | None
) -> float:
    """Score of reading the line as it stands (already logical)."""
    total = sum(map(pair, tokens, tokens[1:]))
    if before:
        total += pair(before, tokens[0])
    if after:
        total += pair(tokens[-1], after)
    return total
