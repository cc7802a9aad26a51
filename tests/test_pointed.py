"""Pointed Hebrew (niqqud, cantillation, maqaf): they never change what the repair decides.

Scripture, poetry, prayer books and children's books are set with points on most letters.
The lexicon and the word model spell words without them, and a point takes no room on the
page, so a pointed text must come out exactly as the same text unpointed, each point
still on its letter. The tests put points on every letter by a fixed table (any
assignment will do: the points must decide nothing), damage the text the way extractors
do, and compare the two repairs.

An extractor that writes a line glyph by glyph in visual order (pdfminer) keeps each point
after its letter (the point lies inside the letter's box); the bidi algorithm's visual
order (``get_display``) puts it before. Both are tested.

The maqaf (``על־ידי``), the Hebrew hyphen of pointed and carefully set text, reads as the
hyphen the lexicon and the word model's corpus have.
"""

from __future__ import annotations

import importlib
import random
import re
import sys
from pathlib import Path

import pytest
from bidi import get_display
from hypothesis import given
from hypothesis import strategies as st

import textrepair
from textrepair import pointed as points
from textrepair.fixes import attach_drop_cap, reverse_letters
from textrepair.layout import layout
from textrepair.tokens import (
    HEBREW_POINTS,
    has_hebrew,
    has_points,
    lexicon_form,
    reversed_letters,
    split_punct,
    unpointed,
)
from textrepair.wordmodel import WordModel

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:  # ``damage`` is a helper module beside this file
    sys.path.insert(0, str(TESTS))
damage = importlib.import_module("damage")
examples = importlib.import_module("deterministic").examples

point = damage.pointed


def bidi_visual(line: str) -> str:
    """A logical line as the bidi algorithm lays it out: each point before its letter."""
    return get_display(line, base_dir="R") if line.strip() else line


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    if not damage.CORPUS_DIR.is_dir():
        pytest.skip(f"clean corpus not found at {damage.CORPUS_DIR}")
    return [unpointed(p) for p in damage.corpus_paragraphs()]  # a few carry points already


def _window(paragraphs: list[str], start: int, n: int, rng: random.Random) -> list[list[str]]:
    """``n`` consecutive paragraphs from ``start``, each wrapped into page lines."""
    return [damage.wrap(paragraphs[(start + i) % len(paragraphs)], rng) for i in range(n)]


def _first_difference(a: str, b: str) -> str:
    for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), 1):
        if x != y:
            return f"line {n}: pointed {unpointed(x)!r}, unpointed {unpointed(y)!r}"
    return f"line counts {len(a.splitlines())} and {len(b.splitlines())}"


@examples(60)
@given(
    st.text("אבג \u05b8\u05bc\u05be\u05c0\u05c3\u05c6\u05c7\ufb1ex1", max_size=40),
    st.integers(0, 2000),
)
def test_has_points_finds_a_point_in_a_short_or_a_long_text(text: str, pad: int) -> None:
    """A long text is searched point by point, a short one by one scan: the same answer
    (the maqaf, paseq, sof pasuq and nun hafukha are punctuation, not points)."""
    for candidate in (text, "א" * pad + text, text + " " * pad):
        assert has_points(candidate) == bool(re.search(f"[{HEBREW_POINTS}]", candidate))


def test_the_lexicon_reads_a_pointed_word_as_written_plain() -> None:
    model = WordModel.default()
    assert model.zipf("בְּרֵאשִׁית") == model.zipf("בראשית") > 4
    assert model.pair("הָאָרֶץ", "הָיְתָה") == model.pair("הארץ", "היתה")
    assert model.zipf("קקקקק") == 0.0 and not has_points("קקקקק")


def test_a_pointed_word_is_one_token_and_turns_with_its_points() -> None:
    assert split_punct("שָׁלוֹם,") == ("", "שָׁלוֹם", ",")
    assert split_punct("(בָּ)") == ("(", "בָּ", ")")
    word = "הָאָרֶץ"
    glyph_order = point("ץראה")  # mirrored, each point after its letter
    assert reversed_letters(reversed_letters(word)) == word
    assert reversed_letters(glyph_order) == point("הארץ")
    # Points before their letters (the bidi algorithm's order) show where a word's last
    # letter is pointed: it then starts with a point.
    assert reversed_letters(bidi_visual("לְךָ")) == "לְךָ"
    zipf = WordModel.default().zipf
    assert reverse_letters(["." + glyph_order], zipf) == [point("הארץ.")]
    assert attach_drop_cap([point("שנה"), point("ב")], zipf) == [point("בשנה")]  # a drop cap


