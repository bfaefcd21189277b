"""The flat row of a dossier (hồ sơ) that stores keep and indicators read.

This module is the contract between ``adminflow.dossiers`` (which produces rows with
``Dossier.row()``), ``adminflow.store`` (which keeps one row per dossier in its ``dossiers``
snapshot table) and ``adminflow.indicators`` (which computes Decision 766/QĐ-TTg measures from
rows, in Python or in SQL over the same columns).
"""

from __future__ import annotations

from datetime import datetime

import attrs

__all__ = ["DossierRow"]


@attrs.frozen(slots=True, kw_only=True)
class DossierRow:
    """One dossier as the columns of the ``dossiers`` snapshot table.

    Every instant is timezone-aware. Enum-like fields hold the stable storage codes of the
    matching enums (``Channel``, ``DossierStatus``, ``Outcome``).
    """

    id: str
    """The dossier's identifier in the store (stable, never reused)."""
    version: int
    """How many events the dossier has: the optimistic-lock version."""
    code: str
    """The dossier code (mã hồ sơ) as written, e.g. ``H41.05-250707-0001``."""
    procedure_code: str
    procedure_field: str
    rule_set: str
    """Storage code of the rule set chosen by receipt date (e.g. ``118/2025``)."""
    province_code: str
    """Province of the unit the dossier concerns."""
    unit_code: str
    """The unit the dossier concerns (a commune, or the province for provincial procedures)."""
    receiving_unit_code: str
    """The unit whose one-stop desk received it (differs under boundary-free receipt)."""
    authority_id: str | None
    """Identifier of the deciding body, once resolved."""
    channel: str
    """``in_person``, ``postal``, ``online`` or ``kiosk``."""
    status: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    """The current appointment (after an extension, the extended one)."""
    original_due_at: datetime | None
    """The appointment given at receipt (or restart), before any extension."""
    finished_at: datetime | None
    """End of processing as Decision 766 indicator 2.1 reads it: first of result ready, result
    returned, stopped, refused; for a dossier closed unsupplemented, the request it ended on."""
    returned_at: datetime | None
    outcome: str | None
    """``early``, ``on_time`` or ``late`` once finished, else None."""
    supplement_requests_reception: int
    supplement_requests_processing: int
    supplement_seconds: int
    """Seconds between supplement requests and their completion (deducted by indicator 2.1)."""
    pending_supplement_since: datetime | None
    """When an unanswered supplement request was made (the dossier is measured at that date)."""
    fee_payable: bool
    paid_online: bool
    paper_result: bool
    """The procedure's result is a paper document (denominator of indicators 3.3 and 4.1)."""
    e_result: bool
    digitised: bool
    reused_data: bool
    digitally_signed: bool
    full_online: bool
    """Filed online, paid online when a fee is due, electronic result, no visit."""
    satisfied_receiving: bool | None
    satisfied_resolving: bool | None
