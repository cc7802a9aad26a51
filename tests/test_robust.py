"""Robustness: every kind of bad input, a fuzzer, and a disk that fills up mid-run.

* **Nasty files.** A corpus made here (bad UTF-8, BOMs, UTF-16, legacy Hebrew code pages,
  mojibake, PDFs, images, NULs, empty files, CR and CRLF endings, bidi controls,
  presentation forms, niqqud, a long line) goes through the CLI in one batch: each file
  gets its own clear message or repair, failed files are never written, the others are
  still processed.
* **Fuzz.** Hypothesis feeds arbitrary bytes and arbitrary Unicode (over 10,000 inputs in
  all, each small) to the file and streaming APIs: nothing raises but the documented
  errors (:class:`textrepair.io.InputError` for bytes that are no text), the repair is
  idempotent, and every line keeps its characters except where ``explain`` names a fix
  that changes them.
* **Disk full.** ``--in-place`` over 1,000 files with ``ENOSPC`` injected into the writes
  of some of them loses no byte of any input.

Every hypothesis test is derandomized with no example database, so runs are identical.
"""

from __future__ import annotations

import codecs
import errno
import os
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

import pytest
from deterministic import DETERMINISTIC
from hypothesis import given, settings
from hypothesis import strategies as st
from mirroring import FOLD, MIRRORING_FIXES

import textrepair
from textrepair import cli, stream
from textrepair import io as tio

LINES_ONLY = textrepair.RepairConfig()
DOCUMENT = textrepair.RepairConfig(layout=True)

HEBREW = "שלום עולם, זהו טקסט תקין.\nשורה שנייה (עם סוגריים) ומספר 2024.\n"
RLE, LRE, PDF = "\u202b", "\u202a", "\u202c"
EMBEDDED = f"{RLE}המחיר עלה ב־{LRE} 18.4%{PDF}בשנה{PDF}\n" * 3  # pdftotext: always repaired
EMBEDDED_FIXED = "המחיר עלה ב־18.4% בשנה\n" * 3


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    try:
        status = cli.main(list(argv))
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsysbinary.readouterr()
    return status, out, err.decode("utf-8")


# --------------------------------------------------------------------------- nasty files


class Nasty(NamedTuple):
    """A generated input; ``error`` is a piece of its message, or ``None`` if it repairs.

    ``out`` is the expected stdout (UTF-8), when it is known exactly.
    """

    data: bytes
    error: str | None = None
    out: bytes | None = None


