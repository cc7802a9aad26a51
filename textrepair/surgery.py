"""Token surgery: put back words that the extractor cut, scattered and glued.

A PDF producer draws a line as *glyph runs* and starts a new run wherever something about
the glyphs changes: a prefix letter, a final letter, a geresh, a digit, a hyphen, a comma.
An extractor that emits a right-to-left line in visual order writes those runs from left to
right, so their order is mirrored while each run's inside stays logical; and it writes the
runs with whatever spacing it guesses, so pieces of one word are glued to the wrong
neighbour or stand alone, and a word whose pieces lie in different runs ends up in two
places far apart. A one-character run (a prefix letter, a comma) is often put on the wrong
side of its neighbour run.

A reader undoes this by reading: the pieces that make words go together. We do the same by
search. The line is cut into *units* at every place where a glyph run may have ended (every
space, every change between letters, digits and punctuation, after a final letter, and where
the lexicon sees a word inside a token). A *reading* cuts the units into runs, reads the
runs from right to left (each run inside from left to right, so a one-character run
displaced by one is simply read as part of its neighbour run) and decides, wherever two
units meet that the extractor did not keep together, whether they join into one word or
are separated by a space. A reading is scored like a sentence: the log-probability of each
word (Zipf frequency; a lone letter, an unknown word assembled from pieces and punctuation
on the wrong side of a word are very unlikely), the word-order score of each neighbour pair
(:meth:`textrepair.wordmodel.WordModel.pair`), and small costs for each run boundary and
each cut the extractor did not show. A beam search finds a high-scoring reading. States
that have read the same units compete on their closed tokens plus an estimate of the open
one: the most common word it may still become (a prefix index of the lexicon), or, when it
begins no known word or has taken a shape no more pieces can mend, its own score (so that a
reading that glues everything into one open token never looks better than one that closed
real words).

:func:`repair_tokens` returns that reading when it differs from the line as written, also
when it only reorders whole runs: in a document cut at glyph runs the order of the runs
is this model's to read, not the fragment reordering's (which reads two seed-003 lines
with a wide gap wrong that this reads right). It runs before fragment reordering and,
when it acts, replaces it: its tokens are already in reading order.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

import wordfreq

from textrepair.tokens import MIRROR, NORMAL_QUOTES, lookup

Zipf = Callable[[str], float]
PairScore = Callable[[str, str], float]
Step = tuple[str, str, str]

HEB, NUM, LAT, PUN = range(4)

FINALS = "ךםןףץ"
PREFIXES = "בהוכלמש"
_MEDIAL_WITH_FINAL = "כמנפצ"
_GERESH = "'\u05f3’‘`"
_QUOTES = "'\"\u05f3\u05f4“”„‘’`"
_BRACKETS = "()[]{}<>«»"
_DASHES = "-–—"
# Punctuation that may stand alone between words (a dash, a separator bar, a bullet).
_STANDALONE = frozenset(["-", "–", "—", "|", "/", "•", "·", "*", "&", "+", "=", "..."])
_OPENERS = frozenset(_BRACKETS + _QUOTES)
_OPENING_BRACKETS = frozenset("([{<«")
_CLOSING_BRACKETS = frozenset(")]}>»")
# A token that starts with a Latin letter (``f(x)``, ``ISO(9001)``) is a left-to-right run
# whose brackets are drawn as stored; every other bracket of a right-to-left line is
# drawn as its mirror image (digits have no direction of their own: ``15)``).
_LTR_START = re.compile(r"[A-Za-z]")
_CLOSERS = frozenset(",.;:!?%…" + _BRACKETS + _QUOTES)
# The prefix letters a word may carry, in the order Hebrew writes them: and, that / when,
# in / to / as / from, the.
_PREFIX_CHAIN = re.compile("^ו?(?:ש|כש|מש)?(?:[בלכ]|מה|מ|ה)?$")
_PER_PREFIX = 1.5
_TWO_LETTER_ZIPF = 4.5
# Letters that end words as runs of their own (final forms, endings): a lone other letter
# is a prefix or a drop cap, not the end of the word before it.
_ENDING_LETTERS = frozenset(FINALS + "התוי")
# Two-letter pieces that are endings only: they never stand as words of their own.
_BOUND_ENDINGS = frozenset(["ות", "ית"])

LN10 = math.log(10)

# Log-probabilities (nats) of kinds of output token. A known word w costs
# ln P(w) = ln 10 * (zipf(w) - 9); everything else is placed on the same scale.
_LONE_LETTER = -30.0  # a Hebrew letter alone: a piece of a word, never a word
_UNKNOWN = -10.0  # a word the lexicon does not know (a name, a rare form) ...
_WHOLE_PER_LETTER = -1.5  # ... a little less likely the longer it is,
_NAME_LETTERS = 6  # ... and much less beyond the length of most names
_UNKNOWN_PER_LETTER = -3.0  # an unknown piece or assembly: spelled letter by letter
_ASSEMBLED_UNKNOWN = -15.0  # extra: an unknown word made by joining separate pieces
_NUMBER = -11.0
_LATIN = -12.0
_MIXED = -10.0  # extra: letters and digits glued without a hyphen (``1665גיליון``)
_MAQAF = -5.0  # two words joined by a hyphen: rarer than two words apart
_PREFIX_NUMBER = -1.0  # a prefix before a hyphenated number (``ב-2020``)
_RANGE_UP, _RANGE_DOWN = 0.5, -1.5  # ranges run upwards
_BAD_PUNCT = -15.0  # a comma or period at a word's start, or alone
_STANDALONE_PUNCT = -9.0
_TRAILING_HYPHEN = -6.0
_HANGING_DASH = 4.0  # a hyphen alone at a line's end: a maqaf's glyph run, read wrong
_BAD_SHAPE = -15.0  # extra: a shape no text has (``2020-ב``, ``ב--``)
_BACKWARD_BRACKET = -8.0  # a closing bracket before a word, an opening one after it

# Costs (nats) of what a reading assumes the extractor did.
_RUN_WIDE = -0.5  # a run boundary at a wide gap: the extractor saw one there
_RUN_OPEN = 4.0  # ... at a single space between two words
_WIDE_INSIDE = 4.0  # reading across a wide gap as if it were inside one run
# ... across a number and a word: a number is a left-to-right glyph run of its own, so
# in a line drawn right to left it never shares a run with the letters around it (in a
# line that shows its runs; a line that shows none may be one the page set in logical
# order, as a clean line with a number reads: 1076 clean corpus lines, 97.6% kept by
# the search without the cost, 92.1% with it everywhere).
_NUMBER_INSIDE = 6.0
# ... parting two words the extractor glued: it glues the runs it writes, not the words
# inside one (``נשמעמוסלמית`` is two runs' ends meeting).
_GLUED_INSIDE = 3.0
_RUN_MARK = 3.0  # ... at a single space next to a mark or a piece of a word
_RUN_NUMBER = 1.0  # ... next to a number
_RUN_GLUED = 0.3  # ... inside a token (on top of the cut's cost)
_CUT_FREE = 0.0  # separating what a glyph-run boundary separates anyway
_CUT_GERESH = 1.0
_CUT_CLEAN = 2.5  # cutting a well-formed token where its kind of character changes
_CUT_UNKNOWN = 1.0  # cutting a token the lexicon does not know
_CUT_SHORT = 3.0  # ... into two words one of which has two letters (``לא|זרים``)
_CUT_KNOWN = 3.0  # cutting a known word (plus its zipf above 2)
_ODD_ENDING = 15.0  # a lone letter read as a word's last, though it is no ending's letter
_REVERSED = 6.0  # reading a short piece's letters backwards
_SPELLING = 6.0  # undoing a duplicated or displaced letter

# Weight of the word-order evidence against the lexicon's.
_PAIR_WEIGHT = 1.0

# A line of a cut document may be cut where no token shows it (``ים`` is a word, ``נוזל``
# too; the line meant ``נוזלים``): such a line is read another way only when that reads
# this much better than the line as written (0: two seed-003 lines go wrong, a logical
# footer among them; 10: held-out test lines 64 of 155 either way, corpus lines 158
# against 160 of 200).
_UNMARKED = 5.0
# ... and not at all across a gap this wide: it parts fields of the page (a running
# footer and its page number), whose words say nothing about each other's order.
_FIELD_GAP = 8

_BEAM = 12  # 6 is 1.6 times faster but reads 4 of seed 003's cut lines worse
_PENDING_FLOOR = -16.0
_WINDOW = 40.0  # states this far below the best that read the same units are dropped
_MAX_UNITS = 48  # longer lines are left to the fragment reordering


class Unit(NamedTuple):
    """A piece of the line that no reading cuts: its text and how it sits in the line.

    ``gap`` is the number of spaces after it (0: the next unit is in the same token);
    ``cut`` the cost of separating it from the next unit when ``gap`` is 0; ``alts`` other
    spellings a reading may use (the letters reversed, a duplicated or displaced letter
    undone) with their costs and names.
    """

    text: str
    kind: int
    gap: int
    token: int
    cut: float
    alts: tuple[tuple[str, float, str], ...] = ()
    word: bool = False  # letters of a token that is a known Hebrew word
    split: bool = False  # with gap 0: the next unit starts another word even in one run
    head: bool = True  # the first unit of its token


class Reading(NamedTuple):
    """A reading of the line: its tokens, score, and the units each token is made of."""

    tokens: list[str]
    score: float
    parts: list[tuple[int, ...]]
    spelled: list[tuple[int, str, str]]


# --------------------------------------------------------------------------- characters


def _is_heb(ch: str) -> bool:
    return "\u05d0" <= ch <= "\u05ea" or "\u0591" <= ch <= "\u05c7" or ch in "\u05f3\u05f4"


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _char_kinds(token: str) -> list[int]:
    """The kind of every character: quotes between letters are a geresh or gershayim
    (part of the word: ``אזרבייג'ן``, ``צה"ל``), a separator between digits part of the
    number."""
    n = len(token)
    out = []
    for i, ch in enumerate(token):
        if _is_heb(ch):
            kind = HEB
        elif _is_digit(ch):
            kind = NUM
        elif ch.isascii() and ch.isalpha():
            kind = LAT
        elif ch in ",.:/" and 0 < i < n - 1 and _is_digit(token[i - 1]) and _is_digit(token[i + 1]):
            kind = NUM
        else:
            kind = PUN
        out.append(kind)
    i = 0
    while i < n:  # quote marks between two letters belong to the word
        if token[i] in _QUOTES and i > 0 and out[i - 1] == HEB and _is_heb(token[i - 1]):
            j = i
            while j < n and token[j] in _QUOTES:
                j += 1
            if j < n and _is_heb(token[j]):
                out[i:j] = [HEB] * (j - i)
            i = j
        else:
            i += 1
    return out


def _class_runs(token: str) -> list[tuple[str, int]]:
    """A token cut where the kind of character changes; punctuation one mark at a time."""
    kinds = _char_kinds(token)
    out: list[tuple[str, int]] = []
    start = 0
    for i in range(1, len(token) + 1):
        if (
            i == len(token)
            or kinds[i] != kinds[start]
            or (kinds[start] == PUN and token[i] != token[start])
        ):
            out.append((token[start:i], kinds[start]))
            start = i
    return out


# --------------------------------------------------------------------------- lexicon


def _known(word: str, zipf: Zipf) -> float:
    """Zipf frequency of a word of two letters or more that can stand alone, else 0.

    A word the lexicon lacks may still be a known word behind a chain of prefix letters
    (``שליחסים`` is ``ש`` + ``ל`` + ``יחסים``): it is then as likely as that word, less a
    unit per prefix letter, if the letters make a chain Hebrew writes (one article, after
    the other prefixes: ``הבמהלך`` and ``ההשנייה`` are no words).
    """
    if len(word) < 2 or word in _BOUND_ENDINGS:
        return 0.0
    z = lookup(zipf, word)
    if len(word) == 2:  # the lexicon's rare two-letter "words" are mostly pieces of words
        return z if z >= _TWO_LETTER_ZIPF else 0.0
    if z > 0.0:
        return z
    best = 0.0
    for k in range(1, min(4, len(word) - 1)):
        chain, rest = word[:k], word[k:]
        if not _PREFIX_CHAIN.match(chain):
            continue
        zr = lookup(zipf, rest)
        if zr <= 0.0:
            continue
        if (
            rest[0] in PREFIXES
            and lookup(zipf, rest[1:]) >= 3.0
            and not _PREFIX_CHAIN.match(chain + rest[0])
        ):
            continue  # the rest carries a prefix of its own that cannot follow the chain
        best = max(best, zr - _PER_PREFIX * k)
    return best


def _hebrew_cuts(run: str, zipf: Zipf, depth: int = 0) -> dict[int, tuple[float, bool]]:
    """Where a run of Hebrew letters may hide a glyph-run boundary: the cost of cutting
    there, and whether the two sides are separate words when read in the same run.

    Around a final letter (it ends a word; alone, it is a word's last run) and after a
    geresh followed by a letter the cut is cheap. Elsewhere we cut only where the lexicon
    sees a word on one side: two known words glued (``המדינהאחוזים``), or a known word
    with a short piece at one end (a prefix letter, an ending, a letter of a neighbour:
    ``ותאינן``, ``אישב``). A word the lexicon knows is cut only to take off one prefix
    letter, and that costs more the more common the word is.
    """
    n = len(run)
    cuts: dict[int, tuple[float, bool]] = {}
    whole = _known(run, zipf)
    for k in range(1, n):
        left, right = run[:k], run[k:]
        if left[-1] in FINALS and right[0] not in _GERESH:
            cuts[k] = (_CUT_FREE, True)
        elif left[-1] in _GERESH:
            cuts[k] = (_CUT_GERESH, False)
        elif whole >= 1.0:
            # A prefix letter glued to either end: its own word's (``מבעוד``) or the
            # next run's (``חיסוניו``).
            cost = _CUT_KNOWN + max(0.0, whole - 2.0)
            if (
                (k == 1 and left in PREFIXES and _prefixed(right, zipf))
                or (k == n - 1 and right in PREFIXES and n > 3 and zipf(left) >= 3.0)
                or (k == n - 1 and right in FINALS and n > 3 and zipf(left) >= 3.0)
            ):
                cuts[k] = (cost, False)
        elif right[0] in FINALS:
            cuts[k] = (_CUT_UNKNOWN, False)
        else:
            zl, zr = _known(left, zipf), _known(right, zipf)
            if _glued(k, n, zl, zr):
                cuts[k] = (_CUT_UNKNOWN + (_CUT_SHORT if min(k, n - k) < 3 else 0.0), True)
            elif (
                (n - k >= 3 and zr >= 3.0)
                or (k >= 3 and zl >= 3.0)
                or (zr >= _TWO_LETTER_ZIPF and zl == 0.0)
                or (zl >= _TWO_LETTER_ZIPF and zr == 0.0)
                or n == 2
            ):
                cuts[k] = (_CUT_UNKNOWN, False)  # a word and a piece of another
    if depth < 2:  # a piece may itself be glued (``בראשונהשימוש``: ``ב|ראשונה|שימוש``)
        bounds = [0, *sorted(cuts), n]
        for a, b in itertools.pairwise(bounds):
            if b - a < n:
                for k, cut in _hebrew_cuts(run[a:b], zipf, depth + 1).items():
                    cuts.setdefault(a + k, cut)
    return cuts


def _prefixed(rest: str, zipf: Zipf) -> bool:
    """Whether a word may be a prefix letter glued to ``rest``: ``rest`` a common word (a
    two-letter one very common: ``ה|הם``), or a single letter (``בה``: two pieces)."""
    if len(rest) == 1:
        return True
    z = zipf(rest)
    return z >= (_TWO_LETTER_ZIPF if len(rest) == 2 else 3.0)


def _glued(k: int, n: int, zl: float, zr: float) -> bool:
    """Two known words written without a space: both common enough to trust, the shorter
    of three letters or a common two-letter word (``חוסרעם``)."""
    short = min(k, n - k)
    if short < 2 or zl < 2.5 or zr < 2.5:
        return False
    return short >= 3 or (zl if k == 2 else zr) >= 4.5


def _spellings(text: str, zipf: Zipf) -> tuple[tuple[str, float, str], ...]:
    """Other spellings of a Hebrew piece that a reading may use, each with its cost.

    * A short piece (2-4 letters) read backwards, when its letters say it is mirrored (a
      final letter first, a medial form last) or the lexicon knows it far better
      backwards (``לע`` for ``על``).
    * A duplicated letter dropped or a displaced letter put back, for a word the lexicon
      does not know while the repaired one is a common word (``ברנובמב`` -> ``בנובמבר``).
    """
    out: list[tuple[str, float, str]] = []
    z = _known(text, zipf)
    n = len(text)
    if 2 <= n <= 4:
        back = text[::-1]
        zb = _known(back, zipf)
        mirrored = text[0] in FINALS or text[-1] in _MEDIAL_WITH_FINAL
        if zb >= 4.0 and (mirrored or zb >= z + 3.0) and back[0] not in FINALS:
            out.append((back, _REVERSED, "reverse_letters"))
    if n >= 4 and z < 1.0 and "'" not in text:
        best: dict[str, str] = {}
        for i in range(1, n):
            if text[i] == text[i - 1]:
                best.setdefault(text[:i] + text[i + 1 :], "drop_duplicate_letter")
        for i in range(n):
            rest = text[:i] + text[i + 1 :]
            for j in range(n):
                if j != i:
                    best.setdefault(rest[:j] + text[i] + rest[j:], "move_letter")
        for cand, name in best.items():
            if cand != text and cand[0] not in FINALS and _known(cand, zipf) >= 3.5:
                out.append((cand, _SPELLING, name))
    return tuple(out)


# --------------------------------------------------------------------------- units


def _signed_numbers(runs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Keep a colon or percent sign with the number it touches: in a right-to-left line
    the sign of a number is laid out on its other side (``:2023`` for ``2023:``), so it
    belongs to that number whichever side it is on; the number unit may be read flipped."""
    out: list[tuple[str, int]] = []
    for text, kind in runs:
        if out and (
            (kind == NUM and out[-1][1] == PUN and out[-1][0] in _SIGNS)
            or (kind == PUN and text in _SIGNS and out[-1][1] == NUM and _is_digit(out[-1][0][-1]))
        ):
            out[-1] = (out[-1][0] + text, NUM)
        else:
            out.append((text, kind))
    return out


def _flipped(text: str) -> tuple[tuple[str, float, str], ...]:
    """A signed number read with its sign on the other side (``:2023`` -> ``2023:``)."""
    if len(text) > 1 and text[0] in _SIGNS and _is_digit(text[1]):
        return ((text[1:] + text[0], 0.0, "move_number_sign"),)
    if len(text) > 1 and text[-1] in _SIGNS and _is_digit(text[-2]):
        return ((text[-1] + text[:-1], 0.0, "move_number_sign"),)
    return ()


def _reads_whole(token: str, zipf: Zipf) -> bool:
    """A token that reads as one word (known, or an unknown word of one kind of
    character) with its punctuation where punctuation goes."""
    lead, core, trail = _split_edges(token)
    if not core:
        return token in _STANDALONE
    if _punct_logp(lead, trail, core) != 0.0:
        return False
    return _core_logp(core, zipf)[1] or len(set(_char_kinds(core))) == 1


def cut_units(tokens: Sequence[str], gaps: Sequence[int], zipf: Zipf) -> list[Unit]:
    """The line's units, left to right, with their gaps and cut costs (see :class:`Unit`)."""
    units: list[Unit] = []
    for t, token in enumerate(tokens):
        gap = gaps[t] if t < len(gaps) else 0
        _lead, core, _trail = _split_edges(token)
        word = len(core) > 1 and _known(core, zipf) >= 1.0
        # Cutting a token that reads well as it is (``ב-2020``, ``בישראל.``) needs evidence.
        seam = _CUT_CLEAN if _reads_whole(token, zipf) else _CUT_FREE
        pieces: list[tuple[str, int, float, bool]] = []
        for text, kind in _signed_numbers(_class_runs(token)):
            if kind != HEB:
                pieces.append((text, kind, seam, False))
                continue
            cuts = _hebrew_cuts(text, zipf)
            start = 0
            for k in sorted(cuts):
                pieces.append((text[start:k], HEB, *cuts[k]))
                start = k
            pieces.append((text[start:], HEB, seam, False))
        for i, (text, kind, cut, split) in enumerate(pieces):
            last = i == len(pieces) - 1
            units.append(
                Unit(
                    text,
                    kind,
                    gap if last else 0,
                    t,
                    0.0 if last else cut,
                    _spellings(text, zipf) if kind == HEB else _flipped(text),
                    word and kind == HEB,
                    split and not last,
                    i == 0,
                )
            )
    return units


# --------------------------------------------------------------------------- scoring


def _split_edges(token: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation) by character kind."""
    kinds = _char_kinds(token)
    i, j = 0, len(token)
    while i < j and kinds[i] == PUN:
        i += 1
    while j > i and kinds[j - 1] == PUN:
        j -= 1
    return token[:i], token[i:j], token[j:]


def _unknown(letters: int, assembled: bool) -> float:
    """Log-probability of a form the lexicon does not know, spelled letter by letter.

    A token the page wrote whole is often a real word the lexicon lacks (a name, a rare
    form); a piece cut from a token, or pieces joined, that make no known form are
    mostly wrong, and the more letters the less likely.
    """
    if not assembled:  # names run to six letters or so; glued words are longer
        long = max(0, letters - _NAME_LETTERS)
        return _UNKNOWN + _WHOLE_PER_LETTER * (letters - long) + _UNKNOWN_PER_LETTER * long
    return _UNKNOWN + _UNKNOWN_PER_LETTER * letters + _ASSEMBLED_UNKNOWN


def _word_logp(word: str, zipf: Zipf, assembled: bool = False) -> tuple[float, bool]:
    """Log-probability of a hyphen-free core of one kind, and whether it is a known form."""
    kinds = set(_char_kinds(word))
    if kinds == {HEB}:
        letters = sum(1 for ch in word if "\u05d0" <= ch <= "\u05ea")
        if letters <= 1 or word in _BOUND_ENDINGS:
            return _LONE_LETTER, False
        z = _known(word, zipf)
        if z >= 1.0:
            return LN10 * (z - 9.0), True
        return _unknown(letters, assembled), False
    if kinds == {NUM}:
        return _NUMBER, True
    if kinds == {LAT} or kinds == {LAT, NUM}:
        return _LATIN, True
    return _unknown(len(word), assembled) + _MIXED, False


def _core_logp(core: str, zipf: Zipf, assembled: bool = False) -> tuple[float, bool]:
    """Log-probability of a token's core: a word, a number, or a hyphenated compound."""
    if "-" not in core:
        return _word_logp(core, zipf, assembled)
    parts = core.split("-")
    bad = _unknown(len(core), assembled) + _BAD_SHAPE, False
    if any(not p for p in parts):
        return bad
    kinds = [set(_char_kinds(p)) for p in parts]
    if all(k == {NUM} for k in kinds):
        if len(parts) == 2:
            lo, hi = (_number_value(p) for p in parts)
            return _NUMBER + (_RANGE_UP if lo < hi else _RANGE_DOWN), True
        return _NUMBER, True
    if kinds[0] == {HEB} and all(k == {NUM} for k in kinds[1:]):
        if len(parts[0]) <= 3 and all(ch in PREFIXES for ch in parts[0]):
            return _NUMBER + _PREFIX_NUMBER, True
        return bad
    if any(
        (a == {HEB} and b == {NUM}) or (a == {NUM} and b == {HEB})
        for a, b in itertools.pairwise(kinds)
    ):
        return bad  # a Hebrew word never hangs on a number by a hyphen (``2020-ב``)
    total, known = _MAQAF, True
    for p, k in zip(parts, kinds, strict=True):
        if not (k == {HEB} or k <= {LAT, NUM}):
            return bad
        lp, ok = _word_logp(p, zipf, assembled)
        if lp == _LONE_LETTER:
            return bad
        total += lp
        known = known and ok
    return total, known


def _number_value(text: str) -> float:
    try:
        return float(text.replace(",", "").replace(":", ".").replace("/", "."))
    except ValueError:
        return 0.0


def _punct_logp(lead: str, trail: str, core: str) -> float:
    """Cost of the punctuation around a core: commas and periods end words, they never
    start them; a hyphen hangs only at the end of a line's last word."""
    total = 0.0
    for ch in lead:
        if ch not in _OPENERS:
            total += _BAD_PUNCT
        elif ch in _CLOSING_BRACKETS:
            total += _BACKWARD_BRACKET
    stops, bangs = 0, False
    for ch in trail:
        if ch in _DASHES:
            total += _TRAILING_HYPHEN
        elif ch not in _CLOSERS:
            total += _BAD_PUNCT
        elif ch in _OPENING_BRACKETS:
            total += _BACKWARD_BRACKET
        elif ch in ",.;:":
            stops += 1
        elif ch in "?!":
            bangs = True
    if stops > 1:  # ``בישראל.,``: one word ends one clause once
        total += _BAD_PUNCT * (stops - 1)
    if stops and bangs:  # ``פירוט.?``: nor a sentence twice (``?!`` is one ending)
        total += _BAD_PUNCT
    return total


def token_logp(token: str, assembled: bool, zipf: Zipf) -> float:
    """Log-probability (nats) of an output token: its word and its punctuation.

    ``assembled`` tokens are not one token of the line as written (pieces cut from a
    token, or joined from pieces written apart): when they make no known form, that is
    much less likely than an unknown word the page really had (see :func:`_unknown`).
    """
    lead, core, trail = _split_edges(token)
    if not core:
        if token in _STANDALONE:
            return _STANDALONE_PUNCT
        return _BAD_PUNCT * max(1, len(token))
    lp, _ = _core_logp(core, zipf, assembled)
    return lp + _punct_logp(lead, trail, core)


# --------------------------------------------------------------------------- search


class _Scorer:
    """Memoised token and pair scores for one line, and what a number meeting a word
    inside one run costs there (:func:`_line_scorer`)."""

    def __init__(self, zipf: Zipf, pair: PairScore, number_seam: float = _NUMBER_INSIDE) -> None:
        self.zipf, self.pair, self.number_seam = zipf, pair, number_seam
        self._tok: dict[tuple[str, bool], float] = {}
        self._pair: dict[tuple[str, str], float] = {}
        self._pend: dict[tuple[str, bool], float] = {}

    def token(self, text: str, assembled: bool) -> float:
        key = (text, assembled)
        v = self._tok.get(key)
        if v is None:
            v = self._tok[key] = token_logp(text, assembled, self.zipf)
        return v

    def pairs(self, a: str | None, b: str | None) -> float:
        if a is None or b is None:
            return 0.0
        key = (a, b)
        v = self._pair.get(key)
        if v is None:
            v = self._pair[key] = _PAIR_WEIGHT * self.pair(a, b)
        return v

    def pending(self, text: str, assembled: bool) -> float:
        """Estimate of an unfinished token: the best it may still become.

        The next run's first piece may be joined to it, so a Hebrew piece is judged by
        the most common word it begins (``אזרבייג`` before ``'`` and ``ן``), behind a
        chain of prefix letters or not; a piece that begins no known word can only become
        an unknown word, no better than it is now. A token ending in a sentence mark is
        complete; a number or a hyphen may still take its other half.
        """
        key = (text, assembled)
        v = self._pend.get(key)
        if v is None:
            v = self._pend[key] = self._pending(text, assembled)
        return v

    def _pending(self, text: str, assembled: bool) -> float:
        own = self.token(text, assembled)
        lead, core, trail = _split_edges(text)
        if not core:  # an opening mark waits for its word; other marks stay as they are
            return max(own, _PENDING_FLOOR) if all(ch in _OPENERS for ch in text) else own
        if trail and all(ch in _DASHES for ch in trail):  # ``ב-``, ``2000-``: half a compound
            return max(own, self.pending(text.rstrip(_DASHES), assembled))
        kinds = set(_char_kinds(core))
        if "-" in core:
            parts = core.split("-")
            kinds_of = [set(_char_kinds(p)) for p in parts if p]
            if (
                any(not p for p in parts[:-1])
                or any(len(k) > 1 and HEB in k for k in kinds_of)
                or any(a == {NUM} and HEB in b for a, b in itertools.pairwise(kinds_of))
            ):
                return own  # a shape no more letters can mend (``2000-ןהשנים``)
            if all(k == {HEB} for k in kinds_of) and parts[-1]:
                # ``נגורנו-של``: the halves before the last are whole; only it may grow
                head = _MAQAF + sum(_word_logp(p, self.zipf, assembled)[0] for p in parts[:-1])
                return max(own, head + self.pending(lead + parts[-1], assembled))
            return max(own, _PENDING_FLOOR + _punct_logp(lead, "", core))
        if kinds != {HEB}:
            if HEB in kinds or kinds == {NUM}:
                return own  # letters glued to digits stay glued; a number is whole
            return max(own, _PENDING_FLOOR + _punct_logp(lead, "", core))
        if trail and any(ch not in _QUOTES for ch in trail):
            return own  # a word that took its comma or period is finished
        z = _completion(core + trail.translate(NORMAL_QUOTES))
        if z < 1.0:
            return own
        return max(own, LN10 * (z - 9.0) + _punct_logp(lead, "", core))


def _completion(piece: str) -> float:
    """Zipf of the most common known word that ``piece`` begins, itself or behind a chain
    of prefix letters (less a unit per prefix letter, as :func:`_known` counts it)."""
    index = _prefix_index()
    best = index.best(piece)
    for k in range(1, min(4, len(piece) + 1)):
        if _PREFIX_CHAIN.match(piece[:k]):
            best = max(best, index.best(piece[k:]) - _PER_PREFIX * k)
    return best


class _PrefixIndex:
    """The most common word beginning with a given string, from a sorted word list with
    the maxima of its blocks (two levels) precomputed."""

    _B = 64

    def __init__(self, words: Iterable[tuple[str, float]]) -> None:
        items = sorted(words)
        self.words = [w for w, _ in items]
        self.z = [z for _, z in items]
        b = self._B
        self.b1 = [max(self.z[i : i + b]) for i in range(0, len(self.z), b)]
        self.b2 = [max(self.b1[i : i + b]) for i in range(0, len(self.b1), b)]
        self._memo: dict[str, float] = {}

    def best(self, prefix: str) -> float:
        v = self._memo.get(prefix)
        if v is None:
            lo = bisect.bisect_left(self.words, prefix)
            hi = bisect.bisect_left(self.words, prefix + "\uffff", lo)
            v = self._max(lo, hi)
            if len(self._memo) > 500_000:
                self._memo.clear()
            self._memo[prefix] = v
        return v

    def _max(self, lo: int, hi: int) -> float:
        b = self._B
        best, lo, hi = _ragged_max(self.z, lo, hi, b)
        edge, lo, hi = _ragged_max(self.b1, lo // b, hi // b, b)  # whole blocks now
        best = max(best, edge)
        if lo < hi:
            best = max(best, *self.b2[lo // b : hi // b], 0.0)
        return best


def _ragged_max(values: Sequence[float], lo: int, hi: int, b: int) -> tuple[float, int, int]:
    """The maximum of ``values[lo:hi]`` outside whole blocks of ``b``, and the range of
    whole blocks left (``lo`` and ``hi`` then multiples of ``b``, or ``lo == hi``)."""
    best = 0.0
    while lo < hi and lo % b:
        best = max(best, values[lo])
        lo += 1
    while lo < hi and hi % b:
        hi -= 1
        best = max(best, values[hi])
    return best, lo, hi


@lru_cache(maxsize=1)
def _prefix_index() -> _PrefixIndex:
    """The prefix index of wordfreq's Hebrew list (the word model's lexicon)."""
    table = wordfreq.get_frequency_dict("he", "large")
    words = (
        (w.translate(NORMAL_QUOTES), math.log10(f * 1e9))
        for w, f in table.items()
        if _is_heb(w[0])
    )
    return _PrefixIndex(words)


def _run_cost(units: Sequence[Unit], i: int) -> float:
    """Cost of a run boundary between units ``i`` and ``i + 1`` (emitted order)."""
    u, v = units[i], units[i + 1]
    if u.gap >= 2:
        return _RUN_WIDE
    if u.gap == 1:
        if u.word and v.word:
            return _RUN_OPEN
        return _RUN_NUMBER if NUM in (u.kind, v.kind) else _RUN_MARK
    return u.cut + _RUN_GLUED


def _number_seam(units: Sequence[Unit], i: int) -> bool:
    """Whether units ``i`` and ``i + 1`` part a number from what is not a number: a
    separator between two numbers (``15-20``, ``3/4``) belongs to them."""
    u, v = units[i], units[i + 1]
    if (u.kind == NUM) == (v.kind == NUM):
        return False
    if u.kind == PUN:
        return not (i > 0 and units[i - 1].kind == NUM and units[i - 1].gap == u.gap == 0)
    if v.kind == PUN:
        return not (i + 2 < len(units) and units[i + 2].kind == NUM and u.gap == v.gap == 0)
    return True


class _Run(NamedTuple):
    """A run's own reading: its pieces between spaces, the outer two left open.

    ``first`` and ``last`` are the texts of its first and last pieces (the same piece when
    the run holds no space) with their units; ``inner`` the pieces between them, and
    ``score`` their log-probabilities plus the pairs among them (``first`` and ``last``
    are scored when the run is placed, since a junction may still extend them).
    """

    first: str
    first_units: tuple[int, ...]
    inner: tuple[tuple[str, tuple[int, ...]], ...]
    score: float
    last: str
    last_units: tuple[int, ...]
    single: bool
    first_asm: bool  # the first piece is not a whole token of the line
    last_asm: bool


_SENTENCE_MARKS = frozenset(",.;:!?")
_SIGNS = frozenset(":%")
_MAX_FREE = 3  # in-run gaps decided by the search, per run


def _make_runs(
    units: Sequence[Unit], lo: int, hi: int, scorer: _Scorer
) -> list[_Run]:
    """The readings of units ``lo..hi`` as one run, cut into pieces where words part.

    Inside a run the extractor's spaces stand, with two exceptions. Around a sentence
    mark the spacing is a reader's: a comma or period joins the word before it and is
    followed by a space. Next to a one-letter unit the search decides: a run of one
    character written on the wrong side of its neighbour run reads as part of that run,
    with whatever spacing the extractor put there (``כבר מבעוד``: ``מ`` belongs to the
    next run's ``אז``; ``ה  גדרה``: ``ה`` is ``גדרה``'s). Where the extractor glued two
    units that cannot be one word (after a final letter, two known words), they part.
    """
    seps: list[int] = []  # per gap: 0 join, 1 space, 2 free
    for i in range(lo, hi):
        u, nxt = units[i], units[i + 1]
        if nxt.kind == PUN and nxt.text in _SENTENCE_MARKS and u.text not in _SENTENCE_MARKS:
            sep = 0
        elif u.kind == PUN and u.text in _SENTENCE_MARKS and nxt.kind != PUN:
            sep = 1
        elif (u.kind == HEB and len(u.text) == 1) or (nxt.kind == HEB and len(nxt.text) == 1):
            sep = 2
        elif u.gap == 0 and u.split:  # two words glued, or one word (``הטורקיים``)
            sep = 1 if u.text[-1] in FINALS else 2
        else:
            sep = 1 if u.gap > 0 else 0
        seps.append(sep)
    free = [k for k, sep in enumerate(seps) if sep == 2][:_MAX_FREE]
    # Glued words this run must part (after a final letter): each costs as parting does.
    glued = [units[lo + k] for k, sep in enumerate(seps) if sep == 1]
    parted = _GLUED_INSIDE * sum(1 for u in glued if u.gap == 0 and u.split)
    out = []
    for mask in range(1 << len(free)):
        chosen = list(seps)
        cost = parted
        for bit, k in enumerate(free):
            chosen[k] = (mask >> bit) & 1
            u = units[lo + k]
            if chosen[k] == 1 and u.gap == 0:
                cost += u.cut  # parting what the extractor glued
                if u.split:
                    cost += _GLUED_INSIDE
        for k, sep in enumerate(chosen):
            if sep == 2:
                chosen[k] = 1 if units[lo + k].gap > 0 else 0
        out.append(_assemble(units, lo, hi, chosen, cost, scorer))
    return out


def _assemble(
    units: Sequence[Unit], lo: int, hi: int, seps: list[int], cost: float, scorer: _Scorer
) -> _Run:
    """A run read with the given separators (1: a space after unit ``lo + k``)."""
    pieces: list[tuple[str, tuple[int, ...]]] = []
    text, ids = "", ()
    cost += _WIDE_INSIDE * sum(1 for i in range(lo, hi) if units[i].gap >= 2)
    if scorer.number_seam:
        cost += scorer.number_seam * sum(1 for i in range(lo, hi) if _number_seam(units, i))
    for i in range(lo, hi + 1):
        text += units[i].text
        ids = (*ids, i)
        if i < hi and seps[i - lo]:
            pieces.append((text, ids))
            text, ids = "", ()
    pieces.append((text, ids))
    first, last = pieces[0], pieces[-1]
    inner = tuple(pieces[1:-1])
    score = sum(scorer.token(t, not _whole(units, ids)) for t, ids in inner) - cost
    for (a, _), (b, _) in itertools.pairwise(inner):
        score += scorer.pairs(a, b)
    return _Run(
        first[0],
        first[1],
        inner,
        score,
        last[0],
        last[1],
        len(pieces) == 1,
        not _whole(units, first[1]),
        not _whole(units, last[1]),
    )


def _whole(units: Sequence[Unit], ids: tuple[int, ...]) -> bool:
    """Whether consecutive units ``ids`` are exactly one token of the line."""
    a, b = units[ids[0]], units[ids[-1]]
    end = ids[-1] + 1
    return a.head and a.token == b.token and (end == len(units) or units[end].head)


class _State(NamedTuple):
    score: float  # everything closed so far, plus costs
    hi: int  # last unit of the last run read
    pend: str  # the last token, still open: the next run may join it
    pend_units: tuple[int, ...]
    asm: bool  # the open token joins pieces the extractor wrote apart
    last: str | None  # the token before it (for its pair score)
    chain: tuple | None  # closed tokens: (block of (text, units) pairs, previous chain)
    spelled: tuple | None  # spellings used: (unit, text, name, previous)


def _search(
    units: Sequence[Unit],
    scorer: _Scorer,
    before: str | None,
    after: str | None,
    target: Sequence[str] | None = None,
) -> Reading:
    """The best reading found by a beam search over run cuts and junctions (module doc).

    Runs are read from the line's right end leftwards. All states that have read the
    units ``lo..n-1`` read the same units, so they compete with each other only: for each
    ``lo`` the best ``_BEAM`` survive and each is extended by every run ``lo2..lo-1``,
    its first piece joined to the open token or not. ``target``
    keeps only the states that can still read as those tokens (to score a given reading).
    """
    n = len(units)
    layers: list[list[_State]] = [[] for _ in range(n + 1)]
    layers[n] = [_State(0.0, n, "", (), False, before, None, None)]
    tops = [-math.inf] * (n + 1)
    for lo in range(n, 0, -1):
        layer = layers[lo]
        if target is not None:
            layer = [s for s in layer if _on_target(s, target)]
        layer = _prune(layer, scorer)
        if not layer:
            continue
        hi = lo - 1
        for lo2 in range(lo):
            # The run's left edge is a run boundary (paid now, so that states compare fairly).
            boundary = _run_cost(units, lo2 - 1) if lo2 > 0 else 0.0
            out, top = layers[lo2], tops[lo2]
            mark = len(out)
            for run in _make_runs(units, lo2, hi, scorer):
                for text, cost, name in _run_variants(units, run, lo2, hi):
                    for s in layer:
                        if s.score - boundary - cost + run.score < top - _WINDOW:
                            continue
                        _place(s, run, text, cost, name, boundary, scorer, out)
            if len(out) > mark:
                tops[lo2] = max(top, max(st.score for st in out[mark:]))
    best: _State | None = None
    best_score = -math.inf
    final = layers[0]
    if target is not None:
        final = [s for s in final if _on_target(s, target, done=True)]
    for s in final:
        sc = s.score + scorer.token(s.pend, s.asm) + scorer.pairs(s.last, s.pend)
        sc += scorer.pairs(s.pend, after)
        if s.pend == "-":  # ``ישראל לבנון -`` is ``ישראל-לבנון``: a text's dash is ``–``
            sc -= _HANGING_DASH
        if sc > best_score:
            best, best_score = s, sc
    if best is None:
        raise ValueError("no reading")
    return _unwind(best, best_score)


def _line_scorer(zipf: Zipf, pair: PairScore, marked: bool) -> _Scorer:
    """The scorer of a line: a number inside a run costs only in a line that shows its
    runs (:func:`_shows_runs`)."""
    return _Scorer(zipf, pair, _NUMBER_INSIDE if marked else 0.0)


def _run_variants(
    units: Sequence[Unit], run: _Run, lo: int, hi: int
) -> list[tuple[str, float, str]]:
    """The first-piece texts a run may be read with: as written, or (a run of one unit)
    respelled."""
    out = [(run.first, 0.0, "")]
    if lo == hi:
        out.extend(units[lo].alts)
    return out


def _prune(layer: list[_State], scorer: _Scorer) -> list[_State]:
    """The best state per situation (open token, its neighbour, last unit read), then the
    best ``_BEAM`` situations by score plus an estimate of the open token."""
    seen: dict[tuple, _State] = {}
    for s in layer:
        key = (s.pend, s.last, s.asm)
        old = seen.get(key)
        if old is None or s.score > old.score:
            seen[key] = s
    ranked = sorted(
        seen.values(), key=lambda s: s.score + scorer.pending(s.pend, s.asm), reverse=True
    )
    return ranked[:_BEAM]


def _place(
    s: _State,
    run: _Run,
    first: str,
    cost: float,
    name: str,
    boundary: float,
    scorer: _Scorer,
    out: list[_State],
) -> None:
    """Append the states that read ``run`` after state ``s``: its first piece joined to
    the open token, or not."""
    spelled = s.spelled
    if name:
        spelled = (run.first_units[0], first, name, spelled)
    base = s.score - cost - boundary
    hi = run.last_units[-1]
    options = [False, True] if _may_join(s.pend, first) else [False]
    for join in options:
        if join:
            head, head_units, asm = s.pend + first, (*s.pend_units, *run.first_units), True
            score, last, chain = base, s.last, s.chain
            if (
                len(first) == 1
                and _is_heb(first)
                and first not in _ENDING_LETTERS
                and _odd_before(s.pend)
            ):
                score -= _ODD_ENDING
        else:
            head, head_units, asm = first, run.first_units, run.first_asm or bool(name)
            if s.pend:
                score = base + scorer.token(s.pend, s.asm) + scorer.pairs(s.last, s.pend)
                last, chain = s.pend, (((s.pend, s.pend_units),), s.chain)
            else:
                score, last, chain = base, s.last, s.chain
        if run.single:
            out.append(_State(score, hi, head, head_units, asm, last, chain, spelled))
            continue
        asm_last = run.last_asm
        score += scorer.token(head, asm) + scorer.pairs(last, head) + run.score
        if run.inner:
            score += scorer.pairs(head, run.inner[0][0])
        chain = (((head, head_units), *run.inner), chain)
        prev = run.inner[-1][0] if run.inner else head
        out.append(_State(score, hi, run.last, run.last_units, asm_last, prev, chain, spelled))


def _odd_before(pend: str) -> bool:
    """Whether a lone prefix letter read after ``pend`` would be an odd ending: ``pend``
    ends in a word's letters, not a chain of prefix letters (``ו`` + ``ב`` is fine)."""
    return len(pend) >= 2 and _is_heb(pend[-1]) and not _PREFIX_CHAIN.match(pend)


def _closed(chain: tuple | None) -> list[tuple[str, tuple[int, ...]]]:
    """The closed tokens of a chain, in reading order."""
    blocks = []
    while chain is not None:
        block, chain = chain
        blocks.append(block)
    return [tok for block in reversed(blocks) for tok in block]


def _on_target(s: _State, target: Sequence[str], done: bool = False) -> bool:
    """Whether state ``s`` can still read as ``target`` (all of it, when ``done``)."""
    closed = [text for text, _ in _closed(s.chain)]
    k = len(closed)
    if closed != list(target[:k]) or k >= len(target):
        return False
    if done:
        return k == len(target) - 1 and s.pend == target[k]
    return target[k].startswith(s.pend)


def _may_join(left: str, right: str) -> bool:
    """Whether a junction may join two pieces: never two numbers into one (two numbers
    the extractor wrote apart are two numbers, whatever separator lies between them)."""
    if not left:
        return False
    if _is_digit(right[0]):
        end = left[-1]
        if _is_digit(end) or (end in ",.:/" and len(left) > 1 and _is_digit(left[-2])):
            return False
    return True


def _unwind(s: _State, score: float) -> Reading:
    closed = [*_closed(s.chain), (s.pend, s.pend_units)]
    tokens = [text for text, _ in closed]
    parts = [ids for _, ids in closed]
    spelled = []
    sp = s.spelled
    while sp is not None:
        i, text, name, sp = sp
        spelled.append((i, text, name))
    spelled.reverse()
    return Reading(tokens, score, parts, spelled)


# --------------------------------------------------------------------------- entry point


_HEB = "\u05d0-\u05ea"
# Marks of a cut glyph run that neither logical Hebrew nor the other extractor damage
# (fragment order, mirrored words and brackets, number signs) shows: a final letter
# inside a word (``אזרבייג'ןגם``: two words glued) or alone, a comma or colon between two
# letters (``באקו:לניתן``), a prefix letter alone, a number before its prefix
# (``2020-ב``), a comma or period leading a word (not a mirrored word's, ``.םדה``) or
# standing alone, a hyphen leading a word (``-ביחסים``). Digits glued to letters
# (``1665גיליון``) are cut runs too, but not evidence of them: every extractor that
# rebuilds a line from direction runs glues a number to its neighbour (pypdf, PyMuPDF,
# PDFBox: ``2 מתוך 1עמוד``), and in PDFBox's extractions that is the only mark of 5-13%
# of the lines, and of every page's running header and footer.
_CUT_MARK = re.compile(
    rf"[{_HEB}][ךםןףץ]['\u05f3]?[{_HEB}]|[{_HEB}][,;:][{_HEB}]"
    rf"|(?:^|\s)[ךםןףץ{PREFIXES}](?=[\s.,;:]|$)"
    rf"|\d-[{_HEB}]"
    rf"|(?:^|\s)[,.;:](?:(?![ךםןףץ])[{_HEB}]|\s|$)|(?:^|\s)-[{_HEB}]"
)


# The marks of ``_CUT_MARK`` that logical extractions do not make on their own (they do
# lead words with commas and periods and glue digits to letters: pypdf, PyMuPDF).
_RUN_CUT_MARK = re.compile(
    rf"[{_HEB}][ךםןףץ]['\u05f3]?[{_HEB}]|(?:^|\s)[ךםןףץ{PREFIXES}](?=[\s.,;:]|$)"
    rf"|\d-[{_HEB}]|(?:^|\s)-[{_HEB}]"
)
_DIGIT_RE = re.compile(r"\d")


def run_cut_forms(text: str) -> set[str]:
    """The marks of a cut glyph run that no logical extraction makes (a subset of
    :func:`shows_cuts`: evidence of visual order by itself) in a line, each as its form
    (``ן``, ``0-ב``: digits as ``0``), so that the diagnosis counts how varied they are."""
    return {_DIGIT_RE.sub("0", m.group().strip()) for m in _RUN_CUT_MARK.finditer(text)}


def shows_cuts(text: str) -> bool:
    """True when a line shows a mark of a glyph run cut inside a word (see ``_CUT_MARK``).

    A cheap test: the diagnosis counts such lines to decide whether a document is cut
    this way at all (the search costs a few hundred milliseconds a line, and clean text
    must never pay for it or risk it).
    """
    return _CUT_MARK.search(text) is not None


def suspicious(token: str, zipf: Zipf) -> bool:
    """True when a token shows the extractor's cuts: a piece, glued pieces, a mark alone.

    A known word, a number, a clean ``word,`` or an abbreviation with inner periods
    (``די.אן.איי``) is never suspicious.
    """
    lead, core, trail = _split_edges(token)
    if not core:
        return token not in _STANDALONE
    if any(ch not in _OPENERS for ch in lead) or any(ch in _DASHES for ch in trail):
        return True
    if len(set(_char_kinds(core))) > 1 and "-" not in core:
        pieces = [p for p in _class_runs(core) if p[1] != PUN]
        return not any(k == HEB and len(p) < 3 for p, k in pieces)
    lp, known = _core_logp(core, zipf)
    if known:
        return False
    if lp <= _LONE_LETTER:
        return True
    return any(_hebrew_cuts(p, zipf) for p in core.split("-") if p)


def needs_surgery(tokens: Sequence[str], gaps: Sequence[int], zipf: Zipf) -> bool:
    """Whether a line shows cuts that fragment reordering cannot undo: some suspicious
    token. A lone prefix letter alone does not count in a line of wide gaps: that is how a
    drop cap comes out, and the drop-cap fix attaches it."""
    wide = sum(1 for g in gaps if g >= 2) >= 2
    for token in tokens:
        if wide and len(token) == 1 and token in PREFIXES:
            continue
        if suspicious(token, zipf):
            return True
    return False


def _shows_runs(tokens: Sequence[str], gaps: Sequence[int], zipf: Zipf) -> bool:
    """Whether a line of a cut document shows that it is written as glyph runs: a cut
    (:func:`needs_surgery`), or a wide gap the extractor saw between two runs (narrower
    than a gap between fields of the page, such as a running footer and its number)."""
    return needs_surgery(tokens, gaps, zipf) or 2 <= max(gaps, default=0) < _FIELD_GAP


def unmirror_brackets(tokens: Sequence[str]) -> list[str]:
    """The tokens with each bracket turned back the way round it is read.

    A producer draws the brackets of right-to-left text as mirror glyphs, and an extractor
    that writes the line in visual order gives those glyphs' characters: ``)כך(``, and
    after the runs are put in reading order, ``(כך)``. Brackets of a left-to-right run
    (``f(x)``) are drawn as they are.
    """
    return [
        t if _LTR_START.match(t) or not any(ch in _BRACKETS for ch in t) else t.translate(MIRROR)
        for t in tokens
    ]


def repair_tokens(
    tokens: list[str],
    zipf: Zipf,
    pair: PairScore,
    gaps: Sequence[int] | None = None,
    before: str | None = None,
    after: str | None = None,
) -> tuple[list[str], list[Step]]:
    """Rejoin, split and reorder the pieces of a visual-order line's words.

    ``tokens`` and ``gaps`` are a line as :func:`textrepair.tokens.split_line` cuts it (in
    the extractor's order; ``gaps`` defaults to single spaces); ``zipf`` and ``pair`` are
    a :class:`~textrepair.wordmodel.WordModel`'s; ``before`` and ``after`` the last word
    of the line before and the first word of the line after, when known.

    Returns the tokens in reading order and one ``(fix name, before, after)`` step per
    operation, when the best reading found differs from the line as written and, on a
    line that shows no run (no :func:`suspicious` token, no wide gap), reads clearly
    better than it; else the tokens unchanged and no steps (the fragment reordering then
    decides the order).
    """
    if gaps is None:
        gaps = [1] * max(0, len(tokens) - 1)
    if not tokens:
        return tokens, []
    marked = _shows_runs(tokens, gaps, zipf)
    if not marked and max(gaps, default=0) >= _FIELD_GAP:
        return tokens, []
    written, tokens = tokens, unmirror_brackets(tokens)
    units = cut_units(tokens, gaps, zipf)
    if len(units) > _MAX_UNITS:
        return written, []
    scorer = _line_scorer(zipf, pair, marked)
    best = _search(units, scorer, before, after)
    steps = describe(tokens, units, best)
    if not steps:
        return written, []
    if not marked and best.score - _as_written(units, scorer, tokens, before, after) < _UNMARKED:
        return written, []
    if tokens != written:
        steps.append(("mirror_brackets", " ".join(written), " ".join(tokens)))
    return best.tokens, steps


# --------------------------------------------------------------------------- evidence


def _as_written(
    units: Sequence[Unit],
    scorer: _Scorer,
    written: Sequence[str],
    before: str | None,
    after: str | None,
) -> float:
    """Score of the line read as written (minus infinity when no reading gives it)."""
    try:
        return _search(units, scorer, before, after, written).score
    except ValueError:
        return -math.inf


def describe(tokens: Sequence[str], units: Sequence[Unit], reading: Reading) -> list[Step]:
    """The operations a reading performs, one ``(fix name, before, after)`` step each.

    * ``split_token``: one token of the line became several (glued words, digits glued to
      a word, a mark glued to the wrong word);
    * ``attach_prefix`` / ``attach_suffix`` / ``attach_mark`` / ``number_prefix`` /
      ``rejoin_word``: pieces from separate places became one token (a lone prefix letter,
      an ending, a comma or quote, a prefix on a number, two halves of a word);
    * ``reverse_letters``, ``drop_duplicate_letter``, ``move_letter``: a piece respelled;
    * ``reorder_runs``: the runs were read right to left.
    """
    steps: list[Step] = []
    spelled = {i: (text, name) for i, text, name in reading.spelled}
    owner = {}
    for k, ids in enumerate(reading.parts):
        for i in ids:
            owner[i] = k
    for t, token in enumerate(tokens):
        outs = sorted({owner[i] for i, u in enumerate(units) if u.token == t})
        if len(outs) > 1:
            steps.append(("split_token", token, " | ".join(reading.tokens[k] for k in outs)))
    for k, ids in enumerate(reading.parts):
        srcs = [units[i] for i in ids]
        if len({u.token for u in srcs}) > 1 or any(b != a + 1 for a, b in itertools.pairwise(ids)):
            before = " | ".join(spelled.get(i, (units[i].text, ""))[0] for i in ids)
            steps.append((_join_name(srcs), before, reading.tokens[k]))
    for i, (text, name) in sorted(spelled.items()):
        steps.append((name, units[i].text, text))
    order = [i for ids in reading.parts for i in ids]
    if order != sorted(order):
        steps.append(("reorder_runs", " ".join(tokens), " ".join(reading.tokens)))
    return steps


def _join_name(srcs: Sequence[Unit]) -> str:
    """Name of a join by what was joined."""
    kinds = {u.kind for u in srcs}
    if NUM in kinds and HEB in kinds:
        return "number_prefix"
    if (
        PUN in kinds
        and all(u.kind == PUN or len(u.text) > 1 for u in srcs)
        and not any(u.kind == HEB and len(u.text) == 1 for u in srcs)
    ):
        return "attach_mark"
    first, last = srcs[0], srcs[-1]
    if first.kind == HEB and len(first.text) == 1 and first.text in PREFIXES:
        return "attach_prefix"
    if last.kind == HEB and len(last.text) <= 2:
        return "attach_suffix"
    return "rejoin_word"


# --------------------------------------------------------------------------- diagnostics


def best_score(
    tokens: list[str],
    zipf: Zipf,
    pair: PairScore,
    gaps: Sequence[int] | None = None,
    before: str | None = None,
    after: str | None = None,
) -> float:
    """Score of the best reading the search finds (for evaluation: see ``forced_score``)."""
    gaps = [1] * max(0, len(tokens) - 1) if gaps is None else gaps
    units = cut_units(unmirror_brackets(tokens), gaps, zipf)
    scorer = _line_scorer(zipf, pair, _shows_runs(tokens, gaps, zipf))
    return _search(units, scorer, before, after).score


def forced_score(
    tokens: list[str],
    zipf: Zipf,
    pair: PairScore,
    target: Sequence[str],
    gaps: Sequence[int] | None = None,
    before: str | None = None,
    after: str | None = None,
) -> float | None:
    """Score of the best reading of the line that reads as ``target``, or None when no
    reading does. Above :func:`best_score`, the search missed it; below, the model
    prefers another reading."""
    gaps = [1] * max(0, len(tokens) - 1) if gaps is None else gaps
    units = cut_units(unmirror_brackets(tokens), gaps, zipf)
    scorer = _line_scorer(zipf, pair, _shows_runs(tokens, gaps, zipf))
    try:
        return _search(units, scorer, before, after, target).score
    except ValueError:
        return None
