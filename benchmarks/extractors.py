"""The extractor bar: every real extraction in the shared round-trip lab, repaired line by line.

Run from the repository root::

    python -m benchmarks.extractors                 # table + verdict, exit 1 if a bar fails
    python -m benchmarks.extractors --edits 4       # + sample edits of every fixture over its bar
    python -m benchmarks.extractors --root DIR      # another lab laid out the same way

The lab (``../shared/roundtrip/seeds/<source>/<producer>__<extractor>.txt`` beside the
``source.txt`` that was typeset) holds what real PDF producers and extractors make of two
clean Hebrew texts. Each extraction is repaired with the layout stage off (``textrepair.repair``
with the default config: line k of the output is line k of the input) and compared with
``source.txt`` as a word sequence (whitespace-normalised WER).

Why a *furniture allowance*: the page header and footer the producers typeset ("המגזין
המדיני · גיליון 12 · נובמבר 2026", "עמוד N מתוך M") are in every extraction and not in the
reference, so without the layout stage they are insertions that no line repair should
remove. The bar for a fixture is ``WER <= furniture share + 2%``, where the furniture share
is the number of words on the extraction's header/footer lines over the reference's words.
A header/footer line is recognised by its words alone -- every word, letters sorted (so a
letter-reversed line counts the same), is a word of the known header/footer texts or a
number -- which is a fact of how this lab was made, not something textrepair is told.

Out of scope (owned by the layout issue): ``pdftotext_layout`` (two columns side by side on
one line) and pdfminer / pdfplumber on two-column producers (columns mixed line by line).
They are listed, not judged.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NamedTuple

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import regex

import textrepair
from benchmarks.metrics import wer, words
from benchmarks.quality import sample_edits

LAB = Path(__file__).resolve().parents[2] / "shared" / "roundtrip" / "seeds"
ALLOWANCE = 0.02
HEADER_FOOTER = "המגזין המדיני · גיליון נובמבר עמוד מתוך"
TWO_COLUMN_PRODUCERS = ("lo_2col", "weasy_2col")
COLUMN_MIXING_EXTRACTORS = ("pdfminer", "pdfplumber")


def _key(word: str) -> str:
    """A word's letters, sorted: the same for a word and its letter-reversal."""
    return "".join(sorted(word))


_FURNITURE_KEYS = frozenset(_key(w) for w in regex.findall(r"\p{L}+", HEADER_FOOTER))


def _is_furniture_word(token: str) -> bool:
    """Every piece of the token (extractors glue numbers to words) is a furniture word."""
    pieces = regex.findall(r"\p{L}+|\p{N}+", token)
    return all(p.isdigit() or _key(p) in _FURNITURE_KEYS for p in pieces)


def furniture_words(extraction: str) -> int:
    """Words of header/footer text in the extraction.

    A line made only of furniture tokens and a letter counts whole; in other lines the leading
    and trailing runs of furniture tokens count when they hold at least two
    furniture words (extractors merge a footer, the next page's header and a body line).
    """
    total = 0
    for line in extraction.splitlines():
        tokens = regex.sub(r"\p{Cf}", " ", line).split()  # bidi controls glue words
        flags = [_is_furniture_word(t) for t in tokens]
        if all(flags):
            if any(regex.search(r"\p{L}", t) for t in tokens):
                total += len(tokens)
            continue
        lead = flags.index(False)
        trail = flags[::-1].index(False)
        runs = [tokens[:lead], tokens[len(tokens) - trail :]]
        for run in runs:
            if sum(bool(regex.search(r"\p{L}", t)) for t in run) >= 2:
                total += len(run)
    return total


def in_scope(producer: str, extractor: str) -> bool:
    """Whether the line-repair bar judges this pair (see the module doc)."""
    if extractor == "pdftotext_layout":
        return False
    return not (producer in TWO_COLUMN_PRODUCERS and extractor in COLUMN_MIXING_EXTRACTORS)


class Result(NamedTuple):
    source: str
    producer: str
    extractor: str
    wer_raw: float
    wer_repaired: float
    furniture: float
    judged: bool
    reference: str
    repaired: str

    @property
    def bar(self) -> float:
        return self.furniture + ALLOWANCE

    @property
    def passed(self) -> bool:
        return self.wer_repaired <= self.bar + 1e-12


def evaluate(root: Path = LAB) -> list[Result]:
    """Every extraction under ``root`` repaired and scored against its ``source.txt``."""
    results = []
    for source in sorted(root.glob("*/source.txt")):
        reference = source.read_text(encoding="utf-8")
        n_ref = max(1, len(words(reference)))
        for path in sorted(source.parent.glob("*__*.txt")):
            producer, extractor = path.stem.split("__", 1)
            raw = path.read_text(encoding="utf-8")
            repaired = textrepair.repair(raw)
            results.append(
                Result(
                    source.parent.name,
                    producer,
                    extractor,
                    wer(reference, raw),
                    wer(reference, repaired),
                    furniture_words(raw) / n_ref,
                    in_scope(producer, extractor),
                    reference,
                    repaired,
                )
            )
    return results


def table(results: list[Result]) -> str:
    rows = [
        "| source | producer | extractor | WER raw | WER repaired | furniture | bar | verdict |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        verdict = ("pass" if r.passed else "**FAIL**") if r.judged else "layout issue"
        rows.append(
            f"| {r.source[:12]} | {r.producer} | {r.extractor} | {r.wer_raw:.3f} | "
            f"{r.wer_repaired:.3f} | {r.furniture:.3f} | {r.bar:.3f} | {verdict} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=LAB, help="lab folder (default: %(default)s)")
    parser.add_argument("--edits", type=int, default=0, help="sample edits per failing fixture")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"no round-trip lab at {args.root}", file=sys.stderr)
        return 2
    results = evaluate(args.root)
    print(table(results))
    judged = [r for r in results if r.judged]
    failed = [r for r in judged if not r.passed]
    mean = sum(r.wer_repaired for r in judged) / max(1, len(judged))
    print(
        f"\n{len(judged) - len(failed)} of {len(judged)} judged fixtures within their bar "
        f"(mean WER {mean:.3f}); {len(results) - len(judged)} left to the layout issue."
    )
    for r in failed if args.edits else []:
        print(f"\n{r.source} {r.producer} {r.extractor}: WER {r.wer_repaired:.3f} > {r.bar:.3f}")
        for edit in sample_edits(r.reference, r.repaired, limit=args.edits):
            print("  " + edit)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
