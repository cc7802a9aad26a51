"""Line-level accuracy against the gold references of seeds 001 and 002.

Run from the repository root::

    python benchmarks/gold_lines.py                 # Markdown table
    python benchmarks/gold_lines.py --failures      # + every gold line textrepair gets wrong
    python benchmarks/gold_lines.py --json out.json # + the numbers as JSON
    python benchmarks/gold_lines.py --doc           # + whole-document WER / bigram recall

Each gold line (``seeds/gold/NNN.lines.jsonl``) says how one extracted line of the seed
should read. Every method turns the seed's lines into hypotheses, and we count

* exact-line rate: share of gold lines the method gets exactly right (whitespace-normalised);
* line-level WER: word edits summed over all gold lines / gold words summed over all lines;
* line-level CER: the same with characters (finer: a sign on the wrong side is ~1 edit).

Methods: ``raw`` (the extraction as is) and two naive one-line heuristics, as baselines the
repair must beat, and ``textrepair``, which repairs the *whole* seed file at once (the
repair uses document context: lexicon statistics, neighbouring lines) and is then read back
line by line; :func:`textrepair.repair` keeps line count and line endings, so output line
``n`` is the repair of input line ``n``.

:func:`evaluate` is the reusable entry point (``tests/test_gold.py`` asserts the bars on it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.metrics import (
    bigram_recall,
    char_edits,
    normalize_ws,
    word_edits,
)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GOLD = SEEDS / "gold"
GOLD_KEYS = ("001", "002")


@dataclass(frozen=True)
class GoldLine:
    """One gold record: line ``n`` (1-based) of seed ``key`` and how it should read."""

    key: str
    n: int
    raw: str
    gold: str
    kind: str
    note: str = ""


def seed_path(key: str) -> Path:
    """The seed file ``seeds/<key>_*.txt`` (exactly one must exist)."""
    matches = sorted(SEEDS.glob(f"{key}_*.txt"))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one seeds/{key}_*.txt, found {len(matches)}")
    return matches[0]


def read_seed(key: str) -> str:
    """Seed text exactly as stored (UTF-8, no newline translation)."""
    return seed_path(key).read_bytes().decode("utf-8")


def load_gold(keys: Iterable[str] = GOLD_KEYS) -> list[GoldLine]:
    """All gold lines of the given seeds, in file order; checks ``raw`` matches the seed."""
    out: list[GoldLine] = []
    for key in keys:
        seed_lines = read_seed(key).splitlines()
        with open(GOLD / f"{key}.lines.jsonl", encoding="utf-8") as fh:
            for lineno, text in enumerate(fh, 1):
                if not text.strip():
                    continue
                rec = json.loads(text)
                line = GoldLine(
                    key=key,
                    n=rec["n"],
                    raw=rec["raw"],
                    gold=rec["gold"],
                    kind=rec.get("kind", ""),
                    note=rec.get("note", ""),
                )
                if seed_lines[line.n - 1] != line.raw:
                    raise ValueError(
                        f"{key}.lines.jsonl:{lineno}: raw of line {line.n} differs from the seed"
                    )
                out.append(line)
    return out


# --------------------------------------------------------------------------- methods
# A method maps the full text of a seed file to a list of output lines, one per input line.

_DOUBLE_SPACE = re.compile(" {2,}")


def reverse_double_space_fragments_line(line: str) -> str:
    """Split on runs of 2+ spaces, reverse the fragment order, keep each fragment as is.

    Extractors often emit a visual-order line as fragments separated by wide gaps; this is
    right when the fragments are in reverse order but each one is internally logical.
    """
    return " ".join(reversed(_DOUBLE_SPACE.split(line)))


def reverse_words_if_double_space_line(line: str) -> str:
    """If the line has two consecutive spaces, reverse all its words; else leave it.

    Right when every fragment is a single word (the ``words`` kind of gold line).
    """
    return " ".join(reversed(line.split())) if "  " in line else line


def _per_line(fn: Callable[[str], str]) -> Callable[[str], list[str]]:
    def method(text: str) -> list[str]:
        return [fn(line) for line in text.splitlines()]

    method.__doc__ = fn.__doc__
    return method


def _textrepair(text: str) -> list[str]:
    """Repair the whole file with :func:`textrepair.repair`, then split into lines."""
    import textrepair  # imported lazily so the baselines run even if the core is broken

    return textrepair.repair(text).splitlines()


METHODS: dict[str, Callable[[str], list[str]]] = {
    "raw": _per_line(lambda line: line),
    "reverse_double_space_fragments": _per_line(reverse_double_space_fragments_line),
    "reverse_words_if_double_space": _per_line(reverse_words_if_double_space_line),
    "textrepair": _textrepair,
}


def _run(method: str, key: str) -> tuple[list[str], int]:
    """Output lines of ``method`` on seed ``key`` and the input's line count."""
    if method not in METHODS:
        raise KeyError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
    text = read_seed(key)
    return METHODS[method](text), len(text.splitlines())


