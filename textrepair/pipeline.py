"""The repair pipeline: normalize -> segment -> repair lines (layout and reflow come later)."""

from __future__ import annotations

from textrepair.config import RepairConfig
from textrepair.explain import Change, Repaired


def repair_and_explain(text: str, config: RepairConfig | None = None) -> Repaired:
    """Repair ``text`` and return it with the list of changes made (placeholder)."""
    if not isinstance(text, str):
        raise TypeError(f"repair expects str, got {type(text).__name__}")
    changes: list[Change] = []
    return Repaired(text, changes)


def repair(text: str, config: RepairConfig | None = None) -> str:
    """Repair ``text``: the logical-order Hebrew a reader sees on the page."""
    return repair_and_explain(text, config).text
