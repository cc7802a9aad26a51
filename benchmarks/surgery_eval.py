"""What token surgery (:mod:`textrepair.surgery`) does: with it and without it.

Run from the repository root::

    python -m benchmarks.surgery_eval                 # every table
    python -m benchmarks.surgery_eval --sim 400       # simulator lines (default: all)
    python -m benchmarks.surgery_eval --seed003       # + seed 003 line by line, before/after
    python -m benchmarks.surgery_eval --failures 20   # + simulator lines still wrong
    python -m benchmarks.surgery_eval --docs 12       # + whole simulated documents

Surgery is wired into line repair (:func:`textrepair.lines.repair_line`): in a visual
document whose words are cut at glyph runs (``Diagnosis.cut_runs``), each line that shows a
cut goes through :func:`textrepair.surgery.repair_tokens` first, and when surgery acts its
tokens replace the fragment reordering; ``RepairConfig(token_surgery=False)`` turns it off,
which is the "without" of every comparison here.

Measured:

1. **Simulator** (``tests/surgery_damage.py``): corpus lines cut into glyph runs, written
   in visual order with mixed spacing; the share repaired exactly (whitespace-normalised),
   each line repaired on its own as a line of a cut visual document; also the share where
   the reading the search found scores below the logical line (search errors) - the rest
   of the failures are the model's. Measured twice: on corpus lines, whose word pairs the
   bundled word model was built from (a flattering figure), and on *held-out* lines of
   text it has never seen (the clean seeds and the gold of 001/002), the figure to trust
   for unseen documents.
1b. **Simulated documents** (``--docs N``): consecutive held-out lines damaged the same way
   and repaired as one document by :func:`textrepair.repair` - diagnosis, the word pairs
   the document teaches, the neighbour lines' words - as a user's file is.
2. **Gold lines of seeds 001/002** (``benchmarks/gold_lines.py``), with and without
   surgery: it must not cost a line.
3. **Clean corpus lines**: ``repair_tokens`` on their tokens must return them unchanged
   (the share that does; a line it changes is listed). The pipeline never searches them
   (they are not in a cut visual document), so this is the search's own safety margin.
4. **Seed 003**, whose gold is kept outside the project: every line before and after, for
   a reader to judge; the lines surgery changed and its steps.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import gold_lines
from benchmarks.metrics import normalize_ws, word_edits

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
damage = importlib.import_module("surgery_damage")


def _config(with_surgery: bool):  # type: ignore[no-untyped-def]
    from textrepair.config import RepairConfig

    return RepairConfig(token_surgery=with_surgery)


def repair_visual_line(text: str, with_surgery: bool = True) -> str:
    """Repair one line as a line of a cut visual document, without neighbours."""
    from textrepair.lines import LineContext, repair_line
    from textrepair.wordmodel import WordModel

    ctx = LineContext(WordModel.default(), _config(with_surgery), visual_doc=True, cut_runs=True)
    return repair_line(text, ctx)[0]


# --------------------------------------------------------------------------- 1. simulator


def simulator(n: int | None, seed: int = 3, heldout: bool = False) -> dict:
    """Exact-repair rate of simulated lines with surgery wired in (and without)."""
    from textrepair import surgery
    from textrepair.tokens import split_line
    from textrepair.wordmodel import WordModel

    model = WordModel.default()
    samples = damage.samples(n, seed, heldout=heldout)
    ok = ok_without = search_errors = 0
    failures = []
    start = time.perf_counter()
    got = [repair_visual_line(s.damaged) for s in samples]
    elapsed = time.perf_counter() - start
    for s, out in zip(samples, got, strict=True):
        good = normalize_ws(out) == s.logical
        ok += good
        ok_without += normalize_ws(repair_visual_line(s.damaged, False)) == s.logical
        if not good:
            line = split_line(s.damaged)
            forced = surgery.forced_score(
                line.tokens, model.zipf, model.pair, s.logical.split(), line.gaps
            )
            found = surgery.best_score(line.tokens, model.zipf, model.pair, line.gaps)
            if forced is not None and forced > found + 1e-9:
                search_errors += 1
            failures.append((s, out, forced, found))
    total = len(samples)
    return {
        "lines": total,
        "exact": ok / total,
        "exact_without": ok_without / total,
        "search_errors": search_errors,
        "ms_per_line": 1000 * elapsed / total,
        "failures": failures,
    }


def documents(n: int, seed: int = 3) -> dict:
    """Exact-repair rate of the lines of ``n`` simulated held-out documents, each repaired
    whole by the pipeline (and whether each was diagnosed as cut)."""
    import textrepair

    docs = damage.documents(n, seed=seed, heldout=True)
    ok = total = cut = 0
    start = time.perf_counter()
    for doc in docs:
        result = textrepair.repair_and_explain("\n".join(s.damaged for s in doc) + "\n")
        cut += result.diagnosis.cut_runs
        for s, out in zip(doc, result.text.splitlines(), strict=True):
            ok += normalize_ws(out) == s.logical
            total += 1
    elapsed = time.perf_counter() - start
    return {"docs": len(docs), "cut": cut, "lines": total, "exact": ok / total, "s": elapsed}


# --------------------------------------------------------------------------- 2. gold lines


def gold(with_surgery: bool) -> dict:
    """``gold_lines.evaluate`` of textrepair on the 001/002 gold, with surgery or not."""
    import textrepair

    config = _config(with_surgery)
    method = f"textrepair surgery={with_surgery}"
    gold_lines.METHODS[method] = lambda text: textrepair.repair(text, config).splitlines()
    try:
        return gold_lines.evaluate(method)
    finally:
        del gold_lines.METHODS[method]


# --------------------------------------------------------------------------- 3. clean lines


def clean_identity(n: int | None, seed: int = 3) -> dict:
    """Share of clean corpus lines whose tokens ``repair_tokens`` returns unchanged."""
    from textrepair import surgery
    from textrepair.tokens import split_line
    from textrepair.wordmodel import WordModel

    model = WordModel.default()
    lines = damage.corpus_lines(seed, n)
    changed = []
    for text in lines:
        line = split_line(text)
        tokens, steps = surgery.repair_tokens(line.tokens, model.zipf, model.pair, line.gaps)
        if tokens != line.tokens:
            changed.append((text, " ".join(tokens), steps))
    return {"lines": len(lines), "identity": 1 - len(changed) / len(lines), "changed": changed}


# --------------------------------------------------------------------------- 4. seed 003


def seed003() -> list[tuple[int, str, str, str, list]]:
    """Each non-empty line of seed 003: number, raw, repaired without and with surgery,
    and the surgery steps of that line."""
    import textrepair

    text = gold_lines.read_seed("003")
    without = textrepair.repair(text, _config(False)).splitlines()
    result = textrepair.repair_and_explain(text, _config(True))
    steps: dict[int, list] = {}
    for c in result.changes:
        steps.setdefault(c.line, []).append(c)
    out = []
    for i, (raw, a, b) in enumerate(
        zip(text.splitlines(), without, result.text.splitlines(), strict=True), 1
    ):
        if raw.strip():
            out.append((i, raw, a, b, steps.get(i, [])))
    return out


# --------------------------------------------------------------------------- report


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _print_simulator(sim: dict, failures: int, label: str) -> None:
    print(
        f"Simulator, {label}: {sim['lines']} lines, exact {_pct(sim['exact'])} with surgery, "
        f"{_pct(sim['exact_without'])} without; {sim['search_errors']} of the "
        f"{len(sim['failures'])} failures are search errors; "
        f"{sim['ms_per_line']:.1f} ms/line (whole line repair)"
    )
    for s, out, forced, found in sim["failures"][:failures]:
        print(
            f"  raw : {s.damaged}\n  got : {normalize_ws(out)}\n  gold: {s.logical}"
            f"\n  score found {found:.1f}, gold {forced if forced is None else round(forced, 1)}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sim", type=int, default=None, help="simulator lines (all; 0: none)")
    parser.add_argument("--seed003", action="store_true", help="print seed 003 lines")
    parser.add_argument("--failures", type=int, default=0, help="simulator failures to show")
    parser.add_argument("--skip-gold", action="store_true")
    parser.add_argument("--docs", type=int, default=0, help="simulated documents (30 lines)")
    args = parser.parse_args(argv)

    if args.sim != 0:  # --sim 0: no simulator lines
        _print_simulator(simulator(args.sim), args.failures, "corpus lines (seen by the model)")
        held = simulator(args.sim, heldout=True)
        _print_simulator(held, args.failures, "held-out lines")
    if args.docs:
        d = documents(args.docs)
        print(
            f"Simulated documents: {d['docs']} of 30 held-out lines, {d['cut']} diagnosed cut; "
            f"lines exact {_pct(d['exact'])} ({d['s']:.0f} s)"
        )
    clean = clean_identity(None)
    print(f"\nClean corpus lines: {clean['lines']}, unchanged {_pct(clean['identity'])}")
    for text, new, _steps in clean["changed"][:10]:
        print(f"  {text}\n  -> {new}")
    if not args.skip_gold:
        for flag in (False, True):
            r = gold(flag)["all"]
            label = "with surgery" if flag else "without     "
            print(
                f"\nGold lines 001/002 {label}: exact {_pct(r['exact_rate'])} "
                f"({r['exact']}/{r['lines']}), WER {r['wer']:.4f}"
            )
    if args.seed003:
        print("\nSeed 003 (raw / without surgery / with surgery):")
        changed = 0
        for n, raw, a, b, steps in seed003():
            mark = "*" if a != b else " "
            changed += a != b
            print(f"\n{mark}{n:4d} raw : {raw.strip()}")
            print(f"      old : {a.strip()}\n      new : {b.strip()}")
            for c in steps:
                if c.fix not in ("reorder_fragments",):
                    print(f"           {c.fix}: {c.before} -> {c.after}")
        print(f"\n{changed} lines of seed 003 changed by surgery")
    return 0


def _doc_wer(reference: str, hypothesis: str) -> float:
    edits, total = word_edits(reference, hypothesis)
    return edits / total if total else 0.0


if __name__ == "__main__":
    raise SystemExit(main())
