"""Character-level visual order: lines whose Hebrew letters are all reversed.

pdfminer.six, pdfplumber and mutool write a right-to-left line as it is drawn, glyph by
glyph from left to right: every Hebrew word comes out letter-reversed and the word order is
mirrored, while numbers and Latin words keep their left-to-right order (``2026 רבמבונ``
for ``נובמבר 2026``). That is the output of the Unicode bidi algorithm (UAX #9) for a
right-to-left paragraph, so the repair is its inverse:

* reverse the line, except each left-to-right run (level 2 in UAX #9 terms), which keeps
  its order. Which characters form such a run is decided by the same rules the forward
  algorithm uses (W4, W5, W7, N1), applied to the visual line. They are symmetric except
  W7: ``ABC 12`` on the page may be ``ABC 12`` or ``12 ABC`` in the text. We keep
  Latin-then-number together (``Windows 10``) unless the gap between them, a unit
  (``GB 5``) or the brackets of the line say otherwise (:func:`_split_point`);
* bracket glyphs. PDF producers shape with HarfBuzz/ICU, which *draw* the mirrored glyph
  but map it back to the logical character, so the extracted ``)`` stands where the page
  shows ``(`` — exactly python-bidi's Rust ``get_display`` (no mirroring, UAX #9 N0 for
  bracket pairs). The pure-Python ``bidi.algorithm.get_display`` instead *mirrors* (L4)
  and has no N0. Both are handled: ``mirrored`` chooses, and by default each line's
  bracket orientation decides (see :func:`mirror_evidence`). Where brackets beside Latin
  can be paired up two ways, the reading that ``get_display`` lays out back into the
  line wins.

mutool on LibreOffice PDFs writes a line another way: its direction runs in reading order,
each right-to-left run reversed on its own, glued to its neighbours (``ןועבר7 ץרמ``).
:func:`runs_in_reading_order` tells such a document from that glue, and
:func:`runs_to_logical` then turns each run on its own.

Everything is done with a few precompiled ``regex`` patterns on the whole line; there is no
per-character Python loop except over bracket characters when a line has any. Measured
round trip (``benchmarks/roundtrip.py --corpus``): every corpus line exact; lines salted
with numbers, Latin and brackets exact except where a number is followed by Latin, the one
layout no inverse can undo.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise

import regex
from bidi import get_display

from textrepair.tokens import (
    BIDI_L,
    BIDI_R,
    HEBREW_LETTER,
    HEBREW_POINTS,
    points_after_letters,
    unpointed,
)

try:  # python-bidi's full Bidi_Mirroring_Glyph table (pure-Python module kept since 0.5).
    from bidi.mirror import MIRRORED as _BIDI_MIRRORED
except ImportError:  # pragma: no cover - older or stripped python-bidi
    _BIDI_MIRRORED = {}

__all__ = [
    "letter_visual_score",
    "mark_sides",
    "marks_kept_after",
    "mirror_evidence",
    "runs_in_reading_order",
    "runs_to_logical",
    "visual_to_logical",
]

_LN10 = math.log(10.0)
_MIRROR_PAIRS = {**dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True)), **_BIDI_MIRRORED}
MIRROR_TABLE = str.maketrans(_MIRROR_PAIRS)

# Bidi classes as regex character-class bodies (UAX #9 table 4).
_L, _R = BIDI_L, BIDI_R
_DIGIT = r"\p{bc=EN}\p{bc=AN}"
_ET = r"\p{bc=ET}"
_SEP = r"\p{bc=ES}\p{bc=CS}"
# A number after W4/W5: digits joined by single separators or by terminators, with the
# terminators ($ % ₪ ° #) that touch it. ``1,234.5``, ``10-15``, ``12:30``, ``45%``, ``₪5``.
_NUM = rf"[{_ET}]*[{_DIGIT}]+(?:(?:[{_SEP}]|[{_ET}]+)[{_DIGIT}]+)*[{_ET}]*"
_MARK = HEBREW_POINTS
# Latin (any strong L) with the combining marks on it (W1); never a Hebrew point, which
# only a Hebrew letter carries (reversed, one may touch a Latin word: ``YouTubeְו``).
_LCH = rf"(?:[{_L}](?:(?![{_MARK}])\p{{bc=NSM}})*)+"
# Neutrals that join two left-to-right items (N1); tabs (S) always break a run (L1).
_NEU = rf"[^{_L}{_R}{_DIGIT}\p{{bc=S}}\p{{bc=B}}]"
# A level-2 run: a number that is not preceded by Latin (W7) cannot take neutrals with it,
# but can touch Latin directly; after Latin, numbers and Latin chain through neutrals.
_RUN_RE = regex.compile(rf"(?:{_NUM})?{_LCH}(?:{_NEU}*(?:{_LCH}|{_NUM}))*|{_NUM}")
_LTR_RE = regex.compile(rf"[{_L}{_DIGIT}]")
_LATIN_RE = regex.compile(rf"[{_L}]")
_STRONG_RE = regex.compile(rf"[{_L}{_R}{_DIGIT}]")
_STRONG_LR_RE = regex.compile(rf"[{_L}{_R}]")
_RTL_RE = regex.compile(rf"[{_R}]")
_LAST_RTL_RE = regex.compile(rf"(?r)[{_R}]")
_LAST_STRONG_LR_RE = regex.compile(rf"(?r)[{_L}{_R}]")
# A run whose numbers follow Latin (W7), so that numbers, too, chain through neutrals.
_CTX_RUN_RE = regex.compile(rf"(?:{_NUM}|{_LCH})(?:{_NEU}*(?:{_LCH}|{_NUM}))*")
# Where Latin meets a later number through neutrals (the W7 join): "ABC 12", "x, 5".
_JOIN_RE = regex.compile(rf"(?<=[{_L}]\p{{bc=NSM}}*)({_NEU}+?)(?=[{_ET}]*[{_DIGIT}])")
_BAD_GAP_RE = regex.compile(r"\s[,.;:!?]")
_WORD_BEFORE_RE = regex.compile(rf"(?:[{_L}]\p{{bc=NSM}}*)+$")
# Units and number words that follow a number: "5 GB" comes out "GB 5".
_UNIT_WORDS = (
    "mm cm m km g kg mg µg mcg ml l L t Hz kHz MHz GHz W kW MW GW V mV A mA mAh Wh kWh dB "
    "B KB kB MB GB TB PB bit bps kbps Mbps Gbps px pt ppm ppb K mol h min s ms sec "
    "USD EUR NIS GBP ILS million billion thousand percent"
)
_UNITS = frozenset(_UNIT_WORDS.split())

# Paired brackets (BD16, the ASCII ones) and everything that can be mirrored.
_OPEN = "([{"
_CLOSE = ")]}"
_PARTNER = dict(zip(_OPEN + _CLOSE, _CLOSE + _OPEN, strict=True))
_BRACKET_RE = regex.compile(r"[()\[\]{}]")
_EVIDENCE_RE = regex.compile(r"[()\[\]{}<>«»]")
_EVIDENCE_OPEN = "([{<«"
_EVIDENCE_PARTNER = dict(zip("([{<«)]}>»", ")]}>»([{<«", strict=True))
# An opening bracket glued to what precedes it and followed by a space, punctuation or the
# line's end (``ידו(".``), or a closing bracket after a space or the line's start and
# glued to the word after it (``)word``): the wrong way round for logical text.
_MISATTACHED_RE = regex.compile(
    r"(?<=\S)[(\[{<«](?=[\"']*(?:[\s.,;:!?)\]}>»]|$))"
    r"|(?:(?<=[\s(\[{<«])|^)[)\]}>»](?=[\"']*\w)"
)

# letter_visual_score: Hebrew words (with inner geresh/gershayim) and the evidence weights,
# in nats. Measured on the UD Hebrew corpus: 21.5 % of words end in a final letter and none
# starts with one; 18.5 % start with כ/מ/נ/פ/צ and 0.1 % end with one.
_HEB_WORD_RE = regex.compile(r"[\u05d0-\u05ea]+(?:[\"'\u05f3\u05f4][\u05d0-\u05ea]+)*")
_FINALS = frozenset("ךםןףץ")
_MEDIALS = frozenset("כמנפצ")
_W_FINAL = 2.5
_W_MEDIAL = 1.5
_W_LEXICON_CAP = 3.0
_ZIPF_FLOOR = 1.0
_W_PUNCT = 1.5
_SENTENCE_PUNCT = ".,:;!?"


def _pairs(spans: list[tuple[int, str]], openers: str) -> list[tuple[int, int]]:
    """Bracket pairs by BD16: ``openers`` open, their partners close; a stack of 63."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for pos, ch in spans:
        if ch in openers:
            if len(stack) == 63:
                break
            stack.append((_PARTNER[ch], pos))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == ch:
                pairs.append((stack[k][1], pos))
                del stack[k:]
                break
    return pairs


