"""Benchmark: competence resolution, indexed vs a naive scan of every rule (same run).

Builds a national-size rule set (every province decentralizes and authorizes a share of 300
procedures, some communes authorize their own offices), resolves 1,000,000 random
(procedure, commune, day) triples with the indexed resolver, and times a naive resolver that
scans every rule on a sample of the same triples (checking both give the same answers).

Run: python benchmarks/bench_competence.py [--triples N] [--naive-sample N]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import random
import time
from collections.abc import Sequence

import attrs

from adminflow.competence import (
    Authorization,
    CompetenceResolver,
    CompetenceRules,
    Decentralization,
    LegalReference,
    Scope,
    Seat,
)
from adminflow.errors import CompetenceError
from adminflow.jurisdictions import AuthorityKind, Gazetteer, Level


@attrs.frozen
class Proc:
    code: str
    field: str
    level: Level
    authority_kind: AuthorityKind
    boundary_free: str = "province"


class MiniCatalog:
    def __init__(self, procedures: Sequence[Proc]) -> None:
        self._by_code = {p.code: p for p in procedures}

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_code.values())

    def get(self, code: str) -> Proc:
        return self._by_code[code]


class NaiveResolver(CompetenceResolver):
    """Same answers, but every lookup scans every rule of its kind."""

    def _candidates(self, index, keys, regions, on):  # type: ignore[no-untyped-def,override]
        grants = {
            id(self._assignments): self.rules.assignments,
            id(self._decentralizations): self.rules.decentralizations,
            id(self._authorizations): self.rules.authorizations,
        }[id(index)]
        code = next(v for k, v in keys if k == "procedure")
        field = next((v for k, v in keys if k == "field"), None)
        found = [
            g
            for g in grants
            if g.scope.covers(code, field) and g.region in regions and g.is_in_force(on)
        ]
        return sorted(found, key=lambda g: g.id)


def build(gazetteer: Gazetteer, rng: random.Random) -> tuple[MiniCatalog, CompetenceRules]:
    fields = [f"Lĩnh vực {i}" for i in range(30)]
    procedures = [
        Proc(
            f"1.{i:06d}",
            fields[i % len(fields)],
            Level.COMMUNE if i % 3 else Level.PROVINCE,
            AuthorityKind.PEOPLES_COMMITTEE if i % 2 else AuthorityKind.CHAIRMAN,
        )
        for i in range(300)
    ]
    ref = LegalReference("Decision (benchmark)/QĐ-UBND", article="Art. 1")
    decs: list[Decentralization] = []
    auths: list[Authorization] = []
    for province in gazetteer.provinces():
        for p in procedures:
            if p.level is Level.PROVINCE and rng.random() < 0.5:
                decs.append(
                    Decentralization(
                        id=f"d-{province.code}-{p.code}",
                        scope=Scope({p.code}),
                        region=province.code,
                        grantor=Seat(Level.PROVINCE, p.authority_kind),
                        grantee=Seat(Level.COMMUNE, AuthorityKind.PEOPLES_COMMITTEE),
                        valid_from=dt.date(2025, 7, 1),
                        valid_until=dt.date(2027, 2, 28),
                        reference=ref,
                    )
                )
        for commune in gazetteer.communes_of(province.code)[:60]:
            for p in rng.sample(procedures, 6):
                if p.level is Level.COMMUNE and p.authority_kind is AuthorityKind.CHAIRMAN:
                    start = dt.date(2025, 7, 1) + dt.timedelta(days=rng.randrange(500))
                    auths.append(
                        Authorization(
                            id=f"a-{commune.code}-{p.code}",
                            scope=Scope({p.code}),
                            region=commune.code,
                            grantor=Seat(Level.COMMUNE, AuthorityKind.CHAIRMAN),
                            grantee=Seat(Level.COMMUNE, AuthorityKind.SERVICE_CENTRE),
                            valid_from=start,
                            valid_until=start + dt.timedelta(days=365),
                            reference=ref,
                        )
                    )
    return MiniCatalog(procedures), CompetenceRules(decentralizations=decs, authorizations=auths)


def outcome(resolver: CompetenceResolver, code: str, unit: str, on: dt.date) -> object:
    try:
        c = resolver.resolve(code, unit, at=on)
    except CompetenceError as exc:
        return type(exc).__name__
    return (c.deciding.id, c.acting.id, tuple(g.id for g in c.chain))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(20260705)
    gazetteer = Gazetteer.vietnam()
    catalog, rules = build(gazetteer, rng)
    n_rules = len(rules.decentralizations) + len(rules.authorizations)

    started = time.perf_counter()
    problems = rules.problems(catalog=catalog, gazetteer=gazetteer)  # type: ignore[arg-type]
    validate_s = time.perf_counter() - started
    assert not problems, problems[:3]

    communes = [u.code for p in gazetteer.provinces() for u in gazetteer.communes_of(p.code)]
    codes = [p.code for p in catalog]
    days = [dt.date(2025, 7, 1) + dt.timedelta(days=d) for d in range(900)]
    triples = [
        (rng.choice(codes), rng.choice(communes), rng.choice(days)) for _ in range(args.triples)
    ]

    fast = CompetenceResolver(rules, catalog=catalog, gazetteer=gazetteer, validate=False)  # type: ignore[arg-type]
    naive = NaiveResolver(rules, catalog=catalog, gazetteer=gazetteer, validate=False)  # type: ignore[arg-type]

    started = time.perf_counter()
    for code, unit, on in triples:
        with contextlib.suppress(CompetenceError):
            fast.resolve(code, unit, at=on)
    fast_s = time.perf_counter() - started

    sample = triples[: args.naive_sample]
    started = time.perf_counter()
    for code, unit, on in sample:
        with contextlib.suppress(CompetenceError):
            naive.resolve(code, unit, at=on)
    naive_s = time.perf_counter() - started
    assert all(outcome(fast, *t) == outcome(naive, *t) for t in sample[:500])

    fast_per = fast_s / len(triples)
    naive_per = naive_s / len(sample)
    print(
        f"rules: {n_rules:,} ({len(rules.decentralizations):,} decentralizations, "
        f"{len(rules.authorizations):,} authorizations); validation {validate_s:.2f} s"
    )
    print(f"indexed: {len(triples):,} resolutions in {fast_s:.2f} s ({fast_per * 1e6:.2f} µs each)")
    print(
        f"naive scan: {len(sample):,} resolutions in {naive_s:.2f} s "
        f"({naive_per * 1e6:.1f} µs each);"
        f" 1,000,000 would take ~{naive_per * 1e6:.0f} s"
    )
    print(f"ratio naive/indexed per resolution: {naive_per / fast_per:.0f}x")


if __name__ == "__main__":
    main()
