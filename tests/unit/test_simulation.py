"""The synthetic workload: parameters as data, reproducible dossiers, the workflow's paths."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from collections import Counter

import attrs
import pytest

from adminflow.dossiers import (
    DossierReceived,
    DossierStatus,
    ResultApproved,
    Role,
    event_from_dict,
    event_to_dict,
    replay,
)
from adminflow.errors import AdminflowError, InvalidValueError, NotFoundError
from adminflow.simulation import (
    SHARES,
    Parameters,
    ProcedureWeight,
    Simulation,
    Staff,
    StaffMember,
)

DEFAULT = Parameters.khanh_hoa_2025q3()
FEW_UNITS = ("22333", "22366", "22420", "22528", "22651")


def small(dossiers: int = 200, **shares: float) -> Parameters:
    """The default workload on five communes, with some shares changed."""
    return attrs.evolve(
        DEFAULT, units=FEW_UNITS, dossiers=dossiers, shares={**DEFAULT.shares, **shares}
    )


class TestParameters:
    def test_default_is_khanh_hoa_q3_2025(self) -> None:
        """The shipped parameters: a quarter, 23,700 dossiers, 87.6 % online, 99.9 % on time."""
        p = DEFAULT

        assert (p.first_day, p.last_day) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
        assert (p.province, p.dossiers, p.agency_code) == ("56", 23_700, "H41")
        assert p.shares["online"] == 0.876
        assert p.shares["on_time"] == 0.999
        assert p.late_share == pytest.approx(0.001)

    def test_every_number_has_a_source(self) -> None:
        """Each share, the headline figures and the mix name where they come from."""
        for name in (*SHARES, "dossiers", "units", "procedures", "unit_weights", "agency_code"):
            assert DEFAULT.sources.get(name), name

    def test_missing_shares_take_their_defaults(self) -> None:
        """A parameter set that gives some shares gets the documented defaults for the rest."""
        p = Parameters.loads(
            'title = "t"\nprovince = "56"\nfirst_day = 2025-07-01\nlast_day = 2025-07-31\n'
            'dossiers = 10\nagency_code = "H41"\n[shares]\nonline = 0.5\n'
            '[[procedures]]\ncode = "2.000815"\nweight = 1\n'
        )

        assert p.shares["online"] == 0.5
        assert p.shares["refused"] == SHARES["refused"][0]
        assert p.procedures == (ProcedureWeight("2.000815", 1.0),)

    def test_scaled_keeps_the_mix(self) -> None:
        """scaled() changes only the number of dossiers."""
        p = DEFAULT.scaled(100)

        assert p.dossiers == 100
        assert attrs.evolve(p, dossiers=DEFAULT.dossiers) == DEFAULT

    @pytest.mark.parametrize(
        ("text", "field"),
        [
            ("[shares]\nonlin = 0.5\n", "shares.onlin"),
            ("[shares]\nonline = 1.5\n", "shares.online"),
            ("[shares]\nonline = true\n", "shares.online"),
            ("[unit_weights]\nxa = -1\n", "unit_weights.xa"),
            ("[[procedures]]\ncode = 'x'\n", "procedures[0]"),
            ("[[procedures]]\ncode = '2.000815'\nweight = 2\n", "procedures"),
            ("colour = 1\n", "colour"),
        ],
    )
    def test_bad_values_are_named(self, text: str, field: str) -> None:
        """A bad parameter raises InvalidValueError naming the field."""
        base = (
            'title = "t"\nprovince = "56"\nfirst_day = 2025-07-01\nlast_day = 2025-07-31\n'
            'dossiers = 10\nagency_code = "H41"\n'
        )
        mix = "[[procedures]]\ncode = '2.000815'\nweight = 1\n"

        with pytest.raises(InvalidValueError) as info:
            Parameters.loads(base + text + mix)

        assert info.value.field == field

    def test_missing_field_is_named(self) -> None:
        """A parameter set without its number of dossiers names the missing field."""
        with pytest.raises(InvalidValueError, match="dossiers"):
            Parameters.loads(
                'title = "t"\nprovince = "56"\nfirst_day = 2025-07-01\nlast_day = 2025-07-02\n'
            )

    def test_period_must_be_in_order(self) -> None:
        """The last day may not come before the first."""
        with pytest.raises(InvalidValueError, match="last_day"):
            attrs.evolve(DEFAULT, last_day=dt.date(2025, 6, 30))

    def test_period_without_working_day(self) -> None:
        """A period of days off only cannot receive paper dossiers and is refused."""
        p = attrs.evolve(small(5), first_day=dt.date(2025, 9, 1), last_day=dt.date(2025, 9, 2))

        with pytest.raises(InvalidValueError, match="no working day"):
            Simulation(p)

    def test_unreadable_file(self, tmp_path: object) -> None:
        """A missing parameter file is an InvalidValueError naming the path."""
        with pytest.raises(InvalidValueError, match="path"):
            Parameters.load("/nonexistent/parameters.toml")


class TestDeterminism:
    def test_same_seed_same_rows(self) -> None:
        """Two simulations with the same seed and parameters give identical rows."""
        first = list(Simulation(small(150), seed=11).rows())
        second = list(Simulation(small(150), seed=11).rows())

        assert first == second

    def test_same_seed_same_events(self) -> None:
        """The same seed gives the same events, in the same order, for every dossier."""
        one = [(d.id, events) for d, events in Simulation(small(60), seed=5).dossiers()]
        two = [(d.id, events) for d, events in Simulation(small(60), seed=5).dossiers()]

        assert one == two

    def test_another_seed_other_rows(self) -> None:
        """Another seed gives another workload."""
        first = list(Simulation(small(80), seed=1).rows())
        second = list(Simulation(small(80), seed=2).rows())

        assert first != second


@pytest.fixture(scope="module")
def province() -> tuple[Simulation, list[tuple[object, list[object]]]]:
    """3,000 dossiers of the default quarter, with their events."""
    sim = Simulation(DEFAULT.scaled(3000), seed=2025)
    return sim, list(sim.dossiers())


class TestInvariants:
    def test_count_units_and_period(self, province: tuple[Simulation, list]) -> None:
        """Exactly the asked number of dossiers, in the 65 communes, filed in the period."""
        sim, lives = province
        rows = [d.row() for d, _ in lives]

        assert len(rows) == 3000
        assert len(sim.units) == 65
        assert {r.unit_code for r in rows} <= set(sim.units)
        assert all(r.province_code == "56" for r in rows)
        first = dt.datetime.combine(DEFAULT.first_day, dt.time(0), sim.calendar.timezone)
        assert all(first <= r.submitted_at < sim.horizon for r in rows)  # type: ignore[operator]

    def test_shares_near_the_parameters(self, province: tuple[Simulation, list]) -> None:
        """Online, on-time and electronic-result shares come out near their parameters."""
        _, lives = province
        rows = [d.row() for d, _ in lives]
        finished = [r for r in rows if r.outcome is not None]

        online = sum(r.channel == "online" for r in rows) / len(rows)
        on_time = sum(r.outcome in ("early", "on_time") for r in finished) / len(finished)
        e_result = sum(r.e_result for r in rows if r.channel == "online" and r.finished_at)

        assert online == pytest.approx(0.876, abs=0.02)
        assert on_time >= 0.995
        assert e_result / sum(1 for r in rows if r.channel == "online" and r.finished_at) > 0.9

    def test_histories_replay_and_keep_time_order(self, province: tuple[Simulation, list]) -> None:
        """Every history replays to its dossier, versions count up and instants never go back."""
        sim, lives = province
        for dossier, events in lives[:800]:
            assert replay(events) == dossier
            assert [e.version for e in events] == list(range(1, len(events) + 1))
            assert all(a.at <= b.at for a, b in itertools.pairwise(events))
            assert events[-1].at < sim.horizon

    def test_events_survive_json(self, province: tuple[Simulation, list]) -> None:
        """Every event reads back from its JSON text, as a store keeps it (enums included)."""
        _, lives = province
        kinds = set()
        for _, events in lives[:1500]:
            for event in events:
                text = json.dumps(event_to_dict(event))
                assert event_from_dict(json.loads(text)) == event
                kinds.add(type(event).__name__)

        assert len(kinds) >= 14

    def test_every_path_of_the_workflow_occurs(self, province: tuple[Simulation, list]) -> None:
        """Supplements, refusals, stops, extensions, payments and closures all happen."""
        _, lives = province
        statuses = Counter(d.status for d, _ in lives)
        kinds = Counter(type(e).__name__ for _, events in lives for e in events)

        for status in (
            DossierStatus.RESULT_RETURNED,
            DossierStatus.REFUSED_AT_RECEPTION,
            DossierStatus.REFUSED,
            DossierStatus.IN_PROCESSING,
        ):
            assert statuses[status] > 0, status
        for kind in (
            "SupplementRequested",
            "DossierSupplemented",
            "DeadlineExtended",
            "PaymentMade",
            "DossierTransferred",
            "TransferReceived",
        ):
            assert kinds[kind] > 0, kind

    def test_staff_per_commune(self, province: tuple[Simulation, list]) -> None:
        """Each commune has reception officers and a head; each body officers and leaders."""
        sim, lives = province
        roles = sim.staff.roles()

        assert roles["reception_officer"] == 3 * 65
        assert roles["one_stop_head"] == 65
        assert roles["signing_leader"] == roles["processing_officer"] > 0
        actors = {e.actor.role for _, events in lives for e in events}  # type: ignore[union-attr]
        assert {Role.APPLICANT, Role.RECEPTION_OFFICER, Role.PROCESSING_OFFICER} <= actors
        assert {Role.SIGNING_LEADER, Role.SYSTEM} <= actors


class TestStaff:
    def test_a_new_body_gets_its_team(self) -> None:
        """A body first met during the period (a new authorization) gets officers and leaders."""
        staff = Staff(["22366"], {})
        rng = random.Random(1)

        officer = staff.officer("22366-phong-vhxh", rng)
        leader = staff.leader("22366-phong-vhxh", rng)

        assert (officer.role, officer.authority_id) == (Role.PROCESSING_OFFICER, "22366-phong-vhxh")
        assert (leader.role, leader.authority_id) == (Role.SIGNING_LEADER, "22366-phong-vhxh")
        assert len(staff) == 4 + 2 + 2

    def test_unknown_desk(self) -> None:
        """A unit without a One-Stop Unit in the staff is a NotFoundError."""
        with pytest.raises(NotFoundError):
            Staff(["22366"], {}).desk("22333", random.Random(1))


class TestPaths:
    def test_authorized_office_signs_as_acting(self) -> None:
        """In authorizing communes the Culture-Society office decides social allowances."""
        p = attrs.evolve(
            small(300, authorizing_units=1.0),
            procedures=[ProcedureWeight("1.001776", 1.0)],
        )
        sim = Simulation(p, seed=3)

        approvals = [
            e for _, events in sim.dossiers() for e in events if isinstance(e, ResultApproved)
        ]

        assert sim.authorizing_units == FEW_UNITS
        assert approvals
        assert {e.signed_as for e in approvals} == {"acting"}
        assert all(e.authority_id.endswith("-phong-vhxh") for e in approvals)  # type: ignore[union-attr]

    def test_boundary_free_receipt_and_transfer(self) -> None:
        """Paper dossiers of listed procedures are received at another commune and transferred."""
        p = attrs.evolve(
            small(200, boundary_free=1.0, online=0.0),
            procedures=[ProcedureWeight("2.000815", 1.0)],
        )

        lives = list(Simulation(p, seed=4).dossiers())
        received = [e for _, events in lives for e in events if isinstance(e, DossierReceived)]

        assert all(d.receiving_unit_code != d.unit_code for d, _ in lives)
        assert received
        assert all(e.boundary_free for e in received)

    def test_rare_paths_at_high_rates(self) -> None:
        """With every exceptional path frequent, the workflow accepts every command."""
        p = small(
            400,
            reception_supplement=0.3,
            appraisal_supplement=0.5,
            supplement_abandoned=0.5,
            refused_at_reception=0.1,
            refused=0.2,
            stopped=0.1,
            extended=0.6,
            on_time=0.7,
        )

        statuses = Counter(d.status for d, _ in Simulation(p, seed=9).dossiers())

        assert statuses[DossierStatus.CLOSED_UNSUPPLEMENTED] > 0
        assert statuses[DossierStatus.STOPPED] > 0
        assert statuses[DossierStatus.RETURNED_FOR_SUPPLEMENT] > 0

    def test_late_share_makes_late_dossiers(self) -> None:
        """Lowering the on-time share makes that share of finished dossiers late."""
        rows = list(Simulation(small(400, on_time=0.5), seed=8).rows())
        finished = [r for r in rows if r.outcome is not None]

        late = sum(r.outcome == "late" for r in finished) / len(finished)

        assert 0.35 < late < 0.65


class FakeStore:
    """Collects what the bulk import receives."""

    def __init__(self) -> None:
        self.items: list[tuple[object, list[object]]] = []

    def import_dossiers(self, items: object, *, outbox: bool = False) -> int:
        self.items.extend(items)  # type: ignore[call-overload]
        return len(self.items)


class TestRun:
    def test_run_hands_every_history_to_the_bulk_import(self) -> None:
        """run() imports each dossier with its whole history and reports progress and totals."""
        store = FakeStore()
        seen: list[int] = []

        summary = Simulation(small(40), seed=1).run(store, progress=seen.append, keep_rows=True)

        assert summary.dossiers == len(store.items) == 40
        assert summary.events == sum(len(events) for _, events in store.items)
        assert seen == list(range(1, 41))
        assert [r.id for r in summary.rows] == [d.id for d, _ in store.items]  # type: ignore[attr-defined]
        assert sum(summary.channels.values()) == 40

    def test_run_without_import_is_refused(self) -> None:
        """A store without a bulk import is an InvalidValueError."""
        with pytest.raises(InvalidValueError, match="store"):
            Simulation(small(5)).run(object())  # type: ignore[arg-type]


class TestGarbage:
    @pytest.mark.parametrize(
        "kwargs",
        [
            {"parameters": "khanh hoa"},
            {"seed": -1},
            {"seed": 1.5},
            {"seed": True},
            {"catalog": "sample"},
            {"rules": {}},
            {"calendar": 3},
        ],
    )
    def test_bad_arguments(self, kwargs: dict[str, object]) -> None:
        """Bad constructor arguments raise InvalidValueError."""
        with pytest.raises(InvalidValueError):
            Simulation(**kwargs)  # type: ignore[arg-type]

    def test_unit_outside_the_province(self) -> None:
        """A unit that is not a commune of the province is named."""
        with pytest.raises(InvalidValueError, match="00070"):
            Simulation(attrs.evolve(DEFAULT, units=["00070"], dossiers=5))

    def test_procedure_not_in_force(self) -> None:
        """A procedure of the mix not yet in force in the period is named."""
        p = attrs.evolve(small(5), procedures=[ProcedureWeight("1.013225", 1.0)])

        with pytest.raises(InvalidValueError, match=r"1\.013225"):
            Simulation(p)

    def test_procedure_without_competent_body(self) -> None:
        """A procedure whose competent body the rules cannot tell is named."""
        p = attrs.evolve(small(5), procedures=[ProcedureWeight("1.004222", 1.0)])

        with pytest.raises(AdminflowError, match=r"1\.004222"):
            Simulation(p)

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"id": "", "role": "reception_officer"},
            {"id": "x", "role": "mayor"},
            {"id": "x", "role": "applicant", "unit_code": 5},
        ],
    )
    def test_bad_staff(self, kwargs: dict[str, object]) -> None:
        """A staff member with a blank id, unknown role or bad unit is refused."""
        with pytest.raises(InvalidValueError):
            StaffMember(**kwargs)  # type: ignore[arg-type]

    def test_bad_staff_directory(self) -> None:
        """A staff directory with bad counts or units is refused."""
        with pytest.raises(InvalidValueError, match="officers"):
            Staff(["22366"], {}, officers=0)
        with pytest.raises(InvalidValueError, match="units"):
            Staff("22366", {})
