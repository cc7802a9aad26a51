"""Tests for the streaming repair (``textrepair.repair_lines``) and the pipeline recipes.

The streaming repair must give exactly ``textrepair.repair`` for an input that fits in one
window, the same text however the input is cut into chunks, line numbers that stay the
input's across windows, a document diagnosis that does not flip between windows, and
memory that does not grow with the input. Everything a worker process needs must pickle,
and the Dask recipe of ``docs/pipelines.md`` must run.
"""

from __future__ import annotations

import functools
import itertools
import pickle
import random
import textwrap
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

import textrepair
import textrepair.stream
from textrepair import io as tio
from textrepair import stream
from textrepair.explain import Change, Repaired

SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
# Seed 003's words are cut at glyph runs, so its repair runs the token search (about 20 s
# a pass); the tests of stream mechanics use the other seeds, and 003 has its own test.
MECHANICS_SEEDS = [p for p in SEEDS if not p.name.startswith("003")]
LINES_ONLY = textrepair.RepairConfig()
DOCUMENT = textrepair.RepairConfig(layout=True)


def seed(key: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(key)).read_text(encoding="utf-8")


def joined(lines: Iterator[str]) -> str:
    return "".join(lines)


def cut(text: str, rng: random.Random, most: int = 120) -> list[str]:
    """``text`` in chunks of random length: lines, line endings and CRLFs cut anywhere."""
    out, i = [], 0
    while i < len(text):
        n = rng.randint(1, most)
        out.append(text[i : i + n])
        i += n
    return out


# --------------------------------------------------------------------------- equivalence


@pytest.mark.parametrize("config", [LINES_ONLY, DOCUMENT], ids=["lines", "document"])
@pytest.mark.parametrize("path", MECHANICS_SEEDS, ids=lambda p: p.name[:3])
def test_one_window_is_exactly_repair(path: Path, config: textrepair.RepairConfig) -> None:
    text = path.read_text(encoding="utf-8")
    assert joined(textrepair.repair_lines(text.splitlines(keepends=True), config)) == (
        textrepair.repair(text, config)
    )


@pytest.mark.parametrize("config", [LINES_ONLY, DOCUMENT], ids=["lines", "document"])
def test_chunking_does_not_change_the_repair(config: textrepair.RepairConfig) -> None:
    text = seed("002").replace("\n", "\r\n")  # CRLF: a chunk may end between \r and \n
    rng = random.Random(7)
    by_lines = joined(stream.repair_lines(text.splitlines(keepends=True), config, window_lines=40))
    for _ in range(3):
        chunks = cut(text, rng)
        assert joined(stream.repair_lines(chunks, config, window_lines=40)) == by_lines
    assert joined(stream.repair_lines(iter(text), config, window_lines=40)) == by_lines


def test_lone_cr_at_chunk_end_is_one_line_ending() -> None:
    windows = list(stream.repair_windows(["אחת\r", "\nשתיים\r", "שלוש\r", "\n"], LINES_ONLY))
    assert joined(w.text for w in windows) == "אחת\r\nשתיים\rשלוש\r\n"
    assert windows[0].source.splitlines(keepends=True) == ["אחת\r\n", "שתיים\r", "שלוש\r\n"]


def test_windowed_repair_stays_close_to_whole_document() -> None:
    """Small windows: the repair of a visual document is still the whole document's."""
    text = seed("002")
    whole = textrepair.repair(text).splitlines()
    windowed = joined(stream.repair_lines(text, window_lines=50)).splitlines()
    assert len(windowed) == len(whole)
    same = sum(a == b for a, b in zip(whole, windowed, strict=True))
    assert same >= 0.98 * len(whole), f"{same}/{len(whole)} lines as in the whole repair"


