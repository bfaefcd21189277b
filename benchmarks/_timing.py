"""Timing helper shared by the benchmark scripts (imported as ``from _timing import per_call``).

The scripts run as ``python benchmarks/bench_x.py``, so this folder is on ``sys.path``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

REPEATS = 5


def per_call(func: Callable[[], object], calls: int) -> float:
    """Best-of-REPEATS seconds per call of ``func`` (which itself makes ``calls`` calls)."""
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best / calls
