"""Property tests of textrepair against simulated PDF-extraction damage (``tests/damage.py``).

Three families:

* **Measured rates.** A fixed sample of real Hebrew (``shared/corpus/ud*.txt``, CC BY-SA
  4.0, cut into visual lines of 6-12 words) is damaged with a fixed seed, some lines left
  clean as in real extractions, and repaired as *one* document, so that the document
  diagnosis sees a visual document. The share of damaged lines that come back right
  (whitespace-normalised) must not fall below the rate measured when these tests were
  written, minus a small margin. Word order cannot always be recovered (a single-space
  boundary is ambiguous, a two-word heading may read both ways), so this is a rate, not
  an invariant; the failure message prints the measured rate and examples.
* **Invariants**, which must hold on every input: clean text comes back byte for byte;
  repairing twice is repairing once; every line keeps its characters (only reordered,
  up to the fixes that mirror brackets or drop bidi controls) and its line ending; nothing
  raises.
* **Token damage undone whatever the word order**, on lines of random lexicon words
  (``wordfreq``), where word order carries no signal at all.

Every hypothesis test runs derandomized with no example database, so a run is
deterministic. The corpus lives outside the repository (``../shared``); tests that need it
are skipped when it is missing.
"""

from __future__ import annotations

import importlib
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

import pytest
from bidi import get_display
from hypothesis import example, given, settings
from hypothesis import strategies as st

import textrepair
from textrepair.diagnose import Diagnosis

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:  # ``damage`` is a helper module beside this file
    sys.path.insert(0, str(TESTS))
damage = importlib.import_module("damage")
deterministic = importlib.import_module("deterministic")
mirroring = importlib.import_module("mirroring")
MIRRORING_FIXES, FOLD = mirroring.MIRRORING_FIXES, mirroring.FOLD

examples = deterministic.examples


def normalize_ws(text: str) -> str:
    """Collapse white space: the extractor's spacing is not something a repair can recover."""
    return " ".join(text.split())


def ending(line: str) -> str:
    """The line ending (LF, CRLF, CR or none) of a line cut with ``keepends=True``."""
    return line[len(line.rstrip("\r\n")) :]


# --------------------------------------------------------------------------- sources


@lru_cache(maxsize=1)
def _paragraphs() -> tuple[str, ...]:
    return tuple(damage.corpus_paragraphs()) if damage.CORPUS_DIR.is_dir() else ()


def corpus_paragraphs() -> tuple[str, ...]:
    """The clean corpus paragraphs; skips the calling test when ``../shared`` is missing."""
    paragraphs = _paragraphs()
    if not paragraphs:
        pytest.skip(f"clean corpus not found at {damage.CORPUS_DIR}")
    return paragraphs


def corpus_window(start: int, n_lines: int, rng: random.Random) -> list[list[str]]:
    """``n_lines`` consecutive visual lines of the wrapped corpus, grouped by paragraph.

    Consecutive lines, not a random pick: the repair reads each line with its neighbours.
    """
    paragraphs = corpus_paragraphs()
    out: list[list[str]] = []
    total = 0
    i = start % len(paragraphs)
    while total < n_lines:
        lines = damage.wrap(paragraphs[i % len(paragraphs)], rng)[: n_lines - total]
        out.append(lines)
        total += len(lines)
        i += 1
    return out


def lexicon_document(n_lines: int, rng: random.Random) -> list[list[str]]:
    """``n_lines`` random lexicon lines (see :func:`damage.lexicon_line`) in paragraphs."""
    out: list[list[str]] = []
    total = 0
    while total < n_lines:
        size = min(rng.randint(1, 5), n_lines - total)
        out.append([damage.lexicon_line(rng) for _ in range(size)])
        total += size
    return out


def clean_layout(paragraphs: list[list[str]], rng: random.Random) -> str:
    """Lay clean lines out as a text file: endings, blank lines, stray spaces, no final EOL.

    Line endings are LF, CRLF, CR or mixed per document; some lines carry trailing spaces
    or an indent, some paragraphs are separated by blank (or space-only) lines.
    """
    style = rng.choice(("\n", "\r\n", "\r", "mixed"))
    parts: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i and rng.random() < 0.7:
            parts.append(rng.choice(("", "", " ", "   ")))
        for line in paragraph:
            if rng.random() < 0.1:
                line = " " * rng.randint(1, 4) + line
            if rng.random() < 0.2:
                line += " " * rng.randint(1, 3)
            parts.append(line)
    eols = [rng.choice(("\n", "\r\n", "\r")) if style == "mixed" else style for _ in parts]
    if rng.random() < 0.3:
        eols[-1] = ""
    return "".join(p + e for p, e in zip(parts, eols, strict=True))


# --------------------------------------------------------------------------- measured rates

RATE_SEED = 20240607  # fixed: the sample and its damage are the same on every run
MARGIN = 0.02  # allowed drop below the rate measured when the threshold was set