# --------------------------------------------------------------------------- evaluation


def _empty_stats() -> dict[str, float]:
    return {
        "lines": 0,
        "exact": 0,
        "gold_words": 0,
        "word_edits": 0,
        "gold_chars": 0,
        "char_edits": 0,
    }


def _finish(stats: dict[str, float]) -> dict[str, float]:
    lines, words, chars = stats["lines"], stats["gold_words"], stats["gold_chars"]
    stats["exact_rate"] = stats["exact"] / lines if lines else 1.0
    stats["wer"] = stats["word_edits"] / words if words else 0.0
    stats["cer"] = stats["char_edits"] / chars if chars else 0.0
    return stats


def evaluate(method: str, gold: list[GoldLine] | None = None) -> dict:
    """Score ``method`` on all gold lines of 001+002 together, per file and per kind.

    Returns ``{"method", "all", "files": {key: stats}, "kinds": {kind: stats},
    "line_counts": {key: {"input", "output"}}, "failures": [...]}`` where each stats dict
    has ``lines, exact, exact_rate, gold_words, word_edits, wer, gold_chars, char_edits,
    cer`` and each failure is ``{key, n, kind, raw, got, gold}``. Rates are pooled:
    total edits / total gold words (or chars), not a mean of per-line rates. A missing
    output line (the method dropped lines) counts as an empty hypothesis.
    """
    gold = load_gold() if gold is None else gold
    keys = sorted({g.key for g in gold})
    total = _empty_stats()
    files = {key: _empty_stats() for key in keys}
    kinds: dict[str, dict[str, float]] = {}
    line_counts: dict[str, dict[str, int]] = {}
    failures: list[dict] = []
    outputs: dict[str, list[str]] = {}
    for key in keys:
        out, n_in = _run(method, key)
        outputs[key] = out
        line_counts[key] = {"input": n_in, "output": len(out)}
    for g in gold:
        out = outputs[g.key]
        got = out[g.n - 1] if g.n - 1 < len(out) else ""
        ok = normalize_ws(got) == normalize_ws(g.gold)
        w_edits, w_total = word_edits(g.gold, got)
        c_edits, c_total = char_edits(g.gold, got)
        for stats in (total, files[g.key], kinds.setdefault(g.kind, _empty_stats())):
            stats["lines"] += 1
            stats["exact"] += ok
            stats["gold_words"] += w_total
            stats["word_edits"] += w_edits
            stats["gold_chars"] += c_total
            stats["char_edits"] += c_edits
        if not ok:
            failures.append(
                {"key": g.key, "n": g.n, "kind": g.kind, "raw": g.raw, "got": got, "gold": g.gold}
            )
    return {
        "method": method,
        "all": _finish(total),
        "files": {key: _finish(s) for key, s in files.items()},
        "kinds": {kind: _finish(s) for kind, s in sorted(kinds.items())},
        "line_counts": line_counts,
        "failures": failures,
    }


def evaluate_doc(method: str, keys: Iterable[str] = GOLD_KEYS) -> dict[str, dict[str, float]]:
    """Whole-document WER, CER and bigram recall of ``method`` against ``NNN.doc.txt``.

    Informative only: the doc reference is in reading order (columns ordered, hyphenated
    words rejoined, 002's URL list moved to the end), which line-by-line output can't match
    until the repair reflows text; bigram recall is the fairer of the three for now.
    """
    result: dict[str, dict[str, float]] = {}
    for key in keys:
        reference = (GOLD / f"{key}.doc.txt").read_text(encoding="utf-8")
        hypothesis = "\n".join(_run(method, key)[0])
        w_edits, w_total = word_edits(reference, hypothesis)
        c_edits, c_total = char_edits(reference, hypothesis)
        result[key] = {
            "gold_words": w_total,
            "wer": w_edits / w_total if w_total else 0.0,
            "cer": c_edits / c_total if c_total else 0.0,
            "bigram_recall": bigram_recall(reference, hypothesis),
        }
    return result


