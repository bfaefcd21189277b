"""Describe a province's procedures as a file, validate it, and query the catalogue.

Run: python examples/catalog.py
"""

import tempfile
from pathlib import Path

from adminflow import Catalog, Level, ValidationError

MY_PROVINCE = """\
title = "Danh mục thủ tục hành chính cấp xã (example)"
retrieved_on = 2026-11-26

[[procedures]]
code = "1.004873.000.00.00.H14"
name = "Cấp Giấy xác nhận tình trạng hôn nhân"
field = "Hộ tịch"
level = "commune"
authority_kind = "peoples_committee"
processing_time = { working_days = 3 }
channels = ["in_person", "online"]
online_service = "partial"
legal_basis = ["Decree 123/2015/NĐ-CP, Art. 21-23"]
steps = [
    { name = "Tiếp nhận", role = "công chức Bộ phận Một cửa", budget = 0.5 },
    { name = "Xác minh, ký", role = "công chức tư pháp - hộ tịch", budget = 2.5 },
]

[[procedures]]
code = "2.000884"
name = "Chứng thực chữ ký trong các giấy tờ, văn bản"
field = "Chứng thực"
level = "commune"
authority_kind = "peoples_committee"
processing_time = { same_day = true, cutoff = "15:00" }
channels = ["in_person"]
fees = [{ amount_vnd = 10000, description = "Phí chứng thực chữ ký", per = "case" }]
legal_basis = ["Decree 23/2015/NĐ-CP, Art. 7", "Circular 226/2016/TT-BTC, Art. 4"]
"""


def main() -> None:
    # 1. The sample shipped with adminflow.
    sample = Catalog.sample()
    print(f"sample: {len(sample)} procedures in {len(sample.fields)} fields")
    for level in (Level.COMMUNE, Level.PROVINCE):
        print(f"  {level}: {len(sample.by_level(level))}")
    birth = sample.get("1.001193")
    print(f"  {birth.code} {birth.name}: {birth.processing_time}")

    with tempfile.TemporaryDirectory() as folder:
        # 2. A hand-written catalogue file loads and round-trips through JSON.
        path = Path(folder) / "my-province.toml"
        path.write_text(MY_PROVINCE, encoding="utf-8")
        mine = Catalog.load(path)
        print(f"{path.name}: {len(mine)} procedures")
        as_json = Path(folder) / "my-province.json"
        mine.dump(as_json)
        assert Catalog.load(as_json) == mine

        # 3. A broken file: every problem is reported, each with its path.
        broken = MY_PROVINCE.replace("working_days = 3", "working_days = -2").replace(
            'channels = ["in_person"]', "channels = []"
        )
        path.write_text(broken, encoding="utf-8")
        try:
            Catalog.load(path)
        except ValidationError as error:
            print(f"{path.name}: {len(error.problems)} problems")
            for problem in error.problems:
                print(f"  {problem}")
        else:
            raise SystemExit("the broken file was accepted")


if __name__ == "__main__":
    main()