def _split_point(line: str, s: int, e: int) -> tuple[int, int] | None:
    """Where a run ``Latin … number`` should be cut in two, as the gap's span, or None.

    The bidi algorithm lays out both ``ABC 12`` (W7: a number after Latin is Latin) and
    ``12 ABC`` (two runs) as ``ABC 12``, so the visual line cannot tell them apart. Keeping
    them together is the default (``Windows 10``, ``COVID-19``); we cut when the gap only
    makes sense read the other way round: a space before a comma or full stop (``x ,2010``
    is ``2010, x``) or a unit after a number (``GB 5`` is ``5 GB``). Brackets in the gap
    are left to :func:`_bracket_splits`, which needs the whole line.
    """
    for m in _JOIN_RE.finditer(line, s, e):
        gap = m.group()
        if _BAD_GAP_RE.search(gap):
            return m.span()
        if gap.isspace():
            word = _WORD_BEFORE_RE.search(line, s, m.start())
            if word is not None and word.group() in _UNITS:
                return m.span()
    return None


def _scan(line: str, lo: int, hi: int, out: list[tuple[int, int]]) -> None:
    """Append the runs of ``line[lo:hi]`` to ``out``, cut where :func:`_split_point` says.

    After a cut the rest is scanned afresh: its leading number no longer follows Latin,
    so it cannot reach the next Latin word through neutrals.
    """
    while True:
        for m in _RUN_RE.finditer(line, lo, hi):
            s, e = m.span()
            cut = _split_point(line, s, e) if _JOIN_RE.search(line, s, e) else None
            if cut is not None:
                out.append((s, cut[0]))
                lo = cut[1]
                break
            out.append((s, e))
        else:
            return


