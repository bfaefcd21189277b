"""The competence rule set and its validation (every problem at once).

Private module; the public names are re-exported by :mod:`adminflow.competence`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol, TypeVar

import attrs

from adminflow.competence._model import (
    Assignment,
    Authorization,
    BoundaryFreeExclusion,
    BoundaryFreeList,
    Decentralization,
    Grant,
    LegacyDistrict,
    a_noun,
)
from adminflow.errors import InvalidValueError, NotFoundError, Problem, ValidationError
from adminflow.jurisdictions import AdministrativeUnit, Authority, AuthorityKind, Level

__all__ = [
    "CatalogLike",
    "CompetenceRules",
    "GazetteerLike",
    "ProcedureLike",
    "province_of",
]


class ProcedureLike(Protocol):
    """What competence needs from a procedure (:class:`adminflow.procedures.Procedure`)."""

    @property
    def code(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def level(self) -> Level: ...
    @property
    def authority_kind(self) -> AuthorityKind: ...


class CatalogLike(Protocol):
    """What competence needs from a catalogue (:class:`adminflow.procedures.Catalog`)."""

    def __contains__(self, code: object, /) -> bool: ...
    def __iter__(self) -> Iterator[ProcedureLike]: ...
    def get(self, code: str, /) -> ProcedureLike: ...


class GazetteerLike(Protocol):
    """What competence needs from a gazetteer (:class:`adminflow.jurisdictions.Gazetteer`)."""

    def __contains__(self, code: object, /) -> bool: ...
    def unit(self, code: str, /) -> AdministrativeUnit: ...


def province_of(code: str, gazetteer: GazetteerLike | None) -> str | None:
    """The province code of a unit code, or ``None`` when it cannot be told.

    A two-character code is a province (Decision 19/2025/QĐ-TTg); a commune's province is its
    ``parent_code`` in the gazetteer.
    """
    if len(code) == 2:
        return code
    if gazetteer is None or code not in gazetteer:
        return None
    try:
        return gazetteer.unit(code).parent_code
    except NotFoundError:
        return None


_T = TypeVar("_T")


def _tuple_of(field: str, kind: type[_T], values: Iterable[_T]) -> tuple[_T, ...]:
    """The rules as a tuple, refusing anything that is not a collection of ``kind``."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(values, Iterable):
        raise InvalidValueError(field, values, f"must be a list of {kind.__name__}")
    found = tuple(values)
    for i, value in enumerate(found):
        if not isinstance(value, kind):
            raise InvalidValueError(f"{field}[{i}]", value, f"must be {a_noun(kind.__name__)}")
    return found


# Named converters, one per field: the attrs mypy plugin only understands named functions.
def _assignments(values: Iterable[Assignment]) -> tuple[Assignment, ...]:
    return _tuple_of("assignments", Assignment, values)


def _decentralizations(values: Iterable[Decentralization]) -> tuple[Decentralization, ...]:
    return _tuple_of("decentralizations", Decentralization, values)


def _authorizations(values: Iterable[Authorization]) -> tuple[Authorization, ...]:
    return _tuple_of("authorizations", Authorization, values)


def _authorities(values: Iterable[Authority]) -> tuple[Authority, ...]:
    return _tuple_of("authorities", Authority, values)


def _boundary_free(values: Iterable[BoundaryFreeList]) -> tuple[BoundaryFreeList, ...]:
    return _tuple_of("boundary_free", BoundaryFreeList, values)


def _exclusions(values: Iterable[BoundaryFreeExclusion]) -> tuple[BoundaryFreeExclusion, ...]:
    return _tuple_of("exclusions", BoundaryFreeExclusion, values)


def _districts(values: Iterable[LegacyDistrict]) -> tuple[LegacyDistrict, ...]:
    return _tuple_of("districts", LegacyDistrict, values)


