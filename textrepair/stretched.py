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
Serif; Noto Sans and Serif Hebrew), each 3-5% off the median on average. The last line
of a paragraph is not justified: a line the next line's first word would have fitted on
is not counted stretched. The more a line was stretched, the likelier pdf.js parted its
words; but where the cut falls depends on the font's space, and ragged text, set short
of the column without any stretch, looks just as stretched. So the lines are ranked by
stretch and the word model, summed over them, decides whether any and how many of the
most stretched are turned (:func:`stretched_lines`): no single line's words tell (the
word model, on text it never counted, reads 64% of them the right way round), but
together they do. On pdf.js's text of LibreOffice PDFs of unseen text in four fonts
(``benchmarks/pdfjs_eval.py``), justified text goes from 0.305 word error rate to 0.055
and ragged text from 0.057 to 0.002, no line of it turned (turning at a fixed stretch of
0.45 letters, tuned on David CLM alone: 0.089 and 0.290).

It applies freely in a logical-order document with one of pdf.js's other marks:
- where a number or Latin run lies between two Hebrew words, it glues to both
  (``בשנת2012הואשם``: the spaces at the run's edges fall between items and are lost).
  Of the fixtures and the held-out set it recurs in 19 of pdf.js's 20 extractions of
  LibreOffice PDFs and 2 of its 10 of fpdf2 PDFs, and in no other extractor's
  logical-order output (at most one line in twenty of those with a number or Latin run);
- words led by a sentence mark inside a line (``.פלזמה``: WeasyPrint draws the mark as a
  run of its own, an item of its own to pdf.js, written at the word's left): 0.21-0.44
  per Hebrew line in pdf.js's extractions of WeasyPrint PDFs, 0.10-0.22 in pypdf's (whose
  lines the word model then leaves alone), at most 0.03 in other logical-order output.

A producer that draws a line whole (fpdf2) leaves pdf.js no mark: the lines it does not
part come out as they read. There the word model alone decides, more strictly
(``marked=False`` in :func:`stretched_lines`): only on a page's lines (most of them
nearly as long as the longest, :func:`page_shaped`), only stretched lines, and only when
the lines turned gain 25 nats summed and 1.5 a line (pdf.js on fpdf2 PDFs of the
held-out set: 32-320 nats; no other extraction in the labs above 9.6, no page-shaped
clean document of ``benchmarks/clean_eval.py`` above 16). The shortcut for clean text
(:mod:`textrepair.unmarked`) asks it first, on a page's first 400 lines
(:func:`may_turn_unmarked`), and the regime must not be forced.

WeasyPrint draws every piece of a line on its own (a stretch of Hebrew words, a number or
Latin run, a sentence mark) and draws them left to right, so in a document with the
second mark the lines justification did not part are in piece order, each piece as it
reads (``ומשמש ,של חלבוני דם אחרים`` for ``של חלבוני דם אחרים, ומשמש``): the pipeline
reads them back with :func:`textrepair.seams.reverse_pieces`, which pypdf's extractions
of the same PDFs need everywhere (see :func:`parts_marks`). Chromium's PDFs show the same
mark. A line such a producer drew that justification parted is its pieces in drawn order
too, so a number or Latin run turns with the words around it, not in place as in
LibreOffice's run order (``הייתה 2011 ביולי שבוצעה`` is ``שבוצעה ביולי 2011 הייתה``),
and a prefix glued to it goes back before it (``150כ-`` is ``כ-150``).

In such a document a word's tail drawn in another font (WeasyPrint's fallback geresh) is
an item of its own too, written before the word: ``ן’אזרבייג``; so are the letters after
a gershayim drawn as a run of its own, in a line turned whole (``כים"לח``).
:func:`tails_to_end` puts them back where the lexicon knows the word so mended and not
the word as written (36 words in the fixtures and the held-out set, all right).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from itertools import accumulate

import regex

from textrepair.chunks import mixed_lines
from textrepair.seams import GLUE_HINT_RE, LTR_RUN_RE, reverse_pieces
from textrepair.seams import pieces as direction_runs
from textrepair.tokens import (
    BIDI_L,
    BIDI_R,
    HEBREW_LETTER,
    MIRROR,
    has_hebrew,
    lookup,
    sentence_mark_edges,
)
from textrepair.wordmodel import WordModel

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
# Stretch per space, in mean letters, below which pdf.js never parts a line's words: its
# cut is 0.6 em from glyph to glyph, a space at most 0.37 em, a mean letter about 0.5 em.
_LEAST_STRETCH = 0.3
# Nats the word model must gain, over the most stretched lines, before any is turned.
# (Measured on benchmarks/pdfjs_eval.py: 0 and 5 turn lines of ragged text, 10 and 15
# too few of justified.)
_MIN_GAIN = 8.0
# Where the cut usually falls (a fixed cut here, tuned on the fixtures' David CLM, was the
# whole rule before), and what that is worth against the word model, per line, in nats.
# (2 and 4 measured: ragged text turned more, justified text read worse.)
_TYPICAL_STRETCH = 0.45
_PRIOR = 1.0
# The column's width: the width of the line at this rank among lines of 3 words or more
# (a justified column's full lines are most of them; a few headers run longer).
_COLUMN_RANK = 0.9
_MIN_LINES = 5  # lines of 3 words or more needed to measure the column
# A number or Latin run glued to the Hebrew words on both its sides.
_GLUED_BOTH_RE = re.compile(
    f"[{HEBREW_LETTER}][0-9][0-9.,%]*[{HEBREW_LETTER}]"
    f"|[{HEBREW_LETTER}][A-Za-z][A-Za-z ]*[A-Za-z][{HEBREW_LETTER}]"
)
# A line that ends a sentence, as a line in visual or piece order shows it: mark first.
_SENTENCE_END_RE = re.compile(r"\s*[.!?]")
_SPACE_OR_GLUE_RE = re.compile(f" |{GLUE_HINT_RE.pattern}")
_WORD_CHAR_RE = re.compile(r"\w")
# A strong character of a third script: not Latin, not Hebrew.
_THIRD_SCRIPT_RE = regex.compile(
    f"[[{BIDI_L}{BIDI_R}]--[A-Za-z\u0590-\u05ff\ufb1d-\ufb4f]]", regex.V1
)
_GLUED_SHARE = 0.1  # of the lines with a number or Latin run (other extractors: <= 0.05)
# A sentence mark leading a word inside a line (WeasyPrint draws a sentence mark as a run
# of its own, which pdf.js writes as an item: `.פלזמה`).
_MARK_LED_RE = re.compile(f"(?<= )[.,;:!?]+[{HEBREW_LETTER}]")
# A word's marks drawn as items of their own at its sides (WeasyPrint): sentence marks and
# closing brackets at its left, opening brackets at its right.
_SIDE_MARK_RE = re.compile(r"(?<![^ ])[.,;:!?)\]}]|[(\[{](?![^ ])")  # what it may move
_SIDES_RE = re.compile(f"^([.,;:!?)\\]}}]*)([{HEBREW_LETTER}].*?)([(\\[{{]*)$")
# A word's marks at its two edges, as a line in piece order has them: every mark was a
# piece drawn at the side it shows (a hyphen, a percent sign, a slash are the word's own).
_EDGE_MARKS = r""".,;:!?"'“”„‘’׳״()\[\]{}«»"""
_EDGES_RE = re.compile(f"^([{_EDGE_MARKS}]*)(.*?)([{_EDGE_MARKS}]*)$")

# Words led by a sentence mark, per Hebrew line (pdf.js on WeasyPrint PDFs: 0.21-0.44;
# pypdf on them 0.10-0.22, which the word model then leaves alone; other logical-order
# extractions at most 0.03).
_MARK_LED_SHARE = 0.15

# A document that shows none of pdf.js's marks has its stretched lines turned on the word
# model alone only when the turned lines gain this much, summed and per line. (pdf.js on
# fpdf2 PDFs of unseen text, which shows no mark: 32-320 nats, 2.3-16 a line; the 439
# other logical-order extractions of the labs: at most 9.6; benchmarks/clean_eval.py's
# 574 page-shaped clean documents: at most 16.)
_UNMARKED_GAIN = 25.0
_UNMARKED_LINE_GAIN = 1.5
# A page's lines: this share of the lines of 3 words or more at least this share of the
# column's length in characters (page extractions 0.6-0.9; a text written a sentence or a
# paragraph to a line, 0.25-0.35).
_FULL_SHARE = 0.55
_FULL_LENGTH = 0.8
# The lines the shortcut samples to see whether a document without marks has lines to
# turn (the repair itself looks at all of them).
_SAMPLE_LINES = 400
_SAMPLE_CHARS = 100 * _SAMPLE_LINES  # the text they are looked for in (a page line: 40-90)


def _width(ch: str) -> float:
    return WIDTHS.get(ch, 0.0 if unicodedata.combining(ch) else 1.0)


# Each character of the scripts a Hebrew page holds (Latin, Greek, Cyrillic, Hebrew, their
# marks and punctuation) mapped to one byte, its width in hundredths of a letter, so that a
# line's width is one translation and a sum of bytes; any other character (no byte) counts
# as a letter.
_WIDTH_BYTES = str.maketrans(
    {
        chr(c): chr(round(100 * _width(chr(c))))
        for lo, hi in ((0x0, 0x5FF), (0x2000, 0x20CF), (0xFB1D, 0xFB4F))
        for c in range(lo, hi + 1)
    }
)


def text_width(text: str) -> float:
    """Estimated width of ``text`` in mean Hebrew letters."""
    widths = text.translate(_WIDTH_BYTES).encode("latin-1", "ignore")
    return (sum(widths) + 100 * (len(text) - len(widths))) / 100


def glues_runs(bodies: Sequence[str]) -> bool:
    """Whether numbers and Latin runs are glued to the Hebrew words on both sides in
    enough of the lines that have them (pdf.js on LibreOffice PDFs)."""
    mixed = mixed_lines(bodies)
    glued = sum(1 for i in mixed if _GLUED_BOTH_RE.search(bodies[i]))
    return glued >= 2 and glued >= _GLUED_SHARE * len(mixed)


def parts_marks(bodies: Sequence[str]) -> bool:
    """Whether words led by a sentence mark inside lines recur in enough of the Hebrew
    lines: the extractor wrote a line's items in the order they were drawn, left to
    right, and the producer drew a sentence mark as an item of its own (WeasyPrint,
    through pdf.js or pypdf). Such a line is in *piece order* where the stretch test
    does not turn it (see :func:`textrepair.seams.reverse_pieces`).

    In piece order a line that ends a sentence starts with its mark, the last piece
    written first; lines that end with their marks (more of them than start with one)
    are in reading order, and their marks only moved past a space (pdftotext's text
    with its embeddings stripped: 5-45 such lines a document, 0-2 led by a mark; piece
    order: 10-38 led, none ending)."""
    hebrew = [b for b in bodies if has_hebrew(b)]
    led = sum(len(_MARK_LED_RE.findall(b)) for b in hebrew)
    if led < 2 or led < _MARK_LED_SHARE * len(hebrew):
        return False
    starts, ends = sentence_mark_edges(hebrew)
    return ends <= starts


def pieces_read_better(bodies: Sequence[str], model: WordModel) -> bool:
    """Whether the Hebrew lines, summed, read better with their pieces reversed
    (:func:`~textrepair.seams.reverse_pieces`) than as written: the word model's check on
    :func:`parts_marks`, whose marks only say where pieces were cut. Text in reading
    order whose line-end marks moved to the start of the next word shows the same marks:
    PyMuPDF's lines joined into paragraphs (pymupdf4llm), where reading the pieces
    reversed scores 5-29 nats a line worse; piece order scores 0.1-8 nats a line better
    in the labs' extractions that show the marks."""
    gain = 0.0
    for body in bodies:
        if has_hebrew(body):
            gain += model.line_score(reverse_pieces(body, model.zipf)) - model.line_score(body)
    return gain > 0.0


def column_width(bodies: Sequence[str]) -> float | None:
    """The width of a full line of the document's column, or None with too few lines."""
    widths = sorted(text_width(b.strip()) for b in bodies if len(b.split()) >= 3)
    if len(widths) < _MIN_LINES:
        return None
    return widths[int(_COLUMN_RANK * (len(widths) - 1))]


def page_shaped(bodies: Sequence[str]) -> bool:
    """Whether the lines look like a page's lines (most of them nearly as long as the
    longest), measured in characters: a cheap test before any width is estimated."""
    lengths = sorted(len(b) for b in bodies if b.count(" ") >= 2)
    if len(lengths) < _MIN_LINES:
        return False
    full = _FULL_LENGTH * lengths[int(_COLUMN_RANK * (len(lengths) - 1))]
    return sum(n >= full for n in lengths) >= _FULL_SHARE * len(lengths)


def may_turn_unmarked(text: str, model: WordModel) -> bool:
    """Whether a text with none of pdf.js's marks has stretched lines to turn, judged on
    its first lines: for the shortcut, which must not pass such a text as it is."""
    bodies = text[:_SAMPLE_CHARS].splitlines()[:_SAMPLE_LINES]
    return page_shaped(bodies) and bool(stretched_lines(bodies, model, marked=False))


def stretch(
    body: str, following: str, column: float, zipf: Callable[[str], float] | None = None
) -> float | None:
    """How far the spaces of ``body`` were stretched to fill ``column``, in mean letters
    per space; None where it was not justified: the next line (``following``, "" at a
    paragraph's end) could have begun on it (its first word is the one it begins with,
    or, if it was stretched too, the one :func:`unstretch` puts first, or, given the
    lexicon ``zipf`` in a document whose lines are in piece order, the one
    :func:`~textrepair.seams.reverse_pieces` puts first), or it has no space. Where a
    number or Latin run is glued to a Hebrew letter, a space was lost (pdf.js drops the
    space at an item's edge): it is counted back in."""
    core = body.strip()
    glued = len(GLUE_HINT_RE.findall(core))
    spaces = core.count(" ") + glued
    short = column - text_width(core) - _SPACE * glued
    if spaces < 1 or not following.strip():
        return None
    pieces = zipf is not None
    readings = [lambda: following, lambda: unstretch(following, pieces)]
    if zipf is not None:
        readings.append(lambda: reverse_pieces(following, zipf))
    for reading in readings:  # the widest first word decides: stop at one too wide to fit
        if text_width(reading().split()[0]) + _SPACE >= short:
            return short / spaces
    return None


def stretched_lines(
    bodies: Sequence[str], model: WordModel, pieces: bool = False, marked: bool = True
) -> list[int]:
    """The lines pdf.js wrote word-reversed: Hebrew words one space apart (a number or
    Latin run among them allowed), stretched by more than :data:`_LEAST_STRETCH` (none
    without a measurable column), as many of the most stretched as the word model says;
    or every such line, stretched or not, where the producer parted them all.

    The more a line was stretched, the likelier pdf.js parted its words; where the cut
    falls depends on the font's space, which the text does not show, and ragged text,
    which no justification stretched, falls short of its column just the same. So the
    lines are ranked by stretch and the word model's gain from turning each is summed
    down the ranking. Unless the sum reaches :data:`_MIN_GAIN` nats somewhere, no line is
    turned (ragged text reads better as written all the way down). Else the lines down
    to the depth where the sum, with :data:`_PRIOR` nats for each line stretched past
    :data:`_TYPICAL_STRETCH` and against each stretched less, is greatest are turned.

    A producer that places every word on its own (Typst) has pdf.js part every line,
    whatever its stretch. The lines no stretch explains (a paragraph's last line, a line
    stretched too little) then read better turned too; when, summed, they gain
    :data:`_MIN_GAIN` nats, every line is turned. (On LibreOffice's PDFs those lines are
    in order and sum far below it.) With ``pieces`` (a WeasyPrint or Chromium document,
    whose lines are in piece order: see :func:`parts_marks`) those lines are left to
    another reading, and a turned line's number and Latin runs turn with its words
    (:func:`unstretch`).

    Not ``marked`` (the document shows none of pdf.js's marks: its text of fpdf2's
    PDFs), the turned lines must also gain :data:`_UNMARKED_GAIN` nats summed and
    :data:`_UNMARKED_LINE_GAIN` a line, and only stretched lines are turned."""
    column = column_width(bodies)
    if column is None:
        return []
    ranked: list[tuple[float, int]] = []
    rest: list[int] = []
    for i, body in enumerate(bodies):
        if not _candidate(body):
            continue
        following = bodies[i + 1] if i + 1 < len(bodies) else ""
        amount = stretch(body, following, column, model.zipf if pieces else None)
        if amount is not None and amount > _LEAST_STRETCH:
            ranked.append((amount, i))
        else:
            rest.append(i)
    score = model.line_score

    def gain(i: int) -> float:
        return score(unstretch(bodies[i], pieces)) - score(_marks_placed(bodies[i]))

    if marked and not pieces and rest and sum(map(gain, rest)) >= _MIN_GAIN:
        return sorted([i for _, i in ranked] + rest)
    ranked.sort(reverse=True)
    gains = [gain(i) for _, i in ranked]
    if max(accumulate(gains), default=0.0) < _MIN_GAIN:
        return []
    prior = [_PRIOR if amount > _TYPICAL_STRETCH else -_PRIOR for amount, _ in ranked]
    totals = list(accumulate(g + p for g, p in zip(gains, prior, strict=True)))
    depth = max(range(len(totals)), key=totals.__getitem__) + 1
    gained = sum(gains[:depth])
    if not marked and (gained < _UNMARKED_GAIN or gained < _UNMARKED_LINE_GAIN * depth):
        return []
    turned = [i for _, i in ranked[:depth]]
    if pieces:
        turned = [i for i in turned if not _last_of_paragraph(bodies[i], model)]
    return sorted(turned)


def _last_of_paragraph(body: str, model: WordModel) -> bool:
    """Whether a line of a document in piece order that the ranking would turn is rather
    its paragraph's last, which justification never stretches: it ends a sentence (its
    mark written first) and the word model reads it better in piece order than turned.
    (pdf.js's extractions of WeasyPrint and Chromium PDFs in the labs, 22 documents: of
    70 such lines the ranking turned, 32 were in piece order, 28 of them read better so,
    and the 38 that were parted all read better turned, by 1.1 nats or more; of the 859
    other lines it turned, 41 were in piece order, and a like test would have kept 136
    parted ones.)"""
    if not _SENTENCE_END_RE.match(body):
        return False
    score = model.line_score
    return score(unstretch(body, pieces=True)) <= score(reverse_pieces(body, model.zipf))


def unstretch(body: str, pieces: bool = False) -> str:
    """A stretched line in reading order: the words of each right-to-left stretch of it
    in the opposite order, its number and Latin runs where they are.

    LibreOffice draws a line's direction runs in reading order, each run's glyphs left
    to right; pdf.js cuts a stretched run at every space, so only the words inside a
    Hebrew run come out reversed (``( הגאה ישראלGay Israelהסטריאוטיפים נגד ממאמציה
    כחלק )`` is ``ישראל הגאה (Gay Israel) כחלק ממאמציה נגד הסטריאוטיפים``). A word of
    marks alone was displayed on its own too, so its marks turn (``,)`` is ``),``); a
    word led by a sentence mark was two items, the mark drawn at its left, and the mark
    goes to its end (WeasyPrint's PDFs).
    Spaces lost at the runs' edges are left to the seam fixes.

    With ``pieces`` (a producer that draws a line's pieces left to right, WeasyPrint or
    Chromium: see :func:`parts_marks`) a number or Latin run was drawn where it shows,
    one piece among the words, and turns with them (``הייתה 2011 ביולי שבוצעה`` is
    ``שבוצעה ביולי 2011 הייתה``); a Latin run of several words stays one piece. Every
    mark at a word's edge was a piece too, quotes as well, and goes to its other side
    (``."בלבד`` is ``בלבד".``), and brackets around Hebrew words, drawn mirrored, are
    mirrored back (:func:`_brackets_paired`)."""
    if pieces:
        return _brackets_paired(_reverse_words(body, _ltr_spaces(body), piece_turned))
    runs = direction_runs(body)
    return "".join(run.text if run.ltr else _reverse_words(run.text) for run in runs)


def _reverse_words(
    text: str, kept: frozenset[int] = frozenset(), mend: Callable[[str], str] | None = None
) -> str:
    """The words of a right-to-left stretch in the opposite order, its outer spaces kept;
    a space at an index in ``kept`` joins its words into one (a Latin run's), and each
    word goes through ``mend`` (by default its marks go where they read,
    :func:`_marks_placed`, one scan for a line without any)."""
    core = text.strip()
    if not has_hebrew(core):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    words = core.split(" ")
    if kept:
        words = _joined(words, kept, len(lead))
    each = mend or str
    line = " ".join(each(w) if _WORD_CHAR_RE.search(w) else w[::-1] for w in reversed(words))
    return lead + (line if mend else _marks_placed(line)) + text[len(lead) + len(core) :]


def _joined(words: list[str], kept: frozenset[int], at: int) -> list[str]:
    """``words`` (split at single spaces, the first at index ``at``), each word whose
    space before it is at an index in ``kept`` joined to the one before it."""
    out: list[str] = []
    for word in words:
        if out and at - 1 in kept:
            out[-1] += " " + word
        else:
            out.append(word)
        at += len(word) + 1
    return out


def _ltr_spaces(text: str) -> frozenset[int]:
    """The indices of the spaces inside the number and Latin runs of ``text``."""
    return frozenset(
        run.start() + k
        for run in LTR_RUN_RE.finditer(text)
        for k, ch in enumerate(run.group())
        if ch == " "
    )


def marks_to_sides(word: str) -> str:
    """A turned word with the marks drawn at its sides where they read: sentence marks
    and closing brackets from its start to its end, opening brackets from its end to its
    start (``.פלזמה`` is ``פלזמה.``, ``)בבלארוס`` is ``בבלארוס)``, ``:באנגלית(`` is
    ``(באנגלית:``). No Hebrew word ends in an opening bracket or begins with a closing
    one: of pdf.js's extractions, 15 words of the WeasyPrint PDFs have them, all so."""
    return _sides_turned(word, _SIDES_RE)


def piece_turned(word: str) -> str:
    """A word of a line in piece order, turned: where a number or Latin run is glued to
    Hebrew letters, each was a piece and their order turns (``150כ-`` is ``כ-150``);
    else the marks at its two edges change sides (``העם"`` is ``"העם``, ``)Gay Israel(``
    is ``(Gay Israel)``)."""
    runs = direction_runs(word)
    if len(runs) > 1 and has_hebrew(word):
        return "".join(run.text for run in reversed(runs))
    return _sides_turned(word, _EDGES_RE)


def _brackets_paired(line: str) -> str:
    """A turned line in piece order with its bracketed Hebrew words' brackets mirrored:
    a bracket drawn around Hebrew words was drawn as its mirror image, one around a Latin
    run or a number was not (``(יתר קרישיות)`` turned is ``)קרישיות יתר(``, which is
    ``(קרישיות יתר)``; ``)Gay Israel(`` turned is ``(Gay Israel)``). Brackets are read
    two by two from the left; a lone one (its pair on another line) is left as it is."""
    at = [k for k, ch in enumerate(line) if ch in "()[]"]
    chars = list(line)
    n = 0
    while n + 1 < len(at):
        a, b = at[n], at[n + 1]
        if line[b] != line[a].translate(MIRROR):
            n += 1
            continue
        if line[a] in ")]" and has_hebrew(line[a + 1 : b]):
            chars[a], chars[b] = line[b], line[a]
        n += 2
    return "".join(chars)


def _sides_turned(word: str, sides: re.Pattern[str]) -> str:
    """``word`` with the marks ``sides`` finds at its start and end changed over."""
    m = sides.match(word)
    if m is None:
        return word
    return m.group(3)[::-1] + m.group(2) + m.group(1)[::-1]


def _marks_placed(text: str) -> str:
    """The line as written, each word's marks where they read (:func:`marks_to_sides`):
    what a turned line is scored against, so that the marks alone do not pay for turning."""
    if not _SIDE_MARK_RE.search(text):
        return text  # no word to mend: the common case, found in one scan
    return " ".join(map(marks_to_sides, text.split(" ")))


def _candidate(body: str) -> bool:
    """A line of Hebrew words one space apart, with no letters of a third script (whose
    direction this module does not read)."""
    core = body.strip()
    if not has_hebrew(core) or "  " in core or not _SPACE_OR_GLUE_RE.search(core):
        return False
    return not _THIRD_SCRIPT_RE.search(core)


# A word's tail drawn to its left as an item of its own: the letters after its geresh or
# gershayim, drawn before them where the mark is a run of its own or in another font
# (``ן’אזרבייג``, ``ב"בארה``, ``כים"לח``, ``ו"ט``).
_TAIL_FIRST_RE = re.compile(
    f"(?<!\\S)([{HEBREW_LETTER}]+)(״|\"|”|’’|''|’|'|׳)([{HEBREW_LETTER}][^\\s]*)"
)


def tails_to_end(body: str, zipf: Callable[[str], float]) -> str:
    """Each word whose tail pdf.js wrote before it (``ן’אזרבייג`` is ``אזרבייג’ן``,
    ``כים"לח`` is ``לח"כים``), where the lexicon knows the word put back and not the
    word as written."""

    def known(word: str) -> bool:
        return lookup(zipf, word) > 0

    def put_back(m: re.Match[str]) -> str:
        tail, mark, head = m.groups()
        core = head.rstrip(".,;:!?")
        word = core + mark + tail
        if known(word) and not known(tail + mark + core):
            return word + head[len(core) :]
        return m.group(0)

    return _TAIL_FIRST_RE.sub(put_back, body)
