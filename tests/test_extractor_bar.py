"""The extractor bar (``benchmarks/extractors.py``) on the shared round-trip lab.

Issue 3's bar -- every judged extraction within its furniture allowance plus 2% -- is not
met yet (see the benchmark's failures); this test holds the ground gained so that no change
loses a fixture, and checks the furniture accounting the bar rests on.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # ``benchmarks`` is a package at the repo root, not installed
    sys.path.insert(0, str(REPO))

from benchmarks import extractors  # noqa: E402

LAB_PRESENT = extractors.LAB.is_dir()
FLOOR_PASSED = 71  # judged fixtures within their bar on 2026-12-07 (of 76)
FLOOR_MEAN_WER = 0.06
FLOOR_WITH_LAYOUT = 73  # the same fixtures repaired with the layout stage, 2026-12-07


def test_furniture_words_whatever_the_extractor_did() -> None:
    header = "המגזין המדיני · גיליון 12 · נובמבר 2026"
    reversed_letters = " ".join(w[::-1] for w in reversed(header.split()))
    glued = "2026  · נובמבר12 המגזין המדיני · גיליון"
    body = "שר החוץ גדעון סער נפגש בבאקו"
    assert extractors.furniture_words(header) == 8
    assert extractors.furniture_words(reversed_letters) == 8
    assert extractors.furniture_words(glued) == 8  # counted as typeset: "נובמבר 12"
    assert extractors.furniture_words(body) == 0
    assert extractors.furniture_words(f"{body} עמוד 1 מתוך 3") == 4
    assert extractors.furniture_words("2026") == 0  # a number alone is not furniture


def test_furniture_is_the_pages_however_the_extractor_spaced_it() -> None:
    """One page's header and footer are one allowance, whichever spaces an extractor
    dropped at a change of direction or wherever it broke the header into lines."""
    spaced = "המגזין המדיני · גיליון 12 · נובמבר 2026\nגוף הטקסט כאן\nעמוד 1 מתוך 3"
    glued = "המגזין המדיני  גיליון\n·12\n ·  נובמבר2026\nגוף הטקסט כאן\nעמוד1\nמתוך3"
    assert extractors.furniture_words(spaced) == extractors.furniture_words(glued) == 12
    assert extractors.furniture_words("גוף הטקסט כאן\n·12") == 0  # no header line beside it


def test_scope_follows_the_issue() -> None:
    assert not extractors.in_scope("lo_1col", "pdftotext_layout")
    assert not extractors.in_scope("weasy_2col", "pdfminer")
    assert extractors.in_scope("lo_1col", "pdfminer")
    assert extractors.in_scope("lo_2col", "pdftotext")


@pytest.mark.skipif(not LAB_PRESENT, reason="../shared/roundtrip not present")
def test_no_judged_fixture_is_lost() -> None:
    results = [r for r in extractors.evaluate() if r.judged]
    passed = [r for r in results if r.passed]
    assert len(results) >= 70
    assert len(passed) >= FLOOR_PASSED, [
        (r.source, r.producer, r.extractor, round(r.wer_repaired, 3))
        for r in results
        if not r.passed
    ]
    assert sum(r.wer_repaired for r in results) / len(results) <= FLOOR_MEAN_WER
    assert sum(r.wer_layout <= r.bar for r in results) >= FLOOR_WITH_LAYOUT
    assert all(r.wer_repaired <= r.wer_raw for r in results)  # clean extractions stay
