"""Benchmark: Gazetteer loading, lookups, search and unit history against naive baselines.

* the first ``Gazetteer.vietnam()`` (reading the shipped table, building the index) against
  only splitting the table's lines;
* ``unit(code)`` (a dict lookup) against a linear scan of the units;
* ``search(text)`` (folded index + candidate pre-filter) against the obvious code that folds
  every name on each query and keeps those containing the folded text;
* the first history call (reading the 10,794 pre-2025 units) and ``successors(old_code)``
  against a scan of the pre-2025 table for the code.

Run: ``python benchmarks/bench_gazetteer.py``. Prints times and ratios (no targets enforced).
"""

from __future__ import annotations

import random
import time
import unicodedata
from importlib import resources

from _timing import per_call

from adminflow import AdministrativeUnit, Gazetteer
from adminflow.jurisdictions import _gazetteer


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


def split_table(name: str) -> list[list[str]]:
    text = (resources.files("adminflow") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if not line.startswith("#")]


def main() -> None:
    _gazetteer._vietnam.cache_clear()
    start = time.perf_counter()
    vietnam = Gazetteer.vietnam()
    vietnam.search("warm up")
    load = time.perf_counter() - start
    start = time.perf_counter()
    raw = len(split_table("units_2025.tsv"))
    table = time.perf_counter() - start
    print(
        f"load + index: {load * 1e3:.1f} ms for {raw} units   (splitting the table alone:"
        f" {table * 1e3:.2f} ms, x{load / table:,.0f})"
    )

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

    start = time.perf_counter()
    old = vietnam.legacy_provinces()
    history = time.perf_counter() - start
    start = time.perf_counter()
    rows = split_table("units_before_2025.tsv")
    table = time.perf_counter() - start
    print(
        f"history load: {history * 1e3:.1f} ms for {len(rows)} pre-2025 units, {len(old)} provinces"
        f"   (splitting the table alone: {table * 1e3:.2f} ms, x{history / table:,.0f})"
    )
    old_codes = [rng.choice(rows)[0] for _ in range(2000)]
    fast = per_call(lambda: [vietnam.successors(c) for c in old_codes], len(old_codes))
    slow = per_call(lambda: [next(r[4] for r in rows if r[0] == c) for c in old_codes[:100]], 100)
    ratio = slow / fast
    print(f"successors:   {fast * 1e6:8.2f} µs   table scan  {slow * 1e6:9.2f} µs   x{ratio:,.0f}")


if __name__ == "__main__":
    main()
