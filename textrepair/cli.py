"""Command-line interface: ``textrepair fix FILE...``.

Files are read and written as bytes so that line endings (LF, CRLF, CR) and a UTF-8 BOM
survive exactly; only the decoded text, with its original line endings, is given to the
repair. A failure on one file is reported on stderr and the remaining files are still
processed, so a batch run tells the user about every bad file at once.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence

from textrepair import __version__
from textrepair.config import RepairConfig
from textrepair.diagnose import ASSUME_CHOICES
from textrepair.explain import Change
from textrepair.pipeline import repair_and_explain

PROG = "textrepair"
STDIN_NAME = "-"
STDIN_LABEL = "<stdin>"

DESCRIPTION = """\
Repair Hebrew text broken by PDF extractors (pdftotext, PyMuPDF, pdfminer, ...).

Extractors often emit right-to-left text in visual order: the fragments of a line come
out in reversed order, the letters of words are reversed, numbers are flipped or split,
and brackets point the wrong way. textrepair puts such text back into the logical order
a reader sees on the page. Clean text is left untouched.
"""

TOP_EPILOG = """\
examples:
  pdftotext -layout doc.pdf - | textrepair fix -      repair a pipe
  textrepair fix page1.txt page2.txt > doc.txt        repair and concatenate
  textrepair fix --in-place --explain *.txt           rewrite files, show what changed

Run 'textrepair fix --help' for all options.
"""

FIX_DESCRIPTION = """\
Repair Hebrew text broken by PDF extractors: reversed fragment order, letter-reversed
(visual) lines, reversed letters, numbers and mirrored brackets, and the bidi embeddings
pdftotext writes (read to put each number and Latin run in place, then removed). Missing
glyphs (U+0000, U+FFFD) are kept where they stand. The repaired text of all FILEs is
written, in order, to stdout (or to -o OUT, or back into each file with --in-place).
Input must be UTF-8; a UTF-8 BOM is accepted. Line endings (LF, CRLF, CR) are preserved
exactly.
"""

FIX_EPILOG = """\
examples:
  textrepair fix extracted.txt > fixed.txt
  pdftotext doc.pdf - | textrepair fix - -o fixed.txt
  textrepair fix --in-place --explain ch1.txt ch2.txt

--explain prints the document diagnosis (logical, fragment-visual or letter-visual, with
its evidence) and one entry per changed line to stderr:
  ch1.txt: diagnosis: fragment-visual (diagnosed): 208 Hebrew lines, 73 with wide gaps; ...
  ch1.txt:12: reverse_letters
    - <line before>
    + <line after>

By default the page layout is repaired too: side-by-side columns are split, running
headers, footers and page numbers removed (listed by --explain), text blocks the extractor
put out of order moved back and words broken across lines rejoined. --lines-only keeps
the input's lines one for one.

