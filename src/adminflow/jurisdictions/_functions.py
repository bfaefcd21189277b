"""The vocabulary of body functions (chức năng) that names a competent body precisely.

Private module; the public names are re-exported by :mod:`adminflow.jurisdictions`. The
vocabulary itself is package data (``adminflow/data/authority_functions.toml``), each entry
with its legal source.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

import attrs

from adminflow.errors import InvalidValueError
from adminflow.jurisdictions._function_ids import check_function_id
from adminflow.jurisdictions._units import AuthorityKind, Level

__all__ = ["AuthorityFunction", "authority_functions", "check_function_id"]


@attrs.frozen
class AuthorityFunction:
    """A function of a body (chức năng): what it does, which bodies carry it, and its source.

    E.g. the land registration office or a commune's economic office.

    Attributes:
        id: Stable identifier used in catalogues and rule files, e.g. ``"economic"``.
        name: Vietnamese name of the body, e.g. ``"Phòng Kinh tế"``.
        english: English description.
        kinds: Kinds of body that carry the function.
        levels: Levels at which such bodies exist.
        source: The legal source, with its verification mark.
    """

    id: str
    name: str
    english: str
    kinds: frozenset[AuthorityKind]
    levels: frozenset[Level]
    source: str

    def __attrs_post_init__(self) -> None:
        check_function_id(self.id, field="id")
        for field in ("name", "english", "source"):
            value = getattr(self, field)
            if not isinstance(value, str) or not value.strip():
                raise InvalidValueError(field, value, "must be a non-empty string")
        for field, kind in (("kinds", AuthorityKind), ("levels", Level)):
            value = getattr(self, field)
            if not (
                isinstance(value, frozenset) and value and all(isinstance(v, kind) for v in value)
            ):
                raise InvalidValueError(
                    field, value, f"must be a non-empty frozenset of {kind.__name__}"
                )

    def fits(self, kind: AuthorityKind, level: Level) -> bool:
        """Whether a body of ``kind`` at ``level`` can carry this function."""
        try:
            return kind in self.kinds and level in self.levels
        except TypeError:  # an unhashable argument is no kind or level
            return False


@functools.cache
def authority_functions() -> Mapping[str, AuthorityFunction]:
    """The vocabulary of functions shipped with adminflow, by id (read-only).

    Examples:
        >>> f = authority_functions()["economic"]
        >>> sorted(map(str, f.kinds)), sorted(map(str, f.levels))
        (['specialised_office'], ['commune'])
        >>> authority_functions()["land_registration"].name
        'Văn phòng đăng ký đất đai'
    """
    text = (resources.files("adminflow") / "data" / "authority_functions.toml").read_text(
        encoding="utf-8"
    )
    found: dict[str, AuthorityFunction] = {}
    for entry in tomllib.loads(text)["functions"]:
        function = AuthorityFunction(
            id=check_function_id(entry["id"], field="id"),
            name=entry["name"],
            english=entry["english"],
            kinds=frozenset(AuthorityKind(k) for k in entry["kinds"]),
            levels=frozenset(Level(v) for v in entry["levels"]),
            source=entry["source"],
        )
        found[function.id] = function
    return MappingProxyType(found)
