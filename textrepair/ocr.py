"""What an OCR engine misreads throughout a document, read back from the document: letters
it confuses, and the bars it reads into a justified column's gaps (see the comment above
:func:`misread_bar_lines`).

OCR output is in logical order, so the line repair has nothing to turn; its damage is in
the letters. One confusion is systematic enough to undo: with some typefaces (Culmus's
David CLM, LibreOffice's usual Hebrew font) Tesseract reads final mem ``ם`` as samekh
``ס`` at the end of nearly every word (``העולס``, ``אנשיס``, ``מסריס``): 209 of the
letter errors in the lab's OCR of 44 PDFs, and all of them in the 8 set in David.

One font sets a whole document, so the document shows it: it holds at least twice as
many samekhs as final mems (Hebrew text holds 0.4 to 1.5 times as many: the shared
corpus, the lab's sources and the OCR of the other 36 PDFs; the 8 David texts 3.3 to
6.7), and at least five words ending in samekh that the lexicon knows far better with a
final mem (0 or 1 in the texts read right, 18 to 44 in the David ones). Only in such a
document is each such word given its final mem back, and only where the lexicon prefers
it by a clear margin: ``קרס`` (collapsed) stays though ``קרם`` (cream) is a little more
common.

The same typeface has Tesseract read a word's first yod as a colon (``לא :כול`` for
``לא יכול``, ``:ואב`` for ``יואב``): in a document that shows the final-mem confusion, a
colon glued to the start of a word after a space is read as the yod it stands for where
the lexicon knows the word with it clearly better than without. (A colon before a word
is otherwise a sign of a visual-order line, which the seam fixes move to the word's end:
``לא: כול``.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from textrepair.layout import line_shape
from textrepair.tokens import HEBREW_LETTER, lookup

Zipf = Callable[[str], float]

# A samekh ending a word (no letter or point after it) of letters, with a geresh or
# gershayim between them or before the samekh (``לח"כיס``, ``חכי״ס``). ``_H``: a Hebrew
# letter; ``_Q``: a geresh or gershayim, as typed or typographic.
_H, _Q = f"[{HEBREW_LETTER}]", "[\"'\u05f3\u05f4’]"
_FINAL_SAMEKH_RE = re.compile(
    f"(?<!{_H})(?<!{_H}{_Q})((?:{_H}+{_Q})+|(?:{_H}+{_Q})*{_H}+)ס(?![{HEBREW_LETTER}\u0591-\u05c7])"
)
# The final-mem reading must be this much more frequent (Zipf) than the samekh one.
_MARGIN = 0.5
# A document shows the confusion with this many samekhs per final mem or more ...
_SAMEKHS_PER_MEM = 2
# ... and at least this many words ending in samekh that the lexicon prefers with a mem.
_MIN_WORDS = 5


def _prefers_mem(stem: str, zipf: Zipf) -> bool:
    """Whether the lexicon knows ``stem`` + final mem clearly better than + samekh, or,
    knowing neither, the word ends like a plural (``-ים``: ``שהאזריס``, ``ממצויניס``)."""
    mem, samekh = lookup(zipf, stem + "ם"), lookup(zipf, stem + "ס")
    if mem == samekh == 0.0:
        return stem.endswith("י")
    return mem > samekh + _MARGIN


def final_mem_confused(text: str, zipf: Zipf) -> bool:
    """Whether the OCR read the document's final mems as samekh (see the module doc)."""
    samekhs = text.count("ס")
    if samekhs < _MIN_WORDS or samekhs < _SAMEKHS_PER_MEM * text.count("ם"):
        return False  # two counts: most texts end here
    words = 0
    for m in _FINAL_SAMEKH_RE.finditer(text):
        words += _prefers_mem(m.group(1), zipf)
        if words >= _MIN_WORDS:
            return True
    return False


def restore_final_mem(line: str, zipf: Zipf) -> str:
    """Give back the final mem of each word in ``line`` that the lexicon prefers with it
    (call only on a document :func:`final_mem_confused` holds)."""
    if "ס" not in line:
        return line

    def mend(m: re.Match[str]) -> str:
        stem = m.group(1)
        return stem + ("ם" if _prefers_mem(stem, zipf) else "ס")

    return _FINAL_SAMEKH_RE.sub(mend, line)


