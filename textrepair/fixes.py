"""Small token-level fixes, each a pure function from a token list to a token list.

They run inside :mod:`textrepair.lines` after the fragment order is settled, all but
:func:`split_glued`, which runs before it and gives it the words to turn. Each one is
safe on logical text: it fires only on a pattern that logical Hebrew does not produce.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from textrepair.seams import LTR_RUN_RE
from textrepair.tokens import (
    FINAL_LETTERS,
    MIRROR,
    has_hebrew,
    lookup,
    reversed_letters,
    split_punct,
    starts_with_final,
    unpointed,
)

_RANGE_RE = re.compile(r"^(\d+)([-–])(\d+)$")
_LEAD_SIGN_RE = re.compile(r"^([:%])(\d+(?:[.,]\d+)*)$")
_TRAIL_HYPHEN_NUM_RE = re.compile(r"^(\d+(?:[.,]\d+)*)-$")
_PREFIX_LETTERS = "בהוכלמש"
_OPEN, _CLOSE = "([{", ")]}"
# Quick tests on the whole line, true wherever the fix below could fire on some token (and
# on a little more), so that the token loops only run on the few lines that need them.
# Looking back from a letter just read: it begins a word (no letter before it, nor a letter
# and a geresh: the final of ``אזרבייג'ן`` begins nothing).
WORD_START_BEHIND = "(?<!\\w.)(?<!\\w['\"\u05f3\u05f4’].)"
_FINAL_FIRST_RE = re.compile(f"[{FINAL_LETTERS}]{WORD_START_BEHIND}")
_RANGE_HINT_RE = re.compile(r"\d[-–]\d")
_SIGN_HINT_RE = re.compile(r"[:%]\d|\d-")
_BRACKET_RE = re.compile(r"[(\[{)\]}]")
# Two words glued where a sentence mark ends the first (``אזוריים,כוחות``), or a dash
# glued before a word (``–בסוריה``).
_GLUED_AT_MARK_RE = re.compile(r"^([\u05d0-\u05ea\"'׳״’]+[,.:;?!]+)([\u05d0-\u05ea].*)$")
_GLUED_DASH_RE = re.compile(r"^([–—])([\u05d0-\u05ea].*)$")
_OPENING_QUOTES = "\"“'"  # ... or a quote that opens the second (``מבקש"הנשיא``)


def has_final_first(text: str) -> bool:
    """True when a word of ``text`` may begin with a final letter (what reverse_letters acts on)."""
    return _FINAL_FIRST_RE.search(text) is not None


def reverse_letters(tokens: list[str], zipf: Callable[[str], float]) -> list[str]:
    """Reverse the letters of words that came out mirrored (``ןויליג`` -> ``גיליון``).

    A final letter (ך ם ן ף ץ) never begins a Hebrew word, so one at the start is a sure
    sign; we still ask the lexicon that the reversed form is a word before trusting it.
    """
    if not has_final_first(" ".join(tokens)):
        return list(tokens)
    out = []
    for token in tokens:
        lead, core, trail = split_punct(token)
        if starts_with_final(core):
            turned = reversed_letters(core)
            if zipf(turned) > zipf(core):
                token = trail[::-1].translate(MIRROR) + turned + lead[::-1].translate(MIRROR)
        out.append(token)
    return out


def flip_ranges(tokens: list[str]) -> list[str]:
    """Turn a descending number range back around (``15-10`` -> ``10-15``).

    In a right-to-left line the two numbers of a range are separate left-to-right runs,
    so visual extraction prints them swapped. Ranges run upwards; we only flip two numbers
    of equal length, so ``1948-49`` style abbreviations are left alone.
    """
    if not _RANGE_HINT_RE.search(" ".join(tokens)):
        return list(tokens)
    out = []
    for token in tokens:
        lead, core, trail = split_punct(token)
        m = _RANGE_RE.match(core)
        if m and len(m.group(1)) == len(m.group(3)) and int(m.group(1)) > int(m.group(3)):
            token = f"{lead}{m.group(3)}{m.group(2)}{m.group(1)}{trail}"
        out.append(token)
    return out


def move_number_signs(tokens: list[str]) -> list[str]:
    """Put signs that visual extraction moved to the wrong side of a number back.

    ``:2023`` -> ``2023:``, ``%40`` -> ``40%``, and a hyphen hanging after a number that
    follows a lone prefix letter joins them: ``ב 26-`` -> ``ב-26``.
    """
    if not _SIGN_HINT_RE.search(" ".join(tokens)):
        return list(tokens)
    out: list[str] = []
    for token in tokens:
        m = _LEAD_SIGN_RE.match(token)
        if m:
            token = m.group(2) + m.group(1)
        m = _TRAIL_HYPHEN_NUM_RE.match(token)
        if m and out and len(out[-1]) == 1 and out[-1] in _PREFIX_LETTERS:
            out[-1] = f"{out[-1]}-{m.group(1)}"
            continue
        out.append(token)
    return out


def _bracket_depths_ok(text: str) -> bool:
    depth = 0
    for ch in _BRACKET_RE.findall(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def mirror_brackets(tokens: list[str]) -> list[str]:
    """Swap brackets that extraction mirrored: ``)כך(`` -> ``(כך)``.

    Only when the line's brackets are unbalanced as they stand and balanced once mirrored,
    so a bracket opened on one line and closed on the next is never touched. A sign
    inside a number or Latin run was never mirrored, since it reads left to right
    (``)INR>1.5(`` is ``(INR>1.5)``, not ``(INR<1.5)``).
    """
    text = " ".join(tokens)
    if (")" not in text and "]" not in text and "}" not in text) or _bracket_depths_ok(text):
        return tokens
    mirrored = [_mirror_outside_runs(t) for t in tokens]
    return mirrored if _bracket_depths_ok(" ".join(mirrored)) else tokens


def _mirror_outside_runs(token: str) -> str:
    """The token's brackets mirrored, but for those inside its left-to-right runs."""
    out, pos = [], 0
    for run in LTR_RUN_RE.finditer(token):
        out += [token[pos : run.start()].translate(MIRROR), run.group()]
        pos = run.end()
    out.append(token[pos:].translate(MIRROR))
    return "".join(out)


_LONE_MARKS_RE = re.compile(r"[.,;:!?]+")


def attach_lone_marks(tokens: list[str]) -> list[str]:
    """Glue a token of sentence marks alone to the word before it: ``אחרים , ומשמש`` ->
    ``אחרים, ומשמש``. An extractor that placed every item on its own (a word, a mark)
    wrote the space between them; Hebrew sets a sentence mark right after its word."""
    out: list[str] = []
    for token in tokens:
        if out and _LONE_MARKS_RE.fullmatch(token) and out[-1][-1:].isalnum():
            out[-1] += token
        else:
            out.append(token)
    return out


def attach_drop_cap(tokens: list[str], zipf: Callable[[str], float]) -> list[str]:
    """Join a lone drop-cap letter to the paragraph's first word (``ב`` + ``שנה``).

    A drop cap is typeset as a separate large glyph, so extractors emit it as a one-letter
    fragment somewhere in the first line. We attach it only when the result is a word the
    lexicon knows better than the bare first word's letter-less form allows.
    """
    if len(tokens) < 2:
        return tokens
    for i, token in enumerate(tokens):
        letter = unpointed(token)
        if i == 0 or len(letter) != 1 or not has_hebrew(letter) or letter in FINAL_LETTERS:
            continue
        lead, core, trail = split_punct(tokens[0])
        joined = token + core
        if core and zipf(joined) >= 3.0:
            rest = tokens[1:i] + tokens[i + 1 :]
            return [lead + joined + trail, *rest]
    return tokens


# A geresh or gershayim written with a mark of no direction of its own (an apostrophe, a
# quotation mark), between a word's letters: a direction run ends there. The Hebrew
# geresh and gershayim (U+05F3, U+05F4) are right-to-left like the letters: no run ends.
_INNER_MARK_RE = re.compile("([\"'\u2019\u201d])")
_HEBREW_CORE_RE = re.compile("[\u05d0-\u05ea]+")


def turn_word_pieces(tokens: list[str], zipf: Callable[[str], float]) -> list[tuple[str, int]]:
    """Turn the pieces of words that an extractor wrote in visual order; each token out
    with the number of tokens in (1, or 2 where two became one).

    An extractor that writes each glyph run of a word on its own, left to right
    (PyMuPDF's ``sort=True``), writes a word with a geresh or gershayim in it piece by
    piece in visual order: ``ן'אזרבייג`` for ``אזרבייג'ן``, ``מ" ק`` or ``מ"ק`` for
    ``ק"מ``, ``ר" האדמו`` for ``האדמו"ר``. Where the lexicon knows the word with its
    pieces turned better than as written, they are turned. Only in a document where
    that is the habit (``Diagnosis.pieces_visual``)."""
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(tokens):
        joined = _joined_pieces(tokens, i, zipf)
        if joined is not None:
            out.append((joined, 2))
        else:
            out.append((_turned_pieces(tokens[i], zipf) or tokens[i], 1))
        i += out[-1][1]
    return out


def pieces_vote(tokens: list[str], zipf: Callable[[str], float]) -> tuple[int, int]:
    """(words read better with their pieces turned, words read better as written) among
    the words of ``tokens`` with a geresh or gershayim between letters."""
    turned = written = 0
    if not any(_INNER_MARK_RE.search(token) for token in tokens):
        return turned, written
    i = 0
    for token, taken in turn_word_pieces(tokens, zipf):
        core = split_punct(token)[1]
        if taken > 1 or token != tokens[i]:
            turned += 1
        elif _inner_pieces(core) is not None and lookup(zipf, core) > 0:
            written += 1
        i += taken
    return turned, written


def _inner_pieces(core: str) -> list[str] | None:
    """A word's pieces around its inner geresh or gershayim (letters on both sides)."""
    pieces = _INNER_MARK_RE.split(core)
    if len(pieces) < 3 or not all(_HEBREW_CORE_RE.fullmatch(p) for p in pieces[::2]):
        return None
    return pieces


def _turned_pieces(token: str, zipf: Callable[[str], float]) -> str | None:
    """The token with its word's pieces turned, where that reads better; else None."""
    lead, core, trail = split_punct(token)
    pieces = _inner_pieces(core)
    if pieces is None:
        return None
    turned = "".join(reversed(pieces))
    if lookup(zipf, turned) <= lookup(zipf, core):
        return None
    return lead + turned + trail


def _joined_pieces(tokens: list[str], i: int, zipf: Callable[[str], float]) -> str | None:
    """Tokens ``i`` and ``i + 1`` as one word with its pieces turned (``מ"`` and ``ק``
    are ``ק"מ``, ``ייסון`` and ``'ג`` are ``ג'ייסון``: the mark went with either piece),
    where the lexicon knows it and better than the other way round."""
    if i + 1 >= len(tokens):
        return None
    lead, core, trail = split_punct(tokens[i])
    lead2, core2, trail2 = split_punct(tokens[i + 1])
    if lead2 and trail:
        return None
    mark = lead2 or trail
    if len(mark) != 1 or not _INNER_MARK_RE.fullmatch(mark):
        return None
    if not (_HEBREW_CORE_RE.fullmatch(core) and _HEBREW_CORE_RE.fullmatch(core2)):
        return None
    word = core2 + mark + core
    if lookup(zipf, word) <= lookup(zipf, core + mark + core2):
        return None
    return lead + word + trail2


def split_glued(tokens: list[str], zipf: Callable[[str], float]) -> list[str]:
    """Part the two words an extractor glued at a line's right end where it wrote the line
    word by word, left to right (pypdf on Typst's PDFs: ``הראשונההמדינה``,
    ``אזוריים,כוחות``, ``–בסוריה``), in the order written, for the reordering to turn:
    the last token, when the lexicon does not know it but knows both its parts (the
    pair it knows best), or a sentence mark or a dash parts it. Only in a document whose
    every word is a fragment of its own (``Diagnosis.words_reversed``)."""
    if not tokens:
        return tokens
    return [*tokens[:-1], *_glued_parts(tokens[-1], zipf)]


def _glued_parts(token: str, zipf: Callable[[str], float]) -> list[str]:
    for pattern in (_GLUED_AT_MARK_RE, _GLUED_DASH_RE):
        if m := pattern.match(token):
            return [m.group(1), m.group(2)]
    lead, core, trail = split_punct(token)
    if len(core) < 4 or not has_hebrew(core) or lookup(zipf, core) > 0:
        return [token]
    best: tuple[float, int] | None = None
    for i in range(2, len(core) - 1):
        if not core[i - 1].isalpha() or not (core[i].isalpha() or core[i] in _OPENING_QUOTES):
            continue
        a, b = lookup(zipf, core[:i]), lookup(zipf, core[i:].lstrip(_OPENING_QUOTES))
        if min(a, b) > 0 and (best is None or a + b > best[0]):
            best = (a + b, i)
    if best is None:
        return [token]
    return [lead + core[: best[1]], core[best[1] :] + trail]
