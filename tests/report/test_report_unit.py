"""Unit tests of adminflow.report: periods, the diagram reader, series, tables and the page."""

import csv
import io
import json
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from rich.console import Console

from adminflow.dossiers import DossierRow
from adminflow.errors import InvalidValueError, MissingDependencyError
from adminflow.report import (
    parse_mermaid,
    print_indicators,
    render_html,
    table_to_csv,
    table_to_json,
    table_view,
    write_html,
)
from adminflow.report._diagram import END, START, layout
from adminflow.report._period import parse_period
from adminflow.report._series import summarise

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class TestPeriod:
    @pytest.mark.parametrize(
        ("text", "start", "end"),
        [
            ("2025", date(2025, 1, 1), date(2026, 1, 1)),
            ("2025-H2", date(2025, 7, 1), date(2026, 1, 1)),
            ("2025-Q3", date(2025, 7, 1), date(2025, 10, 1)),
            ("2025-Q4", date(2025, 10, 1), date(2026, 1, 1)),
            ("2025-12", date(2025, 12, 1), date(2026, 1, 1)),
        ],
    )
    def test_forms(self, text: str, start: date, end: date) -> None:
        """Years, halves, quarters and months parse to their first day and the day after."""
        period = parse_period(text)

        assert (period.start, period.end, period.label) == (start, end, text)

    @pytest.mark.parametrize("text", ["2025-Q5", "2025-Q0", "2025-13", "25-Q3", "", "2025-H3", 7])
    def test_garbage_is_refused(self, text: Any) -> None:
        """A period not written as YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM raises InvalidValueError."""
        with pytest.raises(InvalidValueError, match="period"):
            parse_period(text)

    def test_membership_is_read_on_vietnam_time(self) -> None:
        """An instant belongs to the period by Vietnam's clock: 30 Jun 17:30 UTC is 1 July."""
        period = parse_period("2025-Q3")

        assert datetime(2025, 6, 30, 17, 30, tzinfo=ZoneInfo("UTC")) in period
        assert datetime(2025, 6, 30, 16, 59, tzinfo=ZoneInfo("UTC")) not in period
        assert None not in period

    def test_naive_instant_is_refused(self) -> None:
        """A naive datetime cannot be placed in a period and raises InvalidValueError."""
        with pytest.raises(InvalidValueError, match="timezone-aware"):
            _ = datetime(2025, 7, 2) in parse_period("2025-Q3")


class TestMermaid:
    def test_reads_transitions_labels_and_pseudo_states(self, workflow: str) -> None:
        """Transitions, their events and [*] at both ends are read; comments and styling skipped."""
        graph = parse_mermaid(workflow)

        assert graph.states[0] == START
        assert END in graph.states
        assert ("in_transfer", "in_processing", "receive_transfer") in {
            (e.source, e.target, e.label) for e in graph.edges
        }

    def test_parallel_transitions_are_merged(self) -> None:
        """Two events between the same states become one edge labelled with both."""
        graph = parse_mermaid("stateDiagram-v2\na --> b : x\na --> b : y\na --> b : x")

        assert [(e.source, e.target, e.label) for e in graph.edges] == [("a", "b", "x / y")]

    def test_state_labels_notes_and_composites(self) -> None:
        """`state "L" as s`, `s : L`, notes and composite braces are understood."""
        text = """stateDiagram-v2
        state "Đã tiếp nhận" as received
        done : Returned
        note right of received
          a note
        end note
        note left of done : short note
        state outer {
          received --> done
        }
        state pick <<choice>>
        classDef hot fill:#f00
        class done hot
        """
        graph = parse_mermaid(text)

        assert graph.labels == {"received": "Đã tiếp nhận", "done": "Returned"}
        assert set(graph.states) == {"received", "done", "outer", "pick"}

    @pytest.mark.parametrize("text", ["graph TD\na-->b", "", "stateDiagram-v2\na ==> b", None])
    def test_not_a_state_diagram(self, text: Any) -> None:
        """Text that is not a state diagram raises InvalidValueError naming the offending line."""
        with pytest.raises(InvalidValueError, match="diagram"):
            parse_mermaid(text)

    def test_layout_goes_left_to_right(self, workflow: str) -> None:
        """Start is leftmost, end rightmost, and receipt comes before processing."""
        places = layout(parse_mermaid(workflow))

        assert places[START][0] == min(x for x, _ in places.values())
        assert places[END][0] == max(x for x, _ in places.values())
        assert places["received"][0] < places["in_processing"][0] < places["result_returned"][0]


