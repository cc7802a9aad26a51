"""Throughput of textrepair next to python-bidi and ftfy, and how the CLI scales with input size.

Run from the repository root::

    python -m benchmarks.throughput --max-mb 20          # engines on 2 MB + CLI up to 20 MB
    python -m benchmarks.throughput --max-mb 200         # the full scaling run (long)
    python -m benchmarks.throughput --max-mb 0 --mb 1    # engines only, quick

Why these inputs. A repair that caches per line, or a benchmark built by repeating one seed,
can look fast on text that repeats; real extractions do not repeat. So the inputs are
*generated*, without repeating, from the clean Hebrew sentences in ``/work/shared/corpus``
(``ud*.txt``, CC BY-SA 4.0): random sentences make paragraphs, paragraphs are wrapped at
random widths into lines, and documents (a few paragraphs each) are damaged like a visual
extraction. Three inputs of ``--mb`` MB each, all from one random stream (``--seed``):

* ``broken``: every document damaged: either *fragment-visual* (word order of each line
  reversed, words joined by two spaces, as in seeds 001/002) or *letter-visual* (each line
  through ``bidi.get_display``, as pdfminer/pdfplumber/mutool give), with the broken seeds
  001-003 inserted verbatim every ~100 documents;
* ``clean``: the same kind of documents left logical, with the clean seeds 000 and 004;
* ``mixed``: each document broken or clean at random (one half each).

The table reports the share of distinct lines in each input, so "non-repeating" is checked,
not claimed. Without the corpus folder, the seeds alone are repeated (and the table says so).

Engines, in this process, on the same strings:

* ``textrepair``: ``textrepair.repair(text)`` on the whole input (default config: lines
  kept one for one);
* ``textrepair layout``: ``textrepair.repair(text, RepairConfig(layout=True))``, what
  ``textrepair fix`` does by default;
* ``bidi (Rust)``: ``bidi.get_display(line)`` for every line (python-bidi >= 0.6 wraps the
  Rust ``unicode-bidi`` crate); ``bidi (pure Python)``: ``bidi.algorithm.get_display`` on a
  leading slice (``--py-fraction``) because it is slow -- a rate stands for the whole input;
* ``ftfy``: ``ftfy.fix_text(text)``, the usual "fix my text" pass (it does not reorder).

get_display and ftfy are not repairs of this damage; they are the cheapest passes over the
same bytes that people already run, so they give a scale for what "fast" means. Ratios are
textrepair MB/s divided by the other engine's (below 1: textrepair is slower).

MB = 10**6 UTF-8 bytes of *input*. Each in-process timing is the best of ``--repeat`` runs
(least disturbed by other load); textrepair is imported and warmed up on a seed first, and
that load time is reported apart. Garbage collection stays on.

CLI scaling: ``textrepair fix FILE > /dev/null`` in a subprocess for prefixes of one broken
stream of 1, 2, 5, 10, 20, 50, 100, 200 MB (up to ``--max-mb``), one run each; wall time and
the child's peak resident memory (``ru_maxrss`` from ``os.wait4`` in a small launcher
process, per child, so neither this process's size nor an earlier, bigger run counts),
next to a baseline run on seed 001 (5 KB: interpreter, imports, lexicons). A run slower
than ``--cli-timeout`` stops the series.

Writes ``benchmarks/results/throughput.md`` and ``throughput.png`` (needs matplotlib), and
``--json`` writes every number.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
RESULTS = Path(__file__).resolve().parent / "results"
CORPUS = REPO.parent / "shared" / "corpus"  # shared/ sits beside the checkout
BROKEN_SEEDS = ("001", "002", "003")
CLEAN_SEEDS = ("000", "004")
CLI_SIZES_MB = (1, 2, 5, 10, 20, 50, 100, 200)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_HEBREW = re.compile(r"[\u05d0-\u05ea]")


# --------------------------------------------------------------------------- inputs
def _seed_text(key: str) -> str:
    matches = sorted(SEEDS.glob(f"{key}_*.txt"))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one seeds/{key}_*.txt, found {len(matches)}")
    text = matches[0].read_bytes().decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def corpus_sentences(corpus: Path = CORPUS) -> list[str]:
    """Every sentence of the clean corpus (``ud*.txt``), in file order; [] if absent."""
    out: list[str] = []
    for path in sorted(corpus.glob("ud*.txt")):
        for para in path.read_text(encoding="utf-8").splitlines():
            out.extend(s for s in _SENTENCE_END.split(" ".join(para.split())) if s)
    return out


def _wrap(words: list[str], width: int) -> list[str]:
    """Greedy wrap to ``width`` characters, like a typesetter's column (at least one word)."""
    lines: list[str] = []
    cur: list[str] = []
    size = -1
    for word in words:
        if cur and size + 1 + len(word) > width:
            lines.append(" ".join(cur))
            cur, size = [], -1
        cur.append(word)
        size += 1 + len(word)
    if cur:
        lines.append(" ".join(cur))
    return lines


