"""The benchmark scripts keep running (small sizes; their timings are printed, never judged)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

SMOKE_ARGS = {
    "bench_calendar.py": ["--pairs", "500", "--batch", "2000", "--no-targets"],
    "bench_competence.py": ["--triples", "2000", "--naive-sample", "50"],
    "bench_gazetteer.py": [],
    "bench_indicators.py": ["--rows", "3000", "--in-memory-rows", "2000", "--no-targets"],
    "bench_simulation.py": ["--dossiers", "300", "--services", "20"],
    "bench_store.py": [
        "--dossiers",
        "400",
        "--commands",
        "30",
        "--pg-workers",
        "2",
        "--pg-commands",
        "10",
        "--no-targets",
    ],
    "bench_workflow.py": ["--dossiers", "300", "--events", "60", "--calls", "50"],
}


def test_every_benchmark_has_smoke_arguments() -> None:
    """Every script in benchmarks/ is listed here, so none is left to rot."""
    scripts = {path.name for path in BENCHMARKS.glob("bench_*.py")}

    assert scripts == set(SMOKE_ARGS)


@pytest.mark.parametrize("script", sorted(SMOKE_ARGS))
def test_benchmark_runs_and_prints_ratios(script: str) -> None:
    """A benchmark run at small size exits 0 and prints its comparison with the baseline."""
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *SMOKE_ARGS[script]],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert re.search(r"\dx\b|\bx\d", result.stdout), result.stdout  # e.g. "25.6x", "x96"
