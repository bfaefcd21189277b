"""The ``adminflow workflow diagram`` command, run as a subprocess."""

import os
import subprocess
import sys

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adminflow", "workflow", *args],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


def test_mermaid_diagram() -> None:
    """The default diagram is the Mermaid state diagram of Decree 118/2025."""
    result = run("diagram")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("stateDiagram-v2")
    assert "supplement_requested --> closed_unsupplemented" in result.stdout


def test_dot_diagram_of_2018_rules() -> None:
    """--format dot --rules 61/2018 prints Graphviz without the 15-day close-out."""
    result = run("diagram", "--rules", "61/2018", "--format", "dot")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('digraph "61/2018"')
    assert "closed_unsupplemented [" in result.stdout
    assert "-> closed_unsupplemented" not in result.stdout


def test_unknown_rule_set_is_a_usage_error() -> None:
    """An unknown rule set exits with status 2 and a message."""
    result = run("diagram", "--rules", "1/1999")

    assert result.returncode == 2
    assert "--rules: must be one of 61/2018, 118/2025, 309/2026, got 1/1999" in result.stderr
