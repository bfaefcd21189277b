"""What competence rules read of catalogues and gazetteers: structural types and one helper.

The competence package works with any catalogue and gazetteer that offer these methods: the
library's own :class:`~adminflow.procedures.Catalog` and
:class:`~adminflow.jurisdictions.Gazetteer`, or a caller's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from adminflow.errors import InvalidValueError, NotFoundError
from adminflow.jurisdictions import AdministrativeUnit, AuthorityKind, Level

__all__ = [
    "CatalogLike",
    "GazetteerLike",
    "ProcedureLike",
    "check_authorities",
    "check_catalog",
    "check_gazetteer",
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


def _offers(value: object, methods: tuple[str, ...]) -> bool:
    if isinstance(value, str | bytes | Mapping | type):
        return False
    return all(callable(getattr(value, name, None)) for name in methods)


def _holds_procedures(catalog: Any) -> bool:
    """Whether the first item of ``catalog`` (if any) looks like a procedure."""
    try:
        first = next(iter(catalog), None)
    except Exception:  # a foreign object that cannot be iterated is no catalogue
        return False
    return first is None or all(
        hasattr(first, name) for name in ("code", "field", "level", "authority_kind")
    )


def check_catalog(catalog: Any) -> CatalogLike | None:
    """``catalog`` itself when it is ``None`` or offers what :class:`CatalogLike` needs.

    Raises:
        InvalidValueError: Anything else (a string, a number, a dict...), naming ``catalog``.
    """
    if catalog is not None and not (
        _offers(catalog, ("__contains__", "__iter__", "get")) and _holds_procedures(catalog)
    ):
        raise InvalidValueError(
            "catalog", catalog, "must be a procedure catalogue (adminflow.procedures.Catalog)"
        )
    return catalog  # type: ignore[no-any-return]


def check_gazetteer(gazetteer: Any) -> GazetteerLike | None:
    """``gazetteer`` itself when it is ``None`` or offers what :class:`GazetteerLike` needs.

    Raises:
        InvalidValueError: Anything else, naming ``gazetteer``.
    """
    if gazetteer is not None and not _offers(gazetteer, ("__contains__", "unit")):
        raise InvalidValueError(
            "gazetteer", gazetteer, "must be a gazetteer (adminflow.jurisdictions.Gazetteer)"
        )
    return gazetteer  # type: ignore[no-any-return]


def check_authorities(authorities: Any, kinds: type | tuple[type, ...]) -> tuple[Any, ...]:
    """The authorities as a tuple, each checked to be one of ``kinds``.

    Raises:
        InvalidValueError: ``authorities`` is not a collection (``None``, a number, a string),
            or an item is not an authority (field ``authorities[i]``).
    """
    if isinstance(authorities, str | bytes | Mapping) or not isinstance(authorities, Iterable):
        raise InvalidValueError(
            "authorities", authorities, "must be a collection of adminflow Authority objects"
        )
    items = tuple(authorities)
    for i, authority in enumerate(items):
        if not isinstance(authority, kinds):
            raise InvalidValueError(f"authorities[{i}]", authority, "must be an Authority")
    return items
