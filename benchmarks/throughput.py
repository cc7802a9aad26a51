"""Throughput of textrepair.repair next to python-bidi's get_display, on the same input.

Run from the repository root::

    python benchmarks/throughput.py                  # ~2 MB inputs, Markdown table
    python benchmarks/throughput.py --mb 5 --json throughput.json

Two inputs, built in memory and used for every engine:

* ``broken``: seeds 001-003 (broken PDF extractions) concatenated, repeated to ``--mb`` MB;
* ``clean``: seeds 000 and 004 (clean Hebrew) concatenated, repeated the same way.

Engines, all in this one process:

* ``textrepair``: ``textrepair.repair(text)`` on the whole input at once (the way it is
  meant to be called: it uses document context);
* ``bidi (Rust)``: ``bidi.get_display(line)`` for every line of the input (python-bidi >= 0.6
  wraps the Rust ``unicode-bidi`` crate);
* ``bidi (pure Python)``: ``bidi.algorithm.get_display(line)`` for every line of a leading
  slice of the input (``--py-fraction``, default 1/10, cut at a line boundary) because it is
  slow; throughput is a rate, so the slice's MB/s stands for the whole input, and the
  full-input time is extrapolated from it.

get_display is not a repair (it reorders logical text into visual order, or back); it is
the cheapest UAX #9 pass over the same bytes, so it gives a floor and a scale for what
"fast" means. The ratios are textrepair MB/s divided by the other engine's MB/s (below 1:
textrepair is slower).

MB = 10**6 UTF-8 bytes of *input*. Each timing is the best of ``--repeat`` runs (default 3):
the minimum is the least disturbed by other load on the machine. Before timing, textrepair
is imported and run once on a small text so lazily loaded lexicons are not timed; the import
and that first call are reported separately as load time. Garbage collection stays enabled:
it is part of what a caller pays.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
BROKEN_SEEDS = ("001", "002", "003")
CLEAN_SEEDS = ("000", "004")


def _seed_text(key: str) -> str:
    matches = sorted(SEEDS.glob(f"{key}_*.txt"))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one seeds/{key}_*.txt, found {len(matches)}")
    text = matches[0].read_bytes().decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def build_input(keys: tuple[str, ...], mb: float) -> tuple[str, int]:
    """Seeds ``keys`` concatenated (each ending in a newline), repeated to >= ``mb`` MB.

    Returns the text and the number of repetitions. Whole repetitions only, so every line
    is a real seed line and the mix of line kinds is the same as in the seeds.
    """
    block = "".join(_seed_text(k) for k in keys)
    reps = max(1, math.ceil(mb * 1e6 / len(block.encode("utf-8"))))
    return block * reps, reps


def leading_slice(text: str, fraction: float) -> str:
    """The first whole lines of ``text`` making up about ``fraction`` of its UTF-8 bytes."""
    if fraction >= 1:
        return text
    target = fraction * len(text.encode("utf-8"))
    size = 0
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        size += len(line.encode("utf-8"))
        if size >= target:
            return "".join(lines[: i + 1])
    return text


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Minimum wall time of ``repeat`` calls of ``fn`` (seconds)."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def run(mb: float = 2.0, repeat: int = 3, py_fraction: float = 0.1) -> dict:
    """Time all engines on both inputs; returns everything as a JSON-able dict."""
    # Load time: import, then a first repair on a small text (lexicons load lazily).
    start = time.perf_counter()
    import textrepair

    import_s = time.perf_counter() - start
    warm_text = _seed_text("001")
    start = time.perf_counter()
    textrepair.repair(warm_text)
    first_call_s = time.perf_counter() - start
    start = time.perf_counter()
    textrepair.repair(warm_text)
    second_call_s = time.perf_counter() - start

    from bidi import get_display as rust_get_display
    from bidi.algorithm import get_display as py_get_display

    for line in warm_text.splitlines():
        rust_get_display(line)
        py_get_display(line)

    engines: list[tuple[str, Callable[[str], object], float]] = [
        ("textrepair", textrepair.repair, 1.0),
        ("bidi (Rust)", lambda t: [rust_get_display(x) for x in t.splitlines()], 1.0),
        ("bidi (pure Python)", lambda t: [py_get_display(x) for x in t.splitlines()], py_fraction),
    ]
    inputs = {}
    for name, keys in (("broken", BROKEN_SEEDS), ("clean", CLEAN_SEEDS)):
        text, reps = build_input(keys, mb)
        n_bytes = len(text.encode("utf-8"))
        out = textrepair.repair(text)  # not timed: check the line contract once
        rows = {}
        for engine, fn, fraction in engines:
            sample = leading_slice(text, fraction)
            sample_bytes = len(sample.encode("utf-8"))
            seconds = best_of(lambda fn=fn, sample=sample: fn(sample), repeat)
            rows[engine] = {
                "fraction": sample_bytes / n_bytes,
                "bytes_timed": sample_bytes,
                "lines_timed": len(sample.splitlines()),
                "seconds": seconds,
                "mb_per_s": sample_bytes / 1e6 / seconds if seconds > 0 else math.inf,
                "seconds_full_input": seconds * n_bytes / sample_bytes,
            }
        tr = rows["textrepair"]["mb_per_s"]
        inputs[name] = {
            "seeds": list(keys),
            "repetitions": reps,
            "bytes": n_bytes,
            "lines": len(text.splitlines()),
            "textrepair_lines_preserved": len(out.splitlines()) == len(text.splitlines()),
            "textrepair_unchanged": out == text,
            "engines": rows,
            "ratios": {
                "textrepair/rust": tr / rows["bidi (Rust)"]["mb_per_s"],
                "textrepair/pure_python": tr / rows["bidi (pure Python)"]["mb_per_s"],
            },
        }
    return {
        "settings": {"mb": mb, "repeat": repeat, "py_fraction": py_fraction},
        "load": {
            "import_textrepair_s": import_s,
            "first_repair_s": first_call_s,
            "second_repair_s": second_call_s,
            "warmup_text_bytes": len(warm_text.encode("utf-8")),
        },
        "inputs": inputs,
        "environment": {
            "python": sys.version.split()[0],
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
            "machine": platform.machine(),
            "cpu_count": os.cpu_count(),
            "python-bidi": _version("python-bidi"),
            "textrepair": _version("textrepair"),
        },
    }


def markdown(result: dict) -> str:
    """Tables: per input and engine, then the textrepair ratios, then load time."""
    s = result["settings"]
    lines = [
        f"Best of {s['repeat']} runs; MB = 10^6 UTF-8 input bytes; pure-Python bidi timed on "
        f"a leading slice of ~{s['py_fraction']:g} of each input.",
        "",
        "| input | engine | bytes timed | share of input | best time (s) | MB/s "
        "| est. full input (s) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, inp in result["inputs"].items():
        for engine, r in inp["engines"].items():
            lines.append(
                f"| {name} ({inp['bytes'] / 1e6:.2f} MB, {inp['lines']} lines) | {engine} "
                f"| {r['bytes_timed']:,} | {100 * r['fraction']:.1f}% | {r['seconds']:.4f} "
                f"| {r['mb_per_s']:.2f} | {r['seconds_full_input']:.3f} |"
            )
    lines += [
        "",
        "| input | textrepair / Rust bidi | textrepair / pure-Python bidi "
        "| line count preserved | output == input |",
        "|---|---:|---:|---|---|",
    ]
    for name, inp in result["inputs"].items():
        r = inp["ratios"]
        lines.append(
            f"| {name} | {r['textrepair/rust']:.3f}x | {r['textrepair/pure_python']:.3f}x "
            f"| {inp['textrepair_lines_preserved']} | {inp['textrepair_unchanged']} |"
        )
    load = result["load"]
    lines += [
        "",
        f"Load (not in the timings above): `import textrepair` {load['import_textrepair_s']:.3f} s;"
        f" first `repair()` on {load['warmup_text_bytes']:,} bytes {load['first_repair_s']:.3f} s"
        f" (second call {load['second_repair_s']:.4f} s).",
        "",
        "Environment: " + ", ".join(f"{k} {v}" for k, v in result["environment"].items()),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="input size in MB (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (default 3)")
    parser.add_argument(
        "--py-fraction",
        type=float,
        default=0.1,
        help="share of the input timed with pure-Python bidi (default 0.1)",
    )
    parser.add_argument("--json", metavar="PATH", help="write all numbers to PATH as JSON")
    args = parser.parse_args(argv)
    if args.mb <= 0 or args.repeat < 1 or not 0 < args.py_fraction <= 1:
        parser.error("need --mb > 0, --repeat >= 1, 0 < --py-fraction <= 1")
    result = run(args.mb, args.repeat, args.py_fraction)
    print(markdown(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
