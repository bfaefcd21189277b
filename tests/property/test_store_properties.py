"""Invariants of the store, checked on random data: tampering is found, paging is complete."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from adminflow.store import InMemoryStore, connect
from adminflow.testing import FakeCodec, fake_move, fake_open

T0 = dt.datetime(2025, 7, 7, 8, 0, tzinfo=dt.UTC)


@given(
    moves=st.integers(1, 6),
    target=st.integers(1, 7),
    action=st.sampled_from(["edit", "delete", "rehash", "retime"]),
)
def test_any_tampering_with_one_row_is_found(moves: int, target: int, action: str) -> None:
    """Editing, deleting, re-hashing or swapping any event row breaks the chain at a version."""
    target = min(target, moves + 1)
    store = connect("sqlite://", codec=FakeCodec())
    dossier, events = fake_open("d", at=T0)
    history = list(events)
    for n in range(moves):
        dossier, more = fake_move(dossier, f"s{n}", at=T0 + dt.timedelta(hours=n))
        history += more
    store.import_dossiers([(dossier, history)])
    flip = "CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END || substr(hash, 2)"
    statements = {
        "edit": "UPDATE dossier_events SET data = replace(data, '\"d\"', '\"e\"') "
        "WHERE version = :v",
        "delete": "DELETE FROM dossier_events WHERE version = :v",
        "rehash": f"UPDATE dossier_events SET hash = {flip} WHERE version = :v",
        "retime": "UPDATE dossier_events SET at = '2030-01-01T00:00:00+00:00' WHERE version = :v",
    }

    with store.engine.begin() as conn:
        conn.execute(text(statements[action]), {"v": target})
    problems = store.verify("d")

    assert problems
    assert min(p.version for p in problems) <= target + 1
    store.close()


@given(
    units=st.lists(st.sampled_from(["01001", "01002", "01003"]), min_size=0, max_size=30),
    limit=st.integers(1, 7),
)
def test_paging_returns_each_match_once_in_order(units: list[str], limit: int) -> None:
    """Following next_cursor visits every matching dossier exactly once, in id order."""
    store = InMemoryStore(codec=FakeCodec())
    store.import_dossiers(
        fake_open(f"d{n:02}", at=T0, unit_code=unit) for n, unit in enumerate(units)
    )
    seen: list[str] = []
    after = None

    while True:
        page = store.by_unit_status("01001", "received", limit=limit, after=after)
        assert len(page.items) <= limit
        seen += [row.id for row in page.items]
        if page.next_cursor is None:
            break
        after = page.next_cursor

    assert seen == [f"d{n:02}" for n, unit in enumerate(units) if unit == "01001"]
