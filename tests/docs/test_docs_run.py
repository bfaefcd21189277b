"""The README, the docs pages and the example scripts run as written."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def _blocks(path: Path) -> list[str]:
    """The ```python blocks of a page, each padded so tracebacks show the page's line numbers."""
    text = path.read_text(encoding="utf-8")
    return ["\n" * text.count("\n", 0, m.start(1)) + m.group(1) for m in FENCE.finditer(text)]


@pytest.mark.parametrize("page", [p for p in PAGES if _blocks(p)], ids=lambda p: p.name)
def test_python_blocks_run(page: Path) -> None:
    """Every ```python block of a page runs, in order, in one namespace per page."""
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}

    for block in _blocks(page):
        exec(compile(block, str(page), "exec"), namespace)


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_example_script_runs(script: Path) -> None:
    """Every script in examples/ exits with status 0."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, check=False
    )

    assert result.returncode == 0, result.stderr
