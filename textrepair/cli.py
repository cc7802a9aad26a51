"""Command-line interface: ``textrepair fix FILE...``.

Files are read and written as bytes so that line endings (LF, CRLF, CR) and a BOM survive
exactly; only the decoded text, with its original line endings, is given to the repair.
A failure on one file is reported on stderr and the remaining files are still processed,
so a batch run tells the user about every bad file at once; nothing is ever written over
an input that failed. Decoding, safe writing and reports live in :mod:`textrepair.io`,
the windowed repair of big inputs in :mod:`textrepair.stream`.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, Any, NamedTuple

from textrepair import __version__
from textrepair.config import RepairConfig
from textrepair.diagnose import ASSUME_CHOICES, Diagnosis
from textrepair.explain import Change
from textrepair.io import (
    LINE_BREAKS,
    STREAM_ABOVE,
    AtomicWriter,
    FileOptions,
    InputError,
    Report,
    Rewriter,
    canonical_codec,
    describe_os_error,
    iter_inputs,
    open_source,
    windows,
)
from textrepair.stream import Window

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
  textrepair fix --check --glob '*.txt' corpus/       which files would change?

Run 'textrepair fix --help' for all options.
"""

FIX_DESCRIPTION = """\
Repair Hebrew text broken by PDF extractors: reversed fragment order, letter-reversed
(visual) lines, reversed letters, numbers and mirrored brackets, and the bidi embeddings
pdftotext writes (read to put each number and Latin run in place, then removed). Missing
glyphs (U+0000, U+FFFD) are kept where they stand. The repaired text of all FILEs is
written, in order, to stdout (or to -o OUT, or back into each file with --in-place).

Input is UTF-8 (a BOM is accepted), UTF-16 or UTF-32 with a BOM, or a legacy Hebrew code
page (windows-1255, ISO-8859-8) recognised from its bytes or named with --encoding. Hebrew
decoded through the wrong code page (mojibake) is decoded back where that is certain.
Binary files (PDFs, images, archives, data) are refused. Line endings (LF, CRLF, CR) are
preserved exactly. Output is UTF-8; --in-place keeps each file's own encoding.

Give it the extractor's lines as they came. Text already joined into paragraphs (lines
longer than a page's, as pymupdf4llm writes) is mended only inside its words and beside
its marks, never reordered: the ends of the lines joined in it are lost.
"""

FIX_EPILOG = """\
examples:
  textrepair fix extracted.txt > fixed.txt
  pdftotext doc.pdf - | textrepair fix - -o fixed.txt
  textrepair fix --in-place --explain ch1.txt ch2.txt
  textrepair fix --in-place -j 4 --glob '*.txt' corpus/
  textrepair fix --check --diff page.txt              show what would change
  textrepair fix --json --glob '*.txt' corpus/ > report.jsonl

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

Inputs larger than --stream-above bytes (2 MiB, some 700 pages of text) are repaired
window by window in bounded memory (about 170 MB at any size); the document's diagnosis
is then made on its first 10,000 lines. A whole repair peaks near 200 MB at 2 MB.

exit status: 0 if every file was repaired, 1 if any file failed (the others are still
processed) or, with --check, would change; 2 for usage errors.
"""

PROGRESS_MIN_FILES = 2  # a progress bar for a batch, not for one file


class Task(NamedTuple):
    """One input and what to make of it; picklable, so it can go to a worker process."""

    name: str
    options: FileOptions
    in_place: bool = False
    text: bool = True  # produce the repaired text (stdout or -o)
    diff: bool = False
    explain: bool = False


class Result(NamedTuple):
    """What a task produced: output is held here unless it was written as it came."""

    label: str
    error: str | None
    text: bytes = b""
    diff: str = ""
    messages: tuple[str, ...] = ()
    report: dict[str, Any] | None = None
    changed: bool = False
    partial: bool = False  # failed after part of its text was written (a pipe)


