"""Procedures (thủ tục hành chính) and the catalogue (danh mục) that holds them.

A :class:`Procedure` is one catalogue entry as a province publishes it: code, name, field
(lĩnh vực), competent level and authority, legal processing time, channels, online service
level, boundary-free scope, fees, required documents, result, internal steps (quy trình nội
bộ) with their time budgets, and the legal basis. Its invariants are checked when it is built,
so an object that exists is a well-formed entry.

A :class:`Catalog` is an immutable collection of procedures keyed by code. It reads and writes
TOML and JSON files (see :meth:`Catalog.load`); a file with problems is rejected with *every*
problem listed, each with its path (``procedures[3].processing_time.working_days``).

References:
    Decree 63/2010/NĐ-CP, Art. 8 (what a published procedure states: name, sequence, channels,
    dossier components, processing time, fees, result, legal basis).
    Decree 118/2025/NĐ-CP, Art. 15 (channels), Art. 14(2) and 40(4) (boundary-free receipt
    within the province, for every procedure from 31 December 2025), Art. 14(4) as added by
    Decree 309/2026/NĐ-CP (nationwide, from 5 August 2026).
    Decree 42/2022/NĐ-CP, Art. 11(1), until 30 June 2026, and Decree 224/2026/NĐ-CP, Art. 14,
    from 1 July 2026 (full-process and partial online public services).
"""

from adminflow.procedures._catalog import (
    Catalog,
)
from adminflow.procedures._enums import (
    BoundaryFreeScope,
    Channel,
    DocumentKind,
    ExtensionMode,
    FeePayable,
    OnlineServiceLevel,
    PartialOnlineReason,
    ResultKind,
)
from adminflow.procedures._model import (
    Extension,
    Fee,
    Procedure,
    RequiredDocument,
    Step,
)

__all__ = [
    "BoundaryFreeScope",
    "Catalog",
    "Channel",
    "DocumentKind",
    "Extension",
    "ExtensionMode",
    "Fee",
    "FeePayable",
    "OnlineServiceLevel",
    "PartialOnlineReason",
    "Procedure",
    "RequiredDocument",
    "ResultKind",
    "Step",
]
