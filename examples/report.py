"""Write the self-contained HTML report for a quarter of synthetic dossiers.

Needs the ``report`` extra (``pip install 'adminflow[report]'``) for the charts. The rows here
are made up in a few lines; real ones come from ``Dossier.row()`` or from a store.
"""

import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from adminflow.dossiers import DossierRow
from adminflow.jurisdictions import Gazetteer
from adminflow.report import parse_mermaid, write_html

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WORKFLOW = """stateDiagram-v2
    [*] --> received : receive
    received --> in_processing : forward_step
    in_processing --> supplement_requested : request_supplement
    supplement_requested --> in_processing : supplement
    in_processing --> result_ready : approve
    in_processing --> refused : refuse
    result_ready --> result_returned : return_result
    result_returned --> [*]
    refused --> [*]
"""


def synthetic_rows(count: int, *, seed: int = 1) -> list[DossierRow]:
    rng = random.Random(seed)
    communes = [u.code for u in Gazetteer.vietnam().communes_of("56")][:8]
    start = datetime(2025, 7, 1, 8, 0, tzinfo=VN)
    rows = []
    for i in range(count):
        received = start + timedelta(days=rng.randint(0, 88), hours=rng.randint(0, 8))
        finished = received + timedelta(days=rng.randint(0, 9))
        channel = rng.choice(["online", "online", "in_person", "postal"])
        full_online = channel == "online" and rng.random() < 0.7
        rows.append(
            DossierRow(
                id=str(i),
                version=4,
                code=f"EX-{i}",
                procedure_code=rng.choice(["1.001", "1.002", "2.010"]),
                procedure_field="ho_tich",
                rule_set="118/2025",
                province_code="56",
                unit_code=rng.choice(communes),
                receiving_unit_code=communes[0],
                authority_id=None,
                channel=channel,
                status="result_returned",
                submitted_at=received,
                received_at=received,
                due_at=received + timedelta(days=7),
                original_due_at=received + timedelta(days=7),
                finished_at=finished,
                returned_at=finished,
                outcome="late" if rng.random() < 0.03 else "on_time",
                supplement_requests_reception=0,
                supplement_requests_processing=0,
                supplement_seconds=0,
                pending_supplement_since=None,
                fee_payable=False,
                paid_online=False,
                paper_result=True,
                e_result=full_online,
                digitised=True,
                reused_data=False,
                digitally_signed=full_online,
                full_online=full_online,
                satisfied_receiving=None,
                satisfied_resolving=None,
            )
        )
    return rows


if __name__ == "__main__":
    rows = synthetic_rows(1500)
    print("states:", len(parse_mermaid(WORKFLOW).states))
    with tempfile.TemporaryDirectory() as folder:
        path = write_html(
            Path(folder) / "report.html",
            rows,
            period="2025-Q3",
            diagram=WORKFLOW,
            title="Synthetic quarter",
        )
        size = path.stat().st_size
        print(f"wrote {path.name}: {size / 1e6:.1f} MB, opens offline")
        assert size > 1_000_000  # plotly.js is embedded
