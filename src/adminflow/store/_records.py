"""What every store writes, computed once: event records, the hash chain, snapshot rows, cursors.

The in-memory and SQL stores share these functions, so both keep byte-identical records and
both verify the same way.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from adminflow.errors import InvalidValueError
from adminflow.store._ports import ChainProblem, EventCodec

__all__ = [
    "BOOL_COLUMNS",
    "GENESIS",
    "INSTANT_COLUMNS",
    "INT_COLUMNS",
    "NULLABLE_COLUMNS",
    "ROW_COLUMNS",
    "EventRecord",
    "applicant_hash",
    "check_events",
    "decode_cursor",
    "encode_cursor",
    "event_records",
    "event_statuses",
    "instant_text",
    "parse_instant",
    "row_values",
    "verify_chain",
]

#: The columns of the ``dossiers`` snapshot table, named as the fields of ``DossierRow``.
ROW_COLUMNS: tuple[str, ...] = (
    "id",
    "version",
    "code",
    "procedure_code",
    "procedure_field",
    "rule_set",
    "province_code",
    "unit_code",
    "receiving_unit_code",
    "authority_id",
    "channel",
    "status",
    "submitted_at",
    "received_at",
    "due_at",
    "original_due_at",
    "finished_at",
    "returned_at",
    "outcome",
    "supplement_requests_reception",
    "supplement_requests_processing",
    "supplement_seconds",
    "pending_supplement_since",
    "fee_payable",
    "paid_online",
    "paper_result",
    "e_result",
    "digitised",
    "reused_data",
    "digitally_signed",
    "full_online",
    "satisfied_receiving",
    "satisfied_resolving",
)
INSTANT_COLUMNS = frozenset(
    {
        "submitted_at",
        "received_at",
        "due_at",
        "original_due_at",
        "finished_at",
        "returned_at",
        "pending_supplement_since",
    }
)
INT_COLUMNS = frozenset(
    {
        "version",
        "supplement_requests_reception",
        "supplement_requests_processing",
        "supplement_seconds",
    }
)
BOOL_COLUMNS = frozenset(
    {
        "fee_payable",
        "paid_online",
        "paper_result",
        "e_result",
        "digitised",
        "reused_data",
        "digitally_signed",
        "full_online",
        "satisfied_receiving",
        "satisfied_resolving",
    }
)
NULLABLE_COLUMNS = frozenset(
    {"authority_id", "outcome", "satisfied_receiving", "satisfied_resolving"} | INSTANT_COLUMNS
)

#: The hash a dossier's first event is chained to.
GENESIS = "0" * 64


def instant_text(value: dt.datetime) -> str:
    """An aware instant as UTC ISO-8601 text, ``YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00``.

    Text in this form sorts in time order, which is how SQLite compares instants.
    """
    if value.tzinfo is dt.UTC:
        return value.isoformat()
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError("at", value, "must be a timezone-aware datetime")
    return value.astimezone(dt.UTC).isoformat()


def parse_instant(text: str) -> dt.datetime:
    """An instant back from :func:`instant_text` (always in UTC)."""
    return dt.datetime.fromisoformat(text)


#: Compact JSON in the codec's key order. The chain hashes the stored text itself, so the text
#: need not be canonical: verify never re-encodes an event.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def _chain_hash(
    previous: str, dossier_id: str, version: int, type_: str, at: str, data: str
) -> str:
    material = f"{previous}\n{dossier_id}\n{version}\n{type_}\n{at}\n{data}".encode()
    return hashlib.sha256(material).hexdigest()


class EventRecord(NamedTuple):
    """One row of the ``dossier_events`` table, ready to insert.

    Attributes:
        dossier_id: The dossier.
        version: The event's version (the primary key with ``dossier_id``).
        type: The event's type name.
        at: When it happened, as UTC ISO text.
        data: ``codec.to_dict(event)`` as compact JSON text.
        hash: SHA-256 of the previous event's hash and this row's content.
        command_key: The idempotency key of the command that wrote it, if any.
    """

    dossier_id: str
    version: int
    type: str
    at: str
    data: str
    hash: str
    command_key: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The record as column values."""
        return self._asdict()