def nasty_files() -> dict[str, Nasty]:
    heb = HEBREW
    return {
        "bad_utf8.txt": Nasty(b"abc \xd7\xa9\xff\xfe\n", "not valid UTF-8 (byte 0xff at offset 6)"),
        "truncated_utf8.txt": Nasty(
            "שלום".encode()[:-1], "not valid UTF-8 (byte 0xd7 at offset 6)"
        ),
        "bom_utf8.txt": Nasty(codecs.BOM_UTF8 + heb.encode(), out=heb.encode()),
        "utf16le_bom.txt": Nasty(codecs.BOM_UTF16_LE + heb.encode("utf-16-le"), out=heb.encode()),
        "utf16be_bom.txt": Nasty(codecs.BOM_UTF16_BE + heb.encode("utf-16-be"), out=heb.encode()),
        "utf32_bom.txt": Nasty(codecs.BOM_UTF32_LE + heb.encode("utf-32-le"), out=heb.encode()),
        "utf16_no_bom.txt": Nasty(heb.encode("utf-16-le"), out=heb.encode()),
        "cp1255.txt": Nasty(heb.encode("cp1255"), out=heb.encode()),
        "iso8859_8.txt": Nasty(
            heb.replace(",", "").encode("iso8859-8"), out=heb.replace(",", "").encode()
        ),
        "latin1_french.txt": Nasty("Le café était animé.\n".encode("latin-1"), "not valid UTF-8"),
        "mojibake_utf8.txt": Nasty(heb.encode().decode("latin-1").encode(), out=heb.encode()),
        "mojibake_cp437.txt": Nasty(heb.encode().decode("cp437").encode(), out=heb.encode()),
        "mojibake_1255.txt": Nasty(
            heb.encode("cp1255").decode("latin-1").encode(), out=heb.encode()
        ),
        "doc.pdf": Nasty(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "looks like a PDF file"),
        "image.txt": Nasty(b"\x89PNG\r\n\x1a\n" + bytes(64), "looks like a PNG image"),
        "archive.txt": Nasty(b"PK\x03\x04" + bytes(64), "looks like a ZIP archive"),
        "zeros.txt": Nasty(bytes(4096), "looks like a binary file"),
        "controls.bin": Nasty(bytes(range(32)) * 40, "looks like a binary file"),
        "missing_glyphs.txt": Nasty(
            "של\x00ם ·\x00 עולם\n".encode(), out="של\x00ם ·\x00 עולם\n".encode()
        ),
        "empty.txt": Nasty(b"", out=b""),
        "only_newlines.txt": Nasty(b"\n\r\n\r", out=b"\n\r\n\r"),
        "crlf.txt": Nasty(
            heb.replace("\n", "\r\n").encode(), out=heb.replace("\n", "\r\n").encode()
        ),
        "cr.txt": Nasty(heb.replace("\n", "\r").encode(), out=heb.replace("\n", "\r").encode()),
        "no_final_newline.txt": Nasty(heb.rstrip("\n").encode(), out=heb.rstrip("\n").encode()),
        "embeddings.txt": Nasty(EMBEDDED.encode(), out=EMBEDDED_FIXED.encode()),
        "marks.txt": Nasty(
            "שלום\u200f עולם \u2067abc\u2069\n".encode(),
            out="שלום\u200f עולם \u2067abc\u2069\n".encode(),
        ),
        "wide_letters.txt": Nasty("ﬠולם ﬡב ﬩\n".encode(), out="עולם אב +\n".encode()),
        "pointed_forms.txt": Nasty("\ufb2aלום ﭏ\n".encode(), out="\u05e9\u05c1לום אל\n".encode()),
        "niqqud.txt": Nasty("בְּרֵאשִׁית בָּרָא\n".encode(), out="בְּרֵאשִׁית בָּרָא\n".encode()),
        "long_line.txt": Nasty(
            ("אבג  " * 30_000 + "\n").encode(), out=("אבג  " * 30_000 + "\n").encode()
        ),
    }


@pytest.fixture
def corpus(tmp_path: Path) -> dict[Path, Nasty]:
    files = {tmp_path / name: nasty for name, nasty in nasty_files().items()}
    for path, nasty in files.items():
        path.write_bytes(nasty.data)
    return files


def test_nasty_files_one_by_one(corpus: dict[Path, Nasty], capsysbinary) -> None:
    for path, nasty in corpus.items():
        status, out, err = run(capsysbinary, "fix", "--lines-only", str(path))
        if nasty.error is not None:
            assert (status, out) == (1, b""), path.name
            assert err.startswith(f"textrepair: {path}: ") and nasty.error in err, err
            assert err.count("\n") == 1, err
        else:
            assert (status, err) == (0, ""), (path.name, err)
            if nasty.out is not None:
                assert out == nasty.out, path.name
        assert path.read_bytes() == nasty.data


@pytest.mark.parametrize("stream_above", [tio.STREAM_ABOVE, 16], ids=["whole", "streamed"])
def test_nasty_files_in_one_in_place_batch(
    corpus: dict[Path, Nasty], capsysbinary, stream_above: int
) -> None:
    """Bad files are reported, one line each, and never written; the others are repaired
    in their own encoding; streamed or not, the outcome is the same."""
    names = [str(p) for p in corpus]
    status, out, err = run(
        capsysbinary,
        "fix",
        "--in-place",
        "--lines-only",
        "--stream-above",
        str(stream_above),
        *names,
    )
    assert (status, out) == (1, b"")
    failed = {p for p, n in corpus.items() if n.error is not None}
    assert sorted(err.splitlines()) == sorted(
        line
        for line in err.splitlines()
        if any(line.startswith(f"textrepair: {p}: ") for p in failed)
    )
    assert len(err.splitlines()) == len(failed)
    for path, nasty in corpus.items():
        data = path.read_bytes()
        if nasty.error is not None or nasty.out is None:
            assert data == nasty.data, path.name
            continue
        enc = tio.decode_bytes(nasty.data).encoding
        assert data == enc.bom + nasty.out.decode("utf-8").encode(enc.codec), path.name
    assert sorted(p.name for p in next(iter(corpus)).parent.iterdir()) == sorted(
        p.name for p in corpus
    )


