"""The repair pipeline: normalize -> diagnose -> repair lines.

* normalize: give back letters an OCR engine misread throughout the document
  (:mod:`textrepair.ocr`) and drop the direction marks that steer nothing
  (:mod:`textrepair.controls`); read the bidi embeddings some extractors write, then drop
  them (:func:`textrepair.controls.resolve_embeddings`);
* diagnose: decide from evidence over the whole document which order its lines are in
  (:mod:`textrepair.diagnose`);
* repair lines: letter-visual lines go through the inverse bidi reordering
  (:mod:`textrepair.letters`); other lines through the fragment search and the token
  fixes (:mod:`textrepair.lines`), each line with its neighbours' words as context, or
  the paragraph's edge where a paragraph begins or ends (:func:`textrepair.layout.paragraph_ends`).

Lines keep their endings (LF, CRLF, CR) and their number, so line ``k`` of the output is
line ``k`` of the input repaired.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from textrepair import chunks, pointed, stretched
from textrepair.config import RepairConfig
from textrepair.controls import (
    LONE_MARKS,
    control_evidence,
    drop_lone_marks,
    drop_ltr_wrappers,
    has_controls,
    has_embeddings,
    has_lone_marks,
    resolve_embeddings,
    strip_controls,
    wraps_ltr_runs,
)
from textrepair.diagnose import (
    Diagnosis,
    Regime,
    diagnose,
    line_reads_logical,
    paragraph_line,
    paragraph_lines,
)
from textrepair.explain import Change, Repaired
from textrepair.layout import layout, paragraph_ends, split_columns, stretches_spaces
from textrepair.letters import (
    joined_page_lines,
    marks_kept_after,
    runs_in_reading_order,
    runs_to_logical,
)
from textrepair.lines import LineContext, may_change, may_reorder, repair_line, wide_gaps
from textrepair.ocr import (
    drop_misread_bars,
    final_mem_confused,
    misread_bar_lines,
    restore_final_mem,
    restore_initial_yod,
)
from textrepair.seams import (
    MARK_FIXES,
    Fix,
    SeamEvidence,
    mark_count,
    paragraph_fixes,
    recurs,
    reverse_pieces,
    seam_evidence,
    seam_fixes,
)
from textrepair.tokens import (
    HEBREW_LETTER,
    LINE_BREAKS,
    has_hebrew,
    has_points,
    split_line,
    unpointed,
)
from textrepair.unmarked import unmarked
from textrepair.wordmodel import PARAGRAPH, WordModel


def split_endings(text: str) -> list[tuple[str, str]]:
    """Cut text into (line, ending) pairs, keeping every line ending exactly.

    The endings are whatever ``str.splitlines`` breaks at: LF, CRLF and CR, but also form
    feeds (page breaks), vertical tabs, U+0085, U+2028 and U+2029. An ending never moves
    with the words of its line.
    """
    out = []
    for raw in text.splitlines(keepends=True):
        cut = 2 if raw.endswith("\r\n") else 1 if raw[-1] in LINE_BREAKS else 0
        out.append((raw[: len(raw) - cut], raw[len(raw) - cut :]))
    return out


def _single_spaced(body: str) -> bool:
    """A Hebrew line with no wide gap between its words: not a visual line's fragments."""
    return has_hebrew(body) and "  " not in body.strip()


def _probably_logical(bodies: list[str]) -> list[str]:
    """Lines with no wide gaps: most are logical, so their word pairs teach the model."""
    return [b for b in bodies if _single_spaced(b)]


def _first_reading_word(body: str, cut_runs: bool = False) -> str | None:
    """Best cheap guess of the first word a reader meets on a (not yet repaired) line.

    In a document cut at glyph runs the runs of a line come out in mirrored order, so its
    first run is written last: the guess is the line's last token (none when that is
    only a piece of a word, which would mislead more than it tells).
    """
    line = split_line(body)
    if not line.tokens or not has_hebrew(body):
        return None
    if cut_runs:
        last = line.tokens[-1]
        return last if WordModel.default().zipf(last) > 0 else None
    if not wide_gaps(line):
        return line.tokens[0]
    last_wide = max(i for i, g in enumerate(line.gaps) if g >= 2)
    return line.tokens[last_wide + 1]


