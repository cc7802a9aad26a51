"""Whole-document accuracy of line repair + page layout against ``seeds/gold/NNN.doc.txt``.

Run from the repository root::

    python benchmarks/gold_doc.py                  # Markdown table
    python benchmarks/gold_doc.py --json doc.json  # + the numbers as JSON
    python benchmarks/gold_doc.py --show 001       # + the laid-out text of seed 001

Each raw seed (001, 002) goes through

* ``raw``: nothing — the extraction as is;
* ``repair``: :func:`textrepair.repair` (line by line, line count kept);
* ``repair+layout``: the whole pipeline as ``textrepair fix --reflow`` runs it (columns
  split before line repair, then :func:`textrepair.layout.layout` with ``reflow=True``)
  (furniture out, blocks in reading order, broken words joined, one paragraph per line);
* ``gold lines+layout`` (informative): the gold lines of ``NNN.lines.jsonl`` put back at
  their line numbers — what a perfect line repair gives — then the layout stage, which
  shows what the layout stage itself costs or gains;

and is compared with the document gold (reading order, one paragraph per line) by word
error rate and in-order word-bigram recall (:mod:`benchmarks.metrics`; both whitespace-
normalised, so paragraph breaks do not count, only the words and their order). The bars:
WER under 3% and bigram recall of at least 97% for ``repair+layout`` on every seed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.metrics import bigram_recall, wer

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GOLD = SEEDS / "gold"
KEYS = ("001", "002")
MAX_WER = 0.03
MIN_BIGRAM_RECALL = 0.97


def read_seed(key: str) -> str:
    """The raw seed ``seeds/<key>_*.txt`` exactly as stored."""
    (path,) = sorted(SEEDS.glob(f"{key}_*.txt"))
    return path.read_bytes().decode("utf-8")


def gold_lines_text(key: str) -> str:
    """The seed with each gold line (``NNN.lines.jsonl``) in place of its raw line."""
    lines = read_seed(key).split("\n")
    with open(GOLD / f"{key}.lines.jsonl", encoding="utf-8") as fh:
        for rec in map(json.loads, filter(str.strip, fh)):
            lines[rec["n"] - 1] = rec["gold"]
    return "\n".join(lines)


def _raw(key: str) -> str:
    return read_seed(key)


def _repair(key: str) -> str:
    import textrepair

    return textrepair.repair(read_seed(key))


def _repair_layout(key: str) -> str:
    import textrepair
    from textrepair.layout import layout

    return layout(textrepair.repair(read_seed(key)), reflow=True).text


def _gold_lines_layout(key: str) -> str:
    from textrepair.layout import layout

    return layout(gold_lines_text(key), reflow=True).text


METHODS: dict[str, Callable[[str], str]] = {
    "raw": _raw,
    "repair": _repair,
    "repair+layout": _repair_layout,
    "gold lines+layout": _gold_lines_layout,
}


def evaluate(keys: tuple[str, ...] = KEYS) -> dict[str, dict[str, dict[str, float]]]:
    """``{method: {key: {"wer", "bigram_recall", "seconds", "words"}}}`` for every seed."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for method, run in METHODS.items():
        out[method] = {}
        for key in keys:
            reference = (GOLD / f"{key}.doc.txt").read_text(encoding="utf-8")
            start = time.perf_counter()
            hypothesis = run(key)
            seconds = time.perf_counter() - start
            out[method][key] = {
                "wer": wer(reference, hypothesis),
                "bigram_recall": bigram_recall(reference, hypothesis),
                "seconds": seconds,
                "words": len(reference.split()),
            }
    return out


def passes(results: dict[str, dict[str, dict[str, float]]]) -> bool:
    """Whether ``repair+layout`` meets both bars on every seed."""
    return all(
        r["wer"] < MAX_WER and r["bigram_recall"] >= MIN_BIGRAM_RECALL
        for r in results["repair+layout"].values()
    )


def markdown_table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    keys = list(next(iter(results.values())))
    head = ["method"]
    for key in keys:
        head += [f"WER {key}", f"bigram recall {key}"]
    rows = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|",
    ]
    for method, per_key in results.items():
        cells = [f"`{method}`"]
        for key in keys:
            r = per_key[key]
            cells += [f"{100 * r['wer']:.2f}%", f"{100 * r['bigram_recall']:.2f}%"]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="PATH", help="write all numbers to PATH as JSON")
    parser.add_argument("--show", metavar="KEY", help="print the repair+layout text of a seed")
    args = parser.parse_args(argv)
    results = evaluate()
    words = ", ".join(f"{k}: {r['words']:.0f}" for k, r in results["raw"].items())
    print(f"Gold documents ({words} words). Bars for repair+layout on each seed:")
    print(f"WER < {MAX_WER:.0%}, in-order bigram recall >= {MIN_BIGRAM_RECALL:.0%}.\n")
    print(markdown_table(results))
    seconds = sum(r["seconds"] for r in results["gold lines+layout"].values())
    print(f"\nThe layout stage alone took {seconds:.3f} s for both seeds.")
    ok = passes(results)
    print("bars met" if ok else "BARS NOT MET")
    if args.show:
        print("\n" + _repair_layout(args.show))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
