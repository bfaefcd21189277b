"""The indicators as data: identifier, names, maximum points, saturation threshold and sources.

The maxima are those the National Public Service Portal (NPSP) scores today; the thresholds and
formulas come from the NPSP calculation guide. Both are data, so a province that scores its units
on its own profile passes a different tuple of :class:`IndicatorDefinition` to
:func:`adminflow.indicators.report`.

References:
    Decision 766/QĐ-TTg of 23 June 2022 (index of service quality; 100 points = 18 + 20 + 22 + 22
    + 18 over five groups). "Mô tả công thức tính chỉ số 766.docx" (the NPSP calculation guide,
    SHA-256 41A27E55…87AF), read in a public transcription: formulas, the 80 % / 50 % / 90 %
    saturation rule and "denominator 0 ⇒ 0 or N/A". Per-indicator maxima: a 2026 public code base
    reconciled with the NPSP API (note of 8 October 2026) — secondary, see the docs page
    "Measuring service quality". Decree 307/2025/NĐ-CP Appendix item 12 (full-process online
    dossier).
"""

from __future__ import annotations

import math
from enum import StrEnum

import attrs

__all__ = [
    "DEFINITIONS",
    "GUIDE",
    "MAXIMA_SOURCE",
    "IndicatorDefinition",
    "IndicatorKind",
    "definition",
    "points_for",
]

#: The formula source every 766 indicator cites.
GUIDE = (
    "Decision 766/QĐ-TTg (23 Jun 2022); NPSP calculation guide 'Mô tả công thức tính chỉ số"
    " 766.docx' (SHA-256 41A27E55…87AF)"
)
#: Where the maximum points come from.
MAXIMA_SOURCE = (
    "NPSP scoring table as reconciled with the NPSP API, 8 Oct 2026 (secondary source); group"
    " maxima 18/20/22/22/18 from Decision 766/QĐ-TTg"
)


class IndicatorKind(StrEnum):
    """How an indicator's value reads."""

    RATE = "rate"
    """A share: numerator ÷ denominator, between 0 and 1."""
    AVERAGE = "average"
    """An average: a total ÷ a count, in :attr:`IndicatorDefinition.unit`."""


@attrs.frozen(kw_only=True)
class IndicatorDefinition:
    """One indicator (chỉ số) of the service-quality index, with its scoring data.

    Attributes:
        code: Stable identifier, e.g. ``"on_time"``.
        number: The number in the NPSP guide, e.g. ``"2.1"``; ``""`` for measures outside it.
        name: English name.
        vietnamese: The Vietnamese name in the guide.
        group: The 766 group (1-5), 0 for measures outside the index.
        kind: A rate or an average.
        max_points: Points at full score; ``None`` when the measure is not scored.
        threshold: The rate at which the points saturate (0.8, 0.5, 0.9); ``None`` for
            "points = rate × maximum".
        held: Whether adminflow holds the data (``False``: the caller must provide it).
        formula: The formula in one line.
        source: The formula's source.
        points_source: The source of :attr:`max_points` and :attr:`threshold`.
        unit: The unit of an average (``"working days"``).
    """

    code: str
    number: str
    name: str
    vietnamese: str
    group: int
    kind: IndicatorKind = IndicatorKind.RATE
    max_points: float | None = None
    threshold: float | None = None
    held: bool = True
    formula: str = ""
    source: str = GUIDE
    points_source: str = MAXIMA_SOURCE
    unit: str = ""


def _d(**kwargs: object) -> IndicatorDefinition:
    return IndicatorDefinition(**kwargs)  # type: ignore[arg-type]


