"""A second held-out lab: producers the repair was not built on (Typst, Chromium), same extractors.

Run (from the repository root, with the Python of ``make.py``, ``pip install typst`` and
``apt-get install chromium``)::

    python benchmarks/corpus/more_producers.py --out /tmp/newlab
    python benchmarks/corpus/more_producers.py --out /tmp/newlab --producers typst_2col

Typesets the held-out texts (``make.HELDOUT_SOURCES``, the texts of ``make.py
--held-out``) and extracts each PDF with every extractor of ``make.EXTRACTORS``; writes
``<out>/<source>/source.txt`` and ``<producer>__<extractor>.txt`` as ``make.py`` does, plus
``versions.txt``, ``pages.txt`` and ``failures.txt``. Not committed, not run in CI: made to
measure the repair on producers no rule was made on (``/tmp/w/heldeval``-style scoring:
``python -m benchmarks.leaveout --fixtures <out>``).

Producers (A5 pages; furniture not in ``source.txt``):

* ``typst_1col`` / ``typst_2col``: the ``typst`` PyPI package (``typst.compile``), text
  lang "he", dir rtl, Frank Ruehl CLM with DejaVu Serif fallback, justified paragraphs,
  centred bold title (above both columns for 2col, ``set page(columns: 2)``), running
  header and footer "עמוד N מתוך M". The text is read from a JSON file, so no character
  of the source is taken as Typst markup. Typst places every word on its own.
* ``chrome_1col`` / ``chrome_2col``: Chromium headless ``--print-to-pdf`` of
  ``<html dir="rtl" lang="he">``, ``@page {size: A5}``, Noto Sans Hebrew + DejaVu Sans,
  justified, centred h1, ``columns: 2`` for chrome_2col, no header or footer (Chromium
  ignores CSS margin boxes): what "save a web page as PDF" gives.
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.corpus.make import (
    FOOTER_WORD_OF,
    FOOTER_WORD_PAGE,
    HEADER,
    HELDOUT_SOURCES,
    HTML_COLUMNS,
    build,
)

NAMES = tuple(s[0] for s in HELDOUT_SOURCES)
FONT_DIRS = [
    "/usr/share/fonts/truetype/culmus",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/noto",
]

# --------------------------------------------------------------------------- Typst
TYPST = """#let data = json("data.json")
#set document(title: data.title)
#set page(
  paper: "a5",
  margin: (x: 1.5cm, top: 1.8cm, bottom: 1.8cm),
  columns: {columns},
  header: align(center, text(size: 8pt, data.header)),
  footer: context align(center, text(size: 8pt)[
    #data.page #counter(page).display() #data.of #counter(page).final().first()
  ]),
)
#set columns(gutter: 0.6cm)
#set text(lang: "he", dir: rtl, font: ("Frank Ruehl CLM", "DejaVu Serif"), size: {size})
#set par(justify: true, leading: 0.55em, spacing: 0.65em)
#let title = align(center, block(below: 0.5cm, text(size: 15pt, weight: "bold", data.title)))
{title_placement}
#for p in data.paras {{
  par(p)
}}
"""


def typst_producer(columns: int):
    def produce(title: str, paras: list[str], pdf: Path) -> None:
        import typst

        work = pdf.parent / f"{pdf.stem}_typst"
        work.mkdir(parents=True, exist_ok=True)
        data = {
            "title": title,
            "paras": paras,
            "header": HEADER,
            "page": FOOTER_WORD_PAGE,
            "of": FOOTER_WORD_OF,
        }
        (work / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        placement = (
            "#title"
            if columns == 1
            else '#place(top + center, float: true, scope: "parent", title)'
        )
        src = work / "main.typ"
        src.write_text(
            TYPST.format(
                columns=columns,
                size="11.5pt" if columns == 1 else "10.5pt",
                title_placement=placement,
            ),
            encoding="utf-8",
        )
        typst.compile(str(src), output=str(pdf), root=str(work), font_paths=FONT_DIRS)

    return produce


# --------------------------------------------------------------------------- Chromium
HTML = (
    """<!DOCTYPE html>
<html dir="rtl" lang="he"><head><meta charset="utf-8"><title>{title}</title><style>
@page {{ size: A5; margin: 1.6cm 1.5cm; }}
body {{ margin: 0; font-family: "Noto Sans Hebrew", "DejaVu Sans"; font-size: {size};
       text-align: justify; line-height: 1.35; }}
h1 {{ text-align: center; font-size: 15pt; font-weight: bold; margin: 0 0 0.4cm; }}
"""
    + HTML_COLUMNS
)


def chromium_binary() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    raise RuntimeError("chromium not installed")


def chrome_producer(columns: int):
    def produce(title: str, paras: list[str], pdf: Path) -> None:
        chrome = chromium_binary()
        work = pdf.parent / f"{pdf.stem}_chrome"
        work.mkdir(parents=True, exist_ok=True)
        src = work / "index.html"
        src.write_text(
            HTML.format(
                title=html.escape(title),
                columns=columns,
                size="12pt" if columns == 1 else "11pt",
                body="\n".join(f"<p>{html.escape(p)}</p>" for p in paras),
            ),
            encoding="utf-8",
        )
        if pdf.exists():
            pdf.unlink()
        subprocess.run(
            [
                chrome,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={work / 'profile'}",
                f"--print-to-pdf={pdf}",
                src.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        if not pdf.exists() or pdf.stat().st_size == 0:
            raise RuntimeError("chromium wrote no PDF")

    return produce


PRODUCERS = {
    "typst_1col": typst_producer(1),
    "typst_2col": typst_producer(2),
    "chrome_1col": chrome_producer(1),
    "chrome_2col": chrome_producer(2),
}


def versions() -> str:
    lines = []
    try:
        lines.append(f"typst (PyPI) {metadata.version('typst')}")
    except metadata.PackageNotFoundError:
        lines.append("typst not installed")
    try:
        out = subprocess.run(
            [chromium_binary(), "--version"], capture_output=True, text=True, timeout=60
        ).stdout.strip()
        lines.append(f"chromium: {out}")
        deb = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "chromium"], capture_output=True, text=True
        ).stdout
        lines.append(f"deb chromium {deb}")
    except Exception as exc:
        lines.append(f"chromium: {exc}")
    lines.append(
        "fonts: typst_* Frank Ruehl CLM + DejaVu Serif; chrome_* Noto Sans Hebrew + DejaVu Sans"
    )
    lines.append(
        "extractors: benchmarks.corpus.make.EXTRACTORS (see /tmp/w/heldfix/versions.txt "
        "for their versions)"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="lab folder (outside the repo)")
    ap.add_argument("--pdf-dir", type=Path, help="PDFs and work files (default: <out>_pdfs)")
    ap.add_argument("--producers", nargs="+", default=list(PRODUCERS), choices=PRODUCERS)
    ap.add_argument("--sources", nargs="+", default=list(NAMES), choices=NAMES)
    args = ap.parse_args(argv)
    pdfs: Path = args.pdf_dir or args.out.with_name(args.out.name + "_pdfs")
    pdfs.mkdir(parents=True, exist_ok=True)
    failures = build(
        args.out, pdfs, args.sources, args.producers, HELDOUT_SOURCES, PRODUCERS, versions
    )
    print(f"{len(failures)} failures", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