@dataclass
class Measurement:
    """How a repair did on one simulated document."""

    lines: Counter[str] = field(default_factory=Counter)  # damaged lines, per damage kind
    exact: Counter[str] = field(default_factory=Counter)  # ... of which repaired exactly
    items: Counter[str] = field(default_factory=Counter)  # damaged tokens, per kind
    items_fixed: Counter[str] = field(default_factory=Counter)  # ... found in the output
    clean: int = 0  # clean (undamaged) non-blank lines beside the damaged ones
    clean_kept: int = 0  # ... returned byte-identical
    failures: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def rate(self, kind: str) -> tuple[float, str]:
        n, ok = self.lines[kind], self.exact[kind]
        return ok / n, f"{ok}/{n} = {ok / n:.4f}"

    def item_rate(self, kind: str) -> tuple[float, str]:
        n, ok = self.items[kind], self.items_fixed[kind]
        return ok / n, f"{ok}/{n} = {ok / n:.4f}"


def measure(dmg: damage.Damage, clean_share: float = 0.25) -> Measurement:
    """Damage the whole wrapped corpus with ``dmg``, repair it as one document, score it."""
    rng = random.Random(RATE_SEED)
    paragraphs = [damage.wrap(p, rng) for p in corpus_paragraphs()]
    doc = damage.simulate_document(paragraphs, rng, dmg, clean_share)
    out = textrepair.repair(doc.text).splitlines()
    assert len(out) == len(doc.samples), "line count changed"
    m = Measurement()
    for sample, damaged, got in zip(doc.samples, doc.damaged, out, strict=True):
        if not damaged:
            if sample.damaged.strip():
                m.clean += 1
                m.clean_kept += got == sample.damaged
                if got != sample.damaged:
                    m.failures["clean"].append(_example(sample.damaged, got, sample.logical))
            continue
        good = normalize_ws(got) == normalize_ws(sample.logical)
        tokens = got.split()
        for kind in sample.kinds:
            m.lines[kind] += 1
            m.exact[kind] += good
            if not good:
                m.failures[kind].append(_example(sample.damaged, got, sample.logical))
        for kind, token in sample.items:
            m.items[kind] += 1
            m.items_fixed[kind] += token in tokens
    return m


def _example(damaged: str, got: str, expected: str) -> str:
    return f"\n  input:    {damaged}\n  output:   {got}\n  expected: {expected}"


@cache
def measured(name: str) -> Measurement:
    return measure(RATE_KINDS[name][0])


# name -> (damage, kind of line counted, rate measured when the threshold was set).
# Measured with RATE_SEED over the whole corpus (about 900 damaged lines per document)
# against textrepair at commit 6f75555; the working tree of that day gave the same rates.
# Where the rest is lost: a single-space fragment boundary (ambiguous by nature: see "many
# 1-space joins"), a logical multi-word run taken for glued fragments, and two-word lines
# (``הברית  ארצות``), which the repair leaves unreversed.
RATE_KINDS: dict[str, tuple[damage.Damage, str, float]] = {
    "word order": (damage.WORD_ORDER, "order", 0.867),
    "word order, wide gaps only": (replace(damage.WORD_ORDER, narrow=0.0), "order", 0.971),
    "one word per fragment, wide gaps": (
        replace(damage.WORD_ORDER, runs=0.0, narrow=0.0),
        "order",
        0.990,
    ),
    "word order, many 1-space joins": (replace(damage.WORD_ORDER, narrow=0.25), "order", 0.558),
    "numbers": (damage.WITH_NUMBERS, "numbers", 0.855),
    "brackets": (damage.WITH_BRACKETS, "brackets", 0.832),
    "letters": (damage.WITH_LETTERS, "letters", 0.854),
    "all kinds": (damage.EVERYTHING, "order", 0.848),
}
# kind -> rate (measured) at which the damaged tokens themselves are put right. The misses:
# a sign on a line left unreordered (``%71  הגדרה``), brackets of a parenthetical that runs
# over a line break (unbalanced on the line, so never mirrored) or of a multi-word run read
# in the wrong order.
ITEM_RATES: dict[str, float] = {"numbers": 0.982, "brackets": 0.952, "letters": 1.0}
# Clean lines beside damaged ones (all documents above), returned byte-identical.
CLEAN_KEPT_RATE = 0.999


@pytest.mark.parametrize("name", list(RATE_KINDS))
def test_roundtrip_rate(name: str) -> None:
    """repair(simulate(x)) == x for (at least) the measured share of damaged corpus lines."""
    _, kind, expected = RATE_KINDS[name]
    m = measured(name)
    rate, shown = m.rate(kind)
    first = "".join(m.failures[kind][:4])
    assert rate >= expected - MARGIN, (
        f"{name}: {shown} damaged lines repaired exactly, expected >= {expected - MARGIN:.3f}"
        f"; first failures:{first}"
    )


@pytest.mark.parametrize("kind", list(ITEM_RATES))
def test_token_damage_rate(kind: str) -> None:
    """The damaged number / bracket / reversed word itself is put right, word order aside."""
    m = measured(kind)
    rate, shown = m.item_rate(kind)
    expected = ITEM_RATES[kind]
    assert rate >= expected - MARGIN, (
        f"{kind}: {shown} damaged tokens restored, expected >= {expected - MARGIN:.3f}"
    )