def repair_and_explain(text: str, config: RepairConfig | None = None) -> Repaired:
    """Repair ``text``; return it with every change (line, fix, before, after) and the
    document diagnosis, in the spirit of ftfy's ``fix_and_explain``.

    Stages: normalize -> (layout only: split columns) -> diagnose and repair lines ->
    (layout only: lay out the page). A text with no mark any line stage acts on
    (:func:`textrepair.unmarked.unmarked`, a few whole-text scans) skips the line stages,
    unless its first lines are a page's with stretched lines the word model would turn
    though no mark shows (:func:`textrepair.stretched.may_turn_unmarked`).
    Line numbers in the changes are the input's, except after a ``split_columns`` change
    (line 0), where they count the column-split lines; ``collapse_stretched_spaces``
    changes (line 0) are lines of the laid-out text.
    """
    if not isinstance(text, str):
        raise TypeError(f"repair expects str, got {type(text).__name__}")
    cfg = config or RepairConfig()
    changes: list[Change] = []
    text = prepare(text, cfg, changes)
    plain = unpointed(text) if has_points(text) else text  # as the line stages read it
    quick = unmarked(plain, cfg.assume, cfg.keep_controls)
    if quick is not None and cfg.reverse_stretched and cfg.assume == "auto":
        quick = None if stretched.may_turn_unmarked(plain, WordModel.default()) else quick
    if quick is not None and not (cfg.layout and split_columns(plain) != plain):
        out, diagnosis = text, quick  # no line stage would change a line
    else:
        out, diagnosis = _line_stages(text, cfg, changes)
        if _drops_marks(cfg):  # a repair may leave a mark alone: repairing stays idempotent
            out = _drop_lone_marks(out, changes)
    if cfg.layout:
        out = _lay_out(out, text, diagnosis, cfg, changes)
    changes.sort(key=lambda c: c.line)
    return Repaired(out, changes, diagnosis)


def prepare(text: str, cfg: RepairConfig, changes: list[Change]) -> str:
    """The whole-text part of normalizing, before the shortcut
    (:func:`textrepair.unmarked.unmarked`) looks at the text: letters an OCR engine
    misread throughout it and the bars it read into gaps, the marks an OCR engine wrapped
    its left-to-right runs in, and direction marks written as words of their own. Lines
    keep their number."""
    if cfg.ocr_letters:
        text = _ocr_letters(text, changes)
    if cfg.ocr_bars:
        text = _ocr_bars(text, changes)
    if _drops_marks(cfg):
        text = _drop_ltr_wrappers(text, changes)
        text = _drop_lone_marks(text, changes)
    return text


def _drops_marks(cfg: RepairConfig) -> bool:
    """Whether an extractor's direction marks may go (not with ``keep_controls``)."""
    return cfg.resolve_embeddings and not cfg.keep_controls


def _ocr_letters(text: str, changes: list[Change]) -> str:
    """Final mems read as samekh and first yods read as colons, given back where the
    document shows the confusion (:func:`textrepair.ocr.final_mem_confused`)."""
    zipf = WordModel.default().zipf
    if not final_mem_confused(text, zipf):
        return text
    fix = partial(restore_final_mem, zipf=zipf)
    text = _apply_to_text(text, "restore_final_mem", fix, changes, lambda b: "ס" in b)
    fix = partial(restore_initial_yod, zipf=zipf)
    return _apply_to_text(text, "restore_initial_yod", fix, changes, lambda b: ":" in b)


def _ocr_bars(text: str, changes: list[Change]) -> str:
    """The bars an OCR engine read into a document's gaps, taken out of its running lines
    where the document shows them (:func:`textrepair.ocr.misread_bar_lines`)."""
    lines = misread_bar_lines(text)
    if not lines:
        return text
    return _apply_to_text(text, "drop_misread_bars", drop_misread_bars, changes, lines.__contains__)


def _drop_ltr_wrappers(text: str, changes: list[Change]) -> str:
    """The marks an OCR engine wrapped each left-to-right run in, where the document
    shows it (:func:`textrepair.controls.wraps_ltr_runs`)."""
    if not wraps_ltr_runs(text):
        return text
    return _apply_to_text(text, "drop_ltr_wrappers", drop_ltr_wrappers, changes, _has_mark)