# A colon that starts a word after a space (or the line's start): a yod misread.
_LEADING_COLON_RE = re.compile(rf"(?<!\S):({_H}+)")


def restore_initial_yod(line: str, zipf: Zipf) -> str:
    """Read a colon glued to a word's start as the yod it stands for, where the lexicon
    knows the word with a yod clearly better (call only on a document
    :func:`final_mem_confused` holds: the typeface whose yod Tesseract misreads)."""
    if ":" not in line:
        return line

    def mend(m: re.Match[str]) -> str:
        word = m.group(1)
        with_yod = lookup(zipf, "י" + word) > lookup(zipf, word) + _MARGIN
        return ("י" if with_yod else ":") + word

    return _LEADING_COLON_RE.sub(mend, line)


# Tesseract reads the wide gaps of a narrow justified column, and the gutter beside it, as
# a vertical bar: ``שיתופי | הפעולה | בתחומים``, ``מלאכותית, | חקלאות,``, ``מצוינות|``
# (268 in the running lines of the lab's 16 readings of two-column PDFs, 0-2 in each of
# its 24 readings of one-column ones). A writer's bar separates two phrases (``מאיראן |
# צילום:``, a running header's ``גיליון 7 | מרץ``), and so does a table's, whose rows
# begin or end with one. A bar is a misreading only where the document shows it: bars
# standing in running text after a comma or a sentence mark, and lines of two or more
# (``_MIN_BAR_SIGNS``; 3-33 in the OCR'd two-column pages, none in the 1,103 texts of the
# labs, typeset and extracted without OCR).
_LONE_BAR_RE = re.compile(r"(?<!\S)\|+(?!\S)")  # a bar (or bars) between spaces
_MIN_BAR_SIGNS = 3
_MARKS = (",", ";", ".", ":")
# What goes of a line: a bar glued to a word's end (``מצוינות|``), a bar at the line's
# start or end with the space inside, a bar between spaces with the space after it.
_MISREAD_BAR_RE = re.compile(
    rf"(?<=[{HEBREW_LETTER},.;:\"'])\|(?!\S)|^\|+[ \t]+|[ \t]+\|+$|(?<=\s)\|+[ \t]+"
)


def _running_lines(lines: list[str]) -> list[str]:
    """The lines a bar in which may be the engine's: not a table row (a bar at both
    ends) and not a running header or footer (a line repeated, page numbers aside)."""
    keys = [line_shape(line) for line in lines]
    seen = Counter(keys)
    return [
        line
        for line, key in zip(lines, keys, strict=True)
        if seen[key] == 1 and not (key.startswith("|") and key.endswith("|"))
    ]


def misread_bar_lines(text: str) -> frozenset[str]:
    """The lines whose bars an OCR engine read into gaps: the running lines with a bar of
    a document that shows the habit (in them, at least ``_MIN_BAR_SIGNS`` bars after a
    comma or sentence mark and lines of two bars or more, one of them a bar after a mark:
    a table's rows, written without bars at their ends, hold several bars a line but no
    commas before them); none in any other document."""
    if text.count("|") < _MIN_BAR_SIGNS:
        return frozenset()
    running = _running_lines([line for line in text.splitlines() if "|" in line])
    after_marks = multiple = 0
    for line in running:
        bars = list(_LONE_BAR_RE.finditer(line))
        multiple += len(bars) >= 2
        after_marks += sum(line[: m.start()].rstrip().endswith(_MARKS) for m in bars)
        if after_marks and after_marks + multiple >= _MIN_BAR_SIGNS:
            return frozenset(running)
    return frozenset()


def drop_misread_bars(line: str) -> str:
    """Take out the bars an OCR engine read into a line's gaps: bars between spaces, with
    the space after them, and a bar glued to the end of a word (call only on a line of
    :func:`misread_bar_lines`)."""
    return _MISREAD_BAR_RE.sub("", line) if "|" in line else line
