"""Undo an extractor that displays each text chunk on its own (PDFBox).

PDFBox reads a line's glyphs in the order the PDF draws them (the *content* order, what
mutool writes), cuts them into chunks where the pen jumps forward past a gap, and runs
each chunk through the bidi algorithm on its own (``PDFTextStripper.handleDirection``:
the paragraph direction from the chunk's first strong letter, runs reordered, right-to-left
runs reversed and their brackets mirrored). A chunk of Hebrew alone comes out as its
word(s) in reading order, so a justified line reads as fragments in visual order; but a
chunk that holds a number or a Latin run comes out with its runs swapped and glued:
``( או רמות נמוכות של חלבוני דםINR>1.5בדם של גורמי קרישה )`` for ``בדם של גורמי קרישה
(INR>1.5) או רמות נמוכות של חלבוני דם``. No reordering of fragments can mend that.

The bidi display is its own inverse on such a chunk, so displaying each chunk once more
gives the content order back, and the content order is read as the letter-visual
regime reads mutool's (:func:`textrepair.letters.runs_to_logical`, run by run). What
the text does not show is where the chunks were cut (at a wide gap, two spaces or more,
or at one space too) and, for a chunk with letters of both directions, which direction
it was read in. Each way is read (:func:`readings`) and the best reading kept
(:func:`_weighed`): the word model's score, less a cost for each cut at a single space
and for each number left glued to a word. Checked against the fixtures: of 532 mixed
PDFBox lines whose mutool twin was found, 409 are the whole line displayed as one chunk;
of the 197 mixed lines of LibreOffice PDFs, 192 read as their twin does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations, product

from bidi import algorithm

from textrepair.letters import runs_to_logical
from textrepair.seams import space_glued_runs
from textrepair.tokens import has_hebrew
from textrepair.wordmodel import WordModel

_LTR = re.compile(r"[0-9A-Za-z]")
_LATIN = re.compile(r"[A-Za-z]")
_STRONG = re.compile(r"[A-Za-z\u05d0-\u05ea]")
_WIDE = re.compile(r" {2,}")


def display(chunk: str, base: str | None = None) -> str:
    """A chunk through the bidi algorithm, brackets mirrored (python-bidi's Python path:
    its Rust path does not mirror); ``base`` the paragraph direction (``"R"``, ``"L"``;
    None: the chunk's first strong letter's). Unchanged where the algorithm would drop
    characters (NUL, controls)."""
    shown = algorithm.get_display(chunk, base_dir=base)
    return shown if len(shown) == len(chunk) else chunk


_CUT_COST = 1.0  # nats: a chunk cut at a single space (0.5 and 2 measured: the same or worse)
_MAX_OPEN = 4
_MAX_BOTH = 4
_GLUE_COST = 4.0  # nats: a space a reading needed (2: PDFBox 0.0235; 4, 6, 10: 0.0228)


def _chunkings(body: str) -> list[tuple[list[str], int]]:
    """The ways the chunks of a line may have been cut, each with how many of its cuts
    fall at a single space: always at a wide gap (two spaces or more); at single spaces,
    at none, at all, or (with at most :data:`_MAX_OPEN` of them) at any few."""
    parts = [c for c in _WIDE.split(body.strip(" ")) if c]
    words = [p.split(" ") for p in parts]
    gaps = [(k, j) for k, ws in enumerate(words) for j in range(1, len(ws))]
    if len(gaps) <= _MAX_OPEN:
        choices = [frozenset(c) for n in range(len(gaps) + 1) for c in combinations(gaps, n)]
    else:
        choices = [frozenset(), frozenset(gaps)]
    out: list[tuple[list[str], int]] = []
    if len(parts) == 1:
        out.append(([body], 0))  # one chunk: its edge spaces are the content's
    for cuts in choices:
        chunks: list[str] = []
        for k, ws in enumerate(words):
            start = 0
            for j in range(1, len(ws) + 1):
                if j == len(ws) or (k, j) in cuts:
                    chunks.append(" ".join(ws[start:j]))
                    start = j
        if len(parts) == 1 and not cuts:
            continue
        out.append((chunks, len(cuts)))
    return out


def _first_strong(text: str) -> str | None:
    """The direction (``"R"``, ``"L"``) of a text's first strong letter, if any."""
    m = _STRONG.search(text)
    return None if m is None else ("L" if m.group().isascii() else "R")


def _contents(chunk: str) -> list[str]:
    """What a displayed chunk was drawn as. PDFBox took the direction from the first
    strong letter of what was drawn, which the displayed chunk may not start with
    (``Gayישראל`` was drawn ``לארשיGay``): a chunk holding letters of both directions is
    read both ways, where the way read back starts with a letter of that way."""
    if _first_strong(chunk) is None or not (has_hebrew(chunk) and _LATIN.search(chunk)):
        return [display(chunk)]
    out = []
    for base in ("R", "L"):
        drawn = display(chunk, base)
        if _first_strong(drawn) == base and drawn not in out:
            out.append(drawn)
    return out or [display(chunk)]


def readings(body: str) -> list[tuple[str, int]]:
    """The logical readings of a PDFBox line, one for each way of cutting its chunks and
    of reading them back (:func:`_contents`, at most :data:`_MAX_BOTH` chunks read both
    ways), each with the number of its cuts at a single space."""
    out: dict[str, int] = {}
    for cut, cost in _chunkings(body):
        options = [_contents(c) for c in cut]
        if sum(len(o) > 1 for o in options) > _MAX_BOTH:
            options = [[display(c)] for c in cut]
        for drawn in product(*options):
            logical = runs_to_logical(" ".join(drawn), in_order=True)
            out[logical] = min(cost, out.get(logical, cost))
    return list(out.items())


def _any_word(word: str) -> float:
    """A lexicon that knows every word. A number glued to a word in a chunk's reading
    lost the space at the chunk's edge (``כ-40%מהתצרוכת``), so the glue is the
    extractor's and no word needs vouching for; a prefix still keeps its number
    (:func:`~textrepair.seams.space_glued_runs` never parts ``ב1991``)."""
    del word
    return 9.0


def _weighed(model: WordModel, reading: str, cuts: int) -> tuple[float, str]:
    """A reading, spaced where a number or Latin run is glued to a word (see
    :func:`_any_word`), and what it is worth: the word model's score, less
    :data:`_CUT_COST` for each chunk cut at a single space and :data:`_GLUE_COST` for each
    space it needed. Clean Hebrew spaces a number from the words around it (a prefix
    aside), and so does the content PDFBox cut: read right, a chunk's edge spaces come
    back; read wrong, its runs stay glued (``במדינת15האיים:``)."""
    plain = " ".join(reading.split())
    spaced = space_glued_runs(plain, _any_word)
    glued = len(spaced) - len(plain)
    return model.line_score(spaced) - _CUT_COST * cuts - _GLUE_COST * glued, spaced


def chunks_to_logical(body: str, model: WordModel) -> str:
    """A mixed line of a chunk-displaying extractor in logical order (see the module)."""
    if not _mixed(body):
        return body
    lead = body[: len(body) - len(body.lstrip(" "))]
    _, best = max(_weighed(model, reading, cuts) for reading, cuts in readings(body))
    return lead + best


def mixed_lines(bodies: Sequence[str]) -> list[int]:
    """Lines holding Hebrew and a number or Latin run."""
    return [i for i, b in enumerate(bodies) if _mixed(b)]


def _mixed(body: str) -> bool:
    return has_hebrew(body) and _LTR.search(body) is not None