def _drop_lone_marks(text: str, changes: list[Change]) -> str:
    """Direction marks written as words of their own, where they change nothing
    (:func:`textrepair.controls.drop_lone_marks`); lines with embeddings are left to
    :func:`normalize`."""
    if not has_lone_marks(text):
        return text
    return _apply_to_text(text, "drop_lone_marks", drop_lone_marks, changes, _lone)


def _has_mark(body: str) -> bool:
    return any(mark in body for mark in LONE_MARKS)


def _lone(body: str) -> bool:
    return _has_mark(body) and not has_embeddings(body)


def _apply_to_text(
    text: str,
    name: str,
    fix: Callable[[str], str],
    changes: list[Change],
    wanted: Callable[[str], bool],
) -> str:
    """:func:`_apply` on the lines of a whole text, their endings kept."""
    pieces = split_endings(text)
    bodies = _apply([b for b, _ in pieces], name, fix, changes, wanted)
    return "".join(b + ending for b, (_, ending) in zip(bodies, pieces, strict=True))


def _lay_out(
    text: str, raw: str, diagnosis: Diagnosis, cfg: RepairConfig, changes: list[Change]
) -> str:
    """:func:`_lay_out_plain`, on the text read without its points."""

    split = any(c.fix == "split_columns" for c in changes)

    def stage(plain: str, plain_changes: list[Change]) -> str:
        evidence = unpointed(raw) if plain != text else raw
        return _lay_out_plain(plain, evidence, diagnosis, cfg, plain_changes, split)

    return _unpointed_stage(text, stage, changes)


def _unpointed_stage(
    text: str, stage: Callable[[str, list[Change]], str], changes: list[Change]
) -> str:
    """Run a whole-text stage that moves, joins and parts lines but keeps the order of the
    words inside them (the layout stage, the column split) on the text without its
    points, and put them back (:func:`textrepair.pointed.put_back`, ``in_order``); on
    the text as it is where they cannot be traced."""
    if not has_points(text):
        return stage(text, changes)
    doc = pointed.take_off(text)
    plain_changes: list[Change] = []
    out = pointed.put_back(doc, stage(doc.text, plain_changes), in_order=True)
    if out is None:
        return stage(text, changes)
    lines = text.split("\n")
    for c in plain_changes:
        line = pointed.take_off(lines[c.line - 1]) if 0 < c.line <= len(lines) else doc
        changes.append(_pointed_change(c, line, in_order=line is doc))
    return out


def _lay_out_plain(
    text: str,
    raw: str,
    diagnosis: Diagnosis,
    cfg: RepairConfig,
    changes: list[Change],
    split: bool,
) -> str:
    """The layout stage on the repaired ``text``, told what the input (``raw``) and its
    diagnosis show of the extractor (:func:`boxes_left_first`): whether it writes a page's
    boxes left column first (pdfminer: True). Where it does not (False), mirrored letters
    say it sorts a page's lines across its columns (pdfplumber; ``lines_across``), and
    logical ones that it is pdftotext, which writes a stretched line one word per line
    left to right (``word_runs_visual``), except in ``-layout`` mode, whose side-by-side
    columns were split and whose one-word lines are pieces of them, in order (141 of
    pdftotext's 142 such runs in the fixtures' repairs are a line reversed; ``-raw``
    writes them forward); of other logical text nothing is known, and its runs decide
    (:func:`_word_runs_visual`). Then a letter-visual document's words one space apart.
    Furniture removed is reported.

    Side-by-side columns, once split (``split``), are in reading order whatever else the
    text shows: the extractor laid the page out by position instead of writing its boxes
    in some order (pypdf's layout mode mirrors letters and stretches a justified line's
    spaces, as pdfminer does, but puts the columns side by side), so nothing is turned."""
    letters = diagnosis.regime is Regime.LETTER_VISUAL
    left_first = False if split else boxes_left_first(diagnosis, text, raw)
    laid = layout(
        text,
        reflow=cfg.reflow,
        keep_furniture=cfg.keep_furniture,
        left_first=left_first,
        word_runs_visual=_word_runs_visual(left_first, letters, split),
        lines_across=left_first is False and letters and not split,
    )
    kept = cfg.keep_furniture
    changes.extend(Change(n, k, line, line if kept else "") for n, k, line in laid.removed)
    return _collapse_stretched_spaces(laid.text, diagnosis, changes)


