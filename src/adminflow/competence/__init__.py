"""Competence (thẩm quyền): who decides a procedure for a unit at a date, and who may receive it.

Rules are data: assignments by law, decentralizations (phân cấp) and authorizations (ủy
quyền), each with its legal reference and validity window, gathered in a
:class:`CompetenceRules` set that validates, loads and dumps as TOML/JSON. A
:class:`CompetenceResolver` answers "who decides?" with a :class:`Competence` (deciding and
acting authority, the chain of grants with their instruments, the level), and says whether a
One-Stop Unit may receive a dossier regardless of administrative boundaries and where to
transfer it.

How the answer is found, for procedure *p*, unit *u* and day *d*:

1. **The statutory holder.** An :class:`Assignment` in force on *d* covering *p* (code or
   field) in *u* — including the June-2025 competences assigned to communes by law (phân định
   thẩm quyền) — otherwise the catalogue's ``level``, ``authority_kind`` and
   ``authority_function`` of *p*.
2. **Decentralizations.** A :class:`Decentralization` in force on *d* whose grantor is that
   holder moves the competence to its grantee, which decides in its own name; onward only if
   the instrument allows it.
3. **Authorization.** An :class:`Authorization` in force on *d* from the decider makes its
   grantee the *acting* authority; the decider stays accountable. Never more than one.
4. **The body.** The seat is turned into an :class:`~adminflow.jurisdictions.Authority` of the
   unit at that level: the commune itself, its province, its district before 1 July 2025
   (from :class:`LegacyDistrict` data), or a named body. People's Committees, their
   chairmen, the public-administration service centres and the civil servants of every unit
   in the gazetteer exist without being listed; departments, offices, other bodies and
   ministries are listed with their function and found by it (never "the only body of that
   kind"); vice-chairmen are named by id.

Rules are indexed by (procedure code or field, region), so one resolution is a few dictionary
lookups and a scan of the handful of grants that touch that scope.

References:
    Law on Organization of Local Government No. 72/2025/QH15, Art. 12-14 (devolution,
    decentralization, authorization; article numbers from secondary sources, not yet checked
    against the official text). Law on Organization of Government No. 63/2025/QH15, Art. 9
    (authorization conditions; no sub-authorization). Decree 118/2025/NĐ-CP, Art. 3(6)-(7),
    14, 17(3), 18, 20 (boundary-free receipt and transfer), as amended by Decree
    309/2026/NĐ-CP (nationwide receipt, clock from the competent agency's receipt; read in a
    third-party copy whose clause numbers may be off).
"""

from adminflow.competence._answer import Competence
from adminflow.competence._boundary_free import (
    ClockStart,
    ClockStartRule,
    ReceiptDecision,
    ReceiptMode,
    Transfer,
    clock_start,
)
from adminflow.competence._directory import (
    AuthorityDirectory,
    DistrictAuthority,
)
from adminflow.competence._model import (
    DISTRICT_LEVEL_ENDS,
    Assignment,
    Authorization,
    BoundaryFreeExclusion,
    BoundaryFreeList,
    Decentralization,
    LegacyDistrict,
    LegalReference,
    Scope,
    Seat,
)
from adminflow.competence._online_service import (
    OnlineServiceClassification,
    OnlineServiceRegime,
    classify_online_service,
    online_service_regime,
)
from adminflow.competence._resolver import CompetenceResolver
from adminflow.competence._rules import (
    CompetenceRules,
    dump_rules,
    dumps_rules,
    load_rules,
    loads_rules,
)

__all__ = [
    "DISTRICT_LEVEL_ENDS",
    "Assignment",
    "AuthorityDirectory",
    "Authorization",
    "BoundaryFreeExclusion",
    "BoundaryFreeList",
    "ClockStart",
    "ClockStartRule",
    "Competence",
    "CompetenceResolver",
    "CompetenceRules",
    "Decentralization",
    "DistrictAuthority",
    "LegacyDistrict",
    "LegalReference",
    "OnlineServiceClassification",
    "OnlineServiceRegime",
    "ReceiptDecision",
    "ReceiptMode",
    "Scope",
    "Seat",
    "Transfer",
    "classify_online_service",
    "clock_start",
    "dump_rules",
    "dumps_rules",
    "load_rules",
    "loads_rules",
    "online_service_regime",
]
