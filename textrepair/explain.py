"""Records of what the repair changed, in the spirit of ftfy's ``fix_and_explain``.

Every fix that alters a line reports a :class:`Change`, so a user can see which rule
touched which line and audit it; nothing is changed silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from textrepair.diagnose import Diagnosis


class Change(NamedTuple):
    """One fix applied to one line: ``line`` is 1-based in the input text."""

    line: int
    fix: str
    before: str
    after: str


class Repaired(NamedTuple):
    """The repaired text, the ordered list of changes, and the document diagnosis."""

    text: str
    changes: list[Change]
    diagnosis: Diagnosis | None = None