def _word_runs_visual(left_first: bool | None, letters: bool, split: bool) -> bool | None:
    """The layout stage's ``word_runs_visual``: True for pdftotext in its reading-order
    mode, False where the extractor is known otherwise (mirrored letters; ``-layout``'s
    split columns), None where nothing is known of it (PyMuPDF, pypdf, PDFium, pdf.js):
    the document's runs of one-word lines decide."""
    if letters or split:
        return False
    return True if left_first is False else None


# A run of spaces between two words of a line.
_INNER_GAP_RE = re.compile(r"(?<=\S) {2,}(?=\S)")


def _collapse_stretched_spaces(text: str, diagnosis: Diagnosis, changes: list[Change]) -> str:
    """One space between the words of a laid-out letter-visual document.

    An extractor that writes glyph by glyph (pdfminer) writes the stretched spaces of a
    justified line as runs of spaces, and the letter repair keeps them, since the layout
    stage reads them (a justified line is running text, a gap is a column's edge). Once
    the page is laid out they are the page's justification, not the text's: a reader, a
    search index or a second repair (which took such lines for fragments) wants words one
    space apart. Each line changed is reported (line 0: lines of the laid-out text)."""
    if diagnosis.regime is not Regime.LETTER_VISUAL or "  " not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        tidy = _INNER_GAP_RE.sub(" ", line)
        if tidy != line:
            changes.append(Change(0, "collapse_stretched_spaces", line, tidy))
            lines[i] = tidy
    return "\n".join(lines)


def _line_stages(text: str, cfg: RepairConfig, changes: list[Change]) -> tuple[str, Diagnosis]:
    """Normalize, split side-by-side columns (layout only), diagnose and repair each line."""
    pieces = split_endings(text)
    bodies, _ = _lines_unpointed(
        [b for b, _ in pieces], lambda b, ch: (normalize(b, cfg, ch), None), changes
    )
    if cfg.layout:
        pieces = _split_columns(pieces, bodies, changes)
        bodies = [b for b, _ in pieces]
    bodies, diagnosis = repair_lines(bodies, cfg, changes)
    out = "".join(b + ending for b, (_, ending) in zip(bodies, pieces, strict=True))
    return out, diagnosis


def normalize(bodies: list[str], cfg: RepairConfig, changes: list[Change]) -> list[str]:
    """Read and remove an extractor's bidi embeddings (not an author's marks)."""
    if not cfg.resolve_embeddings or cfg.keep_controls:
        return bodies
    if not _extractor_embeddings("\n".join(bodies)):
        return bodies
    whole = paragraph_lines(bodies)

    def fix(line: str) -> str:  # a line longer than a page's is pdftotext's lines joined
        return resolve_embeddings(line, joined=whole or paragraph_line(strip_controls(line)[0]))

    return _apply(bodies, "resolve_embeddings", fix, changes, has_embeddings)


def repair_lines(
    bodies: list[str], cfg: RepairConfig, changes: list[Change]
) -> tuple[list[str], Diagnosis]:
    """Diagnose the document, then repair each line by its regime; line count kept.
    Pointed text is repaired as the same text unpointed (:func:`_lines_unpointed`)."""
    return _lines_unpointed(bodies, partial(_repair_lines, cfg=cfg), changes)


Out = TypeVar("Out")


def _lines_unpointed(
    bodies: list[str],
    stage: Callable[[list[str], list[Change]], tuple[list[str], Out]],
    changes: list[Change],
) -> tuple[list[str], Out]:
    """Run a stage that keeps the line count on the lines without their points, and put
    each line's points back on its letters (:mod:`textrepair.pointed`); where a line's
    cannot be traced, run it on the lines as they are."""
    text = "\n".join(bodies)
    if not has_points(text):
        return stage(bodies, changes)
    before = pointed.points_before(text)
    stripped = [pointed.take_off(b, before) for b in bodies]
    plain_changes: list[Change] = []
    plain, extra = stage([s.text for s in stripped], plain_changes)
    out = [pointed.put_back(s, b) for s, b in zip(stripped, plain, strict=True)]
    if None in out:
        return stage(bodies, changes)
    changes.extend(_pointed_change(c, stripped[c.line - 1]) for c in plain_changes)
    return [b for b in out if b is not None], extra


