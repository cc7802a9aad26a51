"""Bidi controls: stripping, the evidence they give, missing glyphs, pdftotext's LRE runs.

The pdftotext lines below are verbatim lines of the PDF round-trip lab's probe document
(``/work/shared/roundtrip/probe/probe_mixed/weasy_1col__pdftotext.txt`` and the ``-raw``
variant), written with escapes so the controls are visible.
"""

from __future__ import annotations

import re
from pathlib import Path

import bidi
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textrepair.controls import (
    BIDI_CONTROLS,
    LRE,
    PDF,
    RLE,
    control_evidence,
    count_missing_glyphs,
    drop_lone_marks,
    drop_ltr_wrappers,
    has_lone_marks,
    resolve_embeddings,
    strip_controls,
    wraps_ltr_runs,
)

SETTINGS = settings(derandomize=True, deadline=None, max_examples=300)

# (pdftotext default line, the reference line) from the probe document.
PDFTOTEXT_LINES = [
    (
        "\u202bבדיקת סימנים\u202a :\u202cסוגריים\u202a ,\u202cאחוזים ותאריכים\u202c",
        "בדיקת סימנים: סוגריים, אחוזים ותאריכים",
    ),
    (
        "\u202bלפי הסקר (שנערך בין \u202a 3\u202cל־\u202a 5\u202cבמרץ \u202a ,)2025\u202cכ־"
        "\u202a 45%\u202cמהנשאלים תומכים בהצעה\u202a ,\u202cלעומת \u202a 38.5%\u202cשמתנגדים"
        "\u202c",
        "לפי הסקר (שנערך בין 3 ל־5 במרץ 2025), כ־45% מהנשאלים תומכים בהצעה, לעומת 38.5% שמתנגדים",
    ),
    ("\u202b[ראו טבלה \u202a.]2\u202c\u202c", "[ראו טבלה 2]."),
    (
        "\u202bהמחיר עלה מ־\u202a ₪ 1,250\u202cל־\u202a ,₪ 1,480\u202cעלייה של \u202a 18.4%"
        "\u202cבתוך שנה; הדוח פורסם ב־\u202a 22/11/2026\u202cבשעה\u202c",
        "המחיר עלה מ־1,250 ₪ ל־1,480 ₪, עלייה של 18.4% בתוך שנה; הדוח פורסם ב־22/11/2026 בשעה",
    ),
    ("\u202b\u202a.18:30\u202c\u202c", "18:30."),
    (
        "\u202bטלפון למידע\u202a 03-1234567 :\u202cאו \u202a ;052-7654321\u202cאתר"
        "\u202a.www.example.org.il/he :\u202c\u202c",
        "טלפון למידע: 03-1234567 או 052-7654321; אתר: www.example.org.il/he.",
    ),
    (
        '\u202b"זה צעד חשוב"\u202a ,\u202cאמרה שרת החינוך\u202a" ,\u202cוהוא יחול על כ־'
        '\u202a 2.3\u202cמיליון תלמידים {כולל גני ילדים}"\u202a.\u202c\u202c',
        '"זה צעד חשוב", אמרה שרת החינוך, "והוא יחול על כ־2.3 מיליון תלמידים {כולל גני ילדים}".',
    ),
    (
        "\u202bבפרקים \u202a 15–12\u202cמתואר המודל <\u202a >BERT-base\u202cשקיבל ציון "
        "\u202a F1\u202cשל \u202a 91.2\u202cבמבחן\u202a.\u202c\u202c",
        "בפרקים 12–15 מתואר המודל <BERT-base> שקיבל ציון F1 של 91.2 במבחן.",
    ),
]

RAW_LINES = (
    "\u202bגיליון\u202c \u202bהמדיני\u202c \u202bהמגזין\u202c\n"
    "\u202bותאריכים\u202c \u202bאחוזים\u202c ,\u202bסוגריים\u202c :\u202bסימנים\u202c "
    "\u202bבדיקת\u202c\n"
    "2026\n"
)


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_strip_controls_removes_every_bidi_control_and_counts_them() -> None:
    line = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069שלום"
    assert strip_controls(line) == ("שלום", 12)
    assert strip_controls("שלום 12") == ("שלום 12", 0)
    assert strip_controls("") == ("", 0)


