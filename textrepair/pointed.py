"""Pointed text repaired as the same text unpointed: points taken off, put back after.

Points (niqqud, cantillation) say nothing about order, and every rule of line repair
reads letters: a regular expression that stops at a point, a lexicon that spells words
without them, a width that counts them. Rather than teach each rule to step over points,
line repair takes them off each line, repairs the plain letters, and gives every letter
of the result the points its letter had in the input. Line repair moves, turns, glues and
cuts words but keeps their letters, so each letter of the result can be traced to one
letter of the input: first whole words (as written or turned), then, for the words a fix
glued or cut, the longest pieces of the input's words left over.

A point beside no letter (OCR's dagesh in a digit) goes with the character it was
written next to. Where a line cannot be traced (a letter the repair dropped carried
points, or a point stands alone between spaces), :func:`put_back` says so and the caller
repairs the text with its points on.
"""

from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher
from typing import NamedTuple

from textrepair.letters import mark_sides
from textrepair.tokens import HEBREW_POINTS

__all__ = ["Stripped", "owners", "points_before", "put_back", "take_off"]

_LETTERS = "\u05d0-\u05ea\u05f0-\u05f2"
_POINTS_RE = re.compile(f"[{HEBREW_POINTS}]+")
_WORD_RE = re.compile(f"[{_LETTERS}]+")


class Stripped(NamedTuple):
    """A line (or a text) with its points (``pointed``) and without (``text``);
    ``before`` tells which side of its letter it writes a point (:func:`points_before`)."""

    pointed: str
    text: str
    before: bool


def points_before(text: str) -> bool:
    """Whether the text writes each letter's points before it: mirrored letter by letter
    with its points (the bidi algorithm's visual order), so that more words start with a
    point than end with one. Logical text, and visual text whose extractor kept each
    point after its letter, write them after."""
    starts, ends = mark_sides(text)
    return starts > ends


def take_off(line: str, before: bool = False) -> Stripped:
    """The line without points (which letter owns each run of them is read only when
    the repair changed the line: :func:`owners`)."""
    return Stripped(line, _POINTS_RE.sub("", line), before)


def owners(stripped: Stripped) -> dict[int, str] | None:
    """The points of each character that has some, by its index in ``stripped.text``
    and in logical order (after it): a run of points belongs to the letter before it,
    or (``before``) the one after it, whose points then read in reverse. ``None`` when
    a point stands alone."""
    line, before = stripped.pointed, stripped.before
    points: dict[int, str] = {}
    removed = 0
    for m in _POINTS_RE.finditer(line):
        start, end = m.span()
        owner = _owner(line, start, end, before, start - removed)
        if owner is None:
            return None
        removed += end - start
        points[owner] = m[0][::-1] if before else m[0]
    return points


def _owner(line: str, start: int, end: int, before: bool, at: int) -> int | None:
    """Index in the unpointed text of the character that owns the points
    ``line[start:end]`` (``at`` is where they were taken out): the letter after them
    (``before``) or before them; a point that stands beside no letter there (OCR's dagesh
    in a digit) goes with the character next to it, one that stands alone with none."""
    behind = line[start - 1] if start else " "
    if not before and not behind.isspace():
        return at - 1
    after = line[end] if end < len(line) else " "
    if not after.isspace():
        return at
    return at - 1 if not behind.isspace() else None


def put_back(
    stripped: Stripped, repaired: str, whole: bool = True, in_order: bool = False
) -> str | None:
    """``repaired`` (line repair's output for ``stripped.text``) with each letter's
    points; ``None`` when some points cannot be traced to a letter of it. With ``whole``
    false, ``repaired`` may be a part of the line (a step of its repair), and takes the
    points of the letters it has. ``in_order``: ``stripped`` is a document and
    ``repaired`` keeps its words in order but for moved lines and blocks (the layout
    stage's output: :func:`_align`)."""
    if repaired == stripped.text:
        return stripped.pointed
    if stripped.text == stripped.pointed:
        return repaired
    points = owners(stripped)
    if points is None:
        return None
    traced = (_align if in_order else _trace)(stripped.text, repaired)
    if traced is None:
        return None
    source, mirrored = traced
    _trace_others(stripped.text, points, repaired, source, mirrored)
    placed = {j: points[i] for j, i in source.items() if i in points}
    if whole and not in_order and len(placed) != len(points):
        return None  # (the layout stage removes lines: their points go with them)
    return "".join(ch + placed.get(j, "") for j, ch in enumerate(repaired))


