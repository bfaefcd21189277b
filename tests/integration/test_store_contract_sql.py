"""The SQLite and PostgreSQL stores pass the public store contract."""

import pytest

from adminflow.store import Store, connect
from adminflow.store._ports import EventCodec
from adminflow.testing import StoreContract


class TestSqliteStore(StoreContract):
    @pytest.fixture(autouse=True)
    def _database(self, sqlite_url: str) -> None:
        self.url = sqlite_url

    def make_store(self, *, codec: EventCodec, applicant_key: bytes | None) -> Store:
        return connect(self.url, codec=codec, applicant_key=applicant_key)


class TestSqliteMemoryStore(StoreContract):
    def make_store(self, *, codec: EventCodec, applicant_key: bytes | None) -> Store:
        return connect("sqlite://", codec=codec, applicant_key=applicant_key)


@pytest.mark.postgres
class TestPostgresStore(StoreContract):
    @pytest.fixture(autouse=True)
    def _database(self, postgres_url: str) -> None:
        self.url = postgres_url

    def make_store(self, *, codec: EventCodec, applicant_key: bytes | None) -> Store:
        return connect(self.url, codec=codec, applicant_key=applicant_key)
