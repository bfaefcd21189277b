"""The ``adminflow catalog`` command, run as a subprocess on real temporary files."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}

VALID = """\
title = "Ủy ban nhân dân xã thử nghiệm"

[[procedures]]
code = "1.004873"
name = "Cấp Giấy xác nhận tình trạng hôn nhân"
field = "Hộ tịch"
level = "commune"
authority_kind = "peoples_committee"
processing_time = { working_days = 3 }
channels = ["in_person", "online"]
online_service = "partial"
legal_basis = ["Decree 123/2015/NĐ-CP, Art. 21-23"]
"""

INVALID = """\
[[procedures]]
code = "1.004873"
name = "Cấp Giấy xác nhận tình trạng hôn nhân"
field = "Hộ tịch"
level = "commune"
authority_kind = "peoples_committee"
processing_time = { working_days = 3 }
channels = ["in_person"]

[[procedures]]
code = "2.635"
name = "Chứng thực chữ ký"
field = "Chứng thực"
level = "huyen"
authority_kind = "peoples_committee"
processing_time = { working_days = -2 }
channels = []
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adminflow", "catalog", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        check=False,
    )


class TestCatalogValidate:
    def test_valid_file_exits_0_with_a_summary(self, tmp_path: Path) -> None:
        """A valid TOML catalogue exits 0 and says how many procedures it holds."""
        path = tmp_path / "catalog.toml"
        path.write_text(VALID, encoding="utf-8")

        result = run("validate", str(path))

        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"{path}: valid, 1 procedure (1 commune)"

    def test_invalid_file_exits_1_with_one_line_per_problem(self, tmp_path: Path) -> None:
        """An invalid catalogue exits 1 and prints every problem on its own line with a path."""
        path = tmp_path / "catalog.toml"
        path.write_text(INVALID, encoding="utf-8")

        result = run("validate", str(path))

        assert result.returncode == 1
        assert result.stdout.splitlines() == [
            "procedures[1].level: must be one of central, province, district, commune, got 'huyen'",
            "procedures[1].processing_time.working_days: must be > 0, got -2",
            "procedures[1].code: must look like 1.234567 or 1.234567.H41, got '2.635'",
            "procedures[1].channels: must not be empty, got []",
        ]
        assert "4 problems" in result.stderr

    def test_json_file_is_checked_too(self, tmp_path: Path) -> None:
        """A JSON catalogue with a duplicate code exits 1 and names both occurrences."""
        document = {
            "procedures": [
                json.loads(run("show", "2.000884", "--json").stdout),
                json.loads(run("show", "2.000884", "--json").stdout),
            ]
        }
        path = tmp_path / "catalog.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

        result = run("validate", str(path))

        assert result.returncode == 1
        assert result.stdout.strip() == (
            "procedures[1].code: duplicate of procedures[0]: its window [2025-07-01, ...) "
            "overlaps [2025-07-01, ...) (dated versions of one code need disjoint "
            "[valid_from, valid_to) windows), got '2.000884'"
        )

    def test_unparseable_file_exits_2(self, tmp_path: Path) -> None:
        """A file that is not TOML exits 2 with a message naming the file."""
        path = tmp_path / "catalog.toml"
        path.write_text("[[procedures]\ncode = ", encoding="utf-8")

        result = run("validate", str(path))

        assert result.returncode == 2
        assert f"{path}: not valid TOML" in result.stderr

    def test_missing_file_exits_2(self, tmp_path: Path) -> None:
        """A file that does not exist exits 2 with a clear message."""
        path = tmp_path / "missing.toml"

        result = run("validate", str(path))

        assert result.returncode == 2
        assert f"cannot read {path}" in result.stderr

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"\xff\xfe[[procedures]]", "not UTF-8"),
            ('title = "Hộ tịch"'.encode("utf-16"), "not UTF-8"),
            (b"\x00\x01", "not valid TOML"),
        ],
        ids=["latin-1", "utf-16", "binary"],
    )
    def test_file_that_is_not_utf8_toml_exits_2(
        self, tmp_path: Path, content: bytes, message: str
    ) -> None:
        """A file that is not UTF-8 text exits 2 with a message, not a traceback."""
        path = tmp_path / "catalog.toml"
        path.write_bytes(content)

        result = run("validate", str(path))

        assert result.returncode == 2
        assert message in result.stderr
        assert "Traceback" not in result.stderr

    def test_json_with_a_key_given_twice_exits_2(self, tmp_path: Path) -> None:
        """A JSON object giving a key twice is refused rather than silently keeping one."""
        path = tmp_path / "catalog.json"
        path.write_text('{"procedures": [], "procedures": []}', encoding="utf-8")

        result = run("validate", str(path))

        assert result.returncode == 2
        assert "duplicate key 'procedures'" in result.stderr

    def test_json_with_a_non_object_top_level_exits_1(self, tmp_path: Path) -> None:
        """A JSON list at the top is one problem naming the document."""
        path = tmp_path / "catalog.json"
        path.write_text("[1, 2]", encoding="utf-8")

        result = run("validate", str(path))

        assert result.returncode == 1
        assert result.stdout.splitlines() == [
            "(document): must be a table with a 'procedures' list, got [1, 2]"
        ]

    def test_a_byte_order_mark_is_accepted(self, tmp_path: Path) -> None:
        """A UTF-8 file with a byte-order mark, as some editors save it, is valid."""
        path = tmp_path / "catalog.toml"
        path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))

        result = run("validate", str(path))

        assert result.returncode == 0, result.stderr

    def test_unknown_suffix_exits_2(self, tmp_path: Path) -> None:
        """A file with neither .toml nor .json suffix and no --format exits 2."""
        path = tmp_path / "catalog.txt"
        path.write_text(VALID, encoding="utf-8")

        result = run("validate", str(path))

        assert result.returncode == 2
        assert ".toml or .json" in result.stderr


class TestCatalogListShowDump:
    def test_list_sample_by_field(self) -> None:
        """`catalog list --field Chứng thực` lists the two certification procedures."""
        result = run("list", "--field", "Chứng thực")

        codes = [line.split()[0] for line in result.stdout.splitlines()]
        assert result.returncode == 0, result.stderr
        assert codes == ["2.000815", "2.000884"]

    def test_show_from_a_file(self, tmp_path: Path) -> None:
        """`catalog show CODE --file F` prints the procedure read from the file."""
        path = tmp_path / "catalog.toml"
        path.write_text(VALID, encoding="utf-8")

        result = run("show", "1.004873", "--file", str(path))

        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0] == ("1.004873  Cấp Giấy xác nhận tình trạng hôn nhân")
        assert "  processing time:  3 working days" in result.stdout

    def test_show_unknown_code_exits_2(self) -> None:
        """`catalog show` with an unknown code exits 2 naming the code."""
        result = run("show", "9.999999")

        assert result.returncode == 2
        assert "CODE: unknown procedure, got 9.999999" in result.stderr

    def test_dump_then_validate(self, tmp_path: Path) -> None:
        """The sample dumped as JSON is a valid catalogue file of 18 entries (17 codes)."""
        path = tmp_path / "sample.json"
        path.write_text(run("dump", "--to", "json").stdout, encoding="utf-8")

        result = run("validate", str(path))

        assert result.returncode == 0, result.stderr
        assert "valid, 18 procedures" in result.stdout