#: Every indicator adminflow reports, in report order. Group 1 and the procedure-level measures
#: are inputs adminflow does not hold: :func:`~adminflow.indicators.report` lists them as
#: "input missing" unless the caller provides them.
DEFINITIONS: tuple[IndicatorDefinition, ...] = (
    # Group 1 - publicity, transparency (18): procedure publication, not dossiers.
    _d(
        code="published_on_time",
        number="1.1",
        name="procedures announced on time",
        vietnamese="Tỷ lệ TTHC công bố đúng hạn",
        group=1,
        max_points=6,
        held=False,
        formula="procedures announced on time ÷ procedures announced in the period",
    ),
    _d(
        code="updated_on_time",
        number="1.2",
        name="procedures updated and published on time",
        vietnamese="Tỷ lệ TTHC được cập nhật, công khai đúng hạn",
        group=1,
        max_points=4,
        held=False,
        formula="procedures published within 5 (province) working days ÷ to be published",
    ),
    _d(
        code="published_complete",
        number="1.3",
        name="procedures published with every component",
        vietnamese="Tỷ lệ TTHC công khai đầy đủ nội dung",
        group=1,
        max_points=2,
        held=False,
        formula="procedures with all Decree 63/2010 Art. 8(2) parts ÷ published procedures",
    ),
    _d(
        code="synchronised",
        number="1.4",
        name="dossiers synchronised to the NPSP",
        vietnamese="Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia",
        group=1,
        max_points=6,
        held=False,
        formula="dossiers synchronised with a receipt date in the period ÷ dossiers to count",
    ),
    # Group 2 - progress and results (20).
    _d(
        code="on_time",
        number="2.1",
        name="dossiers processed early or on time",
        vietnamese="Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
        group=2,
        max_points=20,
        formula=(
            "dossiers finished or still running with end − supplement time ≤ appointment ÷"
            " dossiers received or processed in the period; more than one supplement request"
            " ⇒ late"
        ),
    ),
    _d(
        code="early",
        number="2.1",
        name="dossiers processed early",
        vietnamese="Tỷ lệ hồ sơ xử lý trước hạn",
        group=2,
        formula="dossiers whose end day is before the appointment day ÷ the 2.1 denominator",
    ),
    _d(
        code="processing_time",
        number="2.2",
        name="average processing time",
        vietnamese="Thời gian giải quyết TTHC trung bình",
        group=2,
        kind=IndicatorKind.AVERAGE,
        unit="working days",
        formula=(
            "Σ working days from receipt to end − supplement time ÷ completed dossiers"
            " received in the period"
        ),
    ),
    # Group 3 - online provision (22).
    _d(
        code="full_online_eligible",
        number="3",
        name="full-process online dossiers of eligible procedures",
        vietnamese="Hồ sơ DVCTT toàn trình trên tổng hồ sơ TTHC đủ điều kiện toàn trình",
        group=3,
        max_points=12,
        formula=(
            "full-process online dossiers ÷ dossiers of procedures eligible for full-process"
            " online (an input) received in the period"
        ),
    ),
    _d(
        code="online_procedures",
        number="3.1",
        name="procedures offered as online services",
        vietnamese="Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
        group=3,
        threshold=0.8,
        held=False,
        formula="procedures with a partial or full online service ÷ procedures in competence",
    ),
    _d(
        code="online",
        number="3.3",
        name="online dossiers",
        vietnamese="Tỷ lệ hồ sơ nộp trực tuyến",
        group=3,
        threshold=0.5,
        formula=(
            "dossiers filed online (with an electronic result where the result is a paper"
            " document) ÷ dossiers received in the period × sync rate (1.4, when given)"
        ),
    ),
    _d(
        code="in_person",
        number="3.3",
        name="in-person dossiers",
        vietnamese="Tỷ lệ hồ sơ nộp trực tiếp",
        group=3,
        formula=(
            "dossiers filed in person (a mobile receipt point, or no channel recorded, counts"
            " here) ÷ dossiers received in the period"
        ),
    ),
    _d(
        code="postal",
        number="3.3",
        name="postal dossiers",
        vietnamese="Tỷ lệ hồ sơ nộp qua bưu chính công ích",
        group=3,
        formula="dossiers filed by public post ÷ dossiers received in the period",
    ),
    _d(
        code="kiosk",
        number="",
        name="smart-kiosk dossiers",
        vietnamese="Tỷ lệ hồ sơ nộp qua ki-ốt thông minh",
        group=0,
        formula="dossiers filed at a smart kiosk ÷ dossiers received in the period",
        source="Decree 309/2026/NĐ-CP Art. 1 (new Art. 3(9) of Decree 118/2025: smart kiosk)",
        points_source="not scored",
    ),
    _d(
        code="full_online",
        number="",
        name="full-process online dossiers",
        vietnamese="Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình",
        group=0,
        formula="full-process online dossiers ÷ dossiers resolved in the period",
        source="Decree 307/2025/NĐ-CP Appendix, item 12",
        points_source="not scored by the 766 index",
    ),
    _d(
        code="online_payment_procedures",
        number="3.5",
        name="fee-bearing procedures integrated for online payment",
        vietnamese="Tỷ lệ TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến",
        group=3,
        max_points=2,
        threshold=0.8,
        held=False,
        formula="procedures with synchronised fee data ÷ procedures with a non-zero fee",
    ),
    _d(
        code="online_payment_transactions",
        number="3.5b",
        name="procedures with online payment transactions",
        vietnamese="TTHC có giao dịch thanh toán trực tuyến",
        group=3,
        max_points=2,
        held=False,
        formula="procedures with at least one online payment ÷ fee-bearing procedures",
    ),
    _d(
        code="paid_online",
        number="3.6",
        name="dossiers paid online",
        vietnamese="Tỷ lệ hồ sơ thanh toán trực tuyến",
        group=3,
        max_points=6,
        formula="fee-bearing dossiers paid online ÷ fee-bearing dossiers received in the period",
    ),
    # Group 4 - digitisation (22).
    _d(
        code="e_result",
        number="4.1",
        name="dossiers with an electronic result",
        vietnamese="Tỷ lệ hồ sơ có cấp kết quả giải quyết điện tử",
        group=4,
        max_points=6,
        formula=(
            "dossiers with an electronic result ÷ dossiers of procedures whose result is a"
            " paper document, received in the period"
        ),
    ),
    _d(
        code="digitised",
        number="4.2",
        name="digitised dossiers",
        vietnamese="Tỷ lệ hồ sơ thực hiện số hóa hồ sơ",
        group=4,
        max_points=4,
        threshold=0.8,
        formula=(
            "dossiers with digitised components (and an electronic result where the result is"
            " a paper document) ÷ dossiers received in the period"
        ),
    ),
    _d(
        code="certified_copies",
        number="",
        name="electronic certified copies from originals offered",
        vietnamese="Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính",
        group=4,
        max_points=2,
        held=False,
        formula="as published by the NPSP",
    ),
    _d(
        code="reused_data",
        number="4.3",
        name="dossiers reusing digitised data",
        vietnamese="Tỷ lệ hồ sơ khai thác, sử dụng lại thông tin, dữ liệu số hóa",
        group=4,
        max_points=2,
        threshold=0.8,
        formula="dossiers with a component reusing digitised data ÷ dossiers received",
    ),
    _d(
        code="data_store_linked",
        number="4.4",
        name="digitised dossiers linked to the applicant's NPSP data store",
        vietnamese="Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu phục vụ tái sử dụng",
        group=4,
        max_points=4,
        held=False,
        formula="dossiers linked to the applicant's data store ÷ dossiers received",
    ),
    _d(
        code="population_data_dossiers",
        number="4.5b",
        name="dossiers using population-database data",
        vietnamese="Hồ sơ sử dụng thông tin từ CSDL quốc gia về dân cư",
        group=4,
        max_points=2,
        held=False,
        formula="dossiers using population data ÷ dossiers",
    ),
    _d(
        code="population_data_procedures",
        number="4.5a",
        name="procedures connected to the population database",
        vietnamese="TTHC kết nối, chia sẻ dữ liệu dân cư",
        group=4,
        max_points=2,
        held=False,
        formula="procedures for citizens with population-data connection ÷ such procedures",
    ),
    # Group 5 - satisfaction (18).
    _d(
        code="feedback_on_time",
        number="5.2",
        name="feedback handled on time",
        vietnamese="Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn",
        group=5,
        max_points=6,
        held=False,
        formula="feedback handled within 2/5/15/2 working days ÷ feedback in the period",
    ),
    _d(
        code="feedback_satisfaction",
        number="5.3",
        name="satisfaction with feedback handling",
        vietnamese="Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị",
        group=5,
        max_points=6,
        held=False,
        formula="(feedback − disliked, repeated or overdue) ÷ feedback",
    ),
    _d(
        code="satisfaction",
        number="5.4",
        name="satisfaction in receiving and resolving procedures",
        vietnamese="Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC",
        group=5,
        max_points=6,
        threshold=0.9,
        formula="100 % − (share of late dossiers + share of dossiers rated dissatisfied)",
    ),
    _d(
        code="satisfied_receiving",
        number="5.4",
        name="satisfaction with receiving",
        vietnamese="Mức độ hài lòng về tiếp nhận hồ sơ",
        group=5,
        formula="dossiers rated satisfied with receiving ÷ dossiers rated on receiving",
    ),
    _d(
        code="satisfied_resolving",
        number="5.4",
        name="satisfaction with resolving",
        vietnamese="Mức độ hài lòng về giải quyết hồ sơ",
        group=5,
        formula="dossiers rated satisfied with resolving ÷ dossiers rated on resolving",
    ),
)