def _assemble(line: str, spans: list[tuple[int, int]], mirrored: bool) -> str:
    """Reverse the line except the runs at ``spans`` (sorted); mirror the rest if asked."""
    parts = []
    end = len(line)
    for s, e in reversed(spans):
        between = line[e:end][::-1]
        parts.append(between.translate(MIRROR_TABLE) if mirrored else between)
        parts.append(line[s:e])
        end = s
    head = line[:end][::-1]
    parts.append(head.translate(MIRROR_TABLE) if mirrored else head)
    # The pieces were collected from the right end of the visual line: logical order.
    return "".join(parts)


def _bracket_splits(
    line: str, spans: list[tuple[int, int]], mirrored: bool
) -> list[tuple[int, int]]:
    """Cut ``Latin (… number`` runs where that leaves fewer brackets without a partner.

    ``5 (V).`` without N0 is laid out ``.(V) 5`` (mirrored) and looks like the run
    ``V) 5``; only the brackets of the whole line show that the run is two.
    """
    base = _unbalanced(_assemble(line, spans, mirrored))
    for k, (s, e) in enumerate(spans):
        for m in _JOIN_RE.finditer(line, s, e):
            if base == 0:
                return spans
            if _BRACKET_RE.search(m.group()) is None:
                continue
            rest: list[tuple[int, int]] = []
            _scan(line, m.end(), e, rest)
            trial = [*spans[:k], (s, m.start()), *rest, *spans[k + 1 :]]
            score = _unbalanced(_assemble(line, trial, mirrored))
            if score < base:
                return _bracket_splits(line, trial, mirrored)
    return spans


def _left_is_latin(line: str, pos: int) -> bool:
    """True when the nearest strong character left of ``pos`` is Latin (not Hebrew/none)."""
    m = _LAST_STRONG_LR_RE.search(line, 0, pos)
    return m is not None and _RTL_RE.match(line, m.start()) is None


