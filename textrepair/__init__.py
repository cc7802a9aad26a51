"""textrepair: repair Hebrew text broken by PDF extraction.

Public API::

    import textrepair
    textrepair.repair(text)               # -> str
    textrepair.repair_and_explain(text)   # -> Repaired(text, changes)
"""

from textrepair.config import RepairConfig
from textrepair.explain import Change, Repaired
from textrepair.pipeline import repair, repair_and_explain

__all__ = ["Change", "RepairConfig", "Repaired", "repair", "repair_and_explain"]
__version__ = "0.1.0"