def test_repair_bytes_is_the_cli_on_each_nasty_file(
    corpus: dict[Path, Nasty], capsysbinary
) -> None:
    """The in-memory entry point (the Spark recipe's) gives the CLI's text and JSON report,
    and ``None`` with the CLI's error for a refused input."""
    import json

    for path, nasty in corpus.items():
        text, report = tio.repair_bytes(bytearray(nasty.data), name=str(path))
        _, cli_json, _ = run(capsysbinary, "fix", "--json", "--lines-only", str(path))
        assert report == json.loads(cli_json), path.name
        status, out, _ = run(capsysbinary, "fix", "--lines-only", str(path))
        if nasty.error is not None:
            assert text is None and status == 1 and nasty.error in report["error"], path.name
        else:
            assert text is not None and text.encode("utf-8") == out, path.name
    text, report = tio.repair_bytes(b"x\n", options=tio.FileOptions(encoding="no-such-codec"))
    assert text is None and report["error_kind"] == "encoding"


def test_controls_kept_or_stripped(corpus: dict[Path, Nasty], capsysbinary) -> None:
    marks = next(p for p in corpus if p.name == "marks.txt")
    embedded = next(p for p in corpus if p.name == "embeddings.txt")
    status, out, _ = run(capsysbinary, "fix", "--strip-controls", str(marks))
    assert (status, out.decode()) == (0, "שלום עולם abc\n")
    status, out, _ = run(capsysbinary, "fix", "--keep-controls", str(embedded))
    assert (status, out.decode()) == (0, EMBEDDED)
    status, _, _ = run(capsysbinary, "fix", "--keep-controls", "--strip-controls", str(marks))
    assert status == 2


def test_presentation_forms_reported_or_kept(corpus: dict[Path, Nasty], capsysbinary) -> None:
    path = next(p for p in corpus if p.name == "wide_letters.txt")
    status, out, err = run(capsysbinary, "fix", "--explain", str(path))
    assert status == 0
    assert f"{path}:1: normalize_presentation_forms\n  - ﬠולם ﬡב ﬩\n  + עולם אב +\n" in err
    status, out, _ = run(capsysbinary, "fix", "--keep-presentation-forms", str(path))
    assert out == "ﬠולם ﬡב ﬩\n".encode()


def test_mojibake_reported_or_kept(corpus: dict[Path, Nasty], capsysbinary) -> None:
    path = next(p for p in corpus if p.name == "mojibake_utf8.txt")
    status, _, err = run(capsysbinary, "fix", "--explain", str(path))
    assert status == 0
    assert f"{path}:1: fix_encoding\n" in err
    status, out, _ = run(capsysbinary, "fix", "--no-fix-encoding", str(path))
    assert out == corpus[path].data


def test_long_line_noted_in_explain(corpus: dict[Path, Nasty], capsysbinary) -> None:
    path = next(p for p in corpus if p.name == "long_line.txt")
    opts = tio.FileOptions(max_line_chars=1000)
    assert cli.run_fix([str(path)], explain=True, options=opts) == 0
    out, err = capsysbinary.readouterr()
    assert out == corpus[path].data
    assert err.decode() == f"{path}: line 1 is too long to repair: kept as it is\n"  # once


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
@pytest.mark.parametrize("stream_above", [tio.STREAM_ABOVE, 100], ids=["whole", "streamed"])
def test_long_line_counted_as_one_line(
    tmp_path: Path, capsysbinary, ending: str, stream_above: int
) -> None:
    """A too-long line is one line in the JSON report, with or without a final ending
    (a 50 MB file that is one line and no newline counts 1, as a short one does)."""
    import json

    body = "אבג  " * 3_000
    short = tmp_path / "short.txt"
    short.write_text("שלום" + ending, encoding="utf-8", newline="")
    long = tmp_path / "long.txt"
    long.write_text("שלום\n" + body + ending, encoding="utf-8", newline="")
    opts = tio.FileOptions(max_line_chars=1000, stream_above=stream_above, window_lines=1)
    assert cli.run_fix([str(short), str(long)], json_report=True, options=opts) == 0
    reports = [json.loads(line) for line in capsysbinary.readouterr()[0].splitlines()]
    assert [(r["lines_in"], r["lines_out"]) for r in reports] == [(1, 1), (2, 2)]
    assert reports[1]["notes"] == ["line 2 is too long to repair: kept as it is"]
    assert not reports[1]["changed"]


# --------------------------------------------------------------------------- fuzz helpers

