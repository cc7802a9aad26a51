"""Text that needs nothing, recognised by a few scans of the whole text.

Most text a pipeline feeds us is clean. The line stages take every line apart (tokens,
word-model evidence, seam shapes) to decide that it needs nothing, which costs a Python
loop per line; yet every fix, and every piece of document evidence that could turn one
on, starts from a *mark* a regular expression sees: a final letter at a word's start, a
wide gap between words, a bidi embedding, the shape a cut glyph run or a direction seam
leaves. :func:`unmarked` looks for those marks in the whole text at once and, when none
can change a line, gives the verdict the full diagnosis would give, so that the pipeline
returns the text as it is.

It is a shortcut, not a second diagnosis: each test stands for the condition of a stage
(the regular expressions are those stages' own, rewritten to begin with a rare character
so that the engine can skip ahead, and matching a little more, never less), and
``tests/test_unmarked.py`` checks that the full pipeline leaves every text it passes as
it is.
"""

from __future__ import annotations

import re

from textrepair.controls import LTR_OPEN, RTL_OPEN, has_controls
from textrepair.diagnose import Diagnosis, Regime, run_cuts_make_visual
from textrepair.fixes import WORD_START_BEHIND
from textrepair.seams import END_CLUSTER, LTR_CHARS, WORD_END, seam_evidence
from textrepair.tokens import FINAL_LETTERS, HEBREW_LETTER, LINE_BREAKS

_LONE = FINAL_LETTERS + "בהוכלמש"  # a letter that stands alone only when a run was cut
# White space other than the space: what ``\s`` matches besides it (str.isspace).
_OTHER_SPACE = "\t\n\v\f\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_EMBEDDINGS = RTL_OPEN + LTR_OPEN
_BREAK_RE = re.compile(f"[{LINE_BREAKS}]")
# One (empty) match a line that holds a Hebrew letter.
_HEBREW_LINE_RE = re.compile(f"[{HEBREW_LETTER}]()[^{LINE_BREAKS}]*")

# The regular expression engine skips ahead fast to a literal character or a character
# class that starts a pattern, and is slow on alternatives: so each scan starts with one
# class and tells its shapes apart by looking back. The shapes are those of
# ``fixes.has_final_first``, ``surgery.run_cut_forms`` and ``seams.seam_evidence``.
_AFTER_SPACE = rf"[{_LONE}](?=[\s.,;:]|$)|-[{HEBREW_LETTER}]"  # a lone letter, ``-ביחסים``
_LEAD = rf"(?P<lead> *{END_CLUSTER} ?(?=[{HEBREW_LETTER}]))"  # ``.וכללה`` leading a line

# A digit after one or two marks that open a token: a number's mark drawn on its far side
# (``שנת ,1894``, seams' ``_MARK_BEFORE_NUMBER_RE``).
_MARK_BEFORE = r"(?:(?<=\s[,.;:]\d)|(?<=\s[,.;:]{2}\d)|(?<=^[,.;:]\d)|(?<=^[,.;:]{2}\d))"
# ... a prefix's hyphen after its number (``כ350-``, ``כ40%-``).
_HYPHEN_AFTER = "(?=[-\u05be](?!\\S))"
# A mark after a space that follows a word (looked at from the mark).
_LED_BEHIND = f"(?<={WORD_END} .)"
# A quoted run whose closing quote went past the space after it (``"FFP "משמש``).
_QUOTE_PAST = f' "(?=[{HEBREW_LETTER}])'

_SCANS = (
    # A final letter at a word's start (not after a geresh: ``אזרבייג'ן``) or inside a
    # token (``מלחמתןשל``); a Latin letter, digit or % touching a Hebrew letter, or
    # quoted with its closing quote past a space; a number's marks on its far side.
    re.compile(
        f"[{FINAL_LETTERS}{LTR_CHARS}%]"
        rf"(?:(?<=[{FINAL_LETTERS}]){WORD_START_BEHIND}(?P<first>)"
        rf"|(?<=[{HEBREW_LETTER}][{FINAL_LETTERS}])['\u05f3]?[{HEBREW_LETTER}](?P<cut>)"
        rf"|(?<=[{LTR_CHARS}%])(?:(?:(?<=[{HEBREW_LETTER}].)|(?=[{HEBREW_LETTER}]|{_QUOTE_PAST}))"
        rf"(?P<seam>)|(?:(?<=\d){_MARK_BEFORE}|{_HYPHEN_AFTER})(?P<mark>)))"
    ),
    # A bidi embedding; white space other than a space before a cut mark or a lead.
    re.compile(
        f"[{_EMBEDDINGS}{_OTHER_SPACE}]"
        f"(?:(?<=[{_EMBEDDINGS}])(?P<embedding>)|(?:{_AFTER_SPACE})(?P<cut>)|{_LEAD})"
    ),
    # After a space: a lone letter; a hyphen leading a token (``-ביחסים``), or after a
    # digit (``2020-ב``), each scan starting with its one literal.
    re.compile(f" [{_LONE}](?=[\\s.,;:]|$)(?P<cut>)"),
    re.compile(f"-(?:(?<=\\d-)|(?<= -))[{HEBREW_LETTER}](?P<cut>)"),
    # A mark glued between two words (``מרכזית,של``, ``ה.בית``), or leading a word after a
    # space (``ומשמש ,של``, ``פגישות .ושיגר``: seams' ``_LED_MARK_RE``; a paragraph's end
    # mark drawn at its last page line's start). Each scan starts with its one literal.
    re.compile(f",(?=[{HEBREW_LETTER}])(?:(?<=[{HEBREW_LETTER}].)|{_LED_BEHIND})(?P<seam>)"),
    re.compile(f";(?=[{HEBREW_LETTER}])(?:(?<=[{HEBREW_LETTER}].)|{_LED_BEHIND})(?P<seam>)"),
    re.compile(f":(?=[{HEBREW_LETTER}])(?:(?<=[{HEBREW_LETTER}].)|{_LED_BEHIND})(?P<seam>)"),
    re.compile(
        f"\\.(?:(?=[{HEBREW_LETTER}]{{2}})(?<=[{HEBREW_LETTER}].)|(?=[{HEBREW_LETTER}]){_LED_BEHIND})"
        "(?P<seam>)"
    ),
    re.compile(f"!(?=[{HEBREW_LETTER}]){_LED_BEHIND}(?P<seam>)"),
    re.compile(f"\\?(?=[{HEBREW_LETTER}]){_LED_BEHIND}(?P<seam>)"),
    # Brackets mirrored on their own (``)או``, ``)FFP)``, ``יחיד(``), a geresh or
    # gershayim written with a mirrored curly quote.
    re.compile(f"\\)(?<!\\S\\))(?=[{HEBREW_LETTER}]|[^\\s()]*\\))(?P<seam>)"),
    re.compile("\\((?<=[^\\s(]\\()(?=[\"'”’]*(?:[\\s.,;:!?]|$))(?P<seam>)"),
    re.compile(f"\u2018(?<=[{HEBREW_LETTER}]\u2018)(?P<seam>)"),
    re.compile(f"\u201c(?<=[{HEBREW_LETTER}]\u201c)(?P<seam>)"),
)
# A scan whose literal the text lacks is skipped (``in`` is far faster than a scan).
_RARE = {"\u2018", "\u201c"}
_TEXT_START_RE = re.compile(f"(?:{_AFTER_SPACE})(?P<cut>)|{_LEAD}")
# More marks than this and the shortcut is not worth its line look-ups.
_MAX_MARKS = 1000


