"""Page layout: the document a reader reads, built from repaired lines.

Line repair (:func:`textrepair.repair`) works line by line and keeps the line count, because
a line is what can be checked against the page. A reader sees more than lines, and PDF
extractors break that too (``DAMAGE.md`` items 8-11):

* page furniture — running headers and footers, page numbers, an editors' line — sits
  between the two halves of a sentence that runs over a page break;
* ``pdftotext -layout`` writes two columns side by side on one line, and ``pdftotext`` on a
  narrow justified column may write a line one word per line, left to right;
* an extractor emits text blocks in drawing order: the end of an article before its start,
  the title and byline last, a list of source URLs in the middle of a sentence; pdfminer
  writes the two columns of a right-to-left page left column first;
* a number, Latin run or bullet inside a Hebrew line is lifted onto a line of its own
  (pdfminer writes it after the paragraph, leaving a run of spaces where it was);
* a drop cap is a line of its own, a word is hyphenated across lines, and every paragraph
  is spread over many lines.

This stage undoes those after line repair, from document-level evidence only: form feeds,
repetition across pages, character positions, line widths, sentence ends, blank lines, and
the word-order model for the one decision that needs language (which block continues a
sentence left hanging). Nothing is tuned to a particular document: every rule is stated in
terms of that evidence, and every threshold is a named constant below.

:func:`layout` is a pure function. When it finds nothing to do (no furniture, no columns,
no displaced blocks, no broken words) and ``reflow`` is off, it returns its input unchanged,
byte for byte.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import NamedTuple

from textrepair.seams import logical_cluster
from textrepair.tokens import (
    ATTACH_LEFT,
    HEBREW_POINTS,
    STRETCH_MIN,
    evenly_spaced,
    has_hebrew,
    hebrew_count,
    split_punct,
    unpointed,
)
from textrepair.wordmodel import WordModel

__all__ = ["LayoutResult", "layout", "split_columns"]

# --------------------------------------------------------------------------- constants

# Bidi control characters take no room on the page; extractors (pdftotext -layout) emit
# them around runs. They are ignored when measuring positions and widths, never removed.
_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# A column gutter is at least this many spaces wide in every line that has text on both
# sides of it. Fragment-visual lines have gaps of two spaces; justified text has one.
_GUTTER_MIN = 3
# ... and is supported by at least this many lines, and this share of the lines between
# its first and last support, with no line crossing it in between.
_GUTTER_SUPPORT = 3
_GUTTER_SHARE = 0.3
# ... and the side a single column keeps to holds text in this share of those lines too:
# left-aligned right-to-left text (not laid out: every line starts at the left) has every
# short line on the far side, and a few lines with a number set far right (``... 4``)
# must not make a book of one page two columns.
_GUTTER_NEAR_SHARE = 0.05
# ... and the rows that hold text on both sides reach about as far on each (the narrower
# side's widest cell at least this share of the wider's): a page's columns are set to
# like widths (a sidebar of short headlines still has a full line or two), while a
# justified line's wide space before a mark drawn in another font (a sentence's end in
# pypdf's layout mode of a Chromium page) leaves a few characters on one side.
_GUTTER_BALANCE = 0.5
# A ragged gutter (:func:`_ragged_gutter`): each row's wide gap within this share of the
# page's width of the rows' median gap, in at least this many rows, this share of the
# stretch's non-blank rows.
_RAGGED_BAND = 0.2
_RAGGED_ROWS = 8
_RAGGED_SHARE = 0.8
# The extent given to a line that must cross every possible gutter (furniture).
_CROSS_ALL = 1 << 20
# Furniture is looked for among the first and last few non-blank lines of a page.
_EDGE_ROWS = 3
# Inferred bare page numbers are at least this many non-blank lines apart (the last page
# may be shorter); closer together they are a numbered list.
_PAGE_MIN_LINES = 5
_LAST_PAGE_MIN_LINES = 2
# A header or footer written as several short lines (see _furniture_blocks): 2 to 8
# lines each under _BLOCK_SHORT of a full line, repeated with _BLOCK_BODY full lines
# between.
_BLOCK_MIN, _BLOCK_MAX = 2, 8
_BLOCK_SHORT = 0.7
_BLOCK_BODY = 5
# A running header seen on fewer pages than this share is not trusted (and never on 1).
_REPEAT_SHARE = 0.4
# Neighbourhood (non-blank lines each side) for a line's local full width.
_WINDOW = 4
# A raw line this much shorter than the text's full lines (the median width of its Hebrew
# lines, where it has this many) ends its paragraph (``paragraph_ends``).
_SHORT_LINE = 0.75
_WIDTH_LINES = 8
# Relative lengths: a display line (title, label) is shorter than _DISPLAY of the local
# width, a heading shorter than _HEADING; a line of running text is at least _LAST.
# A line is a paragraph's last when the next line's first word would have fitted on it
# within _FIT of the local width (justified lines vary a little in length).
_DISPLAY = 0.6
_HEADING = 0.5
_LAST = 0.8
_FIT = 0.95
# ... and a line that leaves its sentence open ends its paragraph (a headline, a byline,
# a label) where it would have fitted within _OPEN_FIT of that: clearly more room than
# a line breaker leaves. On the labs' 814 extractions reflowed, source paragraphs that
# come back exactly 49.3% -> 61.7% (every producer and extractor better; at 1.0 Chromium's
# narrow columns lost: 0.51 -> 0.41).
_OPEN_FIT = 0.9
# Two stretches of lines are different boxes when their full widths differ by this ratio.
_REGIME_RATIO = 1.3
# ... and the line on the wide side of the cut is this much wider than any on the other.
_BOX_MARGIN = 1.1
# A displaced title block at the end of the text: at most this many lines and words.
_TAIL_LINES = 6
_TAIL_WORDS = 30
# A section label above the title: at most this many display lines at the start.
_LEAD_LINES = 3
# Blank lines are paragraph evidence only when at most this share of line pairs has one
# (a double-spaced extraction puts a blank line after every line).
_BLANK_SHARE = 0.5
# ... or when at most this share of them falls inside a sentence ...
_BLANK_MID = 0.1
# ... or when fewer than this share of the lines are full: a list of headlines, bylines
# and labels, a blank line after each, is one paragraph a line, while a double-spaced
# extraction's lines are mostly full lines of running text.
_BLANK_FULL_SHARE = 0.5
# A block moves to continue a dangling sentence only if the word model scores the joint
# (last word, first word) above this (nats; 0 is "as likely as chance").
_PAIR_ACCEPT = 0.0
# Columns emitted left first (pdfminer on a right-to-left page): each of the two columns
# holds at least this share of the page's rows of running text (see _rows_above): a full
# page's columns are about as tall as each other, a balanced last page's too ...
_COLUMN_MIN_SHARE = 0.4
# ... and its lines are a column's: half a page wide. A page of one column holds 70 to
# 110 characters a line (A4 or Letter, 10-12 pt), a column of two 40 to 60.
_COLUMN_MAX_WIDTH = 64
# Only boxes of at least this many lines, one of them full, are running text (a single
# line is a page header, a caption, a number lifted out of its line).
_COLUMN_BOX_LINES = 2
# Turning a page back to [right][left] costs this many nats: the word model must gain
# more from the joints that reading makes than from the ones it breaks; a cut this much
# off the middle (share of the rows, _BALANCE_PER_NAT) costs one nat more ...
_ROTATE_GAIN = 0.75
# ... or this where the extractor is known to place boxes by position, left first
# (pdfminer: its letters come out mirrored and its justified lines stretched) ...
_LEFT_FIRST_GAIN = 0.5
# ... and a page turned after a turned page gains this: an extractor emits every page
# the same way (so does, where the extractor is not known to write boxes left first, a
# page left as emitted after one left so that could have been turned; see _step).
# (2.25 until 2026-12-06 left the short last page of the held-out ud02 WeasyPrint /
# pdfminer extraction unturned after two turned pages, with a word model that never
# counted ud02: its own evidence -1.9; WER 0.129, 0.004 at 4. Nothing else of the 550
# extractions, with either model, nor of the simulated one-column pages changed.)
_TURN_AGAIN = 4.0
# A page of this many rows (gaps between boxes included) per character of line width is
# too tall for one column (see _tall) ...
_TALL = 1.3
# ... or, for a page whose text ends where a break cut it, this many: such a page is full,
# and a full page of one column holds 0.4-0.8 rows per character (see _tall). (1.0 until
# 2026-12-07: columns_eval's page-shaped two-column texts 48/80 in order, 55/80 at 0.9;
# one-column pages left alone 80/80 both ways; the labs' 910 extractions unchanged.)
_TALL_CUT = 0.9
# ... and where boxes are known to come by position, a page that shows two columns (so
# tall, or with a box in mid-page that a column break cut) gains this by being turned.
_COLUMNS_SHOWN = 2.0
# pdfminer's mark: this share of the Hebrew lines written with stretched word spaces.
_STRETCHED_SHARE = 0.05
# ... a justified line's word spaces written as even runs of at least this many spaces: 3
# or more on LibreOffice's and WeasyPrint's PDFs, 2 on Chromium's and Typst's, whose
# stretch is narrower (at 3, none of their 24 pdfminer extractions in the held-out lab
# showed the mark and every two-column page stayed left column first: WER 0.41 -> 0.09).
# Of the other extractors only PDFBox and pdftotext -layout write such lines, at most 3%
# of them, and their letters are not mirrored.
_STRETCH_RUN = 2
_BALANCE_PER_NAT = 0.1
# A column joint's word pair is weak evidence (see _joint_evidence): measured on 388 line
# joints of held-out text against 1164 random ones, the log-likelihood ratio runs from
# -0.8 at a pair score of -2.5 to +0.9 at 1.5, about 0.35 per nat, and no further.
_JOINT_WEIGHT = 0.35
_JOINT_CAP = 1.0
# A hyphen at a line end is dropped when joining only if the joined word is this common
# (wordfreq zipf) and one of the halves is not a word at all.
_JOINED_ZIPF = 2.5
# A drop cap joins the next word when the result is at least this common.
_DROP_CAP_ZIPF = 2.0

# A run of one-word lines is read as visual lines, each reversed word by word, only when
# the best such reading beats the lines as they stand by this many nats, and a visual
# line holds at most this many words.
_WORD_RUN_GAIN = 4.0
_WORD_RUN_SEGMENT = 8
# Where the extractor is known to write such runs in visual order (pdftotext), each word
# a reading joins to the next in a line is worth this many nats to it: the prior that
# the run is lines, not words. Measured on pdftotext's 50 extractions, mean WER with a
# word model that never counted the text: 0.0259 without it, 0.0211 at 1, 0.0206 at 2,
# 0.0209 at 3, 0.0220 at 5.
_VISUAL_RUN_PRIOR = 2.0
# Where the extractor is not known, its runs are taken for visual when, summed over the
# document, they read better turned than as written by this many nats (each run's score
# clipped to _RUN_VOTE_CLIP). PyMuPDF writes a justified line's stretched words a word
# per line, left to right, as pdftotext does: over the three labs, on its 20 extractions
# with three runs or more, the sum is +1.3 to +80 (the clean seeds' +1.3 to +2.2 among
# them; never negative); pdftotext's 23, -5 to +92; pdfminer's 15 (mirrored, read in
# drawn order, its runs left to the column stage) -45 to +14.
_RUN_VOTE = 8.0
_RUN_VOTE_CLIP = 10.0
# Words together no longer than this share of a full line, and too long to have taken
# the next line's first word, are one justified line (see _lines_reading).
_ONE_LINE_FIT = 1.1
# A line of at most this many words, no longer than this share of a full line, may be a
# piece of a justified line parted at its stretched spaces (see _piece).
_PIECE_WORDS = 3
_PIECE_SHARE = 0.7

# A number, Latin run or bullet an extractor lifted out of its Hebrew line onto a line of
# its own (pdfminer, ``pdftotext -raw``) goes back into the hole it left only when that
# hole is at most this many non-blank lines away ...
_LIFT_WINDOW = 4
# ... and only where leading (trailing) spaces are rare enough to mean something: at most
# this share of the text lines has them (``pdftotext -layout`` pads every line).
_HOLE_SHARE = 0.3
# What can be lifted: a number (2025, 1,200, 3.5, 2026-02-04, 20%; not a list label like
# ``1.`` or ``(2)``), a short Latin run, a bullet.
_LIFTED_NUMBER = re.compile(r"^\d+(?:[.,:/\-–]\d+)*%?$")
_LATIN_WORD = r"[A-Za-z0-9][A-Za-z0-9.,'&/@:\-]*"
_LIFTED_LATIN = re.compile(rf"^(?=[A-Za-z]){_LATIN_WORD}(?: {_LATIN_WORD}){{0,3}}$")
_LIFTED_BULLET = "•"
# A line that is one punctuation mark (and a closing quote or bracket).
_STRAY_PUNCT = re.compile(r"^[,.;:!?][\"'”’)\]]?$")
_WORD_CHAR = re.compile(r"[^\W_]")  # a letter or digit of any script
# The line a run is put back into is at most this share longer than the lines around it
# (a printed line, put together again, is no longer than its neighbours).
_LIFT_FIT = 1.1
# A Hebrew prefix and a hyphen end a line that a number must follow (``ש-`` for ``ש-69``).
_PREFIX_HYPHEN = re.compile(rf"(?:^|\s)(?:[משהוכלב][{HEBREW_POINTS}]*){{1,3}}[-־]$")
# A number and a hyphen end a line: a prefix's hyphen drawn on the number's far side
# (``ש69-``), or a range whose end was lifted away.
_NUMBER_HYPHEN = re.compile(r"\d[-־–]$")
# A bullet's hole inside a line: one run of two or more spaces where every other gap is one.
_INNER_GAP = re.compile(r" {2,}")
# What a lifted run joins without a space: an opening bracket or quote before it, and
# closing punctuation after it.
_OPENS_RUN = re.compile(r"[(\[{“„]$|(?:^|\s)\"$")
# A line's start at a number or a Latin letter.
_STARTS_LTR = re.compile(r"^[0-9A-Za-z]")
_CLOSES_RUN = frozenset(ATTACH_LEFT + ")]}”")
# A run lifted from a line's start leaves one or two spaces there (pdfminer); more, or a
# tab, is the line's indentation.
_LIFT_LEAD = re.compile(r" {1,2}\S")

# Two columns read across (pdfplumber sorts a page by height, so a line of each column at
# the same height comes out as one line): a full column line is within _HALF_TOL of the
# column width w, a merged line of two within _HALF_TOL of 2w + 1. The document is read so
# only when at least _INTERLEAVED_MIN lines sit in each cluster, the single cluster holds
# at least _INTERLEAVED_SINGLE_SHARE of both (one column cut at w/2 has few), and at most
# _INTERLEAVED_LONGER (of both clusters) are wider than two columns, at most
# _INTERLEAVED_BETWEEN fall between the clusters, and at least _INTERLEAVED_RUN_SHARE are
# column lines cut mid-sentence between lines of the clusters; the clusters' lines switch
# between them at least _INTERLEAVED_SWITCHES times down the text, or the text reads
# better two lines down than one by _READ_ACROSS_NATS a line on average, at least
# _READ_ACROSS_SIGMAS standard errors above nothing (columns set on offset baselines
# come out one line of each in turn, merging few).
_HALF_TOL = 0.15
_INTERLEAVED_MIN = 3
_INTERLEAVED_MIN_WIDTH = 8
_INTERLEAVED_SINGLE_SHARE = 0.3
# ... or this share where the extractor is known to sort lines across columns: columns on
# level baselines (Typst's) merge nearly every line, and the single ones are those below
# the left column's end on the last page (the candidate widths are then tried largest
# cluster first until one has the columns' shape: at 0.15 a narrow cluster of headline
# scraps outnumbered the columns of seed 004's LibreOffice page).
_ACROSS_SINGLE_SHARE = 0.15
# Candidate widths tried, largest cluster first: on the labs the columns are the largest
# (33 extractions) or the next (seed 004's LibreOffice page through pdfplumber). Trying
# them all read a one-column text set at many widths (the throughput benchmark's clean
# megabyte) as columns at the 63rd, and cost a shape test each (clean text with layout
# 2.1 -> 0.7 MB/s).
_WIDTH_TRIES = 3
_INTERLEAVED_LONGER = 0.1
_INTERLEAVED_BETWEEN = 0.3
_INTERLEAVED_RUN_SHARE = 0.15
_INTERLEAVED_SWITCHES = 4
_READ_ACROSS_NATS = 0.15
_READ_ACROSS_SIGMAS = 3.0
# A line among a page's first this many that is too long for one column line and
# cannot be cut into two may be a right-column heading beside a left-column line.
_TOP_HEADING_LINES = 3
# Rounds of (assign single lines to columns, cut merged lines) given each other.
_INTERLEAVED_ROUNDS = 2
# Lines above a long line that tell whether the two columns can have come level there.
_REALIGN_LINES = 4
# A half of a merged line is a column line when within _CUT_TOL of w (narrow columns vary
# more than the clusters' tolerance), or shorter and closing its paragraph.
_CUT_TOL = 0.3
# A cut of a merged line loses this many nats per column width its halves miss it by.
_MISFIT_NATS = 3.0
# ... and this many for each half that leaves room for the next word of its column (a
# line breaker fills a line before it starts the next).
_ROOM_NATS = 3.0

# Pages read across and joined with nothing between them: one column of a page holds
# 0.8-1.7 lines per character of column width (the labs' pages: 0.86-1.38; A4 or Letter
# in two columns at a usual leading, 1.0-1.5), so a taller one is more than a page. All
# pages but the last are _PAGE_FILL full (paragraph spacing varies what one holds), their
# two columns level within _PAGE_LEVEL lines and the same share.
_PAGE_ROWS_MAX = 1.7
_PAGE_ROWS_MIN = 0.8
_PAGE_FILL = 0.9
_PAGE_LEVEL = 2
# The right column alone at the last page's foot is looked for this many column heights
# above the foot (it is at most one; the search costs a reading of the run per line).
_ALONE_ROWS = 1
# One word pair tells little, and a pair of lines given to the wrong column can score -6
# or less: held within this many nats, no single pair decides where pages meet (held-out
# pages joined, 3 x 150 documents: mean WER 0.297/0.281/0.288 -> 0.294/0.274/0.285;
# Chromium's gold002 through pdfplumber 0.289 -> 0.067).
_PAGE_JOINT_CAP = 2.0
# Each break is placed at the best of the rows its page height allows, and the best of a
# few scores of weak evidence is above nothing: a break costs this many nats, or more
# pages, of a smaller height, gather more of that noise (held-out pages joined, 80 + 80
# documents: mean WER 0.268/0.249 -> 0.248/0.231; the held-out texts all joined in one,
# four page shapes: 0.40/0.18/0.52/0.41 -> 0.20/0.18/0.08/0.41; Chromium's unchanged).
_PAGE_BREAK_COST = 1.0

# A line that ends in a dash standing alone (speech broken off: ``- - -``) ends its paragraph.
_BROKEN_OFF = re.compile(r"\s[-–—]$")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[א-ת][.)]|[•\-–—*▪●◦])\s")
_TRAILING_DASHES = re.compile(r"(?:\s[-–—]){2,}$")  # words broken off: "- - -"
_CLOSERS = "\"'”’»)]}״׳"
_SENTENCE_END = re.compile(r"[.!?…](?:[" + re.escape(_CLOSERS) + r"]*)$")
_OPEN_END = re.compile(r"[,;:\-–—־]$")
_HYPHENATED = re.compile(rf"^(?P<word>.*\w[{HEBREW_POINTS}]*)(?P<hyphen>[-־\u00ad])$")
_WORD_START = re.compile(r"^\w")
_LATIN = re.compile(r"[A-Za-z]")
_URL = re.compile(r"^(?:(?:https?|ftp)://\S+|www\.\S+|\S+@\S+\.\w+|doi:\S+|\S+\.\w{2,}/\S*)$")
_DIGITS = re.compile(r"\d+")
_LETTERS = re.compile(r"[^\W\d_]{2}")
_PAGE_TOKENS = re.compile(r"\d+|[^\d\s]+")
_PAGE_WORDS = frozenset(
    {"עמוד", "עמ'", "עמ׳", "עמ", "מתוך", "page", "p.", "pp.", "of", "/", "-", "–", "—", "|", "·"}
)
_OF_WORDS = frozenset({"מתוך", "of", "/"})  # "page 3 of 10"
_EDGE_NUMBER_END = re.compile(r"^(?P<text>.*\S)(?P<sep>\s{2,}|\s*[|·•]\s*)(?P<num>\d{1,4})$")
_EDGE_NUMBER_START = re.compile(r"^(?P<num>\d{1,4})(?P<sep>\s{2,}|\s*[|·•]\s*)(?P<text>\S.*)$")
_NEWLINE = re.compile(r"(\r\n|\n|\r)")


class LayoutResult(NamedTuple):
    """The document in reading order, and the furniture lines found in it.

    ``removed`` holds ``(line, kind, text)``: the 1-based input line number, one of
    ``"page_number"``, ``"running_header"``, ``"running_footer"``, and the line as it was.
    Every furniture line is listed, also when ``keep_furniture`` kept it in the text, so a
    caller can always tell furniture from body.
    """

    text: str
    removed: list[tuple[int, str, str]]


@dataclass(frozen=True)
class _Row:
    """One input line: its 1-based number, its text (no ending, no form feed), its page."""

    n: int
    text: str
    page: int


@dataclass(frozen=True)
class _Item:
    """A unit of text being laid out: a line, a column cell, or a seam.

    ``role`` is ``body``, ``display`` (title, label, byline: never joined into a
    paragraph), ``foreign`` (a moved run of URLs or other non-Hebrew lines), ``furniture``
    or ``seam`` (a place where something was removed or moved away; it joins the blank
    lines around it into one). ``region`` tells column regions apart (-1: none); ``key``
    identifies the item through moves and edits.
    """

    n: int
    text: str
    page: int
    role: str = "body"
    region: int = -1
    key: int = -1

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_SEAM = _Item(0, "", -1, "seam")


# --------------------------------------------------------------------------- text helpers


def _plain(text: str) -> str:
    """The text without bidi controls (they take no room on the page)."""
    return _CONTROLS.sub("", text)


@lru_cache(maxsize=1 << 14)
def _norm(text: str) -> str:
    """Whitespace-collapsed plain text: what a line says, not how it was spaced."""
    return " ".join(_plain(text).split())


def line_shape(text: str) -> str:
    """A line with every number replaced by ``#`` (and its spacing and bidi controls
    dropped): running headers differ only in those."""
    return _DIGITS.sub("#", _norm(text))


@lru_cache(maxsize=1 << 14)
def _width(text: str) -> int:
    """Length of what a line says (bidi controls, extra spaces and the points of pointed
    text do not count: a point takes no room on the page)."""
    return len(unpointed(_norm(text)))


def paragraph_ends(bodies: Sequence[str]) -> Callable[[int], bool]:
    """Whether a paragraph ends with line ``k`` of a text not yet repaired (so no word
    order can be trusted, only the page): the text's last line; a line before a blank
    line, where blank lines part paragraphs; a line markedly shorter than the text's full
    lines (the last line of a justified paragraph, or a heading).

    Extractors that double-space a page (a blank line after most lines: seeds 002 and
    003) part nothing with their blank lines, but their paragraphs still end short. The
    text is measured on the first question only: line repair asks about few lines of a
    logical text, often none.
    """
    measures: list[tuple[float, bool]] = []

    def ends(k: int) -> bool:
        if not measures:
            measures.append((_full_width(bodies), _blank_lines_part(bodies)))
        full, parting = measures[0]
        if not bodies[k].strip():
            return False
        if k + 1 == len(bodies) or (parting and not bodies[k + 1].strip()):
            return True
        return full > 0 and _width(bodies[k]) < _SHORT_LINE * full

    return ends


def _full_width(bodies: Sequence[str]) -> float:
    """The width of a text's full lines: the median of its Hebrew lines' (0 when it has
    too few lines to tell)."""
    widths = sorted(_width(b) for b in bodies if has_hebrew(b))
    if len(widths) < _WIDTH_LINES:
        return 0.0
    return float(widths[len(widths) // 2])


def _listing(seq: Sequence[_Item]) -> bool:
    """Whether fewer than :data:`_BLANK_FULL_SHARE` of the body lines are full (at least
    :data:`_LAST` of the width of the longest, the 90th percentile of the Hebrew lines'
    widths): a list of headlines, bylines and labels, not running text."""
    texts = [it.text for it in seq if it.role == "body" and not it.blank]
    widths = sorted(_width(t) for t in texts if has_hebrew(t))
    if not widths:
        return False
    full = widths[(9 * len(widths)) // 10]
    return sum(w >= _LAST * full for w in widths) < _BLANK_FULL_SHARE * len(widths)


def _blank_lines_part(bodies: Sequence[str]) -> bool:
    """Whether blank lines part paragraphs in a raw text: not where a blank line follows
    most lines (a double-spaced extraction). :func:`_blanks_informative` asks the same of
    repaired lines, where it can also tell a sentence end."""
    filled = followed = 0
    for k, body in enumerate(bodies):
        if body.strip():
            filled += 1
            followed += k + 1 == len(bodies) or not bodies[k + 1].strip()
    return followed < 0.5 * filled


def _closed(text: str) -> bool:
    """True when the line ends a sentence (``.``, ``!``, ``?``, maybe inside quotes)."""
    return _SENTENCE_END.search(_norm(text)) is not None


def _open_punct(text: str) -> bool:
    """True when the line ends in a sign that announces more (comma, colon, dash)."""
    return _OPEN_END.search(_norm(text)) is not None


def _foreign(text: str) -> bool:
    """A line of Latin text with no Hebrew: a URL, a reference, an English quote."""
    t = _norm(text)
    return bool(t) and not has_hebrew(t) and _LATIN.search(t) is not None


def _is_url(text: str) -> bool:
    """A line that is one URL, e-mail address or DOI."""
    return _URL.match(_norm(text)) is not None


def _first_word(text: str) -> str:
    """The first whitespace-separated token ("" for a blank line)."""
    words = _norm(text).split()
    return words[0] if words else ""


def _last_word(text: str) -> str:
    """The last whitespace-separated token ("" for a blank line)."""
    words = _norm(text).split()
    return words[-1] if words else ""


# --------------------------------------------------------------------------- input


def _read(text: str) -> tuple[list[_Row], str, bool]:
    """Cut text into rows (form feeds start pages), the line ending to write, trailing EOL.

    A form feed inside a line (pages joined with ``\f`` by a caller whose extractor ends a
    page without a line break: ``עמוד 1 מתוך 3\fרבעון ...``) cuts it: what stands before
    it is the last row of its page, what follows the first row of the next.
    """
    parts = _NEWLINE.split(text)
    bodies, endings = parts[0::2], parts[1::2]
    trailing = bool(endings) and bodies[-1] == ""
    if trailing:
        bodies.pop()
    rows: list[_Row] = []
    page = 0
    for i, body in enumerate(bodies):
        pieces = body.split("\f")
        for k in [k for k, piece in enumerate(pieces) if piece] or [len(pieces) - 1]:
            rows.append(_Row(i + 1, pieces[k], page + k))
        page += len(pieces) - 1
    return rows, (endings[0] if endings else "\n"), trailing


# --------------------------------------------------------------------------- furniture


def _bare_page_number(text: str) -> int | None:
    """The number of a line that is only a page number (``4``, ``- 4 -``, ``עמוד 4 מתוך 9``)."""
    t = _norm(text)
    if not t or len(t) > 24:
        return None
    tokens = _PAGE_TOKENS.findall(t)
    numbers = [tok for tok in tokens if tok.isdigit()]
    if not 1 <= len(numbers) <= 2 or any(len(x) > 4 for x in numbers):
        return None
    if not all(tok.isdigit() or tok.lower() in _PAGE_WORDS for tok in tokens):
        return None
    if len(numbers) == 2 and any(tok.lower() in _OF_WORDS for tok in tokens):
        # ``עמוד 1 מתוך 2`` read in either order (``2 מתוך 1 עמוד``): the page is the
        # smaller number, the total the larger.
        return min(map(int, numbers))
    return int(numbers[0])


def _edge_page_number(text: str) -> tuple[int, str] | None:
    """(number, rest) of a line with a page number set apart at one end of a title line.

    Set apart means by a bar or by more spaces than the line's usual word space: a line
    whose word spaces are all stretched to runs (a justified line as pdfminer or pypdf's
    layout mode writes it, two columns' lines side by side among them) may begin or end
    with a number as a run away.
    """
    t = _plain(text).strip()
    for pattern in (_EDGE_NUMBER_END, _EDGE_NUMBER_START):
        m = pattern.match(t)
        if m and (has_hebrew(m["text"]) or _LATIN.search(m["text"])) and len(m["text"]) <= 160:
            sep = m["sep"]
            if sep.isspace() and len(sep) <= _usual_space(m["text"]):
                return None
            return int(m["num"]), m["text"]
    return None


def _usual_space(text: str) -> int:
    """The most common run of spaces between the words of a line (1 when it has none)."""
    runs = Counter(len(r) for r in re.findall(" +", text))
    return runs.most_common(1)[0][0] if runs else 1


def _page_number_of(text: str) -> int | None:
    """The page number a line carries, bare or set apart from a title; else None."""
    bare = _bare_page_number(text)
    if bare is not None:
        return bare
    edge = _edge_page_number(text)
    return edge[0] if edge else None


def _kind(text: str, top: bool) -> str:
    """The furniture kind of a line found at the top (``top``) or bottom of a page."""
    if _bare_page_number(text) is not None:
        return "page_number"
    return "running_header" if top else "running_footer"


def _repeat_key(text: str) -> str:
    """What a running header's line keeps from page to page: its :func:`line_shape`, or for
    a line that is little more than a number, the line itself (a year or an issue number
    set apart from the title repeats unchanged; a page number does not)."""
    shape = line_shape(text)
    return shape if len(shape) >= 3 else "=" + _norm(text)


def _edge(rows: Sequence[_Row], idx: Sequence[int]) -> list[int]:
    """The lines of a page's edge, outermost first: :data:`_EDGE_ROWS` lines, not
    counting bare page numbers (an extractor may write a header's date, issue number
    and title as boxes of their own)."""
    out: list[int] = []
    counted = 0
    for i in idx:
        if counted == _EDGE_ROWS:
            break
        out.append(i)
        counted += _bare_page_number(rows[i].text) is None
    return out


def _furniture_by_pages(rows: Sequence[_Row]) -> dict[int, str]:
    """Furniture of a document whose pages are known (form feeds).

    A page's outermost non-blank lines (:func:`_edge`) are furniture when they are page
    numbers or a title line with a page number set apart (among the first
    :data:`_EDGE_ROWS`: a number further in is more likely one an extractor lifted out
    of the first line of the body), or a line repeated at the same edge of other pages
    (:func:`_repeat_key`): a running header at the top, a footer at the foot; a short
    line of the body may open one page and close another. The search goes inward from
    each edge and stops at the first line that is none of those, so body text is never
    taken from between two furniture lines.
    """
    pages: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        if row.text.strip():
            pages.setdefault(row.page, []).append(i)
    edges = {page: (_edge(rows, idx), _edge(rows, idx[::-1])) for page, idx in pages.items()}
    need = max(2, math.ceil(_REPEAT_SHARE * len(pages)))
    repeated: list[set[str]] = []
    for side in (0, 1):
        zone_pages: dict[str, set[int]] = {}
        for page, sides in edges.items():
            for i in sides[side]:
                zone_pages.setdefault(_repeat_key(rows[i].text), set()).add(page)
        repeated.append({s for s, ps in zone_pages.items() if len(ps) >= need})
    found: dict[int, str] = {}
    for sides in edges.values():
        for side, top in ((0, True), (1, False)):
            for depth, i in enumerate(sides[side]):
                text = rows[i].text
                if i in found:
                    break
                number = depth < _EDGE_ROWS and _page_number_of(text) is not None
                if not number and _repeat_key(text) not in repeated[side]:
                    break
                found[i] = _kind(text, top)
    return found


def _furniture_inferred(rows: Sequence[_Row]) -> dict[int, str]:
    """Furniture of a document without form feeds: page breaks are inferred from it.

    Page-number lines (bare, or set apart at the end of a title line) are furniture when
    lines of one shape carry increasing numbers through the document, or when a single one
    sits at the document's top or bottom edge. Lines repeated right next to furniture (or
    first or last in the text) everywhere they occur are running headers/footers, and so
    are the few short lines past a page number at the very top or bottom of the document
    (an editors' line). Headers and footers written as several short lines are found as
    blocks that repeat (:func:`_furniture_blocks`), and lines repeated next to them are
    furniture as well.
    """
    nb = [i for i, row in enumerate(rows) if row.text.strip()]
    if not nb:
        return {}
    pos = {i: k for k, i in enumerate(nb)}
    edge_top, edge_bottom = set(nb[:_EDGE_ROWS]), set(nb[-_EDGE_ROWS:])
    edge = edge_top | edge_bottom
    groups: dict[str, list[tuple[int, int]]] = {}
    for i in nb:
        number = _page_number_of(rows[i].text)
        if number is not None:
            groups.setdefault(line_shape(rows[i].text), []).append((i, number))
    accepted: set[int] = set()
    groups_of = {i: [j for j, _ in members] for members in groups.values() for i, _ in members}
    for shape, members in groups.items():
        numbers = [num for _, num in members]
        steps = [pos[b] - pos[a] for (a, _), (b, _) in pairwise(members)]
        apart = bool(steps) and min(steps[:-1], default=_PAGE_MIN_LINES) >= _PAGE_MIN_LINES
        apart = apart and steps[-1] >= _LAST_PAGE_MIN_LINES
        plain_numbers = shape == "#"  # "עמוד # מתוך #", "- # -", a title: never a list
        pairs = list(pairwise(numbers))
        rising = all(_next_page(a, b) for a, b in pairs) and any(b > a for a, b in pairs)
        rising = rising and (apart or not plain_numbers)
        if rising:
            accepted.update(i for i, _ in members)
        elif len(members) == 1 and members[0][1] < 1000 and members[0][0] in edge:
            accepted.add(members[0][0])
    blocks = _furniture_blocks(rows)
    if not accepted and not blocks:
        return {}
    found: dict[int, str] = dict.fromkeys(accepted | blocks.keys(), "")
    # Repeated lines that occur only right next to furniture (or first / last in the text).
    shapes: dict[str, list[int]] = {}
    for i in nb:
        if i not in accepted:
            shapes.setdefault(line_shape(rows[i].text), []).append(i)
    outermost = {0, len(nb) - 1}
    grew = True
    while grew:
        grew = False
        near = {pos[f] for f in found}
        for shape, occurrences in shapes.items():
            new = [i for i in occurrences if i not in found]
            if len(occurrences) < 2 or len(shape) < 3 or not new:
                continue
            if all(pos[i] in outermost or pos[i] - 1 in near or pos[i] + 1 in near for i in new):
                found.update(dict.fromkeys(new, ""))
                grew = True
    # Short lines beyond a page number at the very top or bottom of the document.
    widths = sorted(_width(rows[i].text) for i in nb)
    full = widths[int(0.75 * (len(widths) - 1))]
    outer: list[tuple[int, list[int], set[int]]] = []
    if accepted:
        lowest, highest = min(accepted, key=pos.__getitem__), max(accepted, key=pos.__getitem__)
        outer = [
            (highest, [i for i in nb if pos[i] > pos[highest]], edge_top),
            (lowest, [i for i in nb if pos[i] < pos[lowest]], edge_bottom),
        ]
    for f, beyond, other_edge in outer:
        if f not in edge or not beyond or len(beyond) > 2:
            continue
        if any(i in other_edge for i in groups_of[f]):
            continue  # page numbers at the other edge too: this one opens (closes) a page
        if all(_width(rows[i].text) < 0.7 * full for i in beyond):
            for i in beyond:
                found[i] = ""
    # Name each: header above its page's first body line, footer below the last.
    out: dict[int, str] = {}
    for i in found:
        if i in blocks:
            out[i] = blocks[i]
            continue
        k = pos[i]
        before = any(j not in found for j in nb[:k])
        after = any(j not in found for j in nb[k + 1 :])
        if not before:
            top = True
        elif not after:
            top = False
        else:
            # In a cluster between two pages: what follows the page number opens a page.
            cluster_start = k
            while cluster_start > 0 and nb[cluster_start - 1] in found:
                cluster_start -= 1
            first_number = next((m for m in range(cluster_start, len(nb)) if nb[m] in accepted), k)
            top = k > first_number
        out[i] = _kind(rows[i].text, top)
    return out


def _next_page(a: int, b: int) -> bool:
    """Whether page number ``b`` can follow ``a``: a few pages on (a page may carry no
    number, or lose it to the extractor), or back to 1 where the next of several merged
    documents begins (a court file, an archive's bundle: each numbered on its own)."""
    return 0 < b - a <= 3 or (b == 1 and a > 1)


def _furniture_blocks(rows: Sequence[_Row]) -> dict[int, str]:
    """Furniture of a document without form feeds, written as blocks of short lines.

    pdfminer writes a running header or footer as several boxes, each a line of its own
    (``2026`` / ``מרץ |`` / ``7`` / ``רבעון הטקסט העברי | גיליון``; ``2`` / ``מתוך`` /
    ``1`` / ``עמוד``): its numbers fall among the page numbers, so they rise through the
    text no longer, and no line of it is a page number by itself. Such a block is found
    as it repeats: :data:`_BLOCK_MIN` to :data:`_BLOCK_MAX` consecutive short lines
    whose shapes (numbers aside, :func:`line_shape`) come again at least twice, with at
    least :data:`_BLOCK_BODY` full lines of body between one time and the next, holding a
    number and a word, and among the text's first or last :data:`_EDGE_ROWS` lines once
    (a header opens the first page, a footer closes the last: blocks repeated only inside
    the text are a list's or a form's). A block that opens the text is a header, else a
    footer.
    """
    nb = [i for i, row in enumerate(rows) if row.text.strip()]
    if len(nb) < 2 * _BLOCK_BODY:
        return {}
    widths = sorted(_width(rows[i].text) for i in nb)
    full = widths[int(0.75 * (len(widths) - 1))]
    keys = [line_shape(rows[i].text) for i in nb]
    short = [_width(rows[i].text) < _BLOCK_SHORT * full for i in nb]
    body_before = list(accumulate((not s for s in short), initial=0))
    # Blocks lie inside stretches of short lines: (start, end) of each.
    stretches: list[tuple[int, int]] = []
    for k, is_short in enumerate(short):
        if is_short and stretches and stretches[-1][1] == k:
            stretches[-1] = (stretches[-1][0], k + 1)
        elif is_short:
            stretches.append((k, k + 1))
    taken: set[int] = set()
    found: dict[int, str] = {}
    for size in range(_BLOCK_MAX, _BLOCK_MIN - 1, -1):
        starts: dict[tuple[str, ...], list[int]] = {}
        for first, end in stretches:
            for s in range(first, end - size + 1):
                block = keys[s : s + size]
                if taken.intersection(range(s, s + size)):
                    continue
                if "#" in "".join(block) and any(_LETTERS.search(k) for k in block):
                    starts.setdefault(tuple(block), []).append(s)
        for at in starts.values():
            kept = [at[0]]
            for s in at[1:]:
                if body_before[s] - body_before[kept[-1] + size] >= _BLOCK_BODY:
                    kept.append(s)
            # A running header opens the text, a running footer closes it (the last
            # page may be short).
            if at[-1] + size > len(nb) - _EDGE_ROWS and kept[-1] != at[-1]:
                kept.append(at[-1])
            edge = kept[0] < _EDGE_ROWS or kept[-1] + size > len(nb) - _EDGE_ROWS
            if len(kept) < 2 or not edge:
                continue
            kind = "running_header" if kept[0] < _EDGE_ROWS else "running_footer"
            for s in kept:
                taken.update(range(s, s + size))
                for k in range(s, s + size):
                    text = rows[nb[k]].text
                    found[nb[k]] = "page_number" if _bare_page_number(text) is not None else kind
    return found


def _find_furniture(rows: Sequence[_Row]) -> dict[int, str]:
    """Row index -> furniture kind, using form-feed pages when there are at least two."""
    pages = {row.page for row in rows if row.text.strip()}
    if len(pages) >= 2:
        return _furniture_by_pages(rows)
    return _furniture_inferred(rows)


def _inferred_pages(rows: Sequence[_Row], furniture: dict[int, str]) -> list[int]:
    """Page of each row: form-feed pages, or a new page after each furniture cluster."""
    if len({row.page for row in rows}) >= 2:
        return [row.page for row in rows]
    pages: list[int] = []
    page = 0
    in_cluster = False
    seen_body = False
    for i, row in enumerate(rows):
        if i in furniture:
            in_cluster = True
        elif row.text.strip():
            if in_cluster and seen_body:
                page += 1
            in_cluster = False
            seen_body = True
        pages.append(page)
    return pages


# --------------------------------------------------------------------------- columns


class _Geometry(NamedTuple):
    """Where a line has text (plain-text positions) and its wide gaps; ``stretched``: the
    widest run of a line whose every word space is one (see :func:`_geometry`)."""

    start: int
    end: int
    gaps: list[tuple[int, int]]
    stretched: tuple[tuple[int, int], ...] = ()


def _geometry(text: str) -> _Geometry | None:
    """Extent and wide inner gaps of a line (None for a blank line).

    A line whose word spaces are all one wide run (a justified line as pdfminer writes
    it) has no gaps: its runs support no gutter. Its one run wider than the others, if
    it has one, is kept apart as ``stretched``: it may be where a gutter is (a column's
    stretched line beside a word of the other, the two gaps alike but for a space), so
    a gutter there crosses no text. Where every run is as wide, none is kept: a column
    of such lines must still cut short a gutter that its runs line up with by chance.
    """
    plain = _plain(text)
    stripped = plain.strip(" ")
    if not stripped.strip():
        return None
    start = len(plain) - len(plain.lstrip(" "))
    end = start + len(stripped)
    gaps = [
        (m.start(), m.end())
        for m in re.finditer(f" {{{_GUTTER_MIN},}}", plain)
        if start < m.start() and m.end() < end
    ]
    if _evenly_spaced(plain[start:end]):
        return _Geometry(start, end, [], _widest(gaps))
    return _Geometry(start, end, gaps)


def _widest(runs: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The one run wider than all the others, if there is one (else none)."""
    widths = sorted((b - a for a, b in runs), reverse=True)
    if len(widths) < 2 or widths[0] == widths[1]:
        return ()
    return tuple(r for r in runs if r[1] - r[0] == widths[0])


def stretches_spaces(text: str) -> bool:
    """Whether :data:`_STRETCHED_SHARE` of the lines of ``text`` that hold Hebrew are
    evenly spaced with runs of :data:`_STRETCH_RUN` spaces or more: the mark of an
    extractor that rebuilds lines from the glyphs' positions, writing a justified line's
    wide word spaces as runs of spaces (pdfminer; none of mutool, pdfplumber, pdftotext,
    pypdf or PyMuPDF in the fixtures does). Such an extractor orders a page's text boxes
    by position: left column first."""
    lines = [line for line in text.splitlines() if has_hebrew(line)]
    stretched = sum(_evenly_spaced(_plain(line).strip(), _STRETCH_RUN) for line in lines)
    return bool(lines) and stretched >= _STRETCHED_SHARE * len(lines)


def _evenly_spaced(text: str, least: int = STRETCH_MIN) -> bool:
    """Whether every space between the words of a line is a run of ``least`` spaces or
    more and they are all alike (:func:`textrepair.tokens.evenly_spaced`): pdfminer writes
    a justified line's stretched word spaces as runs of spaces, the same run between every
    two words."""
    return evenly_spaced([len(m) for m in re.findall(" +", text)], least)


def _mark(g: _Geometry, p: int) -> int:
    """1: the row supports a gutter at ``p`` (inside a wide gap), 2: crosses it (inside
    its text), 0: neutral (all its text on one side, or ``p`` in a stretched line's
    wide space). Asked position by position, not
    laid out as a grid: a page's rows times its widest line is too much to hold."""
    if not g.start <= p < g.end or any(a <= p < b for a, b in g.stretched):
        return 0
    return 1 if any(a <= p < b for a, b in g.gaps) else 2


def _find_gutter(
    geoms: Sequence[_Geometry | None], texts: Sequence[str]
) -> tuple[int, int, int] | None:
    """(position, first row, last row) of the best-supported gutter among these rows.

    A row supports position ``p`` when ``p`` is inside one of its wide gaps, crosses it
    when ``p`` is inside its text but not in a wide gap, and is neutral otherwise (all its
    text on one side). A gutter is a position supported by many rows of a stretch that no
    row crosses: a wide gap at a consistent position across many consecutive lines. Ties go
    to the leftmost position; :func:`_center_gutter` then centres it.

    A neutral row on the side a single column never leaves alone counts with the
    supporting ones: the text lines up with the far margin, so a right-to-left line ends
    there and one wholly left of ``p`` is a left column's (an LTR line, a right column's).
    Columns set on offset baselines come out so, each row one column's line
    (``pdftotext -layout`` of weasyprint's columns), with few rows holding both.
    ``texts`` are the rows' texts, which tell the direction.
    """
    width = max((g.end for g in geoms if g and g.end < _CROSS_ALL), default=0)
    if width == 0 or sum(1 for g in geoms if g and g.gaps) < _GUTTER_SUPPORT:
        return None
    rtl = _right_to_left(texts)
    # The edge of a row's text facing the far side (see above): its end, right to left.
    edges = [0 if g is None else g.end if rtl else g.start for g in geoms]
    # Only a position inside a wide gap of enough rows can gather enough support.
    support = Counter(q for g in geoms if g for a, b in g.gaps for q in range(a, b))
    candidates = sorted(q for q, n in support.items() if n >= _GUTTER_SUPPORT)
    best: tuple[int, int, int, int] | None = None  # (support, position, first, last)
    for p in candidates:
        if not 0 < p < width:
            continue
        supports: list[int] = []
        away = near = 0
        begin = 0
        for k, g in enumerate(geoms):
            if g is None:
                continue
            mark = _mark(g, p)
            if mark == 2:
                best = _better(best, supports, away, near, geoms, begin, k - 1, p)
                supports, away, near, begin = [], 0, 0, k + 1
            elif mark == 1:
                supports.append(k)
            elif (edges[k] <= p) if rtl else (edges[k] >= p):
                away += 1
            else:
                near += 1
        best = _better(best, supports, away, near, geoms, begin, len(geoms) - 1, p)
    if best is None:
        return None
    return _center_gutter(geoms, width, best[1], best[2], best[3]), best[2], best[3]


def _better(
    best: tuple[int, int, int, int] | None,
    supports: list[int],
    away: int,
    near: int,
    geoms: Sequence[_Geometry | None],
    begin: int,
    end: int,
    p: int,
) -> tuple[int, int, int, int] | None:
    """The better of ``best`` and the stretch ``begin..end`` (no row crosses ``p`` in it).

    The stretch must have enough supporting rows; with the rows ``away`` on the far side
    alone a fair share of its non-blank rows, and with those ``near``, on the near side
    alone, a smaller one. It is trimmed to its non-blank rows, keeping the one-sided
    rows above and below the supporting ones (the start of the right column, the end of
    the left one).
    """
    if len(supports) < _GUTTER_SUPPORT:
        return best
    rows = [k for k in range(begin, end + 1) if geoms[k] is not None]
    if len(supports) + away < _GUTTER_SHARE * len(rows):
        return best
    if len(supports) + near < _GUTTER_NEAR_SHARE * len(rows):
        return best
    if not _balanced([geoms[k] for k in supports], [p] * len(supports)):
        return best
    if best is None or len(supports) > best[0]:
        return (len(supports), p, rows[0], rows[-1])
    return best


def _balanced(rows: Sequence[_Geometry | None], cuts: Sequence[int]) -> bool:
    """Whether rows cut inside a wide gap each (row ``k`` at ``cuts[k]``) reach about as
    far on the two sides of their gutter."""
    left: list[int] = []
    right: list[int] = []
    for g, q in zip(rows, cuts, strict=True):
        if g is None:
            continue
        a, b = next((a, b) for a, b in g.gaps if a <= q < b)
        left.append(a - g.start)
        right.append(g.end - b)
    narrow, wide = sorted((max(left), max(right)))
    return narrow >= _GUTTER_BALANCE * wide


def _center_gutter(
    geoms: Sequence[_Geometry | None], width: int, p: int, first: int, last: int
) -> int:
    """The middle of the widest run of positions around ``p`` that serve as the gutter.

    A position serves when no row of the stretch crosses it and every row that supports
    ``p`` supports it too: moving the cut there changes nothing but makes it central.
    """
    rows = [g for g in geoms[first : last + 1] if g is not None]
    support = [g for g in rows if _mark(g, p) == 1]

    def serves(q: int) -> bool:
        return (
            0 <= q < width
            and all(_mark(g, q) != 2 for g in rows)
            and all(_mark(g, q) == 1 for g in support)
        )

    lo = hi = p
    while serves(lo - 1):
        lo -= 1
    while serves(hi + 1):
        hi += 1
    return (lo + hi + 1) // 2


def _cut(text: str, p: int) -> tuple[str, str]:
    """Split a line at plain-text position ``p`` (bidi controls do not count)."""
    seen = 0
    for idx, ch in enumerate(text):
        if _CONTROLS.match(ch):
            continue
        if seen == p:
            return text[:idx], text[idx:]
        seen += 1
    return text, ""


def _right_to_left(texts: Sequence[str]) -> bool:
    """Whether a region reads right to left: more Hebrew letters than Latin ones."""
    hebrew = sum(map(hebrew_count, texts))
    return hebrew >= sum(_LATIN.subn("", text)[1] for text in texts)


def _page_geometry(items: Sequence[_Item]) -> list[_Geometry | None]:
    """Geometry of each row; furniture crosses every gutter, blank rows have none."""
    return [
        _Geometry(0, _CROSS_ALL, []) if it.role == "furniture" else _geometry(it.text)
        for it in items
    ]


def _known_gutter(
    geoms: Sequence[_Geometry | None], known: Sequence[int]
) -> tuple[int, int, int] | None:
    """A gutter of another page that this page's rows leave open (a short last page).

    A page with few two-sided rows cannot show a gutter by itself; the gutter found on the
    other pages of the document can still be used when no row crosses it and there is text
    on both sides of it.
    """
    rows = [k for k, g in enumerate(geoms) if g is not None and g.end < _CROSS_ALL]
    if not rows:
        return None
    first, last = rows[0], rows[-1]
    ends = [g for g in geoms[first : last + 1] if g is not None]
    for p in known:
        column = [_mark(g, p) for g in ends]
        if 2 in column:
            continue
        left_text = any(g.end <= p for g in ends)
        right_text = any(g.start >= p for g in ends)
        if 1 in column or (left_text and right_text):
            return p, first, last
    return None


def _split_region(items: list[_Item], regions: list[int], known: list[int]) -> list[_Item]:
    """Split one page's rows at column gutters, emitting each column in reading order.

    ``regions`` hands out column-region ids; ``known`` collects the gutters found so far
    (and, when given, is tried on a page that shows none of its own).
    """
    geoms = _page_geometry(items)
    found = _find_gutter(geoms, [it.text for it in items])
    if found is None and known:
        found = _known_gutter(geoms, known)
    ragged = _ragged_gutter(geoms)
    if ragged is not None and (found is None or _span(ragged) > _span(found)):
        cuts, first, last = ragged
    elif found is not None:
        p, first, last = found
        known.append(p)
        cuts = [p] * (last + 1 - first)
    else:
        return items
    right_id, left_id = regions[0], regions[0] + 1
    regions[0] += 2
    right: list[_Item] = []
    left: list[_Item] = []
    cells = [
        None if g is None else tuple(part.strip() for part in _cut(it.text, q))
        for it, g, q in zip(items[first : last + 1], geoms[first : last + 1], cuts, strict=True)
    ]
    offset = _offset_baselines([c for c in cells if c is not None])
    for it, cell in zip(items[first : last + 1], cells, strict=True):
        lpart, rpart = cell or ("", "")
        # An empty cell is a blank line of its column: vertical space, maybe a paragraph
        # end; not where the columns sit on offset baselines and the other one has a line.
        if not (offset and not lpart and rpart):
            left.append(replace(it, text=lpart, region=left_id))
        if not (offset and not rpart and lpart):
            right.append(replace(it, text=rpart, region=right_id))
    rtl = _right_to_left([it.text for it in items[first : last + 1]])
    ordered = right + left if rtl else left + right
    before = _split_region(items[:first], regions, []) if first else []
    after = _split_region(items[last + 1 :], regions, []) if last + 1 < len(items) else []
    return before + ordered + after


def _span(found: tuple) -> int:
    """How many rows a gutter found spans (its last two fields: first and last row)."""
    return found[-1] - found[-2]


def _ragged_gutter(geoms: Sequence[_Geometry | None]) -> tuple[list[int], int, int] | None:
    """(cut of each row, first row, last row) of two columns whose gutter wanders.

    An extractor that joins a row's text spans with a few spaces instead of placing them
    at their positions (PyMuPDF's ``sort=True``) writes two columns side by side with the
    gap between them moving from row to row, as long as each column's line. Such a
    stretch is read as two columns when nearly every row in it has a wide gap near the
    same place (each row is cut in the middle of its own; a row with text on one side
    only is cut at that place) and the two sides reach about as far. A row whose text
    runs across that place without a gap ends the stretch.
    """
    mids = [(a + b) // 2 for g in geoms if g for a, b in g.gaps]
    width = max((g.end for g in geoms if g and g.end < _CROSS_ALL), default=0)
    if len(mids) < _RAGGED_ROWS or width == 0:
        return None
    centre = int(statistics.median(mids))
    band = _RAGGED_BAND * width
    at: dict[int, int] = {}  # the cut of each row that does not cross the gutter
    gapped: set[int] = set()  # ... and the rows cut in a gap of their own
    for k, g in enumerate(geoms):
        near = [(a + b) // 2 for a, b in g.gaps if abs((a + b) // 2 - centre) <= band] if g else []
        if near:
            at[k] = min(near, key=lambda m: abs(m - centre))
            gapped.add(k)
        elif g is None or g.end <= centre or g.start >= centre:
            at[k] = centre
    best: list[int] = []  # the rows with a gap of the stretch with the most of them
    stretch: list[int] = []
    for k in range(len(geoms) + 1):
        if k in at:
            stretch += [k] if k in gapped else []
            continue
        best = max(best, stretch, key=len)
        stretch = []
    if len(best) < _RAGGED_ROWS:
        return None
    first, last = best[0], best[-1]
    if len(best) < _RAGGED_SHARE * sum(1 for g in geoms[first : last + 1] if g is not None):
        return None
    if not _balanced([geoms[k] for k in best], [at[k] for k in best]):
        return None
    return [at[k] for k in range(first, last + 1)], first, last


def _offset_baselines(cells: Sequence[tuple[str, ...]]) -> bool:
    """Whether a region's columns sit on offset baselines: most of its rows hold a line
    of one column only (each column's lines fall between the other's), so an empty cell
    is the other column's turn, not vertical space."""
    one = sum(1 for left, right in cells if bool(left) != bool(right))
    both = sum(1 for left, right in cells if left and right)
    return one > both


def _columns(items: list[_Item]) -> tuple[list[_Item], bool]:
    """Split side-by-side columns page by page; returns the items and whether any split.

    Pages are read twice: first each on its own, then the pages that showed no gutter are
    tried with the gutters the others showed.
    """
    pages: list[list[_Item]] = []
    for it in items:
        if pages and pages[-1][0].page == it.page:
            pages[-1].append(it)
        else:
            pages.append([it])
    regions = [0]
    known: list[int] = []
    first_pass = [_split_region(page, regions, known) for page in pages]
    out: list[_Item] = []
    split = False
    for page, new in zip(pages, first_pass, strict=True):
        if new == page and known:
            new = _split_region(page, regions, sorted(set(known)))
        split = split or new != page
        out.extend(new)
    return out, split


def split_columns(text: str) -> str:
    """Rewrite side-by-side columns (``pdftotext -layout``) as one column after another.

    Meant to run *before* line repair when the input comes from a layout-preserving
    extractor: line repair reads a wide gap as a fragment boundary and may reorder the two
    halves of a two-column line. Lines outside column regions (running headers and footers
    among them, which are never split) come back unchanged; form feeds are kept at the
    start of their page's first line.
    """
    rows, ending, trailing = _read(text)
    furniture = _find_furniture(rows)
    pages = _inferred_pages(rows, furniture)
    items = [
        _Item(r.n, r.text, pages[i], "furniture" if i in furniture else "body")
        for i, r in enumerate(rows)
    ]
    new, split = _columns(items)
    if not split:
        return text
    lines: list[str] = []
    page = rows[0].page if rows else 0
    for it in new:
        row = rows[it.n - 1]
        prefix = "\f" * (row.page - page) if row.page > page else ""
        page = max(page, row.page)
        lines.append(prefix + it.text)
    return ending.join(lines) + (ending if trailing else "")


# --------------------------------------------------------------------------- reading order


def _nonblank(seq: Sequence[_Item], roles: tuple[str, ...] = ("body",)) -> list[int]:
    """Positions of the non-blank items of these roles."""
    return [k for k, it in enumerate(seq) if it.role in roles and not it.blank]


def _local_widths(
    seq: Sequence[_Item], idx: Sequence[int], typical: bool = False
) -> dict[int, float]:
    """Full width around each line: the longest of its neighbours (and itself).

    With ``typical`` the median instead: what most lines around are, so that a few lines
    of a wider box nearby do not make a whole narrow box look short. Neighbours are looked
    for only within the same block, not across a seam (the edge of a block moved by
    :func:`_tail_display` or :func:`_rotate`, often set to another width).
    """
    pick = statistics.median if typical else max
    out: dict[int, float] = {}
    segment: list[int] = []

    def close() -> None:
        widths = [_width(seq[k].text) for k in segment]
        for m, k in enumerate(segment):
            out[k] = pick(widths[max(0, m - _WINDOW) : m + _WINDOW + 1])
        segment.clear()

    for k in idx:
        if segment:
            prev = segment[-1]
            if any(it.role == "seam" for it in seq[prev + 1 : k]):
                close()
        segment.append(k)
    close()
    return out


def _blanks_informative(seq: Sequence[_Item]) -> bool:
    """True when blank lines can mean a paragraph end.

    They can when they separate few line pairs, or when they (almost) never come in the
    middle of a sentence (one paragraph per line). A double-spaced extraction has one after
    every line, most of them mid-sentence. Pairs of lines with furniture or a seam between
    them are not counted: blank lines around a running header are page margins.
    """
    pairs = with_blank = mid_sentence = 0
    gap = touch = False
    prev: _Item | None = None
    for it in seq:
        if it.role in ("seam", "furniture"):
            touch = True
        elif it.blank:
            gap = True
        else:
            if prev is not None and not touch:
                pairs += 1
                with_blank += gap
                mid_sentence += gap and not _closed(prev.text)
            prev = it
            gap = touch = False
    if pairs == 0:
        return False
    if with_blank <= _BLANK_SHARE * pairs or mid_sentence <= _BLANK_MID * with_blank:
        return True
    return _listing(seq)


def _move_foreign(seq: list[_Item]) -> tuple[list[_Item], bool]:
    """Move runs of URL / Latin lines that interrupt a Hebrew sentence to their page's end.

    The run (two lines or more) sits between a full Hebrew line that does not end its
    sentence and more Hebrew text: it was printed apart (a source list, a footnote area)
    and the extractor emitted it where it came in the content stream. It goes to the end
    of the page it was printed on, where notes belong (not to the end of a long text: an
    extractor emits a page's boxes out of order, never a box on another page).
    """
    idx = _nonblank(seq)
    widths: dict[int, float] | None = None  # measured when a run is found
    moved: list[_Item] = []
    drop: set[int] = set()
    m = 0
    while m < len(idx):
        if not _foreign(seq[idx[m]].text):
            m += 1
            continue
        end = m
        while end + 1 < len(idx) and _foreign(seq[idx[end + 1]].text):
            end += 1
        run = [idx[j] for j in range(m, end + 1)]
        prev_ok = m > 0 and has_hebrew(seq[idx[m - 1]].text) and not _closed(seq[idx[m - 1]].text)
        if prev_ok:
            widths = widths or _local_widths(seq, idx)
            prev_ok = _full(seq, idx[m - 1], widths)  # running text, not a dateline
        next_ok = end + 1 < len(idx) and has_hebrew(seq[idx[end + 1]].text)
        listy = len(run) >= 2  # one URL alone is a long word the line could not hold
        if prev_ok and next_ok and listy:
            for k in range(run[0], run[-1] + 1):
                drop.add(k)
                if not seq[k].blank:
                    moved.append(replace(seq[k], role="foreign"))
        m = end + 1
    if not moved:
        return seq, False
    out: list[_Item] = []
    for k, it in enumerate(seq):
        if k in drop:
            if k == min(drop) or k - 1 not in drop:
                out.append(_SEAM)
            continue
        out.append(it)
    return _at_page_ends(out, moved), True


def _at_page_ends(seq: list[_Item], moved: list[_Item]) -> list[_Item]:
    """``seq`` with each of the ``moved`` items after the last item of its page."""
    last = {it.page: k for k, it in enumerate(seq) if it.role != "seam"}
    after: dict[int, list[_Item]] = {}
    for it in moved:
        after.setdefault(last.get(it.page, len(seq) - 1), []).append(it)
    out: list[_Item] = []
    for k, it in enumerate(seq):
        out.append(it)
        if k in after:
            out.extend([_SEAM, *after[k]])
    return out


def _one_page(seq: Sequence[_Item]) -> bool:
    """Whether the text is one page. A text's last lines and its first are one page's
    boxes only then: an extractor emits a page's boxes out of order, never a box of
    another page, so in a longer text a title after the last sentence, or an end before
    the start, is no box it misplaced (in a concatenation of articles, each has both)."""
    return len({it.page for it in seq if it.role != "seam"}) <= 1


def _tail_display(seq: list[_Item]) -> tuple[list[_Item], bool]:
    """Move a title/byline block printed after a sentence it interrupts to the top.

    The block: the last few lines of the text (two or more: one short line after a full
    one is how a paragraph ends, with or without its full stop), none ending a sentence,
    the first of them short (a display line), right after a full line of running text
    whose sentence is not finished. Where blank lines part paragraphs, the short line
    must not be the last of its block: that too is how a paragraph ends. The block holds
    a blank line (a title and a byline are boxes of their own; one block of short lines
    is the end of a paragraph and a signature; in a double-spaced text a blank line
    tells nothing, and nothing is moved), and it is no list (items after a line
    that ends with a colon). A title does not continue an unfinished sentence; an
    extractor that emits blocks in drawing order put it there. It goes first, after any
    short label lines the text opens with. Only in a text of one page (:func:`_one_page`).
    """
    idx = _nonblank(seq)
    if len(idx) < 2 * _TAIL_LINES or not _blanks_informative(seq) or not _one_page(seq):
        return seq, False
    widths = _local_widths(seq, idx)
    start = None
    for m in range(len(idx) - _TAIL_LINES, len(idx) - 1):
        first, prev = seq[idx[m]], seq[idx[m - 1]]
        if _width(first.text) >= _DISPLAY * widths[idx[m]] or _closed(first.text):
            continue
        if _box_break(seq, idx[m], idx[m + 1]):
            continue  # a short line that ends its block ends its paragraph
        if _closed(prev.text) or not has_hebrew(prev.text) or _open_punct(first.text):
            continue
        if _norm(prev.text).endswith(":") or _LIST_ITEM.match(_norm(first.text)):
            continue  # a list, announced by its colon
        if not has_hebrew(first.text) or any(_foreign(seq[k].text) for k in idx[m:]):
            continue  # sources or notes in Latin script: no title of a Hebrew text
        if not any(_box_break(seq, a, b) for a, b in pairwise(idx[m:])):
            continue  # one block: the title and byline are boxes of their own
        if not _running(seq, idx, widths, m - 1):
            continue  # the line before is no running text (a list of short items)
        tail = [seq[k] for k in idx[m:]]
        if any(_closed(it.text) for it in tail):
            continue
        if sum(len(_norm(it.text).split()) for it in tail) > _TAIL_WORDS:
            continue
        start = m
        break
    if start is None:
        return seq, False
    block = [replace(it, role="display") for it in seq[idx[start] :]]
    rest = seq[: idx[start]]
    lead = 0
    rest_idx = _nonblank(rest)
    rest_widths = _local_widths(rest, rest_idx, typical=True)
    while lead < min(_LEAD_LINES, len(rest_idx) - 1):
        it = rest[rest_idx[lead]]
        if _width(it.text) >= _DISPLAY * rest_widths[rest_idx[lead]] or _closed(it.text):
            break
        lead += 1
    insert = rest_idx[lead - 1] + 1 if lead else 0
    head = [
        replace(it, role="display") if k in rest_idx[:lead] else it
        for k, it in enumerate(rest[:insert])
    ]
    return [*head, _SEAM, *block, _SEAM, *rest[insert:]], True


def _ends_early(line: str, following: str, width: float) -> bool:
    """Whether ``line`` stopped short: the first word of ``following`` would have fitted.

    Typesetting fills a line until the next word does not fit, so a line that ends early
    ends a paragraph (or is a heading); the slack :data:`_FIT` allows for justification.
    """
    return _width(line) + 1 + len(_first_word(following)) <= _FIT * width


def _full(seq: Sequence[_Item], k: int, widths: dict[int, float]) -> bool:
    """Whether line ``k`` is about as long as the lines around it, or was justified.

    A justified line is full however few letters it holds: in a narrow column its word
    spaces stretch a long way, and pdfminer writes them as even runs of spaces
    (:func:`_evenly_spaced`), while a paragraph's last line keeps single spaces.
    """
    text = seq[k].text
    return _width(text) >= _LAST * widths[k] or _evenly_spaced(_plain(text).strip())


def _running(seq: Sequence[_Item], idx: Sequence[int], widths: dict[int, float], m: int) -> bool:
    """Whether line ``idx[m]`` is in running text: full, and so are most lines before it."""
    before = idx[max(0, m - 3) : m]
    if not _full(seq, idx[m], widths) or not before:
        return False
    return 2 * sum(_full(seq, k, widths) for k in before) > len(before)


def _box(widths: Sequence[int]) -> int:
    """The width a few lines are set to: the second longest of three or more (one odd line
    does not count), else the longest (short last lines of paragraphs never count)."""
    return sorted(widths)[-2] if len(widths) >= 3 else max(widths)


def _regime_change(seq: Sequence[_Item], idx: Sequence[int], m: int) -> float:
    """How strongly the lines before and after position ``m`` are set to different widths.

    0 when they are not: the widths of a few lines on each side (:func:`_box`) must differ
    by :data:`_REGIME_RATIO`, and the cut must fall where the lines themselves change: the
    line on the wide side of the cut is clearly wider than every line on the narrow side
    and than their median by the same ratio (a short line next to the cut could belong to
    either box). Otherwise the ratio.
    """
    before = [_width(seq[k].text) for k in idx[max(0, m - _WINDOW) : m]]
    after = [_width(seq[k].text) for k in idx[m : m + _WINDOW]]
    if len(before) < 2 or len(after) < 2:
        return 0.0
    wb, wa = _box(before), _box(after)
    ratio = max(wb, wa) / max(1, min(wb, wa))
    if ratio < _REGIME_RATIO:
        return 0.0
    narrow, edge = (before, after[0]) if wa > wb else (after, before[-1])
    clear = max(_BOX_MARGIN * max(narrow), _REGIME_RATIO * statistics.median(narrow))
    return ratio if edge >= clear else 0.0


def _rotate(seq: list[_Item], model: WordModel, title_moved: bool) -> tuple[list[_Item], bool]:
    """Fix a text that ends mid-sentence because its opening block was emitted last.

    When the body's last line is running text that leaves its sentence unfinished, its
    continuation is the block the text starts with: the extractor emitted the end of the
    article first. That block runs up to the first sentence end where a new box begins (a
    change of line width; else a change of page or column region, or a blank line where
    blank lines mean paragraphs, and then only when a displaced title block was found
    too). The move is made when the block opens with a full line (a continuation, not a
    start) and the word model finds the joint (last word, first word of the block) better
    than chance. Only in a text of one page (:func:`_one_page`).
    """
    idx = _nonblank(seq)
    if len(idx) < 4 or not _one_page(seq):
        return seq, False
    last = seq[idx[-1]]
    if _closed(last.text) or not has_hebrew(last.text):
        return seq, False
    widths = _local_widths(seq, idx)
    if not _running(seq, idx, widths, len(idx) - 1):
        return seq, False
    informative = _blanks_informative(seq)
    cuts: list[tuple[int, float]] = []
    for m in range(1, len(idx)):
        a, b = seq[idx[m - 1]], seq[idx[m]]
        if not _closed(a.text):
            continue
        blank = any(seq[k].blank for k in range(idx[m - 1] + 1, idx[m]))
        regime = _regime_change(seq, idx, m)
        if regime or a.page != b.page or a.region != b.region or (blank and informative):
            cuts.append((m, regime))
    if not cuts:
        return seq, False
    regime_cuts = [m for m, regime in cuts if regime]
    if regime_cuts:
        cut = regime_cuts[0]
    elif title_moved:
        cut = cuts[0][0]
    else:
        return seq, False
    box = max(_width(seq[k].text) for k in idx[: min(cut, 2 * _WINDOW)])
    if cut > 1 and _ends_early(seq[idx[0]].text, seq[idx[1]].text, box):
        return seq, False  # the block opens with a short line: a start, not a continuation
    if model.pair(_last_word(last.text), _first_word(seq[idx[0]].text)) <= _PAIR_ACCEPT:
        return seq, False
    block = seq[idx[0] : idx[cut]]
    return [
        *seq[: idx[0]],
        _SEAM,
        *seq[idx[cut] : idx[-1] + 1],
        _SEAM,
        *block,
        _SEAM,
        *seq[idx[-1] + 1 :],
    ], True


# --------------------------------------------------------------------------- column rotation


class _PageSpan(NamedTuple):
    """The running text of one page: positions (in the sequence) of its non-blank lines,
    from the first line of its first box of running text to the last of its last."""

    page: int
    idx: list[int]


def _page_spans(seq: Sequence[_Item], tails: bool) -> list[_PageSpan]:
    """The running-text span of each page of body lines outside column regions.

    A page is cut into boxes at blank lines and seams (an extractor writes a blank line
    after each text box). The span runs from the first to the last box of running text
    (:data:`_COLUMN_BOX_LINES` lines or more, one of them full): boxes above it (a label,
    a title, scraps of the page header) and below it (numbers and Latin runs an extractor
    lifted out of their lines, scraps of the footer) stay where they are. With ``tails``
    (boxes are known to be the extractor's, set apart by position) a box of one line that
    ends a sentence just above the first box of running text is taken in: the last line
    of a paragraph that a column break set at the top of the left column
    (:func:`_paragraph_tail`). A box of one full line that leaves its sentence open just
    below the last box of running text is taken in too, whatever its spacing: the first
    line of a paragraph that a column break set at the foot of a column
    (:func:`_paragraph_head`).
    """
    by_page: dict[int, list[int]] = {}
    for k in _nonblank(seq):
        if seq[k].region == -1 and seq[k].page >= 0:
            by_page.setdefault(seq[k].page, []).append(k)
    spans: list[_PageSpan] = []
    for page, idx in by_page.items():
        if len(idx) < 4 or idx[-1] - idx[0] + 1 != _span_length(seq, idx):
            continue  # too short to hold two columns, or interleaved with another page
        widths = _local_widths(seq, idx)
        every = _boxes(seq, idx)
        boxes = [box for box in every if _running_box(seq, box, widths)]
        if boxes:
            top = every.index(boxes[0])
            if tails and top and _paragraph_tail(seq, every[top - 1]):
                boxes.insert(0, every[top - 1])
            bottom = every.index(boxes[-1]) + 1
            if bottom < len(every) and _paragraph_head(seq, every, bottom, widths):
                boxes.append(every[bottom])
            span = idx[idx.index(boxes[0][0]) : idx.index(boxes[-1][-1]) + 1]
            if len(span) >= 4:
                spans.append(_PageSpan(page, span))
    return spans


def _paragraph_head(
    seq: Sequence[_Item], every: Sequence[Sequence[int]], j: int, widths: dict[int, float]
) -> bool:
    """Whether box ``j`` is the first line of a paragraph that a column break cut off at
    the foot of a column: one line of Hebrew, as wide as the lines above it, that leaves
    its sentence open, with nothing but scraps (a page number) after it."""
    box = every[j]
    text = _plain(seq[box[0]].text).strip()
    if len(box) != 1 or not has_hebrew(text) or _closed(text):
        return False
    if _width(text) < _LAST * widths[box[0]]:
        return False
    return all(_scrap(seq, b, widths) for b in every[j + 1 :])


def _scrap(seq: Sequence[_Item], box: Sequence[int], widths: dict[int, float]) -> bool:
    """Whether a box is a scrap an extractor lifted out of the lines (a number, a Latin
    name, a unit): no Hebrew letter, or one line that is neither running text nor the end
    of a paragraph (:func:`_paragraph_tail`)."""
    if not any(has_hebrew(seq[k].text) for k in box):
        return True
    return len(box) == 1 and not _running_box(seq, box, widths) and not _paragraph_tail(seq, box)


def _paragraph_tail(seq: Sequence[_Item], box: Sequence[int]) -> bool:
    """Whether a box is one line of Hebrew that ends a sentence: the last line of a
    paragraph that a column break set apart at the top of a column (a title, a label or a
    scrap of the page header does not end with a sentence's end)."""
    text = seq[box[0]].text
    return len(box) == 1 and has_hebrew(text) and _closed(text)


def _running_box(seq: Sequence[_Item], box: Sequence[int], widths: dict[int, float]) -> bool:
    """Whether a box is running text: :data:`_COLUMN_BOX_LINES` lines, one of them full,
    or a single justified line of Hebrew (a paragraph's line that a column break cut
    off; a label or a scrap of the footer is not stretched to the column's width)."""
    if len(box) >= _COLUMN_BOX_LINES:
        return any(_full(seq, k, widths) for k in box)
    text = _plain(seq[box[0]].text).strip()
    return _evenly_spaced(text) and has_hebrew(text)


def _boxes(seq: Sequence[_Item], idx: Sequence[int]) -> list[list[int]]:
    """The non-blank lines ``idx`` grouped into boxes: runs with no blank line or seam."""
    boxes: list[list[int]] = []
    for k in idx:
        if boxes and not _box_break(seq, boxes[-1][-1], k):
            boxes[-1].append(k)
        else:
            boxes.append([k])
    return boxes


def _box_break(seq: Sequence[_Item], a: int, b: int) -> bool:
    """Whether a blank line or a seam separates items ``a`` and ``b``."""
    return any(it.blank or it.role == "seam" for it in seq[a + 1 : b])


def _span_length(seq: Sequence[_Item], idx: Sequence[int]) -> int:
    """Items from the first to the last of ``idx`` that are on ``idx``'s page."""
    page = seq[idx[0]].page
    return sum(1 for it in seq[idx[0] : idx[-1] + 1] if it.page == page)


class _Cut(NamedTuple):
    """A possible start of the right column: its position in the span, the position of
    the left column's last line (Latin and number scraps between them skipped), and the
    column balance there (0: the halves are as tall as each other, 1: all on one side)."""

    start: int
    end: int
    imbalance: float


def _column_cuts(
    seq: Sequence[_Item], idx: Sequence[int], widths: dict[int, float], tails: bool
) -> list[_Cut]:
    """Where the right column may start in a page span emitted left column first.

    An extractor emits each column as text boxes, so the right column starts a box of
    running text (:data:`_COLUMN_BOX_LINES` lines, one of them full) or, with ``tails``
    (boxes set apart by position), a paragraph's last line that a page break set alone
    at the column's top (:func:`_paragraph_tail`) above such a box. Boxes with no Hebrew
    letter just before it are scraps the extractor lifted out of the lines (numbers,
    Latin names), not the left column's end. Each side must hold
    :data:`_COLUMN_MIN_SHARE` of the rows (:func:`_rows_above`). ``widths``: the
    lines' :func:`_local_widths`.
    """
    position = {k: m for m, k in enumerate(idx)}
    boxes = _boxes(seq, idx)
    above = _rows_above(boxes)
    total = above[boxes[-1][-1]] + 1
    cuts: list[_Cut] = []
    for j in range(1, len(boxes)):
        box = boxes[j]
        opens = tails and _paragraph_tail(seq, box) and _running_next(seq, boxes, j, widths)
        if not (opens or _running_box(seq, box, widths)):
            continue
        back = j - 1
        while back > 0 and _scrap(seq, boxes[back], widths):
            back -= 1
        start = position[box[0]]
        left = above[box[0]] - 1  # the gap between the columns belongs to neither
        share = left / (total - 1)
        if min(share, 1 - share) >= _COLUMN_MIN_SHARE:
            cuts.append(_Cut(start, position[boxes[back][-1]], abs(1 - 2 * share)))
    return cuts


def _running_next(
    seq: Sequence[_Item], boxes: Sequence[Sequence[int]], j: int, widths: dict[int, float]
) -> bool:
    """Whether running text follows box ``j``, past the scraps an extractor lifted out of
    its first lines (pdfminer: a heading at a column's top, ``ישראל לאיראן – במי היא
    תבחר?``, then ``פואה" באירוויזיון`` cut from the line below it)."""
    nxt = j + 1
    while nxt < len(boxes) - 1 and _scrap(seq, boxes[nxt], widths):
        nxt += 1
    return nxt < len(boxes) and _running_box(seq, boxes[nxt], widths)


def _rows_above(boxes: Sequence[Sequence[int]]) -> dict[int, int]:
    """Rows of the page above each line of ``boxes``: its lines, and one row for each gap
    between boxes (the blank line an extractor writes after a box).

    Columns are balanced by height, and a heading or a paragraph's short last line
    takes a full row, as the space between paragraphs does.
    """
    above: dict[int, int] = {}
    row = 0
    for j, box in enumerate(boxes):
        row += j > 0
        for k in box:
            above[k] = row
            row += 1
    return above


def _joint(model: WordModel, before: str, after: str) -> float:
    """The word model's score of line ``after`` following line ``before`` (0 when either
    is missing or ``before`` ends its sentence: nothing to join)."""
    if not before or not after or _closed(before):
        return 0.0
    return model.pair(_last_word(before), _first_word(after))


def _joint_evidence(model: WordModel, before: str, after: str) -> float:
    """How much the word model's :func:`_joint` tells that ``after`` goes on from
    ``before``, as a log-likelihood ratio in nats.

    One word pair tells little: on text the model never counted (the held-out set, set
    in justified lines 38-64 wide), a line's real next line outscores a random line's
    start only 54% of the time, and each nat of pair score is worth about
    :data:`_JOINT_WEIGHT` nats of evidence, at most :data:`_JOINT_CAP` either way. Taken
    at face value, one unlikely pair (``ברית שמקבלת``, -1.9) outweighed a page too tall
    for one column and left a two-column page left column first.
    """
    score = _JOINT_WEIGHT * _joint(model, before, after)
    return max(-_JOINT_CAP, min(_JOINT_CAP, score))


class _Reading(NamedTuple):
    """One way to read a page span: as emitted (``cut`` None) or turned at ``cut``; the
    lines the reading starts and ends with; what the page's own joints gain by it (nats,
    less the cost of turning); and whether the page shows by itself that it was turned
    (else only a turned page before it can); ``could_turn``: the as-emitted reading of a
    page that could have been read turned."""

    cut: _Cut | None
    start: str
    end: str
    score: float
    alone: bool = True
    could_turn: bool = False


def _open(seq: Sequence[_Item], k: int, widths: dict[int, float]) -> bool:
    """Whether line ``k`` is one a column or page break cut: full and unable to end its
    paragraph."""
    return _full(seq, k, widths) and not _ends_paragraph(seq, k, widths)


def _tall(seq: Sequence[_Item], idx: Sequence[int], cut: bool = False) -> bool:
    """Whether a page holds too many rows for one column of its lines' width.

    A page's rows and the characters of its lines are tied by its shape: one column of an
    A4, Letter or book page holds 0.4 to 0.8 rows per character of line width, so a page
    of :data:`_TALL` rows per character or more is set in two columns (seen: 1.6 to 4.7
    on the two-column fixtures, 0.4 to 0.7 on full one-column pages). Rows count the
    gaps between boxes (:func:`_rows_above`); the width is what the longer lines hold.
    ``cut``: the page's text ends where a break cut it, so the page is full if it is one
    column, and :data:`_TALL_CUT` rows per character are enough (a one-page article in
    two balanced columns holds fewer rows than a full page of them, and ends mid-sentence
    at the right column's foot).
    """
    boxes = _boxes(seq, idx)
    rows = _rows_above(boxes)[boxes[-1][-1]] + 1
    widths = sorted(_width(seq[k].text) for k in idx)
    return rows >= (_TALL_CUT if cut else _TALL) * widths[(3 * len(widths)) // 4]


def _readings(
    seq: Sequence[_Item],
    span: _PageSpan,
    last_page: bool,
    model: WordModel,
    by_position: bool,
    after_turn: bool,
) -> list[_Reading]:
    """The page as emitted, and each way to turn it back from left column first.

    Read as [right][left], the page makes the joint (its last line, its first line) and
    breaks (the line before the cut, the cut's line). A cut must fall where the columns
    balance and the line before it can end the left column (:func:`_column_end`); the
    page's lines must be as narrow as a column's (:data:`_COLUMN_MAX_WIDTH`) and its last
    line hold Hebrew. Turning costs :data:`_ROTATE_GAIN` nats (:data:`_LEFT_FIRST_GAIN`
    when the extractor is known to write boxes by position, ``by_position``), and a nat
    more for each :data:`_BALANCE_PER_NAT` that the cut is off the middle.

    The left column may end where a break cut its paragraph (else nothing shows the
    column ended there: a page of one column breaks no paragraph inside it), where the
    text ends (the last page; see :func:`_column_end`) or, on a page too tall for one
    column (:func:`_tall`) whose boxes are known to come by position, anywhere. The page
    shows by itself that it was turned when its text ends where a break cut it (it goes
    on at the top of the page) or it is such a tall page; else only a turned page before
    it can show it, and where none can (``after_turn`` False) the page is read as emitted.
    """
    idx = span.idx
    first, last = seq[idx[0]].text, seq[idx[-1]].text
    readings = [_Reading(None, first, last, 0.0)]
    if not has_hebrew(last):
        return readings
    if not (by_position or after_turn) and _closed(last):
        return readings  # ends its paragraph, not tall: it cannot show it was turned
    if statistics.median(_width(seq[k].text) for k in idx) > _COLUMN_MAX_WIDTH:
        return readings  # lines as long as a page's: one column
    widths = _local_widths(seq, idx)
    cost = _LEFT_FIRST_GAIN if by_position else _ROTATE_GAIN
    joined = _joint_evidence(model, last, first) - cost
    ends_open = _open(seq, idx[-1], widths)
    tall = by_position and _tall(seq, idx, ends_open)
    alone = tall or ends_open
    if not (alone or after_turn):
        return readings  # no reading of it could be chosen: do not score the cuts
    for cut in _column_cuts(seq, idx, widths, by_position):
        end = idx[cut.end]
        if not _column_end(seq, idx, cut.end, last_page, by_position, widths):
            continue
        cut_open = not last_page and _open(seq, end, widths)  # a column break cut it
        if not (last_page or tall or cut_open):
            continue
        before, start = seq[idx[cut.start - 1]].text, seq[idx[cut.start]].text
        score = joined - _joint_evidence(model, before, start) - cut.imbalance / _BALANCE_PER_NAT
        if by_position and (tall or cut_open):
            score += _COLUMNS_SHOWN  # two columns, and boxes come left first
        readings.append(_Reading(cut, start, seq[end].text, score, alone))
    if len(readings) > 1:
        readings[0] = readings[0]._replace(could_turn=True)
    return readings


def _best_readings(
    seq: Sequence[_Item], spans: Sequence[_PageSpan], model: WordModel, by_position: bool
) -> list[_Reading]:
    """The reading of each page that makes the whole text read best.

    Pages are a chain: a page's reading decides the line the next page's reading goes on
    from, so the choice is made for all pages together (Viterbi): the score of a path is
    its pages' own scores (:func:`_readings`), the joints (end of a page as read, start of
    the next as read) of consecutive pages, and :data:`_TURN_AGAIN` for each turned page
    after a turned page (an extractor emits every page the same way). A page that does
    not show it was turned is turned only after a turned page.
    """
    last_page = max((seq[k].page for k in _nonblank(seq)), default=-1)
    paths: list[tuple[float, list[_Reading]]] = []
    for n, span in enumerate(spans):
        adjacent = bool(paths) and spans[n - 1].page + 1 == span.page
        after_turn = adjacent and any(path[-1].cut is not None for _, path in paths)
        options = _readings(seq, span, span.page == last_page, model, by_position, after_turn)
        if not adjacent:  # the first page, or a page between them
            chosen = max(paths, key=lambda p: p[0])[1] if paths else []
            paths = [(r.score, [*chosen, r]) for r in options if r.alone]
            continue
        step: list[tuple[float, list[_Reading]]] = []
        for r in options:
            reached = [(_step(model, path, r, by_position), path) for path in paths]
            score, path = max(reached, key=lambda x: x[0])
            if score > -math.inf:
                step.append((score + r.score, [*path[1], r]))
        paths = step
    return max(paths, key=lambda p: p[0])[1] if paths else []


def _step(
    model: WordModel, path: tuple[float, list[_Reading]], r: _Reading, by_position: bool
) -> float:
    """Score of a path of page readings going on to reading ``r`` of the next page: the
    joint across the page break, and :data:`_TURN_AGAIN` for a turn after a turn (an
    extractor emits every page the same way); a page that does not show it was turned
    cannot follow one that was not.

    Where nothing says the extractor writes boxes left first (not ``by_position``), a
    page left as emitted after a page left so that could have been turned gains the same:
    a bonus for turns alone made two pages that each read worse turned read better
    together (Tesseract's two-column pages, in order, turned page by page: WER 0.03 ->
    0.50). Where the extractor is known to (pdfminer), turning is what is expected.
    """
    prev = path[1][-1]
    turned = prev.cut is not None and r.cut is not None
    if not (r.alone or turned):
        return -math.inf
    same = turned or (not by_position and prev.could_turn and r.could_turn)
    return path[0] + _joint_evidence(model, prev.end, r.start) + (_TURN_AGAIN if same else 0.0)


def _column_end(
    seq: Sequence[_Item],
    idx: Sequence[int],
    m: int,
    last_page: bool,
    by_position: bool,
    widths: dict[int, float],
) -> bool:
    """Whether line ``idx[m]``, the last of a box, can be where the left column ends.

    It ends a box of several lines (a line alone is a heading, or the last line of a
    paragraph that an extractor set apart). On the text's last page it ends the text, so
    it ends a sentence; or, where boxes are known to come by position (``by_position``),
    it is at least no line that a break cut (a signature or a credit may end a text).
    """
    if m == 0 or _box_break(seq, idx[m - 1], idx[m]):
        return False
    if not last_page:
        return True
    if by_position:
        return not _open(seq, idx[m], widths)
    return _closed(seq[idx[m]].text)


def _ends_paragraph(seq: Sequence[_Item], k: int, widths: dict[int, float]) -> bool:
    """Whether line ``k`` can end a paragraph: it ends a sentence or with words broken
    off (``- - -`` in a transcript), or it is short and ends with a colon (a list
    follows) or a dash. A line that a column or page break cut is full."""
    text = _norm(seq[k].text)
    if _closed(text) or _TRAILING_DASHES.search(text):
        return True
    return (text.endswith(":") or bool(_BROKEN_OFF.search(text))) and not _full(seq, k, widths)


def _unrotate_columns(
    seq: list[_Item], model: WordModel, left_first: bool | None = None
) -> tuple[list[_Item], bool]:
    """Undo two-column pages emitted left column first (pdfminer on right-to-left pages).

    Such an extractor writes each page as [left column][right column]: the page's text
    ends mid-sentence, and the sentence goes on at the top of the page (the left
    column's first line), while the right column, in the middle of the page, goes on from
    the previous page. Each page may be read as emitted or turned at a cut
    (:func:`_readings`); the readings of all pages are chosen together
    (:func:`_best_readings`). Title and header scraps above the columns and scraps below
    them stay where they are (:func:`_page_spans`).

    ``left_first``: True when the extractor is known to place a page's boxes by
    position, left to right (``repair`` passes True for a text whose letters came out
    mirrored and whose justified lines are stretched, as pdfminer's are): pages are
    turned on less evidence, and on the evidence of the page's shape. False: it is known
    not to; nothing is turned. None: not known.
    """
    if left_first is False:
        return seq, False
    spans = _page_spans(seq, bool(left_first))
    readings = _best_readings(seq, spans, model, bool(left_first))
    cuts = [(span, r.cut.start) for span, r in zip(spans, readings, strict=True) if r.cut]
    out = list(seq)
    for span, start in reversed(cuts):
        left = seq[span.idx[0] : span.idx[start]]
        right = seq[span.idx[start] : span.idx[-1] + 1]
        out[span.idx[0] : span.idx[-1] + 1] = [_SEAM, *right, _SEAM, *left, _SEAM]
    return out, bool(cuts)


# --------------------------------------------------------------------------- lifted runs


def _rejoin_halves(seq: list[_Item], anchored: set[int]) -> tuple[list[_Item], bool]:
    """Put back together the halves of a line whose lifted run went far away.

    An extractor that writes a page's boxes left to right (pdfminer) cuts a Hebrew line
    at a number or Latin run into its left half (the line's end, a hole at its start), the
    run, and its right half (the line's start, a hole at its end), and may put the run at
    the top of the page or after the paragraph, out of :func:`_reinsert_lifted`'s reach.
    A line with a hole at its start followed in its box by one with a hole at its end
    is such a pair, written left half first (in the fixtures, 24 such pairs of pdfminer's
    read right half first, none left first); the two become one line, right half first,
    when it is no longer than the page's lines. Only for such an extractor (``repair``
    calls this when it knows one). Edge spaces show holes only where they are rare
    enough to mean something (:data:`_HOLE_SHARE`; pdfminer ends every line of Typst's
    PDFs with one); a sentence mark at a line's start and a prefix and hyphen at its end
    show them anyway.
    """
    idx = _nonblank(seq)
    if not idx:
        return seq, False
    rare = _edge_spaces_rare(seq, idx)
    full = _widest_lines(seq, idx)
    out: list[_Item] = []
    changed = False
    k = 0
    while k < len(seq):
        it = seq[k]
        nxt = seq[k + 1] if k + 1 < len(seq) else None
        width = full.get((it.page, it.region), 0)
        if nxt is not None and it.key not in anchored and _split_halves(it, nxt, width, rare):
            line = _plain(nxt.text).rstrip() + " " + _plain(it.text).lstrip()
            out.append(replace(nxt, text=line))
            changed = True
            k += 2
            continue
        out.append(it)
        k += 1
    return out, changed


def _edge_spaces_rare(seq: Sequence[_Item], idx: Sequence[int]) -> tuple[bool, bool]:
    """Whether spaces at a line's start (end) are rare enough to show a hole: at most
    :data:`_HOLE_SHARE` of the lines ``idx`` have them (``pdftotext -layout`` pads every
    line)."""
    texts = [_plain(seq[k].text) for k in idx]
    lead = sum(t[:1].isspace() for t in texts) <= _HOLE_SHARE * len(idx)
    trail = sum(t[-1:].isspace() for t in texts) <= _HOLE_SHARE * len(idx)
    return lead, trail


def _widest_lines(seq: Sequence[_Item], idx: Sequence[int]) -> dict[tuple[int, int], int]:
    """The longest of the lines ``idx`` on each (page, region): what a line put together
    again may not exceed by much (:data:`_LIFT_FIT`)."""
    full: dict[tuple[int, int], int] = {}
    for k in idx:
        where = (seq[k].page, seq[k].region)
        full[where] = max(full.get(where, 0), _width(seq[k].text))
    return full


def _split_halves(left: _Item, right: _Item, width: int, rare: tuple[bool, bool]) -> bool:
    """Whether ``left`` (a hole at its start) and then ``right`` (a hole at its end, none at
    its start) are the left and right halves of one Hebrew line (:func:`_holes`, with
    edge spaces counted as holes only where ``rare``, :func:`_edge_spaces_rare`; a
    sentence mark at the start or a prefix and hyphen at the end show one anyway),
    together no longer than ``width`` allows."""
    if left.role != "body" or right.role != "body" or left.blank or right.blank:
        return False
    if left.page != right.page or _lifted_kind(left) or _lifted_kind(right):
        return False
    a, b = _holes(left.text, *rare), _holes(right.text, *rare)
    if not (a.lead and (b.trail or b.prefix)) or b.lead:
        return False
    return _width(left.text) + 1 + _width(right.text) <= _LIFT_FIT * width


def _attach_stray_punct(seq: list[_Item], anchored: set[int]) -> tuple[list[_Item], bool]:
    """Put a punctuation mark an extractor set on a line of its own back at the end of the
    line before it.

    PyMuPDF cuts a line where a number ends it and writes the comma after the number as a
    line of its own (``... נכון ליוני 2009`` / ``,`` / ``הכניסה אליו ...``); no text has
    a line that is one comma or full stop. The line before may hold no Hebrew: a number
    or Latin run the extractor set on a line of its own (``2009`` / ``,``), which a later
    stage may join to its Hebrew. A mark with the bracket or quote it follows
    is written in drawn order (``,)`` for ``),``) and is put in reading order
    (:func:`~textrepair.seams.logical_cluster`).
    """

    def stray(prev: _Item, it: _Item) -> bool:
        return bool(_STRAY_PUNCT.match(_norm(it.text))) and _WORD_CHAR.search(prev.text) is not None

    def tail(prev: _Item, it: _Item) -> str:
        return logical_cluster(_norm(it.text))

    return _merge_with_previous(seq, anchored, stray, tail)


def _join_after_opener(seq: list[_Item], anchored: set[int]) -> tuple[list[_Item], bool]:
    """Join a line that ends with an opening bracket or quote to the next line when that
    starts with a number or Latin run: one line, cut where its direction changed.

    mutool cuts a LibreOffice line at a change of direction: ``בדם של גורמי קרישה (`` /
    ``INR>1.5) או רמות נמוכות ...``; a line breaker never leaves an opening bracket or
    quote at a line's end, so the two are one line, the mark touching what it opens.
    """

    def cut(prev: _Item, it: _Item) -> bool:
        return (
            not it.blank
            and prev.page == it.page
            and bool(_STARTS_LTR.match(_norm(it.text)))
            and _OPENS_RUN.search(_norm(prev.text)) is not None
        )

    return _merge_with_previous(seq, anchored, cut, lambda prev, it: it.text.lstrip())


def _merge_with_previous(
    seq: list[_Item],
    anchored: set[int],
    wanted: Callable[[_Item, _Item], bool],
    tail: Callable[[_Item, _Item], str],
) -> tuple[list[_Item], bool]:
    """Append each body line that ``wanted(previous, line)`` says ends the body line
    before it (not blank, not anchoring furniture) to that line: its text stripped at the
    end, then ``tail(previous, line)``; the merged line keeps the later key."""
    out: list[_Item] = []
    changed = False
    for it in seq:
        prev = out[-1] if out else None
        if (
            it.role == "body"
            and prev is not None
            and prev.role == "body"
            and not prev.blank
            and prev.key not in anchored
            and wanted(prev, it)
        ):
            out[-1] = replace(prev, text=prev.text.rstrip() + tail(prev, it), key=it.key)
            changed = True
            continue
        out.append(it)
    return out, changed


def _lifted_kind(it: _Item) -> str | None:
    """``number``, ``latin`` or ``bullet`` when body line ``it`` is only such a run."""
    if it.role != "body" or it.blank:
        return None
    t = _norm(it.text)
    if _LIFTED_NUMBER.match(t):
        return "number"
    if t == _LIFTED_BULLET:
        return "bullet"
    if _LIFTED_LATIN.match(t) and not _is_url(t):
        return "latin"
    return None


class _Holes(NamedTuple):
    """Where a line shows the hole a lifted run left: at its start (``lead``: one or two
    spaces, :data:`_LIFT_LEAD`), at its end (``trail``: spaces, or ``prefix``: a prefix
    letter and hyphen), inside (``inner``: the one wide gap of a singly spaced line)."""

    lead: bool
    trail: bool
    prefix: bool
    inner: bool


def _holes(text: str, lead_ok: bool, trail_ok: bool) -> _Holes:
    plain = _plain(text)
    core = plain.strip()
    if not has_hebrew(core):
        return _Holes(False, False, False, False)
    gaps = _INNER_GAP.findall(core)
    inner = len(gaps) == 1 and core.count(" ") == len(gaps[0]) + len(core.split()) - 2
    return _Holes(
        (lead_ok and _LIFT_LEAD.match(plain) is not None) or core[:1] in ")]},;:",
        (trail_ok and plain[-1:].isspace()) or core[-1:] in "([{",
        bool(_PREFIX_HYPHEN.search(core)),
        inner,
    )


def _join_run(left: str, run: str, right: str, kind: str, prefix: bool) -> str:
    """``left`` + ``run`` + ``right``: a number after a prefix hyphen, or a run after an
    opening bracket or quote, joins without space, and so does closing punctuation after
    the run (``קפואה (`` + ``FFP`` + ``), שהיא`` -> ``קפואה (FFP), שהיא``)."""
    head = left.rstrip()
    glued = (prefix and kind == "number") or _OPENS_RUN.search(head) is not None
    head = head + ("" if glued else " ") + run if head else run
    tail = right.lstrip()
    closing = tail[:1] in _CLOSES_RUN or (tail[:1] == '"' and not tail[1:2].isalnum())
    return head + (tail if closing else " " + tail) if tail else head


def _wrapped(seq: Sequence[_Item], texts: dict[int, str], live: list[int], k: int) -> bool:
    """Whether run line ``k`` continues a Latin run wrapped from the line above (``צילום:
    Nati`` / ``Shohat/FLASH90``) or into the line below: a line break, not a lift."""
    m = live.index(k)
    if m and not _box_break(seq, live[m - 1], k):
        words = _norm(texts[live[m - 1]]).split()
        if words and _LATIN.search(words[-1]) and not has_hebrew(words[-1]):
            return True
    if m + 1 < len(live) and not _box_break(seq, k, live[m + 1]):
        words = _norm(texts[live[m + 1]]).split()
        if words and _LATIN.search(words[0]) and not has_hebrew(words[0]):
            return True
    return False


def _prefix_open(live: list[int], runs: set[int], t: int, r: int) -> bool:
    """Whether the prefix hyphen ending line ``t`` still waits for its number: the line
    after it is not another lifted run (``ל-`` / ``WorldPride`` is filled)."""
    m = live.index(t)
    return m + 1 >= len(live) or live[m + 1] == r or live[m + 1] not in runs


def _one_box(seq: Sequence[_Item], a: int, r: int, b: int) -> bool:
    """Whether lines ``a``, ``r`` and ``b`` follow each other in one box: a run written
    between the two halves of the line it was lifted from (pdfminer writes a line's boxes
    left to right: left half, run, right half)."""
    return a < r < b and not _box_break(seq, a, r) and not _box_break(seq, r, b)


def _half_before(seq: Sequence[_Item], lines: list[int], holes: dict[int, _Holes], k: int) -> bool:
    """Whether line ``k`` (a hole at its start) is directly followed, in its box, by a line
    with a hole at its end: the two halves of one line, written left half first."""
    m = lines.index(k)
    if m + 1 >= len(lines) or _box_break(seq, k, lines[m + 1]):
        return False
    after = holes[lines[m + 1]]
    return after.trail or after.prefix


def _page_top_repeats(seq: Sequence[_Item], idx: Sequence[int]) -> set[int]:
    """Lines among the first few of their page whose text opens another page too: scraps
    of a running header the furniture rules did not take (``רבעון … | גיליון`` / ``7``).
    Their holes and numbers belong to each other, never to the body."""
    tops: dict[int, list[int]] = {}
    for k in idx:
        tops.setdefault(seq[k].page, []).append(k)
    pages_of: dict[str, set[int]] = {}
    top_lines = [k for lines in tops.values() for k in lines[: 2 * _EDGE_ROWS]]
    for k in top_lines:
        pages_of.setdefault(_norm(seq[k].text), set()).add(seq[k].page)
    return {k for k in top_lines if len(pages_of[_norm(seq[k].text)]) > 1}


def _reinsert_lifted(seq: list[_Item]) -> tuple[list[_Item], bool]:
    """Put numbers, Latin runs and bullets an extractor lifted out of a line back into it.

    A left-to-right run inside a Hebrew line is a box of its own to some extractors:
    pdfminer writes it after the paragraph, ``pdftotext -raw`` on a line of its own, and
    the halves of the line it came from show the hole — a line ending in spaces (or in a
    prefix letter and hyphen, ``הסיבה ש-``, which only a number can follow) and a line
    starting with spaces, often written left half first. A body line that is only such a
    run (:func:`_lifted_kind`) goes into the nearest hole within :data:`_LIFT_WINDOW`
    non-blank lines on its page: between the two halves of a split line (which become one
    line again), else at the end or start of one half, a bullet only between halves or
    into the one wide gap of a singly spaced line. A hole takes a run only when no other
    run is closer to it, and the line put together is no longer than the page's lines
    (:data:`_LIFT_FIT`). With no hole near, the line stays (a page number, a list label, a
    year on its own). Spaces at line edges are evidence only where they are rare
    (:data:`_HOLE_SHARE`).
    """
    idx = _nonblank(seq)
    if not idx or not any(_lifted_kind(seq[k]) for k in idx):
        return seq, False
    texts = {k: seq[k].text for k in idx}
    lead_ok, trail_ok = _edge_spaces_rare(seq, idx)
    full = _widest_lines(seq, idx)

    def nearest(s: int, r: int, runs: list[int], pos: dict[int, int]) -> bool:
        """Whether no other run still in place is closer to line ``s`` than ``r``."""
        gap = abs(pos[s] - pos[r])
        return all(
            abs(pos[s] - pos[o]) >= gap
            for o in runs
            if o != r and (seq[o].page, seq[o].region) == (seq[r].page, seq[r].region)
        )

    header = _page_top_repeats(seq, idx)
    gone: set[int] = set()
    changed = False
    while True:
        live = [k for k in idx if k not in gone]
        pos = {k: m for m, k in enumerate(live)}  # runs put back no longer count
        runs = [
            k
            for k in live
            if k not in header
            and _lifted_kind(replace(seq[k], text=texts[k]))
            and not _wrapped(seq, texts, live, k)
        ]
        run_set = set(runs)
        lines = [k for k in live if k not in run_set and k not in header]
        holes = {k: _holes(texts[k], lead_ok, trail_ok) for k in lines}
        best: tuple[tuple[int, int, int], int, int | None, int | None, bool] | None = None
        for r in runs:
            kind = _lifted_kind(replace(seq[r], text=texts[r]))
            near = [
                k
                for k in lines
                if abs(pos[k] - pos[r]) - 1 <= _LIFT_WINDOW
                and seq[k].page == seq[r].page
                and seq[k].region == seq[r].region
            ]

            def dist(*ks: int, r: int = r, pos: dict[int, int] = pos) -> tuple[int, int]:
                gaps = [abs(pos[k] - pos[r]) - 1 for k in ks]
                return min(gaps), sum(gaps)

            options: list[tuple[tuple[int, int, int], int | None, int | None, bool]] = []
            for a, b in pairwise(lines):
                if a not in near or b not in near:
                    continue
                for t, ln in ((a, b), (b, a)):
                    ht = holes[t]
                    if t == a and _box_break(seq, a, b) and _half_before(seq, lines, holes, b):
                        continue  # ``ln`` is the left half of the line that follows it
                    if holes[ln].lead and (ht.trail or (ht.prefix and kind == "number")):
                        near_gap, both_gaps = dist(a, b)
                        prefix = ht.prefix and not ht.trail
                        rank = -2 if both_gaps == 0 and _one_box(seq, a, r, b) else 0
                        options.append(((near_gap, rank, both_gaps), t, ln, prefix))
            for k in near:
                h = holes[k]
                if kind == "bullet":
                    if h.inner and dist(k)[0] == 0:
                        options.append(((0, 0, 0), k, k, False))
                    continue
                if h.prefix and kind == "number":
                    options.append(((dist(k)[0], 1, 0), k, None, True))
                if h.trail:
                    rank = 2
                    if pos[k] == pos[r] + 1 and not _box_break(seq, r, k):
                        rank = -1  # same box, written just before: left of the line's end
                    options.append(((dist(k)[0], rank, 0), k, None, False))
                if h.lead:
                    options.append(((dist(k)[0], 2, 0), None, k, False))
            for key, t, ln, prefix in options:
                if prefix and t is not None and not _prefix_open(live, run_set, t, r):
                    continue  # a run right after the hyphen already fills it
                joined = sum(_width(texts[k]) + 1 for k in {t, ln, r} if k is not None)
                if joined > _LIFT_FIT * full[seq[r].page, seq[r].region]:
                    continue
                if not all(nearest(k, r, runs, pos) for k in {t, ln} if k is not None):
                    continue  # another run is closer to the hole: the evidence is not clear
                if best is None or key < best[0]:
                    best = (key, r, t, ln, prefix)
        if best is None:
            break
        _, r, t, ln, prefix = best
        kind = _lifted_kind(replace(seq[r], text=texts[r])) or ""
        run = _norm(texts[r])
        if t is not None and t == ln:  # a bullet into the line's one wide gap
            core = _plain(texts[t]).strip()
            texts[t] = _INNER_GAP.sub(" " + run + " ", core, count=1)
        elif t is not None and ln is not None:
            at, other = min(t, ln), max(t, ln)
            texts[at] = _join_run(texts[t], run, texts[ln], kind, prefix)
            gone.add(other)
        elif t is not None:
            texts[t] = _join_run(texts[t], run, "", kind, prefix)
        else:
            assert ln is not None
            texts[ln] = _join_run("", run, texts[ln], kind, prefix)
        gone.add(r)
        changed = True
    if not changed:
        return seq, False
    out: list[_Item] = []
    after_gone = False
    for k, it in enumerate(seq):
        if k in gone:
            after_gone = True
            continue
        if it.blank and it.role == "body" and after_gone and (not out or out[-1].blank):
            continue
        after_gone = False
        out.append(replace(it, text=texts[k]) if k in texts else it)
    return out, True


# --------------------------------------------------------------------------- one-word lines


def _one_word(it: _Item) -> bool:
    """A body line that is one Hebrew word (no digits: numbers stand alone legitimately)."""
    words = _norm(it.text).split()
    return (
        it.role == "body"
        and len(words) == 1
        and has_hebrew(words[0])
        and not any(c.isdigit() for c in words[0])
    )


def _chain(pieces: Sequence[str], model: WordModel) -> float:
    """The word model's score of ``pieces`` (words, or runs of words) read in this order:
    the sum of neighbour pairs of their words."""
    words = [w for piece in pieces for w in piece.split()]
    return sum(model.pair(a, b) for a, b in pairwise(words))


def _meets(before: str, after: str, model: WordModel) -> float:
    """The word model's score of piece ``after`` read right after piece ``before``: the
    pair of the last word of one and the first of the other."""
    return model.pair(_last_word(before), _first_word(after))


def _piece(it: _Item, width: float) -> bool:
    """A body line that may be a piece of a justified line that an extractor parted at
    its stretched word spaces: one Hebrew word (:func:`_one_word`) or, in a text whose
    full line ``width`` is known, at most :data:`_PIECE_WORDS` words of Hebrew, no digit,
    no longer than :data:`_PIECE_SHARE` of a full line, that do not end a sentence (such
    a line is a paragraph's last, set short, not a justified line's part: followed by a
    heading, the two read as one line, ``סיכונים בפלזמה קפואה.``)."""
    if _one_word(it):
        return True
    words = _norm(it.text).split()
    return (
        it.role == "body"
        and width > 0
        and 1 < len(words) <= _PIECE_WORDS
        and _width(it.text) <= _PIECE_SHARE * width
        and has_hebrew(it.text)
        and not any(c.isdigit() for c in it.text)
        and not _closed(it.text)
    )


def _in_running_text(previous: _Item | None, following: _Item | None, width: float) -> bool:
    """Whether a run of one-word lines stands in running text, where it may be justified
    lines written a word per line (:func:`_lines_reading`): after a body line of Hebrew
    (whose sentence may go on or end; a blank line between is a block break of the
    extractor's: ``previous`` is the last non-blank line before it) and before a body
    line, in a text whose full line width is known."""
    if not width or previous is None or previous.role != "body":
        return False
    if not has_hebrew(previous.text):
        return False
    return following is not None and not following.blank and following.role == "body"


def _lines_reading(
    words: Sequence[str], before: str, after: str, following: str, width: float, model: WordModel
) -> list[tuple[int, int]] | None:
    """The best cut of ``words`` into full lines, each read reversed; None when there is
    no such cut.

    A run of one-word lines that holds several justified lines, written one word per line
    left to right, cuts into groups of two or more words each of which is a full line: no
    longer than a full line of the text (:data:`_ONE_LINE_FIT`), too long to have taken
    the first word of the line after it (:func:`_ends_early`; that word is the next
    group's last as written, or ``following``'s first). Among such cuts (usually one or
    two) the word model picks, scoring as :func:`_word_run_reading` does.
    """
    n = len(words)
    longest = _ONE_LINE_FIT * width

    def full(i: int, j: int, next_first: str) -> bool:
        return not _ends_early(" ".join(words[i:j][::-1]), next_first, width)

    # ends[i]: the ends j of the groups words[i:j] no longer than a full line (a line
    # holds a few words: this keeps a long run of one-word lines linear).
    ends: list[list[int]] = []
    for i in range(n):
        size, out = len(words[i]), []
        for j in range(i + 2, n + 1):
            size += 1 + len(words[j - 1])
            if size > longest:
                break
            out.append(j)
        ends.append(out)
    # best[(i, j)]: the best score of words[i:] read as full lines opening with (i, j).
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}
    for i in range(n - 2, -1, -1):
        for j in ends[i]:
            inner = _chain(words[i:j][::-1], model)
            if j == n:
                if full(i, j, following):
                    meets = _meets(words[i], after, model) if after else 0.0
                    best[(i, j)] = (inner + meets, None)
                continue
            options = [
                (best[(j, k)][0] + _meets(words[i], words[k - 1], model), (j, k))
                for k in ends[j]
                if (j, k) in best and full(i, j, words[k - 1])
            ]
            if options:
                score, nxt = max(options)
                best[(i, j)] = (inner + score, nxt)
    starts = [
        (best[(0, j)][0] + (_meets(before, words[j - 1], model) if before else 0.0), (0, j))
        for j in (ends[0] if n else [])
        if (0, j) in best
    ]
    if not starts:
        return None
    return _linked(best, max(starts)[1])


def _word_run_reading(
    words: Sequence[str], before: str, after: str, model: WordModel, prior: float = 0.0
) -> tuple[float, list[tuple[int, int]]]:
    """The best cut of ``words`` into segments, each read reversed, with its score.

    Exact dynamic programme over (start, end) of the last segment: the score is the word
    model over the stream the reading emits, with the words before and after the run.
    One-word segments everywhere is the run read as it stands. A segment whose reading
    would put a sentence end (``.``, ``?``, ``!``) before its last word is not a reading.
    """
    n = len(words)

    def inner(i: int, j: int) -> float:
        if any(_closed(w) for w in words[i + 1 : j]):
            return -math.inf  # read reversed, a sentence would end inside the line
        return _chain(words[i:j][::-1], model) + prior * (j - i - 1)

    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {}
    for j in range(1, n + 1):
        for i in range(max(0, j - _WORD_RUN_SEGMENT), j):
            first = _first_word(words[j - 1])  # the segment's first word as read
            if i == 0:
                score = inner(0, j) + (model.pair(before, first) if before else 0.0)
                best[(0, j)] = (score, None)
                continue
            options = [
                (best[(h, i)][0] + _meets(words[h], first, model), (h, i))
                for h in range(max(0, i - _WORD_RUN_SEGMENT), i)
            ]
            score, back = max(options)
            best[(i, j)] = (score + inner(i, j), back)
    finals = [
        (best[(i, n)][0] + (_meets(words[i], after, model) if after else 0.0), (i, n))
        for i in range(max(0, n - _WORD_RUN_SEGMENT), n)
    ]
    total, state = max(finals)
    return total, _linked(best, state)[::-1]


def _linked(
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]], node: tuple[int, int]
) -> list[tuple[int, int]]:
    """The segments of a dynamic programme's answer: ``node`` and the ones its links lead
    to, in the order followed."""
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = node
    while cur is not None:
        out.append(cur)
        cur = best[cur][1]
    return out


def _word_run_end(seq: Sequence[_Item], k: int, width: float) -> int:
    """The end of the run of one-word lines from ``k`` (or of pieces, :func:`_piece`, where
    ``width`` admits them): a line of spaces alone between two of them is a space an
    extractor wrote as a span of its own (PyMuPDF between the stretched words of a
    justified line), not a break."""
    end = k
    while end < len(seq) and (
        _piece(seq[end], width) or (end > k and _space_between(seq, end, width))
    ):
        end += 1
    return end


def _space_between(seq: Sequence[_Item], k: int, width: float) -> bool:
    """Whether item ``k`` is a line of spaces alone (not empty) before a one-word line (or
    a piece, :func:`_piece`)."""
    it = seq[k]
    return bool(it.text) and it.blank and k + 1 < len(seq) and _piece(seq[k + 1], width)


def _word_runs(seq: list[_Item], width: float) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of two or more one-word lines (:func:`_word_run_end`),
    or, where ``width`` admits pieces (:func:`_piece`), of pieces with a one-word line
    among them."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(seq):
        end = _word_run_end(seq, k, width)
        run = [it for it in seq[k:end] if not it.blank]
        if len(run) >= 2 and any(map(_one_word, run)):
            runs.append((k, end))
        k = max(end, k + 1)
    return runs


def _piece_runs(seq: list[_Item], width: float, model: WordModel) -> list[tuple[int, int]]:
    """The runs to read (:func:`_word_runs`): a run with a piece of several words in it
    only where it stands in running text and cuts into full lines (:func:`_lines_reading`),
    as a justified line parted at its stretched spaces does; else its runs of one-word
    lines alone (a short heading after a one-word line is no piece of a line)."""
    out: list[tuple[int, int]] = []
    for k, end in _word_runs(seq, width):
        run = [it for it in seq[k:end] if not it.blank]
        if all(map(_one_word, run)):
            out.append((k, end))
            continue
        previous = next((seq[j] for j in range(k - 1, -1, -1) if not seq[j].blank), None)
        following = seq[end] if end < len(seq) else None
        if _in_running_text(previous, following, width):
            pieces = [_norm(it.text) for it in run]
            if _lines_reading(pieces, "", "", _first_word(following.text), width, model):
                out.append((k, end))
                continue
        out += [(a + k, b + k) for a, b in _word_runs(seq[k:end], 0.0)]
    return out


def _runs_read_turned(seq: list[_Item], runs: Sequence[tuple[int, int]], model: WordModel) -> bool:
    """Whether the document's one-word ``runs`` (:func:`_word_runs`), taken together, read
    better turned (each run's words right to left, between the words around it) than as
    written, by :data:`_RUN_VOTE` nats: the extractor writes them in visual order. One
    run's words tell little on text the model never counted; the sum over a document
    does."""
    vote = 0.0
    for k, end in runs:
        words = [_norm(it.text) for it in seq[k:end] if not it.blank]
        before = _last_word(seq[k - 1].text) if k and seq[k - 1].role == "body" else ""
        after = _first_word(seq[end].text) if end < len(seq) else ""
        turned = _chain([w for w in (before, *words[::-1], after) if w], model)
        written = _chain([w for w in (before, *words, after) if w], model)
        vote += max(-_RUN_VOTE_CLIP, min(_RUN_VOTE_CLIP, turned - written))
    return vote >= _RUN_VOTE


def _unscramble_word_runs(
    seq: list[_Item], model: WordModel, anchored: set[int], visual: bool | None = False
) -> tuple[list[_Item], bool]:
    """Put back lines an extractor wrote one word per line, in visual order.

    ``pdftotext`` on a narrow justified column sometimes takes each word of a line for a
    block of its own and writes the blocks left to right, one per line: ``מוצרים,`` /
    ``לקדם`` / ``שמטרתן`` for ``שמטרתן לקדם מוצרים,``. A run of two or more one-word
    lines is cut into visual lines, each read right to left, when the word model prefers
    that reading to the lines as they stand by :data:`_WORD_RUN_GAIN`; each visual line
    becomes one line. A run in running text (:func:`_in_running_text`) that cuts into
    full justified lines (:func:`_lines_reading`: one, or several in a row) is read so,
    each line right to left, unless the word model prefers the run as it stands, or
    prefers a cut that clears :data:`_WORD_RUN_GAIN` too (a closed one-word line above
    a visual line: ``בבקשה.`` / ``להחליט`` / ``יכול`` / ``לא`` / ``אתה``). A run with
    furniture anchored inside it is left alone.

    ``visual``: the extractor is known to write such runs in visual order (pdftotext in
    its reading-order mode: 141 of 142 runs in the fixtures), or, None, the document's
    runs say so together (:func:`_runs_read_turned`). Then a run is lines unless
    the word model shows otherwise: each word a reading joins into a line earns
    :data:`_VISUAL_RUN_PRIOR`, the full-line reading stands unless another beats it by
    :data:`_WORD_RUN_GAIN`, and the best reading is taken with no gain asked over the run
    as written. On text the model never counted it cannot tell a line reversed by 4 nats
    (pdftotext's mean WER, model that never counted the text: 0.0259 -> 0.0206).

    Where the document's runs decided it (``visual`` None), the extractor may also part
    a stretched line into pieces of a few words (PyMuPDF on Chrome's PDFs: ``שבו`` /
    ``אזרבייג’ן. התהליך`` / ``לבין``): runs then take pieces in (:func:`_piece_runs`), and
    the full line is measured on lines too long to be pieces. pdftotext's blocks are
    words: where it is known, runs are of one-word lines only (pieces there turned a
    heading and a paragraph's last line into a line, ``ארצות הברית מלחמה עם איראן.``),
    and the full line is measured on lines of two words or more (on every line, the
    one-word lines of many runs made it short of the runs it is to read).
    """
    runs = _word_runs(seq, 0.0)  # a width of 0 admits no piece: one-word lines only
    if not runs:
        return seq, False  # nor, then, is there a vote for pieces
    bodies = [it.text for it in seq if it.role == "body" and not it.blank]
    parted = False  # whether runs may hold pieces of several words (see _piece_runs)
    if visual is None:
        visual = parted = _runs_read_turned(seq, runs, model)
    # The full line's width, measured where there are enough of them on lines too long
    # to be parts of a line: where the extractor writes runs visually, a run's words (or
    # pieces) are parts of justified lines, and where many lines were parted they can be
    # most of a page's lines. Elsewhere a one-word line may be a line of its own.
    most = _PIECE_WORDS if parted else 1 if visual else 0
    width = _full_width([b for b in bodies if len(b.split()) > most]) or _full_width(bodies)
    if parted:
        runs = _piece_runs(seq, width, model)
    out: list[_Item] = []
    changed = False
    pos = 0
    for k, end in runs:
        out.extend(seq[pos:k])
        pos = end
        written = seq[k:end]
        run = [it for it in written if not it.blank]
        if any(it.key in anchored for it in written[:-1]):
            out.extend(written)
            continue
        words = [_norm(it.text) for it in run]
        before = _last_word(out[-1].text) if out and out[-1].role == "body" else ""
        after = _first_word(seq[end].text) if end < len(seq) else ""
        as_is = _chain([w for w in (before, *words, after) if w], model)
        following = seq[end] if end < len(seq) else None
        previous = next((it for it in reversed(out) if not it.blank), None)
        prior = _VISUAL_RUN_PRIOR if visual else 0.0
        score, cuts = _word_run_reading(words, before, after, model, prior)
        shaped = (
            _lines_reading(words, before, after, _first_word(following.text), width, model)
            if _in_running_text(previous, following, width)
            else None
        )
        # Scored as the run as written is (the same sum): where the word model cannot
        # tell the two apart, the shape decides.
        lines = 0.0
        if shaped is not None:
            read = [w for i, j in shaped for w in words[i:j][::-1]]
            lines = _chain([w for w in (before, *read, after) if w], model)
            lines += prior * sum(j - i - 1 for i, j in shaped)
        if visual:
            if shaped is not None and score - lines < _WORD_RUN_GAIN:
                cuts = shaped
            if len(cuts) == len(words):
                out.extend(written)
                continue
        elif shaped is not None and lines >= as_is:
            if score - as_is < _WORD_RUN_GAIN or score <= lines:
                cuts = shaped  # full lines, each read right to left
        elif score - as_is < _WORD_RUN_GAIN:
            out.extend(written)
            continue
        for m, (i, j) in enumerate(cuts):
            last = run[-1] if m == len(cuts) - 1 else run[i]
            out.append(replace(run[i], text=" ".join(words[i:j][::-1]), key=last.key))
        changed = True
    out.extend(seq[pos:])
    return out, changed


# --------------------------------------------------------------------------- broken words


def _next_text(seq: Sequence[_Item], k: int) -> int | None:
    """Index of the next non-blank body/display item after ``k`` (blanks, seams skipped)."""
    for j in range(k + 1, len(seq)):
        it = seq[j]
        if it.role in ("furniture", "seam") or it.blank:
            continue
        return j if it.role in ("body", "display") else None
    return None


def _join_words(seq: list[_Item], model: WordModel) -> tuple[list[_Item], bool]:
    """Rejoin words broken across lines: hyphenated words and drop caps.

    ``הסטארט-`` + ``אפ`` becomes ``הסטארט-אפ`` on the first line; the hyphen is dropped
    only when the lexicon knows the joined word and not both halves (a hyphenation
    hyphen), and a soft hyphen always. A line that is a single Hebrew letter is a drop cap
    when the letter and the next word make a known word.
    """
    seq = list(seq)
    changed = False
    emptied: set[int] = set()
    for k in range(len(seq)):
        a = seq[k]
        if a.role not in ("body", "display") or a.blank:
            continue
        j = _next_text(seq, k)
        if j is None:
            continue
        b = seq[j]
        words = b.text.split()
        if not words or not _WORD_START.match(words[0]):
            continue
        head = a.text.rstrip()
        plain = _plain(head).strip()
        if len(plain) == 1 and has_hebrew(plain):
            core = split_punct(words[0])[1]
            if model.zipf(plain + core) >= _DROP_CAP_ZIPF:
                seq[k] = replace(a, text="")
                seq[j] = replace(b, text=plain + b.text.lstrip())
                emptied.add(k)
                changed = True
            continue
        tokens = head.split()
        if not tokens:
            continue
        m = _HYPHENATED.match(tokens[-1])
        if m is None or len(tokens[-1]) < 2:
            continue
        word, hyphen = m["word"], m["hyphen"]
        left, right = split_punct(word)[1], split_punct(words[0])[1]
        awaits_number = _PREFIX_HYPHEN.search(tokens[-1]) or _NUMBER_HYPHEN.search(tokens[-1])
        if awaits_number and has_hebrew(right[:1]):
            continue  # no Hebrew word is hyphenated after a prefix or a digit: a number
            # or Latin run was lifted away (``ב-``), or the number's marks trade sides
        joined_known = model.zipf(left + right) >= _JOINED_ZIPF
        halves_known = model.zipf(left) > 0 and model.zipf(right) > 0
        keep = hyphen != "\u00ad" and not (joined_known and not halves_known)
        new_last = word + (hyphen if keep else "") + words[0]
        seq[k] = replace(a, text=" ".join([*tokens[:-1], new_last]))
        seq[j] = replace(b, text=" ".join(words[1:]))
        if len(words) == 1:
            emptied.add(j)
        changed = True
    return [it for k, it in enumerate(seq) if k not in emptied], changed


# --------------------------------------------------------------------------- output


def _emit_lines(seq: Sequence[_Item], keep_furniture: bool) -> list[str]:
    """Lines in order; blank lines around seams collapse to one (none at the edges)."""
    out: list[str] = []
    pending: list[_Item] = []

    def flush(at_end: bool) -> None:
        if any(it.role == "seam" for it in pending):
            if not at_end and out and any(it.role != "seam" for it in pending):
                out.append("")
        else:
            out.extend(it.text for it in pending)
        pending.clear()

    for it in seq:
        if it.role == "furniture" and not keep_furniture:
            pending.append(_SEAM)
        elif it.role == "seam" or (it.blank and it.role != "furniture"):
            pending.append(it)
        else:
            flush(False)
            out.append(it.text)
    flush(True)
    return out


def _emit_paragraphs(seq: Sequence[_Item], keep_furniture: bool) -> list[str]:
    """One line per paragraph; headings, display lines and notes keep their own line.

    A paragraph ends after a line that ends its sentence and is a last line (the next word
    would have fitted on it), or is followed by a blank line where blank lines mean
    paragraphs; at a heading (a short line that does not end a sentence, after a sentence
    end or another short line); after a short line alone between blank lines, where
    they mean paragraphs; after a line that leaves its sentence open but clearly more
    room than a line breaker would (:data:`_OPEN_FIT`: a headline, a byline); and
    around display and note lines. Otherwise a line that leaves its sentence open never
    ends a paragraph, whatever follows it (blank lines in the middle of a sentence are
    extraction artefacts). Furniture kept by ``keep_furniture`` waits for the end of the
    paragraph it interrupts.
    """
    text_idx = [
        k for k, it in enumerate(seq) if it.role in ("body", "display", "foreign") and not it.blank
    ]
    widths = _local_widths(seq, text_idx)
    informative = _blanks_informative(seq)
    listing = _listing(seq)
    # A short line alone in its block (blank lines around it) ends a paragraph, full stop
    # or not: a headline, a byline, an item; in a listing of them, any line does. (A full
    # line of running text is a paragraph's first line that a page or column break cut
    # off; a short one after a break may be a paragraph's last line, so the break before
    # it is left to the other rules.)
    full = _full_width([seq[k].text for k in text_idx])
    lone = {
        box[0]
        for box in _boxes(seq, text_idx)
        if len(box) == 1 and _width(seq[box[0]].text) < _SHORT_LINE * full
    }
    paras: list[str] = []
    current: list[str] = []
    waiting: list[str] = []
    prev: int | None = None
    before_prev: int | None = None
    gap = seam = False

    def short(k: int) -> bool:
        return _width(seq[k].text) < _HEADING * widths[k]

    def heading(k: int, before: int | None) -> bool:
        it = seq[k]
        return (
            it.role == "body"
            and (before is None or _closed(seq[before].text) or short(before))
            and not _closed(it.text)
            and not _open_punct(it.text)
            and short(k)
        )

    def close() -> None:
        if current:
            paras.append(" ".join(current))
            current.clear()
        paras.extend(waiting)
        waiting.clear()

    for k, it in enumerate(seq):
        if it.role == "furniture":
            if keep_furniture:
                (waiting if current else paras).append(it.text.strip())
            continue
        if it.role == "seam":
            seam = True
            continue
        if it.blank:
            gap = True
            continue
        if prev is not None:
            a = seq[prev]
            if a.role != it.role or it.role == "foreign":
                brk = True
            elif it.role == "display":
                brk = gap or seam
            elif _closed(a.text):
                brk = (
                    _ends_early(a.text, it.text, widths[prev])
                    or (gap and informative)
                    or heading(k, prev)
                )
            else:
                brk = (
                    heading(prev, before_prev)
                    or (gap and informative and (listing or prev in lone))
                    or _ends_early(a.text, it.text, _OPEN_FIT * widths[prev])
                )
            if brk:
                close()
        current.append(" ".join(it.text.split()))
        before_prev, prev = prev, k
        gap = seam = False
    close()
    return paras


# --------------------------------------------------------------------------- entry point


def layout(
    text: str,
    *,
    reflow: bool = False,
    keep_furniture: bool = False,
    left_first: bool | None = None,
    word_runs_visual: bool | None = False,
    lines_across: bool = False,
) -> LayoutResult:
    """Lay out repaired text as the reader reads it; report the furniture found.

    Pages come from form feeds, or are inferred from page-number lines and lines repeated
    next to them. Furniture (page numbers, running headers and footers) is taken out of the
    text and reported as ``(line, kind, text)``. With ``keep_furniture`` it stays in the
    text, on lines of its own and never inside a paragraph: without ``reflow`` each
    furniture line stays where it was, verbatim; with ``reflow`` (spacing trimmed) it
    follows the paragraph that a page break cut. Side-by-side columns are split and emitted
    right column first (left first in Latin text); lines written one word per line in
    visual order are read back as lines (:func:`_unscramble_word_runs`); numbers, Latin runs
    and bullets lifted out of their lines go back into them (:func:`_reinsert_lifted`); a
    text block the extractor put out of order is moved back (see :func:`_tail_display`,
    :func:`_rotate`, :func:`_move_foreign`, :func:`_unrotate_columns`); words broken across
    lines are rejoined. With ``reflow`` each paragraph becomes one line (whitespace inside it
    collapsed). Form feeds are not written once anything changed; blank lines around
    removed or moved lines collapse to one. When nothing is found and ``reflow`` is off,
    ``text`` is returned unchanged, byte for byte.

    ``left_first`` tells what is known of the extractor (see :func:`_unrotate_columns`):
    True, it places a page's boxes by position, left to right (``repair`` passes True
    for a text whose letters came out mirrored and whose justified lines are stretched,
    as pdfminer's are); False, it does not; None (the default), unknown: the text alone
    decides. ``word_runs_visual``: it writes a line it broke one word per line left to
    right (pdftotext; see :func:`_unscramble_word_runs`), or None: the text's runs decide.
    ``lines_across``: it sorts a page's lines by height across its columns (pdfplumber:
    mirrored letters without stretched spaces), so two length clusters alone show columns
    read across (:func:`_interleaved`). What ``repair`` knows, it passes; by default
    nothing is known.
    """
    if not isinstance(text, str):
        raise TypeError(f"layout expects str, got {type(text).__name__}")
    rows, ending, trailing = _read(text)
    furniture = _find_furniture(rows)
    removed = [(rows[i].n, kind, rows[i].text) for i, kind in sorted(furniture.items())]
    pages = _inferred_pages(rows, furniture)
    items = [
        _Item(row.n, row.text, pages[i], "furniture" if i in furniture else "body")
        for i, row in enumerate(rows)
    ]
    items, split = _columns(items)
    items = [replace(it, key=k) for k, it in enumerate(items)]
    model = WordModel.default()
    seq, anchors = _detach(items)
    seq, deinterleaved = _deinterleave(seq, model, lines_across)
    seq, unscrambled = _unscramble_word_runs(seq, model, set(anchors), word_runs_visual)
    seq, reinserted = _reinsert_lifted(seq)
    if left_first:
        seq, rejoined = _rejoin_halves(seq, set(anchors))
        reinserted = reinserted or rejoined
    seq, attached = _attach_stray_punct(seq, set(anchors))
    seq, opened = _join_after_opener(seq, set(anchors))
    attached = attached or opened
    seq, unrotated = _unrotate_columns(seq, model, left_first)
    seq, moved_notes = _move_foreign(seq)
    seq, title_moved = _tail_display(seq)
    seq, rotated = _rotate(seq, model, title_moved)
    seq, joined = _join_words(seq, model)
    if unrotated or joined:  # a lifted run may meet its line's hole only in reading order,
        seq, again = _reinsert_lifted(seq)  # or be whole only once its halves are joined
        seq, attached_again = _attach_stray_punct(seq, set(anchors))
        reinserted, attached = reinserted or again, attached or attached_again
    full = _attach(seq, anchors)
    changed = bool(furniture) or split or unscrambled or moved_notes or title_moved
    changed = changed or rotated or joined or unrotated or reinserted or deinterleaved
    changed = changed or attached
    if not reflow and not changed:
        return LayoutResult(text, removed)
    lines = _emit_paragraphs(full, keep_furniture) if reflow else _emit_lines(full, keep_furniture)
    out = ending.join(lines)
    if lines and (trailing or reflow or (lines[-1] and _ends_with_page_break(text))):
        out += ending
    return LayoutResult(out, removed)


def _ends_with_page_break(text: str) -> bool:
    """True when form feeds follow the text's last line ending (pdftotext ends every page
    ``\n\f``): its last line is ended as much as by the ending alone, so when the layout
    drops the form feed the ending stays (or a stream window cut there would be glued to
    the next)."""
    end = len(text)
    while end and text[end - 1] == "\f":
        end -= 1
    return end < len(text) and end > 0 and text[end - 1] in "\n\r"


def _detach(items: list[_Item]) -> tuple[list[_Item], dict[int, list[_Item]]]:
    """Take furniture out of the sequence, each remembering the item it followed.

    Moves then carry furniture along with the text around it, so kept furniture stays at
    its page break. Keys are item keys (-1: before everything).
    """
    seq: list[_Item] = []
    anchors: dict[int, list[_Item]] = {}
    for it in items:
        if it.role == "furniture":
            anchors.setdefault(seq[-1].key if seq else -1, []).append(it)
        else:
            seq.append(it)
    return seq, anchors


def _attach(seq: list[_Item], anchors: dict[int, list[_Item]]) -> list[_Item]:
    """Put detached furniture back after the items it followed.

    Where a stage merged that item into another (a lifted number put back into its line,
    a word run read as a line), the furniture follows the nearest item before it that is
    still there: kept furniture is never lost.
    """
    present = sorted(it.key for it in seq if it.role != "seam")
    placed: dict[int, list[_Item]] = {}
    for key in sorted(anchors):
        at = bisect.bisect_right(present, key) - 1
        placed.setdefault(present[at] if at >= 0 else -1, []).extend(anchors[key])
    out = list(placed.get(-1, []))
    for it in seq:
        out.append(it)
        out.extend(placed.get(it.key, []) if it.role != "seam" else [])
    return out


# --------------------------------------------------------------------------- interleaved columns


def _column_width(
    texts: Sequence[str], model: WordModel, across: bool = False
) -> tuple[int, int] | None:
    """The width ``w`` of a column line, and the widest column line, when the lines are
    two columns read across.

    pdfplumber sorts a two-column page by height: where a line of each column sits at the
    same height they come out as one line (about ``2w + 1`` long), elsewhere apart (about
    ``w``). Justified text then shows two clusters of lengths, at ``w`` and ``2w + 1``; one
    column shows one. A ``w`` is a candidate when both clusters hold at least
    :data:`_INTERLEAVED_MIN` lines and the ``w`` cluster at least
    :data:`_INTERLEAVED_SINGLE_SHARE` of both (:data:`_ACROSS_SINGLE_SHARE` where the
    extractor is known to sort lines ``across`` columns); of the :data:`_WIDTH_TRIES`
    whose clusters hold the most lines, the first that looks like columns read across
    (:func:`_interleaved`) is taken.
    """
    widths = [_width(t) for t in texts]
    counts = Counter(widths).items()  # a few hundred lengths, however long the text
    share = _ACROSS_SINGLE_SHARE if across else _INTERLEAVED_SINGLE_SHARE
    candidates: list[tuple[int, int]] = []
    for w in range(_INTERLEAVED_MIN_WIDTH, max(widths, default=0) // 2 + 1):
        single = sum(c for n, c in counts if _single_width(n, w))
        merged = sum(c for n, c in counts if _merged_width(n, w))
        if min(single, merged) >= _INTERLEAVED_MIN and single >= share * (single + merged):
            candidates.append((single + merged, w))
    two_down: bool | None = None  # the reading two lines down, the same for every w
    for _, best in sorted(candidates, key=lambda c: -c[0])[:_WIDTH_TRIES]:
        singles = [n for n in widths if _single_width(n, best)]
        w = round(statistics.median(singles))
        verdict = _interleaved(texts, widths, w)
        if verdict is None and not across and two_down is None:
            two_down = _reads_two_down(texts, model)
        if verdict or (verdict is None and (across or two_down)):
            return w, max(singles)
    return None


def _single_width(n: int, w: int) -> bool:
    """True when a line ``n`` long is a full line of a column ``w`` wide."""
    return abs(n - w) <= _HALF_TOL * w


def _merged_width(n: int, w: int) -> bool:
    """True when a line ``n`` long is two full lines of columns ``w`` wide, side by side."""
    return abs(n - 2 * w - 1) <= _HALF_TOL * 2 * w


def _interleaved(texts: Sequence[str], widths: Sequence[int], w: int) -> bool | None:
    """Whether the two length clusters read as two columns read across: True, False, or
    None when only the reading can tell.

    The two kinds of line take turns (:data:`_INTERLEAVED_SWITCHES`: a narrow block above
    a wide one is not two columns read across), or else the text must read on two lines
    down (:func:`_reads_two_down`, the None case: columns on offset baselines come out a
    line of each in turn, and merge only where a paragraph's space brings them level),
    or the extractor be known to sort lines across columns; and few lines fall
    between the clusters
    (:data:`_INTERLEAVED_BETWEEN`), few are longer than two columns
    (:data:`_INTERLEAVED_LONGER`), and enough column-wide lines that do not end a
    sentence sit between lines of the clusters
    (:data:`_INTERLEAVED_RUN_SHARE`): a column line cut mid-sentence, next to other
    column lines. One-column text has its lines near ``w`` at paragraph ends (closed) or
    in lists of short items (next to short lines, or marked as items).

    Where the extractor is known to sort lines by height across columns (pdfplumber),
    the clusters' shape is enough. On the fixtures the shape holds for
    each of pdfplumber's 22 two-column extractions and none of the 78 one-column,
    pdfminer or mutool ones; the two-lines-down reading needs a long text or one the
    word model counted (the held-out WeasyPrint one of ud09: z = 2 with a model that
    never counted it).
    """
    counts = Counter(widths)  # the lengths' tests once per length, not once per line
    singles = {n for n in counts if _single_width(n, w)}
    merges = {n for n in counts if _merged_width(n, w)}
    both = sum(counts[n] for n in singles | merges)
    between = sum(
        c for n, c in counts.items() if (1 + _HALF_TOL) * w < n < (2 - 2 * _HALF_TOL) * w + 1
    )
    longer = sum(c for n, c in counts.items() if n > (2 + 2 * _HALF_TOL) * w + 1)
    if between > _INTERLEAVED_BETWEEN * both or longer > _INTERLEAVED_LONGER * both:
        return False
    inside = [n in singles or n in merges for n in widths]
    running = sum(
        widths[i] in singles
        and not _closed(texts[i])
        and not _LIST_ITEM.match(_norm(texts[i]))
        and inside[i - 1]
        and inside[i + 1]
        for i in range(1, len(texts) - 1)
    )
    if running < max(_INTERLEAVED_MIN, _INTERLEAVED_RUN_SHARE * both):
        return False
    # A line of the narrow cluster that ends its sentence is a paragraph's last line (or a
    # heading's), not a column's line: it takes no turn.
    kinds = [
        n in merges
        for n, ok, t in zip(widths, inside, texts, strict=True)
        if ok and (n in merges or not _closed(t))
    ]
    switches = sum(a != b for a, b in pairwise(kinds))
    return True if switches >= _INTERLEAVED_SWITCHES else None


def _reads_two_down(texts: Sequence[str], model: WordModel) -> bool:
    """True when each line's words go on two lines down better than on the next line, by
    :data:`_READ_ACROSS_NATS` a line on average and :data:`_READ_ACROSS_SIGMAS` standard
    errors above chance (random words pass the mean alone on short texts): the next line
    is the other column's.
    (One-column text reads on at the next line: held-out one-column pdfplumber texts
    score -0.2 to -2.2 nats a line, two columns read across +0.16 to +2.0. A list of
    headlines and bylines may also score above 0: the length clusters must show columns
    as well.)"""
    gains = [
        _joint(model, texts[i], texts[i + 2]) - _joint(model, texts[i], texts[i + 1])
        for i in range(len(texts) - 2)
    ]
    if len(gains) < 2:
        return False
    mean, spread = statistics.fmean(gains), statistics.pstdev(gains)
    return (
        mean >= _READ_ACROSS_NATS and mean * math.sqrt(len(gains)) >= _READ_ACROSS_SIGMAS * spread
    )


def _fits(text: str, w: int, widest: float) -> bool:
    """True when ``text`` can be one line of a column ``w`` wide: no wider than any
    column line on its own (a line holds what fits in the measure, no more), and full or
    ending its paragraph."""
    n = len(text)
    return n <= widest and (n >= (1 - _CUT_TOL) * w or _may_end(text))


def _cuts(text: str, w: int, widest: int) -> list[tuple[str, str]]:
    """The readings of a merged line as (right column line, left column line): halves no
    wider than the widest column line, or when there are none (character counts of a
    proportional font vary), halves up to :data:`_CUT_TOL` wider than ``w``."""
    words = text.split()
    halves = [(" ".join(words[:j]), " ".join(words[j:])) for j in range(1, len(words))]
    for limit in (widest, (1 + _CUT_TOL) * w):
        cuts = [c for c in halves if _fits(c[0], w, limit) and _fits(c[1], w, limit)]
        if cuts:
            return cuts
    return []


def _heading_cuts(text: str, w: int, widest: int) -> list[tuple[str, str]]:
    """Cuts of a line at a page's top that is a heading of the right column (a word or
    two, under half a column, ending no sentence) level with a left-column line."""
    words = text.split()
    heads = [(" ".join(words[:j]), " ".join(words[j:])) for j in (1, 2) if j < len(words)]
    return [c for c in heads if _heading(c[0], w) and _fits(c[1], w, widest)]


def _heading(text: str, w: int) -> bool:
    """A heading set beside a column line: at most two words, under half a column wide,
    not ending a sentence."""
    return len(text.split()) <= 2 and len(text) < w / 2 and not _closed(text)


def _room_left(line: str, following: str, widest: int) -> bool:
    """True when ``following``'s first word would have fitted at the end of ``line``: a
    line breaker would have put it there, so ``line`` does not end where it seems."""
    if not line or not following or _closed(line):
        return False
    return len(line) + 1 + len(_first_word(following)) <= widest


def _misfit(text: str, w: int) -> float:
    """How far a column line is from the column width, as a share of it (0 for a short
    line that ends its paragraph)."""
    n = len(text)
    return 0.0 if n < w and _may_end(text) else abs(n - w) / w


def _may_end(text: str) -> bool:
    """True when a line can end its paragraph: it ends a sentence, or breaks off."""
    return _closed(text) or _BROKEN_OFF.search(text) is not None


def _cut_score(
    model: WordModel, cut: tuple[str, str], measure: tuple[int, int], before: str, after: str
) -> float:
    """How well a cut reads: both halves are about a full column line long (justified
    lines vary little) and leave no room for the next word of their column; its right
    half continues into ``after`` (the next line of the right column), ``before`` (the
    line above in the left column) into its left half, and the two halves do not read as
    one sentence across the gutter."""
    right, left = cut
    w, widest = measure
    fit = _MISFIT_NATS * (_misfit(right, w) + _misfit(left, w))
    fit += _ROOM_NATS * (_room_left(right, after, widest) + _room_left(before, left, widest))
    words = _joint(model, right, after) + _joint(model, before, left) - _joint(model, right, left)
    return words - fit


def _alternate(n: int, right_first: bool) -> list[bool]:
    """Which of a run of ``n`` single lines are right-column lines, read as alternating
    (two columns of the same leading are cut by height into alternate lines)."""
    return [(i % 2 == 0) == right_first for i in range(n)]


@dataclass
class _Slot:
    """One line of an interleaved page: a merged line's two halves or a single line."""

    text: str
    cuts: list[tuple[str, str]]
    right: str = ""
    left: str = ""
    is_right: bool = True


def _column_streams(slots: Sequence[_Slot]) -> tuple[list[int], list[int]]:
    """Slot indices of the right and the left column, top to bottom."""
    rights = [i for i, s in enumerate(slots) if s.cuts or s.is_right]
    lefts = [i for i, s in enumerate(slots) if s.cuts or not s.is_right]
    return rights, lefts


def _right_text(s: _Slot) -> str:
    return s.right if s.cuts else s.text


def _left_text(s: _Slot) -> str:
    return s.left if s.cuts else s.text


def _neighbour(slots: Sequence[_Slot], i: int, step: int, right: bool) -> str:
    """The nearest line of one column from slot ``i`` going ``step`` (not ``i`` itself)."""
    j = i + step
    while 0 <= j < len(slots):
        s = slots[j]
        if s.cuts:
            return s.right if right else s.left
        if s.is_right == right:
            return s.text
        j += step
    return ""


def _spacing_phase(slots: Sequence[_Slot], i: int, w: int) -> bool | None:
    """Which column goes first in the run of single lines starting at slot ``i``, from the
    merged line above it: two level lines part when one of them ends its paragraph and
    the space after a paragraph pushes that column down, so the other comes first. A
    short line ending a sentence surely ends its paragraph; a full one only maybe. None
    when that says nothing (the halves tell alike, no merged line above)."""
    if i == 0 or not slots[i - 1].cuts:
        return None
    right_end = _paragraph_end(slots[i - 1].right, w)
    left_end = _paragraph_end(slots[i - 1].left, w)
    return None if right_end == left_end else left_end > right_end


def _paragraph_end(text: str, w: int) -> int:
    """How surely a column line ends its paragraph: 2 short and closed (or broken off, or
    a heading: :func:`_heading`), 1 closed, 0 not."""
    if _BROKEN_OFF.search(text) or _heading(text, w):
        return 2
    if not _closed(text):
        return 0
    return 2 if len(text) < (1 - _CUT_TOL) * w else 1


def _assign_runs(
    slots: list[_Slot],
    model: WordModel,
    w: int,
    widest: int,
    last: bool = False,
    level: bool = False,
) -> None:
    """Give each run of single lines an alternation (right or left first): the one the
    paragraph spacing above it implies (:func:`_spacing_phase`), else the one whose column
    joints the word model scores higher; ties read right first, and so does a run at the
    top of the page (a title above both columns, or the right column's first line). On
    the text's ``last`` page the run at its foot may be the right column alone
    (:func:`_right_alone_from`; ``level``: no page before it has a single column line)."""
    i = 0
    while i < len(slots):
        if slots[i].cuts:
            i += 1
            continue
        j = i
        while j < len(slots) and not slots[j].cuts:
            j += 1
        phase = _spacing_phase(slots, i, w)
        alone = None
        if last and j == len(slots):
            alone = _right_alone_from(slots, i, model, (w, widest), level, phase)
        if alone is not None:
            for k, flag in zip(range(i, j), alone, strict=True):
                slots[k].is_right = flag
            i = j
            continue
        scores = []
        for right_first in (True, False):
            for k, flag in zip(range(i, j), _alternate(j - i, right_first), strict=True):
                slots[k].is_right = flag
            scores.append((_run_score(slots, i, j, model, widest), right_first))
        best = i == 0 or max(scores, key=lambda s: (s[0], s[1]))[1] if phase is None else phase
        for k, flag in zip(range(i, j), _alternate(j - i, best), strict=True):
            slots[k].is_right = flag
        i = j


def _right_alone_from(
    slots: list[_Slot],
    i: int,
    model: WordModel,
    measure: tuple[int, int],
    level: bool,
    phase: bool | None,
) -> list[bool] | None:
    """Which of the single lines from slot ``i`` to the last page's foot are right
    column lines, when below some of them the right column goes on alone (None when
    they take turns down to the foot): below the left column's end, on a last page
    filled right column first (as Typst and LibreOffice fill it). The text ends there,
    so the left column's last line ends a sentence: the merged line's left half above
    ``i``, or a left line of the run. Columns on level baselines (``level``, and no
    single column line above on this page) always came out merged, so the single lines
    have no partner: the right column alone from ``i``. Otherwise the reading whose
    column joints read best (:func:`_run_score`) is taken: the lines taking turns down
    to the foot, the right column alone from ``i``, or, below a merged line (the page
    shows two columns side by side), the lines taking turns (right first or left first,
    or as the paragraph spacing above says: ``phase``, :func:`_spacing_phase`) down to
    a left line that ends a sentence and the right column alone below it, searched
    within :data:`_ALONE_ROWS` column heights of the foot. A page of single lines only
    gives no sign of a second column beside the first: the word model alone would split
    a right column there on a few nats of noise (Typst's gold002 through pdfplumber)."""
    w, widest = measure
    n = len(slots)
    closed_above = i == 0 or _closed(slots[i - 1].left)
    singles = (not s.cuts and _single_width(_width(s.text), w) for s in slots[:i])
    if level and closed_above and not any(singles):  # the generator runs only when level
        return [True] * (n - i)
    choices: list[list[bool] | None] = [None]
    turning = (_alternate(n - i, right_first) for right_first in (True, False))
    scores = [max(_turns_score(slots, i, flags, model, widest) for flags in turning)]
    if closed_above:
        choices.append([True] * (n - i))
    phases = (True, False) if phase is None else (phase,)
    top = max(i + 1, n - math.ceil(_ALONE_ROWS * _PAGE_ROWS_MAX * w))
    for start in range(top, n if i else 0):  # below a merged line: columns side by side
        for right_first in phases:
            turns = _alternate(start - i, right_first)
            lefts = [k for k, flag in enumerate(turns) if not flag]
            if lefts and _closed(slots[i + lefts[-1]].text):
                choices.append(turns + [True] * (n - start))
    scores += [_turns_score(slots, i, flags, model, widest) for flags in choices[1:]]
    return choices[max(range(len(choices)), key=lambda c: (scores[c], c == 0))]


def _turns_score(
    slots: list[_Slot], i: int, flags: list[bool], model: WordModel, widest: int
) -> float:
    """:func:`_run_score` of the run from slot ``i`` read with these column flags."""
    for k, flag in enumerate(flags, i):
        slots[k].is_right = flag
    return _run_score(slots, i, i + len(flags), model, widest)


def _run_score(slots: Sequence[_Slot], i: int, j: int, model: WordModel, widest: int) -> float:
    """The column joints into, inside and out of the run ``slots[i:j]``, less
    :data:`_ROOM_NATS` for each line that leaves room for the next word of its column."""
    total = 0.0
    for right in (True, False):
        chain = [_neighbour(slots, i, -1, right)]
        chain += [slots[k].text for k in range(i, j) if slots[k].is_right == right]
        chain.append(_neighbour(slots, j - 1, 1, right))
        total += sum(_joint(model, a, b) for a, b in pairwise(chain))
        total -= _ROOM_NATS * sum(_room_left(_norm(a), b, widest) for a, b in pairwise(chain))
    return total


def _choose_cuts(slots: list[_Slot], measure: tuple[int, int], model: WordModel) -> None:
    """Cut each merged line where its halves join their columns best."""
    for i, s in enumerate(slots):
        if s.cuts:
            before = _neighbour(slots, i, -1, False)
            after = _neighbour(slots, i, 1, True)
            scores = [_cut_score(model, c, measure, before, after) for c in s.cuts]
            s.right, s.left = s.cuts[scores.index(max(scores))]


def _can_realign(above: Sequence[_Slot]) -> bool:
    """False when a line between the clusters (too long for one column line, too short
    for two full ones) cannot be two level lines: the columns above it take turns
    (single lines only) and none of those ends a sentence or breaks off. Columns of one
    leading that take turns come level again only after the space below a paragraph (a
    few lines after it, as the extractor's height tolerance allows)."""
    return any(s.cuts or _closed(s.text) or _BROKEN_OFF.search(s.text) for s in above)


def _page_slots(
    texts: Sequence[str],
    w: int,
    widest: int,
    model: WordModel,
    last: bool = False,
    level: bool = False,
) -> list[_Slot]:
    """The lines of one page read across, each a merged line cut in two halves or a
    single line given to its column (``last``: the text's last page; ``level``: no page
    before it has a single column line)."""
    slots = []
    for k, t in enumerate(texts):
        norm = _norm(t)
        merged = len(norm) > (1 + _HALF_TOL) * w
        cuts = _cuts(norm, w, widest) if merged else []
        if merged and not cuts and k < _TOP_HEADING_LINES:
            cuts = _heading_cuts(norm, w, widest)
        slots.append(_Slot(t, cuts))
    stuck = [
        i
        for i in range(_REALIGN_LINES, len(slots))
        if slots[i].cuts
        and not _merged_width(_width(slots[i].text), w)
        and not _can_realign(slots[i - _REALIGN_LINES : i])
    ]
    for i in stuck:
        slots[i].cuts = []
    for s in slots:
        if s.cuts:
            s.right, s.left = max(s.cuts, key=lambda c: _cut_score(model, c, (w, widest), "", ""))
    for _ in range(_INTERLEAVED_ROUNDS):
        _assign_runs(slots, model, w, widest, last, level)
        _choose_cuts(slots, (w, widest), model)
    return slots


def _read_across(
    texts: Sequence[str],
    measure: tuple[int, int],
    model: WordModel,
    last: bool = False,
    level: bool = False,
) -> list[tuple[int, str]]:
    """The lines of a page read across as (input index, text), each page's right column
    before its left; a page too tall to be one is first parted where its pages meet
    (:func:`_page_breaks`)."""
    w, widest = measure
    slots = _page_slots(texts, w, widest, model, last, level)
    bounds = [0, *_page_breaks(slots, measure, model), len(texts)]
    out: list[tuple[int, str]] = []
    for a, b in pairwise(bounds):
        if len(bounds) > 2:
            slots = _page_slots(texts[a:b], w, widest, model, last and b == len(texts), level)
        rights, lefts = _column_streams(slots)
        out += [(a + i, _right_text(slots[i])) for i in rights]
        out += [(a + i, _left_text(slots[i])) for i in lefts]
    return out


def _page_breaks(slots: Sequence[_Slot], measure: tuple[int, int], model: WordModel) -> list[int]:
    """Where pages meet in ``slots`` (the slot indices that start a page), when one
    column of them is taller than a page holds (:data:`_PAGE_ROWS_MAX` lines per
    character of column width): pages of one document joined with nothing between them.

    Each page is read right column then left, so a break changes which lines meet: the
    right column's last line goes on in the left's first, the left's last in the next
    page's right column. Of the ways to part the slots into pages of one height ``H``
    (every page but the last :data:`_PAGE_FILL` full, its two columns level, the last no
    taller), the one whose meeting lines the word model reads best (:func:`_meeting`),
    less :data:`_PAGE_BREAK_COST` a break, is taken."""
    w, widest = measure
    rights, lefts = _column_streams(slots)
    if max(len(rights), len(lefts)) <= _PAGE_ROWS_MAX * w:
        return []
    n = len(slots)
    r_count = [bisect.bisect_left(rights, b) for b in range(n + 1)]
    l_count = [bisect.bisect_left(lefts, b) for b in range(n + 1)]

    def right(b: int, before: bool) -> str:
        k = r_count[b] - before
        return _right_text(slots[rights[k]]) if 0 <= k < len(rights) else ""

    def left(b: int, before: bool) -> str:
        k = l_count[b] - before
        return _left_text(slots[lefts[k]]) if 0 <= k < len(lefts) else ""

    def meet(before: str, after: str) -> float:
        return _meeting(model, before, after, widest)

    # What a page ending at b gains on the way out, less the column joints it breaks.
    leave = [
        meet(left(b, True), right(b, False))
        - meet(right(b, True), right(b, False))
        - meet(left(b, True), left(b, False))
        for b in range(n)
    ] + [0.0]
    inside: dict[tuple[int, int], float] = {}

    def page(a: int, b: int) -> float:
        if (a, b) not in inside:
            turn = meet(right(b, True), left(a, False)) if l_count[b] > l_count[a] else 0.0
            inside[a, b] = turn + leave[b]
        return inside[a, b]

    best: tuple[float, int, list[int]] | None = None
    for height in range(math.ceil(_PAGE_ROWS_MIN * w), math.floor(_PAGE_ROWS_MAX * w) + 1):
        score, back = {0: 0.0}, {0: 0}
        for a in range(n):
            if a not in score:
                continue
            if max(r_count[n] - r_count[a], l_count[n] - l_count[a]) <= height:
                total = score[a] + page(a, n)
                if n not in score or total > score[n]:
                    score[n], back[n] = total, a
            full = math.ceil(_PAGE_FILL * height)
            lo = min(
                bisect.bisect_left(r_count, r_count[a] + full),
                bisect.bisect_left(l_count, l_count[a] + full),
            )
            hi = min(
                bisect.bisect_right(r_count, r_count[a] + height),
                bisect.bisect_right(l_count, l_count[a] + height),
            )
            for b in range(max(lo, a + 1), min(hi, n)):
                r, lc = r_count[b] - r_count[a], l_count[b] - l_count[a]
                if abs(r - lc) > _PAGE_LEVEL + (1 - _PAGE_FILL) * max(r, lc):
                    continue
                total = score[a] + page(a, b) - _PAGE_BREAK_COST
                if b not in score or total > score[b]:
                    score[b], back[b] = total, a
        if n not in score:
            continue
        breaks, b = [], back[n]
        while b:
            breaks.append(b)
            b = back[b]
        found = (score[n], -len(breaks), breaks[::-1])
        if best is None or found[:2] > best[:2]:
            best = found
    return best[2] if best else []


def _meeting(model: WordModel, before: str, after: str, widest: int) -> float:
    """The word model's score of ``after`` going on from ``before`` in one column, held
    within :data:`_PAGE_JOINT_CAP` nats, less :data:`_ROOM_NATS` when its first word
    would have fitted on ``before``."""
    score = max(-_PAGE_JOINT_CAP, min(_PAGE_JOINT_CAP, _joint(model, before, after)))
    return score - _ROOM_NATS * _room_left(_norm(before), after, widest)


def _deinterleave(
    seq: list[_Item], model: WordModel, across: bool = False
) -> tuple[list[_Item], bool]:
    """Split lines that hold a line of each of two columns; read each page right column
    first (see :func:`_column_width`). The page's lines keep their keys by position, so
    furniture stays where it was on the page."""
    body = [k for k in _nonblank(seq) if seq[k].region == -1]
    measure = _column_width([seq[k].text for k in body], model, across)
    if measure is None:
        return seq, False
    by_page: dict[int, list[int]] = {}
    for k in body:
        by_page.setdefault(seq[k].page, []).append(k)
    next_key = max((it.key for it in seq), default=0) + 1
    starts: dict[int, list[_Item]] = {}
    gone: set[int] = set()
    last = max(by_page)
    level = not any(
        _single_width(_width(seq[k].text), measure[0]) for k in body if seq[k].page != last
    )
    for page, idx in by_page.items():
        texts = [seq[k].text for k in idx]
        lines = _read_across(texts, measure, model, page == last, level)
        if [t for _, t in lines] == [seq[k].text for k in idx]:
            continue
        new = []
        for pos, (i, t) in enumerate(lines):
            key = seq[idx[pos]].key if pos < len(idx) else next_key + pos
            new.append(replace(seq[idx[i]], text=t, key=key))
        next_key += len(lines)
        starts[idx[0]] = new
        gone.update(idx)
    if not starts:
        return seq, False
    out: list[_Item] = []
    for k, it in enumerate(seq):
        out.extend(starts.get(k, []))
        if k not in gone:
            out.append(it)
    return out, True
