"""pdf.js on LibreOffice PDFs in four fonts, justified and ragged: what the repair does.

Run from the repository root::

    python -m benchmarks.pdfjs_eval

Reads ``benchmarks/corpus/variants/`` (made by ``benchmarks/corpus/variants.py``): three
corpus texts set in David CLM, Frank Ruehl CLM, Miriam CLM and Liberation Serif, justified
and ragged, in one and two columns, as pdf.js writes them. Each is repaired with a word
model that never counted its text (``benchmarks.leaveout``), and the table gives the
word error rate of the raw text and of the repair, and how many lines were turned by
``reverse_stretched_line``. Justified text is where pdf.js writes stretched lines
word-reversed; ragged text has none, and a repair that turns its lines is wrong.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textrepair
from benchmarks.leaveout import counted_without
from benchmarks.metrics import wer

VARIANTS = Path(__file__).resolve().parent / "corpus" / "variants"


def evaluate(folder: Path = VARIANTS) -> list[tuple[str, str, float, float, int]]:
    """``(text, variant, raw WER, repaired WER, lines turned)`` per file."""
    config = textrepair.RepairConfig(layout=True)
    rows = []
    for text_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        source = (text_dir / "source.txt").read_text(encoding="utf-8")
        with counted_without(text_dir.name):
            for path in sorted(text_dir.glob("*__pdfjs.txt")):
                raw = path.read_text(encoding="utf-8")
                repaired = textrepair.repair_and_explain(raw, config)
                turned = sum(c.fix == "reverse_stretched_line" for c in repaired.changes)
                variant = path.name.removesuffix("__pdfjs.txt")
                scores = wer(source, raw), wer(source, repaired.text)
                rows.append((text_dir.name, variant, *scores, turned))
    return rows


def main() -> None:
    rows = evaluate()
    print("| text | variant | WER raw | WER textrepair | lines turned |")
    print("|---|---|---:|---:|---:|")
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for name, variant, raw, fixed, turned in rows:
        print(f"| {name} | {variant} | {raw:.3f} | {fixed:.3f} | {turned} |")
        groups[variant.split("_", 1)[1]].append((raw, fixed))
    print("\n| alignment, columns | files | WER raw | WER textrepair |")
    print("|---|---:|---:|---:|")
    for key, values in sorted(groups.items()):
        n = len(values)
        raw = sum(r for r, _ in values) / n
        fixed = sum(f for _, f in values) / n
        print(f"| {key} | {n} | {raw:.3f} | {fixed:.3f} |")


if __name__ == "__main__":
    main()