def _trace(text: str, repaired: str) -> tuple[dict[int, int], bool] | None:
    """For each letter of ``repaired``, the index of the letter of ``text`` it came from;
    and whether the line's order was mirrored.

    Whole words first: those that can only be one input word, as written or turned. They
    show whether the line's words were turned and whether their order was mirrored, which
    decides the rest (a word written twice, a palindrome) by place. Then the words a fix
    glued or cut, from the longest leftover pieces of the input's words."""
    words = [(m.start(), m[0]) for m in _WORD_RE.finditer(text)]
    inside = [_middle(start, w, text) for start, w in words]
    free = [[True] * len(w) for _, w in words]
    source: dict[int, int] = {}
    sure: list[tuple[float, int, bool]] = []  # (place in ``repaired``, input word, turned)
    todo = []
    for m in _WORD_RE.finditer(repaired):
        found = _matches(words, m[0])
        where = _middle(m.start(), m[0], repaired)
        if len(found) == 1 and all(free[found[0][0]]):
            _take(words, free, source, m.start(), *found[0])
            sure.append((where, *found[0]))
        else:
            todo.append((m.start(), m[0], found, where))
    turned = 2 * sum(t for _, _, t in sure) > len(sure)
    moved = sum(abs(inside[k] - (1 - w)) - abs(inside[k] - w) for w, k, _ in sure)
    left = []
    for at, word, found, where in todo:
        goal = 1 - where if moved < 0 else where  # the order mirrored: from the other end
        usable = [(k, t) for k, t in found if all(free[k])]
        if not usable:
            left.append((at, word, goal))
            continue
        k, t = min(usable, key=lambda f: (f[1] != turned, abs(inside[f[0]] - goal)))
        _take(words, free, source, at, k, t)
    for at, word, goal in left:
        if not _pieces(words, free, word, at, source, (turned, goal, len(text), True)):
            return None
    return source, moved < 0


def _align(text: str, repaired: str) -> tuple[dict[int, int], bool] | None:
    """For each letter of ``repaired``, the index of the letter of ``text`` it came from,
    in a text whose words keep their order but for moved lines and blocks: the longest
    runs of words in the same order first (``difflib``), then each word left over as the
    nearest unused copy of it, then the pieces of words joined or cut (a hyphenated word
    rejoined, a drop cap), never read backwards. The letters of the lines the stage
    removed are unused too: a rejoined word whose letters also spell a removed line's
    word may take that word's points (the same letters, mostly the same points)."""
    words = [(m.start(), m[0]) for m in _WORD_RE.finditer(text)]
    outs = [(m.start(), m[0]) for m in _WORD_RE.finditer(repaired)]
    free = [[True] * len(w) for _, w in words]
    source: dict[int, int] = {}
    matcher = SequenceMatcher(None, [w for _, w in words], [w for _, w in outs])
    matched: set[int] = set()
    for a, b, n in matcher.get_matching_blocks():
        for d in range(n):
            _take(words, free, source, outs[b + d][0], a + d, False)
            matched.add(b + d)
    copies: dict[str, list[int]] = {}
    for k, (_, w) in enumerate(words):
        if all(free[k]):
            copies.setdefault(w, []).append(k)
    left = []
    for j, (at, word) in enumerate(outs):
        if j in matched:
            continue
        where = _middle(at, word, repaired)
        usable = [k for k in copies.get(word, ()) if all(free[k])]
        if not usable:
            left.append((at, word, where))
            continue
        k = min(usable, key=lambda k: abs(_middle(*words[k], text) - where))
        _take(words, free, source, at, k, False)
    rest = [k for k in range(len(words)) if any(free[k])]
    pieces = [words[k] for k in rest], [free[k] for k in rest]
    for at, word, where in left:
        if not _pieces(*pieces, word, at, source, (False, where, len(text), False)):
            return None
    return source, False


