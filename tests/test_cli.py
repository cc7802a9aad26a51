"""Tests for the ``textrepair`` command line.

The real repair is still being written, so tests that need a visible change swap in a tiny
fake (``FakeRepair``) for the function the CLI imported; tests against the real repair only
assert relations such as "CLI output == textrepair.repair(input)".
"""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import textrepair
import textrepair.stream
from textrepair import cli
from textrepair.explain import Change, Repaired

HEBREW = "שלום עולם, זהו טקסט תקין.\nשורה שנייה (עם סוגריים) ומספר 2024.\n"
BOM = b"\xef\xbb\xbf"


class FakeRepair:
    """Replace "broken" by "fixed" and report one Change per changed line; record inputs."""

    def __init__(self) -> None:
        self.inputs: list[str] = []

    def __call__(self, text: str, config: object = None) -> Repaired:
        self.inputs.append(text)
        changes = []
        for number, line in enumerate(text.splitlines(keepends=True), start=1):
            if "broken" in line:
                changes.append(Change(number, "fake_fix", line, line.replace("broken", "fixed")))
        return Repaired(text.replace("broken", "fixed"), changes)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRepair:
    """Make the CLI use FakeRepair instead of the real repair."""
    fake_repair = FakeRepair()
    monkeypatch.setattr(textrepair.stream, "repair_and_explain", fake_repair)
    return fake_repair


