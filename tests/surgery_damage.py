"""Simulate glyph-run damage: words cut, scattered and glued by a visual-order extractor.

This is the damage of seed 003 (``shared/DAMAGE.md`` items 4, 6, 7, 12), made from clean
lines so that tests can check ``repair(simulate(x)) == x``. A PDF producer draws a line as
*glyph runs* and starts a new run wherever the glyphs change in some way; an extractor
that emits a right-to-left line in visual order writes the runs left to right (their order
mirrored, each run's inside logical) with whatever spacing it guesses between them.

What is simulated, and why:

* **Runs.** A run ends at some word spaces (a run is often several words, drawn in one
  go) and inside words where producers switch glyph runs: after a prefix letter
  (``ב|נובמבר``), before a final letter (``אזרבייג'|ן``), before an ending (``בשליט|ה``),
  after a geresh, between letters, digits and hyphens, and around commas, periods and
  quotes. A number is a left-to-right run of its own, so ``ב-2020`` is always three runs
  and a space next to a number always ends one (``הוקמה ב-1948 | בעיר``).
* **Visual order.** The runs are written in reverse order; a bracket is written as its
  mirror image (``(`` for ``)``).
* **Displacement.** A run of one character (a prefix letter, a comma, a final letter)
  is sometimes written on the other side of its neighbour run.
* **Spacing.** Between two runs the extractor writes no space, one or two, whatever the
  logical text had there; inside a run the spacing is the text's own.

The repair is right when it gives the logical line back, compared whitespace-normalised.
Damage is made only where it can be undone in principle: a word is cut only where the
lexicon knows the piece that remains a word (so that a reader could tell where it goes),
and a line always comes out different from its logical form.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import wordfreq
from damage import corpus_paragraphs, wrap

FINALS = "ךםןףץ"
PREFIXES = "בהוכלמש"
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_HEB = re.compile("[\u05d0-\u05ea]")
_DIGIT = re.compile("[0-9]")
_MARKS = ",.:;!?\"'()[]«»"


@dataclass(frozen=True)
class Damage:
    """How often each kind of cut and move happens (probabilities).

    ``space``: a word space ends a run; ``prefix`` / ``final`` / ``ending``: a word is cut
    after its prefix letter / before its final letter / before its ending; ``mark``: a
    punctuation mark is a run of its own; ``maqaf``: a hyphen between words is; ``displace``:
    a one-character run changes sides with its neighbour; ``glued`` / ``wide``: the share
    of junctions written with no space / two spaces (the rest get one).
    """

    space: float = 0.05
    prefix: float = 0.25
    final: float = 0.2
    ending: float = 0.1
    mark: float = 0.6
    maqaf: float = 0.8
    displace: float = 0.3
    glued: float = 0.35
    wide: float = 0.15


DEFAULT = Damage()
# Only cuts inside words: every run boundary at a space kept as the line's spacing.
LIGHT = Damage(space=0.0, displace=0.0, glued=0.5, wide=0.0)


@dataclass(frozen=True)
class Sample:
    """One simulated line: the logical line, what the extractor emits, and its runs."""

    logical: str
    damaged: str
    runs: tuple[str, ...] = ()


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of a Hebrew word (memoised: lines repeat their words)."""
    return wordfreq.zipf_frequency(word, "he")


def _kind(ch: str) -> str:
    if _HEB.match(ch) or ch in "\u05f3\u05f4":
        return "h"
    if _DIGIT.match(ch):
        return "d"
    if ch == " ":
        return " "
    return "p"


