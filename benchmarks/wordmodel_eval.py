"""How well the word model tells a line's word order from its reverse, on text it never counted.

Run from the repository root::

    python -m benchmarks.wordmodel_eval
    python -m benchmarks.wordmodel_eval --curve    # + the learning curve

Every line decision the model makes (fragment order, token surgery, run order) comes down
to scoring one order of words against another. The bundled model counted the word pairs
of ``../shared/corpus``, and the extractor corpus (``benchmarks/corpus``) typesets texts
of that corpus: on them the model recalls pairs it has read, and any figure measured
there flatters the decision. This benchmark shows the gap:

1. **Leave one text out**: for each corpus file, a model counted from the other files
   (:func:`textrepair.model_build.count_text`) scores that file's paragraphs, wrapped into
   lines of about 50 characters (8 words), as written and with their words reversed.
   Reported: the share of lines that read better as written, and the mean margin in
   nats (each line's clipped to +-10).
2. **Held-out texts** (``heldout.HELDOUT``: the clean seeds and the 001/002 gold, never
   counted) under the bundled model.
3. **Remembered**: the bundled model on the corpus files it counted.

A line of 8 words read both ways is the easiest case the model meets; where the first two
figures stay far below the third, a decision that trusts the model line by line will do
much worse on a user's text than on the corpus fixtures.

4. **Learning curve** (``--curve``): leave one out again, each file scored by models
   counted from 1, 2, 4 and all 8 of the other files (drawn at random, seed ``k``): how
   the figure grows with the words counted, which tells what more clean text would buy.
"""

from __future__ import annotations

import argparse
import random
import textwrap
from collections.abc import Sequence

from benchmarks.heldout import REPO, heldout_texts
from textrepair.model_build import count_text
from textrepair.reorder import identity_score
from textrepair.wordmodel import WordModel

CORPUS = REPO.parent / "shared" / "corpus"
WIDTH = 50
CLIP = 10.0


def wrapped(paragraphs: Sequence[str], width: int = WIDTH) -> list[list[str]]:
    """The paragraphs cut into lines of about ``width`` characters, as word lists (lines
    of three words or more: shorter ones hardly have an order)."""
    lines = [line.split() for p in paragraphs for line in textwrap.wrap(p, width)]
    return [words for words in lines if len(words) >= 3]


def direction(model: WordModel, lines: Sequence[list[str]]) -> tuple[int, float]:
    """Lines that score better as written than reversed, and the sum of clipped margins."""
    right, margin = 0, 0.0
    for words in lines:
        d = identity_score(words, model.pair, None, None)
        d -= identity_score(words[::-1], model.pair, None, None)
        right += d > 0
        margin += max(-CLIP, min(CLIP, d))
    return right, margin


def _row(name: str, right: int, total: int, margin: float) -> str:
    return f"| {name} | {total} | {right / total:.1%} | {margin / total:+.2f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--width", type=int, default=WIDTH, help="line width in characters")
    parser.add_argument(
        "--curve", action="store_true", help="also the learning curve (models of 1-8 files)"
    )
    args = parser.parse_args(argv)
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        parser.error(f"no corpus at {CORPUS}")
    texts = {
        f.stem: [p for p in f.read_text(encoding="utf-8").splitlines() if p.strip()] for f in files
    }
    bundled = WordModel.default()
    rows = [
        "| lines scored by | lines | read better as written | mean margin (nats) |",
        "|---|---:|---:|---:|",
    ]
    right = total = 0
    margin = 0.0
    for name, paragraphs in texts.items():
        others = [p for other, ps in texts.items() if other != name for p in ps]
        words, classes, edges = count_text(others)
        model = WordModel(words, classes, bundled.top, edges)
        lines = wrapped(paragraphs, args.width)
        r, m = direction(model, lines)
        right, total, margin = right + r, total + len(lines), margin + m
    rows.append(_row("a model that never counted the text (leave one out)", right, total, margin))
    held = [words for text in heldout_texts() for words in wrapped(text, args.width)]
    r, m = direction(bundled, held)
    rows.append(_row("the bundled model, held-out texts", r, len(held), m))
    seen = [words for ps in texts.values() for words in wrapped(ps, args.width)]
    r, m = direction(bundled, seen)
    rows.append(_row("the bundled model, the corpus it counted", r, len(seen), m))
    print("\n".join(rows))
    if args.curve:
        print()
        print("\n".join(learning_curve(texts, bundled.top, args.width)))
    return 0


def learning_curve(
    texts: dict[str, list[str]], top: frozenset[str], width: int = WIDTH
) -> list[str]:
    """Leave-one-out direction figures of models counted from 1, 2, 4 and all of the other
    files, as Markdown rows: the words a model counted against what it reads right."""
    rows = [
        "| files counted | words counted (mean) | read better as written |",
        "|---:|---:|---:|",
    ]
    every = len(texts) - 1
    for k in sorted({k for k in (1, 2, 4) if k < every} | {every}):
        rng = random.Random(k)
        right = total = counted = 0
        for name, paragraphs in texts.items():
            chosen = rng.sample([other for other in texts if other != name], k)
            source = [p for other in chosen for p in texts[other]]
            counted += sum(len(p.split()) for p in source)
            words, classes, edges = count_text(source)
            lines = wrapped(paragraphs, width)
            r, _ = direction(WordModel(words, classes, top, edges), lines)
            right, total = right + r, total + len(lines)
        rows.append(f"| {k} | {counted // len(texts)} | {right / total:.1%} |")
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