def _ltr_pair(line: str, a: int, b: int) -> bool:
    """Whether brackets at ``a`` < ``b``, in reading orientation, sit in a left-to-right run.

    N0 makes a pair left-to-right when it holds Latin or digits and no Hebrew, and the
    nearest strong character before it is Latin.
    """
    return (
        _LTR_RE.search(line, a, b) is not None
        and _RTL_RE.search(line, a, b) is None
        and _left_is_latin(line, a)
    )


def _bracket_structure(line: str, reversed_first: bool) -> tuple[list[tuple[int, int]], list[int]]:
    """The left-to-right bracket pairs and the positions of right-to-left (cut) brackets.

    A right-to-left pair of an unmirrored line reads ``)…(``; a left-to-right one ``(…)``.
    Where the two readings compete for a bracket (``)א B( C )ד(``), ``reversed_first``
    says which pairs are taken first.
    """
    brackets = [(m.start(), m.group()) for m in _BRACKET_RE.finditer(line)]

    def ltr(spans: list[tuple[int, str]]) -> list[tuple[int, int]]:
        return [(a, b) for a, b in _pairs(spans, _OPEN) if _ltr_pair(line, a, b)]

    def rtl(spans: list[tuple[int, str]]) -> list[tuple[int, int]]:
        return [(a, b) for a, b in _pairs(spans, _CLOSE) if _STRONG_RE.search(line, a + 1, b)]

    first = rtl(brackets) if reversed_first else ltr(brackets)
    taken = {pos for pair in first for pos in pair}
    rest = [(pos, ch) for pos, ch in brackets if pos not in taken]
    second = ltr(rest) if reversed_first else rtl(rest)
    ltr_pairs, rtl_pairs = (second, first) if reversed_first else (first, second)
    return ltr_pairs, sorted(pos for pair in rtl_pairs for pos in pair)


def _runs(line: str, mirrored: bool, reversed_first: bool = False) -> list[tuple[int, int]]:
    """Spans of the left-to-right (level 2) runs of a visual line, sorted.

    Unmirrored lines come from N0-aware layout (ICU, fribidi, unicode-bidi): a bracket pair
    around Latin after Latin belongs to the run, ``WHO (World Health)``, and a pair at the
    right-to-left level shows up reversed, ``)ABC(``, and separates what is around it.
    """
    has_brackets = _BRACKET_RE.search(line) is not None
    segments = [(0, len(line))]
    ltr_pairs: list[tuple[int, int]] = []
    if has_brackets and not mirrored:
        ltr_pairs, cuts = _bracket_structure(line, reversed_first)
        bounds = [-1, *cuts, len(line)]
        segments = [(lo + 1, hi) for lo, hi in pairwise(bounds) if hi > lo + 1]
    spans: list[tuple[int, int]] = []
    for lo, hi in segments:
        ctx = _STRONG_LR_RE.search(line, hi) if hi < len(line) else None
        if ctx is None or _RTL_RE.match(line, ctx.start()):
            _scan(line, lo, hi, spans)
            continue
        # N0 made the bracket right-to-left, but W7 looks through it: numbers after
        # ``(… Latin)`` are Latin, so the stretch up to the nearest Hebrew is one run.
        last_r = _LAST_RTL_RE.search(line, lo, hi)
        mid = last_r.end() if last_r else lo
        _scan(line, lo, mid, spans)
        spans.extend(m.span() for m in _CTX_RUN_RE.finditer(line, mid, hi))
    spans.sort()
    if not has_brackets:
        return spans
    if not mirrored:
        # N0 with Latin before and inside: the closing bracket joins the run.
        for a, b in ltr_pairs:
            for k, (s, e) in enumerate(spans):
                if s < a < e <= b and _STRONG_RE.search(line, e, b) is None:
                    spans[k] = (s, b + 1)
                    break
    return _bracket_splits(line, spans, mirrored)


