"""How much of the pypdf / PyMuPDF damage do :mod:`textrepair.seams` fix?

For each pypdf and PyMuPDF output of the PDF round-trip lab (``<root>/seeds/<stem>/`` and
``<root>/probe/<stem>/``, each with the reference ``source.txt``), prints the word error
rate against the reference:

* ``raw``: the extraction as is;
* ``seams``: :func:`textrepair.seams.repair_seams` on every line, when
  :func:`textrepair.seams.seam_evidence` calls the document broken (with the document's
  visual-run vote);
* ``furn``: the share of the raw WER that is page furniture: the WER of ``source.txt``
  with the extraction's running-header and footer lines added (``seams`` cannot go below
  it, since the reference has no header or footer).

Also the seam evidence (``broken``, and the run ``order`` voted for the document) and the
most frequent word-level edits left after the repair (``--edits``).

    python benchmarks/seams_eval.py [--root DIR] [--edits N]
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.metrics import wer, words
from textrepair.seams import repair_seams, seam_evidence
from textrepair.wordmodel import WordModel

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "roundtrip"
EXTRACTORS = ("pypdf", "pymupdf")
# Words of the lab's running header "המגזין המדיני · גיליון 12 · נובמבר 2026" and footer
# "עמוד N מתוך M"; a line made only of them (and digits, dots, NULs) is furniture.
_FURNITURE_WORDS = ("המגזין", "המדיני", "גיליון", "נובמבר", "עמוד", "מתוך")
_FURNITURE_REST = re.compile(r"[\s\d·\x00\ufffd]*")


def is_furniture(line: str) -> bool:
    """True for a line of the lab's running header or footer (or a piece of one)."""
    rest = line
    for word in _FURNITURE_WORDS:
        rest = rest.replace(word, "")
    return bool(line.strip()) and _FURNITURE_REST.fullmatch(rest) is not None


def fixtures(root: Path) -> list[Path]:
    """The pypdf and PyMuPDF outputs under ``root``, seeds first."""
    out: list[Path] = []
    for group in ("seeds", "probe"):
        for ext in EXTRACTORS:
            out.extend(sorted((root / group).glob(f"*/*__{ext}.txt")))
    return out


def repair_text(text: str, model: WordModel) -> tuple[str, bool, str]:
    """The text with every line seam-repaired (if the evidence says so), and the verdict."""
    lines = text.splitlines()
    ev = seam_evidence(lines, model.zipf, model.pair)
    if not ev.broken:
        return text, False, "-"
    fixed = [repair_seams(line, model.zipf, order=ev.order) for line in lines]
    return "\n".join(fixed), True, ev.order.value


def furniture_share(source: str, raw: str) -> float:
    """WER of the reference with the extraction's furniture lines added at the end."""
    furniture = [line for line in raw.splitlines() if is_furniture(line)]
    return wer(source, source + "\n" + "\n".join(furniture))


def edits(reference: str, hypothesis: str) -> list[tuple[str, str]]:
    """Word-level edits (reference words, hypothesis words) between two texts."""
    a, b = words(reference), words(hypothesis)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        (" ".join(a[i1:i2]), " ".join(b[j1:j2]))
        for op, i1, i2, j1, j2 in sm.get_opcodes()
        if op != "equal"
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--edits", type=int, default=0, help="show the N most common edits left")
    args = parser.parse_args(argv)
    model = WordModel.default()
    rows = []
    left: Counter[tuple[str, str]] = Counter()
    start = time.perf_counter()
    for path in fixtures(args.root):
        source = (path.parent / "source.txt").read_text(encoding="utf-8")
        raw = path.read_text(encoding="utf-8")
        fixed, broken, visual = repair_text(raw, model)
        producer, extractor = path.stem.split("__")
        group = f"{path.parent.parent.name}/{path.parent.name[:3]}"
        rows.append(
            (
                group,
                producer,
                extractor,
                wer(source, raw),
                wer(source, fixed),
                furniture_share(source, raw),
                broken,
                visual,
            )
        )
        left.update(e for e in edits(source, fixed) if not is_furniture(e[1]))
    elapsed = time.perf_counter() - start
    print("| doc | producer | extractor | raw | seams | furn | broken | order |")
    print("|---|---|---|---|---|---|---|---|")
    for group, prod, ext, raw_w, fix_w, furn, broken, visual in rows:
        print(
            f"| {group} | {prod} | {ext} | {raw_w:.3f} | {fix_w:.3f} | {furn:.3f} "
            f"| {'y' if broken else '-'} | {visual} |"
        )
    print()
    print("| extractor | subset | n | raw | seams | furn |")
    print("|---|---|---|---|---|---|")
    subsets = {
        "all": lambda r: True,
        "seeds": lambda r: r[0].startswith("seeds"),
        "seeds 1-col": lambda r: r[0].startswith("seeds") and "2col" not in r[1],
    }
    for ext in (*EXTRACTORS, "both"):
        for name, keep in subsets.items():
            sel = [r for r in rows if keep(r) and ext in ("both", r[2])]
            if not sel:
                continue
            n = len(sel)
            print(
                f"| {ext} | {name} | {n} | {sum(r[3] for r in sel) / n:.3f} "
                f"| {sum(r[4] for r in sel) / n:.3f} | {sum(r[5] for r in sel) / n:.3f} |"
            )
    print(f"\n{len(rows)} files repaired and scored in {elapsed:.1f} s")
    if args.edits:
        print("\nMost common edits left (reference -> output):")
        for (ref, hyp), n in left.most_common(args.edits):
            print(f"{n:4d}  {ref!r} -> {hyp!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