CONTROL_FIXES = frozenset(
    {"resolve_embeddings", "strip_controls", "drop_lone_marks", "drop_ltr_wrappers"}
)
RECODING_FIXES = frozenset({"fix_encoding"})
# Letters an OCR engine misread, given back: compared with the pairs folded together.
OCR_LETTER_FIXES = frozenset({"restore_final_mem", "restore_initial_yod"})
OCR_FOLD = str.maketrans("ס:", "םי")
# Bars an OCR engine read into gaps, taken out: compared with the bars left out.
OCR_BAR_FIX = "drop_misread_bars"
_BIDI = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def nfkc_forms(text: str) -> str:
    """Hebrew presentation forms spelled out, as ``normalize_presentation_forms`` does."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\ufb1d" <= ch <= "\ufb4f" else ch for ch in text
    )


def full_repair(
    text: str, options: tio.FileOptions, window_lines: int | None = None
) -> tuple[str, list]:
    """The CLI's repair of a decoded text: mojibake, forms, repair, controls; by windows."""
    opts = options._replace(window_lines=window_lines or options.window_lines)
    windows = list(tio.windows([text], opts, streamed=window_lines is not None))
    return "".join(w.text for w in windows), [c for w in windows for c in w.changes]


def assert_conserved(text: str, options: tio.FileOptions, window_lines: int | None = None) -> None:
    """Same lines, same endings, and per line the same non-space characters, except where a
    change on that line is named that may alter them."""
    out, changes = full_repair(text, options, window_lines)
    before, after = tio.split_lines(text), tio.split_lines(out)
    if len(after) == len(before) - 1 and not before[-1][1]:
        after.append(("", ""))  # a last line without an ending that became empty is gone
    assert len(after) == len(before), "line count changed"
    assert [e for _, e in after] == [e for _, e in before], "line endings changed"
    fixes: dict[int, set[str]] = defaultdict(set)
    for change in changes:
        fixes[change.line].add(change.fix)
    for n, ((old, _), (new, _)) in enumerate(zip(before, after, strict=True), 1):
        if fixes[n] & RECODING_FIXES:
            continue
        want, got = old.replace(" ", ""), new.replace(" ", "")
        if "normalize_presentation_forms" in fixes[n]:
            want = nfkc_forms(want)
        if fixes[n] & CONTROL_FIXES:
            want = "".join(ch for ch in want if ch not in _BIDI)
            got = "".join(ch for ch in got if ch not in _BIDI)  # some may stay
        if fixes[n] & MIRRORING_FIXES:
            want, got = want.translate(FOLD), got.translate(FOLD)
        if fixes[n] & OCR_LETTER_FIXES:
            want, got = want.translate(OCR_FOLD), got.translate(OCR_FOLD)
        if OCR_BAR_FIX in fixes[n]:
            want, got = want.replace("|", ""), got.replace("|", "")
        assert Counter(got) == Counter(want), f"line {n} ({sorted(fixes[n])}): {old!r} -> {new!r}"


_OCR_FIXTURES = sorted(
    (Path(__file__).resolve().parent.parent / "benchmarks" / "corpus" / "fixtures").glob(
        "*/lo_*__tesseract*.txt"
    )
)


