"""Reading TOML and JSON documents through cattrs: the pieces catalogues and rule sets share.

Private module, used by :mod:`adminflow.procedures._io` (procedure catalogues) and
:mod:`adminflow.competence._io` (competence rule sets):

* strict scalar structure hooks (a string is not a number, a number is not a string, a
  datetime is not a date, text with a lone surrogate is refused);
* ``tuple[X, ...]`` / ``frozenset[X]`` structured from a list and only from a list, every item
  checked with its index;
* :func:`parse`, which reads TOML or JSON text robustly: a byte-order mark is ignored, a JSON
  key given twice is refused, nesting too deep for the parser is reported, never a crash;
* :func:`problems_of`, which turns cattrs' nested exception groups into
  :class:`~adminflow.errors.Problem` objects with paths like
  ``procedures[3].processing_time.working_days``, and :func:`suggest` for unknown keys.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import enum
import json
import math
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from adminflow.errors import FileError, InvalidValueError, Problem, ValidationError

DocumentFormat = Literal["toml", "json"]
FORMATS: tuple[DocumentFormat, ...] = ("toml", "json")
Hook = Callable[[Any, Any], Any]

# --------------------------------------------------------------------------- structuring hooks


def is_writable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8: it holds no lone (unpaired) surrogate."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


#: Why text that :func:`is_writable` refuses is refused.
NOT_WRITABLE = "must be valid Unicode text (a lone surrogate cannot be written to a file)"


def structure_str(obj: Any, _: Any) -> str:
    """A string that can be written back as UTF-8 (no lone surrogate)."""
    if not isinstance(obj, str):
        raise InvalidValueError("", obj, "must be a string")
    if not is_writable(obj):
        raise InvalidValueError("", obj, NOT_WRITABLE)
    return obj


def structure_int(obj: Any, _: Any) -> int:
    """An integer, not a boolean, a float or a numeric string."""
    if isinstance(obj, bool) or not isinstance(obj, int):
        raise InvalidValueError("", obj, "must be an integer")
    return obj


def structure_float(obj: Any, _: Any) -> float:
    """A finite number (an integer is accepted), not a boolean."""
    if isinstance(obj, bool) or not isinstance(obj, int | float):
        raise InvalidValueError("", obj, "must be a number")
    if not math.isfinite(obj):
        raise InvalidValueError("", obj, "must be a finite number")
    return float(obj)


def structure_bool(obj: Any, _: Any) -> bool:
    """``true`` or ``false``, not 0, 1 or ``"yes"``."""
    if not isinstance(obj, bool):
        raise InvalidValueError("", obj, "must be true or false")
    return obj


def date_hook(reason: str = "must be a date YYYY-MM-DD") -> Hook:
    """A hook reading a date (TOML) or an ISO ``YYYY-MM-DD`` string (JSON), never a datetime."""

    def hook(obj: Any, _: Any) -> dt.date:
        if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
            return obj
        if isinstance(obj, str):
            with contextlib.suppress(ValueError):
                return dt.date.fromisoformat(obj)
        raise InvalidValueError("", obj, reason)

    return hook


def structure_time(obj: Any, _: Any) -> dt.time:
    """A local time of day: a TOML time or ``"HH:MM"`` text (seconds allowed), no time zone."""
    value = obj
    if isinstance(obj, str) and len(obj) >= 5 and obj[:2].isdigit() and obj[2] == ":":
        with contextlib.suppress(ValueError):
            value = dt.time.fromisoformat(obj)
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    raise InvalidValueError("", obj, "must be a time HH:MM")


def enum_hook(cls: type[enum.Enum]) -> Hook:
    """A hook reading a member of ``cls`` by value, naming the choices when it is none."""
    choices = ", ".join(str(m.value) for m in cls)

    def hook(obj: Any, _: Any) -> enum.Enum:
        try:
            return cls(obj)
        except (ValueError, TypeError):
            raise InvalidValueError("", obj, f"must be one of {choices}") from None

    return hook


def collection_hook(tp: Any, conv: cattrs.Converter, *, reason: str = "must be a list") -> Hook:
    """Structure ``tuple[X, ...]`` and ``frozenset[X]`` from a list, never from a string."""
    (item_type, *_) = get_args(tp)
    make = frozenset if get_origin(tp) is frozenset else tuple

    def hook(obj: Any, _: Any) -> Any:
        if not isinstance(obj, list | tuple):
            raise InvalidValueError("", obj, reason)
        items, errors = [], []
        for i, item in enumerate(obj):
            try:
                items.append(conv.structure(item, item_type))
            except Exception as exc:  # collected with its index, as cattrs does
                exc.__notes__ = [IterableValidationNote(f"@ index {i}", i, item_type)]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp}", errors, tp)
        return make(items)

    return hook


def is_collection(tp: Any) -> bool:
    """Whether ``tp`` is ``tuple[...]`` or ``frozenset[...]``."""
    origin: Any = get_origin(tp)
    return origin is tuple or origin is frozenset


def is_frozenset(tp: Any) -> bool:
    """Whether ``tp`` is ``frozenset`` or ``frozenset[...]`` (written as a sorted list)."""
    origin: Any = get_origin(tp)
    return origin is frozenset or tp is frozenset


def register_scalars(
    conv: cattrs.Converter,
    enums: Iterable[type[enum.Enum]],
    *,
    date_reason: str = "must be a date YYYY-MM-DD",
) -> None:
    """Register the strict scalar hooks, the enums' hooks and the list-only collection hook."""
    for tp, hook in (
        (str, structure_str),
        (int, structure_int),
        (float, structure_float),
        (bool, structure_bool),
    ):
        conv.register_structure_hook(tp, hook)
    for cls in enums:  # registered by class: more specific than str for a StrEnum
        conv.register_structure_hook(cls, enum_hook(cls))
    conv.register_structure_hook(dt.date, date_hook(date_reason))
    conv.register_structure_hook(dt.time, structure_time)
    conv.register_structure_hook_factory(is_collection, lambda t: collection_hook(t, conv))


