"""What only the SQL store does: migrations, SQLite settings, query plans, audit chain on disk."""

import datetime as dt
import gc
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from adminflow.errors import ConcurrencyError, ConfigurationError, StorageError
from adminflow.store import connect
from adminflow.store._records import GENESIS, event_records, instant_text, row_values
from adminflow.store._schema import HEAD, metadata
from adminflow.store._sql import schema_revision, upgrade_schema
from adminflow.testing import FakeCodec, fake_finish, fake_move, fake_open

T0 = dt.datetime(2025, 7, 7, 8, 0, tzinfo=dt.UTC)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "adminflow", "db", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def _filled(url: str, count: int = 3):  # type: ignore[no-untyped-def]
    store = connect(url, codec=FakeCodec(), applicant_key=b"k")
    for n in range(count):
        dossier, events = fake_open(f"d{n}", at=T0, applicant=f"07900000000{n}")
        with store.unit_of_work() as uow:
            uow.dossiers.save(dossier, events)
            uow.commit()
        with store.unit_of_work() as uow:
            uow.dossiers.save(*fake_finish(dossier, at=T0 + dt.timedelta(hours=n)))
            uow.commit()
    return store


class TestSqliteSettings:
    def test_wal_foreign_keys_and_busy_timeout(self, sqlite_url: str) -> None:
        """A SQLite store runs in WAL mode with foreign keys on and a busy timeout."""
        store = connect(sqlite_url, codec=FakeCodec(), busy_timeout=7)

        with store.engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            keys = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
            busy = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()

        assert (mode, keys, busy) == ("wal", 1, 7000)

    def test_instants_are_utc_text_and_booleans_integers(self, sqlite_url: str) -> None:
        """SQLite keeps instants as UTC ISO text and booleans as 0/1 (the indicators contract)."""
        _filled(sqlite_url, 1).close()

        with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
            due, fee, satisfied = conn.execute(
                "SELECT due_at, fee_payable, satisfied_resolving FROM dossiers"
            ).fetchone()

        assert due == "2025-07-10T08:00:00+00:00"
        assert (fee, satisfied) == (1, 1)


class TestBulkImport:
    def test_the_garbage_collector_is_as_it_was_after_an_import(self, sqlite_url: str) -> None:
        """The import pauses the cyclic garbage collector only while it builds rows: enabled
        before means enabled after (also when a batch fails), disabled stays disabled."""
        store = connect(sqlite_url, codec=FakeCodec())
        items = [fake_open(f"g{n}", at=T0) for n in range(5)]
        try:
            assert gc.isenabled()
            assert store.import_dossiers(items[:3], batch_size=2) == 3
            assert gc.isenabled()
            with pytest.raises(ConcurrencyError):
                store.import_dossiers(items[2:], batch_size=5)  # g2 exists already
            assert gc.isenabled()
            gc.disable()
            try:
                assert store.import_dossiers(items[3:]) == 2
                assert not gc.isenabled()
            finally:
                gc.enable()
            assert store.count() == 5
            assert list(store.verify_all()) == []
        finally:
            store.close()


class TestMigrations:
    def test_schema_of_the_migrations_equals_the_code_schema(self, sqlite_url: str) -> None:
        """After `upgrade head` Alembic finds no difference between the database and the code."""
        from alembic.autogenerate import compare_metadata
        from alembic.migration import MigrationContext

        connect(sqlite_url, codec=FakeCodec()).close()
        engine = create_engine(sqlite_url)

        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)

        assert [d for d in diff if d[0] != "remove_table"] == []

    def test_old_store_is_upgraded_in_place(self, sqlite_url: str) -> None:
        """A store at revision 0001 with dossiers is upgraded to head keeping every row."""
        upgrade_schema(sqlite_url, "0001")
        codec = FakeCodec()
        dossier, events = fake_open("old-1", at=T0)
        moved, more = fake_move(dossier, "checking", at=T0)
        records = event_records(codec, events + more, previous_hash=GENESIS)
        values = row_values(moved.row())
        for key, value in list(values.items()):
            if isinstance(value, dt.datetime):
                values[key] = instant_text(value)
        engine = create_engine(sqlite_url)
        with engine.begin() as conn:
            names = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            conn.execute(text(f"INSERT INTO dossiers ({names}) VALUES ({marks})"), values)
            for r in records:
                conn.execute(
                    text("INSERT INTO dossier_events VALUES (:d, :v, :t, :a, :x, :h)"),
                    {"d": r.dossier_id, "v": r.version, "t": r.type, "a": r.at, "x": r.data,
                     "h": r.hash},
                )  # fmt: skip
        engine.dispose()
        assert schema_revision(sqlite_url) == "0001"

        result = _cli("upgrade", sqlite_url)
        store = connect(sqlite_url, codec=codec, upgrade=False)
        with store.unit_of_work() as uow:
            uow.dossiers.save(*fake_finish(moved, at=T0), idempotency_key="after-upgrade")
            uow.commit()

        assert result.returncode == 0, result.stderr
        assert "0001 -> 0002 (head)" in result.stdout
        assert store.history("old-1")[:2] == events + more
        assert store.get("old-1").status == "done"
        assert store.verify("old-1") == []
        assert store.command("after-upgrade") is not None

    def test_old_schema_without_upgrade_is_a_configuration_error(self, sqlite_url: str) -> None:
        """Opening an old store with upgrade=False names the command that upgrades it."""
        upgrade_schema(sqlite_url, "0001")

        with pytest.raises(ConfigurationError, match="adminflow db upgrade"):
            connect(sqlite_url, codec=FakeCodec(), upgrade=False)

    def test_current_command(self, sqlite_url: str) -> None:
        """`adminflow db current` prints the revision and whether it is the head."""
        connect(sqlite_url, codec=FakeCodec()).close()

        result = _cli("current", sqlite_url)

        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"{HEAD} (head)"