def _unbalanced(text: str) -> int:
    """Brackets (and ``<>``, ``«»``) of ``text`` that have no partner in logical order."""
    depth = dict.fromkeys(_EVIDENCE_OPEN, 0)
    loose = 0
    for m in _EVIDENCE_RE.finditer(text):
        ch = m.group()
        if ch in depth:
            depth[ch] += 1
        elif depth[_EVIDENCE_PARTNER[ch]]:
            depth[_EVIDENCE_PARTNER[ch]] -= 1
        else:
            loose += 1
    return loose + sum(depth.values())


def _bracket_cost(text: str) -> int:
    """How wrong the brackets of a logical text look: one point per unpaired bracket, two
    per bracket glued to the wrong side (``)word``, ``word( ``). Lines often cut a
    parenthesis in two (``הבנק) … (חבר``), so which word a bracket clings to weighs more
    than whether it has a partner on the same line."""
    return _unbalanced(text) + 2 * len(_MISATTACHED_RE.findall(text))


def mirror_evidence(line: str) -> int:
    """Whether a visual line's brackets were mirrored: > 0 yes, < 0 no, 0 cannot tell.

    Brackets at the right-to-left level come out ``(…)`` when the layout mirrored them
    (``bidi.algorithm.get_display``) and ``)…(`` when the extractor mapped each glyph back
    to its logical character (every PDF extractor seen). We read the line both ways and
    compare how wrong the brackets look (:func:`_bracket_cost`). Sum it over a document for
    a firmer answer, then pass ``mirrored`` to :func:`visual_to_logical`.
    """
    if _EVIDENCE_RE.search(line) is None:
        return 0
    return _bracket_cost(_reorder(line, False)) - _bracket_cost(_reorder(line, True))


def _reorder(line: str, mirrored: bool) -> str:
    """Reverse the line except its left-to-right runs; mirror the rest if asked."""
    if _LTR_RE.search(line) is None:
        out = line[::-1]
        return out.translate(MIRROR_TABLE) if mirrored else out
    out = _assemble(line, _runs(line, mirrored), mirrored)
    if mirrored or _BRACKET_RE.search(line) is None or _LATIN_RE.search(line) is None:
        return out
    # Brackets next to Latin can pair up two ways (:func:`_bracket_structure`). Prefer the
    # reading that python-bidi's layout (unmirrored, with N0) turns back into the line,
    # then the one whose brackets look right.
    other = _assemble(line, _runs(line, False, reversed_first=True), False)
    if other == out:
        return out
    return min(
        (out, other),
        key=lambda x: (get_display(x, base_dir="R") != line, _bracket_cost(x)),
    )


_LETTER = HEBREW_LETTER + "\u05f0-\u05f2"  # and the Yiddish ligatures
_ANY_MARK_RE = regex.compile(f"[{_MARK}]")
_WORD_END_MARK_RE = regex.compile(rf"(?<=[{_LETTER}])[{_MARK}]+(?![{_LETTER}{_MARK}])")
_WORD_START_MARK_RE = regex.compile(rf"(?<![{_LETTER}{_MARK}])[{_MARK}]+(?=[{_LETTER}])")


def marks_kept_after(line: str) -> bool:
    """True when a visual line keeps each point after its letter (a letter and its points
    written as one glyph cluster, as extractors that sort glyphs by position do: the
    points sit inside their letter's box), rather than reversed with the letters (as the
    bidi algorithm lays them out: ``get_display``). A word that ends with a point (a
    letter, its points, then no letter) shows the first; one that starts with a point,
    the second."""
    if _ANY_MARK_RE.search(line) is None:  # most lines carry no point: one scan
        return False
    starts, ends = mark_sides(line)
    return ends > 0 and ends > starts


def mark_sides(text: str) -> tuple[int, int]:
    """How many words of the text start with a point, and how many end with one."""
    return len(_WORD_START_MARK_RE.findall(text)), len(_WORD_END_MARK_RE.findall(text))