@examples(40)
@given(st.integers(0, 10_000), st.integers(2, 10), st.integers(0, 2**16))
def test_pointed_damaged_documents_repair_as_unpointed(
    paragraphs: list[str], start: int, n: int, seed: int
) -> None:
    """Fragments in visual order, numbers, brackets and mirrored short words."""
    rng = random.Random(seed)
    doc = damage.simulate_document(_window(paragraphs, start, n, rng), rng, damage.EVERYTHING)
    pointed, plain = textrepair.repair(point(doc.text)), point(textrepair.repair(doc.text))
    assert pointed == plain, _first_difference(pointed, plain)


@examples(30)
@given(st.integers(0, 10_000), st.integers(2, 10), st.integers(0, 2**16))
def test_pointed_letter_visual_documents_come_back(
    paragraphs: list[str], start: int, n: int, seed: int
) -> None:
    """Every line mirrored letter by letter, each point before its letter (bidi) or after
    it (glyph order): repaired as the same text unpointed is, each point on its letter."""
    lines = [line for p in _window(paragraphs, start, n, random.Random(seed)) for line in p]
    logical = "\n".join(lines) + "\n"
    mirrored = "\n".join(map(bidi_visual, lines)) + "\n"
    repaired = textrepair.repair(mirrored)
    plain = point(repaired)
    assert textrepair.repair(point(mirrored)) == plain  # glyph order
    bidi = [bidi_visual(point(line)) for line in lines]
    # A line the repair leaves as written keeps its points as written (before its letters).
    kept = zip(repaired.split("\n"), mirrored.split("\n"), [*bidi, ""], strict=True)
    assert textrepair.repair("\n".join(bidi) + "\n") == "\n".join(
        point(out) if out != line else written for out, line, written in kept
    )
    if textrepair.repair(mirrored) == logical:
        assert plain == point(logical)


@examples(12)
@given(st.integers(0, 10_000), st.integers(6, 20), st.integers(0, 2**16), st.booleans())
def test_pointed_pdfminer_pages_lay_out_as_unpointed(
    paragraphs: list[str], start: int, n: int, seed: int, columns: bool
) -> None:
    """Justified pages, two columns written left first, page numbers, letters mirrored: the
    layout stage measures widths without the points."""
    rng = random.Random(seed)
    chosen = [paragraphs[(start + i) % len(paragraphs)] for i in range(n)]
    page = damage.pdfminer_pages(chosen, rng.randint(38, 60), rng.randint(20, 35), rng, columns)
    assert layout(point(page)).text == point(layout(page).text)
    mirrored = "\n".join(map(bidi_visual, page.split("\n")))
    config = textrepair.RepairConfig(layout=True)
    pointed = textrepair.repair(point(mirrored), config)
    plain = point(textrepair.repair(mirrored, config))
    assert pointed == plain, _first_difference(pointed, plain)


@examples(40)
@given(st.integers(0, 10_000), st.integers(1, 10), st.integers(0, 2**16))
def test_clean_pointed_text_is_left_alone(
    paragraphs: list[str], start: int, n: int, seed: int
) -> None:
    lines = [line for p in _window(paragraphs, start, n, random.Random(seed)) for line in p]
    text = "".join(point(line) + "\n" for line in lines)
    assert textrepair.repair(text) == text
    # The layout stage may join a line ending in ``-`` to the next (``חשובים-`` + ``V``),
    # pointed or not.
    config = textrepair.RepairConfig(layout=True)
    assert textrepair.repair(text, config) == point(textrepair.repair(unpointed(text), config))


@pytest.mark.parametrize(
    "text",
    [
        "פקטור וון וילברט נזקק. עבור טיפול של המופיליה-\nקריו או פקטור 8, מחומם או לא, זמינים.\n",
        "הם נפגשו אחרי שהמלחמה הסתיימה והוא חזר לעיר ב-\nמשפחתו הגדולה גרה שם כל השנים.\n",
    ],
    ids=["hyphenated word", "prefix hyphen"],
)
def test_a_pointed_line_end_hyphen_is_read_as_unpointed(text: str) -> None:
    """A word hyphenated across lines is joined, a prefix's hyphen waiting for its
    number is not, the last letter's points or the prefix's notwithstanding."""
    assert layout(point(text)).text == point(layout(text).text)


