"""A procedure (thủ tục hành chính) and its parts: fees, documents, steps, extensions.

The package docstring (:mod:`adminflow.procedures`) describes the model and its sources.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeGuard

import attrs

from adminflow.calendar import ProcessingTime
from adminflow.errors import InvalidValueError
from adminflow.jurisdictions import AuthorityKind, Level, validate_procedure_code

if TYPE_CHECKING:
    from adminflow.calendar import ClockStart, Deadline, WorkingCalendar
from adminflow.procedures._checks import (
    DISTRICT_ENDS,
    Checks,
    budget_unit,
    check_document,
    check_extension,
    check_fee,
    check_items,
    check_member,
    check_step,
    check_text,
    step_capacity,
)
from adminflow.procedures._due import procedure_due
from adminflow.procedures._enums import (
    BoundaryFreeScope,
    Channel,
    DocumentKind,
    ExtensionMode,
    FeePayable,
    OnlineServiceLevel,
    PartialOnlineReason,
    ResultKind,
)

__all__ = [
    "Extension",
    "Fee",
    "Procedure",
    "RequiredDocument",
    "Step",
    "check_procedure",
]


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


def _to_extension_mode(value: Any) -> Any:
    return _as(ExtensionMode, value)


def _to_partial_reason(value: Any) -> Any:
    return _as(PartialOnlineReason, value)


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
    """More time (thời hạn kéo dài) that applies under a condition, with an explicit meaning.

    Attributes:
        time: The extension's time.
        condition: When it applies, in the words of the law.
        legal_basis: Where the law says so.
        mode: ``ADDITIONAL``: ``time`` is added after the base limit's due instant ("thêm",
            e.g. Decree 23/2015/NĐ-CP Art. 21); ``REPLACEMENT`` (the default): ``time`` is a
            longer limit counted from the clock start instead of the base one. An additional
            extension needs a time in days or hours (a same-day time adds nothing).

    Examples:
        >>> e = Extension(ProcessingTime.working_days(5), "verification is needed")
        >>> str(e.time), e.mode.value
        ('5 working days', 'replacement')
    """

    time: ProcessingTime
    condition: str
    legal_basis: str | None = attrs.field(default=None, kw_only=True)
    mode: ExtensionMode = attrs.field(
        default=ExtensionMode.REPLACEMENT, converter=_to_extension_mode, kw_only=True
    )

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
        authority_function: Function of the competent body (e.g. ``"land_registration"``,
            ``"economic"``), from :func:`adminflow.jurisdictions.authority_functions`. Needed
            when the kind is one a unit has several of (department, specialised office,
            other, ministry): the competence resolver never guesses "the only body of that
            kind" listed.
        processing_time: Legal processing time from complete receipt.
        channels: How a dossier may be filed.
        online_service: Online public service level.
        boundary_free: Scope of boundary-free receipt.
        boundary_free_note: Why the scope is what it is, with its source.
        partial_online_reason: Why the online service is only partial (Decree 224/2026/NĐ-CP
            Art. 14); only with a ``PARTIAL`` online service.
        partial_online_basis: The sector-law provision behind that reason.
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
        >>> from adminflow.jurisdictions import AuthorityKind, Level, validate_procedure_code
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
    authority_function: str | None = attrs.field(default=None, kw_only=True)
    online_service: OnlineServiceLevel = attrs.field(
        default=OnlineServiceLevel.NONE, converter=_to_online_service, kw_only=True
    )
    boundary_free: BoundaryFreeScope = attrs.field(
        default=BoundaryFreeScope.PROVINCE, converter=_to_boundary_free, kw_only=True
    )
    boundary_free_note: str | None = attrs.field(default=None, kw_only=True)
    partial_online_reason: PartialOnlineReason | None = attrs.field(
        default=None, converter=_to_partial_reason, kw_only=True
    )
    partial_online_basis: str | None = attrs.field(default=None, kw_only=True)
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

    def due(
        self,
        received_at: dt.datetime,
        *,
        calendar: WorkingCalendar,
        extension: Extension | None = None,
        clock_start: ClockStart | None = None,
    ) -> Deadline:
        """The due instant of this procedure for a dossier, with its explanation.

        The base limit is :attr:`processing_time`, counted from the clock start: ``received_at``
        (the receipt slip), or ``clock_start.at`` for a dossier received by another unit and
        transferred (:func:`adminflow.competence.clock_start`). An ``extension`` then applies
        per its :attr:`Extension.mode`: an additional one adds its time after the base due
        instant; a replacement one is a longer limit counted from the clock start instead.
        The explanation starts with the clock start's reasons, names the procedure's limit with
        its source (the limit's own source, else the procedure's legal basis), and ends with
        the extension's lines.

        Args:
            received_at: The receipt instant shown on the receipt slip (aware datetime).
            calendar: The working calendar of the competent body.
            extension: The extension that applies, if any.
            clock_start: When the clock starts, for a transferred dossier.

        Returns:
            The deadline; its ``received_at`` is the clock start.

        Raises:
            InvalidValueError: A malformed argument.
            CalendarError: A day outside the calendar's years, or before the first rule set.

        References:
            Decree 118/2025/NĐ-CP, Art. 17(3) (the clock starts at receipt; as amended by Decree
            309/2026/NĐ-CP Art. 8, at the competent agency's receipt for boundary-free
            dossiers); Decree 23/2015/NĐ-CP, Art. 7 and 21 (the extension example).

        Examples:
            >>> import datetime as dt
            >>> from adminflow.calendar import WorkingCalendar
            >>> from adminflow.procedures import Catalog
            >>> calendar = WorkingCalendar.vietnam()
            >>> copy = Catalog.sample().get("2.000815")
            >>> received = dt.datetime(2025, 7, 7, 15, 30, tzinfo=calendar.timezone)
            >>> copy.due(received, calendar=calendar, extension=copy.extensions[0]).due_on
            datetime.date(2025, 7, 10)
        """
        if extension is not None and not isinstance(extension, Extension):
            raise InvalidValueError("extension", extension, "must be an Extension or None")
        return procedure_due(
            self, received_at, calendar=calendar, extension=extension, clock_start=clock_start
        )


def _check_function(checks: Checks, values: Mapping[str, Any]) -> None:
    """The competent body's function: a known one that fits the procedure's kind and level."""
    from adminflow.jurisdictions import authority_functions

    value = values.get("authority_function")
    if value is None:
        return
    if not isinstance(value, str):
        checks.add("authority_function", value, "must be a function id (a string) or None")
        return
    function = authority_functions().get(value)
    if function is None:
        checks.add(
            "authority_function",
            value,
            f"is not a known function; known: {', '.join(sorted(authority_functions()))}",
        )
        return
    kind, level = values.get("authority_kind"), values.get("level")
    if (
        isinstance(kind, AuthorityKind)
        and isinstance(level, Level)
        and not function.fits(kind, level)
    ):
        checks.add(
            "authority_function",
            value,
            f"is carried by {'/'.join(sorted(function.kinds))} bodies at "
            f"{'/'.join(sorted(function.levels))} level, not by a {level}/{kind}",
        )


def _is_day(value: object) -> TypeGuard[dt.date]:
    """Whether ``value`` is a plain date (a datetime is a date too, and cannot be compared)."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def check_procedure(values: Mapping[str, Any]) -> Checks:
    """Invariants of a :class:`~adminflow.procedures.Procedure` (see its docstring)."""
    checks = Checks()
    if "code" in values:
        try:
            validate_procedure_code(values["code"])
        except InvalidValueError as exc:
            checks.add("code", exc.value, exc.reason)
    check_text(checks, values, "name", optional=False)
    check_text(checks, values, "field", optional=False)
    check_member(checks, values, "level", Level)
    check_member(checks, values, "authority_kind", AuthorityKind)
    _check_function(checks, values)
    time = values.get("processing_time")
    if "processing_time" in values and not isinstance(time, ProcessingTime):
        checks.add("processing_time", time, "must be a ProcessingTime")

    channels = values.get("channels")
    if "channels" in values:
        if not isinstance(channels, frozenset):
            checks.add("channels", channels, "must be a set of channels")
            channels = None
        elif not channels:
            checks.add("channels", sorted(channels), "must not be empty")
        elif not all(isinstance(c, Channel) for c in channels):
            checks.add("channels", sorted(map(str, channels)), "must all be Channel values")
            channels = None
    check_member(checks, values, "online_service", OnlineServiceLevel)
    online = values.get("online_service")
    if isinstance(online, OnlineServiceLevel) and isinstance(channels, frozenset):
        if online is not OnlineServiceLevel.NONE and Channel.ONLINE not in channels:
            checks.add("online_service", online.value, "needs the 'online' channel")
        if online is OnlineServiceLevel.NONE and Channel.ONLINE in channels:
            checks.add("online_service", online.value, "must be full or partial with 'online'")

    check_member(checks, values, "partial_online_reason", PartialOnlineReason, optional=True)
    check_text(checks, values, "partial_online_basis", optional=True)
    reason = values.get("partial_online_reason")
    if (
        isinstance(reason, PartialOnlineReason)
        and isinstance(online, OnlineServiceLevel)
        and online is not OnlineServiceLevel.PARTIAL
    ):
        checks.add("partial_online_reason", reason.value, "only goes with a partial online service")
    check_member(checks, values, "boundary_free", BoundaryFreeScope)
    check_text(checks, values, "boundary_free_note", optional=True)
    if values.get("boundary_free") is BoundaryFreeScope.NONE and not values.get(
        "boundary_free_note"
    ):
        checks.add("boundary_free_note", None, "must give the reason when boundary_free is 'none'")
    check_items(checks, values, "fees", Fee)
    check_items(checks, values, "documents", RequiredDocument)
    check_member(checks, values, "result", ResultKind)
    steps = check_items(checks, values, "steps", Step)
    check_items(checks, values, "extensions", Extension)
    check_items(checks, values, "legal_basis", str)
    check_items(checks, values, "notes", str)

    if isinstance(time, ProcessingTime) and steps:
        total = sum((Fraction(str(s.budget)) for s in steps), Fraction(0))
        capacity = step_capacity(time)
        if total > capacity:
            checks.add(
                "steps",
                float(total),
                f"budgets must add up to at most {capacity} {budget_unit(time)} "
                f"(processing time {time})",
            )

    for name in ("valid_from", "valid_to"):
        value = values.get(name)
        if value is not None and (isinstance(value, dt.datetime) or not isinstance(value, dt.date)):
            checks.add(name, value, "must be a date")
    start, end = values.get("valid_from"), values.get("valid_to")
    if _is_day(start) and _is_day(end) and end <= start:
        checks.add("valid_to", end.isoformat(), f"must be after valid_from ({start.isoformat()})")
    if (
        values.get("level") is Level.DISTRICT
        and "valid_to" in values
        and (not _is_day(end) or end > DISTRICT_ENDS)
    ):
        checks.add(
            "level",
            "district",
            "needs valid_to on or before 2025-07-01 (no district level since; "
            "Resolution 203/2025/QH15 amending the Constitution; Law No. 72/2025/QH15)",
        )
    return checks


attrs.resolve_types(Fee)
attrs.resolve_types(RequiredDocument)
attrs.resolve_types(Step)
attrs.resolve_types(Extension)
attrs.resolve_types(Procedure)
