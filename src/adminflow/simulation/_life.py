"""The life of one simulated dossier: the commands it goes through, and when, and by whom.

Each dossier draws its own choices from its own seeded generator; :func:`life` yields the
commands one by one and receives the dossier after each, so the same life runs in memory or
through the services.

References:
    Decree 118/2025/NĐ-CP, Art. 17 (reception, supplement at reception, refusal), 18 and 20
    (transfer), 19(3), 19(5), 19(6) (refusal, appraisal supplement and 15-day close-out,
    extension), 21 (stop), 22 (result), 24 (payment).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Generator, Mapping
from typing import Protocol
from zoneinfo import ZoneInfo

from adminflow.calendar import WorkingCalendar
from adminflow.dossiers import Actor, Applicant, Dossier, FilingChannel, Role
from adminflow.simulation._parameters import Parameters
from adminflow.simulation._records import Arrival, Step
from adminflow.simulation._staff import Staff

__all__ = ["Simulated", "life"]


class Simulated(Protocol):
    """What a life reads from its simulation (:class:`adminflow.simulation.Simulation`)."""

    @property
    def parameters(self) -> Parameters: ...

    @property
    def calendar(self) -> WorkingCalendar: ...

    @property
    def staff(self) -> Staff: ...

    @property
    def id_prefix(self) -> str: ...

    @property
    def _tz(self) -> ZoneInfo: ...

    @property
    def _agency(self) -> Mapping[str, str]: ...

    def _competent(self, code: str, unit: str, day: dt.date) -> tuple[str, str]: ...


_MINUTE = dt.timedelta(minutes=1)
_HOUR = dt.timedelta(hours=1)
_DAY = dt.timedelta(days=1)

_SUPPLEMENT_ITEMS = (
    ("bản sao giấy tờ tùy thân", "thiếu bản sao giấy tờ tùy thân"),
    ("tờ khai theo mẫu", "tờ khai chưa đủ thông tin"),
    ("giấy tờ chứng minh nơi cư trú", "thiếu giấy tờ chứng minh nơi cư trú"),
)
_REFUSALS = (
    "hồ sơ không thuộc đối tượng được giải quyết",
    "giấy tờ trong hồ sơ không hợp lệ",
    "không đủ điều kiện theo quy định của pháp luật chuyên ngành",
)


def _applicant(prefix: str, rng: random.Random) -> Applicant:
    year = rng.randint(1950, 2005)
    century = (0 if year < 2000 else 2) + rng.randint(0, 1)
    number = f"{prefix}{century}{year % 100:02d}{rng.randrange(1_000_000):06d}"
    return Applicant.person(number)


def life(
    sim: Simulated, arrival: Arrival, sequence: Counter[tuple[str, dt.date]]
) -> Generator[Step, Dossier, None]:
    """The commands of one dossier; each ``yield`` receives the dossier after the command."""
    p = sim.parameters.shares
    cal = sim.calendar
    rng = random.Random(arrival.seed)
    applicant = _applicant(sim.id_prefix, rng)
    me = Actor(applicant.number, Role.APPLICANT)
    online = arrival.channel is FilingChannel.ONLINE
    system = Actor.system()
    desk = sim.staff.desk(arrival.receiving_unit, rng)
    t = arrival.at

    def later(candidate: dt.datetime) -> dt.datetime:
        nonlocal t
        t = max(candidate, t + _MINUTE)
        return t

    def working(after: dt.datetime, hours: float) -> dt.datetime:
        return cal.add_working_time(after, dt.timedelta(hours=hours))

    d = yield Step(
        "submit",
        me if online else desk,
        t,
        {
            "procedure": arrival.procedure,
            "applicant": applicant,
            "unit": arrival.unit,
            "channel": arrival.channel,
            "receiving_unit": arrival.receiving_unit,
            "dossier_id": arrival.dossier_id,
        },
    )

    def reception_instant() -> dt.datetime:
        if online:
            return later(working(t, rng.uniform(0.05, 6.0)))
        return later(t + rng.uniform(3, 25) * _MINUTE)

    # --- reception: refused, returned for a supplement, or received
    draw = rng.random()
    if draw < p["refused_at_reception"]:
        reason = rng.choice(_REFUSALS)
        yield Step("refuse_receipt", desk, reception_instant(), {"reasons": [reason]})
        return
    supplement_path = rng.random()
    supplemented = draw < p["refused_at_reception"] + p["reception_supplement"]
    if supplemented:
        item, why = rng.choice(_SUPPLEMENT_ITEMS)
        d = yield Step(
            "request_supplement", desk, reception_instant(), {"items": [item], "reason": why}
        )
        if rng.random() < p["supplement_abandoned"]:
            return
        back = t + rng.uniform(1, 10) * _DAY
        back = back if online else cal.next_working_instant(back)
        d = yield Step("supplement", me if online else desk, later(back), {})
    received_at = reception_instant()
    day = received_at.astimezone(sim._tz).date()
    agency = sim._agency[arrival.unit]
    sequence[(agency, day)] += 1
    d = yield Step(
        "receive",
        desk,
        received_at,
        {
            "sequence": sequence[(agency, day)],
            "agency": agency,
            "digitised": online or rng.random() < p["digitised"],
            "reused_data": rng.random() < p["reused_data"],
        },
    )
    d = yield Step("transfer", system if online else desk, later(t + _MINUTE), {})
    _, acting = sim._competent(arrival.procedure, arrival.unit, day)
    officer = sim.staff.officer(acting, rng)
    leader = sim.staff.leader(acting, rng)
    d = yield Step("receive_transfer", officer, later(working(t, rng.uniform(0.05, 0.5))), {})

    # --- appraisal: a stop, a supplement, a payment
    assert d.due_at is not None
    assert d.clock_started_at is not None
    if rng.random() < p["stopped"]:
        span = cal.working_time_between(d.clock_started_at, d.due_at)
        yield Step("stop", me, later(cal.add_working_time(t, span * rng.uniform(0.05, 0.5))), {})
        return
    if supplement_path < p["appraisal_supplement"] and not supplemented:
        limit = cal.closing(
            cal.add_working_days(d.received_at.astimezone(sim._tz).date(), 3)  # type: ignore[union-attr]
        )
        asked = min(working(t, rng.uniform(0.2, 12.0)), limit)
        if asked > t:
            item, why = rng.choice(_SUPPLEMENT_ITEMS)
            d = yield Step(
                "request_supplement", officer, later(asked), {"items": [item], "reason": why}
            )
            if rng.random() < p["supplement_abandoned"]:
                requested = t.astimezone(sim._tz).date()
                last = cal.add_working_days(requested + dt.timedelta(days=15), 0)
                closing = cal.opening(cal.next_working_day(last))
                yield Step("close_unsupplemented", system, later(closing), {})
                return
            back = t + rng.uniform(1, 10) * _DAY
            d = yield Step("supplement", me, later(cal.next_working_instant(back)), {})
    # --- the decision: in time, extended or late; a payment on the way; or a refusal
    assert d.due_at is not None
    assert d.clock_started_at is not None
    start = max(d.clock_started_at, t)
    due = d.due_at
    span = cal.working_time_between(start, due)
    due_day = due.astimezone(sim._tz).date()
    late = rng.random() < sim.parameters.late_share
    extend = (
        rng.random() < p["extended"]
        and t.astimezone(sim._tz).date() <= due_day - _DAY
        and span >= 2 * cal.day_length
    )
    if extend:
        new_due = cal.closing(cal.add_working_days(due_day, rng.randint(2, 5)))
        d = yield Step(
            "extend",
            leader,
            later(working(t, 0.5)),
            {
                "apology": "Cơ quan xin lỗi ông/bà vì chưa trả kết quả đúng hẹn.",
                "new_due_at": new_due,
                "reason": "cần xác minh thêm thông tin",
            },
        )
        start, due = max(due, t), new_due
        span = cal.working_time_between(start, due)
    if late:
        decided = cal.add_working_time(due, cal.day_length * rng.uniform(0.2, 3.0))
    else:
        fraction = rng.uniform(p["processing_low"], p["processing_high"])
        decided = cal.add_working_time(start, span * fraction)
    if d.fee_payable and decided - t > 4 * _MINUTE:
        asked = t + (decided - t) * rng.uniform(0.05, 0.3)
        d = yield Step(
            "request_payment",
            officer,
            later(asked),
            {"reason": "lệ phí, phí giải quyết thủ tục hành chính"},
        )
        paid = t + (decided - t) * rng.uniform(0.1, 0.6)
        paid_online = online and rng.random() < p["paid_online"]
        d = yield Step("pay", me, later(paid), {"online": paid_online})
    decided = later(decided)
    if rng.random() < p["refused"] and decided <= due:
        reason = rng.choice(_REFUSALS)
        yield Step("refuse", leader, decided, {"reasons": [reason]})
        return
    e_result = rng.random() < (p["e_result_online"] if online else p["e_result_paper"])
    d = yield Step("approve", leader, decided, {"e_result": e_result})
    if e_result and online:
        yield Step("return_result", system, later(t + rng.uniform(1, 30) * _MINUTE), {})
    else:
        returned = cal.next_working_instant(working(t, rng.uniform(0.2, 16.0)))
        clerk = sim.staff.desk(arrival.receiving_unit, rng)
        yield Step("return_result", clerk, later(returned), {"in_person": not e_result})
