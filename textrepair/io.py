"""Files in, files out: everything between the bytes on disk and the repair.

The repair works on ``str``. Real inputs are bytes, and a batch of a million files holds
every kind of wrong one: legacy Hebrew code pages, UTF-16, text decoded through the wrong
code page (mojibake), PDFs and images passed by mistake, empty files, files of hundreds of
megabytes. This module turns bytes into text (or into a clear refusal), tidies the text
where that is safe, reports what was done, and writes results so that an input is never
left half written.

Errors: a file that cannot be repaired as text raises a subclass of :class:`InputError`
(itself a ``ValueError``) whose message is one line for a user; an unknown encoding name
raises ``LookupError``; reading and writing raise ``OSError``. :func:`repair_file` catches
all three and reports them instead, so one bad file never stops a batch.
"""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import functools
import os
import re
import tempfile
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, NamedTuple

import ftfy

from textrepair import diagnose as _diagnose
from textrepair.config import RepairConfig
from textrepair.controls import count_missing_glyphs, strip_controls
from textrepair.diagnose import Diagnosis, Regime
from textrepair.explain import Change
from textrepair.pipeline import repair_and_explain
from textrepair.stream import (
    DEFAULT_MAX_LINE_CHARS,
    DEFAULT_WINDOW_CHARS,
    DEFAULT_WINDOW_LINES,
    Window,
    repair_windows,
)

# Inputs larger than this are repaired window by window. A whole repair holds the text
# many times over (its lines, each stage's copy, the changes): a 2 MB broken text peaks
# at about 200 MB, a 20 MB one at 590 MB; windows keep any input near 170 MB. 2 MiB is
# some 700 pages of text: an article or a book is repaired whole, a dump streamed.
STREAM_ABOVE = 2 * 1024 * 1024
SNIFF_BYTES = 1 << 16  # how much of an input the binary and encoding checks look at
READ_CHUNK = 1 << 20
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines breaks
MAX_REPORTED_CHANGES = 10_000  # a JSON report lists at most this many changes

# --------------------------------------------------------------------------- errors


class InputError(ValueError):
    """An input that cannot be repaired as text; ``str(err)`` is a one-line reason."""

    kind = "input"


class BinaryInputError(InputError):
    """The input is not text (a PDF, an image, an archive, or mostly control bytes)."""

    kind = "binary"


class UndecodableInputError(InputError):
    """The input is not valid in the encoding it was read in (named or detected)."""

    kind = "undecodable"


# --------------------------------------------------------------------------- decoding

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file (starts with %PDF-)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .odt, .epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\xfd7zXZ\x00", "an xz file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE file (.doc, .xls)"),
    (b"\x7fELF", "an executable"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_FAMILY = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}