# ------------------------------------------------------------------------------------- parsing


def check_format(format: object) -> DocumentFormat:
    """``format`` itself when it is ``"toml"`` or ``"json"``.

    Raises:
        InvalidValueError: Any other format.
    """
    if format not in FORMATS:
        raise InvalidValueError("format", format, "must be 'toml' or 'json'")
    return format


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (TOML refuses it by itself)."""
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            raise ValueError(f"duplicate key {key!r}")
        table[key] = value
    return table


def parse(text: str, format: DocumentFormat, *, source: str) -> Any:
    r"""Parse TOML or JSON text into plain data; a leading byte-order mark is ignored.

    Raises:
        InvalidValueError: The text is not valid TOML or JSON (field ``source``, value
            ``"<text>"``), a JSON key is given twice, or the nesting is too deep.

    Examples:
        >>> parse('\ufeff{"a": [1, 2]}', "json", source="x")
        {'a': [1, 2]}
        >>> parse('{"a": 1, "a": 2}', "json", source="x")
        Traceback (most recent call last):
        ...
        adminflow.errors.InvalidValueError: x: not valid JSON: duplicate key 'a', got '<text>'
    """
    text = text.removeprefix("\ufeff")
    try:
        if format == "toml":
            return tomllib.loads(text)
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except ValueError as exc:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise InvalidValueError(source, "<text>", f"not valid {format.upper()}: {exc}") from exc
    except RecursionError:
        reason = f"not valid {format.upper()}: nested too deeply"
        raise InvalidValueError(source, "<text>", reason) from None


def read_file(path: Path) -> bytes:
    """The bytes of the file at ``path``.

    Raises:
        FileError: The file cannot be read (a :class:`~adminflow.errors.FileMissingError`,
            :class:`~adminflow.errors.FileIsDirectoryError`... also the matching built-in).
        InvalidValueError: The path cannot name a file (a NUL character).
    """
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FileError.from_os_error(path, exc) from exc
    except ValueError as exc:  # embedded NUL
        raise InvalidValueError("path", str(path), f"cannot name a file: {exc}") from None


def write_file(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to the file at ``path``.

    Raises:
        FileError: The file cannot be written (also the matching built-in).
        InvalidValueError: The path cannot name a file (a NUL character).
    """
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FileError.from_os_error(path, exc, writing=True) from exc
    except ValueError as exc:
        raise InvalidValueError("path", str(path), f"cannot name a file: {exc}") from None


