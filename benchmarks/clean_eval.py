"""Clean documents through the CLI's default repair: is any word moved or changed?

Run from the repository root::

    python -m benchmarks.clean_eval               # 400 documents
    python -m benchmarks.clean_eval --docs 1000 --show 3

``textrepair fix`` runs line repair and the layout stage on every text it is given, and
most texts people feed it are partly or wholly fine. This lays out consecutive paragraphs
of held-out text (the clean seeds and the 001/002 gold, ``tests/surgery_damage.HELDOUT``)
in the ways clean documents come: 35-110 characters a line, paragraphs parted by a blank
line or not, numbers, Latin, URLs and brackets among the words (``INSERTS``), headings,
lists (numbered, bulleted, dashed), the last paragraph sometimes without its full stop,
sometimes a signature or a date after it; then the same again, every paragraph's lines
but its last justified with spaces (gaps of one to several spaces, as a plain-text page
has them, and a pdfminer page once repaired). Each is repaired with
``RepairConfig(layout=True)`` and compared with its own words: the share left word for
word as it was is the measure, and the documents that changed are counted by what
changed them.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textrepair
from benchmarks.heldout import damage, heldout_texts
from benchmarks.quality import sample_edits

# What running text holds besides Hebrew words: numbers, ranges, dates and times,
# currency, percentages, Latin names, URLs, brackets, quotes, abbreviations.
INSERTS = (
    "10-15",
    "2023:",
    "40%",
    "(כך)",
    "ב-26",
    "Google",
    "https://www.gov.il/he",
    "iPhone 15",
    "COVID-19",
    "₪120",
    "3.5",
    "[1]",
    '"כך"',
    'ת"א',
    'יו"ר',
    "1948–1949",
    "12:30",
    "22/11/2026",
    "ה-1,250",
    "(ראו להלן)",
    "(2019)",
    "e-mail",
    "–",
)
SIGNATURES = ("קובי פינקלר", "מאת: ישראל ישראלי", "2024", "סוף דבר", "תודה לקוראים")
_FINAL_PUNCT = re.compile(r"[.!?…\"'”’»)]+$")


def _items(rng: random.Random, paragraph: str) -> list[str]:
    """A short list made of a paragraph's words: numbered, bulleted or dashed items."""
    words = paragraph.split()
    mark = rng.choice(("{}.", "{})", "•", "-"))
    out = []
    for n in range(1, rng.randint(3, 5) + 1):
        size = rng.randint(2, 7)
        start = rng.randrange(max(1, len(words) - size))
        out.append(f"{mark.format(n)} {' '.join(words[start : start + size])}")
    return out


def _spaced(rng: random.Random, lines: list[str], width: int) -> list[str]:
    """A paragraph's lines justified with spaces, as a plain-text page (or a pdfminer page
    repaired) has them: each but the last filled to ``width``, the spaces it lacks put
    in its gaps at random."""
    out = list(lines)
    for k, line in enumerate(lines[:-1]):
        words = line.split()
        if len(words) < 2:
            continue
        gaps = [1] * (len(words) - 1)
        for _ in range(width - len(line)):
            gaps[rng.randrange(len(gaps))] += 1
        out[k] = "".join(w + " " * g for w, g in zip(words, [*gaps, 0], strict=True))
    return out


def document(rng: random.Random, texts: list[list[str]], spaced: bool = False) -> str:
    """One clean document (see the module docstring); ``spaced``: justified with spaces."""
    src = rng.choice(texts)
    count = rng.randint(2, 12)
    start = rng.randrange(max(1, len(src) - count))
    paragraphs = list(src[start : start + count])
    if rng.random() < 0.3:  # a heading: a few words of the next paragraph, no full stop
        k = rng.randrange(len(paragraphs))
        paragraphs.insert(k, " ".join(paragraphs[k].split()[: rng.randint(2, 5)]).rstrip(".,:"))
    if rng.random() < 0.3:  # a list after a paragraph that announces it
        k = rng.randrange(len(paragraphs))
        paragraphs[k] = _FINAL_PUNCT.sub("", paragraphs[k]) + ":"
        paragraphs[k + 1 : k + 1] = _items(rng, max(paragraphs, key=len))
    for k, paragraph in enumerate(paragraphs):
        if rng.random() < 0.3:
            words = paragraph.split()
            for _ in range(rng.randint(1, 3)):
                words.insert(rng.randrange(len(words) + 1), rng.choice(INSERTS))
            paragraphs[k] = " ".join(words)
    if rng.random() < 0.3:
        paragraphs[-1] = _FINAL_PUNCT.sub("", paragraphs[-1])
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(SIGNATURES))
    width = rng.randint(35, 110)
    sep = "\n\n" if rng.random() < 0.6 else "\n"
    blocks = [damage.justify(p, width) for p in paragraphs]
    if spaced:
        blocks = [_spaced(rng, lines, width) for lines in blocks]
    return sep.join("\n".join(lines) for lines in blocks) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=0, help="print this many changed documents")
    args = parser.parse_args(argv)
    texts = heldout_texts()
    for spaced in (False, True):
        _evaluate(texts, args.docs, args.seed, args.show, spaced)


def _evaluate(texts: list[list[str]], docs: int, seed: int, show: int, spaced: bool) -> None:
    """Repair ``docs`` documents and print how many came back word for word."""
    rng = random.Random(seed)
    config = textrepair.RepairConfig(layout=True)
    kept, by_fix, shown = 0, Counter[str](), 0
    for _ in range(docs):
        text = document(rng, texts, spaced)
        out = textrepair.repair(text, config)
        if out.split() == text.split():
            kept += 1
            continue
        lines = textrepair.repair_and_explain(text)  # the line fixes alone
        if lines.text.split() != text.split():
            by_fix.update({change.fix for change in lines.changes})
        else:
            by_fix["the layout stage"] += 1
        if shown < show:
            shown += 1
            print("\n".join(f"  {e}" for e in sample_edits(text, out, 4)))
    kind = "justified with spaces" if spaced else "clean documents"
    print(f"{kind} left word for word: {kept}/{docs}")
    for fix, n in by_fix.most_common():
        print(f"  changed by {fix}: {n}")


if __name__ == "__main__":
    main()
