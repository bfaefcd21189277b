"""The catalogue (danh mục thủ tục hành chính): an immutable collection of procedures.

Public through :mod:`adminflow.procedures`; reading and writing files is in
:mod:`adminflow.procedures._io`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs

from adminflow._documents import NOT_WRITABLE, is_writable
from adminflow.errors import InvalidValueError, NotFoundError, Problem, ValidationError
from adminflow.jurisdictions import Level
from adminflow.procedures import _io
from adminflow.procedures._checks import version_problems
from adminflow.procedures._io import CatalogDocument, Format
from adminflow.procedures._model import Procedure, _tuple


@attrs.frozen
class Catalog:
    """A catalogue (danh mục) of procedures: immutable, keyed by code, in document order.

    One code may have several **dated versions** (law changes processing times and bodies):
    entries with the same code whose validity windows ``[valid_from, valid_to)`` do not
    overlap. :meth:`get` with ``on=`` picks the version valid on a day; :meth:`versions` lists
    them all.

    Attributes:
        procedures: The entries, in order; entries sharing a code have disjoint windows.
        title: A title for the catalogue.
        description: What the catalogue is (and is not).
        sources: Where its facts come from.
        retrieved_on: When the sources were read.

    Examples:
        >>> catalog = Catalog.sample()
        >>> catalog.get("1.001193").name
        'Đăng ký khai sinh'
        >>> "1.001193" in catalog
        True
        >>> catalog.get("9.999999")
        Traceback (most recent call last):
        ...
        adminflow.errors.NotFoundError: unknown procedure: '9.999999'
    """

    procedures: tuple[Procedure, ...] = attrs.field(default=(), converter=_tuple)
    title: str = attrs.field(default="", kw_only=True)
    description: str = attrs.field(default="", kw_only=True)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple, kw_only=True)
    retrieved_on: dt.date | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        procedures: object = self.procedures
        problems = _items_problems("procedures", procedures, Procedure)
        if isinstance(procedures, tuple):
            problems += version_problems(
                [
                    (p.code, p.valid_from, p.valid_to)
                    for p in procedures
                    if isinstance(p, Procedure)
                ],
                [i for i, p in enumerate(procedures) if isinstance(p, Procedure)],
            )
        for name in ("title", "description"):
            problems += _text_problems(name, getattr(self, name))
        problems += _items_problems("sources", self.sources, str)
        day = self.retrieved_on
        if day is not None and (isinstance(day, dt.datetime) or not isinstance(day, dt.date)):
            problems.append(Problem("retrieved_on", f"must be a date, got {day!r}"))
        if problems:
            raise ValidationError(problems, source="catalog")

    @functools.cached_property
    def _index(self) -> Mapping[str, tuple[Procedure, ...]]:
        found: dict[str, list[Procedure]] = {}
        for procedure in self.procedures:
            found.setdefault(procedure.code, []).append(procedure)
        return {code: tuple(sorted(v, key=_window_start)) for code, v in found.items()}

    def __len__(self) -> int:
        return len(self.procedures)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._index

    def get(self, code: str, *, on: dt.date | None = None) -> Procedure:
        """The procedure with this code; with ``on``, its version valid on that day.

        Args:
            code: The procedure code.
            on: The day (e.g. the receipt date of a dossier). Without it the code must have a
                single version.

        Raises:
            NotFoundError: No procedure has that code, or none of its versions is valid on
                ``on``.
            InvalidValueError: ``on`` is not a date, or is ``None`` while the code has several
                versions (``field="on"``: a day is needed to choose one).

        Examples:
            >>> import datetime as dt
            >>> catalog = Catalog.sample()
            >>> str(catalog.get("1.013225", on=dt.date(2026, 7, 1)).processing_time)
            '7 working days'
            >>> str(catalog.get("1.013225", on=dt.date(2025, 9, 1)).processing_time)
            '15 calendar days'
        """
        versions = self.versions(code)
        if on is None:
            if len(versions) == 1:
                return versions[0]
            windows = ", ".join(_window(p) for p in versions)
            raise InvalidValueError(
                "on",
                on,
                f"procedure {code} has {len(versions)} dated versions ({windows}): "
                "give the day, get(code, on=day)",
            )
        given: object = on
        if isinstance(given, dt.datetime) or not isinstance(given, dt.date):
            raise InvalidValueError("on", on, "must be a date")
        for procedure in versions:
            if procedure.is_valid_on(on):
                return procedure
        windows = ", ".join(_window(p) for p in versions)
        raise NotFoundError(
            "procedure version", f"{code} on {on.isoformat()}", hint=f"versions: {windows}"
        )

    def versions(self, code: str) -> tuple[Procedure, ...]:
        """Every version of the procedure with this code, sorted by ``valid_from``.

        Raises:
            NotFoundError: If no procedure has that code.

        Examples:
            >>> [str(p.valid_from) for p in Catalog.sample().versions("1.013225")]
            ['2025-07-01', '2026-07-01']
        """
        try:
            return self._index[code]
        except (KeyError, TypeError):
            raise NotFoundError("procedure", code) from None

    def by_field(self, field: str) -> tuple[Procedure, ...]:
        """The procedures of one field (lĩnh vực), in catalogue order; exact match.

        Examples:
            >>> [p.code for p in Catalog.sample().by_field("Chứng thực")]
            ['2.000815', '2.000884']

        Raises:
            InvalidValueError: ``field`` is not a string.
        """
        if not isinstance(field, str):
            raise InvalidValueError("field", field, "must be the name of a field (a string)")
        return tuple(p for p in self.procedures if p.field == field)

    def by_level(self, level: Level | str) -> tuple[Procedure, ...]:
        """The procedures decided at ``level`` (a :class:`Level` or its code), in catalogue order.

        Raises:
            InvalidValueError: ``level`` is not a level.
        """
        try:
            wanted = Level(level)
        except (ValueError, TypeError):
            choices = ", ".join(lv.value for lv in Level)
            raise InvalidValueError("level", level, f"must be a Level ({choices})") from None
        return tuple(p for p in self.procedures if p.level == wanted)

    @property
    def fields(self) -> tuple[str, ...]:
        """The distinct fields (lĩnh vực), sorted."""
        return tuple(sorted({p.field for p in self.procedures}))

    @classmethod
    def sample(cls) -> Catalog:
        """The sample catalogue shipped with adminflow (read once, then cached).

        A sample of frequently used procedures for examples and tests, with sources and
        caveats in each entry; not a national database.
        """
        return _sample()

    @classmethod
    def loads(cls, text: str, format: Format = "toml", *, source: str = "<string>") -> Catalog:
        """Read a catalogue from TOML or JSON text.

        Args:
            text: The document.
            format: ``"toml"`` or ``"json"``.
            source: Name of the document, for messages.

        Raises:
            ValidationError: The document parses but has problems: every problem is listed
                with its path (``procedures[3].processing_time.working_days``).
            InvalidValueError: The text is not TOML/JSON, or the format is unknown.
        """
        return _from_document(_io.loads(text, format, source=source))

    @classmethod
    def load(cls, path: str | Path, *, format: Format | None = None) -> Catalog:
        """Read a catalogue file; the format comes from the suffix (``.toml``, ``.json``).

        Raises:
            FileError: The file cannot be read (also the matching ``OSError``, e.g.
                ``FileNotFoundError``).
            ValidationError: The document has problems (all of them are listed).
            InvalidValueError: The file is not UTF-8 TOML/JSON, the format is unknown, or
                ``path`` is not a path.
        """
        return _from_document(_io.load(_path(path), format))

    def dumps(self, format: Format = "toml") -> str:
        """Write the catalogue as TOML or JSON text; :meth:`loads` reads it back equal."""
        return _io.dumps(_to_document(self), format)

    def dump(self, path: str | Path, *, format: Format | None = None) -> None:
        """Write the catalogue to a UTF-8 file; the format comes from the suffix unless given.

        Raises:
            FileError: The file cannot be written (also the matching ``OSError``).
            InvalidValueError: The format is unknown, or ``path`` is not a path.
        """
        _io.dump(_to_document(self), _path(path), format)


def _path(path: object) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise InvalidValueError("path", path, "must be a file path")
    return Path(path)


def _items_problems(name: str, value: object, cls: type) -> list[Problem]:
    """Problems of a field that must be a tuple (given as a list) of ``cls`` items."""
    if not isinstance(value, tuple):
        return [Problem(name, f"must be a list, got {value!r}")]
    if cls is str:
        return [p for i, item in enumerate(value) for p in _text_problems(f"{name}[{i}]", item)]
    return [
        Problem(f"{name}[{i}]", f"must be a {cls.__name__}, got {item!r}")
        for i, item in enumerate(value)
        if not isinstance(item, cls)
    ]


def _text_problems(name: str, value: object) -> list[Problem]:
    if not isinstance(value, str):
        return [Problem(name, f"must be a string, got {value!r}")]
    if not is_writable(value):
        return [Problem(name, f"{NOT_WRITABLE}, got {value!r}")]
    return []


def _from_document(document: CatalogDocument) -> Catalog:
    return Catalog(**attrs.asdict(document, recurse=False))


def _to_document(catalog: Catalog) -> CatalogDocument:
    return CatalogDocument(**attrs.asdict(catalog, recurse=False))


@functools.cache
def _sample() -> Catalog:
    return _from_document(_io.load_sample())


def _window_start(procedure: Procedure) -> dt.date:
    return procedure.valid_from or dt.date.min


def _window(procedure: Procedure) -> str:
    start = procedure.valid_from.isoformat() if procedure.valid_from else "..."
    end = procedure.valid_to.isoformat() if procedure.valid_to else "..."
    return f"[{start}, {end})"


attrs.resolve_types(Catalog)
