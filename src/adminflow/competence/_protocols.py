"""What competence rules read of catalogues and gazetteers: structural types and one helper.

The competence package works with any catalogue and gazetteer that offer these methods: the
library's own :class:`~adminflow.procedures.Catalog` and
:class:`~adminflow.jurisdictions.Gazetteer`, or a caller's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from adminflow.errors import NotFoundError
from adminflow.jurisdictions import AdministrativeUnit, AuthorityKind, Level

__all__ = ["CatalogLike", "GazetteerLike", "ProcedureLike", "province_of"]


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
