"""pdf.js's text of LibreOffice PDFs in four Hebrew fonts, justified and ragged.

The extractor corpus (``make.py``) sets its LibreOffice PDFs justified in David CLM. How
pdf.js writes a line depends on both: it parts a line's words where justification
stretched a space past 0.6 em (``textrepair/stretched.py``), and how far a space is
stretched depends on the font; ragged text is never stretched at all. This script sets
three corpus texts the extractor corpus does not use (``ud04``, ``ud06``, ``ud08``, their
first 500 words) in David CLM, Frank Ruehl CLM, Miriam CLM and Liberation Serif, justified
and ragged (``text-align: start``), in one and two columns, and writes pdf.js's text of
each (48 files) with the sources to ``variants/``. ``python -m benchmarks.pdfjs_eval``
reads them. Needs ``soffice``, ``node`` and ``pdfjs-dist`` (see ``make.py``); not run in
CI::

    python benchmarks/corpus/variants.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.corpus import make

HERE = Path(__file__).resolve().parent
OUT = HERE / "variants"
TEXTS = ("ud04", "ud06", "ud08")
FONTS = {
    "david": "David CLM",
    "frank": "Frank Ruehl CLM",
    "miriam": "Miriam CLM",
    "libserif": "Liberation Serif",
}
ALIGNS = ("justify", "start")
TITLE = "מאמר"


def pdfjs_text(pdf: Path) -> str:
    """pdf.js's text of a PDF, as ``make.py`` takes it."""
    return subprocess.run(
        ["node", str(HERE / "pdfjs_text.mjs"), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE,
    ).stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in TEXTS:
            paras = make.load_source(f"shared:{name}.txt", 500)
            folder = OUT / name
            folder.mkdir(parents=True, exist_ok=True)
            source = "\n".join([TITLE, *paras]) + "\n"
            (folder / "source.txt").write_text(source, encoding="utf-8")
            for key, font in FONTS.items():
                for align in ALIGNS:
                    for columns in (1, 2):
                        tag = f"{key}_{align}_{columns}col"
                        pdf = Path(tmp) / f"{name}_{tag}.pdf"
                        make.libreoffice(columns, font, align)(TITLE, paras, pdf)
                        text = pdfjs_text(pdf)
                        (folder / f"{tag}__pdfjs.txt").write_text(text, encoding="utf-8")
                        print(name, tag, len(text))


if __name__ == "__main__":
    main()