# Points for the trace tests: every letter its own choice, so that a point put back on the
# wrong letter, or on the other copy of a word, shows.
_SOME_POINTS = ["", "\u05b8", "\u05b4", "\u05bc\u05b7", "\u05b0", "\u05c1\u05b8", "\u05b9"]
_LETTERS = "אבגדהוזחטיכלמנסעפצקרשת"


@st.composite
def pointed_lines(draw: st.DrawFn, duplicate: bool = False) -> list[str]:
    """Distinct words that read differently turned, each letter with points drawn for
    it; ``duplicate`` writes the first word again at the end, with points of its own
    (two other words between them show which way the line was turned)."""
    plain = draw(
        st.lists(
            st.text(_LETTERS, min_size=2, max_size=6).filter(lambda w: w != w[::-1]),
            min_size=3 if duplicate else 2,
            max_size=8,
            unique_by=lambda w: min(w, w[::-1]),
        )
    )
    if duplicate:
        plain.append(plain[0])
    marks = st.sampled_from(_SOME_POINTS)
    return ["".join(ch + draw(marks) for ch in word) for word in plain]


def _traced(damaged: str, logical: list[str], before: bool = False) -> str | None:
    """What the trace puts back on ``logical``'s words from ``damaged``'s points."""
    return points.put_back(points.take_off(damaged, before), unpointed(" ".join(logical)))


@given(pointed_lines())
def test_points_follow_their_letters_wherever_repair_moves_them(words: list[str]) -> None:
    """Word order mirrored, letters mirrored (points after their letters or before), words
    glued or cut: each letter of the repair gets back its own points."""
    logical = " ".join(words)
    assert _traced(" ".join(reversed(words)), words) == logical
    assert _traced(reversed_letters(logical), words) == logical
    assert _traced(logical[::-1], words, before=True) == logical
    if len(words) < 3:
        return  # two words glued or cut need a third to tell the line's order
    glued = [*reversed(words[2:]), words[1] + words[0]]  # in visual order
    assert _traced(" ".join(glued), words) == logical
    letters = re.findall(f"[{_LETTERS}][^{_LETTERS}]*", words[0])
    cut = len(letters) // 2
    head, tail = "".join(letters[:cut]), "".join(letters[cut:])  # ``ב|נובמבר``
    assert _traced(" ".join([*reversed(words[1:]), tail, head]), words) == logical


@given(pointed_lines(duplicate=True))
def test_a_word_written_twice_keeps_each_copys_points(words: list[str]) -> None:
    """The copies go back by place: in the order the other words show."""
    logical = " ".join(words)
    assert _traced(" ".join(reversed(words)), words) == logical
    assert _traced(reversed_letters(logical), words) == logical


@given(st.lists(pointed_lines(), min_size=3, max_size=8), st.randoms(use_true_random=False))
def test_points_follow_lines_the_layout_stage_moves_joins_and_drops(
    lines: list[list[str]], rng: random.Random
) -> None:
    """A block of lines moved, a line dropped (furniture), two lines joined (reflow), a
    word hyphenated across lines rejoined: every letter that is left keeps its points."""
    seen: set[str] = set()  # each word once in the document: which copy is which is moot
    lines = [
        [w for w in line if not (unpointed(w) in seen or seen.add(unpointed(w)))] for line in lines
    ]
    lines = [line for line in lines if line]
    if len(lines) < 3:
        return
    doc = "\n".join(" ".join(line) for line in lines)
    laid = [" ".join(line) for line in lines]
    k = rng.randrange(1, len(laid))
    laid = laid[k:] + laid[:k]  # a block moved
    if rng.random() < 0.5:
        laid[0:2] = [laid[0] + " " + laid[1]]  # two lines joined
        del laid[rng.randrange(len(laid))]  # a line dropped
    else:  # a word rejoined (not beside a dropped line: see ``pointed._align``)
        laid[0:2] = [laid[0] + laid[1]]
    out = "\n".join(laid)
    assert points.put_back(points.take_off(doc), unpointed(out), in_order=True) == out


