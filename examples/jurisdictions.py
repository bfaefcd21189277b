"""Find the units and authorities that handle a dossier, after the 1 July 2025 reorganisation.

Run: python examples/jurisdictions.py
"""

from adminflow import Authority, AuthorityKind, Gazetteer, Level, NotFoundError
from adminflow.codes import parse_agency_code, parse_dossier_code


def main() -> None:
    vietnam = Gazetteer.vietnam()
    print(vietnam)

    # An applicant types the place where they live, without diacritics.
    for typed in ("phuong hoan kiem", "khanh hoa", "Dac khu Phu Quoc"):
        best = vietnam.search(typed, limit=1)[0]
        parent = vietnam.parent(best.code)
        where = f" ({parent.name})" if parent else ""
        print(f"{typed!r:>22} -> {best.code} {best.name}{where}")

    # The commune-level units of a province, by kind.
    province = vietnam.province("56")
    kinds: dict[str, int] = {}
    for unit in vietnam.communes_of(province.code):
        kinds[unit.kind.label] = kinds.get(unit.kind.label, 0) + 1
    print(f"{province.name}: {kinds}")

    # Old district names are gone; a search only ever returns provinces and communes.
    assert all(u.level in (Level.PROVINCE, Level.COMMUNE) for u in vietnam.search("quan"))

    # The People's Committee of the ward, with an electronic agency identifier (illustrative:
    # the real level-1 codes are in Appendix I of Decision 20/2020/QĐ-TTg).
    ward = vietnam.unit("00070")
    committee = Authority(
        f"ubnd-{ward.code}",
        f"Ủy ban nhân dân {ward.name[0].lower()}{ward.name[1:]}",
        AuthorityKind.PEOPLES_COMMITTEE,
        ward.code,
        agency_code="000.00.00.H26",
    )
    print(committee.name, committee.level, committee.agency)

    # A dossier code carries the agency, the receipt date and the day's sequence number.
    dossier = parse_dossier_code("000.00.00.H26-250701-0007")
    assert dossier.agency.is_within(parse_agency_code("H26"))
    print(f"dossier {dossier}: received {dossier.received_on}, number {dossier.sequence}")

    try:
        vietnam.unit("00001")
    except NotFoundError as error:
        print("closed or unknown code:", error)

    # 00001 was Phường Phúc Xá (Quận Ba Đình) before 1 July 2025; an old address finds its unit.
    print(
        "00001 before 2025:",
        vietnam.legacy_unit("00001").name,
        "->",
        vietnam.successor("00001").name,
    )
    today = vietnam.unit_for_legacy_address(
        province="TP. Hồ Chí Minh", district="Quận 1", commune="P. Bến Nghé"
    )
    print("P. Bến Nghé, Quận 1 (2024) is today", today.code, today.name)
    print(ward.name, "was formed from", [u.name for u in vietnam.predecessors(ward.code)])
    print("data:", vietnam.data_version)


if __name__ == "__main__":
    main()
