"""Which fixes run: one switch per named fix, like ftfy's ``TextFixerConfig``."""

from __future__ import annotations

from typing import NamedTuple


class RepairConfig(NamedTuple):
    """Switches for the repair. All fixes on by default; ``assume`` is ``auto``.

    ``assume`` overrides the document diagnosis: ``logical`` reorders no line on the word
    model's say (an extractor's recurring marks are still mended: ``reverse_stretched``),
    ``visual`` treats the document as visual even where the evidence is weak.
    ``keep_controls`` leaves bidi control characters (and the lines that carry them) as
    they are instead of reading and removing them.

    ``token_surgery`` lets a visual document's lines whose words the extractor cut apart
    (a prefix letter alone, halves of a word far apart, digits glued to a word) be read
    back by the search of :mod:`textrepair.surgery`; the slowest fix, and only acting in
    documents diagnosed as cut this way (``Diagnosis.cut_runs``).

    ``reverse_stretched`` turns back the lines of a logical-order document that an
    extractor wrote word-reversed because justification stretched them (pdf.js;
    :mod:`textrepair.stretched`), where the document shows that extractor's mark; under
    ``assume="logical"`` too, which the streaming repair puts later windows under.

    ``ocr_letters`` gives back letters an OCR engine confused throughout a document
    (:mod:`textrepair.ocr`: Tesseract's final mem read as samekh with some typefaces),
    only where the document shows the confusion. ``ocr_bars`` takes out the vertical bars
    an OCR engine read into the gaps of justified columns (``שיתופי | הפעולה``), only where
    the document shows them in running text.

    ``layout`` adds the page-layout stage (:mod:`textrepair.layout`): columns split, running
    headers, footers and page numbers removed (kept, on lines of their own, with
    ``keep_furniture``), displaced blocks moved back, broken words rejoined; ``reflow``
    then joins each paragraph into one line. Without ``layout`` the output keeps the
    input's lines one for one.
    """

    resolve_embeddings: bool = True
    letters_to_logical: bool = True
    fix_seams: bool = True
    reverse_stretched: bool = True
    token_surgery: bool = True
    reorder_fragments: bool = True
    reverse_letters: bool = True
    fix_numbers: bool = True
    mirror_brackets: bool = True
    attach_drop_caps: bool = True
    ocr_letters: bool = True
    ocr_bars: bool = True
    assume: str = "auto"
    keep_controls: bool = False
    layout: bool = False
    reflow: bool = False
    keep_furniture: bool = False
