"""Fuzz every ``adminflow`` sub-command with bad arguments, each run in its own process.

Each run is a forked child of a warm parent (the library and its data already imported), which
then runs ``python -m adminflow`` exactly as the interpreter would, with stdout and stderr in
files. A run passes when stderr holds no ``Traceback``, the exit status is one the CLI page
documents (0, 1, 2), and no output line is longer than :data:`LONGEST_LINE` characters.

Sub-commands are found from the parser itself, so a command added later is fuzzed with generic
bad arguments; :data:`SLOTS` adds plausible and bad values for the options it knows.
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import shutil
import sys
import tempfile
import traceback
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import IO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adminflow.cli import build_parser
from adminflow.competence import CompetenceRules
from adminflow.jurisdictions import Gazetteer
from adminflow.procedures import Catalog

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

#: The exit statuses docs/reference/cli.md documents for a run that was not interrupted.
EXIT_STATUSES = {0, 1, 2}
#: No output line may be longer than this (values are cut to ~80 characters when echoed).
LONGEST_LINE = 4000
#: Runs per sub-command (a fork costs a few milliseconds; the db commands cost more).
EXAMPLES = min(settings.default.max_examples, 40)
RUNS = {"runs": 0}

FOLDER = Path(tempfile.mkdtemp(prefix="adminflow-cli-fuzz-"))


def _files() -> dict[str, str]:
    """Files of every kind a user may point the CLI at."""
    good = FOLDER / "good.toml"
    good.write_text(Catalog.sample().dumps("toml"), encoding="utf-8")
    rules = FOLDER / "rules.toml"
    example = resources.files("adminflow") / "data" / "competence_khanh_hoa.toml"
    rules.write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    bad = FOLDER / "bad.toml"
    bad.write_text("[[procedures]]\ncode = 5\n", encoding="utf-8")
    (FOLDER / "empty.json").write_text("", encoding="utf-8")
    (FOLDER / "binary.toml").write_bytes(b"\xff\xfe\x00garbage")
    (FOLDER / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (FOLDER / "huge.json").write_text(json.dumps(["x" * 10_000] * 300), encoding="utf-8")
    (FOLDER / "folder").mkdir(exist_ok=True)
    names = ["good.toml", "rules.toml", "bad.toml", "empty.json", "binary.toml", "deep.json"]
    names += ["huge.json", "folder", "missing.toml", "no/such/dir/x.json", "x.yaml"]
    return {name: str(FOLDER / name) for name in names}


FILES = _files()

_bad_text = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "-",
            "--",
            "-1",
            "0",
            "٣",
            "1e9",
            "99999999999999999999",
            "nan",
            "None",
            "x" * 100_000,
            "Đ" * 5_000,
            "\udcff",
            "2026-W10-1",
            "20260302",
            "0001-01-01T00:00+07:00",
            "9999-12-31T23:59-12:00",
            "2035-12-31T16:00+07:00",
            "1700-01-01",
            "2025-04-28..2035-12-31",
            "2025-13-40",
            "15",
            "15:00:30",
            "7:00",
            "24:00",
        ]
    ),
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12),
)
_day = st.sampled_from(["2025-07-01", "2026-03-02", "2035-12-31", "2000-01-03"])
_instant = st.sampled_from(
    ["2025-04-25T10:00+07:00", "2026-08-28T09:00+07:00", "2035-12-31T16:00+07:00", "2025-06-02"]
)
_count = st.sampled_from(["1", "3", "40", "1000000000"])
_file = st.sampled_from(sorted(FILES.values()))
_procedure = st.sampled_from(["1.001193", "1.013225", "1.004873", "9.999999"])
_unit = st.sampled_from(["22366", "01", "79", "00004", "99999", "56"])
_store = st.sampled_from(
    [
        f"sqlite:///{FOLDER / 'store.db'}",
        f"sqlite:///{FOLDER / 'no' / 'such' / 'store.db'}",
        f"sqlite:///{FOLDER / 'good.toml'}",
        str(FOLDER / "folder"),
        "nowhere://x",
        "postgresql+foo://u@h/db",
        "sqlite:///",
    ]
)

#: Per command path: option (or ``"#0"``, ``"#1"`` for positionals) -> plausible values.
SLOTS: dict[str, dict[str, st.SearchStrategy[str] | None]] = {
    "deadline": {
        "--received": _instant,
        "--working-days": _count,
        "--working-hours": _count,
        "--days": _count,
        "--same-day": None,
        "--cutoff": st.sampled_from(["15:00", "16:30", "07:00"]),
        "--closure": st.sampled_from(["2025-04-28", "2025-04-28..2025-04-30", "2026-01-02"]),
        "--closure-source": st.sampled_from(["Quyết định 1/QĐ-UBND", "x"]),
        "--json": None,
    },
    "catalog validate": {"#0": _file, "--format": st.sampled_from(["toml", "json"])},
    "catalog list": {
        "--file": _file,
        "--field": st.sampled_from(["Hộ tịch", "Chứng thực", "nonexistent"]),
        "--level": st.sampled_from(["commune", "province", "central"]),
        "--json": None,
    },
    "catalog show": {"#0": _procedure, "--file": _file, "--json": None},
    "catalog dump": {"--file": _file, "--to": st.sampled_from(["toml", "json"])},
    "competence validate": {"#0": _file, "--catalog": _file},
    "competence resolve": {
        "#0": _procedure,
        "#1": _unit,
        "--on": _day,
        "--example": None,
        "--rules": _file,
        "--catalog": _file,
        "--json": None,
    },
    "competence receive": {
        "#0": _procedure,
        "#1": _unit,
        "#2": _unit,
        "--on": _day,
        "--example": None,
        "--rules": _file,
        "--catalog": _file,
        "--json": None,
    },
    "units search": {
        "#0": st.sampled_from(["ha", "khanh hoa", "zzz"]),
        "--limit": st.sampled_from(["1", "10", "1000"]),
        "--level": st.sampled_from(["province", "commune"]),
        "--json": None,
    },
    "units show": {"#0": _unit, "--json": None},
    "demo": {
        "--seed": st.sampled_from(["0", "1", "-1"]),
        "--db": st.sampled_from(["demo.db", str(FOLDER / "folder"), "no/such/dir/demo.db"]),
        "--out": st.sampled_from(["demo.html", str(FOLDER / "folder")]),
        "--parameters": _file,
        "--overwrite": None,
        "--quiet": None,
    },
    "db upgrade": {"#0": _store, "--revision": st.sampled_from(["head", "0001", "9999"])},
    "db current": {"#0": _store},
    "db verify": {"#0": _store, "--dossier": st.sampled_from(["1", "HS-1"])},
    "report": {
        "--db": _store,
        "--period": st.sampled_from(["2025", "2025-H1", "2025-Q3", "2025-07", "2025-Q5"]),
        "--by": st.sampled_from(["commune", "field", "procedure"]),
        "--format": st.sampled_from(["table", "json", "csv", "html"]),
        "--output": st.sampled_from(["out.json", "no/such/dir/out.html", "."]),
    },
    "units communes": {"#0": _unit, "--json": None},
}


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    """Every leaf command path of the parser, e.g. ``"catalog validate"``."""
    found = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found = True
                yield from _commands(sub, (*prefix, name))
    if not found and prefix:
        yield " ".join(prefix)


COMMANDS = sorted(_commands(build_parser()))


#: Arguments always given to commands that are slow with their defaults (a demo of 23,700
#: dossiers); their runs are also fewer (COSTLY_EXAMPLES).
FIXED: dict[str, list[str]] = {"demo": ["--dossiers", "5"]}
COSTLY_EXAMPLES = min(settings.default.max_examples, 8)


def _arguments(command: str, data: st.DataObject) -> list[str]:
    """Plausible and bad arguments for one command, in a random mix."""
    argv = [*command.split(), *FIXED.get(command, [])]
    for slot, good in SLOTS.get(command, {}).items():
        choice = data.draw(st.sampled_from(["omit", "good", "bad"]), label=slot)
        if choice == "omit":
            continue
        if slot.startswith("#"):
            value = data.draw(good if choice == "good" and good is not None else _bad_text)
            argv.append(value)
        elif good is None:
            argv.append(slot)
        else:
            argv += [slot, data.draw(good if choice == "good" else _bad_text, label=slot)]
    extra = data.draw(st.lists(_bad_text | st.sampled_from(["--json", "--help", "-x"]), max_size=2))
    position = data.draw(st.integers(0, len(argv)))
    return argv[:position] + extra + argv[position:]


def _run_forked(argv: list[str]) -> tuple[int, str, str]:
    """Run ``python -m adminflow ARGV`` in a forked child; its status, stdout and stderr."""
    with tempfile.TemporaryFile(dir=FOLDER) as out, tempfile.TemporaryFile(dir=FOLDER) as err:
        return _fork(argv, out, err)


def _fork(argv: list[str], out: IO[bytes], err: IO[bytes]) -> tuple[int, str, str]:
    pid = os.fork()
    if pid == 0:  # the child: behave as the interpreter running `python -m adminflow`
        status = 1
        try:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            os.chdir(FOLDER)  # files a command writes (a store, a report) land in the folder
            sys.argv = ["adminflow", *argv]
            runpy.run_module("adminflow", run_name="__main__", alter_sys=True)
            status = 0
        except SystemExit as exc:
            code = exc.code
            status = code if isinstance(code, int) else (0 if code is None else 1)
            if not isinstance(code, int) and code is not None:
                print(code, file=sys.stderr)
        except BaseException:
            traceback.print_exc()
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    out.seek(0)
    err.seek(0)
    stdout = out.read().decode("utf-8", "replace")
    stderr = err.read().decode("utf-8", "replace")
    return os.waitstatus_to_exitcode(wait_status), stdout, stderr


@pytest.fixture(scope="module", autouse=True)
def _warm() -> Iterator[None]:
    """Load the shipped data once in the parent so every forked child starts warm."""
    Catalog.sample()
    Gazetteer.vietnam()
    CompetenceRules.example_khanh_hoa()
    yield
    shutil.rmtree(FOLDER, ignore_errors=True)
    print(f"\nCLI fuzz: {len(COMMANDS)} commands, {RUNS['runs']} runs")


def test_every_command_is_fuzzed() -> None:
    """Every sub-command is fuzzed, and SLOTS names no command that does not exist.

    A command added later is fuzzed with generic bad arguments until SLOTS gives it plausible
    values for its options.
    """
    assert set(SLOTS) <= set(COMMANDS)
    assert {"deadline", "catalog validate", "units search"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in FIXED])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_bad_arguments_never_show_a_traceback(command: str, data: st.DataObject) -> None:
    """Any arguments end with a documented status, no traceback and no huge output line."""
    argv = _arguments(command, data)
    RUNS["runs"] += 1

    status, stdout, stderr = _run_forked(argv)

    shown = " ".join(a[:40] for a in argv)
    assert "Traceback" not in stderr, f"adminflow {shown}\n{stderr[-3000:]}"
    assert status in EXIT_STATUSES, f"adminflow {shown} exited {status}\n{stderr[-1000:]}"
    longest = max((len(line) for line in (stdout + stderr).splitlines()), default=0)
    assert longest <= LONGEST_LINE, f"adminflow {shown} printed a {longest}-character line"


@pytest.mark.parametrize("command", [c for c in COMMANDS if c in FIXED])
@settings(
    max_examples=COSTLY_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_slow_commands_never_show_a_traceback(command: str, data: st.DataObject) -> None:
    """A slow command (given its FIXED arguments) ends the same way, in fewer runs."""
    test_bad_arguments_never_show_a_traceback.hypothesis.inner_test(command, data)
