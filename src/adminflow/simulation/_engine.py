"""The synthetic workload: dossiers filed, received and decided through the real workflow.

A :class:`Simulation` draws the period's arrivals (day, instant, unit, procedure, channel,
receiving desk) from one seeded generator, then lives each dossier through the workflow's
commands, in order: reception (or a refusal, or a supplement request), transfer to the
competent body, appraisal (perhaps a supplement request, a payment, an extension), the decision
(approval, refusal, or the applicant's stop) and the return of the result. Every command is a
real :class:`~adminflow.dossiers.Workflow` command, so every permission, guard and clock of
the law applies; a dossier whose next command falls after the period's end stays where it is.

Three ways to run it give the same dossiers and events for the same seed:

* :meth:`Simulation.dossiers` yields ``(dossier, events)`` in memory;
* :meth:`Simulation.run` writes them to a store through its bulk import
  (``store.import_dossiers``), fast enough for a province quarter in seconds;
* :meth:`Simulation.run_commands` issues every command through the services, one unit of work
  per command, as a live system would (slow; for small runs and tests).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

from adminflow.calendar import WorkingCalendar
from adminflow.codes import validate_personal_id
from adminflow.competence import CompetenceResolver, CompetenceRules
from adminflow.dossiers import (
    Dossier,
    DossierEvent,
    DossierRow,
    DossierStatus,
    FilingChannel,
    Workflow,
)
from adminflow.errors import (
    AdminflowError,
    CompetenceError,
    InvalidValueError,
    NotFoundError,
)
from adminflow.jurisdictions import Gazetteer
from adminflow.procedures import Catalog, Procedure
from adminflow.procedures import Channel as ProcedureChannel
from adminflow.simulation._life import life
from adminflow.simulation._memo import MemoResolver
from adminflow.simulation._parameters import Parameters
from adminflow.simulation._records import Arrival, SimulationSummary, Step
from adminflow.simulation._staff import Staff, simulated_rules

__all__ = ["Simulation"]

_S = DossierStatus
_MINUTE = dt.timedelta(minutes=1)
_HOUR = dt.timedelta(hours=1)
_DAY = dt.timedelta(days=1)
#: Unit kinds of the gazetteer, as written in ``Parameters.unit_weights``.
_KIND_KEYS = {"phuong": "phuong", "xa": "xa", "dac_khu": "dac_khu"}


class _Store(Protocol):
    def import_dossiers(self, items: Any, *, outbox: bool = False) -> int: ...


def _id_prefix(province: str) -> str:
    prefix = f"{province:0>3}"
    try:
        validate_personal_id(f"{prefix}090001234")
    except InvalidValueError:
        return "001"
    return prefix


def _check_seed(seed: object) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        raise InvalidValueError("seed", seed, "must be an integer from 0 to 2**63 - 1")
    return seed


def _check_progress(progress: object) -> Callable[[int], object] | None:
    if progress is not None and not callable(progress):
        raise InvalidValueError("progress", type(progress).__name__, "must be callable or None")
    return progress


class Simulation:
    """A seeded, reproducible synthetic workload of one province and period.

    Args:
        parameters: The workload (default: :meth:`Parameters.khanh_hoa_2025q3`).
        seed: The seed; the same seed and parameters give the same dossiers, events and rows.
        catalog: The procedure catalogue (default: :meth:`Catalog.sample`).
        rules: The competence rules (default:
            :meth:`CompetenceRules.example_khanh_hoa`); the simulated province's own
            illustrative decisions (a boundary-free list, authorizations) are added to them.
        calendar: The working calendar (default: :meth:`WorkingCalendar.vietnam`).

    Raises:
        InvalidValueError: An argument has the wrong type, a unit is not a commune of the
            province, or a procedure of the mix is not in force, not in the catalogue, or has
            no competent body in some unit on the first day.

    Examples:
        >>> from adminflow.simulation import Parameters, Simulation
        >>> sim = Simulation(Parameters.khanh_hoa_2025q3().scaled(50), seed=7)
        >>> rows = list(sim.rows())
        >>> len(rows), len({r.unit_code for r in rows}) > 20
        (50, True)
    """

    def __init__(
        self,
        parameters: Parameters | None = None,
        *,
        seed: int = 0,
        catalog: Catalog | None = None,
        rules: CompetenceRules | None = None,
        calendar: WorkingCalendar | None = None,
    ) -> None:
        if parameters is None:
            parameters = Parameters.khanh_hoa_2025q3()
        if not isinstance(parameters, Parameters):
            raise InvalidValueError(
                "parameters", type(parameters).__name__, "must be simulation Parameters"
            )
        self.seed = _check_seed(seed)
        catalog = Catalog.sample() if catalog is None else catalog
        if not isinstance(catalog, Catalog):
            raise InvalidValueError("catalog", type(catalog).__name__, "must be a Catalog")
        rules = CompetenceRules.example_khanh_hoa() if rules is None else rules
        if not isinstance(rules, CompetenceRules):
            raise InvalidValueError("rules", type(rules).__name__, "must be CompetenceRules")
        calendar = WorkingCalendar.vietnam() if calendar is None else calendar
        if not isinstance(calendar, WorkingCalendar):
            raise InvalidValueError(
                "calendar", type(calendar).__name__, "must be a WorkingCalendar"
            )
        self.parameters = parameters
        self.calendar = calendar
        self.catalog = catalog
        self._tz = calendar.timezone
        self._first = parameters.first_day
        self._last = parameters.last_day
        calendar.is_working_day(self._first)  # CalendarError outside the calendar's data
        calendar.is_working_day(self._last + _DAY)
        span = range((self._last - self._first).days + 1)
        if not any(calendar.is_working_day(self._first + dt.timedelta(days=i)) for i in span):
            raise InvalidValueError(
                "parameters.last_day",
                self._last,
                f"the period from {self._first} has no working day to receive paper dossiers",
            )
        #: The end of the period: no command happens at or after it.
        self.horizon = dt.datetime.combine(self._last + _DAY, dt.time(0), self._tz)
        self.units = self._units()
        #: The first digits of the simulated applicants' personal identification numbers: the
        #: province's birth-registration code (Circular 59/2021/TT-BCA), else Hà Nội's.
        self.id_prefix = _id_prefix(parameters.province)
        setup = random.Random(f"adminflow-simulation-setup-{self.seed}")
        authorizing = sorted(
            u for u in self.units if setup.random() < parameters.shares["authorizing_units"]
        )
        self.authorizing_units: tuple[str, ...] = tuple(authorizing)
        try:
            self.rules = simulated_rules(
                rules,
                province=parameters.province,
                units=self.units,
                first_day=self._first,
                last_day=self._last,
                boundary_free=parameters.boundary_free_procedures,
                authorized=parameters.authorized_procedures,
                authorizing=authorizing,
            )
        except AdminflowError as exc:
            raise InvalidValueError(
                "parameters.simulated_rules", parameters.boundary_free_procedures, str(exc)
            ) from exc
        self.resolver: CompetenceResolver = MemoResolver(self.rules, catalog=catalog)
        self._bodies: dict[tuple[str, str, dt.date], tuple[str, str]] = {}
        self.workflow = Workflow(calendar=calendar, catalog=catalog, competence=self.resolver)
        self._procedures = self._check_procedures()
        self._agency = {
            unit: f"000.{i // 100:02d}.{i % 100:02d}.{parameters.agency_code}"
            for i, unit in enumerate(self.units, start=1)
        }
        bodies: dict[str, str] = {}
        for code in self._procedures:
            for unit in self.units:
                deciding, acting = self._competent(code, unit, self._first)
                bodies[deciding] = unit
                bodies[acting] = unit
                if unit in authorizing and code in parameters.authorized_procedures:
                    _, acting = self._competent(code, unit, self._last)
                    bodies[acting] = unit
        self.staff = Staff(self.units, bodies)

    def unit_names(self) -> dict[str, str]:
        """The simulated units' names by code (from the gazetteer)."""
        return dict(self._unit_names)

    # ------------------------------------------------------------------ set-up

    def _units(self) -> tuple[str, ...]:
        gazetteer = Gazetteer.vietnam()
        province = self.parameters.province
        try:
            communes = {u.code: u for u in gazetteer.communes_of(province)}
        except AdminflowError as exc:
            raise InvalidValueError("parameters.province", province, str(exc)) from exc
        if not communes:
            raise InvalidValueError("parameters.province", province, "has no communes")
        chosen = self.parameters.units or tuple(sorted(communes))
        for code in chosen:
            if code not in communes:
                raise InvalidValueError(
                    "parameters.units", code, f"is not a commune of province {province}"
                )
        self._unit_kind = {c: _KIND_KEYS.get(communes[c].kind.value, "xa") for c in chosen}
        self._unit_names = {c: communes[c].name for c in sorted(set(chosen))}
        return tuple(sorted(set(chosen)))

    def _procedure(self, code: str, day: dt.date) -> Procedure:
        found: Procedure = self.catalog.get(code)
        if not found.is_valid_on(day):
            raise NotFoundError("procedure", code, hint=f"no version in force on {day}")
        return found

    def _check_procedures(self) -> dict[str, Procedure]:
        found: dict[str, Procedure] = {}
        for i, item in enumerate(self.parameters.procedures):
            field = f"parameters.procedures[{i}]"
            try:
                procedure = self._procedure(item.code, self._first)
            except AdminflowError as exc:
                raise InvalidValueError(field, item.code, str(exc)) from exc
            for unit in self.units:
                try:
                    self._competent(item.code, unit, self._first)
                except (CompetenceError, NotFoundError) as exc:
                    raise InvalidValueError(
                        field, item.code, f"has no competent body in unit {unit}: {exc}"
                    ) from exc
            found[item.code] = procedure
        return found

    def _competent(self, code: str, unit: str, day: dt.date) -> tuple[str, str]:
        key = (code, unit, day)
        if key not in self._bodies:
            c = self.resolver.resolve(self._procedure(code, day), unit, at=day)
            self._bodies[key] = (c.deciding.id, c.acting.id)
        return self._bodies[key]

    # ---------------------------------------------------------------- arrivals

    def arrivals(self) -> list[Arrival]:
        """Every dossier of the period as it arrives, in filing order."""
        p = self.parameters
        shares = p.shares
        rng = random.Random(self.seed)
        cal = self.calendar
        days = [
            self._first + dt.timedelta(days=i) for i in range((self._last - self._first).days + 1)
        ]
        working = [d for d in days if cal.is_working_day(d)]
        off = [d for d in days if not cal.is_working_day(d)]
        units = list(self.units)
        unit_cum = list(
            itertools.accumulate(p.unit_weights.get(self._unit_kind[u], 1.0) for u in units)
        )
        if unit_cum[-1] <= 0:
            unit_cum = list(itertools.accumulate(1.0 for _ in units))
        codes = [w.code for w in p.procedures]
        weights = [w.weight for w in p.procedures]
        proc_cum = list(itertools.accumulate(weights))
        online_ok = {c: ProcedureChannel.ONLINE in self._procedures[c].channels for c in codes}
        online_weight = sum(w for c, w in zip(codes, weights, strict=True) if online_ok[c])
        p_online = (
            min(1.0, shares["online"] * sum(weights) / online_weight) if online_weight else 0.0
        )
        bf = set(p.boundary_free_procedures)
        arrivals: list[tuple[dt.datetime, str, str, str, FilingChannel, int]] = []
        for _ in range(p.dossiers):
            code = codes[bisect.bisect_right(proc_cum, rng.random() * proc_cum[-1])]
            code = code if code in self._procedures else codes[0]
            channels = self._procedures[code].channels
            paper = [
                c
                for c in (ProcedureChannel.IN_PERSON, ProcedureChannel.POSTAL)
                if c in channels or (c is ProcedureChannel.IN_PERSON and not online_ok[code])
            ]
            if online_ok[code] and (not paper or rng.random() < p_online):
                channel = FilingChannel.ONLINE
            elif ProcedureChannel.POSTAL in paper and rng.random() < shares["postal"]:
                channel = FilingChannel.POSTAL
            else:
                channel = FilingChannel.IN_PERSON
            unit = units[
                min(len(units) - 1, bisect.bisect_right(unit_cum, rng.random() * unit_cum[-1]))
            ]
            receiving = unit
            if (
                code in bf
                and channel is not FilingChannel.ONLINE
                and len(units) > 1
                and rng.random() < shares["boundary_free"]
            ):
                receiving = rng.choice([u for u in units if u != unit])
            if channel is FilingChannel.ONLINE:
                if off and rng.random() < shares["online_on_days_off"]:
                    day = rng.choice(off)
                else:
                    day = rng.choice(working)
                at = dt.datetime.combine(day, dt.time(6), self._tz) + dt.timedelta(
                    seconds=rng.randrange(16 * 3600)
                )
            else:
                day = rng.choice(working)
                at = cal.add_working_time(
                    cal.opening(day),
                    dt.timedelta(seconds=rng.randrange(int(cal.day_length.total_seconds()) - 60)),
                )
            arrivals.append((at, unit, receiving, code, channel, rng.getrandbits(63)))
        arrivals.sort(key=lambda a: a[0])
        return [
            Arrival(f"sim{self.seed}-{i:06d}", at, unit, receiving, code, channel, seed)
            for i, (at, unit, receiving, code, channel, seed) in enumerate(arrivals, start=1)
        ]

    # -------------------------------------------------------------------- lives

    # ------------------------------------------------------------------ drivers

    def _lives(
        self, apply: Callable[[Step, Dossier | None], tuple[Dossier, Sequence[DossierEvent]]]
    ) -> Iterator[tuple[Dossier, list[DossierEvent]]]:
        sequence: Counter[tuple[str, dt.date]] = Counter()
        horizon = self.horizon
        for arrival in self.arrivals():
            steps = life(self, arrival, sequence)
            dossier: Dossier | None = None
            events: list[DossierEvent] = []
            step = next(steps)
            while step.at < horizon:
                dossier, new = apply(step, dossier)
                events.extend(new)
                try:
                    step = steps.send(dossier)
                except StopIteration:
                    break
            steps.close()
            if dossier is not None:
                yield dossier, events

    def _apply(self, step: Step, dossier: Dossier | None) -> tuple[Dossier, Sequence[DossierEvent]]:
        if dossier is None:
            result = self.workflow.submit(by=step.by, at=step.at, **step.details)
        else:
            command = getattr(self.workflow, step.action)
            result = command(dossier, by=step.by, at=step.at, **step.details)
        return result.dossier, result.events

    def dossiers(self) -> Iterator[tuple[Dossier, list[DossierEvent]]]:
        """Every simulated dossier with its events, in filing order, computed in memory."""
        return self._lives(self._apply)

    def rows(self) -> Iterator[DossierRow]:
        """Every simulated dossier's row (``Dossier.row()``) at the end of the period."""
        return (dossier.row() for dossier, _ in self.dossiers())

    def run(
        self,
        store: _Store,
        *,
        progress: Callable[[int], object] | None = None,
        outbox: bool = False,
        keep_rows: bool = False,
    ) -> SimulationSummary:
        """Simulate the period into ``store`` through its bulk import path.

        Each dossier's whole history is computed by the workflow in memory, then written with
        ``store.import_dossiers`` in batches (one transaction per batch).

        Args:
            store: An ``adminflow.store`` store (or anything with ``import_dossiers``).
            progress: Called with the number of dossiers simulated so far.
            outbox: Also put the events in the store's outbox.
            keep_rows: Keep every dossier's row in the summary (for charts).

        Raises:
            InvalidValueError: ``store`` has no bulk import, or ``progress`` is not callable.
            PersistenceError: The store refused a batch (e.g. the dossiers already exist).
        """
        report = _check_progress(progress)
        importer = getattr(store, "import_dossiers", None)
        if not callable(importer):
            raise InvalidValueError("store", type(store).__name__, "has no import_dossiers")
        if not isinstance(outbox, bool) or not isinstance(keep_rows, bool):
            raise InvalidValueError("outbox/keep_rows", (outbox, keep_rows), "must be booleans")
        statuses: Counter[str] = Counter()
        channels: Counter[str] = Counter()
        totals = [0, 0]
        rows: list[DossierRow] = []

        def counted() -> Iterator[tuple[Dossier, list[DossierEvent]]]:
            for dossier, events in self.dossiers():
                if keep_rows:
                    rows.append(dossier.row())
                statuses[dossier.status.value] += 1
                channels[dossier.channel.value] += 1
                totals[0] += 1
                totals[1] += len(events)
                if report is not None:
                    report(totals[0])
                yield dossier, events

        importer(counted(), outbox=outbox)
        return SimulationSummary(totals[0], totals[1], dict(statuses), dict(channels), tuple(rows))

    def run_commands(
        self, services: Any, *, progress: Callable[[int], object] | None = None
    ) -> SimulationSummary:
        """Simulate the period by issuing every command through ``services``.

        One unit of work per command (``services.submit`` and ``services.execute``), as a live
        system would; the result is the same as :meth:`run` for the same seed.

        Raises:
            InvalidValueError: ``services`` lacks ``submit``/``execute``, or ``progress`` is not
                callable.
        """
        report = _check_progress(progress)
        submit = getattr(services, "submit", None)
        execute = getattr(services, "execute", None)
        if not callable(submit) or not callable(execute):
            raise InvalidValueError(
                "services", type(services).__name__, "must have submit and execute"
            )

        def apply(step: Step, dossier: Dossier | None) -> tuple[Dossier, Sequence[DossierEvent]]:
            if dossier is None:
                result = submit(by=step.by, at=step.at, **step.details)
            else:
                result = execute(step.action, dossier.id, by=step.by, at=step.at, **step.details)
            return result.dossier, result.events

        statuses: Counter[str] = Counter()
        channels: Counter[str] = Counter()
        count = events = 0
        for dossier, history in self._lives(apply):
            count += 1
            events += len(history)
            statuses[dossier.status.value] += 1
            channels[dossier.channel.value] += 1
            if report is not None:
                report(count)
        return SimulationSummary(count, events, dict(statuses), dict(channels))
