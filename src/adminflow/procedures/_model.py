"""Procedures (thủ tục hành chính) and the catalogue (danh mục) that holds them.

A :class:`Procedure` is one catalogue entry as a province publishes it: code, name, field
(lĩnh vực), competent level and authority, legal processing time, channels, online service
level, boundary-free scope, fees, required documents, result, internal steps (quy trình nội
bộ) with their time budgets, and the legal basis. Its invariants are checked when it is built,
so an object that exists is a well-formed entry.

A :class:`Catalog` is an immutable collection of procedures keyed by code. It reads and writes
TOML and JSON files (see :meth:`Catalog.load`); a file with problems is rejected with *every*
problem listed, each with its path (``procedures[3].processing_time.working_days``).

References:
    Decree 63/2010/NĐ-CP, Art. 8 (what a published procedure states: name, sequence, channels,
    dossier components, processing time, fees, result, legal basis).
    Decree 118/2025/NĐ-CP, Art. 3(6)-(7), Art. 14(2), Art. 40(4) (boundary-free receipt,
    within the province for every procedure from 31 December 2025).
    Decree 42/2022/NĐ-CP, Art. 11(1), until 30 June 2026, and Decree 224/2026/NĐ-CP, Art. 14,
    from 1 July 2026 (full-process and partial online public services).
"""

from __future__ import annotations

import datetime as dt
import enum
from fractions import Fraction
from typing import Any

import attrs

from adminflow.calendar import ProcessingTime
from adminflow.errors import InvalidValueError
from adminflow.jurisdictions import AuthorityKind, Level
from adminflow.procedures._checks import (
    check_document,
    check_extension,
    check_fee,
    check_procedure,
    check_step,
)

__all__ = [
    "BoundaryFreeScope",
    "Channel",
    "DocumentKind",
    "Extension",
    "Fee",
    "FeePayable",
    "OnlineServiceLevel",
    "Procedure",
    "RequiredDocument",
    "ResultKind",
    "Step",
]


class Channel(enum.StrEnum):
    """A channel (cách thức thực hiện) through which a dossier is filed and its result returned.

    References:
        Decree 118/2025/NĐ-CP, Art. 3(6) (in person at a One-Stop Unit, by public postal
        service, online on the National Public Service Portal); Art. 14(3)(a) (mobile receipt).
    """

    IN_PERSON = "in_person"  #: trực tiếp tại Bộ phận Một cửa
    POSTAL = "postal"  #: qua dịch vụ bưu chính công ích
    ONLINE = "online"  #: trực tuyến
    MOBILE_POINT = "mobile_point"  #: lưu động (mobile service point)


class OnlineServiceLevel(enum.StrEnum):
    """The online public service level (mức độ dịch vụ công trực tuyến) of a procedure.

    References:
        Decree 42/2022/NĐ-CP, Art. 11(1)(a)-(b) (until 30 June 2026); Decree 224/2026/NĐ-CP,
        Art. 14 (from 1 July 2026: a partial service must publish its reason).
    """

    FULL = "full"  #: toàn trình: filing, processing and result all online
    PARTIAL = "partial"  #: một phần: some step needs paper or presence
    NONE = "none"  #: no online public service


class BoundaryFreeScope(enum.StrEnum):
    """Where a dossier may be received regardless of administrative boundaries.

    ``PROVINCE`` is the legal default since 31 December 2025; ``NONE`` is an exclusion and must
    carry its reason (a province's list decision) in :attr:`Procedure.boundary_free_note`.

    References:
        Decree 118/2025/NĐ-CP, Art. 3(6) (nationwide), Art. 3(7) and 14(2) (within the
        province), Art. 40(4) (every procedure within the province by 31 December 2025).
    """

    NONE = "none"  #: only at the competent authority's own One-Stop Unit
    PROVINCE = "province"  #: any One-Stop Unit in the province (trong phạm vi cấp tỉnh)
    NATIONWIDE = "nationwide"  #: any One-Stop Unit in the country (Art. 3(6))


class ResultKind(enum.StrEnum):
    """The form of a procedure's result (kết quả giải quyết).

    References:
        Decree 118/2025/NĐ-CP, Art. 22 (electronic results carry a document code and may be
        reused).
    """

    PAPER = "paper"  #: bản giấy
    ELECTRONIC = "electronic"  #: bản điện tử
    BOTH = "both"  #: paper and electronic


class FeePayable(enum.StrEnum):
    """When a fee or charge (phí, lệ phí) is paid."""

    ON_SUBMISSION = "on_submission"  #: khi nộp hồ sơ
    ON_RESULT = "on_result"  #: khi nhận kết quả


class DocumentKind(enum.StrEnum):
    """How a document of the dossier (thành phần hồ sơ) is supplied."""

    ORIGINAL = "original"  #: bản chính
    COPY = "copy"  #: bản sao (with the original shown for comparison)
    CERTIFIED_COPY = "certified_copy"  #: bản sao có chứng thực
    SHOWN = "shown"  #: xuất trình: shown to the officer, not kept


