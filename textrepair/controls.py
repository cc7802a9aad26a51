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

from textrepair.letters import visual_to_logical

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"

BIDI_CONTROLS = frozenset(LRM + RLM + ALM + LRE + RLE + PDF + LRO + RLO + LRI + RLI + FSI + PDI)
_DELETE = dict.fromkeys(map(ord, BIDI_CONTROLS))
_CONTROL_RE = re.compile(f"[{''.join(sorted(BIDI_CONTROLS))}]")
_MISSING_RE = re.compile("[\x00\ufffd]")
_OPENERS = frozenset(LRE + RLE + LRO + RLO)
# An LRE…PDF run with nothing nested in it: pdftotext's number/Latin run.
_LRE_RUN_RE = re.compile(f"{LRE}([^{LRE}{RLE}{PDF}{LRO}{RLO}]*){PDF}")


def strip_controls(line: str) -> tuple[str, int]:
    """Delete every bidi control character; return the text and how many were deleted.

    Deleting is lossless for the visible text: the controls have no glyph, and the
    characters between them keep their order. (Whether that order is right is another
    matter; see :func:`resolve_embeddings`.)
    """
    out = line.translate(_DELETE)
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
        """True when most text lines are whole-line RLE embeddings (pdftotext default)."""
        return self.wrapped_lines >= 2 and self.wrapped_lines > 2 * self.word_wrapped_lines

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


def resolve_embeddings(line: str, mirrored: bool | None = False) -> str:
    """Logical text of a ``pdftotext`` (default mode) line: fix each LRE run, then strip.

    pdftotext writes the Hebrew of a line in logical order but each LRE…PDF run holds the
    *visual* (left-to-right drawn) stretch between two Hebrew words: the number or Latin
    run together with the spaces and punctuation beside it, e.g. ``<LRE> ,₪ 1,480<PDF>``
    for ``1,480 ₪, `` and ``<LRE> 15–12<PDF>`` for ``12–15 ``. Such a stretch is a tiny
    visual right-to-left line, so :func:`textrepair.letters.visual_to_logical` puts it back;
    deleting the controls alone leaves the punctuation on the wrong side of the number.
    Missing glyphs are kept. Lines without LRE runs are only stripped.
    """
    if LRE in line:
        line = _LRE_RUN_RE.sub(lambda m: visual_to_logical(m.group(1), mirrored), line)
    return strip_controls(line)[0]