def _pointed_change(change: Change, line: pointed.Stripped, in_order: bool = False) -> Change:
    """A change to an unpointed line, told with the line's points (where they trace;
    ``in_order``: ``line`` is the whole text, in order)."""
    before = pointed.put_back(line, change.before, False, in_order) or change.before
    after = pointed.put_back(line, change.after, False, in_order) or change.after
    return change._replace(before=before, after=after)


def _repair_lines(
    bodies: list[str], changes: list[Change], cfg: RepairConfig
) -> tuple[list[str], Diagnosis]:
    """:func:`repair_lines` on the lines as they are, points and all."""
    held = _lines_with_controls(bodies) if cfg.keep_controls else frozenset()
    evidence = [b for i, b in enumerate(bodies) if i not in held]
    if has_points("\n".join(evidence)):  # points tell nothing of order: read without them
        evidence = [unpointed(b) for b in evidence]
    diagnosis = diagnose(evidence, cfg.assume)
    done = set(held)
    # Lines that are paragraphs: every line of a text of paragraphs, else those longer than
    # a page's line (points take no room on the page). No stage reads them end to end.
    everything = frozenset(range(len(bodies)))
    long = everything if diagnosis.paragraph_lines else _paragraph_lines(bodies)
    if diagnosis.regime is Regime.LETTER_VISUAL and cfg.letters_to_logical:
        done.update(i for i, b in enumerate(bodies) if has_hebrew(b))
        bodies = _repair_letters(bodies, held, changes, long)
    logical = diagnosis.regime is Regime.LOGICAL
    # (a paragraph's chunks are those of the lines joined in it, which it cannot tell)
    chunked = diagnosis.visual and not (diagnosis.cut_runs or diagnosis.paragraph_lines)
    if logical and cfg.reverse_stretched and not diagnosis.paragraph_lines:
        bodies = _repair_stretched(bodies, done, changes, long, not diagnosis.forced)
    if logical and cfg.fix_seams:
        bodies = _repair_seams(bodies, done, changes, long)
    elif chunked and cfg.fix_seams:
        bodies = _repair_chunks(bodies, done, changes, long)
    bodies = _repair_fragments(bodies, diagnosis, cfg, done, changes, long)
    if cfg.fix_seams:
        bodies = _repair_marks(bodies, held, changes)
    return bodies, diagnosis


def _repair_letters(
    bodies: list[str], held: frozenset[int], changes: list[Change], long: frozenset[int]
) -> list[str]:
    """The letter-visual lines in logical order: each as one visual line, or run by run
    where the document writes its lines' direction runs in reading order (mutool). A
    line that is a paragraph (in ``long``) is turned page line by page line where its
    spaces show them (:func:`~textrepair.letters.joined_page_lines`)."""
    letters = {i for i, b in enumerate(bodies) if _is_letter_line(b)}
    lines = [bodies[i] for i in sorted(letters - held)]
    marks_after = marks_kept_after("\n".join(lines))  # a short line may not show it
    turn = partial(runs_to_logical, in_order=runs_in_reading_order(lines), marks_after=marks_after)

    def by_page_lines(body: str) -> str:
        core = body.strip(" ")
        lead = body[: len(body) - len(body.lstrip(" "))]
        parts = joined_page_lines(core)
        return lead + " ".join(map(turn, parts)) + body[len(lead) + len(core) :]

    others = frozenset(range(len(bodies))) - letters
    bodies = _apply(bodies, "letters_to_logical", turn, changes, bool, others | long)
    if not long:
        return bodies
    rest = frozenset(range(len(bodies))) - long
    return _apply(bodies, "letters_to_logical", by_page_lines, changes, bool, others | rest)


