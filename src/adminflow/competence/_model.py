"""Value objects of competence rules: seats, scopes, legal references and grants.

Private module; the public names are re-exported by :mod:`adminflow.competence`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from adminflow.errors import InvalidValueError
from adminflow.jurisdictions import AuthorityKind, Level
from adminflow.jurisdictions._function_ids import check_function_id

__all__ = [
    "DISTRICT_LEVEL_ENDS",
    "Assignment",
    "Authorization",
    "BoundaryFreeExclusion",
    "BoundaryFreeList",
    "Decentralization",
    "Grant",
    "LegacyDistrict",
    "LegalReference",
    "Scope",
    "ScopeKey",
    "Seat",
    "a_noun",
    "as_day",
]

#: Rank of an authority kind inside one level: a People's Committee (or a ministry) above its
#: chairman, the chairman above a vice-chairman, and all of them above their agencies.
_KIND_RANK = {
    AuthorityKind.MINISTRY: 4,
    AuthorityKind.PEOPLES_COMMITTEE: 4,
    AuthorityKind.CHAIRMAN: 3,
    AuthorityKind.VICE_CHAIRMAN: 2,
    AuthorityKind.DEPARTMENT: 1,
    AuthorityKind.SPECIALISED_OFFICE: 1,
    AuthorityKind.SERVICE_CENTRE: 1,
    AuthorityKind.OTHER: 1,
    AuthorityKind.CIVIL_SERVANT: 0,
}

#: A key a grant is indexed under: ``("procedure", code)`` or ``("field", field)``.
ScopeKey = tuple[str, str]


_VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

#: First day without district-level government: Resolution 203/2025/QH15 (16 Jun 2025, amending
#: the 2013 Constitution, Art. 110: two levels) ends the district-level units from 1 July 2025;
#: Law 72/2025/QH15 organises the two-level local government. Resolution 202/2025/QH15 only
#: rearranges the provinces.
DISTRICT_LEVEL_ENDS = dt.date(2025, 7, 1)


def as_day(field: str, value: object) -> dt.date:
    """The day of a date, or of an aware instant taken in Vietnam time (Asia/Ho_Chi_Minh).

    Raises:
        InvalidValueError: ``value`` is not a date or an aware datetime (naive datetimes are
            refused, as everywhere in adminflow), or is out of range.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidValueError(
                field, value, "must be timezone-aware (naive datetimes are refused); or a date"
            )
        try:
            return value.astimezone(_VIETNAM).date()
        except OverflowError:
            raise InvalidValueError(field, value, "is out of the supported range") from None
    if isinstance(value, dt.date):
        return value
    raise InvalidValueError(field, value, "must be a date or an aware datetime")


def _strings(field: str, values: object) -> frozenset[str]:
    if isinstance(values, str | bytes):
        raise InvalidValueError(field, values, "must be a collection of strings, not a string")
    if not isinstance(values, Iterable):
        raise InvalidValueError(field, values, "must be a collection of strings")
    found = frozenset(values)
    if not all(isinstance(v, str) for v in found):
        raise InvalidValueError(field, values, "must be a collection of strings")
    return found


def _procedure_codes(values: Iterable[str]) -> frozenset[str]:
    return _strings("procedures", values)


def _field_names(values: Iterable[str]) -> frozenset[str]:
    return _strings("fields", values)


def _commune_codes(values: Iterable[str]) -> frozenset[str]:
    return _strings("communes", values)


def _to_level(value: Level | str) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise InvalidValueError("level", value, f"must be one of {', '.join(Level)}") from None


def _to_kind(value: AuthorityKind | str) -> AuthorityKind:
    try:
        return AuthorityKind(value)
    except ValueError:
        raise InvalidValueError(
            "kind", value, f"must be one of {', '.join(AuthorityKind)}"
        ) from None


