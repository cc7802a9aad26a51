"""Which fixes run: one switch per named fix, like ftfy's ``TextFixerConfig``."""

from __future__ import annotations

from typing import NamedTuple


class RepairConfig(NamedTuple):
    """Switches for the line-repair fixes. All on by default."""

    reorder_fragments: bool = True
    reverse_letters: bool = True
    fix_numbers: bool = True
    mirror_brackets: bool = True
    attach_drop_caps: bool = True