def _row(**changes: Any) -> DossierRow:
    at = datetime(2025, 7, 7, 9, 0, tzinfo=VN)
    base = DossierRow(
        id="d1", version=1, code="X", procedure_code="1.001", procedure_field="f",
        rule_set="118/2025", province_code="56", unit_code="22333", receiving_unit_code="22333",
        authority_id=None, channel="online", status="received", submitted_at=at, received_at=at,
        due_at=None, original_due_at=None, finished_at=None, returned_at=None, outcome=None,
        supplement_requests_reception=0, supplement_requests_processing=0, supplement_seconds=0,
        pending_supplement_since=None, fee_payable=False, paid_online=False, paper_result=True,
        e_result=False, digitised=False, reused_data=False, digitally_signed=False,
        full_online=False, satisfied_receiving=None, satisfied_resolving=None,
    )  # fmt: skip
    return attrs.evolve(base, **changes)


class TestSummary:
    def test_counts_by_week_channel_and_outcome(self) -> None:
        """Arrivals count in their Vietnam-time week; finished dossiers per unit and outcome."""
        monday = datetime(2025, 7, 7, 9, 0, tzinfo=VN)
        rows = [
            _row(),
            _row(channel="postal", received_at=monday + timedelta(days=7)),
            _row(received_at=None, submitted_at=monday, full_online=True),
            _row(finished_at=monday + timedelta(days=3), outcome="late"),
            _row(finished_at=monday + timedelta(days=1), outcome="early", unit_code="22334"),
            _row(received_at=datetime(2025, 6, 30, tzinfo=VN)),  # before the period
        ]

        summary = summarise(rows, parse_period("2025-Q3"))

        week = summary.weeks.index(date(2025, 7, 7))
        assert summary.weeks[0] == date(2025, 6, 30)
        assert summary.weeks[-1] == date(2025, 9, 29)
        assert summary.arrivals["online"][week] == 4
        assert summary.arrivals["postal"][week + 1] == 1
        assert summary.full_online[week] == 1
        assert summary.total_received == 5
        assert summary.finished_by_unit == {"22333": (0, 1), "22334": (1, 1)}
        assert summary.working_days_by_procedure == {"1.001": [3, 1]}
        assert summary.status_counts == Counter({"received": 6})

    def test_unknown_channel_gets_its_own_series(self) -> None:
        """A channel outside the four known ones is kept, not dropped."""
        summary = summarise([_row(channel="robot")], parse_period("2025-07"))

        assert sum(summary.arrivals["robot"]) == 1

    def test_a_non_row_is_refused(self) -> None:
        """An item that is not a DossierRow raises InvalidValueError naming its position."""
        with pytest.raises(InvalidValueError, match=r"rows\[1\]"):
            summarise([_row(), {"id": "x"}], parse_period("2025"))  # type: ignore[list-item]


class TestTables:
    def test_json_is_the_reports_records(self, table: Any) -> None:
        """JSON is the list of the report's records, every indicator, the total last."""
        records = json.loads(table_to_json(table))

        assert records == json.loads(json.dumps(table.records()))
        assert records[-1]["group"] == "*"
        assert len(records) == (12 + 1) * len(table.codes())

    def test_csv_is_long_form_with_the_total_last(self, table: Any) -> None:
        """CSV has one line per group and indicator, the total last, empty rate when n/a."""
        lines = list(csv.DictReader(io.StringIO(table_to_csv(table))))

        assert len(lines) == (12 + 1) * len(table.codes())
        assert lines[-1]["group"] == "*"
        assert lines[-1]["code"] == "satisfaction"
        assert lines[-1]["rate"] == ""
        assert lines[-1]["status"] == "not_applicable"

    def test_terminal_table_shows_groups_total_na_and_missing_input(self, table: Any) -> None:
        """The rich table lists each commune by name, a Total, n/a, averages in days and scores."""
        console = Console(record=True, width=200, color_system=None)
        columns = {"on_time": "On time", "processing_time": "Days", "satisfaction": "Sat",
                   "published_on_time": "Published"}  # fmt: skip

        print_indicators(table, title="2025-Q3", columns=columns, console=console,
                         labels={"22333": "Phường Nha Trang"})  # fmt: skip

        text = console.export_text()
        assert "Phường Nha Trang" in text
        assert "Total" in text
        assert "n/a" in text
        assert "no input" in text
        assert " d " in text
        assert " / 26" in text

    def test_communes_are_named_from_the_gazetteer_by_default(self, table: Any) -> None:
        """Grouped by commune and given no labels, each group shows its unit's name."""
        view = table_view(table)

        assert [row.label for row in view.rows][:2] == ["Phường Bắc Nha Trang", "Phường Nha Trang"]

    def test_default_columns_skip_codes_the_report_lacks(self, table: Any) -> None:
        """Default columns the report does not have are left out, in the default order."""
        view = table_view(table)

        assert [c.code for c in view.columns] == [
            "on_time", "early", "processing_time", "online", "full_online", "satisfaction"
        ]  # fmt: skip
        assert view.total.label == "Total"

    @pytest.mark.parametrize(
        "broken",
        [
            None,
            "table",
            type("T", (), {"by": "commune", "groups": "x", "total": None, "codes": tuple})(),
            type("T", (), {"by": 3, "groups": (), "total": None, "codes": tuple})(),
            type("T", (), {"by": "c", "groups": [object()], "total": None, "codes": tuple})(),
            type("T", (), {"by": "c", "groups": (), "total": None, "codes": "abc"})(),
        ],
    )
    def test_garbage_report_is_refused(self, broken: Any) -> None:
        """Something that is not an indicator report raises InvalidValueError naming the part."""
        with pytest.raises(InvalidValueError, match="indicators"):
            table_view(broken)

    def test_a_value_that_is_not_a_number_is_refused(self, table: Any) -> None:
        """A rate that is not a finite number raises InvalidValueError naming the cell."""
        value = attrs.evolve(table.total.values["on_time"], rate=float("nan"))
        total = attrs.evolve(table.total, values={**table.total.values, "on_time": value})

        with pytest.raises(InvalidValueError, match=r"total\.values\['on_time'\]\.rate"):
            table_view(attrs.evolve(table, total=total))