def _repair_marks(bodies: list[str], held: frozenset[int], changes: list[Change]) -> list[str]:
    """A number's marks on its far side and brackets mirrored on their own, once more at
    the end and in any regime. The seam fixes of a logical document mend them first
    (PDFium writes them); but no reading of a line has them, and a visual document's
    line read wrong, or left as it was, can end with them: a second repair, which may
    find the document logical, would mend them then, so mending them last keeps the
    repair idempotent. Only where they recur as seams do (twice, and once per 100
    Hebrew lines: :attr:`~textrepair.seams.SeamEvidence.broken`)."""
    hebrew = [i for i, b in enumerate(bodies) if has_hebrew(b)]
    counts = {i: n for i in hebrew if i not in held and (n := mark_count(bodies[i]))}
    if not recurs(sum(counts.values()), len(hebrew)):
        return bodies
    others = frozenset(range(len(bodies))) - counts.keys()
    return _apply_seam_fixes(bodies, MARK_FIXES, changes, bool, others)


def _repair_seams(
    bodies: list[str], done: set[int], changes: list[Change], long: frozenset[int]
) -> list[str]:
    """Direction seams of a logical-order extraction (pypdf, PyMuPDF, PDFium), where the
    document shows them; each seam fix is reported on its own. Lines that are whole
    paragraphs (``long``) get only the fixes that act inside them and the paragraph forms
    of the others (:func:`~textrepair.seams.paragraph_fixes`)."""
    evidence = seam_evidence([b for i, b in enumerate(bodies) if i not in done])
    if not evidence.broken:
        return bodies
    fixes = _fixes_for(evidence)
    rest = frozenset(range(len(bodies))) - long
    if rest:
        bodies = _apply_seam_fixes(bodies, fixes, changes, has_hebrew, done | long)
    if long:
        bodies = _apply_seam_fixes(bodies, paragraph_fixes(fixes), changes, has_hebrew, done | rest)
    return bodies


def _paragraph_lines(bodies: list[str]) -> frozenset[int]:
    """The lines longer than a page's (:func:`~textrepair.diagnose.paragraph_line`; points
    take no room on the page)."""
    return frozenset(i for i, b in enumerate(bodies) if paragraph_line(unpointed(b)))


def _repair_stretched(
    bodies: list[str],
    done: set[int],
    changes: list[Change],
    long: frozenset[int] = frozenset(),
    unmarked_too: bool = False,
) -> list[str]:
    """Lines an extractor wrote word-reversed where justification stretched them (pdf.js),
    in a logical-order document that shows one of its marks, as many as the word model
    says (:mod:`textrepair.stretched`); with ``unmarked_too`` (the regime was not forced)
    also in a page's lines without a mark, where the word model says so clearly. A line
    that is a paragraph (in ``long``) is never turned.

    Where the mark is a sentence mark written as an item of its own (WeasyPrint), the
    other Hebrew lines are in piece order, their pieces written left to right: each is
    read back by :func:`~textrepair.seams.reverse_pieces` and added to ``done``, out of
    the seam fixes' way. (pdf.js writes the mark's item one space from the piece before
    it, ``ומשמש ,של``, where pypdf glues it, ``ומשמש,של``, which is what
    :attr:`~textrepair.seams.SeamEvidence.order` counts: without this, the seam fixes
    read pdf.js's lines in run order, and 10 extractions of WeasyPrint PDFs kept a mean
    word error rate of 0.221, 0.082 with it.)"""
    model = WordModel.default()
    in_pieces = stretched.parts_marks(bodies) and stretched.pieces_read_better(bodies, model)
    marked = in_pieces or stretched.glues_runs(bodies)
    if not (marked or (unmarked_too and stretched.page_shaped(bodies))):
        return bodies
    turned = stretched.stretched_lines(bodies, model, pieces=in_pieces, marked=marked)
    skip = frozenset(range(len(bodies))) - set(turned) | done | long
    turn = partial(stretched.unstretch, pieces=in_pieces)
    bodies = _apply(bodies, "reverse_stretched_line", turn, changes, bool, skip)
    if not marked:
        return bodies
    if in_pieces:
        read = {i for i, b in enumerate(bodies) if has_hebrew(b)} - set(turned) - done
        others = frozenset(range(len(bodies))) - read
        fix = partial(reverse_pieces, zipf=model.zipf)
        bodies = _apply(bodies, "reverse_pieces", fix, changes, bool, others)
        done.update(read)
    tails = partial(stretched.tails_to_end, zipf=model.zipf)
    return _apply(bodies, "tails_to_end", tails, changes, has_hebrew, done)


