"""Repair quality on the corpus texts as if the word model had never counted them.

Run from the repository root::

    python -m benchmarks.leaveout                          # the committed fixtures
    python -m benchmarks.leaveout --fixtures /tmp/held     # make.py --held-out's set

The bundled word model counted every file of ``../shared/corpus``, and the extractor
corpus typesets some of those files (``ud03``, ``ud07``; ``make.py --held-out`` four
more). On them the model recalls word pairs it has read, and reads a line of 8 words the
right way round 99.7% of the time against 68% on unseen text
(``benchmarks/wordmodel_eval.py``). This benchmark repairs each fixture of such a text
twice: with the bundled model, and with a model counted from the *other* corpus files
only, and prints the mean word error rate per extractor both ways. The second column is
the one to trust for a user's text; measure a change to the line logic on it.

The model is swapped in process: :func:`counted_without` replaces the bundled counts that
:meth:`textrepair.wordmodel.WordModel.default` loads, and puts them back after. It reaches
private names of :mod:`textrepair.wordmodel` on purpose (a measuring instrument, not a
way to use the library); ``tests/test_benchmarks.py`` breaks loudly if they change.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textrepair
from benchmarks.metrics import wer
from benchmarks.quality import FIXTURES
from benchmarks.wordmodel_eval import CORPUS
from textrepair import wordmodel
from textrepair.model_build import count_text

Counts = tuple[dict[str, int], dict[str, int], dict[str, int]]


def counts_without(name: str, corpus: Path = CORPUS) -> Counts:
    """The word, class and edge counts of every corpus file but ``name``.txt."""
    lines = [
        line
        for path in sorted(corpus.glob("*.txt"))
        if path.stem != name
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    words, classes, edges = count_text(lines)
    return dict(words), dict(classes), dict(edges)


@contextmanager
def counted_without(name: str, corpus: Path = CORPUS) -> Iterator[None]:
    """While inside, ``WordModel.default()`` is a model that never counted ``name``."""
    counts = counts_without(name, corpus)
    loader = wordmodel._bundled_counts
    wordmodel._bundled_counts = lambda: counts  # type: ignore[assignment]
    wordmodel._default_model.cache_clear()
    try:
        yield
    finally:
        wordmodel._bundled_counts = loader
        wordmodel._default_model.cache_clear()


def evaluate(fixtures: Path, corpus: Path = CORPUS) -> dict[str, list[tuple[float, float]]]:
    """``{extractor: [(WER bundled, WER leave-out), ...]}`` over the fixtures of texts
    the bundled model counted (a fixture directory named after a corpus file)."""
    config = textrepair.RepairConfig(layout=True)
    out: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for folder in sorted(p for p in fixtures.iterdir() if p.is_dir()):
        if not (corpus / f"{folder.name}.txt").is_file():
            continue
        source = (folder / "source.txt").read_text(encoding="utf-8")
        paths = sorted(folder.glob("*__*.txt"))
        texts = [p.read_text(encoding="utf-8") for p in paths]
        bundled = [wer(source, textrepair.repair(t, config)) for t in texts]
        with counted_without(folder.name, corpus):
            unseen = [wer(source, textrepair.repair(t, config)) for t in texts]
        for path, pair in zip(paths, zip(bundled, unseen, strict=True), strict=True):
            out[path.stem.split("__")[1]].append(pair)
    return out


def markdown(results: dict[str, list[tuple[float, float]]]) -> str:
    rows = [
        "| extractor | fixtures | WER, bundled model | WER, model that never counted the text |",
        "|---|---:|---:|---:|",
    ]
    every = [pair for pairs in results.values() for pair in pairs]
    for name, pairs in [*sorted(results.items()), ("all", every)]:
        if pairs:
            n = len(pairs)
            seen, unseen = sum(p[0] for p in pairs) / n, sum(p[1] for p in pairs) / n
            rows.append(f"| {name} | {n} | {seen:.4f} | {unseen:.4f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="fixture folders")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        parser.error(f"no corpus at {CORPUS}")
    results = evaluate(args.fixtures)
    if not results:
        parser.error(f"no fixtures of corpus texts under {args.fixtures}")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
