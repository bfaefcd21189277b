"""The counters both engines produce per group; every indicator is a ratio of two of them.

The counters are additive, so the totals of a grouped report are the sums of its groups, and the
two engines agree on every indicator exactly when they agree on these integers.
"""

from __future__ import annotations

from collections.abc import Mapping

from adminflow.errors import InvalidValueError

__all__ = ["COMPLETED_STATUSES", "GROUP_COLUMNS", "TALLY_FIELDS", "Tally", "add", "group_column"]

#: Counters, in the order the SQL engine selects them.
TALLY_FIELDS: tuple[str, ...] = (
    "active",  # 2.1 population: received before the period ends, not finished before it starts
    "no_appointment",  # ... of which without an appointment: not judged, reported
    "on_time",  # early or on time (2.1 numerator)
    "early",
    "dissatisfied",  # ... rated dissatisfied with receiving or resolving (5.4)
    "rated_receiving",
    "satisfied_receiving",
    "rated_resolving",
    "satisfied_resolving",
    "received",  # received in the period (denominator of the shares)
    "online",  # channel online
    "online_counted",  # ... with an electronic result where the result is a paper document (3.3)
    "in_person",
    "postal",
    "kiosk",
    "paper_result",
    "e_result",  # 4.1 numerator: electronic result of a paper-result procedure
    "digitised",  # 4.2 numerator
    "reused_data",
    "fee_payable",
    "paid_online",
    "eligible",  # dossiers of procedures eligible for full-process online (an input)
    "eligible_full_online",
    "completed",  # 2.2: results ready or returned, received in the period
    "completed_days",  # 2.2: their working days, supplement time deducted
    "resolved",  # finished in the period (Decree 307/2025 App. item 12 denominator)
    "resolved_full_online",
)

#: ``by=`` values and the DossierRow column each groups on.
GROUP_COLUMNS: Mapping[str, str] = {
    "province": "province_code",
    "commune": "unit_code",
    "unit": "unit_code",
    "receiving_unit": "receiving_unit_code",
    "authority": "authority_id",
    "field": "procedure_field",
    "procedure": "procedure_code",
    "channel": "channel",
}

#: Statuses that end processing with a result (NPSP codes 9 "Đã xử lý xong" and 10 "Đã trả kết
#: quả"): the dossiers indicator 2.2 averages.
COMPLETED_STATUSES: frozenset[str] = frozenset({"result_ready", "result_returned"})

Tally = list[int]
"""One group's counters, in :data:`TALLY_FIELDS` order."""


def group_column(by: str | None) -> str | None:
    """The DossierRow column for ``by`` (``None``: one group, the whole population).

    Raises:
        InvalidValueError: ``by`` is not a known grouping.
    """
    if by is None:
        return None
    try:
        return GROUP_COLUMNS[by]
    except (KeyError, TypeError):
        raise InvalidValueError(
            "by", by, f"must be None or one of {', '.join(sorted(GROUP_COLUMNS))}"
        ) from None


def add(into: Tally, other: Tally) -> Tally:
    """Add ``other`` to ``into`` in place; returns ``into``."""
    for i, value in enumerate(other):
        into[i] += value
    return into
