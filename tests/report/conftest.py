"""Synthetic dossier rows for the report's tests: seeded, shaped like a province quarter."""

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

from adminflow.dossiers import DossierRow
from adminflow.jurisdictions import Gazetteer

VN = ZoneInfo("Asia/Ho_Chi_Minh")

#: The dossier workflow of Decree 118/2025 as adminflow.dossiers.diagram() writes it.
WORKFLOW = """stateDiagram-v2
    [*] --> submitted: submit
    submitted --> received: receive
    submitted --> refused_at_reception: refuse_receipt
    submitted --> returned_for_supplement: request_supplement
    in_processing --> supplement_requested: request_supplement
    returned_for_supplement --> submitted: supplement
    supplement_requested --> in_processing: supplement
    received --> in_transfer: transfer
    in_transfer --> in_processing: receive_transfer
    in_processing --> in_processing: forward_step, complete_step, extend
    in_processing --> awaiting_payment: request_payment
    awaiting_payment --> in_processing: pay
    awaiting_payment --> awaiting_payment: extend
    in_processing --> refused: refuse
    in_processing --> result_ready: approve
    in_correction --> result_ready: approve
    result_ready --> result_returned: return_result
    submitted --> stopped: stop
    returned_for_supplement --> stopped: stop
    received --> stopped: stop
    in_transfer --> stopped: stop
    in_processing --> stopped: stop
    supplement_requested --> stopped: stop
    awaiting_payment --> stopped: stop
    supplement_requested --> closed_unsupplemented: close_unsupplemented
    result_returned --> in_correction: correct
    closed_unsupplemented --> [*]
    refused --> [*]
    refused_at_reception --> [*]
    stopped --> [*]
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


@attrs.frozen
class FakeValue:
    code: str
    name: str
    group: str | None
    numerator: float
    denominator: float
    rate: float | None
    points: float | None
    max_points: float | None
    status: str
    unit: str = ""
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen
class FakeGroup:
    key: str | None
    values: dict[str, FakeValue]
    score: float
    max_score: float
    missing: tuple[str, ...] = ()


@attrs.frozen
class FakeReport:
    """An indicator report of the documented shape, computed naively from rows."""

    by: str | None
    groups: tuple[FakeGroup, ...]
    total: FakeGroup
    engine: str = "python"
    period: str = "2025-07-01..2025-09-30"

    def codes(self) -> tuple[str, ...]:
        return tuple(self.total.values)

    def records(self) -> list[dict[str, Any]]:
        out = []
        for result in (*self.groups, self.total):
            for value in result.values.values():
                record = value.as_dict()
                record["period"] = self.period
                if result is self.total:
                    record["group"] = "*"
                out.append(record)
        return out


def _value(
    code: str,
    group: str | None,
    numerator: float,
    denominator: float,
    max_points: float | None = None,
    unit: str = "",
) -> FakeValue:
    rate = numerator / denominator if denominator else None
    points = None if max_points is None or rate is None else round(rate * max_points, 2)
    status = "ok" if rate is not None else "not_applicable"
    return FakeValue(
        code, code, group, numerator, denominator, rate, points, max_points, status, unit
    )


def _group(key: str | None, rows: list[DossierRow]) -> FakeGroup:
    finished = [r for r in rows if r.outcome is not None]
    days = [
        (r.finished_at - r.received_at).days for r in finished if r.finished_at and r.received_at
    ]
    values = {
        "published_on_time": FakeValue(
            "published_on_time", "published", key, 0, 0, None, None, 2.0, "input_missing"
        ),
        "on_time": _value(
            "on_time", key, sum(r.outcome != "late" for r in finished), len(finished), 20.0
        ),
        "early": _value("early", key, sum(r.outcome == "early" for r in finished), len(finished)),
        "processing_time": _value(
            "processing_time", key, sum(days), len(days), unit="working days"
        ),
        "online": _value("online", key, sum(r.channel == "online" for r in rows), len(rows), 6.0),
        "full_online": _value("full_online", key, sum(r.full_online for r in rows), len(rows)),
        "satisfaction": _value("satisfaction", key, 0, 0, 6.0),
    }
    scored = [v for v in values.values() if v.points is not None]
    return FakeGroup(
        key, values, sum(v.points or 0 for v in scored), sum(v.max_points or 0 for v in scored)
    )


def fake_report(rows: list[DossierRow], by: str | None = "commune") -> FakeReport:
    groups: dict[str, list[DossierRow]] = {}
    if by is not None:
        for row in rows:
            key = {
                "commune": row.unit_code,
                "field": row.procedure_field,
                "procedure": row.procedure_code,
            }[by]
            groups.setdefault(key, []).append(row)
    return FakeReport(
        by, tuple(_group(k, g) for k, g in sorted(groups.items())), _group(None, rows)
    )


@pytest.fixture(scope="session")
def rows() -> list[DossierRow]:
    return make_rows()


@pytest.fixture(scope="session")
def table(rows: list[DossierRow]) -> FakeReport:
    return fake_report(rows)


@pytest.fixture(scope="session")
def rows_factory() -> Callable[..., list[DossierRow]]:
    return make_rows


@pytest.fixture(scope="session")
def workflow() -> str:
    return WORKFLOW


@pytest.fixture(scope="session")
def report_factory() -> Callable[..., FakeReport]:
    return fake_report