# --------------------------------------------------------------------------- reporting


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def markdown_table(results: list[dict]) -> str:
    """Exact-line rate and line-level WER per method: all gold lines, then per file."""
    keys = list(results[0]["files"]) if results else []
    head = ["method", "exact (all)", "WER (all)", "CER (all)"]
    for key in keys:
        head += [f"exact {key}", f"WER {key}"]
    rows = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|",
    ]
    for r in results:
        a = r["all"]
        cells = [
            f"`{r['method']}`",
            f"{_pct(a['exact_rate'])} ({a['exact']}/{a['lines']})",
            f"{a['wer']:.4f}",
            f"{a['cer']:.4f}",
        ]
        for key in keys:
            f = r["files"][key]
            cells += [f"{_pct(f['exact_rate'])} ({f['exact']}/{f['lines']})", f"{f['wer']:.4f}"]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def kinds_table(results: list[dict]) -> str:
    """Exact-line rate per gold ``kind`` (ok / words / spans / other), 001+002 together."""
    kinds = list(results[0]["kinds"]) if results else []
    head = ["method"] + [f"{k} (n={results[0]['kinds'][k]['lines']})" for k in kinds]
    rows = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] + ["---:"] * len(kinds)) + "|"]
    for r in results:
        cells = [f"`{r['method']}`"] + [_pct(r["kinds"][k]["exact_rate"]) for k in kinds]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def doc_table(docs: dict[str, dict[str, dict[str, float]]]) -> str:
    keys = list(next(iter(docs.values()))) if docs else []
    head = ["method"]
    for key in keys:
        head += [f"WER {key}", f"CER {key}", f"bigram recall {key}"]
    rows = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|",
    ]
    for method, per_key in docs.items():
        cells = [f"`{method}`"]
        for key in keys:
            d = per_key[key]
            cells += [f"{d['wer']:.4f}", f"{d['cer']:.4f}", _pct(d["bigram_recall"])]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def format_failures(result: dict) -> str:
    """Every gold line the method got wrong, as raw / got / gold."""
    parts = [f"{len(result['failures'])} wrong line(s) for `{result['method']}`:"]
    for f in result["failures"]:
        parts.append(
            f"\n{f['key']}:{f['n']} [{f['kind']}]\n  raw : {f['raw']}\n  got : {f['got']}"
            f"\n  gold: {f['gold']}"
        )
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="PATH", help="write all numbers to PATH as JSON")
    parser.add_argument(
        "--failures",
        action="store_true",
        help="list the gold lines textrepair gets wrong (raw / got / gold)",
    )
    parser.add_argument(
        "--doc", action="store_true", help="also score whole documents against NNN.doc.txt"
    )
    parser.add_argument(
        "--methods",
        nargs="+",
        choices=list(METHODS),
        default=list(METHODS),
        help="methods to evaluate (default: all)",
    )
    args = parser.parse_args(argv)

    gold = load_gold()
    results = [evaluate(m, gold) for m in args.methods]
    print(f"Gold lines: {len(gold)} ({', '.join(f'{k}: {n}' for k, n in _counts(gold))})\n")
    print(markdown_table(results))
    print("\nExact-line rate by gold kind (001+002):\n")
    print(kinds_table(results))
    for r in results:
        bad = {k: c for k, c in r["line_counts"].items() if c["input"] != c["output"]}
        if bad:
            print(f"\nWARNING: `{r['method']}` changed the line count: {bad}")
    docs = {m: evaluate_doc(m) for m in args.methods} if args.doc else None
    if docs:
        print("\nWhole document vs NNN.doc.txt (informative; no reflow yet):\n")
        print(doc_table(docs))
    if args.failures:
        for r in results:
            if r["method"] == "textrepair":
                print("\n" + format_failures(r))
    if args.json:
        payload: dict = {"gold_lines": len(gold), "methods": {r["method"]: r for r in results}}
        if docs:
            payload["documents"] = docs
        Path(args.json).write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return 0


def _counts(gold: list[GoldLine]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for g in gold:
        counts[g.key] = counts.get(g.key, 0) + 1
    return list(counts.items())


if __name__ == "__main__":
    raise SystemExit(main())
