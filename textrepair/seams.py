"""Direction seams: the damage logical-order extractors (pypdf, PyMuPDF, PDFium) leave.

pypdf and PyMuPDF put Hebrew in logical order, but they rebuild it from *runs* of glyphs,
and every change of direction (Hebrew to a number or Latin, Hebrew to a punctuation mark
at the end of a run) is a run boundary they get subtly wrong:

* the neutral characters at the logical end of a run (a full stop, a comma, a closing
  quote) are drawn at its visual left, so they come out at the *start* of the run:
  ``.וכללה ... המקומי`` for ``וכללה ... המקומי.``;
* the space between a run and a number is drawn on the other side, so the number is
  glued to the word before it: ``המרוחקת180 ק"מ``;
* on PDFs whose producer draws each line as visual-order runs (WeasyPrint, fpdf2's
  shaper, text pre-shaped with python-bidi), the runs of a line come out in visual order,
  left to right: ``הרוגים בטביעה15 אסון במדינת האיים: לפחות`` for
  ``אסון במדינת האיים: לפחות 15 הרוגים בטביעה``.

PDFium (pypdfium2) keeps the runs in place but reorders each line as if its numbers stood
in right-to-left text: a number's marks trade sides with it (``בשנת ,1894``, ``כ350-``),
and brackets and curly quotes come mirrored, each on its own (``)או ... יחיד(``,
``אזרבייג‘ן``).

Each fix below is a small pure function ``(line, zipf) -> line`` that only moves
characters and spaces (it may add or drop a space, never another character; the ones
that turn a bracket or quote mirrored on its own replace it by its mirror), and only
fires on a shape clean Hebrew does not have, confirmed by the lexicon where a word is
involved. :func:`seam_evidence` tells from a whole document whether such seams are there
at all (:attr:`SeamEvidence.broken`) and in which order its runs come
(:attr:`SeamEvidence.order`): the fixes that reorder whole stretches of a line,
:func:`reverse_runs` and :func:`reverse_pieces`, need that document-level verdict, since
one line with a number reads about as well either way. :func:`seam_fixes` gives the
(name, fix) pairs for an order, so a caller can report which fix changed what;
:func:`repair_seams` runs them.

Usage, on the lines of a document diagnosed as logical order::

    ev = seam_evidence(lines)
    if ev.broken:
        lines = [repair_seams(line, model.zipf, order=ev.order) for line in lines]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from enum import Enum
from itertools import pairwise
from typing import NamedTuple

from textrepair.tokens import ATTACH_LEFT, LTR_LETTERS, MIRROR
from textrepair.wordmodel import WordModel

Zipf = Callable[[str], float]
Pair = Callable[[str, str], float]
Fix = Callable[[str, Zipf], str]


def _word_set(*texts: str) -> frozenset[str]:
    """The space-separated words of ``texts`` (so that word lists stay readable here)."""
    return frozenset(word for text in texts for word in text.split())


_HEB = "\u05d0-\u05ea"
LTR_CHARS = "0-9" + LTR_LETTERS
# A left-to-right run as the extractors keep it together: digits and Latin letters, with
# the separators the bidi algorithm keeps inside a number (2026-02-04, 1,250, 18:30,
# 22/11/2026, 38.5%) or a Latin phrase (Nati Shohat/FLASH90, date 2026-02-04), and a sign
# between two of its characters (INR>1.5: a neutral between two L is L). An en dash
# is *not* inside: ``12–15`` is two runs, which is why ranges flip.
LTR_RUN_RE = re.compile(
    rf"[{LTR_CHARS}](?:[{LTR_CHARS}]|[-.,:/_@+&=#~<>]+(?=[{LTR_CHARS}])"
    rf"| +(?=[{LTR_LETTERS}])|(?<=[{LTR_LETTERS}]) +(?=[0-9]))*%?"
)
_HEB_RE = re.compile(f"[{_HEB}]")
# A Hebrew word as it touches a seam: letters with inner geresh/gershayim (ק"מ, אזרבייג'ן).
_HEB_WORD_END_RE = re.compile(rf"[{_HEB}]+(?:[\"'׳״][{_HEB}]+)*$")
_HEB_WORD_START_RE = re.compile(rf"^[{_HEB}]+(?:[\"'׳״][{_HEB}]+)*")
# Sentence punctuation that ends a run, then the closing quotes that may follow it (in
# visual order the closing quote comes second: ``.”`` is the drawn order of ``”.``).
# The quotes and brackets that close a word, after its marks.
_CLOSERS = r"[\"'”’׳״)\]}]*"
END_CLUSTER = rf"[.,;:!?]+{_CLOSERS}"
_LEAD_CLUSTER_RE = re.compile(rf"^( *)({END_CLUSTER})( ?)(?=[{_HEB}])")
_RUN_CLUSTER_RE = re.compile(rf"^( *)({END_CLUSTER})(?=[{_HEB}])")
_ENDS_WITH_PUNCT_RE = re.compile(rf"[.,;:!?]{_CLOSERS}$")
# A quote mark after a word's last letter and before no letter closes a quotation; one
# before a word's first letter and after no letter opens one (ארה"ב is neither).
_CLOSING_QUOTE_RE = re.compile(rf"[{_HEB}][\"”״](?![{_HEB}])")
_OPENING_QUOTE_RE = re.compile(rf"(?<![{_HEB}])[\"“„״](?=[{_HEB}])")
# Prefix letters (and usual combinations of them) that legitimately stick to a number or
# a Latin word: ב2020, ל־5, וב־YouTube. Never split these off.
_PREFIXES = _word_set("ו ב ל מ ש ה כ וב ול ומ וה וכ וש שב שה שמ שכ כש מה לכ בכ כב וכש ושב ושה ומה")
# How common a glued Hebrew word must be before a seam is trusted (Zipf scale).
_MIN_ZIPF = 2.0
# Score (grammar hits, see run_order_vote) the visual-run reading must win by: half a
# hit. One hit the words do not strongly contradict is enough (1.0 until 2026-12-06 left
# visual documents with few numbers logical: ud07 on fpdf2 through pypdf and PyMuPDF,
# +0.7 and +0.8); a vote the words alone make positive is not (the lab's seed 000 on
# LibreOffice through PyMuPDF, logical: grammar -1, words +5.4 nats, vote +0.09).
_VOTE_MARGIN = 0.5
# Words that govern a following number (a year, an age, a page, a quantity, a distance)...
_NUMBER_GOVERNORS = _word_set(
    "שנת בשנת משנת לשנת שנות בשנות בן בת בני בנות מאז לפחות עד כמעט בערך מעל מתחת פי",
    "עמוד בעמוד עמודים גיליון פרק בפרק פרקים בפרקים טבלה בטבלה סעיף בסעיף מספר שעה בשעה",
    "יום ביום גיל בגיל מתוך בין ציון אולם באולם חדר בחדר כביש קו מחיר סך בסך רק עוד",
    "מרחק במרחק",
)
# ...and words a number is followed by: units, multipliers, currencies, months.
_MONTHS = _word_set("ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר")
_COUNTED = _word_set(
    'אלף אלפי מיליון מיליארד שנה שנים חודשים ימים יום שעות דקות שניות אחוז אחוזים ק"מ ק״מ',
    'מ"ר ס"מ ק"ג גרם טון ש"ח ₪ דולר יורו פעמים איש אנשים',
) | frozenset(p + m for m in _MONTHS for p in ("", "ב", "ל", "מ"))
_NUMBER_TOKEN_RE = re.compile(r"[\d.,/:%\-]*\d[\d.,/:%\-]*")
_PREFIXED_NUMBER_RE = re.compile(rf"[{_HEB}]{{1,3}}[-־]{_NUMBER_TOKEN_RE.pattern}")
# Weight of the word-pair model in the run-order vote (nats per grammar hit). On text it
# never counted the model's vote has the wrong sign on a few documents, by up to 12 nats
# (held-out ud09 on fpdf2 through pypdf: grammar +4, words -11.8, with a model that never
# counted ud09); 0.3 let it override the grammar there.
_PAIR_WEIGHT = 0.2
# Share of Hebrew lines with punctuation glued to the next word that means piece order.
_PIECES_SHARE = 0.05
_OPENERS = "([{<"
_CLOSERS_START = ".,;:!?)]}>%"


def recurs(shapes: int, hebrew_lines: int) -> bool:
    """Whether seam shapes are too many to be chance: at least 2, and 1 % of Hebrew lines.

    Clean Hebrew has none of these shapes (none in the test corpus); a single one can
    still come from a typo or a quoted code, so one is not enough to touch a document.
    """
    return shapes >= max(2, 0.01 * hebrew_lines)


class SeamOrder(str, Enum):
    """How the runs of a document's lines are ordered, which decides the fixes they get.

    * ``LOGICAL``: runs in reading order, damage only at their edges (LibreOffice PDFs);
    * ``VISUAL_RUNS``: the runs between numbers and Latin come left to right (fpdf2,
      ReportLab, and WeasyPrint through PyMuPDF);
    * ``VISUAL_PIECES``: every run between two punctuation marks comes left to right, and
      the marks too (WeasyPrint through pypdf): ``המדינות,אלייב`` for ``אלייב, ...המדינות``.
    """

    LOGICAL = "logical"
    VISUAL_RUNS = "visual-runs"
    VISUAL_PIECES = "visual-pieces"


class SeamEvidence(NamedTuple):
    """Counts of seam shapes over a document, and the vote on visual-order runs.

    ``glued``: a real Hebrew word glued to a number or Latin run (``המרוחקת180``);
    ``lead_punct``: lines starting with sentence punctuation right before a Hebrew word
    (``.וכללה``); ``punct_glued``: distinct words in which a comma or full stop is glued
    to the next Hebrew word (``המדינות,אלייב``; an abbreviation written with full stops,
    ``הדי.אן.``, counts once however often it recurs); ``hebrew_lines``: lines with
    Hebrew letters;
    ``run_vote``: how much better the lines with numbers read with their runs reversed
    (positive: the document is in visual run order); ``dash_glued``: a real Hebrew word
    with a dash glued to its end before the next word (``בבקשה- שעל``), the trace of a
    dash that began the run drawn after it; ``end_punct``: Hebrew lines that end with
    sentence punctuation, where it belongs; ``number_marks``: numbers whose marks stand on
    their far side (``שנת ,1894``, ``כ350-``: see :func:`number_marks_to_logical`), and
    brackets and quotes mirrored on their own (:func:`mirrored_marks_to_logical`);
    ``quotes_mirrored`` and ``quotes_upright``: curly quotes standing for a geresh or
    gershayim (after a Hebrew letter: ``אזרבייג’ן``, ``ארה”ב``) the other way round, and
    the right way round (see :attr:`mirrored_quotes`); ``led_marks``: sentence marks
    past a space, and dashes past both spaces, leading a word inside a line
    (``הששית ,וממוקמת``: pdftotext's text with its embeddings stripped, see
    :func:`led_marks_to_word_end`).
    """

    glued: int
    lead_punct: int
    punct_glued: int
    hebrew_lines: int
    run_vote: float
    dash_glued: int = 0
    end_punct: int = 0
    number_marks: int = 0
    quotes_mirrored: int = 0
    quotes_upright: int = 0
    led_marks: int = 0

    @property
    def seams(self) -> int:
        """Number of seam shapes seen."""
        quotes = self.quotes_mirrored if self.mirrored_quotes else 0
        return self.run_seams + self.number_marks + quotes + self.led_marks

    @property
    def run_seams(self) -> int:
        """The seam shapes left where a run of Hebrew meets another: pypdf's and PyMuPDF's
        marks (a glued run, punctuation leading a line or glued inside it). Only they say
        anything of the order of a line's runs (:attr:`order`, :attr:`dash_runs`); a
        number's marks and mirrored brackets and quotes are PDFium's, in logical lines."""
        return self.glued + self.lead_punct + self.punct_glued

    @property
    def mirrored_quotes(self) -> bool:
        """True when the document's curly quotes come mirrored (see :func:`swap_curly_quotes`):
        a geresh or gershayim written ``‘`` or ``“`` at least twice, and over three times as
        often as ``’`` or ``”``, the marks a word processor types there."""
        return self.quotes_mirrored >= 2 and self.quotes_mirrored > 3 * self.quotes_upright

    @property
    def broken(self) -> bool:
        """True when seams are too many to be chance (:func:`recurs`)."""
        return recurs(self.seams, self.hebrew_lines)

    @property
    def hyphen_runs(self) -> bool:
        """True when the lines' runs come right to left, cut at hyphens between Hebrew
        words too (see :func:`hyphen_runs_to_logical`).

        The mark of such an extractor (PyMuPDF) is a line's final punctuation at its
        start (``.מרשים``) far more often than at its end, and none glued inside lines
        (which is piece order: pypdf on WeasyPrint): at least 3 such lines, more than
        twice the lines that end with punctuation, and 4 times the words glued to
        punctuation. In the fixtures this holds for every PyMuPDF extraction but those of
        WeasyPrint, and for no other extractor's.
        """
        return (
            self.broken
            and self.lead_punct >= 3
            and self.lead_punct > 2 * self.end_punct
            and self.lead_punct >= 4 * self.punct_glued
        )

    @property
    def dash_runs(self) -> bool:
        """True when the lines' dash-separated runs come in drawn order (see
        :func:`dash_runs_to_logical`): the shape seen at least twice and on 1 % of lines."""
        return recurs(self.run_seams, self.hebrew_lines) and recurs(
            self.dash_glued, self.hebrew_lines
        )

    @property
    def order(self) -> SeamOrder:
        """The order the document's runs are in (``LOGICAL`` when not broken).

        Punctuation glued to the next word inside lines only comes from piece order. The
        run vote must clear half a grammar hit (:data:`_VOTE_MARGIN`): one hit the words
        do not strongly contradict says visual runs; the words alone barely outweighing
        the grammar do not.
        """
        if not recurs(self.run_seams, self.hebrew_lines):
            return SeamOrder.LOGICAL
        if self.punct_glued >= max(3, _PIECES_SHARE * self.hebrew_lines):
            return SeamOrder.VISUAL_PIECES
        if self.run_vote > _VOTE_MARGIN:
            return SeamOrder.VISUAL_RUNS
        return SeamOrder.LOGICAL


class _Piece(NamedTuple):
    """A stretch of a line: a left-to-right run (``ltr``) or the text between two."""

    text: str
    ltr: bool


def pieces(line: str) -> list[_Piece]:
    """Cut a line into alternating non-LTR and LTR pieces (first and last are non-LTR).

    The non-LTR pieces may be empty; joining all texts gives the line back.
    """
    out: list[_Piece] = []
    pos = 0
    for m in LTR_RUN_RE.finditer(line):
        out.append(_Piece(line[pos : m.start()], False))
        out.append(_Piece(m.group(), True))
        pos = m.end()
    out.append(_Piece(line[pos:], False))
    return out


def has_hebrew(text: str) -> bool:
    """True when ``text`` holds a Hebrew letter."""
    return _HEB_RE.search(text) is not None


def _real_word(word: str, zipf: Zipf) -> bool:
    """A Hebrew word the lexicon knows, and not a bare prefix (which may touch a number)."""
    bare = word.replace("״", '"').replace("׳", "'")
    if word in _PREFIXES:
        return False
    return max(zipf(word), zipf(bare)) >= _MIN_ZIPF


def _glued_left(text: str, zipf: Zipf) -> bool:
    """``text`` ends in a real Hebrew word (so a run glued after it is a seam)."""
    m = _HEB_WORD_END_RE.search(text)
    return m is not None and _real_word(m.group(), zipf)


def _glued_right(text: str, zipf: Zipf) -> bool:
    """``text`` starts with a real Hebrew word (so a run glued before it is a seam)."""
    m = _HEB_WORD_START_RE.search(text)
    return m is not None and _real_word(m.group(), zipf)


# --- the fixes -------------------------------------------------------------------------


def _move_cluster(run: str, m: re.Match[str]) -> str:
    """``run`` with the cluster matched at its start put back at its end, in logical order.

    The cluster is in drawn order (``.”``), so it is reversed (``”.``); a space that
    stood between cluster and word stays in front of the run.
    """
    lead, cluster = m.group(1), m.group(2)
    rest = run[m.end() :]
    body = rest.rstrip(" ")
    logical = cluster[::-1]
    return lead + body + logical + rest[len(body) :]


def _opening_quote(cluster: str, rest: str) -> str:
    """The quote marks that end ``cluster`` when they open the run's first word, else "".

    They do when the quotes of the rest of the line pair up only with them there: the
    rest's quotes close, open, ..., close (``,"ששמותיהם ... בלבד". ... הפסיפס``), so read
    as the run's closing quote the mark would close twice in a row. (``."החינוך", ...
    "המגיד``: the rest closes a quote opened on the line before and opens one; the mark
    closes that one.)"""
    quote = cluster[len(cluster.rstrip("\"'״")) :]
    if not quote or quote == cluster:
        return ""
    marks = sorted(
        [(m.start(), "c") for m in _CLOSING_QUOTE_RE.finditer(rest)]
        + [(m.start(), "o") for m in _OPENING_QUOTE_RE.finditer(rest)]
    )
    roles = "".join(role for _, role in marks)
    if not roles or roles != ("co" * len(roles))[: len(roles)] or roles[-1] != "c":
        return ""
    return quote


_SPLIT_CLUSTER_RE = re.compile(r"^(?:[.,;:!?]+[)\]}]|[.!?]+[,;:])$")


def lead_marks_to_run_edges(line: str, zipf: Zipf) -> str:
    """In visual run order, put the marks a line starts with where its last run has them.

    The line's leftmost run is its last (in reading order), and two marks drawn at its
    visual left, a space from its first word, came from both its edges: ``,) או רמות ...
    אחרים`` after ``INR>1.5`` is ``) או רמות ... אחרים,``, ``., או אי ספיקת לב`` after
    ``IgA`` is ``, או אי ספיקת לב.``. The one by the space (a closing bracket, or a mark
    that cannot end a sentence before a full stop) stood at the run's start, after the
    number or Latin run before it; the others at its end. A lone mark can be either
    (``. השימוש`` after ``VIII`` stays; ``, ילדים`` after ``5`` is ``ילדים,``), so it,
    marks touching the word, quotes (``,'`` is a geresh) and lines with no number or
    Latin run are :func:`leading_punct_to_end`'s.
    """
    m = _LEAD_CLUSTER_RE.match(line)  # at the line's start, so in its first piece
    if m is not None and m.group(3) and _stays_after_run(pieces(line), 0):
        return line  # :func:`reverse_runs` puts it after the number or Latin run
    if m is None or not m.group(3) or not _SPLIT_CLUSTER_RE.match(m.group(2)):
        return leading_punct_to_end(line, zipf)
    parts = pieces(line)
    if len(parts) < 3:
        return leading_punct_to_end(line, zipf)
    lead, cluster, space = m.groups()
    body = parts[0].text[m.end() :]
    stripped = body.rstrip(" ")
    fixed = lead + cluster[-1] + space + stripped + cluster[-2::-1] + body[len(stripped) :]
    return fixed + "".join(p.text for p in parts[1:])


# How much better (in nats of the word model's pair scores) a lone mark must read after
# the number or Latin run than at the end of the line for it to stay there.
_AFTER_RUN_MARGIN = 0.5


def _mark_after_run(
    mark: str,
    words: Sequence[str],
    run: Sequence[str],
    before: Sequence[str] = (),
) -> bool:
    """Whether a lone mark drawn at a Hebrew run's visual left, a space from its first
    word, stood at the run's start, after the number or Latin run before it in reading
    order, rather than at the run's end.

    The extractor writes both the marks at a run's end (``, ילדים5 ... ונולדו לו`` is
    ``לו 5 ילדים,``) and those at its start (``, הקמפיין ... ברפורמת2013 בשנת`` is
    ``בשנת 2013, הקמפיין``) at its visual left; the line's shape cannot tell them apart
    (only a mark glued to the word is always the run's end), but the words can: a year
    ends a clause, a count is followed by what it counts. The word model scores the mark
    on each side (:meth:`~textrepair.wordmodel.WordModel.pair` of the neighbours it
    changes): ``words`` are the run's, ``run`` the number or Latin run's, ``before`` the
    words before that run. (Not the word after the run: a word's class with a mark is
    rarely seen before a Latin word, and that noise read ``צילום: Nati`` as ``180:``.)
    Of the 123 lines of the lab extractions that start with such a mark and whose source
    shows its side, this reads 108 right, the line's end 40; of the 35 such runs inside
    lines, all 35, the run's end 26.
    """
    if len(mark) != 1 or not words or not run:
        return False
    pair = WordModel.default().pair
    last, first, end = run[-1], words[0], words[-1]
    after_run = pair(last + mark, first) - pair(last, first)
    if before:
        after_run += pair(before[-1], last + mark) - pair(before[-1], last)
    if len(words) > 1:
        after_run += pair(words[-2], end) - pair(words[-2], end + mark)
    else:
        after_run += pair(last, first) - pair(last, first + mark)
    return after_run > _AFTER_RUN_MARGIN


def _stays_after_run(parts: Sequence[_Piece], i: int) -> bool:
    """:func:`_mark_after_run` for a lone mark at the start of ``parts[i]``, a space from
    its first word, in a Hebrew piece of a line in visual run order (what comes before it
    in reading order are the pieces to its right); False when there is no such mark."""
    m = _LEAD_CLUSTER_RE.match(parts[i].text)
    if m is None or not m.group(3) or i + 1 >= len(parts):
        return False
    before = parts[i + 2].text.split() if i + 2 < len(parts) else []
    words = parts[i].text[m.end() :].split()
    return _mark_after_run(m.group(2), words, parts[i + 1].text.split(), before)


# A cluster that ends a sentence, drawn before the first letter of a word inside a line.
_PARAGRAPH_MARK_RE = re.compile(rf"(?<= )([.!?:]+{_CLOSERS})(?=[{_HEB}])")
# A sentence mark past a space, glued to the Hebrew word after it, inside a line:
# ``הששית ,וממוקמת``; a dash past both its spaces, ``מבקשת  -עוד``. pdftotext writes the
# mark and the spaces beside it as one left-to-right embedding (`` ,``, ``  -``), which
# reads right only while the embedding is there.
# What a word that a mark may follow ends with (unmarked's scans look for it too).
WORD_END = rf"[{_HEB}\w)\]\"'”’׳״]"
_LED_MARK_RE = re.compile(rf"(?<={WORD_END})(?: ([,;:!?]|\.(?!\.))|  ([-–—]))(?=[{_HEB}])")


def _led_mark_back(m: re.Match[str]) -> str:
    return f"{m[1]} " if m[1] else f" {m[2]} "


def led_mark_to_paragraph_end(line: str, zipf: Zipf) -> str:
    """In a line that is a whole paragraph, put the mark that ends the paragraph back at its
    end from the start of the paragraph's last page line, where the extractor drew it
    (PyMuPDF, joined into paragraphs by pymupdf4llm): ``... הוא ערך פגישות .ושיגר מסרים
    מנשיא אזרבייג'ן`` -> ``... ושיגר מסרים מנשיא אזרבייג'ן.``.

    The mark is the last word-leading cluster of a sentence's end (``.``, ``?``, ``!``,
    ``:`` and the quotes and brackets after them) in a paragraph that ends with no mark:
    a page line that ends a sentence lost its mark to its own start, and the last page
    line of a paragraph is the one that ends it. From there on the line is mended as a
    page line that starts with its mark (:func:`leading_punct_to_end`: the mark goes to the
    end of that line's first run). Without this, :func:`led_marks_to_word_end` put the
    mark after the word before it, the previous page line's last word.
    """
    if _ENDS_WITH_PUNCT_RE.search(line.rstrip(" ")):
        return line
    marks = list(_PARAGRAPH_MARK_RE.finditer(line))
    if not marks or marks[-1].group(1).count(".") > 1:  # no mark, or an ellipsis
        return line
    found = marks[-1]
    return line[: found.start()] + leading_punct_to_end(line[found.start() :], zipf)


def led_marks_to_word_end(line: str, zipf: Zipf) -> str:
    """Put a sentence mark that leads a word inside a line back at the end of the word
    before it, and a dash between its spaces: ``הששית ,וממוקמת`` -> ``הששית, וממוקמת``,
    ``מבקשת  -עוד`` -> ``מבקשת - עוד``. No clean line has a space before a comma or full
    stop and none after it, or a dash glued to a word after two spaces; an ellipsis is
    left alone."""
    del zipf
    return _LED_MARK_RE.sub(_led_mark_back, line)


def leading_punct_to_end(line: str, zipf: Zipf) -> str:
    """Put sentence punctuation that a line starts with back at the end of its first run.

    ``.וכללה גם ... המקומי`` -> ``וכללה גם ... המקומי.``; ``.באקו, אזרבייג'ן180`` ->
    ``באקו, אזרבייג'ן.180`` (the run ends where the number starts; spacing is
    :func:`space_glued_runs`'s job). No clean line starts with a full stop or comma before a
    word; the run must not already end with sentence punctuation, and an ellipsis is left.
    """
    del zipf
    parts = pieces(line)
    first = parts[0].text
    m = _LEAD_CLUSTER_RE.match(first)
    if m is None or m.group(2).count(".") > 1:
        return line
    if _ENDS_WITH_PUNCT_RE.search(first[m.end() :].rstrip(" ")):
        return line
    quote = _opening_quote(m.group(2), line[len(m.group(0)) :])
    if quote:  # ``,"ששמותיהם ... בלבד".``: the quote opens the first word; only ``,`` moves
        body = first[m.end() :]
        stripped = body.rstrip(" ")
        punct = m.group(2)[: -len(quote)]
        fixed = m.group(1) + quote + stripped + punct[::-1] + body[len(stripped) :]
        return fixed + "".join(p.text for p in parts[1:])
    if len(parts) == 1:
        fixed = _move_cluster(first, m)
    else:
        lead, cluster, space = m.groups()
        body = first[m.end() :]
        stripped = body.rstrip(" ")
        fixed = lead + space + stripped + cluster[::-1] + body[len(stripped) :]
    return fixed + "".join(p.text for p in parts[1:])


def run_final_punct_to_end(line: str, zipf: Zipf) -> str:
    """The same for a run that follows a number or Latin run inside the line.

    ``180 .באקו, אזרבייג'ן`` -> ``180 באקו, אזרבייג'ן.``: only when the punctuation is glued
    to the Hebrew word (clean text writes ``2025), כ־45%``, never ``2025 .כ``).
    """
    del zipf
    parts = pieces(line)
    out = [parts[0].text]
    for piece in parts[1:]:
        text = piece.text
        m = None if piece.ltr else _RUN_CLUSTER_RE.match(text)
        if (
            m is not None
            and m.group(2).count(".") <= 1
            and not _ENDS_WITH_PUNCT_RE.search(text[m.end() :].rstrip(" "))
        ):
            text = _move_cluster(text, m)
        out.append(text)
    return "".join(out)


def space_glued_runs(line: str, zipf: Zipf) -> str:
    """Put a space between a real Hebrew word and a number or Latin run glued to it.

    ``המרוחקת180`` -> ``המרוחקת 180``, ``38.5%ראו`` -> ``38.5% ראו``,
    ``צילוםNati`` -> ``צילום Nati``. Prefixes (``ב2020``, ``ל־5``) and unknown words are
    left alone: a glued prefix is how Hebrew writes it, an unknown word may be a name.
    Also separates sentence punctuation glued to a following number (``אזרבייג'ן.180``).
    """
    parts = pieces(line)
    out = [parts[0].text]
    for prev, piece in pairwise(parts):
        text = piece.text
        before = out[-1]
        if piece.ltr and before:
            if _glued_left(before, zipf) or (before[-1] in ".,;:!?" and has_hebrew(before[-2:-1])):
                out[-1] = before + " "
        elif not piece.ltr and prev.ltr and text and _glued_right(text, zipf):
            text = " " + text
        out.append(text)
    return "".join(out)


# An opening bracket or quote, spaces, then a number or Latin run closed at once.
_SPACED_OPENER_RE = re.compile(rf"(?:(?<=\s)|^)([(\[{{\"“„])( +)(?={LTR_RUN_RE.pattern}[)\]}}\"”])")


def tighten_enclosed_runs(line: str, zipf: Zipf) -> str:
    """Take out the space an extractor put between an opening bracket or quote and the
    number or Latin run it encloses: ``( FFP)`` -> ``(FFP)``, ``" FFP"`` -> ``"FFP"``.

    pypdf writes a space at each change of direction, also right after an opening mark
    before a left-to-right run; no text sets a space there (none of the clean texts at
    hand does), and only a run closed right after it is touched.
    """
    del zipf
    return _SPACED_OPENER_RE.sub(r"\1", line)


# A number whose neighbouring marks an extractor drew on its far side (PDFium): the
# punctuation after it before it, ``שנת ,1894 במהלך`` for ``שנת 1894, במהלך``; the hyphen of
# its prefix after it, ``כ350-`` or ``ב,1991-`` for ``כ-350`` or ``ב-1991,``; or that
# punctuation after the prefix's hyphen and a space, ``ומ- ,2015`` for ``ומ-2015,``. And
# the prefix's hyphen and the space after the number trading places, ``ב 2022-ייצאה`` for
# ``ב-2022 ייצאה`` (pdftotext's left-to-right embedding `` 2022-``, stripped).
_MARK_NUMBER = r"\d(?:[\d.,/:]*\d)?%?"
_PREFIX = "(?<![{}])({})".format(_HEB, "|".join(sorted(_PREFIXES, key=len, reverse=True)))
_MARK_BEFORE_NUMBER_RE = re.compile(rf"(?<!\S)([,.;:]{{1,2}})({_MARK_NUMBER})(?=\s|$)")
_HYPHEN_AFTER_NUMBER_RE = re.compile(rf"{_PREFIX}([,.;:]*)({_MARK_NUMBER})([-־])(?=\s|$)")
_MARK_AFTER_PREFIX_RE = re.compile(rf"{_PREFIX}([-־]) ([,.;:]+)({_MARK_NUMBER})(?=\s|$)")
_SPACE_AND_HYPHEN_TRADED_RE = re.compile(rf"(?<!\S){_PREFIX} ({_MARK_NUMBER})([-־])(?=[{_HEB}])")
_NUMBER_MARK_FIXES = (
    (_SPACE_AND_HYPHEN_TRADED_RE, r"\1\3\2 "),
    (_HYPHEN_AFTER_NUMBER_RE, r"\1\4\3\2"),
    (_MARK_AFTER_PREFIX_RE, r"\1\2\4\3"),
    (_MARK_BEFORE_NUMBER_RE, r"\2\1"),
)


def _number_marks(line: str) -> int:
    """How many marks of a line's numbers stand on the far side (see above): a number
    whose prefix's hyphen and following punctuation both did (``ומ,2015-``, and
    ``ומ- ,2015``, which two shapes match) counts twice, as two marks traded the way
    PDFium trades them, which no slip of a typist makes."""
    count = sum(len(rx.findall(line)) for rx, _ in _NUMBER_MARK_FIXES)
    return count + sum(1 for m in _HYPHEN_AFTER_NUMBER_RE.finditer(line) if m.group(2))


def number_marks_to_logical(line: str, zipf: Zipf) -> str:
    """Put the marks an extractor drew on a number's far side back on its near side.

    ``בשנת ,1894 במהלך`` -> ``בשנת 1894, במהלך``, ``כ350-`` -> ``כ-350``, ``ב,1991-`` ->
    ``ב-1991,``, ``ומ- ,2015`` -> ``ומ-2015,``. PDFium reorders every line as if its
    numbers stood in right-to-left text, so the neutral marks touching a number trade
    sides with it. No clean text writes a comma glued before a number after a space, or
    a prefix's hyphen after its number.
    """
    del zipf
    for rx, logical in _NUMBER_MARK_FIXES:
        line = rx.sub(logical, line)
    return line


# A bracket drawn mirrored on its own (PDFium: a pair may span two lines): a closing
# bracket that opens a Hebrew word, ``)או פלסמה``, or one that opens a token closed by
# another, ``)FFP),``; an opening bracket that ends a word before a space or punctuation,
# ``יחיד( אמורה``, ``ידו(".``; never the two of an empty pair (``גם( )יכולה``).
_MIRRORED_OPENER_RE = re.compile(rf"(?<!\S)(?<!\(\s)\)(?=[{_HEB}]|[^\s()]*\))")
_MIRRORED_CLOSER_RE = re.compile(r"(?<=[^\s(])\((?!\s*\))(?=[\"'”’]*(?:[\s.,;:!?]|$))")
# A quoted number or Latin run, or a bracketed phrase ending in one, whose closing mark
# went past the space after it: ``"FFP "משמש`` for ``"FFP" משמש``, ``)TRALI )והופעה`` for
# ``(TRALI) והופעה``, ``)באנגלית: Pinkwashing )הוא`` for ``(באנגלית: Pinkwashing) הוא``.
_QUOTE_PAST_SPACE_RE = re.compile(rf"(?<!\S)\"({LTR_RUN_RE.pattern}) \"(?=[{_HEB}])")
_BRACKET_PAST_SPACE_RE = re.compile(rf"(?<!\S)\)([^()]*?{LTR_RUN_RE.pattern}) \)(?=[{_HEB}])")


# Where one of those shapes may be (one scan, more than they match, never less).
_MARK_HINT_RE = re.compile(
    rf"(?<!\S)[,.;:]{{1,2}}\d|[\d%][-־](?!\S)|[\d%][-־](?=[{_HEB}])|(?<!\S)\)|[^\s(]\((?!\S)"
    r"|\((?=[\"'”’.,;:!?])|\S \""
)


def mark_count(line: str) -> int:
    """How many of the shapes :data:`MARK_FIXES` mend a line shows: numbers with their
    marks on the far side, brackets and quotes mirrored on their own."""
    if _MARK_HINT_RE.search(line) is None:
        return 0
    return _number_marks(line) + _mirrored_marks(line)


def _mirrored_marks(line: str) -> int:
    """How many brackets and quotes of a line stand mirrored on their own (see above)."""
    return sum(
        len(rx.findall(line))
        for rx in (_MIRRORED_OPENER_RE, _MIRRORED_CLOSER_RE, _QUOTE_PAST_SPACE_RE)
    )


def mirrored_marks_to_logical(line: str, zipf: Zipf) -> str:
    """Turn back a bracket drawn mirrored on its own, and a quote past its space.

    ``)או פלסמה מתורם`` / ``יחיד( אמורה`` -> ``(או פלסמה מתורם`` / ``יחיד) אמורה``,
    ``)FFP),`` -> ``(FFP),``, ``"FFP "משמש`` -> ``"FFP" משמש``, ``)TRALI )והופעה`` ->
    ``(TRALI) והופעה`` (the closing bracket past its space). PDFium mirrors the
    brackets of a right-to-left line, also when the pair spans two lines, so
    :func:`mirror_bracket_pairs` cannot pair them. No clean text opens a Hebrew word
    with a closing bracket or ends one with an opening bracket.
    """
    del zipf
    line = _BRACKET_PAST_SPACE_RE.sub(r"(\1) ", line)
    line = _MIRRORED_OPENER_RE.sub("(", line)
    line = _MIRRORED_CLOSER_RE.sub(")", line)
    return _QUOTE_PAST_SPACE_RE.sub(r'"\1" ', line)


# A curly quote after a Hebrew letter where it stands for a geresh (``אזרבייג’ן``, ``ג’``)
# or, between letters, for a gershayim (``ארה”ב``).
_WORD_QUOTE_RE = re.compile(rf"(?<=[{_HEB}])(?:[‘’]|[“”](?=[{_HEB}]))")
_CURLY_SWAP = str.maketrans("‘’“”", "’‘”“")


def swap_curly_quotes(line: str, zipf: Zipf) -> str:
    """Swap the curly quotes of a line whose document has them mirrored.

    ``אזרבייג‘ן``, ``ארה“ב``, ``”אנחנו ... בידן“`` -> ``אזרבייג’ן``, ``ארה”ב``,
    ``“אנחנו ... בידן”``: PDFium mirrors them in right-to-left text like brackets. Only in
    a document where :attr:`SeamEvidence.mirrored_quotes` holds; every quote of the line
    turns, opening and closing, whatever the style of quotation.
    """
    del zipf
    return line.translate(_CURLY_SWAP)


_PREFIX_DIGITS_RE = re.compile(rf"(?<![{_HEB}])([{_HEB}]{{1,3}})(?=[{LTR_CHARS}])")


_LEAD_OPENERS_RE = re.compile(r"^( *)([(\[{](?: +[\"“”']?|[\"“”'])|[\"“”] +)")


def leading_openers_to_run_end(line: str, zipf: Zipf) -> str:
    """Put opening brackets and quotes that a line starts with back before its Latin run.

    ``( "המילים "ורודpink`` -> ``המילים "ורוד" (pink``, ``( ישראל הגאהGay Israel)`` ->
    ``ישראל הגאה (Gay Israel)``, ``" ... הביטויFFP"`` -> ``... הביטוי "FFP"``: the marks
    between a Hebrew run and the Latin or number run after it (a closing quote, a space,
    an opening bracket or quote) are drawn at the Hebrew run's visual left and come out
    at the start of the line, reversed. Only for a bracket followed by a space or a quote
    mark, or a double quote followed by a space (an opening mark is glued to the word it
    opens), and when the first run ends in a Hebrew letter glued to the Latin or number
    run, where the marks belonged.
    """
    del zipf
    m = _LEAD_OPENERS_RE.match(line)
    if m is None:
        return line
    rest = line[m.end() :]
    parts = pieces(rest)
    if len(parts) < 2 or parts[0].ltr or not parts[1].ltr:
        return line
    first = parts[0].text
    if not _HEB_RE.match(first[-1:]):
        return line
    return m.group(1) + first + m.group(2)[::-1] + rest[len(first) :]


def leading_hyphen_to_prefix(line: str, zipf: Zipf) -> str:
    """Put a hyphen that a line starts with back between a prefix and its number.

    ``-שם הוא ... הסיבה ש69 אלף`` -> ``שם הוא ... הסיבה ש-69 אלף``: the hyphen of
    ``ש-69`` is a neutral at a direction change and comes out at the start of the run.
    The same for a Latin word (``-התייחסות לWorldPride`` -> ``התייחסות ל-WorldPride``),
    and with the space that stood between the hyphen and the run before it (``- ייצאה
    אליה כ40%`` -> ``ייצאה אליה כ-40%``). Only with exactly one prefix glued to a number
    or Latin run in the line, so where it goes is sure (and a dash that opens a line of
    clean text has no prefix glued to a number after it: that is a seam).
    """
    del zipf
    stripped = line.lstrip(" ")
    rest = stripped[1:].removeprefix(" ")
    if stripped[:1] not in ("-", "־") or not has_hebrew(rest[:1]):
        return line
    spots = [m for m in _PREFIX_DIGITS_RE.finditer(rest) if m.group(1) in _PREFIXES]
    if len(spots) != 1:
        return line
    cut = spots[0].end()
    return line[: len(line) - len(stripped)] + rest[:cut] + stripped[0] + rest[cut:]


# The first elements of hyphenated compounds (בין-ממשלתי, פרו-ישראלי, אנטי-...): they open a
# compound and never close one.
_COMPOUND_FIRST = _word_set(
    "בין פרו אנטי דו תלת רב תת חד ניאו נאו פוסט פרה אולטרה מיני סוציו ביו גיאו היפר",
    "טרנס אינטר מולטי פאן הומו הטרו אוטו מאקרו מיקרו סמי פסאודו ארכי",
)
# A run glued to a line's last word by a hyphen, and the sentence punctuation after it.
_HYPHEN_RUN_RE = re.compile(rf"(?<=[{_HEB}])[-־](?P<run>[{_HEB}][^-־]*?)(?P<end>[.,;:!?]*)$")


def _opens_compound(word: str) -> bool:
    """A word that only ever stands before a hyphen: a compound's first element (with its
    prefix letters: ההומו, והבין) or prefix letters alone (כ-"...", ש-69)."""
    if word in _PREFIXES:
        return True
    return any(
        (cut == 0 or word[:cut] in _PREFIXES) and word[cut:] in _COMPOUND_FIRST
        for cut in range(min(3, len(word) - 1) + 1)
    )


def hyphen_run_to_start(line: str, zipf: Zipf) -> str:
    """Put a line's first run back at its start when it came out at the end, glued by the
    hyphen that joined it to the line's first word.

    PyMuPDF reads a hyphen that ends a line's first run as the run's edge and writes the
    run last: ``לצד כתבות פרו-ישראליות ... מאז תחילת`` comes out ``ישראליות ... מאז
    תחילת-לצד כתבות פרו``. Only where the run ends with a word that opens a compound and
    never closes one (:func:`_opens_compound`): clean Hebrew never ends a line with
    ``תחילת-לצד כתבות פרו``, ``ממשלתיים-הבין`` or ``עם-כ``. A run of other words
    (``רבות-ישראל`` for ``ישראל-אזרבייג'ן ... רבות``) reads as a compound, and stays.
    """
    del zipf
    body = line.rstrip(" ")
    m = _HYPHEN_RUN_RE.search(body)
    if m is None:
        return line
    words = m.group("run").split()
    if not words or len(words) > 4 or not _opens_compound(words[-1]):
        return line
    rest = body[: m.start()]
    indent = len(rest) - len(rest.lstrip(" "))
    hyphen = body[m.start()]
    fixed = rest[:indent] + " ".join(words) + hyphen + rest[indent:] + m.group("end")
    return fixed + line[len(body) :]


_GLUED_HYPHEN_RE = re.compile(rf"(?<=[{_HEB}])-(?=[{_HEB}])")
_LINE_TAIL_RE = re.compile(r"[.,;:!?\"'”’׳״)\]}]*$")


def hyphen_runs_to_logical(line: str, zipf: Zipf) -> str:
    """Put a line's runs back in reading order where the extractor cut it at every hyphen
    between two Hebrew words and wrote the runs right to left.

    PyMuPDF ends a run at such a hyphen (an ASCII hyphen is a separator to the bidi
    algorithm; a maqaf, U+05BE, is a Hebrew letter to it and never cuts) and writes a
    line's runs from its visual left: ``ראש הוועדה ... כמה זה מעיק-את כיושבת`` for
    ``את כיושבת-ראש הוועדה ... כמה זה מעיק``. The runs are put back in reverse order,
    joined by their hyphens; the line's closing punctuation (already moved to its end)
    stays there. Only in a document that shows the extractor's hand
    (:attr:`SeamEvidence.hyphen_runs`), and only on lines with no number or Latin run
    (those are cut there too, and their order is another fix's).
    """
    del zipf
    body = line.rstrip(" ")
    core = body.lstrip(" ")
    if _GLUED_HYPHEN_RE.search(core) is None or LTR_RUN_RE.search(core):
        return line
    indent = body[: len(body) - len(core)]
    tail = _LINE_TAIL_RE.search(core)
    end = tail.group() if tail else ""
    runs = _GLUED_HYPHEN_RE.split(core[: len(core) - len(end)])
    return indent + "-".join(reversed(runs)) + end + line[len(body) :]


_PIPE_RE = re.compile(rf"^( *)([^|]*[{_HEB}])\|( +)([^|]*[{_HEB}][^|]*?)( *)$")


def swap_pipe_sides(line: str, zipf: Zipf) -> str:
    """``צילום: שלו מן| סער עם הנשיא אלייב`` -> ``סער עם הנשיא אלייב | צילום: שלו מן``.

    A vertical bar is a neutral between two runs; glued to the word before it and
    followed by a space it shows the two sides were emitted in visual order. Only a line
    with one bar and no number or Latin run (those are :func:`reverse_runs`' business).
    """
    del zipf
    m = _PIPE_RE.match(line)
    if m is None or LTR_RUN_RE.search(line):
        return line
    lead, left, _gap, right, trail = m.groups()
    return f"{lead}{right} | {left}{trail}"


_QUOTE_SHAPE_RE = re.compile(rf"(?:^|(?<=[ (]))\"(?=[{_HEB}])|(?<=[{_HEB}.,!?])\"(?=[ .,;:!?]|$)")


def leading_quote_to_end(line: str, zipf: Zipf) -> str:
    """Put back at the end of the line a closing quote that came out at its start.

    ``""הציונים רוצחים; אסור להשתתף בהפגנות`` -> ``"הציונים ... בהפגנות"``, and
    ``"עימות ... תוקף "אני לא סופר אתכם`` -> ``עימות ... תוקף "אני לא סופר אתכם"``: the
    line starts with a quote, ends with a word, and every quote mark in it opens a quote
    (none is glued to the end of a word), so one of them must be the closing one.
    """
    del zipf
    body = line.rstrip(" ")
    trail = line[len(body) :]
    stripped = body.lstrip(" ")
    lead = body[: len(body) - len(stripped)]
    if not stripped.startswith('"') or not has_hebrew(stripped[-1:]):
        return line
    if stripped.startswith('""') and has_hebrew(stripped[2:3]) and stripped.count('"') == 2:
        return f'{lead}{stripped[1:]}"{trail}'
    marks = [m.start() for m in re.finditer('"', stripped)]
    shapes = _QUOTE_SHAPE_RE.findall(stripped)
    gershayim = len(re.findall(rf'[{_HEB}]"[{_HEB}]', stripped))
    if len(marks) == 2 and gershayim == 0 and len(shapes) == 2 and marks[0] == 0:
        closing = [m for m in _QUOTE_SHAPE_RE.finditer(stripped) if m.group() and m.end() > 1]
        if all(stripped[m.start() - 1 : m.start()] in ("", " ", "(") for m in closing):
            return f'{lead}{stripped[1:]}"{trail}'
    return line


def _join(left: str, right: str) -> str:
    """Join two pieces of a rebuilt line with the space a clean text would have there."""
    if not left or not right:
        return left + right
    if left[-1] in "־-" or left[-1] in _OPENERS or right[0] in _CLOSERS_START:
        return left + right
    if left[-2:] == ' "' or right[:2] == '" ':  # a quote that opens, one that closes
        return left + right
    if not has_hebrew(right) and not LTR_RUN_RE.match(right) and right[0] in "\"'”’":
        return left + right
    return left + " " + right


def _prefix_hyphen_to_end(text: str) -> str:
    """``-שהביטחון ... ש`` -> ``שהביטחון ... ש-``: a prefix's hyphen drawn on the far side.

    After a number or Latin run in visual order, the hyphen that joins a prefix to it
    comes out at the start of the Hebrew run that ends with the prefix, a space from the
    run's first word when the prefix stands alone after one (``- ומ`` before ``2015`` is
    ``ומ-2015``).
    """
    body = text[1:].lstrip(" ")
    if text[:1] in "-־" and body[:1] and has_hebrew(body[0]) and _last_word(body) in _PREFIXES:
        return body + text[0]
    return text


def _run_end_to_end(text: str) -> str:
    """A Hebrew run after a number or Latin run, with what belongs at its end put there.

    PyMuPDF leaves the neutral marks at a run's visual left where they were drawn, at
    the start of the text it gives: ``: ק"מ מאיראן | צילום`` is ``ק"מ מאיראן | צילום:``.
    A prefix's hyphen after a number or Latin run is the same
    (:func:`_prefix_hyphen_to_end`).
    """
    moved = _prefix_hyphen_to_end(text)
    if moved != text:
        return moved
    m = _LEAD_CLUSTER_RE.match(text)
    if m is None or m.group(2).count(".") > 1 or _ENDS_WITH_PUNCT_RE.search(text.rstrip(" ")):
        return text
    return _move_cluster(text, m)


def reverse_runs(line: str, zipf: Zipf) -> str:
    """Put a visual-run-order line back in logical order: reverse the order of its runs.

    ``הרוגים בטביעה15 אסון במדינת האיים: לפחות`` -> ``אסון במדינת האיים: לפחות 15
    הרוגים בטביעה``. A stretch of punctuation only is itself in drawn order (``.]`` for
    ``].``), so it is reversed too; a dash between two numbers joins them (``12–15``,
    the range the visual order flipped), and a prefix's hyphen goes back before its
    number (``ש-69``). The spaces at the joins are rebuilt. Only for documents in visual
    run order (:attr:`SeamEvidence.order`): one logical line with a number reads about
    as well either way, a whole document does not.
    """
    del zipf
    parts = pieces(line)
    if len(parts) < 3 or not has_hebrew(line):
        return line
    texts: list[str] = []
    for i, piece in enumerate(parts):
        text = piece.text.strip(" ")
        if not piece.ltr and not has_hebrew(text):
            text = text[::-1]
        elif not piece.ltr and i > 0 and not _stays_after_run(parts, i):
            text = _opener_to_end(_run_end_to_end(text))
        texts.append(text)
    texts.reverse()
    out = ""
    for i, text in enumerate(texts):
        if not text:
            continue
        if _range_dash(texts, i) or (i > 0 and _range_dash(texts, i - 1)):
            out += text
        else:
            out = _join(out, text)
    return out


_PAIRS = {"(": ")", "[": "]", "{": "}", '"': '"'}
_LEAD_OPENER_RE = re.compile(rf'^([(\[{{"]) (?=[{_HEB}])')


def _opener_to_end(text: str) -> str:
    """A Hebrew run drawn after a number or Latin run (in visual order) with an opening
    bracket or quote at its visual left, where it was drawn, a space from the word: it
    opens the run that follows, so it goes to the end (``( של גורמי קרישה`` before
    ``INR>1.5`` is ``של גורמי קרישה (``). Not one that touches the word (``[ראו טבלה``
    opens the run itself), nor one that something in the run closes."""
    m = _LEAD_OPENER_RE.match(text)
    if m is None:
        return text
    mark = m.group(1)
    rest = text[m.end() :]
    if _PAIRS[mark] in rest:
        return text
    return rest.rstrip(" ") + " " + mark


def _range_dash(texts: Sequence[str], i: int) -> bool:
    """``texts[i]`` is a lone dash between two numbers: a range, written without spaces."""
    return (
        0 < i < len(texts) - 1
        and texts[i] in ("–", "-")
        and texts[i - 1][-1:].isdigit()
        and texts[i + 1][:1].isdigit()
    )


_R = "\u0590-\u05ff"  # bidi class R: Hebrew letters, points, maqaf, geresh, gershayim
_NEUTRAL = rf"[^{_R}{LTR_CHARS}()\[\]{{}}<> ]"
# A spaced hyphen between Hebrew words is inside its piece; an en or em dash is a piece
# of its own. Lines come out in piece order where the producer drew each mark in a
# fallback font (WeasyPrint and Chromium with Noto Serif or Sans Hebrew, which have a
# hyphen and a space but no other mark: no period, comma, digit, en or em dash).
_PIECE_RE = re.compile(
    rf"(?P<enclosed>\({LTR_RUN_RE.pattern}\))"
    rf"|(?P<ltr>{LTR_RUN_RE.pattern})"
    rf"|(?P<heb>[{_R}](?:(?:[{_R} ]| -(?= )|(?<=[{_R}])-(?=[{_R}]))*[{_R}])?(?: -(?= |$))*)"
    r"|(?P<open>[(\[{<])|(?P<close>[)\]}>])"
    rf"|(?P<neutral>{_NEUTRAL}+(?: +{_NEUTRAL}+)*)"
    r"|(?P<space> +)"
)
_QUOTES = frozenset("\"'“”„‘’")
# Marks that also stand for geresh and gershayim: the ASCII ones, and the curly ones a
# word processor turns them into as the author types (``אזרבייג’ן``, ``ארה”ב``), which
# the lexicon knows in their ASCII form.
_WORD_QUOTES = {"'": "'", '"': '"', "’": "'", "”": '"'}


class _Visual(NamedTuple):
    """A piece of a piece-order line: its text and kind (a group name of _PIECE_RE)."""

    text: str
    kind: str


def _visual_pieces(line: str) -> list[_Visual]:
    """The pieces of a line in piece order, spaces between them dropped."""
    return [
        _Visual(m.group(), "ltr" if m.lastgroup == "enclosed" else m.lastgroup or "")
        for m in _PIECE_RE.finditer(line)
        if m.lastgroup != "space"
    ]


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1] if words else ""


def _first_word(text: str) -> str:
    words = text.split()
    return words[0] if words else ""


def _inner_mark(left: _Visual | None, mark: _Visual, right: _Visual | None, zipf: Zipf) -> bool:
    """A lone mark that joins its two neighbours without spaces.

    A quote mark between two Hebrew pieces is a gershayim or geresh when the three make a
    known word (``ק"מ``, ``אזרבייג'ן``), a geresh after ג, ז or צ (``האזרבייג'ני``), or a
    gershayim closing a short abbreviation (``ד"ר``, ``ח"כ``). A hyphen joins a prefix to
    a number (``ש-69``).
    """
    if left is None or right is None:
        return False
    if mark.text in "-־":
        return left.kind == "heb" and right.kind == "ltr" and _last_word(left.text) in _PREFIXES
    if mark.text not in _WORD_QUOTES or left.kind != "heb" or right.kind != "heb":
        return False
    before, after = _last_word(left.text), _first_word(right.text)
    ascii_mark = _WORD_QUOTES[mark.text]
    if zipf(before + ascii_mark + after) > 0:
        return True
    if ascii_mark == "'":
        return before[-1:] in "גזצץ"
    return len(after) <= 2 and len(before) <= 3


# Sentence marks that Hebrew text sets after a closing quote or bracket, never before it:
# the corpus and the labs' sources have ``".`` and ``",`` 52 times, ``).`` and ``),`` 39,
# ``."``, ``.)`` and ``,)`` never. (``?`` and ``!`` may end a bracketed phrase:
# ``(למה?)``.) Such marks before the closer are its drawn order (``.”`` for ``”.``,
# ``,)`` for ``),``; see END_CLUSTER).
_AFTER_CLOSER = ".,;:"
_DRAWN_CLUSTER_RE = re.compile(rf"[{_AFTER_CLOSER}!?]+[\"'”’״]+|[{_AFTER_CLOSER}]+[)\]]")
_AFTER_CLOSER_RE = re.compile(rf"[{_AFTER_CLOSER}]+")
_ENCLOSED_LEAD_RE = re.compile(rf"\(([{_AFTER_CLOSER}]+)(.+)\)")


def logical_cluster(text: str) -> str:
    """A cluster of neutral marks with its parts in reading order.

    ``" :`` (a quote, then a colon) is no Hebrew typography: it is the drawn order of
    ``: "``, the colon ending one phrase and the quote opening the next; nor are ``.”``
    and ``,)`` (:data:`_DRAWN_CLUSTER_RE`), the drawn order of ``”.`` and ``),``.
    """
    parts = text.split()
    if len(parts) == 2 and parts[0] in _QUOTES and parts[1][0] in ATTACH_LEFT:
        return f"{parts[1]} {parts[0]}"
    if _DRAWN_CLUSTER_RE.fullmatch(text):
        return text[::-1]
    return text


def _marks_out_of_brackets(parts: list[_Visual]) -> list[_Visual]:
    """Sentence marks drawn inside a bracketed phrase, put after it: a mark piece just
    before a closing bracket (``(כולל ... ניתוחי.)``), or leading a bracketed run drawn
    whole (``(,FFP)``). An extractor that writes a line's pieces left to right
    (Chrome through pypdf) writes the mark that follows a closing bracket between the
    brackets."""
    out: list[_Visual] = []
    for p in parts:
        m = _ENCLOSED_LEAD_RE.fullmatch(p.text) if p.kind == "ltr" else None
        if m:
            out.append(_Visual(f"({m.group(2)})", p.kind))
            out.append(_Visual(m.group(1), "neutral"))
        elif p.kind == "close" and out and _mark_piece(out[-1]):
            out.insert(len(out) - 1, p)
        else:
            out.append(p)
    return out


def _mark_piece(p: _Visual) -> bool:
    """Whether a piece is marks alone that follow a closer (:data:`_AFTER_CLOSER`)."""
    return p.kind == "neutral" and _AFTER_CLOSER_RE.fullmatch(p.text) is not None


def _spaced(left: _Visual, right: _Visual, opening: bool) -> str:
    """The separator between two neighbouring pieces of a rebuilt line.

    ``opening`` tells whether a lone quote mark (``left`` or ``right``) opens a quote.
    """
    a, b = left.text[-1], right.text[0]
    if left.kind == "open" or right.kind == "close" or a in "־-/" or b in ATTACH_LEFT + "/":
        return ""
    if left.kind == "neutral" and a in _QUOTES:
        if len(left.text) == 1:
            return "" if opening else " "
        if left.text[-2] != a:
            return ""  # the quote opening after ``, "``
    if right.kind == "neutral" and b in _QUOTES:
        if len(right.text) == 1:
            return " " if opening else ""
        return ""  # the quote closing before ``",`` or ``".``
    if right.kind == "heb" and b in "״׳" and right.text[1:2] == " ":
        return ""  # a Hebrew quote mark closing at the start of a piece
    return " "


_BRACKETS = frozenset("()[]{}")  # mirrored as brackets; not < and >, which are signs
_TURNED_KIND = {"open": "close", "close": "open"}


def _paired(kinds: Sequence[str]) -> bool:
    """Whether a sequence of ``open`` and ``close`` brackets pairs up: none closes before
    it opened, none is left open."""
    depth = 0
    for kind in kinds:
        depth += 1 if kind == "open" else -1
        if depth < 0:
            return False
    return depth == 0


def _brackets_drawn_mirrored(parts: Sequence[_Visual]) -> bool:
    """Whether the bracket pieces of a line put back in reading order pair up only when
    each is mirrored: an extractor that writes the glyphs a right-to-left line draws
    (Chrome through pdf.js and pypdf: ``לחיים (כיום בבלארוס) נולד במינסק`` for ``נולד
    במינסק (כיום בבלארוס) לחיים``) gives each bracket as it looks, the mirror of what it
    means; one that keeps the characters (WeasyPrint through pypdf) gives them as meant.
    A line whose brackets pair neither way is left as it is."""
    kinds = [p.kind for p in parts if p.text in _BRACKETS]
    if not kinds or _paired(kinds):
        return False
    return _paired([_TURNED_KIND[k] for k in kinds])


def reverse_pieces(line: str, zipf: Zipf) -> str:
    """Put a piece-order line back in reading order: reverse the order of its pieces.

    WeasyPrint PDFs through pypdf come out with every stretch between two direction
    changes (Hebrew, a punctuation mark, a number) in visual order, each stretch itself
    logical: ``.ן' אזרבייג,באקו`` for ``באקו, אזרבייג'ן.``; an en or em dash is a
    stretch of its own, a spaced hyphen is not (see :data:`_PIECE_RE`). The stretches are
    reversed;
    the spaces between them are rebuilt (punctuation attaches to the word before it, an
    opening bracket or quote to the word after it, a slash to both: ``Shohat/FLASH90``,
    ``2020/2021``; lone quote marks open and close in
    turn, but one ending the line closes: a quote that opens leads its words, so it ends
    no line, while a quoted phrase wrapped onto the next line ends it), and a lone mark
    inside a word (:func:`_inner_mark`) joins its neighbours.
    A number or Latin run in round brackets, drawn whole (``(INR>1.5)``, Chrome through
    pypdf), is one piece; brackets in pieces of their own are mirrored where only so do
    they pair (:func:`_brackets_drawn_mirrored`), and a sentence mark drawn between them
    goes after the closing one (:func:`_marks_out_of_brackets`). A line with a single
    piece is returned as it is.
    """
    parts = _visual_pieces(line)
    if len(parts) < 2 or not has_hebrew(line):
        return line
    parts.reverse()
    parts = [_Visual(logical_cluster(p.text), p.kind) if p.kind == "neutral" else p for p in parts]
    if _brackets_drawn_mirrored(parts):
        parts = [
            _Visual(p.text.translate(MIRROR), _TURNED_KIND[p.kind]) if p.text in _BRACKETS else p
            for p in parts
        ]
    parts = _marks_out_of_brackets(parts)
    inner = [
        p.kind == "neutral"
        and 0 < i < len(parts) - 1
        and _inner_mark(parts[i - 1], p, parts[i + 1], zipf)
        for i, p in enumerate(parts)
    ]
    out = parts[0].text
    quotes_open = parts[0].text in _QUOTES
    opening = quotes_open
    for i in range(1, len(parts)):
        left, piece = parts[i - 1], parts[i]
        if piece.kind == "neutral" and piece.text in _QUOTES and not inner[i]:
            opening = not quotes_open and i < len(parts) - 1
            quotes_open = opening
        elif left.kind != "neutral" or left.text not in _QUOTES:
            opening = False
        if piece.kind == "neutral" and piece.text[-1] in _QUOTES and piece.text[-2:-1] == " ":
            quotes_open = True  # ``: "`` opens a quote: the next lone mark closes it
        sep = "" if inner[i] or inner[i - 1] else _spaced(left, piece, opening)
        out += sep + piece.text
    return out


_DASH_SEAM_RE = re.compile(rf"(?<=[{_HEB}])[-–—] +(?=[\"'”’׳״]? ?[{_HEB}])")
_LEAD_DASHES_RE = re.compile(rf"^ *((?:[-–—] +)*[-–—]) +(?=[\"'”’׳״]? ?[{_HEB}])")
_RUN_LEAD_RE = re.compile(rf"^([.,;:!?]+[\"'”’׳״)]*(?: |(?=[{_HEB}]))|[\"'”’׳״)]+ )(?=[{_HEB}])")


def _dash_seams(line: str, zipf: Zipf) -> list[re.Match[str]]:
    """The dash seams of a line: a real word (not a prefix) with a dash glued to its end."""
    out = []
    for m in _DASH_SEAM_RE.finditer(line):
        word = _HEB_WORD_END_RE.search(line, 0, m.start())
        if word and word.group() not in _PREFIXES and _real_word(word.group(), zipf):
            out.append(m)
    return out


def _run_lead_to_end(run: str) -> str:
    """A run's leading sentence punctuation or closing quote, drawn first, put at its end."""
    m = _RUN_LEAD_RE.match(run)
    if m is None:
        return run
    return run[m.end() :].rstrip(" ") + m.group(1).strip(" ")[::-1]


def dash_runs_to_logical(line: str, zipf: Zipf) -> str:
    """Put a line whose dash-separated runs came out in drawn order back in reading order.

    PyMuPDF on a line ``שעל סדר יומנו - הצעה לסדר ... בבקשה.`` gives ``. הצעה לסדר ...
    בבקשה- שעל סדר יומנו``: the runs between dashes come left to right, each with the
    dash (and space) that opened it drawn at its far end and its closing full stop or
    quote at its start; a run of dashes that ended the line (``- - -``) starts it. The
    runs are reversed and rejoined with `` - ``, leading marks go back to each run's end
    and leading dashes to the line's end. Only on a line with at least one such seam (a
    real word, not a prefix, with a dash glued to it: ``ש- 69`` is a prefix) or starting
    with a run of dashes (a single dash may be a list bullet), and in a document where
    the shape recurs (:attr:`SeamEvidence.dash_runs`).
    """
    if not has_hebrew(line):
        return line
    body = line.strip(" ")
    lead = _LEAD_DASHES_RE.match(body)
    tail = ""
    if lead is not None:
        tail, body = lead.group(1), body[lead.end() :]
    seams = _dash_seams(body, zipf)
    if not seams and len(tail.split()) < 2:
        return line
    runs, dashes, start = [], [], 0
    for m in seams:
        runs.append(body[start : m.start()])
        dashes.append(m.group().strip(" "))
        start = m.end()
    runs.append(body[start:])
    if any(not r.strip(" ") for r in runs):
        return line
    texts = [_run_lead_to_end(r.strip(" ")) for r in runs]
    out = texts[-1]
    for text, dash in zip(reversed(texts[:-1]), reversed(dashes), strict=True):
        out += f" {dash} {text}"  # the dash glued to a run is the one that opened it
    return f"{out} {tail}" if tail else out


def mirror_bracket_pairs(line: str, zipf: Zipf) -> str:
    """Swap a bracket pair drawn mirrored: ``}כולל גני ילדים{`` -> ``{כולל גני ילדים}``.

    Only a closing bracket that comes before any opening one of its kind, paired with an
    opening bracket after it and no other bracket of that kind on the line, each where
    the other belongs: the closing one after no letter or digit, the opening one before
    none (``ט"ז). בנוסף ... הנשר (או`` closes a pair and opens another).
    """
    del zipf
    for opener, closer in ("()", "[]", "{}"):
        if line.count(opener) != 1 or line.count(closer) != 1:
            continue
        i, j = line.index(closer), line.index(opener)
        if line[i - 1 : i].isalnum() or line[j + 1 : j + 2].isalnum():
            continue
        if i < j and has_hebrew(line[i + 1 : j]):
            line = line[:i] + opener + line[i + 1 : j] + closer + line[j + 1 :]
    return line


MARK_FIXES: list[tuple[str, Fix]] = [
    ("number_marks_to_logical", number_marks_to_logical),
    ("mirrored_marks_to_logical", mirrored_marks_to_logical),
]
"""The fixes of marks no reading of a line has, whatever the document's order: the first
seam fixes of a logical document, and run once more on every line of any document, last,
where :func:`mark_count` finds the shapes often enough (see
:func:`textrepair.pipeline.repair_lines`)."""

SEAM_FIXES: list[tuple[str, Fix]] = [
    *MARK_FIXES,
    ("leading_openers_to_run_end", leading_openers_to_run_end),
    ("leading_punct_to_end", leading_punct_to_end),
    ("led_marks_to_word_end", led_marks_to_word_end),
    ("run_final_punct_to_end", run_final_punct_to_end),
    ("leading_quote_to_end", leading_quote_to_end),
    ("leading_hyphen_to_prefix", leading_hyphen_to_prefix),
    ("hyphen_run_to_start", hyphen_run_to_start),
    ("swap_pipe_sides", swap_pipe_sides),
    ("space_glued_runs", space_glued_runs),
    ("tighten_enclosed_runs", tighten_enclosed_runs),
    ("mirror_bracket_pairs", mirror_bracket_pairs),
]
"""The fixes for a document in logical run order, in the order they run."""

LOCAL_FIXES = frozenset(
    [
        "number_marks_to_logical",
        "mirrored_marks_to_logical",
        "swap_curly_quotes",
        "led_marks_to_word_end",
        "space_glued_runs",
        "tighten_enclosed_runs",
    ]
)
"""The seam fixes that act inside a word or beside the mark they move, never from one end
of a line to the other: the only ones a line that is a whole paragraph gets (see
:func:`textrepair.diagnose.paragraph_lines`), with :data:`PARAGRAPH_FIXES`."""

PARAGRAPH_FIXES: dict[str, tuple[str, Fix]] = {
    "leading_punct_to_end": ("led_mark_to_paragraph_end", led_mark_to_paragraph_end),
}
"""A line fix's form for a line that is a whole paragraph, where it has one: it acts on
the paragraph's last page line."""


def paragraph_fixes(fixes: list[tuple[str, Fix]]) -> list[tuple[str, Fix]]:
    """The fixes for lines that are whole paragraphs, in the order of ``fixes``: the local
    ones (:data:`LOCAL_FIXES`) and the paragraph forms of the others
    (:data:`PARAGRAPH_FIXES`)."""
    out = []
    for name, fix in fixes:
        if name in LOCAL_FIXES:
            out.append((name, fix))
        elif name in PARAGRAPH_FIXES:
            out.append(PARAGRAPH_FIXES[name])
    return out


_FIXES_BY_ORDER: dict[SeamOrder, list[tuple[str, Fix]]] = {
    SeamOrder.LOGICAL: SEAM_FIXES,
    SeamOrder.VISUAL_RUNS: [
        ("lead_marks_to_run_edges", lead_marks_to_run_edges),
        ("run_final_punct_to_end", run_final_punct_to_end),
        ("leading_quote_to_end", leading_quote_to_end),
        ("swap_pipe_sides", swap_pipe_sides),
        ("reverse_runs", reverse_runs),
        ("mirror_bracket_pairs", mirror_bracket_pairs),
    ],
    SeamOrder.VISUAL_PIECES: [
        ("reverse_pieces", reverse_pieces),
    ],
}


def seam_fixes(
    order: SeamOrder = SeamOrder.LOGICAL,
    *,
    dash_runs: bool = False,
    hyphen_runs: bool = False,
    mirrored_quotes: bool = False,
) -> list[tuple[str, Fix]]:
    """The (name, fix) pairs for lines of a document in ``order``, in the order they run.

    ``dash_runs`` (:attr:`SeamEvidence.dash_runs`) puts :func:`dash_runs_to_logical` first:
    the other fixes read a line's first run, which it changes. In a document in visual run
    order it leaves lines with a number or Latin run to :func:`reverse_runs`. Where the
    shape is rare it still runs on a line that shows it twice over (:func:`_dash_runs_when_led`).
    ``hyphen_runs`` (:attr:`SeamEvidence.hyphen_runs`) puts :func:`hyphen_runs_to_logical`
    in the place of :func:`hyphen_run_to_start`, which asks a line for more evidence (in
    visual run order, before :func:`reverse_runs`, which leaves lines without a number or
    Latin run alone). ``mirrored_quotes`` (:attr:`SeamEvidence.mirrored_quotes`) puts
    :func:`swap_curly_quotes` first, so that the others read the quotes turned back.
    """
    fixes = list(_FIXES_BY_ORDER[order])
    if hyphen_runs and order is SeamOrder.LOGICAL:
        at = fixes.index(("hyphen_run_to_start", hyphen_run_to_start))
        fixes[at] = ("hyphen_runs_to_logical", hyphen_runs_to_logical)
    elif hyphen_runs and order is SeamOrder.VISUAL_RUNS:
        at = fixes.index(("reverse_runs", reverse_runs))
        fixes.insert(at, ("hyphen_runs_to_logical", hyphen_runs_to_logical))
    by_order = {
        (True, SeamOrder.LOGICAL): dash_runs_to_logical,
        (True, SeamOrder.VISUAL_RUNS): _dash_runs_without_ltr,
        (False, SeamOrder.LOGICAL): _dash_runs_when_led,
        (False, SeamOrder.VISUAL_RUNS): _dash_runs_when_led_without_ltr,
    }
    fix = by_order.get((dash_runs, order))
    if fix is not None:
        fixes.insert(0, ("dash_runs_to_logical", fix))
    if mirrored_quotes:
        fixes.insert(0, ("swap_curly_quotes", swap_curly_quotes))
    return fixes


# A line that opens with a quoted phrase's last word, its closing quote and the dash that
# opened that run (``בשומרון"- ``), and goes on to open the quote (``"ביקור ראשון``).
_QUOTED_LAST_RUN_RE = re.compile(rf"^([{_HEB}]+[\"”״])([-–—]) +(?=\S)")
_OPEN_QUOTE_RE = re.compile(rf"(?:^|(?<= ))[\"“„](?=[{_HEB}])")


def _dash_runs_when_led(line: str, zipf: Zipf) -> str:
    """:func:`dash_runs_to_logical` on a line of a document where the shape is rare, when
    the line shows it twice over: it opens with the closing mark of its last run, and that
    run's word carries the dash that opened it (``" בשומרון- המועמד ... "ביקור ראשון``);
    or it opens with that word, its closing quote and the dash, and then opens the quote
    it closed (``בשומרון"- המועמד ... "ביקור ראשון``: the quote's only opening, with no
    closing quote after it)."""
    body = line.lstrip(" ")
    quoted = _QUOTED_LAST_RUN_RE.match(body)
    if quoted is not None:
        rest = body[quoted.end() :].rstrip(" ")
        opens = _OPEN_QUOTE_RE.findall(rest)
        if (
            len(opens) != 1
            or rest.count(opens[0]) != 1
            or not _real_word(quoted.group(1)[:-1], zipf)
        ):
            return line
        return f"{rest} {quoted.group(2)} {quoted.group(1)}"
    lead = _RUN_LEAD_RE.match(body)
    if lead is None:
        return line
    seams = _dash_seams(body, zipf)
    if not seams or " " in body[lead.end() : seams[0].start()].strip(" "):
        return line
    return dash_runs_to_logical(line, zipf)


def _dash_runs_when_led_without_ltr(line: str, zipf: Zipf) -> str:
    """:func:`_dash_runs_when_led` on a line with no number or Latin run."""
    if any(p.ltr for p in pieces(line)):
        return line
    return _dash_runs_when_led(line, zipf)


def _dash_runs_without_ltr(line: str, zipf: Zipf) -> str:
    """:func:`dash_runs_to_logical` on a line with no number or Latin run."""
    if any(p.ltr for p in pieces(line)):
        return line
    return dash_runs_to_logical(line, zipf)


def repair_seams(
    line: str,
    zipf: Zipf,
    *,
    order: SeamOrder = SeamOrder.LOGICAL,
    dash_runs: bool = False,
    hyphen_runs: bool = False,
    mirrored_quotes: bool = False,
) -> str:
    """Fix the direction seams of one line (see the module docstring).

    ``order``, ``dash_runs``, ``hyphen_runs`` and ``mirrored_quotes`` come from
    :class:`SeamEvidence` of the whole document.
    """
    fixes = seam_fixes(
        order, dash_runs=dash_runs, hyphen_runs=hyphen_runs, mirrored_quotes=mirrored_quotes
    )
    for _name, fix in fixes:
        line = fix(line, zipf)
    return line


# --- evidence --------------------------------------------------------------------------

_PUNCT_GLUED_RE = re.compile(rf"[{_HEB}][,;:](?=[{_HEB}])|[{_HEB}]\.(?=[{_HEB}]{{2}})")


# A Hebrew letter touching a number or Latin letter: where a glue seam can be at all.
GLUE_HINT_RE = re.compile(rf"[{_HEB}][{LTR_CHARS}]|[{LTR_CHARS}%][{_HEB}]")


def _glue_count(line: str, zipf: Zipf) -> int:
    """Number of seams where a real Hebrew word touches a number or Latin run."""
    if not GLUE_HINT_RE.search(line):
        return 0
    parts = pieces(line)
    n = 0
    for prev, piece, nxt in zip(parts, parts[1:], parts[2:], strict=False):
        if piece.ltr:
            n += _glued_left(prev.text, zipf) + _glued_right(nxt.text, zipf)
    return n


def seam_evidence(
    lines: Sequence[str], zipf: Zipf | None = None, pair: Pair | None = None
) -> SeamEvidence:
    """Document-level evidence of direction seams, and the visual-run-order vote.

    ``zipf`` and ``pair`` default to the bundled :class:`~textrepair.wordmodel.WordModel`.
    The vote, which scores every word pair of the document twice, is only taken when the
    seams make the document :attr:`~SeamEvidence.broken` (it decides nothing otherwise);
    a clean document reports ``run_vote`` 0.
    """
    if zipf is None or pair is None:
        from textrepair.wordmodel import WordModel

        model = WordModel.default()
        zipf = zipf or model.zipf
        pair = pair or model.pair
    glued = lead = heb = dashes = ends = marks = led = 0
    quotes: Counter[str] = Counter()
    glued_punct: set[str] = set()  # the words, each counted once: an abbreviation recurs
    for line in lines:
        if not has_hebrew(line):
            continue
        heb += 1
        dashes += len(_dash_seams(line, zipf))
        glued += _glue_count(line, zipf)
        lead += _LEAD_CLUSTER_RE.match(line) is not None
        ends += _ENDS_WITH_PUNCT_RE.search(line.rstrip(" ")) is not None
        marks += mark_count(line)
        led += len(_LED_MARK_RE.findall(line))
        quotes.update(_WORD_QUOTE_RE.findall(line))
        for m in _PUNCT_GLUED_RE.finditer(line):  # one scan a line; words only where it hits
            glued_punct.add(line[line.rfind(" ", 0, m.start()) + 1 :].split(" ", 1)[0])
    mirrored, upright = quotes["‘"] + quotes["“"], quotes["’"] + quotes["”"]
    evidence = SeamEvidence(
        glued, lead, len(glued_punct), heb, 0.0, dashes, ends, marks, mirrored, upright, led
    )
    if not evidence.broken:
        return evidence
    return evidence._replace(run_vote=run_order_vote(lines, pair))


def run_order_vote(lines: Sequence[str], pair: Pair) -> float:
    """How much better the document reads with the runs of its lines reversed.

    Both readings of the whole document (every line as it is, every line with its runs
    reversed) are scored. The main score is grammatical: how many numbers stand after a
    word that governs a number (``שנת``, ``בן``, ``לפחות``, a prefix with a maqaf) and
    before a counted noun, unit or month (``ק"מ``, ``אלף``, ``באוקטובר``, a plural), and
    how many lines have brackets that nest (``45%), כ־2025 ... (שנערך`` does not). The
    word-pair model, over the whole stream of words so that the pairs across line ends
    count too, breaks ties (it knows numbers only as a class, so it weighs little).
    """
    as_is: list[str] = []
    flipped: list[str] = []
    brackets = 0
    for line in lines:
        if not line.strip():
            continue
        line = run_final_punct_to_end(leading_punct_to_end(line, _no_zipf), _no_zipf)
        kept, turned = space_glued_runs(line, _no_zipf), reverse_runs(line, _no_zipf)
        brackets += _brackets_nest(turned) - _brackets_nest(kept)
        as_is.extend(kept.split())
        flipped.extend(turned.split())
    grammar = _number_context(flipped) - _number_context(as_is) + brackets
    words = _stream_score(flipped, pair) - _stream_score(as_is, pair)
    return grammar + _PAIR_WEIGHT * words


def _brackets_nest(line: str) -> bool:
    """True when the line has round or square brackets and each closes an open one."""
    depth = 0
    seen = False
    for ch in line:
        if ch in "([":
            depth += 1
            seen = True
        elif ch in ")]":
            depth -= 1
            seen = True
            if depth < 0:
                return False
    return seen


def _bare(token: str) -> str:
    """A token without the punctuation around it."""
    return token.strip(".,;:!?\"'()[]{}<>“”„")


def _is_number_token(token: str) -> bool:
    return _NUMBER_TOKEN_RE.fullmatch(_bare(token)) is not None


def _number_context(tokens: Sequence[str]) -> int:
    """Numbers in ``tokens`` that stand where Hebrew grammar puts numbers (see above); a
    number that carries its prefix and hyphen (``ש-69``, ``ב-2020``) is governed by it."""
    hits = 0
    for i, token in enumerate(tokens):
        if _PREFIXED_NUMBER_RE.fullmatch(_bare(token)):
            hits += 1
        elif not _is_number_token(token):
            continue
        elif i > 0:
            before = _bare(tokens[i - 1])
            hits += before in _NUMBER_GOVERNORS or before.endswith(("־", "-"))
        if i + 1 < len(tokens):
            after = _bare(tokens[i + 1])
            hits += after in _COUNTED or (len(after) > 3 and after.endswith(("ים", "ות")))
    return hits


def _stream_score(tokens: Sequence[str], pair: Pair) -> float:
    """Sum of the pair scores of neighbouring tokens."""
    return sum(pair(a, b) for a, b in pairwise(tokens))


def _no_zipf(word: str) -> float:
    """A lexicon that knows every word: the vote compares readings, it trusts no glue."""
    del word
    return 9.0
