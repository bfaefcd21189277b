"""Who decides, who acts, and who may receive: competence rules for Khánh Hòa (province 56).

The national rules (Decree 140/2025 building permits, assigned to communes by law from 1 July
2025; Decree 46/2026 food safety) are real; the names of the bodies listed by function, the
provincial authorizations, boundary-free list and exclusion are illustrative (see
``adminflow/data/competence_khanh_hoa.toml``).

Run: python examples/competence_khanh_hoa.py
"""

import datetime as dt

import attrs

from adminflow import (
    Catalog,
    CompetenceResolver,
    CompetenceRules,
    Gazetteer,
    NoCompetentAuthorityError,
    ValidationError,
    classify_online_service,
)
from adminflow.competence import Authorization, LegalReference, Scope, Seat

PHUONG_NHA_TRANG = "22366"
PHUONG_BAC_NHA_TRANG = "22333"
PHUONG_HOAN_KIEM = "00070"  # Hà Nội


def main() -> None:
    catalog = Catalog.sample()
    gazetteer = Gazetteer.vietnam()
    rules = CompetenceRules.example_khanh_hoa()
    resolver = CompetenceResolver(rules, catalog=catalog, gazetteer=gazetteer)
    print(rules.title)
    print(f"{gazetteer.unit(PHUONG_NHA_TRANG).name}, {gazetteer.province('56').name}\n")

    # 1. A building permit for a house in Phường Nha Trang, before and after 1 July 2025.
    for day in (dt.date(2025, 6, 20), dt.date(2025, 7, 1), dt.date(2026, 9, 1)):
        print(resolver.resolve("1.013225", PHUONG_NHA_TRANG, at=day).explain())
    print()

    # 2. Bodies named by their function, never "the only body of that kind" listed.
    for code in ("1.013831", "1.001612", "3.000333"):
        c = resolver.resolve(code, PHUONG_NHA_TRANG, at=dt.date(2026, 9, 1))
        print(f"{code}: {c.deciding.name} (function {c.deciding.function})")
    print()

    # 3. Authorizations: the grantee acts, the grantor stays accountable; they expire.
    for code in ("1.001776", "2.001827"):
        for day in (dt.date(2026, 5, 4), dt.date(2027, 1, 4)):
            c = resolver.resolve(code, PHUONG_NHA_TRANG, at=day)
            print(f"{code} on {day}: decides {c.deciding.name}; acts {c.acting.name}")
    print()

    # 4. Boundary-free receipt inside the province, an exclusion, and another province.
    cases = [
        ("1.013225", PHUONG_BAC_NHA_TRANG, dt.date(2025, 11, 3)),
        ("1.004873", PHUONG_BAC_NHA_TRANG, dt.date(2025, 11, 3)),
        ("1.004873", PHUONG_BAC_NHA_TRANG, dt.date(2026, 1, 5)),
        ("1.013978", PHUONG_BAC_NHA_TRANG, dt.date(2026, 1, 5)),
        ("1.001193", PHUONG_HOAN_KIEM, dt.date(2026, 9, 1)),
        ("3.000333", PHUONG_HOAN_KIEM, dt.date(2026, 9, 1)),
    ]
    for code, receiving, day in cases:
        decision = resolver.can_receive(code, receiving, PHUONG_NHA_TRANG, at=day)
        print(f"{code} at {receiving} on {day}: {decision}")
        if decision:
            transfer = resolver.transfer(code, receiving, PHUONG_NHA_TRANG, at=day)
            print(
                f"    -> {transfer.destination.name}: e-dossier {transfer.electronic}, paper "
                f"within {transfer.paper_within_working_days} working day(s); clock from "
                f"{transfer.clock_start}"
            )
    print()

    # 5. The district level is gone: a competence left there has nobody after 1 July 2025.
    stale = attrs.evolve(rules.assignments[0], valid_until=None)
    bare = CompetenceResolver(
        CompetenceRules(assignments=[stale], districts=rules.districts), gazetteer=gazetteer
    )
    try:
        bare.resolve("1.013225", PHUONG_NHA_TRANG, at=dt.date(2025, 8, 1))
    except NoCompetentAuthorityError as exc:
        print(f"without Decree 140/2025: {exc}\n")

    # 6. A commune People's Committee acting under the Department of Industry and Trade's
    #    authorization
    #    may not pass it on to its chairman (no sub-authorization).
    sub = Authorization(
        id="sub-authorization",
        scope=Scope({"2.001827"}),
        region=PHUONG_NHA_TRANG,
        grantor=Seat.parse("commune/peoples_committee"),
        grantee=Seat.parse("commune/chairman"),
        valid_from=dt.date(2026, 4, 1),
        valid_until=dt.date(2026, 6, 30),
        reference=LegalReference("Decision of the People's Committee (illustrative)"),
    )
    broken = CompetenceRules(
        authorities=rules.authorities, authorizations=(*rules.authorizations, sub)
    )
    try:
        broken.validate(catalog=catalog, gazetteer=gazetteer)
    except ValidationError as exc:
        print(exc, "\n")

    # 7. Online-service classification changes regime on 1 July 2026.
    for day in (dt.date(2026, 6, 30), dt.date(2026, 7, 1)):
        c = classify_online_service(catalog.get("1.013225", on=day).online_service, on=day)
        print(f"{day}: {c.label} — {c.legal_basis}; reason required: {c.partial_reason_required}")


if __name__ == "__main__":
    main()