exit status: 0 if every file was repaired, 1 if any file failed (the others are still
processed), 2 for usage errors.
"""


class FileError(Exception):
    """A per-file problem whose message is shown to the user as one line."""


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser; separate from main so tests and docs can inspect it."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=TOP_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    fix = commands.add_parser(
        "fix",
        help="repair Hebrew text files extracted from PDFs",
        description=FIX_DESCRIPTION,
        epilog=FIX_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fix.add_argument("files", nargs="+", metavar="FILE", help="input file; '-' reads stdin")
    target = fix.add_mutually_exclusive_group()
    target.add_argument(
        "-o", "--output", metavar="OUT", help="write the repaired text to OUT (atomically)"
    )
    target.add_argument(
        "--in-place", action="store_true", help="rewrite each FILE atomically with its repair"
    )
    fix.set_defaults(fix_parser=fix)  # lets main report usage errors with `fix` usage
    fix.add_argument(
        "--explain",
        action="store_true",
        help="print the document diagnosis and each changed line to stderr",
    )
    fix.add_argument(
        "--assume",
        choices=ASSUME_CHOICES,
        default="auto",
        help="reading order of the input: decide from the text (auto, the default), or "
        "force it: 'logical' reorders nothing, 'visual' reorders where the words say so "
        "even in a document whose evidence is weak",
    )
    fix.add_argument(
        "--lines-only",
        action="store_true",
        help="repair line by line only: keep every input line where it is (no column split, "
        "no header/footer removal, no block reordering); output line k is input line k",
    )
    fix.add_argument(
        "--reflow",
        action="store_true",
        help="join the lines of each paragraph into one line (headings stay on their own)",
    )
    fix.add_argument(
        "--keep-furniture",
        action="store_true",
        help="keep running headers, footers and page numbers (on lines of their own, out of "
        "paragraphs) instead of removing them; --explain lists them either way",
    )
    fix.add_argument(
        "--keep-controls",
        action="store_true",
        help="leave bidi control characters (LRE, RLE, PDF, LRM, RLM, isolates) and the "
        "lines that carry them untouched; by default they are read, then removed",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit status (0 ok, 1 a file failed, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.in_place and STDIN_NAME in args.files:
        args.fix_parser.error("--in-place cannot be used with '-' (stdin)")
    try:
        if args.lines_only and (args.reflow or args.keep_furniture):
            args.fix_parser.error("--reflow and --keep-furniture need the layout stage")
        config = RepairConfig(
            assume=args.assume,
            keep_controls=args.keep_controls,
            layout=not args.lines_only,
            reflow=args.reflow,
            keep_furniture=args.keep_furniture,
        )
        return run_fix(
            args.files,
            output=args.output,
            in_place=args.in_place,
            explain=args.explain,
            config=config,
        )
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): exit quietly instead of a traceback.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def run_fix(
    files: Sequence[str],
    *,
    output: str | None,
    in_place: bool,
    explain: bool,
    config: RepairConfig | None = None,
) -> int:
    """Repair every file, reporting failures but carrying on, and return the exit status."""
    failed = False
    collected: list[bytes] = []
    succeeded = 0
    for name in files:
        try:
            result = fix_one(name, in_place=in_place, explain=explain, config=config)
        except FileError as err:
            report(str(err))
            failed = True
            continue
        succeeded += 1
        if output is not None:
            collected.append(result)
        elif not in_place:
            write_stdout(result)
    if output is not None and succeeded:  # never clobber OUT with nothing
        try:
            atomic_write(output, b"".join(collected))
        except OSError as err:
            report(f"{output}: cannot write: {describe_os_error(err)}")
            failed = True
    return 1 if failed else 0


def fix_one(
    name: str, *, in_place: bool, explain: bool, config: RepairConfig | None = None
) -> bytes:
    """Repair one file and return the repaired bytes (without a BOM unless rewriting it)."""
    label = STDIN_LABEL if name == STDIN_NAME else name
    data = read_input(name)
    bom, text = decode(label, data)
    repaired = repair_and_explain(text, config)
    if explain:
        if repaired.diagnosis is not None:
            print(f"{label}: diagnosis: {repaired.diagnosis.describe()}", file=sys.stderr)
        print_changes(label, repaired.changes)
    body = repaired.text.encode("utf-8")
    if in_place:
        new = bom + body
        if new != data:  # leave untouched files alone: keeps mtime, needs no write access
            try:
                atomic_write(os.path.realpath(name), new)
            except OSError as err:
                raise FileError(f"{label}: cannot write: {describe_os_error(err)}") from err
        return new
    return body


def read_input(name: str) -> bytes:
    """Read a file (or stdin for '-') as bytes, so no newline translation can happen."""
    try:
        if name == STDIN_NAME:
            return sys.stdin.buffer.read()
        with open(name, "rb") as handle:
            return handle.read()
    except OSError as err:
        label = STDIN_LABEL if name == STDIN_NAME else name
        raise FileError(f"{label}: {describe_os_error(err)}") from err


def decode(label: str, data: bytes) -> tuple[bytes, str]:
    """Split off a UTF-8 BOM and decode strictly, so bad input is reported, not mangled."""
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        return bom, data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = len(bom) + err.start
        raise FileError(
            f"{label}: not valid UTF-8 (byte 0x{data[offset]:02x} at offset {offset})"
        ) from err


def describe_os_error(err: OSError) -> str:
    """Turn an OSError into a short, lower-case reason without the repeated file name."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    if isinstance(err, PermissionError):
        return "permission denied"
    return (err.strerror or str(err)).lower()


def atomic_write(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old or the new file, never a torn one.

    The temp file lives in the same directory (os.replace must not cross filesystems), is
    fsynced before the rename, keeps the mode of an existing target, and is removed on
    any failure so no debris is left behind.
    """
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        copy_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_directory(directory)


def copy_mode(source: str, dest: str) -> None:
    """Give the temp file the target's permissions (mkstemp creates it 0600)."""
    try:
        mode = os.stat(source).st_mode
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(dest, 0o666 & ~umask)
        return
    os.chmod(dest, mode & 0o7777)


def fsync_directory(directory: str) -> None:
    """Persist the rename itself; best effort, as not every platform can open directories."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def print_changes(label: str, changes: Sequence[Change]) -> None:
    """Show each change as ``FILE:LINE: fix`` with before/after, so repairs can be audited."""
    for change in changes:
        before = change.before.rstrip("\r\n")
        after = change.after.rstrip("\r\n")
        print(f"{label}:{change.line}: {change.fix}", file=sys.stderr)
        print(f"  - {before}", file=sys.stderr)
        print(f"  + {after}", file=sys.stderr)


def write_stdout(data: bytes) -> None:
    """Write raw bytes to stdout, bypassing newline translation and the locale encoding."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def report(message: str) -> None:
    """Print a one-line error prefixed with the program name, like other Unix tools."""
    print(f"{PROG}: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
