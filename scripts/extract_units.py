"""Extract adminflow's unit tables from a ``vietnamadminunits`` wheel (maintainers only).

Usage::

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    python scripts/extract_units.py /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

Writes ``src/adminflow/data/units_2025.tsv`` (34 provinces and 3,321 commune-level units of
Decision 19/2025/QĐ-TTg) and ``src/adminflow/data/units_before_2025.tsv`` (the 63 provinces,
696 districts and 10,035 communes in force on 30 June 2025, each with the units that took it
over on 1 July 2025). The library reads only these two files; it never imports
``vietnamadminunits`` (whose own dependencies include shapely, geopy and the GPL-licensed
Unidecode). The script checks the counts and the code rule of Decision 19/2025/QĐ-TTg Art. 3
(every new commune code is the code of one of the old communes it was formed from) and fails
loudly otherwise.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "adminflow" / "data"

PROVINCE_KINDS = {"Tỉnh": "tinh", "Thành phố": "thanh_pho_truc_thuoc_trung_uong"}
KINDS_2025 = {"Xã": "xa", "Phường": "phuong", "Đặc khu": "dac_khu"}
DISTRICT_KINDS = {"Quận": "quan", "Huyện": "huyen", "Thị xã": "thi_xa", "Thành phố": "thanh_pho"}
COMMUNE_KINDS = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran"}


def clean(name: str) -> str:
    """NFC, single spaces, and ``Thị trấn`` for the occasional ``Thị Trấn``."""
    name = " ".join(unicodedata.normalize("NFC", name).split())
    return re.sub(r"^Thị Trấn ", "Thị trấn ", name)


def province_kind(name: str) -> str:
    """The storage value of a province's kind, from the word its name starts with."""
    for word, kind in PROVINCE_KINDS.items():
        if name.startswith(word + " "):
            return kind
    raise SystemExit(f"unknown province kind: {name!r}")


