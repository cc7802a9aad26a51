"""Undo an extractor that writes a justified line word-reversed where it stretched it (pdf.js).

pdf.js (Mozilla's reader; ``pdfjs-dist`` under many JavaScript pipelines) ends a text
item where the pen jumps further than 0.6 em to the next glyph, writes a line's items
in the order the PDF draws them, and runs each item through the bidi algorithm on its
own. A right-to-left producer (LibreOffice) draws a line from its left end, so a line
whose word spaces justification stretched past that width comes out as its words in
visual order, reversed, while a line stretched less (one item) and a paragraph's last
line (not justified) come out in reading order. Half of a two-column page's lines are
reversed, among lines in order, and nothing in them says which: every word is a word.

What does say it is the line's width. A justified line fills its column; how far it was
stretched is how far its words fall short of the column, shared among its spaces
(:func:`stretch`). Widths are estimated from the letters: :data:`WIDTHS` holds each
character's advance relative to the mean Hebrew letter, the median of ten Hebrew fonts
(David, Frank Ruehl, Miriam, Nachlieli, Hadasim CLM; DejaVu Sans; Liberation Sans and
Serif; Noto Sans and Serif Hebrew), each 3-5% off the median on average. A line is reversed when its
spaces were stretched by more than :data:`_SPLIT_STRETCH` and it is not the last line of
its paragraph (the next line's first word would have fitted on it). On pdf.js's
extractions of the fixtures' and held-out set's LibreOffice PDFs this decides 1391 of
1487 Hebrew-only lines of 3 words or more right (94%); the word model, on text it never
counted, 952 (64%).

It applies only in a logical-order document with pdf.js's other mark: where a number
or Latin run lies between two Hebrew words, it glues to both (``בשנת2012הואשם``:
the spaces at the run's edges fall between items and are lost). Of the fixtures and the
held-out set it recurs in 19 of pdf.js's 20 extractions of LibreOffice PDFs and 2 of its
10 of fpdf2 PDFs, and in no other extractor's logical-order output (at most one line
in twenty of those with a number or Latin run).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from textrepair.chunks import mixed_lines
from textrepair.seams import LTR_RUN_RE
from textrepair.tokens import HEBREW_LETTER, has_hebrew

# Advance widths relative to the mean Hebrew letter's (about half an em); a character
# not listed counts as a letter, a combining mark (niqqud) as nothing.
WIDTHS: dict[str, float] = {
    "א": 1.19, "ב": 1.04, "ג": 0.76, "ד": 1.01, "ה": 1.15, "ו": 0.57, "ז": 0.63,
    "ח": 1.21, "ט": 1.17, "י": 0.55, "ך": 0.98, "כ": 0.97, "ל": 0.99, "ם": 1.19,
    "מ": 1.21, "ן": 0.57, "נ": 0.72, "ס": 1.15, "ע": 1.12, "ף": 1.06, "פ": 1.06,
    "ץ": 1.01, "צ": 1.07, "ק": 1.1, "ר": 0.99, "ש": 1.36, "ת": 1.21,
    " ": 0.61, "!": 0.58, '"': 0.72, "%": 1.63, "'": 0.39, "(": 0.64, ")": 0.63,
    ",": 0.5, "-": 0.68, ".": 0.51, ":": 0.53, ";": 0.53, "?": 0.93, "׳": 0.45,
    "״": 0.76, "–": 1.02, "—": 1.6, "’": 0.39, "‘": 0.39, "“": 0.72, "”": 0.72,
}  # fmt: skip
_SPACE = WIDTHS[" "]
# Stretch per space, in mean letters, past which pdf.js parts a line's words: its cut is
# 0.6 em from glyph to glyph, a space is 0.25-0.37 em. 0.35, 0.45, 0.55 measured on the
# fixtures: 0.45 best.
_SPLIT_STRETCH = 0.45
# The column's width: the width of the line at this rank among lines of 3 words or more
# (a justified column's full lines are most of them; a few headers run longer).
_COLUMN_RANK = 0.9
_MIN_LINES = 5  # lines of 3 words or more needed to measure the column
# A number or Latin run glued to the Hebrew words on both its sides.
_GLUED_BOTH_RE = re.compile(
    f"[{HEBREW_LETTER}][0-9][0-9.,%]*[{HEBREW_LETTER}]"
    f"|[{HEBREW_LETTER}][A-Za-z][A-Za-z ]*[A-Za-z][{HEBREW_LETTER}]"
)
_GLUE_RE = re.compile(f"[{HEBREW_LETTER}][0-9A-Za-z]|[0-9A-Za-z][{HEBREW_LETTER}]")
_SPACE_OR_GLUE_RE = re.compile(f" |{_GLUE_RE.pattern}")
_WORD_CHAR_RE = re.compile(r"\w")
_KNOWN_LETTER_RE = re.compile("[A-Za-z\u0590-\u05ff\ufb1d-\ufb4f]")  # Latin, Hebrew
_GLUED_SHARE = 0.1  # of the lines with a number or Latin run (other extractors: <= 0.05)


def text_width(text: str) -> float:
    """Estimated width of ``text`` in mean Hebrew letters."""
    return sum(WIDTHS.get(ch, 0.0 if unicodedata.combining(ch) else 1.0) for ch in text)


def splits_stretched_lines(bodies: Sequence[str]) -> bool:
    """Whether numbers and Latin runs glue to the Hebrew words on both sides in enough of
    the lines that have them: pdf.js's mark (the module's docstring)."""
    mixed = mixed_lines(bodies)
    glued = sum(1 for i in mixed if _GLUED_BOTH_RE.search(bodies[i]))
    return glued >= 2 and glued >= _GLUED_SHARE * len(mixed)


def column_width(bodies: Sequence[str]) -> float | None:
    """The width of a full line of the document's column, or None with too few lines."""
    widths = sorted(text_width(b.strip()) for b in bodies if len(b.split()) >= 3)
    if len(widths) < _MIN_LINES:
        return None
    return widths[int(_COLUMN_RANK * (len(widths) - 1))]


