"""The repair pipeline: segment -> diagnose -> repair lines.

Lines keep their endings (LF, CRLF, CR) and their number, so line ``k`` of the output is
line ``k`` of the input repaired. The document is read twice: once to diagnose it (is it in
visual order at all?) and to learn the word pairs of its own logical lines, then once to
repair each line with its neighbours' words as context.
"""

from __future__ import annotations

from typing import NamedTuple

from textrepair.config import RepairConfig
from textrepair.explain import Change, Repaired
from textrepair.lines import LineContext, repair_line, wide_gaps
from textrepair.tokens import has_hebrew, split_line
from textrepair.wordmodel import WordModel

# A document is treated as visual when this share of its Hebrew lines has wide gaps.
_VISUAL_SHARE = 0.05
_VISUAL_MIN_LINES = 2


class Diagnosis(NamedTuple):
    """Document-level evidence for the reading order of its lines."""

    hebrew_lines: int
    wide_gap_lines: int
    word_lines: int = 0
    narrow_first_lines: int = 0

    @property
    def visual(self) -> bool:
        """True when enough lines carry the wide gaps of fragment-by-fragment output."""
        return (
            self.wide_gap_lines >= _VISUAL_MIN_LINES
            and self.wide_gap_lines >= _VISUAL_SHARE * self.hebrew_lines
        )

    @property
    def narrow_first(self) -> bool:
        """True when lines cut word by word mostly end their leftmost word at one space.

        Some extractors separate every fragment of a justified line with a wide gap but
        the leftmost (the line's last in reading order) with a single space. Where most
        word-by-word lines show that, a single space there is a boundary, not a join.
        """
        return self.word_lines >= 3 and self.narrow_first_lines >= 0.6 * self.word_lines


def split_endings(text: str) -> list[tuple[str, str]]:
    """Cut text into (line, ending) pairs, keeping every line ending exactly."""
    out = []
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append((body, raw[len(body) :]))
    return out


def diagnose(bodies: list[str]) -> Diagnosis:
    """Count the Hebrew lines and those with wide gaps (the visual-order signature)."""
    hebrew = [split_line(b) for b in bodies if has_hebrew(b)]
    wide = word = narrow = 0
    for line in hebrew:
        n_wide = wide_gaps(line)
        wide += n_wide > 0
        if len(line.gaps) >= 4 and n_wide >= len(line.gaps) - 1:
            word += 1
            narrow += line.gaps[0] == 1
    return Diagnosis(len(hebrew), wide, word, narrow)


def _probably_logical(bodies: list[str]) -> list[str]:
    """Lines with no wide gaps: most are logical, so their word pairs teach the model."""
    return [b for b in bodies if has_hebrew(b) and "  " not in b.strip()]


def _first_reading_word(body: str) -> str | None:
    """Best cheap guess of the first word a reader meets on a (not yet repaired) line."""
    line = split_line(body)
    if not line.tokens or not has_hebrew(body):
        return None
    if not wide_gaps(line):
        return line.tokens[0]
    last_wide = max(i for i, g in enumerate(line.gaps) if g >= 2)
    return line.tokens[last_wide + 1]


def repair_and_explain(text: str, config: RepairConfig | None = None) -> Repaired:
    """Repair ``text`` and return it with the list of changes, one per fix and line."""
    if not isinstance(text, str):
        raise TypeError(f"repair expects str, got {type(text).__name__}")
    cfg = config or RepairConfig()
    pieces = split_endings(text)
    bodies = [b for b, _ in pieces]
    diagnosis = diagnose(bodies)
    model = WordModel.default()
    if diagnosis.visual:
        model = model.adapted(_probably_logical(bodies))
    changes: list[Change] = []
    out: list[str] = []
    before: str | None = None
    prev_blank = True
    for i, (body, ending) in enumerate(pieces):
        after = _first_reading_word(bodies[i + 1]) if i + 1 < len(bodies) else None
        ctx = LineContext(
            model, cfg, diagnosis.visual, diagnosis.narrow_first, before, after, prev_blank
        )
        new, steps = repair_line(body, ctx)
        changes.extend(Change(i + 1, name, b, a) for name, b, a in steps)
        out.append(new + ending)
        tokens = new.split()
        before = tokens[-1] if tokens and has_hebrew(new) else None
        prev_blank = not body.strip()
    return Repaired("".join(out), changes)


def repair(text: str, config: RepairConfig | None = None) -> str:
    """Repair ``text``: the logical-order Hebrew a reader sees on the page."""
    return repair_and_explain(text, config).text
