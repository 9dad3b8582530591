"""Fast uniform integers for synthetic data (Random.randrange is several times slower)."""

from __future__ import annotations

from random import Random


def below(r: Random, n: int) -> int:
    """Uniform integer in [0, n)."""
    return int(r.random() * n)


def span(r: Random, lo: int, hi: int) -> int:
    """Uniform integer in [lo, hi)."""
    return lo + int(r.random() * (hi - lo))


def between(r: Random, lo: int, hi: int) -> int:
    """Uniform integer in [lo, hi], both ends included."""
    return lo + int(r.random() * (hi - lo + 1))
