"""A construction permit from filing to returned result, with an extension and replay.

Run: python examples/dossier_lifecycle.py
"""

from __future__ import annotations

import datetime as dt

from adminflow.calendar import WorkingCalendar
from adminflow.competence import CompetenceResolver, CompetenceRules
from adminflow.dossiers import Actor, Applicant, Role, Workflow, event_to_dict, replay
from adminflow.procedures import Catalog

catalog = Catalog.sample()
calendar = WorkingCalendar.vietnam()
workflow = Workflow(
    calendar=calendar,
    catalog=catalog,
    competence=CompetenceResolver(CompetenceRules.example_khanh_hoa(), catalog=catalog),
)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 9, day, hour, minute, tzinfo=calendar.timezone)


applicant = Applicant.person("056090001234", name="Lê Thị B")
me = Actor("056090001234", Role.APPLICANT)
desk = Actor("desk-1", Role.RECEPTION_OFFICER, unit_code="22366")
officer = Actor("officer-1", Role.PROCESSING_OFFICER, authority_id="ubnd-22366")
chair = Actor("chair-1", Role.SIGNING_LEADER, authority_id="ubnd-22366")

# 1. Filed online, received, passed to the commune's economic office (Decree 118/2025 Art. 17-18).
d = workflow.submit(
    procedure="1.013225", applicant=applicant, unit="22366", channel="online", by=me, at=at(7, 8)
).dossier
d = workflow.receive(d, by=desk, at=at(7, 9), sequence=1, agency="000.00.12.H41").dossier
d = workflow.transfer(d, by=desk, at=at(7, 9, 1)).dossier
d = workflow.receive_transfer(d, by=officer, at=at(7, 10)).dossier
print(d)
print("due:", d.due_at, "| Portal status code:", d.portal_code)

# 2. What may the chairman do now, and why not the rest?
for check in workflow.allowed_actions(d, by=chair, at=at(14, 9)):
    if check.allowed:
        print("  may", check.action, "-", check.legal_basis)

# 3. A site visit takes longer: one extension with an apology (Art. 19(6)).
d = workflow.extend(
    d,
    by=chair,
    at=at(14, 9),
    apology="Ủy ban xin lỗi ông/bà vì chậm trả kết quả.",
    new_due_at=at(21, 17),
    reason="kiểm tra thực địa",
).dossier
print(d.explain_due())

# 4. Signed, returned electronically; the outcome is measured against the appointment.
d = workflow.approve(d, by=chair, at=at(18, 9), e_result=True).dossier
d = workflow.return_result(d, by=desk, at=at(18, 10)).dossier
print(d.status, d.outcome, "late against the original appointment:", d.late_against_original())

# 5. The history is the record: replay rebuilds the dossier; events serialise to JSON.
assert replay(d.history) == d
print(event_to_dict(d.history[-1])["type"], "- row for indicators:", d.row().full_online)
