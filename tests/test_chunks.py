"""Lines of an extractor that displays each chunk on its own (PDFBox): ``textrepair.chunks``."""

from __future__ import annotations

import random
import re
from pathlib import Path

import damage
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair
from textrepair.chunks import chunks_to_logical, display
from textrepair.letters import runs_to_logical
from textrepair.wordmodel import WordModel

FIXTURES = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus" / "fixtures"
_MIXED = re.compile(r"[0-9A-Za-z]")
_BRACKETS = str.maketrans(")]}>", "([{<")


def _mixed_corpus_lines() -> list[str]:
    lines = [ln for p in damage.corpus_paragraphs() for ln in damage.wrap(p, random.Random(7))]
    return [ln for ln in lines if damage.has_hebrew(ln) and _MIXED.search(ln)]


def _letters(text: str) -> list[str]:
    """The characters of a text but spaces, a bracket counted as its opening form."""
    return sorted(text.translate(_BRACKETS).replace(" ", ""))


def test_display_is_its_own_inverse_on_a_chunk() -> None:
    """Why the repair works: PDFBox's display of a chunk, displayed again, is the chunk."""
    content = damage.mutool_runs("בדם של גורמי קרישה (INR>1.5) או רמות נמוכות של חלבוני דם")
    shown = display(content)
    assert shown == "( או רמות נמוכות של חלבוני דםINR>1.5בדם של גורמי קרישה )"
    assert display(shown, "R") == content


def test_simulated_pdfbox_lines_come_back() -> None:
    """Mixed corpus lines written as PDFBox writes a LibreOffice line no gap cuts
    (:func:`damage.pdfbox_chunk`) come back word for word (measured: 109 of 110)."""
    model = WordModel.default()
    lines = _mixed_corpus_lines()
    assert len(lines) >= 100
    back = sum(
        chunks_to_logical(damage.pdfbox_chunk(ln), model).strip(" ") == " ".join(ln.split())
        for ln in lines
    )
    assert back >= 0.95 * len(lines)


def test_real_pdfbox_lines_read_as_their_mutool_twins() -> None:
    """On the fixtures, a mixed PDFBox line of a LibreOffice PDF reads as the same PDF's
    mutool line (the content order) read run by run (measured: 64 of 65)."""
    model = WordModel.default()
    total = same = 0
    for path in sorted(FIXTURES.glob("*/lo_*__pdfbox.txt")):
        twins = path.with_name(path.name.replace("__pdfbox", "__mutool")).read_text(
            encoding="utf-8"
        )
        by_letters = {"".join(sorted(t.replace(" ", ""))): t for t in twins.splitlines()}
        for line in path.read_text(encoding="utf-8").splitlines():
            twin = by_letters.get("".join(sorted(line.replace(" ", ""))))
            if twin is None or not (damage.has_hebrew(line) and _MIXED.search(line)):
                continue
            total += 1
            want = " ".join(runs_to_logical(twin, in_order=True).split())
            same += " ".join(chunks_to_logical(line, model).split()) == want
    assert total >= 50
    assert same >= 0.9 * total


@settings(derandomize=True, deadline=None, max_examples=300)
@given(seed=st.integers(0, 10**6))
def test_nothing_lost_or_invented(seed: int) -> None:
    """Whatever reading wins, the line keeps its characters (a bracket may turn round)."""
    line = damage.lexicon_line(random.Random(seed))
    shown = damage.pdfbox_chunk(line)
    assert _letters(chunks_to_logical(shown, WordModel.default())) == _letters(shown)


def _pdfbox_line(line: str) -> str:
    """A line as PDFBox writes a justified LibreOffice line: a mixed line as one chunk
    (:func:`damage.pdfbox_chunk`), a Hebrew one word by word, left to right, two spaces
    apart (each word a chunk, read back to its letters' order)."""
    if _MIXED.search(line):
        return damage.pdfbox_chunk(line)
    return "  ".join(reversed(line.split()))


def test_a_pdfbox_document_comes_back() -> None:
    """A document of corpus lines written by PDFBox from LibreOffice is read back: its
    mixed lines line by line."""
    lines = [ln for p in damage.corpus_paragraphs()[:60] for ln in damage.wrap(p, random.Random(3))]
    text = "\n".join(map(_pdfbox_line, lines)) + "\n"
    out = textrepair.repair(text).splitlines()
    mixed = [k for k, ln in enumerate(lines) if _MIXED.search(ln)]
    assert len(mixed) >= 20
    assert sum(out[k].strip(" ") == lines[k] for k in mixed) >= 0.9 * len(mixed)


def test_only_pdfbox_extractions_are_read_by_chunks() -> None:
    """The glue that shows chunks displayed on their own recurs only in PDFBox's
    extractions of LibreOffice PDFs (19 of the 20 in the fixtures and held-out set; none of
    any other extractor's)."""
    read: dict[str, bool] = {}
    for path in sorted(FIXTURES.glob("*/*__*.txt")):
        changes = textrepair.repair_and_explain(path.read_text(encoding="utf-8")).changes
        read[path.parent.name + "/" + path.stem] = any(
            c.fix == "chunks_to_logical" for c in changes
        )
    assert read
    for name, chunked in read.items():
        if chunked:
            assert name.endswith("__pdfbox") and "/lo_" in name, name
    assert sum(read.values()) >= 6