# A number glued to a Hebrew letter: runs written with no space between them (PDFBox).
_GLUED_NUMBER_RE = re.compile(f"[{HEBREW_LETTER}][0-9]|[0-9][{HEBREW_LETTER}]")


def _repair_chunks(
    bodies: list[str], done: set[int], changes: list[Change], long: frozenset[int]
) -> list[str]:
    """Mixed lines of an extractor that displays each chunk on its own (PDFBox): where, in
    a fragment-visual document, numbers glued to Hebrew letters recur among the lines
    with a number or Latin run, each of those lines is read back through its chunks
    (:mod:`textrepair.chunks`), and no later stage reorders it. Of the fixtures and the
    held-out set, the glue recurs in 19 of PDFBox's 20 extractions of LibreOffice PDFs
    and in no other extractor's. (It replaces the seam fixes of visual run order that
    such lines went through before 2026-12-06's sixth session.) A line that is a paragraph
    (in ``long``) is left: its chunks are those of the page lines joined in it."""
    mixed = [i for i in chunks.mixed_lines(bodies) if i not in done and i not in long]
    glued = sum(1 for i in mixed if _GLUED_NUMBER_RE.search(bodies[i]))
    if not recurs(glued, len(mixed)):
        return bodies
    model = WordModel.default()
    fix = partial(chunks.chunks_to_logical, model=model)
    skip = frozenset(range(len(bodies))) - set(mixed)
    bodies = _apply(bodies, "chunks_to_logical", fix, changes, bool, skip)
    done.update(mixed)
    return bodies


def _fixes_for(evidence: SeamEvidence) -> list[tuple[str, Fix]]:
    """The seam fixes, in their order, for what the document's evidence shows."""
    return seam_fixes(
        evidence.order,
        dash_runs=evidence.dash_runs,
        hyphen_runs=evidence.hyphen_runs,
        mirrored_quotes=evidence.mirrored_quotes,
    )


def _apply_seam_fixes(
    bodies: list[str],
    fixes: list[tuple[str, Fix]],
    changes: list[Change],
    wanted: Callable[[str], bool],
    skip: set[int] | frozenset[int],
) -> list[str]:
    """Run seam fixes (``(line, zipf) -> line``) in turn, each reported on its own."""
    zipf = WordModel.default().zipf
    for name, fix in fixes:
        bodies = _apply(bodies, name, lambda b, fix=fix: fix(b, zipf), changes, wanted, skip)
    return bodies


def _split_columns(
    pieces: list[tuple[str, str]], bodies: list[str], changes: list[Change]
) -> list[tuple[str, str]]:
    """Side-by-side columns one after another, before line repair can mix their words."""
    text = "".join(b + ending for b, (_, ending) in zip(bodies, pieces, strict=True))
    split = _unpointed_stage(text, lambda t, _: split_columns(t), changes)
    if split != text:
        changes.append(Change(0, "split_columns", "", ""))
    return split_endings(split)


def _extractor_embeddings(text: str) -> bool:
    """True when the text's embeddings are an extractor's (pdftotext's), not an author's."""
    if not has_embeddings(text):
        return False
    evidence = control_evidence(text)
    return evidence.logical_embedding or evidence.visual_word_embedding


def _lines_with_controls(bodies: list[str]) -> frozenset[int]:
    return frozenset(i for i, b in enumerate(bodies) if has_controls(b))


def _apply(
    bodies: list[str],
    name: str,
    fix: Callable[[str], str],
    changes: list[Change],
    wanted: Callable[[str], bool],
    skip: set[int] | frozenset[int] = frozenset(),
) -> list[str]:
    """Run a whole-line fix on every line it is ``wanted`` for, recording each change."""
    out = []
    for i, body in enumerate(bodies):
        if i not in skip and wanted(body):
            new = fix(body)
            if new != body:
                changes.append(Change(i + 1, name, body, new))
                body = new
        out.append(body)
    return out


