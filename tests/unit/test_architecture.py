"""Architecture rules from DESIGN.md §3, checked on the source tree."""

import ast
import importlib
import pkgutil
from pathlib import Path

import adminflow

SRC = Path(adminflow.__file__).parent

#: Pure domain modules: stdlib, attrs, cattrs, dateutil, holidays, transitions (via _machine),
#: vietnam_provinces data, and each other. Never adapters, drivers, or the CLI.
DOMAIN_MODULES = {
    "calendar",
    "deadlines",
    "jurisdictions",
    "procedures",
    "competence",
    "codes",
    "dossiers",
    "events",
    "workflow",
    "indicators",
    "errors",
}
FORBIDDEN_FOR_DOMAIN = (
    "adminflow.cli",
    "adminflow.persistence",
    "adminflow.services",
    "adminflow.repository",
    "sqlite3",
    "sqlalchemy",
    "psycopg",
    "argparse",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


class TestLayers:
    def test_domain_never_imports_adapters(self) -> None:
        """Domain modules never import persistence, services, the CLI or database drivers."""
        for name in DOMAIN_MODULES:
            path = SRC / f"{name}.py"
            if not path.exists():
                continue
            for imported in _imports(path):
                assert not imported.startswith(FORBIDDEN_FOR_DOMAIN), f"{name} imports {imported}"

    def test_domain_never_reads_the_wall_clock(self) -> None:
        """Domain modules take time as an argument: no now(), today() or time.time()."""
        for name in DOMAIN_MODULES:
            path = SRC / f"{name}.py"
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            for call in ("datetime.now(", "date.today(", "time.time(", "datetime.utcnow("):
                assert call not in text, f"{name} calls {call}"

    def test_only_machine_module_imports_transitions(self) -> None:
        """Only adminflow._machine imports the transitions package."""
        for path in SRC.rglob("*.py"):
            if path.name == "_machine.py":
                continue
            assert not any(i.startswith("transitions") for i in _imports(path)), path

    def test_every_module_imports_cleanly(self) -> None:
        """Every module imports without error (and so without I/O failures at import time)."""
        for info in pkgutil.walk_packages([str(SRC)], prefix="adminflow."):
            if info.name == "adminflow.__main__":
                continue
            importlib.import_module(info.name)

    def test_public_all_is_sorted(self) -> None:
        """adminflow.__all__ is sorted and every name in it exists."""
        names = [n for n in adminflow.__all__ if n != "__version__"]

        assert names == sorted(names)
        for name in adminflow.__all__:
            assert hasattr(adminflow, name), name