class Sinks(NamedTuple):
    """Where a streamed file's output goes as it is produced."""

    text: Callable[[bytes], None]
    diff: Callable[[str], None]
    message: Callable[[str], None]


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
    fix.set_defaults(fix_parser=fix)  # lets main report usage errors with `fix` usage
    fix.add_argument("files", nargs="+", metavar="FILE", help="input file; '-' reads stdin")
    target = fix.add_mutually_exclusive_group()
    target.add_argument(
        "-o", "--output", metavar="OUT", help="write the repaired text to OUT (atomically)"
    )
    target.add_argument(
        "--in-place", action="store_true", help="rewrite each FILE atomically with its repair"
    )
    target.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if any file would change (and name it on stderr)",
    )
    fix.add_argument(
        "--diff",
        action="store_true",
        help="write a unified diff of each repair to stdout instead of the text",
    )
    fix.add_argument(
        "--json",
        action="store_true",
        help="write one JSON report per file to stdout (JSON Lines) instead of the text: "
        "changes, counts, diagnosis, confidence, missing glyphs, encoding, or the error",
    )
    fix.add_argument(
        "--explain",
        action="store_true",
        help="print the document diagnosis and each changed line to stderr",
    )
    fix.add_argument(
        "--glob",
        metavar="PATTERN",
        help="search directory FILEs recursively for files whose names match PATTERN "
        "(e.g. '*.txt'); without it a directory is an error",
    )
    fix.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="repair N files at a time in worker processes (0: one per CPU); output "
        "order is input order",
    )
    fix.add_argument(
        "--encoding",
        metavar="ENC",
        help="the input encoding (e.g. windows-1255, iso-8859-8, utf-16-le); by default "
        "it is detected: a BOM, else UTF-8, else a legacy Hebrew code page where sure",
    )
    fix.add_argument(
        "--no-fix-encoding",
        action="store_true",
        help="do not decode mojibake (Hebrew decoded through the wrong code page) back",
    )
    fix.add_argument(
        "--keep-presentation-forms",
        action="store_true",
        help="keep Hebrew presentation forms (U+FB1D-FB4F) as they are; by default wide "
        "letters become plain letters and pointed letters letter plus niqqud (NFKC)",
    )
    fix.add_argument(
        "--assume",
        choices=ASSUME_CHOICES,
        default="auto",
        help="reading order of the input: decide from the text (auto, the default), or "
        "force it: 'logical' takes the lines as in reading order and reorders none on "
        "the word model's say (an extractor's known marks are still mended where they "
        "recur: pdf.js's stretched lines), 'visual' reorders where the words say so even "
        "in a document whose evidence is weak",
    )
    fix.add_argument(
        "--no-surgery",
        action="store_true",
        help="do not search for words the extractor cut at glyph runs (a prefix letter alone, "
        "halves of a word far apart, digits glued to a word). The search runs only in visual "
        "documents where many lines show such cuts, and costs a few hundred milliseconds "
        "per line there",
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
    controls = fix.add_mutually_exclusive_group()
    controls.add_argument(
        "--keep-controls",
        action="store_true",
        help="leave bidi control characters (LRE, RLE, PDF, LRM, RLM, isolates) and the "
        "lines that carry them untouched; by default an extractor's embeddings are read, "
        "then removed, and an author's marks kept",
    )
    controls.add_argument(
        "--strip-controls",
        action="store_true",
        help="remove every bidi control character (marks, embeddings, isolates) left "
        "after the repair",
    )
    fix.add_argument(
        "--stream-above",
        type=int,
        default=STREAM_ABOVE,
        metavar="BYTES",
        help=f"repair inputs larger than BYTES window by window, in bounded memory "
        f"(default {STREAM_ABOVE})",
    )
    fix.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (one is shown on a terminal's stderr for several files)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return the exit status (0 ok, 1 a file failed, 2 usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    usage = args.fix_parser.error
    if args.in_place and STDIN_NAME in args.files:
        usage("--in-place cannot be used with '-' (stdin)")
    if args.lines_only and (args.reflow or args.keep_furniture):
        usage("--reflow and --keep-furniture need the layout stage")
    if args.diff and (args.json or args.output or args.in_place):
        usage("--diff writes to stdout alone: not with --json, -o or --in-place")
    if args.jobs < 0:
        usage("-j/--jobs must be 0 (one per CPU) or more")
    if args.stream_above < 1:
        usage("--stream-above must be at least 1")
    if args.encoding is not None:
        try:
            canonical_codec(args.encoding)
        except LookupError:
            usage(f"unknown encoding: {args.encoding}")
    config = RepairConfig(
        assume=args.assume,
        keep_controls=args.keep_controls,
        token_surgery=not args.no_surgery,
        layout=not args.lines_only,
        reflow=args.reflow,
        keep_furniture=args.keep_furniture,
    )
    options = FileOptions(
        config=config,
        encoding=args.encoding,
        fix_encoding=not args.no_fix_encoding,
        presentation_forms=not args.keep_presentation_forms,
        strip_controls=args.strip_controls,
        stream_above=args.stream_above,
    )
    try:
        return run_fix(
            args.files,
            output=args.output,
            in_place=args.in_place,
            explain=args.explain,
            options=options,
            check=args.check,
            diff=args.diff,
            json_report=args.json,
            jobs=args.jobs or (os.cpu_count() or 1),
            glob=args.glob,
            progress=False if args.no_progress else None,
        )
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): exit quietly instead of a traceback.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


def run_fix(
    files: Sequence[str],
    *,
    output: str | None = None,
    in_place: bool = False,
    explain: bool = False,
    config: RepairConfig | None = None,
    options: FileOptions | None = None,
    check: bool = False,
    diff: bool = False,
    json_report: bool = False,
    jobs: int = 1,
    glob: str | None = None,
    progress: bool | None = None,
) -> int:
    """Repair every file, reporting failures but carrying on, and return the exit status.

    ``progress`` ``None`` shows a progress bar when stderr is a terminal, several files run
    and stdout does not go to the same terminal.
    """
    opts = options or FileOptions()
    if config is not None:
        opts = opts._replace(config=config)
    text = output is not None or not (in_place or check or diff or json_report)
    console = Console(sys.stderr)
    failed = False
    out_writer: AtomicWriter | None = None
    if output is not None and text:
        try:
            out_writer = AtomicWriter(output)
        except OSError as err:
            console.error(f"{output}: cannot write: {describe_os_error(err)}")
            return 1

    def listing_failed(path: str, err: OSError) -> None:
        nonlocal failed
        failed = True
        console.error(f"{path}: {describe_os_error(err)}")

    names = iter_inputs(files, glob, listing_failed)
    total = None if glob is not None else len(files)
    bar = Progress(console, total, _progress_wanted(progress, total, text or diff or json_report))
    emit = _Emitter(out_writer, text and out_writer is None)
    sinks = Sinks(emit.text, emit.diff, console.message)
    task_of = _Tasks(opts, in_place=in_place, text=text, diff=diff, explain=explain)
    succeeded = 0
    would_change = 0
    try:
        for result in _results(names, task_of, sinks, jobs, opts.stream_above):
            if result.error is not None:
                console.error(f"{result.label}: {result.error}")
                failed = True
                if result.partial and out_writer is not None:
                    emit.out_error = OSError(f"{result.label} failed half way through")
            else:
                succeeded += 1
                for message in result.messages:
                    console.message(message)
                if result.text:
                    emit.text(result.text)
                if result.diff:
                    emit.diff(result.diff)
                if check and result.changed:
                    would_change += 1
                    console.message(f"would repair {result.label}")
            if json_report and result.report is not None:
                emit.json(result.report)
            bar.advance(result.error is not None)
    finally:
        bar.close()
        if out_writer is not None and (not succeeded or emit.out_error is not None):
            out_writer.discard()  # never clobber OUT with nothing, or with a torn text
    if out_writer is not None and succeeded:
        try:
            if emit.out_error is not None:
                raise emit.out_error
            out_writer.commit()
        except OSError as err:
            console.error(f"{output}: cannot write: {describe_os_error(err)}")
            failed = True
    return 1 if failed or would_change else 0


class _Tasks:
    """Makes the task for each input name (a picklable stand-in for a closure)."""

    def __init__(self, options: FileOptions, **flags: bool) -> None:
        self.options = options
        self.flags = flags

    def __call__(self, name: str) -> Task:
        return Task(name, self.options, **self.flags)


def _progress_wanted(progress: bool | None, total: int | None, to_stdout: bool) -> bool:
    if progress is not None:
        return progress
    if total is not None and total < PROGRESS_MIN_FILES:
        return False
    if not _isatty(sys.stderr):
        return False
    return not (to_stdout and _isatty(sys.stdout))


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _results(
    names: Iterable[str],
    task_of: Callable[[str], Task],
    sinks: Sinks,
    jobs: int,
    stream_above: int,
) -> Iterator[Result]:
    """Results in input order: small files in workers (``jobs`` > 1), big ones and stdin
    here, streamed straight to their outputs as they are repaired."""
    if jobs <= 1:
        for name in names:
            yield process(task_of(name), sinks)
        return
    ahead = 4 * jobs  # bounded read-ahead: a million files never become a million futures
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[tuple[Task, Future[Result] | None]] = deque()
        try:
            for name in names:
                task = task_of(name)
                here = name == STDIN_NAME or _size(name) > stream_above
                pending.append((task, None if here else pool.submit(process, task)))
                while len(pending) > ahead:
                    yield _collect(*pending.popleft(), sinks)
            while pending:
                yield _collect(*pending.popleft(), sinks)
        except BaseException:
            for _, future in pending:
                if future is not None:
                    future.cancel()
            raise


def _collect(task: Task, future: Future[Result] | None, sinks: Sinks) -> Result:
    if future is None:
        return process(task, sinks)
    try:
        return future.result()
    except Exception as err:  # the worker died (killed, out of memory): this file failed
        return Result(_label(task.name), f"worker failed: {type(err).__name__}: {err}")


def _size(name: str) -> int:
    try:
        return os.stat(name).st_size
    except OSError:
        return 0  # let the worker meet (and report) the error


def _label(name: str) -> str:
    return STDIN_LABEL if name == STDIN_NAME else name


def process(task: Task, sinks: Sinks | None = None) -> Result:
    """Repair one input; never raises for a bad file (the result carries the error).

    Output of a small input is held in the result, so a failure leaves nothing behind;
    a streamed input's output goes to ``sinks`` as it is produced (when given).
    """
    label = _label(task.name)
    report = Report(label)
    rewriter: Rewriter | None = None
    held: list[bytes] = []
    diffs: list[str] = []
    messages: list[str] = []
    live = False  # output already went out through ``sinks``
    try:
        stdin = sys.stdin.buffer if task.name == STDIN_NAME else None
        source = open_source(task.name, task.options, stream=stdin)
        report.opened(source)
        out = Sinks(held.append, diffs.append, messages.append)
        if sinks is not None and source.streamed:
            out = sinks  # too big to hold: written as it comes
            live = True
        if task.explain and source.encoding.how != "UTF-8":
            out.message(f"{label}: encoding: {source.encoding.name} ({source.encoding.how})")
        if task.in_place:
            rewriter = Rewriter(os.path.realpath(task.name), source.encoding)
        differ = Differ(label) if task.diff else None
        shown: Diagnosis | None = None
        noted: str | None = None  # a long line's note, said once for all its pieces
        for window in windows(source.chunks, task.options, streamed=source.streamed):
            report.add(window)
            if task.explain:
                if window.diagnosis is not None and window.diagnosis != shown:
                    shown = window.diagnosis
                    out.message(f"{label}: diagnosis: {shown.describe()}")
                if window.note is not None and window.note != noted:
                    out.message(f"{label}: {window.note}")
                noted = window.note
                for line in format_changes(label, window.changes):
                    out.message(line)
            if task.text:
                out.text(window.text.encode("utf-8"))
            if differ is not None:
                hunks = differ.window(window)
                if hunks:
                    out.diff(hunks)
            if rewriter is not None:
                _rewrite(rewriter, window)
        if rewriter is not None:
            _rewrite(rewriter, None)
    except Exception as err:  # a bug must not stop a batch of a million files either
        message, kind = describe_failure(err)
        report.fail(message, kind)
        return Result(label, message, report=report.as_dict(), partial=live and task.text)
    finally:
        if rewriter is not None:
            rewriter.discard()
    return Result(
        label,
        None,
        b"".join(held),
        "".join(diffs),
        tuple(messages),
        report.as_dict(),
        report.changed,
    )


def describe_failure(err: Exception) -> tuple[str, str]:
    """The one-line message and the ``error_kind`` of a file's failure."""
    if isinstance(err, InputError):
        return str(err), err.kind
    if isinstance(err, _WriteError):
        return f"cannot write: {describe_os_error(err.os_error)}", "os"
    if isinstance(err, UnicodeEncodeError):
        return f"cannot write the repair back in {err.encoding}: {err.reason}", "encode"
    if isinstance(err, OSError):
        return describe_os_error(err), "os"
    if isinstance(err, LookupError):
        return str(err), "encoding"
    return f"internal error: {type(err).__name__}: {err}", "internal"


def _rewrite(rewriter: Rewriter, window: Window | None) -> None:
    """Feed a window to the rewrite (``None``: commit it); write errors become
    :class:`_WriteError`, to be told apart from errors reading the input."""
    try:
        if window is None:
            rewriter.close()
        else:
            rewriter.add(window)
    except OSError as err:
        raise _WriteError(err) from err


class _WriteError(Exception):
    def __init__(self, err: OSError) -> None:
        super().__init__(str(err))
        self.os_error = err


def format_changes(label: str, changes: Sequence[Change]) -> list[str]:
    """Each change as ``FILE:LINE: fix`` with before/after, so repairs can be audited."""
    out = []
    for change in changes:
        before = change.before.rstrip("\r\n")
        after = change.after.rstrip("\r\n")
        out += [f"{label}:{change.line}: {change.fix}", f"  - {before}", f"  + {after}"]
    return out


class Differ:
    """A unified diff of an input and its repair, built window by window.

    Hunks carry the document's line numbers, so the diff of a streamed file is one valid
    patch. A line without a newline ends in ``\\ No newline at end of file`` as in
    ``diff -u``.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.old_line = 1  # document line number of the next window's first line
        self.new_line = 1
        self.header = False

    def window(self, window: Window) -> str:
        old = window.source.splitlines(keepends=True)
        new = window.text.splitlines(keepends=True)
        out: list[str] = []
        if window.text != window.source:
            matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
            for group in matcher.get_grouped_opcodes(3):
                if not self.header:
                    out += [f"--- {self.label}\n", f"+++ {self.label}\n"]
                    self.header = True
                out.append(self._hunk_header(group))
                for tag, i1, i2, j1, j2 in group:
                    if tag == "equal":
                        out += [_diff_line(" ", line) for line in old[i1:i2]]
                        continue
                    out += [_diff_line("-", line) for line in old[i1:i2]]
                    out += [_diff_line("+", line) for line in new[j1:j2]]
        if window.note is not None:  # a piece of a long line: counted once, at its end
            ended = window.source[-1:] in tuple(LINE_BREAKS)
            self.old_line += ended
            self.new_line += ended
        else:
            self.old_line += len(old)
            self.new_line += len(new)
        return "".join(out)

    def _hunk_header(self, group: list[tuple[str, int, int, int, int]]) -> str:
        i1, i2 = group[0][1], group[-1][2]
        j1, j2 = group[0][3], group[-1][4]
        old = _hunk_range(self.old_line - 1 + i1, i2 - i1)
        new = _hunk_range(self.new_line - 1 + j1, j2 - j1)
        return f"@@ -{old} +{new} @@\n"


def _hunk_range(start: int, length: int) -> str:
    """``diff -u`` range notation (as difflib writes it): 0-based ``start``."""
    if length == 1:
        return f"{start + 1}"
    return f"{start if length == 0 else start + 1},{length}"


def _diff_line(tag: str, line: str) -> str:
    if line.endswith("\n"):
        return tag + line
    return tag + line + "\n\\ No newline at end of file\n"


class _Emitter:
    """Writes repaired text (to stdout or OUT), diffs and JSON reports, as bytes."""

    def __init__(self, out_writer: AtomicWriter | None, to_stdout: bool) -> None:
        self.out_writer = out_writer
        self.to_stdout = to_stdout
        self.out_error: OSError | None = None  # OUT could not be written: never commit it

    def text(self, data: bytes) -> None:
        if self.out_writer is not None:
            if self.out_error is None:
                try:
                    self.out_writer.write(data)
                except OSError as err:
                    self.out_error = err
        elif self.to_stdout:
            write_stdout(data)

    def diff(self, text: str) -> None:
        write_stdout(text.encode("utf-8"))

    def json(self, report: dict[str, Any]) -> None:
        write_stdout((json.dumps(report, ensure_ascii=False) + "\n").encode("utf-8"))


class Console:
    """stderr for people: messages and errors, with a progress line kept out of their way."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.status = ""  # the progress line now on screen

    def message(self, text: str) -> None:
        self.clear()
        print(text, file=self.stream)

    def error(self, text: str) -> None:
        """A one-line error prefixed with the program name, like other Unix tools."""
        self.message(f"{PROG}: {text}")

    def show(self, status: str) -> None:
        self.stream.write("\r\x1b[K" + status)
        self.stream.flush()
        self.status = status

    def clear(self) -> None:
        if self.status:
            self.stream.write("\r\x1b[K")
            self.status = ""


class Progress:
    """``[#####-----] 50/100 files, 2 failed`` on stderr, redrawn at most ten times a second."""

    WIDTH = 30

    def __init__(self, console: Console, total: int | None, enabled: bool) -> None:
        self.console = console
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.last = 0.0

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and (now - self.last >= 0.1 or self.done == self.total):
            self.last = now
            self.console.show(self.line())

    def line(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        if not self.total:
            return f"{PROG}: {self.done} files{failed}"
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        return f"{PROG}: [{bar}] {self.done}/{self.total} files{failed}"

    def close(self) -> None:
        if self.enabled and self.done:
            self.console.show(self.line())
            self.console.stream.write("\n")
            self.console.status = ""


def write_stdout(data: bytes) -> None:
    """Write raw bytes to stdout, bypassing newline translation and the locale encoding."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    sys.exit(main())
