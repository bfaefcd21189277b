"""The competence rule set and its validation (every problem at once).

Private module; the public names are re-exported by :mod:`adminflow.competence`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

import attrs

from adminflow._documents import write_file
from adminflow.competence import _io
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
from adminflow.competence._protocols import (
    CatalogLike,
    GazetteerLike,
    check_authorities,
    check_catalog,
    check_gazetteer,
)
from adminflow.competence._validation import Validator
from adminflow.errors import InvalidValueError, Problem, ValidationError
from adminflow.jurisdictions import Authority

__all__ = [
    "CompetenceRules",
    "dump_rules",
    "dumps_rules",
    "example_rules",
    "load_rules",
    "loads_rules",
]


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
        >>> len(CompetenceRules.example_khanh_hoa().assignments) >= 2
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

        Raises:
            InvalidValueError: ``catalog``, ``gazetteer`` or ``authorities`` is not what it
                should be (a catalogue, a gazetteer, a collection of authorities).
        """
        return Validator(
            self,
            check_catalog(catalog),
            check_gazetteer(gazetteer),
            check_authorities(authorities, Authority),
        ).run()

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

    @classmethod
    def loads(cls, text: str, *, format: str = "toml", source: str = "<string>") -> CompetenceRules:
        """Read a rule set from TOML or JSON text (see :func:`adminflow.competence.load_rules`)."""
        return loads_rules(text, format=format, source=source)

    @classmethod
    def load(cls, path: str | Path) -> CompetenceRules:
        """Read a rule set from a ``.toml`` or ``.json`` file (format from the suffix)."""
        return load_rules(path)

    def dump(self, path: str | Path) -> None:
        """Write the rule set to a ``.toml`` or ``.json`` file (format from the suffix)."""
        dump_rules(self, path)

    @classmethod
    def example_khanh_hoa(cls) -> CompetenceRules:
        """The example rule set for Khánh Hòa (province 56) shipped as package data."""
        return example_rules()

    def dumps(self, *, format: str = "toml") -> str:
        """Write the rule set as TOML or JSON (see :func:`adminflow.competence.dumps_rules`)."""
        return dumps_rules(self, format=format)


def loads_rules(
    text: str,
    *,
    format: str = "toml",
    source: str = "<string>",
    validate: bool = True,
) -> CompetenceRules:
    """Read a rule set from TOML or JSON text.

    Args:
        text: The document.
        format: ``"toml"`` or ``"json"``.
        source: Name used in error messages (e.g. the file name).
        validate: Also check the rules' consistency (without catalogue or gazetteer).

    Raises:
        ValidationError: Every problem of the document, at once. A document that cannot be
            read as rules (wrong types, nesting or keys) reports those problems; the rules'
            consistency (windows, directions, overlaps, ...) is checked once it can be.
        InvalidValueError: ``format`` is not ``"toml"`` or ``"json"``, or ``text`` is not text.

    Examples:
        >>> rules = loads_rules('''
        ... [[decentralizations]]
        ... id = "permits"
        ... procedures = ["1.013225"]
        ... grantor = "province/peoples_committee"
        ... grantee = "commune/peoples_committee"
        ... valid_from = 2025-07-01
        ... valid_until = 2027-02-28
        ... reference = { instrument = "Decision of the provincial People's Committee" }
        ... ''')
        >>> str(rules.decentralizations[0].grantee)
        'commune/peoples_committee'
    """
    if not isinstance(validate, bool):
        raise InvalidValueError("validate", validate, "must be True or False")
    document = _io.parse_rules(text, format, source=source)
    rules = _io.rules_from_dict(document, CompetenceRules, source=source)
    if validate:
        rules.validate(source=source)
    return rules


def load_rules(path: str | Path, *, validate: bool = True) -> CompetenceRules:
    """Read a rule set from a ``.toml`` or ``.json`` file (format from the suffix).

    Raises:
        FileError: The file cannot be read (also the matching ``OSError``, e.g.
            ``FileNotFoundError``).
        ValidationError: Every problem of the document, at once (also: not UTF-8).
        InvalidValueError: The suffix is neither ``.toml`` nor ``.json``.
    """
    path, format_ = _io.path_and_format(path)
    text = _io.read_rules_text(path)
    return loads_rules(text, format=format_, source=str(path), validate=validate)


def dumps_rules(rules: CompetenceRules, *, format: str = "toml") -> str:
    """Write a rule set as TOML or JSON text; :func:`loads_rules` reads it back unchanged.

    Raises:
        InvalidValueError: ``rules`` is not a rule set, or ``format`` is not ``"toml"`` or
            ``"json"``.
    """
    if not isinstance(rules, CompetenceRules):
        raise InvalidValueError("rules", rules, "must be a CompetenceRules")
    return _io.rules_text(rules, format)


def dump_rules(rules: CompetenceRules, path: str | Path) -> None:
    """Write a rule set to a ``.toml`` or ``.json`` file (format from the suffix).

    Raises:
        FileError: The file cannot be written (also the matching ``OSError``).
        InvalidValueError: The suffix is neither ``.toml`` nor ``.json``.
    """
    path, format_ = _io.path_and_format(path)
    write_file(path, dumps_rules(rules, format=format_))


@functools.cache
def example_rules() -> CompetenceRules:
    """The example Khánh Hòa rule set shipped in ``adminflow/data/competence_khanh_hoa.toml``."""
    return loads_rules(_io.example_text(), source="competence_khanh_hoa.toml")