def check_events(dossier: Any, events: Sequence[Any], *, expected: int) -> None:
    """Check that ``events`` continue a dossier at version ``expected`` up to ``dossier``.

    Raises:
        InvalidValueError: The events are not one dossier's consecutive versions, or the
            dossier's version is not the last event's.
    """
    if not events:
        raise InvalidValueError("events", list(events), "a command must append at least one event")
    dossier_id = getattr(dossier, "id", None)
    if not isinstance(dossier_id, str) or not dossier_id:
        raise InvalidValueError("dossier.id", dossier_id, "must be a non-empty string")
    for offset, event in enumerate(events, start=1):
        try:
            event_dossier, version, at = event.dossier_id, event.version, event.at
        except AttributeError:
            raise InvalidValueError("events", event, "is not an event") from None
        if event_dossier != dossier_id:
            raise InvalidValueError(
                "events.dossier_id", event_dossier, f"must be the dossier's id {dossier_id!r}"
            )
        if version != expected + offset:
            raise InvalidValueError(
                "events.version", version, f"expected {expected + offset} (consecutive)"
            )
        if type(at) is not dt.datetime or at.tzinfo is None:
            check_instant("events.at", at)
    version = getattr(dossier, "version", None)
    if version != expected + len(events):
        raise InvalidValueError("dossier.version", version, f"expected {expected + len(events)}")
    if not callable(getattr(dossier, "row", None)):
        raise InvalidValueError("dossier", type(dossier).__name__, "has no row() method")