def _word_cuts(word: str, start: int, rng: random.Random, damage: Damage) -> set[int]:
    """Positions (in the line) inside ``word`` where a glyph run ends."""
    cuts: set[int] = set()
    kinds = [_kind(ch) for ch in word]
    n = len(word)
    for i in range(1, n - 1):  # a separator inside a number belongs to the number
        if word[i] in ",.:/" and kinds[i - 1] == kinds[i + 1] == "d":
            kinds[i] = "d"
    for i in range(1, n):
        a, b = kinds[i - 1], kinds[i]
        if a == b:
            continue
        if "d" in (a, b):
            cuts.add(i)  # a number is a left-to-right run of its own
        elif word[i - 1] == "-" or word[i] == "-":
            if rng.random() < damage.maqaf:
                cuts.add(i)
        elif "p" in (a, b) and rng.random() < damage.mark:
            cuts.add(i)
    letters = [i for i, k in enumerate(kinds) if k == "h"]
    if len(letters) >= 3 and word[letters[0] : letters[-1] + 1].replace("'", "").isalpha():
        lo, hi = letters[0], letters[-1] + 1
        core = word[lo:hi]
        prefixed = core[0] in PREFIXES and len(core) >= 4 and zipf(core[1:]) >= 3.0
        if prefixed and rng.random() < damage.prefix:
            cuts.add(lo + 1)
        if core[-1] in FINALS and zipf(core[:-1]) < zipf(core) and rng.random() < damage.final:
            cuts.add(hi - 1)
        elif len(core) >= 5 and rng.random() < damage.ending:
            for end in ("ים", "ות", "ה", "ת"):
                if core.endswith(end) and zipf(core[: -len(end)]) >= 2.5:
                    cuts.add(hi - len(end))
                    break
        g = core.find("'")
        if 0 < g < len(core) - 1 and rng.random() < 0.5:
            cuts.add(lo + g + 1)
    return {start + i for i in cuts if 0 < i < n}


def cut_positions(line: str, rng: random.Random, damage: Damage = DEFAULT) -> set[int]:
    """Where glyph runs end in the logical line: indices a new run starts at."""
    cuts: set[int] = set()
    pos = 0
    for word in line.split(" "):
        cuts |= _word_cuts(word, pos, rng, damage)
        pos += len(word)
        # The space ends a run: sometimes, and always next to a number (a left-to-right
        # run of its own in a right-to-left line).
        by_number = pos < len(line) - 1 and bool(_DIGIT.search(line[pos - 1] + line[pos + 1]))
        if pos < len(line) and (rng.random() < damage.space or by_number):
            cuts.add(pos)
        pos += 1
    return cuts


def runs_at(line: str, cuts: set[int]) -> list[str]:
    """The line cut at ``cuts`` into runs, in logical order (spaces kept inside runs)."""
    bounds = [0, *sorted(cuts), len(line)]
    runs = [line[a:b].strip(" ") for a, b in itertools.pairwise(bounds)]
    return [r for r in runs if r]


def cut_runs(line: str, rng: random.Random, damage: Damage = DEFAULT) -> list[str]:
    """The logical line cut into glyph runs, in logical order (spaces kept inside runs)."""
    return runs_at(line, cut_positions(line, rng, damage))


def emit(runs: Sequence[str], rng: random.Random, damage: Damage = DEFAULT) -> str:
    """What a visual-order extractor writes for runs given in logical order."""
    out = [r.translate(_MIRROR) for r in reversed(runs)]
    i = 0
    while i < len(out):
        if len(out[i]) == 1 and len(out) > 1 and rng.random() < damage.displace:
            j = i + 1 if (i == 0 or (i + 1 < len(out) and rng.random() < 0.5)) else i - 1
            out[i], out[j] = out[j], out[i]
            i += 2
            continue
        i += 1
    text = out[0]
    for run in out[1:]:
        roll = rng.random()
        sep = "" if roll < damage.glued else "  " if roll < damage.glued + damage.wide else " "
        text += sep + run
    return text