class TestAuditChain:
    def test_edited_row_is_found(self, sqlite_url: str) -> None:
        """Changing an event's content in the database is reported at that version."""
        store = _filled(sqlite_url)
        with store.engine.begin() as conn:
            conn.execute(
                text("UPDATE dossier_events SET data = replace(data, 'checked', 'approved') "
                     "WHERE dossier_id = 'd1' AND version = 2")
            )  # fmt: skip

        problems = store.verify("d1")

        assert [(p.version, p.kind) for p in problems] == [(2, "edited")]
        assert store.verify("d0") == []

    def test_deleted_and_reordered_rows_are_found(self, sqlite_url: str) -> None:
        """A deleted middle row, a deleted last row and swapped contents are all reported."""
        store = _filled(sqlite_url)
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM outbox"))  # its foreign key protects the events
            conn.execute(text("DELETE FROM dossier_events WHERE dossier_id='d0' AND version=2"))
            conn.execute(text("DELETE FROM dossier_events WHERE dossier_id='d1' AND version=3"))
            conn.execute(text("UPDATE dossier_events SET version = -version WHERE dossier_id='d2'"))
            conn.execute(
                text("UPDATE dossier_events SET version = CASE -version WHEN 2 THEN 3 "
                     "WHEN 3 THEN 2 ELSE 1 END WHERE dossier_id='d2'")
            )  # fmt: skip

        kinds = {d: [(p.version, p.kind) for p in store.verify(d)] for d in ("d0", "d1", "d2")}
        result = _cli("verify", sqlite_url)

        assert kinds["d0"] == [(2, "missing"), (3, "edited")]
        assert kinds["d1"] == [(3, "truncated")]
        assert (2, "edited") in kinds["d2"]
        assert result.returncode == 1
        assert "d0 v2: missing" in result.stdout

    def test_verify_command_on_an_intact_store(self, sqlite_url: str) -> None:
        """`adminflow db verify` exits 0 and counts the dossiers when nothing was touched."""
        _filled(sqlite_url).close()

        result = _cli("verify", sqlite_url)

        assert result.returncode == 0, result.stderr
        assert "3 dossier(s) verified" in result.stdout


class TestQueries:
    @pytest.mark.parametrize(
        ("query", "args", "kwargs", "index"),
        [
            ("by_code", ("C-d1",), {}, "ix_dossiers_code"),
            ("by_applicant", ("079000000001",), {}, "ix_dossiers_applicant"),
            ("by_unit_status", ("01001", "done"), {}, "ix_dossiers_unit_status"),
            ("overdue", (), {"at": T0}, "ix_dossiers_open_due"),
            ("due_between", (T0, T0), {}, "ix_dossiers_open_due"),
            ("received_between", (T0, T0), {}, "ix_dossiers_received"),
        ],
    )
    def test_each_query_uses_its_index(
        self, sqlite_url: str, query: str, args: tuple[object, ...], kwargs: dict[str, object],
        index: str,
    ) -> None:  # fmt: skip
        """SQLite's EXPLAIN QUERY PLAN of each back-office query searches its index."""
        store = _filled(sqlite_url)

        plan = store.plan(query, *args, **kwargs)

        assert f"USING INDEX {index}" in plan or f"USING COVERING INDEX {index}" in plan, plan

    def test_applicant_number_never_reaches_the_database(self, sqlite_url: str) -> None:
        """The applicant query sends only the keyed hash, never the number itself."""
        store = _filled(sqlite_url)
        sent: list[str] = []
        event.listen(
            store.engine,
            "before_cursor_execute",
            lambda conn, cursor, statement, params, context, many: sent.append(
                f"{statement} {params}"
            ),
        )

        page = store.by_applicant("079000000001")

        assert [row.id for row in page.items] == ["d1"]
        assert sent
        assert not any("079000000001" in s for s in sent)


class TestErrors:
    def test_bad_urls_are_configuration_errors(self, tmp_path: Path) -> None:
        """Garbage, unsupported databases and unknown drivers raise ConfigurationError."""
        for url in ("", "not a url", "mysql://u:pw@h/db", "postgresql+pg8000://u:pw@h/db", 42):
            with pytest.raises(ConfigurationError) as caught:
                connect(url)
            assert "pw" not in str(caught.value)

    def test_unreachable_server_hides_the_password(self) -> None:
        """A refused connection is a ConfigurationError naming the store without its password."""
        with pytest.raises(ConfigurationError) as caught:
            connect("postgresql://clerk:s3cret-pw@127.0.0.1:9/dossiers")

        assert "s3cret-pw" not in str(caught.value)
        assert "clerk:***@127.0.0.1:9/dossiers" in str(caught.value)

    def test_not_a_database_file(self, tmp_path: Path) -> None:
        """A file that is not a SQLite database is a ConfigurationError."""
        path = tmp_path / "garbage.db"
        path.write_bytes(b"this is not sqlite" * 100)

        with pytest.raises(ConfigurationError):
            connect(f"sqlite:///{path}")

    def test_driver_errors_are_storage_errors(self, sqlite_url: str) -> None:
        """A failing statement raises StorageError with the driver error as its cause."""
        store = _filled(sqlite_url)
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE outbox"))

        with pytest.raises(StorageError) as caught:
            store.pending()

        assert isinstance(caught.value.__cause__, Exception)
        assert sqlite_url in str(caught.value)
