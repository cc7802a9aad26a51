"""Hypothesis settings shared by the property tests: the same examples on every run.

Nothing is remembered between runs (no example database), there is no deadline (CI
machines vary), and no ``explain`` phase (slow, and it writes patch files into the tree).
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, settings

DETERMINISTIC = settings(
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def examples(n: int) -> settings:
    """Deterministic settings running ``n`` examples."""
    return settings(DETERMINISTIC, max_examples=n)
