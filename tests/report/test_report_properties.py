"""Property tests of adminflow.report: the series add up, layouts place every state, and
garbage given to the public functions raises only adminflow errors."""

import contextlib
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import given
from hypothesis import strategies as st

from adminflow.dossiers import DossierRow
from adminflow.errors import AdminflowError
from adminflow.report import parse_mermaid, table_view
from adminflow.report._diagram import START, Edge, StateGraph, layout
from adminflow.report._period import parse_period
from adminflow.report._series import summarise

UTC = ZoneInfo("UTC")
YEAR_START = datetime(2025, 1, 1, tzinfo=UTC)
PERIOD = parse_period("2025-Q3")

instants = st.integers(min_value=0, max_value=365 * 24 * 60).map(
    lambda minutes: YEAR_START + timedelta(minutes=minutes)
)


@st.composite
def rows(draw: st.DrawFn) -> DossierRow:
    received = draw(st.none() | instants)
    submitted = draw(st.none() | instants)
    finished = draw(st.none() | instants)
    return DossierRow(
        id="d", version=1, code="X", procedure_code=draw(st.sampled_from(["p1", "p2", "p3"])),
        procedure_field="f", rule_set="118/2025", province_code="56",
        unit_code=draw(st.sampled_from(["22333", "22334", "99999"])), receiving_unit_code="22333",
        authority_id=None, channel=draw(st.sampled_from(["online", "in_person", "postal"])),
        status=draw(st.sampled_from(["received", "result_returned"])), submitted_at=submitted,
        received_at=received, due_at=None, original_due_at=None, finished_at=finished,
        returned_at=None, outcome=draw(st.sampled_from([None, "early", "on_time", "late"])),
        supplement_requests_reception=0, supplement_requests_processing=0, supplement_seconds=0,
        pending_supplement_since=None, fee_payable=False, paid_online=False, paper_result=True,
        e_result=False, digitised=False, reused_data=False, digitally_signed=False,
        full_online=draw(st.booleans()), satisfied_receiving=None, satisfied_resolving=None,
    )  # fmt: skip


class TestSeries:
    @given(st.lists(rows(), max_size=40))
    def test_arrivals_add_up_to_the_dossiers_that_arrived_in_the_period(
        self, items: list[DossierRow]
    ) -> None:
        """Weekly arrivals over all channels sum to the dossiers whose arrival is in the period."""
        summary = summarise(items, PERIOD)

        arrived = [r.received_at if r.received_at is not None else r.submitted_at for r in items]
        assert summary.total_received == sum(a is not None and a in PERIOD for a in arrived)
        assert all(
            f <= o <= r
            for f, o, r in zip(summary.full_online, summary.received, summary.received, strict=True)
        )

    @given(st.lists(rows(), max_size=40))
    def test_on_time_never_exceeds_finished(self, items: list[DossierRow]) -> None:
        """Per unit, dossiers finished early or on time never exceed those finished."""
        summary = summarise(items, PERIOD)

        assert all(0 <= on <= done for on, done in summary.finished_by_unit.values())
        assert sum(map(len, summary.working_days_by_procedure.values())) <= summary.total_finished
        assert sum(summary.status_counts.values()) == len(items)


names = st.sampled_from([START, "a", "b", "c", "d", "e", "f", "g"])


class TestLayout:
    @given(st.lists(st.tuples(names, names), min_size=1, max_size=25))
    def test_every_state_gets_its_own_place(self, pairs: list[tuple[str, str]]) -> None:
        """Any graph, cycles included, is laid out with one distinct place per state."""
        states = tuple(dict.fromkeys(s for pair in pairs for s in pair))
        graph = StateGraph(states, {}, tuple(Edge(s, t, "") for s, t in pairs))

        places = layout(graph)

        assert set(places) == set(states)
        assert len(set(places.values())) == len(states)
        if START in places:
            assert places[START][0] == min(x for x, _ in places.values())


garbage = st.none() | st.integers() | st.text() | st.lists(st.text()) | st.binary()


class TestGarbage:
    @given(st.text())
    def test_mermaid_reader(self, text: str) -> None:
        """Any text either reads as a state diagram or raises an adminflow error."""
        for candidate in (text, "stateDiagram-v2\n" + text):
            with contextlib.suppress(AdminflowError):
                parse_mermaid(candidate)

    @given(garbage)
    def test_period_parser(self, value: Any) -> None:
        """Any value either parses as a period or raises an adminflow error."""
        with contextlib.suppress(AdminflowError):
            parse_period(value)

    @given(garbage, garbage, garbage, garbage)
    def test_report_reader(self, by: Any, groups: Any, total: Any, codes: Any) -> None:
        """Any object with garbage parts raises an adminflow error, never another exception."""

        @attrs.define
        class Report:
            by: Any
            groups: Any
            total: Any
            code_list: Any

            def codes(self) -> Any:
                return self.code_list

        with contextlib.suppress(AdminflowError):
            table_view(Report(by, groups, total, codes))
