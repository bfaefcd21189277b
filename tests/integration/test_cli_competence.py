"""The ``adminflow competence`` command, run as a subprocess."""

import json
import subprocess
import sys

import pytest

from adminflow.competence import CompetenceRules, dump_rules


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "adminflow", "competence", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


class TestCompetenceValidate:
    def test_example_rules_are_valid(self, tmp_path):
        """The shipped example rules validate with exit status 0."""
        path = tmp_path / "rules.toml"
        dump_rules(CompetenceRules.example_khanh_hoa(), path)

        result = run("validate", str(path))

        assert result.returncode == 0, result.stderr
        assert "valid" in result.stdout

    def test_invalid_rules_list_every_problem(self, tmp_path):
        """An invalid file exits 1 with one line per problem."""
        path = tmp_path / "rules.toml"
        path.write_text(
            '[[authorizations]]\nid = "x"\nprocedures = ["9.999999"]\n'
            'grantor = "commune/chairman"\ngrantee = "province/peoples_committee"\n'
            'valid_from = 2026-01-01\nreference = { instrument = "x" }\n',
            encoding="utf-8",
        )

        result = run("validate", str(path))

        assert result.returncode == 1
        assert len(result.stdout.strip().splitlines()) == 4

    def test_missing_file_is_a_usage_error(self, tmp_path):
        """A file that cannot be read exits 2."""
        result = run("validate", str(tmp_path / "nope.toml"))

        assert result.returncode == 2


class TestCompetenceResolve:
    def test_resolve_prints_json(self):
        """resolve --json names the deciding and acting bodies and the chain."""
        result = run("resolve", "1.001776", "22366", "--on", "2026-05-04", "--example", "--json")

        record = json.loads(result.stdout)

        assert result.returncode == 0, result.stderr
        assert record["deciding"]["id"] == "ct-ubnd-22366"
        assert record["acting"]["id"] == "22366-phong-vhxh"

    def test_bad_date_is_a_usage_error(self):
        """A malformed --on date exits 2 with a message naming it."""
        result = run("resolve", "1.001776", "22366", "--on", "soon")

        assert result.returncode == 2
        assert "--on" in result.stderr


class TestCompetenceReceive:
    @pytest.mark.parametrize(("code", "status"), [("1.013225", 0), ("1.013978", 1)])
    def test_exit_status_says_whether_receipt_is_allowed(self, code, status):
        """receive exits 0 when another commune may receive, 1 when it may not."""
        result = run("receive", code, "22333", "22366", "--on", "2026-01-05", "--example")

        assert result.returncode == status, result.stderr
        assert ("may receive" if status == 0 else "may not receive") in result.stdout


class TestCompetenceBadInput:
    @pytest.mark.parametrize(
        "args",
        [
            ("resolve", "1.013225", "22366", "--on", "2026-01-05", "--rules", "missing.toml"),
            ("receive", "1.013225", "22333", "22366", "--on", "2026-01-05", "--catalog", "x.toml"),
        ],
    )
    def test_unreadable_file_is_a_usage_error_without_traceback(self, tmp_path, args):
        """A rules or catalogue file that cannot be read exits 2 with one line, no traceback."""
        result = run(*(str(tmp_path / a) if a.endswith(".toml") else a for a in args))

        assert result.returncode == 2
        assert "cannot read" in result.stderr
        assert "Traceback" not in result.stderr

    def test_unknown_unit_is_a_usage_error(self):
        """An unknown unit code exits 2 naming the code and the argument."""
        result = run("resolve", "1.013225", "99999", "--on", "2026-01-05", "--example")

        assert result.returncode == 2
        assert "UNIT: unknown administrative unit, got 99999" in result.stderr
        assert "unit" in result.stderr
