"""Online public service classification (dịch vụ công trực tuyến), versioned by date.

Private module; the public names are re-exported by :mod:`adminflow.competence`.
"""

from __future__ import annotations

import datetime as dt

import attrs

from adminflow.competence._model import as_day
from adminflow.errors import InvalidValueError

__all__ = [
    "DECREE_42_2022_FROM",
    "ONLINE_SERVICE_REGIMES",
    "OnlineServiceClassification",
    "OnlineServiceRegime",
    "classify_online_service",
    "online_service_regime",
]

_LEVELS = ("full", "partial", "none")


@attrs.frozen(kw_only=True)
class OnlineServiceRegime:
    """The instrument that classifies online public services over a period.

    Attributes:
        instrument: The decree.
        valid_from: First day it governs, or ``None`` for "before every later regime".
        valid_until: Last day it governs (inclusive), or ``None``.
        articles: Article of each level (``"full"``, ``"partial"``, ``"none"``).
        partial_reason_required: Whether a partial service must publish its reason and the
            specialised-law provision (presence required, on-site verification, technical
            incident, other technical issue).
    """

    instrument: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    articles: tuple[tuple[str, str], ...]
    partial_reason_required: bool

    def governs(self, on: dt.date) -> bool:
        """Whether the regime governs that day."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


#: First day of Decree 42/2022/NĐ-CP (24 June 2022), which replaced the four levels (mức độ
#: 1-4) of Decree 43/2011/NĐ-CP by full-process and partial services. The effective date
#: 1 August 2022 was not read in the decree's text [B]. adminflow does not model the levels of
#: Decree 43/2011 (they do not map onto full/partial), so earlier dates are refused.
DECREE_42_2022_FROM = dt.date(2022, 8, 1)

#: The regimes, oldest first. Decree 42/2022/NĐ-CP governs until 30 June 2026 (it ceased to
#: have effect when Decree 224/2026/NĐ-CP took effect, Art. 90(1)-(2)).
ONLINE_SERVICE_REGIMES: tuple[OnlineServiceRegime, ...] = (
    OnlineServiceRegime(
        instrument="Decree 42/2022/NĐ-CP",
        valid_from=DECREE_42_2022_FROM,
        valid_until=dt.date(2026, 6, 30),
        articles=(("full", "Art. 11(1)(a)"), ("partial", "Art. 11(1)(b)"), ("none", "Art. 11(1)")),
        partial_reason_required=False,
    ),
    OnlineServiceRegime(
        instrument="Decree 224/2026/NĐ-CP",
        valid_from=dt.date(2026, 7, 1),
        valid_until=None,
        articles=(("full", "Art. 14"), ("partial", "Art. 14"), ("none", "Art. 14")),
        partial_reason_required=True,
    ),
)

_LABELS = {
    "full": "dịch vụ công trực tuyến toàn trình",
    "partial": "dịch vụ công trực tuyến một phần",
    "none": "không cung cấp dịch vụ công trực tuyến",
}


@attrs.frozen(kw_only=True)
class OnlineServiceClassification:
    """How a procedure's online service is classified on a day, and under which instrument.

    Attributes:
        level: ``"full"``, ``"partial"`` or ``"none"`` (the catalogue's
            :class:`~adminflow.procedures.OnlineServiceLevel` values).
        label: The Vietnamese label.
        legal_basis: Instrument and article.
        partial_reason_required: Whether a published reason is required (partial services
            from 1 July 2026).
        regime: The governing regime.
    """

    level: str
    label: str
    legal_basis: str
    partial_reason_required: bool
    regime: OnlineServiceRegime


def online_service_regime(on: dt.date | dt.datetime) -> OnlineServiceRegime:
    """The regime classifying online public services on ``on``.

    Args:
        on: The day, or an aware instant (taken in Vietnam time).

    Raises:
        InvalidValueError: ``on`` is not a date or an aware datetime, or is before 1 August
            2022: online services were then graded by levels 1-4 (Decree 43/2011/NĐ-CP), which
            adminflow does not model (``field="on"``).

    Examples:
        >>> online_service_regime(dt.date(2026, 6, 30)).instrument
        'Decree 42/2022/NĐ-CP'
        >>> online_service_regime(dt.date(2026, 7, 1)).instrument
        'Decree 224/2026/NĐ-CP'
    """
    day = as_day("on", on)
    for regime in ONLINE_SERVICE_REGIMES:
        if regime.governs(day):
            return regime
    raise InvalidValueError(
        "on",
        on,
        "before 1 Aug 2022 online public services were graded by levels 1-4 under Decree "
        "43/2011/NĐ-CP, which adminflow does not model (full/partial start with Decree "
        "42/2022/NĐ-CP)",
    )


def classify_online_service(
    level: str, *, on: dt.date | dt.datetime
) -> OnlineServiceClassification:
    """Classify an online service level under the regime in force on ``on``.

    Args:
        level: ``"full"``, ``"partial"`` or ``"none"`` (an ``OnlineServiceLevel`` works).
        on: The day (e.g. the dossier's receipt date or the end of a reporting period).

    Raises:
        InvalidValueError: Unknown level, or ``on`` is not a date or an aware datetime.

    References:
        Decree 42/2022/NĐ-CP Art. 11(1)(a)-(b) (until 30 June 2026); Decree 224/2026/NĐ-CP
        Art. 14 (from 1 July 2026: full-process is the rule, a partial service must publish
        its reason).

    Examples:
        >>> c = classify_online_service("partial", on=dt.date(2026, 7, 1))
        >>> c.label, c.legal_basis, c.partial_reason_required
        ('dịch vụ công trực tuyến một phần', 'Decree 224/2026/NĐ-CP, Art. 14', True)
    """
    value = str(level)
    if value not in _LEVELS:
        raise InvalidValueError("level", level, f"must be one of {', '.join(_LEVELS)}")
    regime = online_service_regime(on)
    article = dict(regime.articles)[value]
    return OnlineServiceClassification(
        level=value,
        label=_LABELS[value],
        legal_basis=f"{regime.instrument}, {article}",
        partial_reason_required=regime.partial_reason_required and value == "partial",
        regime=regime,
    )
