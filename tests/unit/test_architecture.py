"""Architecture rules from DESIGN.md §3 that import-linter cannot express.

The layering, the forbidden imports and the independence of calendar and jurisdictions are
import-linter contracts in ``pyproject.toml`` (run ``lint-imports``); this module checks the rest
on the source tree.
"""

import ast
import importlib
import pkgutil
from pathlib import Path

import grimp
import pytest

import adminflow

SRC = Path(adminflow.__file__).parent

#: Domain packages: they take time as an argument and never read the wall clock.
DOMAIN_PACKAGES = (
    "calendar",
    "jurisdictions",
    "procedures",
    "competence",
    "dossiers",
    "indicators",
)
PUBLIC_MODULES = [
    "adminflow",
    "adminflow.calendar",
    "adminflow.codes",
    "adminflow.competence",
    "adminflow.jurisdictions",
    "adminflow.procedures",
    "adminflow.testing",
]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _domain_files() -> list[Path]:
    files = [SRC / "errors.py", SRC / "_documents.py"]
    for name in DOMAIN_PACKAGES:
        files += sorted((SRC / name).rglob("*.py")) if (SRC / name).is_dir() else []
    return files


class TestRules:
    def test_domain_never_reads_the_wall_clock(self) -> None:
        """Domain modules take time as an argument: no now(), today() or time.time()."""
        for path in _domain_files():
            text = path.read_text(encoding="utf-8")
            for call in ("datetime.now(", "date.today(", "time.time(", "datetime.utcnow("):
                assert call not in text, f"{path} calls {call}"

    def test_only_the_machine_module_imports_transitions(self) -> None:
        """Only adminflow.dossiers._machine imports the transitions package."""
        for path in SRC.rglob("*.py"):
            if path.relative_to(SRC).as_posix() == "dossiers/_machine.py":
                continue
            assert not any(i.startswith("transitions") for i in _imports(path)), path

    def test_no_import_cycle_anywhere(self) -> None:
        """No module of adminflow imports itself through others, not even for type checking."""
        graph = grimp.build_graph("adminflow")
        modules = sorted(graph.modules)
        cycles = []
        for module in modules:
            for imported in graph.find_modules_directly_imported_by(module):
                chain = graph.find_shortest_chain(importer=imported, imported=module)
                if chain is not None:
                    cycles.append((module, *chain))
        assert cycles == []

    def test_every_module_imports_cleanly(self) -> None:
        """Every module imports without error (and so without I/O failures at import time)."""
        for info in pkgutil.walk_packages([str(SRC)], prefix="adminflow."):
            if info.name == "adminflow.__main__":
                continue
            importlib.import_module(info.name)

    @pytest.mark.parametrize("name", PUBLIC_MODULES)
    def test_public_all_is_sorted_and_complete(self, name: str) -> None:
        """Every public module has a sorted __all__ whose names all exist."""
        module = importlib.import_module(name)
        names = [n for n in module.__all__ if n != "__version__"]

        assert names == sorted(names, key=lambda n: (not n.isupper(), n))
        for attribute in module.__all__:
            assert hasattr(module, attribute), attribute

    @pytest.mark.parametrize("name", ["calendar", "jurisdictions", "procedures", "competence"])
    def test_private_modules_drop_the_part_prefix(self, name: str) -> None:
        """Private modules inside a part's package are named without the part's prefix."""
        for path in (SRC / name).glob("_*.py"):
            assert not path.stem.startswith(f"_{name}_"), path