_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _typed(check: Callable[[Any], bool], expected: str, *, optional: bool = False) -> _Validator:
    """An attrs validator raising InvalidValueError(field, value, ...) unless ``check`` holds."""

    def validate(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not ((optional and value is None) or check(value)):
            raise InvalidValueError(attribute.name, value, f"must be {expected}")

    return validate


def _is_day(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


_TEXT = _typed(lambda v: isinstance(v, str), "a string")
_OPTIONAL_TEXT = _typed(lambda v: isinstance(v, str), "a string or None", optional=True)
_DAY = _typed(_is_day, "a date (not a datetime)")
_OPTIONAL_DAY = _typed(_is_day, "a date (not a datetime) or None", optional=True)
_FLAG = _typed(lambda v: isinstance(v, bool), "True or False")


def _OPTIONAL_FUNCTION(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:  # noqa: N802
    if value is not None:
        check_function_id(value, field=attribute.name)


def _of(cls: type, *, optional: bool = False) -> _Validator:
    return _typed(lambda v: isinstance(v, cls), a_noun(cls.__name__), optional=optional)


def a_noun(noun: str) -> str:
    """The noun with its indefinite article: ``"a Seat"``, ``"an Authorization"``."""
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


@attrs.frozen
class Seat:
    """A seat of competence (chức danh / cơ quan có thẩm quyền): a kind of body at a level.

    A seat is relative to the unit a dossier belongs to: ``Seat(Level.COMMUNE,
    AuthorityKind.CHAIRMAN)`` is the chairman of the commune People's Committee of *that*
    commune. A unit has one People's Committee, one chairman and one service centre, but
    several departments, specialised offices and other bodies
    (:attr:`~adminflow.jurisdictions.AuthorityKind.needs_function`): for those kinds the
    seat names the body's ``function`` (``"commune/specialised_office:economic"``, the
    commune's economic office) or one body by ``authority_id``.

    In rule files a seat is written ``"level/kind"``, ``"level/kind:function"`` or
    ``"level/kind@authority-id"``.

    Attributes:
        level: Level of the body (central, province, district before 1 July 2025, commune).
        kind: Kind of body (People's Committee, chairman, department, ...).
        authority_id: Identifier of one specific body, or ``None``.
        function: Function of the body (:func:`~adminflow.jurisdictions.authority_functions`),
            or ``None``.

    Examples:
        >>> seat = Seat.parse("commune/chairman")
        >>> seat.level, seat.kind
        (<Level.COMMUNE: 'commune'>, <AuthorityKind.CHAIRMAN: 'chairman'>)
        >>> str(Seat.parse("province/department@56-sct"))
        'province/department@56-sct'
        >>> Seat.parse("province/other:land_registration").function
        'land_registration'
        >>> Seat.parse("district/peoples_committee").is_above(Seat.parse("commune/chairman"))
        True
    """

    level: Level = attrs.field(converter=_to_level)
    kind: AuthorityKind = attrs.field(converter=_to_kind)
    authority_id: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    function: str | None = attrs.field(default=None, kw_only=True, validator=_OPTIONAL_FUNCTION)

    @classmethod
    def parse(cls, text: str) -> Seat:
        """Read a seat written ``"level/kind[:function][@authority-id]"``.

        Raises:
            InvalidValueError: The text is not of that form or names an unknown level or kind.
        """
        form = "'level/kind[:function][@authority-id]'"
        if not isinstance(text, str):
            raise InvalidValueError("seat", text, f"must be a string {form}")
        head, at_sign, authority_id = text.partition("@")
        head, colon, function = head.partition(":")
        level, sep, kind = head.partition("/")
        if not sep or (at_sign and not authority_id) or (colon and not function):
            raise InvalidValueError("seat", text, f"must be of the form {form}")
        try:
            parsed_level, parsed_kind = Level(level), AuthorityKind(kind)
        except ValueError:
            raise InvalidValueError(
                "seat",
                text,
                f"level must be one of {', '.join(Level)} "
                f"and kind one of {', '.join(AuthorityKind)}",
            ) from None
        if colon:
            check_function_id(function, field="seat")
        return cls(parsed_level, parsed_kind, authority_id or None, function=function or None)

    def __str__(self) -> str:
        base = f"{self.level}/{self.kind}"
        if self.function:
            base += f":{self.function}"
        return f"{base}@{self.authority_id}" if self.authority_id else base

    @property
    def rank(self) -> tuple[int, int]:
        """Height of the seat: its level first, then the kind's rank inside the level."""
        return (self.level.rank, _KIND_RANK[self.kind])

    def is_above(self, other: Seat) -> bool:
        """Whether this seat is strictly higher than ``other`` (higher level or superior body)."""
        return self.rank > other.rank

    def overlaps(self, other: Seat) -> bool:
        """Whether the two seats can denote the same body."""
        if (self.level, self.kind) != (other.level, other.kind):
            return False
        if self.function and other.function and self.function != other.function:
            return False
        return (
            self.authority_id is None
            or other.authority_id is None
            or (self.authority_id == other.authority_id)
        )


@attrs.frozen
class LegalReference:
    """The legal instrument (văn bản) a rule comes from, with its article.

    Attributes:
        instrument: Number and type, e.g. ``"Decree 151/2025/NĐ-CP"`` or
            ``"Decision 1883/QĐ-UBND"``.
        issued_on: Date the instrument was signed, when known.
        article: Article, clause and point, e.g. ``"Art. 5(1)(m)"``.
        note: Anything a reader should know (e.g. a doubt about the article number).

    Examples:
        >>> str(LegalReference("Decree 151/2025/NĐ-CP", article="Art. 5(1)(m)"))
        'Decree 151/2025/NĐ-CP, Art. 5(1)(m)'
    """

    instrument: str = attrs.field(validator=_TEXT)
    issued_on: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DAY)
    article: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    note: str = attrs.field(default="", validator=_TEXT)

    def __str__(self) -> str:
        parts = [self.instrument]
        if self.issued_on is not None:
            parts[0] += f" of {self.issued_on.isoformat()}"
        if self.article:
            parts.append(self.article)
        return ", ".join(parts)


@attrs.frozen
class Scope:
    """What a rule is about (phạm vi): procedure codes and/or whole fields (lĩnh vực).

    A scope covers a procedure when its code is listed or its field is listed.

    Attributes:
        procedures: Procedure codes (mã TTHC), e.g. ``{"1.004227"}``.
        fields: Field names as used in the catalogue, e.g. ``{"Đất đai"}``.

    Examples:
        >>> scope = Scope(procedures={"2.000229"}, fields={"Đất đai"})
        >>> scope.covers("2.000229", None), scope.covers("1.000001", "Đất đai")
        (True, True)
        >>> scope.covers("1.000001", "Hộ tịch")
        False
    """

    procedures: frozenset[str] = attrs.field(factory=frozenset, converter=_procedure_codes)
    fields: frozenset[str] = attrs.field(factory=frozenset, converter=_field_names)

    def covers(self, procedure_code: str, field: str | None) -> bool:
        """Whether the scope covers the procedure with this code and field.

        Raises:
            InvalidValueError: ``procedure_code`` or ``field`` is not a string.
        """
        if not isinstance(procedure_code, str):
            raise InvalidValueError("procedure_code", procedure_code, "must be a string")
        if field is not None and not isinstance(field, str):
            raise InvalidValueError("field", field, "must be a string or None")
        return procedure_code in self.procedures or (field is not None and field in self.fields)

    def index_keys(self) -> Iterator[ScopeKey]:
        """The index keys of this scope: one per procedure code and one per field."""
        for code in sorted(self.procedures):
            yield ("procedure", code)
        for field in sorted(self.fields):
            yield ("field", field)

    def is_empty(self) -> bool:
        """Whether the scope names nothing."""
        return not self.procedures and not self.fields


@attrs.frozen(kw_only=True)
class _Rule:
    """What every rule has: identity, scope, where, when and why (see :class:`Grant`)."""

    id: str = attrs.field(validator=_TEXT)
    scope: Scope = attrs.field(validator=_of(Scope))
    region: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    valid_from: dt.date = attrs.field(validator=_DAY)
    valid_until: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DAY)
    reference: LegalReference = attrs.field(validator=_of(LegalReference))

    def is_in_force(self, on: dt.date) -> bool:
        """Whether the rule applies on that day."""
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)

    def overlaps_in_time(self, other: _Rule) -> bool:
        """Whether the two validity windows share a day."""
        end_a = self.valid_until or dt.date.max
        end_b = other.valid_until or dt.date.max
        return self.valid_from <= end_b and other.valid_from <= end_a