def test_strip_controls_keeps_missing_glyphs_and_other_format_characters() -> None:
    # NUL and U+FFFD stand for real glyphs; ZWJ/ZWNJ/soft hyphen are not bidi controls.
    line = "\u202bא\x00ב\ufffdג\u200dד\u200cה\u00ad\u202c"
    out, n = strip_controls(line)
    assert out == "א\x00ב\ufffdג\u200dד\u200cה\u00ad"
    assert n == 2


def test_count_missing_glyphs() -> None:
    assert count_missing_glyphs("המגזין \x00 גיליון 12 \ufffd נובמבר\x00") == 3
    assert count_missing_glyphs("שלום") == 0


def test_resolve_embeddings_restores_pdftotext_lines() -> None:
    for raw, ref in PDFTOTEXT_LINES:
        assert _norm(resolve_embeddings(raw)) == ref


def test_strip_alone_leaves_pdftotext_boundary_damage() -> None:
    # Why resolve_embeddings exists: the LRE runs hold visual order.
    raw, ref = PDFTOTEXT_LINES[3]
    assert _norm(strip_controls(raw)[0]) != ref
    assert "₪ 1,250ל־ ,₪ 1,480" in strip_controls(raw)[0]


def test_control_evidence_recognises_pdftotext_default() -> None:
    text = "\n".join(raw for raw, _ in PDFTOTEXT_LINES) + "\n\n"
    ev = control_evidence(text)
    assert ev.lines == len(PDFTOTEXT_LINES)
    assert ev.wrapped_lines == len(PDFTOTEXT_LINES)
    assert ev.word_wrapped_lines == 0
    assert ev.ltr_runs == text.count(LRE)
    assert ev.controls == sum(text.count(c) for c in BIDI_CONTROLS)
    assert ev.logical_embedding and not ev.visual_word_embedding


def test_control_evidence_recognises_pdftotext_raw() -> None:
    ev = control_evidence(RAW_LINES)
    assert ev.lines == 3
    assert ev.word_wrapped_lines == 2
    assert ev.wrapped_lines == 0
    assert ev.visual_word_embedding and not ev.logical_embedding


def test_control_evidence_side_by_side_columns() -> None:
    line = (
        "\u202bחידון ההלכה למעשה בעונה תשיעית • צפו בפרק\u202c      "
        "\u202bשר החוץ גדעון סער נפגש בבאקו – המרוחקת \u202a180\u202c\u202c"
    )
    ev = control_evidence(line)
    assert ev.side_by_side_lines == 1
    assert ev.wrapped_lines == ev.word_wrapped_lines == 0
    # A page of two columns side by side, no line of one column alone: pdftotext's too.
    assert control_evidence(f"{line}\n{line}\n").logical_embedding


def test_control_evidence_without_controls() -> None:
    ev = control_evidence("שלום עולם\n\nעוד שורה\n")
    assert ev.lines == 2
    assert ev.controls == ev.wrapped_lines == ev.word_wrapped_lines == ev.marks == 0
    assert not ev.logical_embedding and not ev.visual_word_embedding


def test_control_evidence_counts_marks() -> None:
    assert control_evidence("\u200fשלום\u200e abc\u061c").marks == 3


# --- properties -------------------------------------------------------------------------

_HEBREW = ["שלום", "הסקר", "במרץ", "מהנשאלים", 'ד"ר', "אזרבייג'ן", "ל־", "ב־", "כך", "עם"]
_LTR = ["12", "2025", "45%", "1,250", "18:30", "22/11/2026", "BERT-base", "YouTube", "F1"]
_PUNCT = ["", "", ",", ".", ":", ";", ")", "("]

_logical_lines = st.lists(
    st.tuples(st.sampled_from(_HEBREW + _LTR), st.sampled_from(_PUNCT)), min_size=1, max_size=10
).map(lambda toks: " ".join(w + p for w, p in toks))