def _as(cls: type[enum.StrEnum], value: Any) -> Any:
    """Turn a storage value into ``cls``; leave anything else for the checks to report."""
    if isinstance(value, str) and not isinstance(value, cls):
        try:
            return cls(value)
        except ValueError:
            return value
    return value


def _to_level(value: Any) -> Any:
    return _as(Level, value)


def _to_authority_kind(value: Any) -> Any:
    return _as(AuthorityKind, value)


def _to_online_service(value: Any) -> Any:
    return _as(OnlineServiceLevel, value)


def _to_boundary_free(value: Any) -> Any:
    return _as(BoundaryFreeScope, value)


def _to_result(value: Any) -> Any:
    return _as(ResultKind, value)


def _to_payable(value: Any) -> Any:
    return _as(FeePayable, value)


def _to_document_kind(value: Any) -> Any:
    return _as(DocumentKind, value)


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


def _to_channels(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        try:
            return frozenset(_as(Channel, v) for v in value)
        except TypeError:  # an unhashable item: leave it for the checks to report
            return value
    return value


@attrs.frozen
class Fee:
    """A fee or charge (phí, lệ phí) payable for a procedure.

    Attributes:
        amount_vnd: Amount in đồng, ``>= 0``; ``0`` for an exemption. When :attr:`provincial`
            is true the amount is an example from one province, or 0 when none is given.
            At most ``2**63 - 1``, the largest integer TOML and SQL databases store.
        description: What the fee is for and to whom it applies.
        payable: When it is paid.
        legal_basis: The instrument that sets it (circular, resolution, article).
        per: The unit the amount is charged per (``"page"``, ``"copy"``), if any.
        maximum_vnd: A cap on the total charged, if any (``>= amount_vnd``).
        provincial: True when the provincial People's Council sets the amount.

    References:
        Law on Fees and Charges No. 97/2015/QH13; Circular 85/2019/TT-BTC (fees set by the
        provincial People's Council).

    Examples:
        >>> Fee(10_000, "Chứng thực chữ ký, per case").amount_vnd
        10000
        >>> Fee(-1, "x")
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: amount_vnd: must be >= 0, got -1
    """

    amount_vnd: int
    description: str
    payable: FeePayable = attrs.field(
        default=FeePayable.ON_SUBMISSION, converter=_to_payable, kw_only=True
    )
    legal_basis: str | None = attrs.field(default=None, kw_only=True)
    per: str | None = attrs.field(default=None, kw_only=True)
    maximum_vnd: int | None = attrs.field(default=None, kw_only=True)
    provincial: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check_fee(attrs.asdict(self, recurse=False)).raise_if_any("fee")


@attrs.frozen
class RequiredDocument:
    """A component of the dossier (thành phần hồ sơ).

    Attributes:
        name: The document, as published (``"Tờ khai đăng ký khai sinh"``).
        kind: Original, copy, certified copy, or shown only.
        quantity: How many of it (``>= 1``).
        form: The prescribed form, if any (``"Mẫu số 15, Decree 151/2025/NĐ-CP"``).
        condition: When it is needed, if not always (``"if the applicant is represented"``).
    """

    name: str
    kind: DocumentKind = attrs.field(
        default=DocumentKind.ORIGINAL, converter=_to_document_kind, kw_only=True
    )
    quantity: int = attrs.field(default=1, kw_only=True)
    form: str | None = attrs.field(default=None, kw_only=True)
    condition: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check_document(attrs.asdict(self, recurse=False)).raise_if_any("document")


@attrs.frozen
class Step:
    """An internal step (bước trong quy trình nội bộ) with its responsible role and time budget.

    The budget is in the unit of the procedure's processing time: working days for a time in
    working days, working hours for a time in working hours *or* a same-day time.

    Attributes:
        name: What is done (``"Thẩm định hồ sơ"``).
        role: Who does it (``"công chức tư pháp - hộ tịch"``).
        budget: Time budget, ``> 0``; halves and quarters are common (``0.5`` day).

    References:
        Decree 118/2025/NĐ-CP, Art. 17 (internal electronic workflow for each procedure).
    """

    name: str
    role: str
    budget: float

    def __attrs_post_init__(self) -> None:
        check_step(attrs.asdict(self, recurse=False)).raise_if_any("step")


@attrs.frozen
class Extension:
    """A longer time limit (thời hạn kéo dài) that replaces the normal one under a condition.

    Attributes:
        time: The time limit that applies, counted from complete receipt, when the condition
            holds.
        condition: When it applies, in the words of the law.
        legal_basis: Where the law says so.

    Examples:
        >>> e = Extension(ProcessingTime.working_days(5), "verification is needed")
        >>> str(e.time)
        '5 working days'
    """

    time: ProcessingTime
    condition: str
    legal_basis: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check_extension(attrs.asdict(self, recurse=False)).raise_if_any("extension")


@attrs.frozen
class Procedure:
    """An administrative procedure (thủ tục hành chính) as published in a catalogue.

    Invariants, checked at construction (:class:`~adminflow.errors.InvalidValueError` names
    the field and the value; several problems at once raise
    :class:`~adminflow.errors.ValidationError`):

    * the code is a national procedure code (``1.001193``, ``1.013978.H41``);
    * name and field are non-empty; channels are non-empty;
    * an online service level other than ``NONE`` needs the ``ONLINE`` channel, and the
      ``ONLINE`` channel needs an online service level;
    * ``boundary_free == NONE`` needs a note giving the reason (the province's decision);
    * step budgets add up to no more than the processing time (a same-day time allows
      8 working hours);
    * the district level only for entries that end by 1 July 2025 (``valid_to``);
    * ``valid_from`` is before ``valid_to``.

    Attributes:
        code: Code in the National Database on Administrative Procedures.
        name: Vietnamese name as published.
        field: Field (lĩnh vực), e.g. ``"Hộ tịch"``.
        level: Level of the competent authority.
        authority_kind: Kind of the competent authority.
        processing_time: Legal processing time from complete receipt.
        channels: How a dossier may be filed.
        online_service: Online public service level.
        boundary_free: Scope of boundary-free receipt.
        boundary_free_note: Why the scope is what it is, with its source.
        fees: Fees and charges.
        documents: Components of the dossier.
        result: Form of the result.
        steps: Internal steps with their time budgets.
        extensions: Longer time limits that apply under conditions.
        legal_basis: Instruments and articles the procedure rests on.
        valid_from: First day the entry applies, if bounded.
        valid_to: First day the entry no longer applies, if bounded.
        notes: Caveats (unverified facts, simplifications).

    Examples:
        >>> from adminflow.calendar import ProcessingTime
        >>> from adminflow.jurisdictions import AuthorityKind, Level
        >>> p = Procedure(
        ...     "1.004873",
        ...     "Cấp Giấy xác nhận tình trạng hôn nhân",
        ...     "Hộ tịch",
        ...     Level.COMMUNE,
        ...     AuthorityKind.PEOPLES_COMMITTEE,
        ...     ProcessingTime.working_days(3),
        ...     {Channel.IN_PERSON, Channel.ONLINE},
        ...     online_service=OnlineServiceLevel.PARTIAL,
        ... )
        >>> str(p.processing_time)
        '3 working days'
        >>> attrs.evolve(p, channels={Channel.IN_PERSON})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: online_service: needs the 'online' channel, ...
    """

    code: str
    name: str
    field: str
    level: Level = attrs.field(converter=_to_level)
    authority_kind: AuthorityKind = attrs.field(converter=_to_authority_kind)
    processing_time: ProcessingTime
    channels: frozenset[Channel] = attrs.field(converter=_to_channels)
    online_service: OnlineServiceLevel = attrs.field(
        default=OnlineServiceLevel.NONE, converter=_to_online_service, kw_only=True
    )
    boundary_free: BoundaryFreeScope = attrs.field(
        default=BoundaryFreeScope.PROVINCE, converter=_to_boundary_free, kw_only=True
    )
    boundary_free_note: str | None = attrs.field(default=None, kw_only=True)
    fees: tuple[Fee, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    documents: tuple[RequiredDocument, ...] = attrs.field(
        default=(), converter=_tuple, kw_only=True
    )
    result: ResultKind = attrs.field(default=ResultKind.PAPER, converter=_to_result, kw_only=True)
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    extensions: tuple[Extension, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    legal_basis: tuple[str, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    valid_from: dt.date | None = attrs.field(default=None, kw_only=True)
    valid_to: dt.date | None = attrs.field(default=None, kw_only=True)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)

    def __attrs_post_init__(self) -> None:
        check_procedure(attrs.asdict(self, recurse=False)).raise_if_any(f"procedure {self.code}")

    @property
    def steps_total(self) -> Fraction:
        """Sum of the step budgets, exactly (in the unit of :attr:`Step.budget`)."""
        return sum((Fraction(str(s.budget)) for s in self.steps), Fraction(0))

    def is_valid_on(self, day: dt.date) -> bool:
        """Whether the entry applies on ``day`` (``valid_from <= day < valid_to``).

        Raises:
            InvalidValueError: If ``day`` is not a date (a datetime is not a date either).
        """
        given: object = day
        if isinstance(given, dt.datetime) or not isinstance(given, dt.date):
            raise InvalidValueError("day", day, "must be a date")
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day < self.valid_to


attrs.resolve_types(Fee)
attrs.resolve_types(RequiredDocument)
attrs.resolve_types(Step)
attrs.resolve_types(Extension)
attrs.resolve_types(Procedure)
