"""Repair a text of any length in bounded memory, one window of lines at a time.

:func:`textrepair.repair` wants the whole document: its diagnosis and word model are sums
over every line. A 500 MB extraction, or an endless pipe, does not fit that. This module
cuts the input into windows of whole lines (at a page break or a blank line where one is
near, so paragraphs and pages stay together), repairs each window with the ordinary
pipeline and hands the results on as soon as they are ready. Memory holds one window, its
few lines of context and one read chunk, whatever the input's length.

What stays right across windows:

* **the diagnosis** is made once, on the document's first lines (read ahead: up to
  :data:`DIAGNOSE_LINES` lines or :data:`DIAGNOSE_CHARS` characters), and then fixed:
  every window is repaired under that verdict (passed as ``assume``), so a window whose
  own evidence is thin, or an odd one (an English appendix), cannot flip the document's
  regime half way. If those lines hold no Hebrew, the first window that does decides;
* **line context**: without the layout stage a line's repair looks at its neighbours'
  words, so each window is repaired with ``context_lines`` lines of its neighbours on
  either side, and only its own lines are kept; output line ``k`` is still input line
  ``k``;
* **line endings**: the input may be cut anywhere (even between ``\\r`` and ``\\n``); lines
  are reassembled before they are repaired.

An input that fits in one window (up to 1.5 × ``window_lines`` lines: a short last window
would have thin evidence, so the last one may grow by half) is repaired in one piece,
exactly as :func:`textrepair.repair_and_explain` would repair it. A line longer than
``max_line_chars`` is no line of a page (it is a whole book without line breaks, or not
text at all): it is passed through unchanged, in pieces, and marked with a note, so that
neither memory nor time can blow up on it.

Everything here is a pure function of its arguments; the generators hold their own state
and nothing global changes, so the functions can be shipped to worker processes (Dask,
Spark, multiprocessing) by reference.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from textrepair.config import RepairConfig
from textrepair.diagnose import ASSUME_CHOICES, Diagnosis, Regime
from textrepair.explain import Change
from textrepair.pipeline import repair_and_explain

DEFAULT_WINDOW_LINES = 2000
DEFAULT_CONTEXT_LINES = 2
DEFAULT_MAX_LINE_CHARS = 1_000_000
DEFAULT_WINDOW_CHARS = 1_000_000  # a window is cut short when its lines hold this much
# The document's diagnosis is made on its first lines, up to this many (or characters).
DIAGNOSE_LINES = 10_000
DIAGNOSE_CHARS = 2_000_000
# Without Hebrew in those lines, the first window with this many Hebrew lines decides.
SETTLE_HEBREW_LINES = 20

# Characters ``str.splitlines`` breaks at: the pipeline's own notion of a line.
_BREAK_RE = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

TextStep = Callable[[str], tuple[str, list[Change]]]
"""A per-line text step before the repair: text in, (text, changes numbered from 1) out."""
FinishStep = Callable[[str, RepairConfig], tuple[str, list[Change]]]
"""A step after the repair; given the line-repair config it may run the repair again."""


class Window(NamedTuple):
    """One repaired stretch of the input.

    ``source`` is the input text of the window and ``text`` its repair; concatenating the
    ``text`` of every window gives the repaired document. ``first_line`` is the 1-based
    input line the window starts at and ``changes`` are numbered in the input's lines
    (changes of a ``finish`` step, which runs on the repaired text, in the output's).
    ``diagnosis`` is the document's as known at that point (``None`` before any window with
    Hebrew was repaired); ``note`` says why a window was passed through unrepaired.
    """

    source: str
    text: str
    first_line: int
    changes: list[Change]
    diagnosis: Diagnosis | None
    note: str | None = None


class _Piece(NamedTuple):
    """A complete input line, or a piece of a line too long to repair (``long``)."""

    text: str
    long: bool = False
    ends_line: bool = True


def repair_lines(
    lines: Iterable[str],
    config: RepairConfig | None = None,
    *,
    window_lines: int = DEFAULT_WINDOW_LINES,
    context_lines: int = DEFAULT_CONTEXT_LINES,
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
) -> Iterator[str]:
    """Repair a stream of text in bounded memory; yield the repaired text line by line.

    ``lines`` is any iterable of ``str``: the lines of a file opened with ``newline=""``
    (endings kept), or chunks cut anywhere, since lines are reassembled. The yielded
    strings are the repaired lines with their endings; joined, they are the repaired text.
    A line longer than ``max_line_chars`` comes back unchanged, in pieces.

    Raises ``TypeError`` when an item is not a ``str`` or ``config`` is not a
    :class:`~textrepair.RepairConfig`, and ``ValueError`` for an unknown ``config.assume``
    or a window size below 1; nothing else, whatever the text.
    """
    windows = repair_windows(
        lines,
        config,
        window_lines=window_lines,
        context_lines=context_lines,
        max_line_chars=max_line_chars,
    )
    return _window_lines(windows)


def _window_lines(windows: Iterator[Window]) -> Iterator[str]:
    for window in windows:
        yield from window.text.splitlines(keepends=True)


def repair_windows(
    chunks: Iterable[str],
    config: RepairConfig | None = None,
    *,
    window_lines: int = DEFAULT_WINDOW_LINES,
    context_lines: int = DEFAULT_CONTEXT_LINES,
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
    window_chars: int = DEFAULT_WINDOW_CHARS,
    prepare: TextStep | None = None,
    finish: FinishStep | None = None,
) -> Iterator[Window]:
    """Repair ``chunks`` window by window; the engine under :func:`repair_lines`.

    Besides ``window_lines``, a window ends early once its lines hold ``window_chars``
    characters. ``prepare`` runs on each window's text before the repair and ``finish`` on
    its repair,
    given the config of the window's line repair (both must keep the line count, as the
    steps of :mod:`textrepair.io` do); their changes join the window's. Arguments are
    checked here, before any input is read.
    """
    cfg = _checked_config(config)
    for name, value, low in (
        ("window_lines", window_lines, 1),
        ("context_lines", context_lines, 0),
        ("max_line_chars", max_line_chars, 1),
        ("window_chars", window_chars, 1),
    ):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
        if value < low:
            raise ValueError(f"{name} must be at least {low}, got {value}")
    if isinstance(chunks, (bytes, bytearray)):
        raise TypeError("repair_lines expects str lines, got bytes: decode them first")
    source = iter((chunks,) if isinstance(chunks, str) else chunks)
    context = 0 if cfg.layout else context_lines
    engine = _Engine(cfg, window_lines, window_chars, context, prepare, finish)
    return engine.run(_pieces(source, max_line_chars))


def _checked_config(config: object) -> RepairConfig:
    if config is None:
        return RepairConfig()
    if not isinstance(config, RepairConfig):
        raise TypeError(f"config must be a RepairConfig, got {type(config).__name__}")
    if config.assume not in ASSUME_CHOICES:
        raise ValueError(f"assume must be one of {ASSUME_CHOICES}, got {config.assume!r}")
    return config


def _pieces(chunks: Iterable[str], max_line_chars: int) -> Iterator[_Piece]:
    """Reassemble complete lines (endings kept) from chunks cut anywhere.

    A line ending in ``\\r`` is held back until the next character is known, since a
    ``\\n`` there would make it ``\\r\\n``. A line that grows past ``max_line_chars`` is
    given out in pieces (``long``) without ever being held whole.
    """
    parts: list[str] = []  # the current line so far; holds no line break
    size = 0
    held_cr: str | None = None  # a complete line ending in "\r", waiting for a "\n"
    in_long = False
    for chunk in chunks:
        if not isinstance(chunk, str):
            raise TypeError(f"repair_lines expects str lines, got {type(chunk).__name__}")
        if not chunk:
            continue
        if held_cr is not None:
            if chunk[0] == "\n":
                line, chunk = held_cr + "\n", chunk[1:]
            else:
                line = held_cr
            held_cr = None
            yield _Piece(line, long=in_long)
            in_long = False
            if not chunk:
                continue
        if _BREAK_RE.search(chunk) is None:
            parts.append(chunk)
            size += len(chunk)
            if size > max_line_chars or in_long:
                yield _Piece("".join(parts), long=True, ends_line=False)
                parts, size, in_long = [], 0, True
            continue
        lines = ("".join(parts) + chunk).splitlines(keepends=True)
        parts, size = [], 0
        last = lines.pop()
        if _BREAK_RE.search(last[-1]) is None:
            parts, size = [last], len(last)
        elif last.endswith("\r"):
            held_cr = last
        else:
            lines.append(last)
        for line in lines:
            long = in_long or len(line) > max_line_chars
            yield _Piece(line, long=long)
            in_long = False
        if parts and (size > max_line_chars or in_long):
            yield _Piece(parts[0], long=True, ends_line=False)
            parts, size, in_long = [], 0, True
    if held_cr is not None:
        yield _Piece(held_cr, long=in_long)
    elif parts or in_long:
        yield _Piece("".join(parts), long=in_long or size > max_line_chars)


def _assume_for(regime: Regime) -> str:
    """The ``assume`` that holds later windows to a settled regime.

    ``visual`` lets a window's own evidence choose letter- over fragment-visual; a regime
    named in ``ASSUME_CHOICES`` (should the pipeline accept one) is passed as it is.
    """
    if regime.value in ASSUME_CHOICES:
        return regime.value
    return "logical" if regime is Regime.LOGICAL else "visual"


class _Engine:
    """The state of one stream: buffered lines, context, the settled diagnosis."""

    def __init__(
        self,
        cfg: RepairConfig,
        window_lines: int,
        window_chars: int,
        context_lines: int,
        prepare: TextStep | None,
        finish: FinishStep | None,
    ) -> None:
        self.cfg = cfg
        self.window_lines = window_lines
        self.window_chars = window_chars
        self.chars = 0  # characters in buffer
        self.context_lines = context_lines
        self.prepare = prepare
        self.finish = finish
        self.buffer: list[str] = []
        self.first_line = 1  # input line number of buffer[0]
        self.out_line = 1  # output line number of the next window's first line
        self.before: list[str] = []  # the lines just before buffer[0], for context
        self.diagnosis: Diagnosis | None = None
        self.settled: str | None = None if cfg.assume == "auto" else cfg.assume
        # Windows hold window_lines lines, up to half as many again rather than leave a
        # short last window whose evidence would be thin.
        self.max_window = window_lines + window_lines // 2
        self.diagnose_lines = max(DIAGNOSE_LINES, self.max_window + context_lines)
        self.diagnose_chars = max(DIAGNOSE_CHARS, window_chars)

    def run(self, pieces: Iterator[_Piece]) -> Iterator[Window]:
        stash = self._prime(pieces)
        long_line: int | None = None
        for piece in itertools.chain(stash, pieces):
            if not piece.long:
                self._take(piece.text)
                while self._full():
                    yield self._window(self._cut())
                continue
            if long_line is None:  # the buffered lines end where the long line starts
                yield from self._drain()
                long_line = self.first_line
            note = f"line {long_line} is too long to repair: kept as it is"
            yield Window(piece.text, piece.text, long_line, [], self.diagnosis, note)
            if piece.ends_line:
                self._advance([piece.text], [piece.text])
                long_line = None
        yield from self._drain()

    def _take(self, line: str) -> None:
        self.buffer.append(line)
        self.chars += len(line)

    def _full(self) -> bool:
        """A window can be cut, with its context after it, and the buffer must not grow."""
        if len(self.buffer) <= self.context_lines:
            return False
        lines = len(self.buffer) >= self.max_window + self.context_lines
        return lines or self.chars >= self.window_chars

    def _fits(self) -> bool:
        """What is buffered is one window (at the end of the input)."""
        return len(self.buffer) <= self.max_window and self.chars < self.window_chars

    def _prime(self, pieces: Iterator[_Piece]) -> list[_Piece]:
        """Read ahead the lines the document's diagnosis is taken from, and settle it.

        An input that turns out to fit in one window is left alone: it is repaired in one
        piece, diagnosed as a whole. Returns a piece read past the sample, if any (a line
        too long to repair, which ends the sample early).
        """
        if self.settled is not None:
            return []
        stash: list[_Piece] = []
        for piece in pieces:
            if piece.long:
                stash.append(piece)
                break
            self._take(piece.text)
            if len(self.buffer) >= self.diagnose_lines or self.chars >= self.diagnose_chars:
                break
        else:
            if self._fits():
                return []
        if self.buffer:
            diagnosis = _diagnose_only("".join(self.buffer), self.cfg)
            self._settle(diagnosis, 1 if not stash else SETTLE_HEBREW_LINES)
        return stash

    def _drain(self) -> Iterator[Window]:
        while self.buffer:
            yield self._window(len(self.buffer) if self._fits() else self._cut())

    def _cut(self) -> int:
        """Lines the next window takes: up to a page break or blank line in its second
        half, so pages and paragraphs are repaired whole; else all it may take."""
        top = max(1, min(self.window_lines, len(self.buffer) - self.context_lines))
        if self.chars >= self.window_chars:
            size, k = 0, 0
            while k < top and size < self.window_chars:
                size += len(self.buffer[k])
                k += 1
            top = max(k, 1)
        for k in range(top, top // 2, -1):
            if "\f" in self.buffer[k - 1]:
                return k
        for k in range(top, top // 2, -1):
            if not self.buffer[k - 1].strip():
                return k
        return top

    def _window(self, n: int) -> Window:
        own = self.buffer[:n]
        before = self.before if self.context_lines else []
        after = self.buffer[n : n + self.context_lines]
        source = "".join(own)
        text = "".join(before) + source + "".join(after)
        changes: list[Change] = []
        if self.prepare is not None:
            text, changes = self.prepare(text)
        cfg = self.cfg if self.settled is None else self.cfg._replace(assume=self.settled)
        repaired = repair_and_explain(text, cfg)
        changes = sorted([*changes, *repaired.changes], key=lambda c: c.line)
        out = repaired.text
        if self.context_lines:
            out, changes = _keep_own(out, changes, len(before), len(own))
        changes = [_shift(c, self.first_line - 1) for c in changes]
        if self.finish is not None:
            out, done = self.finish(out, cfg._replace(layout=False))
            changes.extend(_shift(c, self.out_line - 1) for c in done)
        self._settle(repaired.diagnosis, SETTLE_HEBREW_LINES)
        window = Window(source, out, self.first_line, changes, self.diagnosis)
        self._advance(own, out.splitlines(keepends=True))
        del self.buffer[:n]
        self.chars -= len(source)
        return window

    def _advance(self, own: list[str], out: list[str]) -> None:
        self.first_line += len(own)
        self.out_line += len(out)
        self.before = (self.before + own)[-self.context_lines :] if self.context_lines else []

    def _settle(self, diagnosis: Diagnosis | None, enough: int) -> None:
        """Take the first diagnosis made on ``enough`` Hebrew lines as the document's, for
        good; until then each window is diagnosed on its own (a long English preface)."""
        if diagnosis is None or (self.settled is not None and self.diagnosis is not None):
            return
        if self.diagnosis is None or diagnosis.hebrew_lines > self.diagnosis.hebrew_lines:
            self.diagnosis = diagnosis
        if self.settled is None and diagnosis.hebrew_lines >= enough:
            self.settled = _assume_for(diagnosis.regime)


# Switches of the per-line fixes: off, the pipeline only diagnoses (and lays out).
_LINE_FIXES = (
    "letters_to_logical",
    "fix_seams",
    "reverse_stretched",
    "token_surgery",
    "reorder_fragments",
    "reverse_letters",
    "fix_numbers",
    "mirror_brackets",
    "attach_drop_caps",
)


def _diagnose_only(text: str, cfg: RepairConfig) -> Diagnosis | None:
    """The pipeline's diagnosis of ``text``, without paying for the line repairs."""
    off = {name: False for name in _LINE_FIXES if name in RepairConfig._fields}
    return repair_and_explain(text, cfg._replace(**off)).diagnosis


def _keep_own(out: str, changes: list[Change], skip: int, keep: int) -> tuple[str, list[Change]]:
    """The window's own lines of a repair run with context lines on either side."""
    lines = out.splitlines(keepends=True)
    own = "".join(lines[skip : skip + keep])
    kept = [c._replace(line=c.line - skip) for c in changes if skip < c.line <= skip + keep]
    return own, kept


def _shift(change: Change, offset: int) -> Change:
    """Renumber a window's change in the document's lines (line 0 is document-wide)."""
    return change._replace(line=change.line + offset) if change.line > 0 else change