def _trace_others(
    text: str, points: dict[int, str], repaired: str, source: dict[int, int], mirrored: bool
) -> None:
    """Add to ``source`` the other characters that carry points: each to the nearest
    copy of it in ``repaired`` that is not traced yet."""
    taken = set(source.values())
    others = [i for i in points if i not in taken]
    if not others:
        return
    spots: dict[str, list[int]] = {}
    for j, ch in enumerate(repaired):
        if j not in source:
            spots.setdefault(ch, []).append(j)
    for i in others:
        where = i / len(text)
        goal = (1 - where if mirrored else where) * len(repaired)
        copies = spots.get(text[i])
        if not copies:
            continue
        k = bisect.bisect_left(copies, goal)
        if k == len(copies) or (k > 0 and goal - copies[k - 1] <= copies[k] - goal):
            k -= 1
        source[copies.pop(k)] = i


def _middle(start: int, word: str, line: str) -> float:
    """Where a word's middle sits in its line, from 0 to 1."""
    return (start + len(word) / 2) / len(line)


def _matches(words: list[tuple[int, str]], word: str) -> list[tuple[int, bool]]:
    """The input words that ``word`` is: (index, turned); a palindrome both ways."""
    out = []
    for k, (_, w) in enumerate(words):
        if w == word:
            out.append((k, False))
        if w[::-1] == word:
            out.append((k, True))
    return out


def _take(
    words: list[tuple[int, str]],
    free: list[list[bool]],
    source: dict[int, int],
    at: int,
    k: int,
    turned: bool,
) -> None:
    """Trace the word at ``at`` in the repaired line to input word ``k``."""
    start, word = words[k]
    free[k] = [False] * len(word)
    for n in range(len(word)):
        source[at + n] = start + (len(word) - 1 - n if turned else n)


def _pieces(
    words: list[tuple[int, str]],
    free: list[list[bool]],
    word: str,
    at: int,
    source: dict[int, int],
    way: tuple[bool, float, int, bool],
) -> bool:
    """Trace ``word`` (at ``at`` in the repaired line) to the longest unused pieces of the
    input's words, in turn, each where it leaves the rest in one piece (at an end of what
    is unused); of those, one read the way the line's whole words were, nearest where the
    word would have been (``way``: turned, place from 0 to 1, the input line's length,
    and whether a piece may be read backwards at all). False when a letter has none."""
    turned, goal, size, may_turn = way
    ways = (False, True) if may_turn else (False,)
    i = 0
    while i < len(word):
        best = None  # (rank, word index, offset in it, turned)
        for k, (start, w) in enumerate(words):
            for a in range(len(w)):
                if not free[k][a]:
                    continue
                for back in ways:
                    n = _run(w, free[k], a, word, i, back)
                    if not n:
                        continue
                    lo, hi = (a - n + 1, a) if back else (a, a + n - 1)
                    ends = (lo == 0 or not free[k][lo - 1]) + (
                        hi == len(w) - 1 or not free[k][hi + 1]
                    )
                    rank = (n, ends, back == turned, -abs((start + a) / size - goal))
                    if best is None or rank > best[0]:
                        best = (rank, k, a, back)
        if best is None:
            return False
        (n, *_), k, a, back = best
        start = words[k][0]
        for d in range(n):
            b = a - d if back else a + d
            free[k][b] = False
            source[at + i + d] = start + b
        i += n
    return True


def _run(w: str, free: list[bool], a: int, word: str, i: int, turned: bool) -> int:
    """How many letters of ``word`` from ``i`` match unused letters of ``w`` from ``a``,
    forwards (or, ``turned``, backwards)."""
    n = 0
    step = -1 if turned else 1
    b = a
    while i + n < len(word) and 0 <= b < len(w) and free[b] and w[b] == word[i + n]:
        n += 1
        b += step
    return n
