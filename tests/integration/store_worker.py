"""A writer process for the concurrency and crash tests (run as a script, not collected).

``hammer URL WORKER OPS DOSSIERS SEED``: conflicting commands on shared dossiers, each retried by
the caller after a conflict with the same idempotency key; prints the accepted keys as JSON.
``crash URL``: imports batches and runs commands until it is killed.
"""

import datetime as dt
import json
import random
import sys

from adminflow.errors import ConcurrencyError
from adminflow.services import Services
from adminflow.store import connect
from adminflow.testing import FakeCodec, fake_finish, fake_move, fake_open

T0 = dt.datetime(2025, 7, 7, 8, 0, tzinfo=dt.UTC)


def hammer(url: str, worker: int, ops: int, dossiers: int, seed: int) -> None:
    store = connect(url, codec=FakeCodec(), upgrade=False)
    services = Services(store)
    rng = random.Random(seed)
    accepted: list[str] = []
    conflicts = 0
    for n in range(ops):
        dossier_id = f"d{rng.randrange(dossiers)}"
        key = f"w{worker}-{n}"
        status = key
        while True:
            try:
                services.run(
                    dossier_id,
                    lambda d, s=status: fake_move(d, s, at=T0 + dt.timedelta(seconds=d.version)),
                    idempotency_key=key,
                )
                accepted.append(key)
                break
            except ConcurrencyError:
                conflicts += 1  # the caller's retry: same key, fresh state
    store.close()
    print(json.dumps({"accepted": accepted, "conflicts": conflicts}))


def crash(url: str) -> None:
    store = connect(url, codec=FakeCodec(), upgrade=False)
    services = Services(store)
    batch = 0
    while True:
        items = []
        for n in range(200):
            dossier, events = fake_open(f"b{batch}-{n}", at=T0)
            moved, more = fake_move(dossier, "checking", at=T0)
            final, last = fake_move(moved, "checked", at=T0)
            items.append((final, events + more + last))
        store.import_dossiers(items, outbox=True, batch_size=200)
        for n in range(0, 200, 20):
            services.run(f"b{batch}-{n}", lambda d: fake_finish(d, at=T0))
        print(batch, flush=True)
        batch += 1


if __name__ == "__main__":
    if sys.argv[1] == "hammer":
        hammer(sys.argv[2], *(int(a) for a in sys.argv[3:7]))
    else:
        crash(sys.argv[2])
