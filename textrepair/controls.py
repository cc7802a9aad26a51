"""Unicode bidi control characters and missing glyphs in extracted text.

Some extractors describe the reading order with invisible bidi controls instead of (or as
well as) the order of the characters. ``pdftotext`` wraps every line in RLE…PDF
(U+202B…U+202C) and every number or Latin run in LRE…PDF (U+202A…U+202C);
``pdftotext -raw`` wraps each Hebrew *word* in RLE…PDF and writes the words in visual
order. The controls are useless (and harmful: they split words for any word-level
comparison) once the text is in logical order, but *how* they are placed tells which
extractor made the text, so we count before we delete.

Missing glyphs come out as U+0000 (pdfminer, pdfplumber, pypdf, PyMuPDF) or U+FFFD
(mutool). They stand for a real character the font lacked (``·``, ``•``), so the repair must
keep them in place; this module only counts them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex

from textrepair.tokens import BIDI_L, BIDI_R

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"

BIDI_CONTROLS = frozenset(LRM + RLM + ALM + LRE + RLE + PDF + LRO + RLO + LRI + RLI + FSI + PDI)
_CONTROL_RE = re.compile(f"[{''.join(sorted(BIDI_CONTROLS))}]")
_MISSING_RE = re.compile("[\x00\ufffd]")
_OPENERS = frozenset(LRE + RLE + LRO + RLO)


def strip_controls(line: str) -> tuple[str, int]:
    """Delete every bidi control character; return the text and how many were deleted.

    Deleting is lossless for the visible text: the controls have no glyph, and the
    characters between them keep their order. (Whether that order is right is another
    matter; see :func:`resolve_embeddings`.)
    """
    out = _CONTROL_RE.sub("", line)  # ten times faster than str.translate here
    return out, len(line) - len(out)


def count_missing_glyphs(text: str) -> int:
    """Number of U+0000 and U+FFFD characters: glyphs the PDF drew but could not map.

    Only counted, never removed: each one holds the place of a real character.
    """
    return len(_MISSING_RE.findall(text))


class ControlEvidence(NamedTuple):
    """What the bidi controls of a document say about the extractor that made it.

    * ``lines``: non-blank lines.
    * ``wrapped_lines``: lines that are one RLE…PDF embedding from start to end (possibly
      with LRE runs nested inside): ``pdftotext`` default / ``-layout``, which writes
      *logical* order and marks the direction with embeddings.
    * ``word_wrapped_lines``: lines of two or more top-level RLE…PDF embeddings that each
      hold a single word: ``pdftotext -raw``, whose words are in *visual* order.
    * ``side_by_side_lines``: lines of two or more top-level embeddings holding several
      words each: ``pdftotext -layout`` putting two columns (or a footer and a page
      number) on one line; each embedding is logical inside.
    * ``ltr_runs``: LRE…PDF embeddings (number and Latin runs, see
      :func:`resolve_embeddings`).
    * ``marks``: LRM, RLM and ALM (zero-width direction marks).
    * ``controls``: all bidi controls, marks included.
    """

    lines: int
    wrapped_lines: int
    word_wrapped_lines: int
    side_by_side_lines: int
    ltr_runs: int
    marks: int
    controls: int

    @property
    def logical_embedding(self) -> bool:
        """True when most text lines are whole-line RLE embeddings (pdftotext default), or
        several set apart as columns (``-layout``, whose page may hold no other line)."""
        logical = self.wrapped_lines + self.side_by_side_lines
        return logical >= 2 and logical > 2 * self.word_wrapped_lines

    @property
    def visual_word_embedding(self) -> bool:
        """True when most wrapped lines wrap each word on its own (pdftotext -raw)."""
        return self.word_wrapped_lines >= 2 and self.word_wrapped_lines > self.wrapped_lines


def _top_level_embeddings(line: str) -> list[str]:
    """Contents of the embeddings that open at nesting depth 0 (controls removed)."""
    depth = 0
    start = 0
    out = []
    for m in _CONTROL_RE.finditer(line):
        ch = m.group()
        if ch in _OPENERS:
            if depth == 0:
                start = m.end()
            depth += 1
        elif ch == PDF and depth:
            depth -= 1
            if depth == 0:
                out.append(strip_controls(line[start : m.start()])[0])
    if depth:
        out.append(strip_controls(line[start:])[0])
    return out


def control_evidence(text: str) -> ControlEvidence:
    """Count the control patterns of ``text`` (a whole document) line by line.

    A line counts as wrapped when it starts with RLE (or RLM), ends with PDF and has a
    single top-level embedding; as word-wrapped when it has several top-level embeddings
    none of which holds a space; as side by side when it has several and some hold more
    than one word. Lines without controls count towards ``lines`` only.
    """
    lines = wrapped = word_wrapped = side = ltr = marks = controls = 0
    for line in text.splitlines():
        body = line.strip(" \t\f")
        if not body:
            continue
        lines += 1
        found = _CONTROL_RE.findall(body)
        if not found:
            continue
        controls += len(found)
        ltr += found.count(LRE)
        marks += found.count(LRM) + found.count(RLM) + found.count(ALM)
        top = _top_level_embeddings(body)
        if len(top) == 1 and body[0] in (RLE, RLM) and body[-1] == PDF:
            wrapped += 1
        elif len(top) >= 2:
            if any(" " in part.strip() for part in top):
                side += 1
            else:
                word_wrapped += 1
    return ControlEvidence(lines, wrapped, word_wrapped, side, ltr, marks, controls)


# --- reading pdftotext's embeddings ---------------------------------------------------
#
# Read the bidi embeddings some extractors write, then drop them.
#
# pdftotext (poppler) does not write plain logical text: it wraps every right-to-left line
# in RLE…PDF and every number or Latin run in LRE…PDF, so that a bidi-aware viewer *shows*
# the line right. Inside an LRE block, though, the run and its neutral neighbours stand in
# left-to-right display order (`` ,)2025`` for ``2025), ``), and in ``-raw`` mode the whole
# line is a left-to-right row of RLE-wrapped words (``ב<PDF> ,<RLE>א``). Deleting the controls
# alone leaves every such seam broken; reading them first puts each run back in reading order:
#
# * a right-to-left embedding (RLE, RLO, RLI) holds reading order: keep it, resolve inside;
# * a left-to-right embedding (LRE, LRO, LRI), and a line's top level unless it is one
#   right-to-left embedding (or several set apart as columns), holds display order: its
#   items (runs of Latin letters and digits, nested right-to-left blocks, single neutral
#   characters) are reversed.
#
# The result has no bidi controls left. Lines without embeddings are returned unchanged.

RTL_OPEN = RLE + RLO + RLI
LTR_OPEN = LRE + LRO + LRI + FSI  # FSI: first strong is Latin in what extractors wrap
CLOSE = PDF + PDI
MARKS = LRM + RLM + ALM
_EMBEDDING_RE = re.compile(f"[{RTL_OPEN}{LTR_OPEN}]")

# A left-to-right run as the bidi algorithm keeps it together: letters and digits joined
# by number separators or inner punctuation, Latin words joined by spaces, a currency or
# percent sign touching a number. Digits after a Latin word join it (UAX #9 rule W7).
_LTR_CHAR = r"[^\W\u0590-\u05ff_]"
_LTR_RUN_RE = re.compile(
    rf"[$€£¥₪#]?{_LTR_CHAR}"
    rf"(?:{_LTR_CHAR}|[-+.,:/@_&'’]+(?={_LTR_CHAR})|(?<=[A-Za-z]) +(?=[A-Za-z0-9]))*"
    r"[%‰]?"
)


# A direction mark standing alone between spaces (or at a line's edge).
LONE_MARKS = LRM + RLM + ALM
_LONE_MARK_RE = re.compile(f"(?<!\\S)[{LONE_MARKS}](?!\\S)")
# The nearest strong character (by bidi class, as the algorithm reads it) before a point,
# and after it.
_STRONG_BEFORE_RE = regex.compile(rf"([{BIDI_L}{BIDI_R}])[^{BIDI_L}{BIDI_R}]*$")
_STRONG_AFTER_RE = regex.compile(rf"[^{BIDI_L}{BIDI_R}]*([{BIDI_L}{BIDI_R}])")
_RTL_STRONG_RE = regex.compile(rf"[{BIDI_R}]")


def _is_rtl(ch: str) -> bool:
    """Whether a strong character is a right-to-left one."""
    return _RTL_STRONG_RE.match(ch) is not None


def has_lone_marks(text: str) -> bool:
    """Whether ``text`` holds a direction mark standing alone between spaces (an
    author's marks stand against a character, so clean text ends here). Looks only
    where a mark is: ten times faster than the pattern on a text with a few."""
    end = len(text) - 1
    for mark in LONE_MARKS:
        i = text.find(mark)
        while i >= 0:
            if (i == 0 or text[i - 1].isspace()) and (i == end or text[i + 1].isspace()):
                return True
            i = text.find(mark, i + 1)
    return False


def drop_lone_marks(line: str) -> str:
    """Remove the direction marks that stand alone between spaces where they change
    nothing, with one of the spaces: ``מתוך \u200f 2`` -> ``מתוך 2``.

    Tesseract writes an RLM as a word of its own here and there (57 in its readings of
    38 PDFs, none in their sources); to a reader it is nothing, to a search or a word
    count a word. An author puts a mark against the character it steers (``1835\u200f
    –``), and that one stays. So does a lone mark that could steer something: one whose
    direction is that of neither of the nearest letters around it (an RLM between two
    Latin words reverses their order on the screen).
    """
    out, last = [], 0
    for m in _LONE_MARK_RE.finditer(line):
        rtl = m.group() != LRM
        before = _STRONG_BEFORE_RE.search(line, 0, m.start())
        after = _STRONG_AFTER_RE.match(line, m.end())
        sides = [x.group(1) for x in (before, after) if x is not None]
        if not any(_is_rtl(ch) == rtl for ch in sides):
            continue
        start, end = m.start(), m.end()
        if end < len(line) and line[end] in " \t":
            end += 1
        elif start > last and line[start - 1] in " \t":
            start -= 1
        out.append(line[last:start])
        last = end
    out.append(line[last:])
    return "".join(out)


# A left-to-right run an OCR engine wrapped in marks: LRM before it, RLM after it.
_LTR_WRAPPER_RE = re.compile(f"{LRM}([^{LRM}{RLM}\n]*){RLM}")
# Wrapped runs a document must hold, and the share of its LRMs that must open one.
_MIN_WRAPPERS = 2
_WRAPPED_SHARE = 0.5


def wraps_ltr_runs(text: str) -> bool:
    """Whether ``text`` marks its left-to-right runs the way Tesseract does (its
    ``heb+eng`` model): LRM before each, RLM after, ``\u200e(FFP)\u200f``. A person
    marks a character, not every run; two wrapped runs or more, and most LRMs of the text
    opening one, are the engine's (470 of the 478 LRMs of its readings of 44 PDFs, at
    least 75% in each; no LRM in their sources)."""
    lrms = text.count(LRM)
    if lrms < _MIN_WRAPPERS:
        return False
    wrapped = len(_LTR_WRAPPER_RE.findall(text))
    return wrapped >= _MIN_WRAPPERS and wrapped >= _WRAPPED_SHARE * lrms


def drop_ltr_wrappers(line: str) -> str:
    """Take out the marks wrapping each left-to-right run (in a text
    :func:`wraps_ltr_runs` holds): ``מפלזמה קפואה \u200e(FFP)\u200f שהיא`` ->
    ``מפלזמה קפואה (FFP) שהיא``. The run inside is as the engine saw it; a sentence mark
    it saw at the run's left, where a right-to-left line shows the mark that ends the
    run, goes back to its end (``\u200e,S\u200f`` -> ``S,``). The engine's other marks
    go too where they touch a letter of their own direction (an RLM starting a Hebrew
    line), which they can never steer."""
    return _INERT_MARK_RE.sub("", _LTR_WRAPPER_RE.sub(_unwrapped, line))


# A mark touching a strong character of its own direction: it changes nothing.
_INERT_MARK_RE = regex.compile(
    rf"[{RLM}{ALM}](?=[{BIDI_R}])|(?<=[{BIDI_R}])[{RLM}{ALM}]"
    rf"|{LRM}(?=[{BIDI_L}])|(?<=[{BIDI_L}]){LRM}"
)


def _unwrapped(m: re.Match[str]) -> str:
    run = m.group(1)
    lead = len(run) - len(run.lstrip(",.;:!?"))
    if 0 < lead < len(run) and not run[lead].isspace():
        return run[lead:] + run[:lead]
    return run


def has_controls(line: str) -> bool:
    """True when the line carries any bidi control character."""
    return _CONTROL_RE.search(line) is not None


def has_embeddings(line: str) -> bool:
    """True when the line opens an embedding, override or isolate (not just marks)."""
    return _EMBEDDING_RE.search(line) is not None


def resolve_embeddings(line: str, joined: bool = False) -> str:
    """The line in reading order with its bidi embeddings applied and removed.

    Only for text whose embeddings follow pdftotext's convention (the caller checks the
    document, see :func:`textrepair.controls.control_evidence`): in logical text written
    by a person an LRE block holds reading order. Lines with no embedding are returned
    unchanged, direction marks included. ``joined``: the line is pdftotext's lines joined
    into a paragraph (see :func:`textrepair.diagnose.paragraph_lines`), each its own
    block, one after another in reading order.
    """
    if not has_embeddings(line):
        return line
    tree = _parse_top(line.translate(_DROP_MARKS))
    return _render(tree, rtl=joined or _reading_order_top(tree))


def _parse_top(text: str) -> list:
    """A line's top level: its items, each a string or an ``(opener, children)`` block.

    A close with no opener ends an embedding the line's start cut off (a text that
    begins mid-line): what stands before it is that embedding's, right to left, as
    pdftotext wraps a line. Nothing after it is dropped.
    """
    items, pos, closed = _parse(text, 0)
    while closed:
        rest, pos, closed = _parse(text, pos)
        items = [(RLE, items), *rest]
    return items


# A prefix hyphen drawn apart from its number (``ש<LRE> 69 -<PDF>``): ``ש-69``, not ``ש- 69``.
_HYPHEN_GAP_RE = re.compile(r"^([-־]) +(?=\d)")
_DROP_MARKS = str.maketrans("", "", MARKS)


def _reading_order_top(items: list) -> bool:
    """True when a line's top level needs no reversing.

    That is a single right-to-left block, give or take white space, or right-to-left
    blocks set apart by wide runs of spaces: the columns of ``pdftotext -layout``, whose
    positions on the line the layout stage reads.
    """
    gaps = [item for item in items if isinstance(item, str)]
    blocks = [item for item in items if not isinstance(item, str)]
    if not blocks or any(not gap.isspace() for gap in gaps):
        return False
    if any(block[0] not in RTL_OPEN for block in blocks):
        return False
    inner = [gap for gap in items[1:-1] if isinstance(gap, str)]
    return len(blocks) == 1 or all(len(gap) >= 2 for gap in inner)


def _parse(text: str, pos: int) -> tuple[list, int, bool]:
    """Parse ``text`` from ``pos`` into a list of strings and ``(opener, children)`` blocks,
    up to the close that ends them or the end of the text; the position after, and
    whether a close ended them."""
    items: list = []
    buf: list[str] = []
    closed = False
    while pos < len(text):
        ch = text[pos]
        if ch in RTL_OPEN or ch in LTR_OPEN:
            if buf:
                items.append("".join(buf))
                buf = []
            children, pos, _ = _parse(text, pos + 1)
            items.append((ch, children))
            continue
        pos += 1
        if ch in CLOSE:
            closed = True
            break
        buf.append(ch)
    if buf:
        items.append("".join(buf))
    return items, pos, closed


def _render(items: list, *, rtl: bool) -> str:
    """Text of ``items`` in reading order; ``rtl`` says the items are already in it."""
    if rtl:
        return "".join(
            item if isinstance(item, str) else _render(item[1], rtl=item[0] in RTL_OPEN)
            for item in items
        )
    units: list[str] = []
    for item in items:
        if isinstance(item, str):
            units.extend(_display_units(item))
        else:
            units.append(_render(item[1], rtl=item[0] in RTL_OPEN))
    return _HYPHEN_GAP_RE.sub(r"\1", "".join(reversed(units)))


def _display_units(text: str) -> list[str]:
    """Cut display-order text into left-to-right runs and single other characters."""
    units: list[str] = []
    pos = 0
    for m in _LTR_RUN_RE.finditer(text):
        units.extend(text[pos : m.start()])
        units.append(m.group())
        pos = m.end()
    units.extend(text[pos:])
    return units
