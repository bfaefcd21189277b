"""The in-memory store passes the public store contract."""

from adminflow.store import InMemoryStore, Store
from adminflow.store._ports import EventCodec
from adminflow.testing import StoreContract


class TestInMemoryStore(StoreContract):
    def make_store(self, *, codec: EventCodec, applicant_key: bytes | None) -> Store:
        return InMemoryStore(codec=codec, applicant_key=applicant_key)
