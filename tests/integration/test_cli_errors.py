"""One error convention for every ``adminflow`` command, run as real subprocesses (issue 9)."""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from adminflow.cli import build_parser

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adminflow", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env or ENV,
        check=False,
        timeout=120,
    )


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one error line on stderr, after checking there is no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines, "no message on stderr"
    return lines[-1]


class TestNoTraceback:
    @pytest.mark.parametrize(
        "args",
        [
            ["--received", "0001-01-01T00:00+07:00", "--working-days", "3"],
            ["--received", "0001-01-01T06:59+07:00", "--same-day"],
            ["--received", "9999-12-31T23:59-12:00", "--working-days", "3"],
        ],
        ids=["min-days", "min-same-day", "max-days"],
    )
    def test_instants_at_the_ends_of_the_range(self, args: list[str]) -> None:
        """An instant near Python's date limits is refused naming --received, exit 2."""
        result = run("deadline", *args)

        assert result.returncode == 2
        assert error_line(result).startswith("adminflow deadline: error: --received")

    @pytest.mark.parametrize(
        "args",
        [
            ["units", "communes", "01"],
            ["units", "search", "ha", "--limit", "1000"],
            ["catalog", "show", "1.001193", "--json"],
        ],
        ids=["communes", "search", "show"],
    )
    def test_closed_pipe_exits_quietly(self, args: list[str]) -> None:
        """When the reader stops reading (``| head -1``), the command ends without a word."""
        process = subprocess.Popen(
            [sys.executable, "-m", "adminflow", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**ENV, "PYTHONUNBUFFERED": "1"},
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()

        stderr = process.stderr.read().decode("utf-8", "replace")
        process.stderr.close()
        status = process.wait(timeout=120)

        assert stderr == ""
        assert status in (0, 141)

    def test_ctrl_c_exits_130_with_one_line(self, tmp_path: Path) -> None:
        """Ctrl-C while a file is being read prints one line and exits with status 130."""
        fifo = tmp_path / "rules.json"
        os.mkfifo(fifo)
        process = subprocess.Popen(
            [sys.executable, "-m", "adminflow", "catalog", "validate", str(fifo)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        opened, done = threading.Event(), threading.Event()

        def writer() -> None:
            with open(fifo, "w") as pipe:  # returns once the command opened the file
                pipe.write("[")
                pipe.flush()
                opened.set()
                done.wait(timeout=120)

        thread = threading.Thread(target=writer, daemon=True)
        thread.start()
        assert opened.wait(timeout=120)
        for _ in range(12):  # a loaded machine may deliver the first Ctrl-C late: press again
            process.send_signal(signal.SIGINT)
            try:
                _, stderr = process.communicate(timeout=10)
                break
            except subprocess.TimeoutExpired:
                continue
        done.set()

        assert process.returncode == 130
        assert stderr.decode().strip() == "adminflow: interrupted"

    def test_output_that_the_terminal_cannot_encode(self) -> None:
        """Vietnamese on an ASCII-only stdout is escaped, not a crash."""
        env = {**ENV, "PYTHONIOENCODING": "ascii"}

        result = run(
            "deadline",
            "--received",
            "2025-04-25T10:00+07:00",
            "--working-days",
            "3",
            "--closure",
            "2025-04-28",
            "--closure-source",
            "Quyết định",
            env=env,
        )

        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "Quy\\u1ebft" in result.stdout


class TestExitStatuses:
    def test_unreadable_rule_file(self, tmp_path: Path) -> None:
        """competence validate exits 2 for a file it cannot read, like catalog validate."""
        assert run("competence", "validate", str(tmp_path / "missing.toml")).returncode == 2
        assert run("catalog", "validate", str(tmp_path / "missing.toml")).returncode == 2

    def test_too_deep_file(self, tmp_path: Path) -> None:
        """A document nested too deeply cannot be read: exit 2 from both validators."""
        deep = tmp_path / "deep.json"
        deep.write_text("[" * 100_000, encoding="utf-8")

        assert run("competence", "validate", str(deep)).returncode == 2
        assert run("catalog", "validate", str(deep)).returncode == 2

    def test_nothing_matches(self) -> None:
        """catalog list with a field nothing has exits 1 and says so."""
        result = run("catalog", "list", "--field", "nonexistent")

        assert result.returncode == 1
        assert "nonexistent" in result.stderr

    def test_unknown_procedure_is_not_a_refusal(self) -> None:
        """competence receive with an unknown code exits 2 like resolve, not a legal refusal."""
        receive = run("competence", "receive", "9.999999", "22366", "22366", "--on", "2026-03-02")
        resolve = run("competence", "resolve", "9.999999", "22366", "--on", "2026-03-02")

        assert receive.returncode == resolve.returncode == 2
        assert "9.999999" in error_line(receive)


class TestMessages:
    def test_argparse_and_library_errors_share_one_format(self) -> None:
        """A usage error and a library error both read ``adminflow CMD: error: OPTION: ...``."""
        usage = run("deadline", "--received", "2025-04-25T10:00+07:00", "--working-days", "0")
        library = run("deadline", "--received", "2025-04-25T10:00+07:00", "--days", "99999")

        assert usage.returncode == library.returncode == 2
        assert error_line(usage).startswith("adminflow deadline: error: --working-days: ")
        assert error_line(library).startswith("adminflow deadline: error: --days: ")
        assert len(usage.stderr.strip().splitlines()) == 1

    def test_json_error(self) -> None:
        """With --json the error is one JSON object on stderr, and the status is unchanged."""
        result = run(
            "deadline", "--received", "2025-04-25T10:00+07:00", "--working-days", "0", "--json"
        )

        error = json.loads(result.stderr)
        assert result.returncode == 2
        assert error["field"] == "--working-days"
        assert error["value"] == "0"
        assert "must be" in error["message"]

    def test_option_names_and_typed_values(self) -> None:
        """An out-of-range count names --working-hours and shows the value as typed."""
        result = run(
            "deadline", "--received", "2025-04-25T10:00+07:00", "--working-hours", "1000000000"
        )

        line = error_line(result)
        assert result.returncode == 2
        assert "--working-hours" in line
        assert "1000000000" in line
        assert "delta" not in line
        assert "datetime" not in line

    def test_empty_value_is_shown_as_empty(self) -> None:
        """An empty --closure-source is shown as "", not None."""
        result = run(
            "deadline",
            "--received",
            "2025-04-25T10:00+07:00",
            "--working-days",
            "3",
            "--closure",
            "2025-04-28",
            "--closure-source",
            "",
        )

        assert result.returncode == 2
        assert "None" not in error_line(result)

    @pytest.mark.parametrize(
        "args",
        [
            ["catalog", "show", "9" * 120_000],
            ["units", "search", "x" * 10_000],
            ["units", "show", "Đ" * 60_000],
        ],
        ids=["code", "search", "unit"],
    )
    def test_huge_values_are_cut(self, args: list[str]) -> None:
        """A huge value is echoed cut to about 80 characters, with its length."""
        result = run(*args)

        line = error_line(result)
        assert len(line) < 300
        assert f"{len(args[2]):,}" in line or str(len(args[2])) in line

    def test_closure_covering_every_day(self) -> None:
        """A closure over every remaining day is named as the cause."""
        result = run(
            "deadline",
            "--received",
            "2025-04-25T10:00+07:00",
            "--working-days",
            "3",
            "--closure",
            "2025-04-28..2035-12-31",
            "--closure-source",
            "x",
        )

        assert result.returncode == 2
        assert "--closure" in error_line(result)

    def test_next_working_day_outside_the_years(self) -> None:
        """A receipt late on the last supported day blames the next working day, not the receipt."""
        result = run("deadline", "--received", "2035-12-31T16:00+07:00", "--same-day")

        line = error_line(result)
        assert result.returncode == 2
        assert "next working day" in line


class TestStrictParsing:
    @pytest.mark.parametrize(
        "args",
        [
            ["competence", "resolve", "1.013225", "22366", "--on", "20260302"],
            ["competence", "resolve", "1.013225", "22366", "--on", "2026-W10-1"],
            ["competence", "resolve", "1.013225", "22366", "--on", "1700-01-01", "--example"],
            ["deadline", "--received", "2025-04-25T10:00+07:00", "--working-days", "٣"],
            ["deadline", "--received", "2025-04-25T10:00+07:00", "--same-day", "--cutoff", "15"],
            [
                "deadline",
                "--received",
                "2025-04-25T10:00+07:00",
                "--same-day",
                "--cutoff",
                "15:00:30",
            ],
            [
                "deadline",
                "--received",
                "2025-04-25T10:00+07:00",
                "--days",
                "3",
                "--closure-source",
                "x",
            ],
            [
                "deadline",
                "--received",
                "2025-04-25T10:00+07:00",
                "--days",
                "3",
                "--closure",
                "1700-01-01",
                "--closure-source",
                "x",
            ],
            ["units", "search", "ha", "--limit", "٣"],
        ],
        ids=[
            "on-basic",
            "on-week",
            "on-1700",
            "arabic-digits",
            "cutoff-hour",
            "cutoff-seconds",
            "source-alone",
            "closure-1700",
            "limit-arabic",
        ],
    )
    def test_refused(self, args: list[str]) -> None:
        """Values the help does not describe are refused with exit 2 and one error line."""
        result = run(*args)

        assert result.returncode == 2, result.stdout
        assert ": error: " in error_line(result)

    def test_cutoff_accepts_hours_and_minutes(self) -> None:
        """--cutoff takes HH:MM, with or without a leading zero."""
        result = run(
            "deadline", "--received", "2025-06-02T06:30+07:00", "--same-day", "--cutoff", "7:00"
        )

        assert result.returncode == 0, result.stderr


class TestWords:
    def test_unit_kind_in_words(self) -> None:
        """units show prints the kind of unit in words; --json keeps the storage code."""
        human = run("units", "show", "01")
        machine = run("units", "show", "01", "--json")

        assert "thanh_pho_truc_thuoc_trung_uong" not in human.stdout
        assert "thành phố trực thuộc trung ương" in human.stdout.lower()
        assert json.loads(machine.stdout)["kind"] == "thanh_pho_truc_thuoc_trung_uong"

    def test_receipt_mode_in_words(self) -> None:
        """competence receive prints the receipt mode in words."""
        result = run(
            "competence", "receive", "1.013225", "22366", "22366", "--on", "2025-08-01", "--example"
        )

        assert result.returncode == 0
        assert "_" not in result.stdout.split("(")[0]


def _leaf_commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> list[list[str]]:
    """Every command that runs (no sub-commands), found from the parser itself."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs and prefix:
        return [list(prefix)]
    found: list[list[str]] = []
    for action in subs:
        for name, sub in action.choices.items():
            found += _leaf_commands(sub, (*prefix, name))
    return found


#: Every sub-command, so a command added later is held to the same convention.
COMMANDS = _leaf_commands(build_parser())


class TestHelp:
    @pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
    def test_help_has_a_description_and_exit_statuses(self, command: list[str]) -> None:
        """Every sub-command's help describes it and lists its exit statuses."""
        result = run(*command, "--help")

        assert result.returncode == 0
        assert "exit status" in result.stdout.lower()
        assert result.stdout.count("\n\n") >= 2

    def test_deadline_help_states_the_years(self) -> None:
        """deadline --help states the supported years."""
        assert "2000-2035" in run("deadline", "--help").stdout

    @pytest.mark.parametrize("command", [[], *COMMANDS], ids=lambda c: " ".join(c) or "top")
    def test_reference_page_matches_help(self, command: list[str]) -> None:
        """docs/reference/cli.md shows each command's --help output exactly."""
        page = (Path(__file__).parents[2] / "docs" / "reference" / "cli.md").read_text("utf-8")

        result = run(*command, "--help")

        assert result.stdout.strip() in page


def _regenerate() -> None:  # pragma: no cover - run by hand when the help changes
    """Rewrite the help blocks of docs/reference/cli.md from the current ``--help``."""
    page = Path(__file__).parents[2] / "docs" / "reference" / "cli.md"
    text = page.read_text("utf-8")
    blocks = []
    for command in [[], *COMMANDS]:
        help_text = run(*command, "--help").stdout.strip()
        title = " ".join(["adminflow", *command])
        blocks.append(f"### `{title}`\n\n```text\n{help_text}\n```\n")
    head, _, rest = text.partition("<!-- help -->")
    _, _, tail = rest.partition("<!-- /help -->")
    page.write_text(f"{head}<!-- help -->\n\n{''.join(blocks)}\n<!-- /help -->{tail}", "utf-8")


if __name__ == "__main__":
    _regenerate()