@attrs.frozen(kw_only=True)
class Grant(_Rule):
    """Common part of every competence rule: identity, scope, where, when and why.

    Every field is type-checked on construction (:class:`~adminflow.errors.InvalidValueError`
    naming the field); consistency between fields and rules (a window ending before it
    starts, an authorization without an end date, ...) is left to
    :meth:`CompetenceRules.problems`, which reports every problem at once.

    Attributes:
        id: Identifier unique in its rule set; used in problem reports and chains.
        scope: Procedures and fields the rule is about.
        region: Code of the unit (province or commune) where the rule applies — the dossier's
            unit must be that unit or inside it; ``None`` for the whole country.
        valid_from: First day the rule applies.
        valid_until: Last day the rule applies (inclusive), or ``None`` if open-ended.
        reference: The legal instrument and article.
    """


@attrs.frozen(kw_only=True)
class Assignment(Grant):
    """Competence assigned by law (thẩm quyền theo quy định): who decides, before any delegation.

    Use it where the catalogue's level and authority kind are not enough: the structure before
    1 July 2025 (a district People's Committee deciding building permits under Construction Law
    2014 Art. 103(3) until the district level ended), and the June-2025 package, which assigns
    former district competences to communes *by law* from 1 July 2025 (phân định thẩm quyền:
    "do Ủy ban nhân dân cấp xã thực hiện") rather than decentralizing them from a district body
    that no longer exists — e.g. Decree 140/2025/NĐ-CP Art. 4(1) (building permits → commune
    People's Committee) and Decree 151/2025/NĐ-CP Art. 5(1)(m) (only the land items it lists →
    commune chairman). The package applies from 1 July 2025 to 28 February 2027 unless extended
    or superseded earlier (Decree 145/2025/NĐ-CP Art. 12, same package).

    References:
        Decree 140/2025/NĐ-CP Art. 4(1) (quoted by the Ministry of Construction, letter
        9516/BXD-KTQLXD); Decree 145/2025/NĐ-CP Chapters II-III and Art. 12 (read in full);
        Decree 151/2025/NĐ-CP Art. 5(1)(m) (read in a verbatim quotation).

    Attributes:
        holder: The seat that decides when no delegation applies.
    """

    holder: Seat = attrs.field(validator=_of(Seat))


