"""Repair one line: the fixes that run on a single visual line of the page, in order.

``repair_line`` is a pure function of the line and a :class:`LineContext` (the word
model, the document's diagnosis and the neighbouring lines' words). It returns the new
line and, for every fix that changed it, a ``(fix name, before, after)`` step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textrepair import fixes, surgery
from textrepair.config import RepairConfig
from textrepair.diagnose import is_stretched, line_reads_reversed
from textrepair.reorder import OPEN, best_reading, gap_kinds, identity_score
from textrepair.stretched import marks_to_sides, piece_turned
from textrepair.tokens import Line, has_hebrew, split_line
from textrepair.wordmodel import WordModel

Step = tuple[str, str, str]

# Log-odds that a line is in visual fragment order, before looking at its words:
# wide gaps are the extractor's mark of a fragment boundary, so each one raises them.
_PRIOR_VISUAL_DOC = (-4.0, 2.5, 8)  # base, per wide gap, wide gaps counted at most
_PRIOR_LOGICAL_DOC = (-12.0, 2.0, 4)
# Log-odds that a single space between two Hebrew words is a fragment boundary: a single
# space usually lies inside a fragment (a run of words drawn in one go).
_OPEN_GAP_PRIOR = -5.0
# ... and where every word is a fragment of its own (``Diagnosis.words_reversed``), a
# single space is a boundary unless the words on either side read far better in order.
_OPEN_GAP_REVERSED = 10.0
# Added when the leftmost fragment ends at a single space, in documents whose extractor
# glues each line's last fragment that way (see ``pipeline.diagnose``).
_NARROW_FIRST_BONUS = 15.0


class LineContext(NamedTuple):
    """What a line's repair may know beyond the line itself."""

    model: WordModel
    config: RepairConfig
    visual_doc: bool
    narrow_first: bool = False
    before: str | None = None
    after: str | None = None
    cut_runs: bool = False
    stretch_in_order: bool = False
    words_reversed: bool = False
    gaps_in_order: bool = False
    pieces_visual: bool = False


def wide_gaps(line: Line) -> int:
    """Number of gaps of two or more spaces between the line's tokens."""
    return sum(1 for g in line.gaps if g >= 2)


def _visual_prior(n_wide: int, visual_doc: bool) -> float:
    base, per_gap, cap = _PRIOR_VISUAL_DOC if visual_doc else _PRIOR_LOGICAL_DOC
    return base + per_gap * min(n_wide, cap)


def may_reorder(text: str, visual_doc: bool) -> bool:
    """Whether fragment reordering can touch the line: in a visual document, or through a
    wide gap (two spaces or more). Elsewhere the neighbouring lines' words are not needed."""
    return visual_doc or "  " in text


def may_change(text: str, visual_doc: bool) -> bool:
    """Whether any fix of :func:`repair_line` can act on the line: reordering and brackets
    need :func:`may_reorder`, outside it only reversed letters (a word that starts with a
    final letter) are repaired. A cheap test, so that callers skip the rest."""
    return may_reorder(text, visual_doc) or fixes.has_final_first(text)


def _in_order_stretch(line: Line, ctx: LineContext) -> bool:
    """A justified line's stretched spaces in a document whose stretched lines read in
    order (``Diagnosis.stretch_in_order``), or any wide gap in one whose lines of wide
    gaps do (``Diagnosis.gaps_in_order``): no fragment boundaries there."""
    return ctx.gaps_in_order or (ctx.stretch_in_order and is_stretched(line))


def reorder_fragments(line: Line, ctx: LineContext) -> list[str]:
    """The line's tokens in reading order: reversed fragments if that reads better."""
    tokens = line.tokens
    n_wide = wide_gaps(line)
    if len(tokens) < 2 or (not ctx.visual_doc and (n_wide == 0 or _in_order_stretch(line, ctx))):
        return tokens
    kinds = gap_kinds(tokens, line.gaps)
    open_prior = _OPEN_GAP_REVERSED if ctx.words_reversed else _OPEN_GAP_PRIOR
    prior = [open_prior if k == OPEN else 0.0 for k in kinds]
    pair = ctx.model.pair
    bonus = _NARROW_FIRST_BONUS if ctx.narrow_first and n_wide else 0.0
    reading = best_reading(tokens, kinds, pair, prior, ctx.before, ctx.after, bonus)
    if reading.tokens == tokens:
        return tokens
    gain = reading.score - identity_score(tokens, pair, ctx.before, ctx.after)
    if gain + _visual_prior(n_wide, ctx.visual_doc) > 0:
        return reading.tokens
    return tokens


def _token_surgery(line: Line, ctx: LineContext) -> tuple[list[str], list[Step]] | None:
    """Words the extractor cut apart, read back (:mod:`textrepair.surgery`): the tokens in
    reading order and the steps, or None when surgery does not act. When it acts it takes
    the place of fragment reordering (its tokens are already in reading order)."""
    model = ctx.model
    tokens, steps = surgery.repair_tokens(
        line.tokens, model.zipf, model.pair, line.gaps, ctx.before, ctx.after
    )
    return (tokens, steps) if steps else None


