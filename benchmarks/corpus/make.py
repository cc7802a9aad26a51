"""Regenerate the real-extraction corpus: clean Hebrew -> real PDF producers -> real extractors.

Why: the seeds in ``seeds/`` are a handful of extractions of unknown origin. To know how
textrepair does on what people actually get, each clean source is typeset into PDFs by the
producers people actually use and read back by the extractors people actually use; the
extracted texts (small, text only) are committed as fixtures next to the clean source, so
``benchmarks/quality.py`` can score them without any of these tools installed.

Run (from the repository root, with a Python that has the producers and extractors, see
``benchmarks/README.md``)::

    /tmp/bvenv/bin/python benchmarks/corpus/make.py                  # all sources
    /tmp/bvenv/bin/python benchmarks/corpus/make.py --pdf-dir /tmp/pdfs   # keep the PDFs

Writes ``benchmarks/corpus/fixtures/<source>/source.txt`` (exactly what was typeset: a title
line, then one paragraph per line) and ``<producer>__<extractor>.txt`` (the extractor's
output, byte for byte), plus ``fixtures/versions.txt`` and ``fixtures/failures.txt``.
PDFs go to a temporary folder unless ``--pdf-dir`` is given: they are not fixtures.

Producers (all A5 pages, running header, footer "עמוד N מתוך M" -- furniture that is *not*
in ``source.txt``, like in real documents):

* ``lo_1col`` / ``lo_2col``: LibreOffice Writer headless from a flat ODF file, right-to-left
  paragraphs, justified body, centred bold title; ``lo_2col`` puts the body in a balanced
  two-column section. Font David CLM (culmus).
* ``weasy_2col``: WeasyPrint from ``<html dir="rtl">``, ``columns: 2``, justified, margin
  boxes with ``counter(page)`` / ``counter(pages)``. Noto Serif Hebrew + DejaVu Serif.
* ``reportlab_bidi``: ReportLab canvas, the common recipe: wrap *logical* words to the line
  width, then draw ``bidi.get_display(line)`` right-aligned. Frank Ruehl CLM (no fallback:
  glyphs it lacks, e.g. "•", come out as glyph 0, as they would for a user).
* ``fpdf2_shaped``: fpdf2 with ``set_text_shaping(direction="rtl", script="hebr")``
  (HarfBuzz via uharfbuzz), justified ``multi_cell``, ``header()`` / ``footer()``.
  Miriam CLM + DejaVu Sans fallback (Miriam has no Latin lower case).

Extractors: ``pdftotext`` (default, ``-layout``, ``-raw``; poppler), pdfminer.six
``extract_text``, pypdf ``page.extract_text()``, pdfplumber ``page.extract_text()``, PyMuPDF
``page.get_text()``, ``mutool draw -F txt``, PDFium through pypdfium2
(``get_textpage().get_text_range()``: Chrome's PDF engine, behind docling and many RAG
loaders), pdf.js (``pdfjs-dist``'s ``getTextContent()``, the text layer of Firefox and of
JavaScript loaders; ``pdfjs_text.mjs``) and Apache PDFBox (``ExtractText``, the engine of
Apache Tika). Pages of the Python and JavaScript extractors are joined with a newline
(what a caller typically does); the command-line tools' output, form feeds included, is
kept as the tool wrote it.

A producer or extractor that is not installed is skipped and listed in ``failures.txt``.
This script is for regeneration only; it is not run in CI.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURES = HERE / "fixtures"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"  # shared/ sits beside the checkout

HEADER = "רבעון הטקסט העברי | גיליון 7 | מרץ 2026"
FOOTER_WORD_PAGE = "עמוד"
FOOTER_WORD_OF = "מתוך"

FONTS = Path("/usr/share/fonts/truetype")
DAVID = "David CLM"
FRANK_RUEHL_TTF = FONTS / "culmus" / "FrankRuehlCLM-Medium.ttf"
MIRIAM_TTF = FONTS / "culmus" / "MiriamCLM-Book.ttf"
DEJAVU_SANS_TTF = FONTS / "dejavu" / "DejaVuSans.ttf"

# (name, title, where the body comes from, minimum words). The body is taken paragraph by
# paragraph until it has at least that many words, which keeps the fixtures small. ~270
# words (at 12-13 pt) is the least that still gives every producer two A5 pages: on a
# one-page document a running header cannot be told from a first line, by a program or by a
# reader of plain text, so single-page fixtures would measure nothing but that. ud03 is
# Wikipedia prose with Latin, brackets and numbers; ud07 is a Knesset transcript with short
# turns and dashes (one text from each of the two treebanks).
SOURCES: tuple[tuple[str, str, str, int], ...] = (
    ("seed000", "ביקור בכנסת", "seeds/000_*.txt", 10**9),
    ("seed004", "שר החוץ בבאקו", "seeds/004_*.txt", 10**9),
    ("ud03", "פינקוושינג", "shared:ud03.txt", 270),
    ("ud07", "מדיוני ועדה בכנסת", "shared:ud07.txt", 270),
)
# A held-out set (``--held-out``), typeset the same way but never committed: texts no rule
# was made on, to measure a change on after it is made (the 001/002 gold documents, never
# counted by the word model either, and four more corpus texts). Longer bodies give two-
# column producers three or four pages.
HELDOUT_SOURCES: tuple[tuple[str, str, str, int], ...] = (
    ("gold001", "היחסים עם מדינת ישראל", "seeds/gold/001.doc.txt", 10**9),
    ("gold002", "מבט מבאקו", "seeds/gold/002.doc.txt", 900),
    ("ud01", "ערך מורחב", "shared:ud01.txt", 500),
    ("ud02", "מאמר", "shared:ud02.txt", 500),
    ("ud05", "מאמר", "shared:ud05.txt", 500),
    ("ud09", "מאמר", "shared:ud09.txt", 500),
)


# --------------------------------------------------------------------------- sources
def load_source(spec: str, min_words: int) -> list[str]:
    """Body paragraphs (stripped, non-empty) of a source, cut after ``min_words`` words."""
    if spec.startswith("shared:"):
        path = SHARED_CORPUS / spec.removeprefix("shared:")
    else:
        (path,) = sorted(REPO.glob(spec))
    paras, n = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if n + len(line.split()) > min_words:
            # Cut the last paragraph at a sentence end: the source stays natural text, and
            # one long paragraph cannot double the fixture size.
            kept: list[str] = []
            for sentence in re.split(r"(?<=[.?!])\s+", line):
                kept.append(sentence)
                n += len(sentence.split())
                if n >= min_words:
                    break
            paras.append(" ".join(kept))
            break
        paras.append(line)
        n += len(line.split())
    return paras


# --------------------------------------------------------------------------- producers
FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="{font}" svg:font-family="'{font}'"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties style:writing-mode="rl-tb"/>
   <style:text-properties style:font-name="{font}" fo:font-size="13pt"
    style:font-name-complex="{font}" style:font-size-complex="13pt"
    fo:language="he" fo:country="IL" style:language-complex="he" style:country-complex="IL"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph">
   <style:paragraph-properties fo:text-align="{align}" fo:margin-bottom="0.15cm"
    style:writing-mode="rl-tb"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"
    style:writing-mode="rl-tb"/>
   <style:text-properties fo:font-size="15pt" fo:font-weight="bold"
    style:font-size-complex="15pt" style:font-weight-complex="bold"/>
  </style:style>
  <style:style style:name="Furniture" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center" style:writing-mode="rl-tb"/>
   <style:text-properties fo:font-size="8pt" style:font-size-complex="8pt"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm"
    fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.5cm"
    fo:margin-right="1.5cm" style:writing-mode="rl-tb"/>
   <style:header-style><style:header-footer-properties fo:min-height="0.5cm"
    fo:margin-bottom="0.3cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0.5cm"
    fo:margin-top="0.3cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Sect1" style:family="section">
   <style:section-properties style:editable="false">
    <style:columns fo:column-count="{columns}" fo:column-gap="0.6cm"/>
   </style:section-properties>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Furniture">{header}</text:p></style:header>
   <style:footer><text:p text:style-name="Furniture">{page} <text:page-number
    text:select-page="current">1</text:page-number> {of} <text:page-count>1</text:page-count
    ></text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
  <text:p text:style-name="Title">{title}</text:p>
  <text:section text:style-name="Sect1" text:name="Body">
{body}
  </text:section>
 </office:text></office:body>
</office:document>
"""


