"""Long documents: one extractor's output of several articles, repaired as one text.

Run from the repository root::

    python -m benchmarks.books_eval                      # the committed fixtures
    python -m benchmarks.books_eval --fixtures DIR       # another lab (make.py --held-out)

Every fixture of ``benchmarks/corpus/fixtures`` is a document of one to three pages. What
users feed the tool is often longer: a thesis, a journal issue, a bundle of merged PDFs.
A "book" here is one producer x extractor's extractions of every source, one after
another, joined as that extractor joins pages (a form feed where it writes them, else
nothing), each document keeping its own page numbers. It is repaired whole (layout on,
as ``textrepair fix`` does) and, for comparison, one document at a time. A rule that
reads the whole text as one page (a title moved from the last page to the first, the
first page moved after the last) or that needs page numbers to rise through the whole
text shows up as a book repaired worse whole than in pieces.

Prints the mean WER both ways and the books where whole is worse by more than
``--margin``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from statistics import fmean

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textrepair
from benchmarks.metrics import wer
from benchmarks.quality import FIXTURES

CONFIG = textrepair.RepairConfig(layout=True)


def books(root: Path) -> dict[str, list[tuple[str, str]]]:
    """``producer__extractor`` -> [(source, extraction)] over the sources under ``root``."""
    out: dict[str, list[tuple[str, str]]] = {}
    for folder in sorted(p for p in root.iterdir() if (p / "source.txt").is_file()):
        source = (folder / "source.txt").read_text(encoding="utf-8")
        for path in sorted(folder.glob("*__*.txt")):
            text = path.read_text(encoding="utf-8")
            out.setdefault(path.stem, []).append((source, text))
    return out


def _ended(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def score(docs: list[tuple[str, str]]) -> tuple[float, float]:
    """(WER repaired whole, WER repaired one document at a time) of one book."""
    reference = "\n".join(source for source, _ in docs)
    joiner = "\f" if any("\f" in text for _, text in docs) else ""
    whole = textrepair.repair(joiner.join(_ended(text) for _, text in docs), CONFIG)
    apart = "\n".join(textrepair.repair(_ended(text), CONFIG) for _, text in docs)
    return wer(reference, whole), wer(reference, apart)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="lab folder")
    parser.add_argument("--margin", type=float, default=0.01, help="WER worse whole to list")
    args = parser.parse_args(argv)
    found = books(args.fixtures)
    if not found:
        parser.error(f"no fixtures under {args.fixtures}")
    scores = {name: score(docs) for name, docs in sorted(found.items())}
    worse = [(n, w, a) for n, (w, a) in scores.items() if w > a + args.margin]
    print(f"{len(scores)} books of {fmean(len(d) for d in found.values()):.1f} documents")
    print(f"mean WER repaired whole {fmean(w for w, _ in scores.values()):.4f}, ", end="")
    print(f"one document at a time {fmean(a for _, a in scores.values()):.4f}")
    print(f"worse whole by more than {args.margin}: {len(worse)}")
    for name, w, a in sorted(worse, key=lambda r: r[2] - r[1]):
        print(f"  {name}: {w:.3f} whole, {a:.3f} apart")
    return 0


if __name__ == "__main__":
    sys.exit(main())
