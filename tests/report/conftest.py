"""Synthetic dossier rows for the report's tests: seeded, shaped like a province quarter."""

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from adminflow.dossiers import DossierRow
from adminflow.jurisdictions import Gazetteer

VN = ZoneInfo("Asia/Ho_Chi_Minh")

#: A small workflow in Mermaid, shaped like the one the dossiers package exports.
WORKFLOW = """stateDiagram-v2
    %% the dossier workflow (test copy)
    direction LR
    [*] --> submitted_online : submit
    [*] --> received : receive
    submitted_online --> received : receive
    submitted_online --> refused_at_reception : refuse_receipt
    received --> in_processing : forward_step
    in_processing --> supplement_requested : request_supplement
    supplement_requested --> in_processing : supplement
    supplement_requested --> closed_unsupplemented : close_unsupplemented
    in_processing --> result_ready : approve
    in_processing --> refused : refuse
    in_processing --> stopped : stop
    result_ready --> result_returned : return_result
    result_returned --> correcting : correct
    correcting --> result_returned : return_result
    result_returned --> [*]
    refused --> [*]
"""

PROCEDURES = [
    ("1.001", "ho_tich", 3),
    ("1.002", "ho_tich", 5),
    ("2.010", "dat_dai", 15),
    ("2.011", "dat_dai", 10),
    ("3.100", "chung_thuc", 1),
]


def make_rows(
    count: int = 2000, *, seed: int = 7, communes: int = 12, start: datetime | None = None
) -> list[DossierRow]:
    """``count`` dossiers received over a 13-week quarter in the first ``communes`` of Khánh Hòa."""
    rng = random.Random(seed)
    units = [u.code for u in Gazetteer.vietnam().communes_of("56")][:communes]
    start = start or datetime(2025, 7, 1, 8, 0, tzinfo=VN)
    rows = []
    for i in range(count):
        code, field, days = rng.choice(PROCEDURES)
        unit = rng.choice(units)
        week = i * 13 / count
        online_share = 0.55 + 0.03 * week
        channel = (
            "online"
            if rng.random() < online_share
            else rng.choice(["in_person", "in_person", "postal", "kiosk"])
        )
        received = start + timedelta(
            days=int(week * 7) + rng.randint(0, 4), hours=rng.randint(0, 8)
        )
        took = max(0, int(rng.gauss(days * 0.7, days * 0.3)))
        finished = received + timedelta(days=took * 7 / 5)
        late = rng.random() < (0.02 if unit != units[0] else 0.15)
        full = channel == "online" and rng.random() < 0.7
        done = finished < start + timedelta(days=95)
        rows.append(
            DossierRow(
                id=f"d{i}",
                version=5,
                code=f"H41.{i:05d}",
                procedure_code=code,
                procedure_field=field,
                rule_set="118/2025",
                province_code="56",
                unit_code=unit,
                receiving_unit_code=unit,
                authority_id=None,
                channel=channel,
                status="result_returned" if done else "in_processing",
                submitted_at=received,
                received_at=received,
                due_at=received + timedelta(days=days * 1.4),
                original_due_at=received + timedelta(days=days * 1.4),
                finished_at=finished if done else None,
                returned_at=finished if done else None,
                outcome=("late" if late else rng.choice(["early", "on_time"])) if done else None,
                supplement_requests_reception=0,
                supplement_requests_processing=0,
                supplement_seconds=0,
                pending_supplement_since=None,
                fee_payable=False,
                paid_online=False,
                paper_result=True,
                e_result=full,
                digitised=True,
                reused_data=False,
                digitally_signed=full,
                full_online=full,
                satisfied_receiving=None,
                satisfied_resolving=None,
            )
        )
    return rows


class _Value:
    def __init__(self, numerator: float, denominator: float, points: float | None = None) -> None:
        self.numerator = numerator
        self.denominator = denominator
        self.rate = numerator / denominator if denominator else None
        self.points = points


class _Column:
    def __init__(self, id: str, title: str) -> None:
        self.id = id
        self.title = title


class _Row:
    def __init__(self, key: str, label: str, values: dict[str, _Value]) -> None:
        self.key = key
        self.label = label
        self.values = values


class FakeIndicatorTable:
    """An indicator table of the shape the report reads, computed naively from rows."""

    def __init__(self, rows: list[DossierRow]) -> None:
        self.by = "commune"
        self.columns = [
            _Column("on_time", "On time"),
            _Column("online", "Online"),
            _Column("full_online", "Full online"),
            _Column("satisfaction", "Satisfaction"),
        ]
        names = {u.code: u.name for u in Gazetteer.vietnam().communes_of("56")}
        groups: dict[str, list[DossierRow]] = {}
        for row in rows:
            groups.setdefault(row.unit_code, []).append(row)
        self.rows = [
            _Row(code, names.get(code, code), self._values(group))
            for code, group in sorted(groups.items())
        ]
        self.totals = self._values(rows)

    @staticmethod
    def _values(rows: list[DossierRow]) -> dict[str, _Value]:
        finished = [r for r in rows if r.outcome is not None]
        return {
            "on_time": _Value(sum(r.outcome != "late" for r in finished), len(finished), 20.0),
            "online": _Value(sum(r.channel == "online" for r in rows), len(rows)),
            "full_online": _Value(sum(r.full_online for r in rows), len(rows)),
            "satisfaction": _Value(0, 0),
        }


@pytest.fixture(scope="session")
def rows() -> list[DossierRow]:
    return make_rows()


@pytest.fixture(scope="session")
def table(rows: list[DossierRow]) -> FakeIndicatorTable:
    return FakeIndicatorTable(rows)


@pytest.fixture(scope="session")
def rows_factory() -> Callable[..., list[DossierRow]]:
    return make_rows


@pytest.fixture(scope="session")
def workflow() -> str:
    return WORKFLOW
