"""Service-quality indicators (Bộ chỉ số 766) and online-service measures, in Python or in SQL.

Every indicator is computed for a period and grouped by province, commune, authority, field or
procedure, from any iterable of :class:`~adminflow.dossiers.DossierRow` (the Python engine) or
from a ``dossiers`` table through a :class:`SqlSource` (the SQL engine); both give the same
answer. :func:`report` computes them all at once.

Examples:
    >>> import datetime as dt
    >>> from adminflow.indicators import report
    >>> table = report([], "2025-Q3", by="commune")
    >>> table.total["on_time"].status.value
    'not_applicable'
"""

from adminflow.indicators._compute import (
    INDICATOR_FUNCTIONS,
    average_processing_time,
    digitised_share,
    e_result_share,
    early_share,
    full_online_eligible_share,
    full_online_share,
    in_person_share,
    kiosk_share,
    on_time_share,
    online_payment_share,
    online_share,
    postal_share,
    report,
    reused_data_share,
    satisfaction,
    satisfied_receiving_share,
    satisfied_resolving_share,
    tallies,
)
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
from adminflow.indicators._period import Period
from adminflow.indicators._sql import SqlSource
from adminflow.indicators._tally import COMPLETED_STATUSES, GROUP_COLUMNS, TALLY_FIELDS

__all__ = [
    "COMPLETED_STATUSES",
    "DEFINITIONS",
    "GROUP_COLUMNS",
    "INDICATOR_FUNCTIONS",
    "TALLY_FIELDS",
    "GroupResult",
    "IndicatorDefinition",
    "IndicatorKind",
    "IndicatorReport",
    "IndicatorValue",
    "Period",
    "ProvidedValue",
    "SqlSource",
    "ValueStatus",
    "average_processing_time",
    "definition",
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
    "points_for",
    "postal_share",
    "report",
    "reused_data_share",
    "satisfaction",
    "satisfied_receiving_share",
    "satisfied_resolving_share",
    "tallies",
]