def unmarked(text: str, assume: str = "auto", keep_controls: bool = False) -> Diagnosis | None:
    """The diagnosis of a text no line stage would change, or None when one might.

    None whenever the text shows a mark some stage acts on: a bidi embedding (the
    normalize stage reads it; with ``keep_controls`` any control, whose lines are held
    out of the diagnosis), a final letter at a word's start (letter-visual evidence, and
    what ``reverse_letters`` mends), a wide gap between two words (fragment-visual
    evidence, and what fragment reordering reads), the marks of cut glyph runs on enough
    lines to make the document visual, or direction seams on enough lines to call the
    extraction broken. ``assume='visual'`` always gets None: then every line is searched.
    """
    if assume == "visual" or (keep_controls and has_controls(text)) or _wide_gap(text):
        return None
    marks = _marks(text)
    if marks is None:
        return None
    run_cuts, seams = marks
    hebrew = len(_HEBREW_LINE_RE.findall(text))
    # Each line the diagnosis counts as cut has a match of its own (a match spans a line
    # break only at its start, and then belongs to the next line): the matches bound it.
    if run_cuts_make_visual(run_cuts, hebrew):
        return None
    seamed = _lines_at(text, seams)
    if seamed and seam_evidence(seamed)._replace(hebrew_lines=hebrew).broken:
        return None
    forced = assume != "auto"
    return Diagnosis(Regime.LOGICAL, hebrew, forced=forced, run_cut_lines=run_cuts, quick=True)


def _wide_gap(text: str) -> bool:
    """True when two or more spaces part two characters of one line (indentation and
    trailing spaces are not gaps between words)."""
    at = text.find("  ")
    while at >= 0:
        end = at + 2
        while end < len(text) and text[end] == " ":
            end += 1
        inside = at > 0 and end < len(text)
        if inside and text[at - 1] not in LINE_BREAKS and text[end] not in LINE_BREAKS:
            return True
        at = text.find("  ", end)
    return False


def _marks(text: str) -> tuple[int, list[int]] | None:
    """The marks of cut glyph runs (counted) and where direction seams may be (a position
    on each line that has one), or None at a mark that alone needs the line stages (a
    final letter at a word's start, a bidi embedding) or at too many marks."""
    cuts = 0
    seams: list[int] = []
    for scan in _SCANS:
        if scan.pattern[0] in _RARE and scan.pattern[0] not in text:
            continue
        for m in scan.finditer(text):
            kind = m.lastgroup
            if kind in ("first", "embedding"):
                return None
            if kind == "cut":
                cuts += 1
            elif kind in ("seam", "mark"):
                seams.append(m.end() - 1)  # the match's last character: on its line
            elif kind == "lead" and m.group()[0] in LINE_BREAKS:
                seams.append(m.end())  # a line led by a sentence's end cluster
            if cuts + len(seams) > _MAX_MARKS:
                return None
    m = _TEXT_START_RE.match(text)
    if m is not None:
        cuts += m.lastgroup == "cut"
        seams += [m.end()] if m.lastgroup == "lead" else []
    return cuts, seams


def _lines_at(text: str, positions: list[int]) -> list[str]:
    """The lines of ``text`` holding the given character positions, each once (one pass
    over the text however many positions: a text may break its lines with CR alone)."""
    lines: dict[int, str] = {}
    start = scanned = 0
    for pos in sorted(positions):
        newline = text.rfind("\n", scanned, pos)  # the usual break: found from the end
        if newline >= 0:
            start = scanned = newline + 1
        for m in _BREAK_RE.finditer(text, scanned, pos):
            start = m.end()
        scanned = pos
        if start not in lines:
            end = _BREAK_RE.search(text, pos)
            lines[start] = text[start : end.start() if end else len(text)]
    return list(lines.values())