def test_diagnosis_is_fixed_from_the_first_lines() -> None:
    """Seed 003's wide gaps make it fragment-visual only over its whole text (7 of 98
    lines); a 50-line window has too few, and is told visual by its cut words alone.

    The document's diagnosis, made on its first lines and then fixed, repairs every window
    under the whole document's verdict, token surgery included. The word-order model is
    still adapted to each window's own lines, and the search is sensitive to it where two
    readings score close: a few lines may read differently (measured: 5 of 210).
    """
    text = seed("003")
    whole = textrepair.repair_and_explain(text)
    assert whole.diagnosis.regime.value == "fragment-visual" and whole.diagnosis.cut_runs
    windows = list(stream.repair_windows(text, window_lines=50))
    assert len(windows) > 3
    assert {w.diagnosis for w in windows} == {whole.diagnosis}
    windowed = joined(w.text for w in windows).splitlines()
    pairs = list(zip(windowed, whole.text.splitlines(), strict=True))
    assert len(pairs) == len(text.splitlines())
    assert sum(a == b for a, b in pairs) >= 0.96 * len(pairs)
    alone = textrepair.repair_and_explain(windows[1].source).diagnosis
    assert alone.multi_gap_lines < 3  # the wide gaps alone would leave the window logical
    assert alone.cut_runs  # its cut words do not


def test_diagnose_only_run_does_not_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """The read-ahead diagnosis of a document cut at glyph runs must not pay for the
    token search (seconds per page) only to throw its lines away."""
    from textrepair import surgery

    text = seed("003")
    plain = textrepair.RepairConfig(token_surgery=False)  # the verdict does not depend on it
    expected = textrepair.repair_and_explain(text, plain).diagnosis
    assert expected.cut_runs

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("token surgery ran in a diagnose-only pass")

    monkeypatch.setattr(surgery, "repair_tokens", refuse)
    assert stream._diagnose_only(text, LINES_ONLY) == expected


@pytest.mark.parametrize("config", [LINES_ONLY, DOCUMENT], ids=["lines", "document"])
@pytest.mark.parametrize("path", MECHANICS_SEEDS, ids=lambda p: p.name[:3])
def test_diagnose_only_run_matches_the_full_repair(
    path: Path, config: textrepair.RepairConfig
) -> None:
    """The read-ahead diagnosis switches the line fixes off: the verdict must not move."""
    text = path.read_text(encoding="utf-8")
    assert (
        stream._diagnose_only(text, config) == textrepair.repair_and_explain(text, config).diagnosis
    )


def test_changes_are_numbered_in_input_lines() -> None:
    text = seed("002")
    windows = list(stream.repair_windows(text, window_lines=30))
    out = joined(w.text for w in windows).splitlines()
    last: dict[int, Change] = {}
    for window in windows:
        first, count = window.first_line, len(window.source.splitlines())
        for change in window.changes:
            assert first <= change.line < first + count
            last[change.line] = change
    assert len(last) > 50
    for line, change in last.items():  # (a fix may report its line without edge spaces)
        assert out[line - 1].split() == change.after.split()


def test_layout_windows_cut_at_page_breaks() -> None:
    page = "".join(f"שורה {n} של העמוד, עם מילים רבות בה.\n" for n in range(30))
    text = "\f".join([page] * 6)
    windows = list(stream.repair_windows(text, DOCUMENT, window_lines=40))
    assert len(windows) > 2
    assert all(w.source.endswith("\f") or "\f" not in w.source[-80:] for w in windows[:-1])
    assert all(w.source.rstrip("\n").endswith("\f") for w in windows[:-1])


def test_a_window_cut_after_a_page_break_is_not_glued_to_the_next() -> None:
    """pdftotext's pages end ``\\n\\f``; a window cut there whose layout drops the page's
    footer and form feed still ends its last line, so every line of the streamed output
    is a line of the input (the header of one window glued to the title of the next was
    once the result)."""
    paragraphs = [p for key in ("000", "004") for p in seed(key).splitlines() if p.strip()]
    lines = [line for p in paragraphs for line in textwrap.wrap(p, 50)]
    pages = [lines[k : k + 10] for k in range(0, len(lines), 10)]
    text = "".join(
        "\n".join(["כתב העת לדוגמה · גיליון 7", "", *body, "", f"עמוד {k + 1}"]) + "\n\n\f"
        for k, body in enumerate(pages)
    )
    windows = list(stream.repair_windows(text, DOCUMENT, window_lines=45))
    assert len(windows) > 3
    out = "".join(w.text for w in windows).split("\n")
    assert set(out) - {""} <= set(text.replace("\f", "").split("\n"))
    assert [line for line in out if line in set(lines)] == lines


