"""Which extractor outputs do ``textrepair.controls`` and ``textrepair.letters`` fix?

Runs over real-extraction fixtures -- by default the project's own corpus
(``benchmarks/corpus/fixtures/<source>/<producer>__<extractor>.txt``, made by
``benchmarks/corpus/make.py``), or any folder laid out the same way at any depth, such as the
shared round-trip lab (``--root /work/shared/roundtrip``: ``seeds/<stem>/…`` and
``probe/<stem>/…``) -- each extraction with the reference ``source.txt`` beside it, and prints
the word error rate against the reference, pooled over all sources, per producer × extractor:

* ``raw``: the extraction as is;
* ``strip``: :func:`textrepair.controls.strip_controls` on every line;
* ``embed``: :func:`textrepair.controls.resolve_embeddings` (pdftotext's LRE runs put back
  in logical order, then the controls stripped);
* ``v2l``: strip, then :func:`textrepair.letters.visual_to_logical` on every Hebrew line;
* ``v2l?``: the same, but only on lines whose :func:`textrepair.letters.letter_visual_score`
  is positive (what a pipeline would do without knowing the extractor);
* ``bidi``: strip, then python-bidi's ``get_display`` on every Hebrew line (the naive
  baseline of the lab's FINDINGS.md);
* ``vis%``: share of Hebrew lines that ``letter_visual_score`` calls letter-reversed.

The reference has no running header/footer, so even a perfect repair keeps a WER of a few
per cent on these short texts. ``--corpus`` adds the exactness of
``visual_to_logical(get_display(L)) == L`` over the clean corpus sentences, for both
python-bidi layouts (Rust ``bidi.get_display``, unmirrored with N0, like PDF extractors;
pure-Python ``bidi.algorithm.get_display``, mirrored, no N0).

    python benchmarks/roundtrip.py [--root DIR] [--per-file] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bidi import get_display

from benchmarks.metrics import word_edits
from textrepair.controls import resolve_embeddings, strip_controls
from textrepair.letters import letter_visual_score, visual_to_logical
from textrepair.tokens import has_hebrew
from textrepair.wordmodel import WordModel

DEFAULT_ROOT = Path(__file__).resolve().parent / "corpus" / "fixtures"
DEFAULT_CORPUS = Path("/work/shared/corpus")
METHODS = ("raw", "strip", "embed", "v2l", "v2l?", "bidi")


def _per_line(fix: Callable[[str], str]) -> Callable[[str], str]:
    """Apply ``fix`` to each line of a text, keeping the line structure."""
    return lambda text: "\n".join(fix(line) for line in text.splitlines())


def _stripped(line: str) -> str:
    return strip_controls(line)[0]


def _v2l_all(line: str) -> str:
    line = _stripped(line)
    return visual_to_logical(line) if has_hebrew(line) else line


def _bidi(line: str) -> str:
    line = _stripped(line)
    return get_display(line, base_dir="R") if has_hebrew(line) else line


def methods(zipf: Callable[[str], float]) -> dict[str, Callable[[str], str]]:
    """The text transformations compared, by column name."""

    def gated(line: str) -> str:
        line = _stripped(line)
        if has_hebrew(line) and letter_visual_score(line, zipf) > 0:
            return visual_to_logical(line)
        return line

    return {
        "raw": lambda text: text,
        "strip": _per_line(_stripped),
        "embed": _per_line(resolve_embeddings),
        "v2l": _per_line(_v2l_all),
        "v2l?": _per_line(gated),
        "bidi": _per_line(_bidi),
    }


def fixtures(root: Path) -> list[tuple[str, str, Path]]:
    """(producer, extractor, path) of every extraction under ``root`` (not ``source.txt``).

    Searched at any depth, so both the corpus layout (``<source>/``) and the lab's
    (``<group>/<stem>/``) work.
    """
    out = []
    for path in sorted(root.rglob("*__*.txt")):
        if path.name == "source.txt" or "__" not in path.stem:
            continue
        if not (path.parent / "source.txt").exists():
            continue
        producer, extractor = path.stem.split("__", 1)
        out.append((producer, extractor, path))
    return out


def evaluate(root: Path, per_file: bool = False) -> str:
    """The Markdown table(s) of WER per producer × extractor (and per file if asked)."""
    zipf = WordModel.default().zipf
    fns = methods(zipf)
    pooled: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(
        lambda: {m: [0, 0] for m in (*METHODS, "vis%")}
    )
    rows_file = []
    for producer, extractor, path in fixtures(root):
        text = path.read_text(encoding="utf-8")
        source = (path.parent / "source.txt").read_text(encoding="utf-8")
        acc = pooled[(producer, extractor)]
        file_row = [path.parent.name, producer, extractor]
        for name in METHODS:
            edits, n = word_edits(source, fns[name](text))
            acc[name][0] += edits
            acc[name][1] += n
            file_row.append(f"{edits / n:.3f}" if n else "-")
        heb = [_stripped(x) for x in text.splitlines() if has_hebrew(x)]
        vis = sum(letter_visual_score(x, zipf) > 0 for x in heb)
        acc["vis%"][0] += vis
        acc["vis%"][1] += len(heb)
        file_row.append(f"{100 * vis / len(heb):.0f}" if heb else "-")
        rows_file.append(file_row)
    head = ["producer", "extractor", *(f"WER {m}" for m in METHODS), "vis%"]
    lines = [_md_row(head), _md_row(["---"] * len(head))]
    for (producer, extractor), acc in sorted(pooled.items()):
        cells = [f"{e / n:.3f}" if n else "-" for e, n in (acc[m] for m in METHODS)]
        e, n = acc["vis%"]
        lines.append(_md_row([producer, extractor, *cells, f"{100 * e / n:.0f}" if n else "-"]))
    out = "\n".join(lines)
    if per_file:
        head_f = ["stem", *head]
        file_lines = [_md_row(head_f), _md_row(["---"] * len(head_f))]
        file_lines += [_md_row(r) for r in rows_file]
        out += "\n\n" + "\n".join(file_lines)
    return out


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


_NUMBERS = [
    "45%",
    "1,250",
    "3.5",
    "2025",
    "18:30",
    "22/11/2026",
    "2026-02-04",
    "12–15",
    "10-15",
    "1,250 ₪",
    "$5",
    "₪5",
    "-5",
    "+972",
    "38.5%",
    "12 – 15",
    "(2025)",
    "[3]",
]
_LATIN = [
    "YouTube",
    "BERT-base",
    "www.example.org",
    "info@example.com",
    "F1",
    "COVID-19",
    "Nati Shohat/FLASH90",
    "New York",
    "(FFP)",
    "NASA",
    "C++",
]
_WRAPS = [("(", ")"), ("[", "]"), ("{", "}"), ('"', '"'), ("<", ">"), ("«", "»")]


def _decorate(words: list[str], rng: random.Random) -> str:
    """A corpus line with numbers, Latin, brackets and punctuation put in at random."""
    w = list(words)
    for _ in range(rng.randint(0, 4)):
        r = rng.random()
        if r < 0.6:
            tok = rng.choice(_NUMBERS if r < 0.35 else _LATIN)
            if tok[0].isdigit() and rng.random() < 0.3:
                tok = rng.choice(["ב־", "ל-", "כ־", "ה-", "ו"]) + tok
            w.insert(rng.randrange(len(w) + 1), tok)
        elif w:
            a = rng.randrange(len(w))
            if r < 0.85:
                b = min(len(w), a + rng.randint(1, 3)) - 1
                o, c = rng.choice(_WRAPS)
                w[a], w[b] = o + w[a], w[b] + c
            else:
                w[a] += rng.choice([",", ".", ":", ";", "?"])
    return " ".join(w)


def corpus_roundtrip(corpus: Path) -> str:
    """Exactness of ``visual_to_logical`` after python-bidi's two layouts, as Markdown."""
    from bidi.algorithm import get_display as py_get_display

    rng = random.Random(7)
    plain, decorated = [], []
    for path in sorted(corpus.glob("ud*.txt")):
        for para in path.read_text(encoding="utf-8").splitlines():
            words = para.split()
            for i in range(0, len(words), 12):
                chunk = words[i : i + 12]
                plain.append(" ".join(chunk))
                decorated.append(_decorate(chunk, rng))
    head = [
        "lines",
        "n",
        "Rust get_display, auto",
        "algorithm.get_display, auto",
        "Rust, mirrored=False",
        "algorithm, mirrored=True",
    ]
    out = [_md_row(head), _md_row(["---"] * len(head))]
    for name, lines in (("corpus as is", plain), ("decorated", decorated)):
        rust = [get_display(x, base_dir="R") for x in lines]
        pure = [py_get_display(x, base_dir="R") for x in lines]
        rates = [
            sum(visual_to_logical(v, mode) == x for v, x in zip(vis, lines, strict=True))
            / len(lines)
            for vis, mode in ((rust, None), (pure, None), (rust, False), (pure, True))
        ]
        out.append(_md_row([name, str(len(lines)), *(f"{r:.4f}" for r in rates)]))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="round-trip lab folder")
    parser.add_argument("--per-file", action="store_true", help="also one row per file")
    parser.add_argument(
        "--corpus",
        type=Path,
        nargs="?",
        const=DEFAULT_CORPUS,
        default=None,
        help="also measure the python-bidi round trip on ud*.txt in this folder",
    )
    args = parser.parse_args(argv)
    if not fixtures(args.root):
        print(f"no fixtures under {args.root}", file=sys.stderr)
        return 1
    print(evaluate(args.root, args.per_file))
    if args.corpus is not None:
        print()
        print(corpus_roundtrip(args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