def libreoffice(
    columns: int, font: str = DAVID, align: str = "justify"
) -> Callable[[str, list[str], Path], None]:
    def produce(title: str, paras: list[str], pdf: Path) -> None:
        """LibreOffice Writer headless: flat ODF -> PDF."""
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            raise RuntimeError("soffice not installed")
        body = "\n".join(f'   <text:p text:style-name="Body">{escape(p)}</text:p>' for p in paras)
        doc = FODT.format(
            font=font,
            align=align,
            columns=columns,
            header=escape(HEADER),
            page=FOOTER_WORD_PAGE,
            of=FOOTER_WORD_OF,
            title=escape(title),
            body=body,
        )
        work = pdf.parent / f"{pdf.stem}_lo"
        work.mkdir(exist_ok=True)
        src = work / f"{pdf.stem}.fodt"
        src.write_text(doc, encoding="utf-8")
        profile = (work / "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.move(work / f"{pdf.stem}.pdf", pdf)

    return produce


# The body of an HTML document in CSS columns, and the end of its style sheet: what
# WeasyPrint's document here and Chromium's (more_producers.py) share.
HTML_COLUMNS = """.cols {{ columns: {columns}; column-gap: 0.6cm; }}
p {{ margin: 0 0 0.15cm; }}
</style></head><body>
<h1>{title}</h1>
<div class="cols">
{body}
</div></body></html>
"""


HTML = (
    """<!DOCTYPE html>
<html dir="rtl" lang="he"><head><meta charset="utf-8"><style>
@page {{
  size: A5; margin: 1.8cm 1.5cm;
  @top-center {{ content: "{header}"; font: 8pt "Noto Serif Hebrew", "DejaVu Serif"; }}
  @bottom-center {{ content: "{page} " counter(page) " {of} " counter(pages);
                   font: 8pt "Noto Serif Hebrew", "DejaVu Serif"; }}
}}
body {{ font-family: "Noto Serif Hebrew", "DejaVu Serif"; font-size: 12pt;
       text-align: justify; line-height: 1.35; }}
h1 {{ text-align: center; font-size: 15pt; margin: 0 0 0.4cm; }}
"""
    + HTML_COLUMNS
)


def _weasyprint(columns: int) -> Callable[[str, list[str], Path], None]:
    def produce(title: str, paras: list[str], pdf: Path) -> None:
        """WeasyPrint: right-to-left HTML, CSS columns, page counters in margin boxes."""
        from weasyprint import HTML as WeasyHTML

        doc = HTML.format(
            header=HEADER.replace('"', '\\"'),
            page=FOOTER_WORD_PAGE,
            of=FOOTER_WORD_OF,
            columns=columns,
            title=html.escape(title),
            body="\n".join(f"<p>{html.escape(p)}</p>" for p in paras),
        )
        WeasyHTML(string=doc).write_pdf(str(pdf))

    return produce


def _reportlab_bidi(title: str, paras: list[str], pdf: Path) -> None:
    """ReportLab canvas fed with ``bidi.get_display`` of logically wrapped lines."""
    from bidi import get_display
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("FrankRuehl", str(FRANK_RUEHL_TTF)))
    width, height = A5
    margin, top, bottom = 42.0, 52.0, 52.0
    size, leading = 12.5, 16.5
    right = width - margin
    avail = width - 2 * margin

    def wrap(text: str, font_size: float) -> list[str]:
        out: list[str] = []
        cur: list[str] = []
        for word in text.split():
            trial = " ".join([*cur, word])
            if cur and pdfmetrics.stringWidth(trial, "FrankRuehl", font_size) > avail:
                out.append(" ".join(cur))
                cur = [word]
            else:
                cur.append(word)
        if cur:
            out.append(" ".join(cur))
        return out

    # Lay out first (page breaks), then draw, so the footer knows the page count.
    pages: list[list[tuple[str, float, float, bool]]] = [[]]
    y = height - top
    for line in wrap(title, 15):
        pages[-1].append((line, y, 15, True))
        y -= 20
    y -= 6
    for para in paras:
        for line in wrap(para, size):
            if y < bottom:
                pages.append([])
                y = height - top
            pages[-1].append((line, y, size, False))
            y -= leading
        y -= 4
    c = canvas.Canvas(str(pdf), pagesize=A5)
    for number, items in enumerate(pages, 1):
        c.setFont("FrankRuehl", 8)
        c.drawCentredString(width / 2, height - 30, get_display(HEADER))
        footer = f"{FOOTER_WORD_PAGE} {number} {FOOTER_WORD_OF} {len(pages)}"
        c.drawCentredString(width / 2, 28, get_display(footer))
        for line, y, font_size, centred in items:
            c.setFont("FrankRuehl", font_size)
            if centred:
                c.drawCentredString(width / 2, y, get_display(line))
            else:
                c.drawRightString(right, y, get_display(line))
        c.showPage()
    c.save()


