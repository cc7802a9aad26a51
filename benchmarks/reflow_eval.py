"""Paragraphs out of ``--reflow``, on clean text the word model never counted.

Run from the repository root::

    python -m benchmarks.reflow_eval              # 300 documents a case
    python -m benchmarks.reflow_eval --docs 1000 --show 3

``textrepair fix --reflow`` joins the lines of each paragraph into one line: what search
and RAG pipelines want. This sets consecutive paragraphs of held-out text (the clean
seeds and the 001/002 gold, one paragraph a line there, headlines and bylines included)
in lines of 40-100 characters, with a blank line between paragraphs or none, reflows
them, and counts the documents that come out one line per paragraph exactly, and the
paragraphs that do.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textrepair
from benchmarks.heldout import damage, heldout_texts


def run(sep: str, docs: int, seed: int, show: int) -> tuple[int, int, int]:
    """(documents exact, paragraphs exact, paragraphs) for paragraphs parted by ``sep``."""
    texts = heldout_texts()
    rng = random.Random(seed)
    config = textrepair.RepairConfig(layout=True, reflow=True)
    exact = found = total = 0
    for _ in range(docs):
        src = rng.choice(texts)
        count = rng.randint(3, 10)
        start = rng.randrange(max(1, len(src) - count))
        paragraphs = [" ".join(p.split()) for p in src[start : start + count]]
        width = rng.randint(40, 100)
        text = sep.join("\n".join(damage.justify(p, width)) for p in paragraphs) + "\n"
        out = textrepair.repair(text, config)
        lines = [" ".join(line.split()) for line in out.splitlines() if line.strip()]
        exact += lines == paragraphs
        found += len(set(lines) & set(paragraphs))
        total += len(paragraphs)
        if lines != paragraphs and show > 0:
            show -= 1
            print("\n".join(f"  got: {line[:100]}" for line in lines if line not in paragraphs))
    return exact, found, total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300, help="documents per case")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show", type=int, default=0, help="print lines of this many misses")
    args = parser.parse_args(argv)
    print("| paragraphs parted by | documents exact | paragraphs exact |")
    print("|---|---:|---:|")
    for label, sep in (("a blank line", "\n\n"), ("nothing", "\n")):
        exact, found, total = run(sep, args.docs, args.seed, args.show)
        print(f"| {label} | {exact}/{args.docs} | {found}/{total} |")


if __name__ == "__main__":
    main()