def test_clean_lines_beside_damaged_ones_kept() -> None:
    """In a visual document the lines that were never damaged come back byte-identical."""
    total = kept = 0
    failures: list[str] = []
    for name in RATE_KINDS:
        m = measured(name)
        total += m.clean
        kept += m.clean_kept
        failures += m.failures["clean"]
    rate = kept / total
    assert rate >= CLEAN_KEPT_RATE - MARGIN / 4, (
        f"{kept}/{total} = {rate:.4f} clean lines kept; first failures:{''.join(failures[:4])}"
    )


# --------------------------------------------------------------------------- clean text

# Documents are drawn as (where, how many lines, seed): integers shrink quickly to a small
# reproducible case, and ``random.Random(seed)`` drives everything else. The ``@example``
# cases are counterexamples found so far; they stay meaningful while ``damage.py`` draws
# its random numbers in the same order.
STARTS = st.integers(0, 10_000)
SEEDS = st.integers(0, 2**32 - 1)


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_clean_corpus_files_untouched(eol: str) -> None:
    """Every clean corpus file (one long paragraph per line) comes back byte for byte."""
    corpus_paragraphs()
    for path in sorted(damage.CORPUS_DIR.glob("ud*.txt")):
        text = path.read_bytes().decode("utf-8").replace("\n", eol)
        result = textrepair.repair_and_explain(text)
        assert result.changes == [], f"{path.name}: {result.changes[:3]}"
        assert result.text == text


