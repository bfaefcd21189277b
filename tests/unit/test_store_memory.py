"""The in-memory store passes the public store contract."""

from adminflow.store import InMemoryStore, Store
from adminflow.store._ports import EventCodec
from adminflow.testing import StoreContract


class TestInMemoryStore(StoreContract):
    def make_store(self, *, codec: EventCodec, applicant_key: bytes | None) -> Store:
        return InMemoryStore(codec=codec, applicant_key=applicant_key)


def test_importing_the_store_does_not_import_sqlalchemy() -> None:
    """`import adminflow.store` and `adminflow.services` stay free of SQLAlchemy until connect()."""
    import subprocess
    import sys

    code = (
        "import sys, adminflow, adminflow.store, adminflow.services; "
        "print('sqlalchemy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "False"


def test_garbage_reaches_callers_as_invalid_value_errors() -> None:
    """Garbage given to the store's public methods raises InvalidValueError, nothing else."""
    import datetime as dt

    import pytest

    from adminflow.errors import InvalidValueError
    from adminflow.testing import FakeCodec, fake_open

    store = InMemoryStore(codec=FakeCodec())
    dossier, events = fake_open("d", at=dt.datetime(2025, 7, 7, tzinfo=dt.UTC))
    calls = [
        lambda: store.get(42),  # type: ignore[arg-type]
        lambda: store.history("d", up_to="x"),  # type: ignore[arg-type]
        lambda: store.import_dossiers(42),  # type: ignore[arg-type]
        lambda: store.import_dossiers([("only one",)]),  # type: ignore[list-item]
        lambda: store.import_dossiers([(object(), events)]),
        lambda: store.acknowledge("abc"),  # type: ignore[arg-type]
        lambda: store.unit_of_work().dossiers.save(dossier, 42),  # type: ignore[arg-type]
        lambda: store.unit_of_work().dossiers.save(None, events),
        lambda: store.by_code("x", after=7),  # type: ignore[arg-type]
    ]

    for call in calls:
        with pytest.raises(InvalidValueError):
            call()


def test_due_within_counts_working_hours() -> None:
    """due_within(8) on a Friday afternoon reaches into Monday, skipping the weekend."""
    import datetime as dt

    from adminflow.calendar import WorkingCalendar
    from adminflow.testing import FakeCodec, fake_open

    vn = dt.timezone(dt.timedelta(hours=7))
    friday = dt.datetime(2025, 7, 11, 15, 0, tzinfo=vn)
    store = InMemoryStore(codec=FakeCodec())
    store.import_dossiers(
        [
            fake_open("monday", at=friday, due_at=dt.datetime(2025, 7, 14, 9, 0, tzinfo=vn)),
            fake_open("next-week", at=friday, due_at=dt.datetime(2025, 7, 18, 9, 0, tzinfo=vn)),
        ]
    )

    page = store.due_within(8, calendar=WorkingCalendar.vietnam(), at=friday)

    assert [row.id for row in page.items] == ["monday"]


def test_snapshot_columns_are_the_dossier_row_fields() -> None:
    """The dossiers table has exactly DossierRow's fields, in order (contract with indicators)."""
    import attrs

    from adminflow.dossiers import DossierRow
    from adminflow.store import ROW_COLUMNS

    assert tuple(field.name for field in attrs.fields(DossierRow)) == ROW_COLUMNS


class TestSnapshotColumns:
    def test_column_kinds_follow_the_dossier_row_types(self) -> None:
        """The store's column lists are exactly DossierRow's fields, grouped by their types."""
        import datetime as dt
        import typing

        import attrs

        from adminflow.dossiers import DossierRow
        from adminflow.store import _records

        hints = typing.get_type_hints(DossierRow)

        def of(kind: type) -> frozenset[str]:
            return frozenset(
                name
                for name, hint in hints.items()
                if set(typing.get_args(hint) or (hint,)) - {type(None)} == {kind}
            )

        nullable = frozenset(n for n, h in hints.items() if type(None) in typing.get_args(h))

        assert tuple(f.name for f in attrs.fields(DossierRow)) == _records.ROW_COLUMNS
        assert of(dt.datetime) == _records.INSTANT_COLUMNS
        assert of(int) == _records.INT_COLUMNS
        assert of(bool) == _records.BOOL_COLUMNS
        assert nullable == _records.NULLABLE_COLUMNS
