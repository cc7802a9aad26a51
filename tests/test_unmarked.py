"""The whole-text shortcut (:mod:`textrepair.unmarked`) says only what the line stages would.

Wherever :func:`textrepair.unmarked.unmarked` lets a text through, the full line stages
(normalize, diagnose, repair every line) must leave it exactly as it is, diagnose it
logical and count the same Hebrew lines (the streaming reader settles on that count).
The generated texts are corpus lines salted with every shape the scans look for, so that
both answers come up often; the real texts are every fixture the project has.
"""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import textrepair
from textrepair.config import RepairConfig
from textrepair.diagnose import Regime
from textrepair.pipeline import _line_stages, prepare
from textrepair.unmarked import unmarked

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
damage = importlib.import_module("damage")
deterministic = importlib.import_module("deterministic")

EXAMPLES = deterministic.examples(400)
CONFIGS = [
    RepairConfig(),
    RepairConfig(assume="logical"),
    RepairConfig(keep_controls=True),
    RepairConfig(layout=True),
]

# Shapes some scan looks for, and a few it must not be fooled by.
_SALT = [
    "ם", "ןויליג", "אזרבייג'ן", 'בג"ץ', "ב2020", "2020-ב", "ב-2020", "-ביחסים", " ו ", " ה.",
    ".וכללה", ",של", "מרכזית,של", "ה.בית", "ד.", "ABC", "צילוםNati", "180ק", "%40", "(", ")",
    "  ", "   ", "\t", "\xa0", "\u2009", "\u200f", "\u200e", "\u202b", "\u202c", "\u2067",
    "\n", "\r\n", "\r", "\f", "\v", "\x1c", "\x85", "\u2028", "\n  ", "  \n", "\n.", "\n,ו",
    "מלחמתןשל", "ךל", " ם ", "׳", "״", "–", "-", "'",
    " ,1894", "\n,2009 ", ":2023", "כ350- ", "ב,1991-", "ומ- ,2015", "40%-", ")או", "יחיד( ",
    ")FFP),", '"FFP "משמש', "אזרבייג‘ן", "ארה“ב", "‘", "“", "’", "”",
]  # fmt: skip


def _clean_lines() -> list[str]:
    return [line for p in damage.corpus_paragraphs() for line in damage.wrap(p, random.Random(1))]


_LINES = _clean_lines()


@st.composite
def salted_text(draw: st.DrawFn) -> str:
    """Consecutive corpus lines with a few shapes put in at random places."""
    start = draw(st.integers(0, len(_LINES) - 1))
    n = draw(st.integers(1, 40))
    text = "\n".join(_LINES[start : start + n])
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(_SALT)) + text[at:]
    return text


def assert_same_verdict(text: str, cfg: RepairConfig) -> bool:
    """When the shortcut passes ``text``, the line stages leave it be; True if it passed.
    Both see it as the pipeline gives it to them (:func:`textrepair.pipeline.prepare`)."""
    text = prepare(text, cfg, [])
    quick = unmarked(text, cfg.assume, cfg.keep_controls)
    if quick is None:
        return False
    out, diagnosis = _line_stages(text, cfg, [])
    assert out == text
    assert diagnosis.regime is Regime.LOGICAL
    assert diagnosis.hebrew_lines == quick.hebrew_lines
    return True


@EXAMPLES
@given(salted_text(), st.sampled_from(CONFIGS))
def test_shortcut_agrees_with_line_stages(text: str, cfg: RepairConfig) -> None:
    assert_same_verdict(text, cfg)


def _fixtures() -> list[Path]:
    roots = [ROOT / "seeds", ROOT / "benchmarks" / "corpus", SHARED / "corpus"]
    roots.append(SHARED / "roundtrip")
    return sorted(p for r in roots if r.exists() for p in r.rglob("*.txt") if "003_" not in p.name)


def test_shortcut_agrees_on_every_fixture() -> None:
    """Real extractions and clean texts: the shortcut passes only what needs nothing."""
    passed = [p for p in _fixtures() if assert_same_verdict(p.read_text(), RepairConfig())]
    assert passed  # the clean sources go through it


def test_shortcut_passes_clean_text_and_stops_damage() -> None:
    """It is not a no-op: clean corpus documents pass; every damaged document stops."""
    rng = random.Random(7)
    clean = damaged = 0
    for _ in range(40):
        start = rng.randrange(len(_LINES) - 30)
        lines = _LINES[start : start + 30]
        clean += unmarked("\n".join(lines)) is not None
        doc = damage.simulate_document([lines], rng, damage.EVERYTHING).text
        damaged += unmarked(doc) is not None
    assert clean >= 36
    assert damaged == 0


def test_explain_says_the_shortcut_decided() -> None:
    text = "\n".join(_LINES[:20])
    repaired = textrepair.repair_and_explain(text)
    assert repaired.text == text and repaired.changes == []
    assert "none with a mark" in repaired.diagnosis.describe()


@pytest.mark.parametrize("mark", ["ןויליג", "\u202bשלום\u202c", "שלום  עולם"])
def test_one_mark_is_enough_to_stop(mark: str) -> None:
    """A final letter first, an embedding or a wide gap each need the line stages."""
    assert unmarked("\n".join([*_LINES[:20], mark])) is None


@pytest.mark.parametrize(
    "shape",
    [
        "בשנת ,1894 במהלך",
        ",2009 הכניסה",
        "וממוקמת כ350- מטרים",
        "ב,1991- ושלושה",
        "ייצאה כ40%- מהתצרוכת",
        "נאמנה )בתי ניסן",
        'ב"ק(, שחרבה',
        'ידו(". בסוף',
        "קפואה )FFP), שהיא",
        'הביטוי "FFP "משמש',
        "אזרבייג‘ן ועוד",
        "בארה“ב הם",
    ],
)
def test_pdfium_marks_stop_the_shortcut(shape: str) -> None:
    """A number's mark on its far side or a mirrored bracket or quote (PDFium), on two
    lines of a clean text: the shortcut stops, and the line stages mend both lines."""
    lines = [*_LINES[:20]]
    lines[3] = f"{lines[3]} {shape}"
    lines[12] = f"{shape} {lines[12]}"
    text = "\n".join(lines)
    assert unmarked(text) is None
    out = textrepair.repair(text).split("\n")
    assert out[3] != lines[3] and out[12] != lines[12]
