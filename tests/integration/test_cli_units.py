"""The ``adminflow units`` command, run as a subprocess."""

import json
import os
import subprocess
import sys

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adminflow", "units", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        check=False,
    )


class TestUnitsSearch:
    def test_search_prints_code_kind_name_and_province(self) -> None:
        """`units search "khanh hoa"` lists Tỉnh Khánh Hòa first, then communes and provinces."""
        result = run("search", "khanh hoa", "--limit", "3")

        lines = result.stdout.splitlines()
        assert result.returncode == 0, result.stderr
        assert len(lines) == 3
        assert lines[0].split()[:4] == ["56", "tỉnh", "Tỉnh", "Khánh"]
        assert lines[1].startswith("04342")
        assert lines[1].endswith("Tỉnh Lào Cai")

    def test_search_json_and_level(self) -> None:
        """`--json --level commune` prints records of commune-level units only."""
        result = run("search", "Phuong Hoan Kiem", "--level", "commune", "--json")

        records = json.loads(result.stdout)
        assert result.returncode == 0, result.stderr
        assert records[0] == {
            "code": "00070",
            "name": "Phường Hoàn Kiếm",
            "kind": "phuong",
            "level": "commune",
            "parent_code": "01",
            "parent_name": "Thành phố Hà Nội",
        }

    def test_no_match_exits_with_status_1(self) -> None:
        """A search that matches nothing prints a message on stderr and exits with 1."""
        result = run("search", "zzzqqq")

        assert result.returncode == 1
        assert result.stdout == ""
        assert "zzzqqq" in result.stderr

    def test_bad_limit_is_a_usage_error(self) -> None:
        """`--limit 0` is refused by the parser with status 2."""
        result = run("search", "ha noi", "--limit", "0")

        assert result.returncode == 2
        assert "--limit" in result.stderr


class TestUnitsShow:
    def test_show_a_province_with_its_commune_count(self) -> None:
        """`units show 01 --json` gives Hà Nội with its 126 commune-level units."""
        result = run("show", "01", "--json")

        record = json.loads(result.stdout)
        assert result.returncode == 0, result.stderr
        assert (record["name"], record["kind"], record["communes"]) == (
            "Thành phố Hà Nội",
            "thanh_pho_truc_thuoc_trung_uong",
            126,
        )

    def test_show_text(self) -> None:
        """`units show 00070` prints one field per line."""
        result = run("show", "00070")

        assert result.returncode == 0, result.stderr
        assert "name:        Phường Hoàn Kiếm" in result.stdout.splitlines()

    def test_unknown_code_exits_with_status_2_naming_it(self) -> None:
        """An unknown code is reported on stderr with status 2."""
        result = run("show", "99999")

        assert result.returncode == 2
        assert "99999" in result.stderr


class TestUnitsCommunes:
    def test_communes_of_a_province(self) -> None:
        """`units communes 12 --json` lists Lai Châu's 38 commune-level units."""
        result = run("communes", "12", "--json")

        records = json.loads(result.stdout)
        assert result.returncode == 0, result.stderr
        assert len(records) == 38
        assert {r["parent_code"] for r in records} == {"12"}


class TestLazyLoading:
    def test_importing_adminflow_loads_no_gazetteer_data(self) -> None:
        """`import adminflow` reads no unit table; the pre-2025 one waits for a history call."""
        code = (
            "import sys, adminflow\n"
            "assert 'adminflow.jurisdictions' not in sys.modules\n"
            "from adminflow.jurisdictions import _gazetteer\n"
            "assert _gazetteer._vietnam.cache_info().currsize == 0\n"
            "vietnam = adminflow.Gazetteer.vietnam()\n"
            "assert _gazetteer._vietnam_history.cache_info().currsize == 0\n"
            "vietnam.successors('30')\n"
            "assert _gazetteer._vietnam_history.cache_info().currsize == 1\n"
        )

        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=ENV, check=False
        )

        assert result.returncode == 0, result.stderr
