"""One function per indicator, and :func:`report`, over either engine.

A *source* is any iterable of :class:`~adminflow.dossiers.DossierRow` (Python engine) or a
:class:`~adminflow.indicators.SqlSource` (SQL engine). Both produce the same counters, and every
value below is computed from the counters by the same code, so the two engines agree exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from adminflow.calendar import WorkingCalendar
from adminflow.errors import InvalidValueError
from adminflow.indicators._definitions import (
    DEFINITIONS,
    IndicatorDefinition,
    IndicatorKind,
    definition,
    points_for,
)
from adminflow.indicators._model import (
    GroupResult,
    IndicatorReport,
    IndicatorValue,
    ProvidedValue,
    ValueStatus,
)
from adminflow.indicators._period import Period, workday_ordinals
from adminflow.indicators._python import tally_rows
from adminflow.indicators._sql import SqlSource, tally_sql
from adminflow.indicators._tally import (
    COMPLETED_STATUSES,
    TALLY_FIELDS,
    Tally,
    add,
    group_column,
)

__all__ = [
    "INDICATOR_FUNCTIONS",
    "average_processing_time",
    "digitised_share",
    "e_result_share",
    "early_share",
    "full_online_eligible_share",
    "full_online_share",
    "in_person_share",
    "kiosk_share",
    "on_time_share",
    "online_payment_share",
    "online_share",
    "postal_share",
    "report",
    "reused_data_share",
    "satisfaction",
    "satisfied_receiving_share",
    "satisfied_resolving_share",
    "tallies",
]

_I = {name: i for i, name in enumerate(TALLY_FIELDS)}
_default_calendar: WorkingCalendar | None = None


def _calendar(calendar: WorkingCalendar | None) -> WorkingCalendar:
    global _default_calendar
    if calendar is None:
        if _default_calendar is None:
            _default_calendar = WorkingCalendar.vietnam()
        return _default_calendar
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidValueError("calendar", calendar, "must be a WorkingCalendar or None")
    return calendar


def _period(period: Period | str) -> Period:
    if isinstance(period, Period):
        return period
    return Period.parse(period)


def _eligible(value: Collection[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(
            "full_process_procedures", value, "must be a collection of procedure codes"
        )
    codes = frozenset(value)
    for code in codes:
        if not isinstance(code, str):
            raise InvalidValueError("full_process_procedures", code, "must be a procedure code")
    return codes


def _statuses(value: Any) -> frozenset[str]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError("completed_statuses", value, "must be a collection of status codes")
    statuses = frozenset(value)
    if not statuses or not all(isinstance(code, str) for code in statuses):
        raise InvalidValueError("completed_statuses", value, "must hold status codes (text)")
    return statuses


def _until(as_of: Any, lo: int, hi: int) -> int:
    """The instant (Unix seconds, exclusive) at which running dossiers are measured."""
    if as_of is None:
        return hi
    if not isinstance(as_of, dt.datetime) or as_of.tzinfo is None:
        raise InvalidValueError("as_of", as_of, "must be an aware datetime")
    until = int(as_of.timestamp()) + 1
    if until <= lo:
        raise InvalidValueError("as_of", as_of, "must not be before the period starts")
    return min(hi, until)


def tallies(
    source: Iterable[Any] | SqlSource,
    period: Period | str,
    *,
    by: str | None = None,
    calendar: WorkingCalendar | None = None,
    full_process_procedures: Collection[str] | None = None,
    completed_statuses: Collection[str] = COMPLETED_STATUSES,
    as_of: dt.datetime | None = None,
    deduct_supplement: bool = True,
) -> dict[str | None, Tally]:
    """The raw counters per group (see ``adminflow.indicators._tally.TALLY_FIELDS``).

    ``as_of`` is the instant at which dossiers still running are measured when the period is not
    over yet (default: the period's last second); it is passed in, never read from the clock.

    Raises:
        InvalidValueError: An argument or a row is invalid.
        StorageError: The SQL engine's database refused the query.
    """
    period = _period(period)
    column = group_column(by)
    ordinals = workday_ordinals(_calendar(calendar))
    lo, hi = period.bounds(ordinals.offset)
    until = _until(as_of, lo, hi)
    if not isinstance(deduct_supplement, bool):
        raise InvalidValueError("deduct_supplement", deduct_supplement, "must be True or False")
    eligible = _eligible(full_process_procedures)
    statuses = _statuses(completed_statuses)
    if isinstance(source, SqlSource):
        return tally_sql(
            source,
            lo=lo,
            hi=hi,
            until=until,
            deduct=deduct_supplement,
            column=column,
            ordinals=ordinals,
            eligible=eligible,
            completed_statuses=statuses,
        )
    if isinstance(source, str | bytes) or not isinstance(source, Iterable):
        raise InvalidValueError("source", source, "must be an iterable of rows or a SqlSource")
    return tally_rows(
        source,
        lo=lo,
        hi=hi,
        until=until,
        deduct=deduct_supplement,
        column=column,
        ordinals=ordinals,
        eligible=eligible,
        completed_statuses=statuses,
    )


# --------------------------------------------------------------------- values from counters

Ratio = Callable[[Tally], tuple[float, float, str]]


def _ratio(numerator: str, denominator: str, note: str = "") -> Ratio:
    i, j = _I[numerator], _I[denominator]
    return lambda t: (t[i], t[j], note)


def _on_time(t: Tally) -> tuple[float, float, str]:
    excluded = t[_I["no_appointment"]]
    note = f"{excluded} dossier(s) without an appointment not judged" if excluded else ""
    return t[_I["on_time"]], t[_I["active"]] - excluded, note


def _early(t: Tally) -> tuple[float, float, str]:
    return t[_I["early"]], t[_I["active"]] - t[_I["no_appointment"]], ""


def _satisfaction(t: Tally) -> tuple[float, float, str]:
    judged = t[_I["active"]] - t[_I["no_appointment"]]
    late = judged - t[_I["on_time"]]
    # 100 % - (late share + dissatisfied share), both over the 2.1 population.
    rated = t[_I["rated_receiving"]] + t[_I["rated_resolving"]]
    note = "" if rated else "no dossier carries a rating: only late dossiers lower this rate"
    return max(0, judged - late - t[_I["dissatisfied"]]), judged, note


RATIOS: dict[str, Ratio] = {
    "on_time": _on_time,
    "early": _early,
    "processing_time": _ratio("completed_days", "completed"),
    "full_online_eligible": _ratio("eligible_full_online", "eligible"),
    "online": _ratio("online_counted", "received"),
    "in_person": _ratio("in_person", "received"),
    "postal": _ratio("postal", "received"),
    "kiosk": _ratio("kiosk", "received"),
    "full_online": _ratio("resolved_full_online", "resolved"),
    "paid_online": _ratio("paid_online", "fee_payable"),
    "e_result": _ratio("e_result", "paper_result"),
    "digitised": _ratio("digitised", "received"),
    "reused_data": _ratio("reused_data", "received"),
    "satisfaction": _satisfaction,
    "satisfied_receiving": _ratio("satisfied_receiving", "rated_receiving"),
    "satisfied_resolving": _ratio("satisfied_resolving", "rated_resolving"),
}


def _value(
    d: IndicatorDefinition,
    group: str | None,
    numerator: float,
    denominator: float,
    note: str,
    *,
    status: ValueStatus | None = None,
) -> IndicatorValue:
    if status is None:
        status = ValueStatus.OK if denominator else ValueStatus.NOT_APPLICABLE
    rate = numerator / denominator if status is ValueStatus.OK else None
    points = points_for(rate, d.max_points, d.threshold) if d.kind is IndicatorKind.RATE else None
    if status is ValueStatus.NOT_APPLICABLE and not note:
        note = "no dossier in the denominator"
    return IndicatorValue(
        code=d.code,
        number=d.number,
        name=d.name,
        group=group,
        numerator=numerator,
        denominator=denominator,
        rate=rate,
        points=points,
        max_points=d.max_points,
        status=status,
        unit=d.unit,
        note=note,
    )


def _values(
    definitions: Iterable[IndicatorDefinition],
    group: str | None,
    t: Tally,
    *,
    eligible_given: bool,
    inputs: Mapping[str, ProvidedValue],
) -> GroupResult:
    values: dict[str, IndicatorValue] = {}
    sync = inputs.get("synchronised")
    for d in definitions:
        provided = inputs.get(d.code)
        if provided is not None:
            note = f"provided: {provided.source}" if provided.source else "provided"
            values[d.code] = _value(d, group, provided.numerator, provided.denominator, note)
        elif d.code not in RATIOS:
            values[d.code] = _value(
                d,
                group,
                0,
                0,
                "adminflow does not hold this data: pass it in inputs=",
                status=ValueStatus.INPUT_MISSING,
            )
        elif d.code == "full_online_eligible" and not eligible_given:
            values[d.code] = _value(
                d,
                group,
                0,
                0,
                "the procedures eligible for full-process online service are an input:"
                " pass full_process_procedures=",
                status=ValueStatus.INPUT_MISSING,
            )
        else:
            numerator, denominator, note = RATIOS[d.code](t)
            if d.code == "online":
                if sync is not None and sync.denominator:
                    numerator = numerator * sync.numerator / sync.denominator
                    note = "multiplied by the provided sync rate (1.4)"
                else:
                    note = "sync rate (1.4) not provided: not multiplied by it"
            values[d.code] = _value(d, group, numerator, denominator, note)
    scored = [v for v in values.values() if v.max_points]
    return GroupResult(
        key=group,
        values=values,
        score=round(sum(v.points or 0.0 for v in scored), 2),
        max_score=float(sum(v.max_points or 0 for v in scored if v.points is not None)),
        missing=tuple(v.code for v in scored if v.points is None),
    )


def _inputs(inputs: Mapping[str, ProvidedValue] | None) -> Mapping[str, ProvidedValue]:
    if inputs is None:
        return {}
    if not isinstance(inputs, Mapping):
        raise InvalidValueError("inputs", inputs, "must map indicator codes to ProvidedValue")
    for code, value in inputs.items():
        d = definition(code)
        if d.held:
            raise InvalidValueError(
                f"inputs[{code!r}]", value, "adminflow computes this indicator from the dossiers"
            )
        if not isinstance(value, ProvidedValue):
            raise InvalidValueError(f"inputs[{code!r}]", value, "must be a ProvidedValue")
    return inputs


def _sort_key(key: str | None) -> tuple[bool, str]:
    return (key is None, str(key))


def report(
    source: Iterable[Any] | SqlSource,
    period: Period | str,
    *,
    by: str | None = None,
    calendar: WorkingCalendar | None = None,
    inputs: Mapping[str, ProvidedValue] | None = None,
    full_process_procedures: Collection[str] | None = None,
    definitions: Iterable[IndicatorDefinition] = DEFINITIONS,
    completed_statuses: Collection[str] = COMPLETED_STATUSES,
    as_of: dt.datetime | None = None,
    deduct_supplement: bool = True,
) -> IndicatorReport:
    """The full indicator report for ``period``: every indicator, per group and in total.

    Args:
        source: Dossier rows (any iterable of DossierRow) or a :class:`SqlSource`.
        period: A :class:`Period` or its text (``"2025-Q3"``).
        by: Grouping: ``"province"``, ``"commune"`` (the unit the dossier concerns),
            ``"receiving_unit"``, ``"authority"``, ``"field"``, ``"procedure"``, ``"channel"``;
            ``None`` for the total only.
        calendar: The working calendar (default: :meth:`WorkingCalendar.vietnam`).
        inputs: Values adminflow does not hold (group 1, 3.1, 3.5, 4.4, 4.5, 5.2, 5.3), by
            indicator code; they apply to the total. Without them those indicators are listed
            with status ``input_missing``, never left out.
        full_process_procedures: Codes of the procedures eligible for full-process online
            service (the denominator of the 12-point group-3 indicator).
        definitions: The indicators and their points (default :data:`DEFINITIONS`).
        completed_statuses: Status codes that count as "result ready/returned" for 2.2.
        as_of: For a period not over yet, the instant (aware) at which running dossiers are
            measured; default the period's end (NPSP guide 2.1: "lấy ngày cuối kỳ").
        deduct_supplement: Deduct the supplement time from the end before comparing it with the
            appointment (NPSP guide 2.1; the default). Pass ``False`` when ``due_at`` was
            already recomputed when the supplement was completed — adminflow's workflow does
            this (Decree 118/2025 Art. 19(5) restarts the clock), so deducting again would
            count the supplement twice. Processing time (2.2) always deducts it.

    Returns:
        The typed table; see ``docs`` "Measuring service quality".

    Raises:
        InvalidValueError: An argument or a row is invalid.
        NotFoundError: An ``inputs`` key is not an indicator code.
        StorageError: The database refused the query.
    """
    provided = _inputs(inputs)
    chosen: Any = definitions
    if isinstance(chosen, str | bytes) or not isinstance(chosen, Iterable):
        raise InvalidValueError("definitions", chosen, "must be IndicatorDefinition objects")
    definitions = tuple(chosen)
    for d in definitions:
        if not isinstance(d, IndicatorDefinition):
            raise InvalidValueError("definitions", d, "must hold IndicatorDefinition objects")
    counters = tallies(
        source,
        period,
        by=by,
        calendar=calendar,
        full_process_procedures=full_process_procedures,
        completed_statuses=completed_statuses,
        as_of=as_of,
        deduct_supplement=deduct_supplement,
    )
    eligible_given = full_process_procedures is not None
    total: Tally = [0] * len(TALLY_FIELDS)
    groups = []
    for key in sorted(counters, key=_sort_key):
        add(total, counters[key])
        if by is not None:
            groups.append(
                _values(definitions, key, counters[key], eligible_given=eligible_given, inputs={})
            )
    return IndicatorReport(
        period=_period(period),
        by=by,
        groups=tuple(groups),
        total=_values(definitions, None, total, eligible_given=eligible_given, inputs=provided),
        engine="sql" if isinstance(source, SqlSource) else "python",
    )


# ------------------------------------------------------------ one function per indicator


def _one(code: str) -> Callable[..., list[IndicatorValue]]:
    d = definition(code)

    def compute(
        source: Iterable[Any] | SqlSource,
        period: Period | str,
        *,
        by: str | None = None,
        calendar: WorkingCalendar | None = None,
        **options: Any,
    ) -> list[IndicatorValue]:
        counters = tallies(source, period, by=by, calendar=calendar, **options)
        eligible_given = options.get("full_process_procedures") is not None
        if by is None:
            total: Tally = [0] * len(TALLY_FIELDS)
            for t in counters.values():
                add(total, t)
            counters = {None: total}
        return [
            _values([d], key, counters[key], eligible_given=eligible_given, inputs={})[code]
            for key in sorted(counters, key=_sort_key)
        ]

    compute.__name__ = code
    compute.__doc__ = (
        f"{d.number} {d.name} ({d.vietnamese}) per group: {d.formula}.\n\n"
        f"Returns one :class:`IndicatorValue` per group (one for ``by=None``).\n\n"
        f"References:\n    {d.source}"
    )
    return compute


def on_time_share(
    source: Iterable[Any] | SqlSource,
    period: Period | str,
    *,
    by: str | None = None,
    calendar: WorkingCalendar | None = None,
    as_of: dt.datetime | None = None,
    deduct_supplement: bool = True,
) -> list[IndicatorValue]:
    """2.1 Dossiers processed early or on time (tỷ lệ hồ sơ xử lý trước hạn, đúng hạn).

    Numerator: dossiers of the period whose end of processing, minus the time spent waiting for
    a supplement, is at or before the appointment; a dossier with more than one supplement
    request is late. Denominator: dossiers received or processed in the period (received
    before it ends, not finished before it starts) that have an appointment.

    References:
        NPSP calculation guide, indicator 2.1 (end = first of result ready, returned, stopped,
        refused; pending supplement ⇒ the request date; unfinished ⇒ the period's end;
        "Yêu cầu bổ sung hồ sơ hơn 01 lần thì tính quá hạn"); Decree 118/2025/NĐ-CP Art. 11(2)(c)
        (a supplement may be requested only once).

    ``as_of`` and ``deduct_supplement`` are as in :func:`report`.
    """
    return _one("on_time")(
        source,
        period,
        by=by,
        calendar=calendar,
        as_of=as_of,
        deduct_supplement=deduct_supplement,
    )


def early_share(
    source: Iterable[Any] | SqlSource,
    period: Period | str,
    *,
    by: str | None = None,
    calendar: WorkingCalendar | None = None,
) -> list[IndicatorValue]:
    """2.1 Dossiers processed early (trước hạn): effective end on a day before the appointment.

    References:
        NPSP calculation guide, indicator 2.1; Decree 118/2025/NĐ-CP Art. 22(5) (early return).
    """
    return _one("early")(source, period, by=by, calendar=calendar)


def average_processing_time(
    source: Iterable[Any] | SqlSource,
    period: Period | str,
    *,
    by: str | None = "procedure",
    calendar: WorkingCalendar | None = None,
    completed_statuses: Collection[str] = COMPLETED_STATUSES,
) -> list[IndicatorValue]:
    """2.2 Average processing time (thời gian giải quyết trung bình), in working days.

    Per group (per procedure by default): Σ working days in ``(receipt day, end day]`` on the
    working calendar, with the supplement time deducted from the end, ÷ dossiers with a result
    (ready or returned) received in the period. Not scored.

    References:
        NPSP calculation guide, indicator 2.2 ("Chỉ tiêu này chỉ hiển thị khi chọn 1 TTHC cụ thể";
        time counted as in 2.1).
    """
    return _one("processing_time")(
        source, period, by=by, calendar=calendar, completed_statuses=completed_statuses
    )


def full_online_eligible_share(
    source: Iterable[Any] | SqlSource,
    period: Period | str,
    *,
    full_process_procedures: Collection[str],
    by: str | None = None,
    calendar: WorkingCalendar | None = None,
) -> list[IndicatorValue]:
    """Full-process online dossiers ÷ dossiers of procedures eligible for it (12 points).

    References:
        NPSP scoring table, group 3 ("Hồ sơ DVCTT toàn trình trên tổng hồ sơ TTHC đủ điều kiện
        toàn trình"); Decree 307/2025/NĐ-CP Appendix item 12 (full-process predicate).
    """
    return _one("full_online_eligible")(
        source,
        period,
        by=by,
        calendar=calendar,
        full_process_procedures=full_process_procedures,
    )


online_share = _one("online")
in_person_share = _one("in_person")
postal_share = _one("postal")
kiosk_share = _one("kiosk")
full_online_share = _one("full_online")
online_payment_share = _one("paid_online")
e_result_share = _one("e_result")
digitised_share = _one("digitised")
reused_data_share = _one("reused_data")
satisfaction = _one("satisfaction")
satisfied_receiving_share = _one("satisfied_receiving")
satisfied_resolving_share = _one("satisfied_resolving")

#: Indicator code -> its function.
INDICATOR_FUNCTIONS: dict[str, Callable[..., list[IndicatorValue]]] = {
    "on_time": on_time_share,
    "early": early_share,
    "processing_time": average_processing_time,
    "full_online_eligible": full_online_eligible_share,
    "online": online_share,
    "in_person": in_person_share,
    "postal": postal_share,
    "kiosk": kiosk_share,
    "full_online": full_online_share,
    "paid_online": online_payment_share,
    "e_result": e_result_share,
    "digitised": digitised_share,
    "reused_data": reused_data_share,
    "satisfaction": satisfaction,
    "satisfied_receiving": satisfied_receiving_share,
    "satisfied_resolving": satisfied_resolving_share,
}
