"""Dossiers (hồ sơ) and their workflow: one state machine for every dossier.

A :class:`Workflow` is built once with the calendar, the catalogue and the competence resolver;
its commands, named after the law (``submit``, ``receive``, ``request_supplement``, ``extend``,
``approve``, ``return_result``, ...), take a :class:`Dossier`, an :class:`Actor` and an instant,
and return a :class:`CommandResult` with the new dossier and its events. Replaying the events
rebuilds the dossier (:func:`replay`); :func:`event_to_dict` and :func:`event_from_dict` give
their JSON form, and :func:`event_to_json` the compact JSON text stores keep. The transition
table of each rule set (Decree 61/2018, 118/2025, 118/2025 as
amended by 309/2026) is data (:data:`RULE_SETS`) that drives one shared ``transitions`` machine,
:meth:`Workflow.allowed_actions` and the diagrams (:func:`diagram`).

References:
    Decree 118/2025/NĐ-CP, Art. 15-24 and 28; Decree 309/2026/NĐ-CP; Decree 61/2018/NĐ-CP.
"""

from adminflow.dossiers._diagram import diagram
from adminflow.dossiers._events import (
    EVENT_TYPES,
    CorrectionRequested,
    DeadlineExtended,
    DossierClosed,
    DossierEvent,
    DossierReceived,
    DossierRefused,
    DossierStopped,
    DossierSubmitted,
    DossierSupplemented,
    DossierTransferred,
    PaymentMade,
    PaymentRequested,
    ReceiptRefused,
    ResultApproved,
    ResultReturned,
    StepCompleted,
    StepForwarded,
    SupplementRequested,
    TransferReceived,
    replay,
)
from adminflow.dossiers._json import (
    dossier_from_dict,
    dossier_to_dict,
    event_from_dict,
    event_to_dict,
    event_to_json,
)
from adminflow.dossiers._model import (
    ClockNote,
    Dossier,
    DueExplanation,
    Pause,
    Payment,
    StepRecord,
    SupplementRecord,
)
from adminflow.dossiers._parties import Actor, Applicant, ApplicantKind
from adminflow.dossiers._row import DossierRow
from adminflow.dossiers._rules import RULE_SETS, RuleSet, TransitionSpec, rule_set, rule_set_for
from adminflow.dossiers._status import (
    PORTAL_STATUS,
    TERMINAL_STATUSES,
    DossierStatus,
    FilingChannel,
    Outcome,
    Role,
    StepKind,
    SupplementStage,
)
from adminflow.dossiers._workflow import ActionCheck, CommandResult, Workflow

__all__ = [
    "EVENT_TYPES",
    "PORTAL_STATUS",
    "RULE_SETS",
    "TERMINAL_STATUSES",
    "ActionCheck",
    "Actor",
    "Applicant",
    "ApplicantKind",
    "ClockNote",
    "CommandResult",
    "CorrectionRequested",
    "DeadlineExtended",
    "Dossier",
    "DossierClosed",
    "DossierEvent",
    "DossierReceived",
    "DossierRefused",
    "DossierRow",
    "DossierStatus",
    "DossierStopped",
    "DossierSubmitted",
    "DossierSupplemented",
    "DossierTransferred",
    "DueExplanation",
    "FilingChannel",
    "Outcome",
    "Pause",
    "Payment",
    "PaymentMade",
    "PaymentRequested",
    "ReceiptRefused",
    "ResultApproved",
    "ResultReturned",
    "Role",
    "RuleSet",
    "StepCompleted",
    "StepForwarded",
    "StepKind",
    "StepRecord",
    "SupplementRecord",
    "SupplementRequested",
    "SupplementStage",
    "TransferReceived",
    "TransitionSpec",
    "Workflow",
    "diagram",
    "dossier_from_dict",
    "dossier_to_dict",
    "event_from_dict",
    "event_to_dict",
    "event_to_json",
    "replay",
    "rule_set",
    "rule_set_for",
]