@pytest.mark.parametrize("path", _OCR_FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_ocr_readings_lose_and_invent_nothing(path: Path) -> None:
    """Tesseract's readings of LibreOffice PDFs, where the OCR letters, the bars, the
    wrappers and the lone marks all act: per line, only those fixes' letters and marks
    change."""
    assert_conserved(path.read_text(encoding="utf-8"), tio.FileOptions())


_HEBREW_LETTERS = [chr(c) for c in range(0x05D0, 0x05EB)]
_PIECES = st.one_of(
    st.sampled_from(_HEBREW_LETTERS),
    st.sampled_from(_HEBREW_LETTERS),
    st.sampled_from(["שלום", "עולם", "של", "הבית", "ספר", "אבל", "ישראל", "2024", "15-10"]),
    st.sampled_from([" ", " ", "  ", "   "]),
    st.sampled_from(list("0123456789()[].,:;%-\"'׳״!?")),
    st.sampled_from(["\n", "\n", "\r\n", "\r", "\f", "\u2028"]),
    st.sampled_from(list("\x00\ufffd\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2069")),
    st.sampled_from(list("ﬠﬡ﬩שׁבּﭏ\u05b8\u05bc")),
    st.sampled_from(["×©", "×œ", "ùìåí", "abc", "Ã©"]),
)
# Hebrew-heavy text with everything an extractor may leave in it.
nasty_text = st.lists(_PIECES, max_size=60).map("".join)

_CODECS = ["utf-8", "utf-16-le", "utf-16-be", "cp1255", "iso8859-8", "latin-1", "cp437"]
_PREFIXES = [
    b"",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    b"%PDF-",
    b"PK\x03\x04",
]


@st.composite
def nasty_bytes(draw: st.DrawFn) -> bytes:
    """Text in some encoding, maybe behind a BOM or magic, maybe with bytes flipped."""
    text = draw(nasty_text)
    data = text.encode(draw(st.sampled_from(_CODECS)), errors="ignore")
    data = draw(st.sampled_from(_PREFIXES)) + data
    for _ in range(draw(st.integers(0, 2))):
        if data:
            i = draw(st.integers(0, len(data) - 1))
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
    return data


OPTIONS = [
    tio.FileOptions(),
    tio.FileOptions(config=DOCUMENT),
    tio.FileOptions(strip_controls=True, presentation_forms=False),
    tio.FileOptions(config=textrepair.RepairConfig(keep_controls=True), fix_encoding=False),
]


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the file fuzzers (module-scoped: hypothesis reruns the test body)."""
    return tmp_path_factory.mktemp("fuzz")


def check_file_bytes(folder: Path, data: bytes, options: tio.FileOptions) -> None:
    """``repair_file --in-place`` on ``data``: a report, never an exception; the file is
    either untouched or exactly its repair in its own encoding."""
    path = folder / "in.txt"
    path.write_bytes(data)
    report = tio.repair_file(path, options=options, in_place=True)
    after = path.read_bytes()
    if not report["ok"]:
        assert report["error_kind"] in {"binary", "undecodable"}, report
        assert after == data
        with pytest.raises(tio.InputError):
            tio.decode_bytes(data, options.encoding)
        return
    decoded = tio.decode_bytes(data, options.encoding)
    assert decoded.encoding.bom + decoded.text.encode(decoded.encoding.codec) == data
    repaired, _ = full_repair(decoded.text, options)
    assert report["changed"] == (repaired != decoded.text)
    expected = decoded.encoding.bom + repaired.encode(decoded.encoding.codec)
    assert after == (expected if report["changed"] else data)
    assert [p.name for p in folder.iterdir()] == ["in.txt"]


# --------------------------------------------------------------------------- fuzz: bytes


@settings(DETERMINISTIC, max_examples=2000)
@given(st.binary(max_size=160), st.sampled_from(OPTIONS))
def test_fuzz_any_bytes_through_repair_file(
    fuzz_dir: Path, data: bytes, options: tio.FileOptions
) -> None:
    check_file_bytes(fuzz_dir, data, options)


@settings(DETERMINISTIC, max_examples=1200)
@given(nasty_bytes(), st.sampled_from(OPTIONS))
def test_fuzz_encoded_text_through_repair_file(
    fuzz_dir: Path, data: bytes, options: tio.FileOptions
) -> None:
    check_file_bytes(fuzz_dir, data, options)


@settings(DETERMINISTIC, max_examples=1000)
@given(
    st.one_of(st.binary(max_size=200), nasty_bytes()), st.sampled_from([None, "cp1255", "utf-16"])
)
def test_fuzz_decode_is_lossless_or_refuses(data: bytes, encoding: str | None) -> None:
    """Whatever decodes encodes back to the very same bytes: nothing is lost or invented."""
    try:
        decoded = tio.decode_bytes(data, encoding)
    except tio.InputError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert decoded.encoding.bom + decoded.text.encode(decoded.encoding.codec) == data


# --------------------------------------------------------------------------- fuzz: Unicode


@settings(DETERMINISTIC, max_examples=2300)
@given(st.text(max_size=120), st.integers(1, 4), st.integers(1, 30))
def test_fuzz_any_unicode_streams_like_one_piece(text: str, window: int, chunk: int) -> None:
    """Arbitrary Unicode: no exception; cut in chunks anywhere, the stream repairs alike."""
    whole = "".join(stream.repair_lines([text], window_lines=window))
    chunks = [text[i : i + chunk] for i in range(0, len(text), chunk)]
    assert "".join(stream.repair_lines(chunks, window_lines=window)) == whole
    assert len(whole.splitlines()) == len(text.splitlines())


@settings(DETERMINISTIC, max_examples=1000)
@given(st.one_of(st.text(max_size=80), nasty_text), st.sampled_from(OPTIONS))
def test_fuzz_any_unicode_full_repair_never_raises(text: str, options: tio.FileOptions) -> None:
    out, _ = full_repair(text, options)
    streamed, _ = full_repair(text, options, window_lines=2)
    assert isinstance(out, str) and isinstance(streamed, str)


@settings(DETERMINISTIC, max_examples=1200)
@given(nasty_text, st.sampled_from([None, 3]))
def test_fuzz_full_repair_is_idempotent(text: str, window_lines: int | None) -> None:
    options = tio.FileOptions()
    once, _ = full_repair(text, options, window_lines)
    twice, _ = full_repair(once, options, window_lines)
    assert twice == once


@settings(DETERMINISTIC, max_examples=1300)
@given(
    nasty_text, st.sampled_from([OPTIONS[0], OPTIONS[2], OPTIONS[3]]), st.sampled_from([None, 3])
)
def test_fuzz_full_repair_conserves_characters(
    text: str, options: tio.FileOptions, window_lines: int | None
) -> None:
    assert_conserved(text, options, window_lines)


FUZZ_TESTS = [
    test_fuzz_any_bytes_through_repair_file,
    test_fuzz_encoded_text_through_repair_file,
    test_fuzz_decode_is_lossless_or_refuses,
    test_fuzz_any_unicode_streams_like_one_piece,
    test_fuzz_any_unicode_full_repair_never_raises,
    test_fuzz_full_repair_is_idempotent,
    test_fuzz_full_repair_conserves_characters,
]


def test_fuzz_budget_is_at_least_ten_thousand_inputs() -> None:
    """The fuzz tests above try at least 10,000 inputs between them (each small)."""
    budget = sum(t._hypothesis_internal_use_settings.max_examples for t in FUZZ_TESTS)
    assert budget >= 10_000


# --------------------------------------------------------------------------- disk full


class FlakyDisk:
    """``os.write`` that fails with ENOSPC after writing half, for calls ``start``..``stop``.

    Calls outside that range go through; a short write (a third of the data) is made
    every fifth call, which a correct writer must simply continue.
    """

    def __init__(self, start: int, stop: int) -> None:
        self.real = os.write
        self.start, self.stop = start, stop
        self.calls = 0

    def __call__(self, fd: int, data: bytes) -> int:
        self.calls += 1
        if self.start <= self.calls < self.stop:
            self.real(fd, bytes(data[: len(data) // 2]))
            raise OSError(errno.ENOSPC, "No space left on device")
        if self.calls % 5 == 0 and len(data) > 2:
            return self.real(fd, bytes(data[: len(data) // 3]))
        return self.real(fd, data)


def test_in_place_thousand_files_disk_full_mid_run(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch
) -> None:
    contents = [
        EMBEDDED.encode(),
        HEBREW.encode(),
        EMBEDDED.replace("\n", "\r\n").encode(),
        codecs.BOM_UTF8 + EMBEDDED.encode(),
        EMBEDDED.encode("utf-16"),
    ]
    originals = {tmp_path / f"f{n:04d}.txt": contents[n % len(contents)] for n in range(1000)}
    for path, data in originals.items():
        path.write_bytes(data)
    expected = {}
    for data in set(originals.values()):
        decoded = tio.decode_bytes(data)
        repaired, _ = full_repair(decoded.text, tio.FileOptions(config=DOCUMENT))
        expected[data] = decoded.encoding.bom + repaired.encode(decoded.encoding.codec)
    assert sum(expected[d] != d for d in originals.values()) == 800

    disk = FlakyDisk(start=400, stop=430)  # the disk fills up about half way, then frees
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", disk)
        status, out, err = run(capsysbinary, "fix", "--in-place", *map(str, originals))

    assert (status, out) == (1, b"")
    failed = {line.split(": ")[1] for line in err.splitlines()}
    assert all(
        line.endswith(": cannot write: no space left on device") for line in err.splitlines()
    )
    assert 20 <= len(failed) <= 30
    for path, data in originals.items():
        now = path.read_bytes()
        assert now == (data if str(path) in failed else expected[data]), path.name
    assert sorted(tmp_path.iterdir()) == sorted(originals)  # no temp file left behind
