"""Build the bundled Hebrew word-order statistics from a folder of clean text.

Run once by the maintainers (the result ships in ``textrepair/data/``)::

    python -m textrepair.model_build ../shared/corpus textrepair/data/wordorder.json.gz

The corpus is clean modern Hebrew (IAHLT UD treebanks, CC BY-SA 4.0): one paragraph a
line. We keep only counts — how often one word, or one word class, follows another, and
which coarse classes begin and end a paragraph — which is all the line repair needs to
tell a logical word order from a reversed one.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

from textrepair.wordmodel import PARAGRAPH, classify, coarse, pair_keys


def count_text(lines: list[str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Count word pairs, class pairs and coarse class pairs over paragraphs of logical
    text, one a line; the coarse pairs include the paragraph's edges
    (:data:`~textrepair.wordmodel.PARAGRAPH`) as tokens."""
    words: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    edges: Counter[str] = Counter()
    for line in lines:
        tokens = line.split()
        if not tokens:
            continue
        for a, b in pairwise(tokens):
            word_key, class_key = pair_keys(a, b)
            if word_key:
                words[word_key] += 1
            classes[class_key] += 1
        # Coarse classes keep no word, so no list of frequent words is needed for them.
        kinds = [coarse(classify(t, frozenset())) for t in [PARAGRAPH, *tokens, PARAGRAPH]]
        for a, b in pairwise(kinds):
            edges[f"{a} {b}"] += 1
    return words, classes, edges


def build(corpus_dir: Path, out: Path) -> None:
    """Count every ``*.txt`` file in ``corpus_dir`` and write the gzipped JSON model."""
    lines: list[str] = []
    for path in sorted(corpus_dir.glob("*.txt")):
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    words, classes, edges = count_text(lines)
    data = {
        "source": "IAHLT UD Hebrew treebanks (wiki, knesset), CC BY-SA 4.0",
        "words": dict(words.most_common()),
        "classes": dict(classes.most_common()),
        "edges": dict(edges.most_common()),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