def _title(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidValueError(attribute.name, value, "must be a string")


@attrs.frozen(kw_only=True)
class CompetenceRules:
    """A competence rule set (bộ quy tắc thẩm quyền): who decides what, where and when.

    Build one in Python or load it from TOML/JSON with :meth:`loads` / :meth:`load`; check it
    with :meth:`validate`, which reports every problem at once.

    Attributes:
        title: What the rule set is (e.g. the province and the decisions it gathers).
        assignments: Competences assigned by law, where the catalogue is not enough.
        decentralizations: Decentralizations (phân cấp).
        authorizations: Authorizations (ủy quyền).
        authorities: Named bodies the rules refer to (departments, vice-chairmen, ...).
        boundary_free: Published lists of procedures received regardless of boundaries.
        exclusions: Procedures kept out of boundary-free receipt, with their reasons.
        districts: District-level units of before 1 July 2025 the rules need.

    Examples:
        >>> CompetenceRules().validate()
        >>> len(CompetenceRules.example_khanh_hoa().decentralizations) >= 2
        True
    """

    title: str = attrs.field(default="", validator=_title)
    assignments: tuple[Assignment, ...] = attrs.field(default=(), converter=_assignments)
    decentralizations: tuple[Decentralization, ...] = attrs.field(
        default=(), converter=_decentralizations
    )
    authorizations: tuple[Authorization, ...] = attrs.field(default=(), converter=_authorizations)
    authorities: tuple[Authority, ...] = attrs.field(default=(), converter=_authorities)
    boundary_free: tuple[BoundaryFreeList, ...] = attrs.field(default=(), converter=_boundary_free)
    exclusions: tuple[BoundaryFreeExclusion, ...] = attrs.field(default=(), converter=_exclusions)
    districts: tuple[LegacyDistrict, ...] = attrs.field(default=(), converter=_districts)

    def grants(self) -> Iterator[tuple[str, Grant]]:
        """Every assignment, decentralization and authorization with its document path."""
        for name in ("assignments", "decentralizations", "authorizations"):
            for i, grant in enumerate(getattr(self, name)):
                yield f"{name}[{i}]", grant

    def problems(
        self,
        *,
        catalog: CatalogLike | None = None,
        gazetteer: GazetteerLike | None = None,
        authorities: Iterable[Authority] = (),
    ) -> list[Problem]:
        """Every problem of the rule set, in document order; empty when it is valid.

        Checks: unique ids; non-empty scopes; windows that end after they start; an end date
        and a region on every authorization; decentralizations and authorizations that go to a
        lower level or a subordinate body (never upward); overlapping rules that would make the
        answer ambiguous; onward decentralization the instrument does not allow;
        sub-delegation of an authorization; cycles; and, when given, unknown procedure codes
        and fields (``catalog``), unknown unit codes (``gazetteer``) and unknown authority ids
        (``authorities`` plus this rule set's own).

        Pass ``catalog`` to also catch a procedure-scoped rule overlapping a field-scoped one.
        """
        from adminflow.competence._validation import Validator

        return Validator(self, catalog, gazetteer, authorities).run()

    def validate(
        self,
        *,
        catalog: CatalogLike | None = None,
        gazetteer: GazetteerLike | None = None,
        authorities: Iterable[Authority] = (),
        source: str = "competence rules",
    ) -> None:
        """Raise :class:`~adminflow.errors.ValidationError` listing every problem, if any.

        Raises:
            ValidationError: The rule set has problems (see :meth:`problems`).
        """
        found = self.problems(catalog=catalog, gazetteer=gazetteer, authorities=authorities)
        if found:
            raise ValidationError(found, source=source)

    # I/O lives in adminflow.competence._io; these thin methods keep the API in one place.
    @classmethod
    def loads(cls, text: str, *, format: str = "toml", source: str = "<string>") -> CompetenceRules:
        """Read a rule set from TOML or JSON text (see :func:`adminflow.competence.load_rules`)."""
        from adminflow.competence._io import loads_rules

        return loads_rules(text, format=format, source=source)

    @classmethod
    def load(cls, path: str | Path) -> CompetenceRules:
        """Read a rule set from a ``.toml`` or ``.json`` file (format from the suffix)."""
        from adminflow.competence._io import load_rules

        return load_rules(path)

    def dump(self, path: str | Path) -> None:
        """Write the rule set to a ``.toml`` or ``.json`` file (format from the suffix)."""
        from adminflow.competence._io import dump_rules

        dump_rules(self, path)

    @classmethod
    def example_khanh_hoa(cls) -> CompetenceRules:
        """The example rule set for Khánh Hòa (province 56) shipped as package data."""
        from adminflow.competence._io import example_rules

        return example_rules()

    def dumps(self, *, format: str = "toml") -> str:
        """Write the rule set as TOML or JSON (see :func:`adminflow.competence.dumps_rules`)."""
        from adminflow.competence._io import dumps_rules

        return dumps_rules(self, format=format)