def run(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    """Run the CLI in-process; return (exit status, stdout bytes, stderr text)."""
    try:
        status = cli.main(list(argv))
    except SystemExit as exc:  # argparse exits for --help, --version and usage errors
        status = exc.code if isinstance(exc.code, int) else 1
    out, err = capsysbinary.readouterr()
    return status, out, err.decode("utf-8")


def write(path: Path, data: bytes) -> Path:
    """Create a file with exact bytes and return its path."""
    path.write_bytes(data)
    return path


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Feed ``data`` to the CLI as stdin, with a .buffer like a real stream."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- stdout ----------------------------------------------------------------------------


def seed_texts() -> list[bytes]:
    """A few real extractor outputs shipped with the repo, or a Hebrew sample if none."""
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    return [p.read_bytes() for p in seeds[:3]] or [HEBREW.encode()]


@pytest.mark.parametrize("data", seed_texts())
def test_stdout_equals_library_repair(tmp_path: Path, capsysbinary, data: bytes) -> None:
    src = write(tmp_path / "in.txt", data)
    status, out, err = run(capsysbinary, "fix", str(src))
    assert status == 0, err
    document = textrepair.RepairConfig(layout=True)
    assert out == textrepair.repair(data.decode("utf-8"), document).encode("utf-8")
    status, out, err = run(capsysbinary, "fix", "--lines-only", str(src))
    assert status == 0, err
    assert out == textrepair.repair(data.decode("utf-8")).encode("utf-8")


def test_stdout_concatenates_files_in_order(tmp_path: Path, capsysbinary) -> None:
    a = write(tmp_path / "a.txt", "אחת\n".encode())
    b = write(tmp_path / "b.txt", "שתיים\n".encode())
    status, out, _ = run(capsysbinary, "fix", str(b), str(a), str(b))
    expected = [textrepair.repair(t) for t in ("שתיים\n", "אחת\n", "שתיים\n")]
    assert status == 0
    assert out == "".join(expected).encode()


def test_stdout_carries_the_repair(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    src = write(tmp_path / "in.txt", "שורה broken\nשורה תקינה\n".encode())
    status, out, err = run(capsysbinary, "fix", str(src))
    assert (status, err) == (0, "")
    assert out == "שורה fixed\nשורה תקינה\n".encode()
    assert src.read_bytes() == "שורה broken\nשורה תקינה\n".encode()  # input untouched


# --- stdin -----------------------------------------------------------------------------


def test_dash_reads_stdin_in_order(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair
) -> None:
    set_stdin(monkeypatch, "מקלט broken\r\n".encode())
    a = write(tmp_path / "a.txt", b"first\n")
    status, out, _ = run(capsysbinary, "fix", str(a), "-")
    assert status == 0
    assert out == "first\nמקלט fixed\r\n".encode()


def test_stdin_subprocess_python_m() -> None:
    """Bytes in, bytes out: an ASCII-only locale encoding must not break Hebrew output."""
    data = "שלום\r\nעולם\rסוף\n".encode()
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "textrepair", "fix", "-"], input=data, capture_output=True, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == textrepair.repair(data.decode("utf-8")).encode("utf-8")


# --- -o / --output ---------------------------------------------------------------------


def test_output_writes_file(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    a = write(tmp_path / "a.txt", b"one broken\n")
    b = write(tmp_path / "b.txt", b"two\n")
    out_path = write(tmp_path / "out.txt", b"old content that must go\n")
    status, out, err = run(capsysbinary, "fix", str(a), str(b), "-o", str(out_path))
    assert (status, out, err) == (0, b"", "")
    assert out_path.read_bytes() == b"one fixed\ntwo\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "out.txt"]


def test_output_not_clobbered_when_every_input_fails(tmp_path: Path, capsysbinary) -> None:
    out_path = write(tmp_path / "out.txt", b"keep me\n")
    status, _, err = run(capsysbinary, "fix", str(tmp_path / "missing.txt"), "-o", str(out_path))
    assert status == 1
    assert "missing.txt" in err
    assert out_path.read_bytes() == b"keep me\n"


def test_output_and_in_place_are_exclusive(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", b"x\n")
    status, out, err = run(capsysbinary, "fix", "--in-place", "-o", "o.txt", str(src))
    assert status == 2
    assert "not allowed with" in err
    assert out == b""


# --- --in-place ------------------------------------------------------------------------


def test_in_place_rewrites_and_leaves_no_temp_files(
    tmp_path: Path, capsysbinary, fake: FakeRepair
) -> None:
    a = write(tmp_path / "a.txt", "א broken\r\n".encode())
    b = write(tmp_path / "b.txt", "ב broken\r".encode())
    a.chmod(0o640)
    status, out, err = run(capsysbinary, "fix", "--in-place", str(a), str(b))
    assert (status, out, err) == (0, b"", "")
    assert a.read_bytes() == "א fixed\r\n".encode()
    assert b.read_bytes() == "ב fixed\r".encode()
    assert stat.S_IMODE(a.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_in_place_failure_keeps_original(
    tmp_path: Path,
    capsysbinary,
    monkeypatch: pytest.MonkeyPatch,
    fake: FakeRepair,
    failing: str,
) -> None:
    original = "טקסט broken\r\nעוד\n".encode()
    src = write(tmp_path / "a.txt", original)

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli.os, failing, boom)
    status, _, err = run(capsysbinary, "fix", "--in-place", str(src))
    assert status == 1
    assert err.startswith(f"textrepair: {src}: cannot write")
    assert err.count("\n") == 1
    assert src.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_in_place_rejects_stdin(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    src = write(tmp_path / "a.txt", b"broken\n")
    status, _, err = run(capsysbinary, "fix", "--in-place", str(src), "-")
    assert status == 2
    assert "stdin" in err
    assert src.read_bytes() == b"broken\n"


def test_in_place_keeps_bom(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    src = write(tmp_path / "a.txt", BOM + "שלום broken\n".encode())
    status, _, _ = run(capsysbinary, "fix", "--in-place", str(src))
    assert status == 0
    assert fake.inputs == ["שלום broken\n"]  # the BOM is not part of the text repaired
    assert src.read_bytes() == BOM + "שלום fixed\n".encode()


def test_in_place_leaves_clean_file_untouched(
    tmp_path: Path, capsysbinary, fake: FakeRepair
) -> None:
    src = write(tmp_path / "a.txt", HEBREW.encode())
    os.utime(src, (1_000_000, 1_000_000))
    status, _, _ = run(capsysbinary, "fix", "--in-place", str(src))
    assert status == 0
    assert src.stat().st_mtime == 1_000_000
    assert src.read_bytes() == HEBREW.encode()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_in_place_through_symlink_keeps_link(
    tmp_path: Path, capsysbinary, fake: FakeRepair
) -> None:
    target = write(tmp_path / "real.txt", b"broken\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    status, _, _ = run(capsysbinary, "fix", "--in-place", str(link))
    assert status == 0
    assert link.is_symlink()
    assert target.read_bytes() == b"fixed\n"


# --- per-file errors -------------------------------------------------------------------


def test_missing_file_reported_others_processed(
    tmp_path: Path, capsysbinary, fake: FakeRepair
) -> None:
    a = write(tmp_path / "a.txt", b"a broken\n")
    b = write(tmp_path / "b.txt", b"b\n")
    missing = tmp_path / "nope.txt"
    status, out, err = run(capsysbinary, "fix", str(a), str(missing), str(b))
    assert status == 1
    assert out == b"a fixed\nb\n"
    assert err == f"textrepair: {missing}: no such file or directory\n"


def test_directory_reported_others_processed(tmp_path: Path, capsysbinary) -> None:
    a = write(tmp_path / "a.txt", "א\n".encode())
    status, out, err = run(capsysbinary, "fix", str(tmp_path), str(a))
    assert status == 1
    assert out == textrepair.repair("א\n").encode()
    assert err == f"textrepair: {tmp_path}: is a directory\n"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores file permissions"
)
def test_unreadable_file_reported(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", b"x\n")
    src.chmod(0)
    try:
        status, _, err = run(capsysbinary, "fix", str(src))
    finally:
        src.chmod(0o600)
    assert status == 1
    assert err == f"textrepair: {src}: permission denied\n"


def test_invalid_utf8_reported_not_modified(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    bad_bytes = b"abc broken\xff\xfe\n"
    bad = write(tmp_path / "bad.txt", bad_bytes)
    good = write(tmp_path / "good.txt", b"good broken\n")
    status, out, err = run(capsysbinary, "fix", "--in-place", str(bad), str(good))
    assert status == 1
    assert err == f"textrepair: {bad}: not valid UTF-8 (byte 0xff at offset 10)\n"
    assert bad.read_bytes() == bad_bytes
    assert good.read_bytes() == b"good fixed\n"
    assert out == b""


def test_invalid_utf8_offset_counts_bom(tmp_path: Path, capsysbinary) -> None:
    bad = write(tmp_path / "bad.txt", BOM + "א".encode() + b"\xc3(")
    status, out, err = run(capsysbinary, "fix", str(bad))
    assert status == 1
    assert out == b""
    assert err == f"textrepair: {bad}: not valid UTF-8 (byte 0xc3 at offset 5)\n"


# --- line endings and encoding ---------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "mixed"])
def test_clean_hebrew_round_trips_exactly(tmp_path: Path, capsysbinary, newline: str) -> None:
    lines = HEBREW.splitlines()
    if newline == "mixed":
        text = lines[0] + "\r\n" + lines[1] + "\r" + "סוף\n" + "\r\n"
    else:
        text = newline.join([*lines, "סוף"]) + newline
    data = text.encode("utf-8")
    src = write(tmp_path / "in.txt", data)
    status, out, _ = run(capsysbinary, "fix", str(src))
    assert status == 0
    assert out == data

    out_path = tmp_path / "out.txt"
    assert run(capsysbinary, "fix", str(src), "-o", str(out_path))[0] == 0
    assert out_path.read_bytes() == data


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_repair_sees_original_line_endings(
    tmp_path: Path, capsysbinary, fake: FakeRepair, newline: str
) -> None:
    text = f"אחת broken{newline}שתיים{newline}"
    src = write(tmp_path / "in.txt", text.encode())
    status, out, _ = run(capsysbinary, "fix", str(src))
    assert status == 0
    assert fake.inputs == [text]
    assert out == text.replace("broken", "fixed").encode()


def test_bom_dropped_on_stdout(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    src = write(tmp_path / "a.txt", BOM + "שלום\n".encode())
    status, out, _ = run(capsysbinary, "fix", str(src))
    assert status == 0
    assert fake.inputs == ["שלום\n"]
    assert out == "שלום\n".encode()


# --- --explain -------------------------------------------------------------------------


def test_explain_prints_changes_to_stderr(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    src = write(tmp_path / "a.txt", "תקין\nשבור broken\r\n".encode())
    status, out, err = run(capsysbinary, "fix", "--explain", str(src))
    assert status == 0
    assert out == "תקין\nשבור fixed\r\n".encode()
    assert err == f"{src}:2: fake_fix\n  - שבור broken\n  + שבור fixed\n"


def test_explain_with_in_place_and_stdin_label(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair
) -> None:
    set_stdin(monkeypatch, b"x broken\n")
    src = write(tmp_path / "a.txt", b"broken\n")
    status, out, err = run(capsysbinary, "fix", "--explain", "-", "-o", str(tmp_path / "o"))
    assert (status, out) == (0, b"")
    assert err == "<stdin>:1: fake_fix\n  - x broken\n  + x fixed\n"

    status, out, err = run(capsysbinary, "fix", "--explain", "--in-place", str(src))
    assert (status, out) == (0, b"")
    assert err == f"{src}:1: fake_fix\n  - broken\n  + fixed\n"
    assert src.read_bytes() == b"fixed\n"


def test_no_explain_means_quiet_stderr(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    src = write(tmp_path / "a.txt", b"broken\n")
    assert run(capsysbinary, "fix", str(src))[2] == ""


# --- --version, --help, usage ----------------------------------------------------------


def test_version(capsysbinary) -> None:
    status, out, _ = run(capsysbinary, "--version")
    assert status == 0
    assert out.decode().strip() == f"textrepair {textrepair.__version__}"


@pytest.mark.parametrize("argv", [["--help"], ["fix", "--help"]])
def test_help_explains_tool(capsysbinary, argv: list[str]) -> None:
    status, out, _ = run(capsysbinary, *argv)
    text = out.decode()
    assert status == 0
    assert "Hebrew" in text
    assert "PDF" in text
    assert "example" in text
    assert "textrepair fix " in text


def test_fix_help_lists_options(capsysbinary) -> None:
    text = run(capsysbinary, "fix", "--help")[1].decode()
    for option in ("--in-place", "--output", "--explain", "FILE"):
        assert option in text


@pytest.mark.parametrize("argv", [[], ["fix"], ["frobnicate"]])
def test_usage_errors_exit_2(capsysbinary, argv: list[str]) -> None:
    status, out, err = run(capsysbinary, *argv)
    assert status == 2
    assert out == b""
    assert "usage:" in err


def test_python_m_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "textrepair", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"textrepair {textrepair.__version__}"


def test_python_m_reports_failure_status(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "textrepair", "fix", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "missing: no such file or directory" in proc.stderr


# --- document stage and regime options ------------------------------------------------

PAGE = "שורה ראשונה של הגוף, עם מילים רבות בה.\nשורה שנייה של הגוף, עם עוד מילים.\n"


def _paged(pages: int) -> str:
    """A document whose pages end in a bare page number (furniture the layout removes)."""
    body = "".join(PAGE * 3 + f"{n}\n" for n in range(1, pages + 1))
    return body


def test_default_removes_page_numbers_lines_only_keeps_them(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", _paged(4).encode())
    status, out, _ = run(capsysbinary, "fix", str(src))
    assert status == 0
    assert not any(line.strip().isdigit() for line in out.decode().splitlines())
    status, out, _ = run(capsysbinary, "fix", "--lines-only", str(src))
    assert out.decode() == _paged(4)
    status, out, _ = run(capsysbinary, "fix", "--keep-furniture", str(src))
    assert sorted(line for line in out.decode().splitlines() if line.strip().isdigit()) == [
        "1",
        "2",
        "3",
        "4",
    ]


def test_reflow_joins_paragraph_lines(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", _paged(3).encode())
    status, out, _ = run(capsysbinary, "fix", "--reflow", str(src))
    assert status == 0
    text = out.decode()
    assert len(text.splitlines()) < len(_paged(3).splitlines()) - 3
    assert text.split() == [w for w in _paged(3).split() if not w.isdigit()]


def test_explain_reports_diagnosis_and_furniture(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", _paged(4).encode())
    status, _, err = run(capsysbinary, "fix", "--explain", str(src))
    assert status == 0
    assert f"{src}: diagnosis: logical (diagnosed)" in err
    assert "page_number" in err


def test_assume_logical_leaves_visual_lines_alone(tmp_path: Path, capsysbinary) -> None:
    seed = sorted((Path(__file__).parent.parent / "seeds").glob("002_*.txt"))[0]
    status, out, _ = run(capsysbinary, "fix", "--lines-only", "--assume", "logical", str(seed))
    assert status == 0
    auto = textrepair.repair(seed.read_text(encoding="utf-8"))
    assert out.decode() != auto
    status, _, err = run(capsysbinary, "fix", "--assume", "logical", "--explain", str(seed))
    assert "logical (forced by --assume)" in err


def test_no_surgery_switch(tmp_path: Path, capsysbinary) -> None:
    """--no-surgery leaves cut words to the other fixes; by default they are searched."""
    sys.path.insert(0, str(Path(__file__).parent))
    samples = __import__("surgery_damage").samples(8, seed=11)
    text = "".join("  ".join(s.damaged.split(" ")) + "\n" for s in samples)
    src = write(tmp_path / "cut.txt", text.encode())
    status, out, _ = run(capsysbinary, "fix", "--lines-only", "--no-surgery", str(src))
    assert status == 0
    off = textrepair.repair(text, textrepair.RepairConfig(token_surgery=False))
    assert out.decode() == off
    status, out, _ = run(capsysbinary, "fix", "--lines-only", str(src))
    assert out.decode() == textrepair.repair(text) != off


def test_keep_controls(tmp_path: Path, capsysbinary) -> None:
    rle, lre, pdf = "\u202b", "\u202a", "\u202c"
    line = f"{rle}המחיר עלה ב־{lre} 18.4%{pdf}בשנה{pdf}\n"
    src = write(tmp_path / "a.txt", (line * 3).encode())
    status, out, _ = run(capsysbinary, "fix", str(src))
    assert (status, out.decode()) == (0, "המחיר עלה ב־18.4% בשנה\n" * 3)
    status, out, _ = run(capsysbinary, "fix", "--keep-controls", str(src))
    assert (status, out.decode()) == (0, line * 3)


@pytest.mark.parametrize(
    "argv", [["--lines-only", "--reflow"], ["--lines-only", "--keep-furniture"], ["--assume", "x"]]
)
def test_conflicting_document_options_are_usage_errors(
    tmp_path: Path, capsysbinary, argv: list[str]
) -> None:
    src = write(tmp_path / "a.txt", PAGE.encode())
    status, _, err = run(capsysbinary, "fix", *argv, str(src))
    assert status == 2
    assert "usage" in err


# --- batch work: --check, --diff, --json, -j, --glob, progress -------------------------

PDF_REFUSED = (
    "looks like a PDF file (starts with %PDF-), not text: extract its text first (e.g. pdftotext)"
)


def broken_tree(root: Path) -> list[Path]:
    """A few files in nested directories, some with a line the fake repair changes."""
    (root / "b" / "c").mkdir(parents=True)
    files = [
        write(root / "a.txt", "א broken\n".encode()),
        write(root / "b" / "clean.txt", "ב תקין\n".encode()),
        write(root / "b" / "c" / "d.txt", "ג broken\r\nד\r\n".encode()),
    ]
    write(root / "b" / "notes.md", b"broken but not matched\n")
    return files


def test_check_writes_nothing_and_exits_1_on_change(
    tmp_path: Path, capsysbinary, fake: FakeRepair
) -> None:
    files = broken_tree(tmp_path)
    before = {p: p.read_bytes() for p in files}
    status, out, err = run(capsysbinary, "fix", "--check", *map(str, files))
    assert (status, out) == (1, b"")
    assert err == f"would repair {files[0]}\nwould repair {files[2]}\n"
    assert {p: p.read_bytes() for p in files} == before
    status, out, err = run(capsysbinary, "fix", "--check", str(files[1]))
    assert (status, out, err) == (0, b"", "")


def test_check_excludes_writing_options(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", b"x\n")
    for extra in (["--in-place"], ["-o", str(tmp_path / "o.txt")]):
        assert run(capsysbinary, "fix", "--check", *extra, str(src))[0] == 2
    assert run(capsysbinary, "fix", "--diff", "--json", str(src))[0] == 2


def test_diff_is_a_unified_diff(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    import difflib

    text = "".join(f"שורה {n}{' broken' if n in (3, 12) else ''}\n" for n in range(1, 20))
    src = write(tmp_path / "a.txt", text.encode())
    status, out, err = run(capsysbinary, "fix", "--diff", str(src))
    assert (status, err) == (0, "")
    fixed = text.replace("broken", "fixed")
    lines = difflib.unified_diff(
        text.splitlines(keepends=True), fixed.splitlines(keepends=True), str(src), str(src)
    )
    assert out.decode() == "".join(lines)
    assert src.read_bytes() == text.encode()
    assert run(capsysbinary, "fix", "--diff", str(write(tmp_path / "c.txt", b"ok\n")))[1] == b""


def test_diff_marks_missing_final_newline(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    src = write(tmp_path / "a.txt", "א\nב broken".encode())
    status, out, _ = run(capsysbinary, "fix", "--diff", str(src))
    assert status == 0
    assert out.decode().endswith(
        "-ב broken\n\\ No newline at end of file\n+ב fixed\n\\ No newline at end of file\n"
    )


def apply_unified_diff(old: list[str], diff: str) -> list[str]:
    """Apply a unified diff, checking every context and removed line against ``old``."""
    new: list[str] = []
    at = 0  # lines of old consumed
    hunk = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
    lines = diff.splitlines(keepends=True)[2:]
    for line in lines:
        match = hunk.match(line)
        if match:
            start = int(match[1]) - (0 if match[2] == "0" else 1)
            assert start >= at, "hunks out of order"
            new += old[at:start]
            at = start
            assert len(new) + 1 == int(match[3]) or match[4] == "0"
        elif line[0] in " -":
            assert old[at] == line[1:], f"line {at + 1}: {old[at]!r} != {line[1:]!r}"
            at += 1
            if line[0] == " ":
                new.append(line[1:])
        elif line[0] == "+":
            new.append(line[1:])
    return new + old[at:]


def test_streamed_diff_is_one_valid_patch(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    """Windows of 5 lines: hunks keep document line numbers and still apply as one patch."""
    text = "".join(f"שורה {n}{' broken' if n % 7 in (0, 1) else ''}\n" for n in range(1, 60))
    src = write(tmp_path / "a.txt", text.encode())
    options = cli.FileOptions(stream_above=10, window_lines=5)
    assert cli.run_fix([str(src)], diff=True, options=options) == 0
    out = capsysbinary.readouterr()[0].decode()
    assert out.count("@@ ") > 5
    patched = apply_unified_diff(text.splitlines(keepends=True), out)
    assert "".join(patched) == text.replace("broken", "fixed")


def test_json_report_per_file(tmp_path: Path, capsysbinary) -> None:
    import json

    seed = sorted((Path(__file__).parent.parent / "seeds").glob("002_*.txt"))[0]
    glyphs = write(tmp_path / "g.txt", "של\x00ם עולם \x00 ו\ufffd\n".encode())
    pdf = write(tmp_path / "x.pdf", b"%PDF-1.4\n")
    status, out, err = run(
        capsysbinary, "fix", "--json", "--lines-only", str(seed), str(glyphs), str(pdf)
    )
    assert status == 1
    assert err == f"textrepair: {pdf}: {PDF_REFUSED}\n"
    reports = [json.loads(line) for line in out.decode().splitlines()]
    assert [r["file"] for r in reports] == [str(seed), str(glyphs), str(pdf)]
    visual, clean, failed = reports
    result = textrepair.repair_and_explain(seed.read_text(encoding="utf-8"))
    assert visual["ok"] and visual["changed"]
    assert visual["diagnosis"]["regime"] == "fragment-visual"
    assert visual["diagnosis"]["hebrew_lines"] == result.diagnosis.hebrew_lines
    assert 0.5 < visual["confidence"] <= 1
    assert visual["changes"] == [c._asdict() for c in result.changes]
    assert visual["lines_changed"] == len({c.line for c in result.changes})
    assert sum(visual["fixes"].values()) == len(result.changes)
    assert (
        visual["lines_in"]
        == visual["lines_out"]
        == len(seed.read_text(encoding="utf-8").splitlines())
    )
    assert (clean["changed"], clean["missing_glyphs"], clean["encoding"]) == (False, 3, "UTF-8")
    assert failed == {
        "file": str(pdf),
        "ok": False,
        "error": failed["error"],
        "error_kind": "binary",
    }


def test_json_with_in_place_rewrites_and_reports(
    tmp_path: Path, capsysbinary, fake: FakeRepair
) -> None:
    import json

    src = write(tmp_path / "a.txt", b"one broken\n")
    status, out, _ = run(capsysbinary, "fix", "--json", "--in-place", str(src))
    assert status == 0
    assert json.loads(out)["changes"] == [
        {"line": 1, "fix": "fake_fix", "before": "one broken\n", "after": "one fixed\n"}
    ]
    assert src.read_bytes() == b"one fixed\n"


def test_jobs_keep_input_order(tmp_path: Path, capsysbinary) -> None:
    # Not seed 003: its token search makes each pass slow, and order is what is tested.
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("00[0124]_*.txt"))
    names = [str(p) for p in seeds] * 2 + [str(tmp_path / "missing.txt"), str(seeds[1])]
    serial = run(capsysbinary, "fix", *names)
    parallel = run(capsysbinary, "fix", "-j", "2", *names)
    assert parallel == serial
    assert serial[0] == 1 and serial[2] == f"textrepair: {names[-2]}: no such file or directory\n"
    json_serial = run(capsysbinary, "fix", "--json", *names)
    assert run(capsysbinary, "fix", "--json", "-j", "3", *names) == json_serial


def test_jobs_in_place(tmp_path: Path, capsysbinary) -> None:
    rle, lre, pdf = "\u202b", "\u202a", "\u202c"
    broken = f"{rle}המחיר עלה ב־{lre} 18.4%{pdf}בשנה{pdf}\n" * 3
    files = [write(tmp_path / f"{n}.txt", broken.encode()) for n in range(12)]
    status, out, err = run(capsysbinary, "fix", "-j", "2", "--in-place", *map(str, files))
    assert (status, out, err) == (0, b"", "")
    assert {p.read_bytes() for p in files} == {("המחיר עלה ב־18.4% בשנה\n" * 3).encode()}


def test_glob_searches_directories_in_sorted_order(
    tmp_path: Path, capsysbinary, fake: FakeRepair
) -> None:
    files = broken_tree(tmp_path)
    status, out, err = run(capsysbinary, "fix", "--glob", "*.txt", str(tmp_path))
    assert (status, err) == (0, "")
    assert out == b"".join(p.read_bytes().replace(b"broken", b"fixed") for p in files)
    assert fake.inputs == [p.read_bytes().decode() for p in files]
    status, _, err = run(capsysbinary, "fix", "--glob", "*.txt", "--check", str(tmp_path))
    assert status == 1 and err.count("would repair") == 2


def test_glob_leaves_named_files_alone(tmp_path: Path, capsysbinary, fake: FakeRepair) -> None:
    files = broken_tree(tmp_path)
    notes = tmp_path / "b" / "notes.md"
    status, out, _ = run(capsysbinary, "fix", "--glob", "*.txt", str(notes), str(files[0]))
    assert status == 0
    assert out == b"broken but not matched\n".replace(b"broken", b"fixed") + "א fixed\n".encode()


def test_progress_bar_only_on_a_terminal(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair
) -> None:
    files = broken_tree(tmp_path)
    names = [*map(str, files), str(tmp_path / "missing.txt")]
    status, _, err = run(capsysbinary, "fix", "--check", *names)
    assert "\r" not in err and "files" not in err  # not a terminal: quiet
    monkeypatch.setattr(cli, "_isatty", lambda stream: stream is sys.stderr)
    status, _, err = run(capsysbinary, "fix", "--check", *names)
    assert status == 1
    assert err.endswith("\r\x1b[Ktextrepair: [" + "#" * 30 + "] 4/4 files, 1 failed\n")
    assert f"textrepair: {names[-1]}: no such file or directory\n" in err
    status, _, err = run(capsysbinary, "fix", "--check", "--no-progress", *names)
    assert "\r" not in err
    _, _, err = run(capsysbinary, "fix", "--check", "--glob", "*.txt", str(tmp_path))
    assert err.endswith("\r\x1b[Ktextrepair: 3 files\n")


# --- encodings and binary input ---------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "codec"),
    [("windows-1255", "cp1255"), ("iso-8859-8", "iso8859-8"), ("utf-16", "utf-16")],
)
def test_encoding_option_and_in_place_keeps_encoding(
    tmp_path: Path, capsysbinary, fake: FakeRepair, encoding: str, codec: str
) -> None:
    text = "שלום broken\r\nעולם\r\n"
    src = write(tmp_path / "a.txt", text.encode(codec))
    status, out, err = run(capsysbinary, "fix", "--encoding", encoding, str(src))
    assert (status, err) == (0, "")
    assert out == text.replace("broken", "fixed").encode()
    status, _, _ = run(capsysbinary, "fix", "--encoding", encoding, "--in-place", str(src))
    assert status == 0
    assert src.read_bytes() == text.replace("broken", "fixed").encode(codec)


def test_detected_encoding_shown_by_explain(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", "שלום עולם\n".encode("cp1255"))
    status, out, err = run(capsysbinary, "fix", "--explain", "--lines-only", str(src))
    assert (status, out.decode()) == (0, "שלום עולם\n")
    assert err.startswith(f"{src}: encoding: windows-1255 (detected)\n")


def test_unknown_encoding_is_a_usage_error(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", b"x\n")
    status, _, err = run(capsysbinary, "fix", "--encoding", "klingon", str(src))
    assert status == 2 and "unknown encoding: klingon" in err


def test_wrong_named_encoding_is_reported(tmp_path: Path, capsysbinary) -> None:
    src = write(tmp_path / "a.txt", "שלום".encode() + b"\xff")
    status, _, err = run(capsysbinary, "fix", "--encoding", "utf-8", str(src))
    assert (status, err) == (1, f"textrepair: {src}: not valid UTF-8 (byte 0xff at offset 8)\n")


def test_binary_refused_and_never_written(tmp_path: Path, capsysbinary) -> None:
    pdf = write(tmp_path / "doc.txt", b"%PDF-1.5\n" + bytes(range(256)))
    nuls = write(tmp_path / "nuls.txt", b"\x00" * 100 + "א\n".encode())
    good = write(tmp_path / "good.txt", "א\x00ב\n".encode())  # a missing glyph: text
    status, out, err = run(capsysbinary, "fix", "--in-place", str(pdf), str(nuls), str(good))
    assert (status, out) == (1, b"")
    assert err.splitlines() == [
        f"textrepair: {pdf}: {PDF_REFUSED}",
        f"textrepair: {nuls}: looks like a binary file, not text "
        "(98% of its first 102 characters are NUL or control)",
    ]
    assert pdf.read_bytes().startswith(b"%PDF") and nuls.read_bytes()[:3] == b"\0\0\0"
    assert good.read_bytes() == "א\x00ב\n".encode()


# --- big files and write failures ------------------------------------------------------


def test_streamed_file_matches_whole_file(tmp_path: Path, capsysbinary) -> None:
    seed = sorted((Path(__file__).parent.parent / "seeds").glob("002_*.txt"))[0]
    src = write(tmp_path / "a.txt", seed.read_bytes())
    whole = run(capsysbinary, "fix", str(src))
    assert run(capsysbinary, "fix", "--stream-above", "100", str(src)) == whole  # one window
    options = cli.FileOptions(stream_above=100, window_lines=150)
    assert cli.run_fix([str(src)], json_report=True, options=options) == 0
    import json

    report = json.loads(capsysbinary.readouterr()[0])
    assert report["streamed"] and report["diagnosis"]["regime"] == "fragment-visual"


def test_streamed_stdin(capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair) -> None:
    text = "".join(f"שורה {n} broken\r\n" for n in range(500))
    set_stdin(monkeypatch, text.encode())
    options = cli.FileOptions(stream_above=1000, window_lines=40)
    assert cli.run_fix(["-"], options=options) == 0
    assert capsysbinary.readouterr()[0] == text.replace("broken", "fixed").encode()
    assert len(fake.inputs) > 10


def test_streamed_in_place_disk_full_keeps_original(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair
) -> None:
    original = "".join(f"שורה {n} broken\n" for n in range(300)).encode()
    src = write(tmp_path / "a.txt", original)
    calls = []
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) == 4:
            real_write(fd, bytes(data[:10]))
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    options = cli.FileOptions(stream_above=100, window_lines=20)
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full_disk)
        assert cli.run_fix([str(src)], in_place=True, options=options) == 1
    _, err = capsysbinary.readouterr()
    assert err.decode() == f"textrepair: {src}: cannot write: no space left on device\n"
    assert src.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert cli.run_fix([str(src)], in_place=True, options=options) == 0
    assert src.read_bytes() == original.replace(b"broken", b"fixed")


def test_output_disk_full_keeps_old_output(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair
) -> None:
    a = write(tmp_path / "a.txt", b"a broken\n")
    out_path = write(tmp_path / "out.txt", b"old\n")

    def full_disk(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full_disk)
        status, _, err = run(capsysbinary, "fix", str(a), "-o", str(out_path))
    assert status == 1
    assert err == f"textrepair: {out_path}: cannot write: no space left on device\n"
    assert out_path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.txt"]


def test_output_directory_missing_fails_at_once(tmp_path: Path, capsysbinary) -> None:
    a = write(tmp_path / "a.txt", b"x\n")
    status, out, err = run(capsysbinary, "fix", str(a), "-o", str(tmp_path / "no" / "o.txt"))
    assert (status, out) == (1, b"")
    assert (
        err == f"textrepair: {tmp_path / 'no' / 'o.txt'}: cannot write: no such file or directory\n"
    )


def test_permission_errors_reported(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair
) -> None:
    """Simulated, as the tests may run as root: an unreadable input, an unwritable folder."""
    import builtins
    import tempfile

    locked = write(tmp_path / "locked.txt", b"x broken\n")
    free = write(tmp_path / "free.txt", b"y broken\n")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(builtins, "open", guarded_open)
        status, out, err = run(capsysbinary, "fix", str(locked), str(free))
    assert (status, out) == (1, b"y fixed\n")
    assert err == f"textrepair: {locked}: permission denied\n"

    def no_temp(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", no_temp)
    status, _, err = run(capsysbinary, "fix", "--in-place", str(locked))
    assert (status, err) == (1, f"textrepair: {locked}: cannot write: permission denied\n")
    assert locked.read_bytes() == b"x broken\n"


def test_internal_error_in_one_file_spares_the_others(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair
) -> None:
    def explode(text: str, config: object = None) -> Repaired:
        if "boom" in text:
            raise RuntimeError("kaboom")
        return fake(text, config)

    monkeypatch.setattr(textrepair.stream, "repair_and_explain", explode)
    bad = write(tmp_path / "bad.txt", b"boom\n")
    good = write(tmp_path / "good.txt", b"good broken\n")
    status, out, err = run(capsysbinary, "fix", str(bad), str(good))
    assert (status, out) == (1, b"good fixed\n")
    assert err == f"textrepair: {bad}: internal error: RuntimeError: kaboom\n"


def test_pipe_failing_half_way_never_replaces_output(
    tmp_path: Path, capsysbinary, monkeypatch: pytest.MonkeyPatch, fake: FakeRepair
) -> None:
    """A pipe cannot be checked before it is read: a bad byte after the streamed head
    leaves OUT as it was (on stdout, what was written stays written)."""
    data = "".join(f"שורה {n} broken\n" for n in range(400)).encode() + b"\xff\n"
    out_path = write(tmp_path / "out.txt", b"old\n")
    good = write(tmp_path / "good.txt", b"good broken\n")
    set_stdin(monkeypatch, data)
    options = cli.FileOptions(stream_above=1000, window_lines=20)
    assert cli.run_fix([str(good), "-"], output=str(out_path), options=options) == 1
    err = capsysbinary.readouterr()[1].decode()
    offset = len(data) - 2
    assert err.splitlines() == [
        f"textrepair: <stdin>: not valid UTF-8 (byte 0xff at offset {offset})",
        f"textrepair: {out_path}: cannot write: <stdin> failed half way through",
    ]
    assert out_path.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "out.txt"]