def _pdftotext_wrap(line: str) -> str:
    """RLE…PDF around the line and LRE…PDF around every number or Latin run."""
    out = []
    for tok in line.split(" "):
        out.append(f"{LRE}{tok}{PDF}" if tok and tok[0] in "0123456789BYF" else tok)
    return RLE + " ".join(out) + PDF


@SETTINGS
@given(_logical_lines)
def test_wrapping_in_pdftotext_controls_then_stripping_is_lossless(line: str) -> None:
    wrapped = _pdftotext_wrap(line)
    out, n = strip_controls(wrapped)
    assert out == line
    assert n == len(wrapped) - len(line)


@SETTINGS
@given(_logical_lines)
def test_resolve_embeddings_inverts_visual_ltr_stretches(line: str) -> None:
    """An LRE run holding the visual order of a stretch without Hebrew is put back."""
    parts = []
    for tok in line.split(" "):
        if any(ch.isdigit() or (ch.isascii() and ch.isalpha()) for ch in tok):
            parts.append(LRE + bidi.get_display(tok, base_dir="R") + PDF)
        else:
            parts.append(tok)
    assert resolve_embeddings(RLE + " ".join(parts) + PDF) == line


@SETTINGS
@given(_logical_lines, st.integers(0, 200))
def test_a_line_cut_inside_its_embeddings_keeps_every_character(line: str, cut: int) -> None:
    """A text that begins mid-line, its closes left without their openers, loses no
    character: what stands before a stray close is read as the embedding it closes."""
    wrapped = _pdftotext_wrap(line)
    cut = min(cut, len(wrapped) - 1)
    kept = wrapped[cut:]

    def chars(text: str) -> list[str]:
        return sorted(ch for ch in text if ch not in BIDI_CONTROLS and ch != " ")

    assert chars(resolve_embeddings(kept)) == chars(kept)


def test_a_stray_close_ends_the_embedding_a_cut_took_the_opener_of() -> None:
    # pdftotext -layout, two columns on a line; the text began after the first RLE.
    line = f"לזכרו{LRE} ,{PDF}תחת הכותרת{LRE}:{PDF}{PDF}      {RLE}בבית ספר{LRE},{PDF}{PDF}"
    assert resolve_embeddings(line) == "לזכרו, תחת הכותרת:      בבית ספר,"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("עמוד 1 מתוך \u200f 2", "עמוד 1 מתוך 2"),  # Tesseract's
        ("\u200f שלום", "שלום"),
        ("שלום \u200f Nati", "שלום Nati"),
        ("א \u200f ב \u200f ג", "א ב ג"),
        ("a \u200e b", "a b"),
        # Marks that may steer something stay: against a character (an author's), or
        # between two letters of the other direction.
        ("1835\u200f\u200f – 8", "1835\u200f\u200f – 8"),
        ("Nati \u200f Shohat", "Nati \u200f Shohat"),
        ("שלום \u200e עולם", "שלום \u200e עולם"),
        ("x \u200f", "x \u200f"),
    ],
)
def test_drop_lone_marks(line: str, kept: str) -> None:
    assert drop_lone_marks(line) == kept


def test_lone_marks_go_in_the_repair_and_are_reported() -> None:
    """Tesseract's lone RLMs leave the text (each change reported), also the one that
    kept ``עמוד 1 מתוך \u200f 2`` from reading as a page number; ``keep_controls`` keeps
    them; an author's marks in clean text stay."""
    import textrepair

    fixture = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus" / "fixtures"
    raw = (fixture / "ud07" / "lo_2col__tesseract.txt").read_text(encoding="utf-8")
    assert raw.count("\u200f") >= 2
    repaired = textrepair.repair_and_explain(raw, textrepair.RepairConfig(layout=True))
    assert "\u200f" not in repaired.text
    assert "מתוך" not in repaired.text  # the footers, page numbers now, are furniture
    assert any(c.fix == "drop_lone_marks" for c in repaired.changes)
    kept = textrepair.repair(raw, textrepair.RepairConfig(keep_controls=True))
    assert kept.count("\u200f") == raw.count("\u200f")
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ud05.txt"
    clean = corpus.read_text(encoding="utf-8")
    assert "\u200f" in clean
    assert textrepair.repair(clean) == clean


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("מפלזמה קפואה \u200e(FFP)\u200f שהיא", "מפלזמה קפואה (FFP) שהיא"),
        # A sentence mark the engine saw at the run's left ends it.
        ("בחלבון \u200e,S\u200f חוסר", "בחלבון S, חוסר"),
        ("מלניק \u200e,(Mielnik)\u200f אז", "מלניק (Mielnik), אז"),
        # The engine's RLM starting a Hebrew line steers nothing; a mark against a
        # number may, and stays.
        ("\u200fבשנה האחרונה", "בשנה האחרונה"),
        ("1835\u200f – 8", "1835\u200f – 8"),
    ],
)
def test_drop_ltr_wrappers(line: str, read: str) -> None:
    assert drop_ltr_wrappers(line) == read