def _fpdf2_shaped(title: str, paras: list[str], pdf: Path) -> None:
    """fpdf2 with HarfBuzz right-to-left shaping, justified cells, header and footer."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("Miriam", size=8)
            self.cell(0, 6, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Miriam", size=8)
            text = f"{FOOTER_WORD_PAGE} {self.page_no()} {FOOTER_WORD_OF} {{nb}}"
            self.cell(0, 6, text, align="C")

    doc = Doc(format="A5")
    doc.set_margins(15, 12, 15)
    doc.set_auto_page_break(True, margin=18)
    doc.add_font("Miriam", fname=str(MIRIAM_TTF))
    doc.add_font("DejaVu", fname=str(DEJAVU_SANS_TTF))
    doc.set_fallback_fonts(["DejaVu"])
    doc.set_text_shaping(use_shaping_engine=True, direction="rtl", script="hebr", language="heb")
    doc.alias_nb_pages()
    doc.add_page()
    doc.set_font("Miriam", size=15)
    doc.multi_cell(0, 8, title, align="C", new_x="LMARGIN", new_y="NEXT")
    doc.ln(3)
    doc.set_font("Miriam", size=12)
    for para in paras:
        doc.multi_cell(0, 6, para, align="J", new_x="LMARGIN", new_y="NEXT")
        doc.ln(1.5)
    doc.output(str(pdf))


PRODUCERS: dict[str, Callable[[str, list[str], Path], None]] = {
    "lo_1col": libreoffice(1),
    "lo_2col": libreoffice(2),
    "weasy_2col": _weasyprint(2),
    "reportlab_bidi": _reportlab_bidi,
    "fpdf2_shaped": _fpdf2_shaped,
}


# --------------------------------------------------------------------------- extractors
def _run_tool(args: list[str]) -> str:
    if shutil.which(args[0]) is None:
        raise RuntimeError(f"{args[0]} not installed")
    out = subprocess.run(args, check=True, capture_output=True, timeout=120).stdout
    return out.decode("utf-8")


def _pdftotext(*flags: str) -> Callable[[Path], str]:
    return lambda pdf: _run_tool(["pdftotext", *flags, "-enc", "UTF-8", str(pdf), "-"])


def _pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def _pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


def _pypdf_layout(pdf: Path) -> str:
    """pypdf's layout mode (``extraction_mode="layout"``): each page laid out in fixed
    width, side-by-side columns kept side by side, as ``pdftotext -layout`` does."""
    from pypdf import PdfReader

    pages = PdfReader(str(pdf)).pages
    return "\n".join(page.extract_text(extraction_mode="layout") for page in pages)


def _pdfplumber(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def _pymupdf(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(str(pdf)) as doc:
        return "\n".join(page.get_text() for page in doc)


def _pymupdf_sort(pdf: Path) -> str:
    """PyMuPDF's ``get_text(sort=True)``: a page's text blocks sorted top to bottom, left
    to right (its documented "natural reading order")."""
    import pymupdf

    with pymupdf.open(str(pdf)) as doc:
        return "\n".join(page.get_text(sort=True) for page in doc)


def _mutool(pdf: Path) -> str:
    return _run_tool(["mutool", "draw", "-q", "-F", "txt", "-o", "-", str(pdf)])


def _pdfium(pdf: Path) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


_PDFJS = Path(__file__).resolve().with_name("pdfjs_text.mjs")


def _pdfjs(pdf: Path) -> str:
    return _run_tool(["node", str(_PDFJS), str(pdf)])


_PDFBOX_JARS = ("pdfbox2-tools", "pdfbox2", "fontbox2", "commons-logging")


def _pdfbox(pdf: Path) -> str:
    classpath = ":".join(f"/usr/share/java/{jar}.jar" for jar in _PDFBOX_JARS)
    tool = "org.apache.pdfbox.tools.ExtractText"
    return _run_tool(["java", "-cp", classpath, tool, "-console", "-encoding", "UTF-8", str(pdf)])


def _tesseract(languages: str) -> Callable[[Path], str]:
    """OCR, for scanned pages and for PDFs whose text layer is useless: each page rendered
    at 300 dpi in grey (``pdftoppm``) and read by Tesseract with ``languages`` (``heb``,
    or ``heb+eng`` as for text with Latin in it), pages ended with a form feed as
    ``pdftotext`` ends them."""

    def extract(pdf: Path) -> str:
        with tempfile.TemporaryDirectory() as tmp:
            _run_tool(["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), f"{tmp}/page"])
            images = sorted(Path(tmp).glob("page-*.png"))  # numbered with leading zeros
            pages = [_run_tool(["tesseract", str(im), "-", "-l", languages]) for im in images]
        return "".join(page + "\f" for page in pages)

    return extract


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdftotext": _pdftotext(),
    "pdftotext_layout": _pdftotext("-layout"),
    "pdftotext_raw": _pdftotext("-raw"),
    "pdfminer": _pdfminer,
    "pypdf": _pypdf,
    "pdfplumber": _pdfplumber,
    "pymupdf": _pymupdf,
    "mutool": _mutool,
    "pdfium": _pdfium,
    "pdfjs": _pdfjs,
    "pdfbox": _pdfbox,
    "tesseract": _tesseract("heb"),
    "tesseract_heb_eng": _tesseract("heb+eng"),
    "pypdf_layout": _pypdf_layout,
    "pymupdf_sort": _pymupdf_sort,
}


# --------------------------------------------------------------------------- versions
def _first_line(args: list[str]) -> str:
    if shutil.which(args[0]) is None:
        return "not installed"
    proc = subprocess.run(args, capture_output=True, text=True, timeout=120)
    text = (proc.stdout or proc.stderr).strip()
    return text.splitlines()[0] if text else "?"


def versions() -> str:
    """Tool, Python package and Debian package versions, one per line."""
    lines = [f"python {sys.version.split()[0]}"]
    lines.append("pdftotext: " + _first_line(["pdftotext", "-v"]))
    lines.append("soffice: " + _first_line(["soffice", "--version"]))
    lines.append("mutool: " + _first_line(["mutool", "-v"]))
    lines.append("node: " + _first_line(["node", "--version"]))
    lines.append("java: " + _first_line(["java", "-version"]))
    lines.append("tesseract: " + _first_line(["tesseract", "--version"]))
    lines.append("pdfjs-dist: " + _pdfjs_version())
    for dist in (
        "pdfminer.six",
        "pypdf",
        "pdfplumber",
        "pymupdf",
        "pypdfium2",
        "python-bidi",
        "fpdf2",
        "uharfbuzz",
        "reportlab",
        "weasyprint",
        "pydyf",
        "fonttools",
    ):
        try:
            lines.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{dist} not installed")
    for deb in (
        "poppler-utils",
        "libreoffice-writer-nogui",
        "mupdf-tools",
        "libpdfbox2-java",
        "culmus",
        "fonts-noto-core",
        "fonts-dejavu-core",
        "tesseract-ocr-heb",
    ):
        lines.append(f"deb {deb} " + _first_line(["dpkg-query", "-W", "-f=${Version}", deb]))
    lines.append(
        "fonts: lo_* David CLM (culmus); weasy_2col Noto Serif Hebrew + DejaVu Serif; "
        "reportlab_bidi Frank Ruehl CLM; fpdf2_shaped Miriam CLM + DejaVu Sans fallback"
    )
    return "\n".join(lines) + "\n"


def _pdfjs_version() -> str:
    package = _PDFJS.parent / "node_modules" / "pdfjs-dist" / "package.json"
    if not package.exists():
        return "not installed"
    import json

    return str(json.loads(package.read_text(encoding="utf-8"))["version"])


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


# --------------------------------------------------------------------------- main
def build(
    out: Path,
    pdf_dir: Path,
    sources: list[str],
    producers: list[str],
    table: tuple[tuple[str, str, str, int], ...] = SOURCES,
    makers: dict[str, Callable[[str, list[str], Path], None]] | None = None,
    tool_versions: Callable[[], str] | None = None,
    extractors: list[str] | None = None,
) -> list[str]:
    """Produce and extract every source of ``table`` named in ``sources``; returns the
    failures (also written to a file). ``makers`` and ``tool_versions``: other producers
    than :data:`PRODUCERS` and what to write to ``versions.txt`` (``more_producers.py``);
    ``extractors``: only these (default: all of :data:`EXTRACTORS`)."""
    makers = PRODUCERS if makers is None else makers
    failures: list[str] = []
    pages: list[str] = []
    for name, title, spec, min_words in table:
        if name not in sources:
            continue
        paras = load_source(spec, min_words)
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "source.txt").write_text("\n".join([title, *paras]) + "\n", encoding="utf-8")
        for producer in producers:
            pdf = pdf_dir / f"{name}__{producer}.pdf"
            try:
                makers[producer](title, paras, pdf)
            except Exception as exc:  # a missing tool must not stop the other producers
                failures.append(f"{name} {producer}: {type(exc).__name__}: {exc}")
                print(failures[-1], file=sys.stderr)
                continue
            pages.append(f"{name} {producer} {_page_count(pdf)}")
            for extractor, extract in EXTRACTORS.items():
                if extractors is not None and extractor not in extractors:
                    continue
                try:
                    text = extract(pdf)
                except Exception as exc:
                    failures.append(f"{name} {producer} {extractor}: {type(exc).__name__}: {exc}")
                    print(failures[-1], file=sys.stderr)
                    continue
                target = folder / f"{producer}__{extractor}.txt"
                target.write_bytes(text.encode("utf-8"))
            print(f"{name} {producer}: done", file=sys.stderr)
    (out / "versions.txt").write_text((tool_versions or versions)(), encoding="utf-8")
    (out / "pages.txt").write_text("".join(p + "\n" for p in pages), encoding="utf-8")
    (out / "failures.txt").write_text("".join(f + "\n" for f in failures), encoding="utf-8")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=FIXTURES, help="fixtures folder")
    parser.add_argument("--pdf-dir", type=Path, help="keep the PDFs here (default: temp dir)")
    parser.add_argument("--sources", nargs="+", help="only these sources (default: all)")
    parser.add_argument("--producers", nargs="+", default=list(PRODUCERS), choices=PRODUCERS)
    parser.add_argument(
        "--extractors",
        nargs="+",
        choices=list(EXTRACTORS),
        help="only these extractors (default: all); the other fixtures are left as they are",
    )
    parser.add_argument(
        "--held-out",
        action="store_true",
        help="typeset the held-out texts (HELDOUT_SOURCES) instead; give --out outside the repo",
    )
    args = parser.parse_args(argv)
    table = HELDOUT_SOURCES if args.held_out else SOURCES
    if args.held_out and args.out == FIXTURES:
        parser.error("--held-out needs --out: the held-out set is not committed")
    sources = args.sources or [s[0] for s in table]
    with tempfile.TemporaryDirectory() as tmp:
        pdf_dir = args.pdf_dir or Path(tmp)
        pdf_dir.mkdir(parents=True, exist_ok=True)
        failures = build(
            args.out, pdf_dir, sources, args.producers, table, extractors=args.extractors
        )
    print(f"{len(failures)} failures", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
