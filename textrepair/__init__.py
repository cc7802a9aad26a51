"""textrepair: repair Hebrew text broken by PDF extraction.

Public API::

    import textrepair
    textrepair.repair(text)               # -> str
    textrepair.repair_and_explain(text)   # -> Repaired(text, changes, diagnosis)
    textrepair.repair(text, textrepair.RepairConfig(layout=True, reflow=True))  # document
    textrepair.layout(text)               # the page-layout stage on its own
    textrepair.repair_lines(lines)        # streaming, bounded memory: yields repaired lines
"""

from textrepair.config import RepairConfig
from textrepair.explain import Change, Repaired
from textrepair.layout import LayoutResult, layout, split_columns
from textrepair.pipeline import repair, repair_and_explain
from textrepair.stream import repair_lines

__all__ = [
    "Change",
    "LayoutResult",
    "RepairConfig",
    "Repaired",
    "layout",
    "repair",
    "repair_and_explain",
    "repair_lines",
    "split_columns",
]
__version__ = "0.1.0"
