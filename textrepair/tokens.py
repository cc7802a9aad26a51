"""Segmenting a line into tokens and gaps, and naming what each token is.

Extractors damage text at the level of *fragments* (runs of glyphs drawn together) and
the gaps between them. A wide gap (two or more spaces) is where an extractor saw a
fragment boundary; a single space may or may not be one. So a line is kept as the list of
its tokens plus the width of every gap: nothing about the original spacing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

HEBREW_LETTER = "\u05d0-\u05ea"
FINAL_LETTERS = "ךםןףץ"
# The non-final form of each final letter, used to tell where a word may end.
FINAL_TO_MEDIAL = str.maketrans("ךםןףץ", "כמנפצ")
MEDIAL_TO_FINAL = str.maketrans("כמנפצ", "ךםןףץ")

# Hebrew points and accents (niqqud, dagesh, shin and sin dots, cantillation, rafe):
# combining marks that follow their letter in logical order (not maqaf, paseq, sof pasuq
# or nun hafukha, which stand between words). Pointed text (scripture, poetry, prayer
# books, children's books) carries them on most letters; the lexicon spells words without.
HEBREW_POINTS = "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\ufb1e"
_POINTS_RE = re.compile(f"[{HEBREW_POINTS}]")
# Core of a token: the part between leading and trailing punctuation (a pointed word's
# points are part of it).
_CORE_RE = re.compile(rf"[{HEBREW_POINTS}]*\w(?:.*\w)?[{HEBREW_POINTS}]*", re.DOTALL)
_POINTS_FIRST_RE = re.compile(rf"([{HEBREW_POINTS}]+)([^\s{HEBREW_POINTS}])")

_HEBREW_RE = re.compile(f"[{HEBREW_LETTER}]")
_SPLIT_RE = re.compile(r"( +)")
_NUMBER_RE = re.compile(r"^\d+(?:[.,]\d+)*$")
_LATIN_RE = re.compile(r"[A-Za-z]")

# What ``str.splitlines`` breaks a line at (besides CRLF, which it keeps together).
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
# Typographic geresh, gershayim and quotes as the lexicon spells them.
NORMAL_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "׳": "'", "`": "'", "”": '"', "“": '"', "״": '"'}
)

# Punctuation that takes no space before it: it attaches to what precedes it.
ATTACH_LEFT = ",.;:!?%"
# Strong characters by their bidi class, for ``regex`` patterns: left to right and right
# to left (Hebrew R, Arabic AL).
BIDI_L = r"\p{bc=L}"
BIDI_R = r"\p{bc=R}\p{bc=AL}"
# Letters of the left-to-right scripts a Hebrew text quotes: Latin, Greek, Cyrillic,
# Armenian (each a left-to-right run, which extractors keep whole as they keep Latin).
LTR_LETTERS = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u0531-\u058a\u1f00-\u1fff"


def unpointed(text: str) -> str:
    """The text without Hebrew points: a pointed word as the lexicon spells it."""
    return _POINTS_RE.sub("", text)


def lexicon_form(word: str) -> str:
    """A word as the lexicon and the word model's corpus spell it: without points, and a
    maqaf (``על־ידי``, the Hebrew hyphen of pointed and carefully set text) as a hyphen."""
    return unpointed(word).replace("\u05be", "-")


def has_points(text: str) -> bool:
    """Whether the text carries a Hebrew point or accent. A long text is searched for
    each point in turn (a substring search per character is several times faster than
    one scan for a class of them: 0.11 against 0.87 ms for a megabyte without points,
    where every repair asks first)."""
    if len(text) < _LONG:
        return _POINTS_RE.search(text) is not None
    return any(ch in text for ch in _POINT_CHARS)


_LONG = 1000
_POINT_CHARS = tuple(
    ch for ch in map(chr, [*range(0x0591, 0x05C8), 0xFB1E]) if _POINTS_RE.match(ch)
)


def reversed_letters(text: str) -> str:
    """The text's characters in reverse order, each letter's points still after it.

    A letter-reversed word that an extractor wrote glyph by glyph keeps each point after
    its letter (the point lies inside the letter's box); a plain reversal would put it
    before. A text that begins with a point has them before their letters already (the
    bidi algorithm's visual order) and is reversed plainly.
    """
    out = text[::-1]
    if not has_points(text) or _POINTS_RE.match(text):
        return out
    return points_after_letters(out)


def points_after_letters(text: str) -> str:
    """Reversed text with each letter's points, which the reversal put before it, after it
    again (their own order turned back too)."""
    return _POINTS_FIRST_RE.sub(lambda m: m[2] + m[1][::-1], text)


def lookup(zipf: Callable[[str], float], word: str) -> float:
    """Zipf frequency, with typographic geresh and gershayim read as the lexicon spells
    them (``אזרבייג’ן`` is ``אזרבייג'ן``)."""
    z = zipf(word)
    if z > 0.0:
        return z
    normal = word.translate(NORMAL_QUOTES)
    return zipf(normal) if normal != word else 0.0


class Line(NamedTuple):
    """A line cut into tokens; ``gaps[i]`` is the number of spaces after ``tokens[i]``."""

    lead: str
    tokens: list[str]
    gaps: list[int]
    trail: str


def split_line(text: str) -> Line:
    """Cut a line (without its line ending) into leading space, tokens, gaps, trailing space.

    Only ASCII spaces separate tokens; tabs and other white space stay inside tokens so
    that joining the parts back gives the input exactly.
    """
    stripped = text.strip(" ")
    lead = text[: len(text) - len(text.lstrip(" "))]
    trail = text[len(lead) + len(stripped) :]
    if not stripped:
        return Line(lead, [], [], trail)
    if "  " not in stripped:  # the common case: every gap is one space
        tokens = stripped.split(" ")
        return Line(lead, tokens, [1] * (len(tokens) - 1), trail)
    parts = _SPLIT_RE.split(stripped)
    return Line(lead, parts[0::2], list(map(len, parts[1::2])), trail)


# A justified line's stretched word space as an extractor that places glyphs by their
# position writes it (pdfminer): a run of this many spaces or more, alike between every two
# words of the line.
STRETCH_MIN = 3


def evenly_spaced(gaps: list[int], least: int = STRETCH_MIN) -> bool:
    """Whether every space between a line's words (``gaps``, as :class:`Line` counts them)
    is a run of ``least`` spaces or more and they are all alike: a justified line's
    stretch (or a visual line whose every word is a fragment), not a column gutter (wider
    than the spaces of the text on either side of it)."""
    return len(gaps) >= 2 and min(gaps) >= least and max(gaps) - min(gaps) <= 1


def has_hebrew(text: str) -> bool:
    """True when the text holds at least one Hebrew letter."""
    return _HEBREW_RE.search(text) is not None


# A line led by a sentence mark (not an ellipsis), and one that ends with one after a
# Hebrew letter: where a line's last word stands tells which way it was written.
_LINE_LED_RE = re.compile(r" *[.,;:!?](?!\.)")
_LINE_ENDS_RE = re.compile(f"[{HEBREW_LETTER}][.,;:!?] *$")


def sentence_mark_edges(lines: Sequence[str]) -> tuple[int, int]:
    """(lines led by a sentence mark, lines ending with one) among ``lines``. Written in
    reading order a sentence ends at a line's end; written left to right as drawn, a
    line's last word (and its mark) comes first."""
    led = sum(1 for line in lines if _LINE_LED_RE.match(line))
    ends = sum(1 for line in lines if _LINE_ENDS_RE.search(line))
    return led, ends


def hebrew_count(text: str) -> int:
    """Number of Hebrew letters in ``text`` (counted without a list of matches: each
    match of a Hebrew letter would be a new string)."""
    return _HEBREW_RE.subn("", text)[1]


def split_punct(token: str) -> tuple[str, str, str]:
    """Split a token into (leading punctuation, core, trailing punctuation).

    ``"(שלום),"`` gives ``("(", "שלום", "),")``; a token of punctuation only is all lead.
    """
    m = _CORE_RE.search(token)
    if m is None:
        return token, "", ""
    return token[: m.start()], m.group(), token[m.end() :]


def is_number(core: str) -> bool:
    """True for a plain number such as ``2023``, ``1.58`` or ``70,000``."""
    return _NUMBER_RE.match(core) is not None


def is_latin(token: str) -> bool:
    """True when the token has Latin letters and no Hebrew ones (URLs, names, e-mails)."""
    return _LATIN_RE.search(token) is not None and not has_hebrew(token)


def is_word_token(token: str) -> bool:
    """True for a token carrying Hebrew letters (a word, possibly with punctuation)."""
    return has_hebrew(token)


def starts_with_final(core: str) -> bool:
    """A Hebrew final letter at the start of a word: a sure sign of reversed letters."""
    return len(core) > 1 and core[0] in FINAL_LETTERS and has_hebrew(core[1:])


def ends_with_medial_only_final(core: str) -> bool:
    """True when a Hebrew word ends in the medial form of a letter that has a final form."""
    return bool(core) and core[-1] in "כמנפצ"