_NAMES = {"cp1255": "windows-1255", "iso8859-8": "ISO-8859-8", "utf-8": "UTF-8"}
# Control characters that never occur in text: C0 without tab, line breaks and ESC; DEL.
_CONTROL_CHARS = "".join(chr(c) for c in [*range(1, 9), 0x0E, 0x0F, *range(0x10, 0x1B)])
_CONTROL_RE = re.compile(f"[{re.escape(_CONTROL_CHARS)}\x1c-\x1f\x7f]")
_CONTROL_BYTES = frozenset([*range(0, 9), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NUL_SHARE = 0.3  # more NULs than this and an input is data, not text with missing glyphs
_CONTROL_SHARE = 0.1
_MIN_SNIFF = 8  # too short to judge by shares
# Windows-1255 and ISO-8859-8 put the Hebrew letters at 0xE0-0xFA.
_LEGACY_LETTERS = range(0xE0, 0xFB)


class Encoding(NamedTuple):
    """How an input's bytes become text: ``codec`` for the body after the ``bom``.

    ``how`` says where the choice came from: ``BOM``, ``UTF-8``, ``--encoding`` (named by
    the caller) or ``detected``. Writing back with the same codec and BOM keeps the file's
    encoding.
    """

    codec: str
    bom: bytes = b""
    how: str = "UTF-8"

    @property
    def name(self) -> str:
        """A name for people (``windows-1255`` rather than Python's ``cp1255``)."""
        return _NAMES.get(self.codec, self.codec.upper())

    @property
    def detected(self) -> bool:
        """True when the encoding is a guess from the bytes (not UTF-8, a BOM or named)."""
        return self.how == "detected"


class Decoded(NamedTuple):
    """A decoded input: its text and the :class:`Encoding` it was read with."""

    text: str
    encoding: Encoding


def canonical_codec(name: str) -> str:
    """Python's name for an encoding; ``LookupError`` when there is none.

    ``ISO-8859-8-I`` (the HTML label for logical-order ISO-8859-8) is ISO-8859-8.
    """
    cleaned = name.strip().lower()
    if cleaned in ("iso-8859-8-i", "iso-8859-8-e", "iso_8859-8-i", "iso-8859-8i"):
        cleaned = "iso-8859-8"
    return codecs.lookup(cleaned).name


def magic_reason(head: bytes) -> str | None:
    """What known binary format ``head`` starts with, if any."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None


def binary_reason(text: str) -> str | None:
    """Why decoded text looks like data rather than text, or ``None``.

    U+0000 inside extractor output stands for a missing glyph (pdfminer and pypdf write
    it), so a few NULs are text; only a large share of NULs or of other control characters
    in the first :data:`SNIFF_BYTES` characters makes an input binary.
    """
    sample = text[:SNIFF_BYTES]
    n = len(sample)
    if n < _MIN_SNIFF:
        return None
    controls = len(_CONTROL_RE.findall(sample))
    nuls = sample.count("\x00")
    if controls > _CONTROL_SHARE * n:
        return f"{100 * controls // n}% of its first {n} characters are control characters"
    if nuls + controls > _NUL_SHARE * n:
        return f"{100 * (nuls + controls) // n}% of its first {n} characters are NUL or control"
    return None


def _binary_bytes_reason(head: bytes) -> str | None:
    """Like :func:`binary_reason`, on bytes that decode as nothing we know."""
    sample = head[:SNIFF_BYTES]
    n = len(sample)
    if n < _MIN_SNIFF:
        return None
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    if controls > _CONTROL_SHARE * n:
        return f"{100 * controls // n}% of its first {n} bytes are NUL or control bytes"
    return None


def _split_bom(data: bytes) -> tuple[bytes, str] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return bom, codec
    return None


def _named_encoding(data: bytes, name: str) -> Encoding:
    """The caller's encoding; a BOM of the same family is split off, not decoded."""
    codec = canonical_codec(name)
    found = _split_bom(data)
    family = _FAMILY.get(codec, codec.rsplit("-", 1)[0] if codec.startswith("utf") else codec)
    if found is not None and found[1].startswith(family):
        bom, bom_codec = found
        return Encoding(bom_codec if family in ("utf-16", "utf-32") else codec, bom, "--encoding")
    if codec in ("utf-16", "utf-32"):  # no BOM: Python would assume native byte order
        codec += "-le"
    if codec == "utf-8-sig":
        codec = "utf-8"
    return Encoding(codec, b"", "--encoding")


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is 0x00 or 0x05 (Latin and Hebrew)."""
    sample = head[: SNIFF_BYTES - SNIFF_BYTES % 2]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 2 * _MIN_SNIFF:
        return None
    for high, codec in ((sample[1::2], "utf-16-le"), (sample[0::2], "utf-16-be")):
        low = sample[0::2] if codec == "utf-16-le" else sample[1::2]
        plausible = sum(1 for b in high if b in (0x00, 0x05, 0x20))
        if plausible >= 0.9 * len(high) and low.count(0) < 0.1 * len(low):
            return codec
    return None


def _legacy_hebrew(head: bytes) -> str | None:
    """``cp1255`` or ``iso8859-8`` when the bytes are Hebrew in a legacy code page.

    Sure only when most bytes above 0x7F are Hebrew letters (0xE0-0xFA) and those letters
    stand in words of their own: Latin-1 French puts the same bytes (é, à) inside Latin
    words, next to ASCII letters, where Hebrew letters never are.
    """
    sample = head[:SNIFF_BYTES]
    high = sum(1 for b in sample if b >= 0x80)
    letters = [i for i, b in enumerate(sample) if b in _LEGACY_LETTERS]
    if len(letters) < 4 or len(letters) < 0.6 * high:
        return None
    touching = sum(
        1
        for i in letters
        if (i > 0 and chr(sample[i - 1]).isalpha() and sample[i - 1] < 0x80)
        or (i + 1 < len(sample) and chr(sample[i + 1]).isalpha() and sample[i + 1] < 0x80)
    )
    if touching > 0.1 * len(letters):
        return None
    for codec in ("cp1255", "iso8859-8"):
        try:
            head.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return None


def _utf8_error(data: bytes, offset: int, final: bool) -> UnicodeDecodeError | None:
    """The first UTF-8 error of ``data`` (a prefix unless ``final``), or ``None``."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(data[offset:], final)
    except UnicodeDecodeError as err:
        return err
    return None


def _undecodable(codec: str, data: bytes, position: int) -> UndecodableInputError:
    name = _NAMES.get(codec, codec.upper())
    return UndecodableInputError(
        f"not valid {name} (byte 0x{data[position]:02x} at offset {position})"
    )


def sniff(head: bytes, encoding: str | None = None, *, whole: bool = True) -> Encoding:
    """Choose how to decode an input from its first bytes (all of it when ``whole``).

    In order: known binary formats are refused; a named ``encoding`` is used (with its
    BOM split off); a BOM decides; valid UTF-8 is UTF-8; UTF-16 without a BOM and the
    legacy Hebrew code pages are taken only where the bytes leave no doubt; bytes with
    many control bytes are refused as binary; anything else is not valid UTF-8.
    Raises :class:`BinaryInputError`, :class:`UndecodableInputError` or ``LookupError``.
    """
    if not isinstance(head, (bytes, bytearray, memoryview)):
        raise TypeError(f"expected bytes, got {type(head).__name__}")
    if not isinstance(head, bytes):
        head = bytes(head)
    what = magic_reason(head)
    if what is not None:
        hint = ": extract its text first (e.g. pdftotext)" if "PDF" in what else ""
        raise BinaryInputError(f"looks like {what}, not text{hint}")
    if encoding is not None:
        return _named_encoding(head, encoding)
    found = _split_bom(head)
    if found is not None:
        return Encoding(found[1], found[0], "BOM")
    err = _utf8_error(head, 0, whole)
    if err is None:
        return Encoding("utf-8")
    utf16 = _utf16_without_bom(head)
    if utf16 is not None and _decodes(head, utf16, whole):
        return Encoding(utf16, b"", "detected")
    reason = _binary_bytes_reason(head)
    if reason is not None:
        raise BinaryInputError(f"looks like a binary file, not text ({reason})")
    legacy = _legacy_hebrew(head)
    if legacy is not None:
        return Encoding(legacy, b"", "detected")
    raise _undecodable("utf-8", head, err.start)


def _decodes(data: bytes, codec: str, whole: bool) -> bool:
    try:
        codecs.getincrementaldecoder(codec)("strict").decode(data, whole)
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a whole input, or refuse it with a reason (see :func:`sniff`).

    A named ``encoding`` is trusted to be text: only a known binary format is refused.
    Otherwise text that decodes but is mostly NUL or control characters is refused too.
    """
    enc = sniff(data, encoding)
    body = bytes(data)[len(enc.bom) :]
    try:
        text = body.decode(enc.codec)
    except UnicodeDecodeError as err:
        raise _undecodable(enc.codec, data, len(enc.bom) + err.start) from err
    if encoding is None:
        reason = binary_reason(text)
        if reason is not None:
            raise BinaryInputError(f"looks like a binary file, not text ({reason})")
    return Decoded(text, enc)


def decode_chunks(chunks: Iterable[bytes], enc: Encoding, *, start: int = 0) -> Iterator[str]:
    """Decode a byte stream (after its BOM) chunk by chunk; errors name the byte offset.

    ``start`` is the offset of the first byte given (the BOM's length, usually).
    """
    decoder = codecs.getincrementaldecoder(enc.codec)("strict")
    offset = start
    for chunk in chunks:
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError as err:
            at = offset - pending + err.start
            raise _undecodable_at(enc.codec, err.object[err.start], at) from err
        offset += len(chunk)
        if text:
            yield text
    try:
        tail = decoder.decode(b"", True)
    except UnicodeDecodeError as err:
        at = offset - len(err.object) + err.start
        raise _undecodable_at(enc.codec, err.object[err.start], at) from err
    if tail:
        yield tail


def _undecodable_at(codec: str, byte: int, at: int) -> UndecodableInputError:
    name = _NAMES.get(codec, codec.upper())
    return UndecodableInputError(f"not valid {name} (byte 0x{byte:02x} at offset {at})")


# --------------------------------------------------------------------------- text steps

# Text decoded through the wrong code page: UTF-8 read as Latin-1/cp1252/cp437/MacRoman
# leaves Latin-1 letters, box drawing and the like; only lines holding such characters
# are shown to ftfy.
_MOJIBAKE_HINT = re.compile("[\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u2500-\u25ff\u2018-\u2122]")
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)
# Windows-1255 Hebrew read as Latin-1/cp1252: every letter becomes one of à-ú, niqqud and
# the direction marks others of À-þ; each is read back alone, so nothing else can fail.
_LATIN_HEBREW = frozenset(chr(b) for b in _LEGACY_LETTERS)
_LATIN_TO_1255 = {
    b: bytes([b]).decode("cp1255", errors="replace")
    for b in range(0xC0, 0xFF)
    if bytes([b]).decode("cp1255", errors="replace") != "\ufffd"
}
_HEBREW_LETTER = re.compile("[\u05d0-\u05ea]")
_WIDE = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB20, 0xFB2A)}
_POINTED = {
    c: unicodedata.normalize("NFKC", chr(c))
    for c in [*range(0xFB1D, 0xFB20), *range(0xFB2A, 0xFB50)]
    if unicodedata.normalize("NFKC", chr(c)) != chr(c)
}
_PRESENTATION_RE = re.compile("[\ufb1d-\ufb4f]")
_BIDI_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def fix_mojibake(line: str) -> str:
    """Undo Hebrew decoded through the wrong code page, where that is certain.

    Two cases. UTF-8 read as a single-byte code page (``×©×œ×•×`` for ``שלום``): ftfy
    decides, and changes a line only when the result is clearly better text. Windows-1255
    read as Latin-1 (``ùìåí``): only a line with no Hebrew whose letters are nearly all
    à-ú, in at least four of them, is read back as Hebrew. Anything else is left alone.
    """
    if _MOJIBAKE_HINT.search(line) is None:
        return line
    return _latin_hebrew(ftfy.fix_text(line, _FTFY))


def _latin_hebrew(line: str) -> str:
    if _HEBREW_LETTER.search(line):
        return line
    letters = [ch for ch in line if ch.isalpha()]
    suspects = sum(1 for ch in letters if ch in _LATIN_HEBREW)
    if suspects < 4 or suspects < 0.9 * len(letters):
        return line
    return line.translate(_LATIN_TO_1255)


def normalize_wide_forms(line: str) -> str:
    """Wide Hebrew letters and the alternative plus (U+FB20-FB29) as plain characters.

    Justified typesetting stretches lines with these; each stands for exactly one plain
    character (NFKC), so replacing them is safe before the reading order is known, and the
    repair then sees words it knows.
    """
    return line.translate(_WIDE) if _PRESENTATION_RE.search(line) else line


def normalize_presentation_forms(line: str) -> str:
    """Pointed letters (U+FB1D-FB4F: שׁ, בּ, ...) as letter plus niqqud; ﭏ as אל.

    NFKC, restricted to the Hebrew presentation forms. Run after the repair only: a form
    becomes two or three characters (or, for the alef-lamed ligature, two letters), which a
    letter reversal applied later would tear apart or swap. Niqqud itself is kept.
    """
    return line.translate(_POINTED) if _PRESENTATION_RE.search(line) else line


def remove_bidi_controls(line: str) -> str:
    """Every bidi control character (LRM, RLM, ALM, embeddings, overrides, isolates) removed."""
    return strip_controls(line)[0] if _BIDI_RE.search(line) else line


def split_lines(text: str) -> list[tuple[str, str]]:
    """(body, ending) pairs at every break ``str.splitlines`` knows, endings kept."""
    out = []
    for raw in text.splitlines(keepends=True):
        body = raw.splitlines()[0] if raw else raw
        out.append((body, raw[len(body) :]))
    return out


def map_lines(
    text: str, steps: Iterable[tuple[str, Callable[[str], str]]]
) -> tuple[str, list[Change]]:
    """Apply named per-line steps to every line; one :class:`Change` per step that acted."""
    steps = list(steps)
    if not steps:
        return text, []
    out: list[str] = []
    changes: list[Change] = []
    for n, (body, ending) in enumerate(split_lines(text), 1):
        for name, step in steps:
            new = step(body)
            if new != body:
                changes.append(Change(n, name, body, new))
                body = new
        out.append(body + ending)
    return "".join(out), changes


def prepare_text(
    text: str, *, fix_encoding: bool = True, presentation_forms: bool = True
) -> tuple[str, list[Change]]:
    """The steps before the repair: mojibake undone, wide letters made plain."""
    steps: list[tuple[str, Callable[[str], str]]] = []
    if presentation_forms:  # first: a wide letter must not hide a mojibake line
        steps.append(("normalize_presentation_forms", normalize_wide_forms))
    if fix_encoding:
        steps.append(("fix_encoding", fix_mojibake))
    return map_lines(text, steps)


def finish_text(
    text: str,
    config: RepairConfig | None = None,
    *,
    presentation_forms: bool = True,
    strip_controls: bool = False,
) -> tuple[str, list[Change]]:
    """The steps after the repair: pointed forms decomposed, bidi controls removed.

    Both can bring letters face to face that the repair saw apart (``2024ﭏ`` becomes
    ``2024אל``), so where they changed anything the line repair runs once more, under
    ``config``: the result is what repairing it again would give, and repairing stays
    idempotent.
    """
    steps: list[tuple[str, Callable[[str], str]]] = []
    if presentation_forms:
        steps.append(("normalize_presentation_forms", normalize_presentation_forms))
    if strip_controls:
        steps.append(("strip_controls", remove_bidi_controls))
    out, changes = map_lines(text, steps)
    if changes and config is not None:
        again = repair_and_explain(out, config)
        out = again.text
        changes = sorted([*changes, *again.changes], key=lambda c: c.line)
    return out, changes


# --------------------------------------------------------------------------- options


class FileOptions(NamedTuple):
    """How files are read and repaired. Picklable, so it can travel to worker processes.

    ``encoding`` names the input encoding (``None``: detect). ``fix_encoding`` undoes
    mojibake, ``presentation_forms`` normalizes Hebrew presentation forms,
    ``strip_controls`` removes every bidi control left after the repair. Inputs above
    ``stream_above`` bytes are repaired in windows of ``window_lines`` lines; lines longer
    than ``max_line_chars`` are kept as they are.
    """

    config: RepairConfig = RepairConfig()
    encoding: str | None = None
    fix_encoding: bool = True
    presentation_forms: bool = True
    strip_controls: bool = False
    stream_above: int = STREAM_ABOVE
    window_lines: int = DEFAULT_WINDOW_LINES
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS


def windows(chunks: Iterable[str], options: FileOptions, *, streamed: bool) -> Iterator[Window]:
    """The repair of a decoded input, window by window (one window unless ``streamed``)."""
    prepare = functools.partial(
        prepare_text,
        fix_encoding=options.fix_encoding,
        presentation_forms=options.presentation_forms,
    )
    finish = functools.partial(
        finish_text,
        presentation_forms=options.presentation_forms,
        strip_controls=options.strip_controls,
    )
    return repair_windows(
        chunks,
        options.config,
        window_lines=options.window_lines if streamed else 1 << 62,
        window_chars=DEFAULT_WINDOW_CHARS if streamed else 1 << 62,
        max_line_chars=options.max_line_chars,
        prepare=prepare,
        finish=finish,
    )


# --------------------------------------------------------------------------- sources


class Source:
    """An opened input: its encoding and its text as an iterator of chunks.

    Small inputs are read and decoded whole (so every problem is known before anything is
    written); inputs above ``stream_above`` bytes are decoded chunk by chunk. A regular
    file is checked to decode to its end before its first chunk is given out, so a bad
    byte deep in a big file is reported before any output; a pipe cannot be read twice,
    so there an error can come after some output.
    """

    def __init__(
        self, encoding: Encoding, chunks: Iterator[str], streamed: bool, size: int | None
    ) -> None:
        self.encoding = encoding
        self.chunks = chunks
        self.streamed = streamed
        self.size = size


def open_source(path: str, options: FileOptions, *, stream: IO[bytes] | None = None) -> Source:
    """Open ``path`` (or read ``stream``, e.g. stdin) for repair; see :class:`Source`.

    Raises ``OSError``, :class:`InputError` and ``LookupError``.
    """
    if stream is not None:
        return _open_stream(stream, options, close=False)
    handle = open(path, "rb")  # noqa: SIM115 - closed by the chunk generator or below
    try:
        size = os.fstat(handle.fileno()).st_size
        if size <= options.stream_above:  # (or not a regular file: st_size says nothing)
            return _open_stream(handle, options, close=True)
        enc = _sniff_stream(handle.read(SNIFF_BYTES), options)
        _validate(handle, enc)
        handle.seek(len(enc.bom))
        return Source(enc, _rest(handle, deque(), enc, close=True), True, size)
    except BaseException:
        handle.close()
        raise


def _whole(data: bytes, options: FileOptions) -> Source:
    decoded = decode_bytes(data, options.encoding)
    chunks = iter((decoded.text,) if decoded.text else ())
    return Source(decoded.encoding, chunks, False, len(data))


def _open_stream(handle: IO[bytes], options: FileOptions, *, close: bool) -> Source:
    """Read up to ``stream_above`` bytes: all of the input (decoded whole), or the head of
    a big one, which is then streamed (the head's chunks released as they are decoded)."""
    parts: deque[bytes] = deque()
    size = 0
    while size <= options.stream_above:
        part = handle.read(min(options.stream_above + 1 - size, READ_CHUNK))
        if not part:
            if close:
                handle.close()
            return _whole(b"".join(parts), options)
        parts.append(part)
        size += len(part)
    head = b""
    for part in parts:
        if len(head) >= SNIFF_BYTES:
            break
        head += part[: SNIFF_BYTES - len(head)]
    enc = _sniff_stream(head, options)
    parts[0] = parts[0][len(enc.bom) :]
    return Source(enc, _rest(handle, parts, enc, close=close), True, None)


def _sniff_stream(head: bytes, options: FileOptions) -> Encoding:
    enc = sniff(head, options.encoding, whole=False)
    if options.encoding is None:
        body = head[len(enc.bom) :]
        text = codecs.getincrementaldecoder(enc.codec)("replace").decode(body, False)
        reason = binary_reason(text)
        if reason is not None:
            raise BinaryInputError(f"looks like a binary file, not text ({reason})")
    return enc


def _validate(handle: IO[bytes], enc: Encoding) -> None:
    """Decode a whole file once, keeping nothing, to find a bad byte before any output."""
    handle.seek(len(enc.bom))
    for _ in decode_chunks(iter(lambda: handle.read(READ_CHUNK), b""), enc, start=len(enc.bom)):
        pass


def _rest(handle: IO[bytes], parts: deque[bytes], enc: Encoding, *, close: bool) -> Iterator[str]:
    """The text of the ``parts`` already read (BOM removed), then of the rest of ``handle``,
    decoded chunk by chunk."""

    def raw() -> Iterator[bytes]:
        while parts:
            yield parts.popleft()
        yield from iter(lambda: handle.read(READ_CHUNK), b"")

    try:
        yield from decode_chunks(raw(), enc, start=len(enc.bom))
    finally:
        if close:
            handle.close()


# --------------------------------------------------------------------------- writing


def describe_os_error(err: OSError) -> str:
    """An OSError as a short, lower-case reason without the repeated file name."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    if isinstance(err, PermissionError):
        return "permission denied"
    return (err.strerror or str(err)).lower()


class AtomicWriter:
    """Write a file so that readers see the old or the new one, never a torn one.

    Data goes to a temp file in the target's directory (``os.replace`` must not cross
    filesystems); :meth:`commit` fsyncs it, gives it the target's permissions and renames
    it over the target; :meth:`discard` (or leaving a ``with`` block without committing)
    removes it. A full disk or any other error while writing leaves the target exactly as
    it was and no temp file behind.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.directory = os.path.dirname(os.path.abspath(path))
        self.fd, self.tmp = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=self.directory
        )
        self.done = False

    def write(self, data: bytes) -> None:
        """Write all of ``data`` (``os.write`` may write less than asked)."""
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]

    def commit(self) -> None:
        """Make the written data the target's content, durably."""
        try:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = -1
            _copy_mode(self.path, self.tmp)
            os.replace(self.tmp, self.path)
        except BaseException:
            self.discard()
            raise
        self.done = True
        _fsync_directory(self.directory)

    def discard(self) -> None:
        """Forget everything written; the target stays as it was."""
        if self.done:
            return
        self.done = True
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def atomic_write(path: str, data: bytes) -> None:
    """Replace ``path`` by ``data`` atomically (see :class:`AtomicWriter`)."""
    with AtomicWriter(path) as writer:
        writer.write(data)
        writer.commit()


def _copy_mode(source: str, dest: str) -> None:
    """Give the temp file the target's permissions (mkstemp creates it 0600)."""
    try:
        mode = os.stat(source).st_mode
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(dest, 0o666 & ~umask)
        return
    os.chmod(dest, mode & 0o7777)


def _fsync_directory(directory: str) -> None:
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


class Rewriter:
    """Rewrite a file in place, in its own encoding and BOM, only if its repair differs.

    Fed window by window. Nothing is written while the windows come back unchanged (so a
    clean file keeps its mtime and needs no write access); at the first changed window a
    temp file is started with the unchanged bytes read back from the file itself, and from
    then on every window's repair goes to it. :meth:`close` renames it over the file.
    """

    def __init__(self, path: str, encoding: Encoding) -> None:
        self.path = path
        self.encoding = encoding
        self.unchanged = len(encoding.bom)  # bytes of the file known to stay as they are
        self.writer: AtomicWriter | None = None

    def add(self, window: Window) -> None:
        data = window.text.encode(self.encoding.codec)
        if self.writer is None:
            if window.text == window.source:
                self.unchanged += len(data)
                return
            self.writer = AtomicWriter(self.path)
            self._copy_unchanged()
        self.writer.write(data)

    def _copy_unchanged(self) -> None:
        assert self.writer is not None
        left = self.unchanged
        with open(self.path, "rb") as original:
            while left > 0:
                part = original.read(min(left, READ_CHUNK))
                if not part:
                    raise OSError(f"{self.path} shrank while it was being repaired")
                self.writer.write(part)
                left -= len(part)

    def close(self) -> bool:
        """Commit the rewrite if anything changed; True when the file was rewritten."""
        if self.writer is None:
            return False
        self.writer.commit()
        return True

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.discard()


# --------------------------------------------------------------------------- inputs


def iter_inputs(
    paths: Iterable[str], pattern: str | None, on_error: Callable[[str, OSError], None]
) -> Iterator[str]:
    """The files to repair: each path as given, directories searched when ``pattern``.

    Directories are walked recursively in sorted order (so runs are reproducible) and
    their files matched by name against ``pattern`` (``fnmatch``, e.g. ``*.txt``); as in
    the shell, hidden files and folders (``.git``, a run's own temp files) are skipped
    unless the pattern starts with a dot. A directory that cannot be listed goes to
    ``on_error``. Without a pattern a directory is
    passed on as it is, and fails like any unreadable input. Lazy: a million files are
    never held in a list.
    """
    for path in paths:
        if pattern is None or not os.path.isdir(path):
            yield path
            continue
        hidden = pattern.startswith(".")
        for root, dirs, files in os.walk(path, onerror=lambda e: on_error(e.filename, e)):
            dirs[:] = sorted(d for d in dirs if hidden or not d.startswith("."))
            for name in sorted(files):
                if (hidden or not name.startswith(".")) and fnmatch.fnmatch(name, pattern):
                    yield os.path.join(root, name)


# --------------------------------------------------------------------------- reports


def _evidence_margin(d: Diagnosis) -> float:
    """How far the evidence is past (above 1) or short of (below 1) the verdict's bar."""
    letter_min = getattr(_diagnose, "_LETTER_MIN", 3)
    letter_ratio = getattr(_diagnose, "_LETTER_RATIO", 3.0)
    visual_min = getattr(_diagnose, "_VISUAL_MIN_LINES", 3)
    visual_share = getattr(_diagnose, "_VISUAL_SHARE", 0.03)
    at_start, at_end = d.reversed_lines, d.forward_lines
    letter = at_start / letter_min
    if at_end:
        letter = min(letter, at_start / (letter_ratio * at_end))
    fragment = d.multi_gap_lines / visual_min
    if d.hebrew_lines:
        fragment = min(fragment, d.multi_gap_lines / (visual_share * d.hebrew_lines))
    if d.regime is Regime.LETTER_VISUAL:
        return letter
    if d.regime is Regime.FRAGMENT_VISUAL:
        return fragment
    strongest = max(letter, fragment)
    return float("inf") if strongest == 0 else 1 / strongest


def diagnosis_confidence(d: Diagnosis | None) -> float | None:
    """A number in [0, 1] for how firmly the evidence backs the document's regime.

    Evidence just at the bar gives 0.5, twice past it 0.75, and so on; a document with
    few Hebrew lines is discounted (``n / (n + 5)``). A regime forced by ``assume`` is
    1.0, and so is a document without Hebrew, which has nothing to reorder. ``None`` when
    no diagnosis was made.
    """
    if d is None:
        return None
    if d.forced or d.hebrew_lines == 0:
        return 1.0
    strength = 1 - 0.5 ** _evidence_margin(d)
    return round(strength * d.hebrew_lines / (d.hebrew_lines + 5), 3)


def diagnosis_dict(d: Diagnosis | None) -> dict[str, Any] | None:
    """A diagnosis as JSON-ready data: regime, evidence counts, ``forced``."""
    if d is None:
        return None
    out: dict[str, Any] = {"regime": d.regime.value}
    out.update({k: v for k, v in d._asdict().items() if k != "regime"})
    return out


class Report:
    """What happened to one input, built window by window; :meth:`as_dict` for JSON.

    Holds counts and at most :data:`MAX_REPORTED_CHANGES` changes, so a report on a huge
    file stays small.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.encoding: Encoding | None = None
        self.streamed = False
        self.error: str | None = None
        self.error_kind: str | None = None
        self.changed = False
        self.bytes_in: int | None = 0  # None: a pipe too big to hold, never measured
        self.lines_in = 0
        self.lines_out = 0
        self.missing_glyphs = 0
        self.fixes: Counter[str] = Counter()
        self.changed_lines = 0
        self.changes: list[Change] = []
        self.omitted = 0
        self.diagnosis: Diagnosis | None = None
        self.notes: list[str] = []
        # The last window was a piece of a too-long line not ended yet: at the end of the
        # input that line has no ending, and counts as a line all the same.
        self.open_line = False

    def opened(self, source: Source) -> None:
        self.encoding = source.encoding
        self.streamed = source.streamed
        self.bytes_in = source.size

    def add(self, window: Window) -> None:
        """Count one repaired window in."""
        self.changed = self.changed or window.text != window.source
        self.lines_in += count_lines(window.source, window.note)
        self.lines_out += count_lines(window.text, window.note)
        self.missing_glyphs += count_missing_glyphs(window.source)
        if window.note is None:
            self.open_line = False
        elif window.source:  # (an empty last piece only says that the line has ended)
            self.open_line = window.source[-1] not in LINE_BREAKS
        self.fixes.update(c.fix for c in window.changes)
        self.changed_lines += len({c.line for c in window.changes if c.line > 0})
        room = MAX_REPORTED_CHANGES - len(self.changes)
        self.changes.extend(window.changes[: max(room, 0)])
        self.omitted += max(len(window.changes) - max(room, 0), 0)
        if window.diagnosis is not None:
            self.diagnosis = window.diagnosis
        if window.note is not None and window.note not in self.notes:
            self.notes.append(window.note)

    def fail(self, message: str, kind: str) -> None:
        self.error, self.error_kind = message, kind

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data (see ``docs/pipelines.md``)."""
        out: dict[str, Any] = {"file": self.name, "ok": self.error is None}
        if self.error is not None:
            out.update(error=self.error, error_kind=self.error_kind)
            return out
        enc = self.encoding
        out.update(
            changed=self.changed,
            encoding=enc.name if enc else None,
            encoding_source=enc.how if enc else None,
            bom=bool(enc and enc.bom),
            streamed=self.streamed,
            bytes_in=self.bytes_in,
            lines_in=self.lines_in + self.open_line,
            lines_out=self.lines_out + self.open_line,
            lines_changed=self.changed_lines,
            fixes=dict(sorted(self.fixes.items())),
            diagnosis=diagnosis_dict(self.diagnosis),
            confidence=diagnosis_confidence(self.diagnosis),
            missing_glyphs=self.missing_glyphs,
            changes=[c._asdict() for c in self.changes],
            changes_omitted=self.omitted,
            notes=list(self.notes),
        )
        return out


def count_lines(text: str, note: str | None = None) -> int:
    """Lines in a window; a piece of a too-long line counts once, at its last piece."""
    if note is not None:
        return 1 if text[-1:] and text[-1] in LINE_BREAKS else 0
    return len(text.splitlines())


# --------------------------------------------------------------------------- one call


def repair_file(
    path: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    options: FileOptions | None = None,
    in_place: bool = False,
) -> dict[str, Any]:
    """Repair one file and return its report (:meth:`Report.as_dict`); never raises for a
    bad input, a missing file or a failed write: the report says ``ok: false`` and why.

    With ``output`` the repair is written there (UTF-8, atomically); with ``in_place`` the
    file itself is rewritten in its own encoding and BOM, and only if the repair changed
    it. Neither: the file is only checked. Big files are streamed in bounded memory. This
    is the function to map over many files with Dask, Spark or multiprocessing.
    """
    opts = options or FileOptions()
    name = os.fspath(path)
    report = Report(name)
    writer: AtomicWriter | Rewriter | None = None
    try:
        source = open_source(name, opts)
        report.opened(source)
        if in_place:
            writer = Rewriter(os.path.realpath(name), source.encoding)
        elif output is not None:
            writer = AtomicWriter(os.fspath(output))
        for window in windows(source.chunks, opts, streamed=source.streamed):
            report.add(window)
            if isinstance(writer, Rewriter):
                writer.add(window)
            elif writer is not None:
                writer.write(window.text.encode("utf-8"))
        if isinstance(writer, Rewriter):
            writer.close()
        elif writer is not None:
            writer.commit()
    except InputError as err:
        report.fail(str(err), err.kind)
    except UnicodeEncodeError as err:
        report.fail(f"cannot write the repair in {err.encoding}: {err.reason}", "encode")
    except OSError as err:
        report.fail(describe_os_error(err), "os")
    except LookupError as err:
        report.fail(str(err), "encoding")
    finally:
        if writer is not None:
            writer.discard()
    return report.as_dict()


def repair_bytes(
    data: bytes | bytearray | memoryview,
    *,
    options: FileOptions | None = None,
    name: str = "<bytes>",
) -> tuple[str | None, dict[str, Any]]:
    """Repair one input held in memory (a Spark ``binaryFile`` row, a message body).

    Returns the repaired text (``None`` when the input was refused) and the report
    :func:`repair_file` would give for a file of these bytes, under ``name``. The text is
    what ``textrepair fix`` writes for such a file (decoding, mojibake, presentation forms,
    repair, controls); it is repaired in one piece, however long, as the CLI does up to
    ``--stream-above``. Never raises for a bad input.
    """
    opts = options or FileOptions()
    report = Report(name)
    try:
        raw = bytes(data)
        decoded = decode_bytes(raw, opts.encoding)
        report.opened(Source(decoded.encoding, iter(()), False, len(raw)))
        parts = []
        for window in windows([decoded.text], opts, streamed=False):
            report.add(window)
            parts.append(window.text)
    except InputError as err:
        report.fail(str(err), err.kind)
    except LookupError as err:
        report.fail(str(err), "encoding")
    if report.error is not None:
        return None, report.as_dict()
    return "".join(parts), report.as_dict()
