"""The simulators of ``tests/`` and the held-out texts, for the benchmarks that use them.

Held-out text is clean Hebrew the bundled word model was not built from (the clean seeds
and the 001/002 gold, ``tests/surgery_damage.HELDOUT``): repair measured on it shows what
the model generalises, not what it remembers.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
damage = importlib.import_module("damage")
HELDOUT: tuple[str, ...] = importlib.import_module("surgery_damage").HELDOUT


def heldout_texts(min_words: int = 1) -> list[list[str]]:
    """The paragraphs (non-empty lines) of each held-out text with ``min_words`` words
    or more."""
    texts = []
    for name in HELDOUT:
        lines = (REPO / name).read_text(encoding="utf-8").splitlines()
        texts.append([line.strip() for line in lines if len(line.split()) >= min_words])
    return texts