def _fragment_visual(line: str) -> str:
    """Word order reversed, joined with two spaces: the seeds 001/002 kind of damage."""
    return "  ".join(reversed(line.split())) if _HEBREW.search(line) else line


class Generator:
    """An endless, non-repeating stream of Hebrew documents, broken or clean.

    Why a class: the three inputs and the CLI file are all drawn from one seeded stream, so
    a run is reproducible and the inputs share nothing but their sentence pool.
    """

    def __init__(self, seed: int = 1, corpus: Path = CORPUS) -> None:
        from bidi import get_display

        self._display = get_display
        self.rng = random.Random(seed)
        self.sentences = corpus_sentences(corpus)
        self.broken_seeds = [_seed_text(k) for k in BROKEN_SEEDS]
        self.clean_seeds = [_seed_text(k) for k in CLEAN_SEEDS]
        self.docs = 0

    def _paragraph_lines(self) -> list[str]:
        rng = self.rng
        k = rng.randint(2, 6)
        start = rng.randrange(len(self.sentences))
        # Mostly neighbouring sentences (reads like text), sometimes a jump elsewhere.
        picks = [
            self.sentences[(start + j) % len(self.sentences)]
            if rng.random() < 0.8
            else rng.choice(self.sentences)
            for j in range(k)
        ]
        # A column width per paragraph: the same sentence wraps differently every time.
        return _wrap(" ".join(picks).split(), rng.randint(30, 90))

    def document(self, broken: bool) -> str:
        """One document of 3-8 paragraphs (blank line between), damaged if ``broken``."""
        self.docs += 1
        if self.docs % 100 == 0 or not self.sentences:
            pool = self.broken_seeds if broken else self.clean_seeds
            return self.rng.choice(pool) + "\n"
        paras = [self._paragraph_lines() for _ in range(self.rng.randint(3, 8))]
        if broken:
            fix: Callable[[str], str]
            if self.rng.random() < 0.6:
                fix = _fragment_visual
            else:
                fix = lambda line: self._display(line, base_dir="R")  # noqa: E731
            paras = [[fix(line) for line in para] for para in paras]
        return "\n\n".join("\n".join(p) for p in paras) + "\n\n"

    def text(self, n_bytes: int, kind: str) -> str:
        """At least ``n_bytes`` UTF-8 bytes of ``broken``, ``clean`` or ``mixed`` documents."""
        parts, size = [], 0
        while size < n_bytes:
            broken = kind == "broken" or (kind == "mixed" and self.rng.random() < 0.5)
            doc = self.document(broken)
            parts.append(doc)
            size += len(doc.encode("utf-8"))
        return "".join(parts)


def distinct_line_share(text: str) -> float:
    """Share of non-empty lines that occur only once (whitespace-normalised).

    The "non-repeating" check: a line seen before is one a per-line cache could skip.
    """
    lines = [" ".join(x.split()) for x in text.splitlines() if x.strip()]
    if not lines:
        return 1.0
    counts: dict[str, int] = {}
    for x in lines:
        counts[x] = counts.get(x, 0) + 1
    return sum(1 for x in lines if counts[x] == 1) / len(lines)


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