_BY_CODE = {d.code: d for d in DEFINITIONS}


def definition(code: str) -> IndicatorDefinition:
    """The definition of the indicator ``code`` in :data:`DEFINITIONS`.

    Raises:
        NotFoundError: No indicator has that code.
    """
    from adminflow.errors import NotFoundError

    try:
        return _BY_CODE[code]
    except (KeyError, TypeError):
        raise NotFoundError("indicator", code) from None


def points_for(
    rate: float | None, max_points: float | None, threshold: float | None
) -> float | None:
    """Points for ``rate``: linear up to the saturation threshold, full points at or above it.

    ``points = max × min(1, rate ÷ threshold)``, or ``max × rate`` without a threshold; rounded to
    2 decimals. ``None`` when the rate is not applicable or the indicator is not scored.

    References:
        NPSP calculation guide, notes of 3.1, 3.3, 3.5, 4.2, 4.3 and 5.4 ("Đạt từ 80 % trở lên sẽ
        đạt điểm tối đa. Dưới 80 % tính theo công thức: tỷ lệ × điểm tối đa ÷ 80 %").

    Examples:
        >>> points_for(0.4, 6, 0.8)
        3.0
        >>> points_for(0.95, 6, 0.8)
        6.0
        >>> points_for(0.5, 20, None)
        10.0
    """
    for name, value in (("rate", rate), ("max_points", max_points), ("threshold", threshold)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            from adminflow.errors import InvalidValueError

            raise InvalidValueError(name, value, "must be a number or None")
    if rate is None or max_points is None or math.isnan(rate):
        return None
    share = min(1.0, rate / threshold) if threshold else min(1.0, rate)
    return round(max(0.0, share) * max_points, 2)
