"""Document diagnosis: which order a text's lines are in, from evidence summed over it.

Nobody can tell from one short line whether it is logical or visual (fribidi#178), and
reversing a logical line is the worst silent failure a repairer can make. Over a whole
document the signs add up and are clear:

* **letter-visual** (pdfminer, pdfplumber, mutool on most producers): every Hebrew word is
  mirrored, so final letters (ך ם ן ף ץ), which only ever end a word, begin words instead;
* **fragment-visual** (seeds 001-003): the fragments of a justified line come out left to
  right, separated by the wide gaps the justification left between them. Lines of the
  same document can be logical, so each line is still decided on its own;
* **logical**: neither sign.

Each regime decides which line repairs run; ``assume`` lets a user override the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from typing import NamedTuple

from textrepair.fixes import has_final_first, pieces_vote
from textrepair.letters import letter_visual_score
from textrepair.reorder import identity_score
from textrepair.stretched import marks_to_sides
from textrepair.surgery import run_cut_forms, shows_cuts
from textrepair.tokens import (
    HEBREW_LETTER,
    Line,
    evenly_spaced,
    has_hebrew,
    sentence_mark_edges,
    split_line,
    split_punct,
)
from textrepair.wordmodel import WordModel

_HEBREW_RE = re.compile(r"[\u05d0-\u05ea]")
_WORD_CHAR_RE = re.compile(r"\w")
_WORD_INSIDE = "\u05d0-\u05ea\"'\u05f3\u05f4\u2019"  # letters, gershayim and geresh
_HEBREW_WORD_RE = re.compile(f"^[\u05d0-\u05ea][{_WORD_INSIDE}]*[\u05d0-\u05ea]$")
# A document is letter-visual when lines that read better letter-reversed (final letters
# at word starts, words the lexicon knows backwards) outvote the lines that read well as
# written this much. Lines vote, not letters: in a letter-visual text every word of a line
# is reversed, while a fragment-visual text may hold one letter-reversed short fragment in
# a line whose other words read as they should.
_LETTER_RATIO = 3.0
_LETTER_MIN = 3
_LINE_VOTE = 2.0  # nats of letter_visual_score a line needs to vote either way
# A document is fragment-visual when enough of its Hebrew lines have two or more wide gaps
# between Hebrew words. One wide gap proves little: extractors that keep logical order
# also leave a double space where the direction changes or a column gutter runs. A line
# whose every gap is the same wide run (``tokens.evenly_spaced``) is a justified line's
# stretch, which an extractor placing words by position writes in any order: visual from
# pdftotext -layout on WeasyPrint's lines and in seed 001 (25 lines, two spaces each),
# mirrored from pdfminer, and logical once the letter repair has turned them. Such lines
# count unless, taken together, they read in order by a clear margin: a second repair of
# pdfminer's output reversed them (mean WER of its 50 extractions 0.037 -> 0.188).
_STRETCH_CLIP = 10.0  # nats: no one line outvotes the rest
_STRETCH_MARGIN = 5.0  # nats the stretched lines must read in order by, all together
_STRETCH_SAMPLE = 64  # lines that vote: the verdict is clear long before a book's end
# Lines of wide gaps are no evidence when, all together, they read in order by this
# margin against both visual readings (``order_vote``): clean text justified with spaces
# (a plain-text page, a repaired pdfminer page), whose gaps vary line by line; nor is
# any one of them then reordered on its own (``lines.reorder_fragments``). Such held-out
# documents (``benchmarks/clean_eval.py``) kept their words in 87 of 400 before, 193
# now; of the 64 fragment-visual extractions of the labs and seeds with such lines, none
# reads in order by the margin (lowest -1.3, five lines of pdftotext -layout).
_GAPS_IN_ORDER_MARGIN = 3.0
# Only lines of plain words vote (Hebrew letters, a geresh or gershayim inside, a sentence
# mark after; no word that starts with a final letter): no fix of a logical document
# changes them, so a second repair counts the same lines the same way.
_PLAIN_WORD_RE = re.compile(f"[{HEBREW_LETTER}]+(?:[\"'\u05f3\u05f4][{HEBREW_LETTER}]+)*[.,;:!?]?")
_GAPS_VOTE_MIN_LINES = 3  # fewer tell nothing, and one mended word may swing them
_VISUAL_SHARE = 0.03
# A fragment-visual document's words are reversed one by one, not only its fragments,
# when its runs of three or more Hebrew words one space apart read better reversed, all
# together (``reversal_vote``), by this many nats: pypdf on Typst's PDFs, which place
# every word on its own, writes a line's words left to right (+28 to +395 over its 12
# extractions of the second lab), where the single spaces of the seeds' lines and of
# PDFBox's lie inside fragments in reading order (-27 to -358 over its 30).
_WORDS_REVERSED_MARGIN = 10.0
_WORDS_RUN = 3
_WORDS_SAMPLE_LINES = 1000  # lines searched for runs (a line may hold none)
_VISUAL_MIN_LINES = 3
# A fragment-visual document has its words cut at glyph runs (seed 003: prefix letters,
# endings and digits drawn as runs of their own) when this share of its Hebrew lines
# shows such a cut (``surgery.shows_cuts``); a clean text has a stray one in a hundred
# lines (a typo, a lone letter), seeds 001/002 at most 1.4%, PDFBox's extractions at most
# 6%, seed 003 66%. Lines that read letter-reversed are not counted (mirrored words show
# the same marks).
_CUT_SHARE = 0.15
_CUT_MIN_LINES = 3
# Characters in a line of a page (runs of spaces counted as one): no Hebrew line of the
# 1,100 page extractions of the labs is longer than 140; the median line of text reflowed
# into paragraphs (pymupdf4llm's Markdown, the corpus) is 190-620, and short news
# paragraphs of 140-180 are common (at 180 they were read as page lines: 26 of the 120
# committed extractions joined paragraph by paragraph came out worse, 6 at 140).
_PAGE_LINE_CHARS = 140
# Some marks of a cut glyph run no logical extraction shows (``surgery.run_cut_forms``: a
# final letter inside a token, a lone prefix or final letter, ``2020-ב``, ``-ביחסים``):
# at most 7% of the lines of any of our 276 extractor outputs and clean texts, 45% of
# seed 003's. Where this share of the lines shows one, the document is in visual order
# with its words cut, whether or not its extractor left wide gaps between the runs.
_RUN_CUT_SHARE = 0.2
# ... and in this many forms at least (``ן``, ``ב``, ``0-ב``): an extractor that cuts runs
# cuts every kind of word, while one word of the text cut where its font has no glyph
# recurs wherever the word does (``אזרבייג’ן`` through Chromium's font fallback: the lone
# ``ן`` on 9 of an article's 54 lines, 2 forms in all; seed 003, 33).
_RUN_CUT_FORMS = 4


class Regime(str, Enum):
    """The reading order a document (or a user's ``--assume``) puts its lines in."""

    LOGICAL = "logical"
    FRAGMENT_VISUAL = "fragment-visual"
    LETTER_VISUAL = "letter-visual"


ASSUME_CHOICES = ("auto", "logical", "visual")


class Diagnosis(NamedTuple):
    """Document-level evidence for the reading order of its lines, and the verdict."""

    regime: Regime
    hebrew_lines: int = 0
    wide_gap_lines: int = 0
    word_lines: int = 0
    narrow_first_lines: int = 0
    multi_gap_lines: int = 0
    reversed_lines: int = 0
    forward_lines: int = 0
    forced: bool = False
    cut_lines: int = 0  # counted in fragment-visual documents only
    run_cut_lines: int = 0  # lines with a mark only a cut-run extraction makes
    quick: bool = False  # decided by whole-text scans (:mod:`textrepair.unmarked`)
    stretched_lines: int = 0  # justified lines whose every gap is one wide run
    stretch_in_order: bool = False  # ... and they read in order, taken together
    words_reversed: bool = False  # fragment-visual, every word a fragment of its own
    gaps_in_order: bool = False  # lines of wide gaps read in order, taken together
    paragraph_lines: bool = False  # lines are whole paragraphs (see paragraph_lines)
    pieces_visual: bool = False  # ... and a word's pieces too (see _pieces_visual)

    @property
    def visual(self) -> bool:
        """True when lines may hold fragments in visual order (decided line by line)."""
        return self.regime is Regime.FRAGMENT_VISUAL

    @property
    def narrow_first(self) -> bool:
        """True when lines cut word by word mostly end their leftmost word at one space.

        Some extractors separate every fragment of a justified line with a wide gap but
        the leftmost (the line's last in reading order) with a single space. Where most
        word-by-word lines show that, a single space there is a boundary, not a join.
        """
        return self.word_lines >= 3 and self.narrow_first_lines >= 0.6 * self.word_lines

    @property
    def cut_runs(self) -> bool:
        """True when a visual document's words are cut at glyph runs, so that its lines
        go through token surgery (:mod:`textrepair.surgery`)."""
        return (
            self.visual
            and not self.words_reversed
            and self.cut_lines >= _CUT_MIN_LINES
            and self.cut_lines >= _CUT_SHARE * self.hebrew_lines
        )

    def describe(self) -> str:
        """One line for ``--explain``: the verdict and the evidence behind it."""
        how = "forced by --assume" if self.forced else "diagnosed"
        if self.quick:
            return (
                f"{self.regime.value} ({how}): {self.hebrew_lines} Hebrew lines, none with a "
                "mark any line repair acts on (a final letter at a word's start, a wide gap, "
                "a bidi embedding, cut glyph runs or direction seams on enough lines)"
            )
        return (
            f"{self.regime.value} ({how}): {self.hebrew_lines} Hebrew lines, "
            f"{self.wide_gap_lines} with wide gaps, {self.multi_gap_lines} with two or "
            f"more between Hebrew words; lines that read letter-reversed "
            f"{self.reversed_lines}, as written {self.forward_lines}"
            + (f"; with words cut at glyph runs {self.cut_lines}" if self.visual else "")
            + ("; every word a fragment of its own" if self.words_reversed else "")
            + ("; every piece of a word too" if self.pieces_visual else "")
            + f"; with marks only cut glyph runs leave {self.run_cut_lines}"
            + ("; lines of wide gaps read in order, all together" if self.gaps_in_order else "")
            + ("; lines are whole paragraphs: fixes inside them only" * self.paragraph_lines)
            + (
                f"; justified with stretched spaces {self.stretched_lines}, reading "
                + ("in order" if self.stretch_in_order else "reversed or either way")
                if self.stretched_lines
                else ""
            )
        )


def paragraph_lines(bodies: Sequence[str]) -> bool:
    """Whether the lines are whole paragraphs, longer than a page's lines: the text was
    reflowed before it came here (pymupdf4llm joins PyMuPDF's lines into paragraphs).
    That is when at least half the text of the Hebrew lines stands in lines longer than
    :data:`_PAGE_LINE_CHARS` (runs of spaces counted as one).

    A line's fixes that move text from one end of it to the other (its runs or pieces
    reversed, a mark at its start moved to its first run's end, a justified line turned)
    read a page's line; in a paragraph the lines they read are joined, and each joined
    line's end is lost, so they would carry text across the whole paragraph. On 24
    pymupdf4llm extractions of the lab's PDFs they took the word error rate from 0.64 to
    0.94.
    """
    total = long = 0
    for body in bodies:
        if has_hebrew(body):
            length = _text_length(body)
            total += length
            long += length if length > _PAGE_LINE_CHARS else 0
    return total > 0 and 2 * long >= total


def paragraph_line(body: str) -> bool:
    """Whether one line is longer than any line of a page (:data:`_PAGE_LINE_CHARS`): a
    paragraph, even in a text whose other lines are a page's (headlines and short
    paragraphs a reader joined too, or a paragraph among page lines)."""
    return _text_length(body) > _PAGE_LINE_CHARS


def _text_length(body: str) -> int:
    """Characters of a line's text, runs of spaces counted as one (a gutter is no text)."""
    words = body.split()
    return sum(map(len, words)) + len(words) - 1


def diagnose(bodies: Sequence[str], assume: str = "auto") -> Diagnosis:
    """Sum the evidence over the document's lines and name its regime.

    ``assume`` is ``auto`` (decide from the evidence), ``logical`` (no line's order is
    the word model's to change) or ``visual`` (the evidence picks which visual regime,
    fragment by default).
    """
    if assume not in ASSUME_CHOICES:
        raise ValueError(f"assume must be one of {ASSUME_CHOICES}, got {assume!r}")
    hebrew = wide = word = narrow = multi = cut = 0
    stretched: list[list[str]] = []
    gapped: list[Line] = []  # lines of wide gaps between plain Hebrew words
    for body in bodies:
        if _HEBREW_RE.search(body) is None:
            continue
        hebrew += 1
        if "  " not in body.strip(" "):
            continue
        line = split_line(body)
        n_wide = sum(1 for g in line.gaps if g >= 2)
        wide += n_wide > 0
        hebrew_gaps, bare_gaps = _hebrew_wide_gaps(line)
        if hebrew_gaps >= 2 and bare_gaps:
            if all(map(_PLAIN_WORD_RE.fullmatch, line.tokens)) and not has_final_first(body):
                gapped.append(line)
            if is_stretched(line):
                stretched.append(line.tokens)
            else:
                multi += 1
        if len(line.gaps) >= 4 and n_wide >= len(line.gaps) - 1:
            word += 1
            narrow += line.gaps[0] == 1
    in_order = bool(stretched) and reversal_vote(stretched[:_STRETCH_SAMPLE]) < -_STRETCH_MARGIN
    multi += 0 if in_order else len(stretched)
    gaps_in_order = (
        len(gapped) >= _GAPS_VOTE_MIN_LINES
        and order_vote(gapped[:_STRETCH_SAMPLE]) < -_GAPS_IN_ORDER_MARGIN
    )
    if gaps_in_order:
        multi = 0
    at_start = at_end = 0
    final_first = False
    unmirrored: list[str] = []
    zipf = WordModel.default().zipf
    for body in bodies:
        score = letter_visual_score(body, zipf)
        at_end += score < -_LINE_VOTE
        if score > _LINE_VOTE:
            at_start += 1
            final_first = final_first or has_final_first(body)
        else:  # a mirrored line shows marks of cuts that are its mirroring
            unmirrored.append(body)
    # A final letter at a word's start is the sure sign: without one anywhere (a text
    # whose words all end otherwise), the lexicon clues alone do not decide.
    letter = final_first and at_start >= _LETTER_MIN and at_start > _LETTER_RATIO * at_end
    run_cut, forms = 0, set()
    for body in unmirrored:
        if _HEBREW_RE.search(body) and (marks := run_cut_forms(body)):
            run_cut += 1
            forms |= marks
    fragment = (multi >= _VISUAL_MIN_LINES and multi >= _VISUAL_SHARE * hebrew) or (
        run_cuts_make_visual(run_cut, hebrew) and len(forms) >= _RUN_CUT_FORMS
    )
    placed = not fragment and _placed_word_by_word(bodies)
    fragment = fragment or placed
    if assume == "logical":
        regime = Regime.LOGICAL
    elif letter:
        regime = Regime.LETTER_VISUAL
    elif fragment or assume == "visual":
        regime = Regime.FRAGMENT_VISUAL
    else:
        regime = Regime.LOGICAL
    words_reversed = False
    if regime is Regime.FRAGMENT_VISUAL:  # only there does the count decide anything
        cut = sum(1 for b in unmirrored if _HEBREW_RE.search(b) and shows_cuts(b))
        runs = _single_spaced_runs(unmirrored[:_WORDS_SAMPLE_LINES], _STRETCH_SAMPLE)
        words_reversed = placed or reversal_vote(runs) > _WORDS_REVERSED_MARGIN
    pieces_visual = words_reversed and _pieces_visual(unmirrored[:_WORDS_SAMPLE_LINES])
    return Diagnosis(
        regime,
        hebrew,
        wide,
        word,
        narrow,
        multi,
        at_start,
        at_end,
        assume != "auto",
        cut,
        run_cut,
        stretched_lines=len(stretched),
        stretch_in_order=in_order,
        words_reversed=words_reversed,
        gaps_in_order=gaps_in_order,
        paragraph_lines=paragraph_lines(bodies),
        pieces_visual=pieces_visual,
    )


def _pieces_visual(bodies: Sequence[str]) -> bool:
    """Whether a document written word by word left to right wrote each piece of a word
    on its own too (PyMuPDF's ``sort=True``: ``ן'אזרבייג``, ``מ" ק``): its words with a
    geresh or gershayim inside read better with their pieces turned, at least
    :data:`_PIECES_MIN` of them and :data:`_PIECES_RATIO` times as many as read better
    as written (pypdf on Typst's PDFs writes each word whole: ``אזרבייג'ן``)."""
    zipf = WordModel.default().zipf
    turned = written = 0
    for body in bodies:
        t, w = pieces_vote(split_line(body).tokens, zipf)
        turned, written = turned + t, written + w
    return turned >= _PIECES_MIN and turned > _PIECES_RATIO * written


_PIECES_MIN = 2
_PIECES_RATIO = 2


# Lines an extractor placed by position: a right-aligned line's indent written as spaces.
_INDENT_RE = re.compile(" {4,}\\S")
_PLACED_INDENT_SHARE = 0.1
_PLACED_MIN_LED = 3


def _placed_word_by_word(bodies: Sequence[str]) -> bool:
    """Whether the extractor laid each line out word by word, left to right (PyMuPDF's
    ``sort=True``): lines indented with spaces where they stand right-aligned on the page
    (:data:`_PLACED_INDENT_SHARE` of the Hebrew lines), so it writes what it sees from
    left to right; and a sentence's end, drawn at a line's left, leads lines and ends none
    (at least :data:`_PLACED_MIN_LED` lines). An extractor that applies the bidi
    algorithm to placed lines (``pdftotext -layout``) ends its lines with their marks,
    even with its embeddings stripped."""
    lines = [b for b in bodies if _HEBREW_RE.search(b)]
    indented = sum(1 for b in lines if _INDENT_RE.match(b))
    led, ends = sentence_mark_edges(lines)
    placed = indented >= _PLACED_INDENT_SHARE * len(lines)
    return placed and led >= _PLACED_MIN_LED and ends < led / 4


def _single_spaced_runs(bodies: Sequence[str], limit: int) -> list[list[str]]:
    """The runs of :data:`_WORDS_RUN` or more Hebrew words one space apart in the lines
    (a wide gap, a lone letter, a number, a Latin word or a token mixing them ends a run):
    in a fragment-visual line, what reads in order if fragments hold several words, and
    reversed if each word is its own. The first ``limit``: the vote is clear long before
    a book's end."""
    runs: list[list[str]] = []
    for body in bodies:
        if len(runs) >= limit:
            break
        if _HEBREW_RE.search(body) is None:
            continue
        line = split_line(body)
        run: list[str] = []
        for token, gap in zip(line.tokens, [*line.gaps, 2], strict=True):
            word = _HEBREW_WORD_RE.match(split_punct(token)[1]) is not None
            if word:
                run.append(token)
            if word and gap == 1:
                continue
            if len(run) >= _WORDS_RUN:
                runs.append(run)
            run = []
    return runs


def run_cuts_make_visual(run_cut_lines: int, hebrew_lines: int) -> bool:
    """True when enough lines show a mark only cut glyph runs leave to call the document
    visual (see ``_RUN_CUT_SHARE``)."""
    return run_cut_lines >= _CUT_MIN_LINES and run_cut_lines >= _RUN_CUT_SHARE * hebrew_lines


def is_stretched(line: Line) -> bool:
    """A line whose every gap is the same wide run (two spaces or more): a justified
    line's stretch, whatever order its words are in (see ``_STRETCH_CLIP``)."""
    return evenly_spaced(line.gaps, 2)


def reversal_vote(lines: Sequence[Sequence[str]]) -> float:
    """How much better lines of tokens read with their words reversed, all together (nats;
    below zero: they read better as written).

    One line tells little (the word model reads 68% of unseen 8-word lines the right way
    round, ``benchmarks/wordmodel_eval.py``); the sum over a document's lines, each
    clipped, does. A second repair of pdfminer's output needs it: the stretched spaces of
    its justified lines stay, the words are in order now, and they must not read as
    fragments left to right. The words reversed are read with their marks where they
    read (:func:`textrepair.stretched.marks_to_sides`), as the repair writes them: an
    extractor that writes words in visual order may write their marks on the visual
    side too (``,איסייב``, PyMuPDF's ``sort=True``), where a comma at a word's start
    made the reversed reading look worse.
    """
    pair = WordModel.default().pair
    vote = 0.0
    for tokens in lines:
        turned = [marks_to_sides(token) for token in reversed(tokens)]
        d = identity_score(turned, pair, None, None)
        d -= identity_score(tokens, pair, None, None)
        vote += max(-_STRETCH_CLIP, min(_STRETCH_CLIP, d))
    return vote


def order_vote(lines: Sequence[Line]) -> float:
    """How much better lines of wide gaps read in visual order than as written, all
    together (nats; below zero: as written): each line's better reading of two, its
    fragments (parted at the wide gaps) reversed, or its words reversed (an extractor
    that places words one by one), clipped as in :func:`reversal_vote`."""
    pair = WordModel.default().pair
    vote = 0.0
    for line in lines:
        tokens = line.tokens
        fragments: list[list[str]] = [[tokens[0]]]
        for token, gap in zip(tokens[1:], line.gaps, strict=True):
            if gap >= 2:
                fragments.append([token])
            else:
                fragments[-1].append(token)
        turned = [t for fragment in reversed(fragments) for t in fragment]
        visual = max(
            identity_score(turned, pair, None, None),
            identity_score(tokens[::-1], pair, None, None),
        )
        d = visual - identity_score(tokens, pair, None, None)
        vote += max(-_STRETCH_CLIP, min(_STRETCH_CLIP, d))
    return vote


def _hebrew_wide_gaps(line: Line) -> tuple[int, int]:
    """Wide gaps with a Hebrew word on both sides, the mark of visual fragment order, and
    how many of them have no mark on either side.

    An extractor that writes a line's direction runs left to right (pypdf on Chromium's
    and WeasyPrint's PDFs) parts them where a neutral mark (a comma, a full stop, a
    quote, a geresh) broke the run, with a wide gap: ``האחרונים,  מנגד.  אלא``. Those
    lines are in piece order, which the seam fixes of a logical document read back
    (:func:`~textrepair.seams.reverse_pieces`); a justified line's visual fragments are
    parted at words, most of them bare.
    """
    tokens = line.tokens
    hebrew = bare = 0
    for i, g in enumerate(line.gaps):
        if g >= 2 and has_hebrew(tokens[i]) and has_hebrew(tokens[i + 1]):
            hebrew += 1
            # No mark on either side: the characters at the gap are a word's
            # (``tokens.split_punct``'s core ends with one).
            bare += bool(_WORD_CHAR_RE.match(tokens[i][-1]) and _WORD_CHAR_RE.match(tokens[i + 1]))
    return hebrew, bare


def line_reads_reversed(body: str) -> bool:
    """True when a line's own letters clearly read mirrored (a letter-visual line)."""
    return letter_visual_score(body, WordModel.default().zipf) > _LINE_VOTE


def line_reads_logical(body: str) -> bool:
    """True when a line's own letters clearly read as written (a logical line)."""
    return letter_visual_score(body, WordModel.default().zipf) < -_LINE_VOTE
