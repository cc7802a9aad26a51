"""Two-column pages as pdfplumber reads them across, on text the word model never counted.

Run from the repository root::

    python -m benchmarks.across_eval              # 80 documents per case
    python -m benchmarks.across_eval --docs 200

pdfplumber sorts a page's lines by height: a line of each column at the same height
comes out as one line, the rest one by one in turn. The layout stage reads such pages
back right column first (:func:`textrepair.layout._read_across`). A text of several
pages joined with nothing between them (each page's text after the last, no page
number) is first parted where its pages meet (:func:`textrepair.layout._page_breaks`).
This measures both on consecutive paragraphs of held-out text
(``tests/damage.pages_read_across``): 2-4 pages of 26-44 characters a column and
0.95-1.4 rows per character, columns on level or offset baselines, each page filled
right column first; and 5-15 pages of 40-80 paragraphs, the held-out texts one after
another. For each way of joining the pages (form feeds, nothing): documents that come
back within 3% WER and the mean WER; and one-page documents, which the page breaks must
leave alone.

The layout stage is called with ``lines_across=True``, as ``repair`` calls it on
pdfplumber's output (mirrored letters with no stretched spaces).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.heldout import damage, heldout_texts
from benchmarks.metrics import wer
from textrepair import layout

WITHIN = 0.03


def document(rng: random.Random, texts: list[list[str]], pages: range) -> tuple[list, str]:
    """(pages of rows, reference text) of 8-16 consecutive held-out paragraphs (of
    40-80, the texts one after another, for more than four pages) whose page count is in
    ``pages``."""
    many = pages.start > 4
    every = [p for text in texts for p in text]
    while True:
        src = every if many else rng.choice(texts)
        start = rng.randrange(max(1, len(src) - (60 if many else 12)))
        paragraphs = src[start : start + (rng.randint(40, 80) if many else rng.randint(8, 16))]
        width = rng.randint(26, 44)
        lines = damage.column_lines(paragraphs, width)
        height = round(width * rng.uniform(0.95, 1.4))
        rows = damage.pages_read_across(lines, height, rng.randint(0, 1))
        if len(rows) in pages:
            return rows, "\n".join(t for t, _ in lines)


def run(docs: int, seed: int, pages: range, joiner: str) -> tuple[int, float]:
    """(documents within 3% WER, mean WER) of ``docs`` documents joined by ``joiner``."""
    rng = random.Random(seed)
    texts = heldout_texts(min_words=15)
    within, total = 0, 0.0
    for _ in range(docs):
        rows, reference = document(rng, texts, pages)
        text = joiner.join("\n".join(page) + "\n" for page in rows)
        score = wer(reference, layout(text, lines_across=True).text)
        within += score <= WITHIN
        total += score
    return within, total / docs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=80, help="documents per case")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    cases = [
        ("2-4 pages, form feeds between", range(2, 5), "\f"),
        ("2-4 pages, nothing between", range(2, 5), ""),
        ("5-15 pages, nothing between", range(5, 16), ""),
        ("one page", range(1, 2), ""),
    ]
    print("| pdfplumber pages read across (held-out text) | within 3% WER | mean WER |")
    print("|---|---:|---:|")
    for label, pages, joiner in cases:
        ok, mean = run(args.docs, args.seed, pages, joiner)
        print(f"| {label} | {ok}/{args.docs} | {mean:.3f} |")


if __name__ == "__main__":
    main()