class TestHtml:
    def test_page_is_self_contained(
        self, rows: list[DossierRow], table: Any, workflow: str
    ) -> None:
        """The page embeds plotly.js, draws five charts and loads nothing from the network."""
        page = render_html(rows, period="2025-Q3", indicators=table, diagram=workflow)

        assert page.startswith("<!DOCTYPE html>")
        assert "Plotly.newPlot" in page
        for chart in ("arrivals", "on-time", "processing-time", "full-online", "workflow"):
            assert f'id="chart-{chart}"' in page
        assert "<script src=" not in page
        assert "<link" not in page
        assert 'id="indicator-table"' in page
        assert "early or on time (indicator 2.1)" in page
        assert "Indicator 2.1 of Decision 766" in page

    def test_text_from_data_is_escaped(self, rows: list[DossierRow]) -> None:
        """A title with markup is shown as text, not interpreted."""
        page = render_html(rows[:10], period="2025-Q3", title="<script>alert(1)</script>")

        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    def test_sections_are_optional(self, rows: list[DossierRow]) -> None:
        """Without a table or a diagram those sections are left out; the charts remain."""
        page = render_html(rows[:50], period="2025-Q3", unit_names={})

        assert 'id="indicator-table"' not in page
        assert 'id="chart-workflow"' not in page
        assert 'id="chart-arrivals"' in page

    def test_without_plotly_the_error_names_the_extra(
        self, rows: list[DossierRow], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With plotly missing, MissingDependencyError says to install adminflow[report]."""
        for name in [m for m in sys.modules if m == "plotly" or m.startswith("plotly.")]:
            monkeypatch.delitem(sys.modules, name)
        monkeypatch.setitem(sys.modules, "plotly", None)

        with pytest.raises(MissingDependencyError, match=r"adminflow\[report\]") as caught:
            render_html(rows[:5], period="2025-Q3")
        assert caught.value.extra == "report"
        assert isinstance(caught.value, ImportError)

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"period": "Q3"}, "period"),
            ({"period": "2025-Q3", "title": 5}, "title"),
            ({"period": "2025-Q3", "unit_names": 5}, "unit_names"),
            ({"period": "2025-Q3", "generated_at": "now"}, "generated_at"),
            ({"period": "2025-Q3", "diagram": "flowchart"}, "diagram"),
        ],
    )
    def test_bad_options_are_refused(self, options: dict[str, Any], field: str) -> None:
        """Each bad option raises InvalidValueError naming it."""
        with pytest.raises(InvalidValueError, match=field):
            render_html([], **options)

    def test_write_html_refuses_an_unwritable_path(self, tmp_path: Any) -> None:
        """A path in a missing folder raises InvalidValueError naming the path."""
        with pytest.raises(InvalidValueError, match="path"):
            write_html(tmp_path / "missing" / "r.html", [], period="2025-Q3")
