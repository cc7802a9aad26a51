"""Read the bidi embeddings some extractors write, then drop them.

pdftotext (poppler) does not write plain logical text: it wraps every right-to-left line
in RLE…PDF and every number or Latin run in LRE…PDF, so that a bidi-aware viewer *shows*
the line right. Inside an LRE block, though, the run and its neutral neighbours stand in
left-to-right display order (`` ,)2025`` for ``2025), ``), and in ``-raw`` mode the whole
line is a left-to-right row of RLE-wrapped words (``ב<PDF> ,<RLE>א``). Deleting the controls
alone leaves every such seam broken; reading them first puts each run back in reading order:

* a right-to-left embedding (RLE, RLO, RLI) holds reading order: keep it, resolve inside;
* a left-to-right embedding (LRE, LRO, LRI), and a line's top level unless it is one
  right-to-left embedding (or several set apart as columns), holds display order: its
  items (runs of Latin letters and digits, nested right-to-left blocks, single neutral
  characters) are reversed.

The result has no bidi controls left. Lines without embeddings are returned unchanged.
"""

from __future__ import annotations

import re

RTL_OPEN = "\u202b\u202e\u2067"  # RLE, RLO, RLI
LTR_OPEN = "\u202a\u202d\u2066\u2068"  # LRE, LRO, LRI, FSI (first strong: Latin here)
CLOSE = "\u202c\u2069"  # PDF, PDI
MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM: zero-width, carry no structure
CONTROLS = RTL_OPEN + LTR_OPEN + CLOSE + MARKS
CONTROL_RE = re.compile(f"[{CONTROLS}]")
_EMBEDDING_RE = re.compile(f"[{RTL_OPEN}{LTR_OPEN}]")

# A left-to-right run as the bidi algorithm keeps it together: letters and digits joined
# by number separators or inner punctuation, Latin words joined by spaces, a currency or
# percent sign touching a number. Digits after a Latin word join it (UAX #9 rule W7).
_LTR_CHAR = r"[^\W\u0590-\u05ff_]"
_LTR_RUN_RE = re.compile(
    rf"[$€£¥₪#]?{_LTR_CHAR}"
    rf"(?:{_LTR_CHAR}|[-+.,:/@_&'’]+(?={_LTR_CHAR})|(?<=[A-Za-z]) +(?=[A-Za-z0-9]))*"
    r"[%‰]?"
)

def has_controls(line: str) -> bool:
    """True when the line carries any bidi control character."""
    return CONTROL_RE.search(line) is not None


def has_embeddings(line: str) -> bool:
    """True when the line opens an embedding, override or isolate (not just marks)."""
    return _EMBEDDING_RE.search(line) is not None


def resolve_embeddings(line: str) -> str:
    """The line in reading order with its bidi embeddings applied and removed.

    Only for text whose embeddings follow pdftotext's convention (the caller checks the
    document, see :func:`textrepair.controls.control_evidence`): in logical text written
    by a person an LRE block holds reading order. Lines with no embedding are returned
    unchanged, direction marks included.
    """
    if not has_embeddings(line):
        return line
    tree, _ = _parse(line.translate(_DROP_MARKS), 0)
    return _render(tree, rtl=_reading_order_top(tree))


# A prefix hyphen drawn apart from its number (``ש<LRE> 69 -<PDF>``): ``ש-69``, not ``ש- 69``.
_HYPHEN_GAP_RE = re.compile(r"^([-־]) +(?=\d)")
_DROP_MARKS = str.maketrans("", "", MARKS)


def _reading_order_top(items: list) -> bool:
    """True when a line's top level needs no reversing.

    That is a single right-to-left block, give or take white space, or right-to-left
    blocks set apart by wide runs of spaces: the columns of ``pdftotext -layout``, whose
    positions on the line the layout stage reads.
    """
    gaps = [item for item in items if isinstance(item, str)]
    blocks = [item for item in items if not isinstance(item, str)]
    if not blocks or any(not gap.isspace() for gap in gaps):
        return False
    if any(block[0] not in RTL_OPEN for block in blocks):
        return False
    inner = [gap for gap in items[1:-1] if isinstance(gap, str)]
    return len(blocks) == 1 or all(len(gap) >= 2 for gap in inner)


def _parse(text: str, pos: int) -> tuple[list, int]:
    """Parse ``text`` from ``pos`` into a list of strings and ``(opener, children)`` blocks."""
    items: list = []
    buf: list[str] = []
    while pos < len(text):
        ch = text[pos]
        if ch in RTL_OPEN or ch in LTR_OPEN:
            if buf:
                items.append("".join(buf))
                buf = []
            children, pos = _parse(text, pos + 1)
            items.append((ch, children))
            continue
        if ch in CLOSE:
            pos += 1
            break
        buf.append(ch)
        pos += 1
    if buf:
        items.append("".join(buf))
    return items, pos


def _render(items: list, *, rtl: bool) -> str:
    """Text of ``items`` in reading order; ``rtl`` says the items are already in it."""
    if rtl:
        return "".join(
            item if isinstance(item, str) else _render(item[1], rtl=item[0] in RTL_OPEN)
            for item in items
        )
    units: list[str] = []
    for item in items:
        if isinstance(item, str):
            units.extend(_display_units(item))
        else:
            units.append(_render(item[1], rtl=item[0] in RTL_OPEN))
    return _HYPHEN_GAP_RE.sub(r"\1", "".join(reversed(units)))


def _display_units(text: str) -> list[str]:
    """Cut display-order text into left-to-right runs and single other characters."""
    units: list[str] = []
    pos = 0
    for m in _LTR_RUN_RE.finditer(text):
        units.extend(text[pos : m.start()])
        units.append(m.group())
        pos = m.end()
    units.extend(text[pos:])
    return units