def visual_to_logical(
    line: str, mirrored: bool | None = None, marks_after: bool | None = None
) -> str:
    """Logical order of a line in character-level visual order (right-to-left paragraph).

    The inverse of the bidi algorithm's reordering: the line is reversed as a whole and
    each left-to-right run (Latin words, numbers with their separators and signs, URLs,
    e-mail addresses) is put back in its own order. ``mirrored`` says whether the
    right-to-left brackets were mirrored (True), stored as logical characters (False, what
    PDF extractors give), or is decided from the line (None: whichever reading leaves its
    brackets paired and clinging to the right words; unmirrored on a tie). Spaces move
    with the reversal (a trailing space comes out leading), so that the function is the
    exact inverse of ``get_display``. Missing-glyph characters (U+0000, U+FFFD) move like
    any other neutral and are never dropped. Where the line keeps each Hebrew point after
    its letter (:func:`marks_kept_after`; ``marks_after`` says so for a line too short to
    show it, from its document), the points come out after their letters again.
    """
    out = _reorder_brackets(line, mirrored)
    if not (marks_kept_after(line) if marks_after is None else marks_after):
        return out
    return points_after_letters(out)


def _reorder_brackets(line: str, mirrored: bool | None) -> str:
    """:func:`_reorder`, the brackets read mirrored or not as ``mirrored`` says (None:
    see :func:`visual_to_logical`)."""
    if mirrored is not None:
        return _reorder(line, mirrored)
    plain = _reorder(line, False)
    if _EVIDENCE_RE.search(line) is None:
        return plain
    cost = _bracket_cost(plain)
    if cost == 0:
        return plain
    mirror = _reorder(line, True)
    return mirror if _bracket_cost(mirror) < cost else plain


@lru_cache(maxsize=1 << 16)
def _word_evidence(word: str, zipf: Callable[[str], float]) -> float:
    """One word's share of :func:`letter_visual_score` (words recur: computed once each)."""
    score = 0.0
    first, last = word[0], word[-1]
    if first in _FINALS:
        score += _W_FINAL
    elif first in _MEDIALS:
        score -= _W_MEDIAL
    if last in _FINALS:
        score -= _W_FINAL
    elif last in _MEDIALS:
        score += _W_MEDIAL
    rev = word[::-1]
    if rev != word:
        diff = max(zipf(rev), _ZIPF_FLOOR) - max(zipf(word), _ZIPF_FLOOR)
        score += max(-_W_LEXICON_CAP, min(_W_LEXICON_CAP, _LN10 * diff))
    return score


def letter_visual_score(line: str, zipf: Callable[[str], float]) -> float:
    """Evidence, in nats, that a line's Hebrew words are letter-reversed (> 0) or not (< 0).

    Sums independent clues per Hebrew word of two or more letters: a final letter
    (ךםןףץ) at its start (reversed) or end (logical); a medial כ/מ/נ/פ/צ at its end
    (reversed) or start (logical); how much more frequent the word is reversed than as
    written (``zipf`` is a word -> Zipf frequency callable, e.g. ``WordModel.zipf``; capped
    per word so one odd word cannot decide). Plus sentence punctuation at the visual left
    edge (the logical end of a reversed line) against punctuation at the right edge.
    A line with no Hebrew gets 0.
    """
    words = _HEB_WORD_RE.findall(unpointed(line))  # a pointed word is one word
    if not words:
        return 0.0
    score = sum(_word_evidence(word, zipf) for word in words if len(word) >= 2)
    body = line.strip()
    if body:
        if body[0] in _SENTENCE_PUNCT:
            score += _W_PUNCT
        if body[-1] in _SENTENCE_PUNCT:
            score -= _W_PUNCT
    return score


# A number drawn between two Hebrew letters with no space on either side, or after a
# Hebrew letter at the line's end: some extractors (mutool on LibreOffice PDFs) write a
# line's direction runs in reading order but each right-to-left run in visual order, and
# glue the runs together (``רש180`` for ``שר ... 180``). Writing the whole line in visual
# order would put such a number first, glued to the word before it: no extractor of ours
# does that (none of the pdfminer or pdfplumber fixtures ends a line so).
_GLUED_RUN_RE = regex.compile(
    r"(?<=[\u05d0-\u05ea])(\d+(?:[.,:/-]\d+)*%?)(?=[.,:;]?[\u05d0-\u05ea]|[.,:;]? *$)"
)
# Any left-to-right run of a line, as a split pattern (the run is kept).
_ANY_RUN_RE = regex.compile(f"({_RUN_RE.pattern})")
# A Hebrew letter drawn right before a number or Latin letter, or after a Latin letter,
# with no space: a glyph-by-glyph visual line has that only where the text itself glues a
# number after a word (``2020ב``, rare); runs written in reading order have it on almost
# every line with a number or Latin run (116 of 117 in the LibreOffice / mutool fixtures).
_RUN_GLUE_RE = regex.compile(r"[\u05d0-\u05ea](?=[0-9A-Za-z])|(?<=[A-Za-z])[\u05d0-\u05ea]")
# How many of a document's letter-visual lines with a left-to-right run must show that glue
# before every such line is read run by run (at least _RUNS_MIN_LINES of them).
_RUNS_IN_ORDER_SHARE = 0.25
_RUNS_MIN_LINES = 2