def _wants_surgery(text: str, ctx: LineContext) -> bool:
    """Search a line only in a visual document whose words are cut at glyph runs
    (``Diagnosis.cut_runs``), and not a mirrored line (whose words look cut because they
    are mirrored; the letter fixes mend it). In such a document every line may be cut,
    whether or not it shows one of the marks the diagnosis counts (``נוזל ... ים``):
    :func:`textrepair.surgery.repair_tokens` decides from the words."""
    return (
        ctx.config.token_surgery
        and ctx.visual_doc
        and ctx.cut_runs
        and not line_reads_reversed(text)
    )


def repair_line(text: str, ctx: LineContext) -> tuple[str, list[Step]]:
    """Repair one line (no line ending); return it and the steps that changed it."""
    if not has_hebrew(text):
        return text, []
    if not may_change(text, ctx.visual_doc):
        return text, []  # no fix below can act: not worth taking the line apart
    line = split_line(text)
    cfg, zipf = ctx.config, ctx.model.zipf
    steps: list[Step] = []
    tokens = line.tokens
    reordered = False

    def apply(name: str, new: list[str]) -> None:
        nonlocal tokens
        if new != tokens:
            steps.append((name, " ".join(tokens), " ".join(new)))
            tokens = new

    # In a document cut at glyph runs a final letter leading a token is mostly a word's
    # last run written first (``ןהרב``), not a mirrored word: surgery reads the tokens as
    # written (it reverses a piece itself where that reads better), before reverse_letters.
    cut = _token_surgery(line, ctx) if _wants_surgery(text, ctx) else None
    if cut is not None:
        tokens, reordered = cut[0], True
        steps.extend(cut[1])
    else:
        if cfg.reverse_letters:
            apply("reverse_letters", fixes.reverse_letters(tokens, zipf))
        if cfg.reorder_fragments and ctx.pieces_visual:
            line = _pieces_turned(line._replace(tokens=tokens), zipf)
            apply("turn_word_pieces", line.tokens)
        if cfg.reorder_fragments and ctx.words_reversed:
            line = _split_glued(line._replace(tokens=tokens), zipf)
            apply("split_glued", line.tokens)
        if cfg.reorder_fragments:
            new = reorder_fragments(line._replace(tokens=tokens), ctx)
            reordered = new != tokens
            apply("reorder_fragments", new)
        if ctx.pieces_visual:  # every mark at a word's edge was drawn on its visual side
            apply("marks_to_sides", fixes.attach_lone_marks(list(map(piece_turned, tokens))))
        elif ctx.words_reversed:  # each word's marks drawn at its sides, turned or not
            apply("marks_to_sides", fixes.attach_lone_marks(list(map(marks_to_sides, tokens))))
    if cfg.attach_drop_caps and reordered:
        apply("attach_drop_cap", fixes.attach_drop_cap(tokens, zipf))
    if cfg.fix_numbers and ctx.visual_doc:
        apply("flip_number_range", fixes.flip_ranges(tokens))
        if reordered:
            apply("move_number_sign", fixes.move_number_signs(tokens))
    if cfg.mirror_brackets and (reordered or wide_gaps(line)):
        # A logical line may close one parenthetical and open the next: `א) ב (ג`.
        apply("mirror_brackets", fixes.mirror_brackets(tokens))
    if not steps:
        return text, []
    if reordered:
        return " ".join(tokens) + line.trail, steps
    return _rejoin(line._replace(tokens=tokens)), steps


def _split_glued(line: Line, zipf: Callable[[str], float]) -> Line:
    """The line with the words glued at its right end parted
    (:func:`textrepair.fixes.split_glued`), one space between them."""
    tokens = fixes.split_glued(line.tokens, zipf)
    added = len(tokens) - len(line.tokens)
    return line._replace(tokens=tokens, gaps=[*line.gaps, *[1] * added])


def _pieces_turned(line: Line, zipf: Callable[[str], float]) -> Line:
    """The line with its words' pieces turned (:func:`textrepair.fixes.turn_word_pieces`);
    two tokens made one keep the gap after the second."""
    tokens: list[str] = []
    gaps: list[int] = []
    k = 0
    for token, taken in fixes.turn_word_pieces(line.tokens, zipf):
        tokens.append(token)
        k += taken
        gaps.append(line.gaps[k - 1] if k - 1 < len(line.gaps) else 0)
    return line._replace(tokens=tokens, gaps=gaps[:-1])


def _rejoin(line: Line) -> str:
    """Put a line back together with its original spacing (token count unchanged)."""
    if len(line.tokens) != len(line.gaps) + 1:
        return line.lead + " ".join(line.tokens) + line.trail
    parts = [line.lead]
    for token, gap in zip(line.tokens, [*line.gaps, 0], strict=True):
        parts.append(token + " " * gap)
    return "".join(parts) + line.trail