@attrs.frozen(kw_only=True)
class Decentralization(Grant):
    """A decentralization (phân cấp): a normative instrument moves a competence to a lower body.

    The recipient decides *in its own name* and answers before the law and before the
    decentralizing body; it may not decentralize further unless the instrument allows it.
    Only the edges the law names are accepted (see :meth:`CompetenceRules.problems`): a
    ministry → the provincial People's Committee or chairman (e.g. Decree 146/2025/NĐ-CP
    Art. 24(1), explosives-safety training certificates); the provincial People's Committee or
    chairman → provincial departments and other bodies, commune People's Committees and
    chairmen. The June-2025 moves of district competences to communes are not
    decentralizations but assignments by law (:class:`Assignment`).

    Attributes:
        grantor: The seat the competence is taken from.
        grantee: The lower seat that now decides.
        allows_onward: Whether the instrument lets the grantee decentralize further.

    References:
        Law on Organization of Local Government No. 72/2025/QH15, Art. 13(1) (who decentralizes
        to whom; no onward decentralization) — read in secondary sources (an official
        question-and-answer page quoting it). Law on Organization of Government No.
        63/2025/QH15, Art. 8 (inferred from the cross-reference in Art. 9(4); Art. 8 itself was
        not read).
    """

    grantor: Seat = attrs.field(validator=_of(Seat))
    grantee: Seat = attrs.field(validator=_of(Seat))
    allows_onward: bool = attrs.field(default=False, validator=_FLAG)


