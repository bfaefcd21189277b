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