@pytest.mark.parametrize(
    "name", sorted(p.name for p in damage.CORPUS_DIR.glob("ud*.txt")) or ["ud01.txt"]
)
def test_clean_corpus_wrapped_untouched(name: str) -> None:
    """A whole clean corpus file cut into page lines of 6-12 words is left alone."""
    corpus_paragraphs()
    path = damage.CORPUS_DIR / name
    if not path.is_file():
        pytest.skip(f"{name} not in the corpus")
    rng = random.Random(f"{RATE_SEED}:{name}")
    paragraphs = [p for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
    text = "".join(line + "\n" for p in paragraphs for line in damage.wrap(p, rng))
    result = textrepair.repair_and_explain(text)
    assert result.text == text, f"changed: {result.changes[:3]}"


@examples(150)
@given(STARTS, st.integers(1, 16), SEEDS)
def test_clean_corpus_documents_untouched(start: int, n_lines: int, seed: int) -> None:
    """Clean corpus text wrapped into page lines, laid out any usual way, is left alone."""
    rng = random.Random(seed)
    text = clean_layout(corpus_window(start, n_lines, rng), rng)
    assert textrepair.repair(text) == text


@examples(150)
@given(st.integers(1, 16), SEEDS)
def test_clean_lexicon_documents_untouched(n_lines: int, seed: int) -> None:
    """Clean lines of lexicon words, numbers and Latin words are left alone."""
    rng = random.Random(seed)
    text = clean_layout(lexicon_document(n_lines, rng), rng)
    assert textrepair.repair(text) == text


def parenthesized_paragraph(rng: random.Random) -> str:
    """A clean paragraph of lexicon words with 2-4 parentheticals of 2-10 words each."""
    hebrew, _ = damage.lexicon()
    words = [rng.choice(hebrew) for _ in range(rng.randint(20, 50))]
    for _ in range(rng.randint(2, 4)):
        i = rng.randrange(len(words) - 1)
        j = min(len(words) - 1, i + rng.randint(1, 9))
        if any(ch in "()" for w in words[i : j + 1] for ch in w):
            continue  # keep parentheticals apart: one per run of words
        words[i], words[j] = "(" + words[i], words[j] + ")"
    return " ".join(words)


@examples(100)
@given(st.integers(1, 4), SEEDS)
@example(n_paragraphs=1, seed=148)  # failed before the fix
def test_clean_parentheticals_across_lines_untouched(n_paragraphs: int, seed: int) -> None:
    """Parentheticals that run over a line break leave clean lines as they are.

    Wrapping cuts a parenthetical, so a clean line may hold a lone ``)`` or ``(``, or close
    one parenthetical and open the next: brackets unbalanced on the line, correctly so.
    """
    rng = random.Random(seed)
    paragraphs = [damage.wrap(parenthesized_paragraph(rng), rng) for _ in range(n_paragraphs)]
    text = clean_layout(paragraphs, rng)
    result = textrepair.repair_and_explain(text)
    assert result.text == text, f"changed: {result.changes[:3]}"


# --------------------------------------------------------------------------- invariants

_HEBREW = [chr(c) for c in range(0x05D0, 0x05EB)]
_PIECES = st.one_of(
    st.sampled_from(_HEBREW),
    st.sampled_from(_HEBREW),
    st.sampled_from(_HEBREW),
    st.just(" "),
    st.sampled_from(["  ", "   "]),
    st.sampled_from(list("0123456789")),
    st.sampled_from(list("()[]{}<>«».,:;%-–\"'׳״!?")),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(list("abcXYZ")),
)
_WORDS = st.deferred(lambda: st.sampled_from(damage.lexicon()[0][:500]))
# Hebrew-heavy text: letters, lexicon words, runs of spaces, digits, punctuation, newlines.
hebrew_text = st.lists(st.one_of(_PIECES, _WORDS), max_size=120).map("".join)


def damaged_corpus_text(start: int, n_lines: int, seed: int) -> str:
    """Consecutive corpus lines with every kind of damage, about a quarter left clean."""
    rng = random.Random(seed)
    return damage.simulate_document(corpus_window(start, n_lines, rng), rng, damage.EVERYTHING).text


def damaged_lexicon_text(n_lines: int, seed: int) -> str:
    """Lexicon lines with every kind of damage: a visual document whose words say nothing."""
    rng = random.Random(seed)
    return damage.simulate_document(lexicon_document(n_lines, rng), rng, damage.EVERYTHING).text


def assert_idempotent(text: str) -> None:
    once = textrepair.repair(text)
    twice = textrepair.repair(once)
    assert twice == once, _diff_lines(text, once, twice)


def _diff_lines(text: str, once: str, twice: str) -> str:
    rows = zip(text.splitlines(), once.splitlines(), twice.splitlines(), strict=False)
    for n, (x, y, z) in enumerate(rows, 1):
        if y != z:
            return f"line {n}: input {x!r}, first repair {y!r}, second repair {z!r}"
    return f"line counts {len(once.splitlines())} != {len(twice.splitlines())}"


@examples(120)
@given(STARTS, st.integers(1, 16), SEEDS)
@example(start=320, n_lines=14, seed=564)  # failed at commit 6f75555 (a number at line end)
def test_idempotent_on_damaged_corpus(start: int, n_lines: int, seed: int) -> None:
    """Repairing a repaired document changes nothing (real Hebrew, every kind of damage)."""
    assert_idempotent(damaged_corpus_text(start, n_lines, seed))


@examples(120)
@given(st.integers(1, 16), SEEDS)
@example(n_lines=15, seed=76)  # failed at commit 6f75555
def test_idempotent_on_damaged_lexicon_lines(n_lines: int, seed: int) -> None:
    """Repairing a repaired document changes nothing (random words, every kind of damage)."""
    assert_idempotent(damaged_lexicon_text(n_lines, seed))


@examples(400)
@given(hebrew_text)
def test_idempotent_on_arbitrary_text(text: str) -> None:
    """Repairing twice is repairing once, whatever Hebrew-heavy text comes in."""
    assert_idempotent(text)


def pdfminer_page(start: int, n_lines: int, seed: int) -> str:
    """Paragraphs of held-out text (never counted by the word model) as pdfminer writes a
    justified page: each line mirrored (drawn order), the stretched spaces of every line
    but a paragraph's last written as one run of 2-4 spaces between every two words."""
    rng = random.Random(seed)
    stretch = " " * rng.randint(2, 4)
    paragraphs = _heldout_paragraphs()
    out: list[str] = []
    i = start
    while len(out) < n_lines:
        lines = damage.justify(paragraphs[i % len(paragraphs)], rng.randint(40, 70))
        for k, line in enumerate(lines):
            visual = get_display(line, base_dir="R")
            out.append(visual.replace(" ", stretch) if k < len(lines) - 1 else visual)
        i += 1
    return "\n".join(out[:n_lines]) + "\n"


@lru_cache(maxsize=1)
def _heldout_paragraphs() -> tuple[str, ...]:
    texts = (TESTS.parent / name for name in importlib.import_module("surgery_damage").HELDOUT)
    return tuple(
        p
        for path in texts
        for p in path.read_text(encoding="utf-8").splitlines()
        if len(p.split()) >= 12
    )


def test_pdfminer_pages_are_mostly_repaired_once_and_for_all() -> None:
    """The letter repair keeps a justified line's stretched spaces (the layout stage reads
    them); a second repair must read them as that, not as fragments written left to right
    (it reversed them all once: 0 of these 60 pages came through a second repair
    unchanged, and pdfminer's 50 extractions went from mean WER 0.037 to 0.188).

    The diagnosis tells the two apart by how the stretched lines read all together, with
    the word model; on a few lines of text it never counted that can stay unclear (a
    search found a page of 7 lines, and one of 27), so this is a rate, not a property:
    measured 60 of 60."""
    rng = random.Random(1)
    same = 0
    for _ in range(60):
        page = pdfminer_page(rng.randint(0, 1000), rng.randint(8, 60), rng.getrandbits(32))
        once = textrepair.repair(page)
        same += textrepair.repair(once) == once
    assert same >= 57


def test_laid_out_pdfminer_pages_have_words_one_space_apart() -> None:
    """The layout stage has read the stretched spaces; the laid-out document has each
    line's words one space apart (each line so changed reported), and a second repair
    with the layout stage changes nothing. Lines only, the stretch stays: it is the
    layout stage's evidence, and a pipeline may run that stage next."""
    rng = random.Random(2)
    config = textrepair.RepairConfig(layout=True)
    same = 0
    for _ in range(30):
        page = pdfminer_page(rng.randint(0, 1000), rng.randint(8, 60), rng.getrandbits(32))
        result = textrepair.repair_and_explain(page, config)
        assert not re.search(r"\S  +\S", result.text)
        tidied = [c for c in result.changes if c.fix == "collapse_stretched_spaces"]
        assert tidied and all(" ".join(c.before.split()) == c.after.strip() for c in tidied)
        assert re.search(r"\S  +\S", textrepair.repair(page))
        same += textrepair.repair(result.text, config) == result.text
    assert same >= 28


def test_stretched_lines_in_visual_order_are_still_fragments() -> None:
    """The other side: justified lines whose words an extractor placed by position, left
    to right, with the stretch alike between every two (pdftotext -layout on WeasyPrint,
    seed 001's two spaces), read better reversed all together, so they still make the
    document fragment-visual and come back in order."""
    paragraphs = _heldout_paragraphs()
    lines = [line for p in paragraphs[:6] for line in damage.justify(p, 60)[:-1]][:12]
    text = "\n".join("   ".join(reversed(line.split())) for line in lines) + "\n"
    result = textrepair.repair_and_explain(text)
    assert result.diagnosis.visual and not result.diagnosis.stretch_in_order
    got = result.text.splitlines()
    assert sum(a == b for a, b in zip(got, lines, strict=True)) >= 0.9 * len(lines)


def _spaced(rng: random.Random, line: str, width: int) -> str:
    """A line filled to ``width`` with spaces put in its gaps at random."""
    words = line.split()
    gaps = [1] * (len(words) - 1)
    for _ in range(width - len(line)):
        gaps[rng.randrange(len(gaps))] += 1
    return "".join(w + " " * g for w, g in zip(words, [*gaps, 0], strict=True))


def test_clean_text_justified_with_spaces_is_left_alone() -> None:
    """A plain-text page justifies its lines with one to several spaces between words (so
    does a pdfminer page once repaired): lines of wide gaps, as pdftotext -layout writes
    visual fragments. Here they read in order, all together, against both visual
    readings (fragments reversed, words reversed): the document is logical and no line is
    reordered on its own. The same lines with their fragments reversed still read as
    fragments."""
    rng = random.Random(5)
    paragraphs = _heldout_paragraphs()
    start = rng.randrange(len(paragraphs) - 6)
    lines = [x for p in paragraphs[start : start + 6] for x in damage.justify(p, 60)[:-1]][:16]
    spaced = [_spaced(rng, line, 60) for line in lines]
    text = "\n".join(spaced) + "\n"
    result = textrepair.repair_and_explain(text)
    assert result.diagnosis.gaps_in_order and not result.diagnosis.visual
    assert "lines of wide gaps read in order" in result.diagnosis.describe()  # --explain
    assert result.text == text
    visual = ["   ".join(reversed(re.split("  +", line))) for line in spaced]
    turned = textrepair.repair_and_explain("\n".join(visual) + "\n")
    assert turned.diagnosis.visual and not turned.diagnosis.gaps_in_order
    got = turned.text.splitlines()
    assert sum(a.split() == b.split() for a, b in zip(got, lines, strict=True)) >= 0.6 * len(lines)


def _all_hebrew_heldout_lines() -> list[str]:
    """Held-out page lines (text the word model never counted) of four or more words,
    every word Hebrew (a number or Latin word in such a line is written its own way)."""
    lines = importlib.import_module("surgery_damage").heldout_lines()
    hebrew = re.compile("[\u05d0-\u05ea]")
    return [x for x in lines if len(x.split()) >= 4 and all(map(hebrew.search, x.split()))]


def _documents_back(
    lines: list[str], size: int, damaged: Callable[[str, random.Random], str], seed: int
) -> tuple[list[Diagnosis], int, int]:
    """Held-out ``lines`` in documents of ``size``, each line ``damaged``, each document
    repaired whole (a second repair changes nothing): the diagnoses, the lines that come
    back exact and the lines in all."""
    rng = random.Random(seed)
    diagnoses: list[Diagnosis] = []
    exact = total = 0
    for k in range(0, len(lines) - size + 1, size):
        doc = lines[k : k + size]
        result = textrepair.repair_and_explain("\n".join(damaged(x, rng) for x in doc) + "\n")
        assert textrepair.repair(result.text) == result.text
        diagnoses.append(result.diagnosis)
        exact += sum(a == b for a, b in zip(result.text.splitlines(), doc, strict=True))
        total += len(doc)
    return diagnoses, exact, total


def test_lines_written_word_by_word_left_to_right_come_back() -> None:
    """pypdf on Typst's PDFs writes each line's words left to right, the two rightmost
    glued (``damage.words_left_to_right``): the document is fragment-visual, and its runs
    of words one space apart read better reversed, so every word is a fragment of its
    own; the glued pair is parted. Held-out lines in documents of 30: every document is
    told, 315 of 330 lines come back exact (4 before), and a second repair changes
    nothing."""
    lines = _all_hebrew_heldout_lines()
    diagnoses, exact, total = _documents_back(lines, 30, damage.words_left_to_right, 1)
    assert all(d.words_reversed for d in diagnoses)
    assert total == 330
    assert exact >= 0.9 * total


def test_words_left_to_right_with_their_marks_are_told() -> None:
    """PyMuPDF's ``sort=True`` writes a line's words left to right with each word's
    marks where they are drawn (``damage.words_marks_left_to_right``): ``,איסייב``. The
    vote on word order reads the words reversed with their marks moved where they read,
    as the repair writes them; read as drawn, a comma at a word's start made the reversed
    reading look worse (a seed-000 extraction read 0.79 WER). Held-out lines with a mark, in
    documents of 20: every document is told (8 of 10 before), 181 of 200 lines come back
    exact (148 before)."""
    marked = re.compile(r"[\u05d0-\u05ea][.,:;]$")
    lines = [x for x in _all_hebrew_heldout_lines() if any(map(marked.search, x.split()))]
    diagnoses, exact, total = _documents_back(lines[:200], 20, damage.words_marks_left_to_right, 4)
    assert all(d.words_reversed for d in diagnoses)
    assert total == 200
    assert exact >= 0.8 * total


def test_words_written_piece_by_piece_left_to_right_come_back() -> None:
    """PyMuPDF's ``sort=True`` writes a word with an apostrophe or a quotation mark
    between its letters piece by piece, left to right (``מ" ק`` for ``ק"מ``,
    ``ן'אזרבייג`` for ``אזרבייג'ן``), and a quote at a word's edge on its visual side.
    The held-out lines with such a word (56), in documents of 20: each document is told
    (``pieces_visual``), 36 of 40 lines come back exact (0 with the pieces and the edge
    quotes left as written), and a second repair changes nothing."""
    inner = re.compile("[\u05d0-\u05ea][\"'][\u05d0-\u05ea]")
    lines = [x for x in _all_hebrew_heldout_lines() if inner.search(x)]
    diagnoses, exact, total = _documents_back(lines, 20, damage.words_marks_left_to_right, 6)
    assert all(d.pieces_visual for d in diagnoses)
    assert total == 40
    assert exact >= 34


@pytest.mark.parametrize(
    ("tokens", "turned"),
    [
        (['מ"', "ק", "180"], ['ק"מ', "180"]),  # the mark glued to the left piece
        (["ייסון", "'ג"], ["ג'ייסון"]),  # ... to the right one
        ([".ן'אזרבייג"], [".אזרבייג'ן"]),  # ... to both: one token
        (['ר"', "האדמו", "זעק"], ['האדמו"ר', "זעק"]),
        (['ק"מ', "180"], ['ק"מ', "180"]),  # a word written whole stays
        (['צה"ל'], ['צה"ל']),
        (['שם"', "האברך"], ['שם"', "האברך"]),  # a quote ending a word: no word made
        (["אזרבייג׳ן"], ["אזרבייג׳ן"]),  # the Hebrew geresh is a letter's run: never cut
    ],
)
def test_words_written_piece_by_piece_are_turned(tokens: list[str], turned: list[str]) -> None:
    from textrepair.fixes import turn_word_pieces
    from textrepair.wordmodel import WordModel

    assert [t for t, _ in turn_word_pieces(tokens, WordModel.default().zipf)] == turned


@pytest.mark.parametrize(
    ("tokens", "parted"),
    [
        (["ארץ", "הראשונההמדינה"], ["ארץ", "הראשונה", "המדינה"]),
        (["ומה", "אזוריים,כוחות"], ["ומה", "אזוריים,", "כוחות"]),
        (["שכן", "–בסוריה"], ["שכן", "–", "בסוריה"]),
        (["להודות", 'מבקש"הנשיא'], ["להודות", "מבקש", '"הנשיא']),
        (["נעמד", 'האדמו"ר'], ["נעמד", 'האדמו"ר']),  # an acronym the lexicon knows
        (["ארץ", "המדינה"], ["ארץ", "המדינה"]),  # a word
        (["הראשונההמדינה", "ארץ"], ["הראשונההמדינה", "ארץ"]),  # only at the right end
    ],
)
def test_glued_words_are_parted_at_the_lines_right_end(
    tokens: list[str], parted: list[str]
) -> None:
    from textrepair.fixes import split_glued
    from textrepair.wordmodel import WordModel

    assert split_glued(tokens, WordModel.default().zipf) == parted


@examples(60)
@given(STARTS, st.integers(4, 16), SEEDS)
def test_fragments_of_several_words_are_not_taken_for_words_reversed(
    start: int, n_lines: int, seed: int
) -> None:
    """The other side: fragments of several words in reading order (the seeds' damage,
    every kind) keep their single spaces inside fragments."""
    text = damaged_corpus_text(start, n_lines, seed)
    assert not textrepair.repair_and_explain(text).diagnosis.words_reversed


# Fixes that may delete invisible bidi control characters.
CONTROL_FIXES = frozenset({"resolve_embeddings", "drop_lone_marks", "drop_ltr_wrappers"})
# Letters an OCR engine misread, given back: compared with the pairs folded together.
OCR_LETTER_FIXES = frozenset({"restore_final_mem", "restore_initial_yod"})
OCR_FOLD = str.maketrans("ס:", "םי")
# Bars an OCR engine read into gaps, taken out: compared with the bars left out.
OCR_BAR_FIX = "drop_misread_bars"
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def assert_conserved(text: str) -> None:
    """Same lines, same endings, and on each line the same characters apart from spaces.

    A fix that mirrors may turn ``)`` into ``(``: on its lines compare with mirror pairs
    folded together. A fix that reads bidi controls may delete them: on its lines the
    controls are left out of the comparison. The OCR letter fixes turn ``ס`` into ``ם``
    and ``:`` into ``י``: folded too. The OCR bar fix takes out ``|``: left out of the
    comparison on its lines. Nothing else may change a character.
    """
    result = textrepair.repair_and_explain(text)
    before = text.splitlines(keepends=True)
    after = result.text.splitlines(keepends=True)
    assert len(after) == len(before), "line count changed"
    assert [ending(x) for x in after] == [ending(x) for x in before], "line endings changed"
    fixes: dict[int, set[str]] = defaultdict(set)
    for change in result.changes:
        fixes[change.line].add(change.fix)
    for n, (old, new) in enumerate(zip(before, after, strict=True), 1):
        want, got = old.replace(" ", ""), new.replace(" ", "")
        if fixes[n] & CONTROL_FIXES:
            want = "".join(ch for ch in want if ch not in _BIDI_CONTROLS)
            got = "".join(ch for ch in got if ch not in _BIDI_CONTROLS)  # some may stay
        if fixes[n] & MIRRORING_FIXES:
            want, got = want.translate(FOLD), got.translate(FOLD)
        if fixes[n] & OCR_LETTER_FIXES:
            want, got = want.translate(OCR_FOLD), got.translate(OCR_FOLD)
        if OCR_BAR_FIX in fixes[n]:
            want, got = want.replace("|", ""), got.replace("|", "")
        assert Counter(got) == Counter(want), f"line {n} ({sorted(fixes[n])}): {old!r} -> {new!r}"


@examples(120)
@given(STARTS, st.integers(1, 16), SEEDS)
def test_conservation_on_damaged_corpus(start: int, n_lines: int, seed: int) -> None:
    """Lines, endings and characters survive the repair of a damaged document."""
    assert_conserved(damaged_corpus_text(start, n_lines, seed))


@examples(120)
@given(st.integers(1, 16), SEEDS)
def test_conservation_on_damaged_lexicon_lines(n_lines: int, seed: int) -> None:
    """Lines, endings and characters survive the repair of damaged random-word lines."""
    assert_conserved(damaged_lexicon_text(n_lines, seed))


@examples(400)
@given(hebrew_text)
def test_conservation_on_arbitrary_text(text: str) -> None:
    """Lines, endings and characters survive the repair of any Hebrew-heavy text."""
    assert_conserved(text)


@examples(100)
@given(STARTS, st.integers(4, 16), SEEDS)
@example(start=0, n_lines=4, seed=0)  # failed before the fix
def test_conservation_with_page_breaks(start: int, n_lines: int, seed: int) -> None:
    """A page break (form feed) at the end of a page's last line stays there.

    Extractors separate pages with ``\\f``; where a page's last line has no newline of its
    own, the form feed ends that line. Line structure and characters must survive.
    """
    rng = random.Random(seed)
    lines = damaged_corpus_text(start, n_lines, seed).split("\n")
    for i in rng.sample(range(len(lines)), k=max(1, len(lines) // 4)):
        lines[i] += "\f"
    assert_conserved("\n".join(lines))


@examples(400)
@given(st.text())
def test_never_raises_on_any_unicode(text: str) -> None:
    """Any string at all is repaired without an exception, the same way by both entry points."""
    result = textrepair.repair_and_explain(text)
    assert isinstance(result.text, str)
    assert textrepair.repair(text) == result.text


# --------------------------------------------------------------------------- token damage


def visual_lexicon_document(n_lines: int, seed: int, dmg: damage.Damage) -> damage.Document:
    """Lexicon lines cut one word per fragment with wide gaps: unmistakably visual."""
    rng = random.Random(seed)
    lines = [damage.lexicon_line(rng, rng.randint(6, 10)) for _ in range(n_lines)]
    return damage.simulate_document([lines], rng, replace(dmg, runs=0.0, narrow=0.0), 0.0)


def assert_intact_words_kept(doc: damage.Document, out: list[str]) -> None:
    """Every token the damage left intact is still among its line's output tokens.

    The repair moves words and undoes token damage; it must not alter a word that was
    never damaged (no lone letters here, so no drop cap joins one to a neighbour).
    """
    assert len(out) == len(doc.samples), "line count changed"
    for sample, got in zip(doc.samples, out, strict=True):
        intact = Counter(sample.logical.split()) & Counter(sample.damaged.split())
        missing = intact - Counter(got.split())
        assert not missing, f"{sorted(missing)} altered: {sample.damaged!r} -> {got!r}"


@examples(150)
@given(st.integers(6, 10), SEEDS)
def test_token_damage_undone_on_lexicon_lines(n_lines: int, seed: int) -> None:
    """Reversed words, one-word brackets and number ranges come back whatever the order.

    Random lexicon words carry no word-order signal, so the line order may stay wrong; but
    the token fixes do not depend on it. A sign moved off a number (``:2023``) is only put
    back on a line that was reordered, so it is checked there only. Each kind of damage
    hits about half the lines (a reversed word on every line: see the next test).
    """
    doc = visual_lexicon_document(n_lines, seed, replace(damage.EVERYTHING, share=0.5))
    result = textrepair.repair_and_explain(doc.text)
    reordered = {c.line for c in result.changes if c.fix == "reorder_fragments"}
    out = result.text.splitlines()
    assert_intact_words_kept(doc, out)
    for n, (sample, got) in enumerate(zip(doc.samples, out, strict=True), 1):
        tokens = got.split()
        for kind, token in sample.items:
            if kind == "brackets" and not (token.count("(") == 1 == token.count(")")):
                continue  # a bracket over several words needs the word order right
            if kind == "numbers" and "-" not in token and n not in reordered:
                continue
            assert token in tokens, f"{kind} {token!r} not restored: {sample.damaged!r} -> {got!r}"


@examples(150)
@given(st.integers(6, 10), SEEDS)
@example(n_lines=6, seed=445613787)  # failed before the fix
def test_reversed_short_words_leave_other_words_alone(n_lines: int, seed: int) -> None:
    """A visual document with a letter-reversed short word on every line.

    A reversed word starts with a final letter (``םולש``), which is also the mark of a
    document whose every word is reversed; but here every other word reads forwards and
    every line has the wide gaps of fragment output. Words never damaged must stay intact.
    """
    doc = visual_lexicon_document(n_lines, seed, damage.WITH_LETTERS)
    assert_intact_words_kept(doc, textrepair.repair(doc.text).splitlines())


# --------------------------------------------------------------------------- line endings

_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


@settings(derandomize=True, deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(["א", "b", " ", "\r\n", *_BREAKS]), max_size=30))
def test_split_endings_is_splitlines_with_the_endings_kept(parts: list[str]) -> None:
    from textrepair.pipeline import split_endings

    text = "".join(parts)
    pairs = split_endings(text)
    assert "".join(body + end for body, end in pairs) == text
    assert [body for body, _ in pairs] == text.splitlines()
    assert all(end in ("", "\r\n") or (len(end) == 1 and end in _BREAKS) for _, end in pairs)


@pytest.mark.parametrize(
    ("line", "mirrored"),
    [
        ("דם )INR>1.5( קרישה", "דם (INR>1.5) קרישה"),  # a sign inside a Latin run stays
        ("ערך a<b בדיקה )כן(", "ערך a<b בדיקה (כן)"),
        (")כך( ו-]עוד[", "(כך) ו-[עוד]"),
        ("(כך) ו-(עוד)", "(כך) ו-(עוד)"),  # balanced as written: nothing turns
    ],
)
def test_mirrored_brackets_turn_but_not_a_sign_inside_a_run(line: str, mirrored: str) -> None:
    """An extractor mirrors the brackets that stand in right-to-left text; a sign between
    two characters of a number or Latin run reads left to right and was never mirrored:
    turning it would flip an inequality (``INR>1.5`` read ``INR<1.5``)."""
    from textrepair.fixes import mirror_brackets

    assert " ".join(mirror_brackets(line.split())) == mirrored


@pytest.mark.parametrize("seed", range(6))
def test_lines_placed_word_by_word_come_back(seed: int) -> None:
    """Held-out paragraphs as PyMuPDF's ``sort=True`` writes them (every line's words
    left to right as placed, a word's sentence mark at its left, short last lines
    indented: :func:`damage.placed_word_by_word`) come back; and the same paragraphs in
    reading order, indented alike (what ``pdftotext -layout`` gives with its embeddings
    stripped), keep every word where it is. Before the diagnosis knew such pages, the
    first came back at a mean word error rate of 0.68 (over 12 documents; 0.004 now)."""
    from benchmarks.heldout import heldout_texts
    from benchmarks.metrics import wer

    rng = random.Random(seed)
    texts = heldout_texts(min_words=15)
    source = rng.choice(texts)
    start = rng.randrange(max(1, len(source) - 6))
    paragraphs, width = source[start : start + 6], rng.randint(50, 80)
    config = textrepair.RepairConfig(layout=True)
    placed = damage.placed_word_by_word(paragraphs, width)
    assert wer("\n".join(paragraphs), textrepair.repair(placed, config)) < 0.03
    lines = [damage.justify(p, width) for p in paragraphs]
    logical = "\n".join("\n".join([*ls[:-1], ls[-1].rjust(width), ""]) for ls in lines)
    assert textrepair.repair(logical, config).split() == logical.split()