@attrs.frozen(kw_only=True)
class Authorization(Grant):
    """An authorization (ủy quyền): a written, scoped, time-bounded grant to act on one's behalf.

    The grantee acts *on behalf of* the grantor, who stays accountable for the legality and
    the result unless the grantee exceeds the content, scope or term; the grantee may not
    authorize anyone further; the authorizing document states content, scope and term, so an
    authorization always has an end date (``valid_until``) and one issuing region.

    Attributes:
        grantor: The seat that authorizes (stays accountable).
        grantee: The seat that acts on the grantor's behalf.

    Only the edges the law names are accepted, by kind and level, not by rank alone: see
    :meth:`CompetenceRules.problems` and docs/competence.md.

    References:
        Law on Organization of Government No. 63/2025/QH15, Art. 9(2) (a minister authorizes
        the provincial People's Committee or its chairman), 9(3)-(6) (content, scope and term
        in writing; no sub-authorization) — read in a verbatim copy. Law on Organization of
        Local Government No. 72/2025/QH15, Art. 14(1) (who may authorize whom locally, down to
        a commune civil servant) — read in a verbatim quotation. Decree 118/2025/NĐ-CP
        Art. 8(1)(c) and 17(5) (One-Stop officers deciding what the competent agency assigned
        or authorized them to) — read in full.
    """

    grantor: Seat = attrs.field(validator=_of(Seat))
    grantee: Seat = attrs.field(validator=_of(Seat))


@attrs.frozen(kw_only=True)
class BoundaryFreeList(_Rule):
    """A published list of procedures received regardless of administrative boundaries.

    ``region`` is the province whose One-Stop Units receive the listed procedures from
    anywhere in the province (tiếp nhận không phụ thuộc địa giới hành chính trong phạm vi cấp
    tỉnh, Decree 118/2025/NĐ-CP Art. 3(7), 14(2)), or ``None`` for a nationwide list
    (Art. 3(6); Art. 14(4) added by Decree 309/2026/NĐ-CP Art. 7 from 5 August 2026).

    Attributes:
        id: Identifier unique in its rule set.
        region: Province code, or ``None`` for nationwide.
        scope: Listed procedures and fields.
        all_procedures: The list covers every procedure handled in the province (the
            Decree 118/2025 Art. 40(4) target of 100 % by 31 December 2025).
        valid_from: First day the list applies.
        valid_until: Last day (inclusive), or ``None``.
        reference: The publishing decision, e.g. ``"Decision 2449/QĐ-UBND"`` (Hồ Chí Minh City).
    """

    scope: Scope = attrs.field(factory=Scope, validator=_of(Scope))
    all_procedures: bool = attrs.field(default=False, validator=_FLAG)

    def covers(self, procedure_code: str, field: str | None, on: dt.date) -> bool:
        """Whether the list, in force on ``on``, covers the procedure."""
        return self.is_in_force(on) and (
            self.all_procedures or self.scope.covers(procedure_code, field)
        )


@attrs.frozen(kw_only=True)
class BoundaryFreeExclusion(_Rule):
    """A procedure a province (or the country) keeps out of boundary-free receipt, with why.

    The reason is data, not law hard-coded in adminflow: the often-reported exclusion of
    land, energy-security and resource procedures "for confidentiality" was not found in any
    instrument read (Decree 118/2025 Art. 14(3) only lets mobile, on-the-spot and
    electronic-only procedures out of in-person receipt); a province that excludes a
    procedure records it here with its own decision.

    Attributes:
        id: Identifier unique in its rule set.
        region: Province code, or ``None`` for everywhere.
        scope: Excluded procedures and fields.
        reason: Why, in words, as the refusal will say it.
        valid_from: First day of the exclusion.
        valid_until: Last day (inclusive), or ``None``.
        reference: The deciding instrument.
    """

    reason: str = attrs.field(validator=_TEXT)

    def covers(self, procedure_code: str, field: str | None, on: dt.date) -> bool:
        """Whether the exclusion, in force on ``on``, covers the procedure."""
        return self.is_in_force(on) and self.scope.covers(procedure_code, field)


@attrs.frozen(kw_only=True)
class LegacyDistrict:
    """A district-level unit (đơn vị hành chính cấp huyện) as it was before 1 July 2025.

    Today's gazetteer has no districts; dossiers received before 1 July 2025 may still be
    decided by a district People's Committee, so a rule set may list the districts it needs
    with today's commune codes that lay in them (for a merged commune, the code it kept).

    Attributes:
        code: The district's 3-digit code of the pre-2025 list (Decision 124/2004/QĐ-TTg).
        name: Vietnamese name with its kind, e.g. ``"Thành phố Nha Trang"``.
        communes: Codes of today's communes whose dossiers the district decided.
    """

    code: str = attrs.field(validator=_TEXT)
    name: str = attrs.field(validator=_TEXT)
    communes: frozenset[str] = attrs.field(factory=frozenset, converter=_commune_codes)