def test_only_ocr_with_latin_wraps_its_runs() -> None:
    """Tesseract's ``heb+eng`` readings wrap left-to-right runs in LRM...RLM (16 of the
    20 committed, those with two runs or more); no other extraction, source or corpus
    text does, and the shared corpus's author marks are not taken for it."""
    root = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus" / "fixtures"
    wrapped = {
        p.parent.name + "/" + p.stem
        for p in root.glob("*/*.txt")
        if wraps_ltr_runs(p.read_text(encoding="utf-8"))
    }
    assert len(wrapped) >= 16
    assert all(name.endswith("__tesseract_heb_eng") for name in wrapped)
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    assert not any(wraps_ltr_runs(p.read_text(encoding="utf-8")) for p in corpus.glob("*.txt"))


def test_ocr_with_latin_reads_better_without_its_marks() -> None:
    """Every committed ``heb+eng`` reading (layout on) loses its engine marks where they
    wrap runs, and reads no worse for it; on average at least 1 point better (at this
    commit 0.135 with the marks kept, 0.110 without)."""
    import textrepair
    from benchmarks.metrics import wer

    root = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus" / "fixtures"
    kept = without = 0.0
    for path in sorted(root.glob("*/*__tesseract_heb_eng.txt")):
        raw = path.read_text(encoding="utf-8")
        source = (path.parent / "source.txt").read_text(encoding="utf-8")
        a = wer(
            source, textrepair.repair(raw, textrepair.RepairConfig(layout=True, keep_controls=True))
        )
        out = textrepair.repair(raw, textrepair.RepairConfig(layout=True))
        b = wer(source, out)
        assert b <= a + 1e-9, path.name
        if wraps_ltr_runs(raw):
            assert not re.search("\u200e[^\u200e\u200f\n]*\u200f", out)
        kept, without = kept + a, without + b
    assert without <= kept - 0.01 * 20


def test_a_mark_a_repair_leaves_alone_goes_in_the_same_repair() -> None:
    """PyMuPDF's runs of an fpdf2 line turned back leave an author's RLM alone between
    spaces (``1835 \u200f – 8``): it goes in the same repair, so a second repair changes
    nothing (it went only in the second before)."""
    import textrepair

    fixture = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus" / "fixtures"
    base = (fixture / "seed000" / "fpdf2_shaped__pymupdf.txt").read_text(encoding="utf-8")
    line = "), היה מחשובי סופרי1917  בנובמבר\u200f25 : בדצמבר יוליאני8 – \u200f1835"
    text = base.rstrip("\n") + "\n" + line + "\n"
    once = textrepair.repair(text)
    read = "1835 – 8 בדצמבר יוליאני: 25 בנובמבר\u200f 1917), היה מחשובי סופרי"
    assert once.splitlines()[-1] == read
    assert textrepair.repair(once) == once


@SETTINGS
@given(st.text(alphabet=" \t\nab\u05d0\u05d1\u200e\u200f\u061c", max_size=12))
def test_has_lone_marks_finds_what_drop_lone_marks_looks_for(text: str) -> None:
    """The quick scan agrees with the pattern the fix uses: a mark with a space, a line
    break or the text's edge on both sides."""
    pattern = re.compile("(?<!\\S)[\u200e\u200f\u061c](?!\\S)")
    assert has_lone_marks(text) == (pattern.search(text) is not None)