def simulate_line(line: str, rng: random.Random, damage: Damage = DEFAULT) -> Sample:
    """Damage one logical line; ``damaged`` always differs from it (whitespace aside) and
    has at least one word cut (else the damage is fragment order only, another fix's job)."""
    logical = " ".join(line.split())
    for _ in range(8):
        cuts = cut_positions(logical, rng, damage)
        inside = [i for i in cuts if logical[i - 1] != " " and logical[i] != " "]
        runs = runs_at(logical, cuts)
        if len(runs) < 2 or not inside:
            continue
        damaged = emit(runs, rng, damage)
        if " ".join(damaged.split()) != logical:
            return Sample(logical, damaged, tuple(runs))
    return Sample(logical, logical, (logical,))


# --------------------------------------------------------------------------- sources


def corpus_lines(seed: int = 3, limit: int | None = None) -> list[str]:
    """Clean Hebrew page lines from the corpus, reproducibly (lines with Hebrew only)."""
    rng = random.Random(seed)
    out = []
    for paragraph in corpus_paragraphs():
        lines = wrap(paragraph, rng, 7, 13)
        out.extend(line for line in lines if _HEB.search(line) and clean(line))
    return out if limit is None else out[:limit]


REPO = Path(__file__).resolve().parent.parent
# Clean Hebrew the bundled word model was not built from (it counts shared/corpus): the
# clean seeds and the gold reading of the broken ones. Repair scored on corpus lines meets
# word pairs the model has seen; on these, only what it generalises.
HELDOUT = (
    "seeds/000_3004770e8bf989b2.txt",
    "seeds/004_3385cef160622cba.txt",
    "seeds/gold/001.doc.txt",
    "seeds/gold/002.doc.txt",
)


def heldout_lines(seed: int = 3, limit: int | None = None) -> list[str]:
    """Clean Hebrew page lines from ``HELDOUT`` texts, reproducibly (about 400)."""
    rng = random.Random(seed)
    out = []
    for name in HELDOUT:
        for paragraph in (REPO / name).read_text(encoding="utf-8").splitlines():
            if len(paragraph.split()) >= 6:
                lines = wrap(paragraph.strip(), rng, 7, 13)
                out.extend(line for line in lines if _HEB.search(line) and clean(line))
    return out if limit is None else out[:limit]


def clean(line: str) -> bool:
    """Whether a corpus line reads as clean text: no lone Hebrew letter and no long word
    the lexicon does not know (the corpus has a few words glued by a typo, and a line
    that looks damaged before any damage cannot measure the repair)."""
    for token in line.split():
        core = "".join(ch for ch in token if _HEB.match(ch))
        if len(core) == 1 and len(token) == 1:
            return False
        if len(core) >= 9 and core == token.strip(",.:;!?()\"'") and zipf(core) == 0.0:
            return False
    return True


def samples(
    n: int | None = None, seed: int = 3, damage: Damage = DEFAULT, heldout: bool = False
) -> list[Sample]:
    """Simulated damage on ``n`` corpus lines (``heldout``: lines of text the word model
    was not built from) or all when None, reproducibly."""
    rng = random.Random(seed * 7919 + 1)
    lines = heldout_lines(seed, n) if heldout else corpus_lines(seed, n)
    return [simulate_line(line, rng, damage) for line in lines]


def documents(
    n: int,
    lines_per_doc: int = 30,
    seed: int = 3,
    damage: Damage = DEFAULT,
    heldout: bool = False,
) -> list[list[Sample]]:
    """``n`` simulated documents of about ``lines_per_doc`` consecutive lines each.

    The lines of a document follow each other in the corpus (paragraphs wrapped as a page
    wraps them), so a repair may use what it reads on the neighbour lines, as it does on a
    real page; a line the simulator cannot damage stays clean, as some lines of a real cut
    document do.
    """
    rng = random.Random(seed * 104729 + 7)
    lines = heldout_lines(seed) if heldout else corpus_lines(seed)
    docs = []
    for k in range(n):
        start = (k * lines_per_doc) % max(1, len(lines) - lines_per_doc)
        chunk = lines[start : start + lines_per_doc]
        docs.append([simulate_line(line, rng, damage) for line in chunk])
    return docs
