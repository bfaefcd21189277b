"""The ``adminflow deadline`` command, run as a subprocess."""

import json
import os
import subprocess
import sys

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adminflow", "deadline", *args],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
    )


class TestDeadlineCommand:
    def test_readme_main_command(self) -> None:
        """The README's main command prints the due instant and the worked Saturday swap."""
        result = run("--received", "2025-04-25T10:00+07:00", "--working-days", "3")

        assert result.returncode == 0, result.stderr
        assert "2025-04-29T17:00:00+07:00" in result.stdout
        assert "Sat 26 Apr 2025" in result.stdout
        assert "Civil Code 2015 Art. 147" in result.stdout

    def test_json_output(self) -> None:
        """--json prints a machine-readable deadline with its explanation."""
        result = run("--received", "2026-08-28T09:00+07:00", "--working-days", "1", "--json")

        data = json.loads(result.stdout)
        assert result.returncode == 0
        assert data["due_at"] == "2026-09-03T17:00:00+07:00"
        assert "swapped_off" in {line["kind"] for line in data["explanation"]}

    def test_working_hours(self) -> None:
        """--working-hours counts office hours only."""
        result = run("--received", "2025-06-06T16:00+07:00", "--working-hours", "2", "--json")

        assert json.loads(result.stdout)["due_at"] == "2025-06-09T09:00:00+07:00"

    def test_same_day_after_cutoff(self) -> None:
        """--same-day after 15:00 is due at the close of the next working day."""
        result = run("--received", "2025-06-02T15:30+07:00", "--same-day", "--json")

        assert json.loads(result.stdout)["due_at"] == "2025-06-03T17:00:00+07:00"

    def test_closure(self) -> None:
        """--closure with its source moves the deadline and cites the decision."""
        result = run(
            "--received",
            "2024-09-06T10:00+07:00",
            "--working-days",
            "1",
            "--closure",
            "2024-09-09",
            "--closure-source",
            "Decision 123/QĐ-UBND (example)",
            "--json",
        )

        data = json.loads(result.stdout)
        assert data["due_on"] == "2024-09-10"
        assert "Decision 123/QĐ-UBND (example)" in {line["source"] for line in data["explanation"]}

    def test_naive_instant_is_refused(self) -> None:
        """A receipt instant without a UTC offset exits 2 with a clear message."""
        result = run("--received", "2025-04-25T10:00", "--working-days", "3")

        assert result.returncode == 2
        assert "--received: must be an instant with its UTC offset" in result.stderr

    def test_bad_values_are_refused(self) -> None:
        """Malformed instants, counts and out-of-range years exit 2 naming the value."""
        bad_instant = run("--received", "tomorrow", "--working-days", "3")
        bad_count = run("--received", "2025-04-25T10:00+07:00", "--working-days", "-1")
        bad_year = run("--received", "2040-04-25T10:00+07:00", "--working-days", "3")
        no_unit = run("--received", "2025-04-25T10:00+07:00")

        assert bad_instant.returncode == 2
        assert "got tomorrow" in bad_instant.stderr
        assert bad_count.returncode == 2
        assert "got -1" in bad_count.stderr
        assert bad_year.returncode == 2
        assert "outside the supported years" in bad_year.stderr
        assert no_unit.returncode == 2

    def test_cutoff_only_with_same_day(self) -> None:
        """--cutoff with a unit other than --same-day exits 2 instead of being ignored."""
        result = run(
            "--received", "2025-04-25T10:00+07:00", "--working-days", "3", "--cutoff", "12:00"
        )

        assert result.returncode == 2
        assert "--cutoff: only goes with --same-day" in result.stderr

    def test_cutoff_is_a_local_time(self) -> None:
        """A cut-off with a UTC offset is refused by the argument parser."""
        result = run(
            "--received", "2025-04-25T10:00+07:00", "--same-day", "--cutoff", "15:00+07:00"
        )

        assert result.returncode == 2
        assert "--cutoff: must be a local time HH:MM, got 15:00+07:00" in result.stderr

    def test_same_day_with_a_cutoff(self) -> None:
        """--same-day --cutoff 10:00 moves a 10:30 receipt to the next working day."""
        result = run(
            "--received", "2025-06-02T10:30+07:00", "--same-day", "--cutoff", "10:00", "--json"
        )

        assert json.loads(result.stdout)["due_at"] == "2025-06-03T17:00:00+07:00"

    def test_reversed_closure_range_is_refused(self) -> None:
        """A closure range that ends before it starts exits 2 naming the day."""
        result = run(
            "--received",
            "2025-04-25T10:00+07:00",
            "--working-days",
            "3",
            "--closure",
            "2025-05-06..2025-05-01",
            "--closure-source",
            "Decision X",
        )

        assert result.returncode == 2
        assert "--closure: must not end before it starts" in result.stderr