def _repair_fragments(
    bodies: list[str],
    diagnosis: Diagnosis,
    cfg: RepairConfig,
    done: set[int],
    changes: list[Change],
    long: frozenset[int],
) -> list[str]:
    """Fragment order and token fixes, line by line, each with its neighbours' words or
    the edge of its paragraph. Lines that are whole paragraphs keep their order: the
    fragments of the page's lines joined in them cannot be told apart (token fixes
    inside a word still apply); so does a line longer than a page's in a text of page
    lines (``long``: :func:`~textrepair.diagnose.paragraph_line`)."""
    whole = cfg._replace(reorder_fragments=False, token_surgery=False)
    model = WordModel.default()
    if diagnosis.visual:
        model = model.adapted(_probably_logical(bodies))
    out: list[str] = []
    ends = paragraph_ends(bodies)
    for i, body in enumerate(bodies):
        new = body
        if i not in done and may_change(body, diagnosis.visual):
            before = after = None
            if may_reorder(body, diagnosis.visual):  # only reordering reads the context
                before = _previous_word(out, ends)
                after = _next_word(bodies, i + 1, diagnosis.cut_runs, ends(i))
            ctx = LineContext(
                model,
                whole if i in long else cfg,
                diagnosis.visual,
                diagnosis.narrow_first,
                before,
                after,
                diagnosis.cut_runs,
                diagnosis.stretch_in_order,
                diagnosis.words_reversed,
                diagnosis.gaps_in_order,
                diagnosis.pieces_visual,
            )
            new, steps = repair_line(body, ctx)
            changes.extend(Change(i + 1, name, b, a) for name, b, a in steps)
        out.append(new)
    return out


def _previous_word(out: list[str], ends: Callable[[int], bool]) -> str | None:
    """What a reader met before the line after ``out``: the paragraph's edge, or the last
    word of the (repaired) line before (none known across a blank line that parts no
    paragraphs)."""
    k = len(out) - 1
    while k >= 0 and not out[k].strip():
        k -= 1
    if k < 0 or ends(k):
        return PARAGRAPH
    if k < len(out) - 1 or not has_hebrew(out[k]):
        return None
    return out[k].split()[-1]


def _next_word(bodies: list[str], i: int, cut_runs: bool, end: bool) -> str | None:
    """What a reader meets after the line before ``bodies[i]``: the paragraph's end, or
    the next line's first word (none known across a blank line)."""
    if end:
        return PARAGRAPH
    if i == len(bodies) or not bodies[i].strip():
        return None
    return _first_reading_word(bodies[i], cut_runs)


def _is_letter_line(body: str) -> bool:
    """A Hebrew line of a letter-visual document, unless its own finals say logical."""
    return has_hebrew(body) and not line_reads_logical(body)


def boxes_left_first(diagnosis: Diagnosis, text: str, raw: str) -> bool | None:
    """What the text tells of the extractor's order of text boxes (the layout stage's
    ``left_first``); ``text`` is the repaired text, ``raw`` the input.

    Mirrored letters come from an extractor that reads glyphs in drawn order: pdfminer,
    which places text by its position on the page and writes boxes left to right, shows
    it by a justified line's stretched word spaces (True); mutool, which reads a page in
    order, and pdfplumber, which writes no boxes, do not (False: never turn a page; on
    pdfminer's output of ragged, unjustified columns this misses the turn). Lines wrapped
    whole in right-to-left embeddings are pdftotext's, which orders a page's blocks for
    a right-to-left reader itself (False: a WeasyPrint page whose columns it read right
    first was turned on word-model evidence alone). Other logical text tells nothing
    (None).
    """
    if diagnosis.regime is not Regime.LETTER_VISUAL:
        return False if _extractor_reading_order(raw) else None
    return stretches_spaces(text)


def _extractor_reading_order(text: str) -> bool:
    """True when the text's embeddings are pdftotext's reading order (whole lines wrapped
    right to left), not ``-raw``'s words in visual order: its first
    :data:`_ORDER_SAMPLE_LINES` lines tell (an extractor wraps every line alike)."""
    if not has_embeddings(text):
        return False
    head = "\n".join(text.split("\n", _ORDER_SAMPLE_LINES)[:_ORDER_SAMPLE_LINES])
    return control_evidence(head).logical_embedding


_ORDER_SAMPLE_LINES = 60


def repair(text: str, config: RepairConfig | None = None) -> str:
    """Repair ``text``: the logical-order Hebrew a reader sees on the page."""
    return repair_and_explain(text, config).text