def decode(data: bytes, *, source: str) -> str:
    """UTF-8 bytes as text, a leading byte-order mark dropped.

    Raises:
        InvalidValueError: The bytes are not UTF-8 (field ``source``, value ``"<bytes>"``).
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidValueError(source, "<bytes>", f"not UTF-8 text: {exc}") from exc


# ------------------------------------------------------------------------------------ problems


def join_path(path: str, sub: str) -> str:
    """``path`` and ``sub`` joined with a dot, or directly before an index.

    Examples:
        >>> join_path("procedures", "[3]"), join_path("procedures[3]", "code")
        ('procedures[3]', 'procedures[3].code')
    """
    if not sub:
        return path
    if not path or sub.startswith("["):
        return f"{path}{sub}"
    return f"{path}.{sub}"


def suggest(key: object, choices: Iterable[str]) -> str:
    """`` (did you mean x?)`` for the choice closest to ``key``, or nothing.

    Examples:
        >>> suggest("procesing_time", ["code", "processing_time"])
        ' (did you mean processing_time?)'
    """
    close = difflib.get_close_matches(str(key), list(choices), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def known_keys(cls: Any) -> list[str]:
    """The field names of an attrs class (nothing for any other class)."""
    return [a.name for a in attrs.fields(cls)] if attrs.has(cls) else []


def leaf_problems(exc: BaseException, path: str, type_: Any = None) -> list[Problem]:
    """The problems of one exception that is not a cattrs group, at ``path``.

    A problem's path names the field (``reference.page``, ``procedures[0].code``); the default
    way :func:`problems_of` reports what it meets.
    """
    if isinstance(exc, ValidationError):
        return [Problem(join_path(path, p.path), p.message) for p in exc.problems]
    if isinstance(exc, InvalidValueError):
        return [Problem(join_path(path, exc.field), f"{exc.reason}, got {exc.value!r}")]
    if isinstance(exc, ForbiddenExtraKeysError):
        known = known_keys(exc.cl)
        return [
            Problem(join_path(path, str(k)), f"unknown key{suggest(k, known)}")
            for k in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, KeyError):
        key = str(exc.args[0]) if exc.args else ""
        at = path if path == key or path.endswith(f".{key}") else join_path(path, key)
        return [Problem(at, "is required")]
    return [Problem(path, f"{type(exc).__name__}: {exc}")]


Leaf = Callable[[BaseException, str, Any], list[Problem]]


def problems_of(
    exc: BaseException, path: str = "", *, leaf: Leaf = leaf_problems, type_: Any = None
) -> list[Problem]:
    """Flatten a (cattrs or adminflow) exception into problems with paths under ``path``.

    cattrs' groups are walked (a field adds ``.name`` to the path, a list item ``[i]``); each
    other exception is reported by ``leaf(exc, path, type_)``, ``type_`` being the type that
    was being structured when cattrs knows it.
    """
    if not isinstance(exc, ClassValidationError | IterableValidationError):
        return leaf(exc, path, type_)
    with_notes, without = exc.group_exceptions()
    found: list[Problem] = []
    for sub, note in with_notes:
        at = note.name if isinstance(note, AttributeValidationNote) else f"[{note.index}]"
        found += problems_of(sub, join_path(path, at), leaf=leaf, type_=note.type)
    for sub in without:
        found += problems_of(sub, path, leaf=leaf)
    return found