def best_of(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Minimum wall time and minimum CPU time of ``repeat`` calls of ``fn`` (seconds).

    CPU time (``time.process_time``) is what the work costs; wall time also counts the
    waits when other processes share the cores, so on a busy machine the two differ and the
    CPU-time rate is the fairer one to compare engines by.
    """
    wall = cpu = math.inf
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


# --------------------------------------------------------------------------- engines
def engines(py_fraction: float) -> list[tuple[str, Callable[[str], object], float]]:
    """(name, function of the whole input, share of the input timed)."""
    import ftfy
    from bidi import get_display as rust_get_display
    from bidi.algorithm import get_display as py_get_display

    import textrepair

    layout = textrepair.RepairConfig(layout=True)
    return [
        ("textrepair", textrepair.repair, 1.0),
        ("textrepair layout", lambda t: textrepair.repair(t, layout), 1.0),
        ("bidi (Rust)", lambda t: [rust_get_display(x) for x in t.splitlines()], 1.0),
        ("bidi (pure Python)", lambda t: [py_get_display(x) for x in t.splitlines()], py_fraction),
        ("ftfy", ftfy.fix_text, 1.0),
    ]


def run_engines(mb: float, repeat: int, py_fraction: float, seed: int) -> dict:
    """Time every engine on the broken, clean and mixed inputs of ``mb`` MB."""
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
    table = engines(py_fraction)
    for _, fn, _ in table:  # warm every engine (imports, lazy tables) outside the timings
        fn(warm_text)

    gen = Generator(seed)
    inputs = {}
    for kind in ("broken", "clean", "mixed"):
        text = gen.text(int(mb * 1e6), kind)
        n_bytes = len(text.encode("utf-8"))
        out = textrepair.repair(text)  # not timed: check the line contract once
        rows = {}
        for engine, fn, fraction in table:
            sample = leading_slice(text, fraction)
            sample_bytes = len(sample.encode("utf-8"))
            seconds, cpu = best_of(lambda fn=fn, sample=sample: fn(sample), repeat)
            rows[engine] = {
                "fraction": sample_bytes / n_bytes,
                "bytes_timed": sample_bytes,
                "seconds": seconds,
                "cpu_seconds": cpu,
                "mb_per_s": sample_bytes / 1e6 / seconds if seconds > 0 else math.inf,
                "mb_per_s_cpu": sample_bytes / 1e6 / cpu if cpu > 0 else math.inf,
                "seconds_full_input": seconds * n_bytes / sample_bytes,
            }
        tr = rows["textrepair"]["mb_per_s_cpu"]
        inputs[kind] = {
            "bytes": n_bytes,
            "lines": len(text.splitlines()),
            "distinct_line_share": distinct_line_share(text),
            "textrepair_lines_preserved": len(out.splitlines()) == len(text.splitlines()),
            "textrepair_changed_lines": sum(
                a != b for a, b in zip(text.splitlines(), out.splitlines(), strict=False)
            ),
            "engines": rows,
            # On CPU time: the ratio of two engines should not depend on who else was running.
            "ratios": {e: tr / r["mb_per_s_cpu"] for e, r in rows.items() if e != "textrepair"},
        }
    return {
        "load": {
            "import_textrepair_s": import_s,
            "first_repair_s": first_call_s,
            "second_repair_s": second_call_s,
            "warmup_text_bytes": len(warm_text.encode("utf-8")),
        },
        "inputs": inputs,
        "corpus_sentences": len(gen.sentences),
    }


# --------------------------------------------------------------------------- CLI scaling
def _cli_command() -> list[str]:
    """``python -m textrepair`` from the checkout this process imports, not whichever
    ``textrepair`` is on PATH: an editable install of another worktree would otherwise be
    what the CLI series times (a before/after comparison then measured one commit twice)."""
    import textrepair

    root = str(Path(textrepair.__file__).resolve().parent.parent)
    code = (
        f"import runpy, sys; sys.path.insert(0, {root!r}); "
        "runpy.run_module('textrepair', run_name='__main__')"
    )
    return [sys.executable, "-c", code]


# A tiny launcher between this process and the CLI: Linux counts the pages a child inherits
# at fork in its ru_maxrss until it execs, so a CLI forked straight from this (large)
# process would report this process's size. The launcher is small when it forks, times the
# child itself and writes "seconds cpu_seconds max_rss_kb exit_code" to the file in argv[1].
_LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as fh:
    cpu = usage.ru_utime + usage.ru_stime
    fh.write(f"{seconds} {cpu} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def _run_child(args: list[str], timeout: float) -> tuple[float, float, int, int]:
    """(wall s, CPU s, peak RSS in bytes, exit status) of one child, stdout to /dev/null.

    Peak RSS is the child's own ``ru_maxrss`` (from ``os.wait4`` in :data:`_LAUNCHER`), not
    RUSAGE_CHILDREN, which is the maximum over every child so far and would hide a smaller
    run after a bigger one. On timeout the launcher's process group is killed: exit -9.
    """
    with tempfile.TemporaryDirectory() as tmp, open(os.devnull, "wb") as null:
        report = Path(tmp) / "rusage"
        err_path = Path(tmp) / "stderr"
        # stderr to a file, not a pipe: a child that writes a lot to an unread pipe blocks.
        with open(err_path, "wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, str(report), *args],
                stdout=null,
                stderr=err,
                start_new_session=True,
            )
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
                return timeout, 0.0, 0, -9
        tail = err_path.read_bytes()[-400:].decode("utf-8", "replace").strip()
        if not report.exists():
            print(f"{args[-1]}: launcher failed: {tail}", file=sys.stderr)
            return 0.0, 0.0, 0, proc.returncode or 1
        seconds, cpu, max_rss_kb, code = report.read_text().split()
    if int(code) != 0 and tail:
        print(f"{args[-1]}: {tail}", file=sys.stderr)
    return float(seconds), float(cpu), int(max_rss_kb) * 1024, int(code)


def run_cli(max_mb: float, seed: int, timeout: float, log: Callable[[str], None]) -> dict:
    """``textrepair fix FILE`` on prefixes of one broken stream, 1 MB up to ``max_mb``."""
    sizes = [s for s in CLI_SIZES_MB if s <= max_mb]
    if not sizes:
        return {"command": "", "runs": []}
    gen = Generator(seed + 1000)
    text = gen.text(int(sizes[-1] * 1e6), "broken")
    data = text.encode("utf-8")
    del text
    cmd = _cli_command()
    runs = []
    with tempfile.TemporaryDirectory(prefix="textrepair-bench-") as tmp:
        # Baseline: a tiny real repair, so the fixed cost (interpreter, imports, lexicons)
        # is separated from what grows with the input.
        seed = sorted(SEEDS.glob("001_*.txt"))[0]
        base_s, base_cpu, base_rss, code = _run_child([*cmd, "fix", str(seed)], timeout)
        runs.append(
            {
                "mb": 0.0,
                "bytes": seed.stat().st_size,
                "seconds": base_s,
                "cpu_seconds": base_cpu,
                "max_rss": base_rss,
                "exit": code,
                "baseline": True,
            }
        )
        log(f"cli baseline (seed 001): {base_s:.2f} s, {base_rss / 1e6:.0f} MB RSS")
        for mb in sizes:
            cut = data.rfind(b"\n", 0, int(mb * 1e6)) + 1 or len(data)
            path = Path(tmp) / f"broken_{mb}mb.txt"
            path.write_bytes(data[:cut])
            seconds, cpu, rss, code = _run_child([*cmd, "fix", str(path)], timeout)
            path.unlink()
            runs.append(
                {
                    "mb": mb,
                    "bytes": cut,
                    "seconds": seconds,
                    "cpu_seconds": cpu,
                    "max_rss": rss,
                    "exit": code,
                    "loadavg_1min": os.getloadavg()[0],
                }
            )
            log(f"cli {mb} MB: {seconds:.1f} s wall, {cpu:.1f} s CPU, {rss / 1e6:.0f} MB RSS")
            if code != 0:
                break
    return {
        "command": "python -m textrepair fix FILE > /dev/null",
        "runs": runs,
    }


# --------------------------------------------------------------------------- reporting
def _git_state() -> str:
    """Commit of the checkout and whether textrepair/ has uncommitted edits.

    Why: the numbers belong to a code version, and the core changes often.
    """
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "textrepair"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return f"{head or '?'}{' + uncommitted textrepair/ edits' if dirty else ''}"


def _source(package: Path) -> str:
    """Where the timed textrepair lives: the checkout (with its git state) or a copy."""
    if package.resolve().is_relative_to(REPO):
        return f"checkout at {_git_state()}"
    return f"copy at {package}"


def environment() -> dict:
    import textrepair

    return {
        "textrepair source": _source(Path(textrepair.__file__).parent),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python-bidi": _version("python-bidi"),
        "ftfy": _version("ftfy"),
        "textrepair": _version("textrepair"),
    }


def markdown(result: dict) -> str:
    """Tables: engines per input, ratios, load time, CLI scaling."""
    s = result["settings"]
    lines = [
        "# Throughput",
        "",
        "Generated by `python -m benchmarks.throughput` "
        f"(`--mb {s['mb']:g} --max-mb {s['max_mb']:g} --seed {s['seed']}`).",
    ]
    if s.get("label"):
        lines += ["", s["label"]]
    eng = result.get("engines")
    if eng:
        lines += [
            "",
            f"## Engines, in process (best of {s['repeat']}; MB = 10^6 UTF-8 input bytes)",
            "",
            "| input | engine | MB timed | wall (s) | CPU (s) | MB/s wall | MB/s CPU "
            "| textrepair ÷ engine (CPU) |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, inp in eng["inputs"].items():
            for engine, r in inp["engines"].items():
                ratio = inp["ratios"].get(engine)
                lines.append(
                    f"| {name} | {engine} | {r['bytes_timed'] / 1e6:.2f} | {r['seconds']:.3f} "
                    f"| {r.get('cpu_seconds', math.nan):.3f} | {r['mb_per_s']:.2f} "
                    f"| {r.get('mb_per_s_cpu', math.nan):.2f} "
                    f"| {'' if ratio is None else f'{ratio:.3f}x'} |"
                )
        lines += [
            "",
            "| input | MB | lines | distinct lines | textrepair kept line count "
            "| lines textrepair changed |",
            "|---|---:|---:|---:|---|---:|",
        ]
        for name, inp in eng["inputs"].items():
            lines.append(
                f"| {name} | {inp['bytes'] / 1e6:.2f} | {inp['lines']:,} "
                f"| {100 * inp['distinct_line_share']:.1f}% | {inp['textrepair_lines_preserved']}"
                f" | {inp['textrepair_changed_lines']:,} |"
            )
        load = eng["load"]
        lines += [
            "",
            f"Inputs generated from {eng['corpus_sentences']:,} corpus sentences. Load (not in "
            f"the timings): `import textrepair` {load['import_textrepair_s']:.3f} s; first "
            f"`repair()` on {load['warmup_text_bytes']:,} bytes {load['first_repair_s']:.3f} s "
            f"(second call {load['second_repair_s']:.4f} s). Pure-Python bidi is timed on "
            f"~{s['py_fraction']:g} of each input.",
        ]
    cli = result.get("cli")
    if cli and cli["runs"]:
        lines += [
            "",
            f"## CLI scaling: `{cli['command']}`",
            "",
            ("Carried over from an earlier run's JSON (`--cli-from`). " if cli.get("from") else "")
            + "One run per size, a prefix of one non-repeating broken stream. Peak RSS is the "
            "child's `ru_maxrss` (measured by a small launcher process); the first row, "
            "`textrepair fix` on seed 001 (5 KB), is the fixed cost: interpreter, imports, "
            "lexicons.",
            "",
            "| input MB | wall (s) | CPU (s) | MB/s wall | MB/s CPU | peak RSS (MB) "
            "| RSS above baseline (MB) | that ÷ input | load avg | exit |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        base = cli["runs"][0]["max_rss"]
        for r in cli["runs"]:
            mb = r["bytes"] / 1e6
            cpu = r.get("cpu_seconds")
            cpu_s = "" if cpu is None else f"{cpu:.1f}"
            load = r.get("loadavg_1min")
            load_s = "" if load is None else f"{load:.1f}"
            if r.get("baseline"):
                lines.append(
                    f"| {mb:.3f} (baseline) | {r['seconds']:.1f} | {cpu_s} | | "
                    f"| {r['max_rss'] / 1e6:.0f} | | | {load_s} | {r['exit']} |"
                )
                continue
            extra = r["max_rss"] - base
            rate_cpu = "" if not cpu else f"{mb / cpu:.2f}"
            lines.append(
                f"| {mb:.1f} | {r['seconds']:.1f} | {cpu_s} | {mb / r['seconds']:.2f} "
                f"| {rate_cpu} | {r['max_rss'] / 1e6:.0f} | {extra / 1e6:.0f} "
                f"| {extra / r['bytes']:.1f}x | {load_s} | {r['exit']} |"
            )
    lines += ["", "Environment: " + ", ".join(f"{k} {v}" for k, v in result["environment"].items())]
    return "\n".join(lines) + "\n"


def plot(result: dict, path: Path) -> bool:
    """Left: MB/s per engine and input (log scale). Right: CLI time and peak RSS vs size."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no plot", file=sys.stderr)
        return False
    eng, cli = result.get("engines"), result.get("cli")
    has_cli = bool(cli and len(cli["runs"]) > 1)
    fig, axes = plt.subplots(1, 2 if has_cli else 1, figsize=(13 if has_cli else 7, 4.8))
    axes = list(axes) if has_cli else [axes]
    if eng:
        ax = axes[0]
        kinds = list(eng["inputs"])
        names = list(eng["inputs"][kinds[0]]["engines"])
        width = 0.8 / len(names)
        for i, name in enumerate(names):
            xs = [j + (i - (len(names) - 1) / 2) * width for j in range(len(kinds))]
            ys = [eng["inputs"][k]["engines"][name].get("mb_per_s_cpu", math.nan) for k in kinds]
            bars = ax.bar(xs, ys, width, label=name)
            for bar, y in zip(bars, ys, strict=True):
                ax.annotate(
                    f"{y:.2g}",
                    (bar.get_x() + bar.get_width() / 2, y),
                    ha="center",
                    va="bottom",
                    fontsize=7,
                )
        ax.set_yscale("log")
        ax.set_xticks(range(len(kinds)))
        ax.set_xticklabels(kinds)
        ax.set_ylabel("MB/s of CPU time (log scale, higher is better)")
        ax.set_title("In-process throughput on the same inputs")
        ax.legend(fontsize=8, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.08))
    if has_cli:
        ax = axes[-1]
        runs = [r for r in cli["runs"] if not r.get("baseline")]
        mbs = [r["bytes"] / 1e6 for r in runs]
        ax.plot(mbs, [r["seconds"] for r in runs], "o-", color="#1f77b4", label="wall time (s)")
        if all("cpu_seconds" in r for r in runs):
            ax.plot(
                mbs,
                [r["cpu_seconds"] for r in runs],
                "o:",
                color="#1f77b4",
                alpha=0.6,
                label="CPU time (s)",
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("input MB (log)")
        ax.set_ylabel("wall time, s (log)", color="#1f77b4")
        ax2 = ax.twinx()
        ax2.plot(
            mbs, [r["max_rss"] / 1e6 for r in runs], "s--", color="#d62728", label="peak RSS (MB)"
        )
        ax2.set_yscale("log")
        ax2.set_ylabel("peak RSS, MB (log)", color="#d62728")
        ax.set_title("textrepair fix FILE: time and memory vs input size")
        handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
        ax.legend(handles=handles, fontsize=8, loc="upper left")
        ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="engine input size (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (default 3)")
    parser.add_argument(
        "--py-fraction",
        type=float,
        default=0.1,
        help="share of each input timed with pure-Python bidi (default 0.1)",
    )
    parser.add_argument(
        "--max-mb",
        type=float,
        default=20.0,
        help="largest CLI input in MB (default 20; 200 for the full run; 0: none)",
    )
    parser.add_argument(
        "--cli-timeout",
        type=float,
        default=7200.0,
        help="seconds allowed for one CLI run (default 7200)",
    )
    parser.add_argument("--no-engines", action="store_true", help="only the CLI scaling")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the inputs")
    parser.add_argument("--out-dir", type=Path, default=RESULTS, help="throughput.md/.png here")
    parser.add_argument("--json", metavar="PATH", help="write all numbers to PATH as JSON")
    parser.add_argument(
        "--cli-from",
        type=Path,
        metavar="JSON",
        help="take the CLI series from an earlier run's --json instead of running it",
    )
    parser.add_argument("--label", default="", help="a note for the report (e.g. the version)")
    args = parser.parse_args(argv)
    if args.mb <= 0 or args.repeat < 1 or not 0 < args.py_fraction <= 1 or args.max_mb < 0:
        parser.error("need --mb > 0, --repeat >= 1, 0 < --py-fraction <= 1, --max-mb >= 0")

    load_before = os.getloadavg()[0]

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    result: dict = {
        "settings": {
            "mb": args.mb,
            "repeat": args.repeat,
            "py_fraction": args.py_fraction,
            "max_mb": args.max_mb,
            "seed": args.seed,
            "label": args.label,
        },
    }
    if not args.no_engines:
        log(f"engines on {args.mb:g} MB inputs ...")
        result["engines"] = run_engines(args.mb, args.repeat, args.py_fraction, args.seed)
    if args.cli_from:
        # The 200 MB series takes long; an earlier run's CLI numbers can be carried over.
        result["cli"] = json.loads(args.cli_from.read_text(encoding="utf-8"))["cli"]
        result["cli"]["from"] = str(args.cli_from)
    elif args.max_mb > 0:
        result["cli"] = run_cli(args.max_mb, args.seed, args.cli_timeout, log)
    # After the runs: environment() imports textrepair, which must not happen before the
    # import is timed.
    result["environment"] = environment()
    result["environment"]["load average (1 min) before / after"] = (
        f"{load_before:.1f} / {os.getloadavg()[0]:.1f}"
    )
    report = markdown(result)
    print(report)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "throughput.md").write_text(report, encoding="utf-8")
    plot(result, args.out_dir / "throughput.png")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
