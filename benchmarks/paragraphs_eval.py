"""Text reflowed into paragraphs before it reaches the repair (pymupdf4llm and its kind).

Run from the repository root::

    python -m benchmarks.paragraphs_eval                   # the committed fixtures
    python -m benchmarks.paragraphs_eval --lines 0         # joined paragraph by paragraph
    python -m benchmarks.paragraphs_eval --fixtures DIR    # another lab, laid out the same

Many pipelines do not hand over a page's lines: pymupdf4llm, the PDF reader of many RAG
stacks, joins PyMuPDF's lines into paragraphs (Markdown). The damage stays that of the
extractor's lines (a line's end mark at its start, its runs in visual order), but each
line's end is gone, so the line repairs that carry text from one end of a line to the
other would carry it across a whole paragraph. Here each logical-order extraction of the
committed fixtures (pypdf, PyMuPDF, PDFium, pdf.js, PDFBox, pdftotext) has its lines
joined, ``--lines`` at a time (or, with 0, the lines of each paragraph of the source,
as pymupdf4llm joins a block's lines), into one line each, and is repaired (layout on, as
``textrepair fix`` does). The repair must never leave such text worse than it came:
the table gives the mean WER of the joined text as it came and repaired, per extractor,
and the files repaired worse.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from statistics import fmean

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textrepair
from benchmarks.metrics import wer
from benchmarks.quality import FIXTURES

CONFIG = textrepair.RepairConfig(layout=True)
EXTRACTORS = ("pypdf", "pymupdf", "pdfium", "pdfjs", "pdfbox", "pdftotext")


# The running header and footer the fixtures' producers set ("רבעון הטקסט העברי | גיליון 7
# | מרץ 2026", "עמוד N מתוך M"): blocks of their own to pymupdf4llm, never joined to the
# text, and not in the source; a line made of their words (and numbers and bars) is left
# out here, so that the measure is the paragraphs' text alone.
_FURNITURE_WORDS = frozenset(["רבעון", "הטקסט", "העברי", "גיליון", "מרץ", "עמוד", "מתוך", ""])


def _furniture(line: str) -> bool:
    words = {w.strip("|0123456789") for w in line.split()}
    return bool(words) and words <= _FURNITURE_WORDS


def join_lines(text: str, size: int) -> str:
    """``text`` with each ``size`` consecutive non-blank lines joined by a space (a blank
    line, a page break or a header or footer line, left out, ends a paragraph early)."""
    out: list[str] = []
    block: list[str] = []
    for line in text.replace("\f", "\n\n").splitlines():
        furniture = _furniture(line)
        if line.strip() and not furniture:
            block.append(line.strip())
        if block and (furniture or not line.strip() or len(block) == size):
            out.append(" ".join(block))
            block = []
    if block:
        out.append(" ".join(block))
    return "\n".join(out) + "\n"


def _paragraph_of(line: str, paragraphs: list[Counter[str]]) -> int:
    """The source paragraph that shares the most words with ``line`` (the first of ties)."""
    words = Counter(line.split())
    return max(range(len(paragraphs)), key=lambda i: sum((words & paragraphs[i]).values()))


def join_paragraphs(text: str, source: str) -> str:
    """``text`` with the lines of each paragraph of ``source`` joined by a space, as a reader
    that joins an extractor's text blocks (pymupdf4llm: one block a paragraph) writes it:
    consecutive lines whose words are most those of one source paragraph make one line (a
    page break, a blank line or a header or footer line between them, left out, ends it)."""
    paragraphs = [Counter(p.split()) for p in source.splitlines() if p.strip()]
    out: list[str] = []
    block: list[str] = []
    current = -1
    for line in text.replace("\f", "\n\n").splitlines():
        if not line.strip() or _furniture(line):
            if block:
                out.append(" ".join(block))
            block, current = [], -1
            continue
        k = _paragraph_of(line, paragraphs)
        if block and k != current:
            out.append(" ".join(block))
            block = []
        block.append(line.strip())
        current = k
    if block:
        out.append(" ".join(block))
    return "\n".join(out) + "\n"


def evaluate(root: Path, size: int) -> dict[str, list[tuple[float, float, str]]]:
    """Extractor -> [(WER as joined, WER repaired, fixture name)]; ``size`` 0 joins the
    lines of each source paragraph (:func:`join_paragraphs`)."""
    rows: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for path in sorted(root.glob("*/*__*.txt")):
        extractor = path.stem.split("__")[1]
        if extractor not in EXTRACTORS:
            continue
        source = (path.parent / "source.txt").read_text(encoding="utf-8")
        raw = path.read_text(encoding="utf-8")
        joined = join_paragraphs(raw, source) if size == 0 else join_lines(raw, size)
        repaired = textrepair.repair(joined, CONFIG)
        name = f"{path.parent.name}/{path.stem}"
        rows[extractor].append((wer(source, joined), wer(source, repaired), name))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument(
        "--lines", type=int, default=6, help="lines joined into one (0: each source paragraph's)"
    )
    parser.add_argument("--margin", type=float, default=0.005, help="worse by more than this")
    args = parser.parse_args(argv)
    rows = evaluate(args.fixtures, args.lines)
    what = f"{args.lines} at a time" if args.lines else "paragraph by paragraph"
    print(f"Lines joined {what}.\n")
    print("| extractor | files | WER as joined | WER repaired | repaired worse |")
    print("| --- | ---: | ---: | ---: | ---: |")
    worse = []
    for extractor, items in sorted(rows.items()):
        bad = [r for r in items if r[1] > r[0] + args.margin]
        worse.extend(bad)
        print(
            f"| {extractor} | {len(items)} | {fmean(r[0] for r in items):.4f} "
            f"| {fmean(r[1] for r in items):.4f} | {len(bad)} |"
        )
    everything = [r for items in rows.values() for r in items]
    print(
        f"| all | {len(everything)} | {fmean(r[0] for r in everything):.4f} "
        f"| {fmean(r[1] for r in everything):.4f} | {len(worse)} |"
    )
    for before, after, name in sorted(worse, key=lambda r: r[0] - r[1]):
        print(f"  worse: {name} {before:.3f} -> {after:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
