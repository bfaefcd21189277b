"""Benchmark: Gazetteer lookups and search against naive baselines, in the same run.

* ``unit(code)`` (a dict lookup) against a linear scan of the units;
* ``search(text)`` (folded index + candidate pre-filter) against the obvious code that folds
  every name on each query and keeps those containing the folded text;
* the first ``Gazetteer.vietnam()`` (building from the package) against iterating the package's
  own ``Province``/``Ward`` objects.

Run: ``python benchmarks/bench_gazetteer.py``. Prints times and ratios (no targets enforced).
"""

from __future__ import annotations

import random
import time
import unicodedata

from _timing import per_call
from vietnam_provinces import Province, Ward

from adminflow import AdministrativeUnit, Gazetteer
from adminflow.jurisdictions import _gazetteer as _jurisdictions


def naive_fold(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(plain.replace("đ", "d").replace("Đ", "D").lower().split())


def naive_search(
    units: list[AdministrativeUnit], text: str, limit: int
) -> list[AdministrativeUnit]:
    query = naive_fold(text)
    hits = [u for u in units if query in naive_fold(u.name)]
    hits.sort(key=lambda u: (naive_fold(u.name) != query, len(u.name), u.code))
    return hits[:limit]


def main() -> None:
    _jurisdictions._vietnam.cache_clear()
    start = time.perf_counter()
    vietnam = Gazetteer.vietnam()
    vietnam.search("warm up")
    load = time.perf_counter() - start
    start = time.perf_counter()
    raw = len(list(Province.iter_all())) + len(list(Ward.iter_all()))
    package = time.perf_counter() - start
    print(f"load + index: {load * 1e3:.1f} ms for {raw} units")
    print(f"  (iterating the already imported package: {package * 1e3:.2f} ms)")

    units = list(vietnam)
    rng = random.Random(20250701)
    codes = [rng.choice(units).code for _ in range(2000)]
    fast = per_call(lambda: [vietnam.unit(c) for c in codes], len(codes))
    slow = per_call(lambda: [next(u for u in units if u.code == c) for c in codes[:200]], 200)
    ratio = slow / fast
    print(f"unit(code):   {fast * 1e6:8.2f} µs   linear scan {slow * 1e6:9.2f} µs   x{ratio:,.0f}")

    queries = [naive_fold(rng.choice(units).short_name) for _ in range(100)]
    queries += ["khanh hoa", "phuong hoan kiem", "tan", "ha noi", "zzz"]
    fast = per_call(lambda: [vietnam.search(q, limit=10) for q in queries], len(queries))
    slow = per_call(lambda: [naive_search(units, q, 10) for q in queries[:20]], 20)
    ratio = slow / fast
    print(f"search(text): {fast * 1e6:8.1f} µs   naive fold  {slow * 1e6:9.1f} µs   x{ratio:,.1f}")


if __name__ == "__main__":
    main()
