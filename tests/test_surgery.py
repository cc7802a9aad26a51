"""Token surgery (:mod:`textrepair.surgery`): simulated glyph-run damage is undone, clean
lines are left alone, and the search's partial scores stay consistent."""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path

import pytest

from textrepair import surgery
from textrepair.tokens import split_line
from textrepair.wordmodel import WordModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
damage = importlib.import_module("surgery_damage")
CORPUS_DIR = importlib.import_module("damage").CORPUS_DIR  # the simulators share one corpus

pytestmark = pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason="needs the shared corpus")


@pytest.fixture(scope="module")
def model() -> WordModel:
    return WordModel.default()


def _repair(text: str, model: WordModel) -> str:
    line = split_line(text)
    tokens, _ = surgery.repair_tokens(line.tokens, model.zipf, model.pair, line.gaps)
    return " ".join(tokens)


def test_completion_bound_is_a_prefix_maximum() -> None:
    index = surgery._prefix_index()
    rng = random.Random(1)
    for _ in range(300):
        lo = rng.randrange(len(index.z))
        hi = min(len(index.z), lo + rng.choice([1, 50, 5000, 200_000]))
        assert index._max(lo, hi) == max(index.z[lo:hi], default=0.0)
    # A piece that begins a word is judged by that word; one that begins none is not.
    assert surgery._completion("נית") >= 4.0
    assert surgery._completion("הנתרםאצל") == 0.0


def test_simulated_damage_mostly_undone(model: WordModel) -> None:
    samples = damage.samples(24, seed=5)
    ok = sum(_repair(s.damaged, model) == s.logical for s in samples)
    assert ok / len(samples) >= 0.4  # measured 0.5+ (benchmarks/surgery_eval.py: ~70%)


def test_clean_lines_unchanged(model: WordModel) -> None:
    lines = damage.corpus_lines(seed=5, limit=40)
    changed = [t for t in lines if _repair(t, model) != " ".join(t.split())]
    assert len(changed) <= 1


def test_gold_scores_no_better_than_found(model: WordModel) -> None:
    """Where the search misses the logical line, the model prefers what it found
    (no search errors on a small sample)."""
    misses = 0
    for s in damage.samples(12, seed=7):
        line = split_line(s.damaged)
        forced = surgery.forced_score(
            line.tokens, model.zipf, model.pair, s.logical.split(), line.gaps
        )
        found = surgery.best_score(line.tokens, model.zipf, model.pair, line.gaps)
        misses += forced is not None and forced > found + 1e-9
    assert misses <= 1
