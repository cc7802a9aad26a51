"""Pages as pdfminer writes them, on text the word model never counted.

Run from the repository root::

    python -m benchmarks.columns_eval              # 80 documents per case
    python -m benchmarks.columns_eval --docs 200

pdfminer writes a two-column right-to-left page *left column first*; the layout stage
turns such a page back (:func:`textrepair.layout._unrotate_columns`) from the evidence of
the text alone. This measures both sides of that decision with the simulator
``tests/damage.pdfminer_pages`` on consecutive paragraphs of held-out text (the clean
seeds and the 001/002 gold, ``tests/surgery_damage.HELDOUT``):

* two columns, left first: documents that come back entirely in order, and mean WER;
* one column (narrow 38-64 characters, and wide 70-100): documents left in order, whole
  texts and texts cut off at a line inside a paragraph (what a per-page extraction gives).

Pages hold 18-40 rows a column whatever their width, or (``page-shaped``) as many as the
width gives on a real page: there a full page of two columns holds more rows per
character of width than one column can (:func:`textrepair.layout._tall`).
  A one-column page turned is damage done to a text that needed nothing.

The layout stage is called with ``left_first=True``, as ``repair`` calls it on pdfminer's
output (its letters come out mirrored: the document is diagnosed letter-visual).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.heldout import damage, heldout_texts
from benchmarks.metrics import wer
from textrepair import layout

Case = Callable[[random.Random], tuple[str, str]]  # -> (extraction, reference text)


def case(
    columns: bool,
    lo: int,
    hi: int,
    cut: bool,
    texts: list[list[str]],
    shaped: bool = False,
    right_first: bool = False,
) -> Case:
    """A document maker: 6-14 consecutive paragraphs (3-10 when ``cut``) at a width in
    ``lo..hi``, pages of 18-40 rows a column; ``cut`` ends the text after a full line of
    its last paragraph. ``shaped``: the rows follow from the width as on a real page (A4,
    Letter, a book page): one column holds 0.45-0.75 rows per character of line width, a
    column of two, half as wide and as tall, 0.95-1.6. ``right_first``: two columns
    written in reading order with single spaces, as an OCR engine writes them."""

    def make(rng: random.Random) -> tuple[str, str]:
        while True:
            src = rng.choice(texts)
            count = rng.randint(3, 10) if cut else rng.randint(6, 14)
            start = rng.randrange(max(1, len(src) - count))
            paragraphs = list(src[start : start + count])
            width, height = rng.randint(lo, hi), rng.randint(18, 40)
            if shaped:
                per_width = rng.uniform(0.95, 1.6) if columns else rng.uniform(0.45, 0.75)
                height = round(width * per_width)
            if cut:
                lines = damage.justify(paragraphs[-1], width)
                if len(lines) < 3:
                    continue
                paragraphs[-1] = " ".join(lines[: rng.randint(1, len(lines) - 2)])
            if right_first:
                text = damage.pdfminer_pages(
                    paragraphs, width, height, rng, True, space_run=1, left_first=False
                )
            else:
                text = damage.pdfminer_pages(paragraphs, width, height, rng, columns=columns)
            return text, " ".join(paragraphs)

    return make


def run(make: Case, docs: int, seed: int, left_first: bool | None = True) -> tuple[int, float]:
    """(documents in order, mean WER) of the layout stage on ``docs`` documents, told
    ``left_first`` as ``repair`` tells it: True for pdfminer's mirrored letters, None
    for logical text of an unknown extractor."""
    rng = random.Random(seed)
    in_order, total = 0, 0.0
    for _ in range(docs):
        text, reference = make(rng)
        out = layout(text, left_first=left_first).text
        in_order += out.split() == reference.split()
        total += wer(reference, out)
    return in_order, total / docs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=80, help="documents per case")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    texts = heldout_texts(min_words=15)
    cases = [
        ("two columns, left first, 38-60", case(True, 38, 60, False, texts)),
        ("two columns, left first, 38-60, page-shaped", case(True, 38, 60, False, texts, True)),
        ("one column, 38-64", case(False, 38, 64, False, texts)),
        ("one column, 70-100", case(False, 70, 100, False, texts)),
        ("one column, 38-64, cut off", case(False, 38, 64, True, texts)),
        ("one column, 70-100, cut off", case(False, 70, 100, True, texts)),
        ("one column, 38-64, page-shaped", case(False, 38, 64, False, texts, True)),
        ("one column, 38-64, page-shaped, cut off", case(False, 38, 64, True, texts, True)),
    ]
    in_order = [  # logical text: the extractor is not known to write left first
        ("two columns, right first (OCR), 26-40", case(True, 26, 40, False, texts, False, True)),
        ("two columns, right first (OCR), 38-60", case(True, 38, 60, False, texts, False, True)),
    ]
    print("| pdfminer pages (held-out text) | in order | mean WER |")
    print("|---|---:|---:|")
    for label, make in cases:
        ok, mean = run(make, args.docs, args.seed)
        print(f"| {label} | {ok}/{args.docs} | {mean:.3f} |")
    for label, make in in_order:
        ok, mean = run(make, args.docs, args.seed, left_first=None)
        print(f"| {label} | {ok}/{args.docs} | {mean:.3f} |")


if __name__ == "__main__":
    main()
