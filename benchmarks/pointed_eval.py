"""Pointed text (niqqud) against the same text unpointed, under the same damage.

Run from the repository root::

    python -m benchmarks.pointed_eval            # 30 documents per case
    python -m benchmarks.pointed_eval --docs 100

Each document is consecutive corpus paragraphs (``shared/corpus``), its own points taken
off; the pointed copy carries points on every letter (``tests/damage.pointed``: which
points does not matter). Both are damaged alike and repaired; the word error rate is
scored on the words without their points, and a pointed document counts as *kept* when
its repair is the unpointed repair with the same points, letter for letter. Cases:

* fragments in visual order, with numbers, brackets and mirrored short words
  (``damage.EVERYTHING``), lines only;
* every line mirrored letter by letter as pdfminer writes it (each point after its
  letter), lines only;
* pdfminer's justified pages in two columns, left column first, letters mirrored, with
  the layout stage;
* logical-order extractions, each document with one extractor's damage (PDFium's marks,
  mutool's runs, PDFBox's chunks, pdf.js's glued and stretched lines, WeasyPrint's
  pieces and stretched lines), lines only.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bidi import get_display

import textrepair
from benchmarks.heldout import damage
from benchmarks.metrics import wer
from textrepair.tokens import unpointed

LINES = textrepair.RepairConfig()
LAYOUT = textrepair.RepairConfig(layout=True)


def _mirrored(text: str) -> str:
    return "\n".join(get_display(x, base_dir="R") if x.strip() else x for x in text.split("\n"))


def _fragments(paragraphs: list[str], rng: random.Random) -> tuple[str, str]:
    wrapped = [damage.wrap(p, rng) for p in paragraphs]
    doc = damage.simulate_document(wrapped, rng, damage.EVERYTHING)
    return doc.text, "\n".join(line for p in wrapped for line in p)


def _letters(paragraphs: list[str], rng: random.Random) -> tuple[str, str]:
    logical = "\n".join(line for p in paragraphs for line in damage.wrap(p, rng)) + "\n"
    return _mirrored(logical), logical


def _pages(paragraphs: list[str], rng: random.Random) -> tuple[str, str]:
    width, height = rng.randint(38, 60), rng.randint(20, 35)
    pages = damage.pdfminer_pages(paragraphs, width, height, rng, columns=True)
    return _mirrored(pages), "\n".join(paragraphs)


def _seams(paragraphs: list[str], rng: random.Random) -> tuple[str, str]:
    logical = [line for p in paragraphs for line in damage.wrap(p, rng)]
    damaged = getattr(damage, rng.choice(damage.LOGICAL_EXTRACTORS))
    return "\n".join(map(damaged, logical)) + "\n", "\n".join(logical)


Make = Callable[[list[str], random.Random], tuple[str, str]]
CASES: dict[str, tuple[Make, textrepair.RepairConfig]] = {
    "fragments, numbers, brackets, mirrored words (lines)": (_fragments, LINES),
    "letter-visual lines, points after their letters (lines)": (_letters, LINES),
    "pdfminer two-column pages (layout)": (_pages, LAYOUT),
    "logical-order extractions: seams, stretched lines, chunks (lines)": (_seams, LINES),
}


def run(docs: int, seed: int) -> list[tuple[str, float, float, float, int]]:
    """Per case: (name, WER raw, WER unpointed, WER pointed, documents kept)."""
    paragraphs = [unpointed(p) for p in damage.corpus_paragraphs()]
    rows = []
    for name, (make, config) in CASES.items():
        rng = random.Random(seed)
        raw = plain = marked = 0.0
        kept = 0
        for _ in range(docs):
            start = rng.randrange(len(paragraphs))
            chosen = [paragraphs[(start + i) % len(paragraphs)] for i in range(rng.randint(4, 12))]
            text, reference = make(chosen, rng)
            out_plain = textrepair.repair(text, config)
            out_pointed = textrepair.repair(damage.pointed(text), config)
            raw += wer(reference, text)
            plain += wer(reference, out_plain)
            marked += wer(reference, unpointed(out_pointed))
            kept += out_pointed == damage.pointed(out_plain)
        rows.append((name, raw / docs, plain / docs, marked / docs, kept))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=30, help="documents per case")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    print("| damage | WER raw | WER repaired, unpointed | WER repaired, pointed | pointed kept |")
    print("|---|---:|---:|---:|---:|")
    for name, raw, plain, marked, kept in run(args.docs, args.seed):
        print(f"| {name} | {raw:.3f} | {plain:.3f} | {marked:.3f} | {kept}/{args.docs} |")


if __name__ == "__main__":
    main()
