"""The command line imports only what the sub-command being run needs."""

import subprocess
import sys

import pytest

from adminflow.cli import COMMANDS, build_parser

PROBE = """
import sys
from adminflow.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.startswith("adminflow")))
print("importlib.metadata" in sys.modules)
"""


def _loaded(argv: list[str]) -> tuple[list[str], bool]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return eval(out[-2]), out[-1] == "True"


class TestStartUp:
    @pytest.mark.parametrize("argv", [["--help"], ["--version"], []])
    def test_overview_imports_only_the_cli(self, argv: list[str]) -> None:
        """`adminflow --help`, `--version` and no arguments import the CLI, no part of the library.

        ``adminflow.cli._convention`` (exit statuses, error format) belongs to the CLI.
        """
        modules, metadata = _loaded(argv)

        assert modules == ["adminflow", "adminflow.cli", "adminflow.cli._convention"]
        assert metadata == (argv == ["--version"])

    def test_a_subcommand_imports_its_own_module_only(self) -> None:
        """`adminflow deadline --help` imports the deadline command, not the others."""
        modules, _ = _loaded(["deadline", "--help"])

        assert "adminflow.cli._deadline" in modules
        assert not {"adminflow.cli._catalog", "adminflow.cli._units"} & set(modules)
        assert not any(m.startswith("adminflow.competence") for m in modules)

    def test_overview_help_matches_each_command(self) -> None:
        """The one-line help in the overview is the one each sub-command registers."""
        parser = build_parser()
        actions = [a for a in parser._actions if a.dest == "==SUPPRESS==" and a.choices]
        helps = {c.dest: c.help for c in actions[0]._choices_actions}

        assert helps == {name: summary for name, (_, summary) in COMMANDS.items()}