def main(wheel: str) -> None:
    """Read the wheel, check the data and write the two tables."""
    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as tmp:
        version = re.search(r"vietnamadminunits-([^-]+)-", Path(wheel).name)
        assert version, wheel
        info = archive.getinfo("vietnamadminunits/data/dataset.db")
        stamp = "{:04d}-{:02d}-{:02d}".format(*info.date_time[:3])
        db_path = Path(tmp) / "dataset.db"
        db_path.write_bytes(archive.read(info.filename))
        converter = json.loads(archive.read("vietnamadminunits/data/converter_2025.json"))
        digest = hashlib.sha256(db_path.read_bytes()).hexdigest()[:16]
        db = sqlite3.connect(db_path)
        rows_2025 = db.execute(
            "SELECT provinceCode, province, provinceKey, wardCode, ward, wardType, wardKey"
            " FROM admin_units"
        ).fetchall()
        rows_old = db.execute(
            "SELECT provinceCode, province, provinceKey, districtCode, district, districtType,"
            " districtKey, wardCode, ward, wardType, wardKey FROM admin_units_legacy"
        ).fetchall()
        db.close()

    header = [
        f"# data_version: vietnamadminunits {version[1]}, data of {stamp}"
        " (codes of Decision 19/2025/QĐ-TTg)",
        f"# source: vietnamadminunits {version[1]} (PyPI; MIT licence,"
        " (c) 2025 Tran Ngoc Minh Hieu),",
        f"#   data/dataset.db of {stamp}, sha256 {digest}…; built by its author from",
        "#   danhmuchanhchinh.gso.gov.vn (the statistics office's danh mục hành chính service).",
        "# extracted by scripts/extract_units.py; columns are tab-separated.",
    ]

    provinces: dict[str, tuple[str, str]] = {}
    new_by_key: dict[tuple[str, str], str] = {}
    lines = []
    for pcode, pname, pkey, code, name, wtype, wkey in rows_2025:
        provinces[pcode] = (clean(pname), pkey)
        new_by_key[(pkey, wkey)] = code
        lines.append((code, KINDS_2025[wtype], clean(name), pcode))
    new_province_by_key = {key: code for code, (_, key) in provinces.items()}
    out = [*header, "# code\tkind\tname\tprovince"]
    for pcode, (pname, _) in sorted(provinces.items()):
        out.append(f"{pcode}\t{province_kind(pname)}\t{pname}\t")
    out += ["\t".join(line) for line in sorted(lines)]
    assert (len(provinces), len(lines)) == (34, 3321)
    (DATA / "units_2025.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")

    old_provinces: dict[str, tuple[str, str]] = {}
    districts: dict[str, tuple[str, str, str]] = {}
    communes: dict[str, tuple[str, str, str]] = {}
    old_by_key: dict[str, str] = {}
    for pcode, pname, pkey, dcode, dname, dtype, dkey, code, name, wtype, wkey in rows_old:
        old_provinces[pcode] = (clean(pname), pkey)
        districts[dcode] = (DISTRICT_KINDS[dtype], clean(dname), pcode)
        if code is None:  # an island district without communes
            old_by_key[f"{pkey}_{dkey}_"] = dcode
            continue
        communes[code] = (COMMUNE_KINDS[wtype], clean(name), dcode)
        old_by_key[f"{pkey}_{dkey}_{wkey}"] = code

    successors: dict[str, list[str]] = defaultdict(list)
    for npkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nwkey, old_keys in wards.items():
            for old_key in old_keys:
                successors[old_by_key[old_key]].append(new_by_key[(npkey, nwkey)])
    for npkey, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in olds.items():
            ordered = sorted(targets, key=lambda t: not t["isDefaultNewWard"])
            for target in ordered:
                successors[old_by_key[old_key]].append(new_by_key[(npkey, target["newWardKey"])])
    # Island districts without communes became special zones (đặc khu) of the same name.
    for dcode, (_, dname, _) in districts.items():
        if dcode not in successors and not any(c[2] == dcode for c in communes.values()):
            short = dname.removeprefix("Huyện ")
            match = [
                code
                for code, kind2, name, _ in lines
                if kind2 == "dac_khu" and name == f"Đặc khu {short}"
            ]
            assert len(match) == 1, (dname, match)
            successors[dcode] = match
    for npkey, old_pkeys in converter["DICT_PROVINCE"].items():
        for old_pkey in old_pkeys:
            old_code = next(c for c, (_, k) in old_provinces.items() if k == old_pkey)
            successors[old_code].append(new_province_by_key[npkey])

    predecessors: dict[str, set[str]] = defaultdict(set)
    for old, news in successors.items():
        assert len(news) == len(set(news)), (old, news)
        for new in news:
            predecessors[new].add(old)
    for code, _, _, _ in lines:
        olds = predecessors[code]
        assert olds, code
        if not any(len(o) == 3 for o in olds):
            assert code in olds, (code, olds)  # Decision 19/2025 Art. 3: a predecessor's code
    missing = [c for c in [*old_provinces, *communes] if c not in successors]
    assert not missing, missing

    out = [*header, "# code\tkind\tname\tparent\tsuccessors (the main one first)"]
    for pcode, (pname, _) in sorted(old_provinces.items()):
        out.append(f"{pcode}\t{province_kind(pname)}\t{pname}\t\t{','.join(successors[pcode])}")
    for dcode, (kind, dname, pcode) in sorted(districts.items()):
        out.append(f"{dcode}\t{kind}\t{dname}\t{pcode}\t{','.join(successors.get(dcode, []))}")
    for code, (kind, name, dcode) in sorted(communes.items()):
        out.append(f"{code}\t{kind}\t{name}\t{dcode}\t{','.join(successors[code])}")
    assert (len(old_provinces), len(districts), len(communes)) == (63, 696, 10035)
    (DATA / "units_before_2025.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) + 34} units of 2025 and {63 + 696 + len(communes)} before 2025")


if __name__ == "__main__":
    main(sys.argv[1])