# --------------------------------------------------------------------------- long lines and memory


def test_too_long_line_passes_through_in_pieces() -> None:
    long_line = "מילה  " * 2000 + "\n"
    text = "שורה ראשונה.\n" + long_line + "שורה אחרונה.\n"
    windows = list(stream.repair_windows(cut(text, random.Random(1), 500), max_line_chars=1000))
    assert joined(w.text for w in windows) == textrepair.repair("שורה ראשונה.\n") + (
        long_line + textrepair.repair("שורה אחרונה.\n")
    )
    noted = [w for w in windows if w.note]
    assert len(noted) > 1 and all(w.first_line == 2 and w.text == w.source for w in noted)
    assert noted[0].note == "line 2 is too long to repair: kept as it is"
    assert windows[-1].first_line == 3


class CountingRepair:
    """A cheap stand-in for the pipeline that records the size of each text it was given."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def __call__(self, text: str, config: object = None) -> Repaired:
        self.sizes.append(len(text))
        return Repaired(text.upper(), [])


def generated_lines(n: int) -> Iterator[str]:
    for i in range(n):
        yield f"line {i} of a long document, with some words on it\n"
        if i % 37 == 0:
            yield "\n"


def test_memory_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 6 MB stream and a 6 MB line go through in a few MB, whatever their length.

    What is held: the diagnosis sample (the first 10,000 lines), one window, one chunk.
    """
    fake = CountingRepair()
    monkeypatch.setattr(stream, "repair_and_explain", fake)
    tracemalloc.start()
    try:
        lines = stream.repair_lines(generated_lines(120_000), window_lines=500)
        total = sum(len(s) for s in lines)
        big_line = itertools.chain(["start\n"], itertools.repeat("x" * 65536, 100), ["\nend\n"])
        total += sum(len(s) for s in stream.repair_lines(big_line, max_line_chars=100_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total > 12_000_000
    sample, *windows = fake.sizes
    assert sample <= stream.DIAGNOSE_CHARS  # the read-ahead diagnosis, once
    assert max(windows) < 60_000  # then one window (750 lines at most) at a time
    assert peak < 4_000_000, f"peak {peak} bytes"


# --------------------------------------------------------------------------- API contract


def test_exported_from_package() -> None:
    assert textrepair.repair_lines is stream.repair_lines
    assert "repair_lines" in textrepair.__all__


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: stream.repair_lines(b"bytes\n"), TypeError),
        (lambda: stream.repair_lines(5), TypeError),  # type: ignore[arg-type]
        (lambda: stream.repair_lines(["x\n"], "config"), TypeError),  # type: ignore[arg-type]
        (lambda: stream.repair_lines(["x\n"], window_lines=0), ValueError),
        (lambda: stream.repair_lines(["x\n"], window_lines=2.5), TypeError),  # type: ignore[arg-type]
        (lambda: stream.repair_lines(["x\n"], textrepair.RepairConfig(assume="up")), ValueError),
    ],
)
def test_bad_arguments_fail_at_the_call(call, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()


def test_bad_items_fail_when_reached() -> None:
    lines = stream.repair_lines(["שלום\n", b"bytes\n"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="got bytes"):
        list(lines)


def test_empty_input_gives_nothing() -> None:
    assert list(stream.repair_lines([])) == []
    assert list(stream.repair_lines(["", ""])) == []


def test_built_package_ships_type_hints(tmp_path: Path) -> None:
    """``py.typed`` (PEP 561) and the model data go into the built package, not only the tree.

    setuptools' ``build_py`` is what a wheel is made of; it runs on a copy of the sources,
    so the working tree gets no build folders.
    """
    import shutil
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    shutil.copy(root / "pyproject.toml", tmp_path)
    shutil.copy(root / "README.md", tmp_path)
    shutil.copytree(
        root / "textrepair", tmp_path / "textrepair", ignore=shutil.ignore_patterns("__pycache__")
    )
    built = tmp_path / "built"
    build = "import setuptools; setuptools.setup()"
    subprocess.run(
        [sys.executable, "-c", build, "-q", "build_py", "-d", str(built)],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    package = built / "textrepair"
    assert (package / "py.typed").is_file()
    assert (package / "data" / "wordorder.json.gz").is_file()
    assert (package / "stream.py").is_file() and (package / "io.py").is_file()


def test_everything_a_worker_needs_pickles() -> None:
    text = seed("002")
    windows = list(stream.repair_windows(text, window_lines=100))
    options = tio.FileOptions(config=DOCUMENT, encoding="windows-1255", strip_controls=True)
    job = functools.partial(tio.repair_file, options=options, in_place=True)
    for value in (windows, options, DOCUMENT, stream.repair_lines, tio.repair_file):
        assert pickle.loads(pickle.dumps(value)) == value
    clone = pickle.loads(pickle.dumps(job))
    assert (clone.func, clone.keywords) == (job.func, job.keywords)


# --------------------------------------------------------------------------- Dask recipe


@pytest.mark.dask
def test_dask_bag_recipe(tmp_path: Path) -> None:
    """The recipe of docs/pipelines.md: a Dask bag of paths on a local cluster of processes.

    Reports come back in input order, outputs are the CLI's, a binary file is reported and
    not written, and the inputs are untouched.
    """
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    dst.mkdir()
    inputs = {}
    for n, path in enumerate(MECHANICS_SEEDS * 2):
        inputs[src / f"{n:02d}.txt"] = path.read_bytes()
    inputs[src / "scan.txt"] = b"%PDF-1.7\n\x00\x01binary"
    for path, data in inputs.items():
        path.write_bytes(data)
    paths = sorted(str(p) for p in inputs)
    outputs = [str(dst / Path(p).name) for p in paths]
    options = tio.FileOptions(config=DOCUMENT)

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        jobs = db.from_sequence(list(zip(paths, outputs, strict=True)), npartitions=4)
        reports = jobs.starmap(tio.repair_file, options=options).compute()

    assert [r["file"] for r in reports] == paths
    for path, out, report in zip(paths, outputs, reports, strict=True):
        data = inputs[Path(path)]
        assert Path(path).read_bytes() == data
        if path.endswith("scan.txt"):
            assert report["ok"] is False and report["error_kind"] == "binary"
            assert not Path(out).exists()
            continue
        assert report["ok"], report
        expected = textrepair.repair(data.decode("utf-8"), DOCUMENT)
        assert Path(out).read_bytes() == expected.encode("utf-8")
        assert report["changed"] == (expected != data.decode("utf-8"))


def test_stdlib_pool_recipe(tmp_path: Path) -> None:
    """The multiprocessing recipe: ``Pool.imap`` over paths, reports in input order."""
    import multiprocessing

    paths = []
    for n, path in enumerate(MECHANICS_SEEDS):
        target = tmp_path / f"{n}.txt"
        target.write_bytes(path.read_bytes())
        paths.append(str(target))
    check = functools.partial(tio.repair_file, options=tio.FileOptions())
    with multiprocessing.Pool(2) as pool:  # tasks are pickled whatever the start method
        reports = list(pool.imap(check, paths))
    assert [r["file"] for r in reports] == paths
    for path, report in zip(paths, reports, strict=True):
        text = Path(path).read_text(encoding="utf-8")
        assert report["changed"] == (textrepair.repair(text) != text)


def test_windows_are_cut_by_characters_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Few but long lines: a window ends once it holds ``window_chars`` characters."""
    fake = CountingRepair()
    monkeypatch.setattr(stream, "repair_and_explain", fake)
    lines = [f"{n} " + "מילה " * 2000 + "\n" for n in range(300)]
    windows = list(stream.repair_windows(lines, window_chars=50_000))
    assert joined(w.text for w in windows) == "".join(lines).upper()
    assert len(windows) > 50
    assert max(len(w.source) for w in windows) < 50_000 + len(lines[0])  # one line over
    assert [w.first_line for w in windows] == sorted({w.first_line for w in windows})