def runs_in_reading_order(lines: Sequence[str]) -> bool:
    """True when a letter-visual document writes each line's direction runs in reading
    order (each right-to-left run drawn reversed), as mutool does on LibreOffice PDFs: the
    glue between a Hebrew letter and a number or Latin run (:data:`_RUN_GLUE_RE`) recurs
    on its lines that have such a run. Then :func:`runs_to_logical` turns every run on
    its own (``in_order``); a line whose runs do not touch would otherwise be reordered
    as one visual line and its runs swapped (``2 מתוך 1עמוד``)."""
    mixed = glued = 0
    for line in lines:
        if _LTR_RE.search(line) is None or _RTL_RE.search(line) is None:
            continue
        mixed += 1
        glued += _RUN_GLUE_RE.search(line) is not None
    return glued >= max(_RUNS_MIN_LINES, _RUNS_IN_ORDER_SHARE * mixed)


_SPACES_RE = regex.compile(" +")


def joined_page_lines(line: str) -> list[str]:
    """The page lines that a reader joined into ``line`` of a letter-visual text, where its
    spaces tell them apart; ``" ".join`` of them gives the line back.

    pdfminer writes a justified line's word spaces stretched, as even runs of two or three
    spaces, and a reader that joins page lines into a paragraph (unstructured, say) joins
    them with one space: one space beside a stretched one is where two page lines meet.
    Each page line is then turned on its own, in the order the reader joined them; turned
    whole, the paragraph's page lines came out last first. A paragraph's last line keeps
    single spaces, and two such lines in a row are not told apart. Fewer than two
    stretched spaces: the line whole.
    """
    gaps = [(m.start(), m.end()) for m in _SPACES_RE.finditer(line)]
    wide = [end - start > 1 for start, end in gaps]
    if sum(wide) < 2:
        return [line]
    parts, start = [], 0
    for k, (a, b) in enumerate(gaps):
        if not wide[k] and ((k and wide[k - 1]) or (k + 1 < len(gaps) and wide[k + 1])):
            parts.append(line[start:a])
            start = b
    parts.append(line[start:])
    return parts


def runs_to_logical(line: str, in_order: bool = False, marks_after: bool | None = None) -> str:
    """Logical order of a letter-visual line, run by run where the runs are glued.

    Where a number is glued between two Hebrew letters, or ``in_order`` says the document
    writes its runs in reading order (:func:`runs_in_reading_order`), the line's runs
    already stand in reading order: each right-to-left run is turned by
    :func:`visual_to_logical` on its own and the runs keep their order. Turning a run
    brings the spaces at its edges back where they were (the extractor wrote them at the
    run's far side: ``ןועבר7`` is ``רבעון ... 7``); where a run has none, it touches its
    neighbour in the text too (``ש-69``, ``(INR>1.5)``, ``ב1991``). Such an extractor
    writes brackets as the text has them (each run is only reversed), so they are never
    read as mirrored, even where the line holds only one of a pair (a line cut at a run:
    ``) ו"טיוח" (``). Any other line is reordered as a whole.
    """
    parts = (_ANY_RUN_RE if in_order else _GLUED_RUN_RE).split(line)
    mirrored = False if in_order else None
    if len(parts) == 1:
        return visual_to_logical(line, mirrored, marks_after)
    return "".join(
        part if i % 2 else visual_to_logical(part, mirrored, marks_after)
        for i, part in enumerate(parts)
    )