def stretch(body: str, following: str, column: float) -> float | None:
    """How far the spaces of ``body`` were stretched to fill ``column``, in mean letters
    per space; None where it was not justified: the next line (``following``, "" at a
    paragraph's end) could have begun on it (its first word is the one it begins with,
    or, if it was stretched too, the one :func:`unstretch` puts first), or it has no
    space. Where a number or Latin run is glued to a Hebrew letter, a space was lost
    (pdf.js drops the space at an item's edge): it is counted back in."""
    core = body.strip()
    glued = len(_GLUE_RE.findall(core))
    spaces = core.count(" ") + glued
    short = column - text_width(core) - _SPACE * glued
    if spaces < 1 or not following.strip():
        return None
    first = max(text_width(following.split()[0]), text_width(unstretch(following).split()[0]))
    if first + _SPACE < short:
        return None
    return short / spaces


def stretched_lines(bodies: Sequence[str]) -> list[int]:
    """The lines pdf.js wrote word-reversed: Hebrew words one space apart (a number or
    Latin run among them allowed), stretched past :data:`_SPLIT_STRETCH` (none without a
    measurable column)."""
    column = column_width(bodies)
    if column is None:
        return []
    out = []
    for i, body in enumerate(bodies):
        if not _candidate(body):
            continue
        following = bodies[i + 1] if i + 1 < len(bodies) else ""
        amount = stretch(body, following, column)
        if amount is not None and amount > _SPLIT_STRETCH:
            out.append(i)
    return out


def unstretch(body: str) -> str:
    """A stretched line in reading order: the words of each right-to-left stretch of it
    in the opposite order, its number and Latin runs where they are.

    LibreOffice draws a line's direction runs in reading order, each run's glyphs left
    to right; pdf.js cuts a stretched run at every space, so only the words inside a
    Hebrew run come out reversed (``( הגאה ישראלGay Israelהסטריאוטיפים נגד ממאמציה
    כחלק )`` is ``ישראל הגאה (Gay Israel) כחלק ממאמציה נגד הסטריאוטיפים``). A word of
    marks alone was displayed on its own too, so its marks turn (``,)`` is ``),``).
    Spaces lost at the runs' edges are left to the seam fixes."""
    out, pos = [], 0
    for run in LTR_RUN_RE.finditer(body):
        out += [_reverse_words(body[pos : run.start()]), run.group()]
        pos = run.end()
    out.append(_reverse_words(body[pos:]))
    return "".join(out)


def _reverse_words(text: str) -> str:
    """The words of a right-to-left stretch in the opposite order, its outer spaces kept."""
    core = text.strip()
    if not has_hebrew(core):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    words = [w if _WORD_CHAR_RE.search(w) else w[::-1] for w in reversed(core.split(" "))]
    return lead + " ".join(words) + text[len(lead) + len(core) :]


def _candidate(body: str) -> bool:
    """A line of Hebrew words one space apart, with no letters of a third script (whose
    direction this module does not read)."""
    core = body.strip()
    if not has_hebrew(core) or "  " in core or not _SPACE_OR_GLUE_RE.search(core):
        return False
    return not any(
        unicodedata.bidirectional(ch) in ("L", "R", "AL") and not _KNOWN_LETTER_RE.match(ch)
        for ch in core
    )
