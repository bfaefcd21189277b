"""The Python engine: the counters of :mod:`adminflow.indicators._tally` over any iterable of rows.

The rules per dossier (each mirrored by the SQL engine, clause for clause):

* **2.1 population** — received before the period ends and not finished before it starts
  ("hồ sơ được tiếp nhận, xử lý trong kỳ"). **End of processing** = the finish instant when it
  falls in the period; else the pending supplement request when it falls in the period ("lấy
  ngày cán bộ yêu cầu bổ sung"); else the period's last second ("lấy ngày cuối kỳ"). **Supplement
  time** (``supplement_seconds``) is deducted from the end. **More than one supplement request ⇒
  late.** On time when the effective end ≤ the appointment (``due_at``); early when its local
  day is before the appointment's day.
* **2.2** — dossiers received in the period whose status is a result (ready or returned) and
  which finished in the period: working days in ``(receipt day, effective end day]`` on the
  working calendar.
* **Shares** — dossiers received in the period.

References:
    NPSP calculation guide ("Mô tả công thức tính chỉ số 766.docx"), indicators 2.1, 2.2, 3.3,
    3.6, 4.1-4.3, 5.4; Decree 307/2025/NĐ-CP Appendix item 12.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from typing import Any

from adminflow.errors import AdminflowError, InvalidValueError
from adminflow.indicators._period import DAY, WorkdayOrdinals
from adminflow.indicators._tally import TALLY_FIELDS, Tally

__all__ = ["tally_rows"]

_N = len(TALLY_FIELDS)


def _instant(row: Any, field: str) -> int | None:
    value = getattr(row, field)
    if value is None:
        return None
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise InvalidValueError(
            f"rows[{getattr(row, 'id', '?')!r}].{field}", value, "must be an aware datetime"
        )
    return int(value.timestamp())


def tally_rows(
    rows: Iterable[Any],
    *,
    lo: int,
    hi: int,
    until: int,
    deduct: bool,
    column: str | None,
    ordinals: WorkdayOrdinals,
    eligible: Collection[str] | None,
    completed_statuses: Collection[str],
) -> dict[str | None, Tally]:
    """The counters per group value of ``column`` (one group ``None`` when ``column`` is None).

    Raises:
        InvalidValueError: A row is not a dossier row or holds a naive datetime.
        CalendarError: A day falls outside the calendar's years.
    """
    off = ordinals.offset
    first, cum = ordinals.first, ordinals.cum
    size = len(cum)
    result: dict[str | None, Tally] = {}
    row: Any = None
    try:
        for row in rows:
            received_at = row.received_at
            if received_at is None:
                continue
            rcv = _instant(row, "received_at")
            assert rcv is not None
            if rcv >= hi:
                continue
            fin = _instant(row, "finished_at")
            if fin is not None and fin < lo:
                continue
            key = getattr(row, column) if column is not None else None
            t = result.get(key)
            if t is None:
                t = result[key] = [0] * _N
            sup = row.supplement_seconds
            # 2.1 and 5.4 (indices follow TALLY_FIELDS)
            t[0] += 1
            due = _instant(row, "due_at")
            if due is None:
                t[1] += 1
            else:
                if fin is not None and fin < hi:
                    end = fin
                else:
                    pend = _instant(row, "pending_supplement_since")
                    end = pend if pend is not None and pend < until else until - 1
                eff = end - sup if deduct else end
                requests = row.supplement_requests_reception + row.supplement_requests_processing
                if requests <= 1 and eff <= due:
                    t[2] += 1
                    if (eff + off) // DAY < (due + off) // DAY:
                        t[3] += 1
            receiving, resolving = row.satisfied_receiving, row.satisfied_resolving
            if receiving is False or resolving is False:
                t[4] += 1
            if receiving is not None:
                t[5] += 1
                t[6] += receiving is True
            if resolving is not None:
                t[7] += 1
                t[8] += resolving is True
            if rcv >= lo:
                t[9] += 1
                channel = row.channel
                paper = row.paper_result
                e_result = row.e_result
                if channel == "online":
                    t[10] += 1
                    t[11] += not paper or e_result
                elif channel == "postal":
                    t[13] += 1
                elif channel == "kiosk":
                    t[14] += 1
                else:  # in person, at a mobile point, or no channel recorded (guide 3.3)
                    t[12] += 1
                if paper:
                    t[15] += 1
                    t[16] += e_result
                t[17] += row.digitised and (not paper or e_result)
                t[18] += row.reused_data
                if row.fee_payable:
                    t[19] += 1
                    t[20] += row.paid_online
                if eligible is not None and row.procedure_code in eligible:
                    t[21] += 1
                    t[22] += row.full_online
                if fin is not None and fin < hi and row.status in completed_statuses:
                    a = (rcv + off) // DAY - first
                    b = (fin - sup + off) // DAY - first
                    if not (0 <= a < size and 0 <= b < size):
                        from adminflow.errors import CalendarError

                        raise CalendarError(
                            f"rows[{row.id!r}]", row.received_at, "outside the calendar's years"
                        )
                    t[23] += 1
                    t[24] += cum[b] - cum[a]
            if fin is not None and fin < hi:
                t[25] += 1
                t[26] += row.full_online
    except (AttributeError, TypeError, ValueError, OverflowError, IndexError) as exc:
        if isinstance(exc, AdminflowError):
            raise
        raise InvalidValueError("rows", row, f"must hold DossierRow values ({exc})") from exc
    return result