def _compact_json() -> Any:
    """``_ENCODER.encode`` without its per-call set-up: the C encoder of :mod:`json`, built once.

    Same text as ``_ENCODER.encode`` (the same C code with the same options); without the C
    accelerator it is ``_ENCODER.encode`` itself.
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    quote = getattr(json.encoder, "c_encode_basestring", None)
    if make is None or quote is None:  # pragma: no cover - CPython always has _json
        return _ENCODER.encode
    chunks = make(None, _ENCODER.default, quote, None, ":", ",", False, False, True)

    def encode(value: Any) -> str:
        if type(value) is not dict:  # the C encoder only takes containers at the top
            return _ENCODER.encode(value)
        return "".join(chunks(value, 0))

    return encode


_JSON = _compact_json()


def _typed_json(to_dict: Callable[[Any], dict[str, Any]], event: Any) -> tuple[str, str]:
    """The type name and compact JSON text of ``to_dict(event)``."""
    data = to_dict(event)
    type_ = data.get("type")
    if not isinstance(type_, str) or not type_:
        raise InvalidValueError("event.type", type_, "to_dict must give a non-empty 'type'")
    try:
        return type_, _JSON(data)
    except (TypeError, ValueError) as exc:
        raise InvalidValueError("event", type_, f"is not JSON-able ({exc})") from None


def event_records(
    codec: EventCodec,
    events: Sequence[Any],
    *,
    previous_hash: str,
    command_key: str | None = None,
) -> list[EventRecord]:
    """The rows of ``events``, chained to ``previous_hash`` (the last stored event's hash).

    The text is the codec's ``typed_json(event)`` when it has that method (``(type, text)``,
    which must equal ``to_dict``'s type and compact JSON), else ``to_dict`` written by the C
    JSON encoder built once. This is the bulk import's inner loop, so it is written for speed.
    """
    records: list[EventRecord] = []
    previous = previous_hash
    typed_json = getattr(codec, "typed_json", None)
    if typed_json is None:
        typed_json = functools.partial(_typed_json, codec.to_dict)
    sha256 = hashlib.sha256
    utc = dt.UTC
    record = EventRecord
    for event in events:
        type_, data_text = typed_json(event)
        when = event.at
        at = when.isoformat() if when.tzinfo is utc else instant_text(when)
        dossier_id, version = event.dossier_id, event.version
        material = f"{previous}\n{dossier_id}\n{version}\n{type_}\n{at}\n{data_text}"
        previous = sha256(material.encode()).hexdigest()
        records.append(record(dossier_id, version, type_, at, data_text, previous, command_key))
    return records


def event_statuses(events: Sequence[Any], fallback: str) -> list[str]:
    """The status each event led to (its ``status`` attribute), else the dossier's ``fallback``."""
    statuses = []
    for event in events:
        status = getattr(event, "status", None)
        statuses.append(str(status) if isinstance(status, str) and status else fallback)
    return statuses


def verify_chain(
    dossier_id: str, rows: Iterable[Mapping[str, Any]], snapshot_version: int | None
) -> list[ChainProblem]:
    """Every break in one dossier's chain; ``rows`` are its event rows in version order.

    Each row's hash is recomputed from the previous *stored* hash, so an edited row is reported
    at its own version, and a deleted or moved row as a missing version.
    """
    problems: list[ChainProblem] = []
    previous = GENESIS
    expected = 1
    for row in rows:
        version = int(row["version"])
        if version != expected:
            problems.append(
                ChainProblem(
                    dossier_id,
                    expected,
                    "missing",
                    f"version {expected} is absent, the next stored is {version}",
                )
            )
        at = row["at"] if isinstance(row["at"], str) else instant_text(row["at"])
        digest = _chain_hash(previous, dossier_id, version, row["type"], at, row["data"])
        if digest != row["hash"]:
            problems.append(
                ChainProblem(
                    dossier_id,
                    version,
                    "edited",
                    "the row's hash does not match its content and the previous hash",
                )
            )
        previous = row["hash"]
        expected = version + 1
    last = expected - 1
    if snapshot_version is not None and snapshot_version > last:
        problems.append(
            ChainProblem(
                dossier_id,
                last + 1,
                "truncated",
                f"the snapshot is at version {snapshot_version}, the log ends at {last}",
            )
        )
    elif snapshot_version is not None and snapshot_version < last:
        problems.append(
            ChainProblem(
                dossier_id,
                snapshot_version + 1,
                "unexpected",
                f"the log goes to version {last}, the snapshot is at {snapshot_version}",
            )
        )
    return problems


def row_values(row: Any) -> dict[str, Any]:
    """The snapshot columns of a row object (``ROW_COLUMNS`` attributes)."""
    try:
        return {name: getattr(row, name) for name in ROW_COLUMNS}
    except AttributeError as exc:
        raise InvalidValueError("dossier.row()", type(row).__name__, str(exc)) from None


def applicant_hash(key: bytes, id_number: str) -> str:
    """The keyed hash (HMAC-SHA-256) under which an applicant's number is stored and queried.

    Raises:
        InvalidValueError: ``key`` is not bytes or ``id_number`` is not text.
    """
    if not isinstance(key, bytes | bytearray):
        raise InvalidValueError("key", type(key).__name__, "must be bytes")
    if not isinstance(id_number, str):
        raise InvalidValueError("id_number", id_number, "must be a string")
    try:
        data = id_number.strip().encode()
    except UnicodeEncodeError:
        raise InvalidValueError("id_number", id_number, "must be valid Unicode text") from None
    return hmac.digest(key, data, "sha256").hex()


def encode_cursor(sort_value: Any, dossier_id: str) -> str:
    """An opaque page cursor for the last row of a page."""
    if isinstance(sort_value, dt.datetime):
        sort_value = instant_text(sort_value)
    raw = json.dumps([sort_value, dossier_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode_cursor(cursor: str, *, instant: bool) -> tuple[Any, str]:
    """The ``(sort value, dossier id)`` of a cursor from :func:`encode_cursor`.

    Raises:
        InvalidValueError: The cursor was not made by this store for this query.
    """
    try:
        value, dossier_id = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
        if not isinstance(dossier_id, str):
            raise TypeError(dossier_id)
        if instant:
            value = parse_instant(value)
    except (ValueError, TypeError, AttributeError, UnicodeError) as exc:
        raise InvalidValueError("after", cursor, f"is not a page cursor ({exc})") from None
    return value, dossier_id


def check_version(field: str, value: Any) -> int | None:
    """``None`` or a positive int version, or InvalidValueError naming ``field``."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InvalidValueError(field, value, "must be a positive int or None")
    return value


def events_list(events: Any) -> list[Any]:
    """``events`` as a list, or InvalidValueError when it is not iterable."""
    if isinstance(events, str | bytes | dict) or not hasattr(events, "__iter__"):
        raise InvalidValueError("events", type(events).__name__, "must be a sequence of events")
    return list(events)


def check_limit(limit: Any) -> int:
    """A page size: an int from 1 to 10,000."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 10_000:
        raise InvalidValueError("limit", limit, "must be an int from 1 to 10000")
    return limit


def check_instant(field: str, value: Any) -> dt.datetime:
    """An aware datetime, or InvalidValueError naming ``field``."""
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidValueError(field, value, "must be a timezone-aware datetime")
    return value


def check_text(field: str, value: Any) -> str:
    """A non-empty string, or InvalidValueError naming ``field``."""
    if not isinstance(value, str) or not value:
        raise InvalidValueError(field, value, "must be a non-empty string")
    return value