def test_explain_tells_each_change_with_its_points(paragraphs: list[str]) -> None:
    """The changes a pointed document's repair reports (the token surgery's steps, the
    layout stage's furniture) show the words with their points, as the output does."""
    rng = random.Random(2)
    surgery_damage = importlib.import_module("surgery_damage")
    lines = [line for p in _window(paragraphs, 10, 6, rng) for line in p][:12]
    cut = "\n".join(surgery_damage.simulate_line(line, rng).damaged for line in lines)
    body = [line for p in _window(paragraphs, 20, 6, rng) for line in p]
    pages = "\f".join(  # a running header and a page number on each page
        "\n".join(["כתב העת לדוגמה · גיליון 7", "", *body[k::2], "", f"עמוד {k + 1} מתוך 2"])
        for k in range(2)
    )
    for doc in (cut + "\n", pages + "\n"):
        changes = textrepair.repair_and_explain(point(doc), textrepair.RepairConfig(layout=True))
        told = [text for c in changes.changes for text in (c.before, c.after) if has_hebrew(text)]
        assert told
        assert all(has_points(text) for text in told)


def test_a_point_beside_no_letter_stays_with_its_character() -> None:
    """OCR's dagesh in a digit goes with the digit wherever the repair puts it; a point
    alone between spaces cannot be traced, and the document is repaired with its points
    on, nothing lost."""
    line = "ביום 8\u05bc במאי"
    moved = points.put_back(points.take_off(line), "במאי 8 ביום")
    assert moved == "במאי 8\u05bc ביום"
    assert points.owners(points.take_off("שָׁלוֹם \u05b8 עוֹלָם")) is None
    text = "םוֹלָשׁ \u05b8 םָלוֹע 1990 תנשב\n"
    assert sorted(textrepair.repair(text)) == sorted(text)


@pytest.mark.parametrize("extractor", damage.LOGICAL_EXTRACTORS)
@examples(6)
@given(st.integers(0, 10_000), st.integers(0, 2**16))
def test_pointed_seams_repair_as_unpointed(
    paragraphs: list[str], extractor: str, start: int, seed: int
) -> None:
    """Logical-order extractions: the seam fixes, stretched lines and chunk readings act
    on a pointed line as on the same line unpointed."""
    damaged = getattr(damage, extractor)
    lines = [line for p in _window(paragraphs, start, 6, random.Random(seed)) for line in p]
    doc = "\n".join(damaged(line) for line in lines) + "\n"
    pointed, plain = textrepair.repair(point(doc)), point(textrepair.repair(doc))
    assert pointed == plain, _first_difference(pointed, plain)


ROUNDTRIP = TESTS.parent.parent / "shared" / "roundtrip" / "seeds"
CONFIGS = {
    "lines": textrepair.RepairConfig(),
    "layout": textrepair.RepairConfig(layout=True),
    "reflow": textrepair.RepairConfig(layout=True, reflow=True),
}


@pytest.mark.parametrize("config", CONFIGS)
def test_real_extractions_pointed_repair_as_unpointed(config: str) -> None:
    """Every real extraction of the shared lab (eight extractors, their controls, columns
    side by side, headers and page numbers), pointed: the line stages, the column split
    and the layout stage act on it as on the same text unpointed."""
    paths = sorted(ROUNDTRIP.glob("*/*__*.txt"))
    if not paths:
        pytest.skip(f"round-trip lab not found at {ROUNDTRIP}")
    differ = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        pointed = textrepair.repair(point(text), CONFIGS[config])
        if pointed != point(textrepair.repair(text, CONFIGS[config])):
            differ.append(f"{path.parent.name[:3]}/{path.name}")
    assert not differ, differ


_HYPHEN = re.compile(r"(?<=[\u05d0-\u05ea])-(?=[\u05d0-\u05ea])")


def maqaf(text: str) -> str:
    """Every hyphen between two Hebrew letters set as a maqaf."""
    return _HYPHEN.sub("\u05be", text)


def test_a_maqaf_reads_as_a_hyphen() -> None:
    model = WordModel.default()
    assert lexicon_form("עַל־פְּנֵי") == "על-פני"
    assert model.pair("נעשה", "על־ידי") == model.pair("נעשה", "על-ידי")


@examples(30)
@given(st.integers(0, 10_000), st.integers(0, 2**16))
def test_maqaf_documents_repair_as_hyphenated(paragraphs: list[str], start: int, seed: int) -> None:
    """Paragraphs with a hyphen between letters, damaged every way: set with a maqaf
    instead, they repair the same."""
    hyphenated = [p for p in paragraphs if _HYPHEN.search(p)]
    rng = random.Random(seed)
    doc = damage.simulate_document(_window(hyphenated, start, 6, rng), rng, damage.EVERYTHING)
    assert textrepair.repair(maqaf(doc.text)) == maqaf(textrepair.repair(doc.text))
