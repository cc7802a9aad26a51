"""Light checks of the benchmark tooling: the fixture corpus is complete, and the quality and
throughput code runs end to end on something small.

No timing and no quality bars here (those live in ``benchmarks/``); the point is that the
committed fixtures and the scripts that read them cannot silently drift apart.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # ``benchmarks`` is a package at the repo root, not installed
    sys.path.insert(0, str(REPO))

make = importlib.import_module("benchmarks.corpus.make")
quality = importlib.import_module("benchmarks.quality")
throughput = importlib.import_module("benchmarks.throughput")

FIXTURES = REPO / "benchmarks" / "corpus" / "fixtures"
MAX_CORPUS_BYTES = 1_400_000  # keep the committed corpus small (1.33 MB, 193 KB gzipped)


def test_fixture_corpus_is_complete() -> None:
    """Every source has its clean text and one extraction per producer x extractor."""
    sources = [name for name, *_ in make.SOURCES]
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(sources)
    assert set(make.PRODUCERS) == set(quality.PRODUCERS)
    assert set(make.EXTRACTORS) == set(quality.EXTRACTORS)
    for source in sources:
        folder = FIXTURES / source
        reference = (folder / "source.txt").read_text(encoding="utf-8")
        assert len(reference.split()) > 100
        for producer in make.PRODUCERS:
            for extractor in make.EXTRACTORS:
                path = folder / f"{producer}__{extractor}.txt"
                assert path.is_file(), path
                assert path.read_bytes().decode("utf-8").strip(), path
    assert "pdftotext" in (FIXTURES / "versions.txt").read_text(encoding="utf-8")
    assert (FIXTURES / "failures.txt").read_text(encoding="utf-8") == ""
    total = sum(p.stat().st_size for p in FIXTURES.rglob("*") if p.is_file())
    assert total < MAX_CORPUS_BYTES


def test_corpus_credits_the_treebanks() -> None:
    """The UD-derived fixtures are CC BY-SA 4.0: the corpus README must say so."""
    text = (REPO / "benchmarks" / "corpus" / "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in text
    assert "IAHLT" in text


def test_naive_methods() -> None:
    assert quality._revwords("שלום עולם\nabc def") == "עולם שלום\nabc def"
    assert quality._bidi("םולש") == "שלום"


def test_quality_table_on_one_fixture(tmp_path: Path) -> None:
    """Score a single small fixture through the same path as the full run."""
    src = FIXTURES / "seed000"
    dst = tmp_path / "seed000"
    dst.mkdir()
    shutil.copy(src / "source.txt", dst / "source.txt")
    shutil.copy(src / "lo_1col__pdfminer.txt", dst / "lo_1col__pdfminer.txt")
    rows = quality.corpus_rows(tmp_path)
    assert len(rows) == 1
    row = rows[0]
    assert (row.source, row.producer, row.extractor) == ("seed000", "lo_1col", "pdfminer")
    assert set(row.scores) == set(quality.METHODS)
    raw, bidi = row.scores["raw"], row.scores["bidi"]
    assert raw.wer is not None and raw.wer > 0.5  # pdfminer gives visual order
    assert bidi.wer is not None and bidi.wer < raw.wer
    assert all(s.exact is None for s in row.scores.values())  # lines do not align
    report = quality.markdown(rows, 0.0)
    assert "seed000 lo_1col pdfminer" in report
    assert "## Mean per extractor" in report


def test_error_kinds_tell_what_is_left_wrong() -> None:
    """The kinds a fixture's errors are counted under (the reason it is above the bar):
    each damage below is one kind, and a clean output has none."""
    reference = "ועדת הכנסת דנה היום בהצעה (החדשה) לשנות את חוק הבחירות ולקצר את הדיון"
    ref = reference.split()
    block = " ".join(ref[6:9] + ref[:6] + ref[9:])  # three words put before the line's start
    swapped = " ".join([*ref[:-2], ref[-1], ref[-2]])
    mirrored = reference.replace("(החדשה)", ")החדשה(")
    split = reference.replace("הכנסת", "הכנ סת")
    header = "גיליון 7 " + reference
    misread = reference.replace("הבחירות", "הבחירוח")
    cut = " ".join(ref[:-3])
    expected = {
        block: ("moved text", 6),
        swapped: ("word order", 1),
        mirrored: ("marks", 1),
        split: ("spacing", 2),
        header: ("added", 2),
        misread: ("substituted", 1),
        cut: ("lost", 3),
    }
    for hypothesis, (kind, count) in expected.items():
        kinds = quality.error_kinds(reference, hypothesis)
        assert {k: n for k, n in kinds.items() if n} == {kind: count}, (kind, kinds)
    assert not any(quality.error_kinds(reference, reference).values())
    assert quality._kinds_text({"moved text": 3, "marks": 1}) == "moved text 75%, marks 25%"


def test_learning_curve_counts_more_words_for_more_files() -> None:
    """The word model's learning curve: one row per number of files counted, each
    counting more words than the last, with a share of lines read the right way round."""
    wordmodel_eval = importlib.import_module("benchmarks.wordmodel_eval")
    files = sorted(wordmodel_eval.CORPUS.glob("*.txt"))[:3]
    if len(files) < 3:
        pytest.skip("the shared corpus is not beside the checkout")
    texts = {f.stem: f.read_text(encoding="utf-8").splitlines()[:12] for f in files}
    rows = wordmodel_eval.learning_curve(texts, frozenset())
    cells = [row.strip("|").split("|") for row in rows[2:]]
    assert [int(c[0]) for c in cells] == [1, 2]
    counted = [int(c[1]) for c in cells]
    assert counted[0] < counted[1]
    assert all(0.0 <= float(c[2].strip(" %")) <= 100.0 for c in cells)


def test_throughput_inputs_do_not_repeat() -> None:
    gen = throughput.Generator(seed=3)
    broken = gen.text(60_000, "broken")
    clean = gen.text(60_000, "clean")
    assert len(broken.encode("utf-8")) >= 60_000
    assert broken != clean
    if gen.sentences:  # the shared corpus is beside the checkout
        assert throughput.distinct_line_share(broken) > 0.8
        assert throughput.distinct_line_share(clean) > 0.8


def test_word_model_direction_table() -> None:
    """The word-model benchmark scores lines both ways: a reversed line reads worse, and a
    line and its reverse trade places exactly (the margin is antisymmetric)."""
    wordmodel_eval = importlib.import_module("benchmarks.wordmodel_eval")
    model = wordmodel_eval.WordModel.default()
    lines = wordmodel_eval.wrapped(["הממשלה החליטה אתמול על הקמת ועדה לבדיקת הנושא"], 30)
    assert lines and all(len(words) >= 3 for words in lines)
    right, margin = wordmodel_eval.direction(model, lines)
    back_right, back_margin = wordmodel_eval.direction(model, [w[::-1] for w in lines])
    assert back_margin == -margin
    assert right + back_right <= len(lines)


def test_leaveout_swaps_the_word_model_and_puts_it_back() -> None:
    """The leave-out benchmark repairs with a model that never counted the fixture's text:
    inside its context the default model lacks word pairs only that text has, and after
    it the bundled model is back."""
    leaveout = importlib.import_module("benchmarks.leaveout")
    from textrepair.wordmodel import WordModel

    ud03 = (leaveout.CORPUS / "ud03.txt").read_text(encoding="utf-8")
    bundled = dict(WordModel.default().words)
    with leaveout.counted_without("ud03"):
        inside = WordModel.default().words
    only = set(bundled) - set(inside)
    assert only
    assert all(key.split()[0] in ud03 for key in sorted(only)[:200])
    assert dict(WordModel.default().words) == bundled
