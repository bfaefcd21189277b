"""Rule sets (bộ quy tắc): the transition table of each regime, as data, chosen by receipt date.

Three regimes live side by side, each stored on the dossier by its code:

* ``61/2018`` — Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP, dossiers received
  before 1 July 2025;
* ``118/2025`` — Decree 118/2025/NĐ-CP (Art. 40(1): in force 1 July 2025, repealing 61/2018 and
  107/2021), dossiers received from 1 July 2025;
* ``309/2026`` — Decree 118/2025/NĐ-CP as amended by Decree 309/2026/NĐ-CP (in force 5 August
  2026, its Art. 16(1)), dossiers received from 5 August 2026.

Their differences are data (the fields of :class:`RuleSet`): the 15-day close-out exists only
from Decree 118/2025 (Art. 19(5)); from 5 August 2026 the clock of a dossier received outside the
competent area starts when the competent agency receives it (Decree 118/2025 Art. 17(3) as
amended by Decree 309/2026 Art. 8); the smart kiosk is a channel from Decree 309/2026 (Art. 1,
new Art. 3(9)); the articles cited differ.

References:
    Decree 118/2025/NĐ-CP, Art. 40(1); Decree 309/2026/NĐ-CP, Art. 16(1) (read in a third-party
    copy whose clause numbers may be off); Decree 61/2018/NĐ-CP, Art. 15-22.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from adminflow.dossiers._status import DossierStatus as S
from adminflow.dossiers._status import FilingChannel, Role
from adminflow.errors import InvalidValueError, NotFoundError

__all__ = ["RULE_SETS", "RuleSet", "TransitionSpec", "rule_set", "rule_set_for"]

_R = Role


@attrs.frozen
class TransitionSpec:
    """One row of the transition table: a command from a status to a status.

    Attributes:
        trigger: The command (``receive``).
        source: The status it starts from; ``None`` for ``submit``, which creates the dossier.
        dest: The status it leads to.
        roles: The roles that may issue it.
        legal_basis: The articles that allow it, in this rule set.
        guards: The legal preconditions checked, in words (with their articles).
    """

    trigger: str
    source: S | None
    dest: S
    roles: frozenset[Role]
    legal_basis: str
    guards: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.trigger, str) or not self.trigger.isidentifier():
            raise InvalidValueError("trigger", self.trigger, "must be a command name")
        source: object = self.source
        if source is not None and not isinstance(source, S):
            raise InvalidValueError("source", source, "must be a DossierStatus or None")
        if not isinstance(self.dest, S):
            raise InvalidValueError("dest", self.dest, "must be a DossierStatus")
        roles: object = self.roles
        if not isinstance(roles, frozenset) or not all(isinstance(r, Role) for r in roles):
            raise InvalidValueError("roles", roles, "must be a frozenset of Role")
        if not isinstance(self.legal_basis, str) or not self.legal_basis:
            raise InvalidValueError("legal_basis", self.legal_basis, "must be a non-empty string")
        guards: object = self.guards
        if not isinstance(guards, tuple) or not all(isinstance(g, str) for g in guards):
            raise InvalidValueError("guards", guards, "must be a tuple of strings")


@attrs.frozen
class RuleSet:
    """A regime of the one-stop mechanism, with its transition table.

    Attributes:
        code: Storage code (``"118/2025"``).
        title: The instruments, in words.
        valid_from: First receipt day it governs.
        valid_to: First receipt day it no longer governs, or ``None``.
        transitions: The transition table.
        close_after_days: Days after a supplement notice after which an unsupplemented dossier
            is closed (Decree 118/2025 Art. 19(5)); ``None`` when the regime has no such rule.
        clock_at_competent_agency: Whether the clock of a dossier received outside the competent
            area starts when the competent agency receives it.
        channels: The filing channels it knows.
        online_check_working_hours: Working hours to acknowledge and check an online dossier.
        supplement_notice_working_days: Working days from receipt within which an appraisal
            supplement request must be sent.
        correction_working_days: Working days to correct an erroneous result.
    """

    code: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None
    transitions: tuple[TransitionSpec, ...]
    close_after_days: int | None
    clock_at_competent_agency: bool
    channels: frozenset[FilingChannel]
    online_check_working_hours: int = 8
    supplement_notice_working_days: int = 3
    correction_working_days: int = 3
    _by_source: Mapping[tuple[S | None, str], TransitionSpec] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code:
            raise InvalidValueError("code", self.code, "must be a non-empty string")
        for field in ("valid_from", "valid_to"):
            day: object = getattr(self, field)
            if (day is not None or field == "valid_from") and (
                isinstance(day, dt.datetime) or not isinstance(day, dt.date)
            ):
                raise InvalidValueError(field, day, "must be a date")
        rows: object = self.transitions
        if not isinstance(rows, tuple) or not all(isinstance(t, TransitionSpec) for t in rows):
            raise InvalidValueError("transitions", rows, "must be a tuple of TransitionSpec")
        channels: object = self.channels
        if not isinstance(channels, frozenset) or not all(
            isinstance(c, FilingChannel) for c in channels
        ):
            raise InvalidValueError("channels", channels, "must be a frozenset of FilingChannel")
        index = {(t.source, t.trigger): t for t in self.transitions}
        object.__setattr__(self, "_by_source", index)

    @property
    def triggers(self) -> tuple[str, ...]:
        """Every command of the table, in table order, once each."""
        return tuple(dict.fromkeys(t.trigger for t in self.transitions))

    def find(self, status: S | None, trigger: str) -> TransitionSpec | None:
        """The row for ``trigger`` from ``status``, or ``None`` when there is none."""
        return self._by_source.get((status, trigger))

    def from_status(self, status: S | None) -> tuple[TransitionSpec, ...]:
        """The rows that start from ``status``."""
        return tuple(t for t in self.transitions if t.source == status)

    def __str__(self) -> str:
        return self.code


_OPEN = (S.RECEIVED, S.IN_TRANSFER, S.IN_PROCESSING, S.SUPPLEMENT_REQUESTED, S.AWAITING_PAYMENT)


def _table(decree: str, art: Mapping[str, str], *, close_out: bool) -> tuple[TransitionSpec, ...]:
    def basis(key: str) -> str:
        text = art[key]
        return text if text.startswith(("Decree", "no ")) else f"{decree} {text}"

    rows: list[TransitionSpec] = []

    def add(
        trigger: str,
        sources: tuple[S | None, ...],
        dest: S,
        roles: set[Role],
        key: str,
        *guards: str,
    ) -> None:
        for source in sources:
            rows.append(TransitionSpec(trigger, source, dest, frozenset(roles), basis(key), guards))

    add(
        "submit",
        (None,),
        S.SUBMITTED,
        {_R.APPLICANT, _R.RECEPTION_OFFICER},
        "submit",
        f"the procedure accepts the channel ({basis('channels')})",
    )
    add(
        "receive",
        (S.SUBMITTED,),
        S.RECEIVED,
        {_R.RECEPTION_OFFICER},
        "receive",
        f"the unit may receive the dossier ({basis('competence')})",
        f"an online dossier is checked within 8 working hours ({basis('online_check')}; "
        "recorded, not refused)",
    )
    add(
        "refuse_receipt",
        (S.SUBMITTED,),
        S.REFUSED_AT_RECEPTION,
        {_R.RECEPTION_OFFICER},
        "refuse_receipt",
        f"written reasons ({basis('refuse_receipt')})",
    )
    add(
        "request_supplement",
        (S.SUBMITTED,),
        S.RETURNED_FOR_SUPPLEMENT,
        {_R.RECEPTION_OFFICER},
        "supplement_reception",
        f"once per stage, listing every item ({basis('once')})",
    )
    add(
        "request_supplement",
        (S.IN_PROCESSING,),
        S.SUPPLEMENT_REQUESTED,
        {_R.PROCESSING_OFFICER, _R.SIGNING_LEADER},
        "supplement_appraisal",
        f"once per stage, listing every item ({basis('once')})",
        f"within 3 working days of receipt ({basis('supplement_appraisal')})",
    )
    add(
        "supplement",
        (S.RETURNED_FOR_SUPPLEMENT,),
        S.SUBMITTED,
        {_R.APPLICANT, _R.RECEPTION_OFFICER},
        "supplement_reception",
    )
    add(
        "supplement",
        (S.SUPPLEMENT_REQUESTED,),
        S.IN_PROCESSING,
        {_R.APPLICANT, _R.RECEPTION_OFFICER},
        "supplement_appraisal",
        f"the processing time restarts from zero ({basis('supplement_appraisal')})",
    )
    add(
        "transfer",
        (S.RECEIVED,),
        S.IN_TRANSFER,
        {_R.RECEPTION_OFFICER, _R.SYSTEM},
        "transfer",
        f"paper: same working day, or the next one's start when received after 15:00; "
        f"another unit: 1 working day ({basis('transfer')}; recorded, not refused)",
    )
    add(
        "receive_transfer",
        (S.IN_TRANSFER,),
        S.IN_PROCESSING,
        {_R.PROCESSING_OFFICER},
        "receive_transfer",
    )
    for trigger in ("forward_step", "complete_step"):
        add(
            trigger,
            (S.IN_PROCESSING,),
            S.IN_PROCESSING,
            {_R.PROCESSING_OFFICER, _R.SIGNING_LEADER},
            "steps",
        )
    add(
        "request_payment",
        (S.IN_PROCESSING,),
        S.AWAITING_PAYMENT,
        {_R.PROCESSING_OFFICER, _R.SIGNING_LEADER},
        "payment",
        "a clock pause needs its sector-law basis",
    )
    add("pay", (S.AWAITING_PAYMENT,), S.IN_PROCESSING, {_R.APPLICANT, _R.SYSTEM}, "payment")
    for status in (S.IN_PROCESSING, S.AWAITING_PAYMENT):
        add(
            "extend",
            (status,),
            status,
            {_R.SIGNING_LEADER},
            "extend",
            f"apology and new appointment at least 1 day before the deadline, at most once "
            f"({basis('extend')})",
        )
    add(
        "refuse",
        (S.IN_PROCESSING,),
        S.REFUSED,
        {_R.SIGNING_LEADER},
        "refuse",
        f"written reasons, within the time limit ({basis('refuse')})",
    )
    add(
        "approve",
        (S.IN_PROCESSING,),
        S.RESULT_READY,
        {_R.SIGNING_LEADER},
        "approve",
        "signed by the deciding body, or the acting body under an authorization",
    )
    add(
        "approve",
        (S.IN_CORRECTION,),
        S.RESULT_READY,
        {_R.SIGNING_LEADER},
        "correct",
        f"corrected within 3 working days ({basis('correct')}; recorded, not refused)",
    )
    add(
        "return_result",
        (S.RESULT_READY,),
        S.RESULT_RETURNED,
        {_R.RECEPTION_OFFICER, _R.SYSTEM},
        "return_result",
    )
    add(
        "stop",
        (S.SUBMITTED, S.RETURNED_FOR_SUPPLEMENT, *_OPEN),
        S.STOPPED,
        {_R.APPLICANT},
        "stop",
        f"until the decision is issued ({basis('stop')})",
    )
    if close_out:
        add(
            "close_unsupplemented",
            (S.SUPPLEMENT_REQUESTED,),
            S.CLOSED_UNSUPPLEMENTED,
            {_R.SYSTEM, _R.ONE_STOP_HEAD, _R.RECEPTION_OFFICER},
            "close",
            f"15 days after the supplement notice ({basis('close')})",
        )
    add(
        "correct",
        (S.RESULT_RETURNED,),
        S.IN_CORRECTION,
        {_R.ONE_STOP_HEAD, _R.RECEPTION_OFFICER},
        "correct",
        f"the error is the official's ({basis('correct')})",
    )
    return tuple(rows)  # fmt: skip


_ART_118 = {
    "channels": "Art. 15",
    "submit": "Art. 15, 17(2)",
    "competence": "Art. 14",
    "online_check": "Art. 17(2)",
    "receive": "Art. 17(1)(c), 17(3), 28",
    "refuse_receipt": "Art. 17(1)(c), 17(2)(a)",
    "once": "Art. 11(2)(c), 16(3)",
    "supplement_reception": "Art. 17(1)(c), 17(2)(a)",
    "supplement_appraisal": "Art. 19(5)",
    "transfer": "Art. 18, 20(1)",
    "receive_transfer": "Art. 17(3), 18, 20(1)",
    "steps": "Art. 19(1)-(4), 20(2)",
    "payment": "Art. 24(2)",
    "extend": "Art. 12(5), 19(6)",
    "refuse": "Art. 19(3)",
    "approve": "Art. 19(3), 22(1)",
    "return_result": "Art. 22(3)-(5)",
    "stop": "Art. 21",
    "close": "Art. 19(5)",
    "correct": "Art. 23(1)",
}
_ART_309 = {
    **_ART_118,
    "channels": "Art. 15, 17(2a) (added by Decree 309/2026/NĐ-CP Art. 8)",
    "competence": "Art. 14 (Art. 14(4) added by Decree 309/2026/NĐ-CP Art. 7)",
    "receive_transfer": "Art. 17(3) as amended by Decree 309/2026/NĐ-CP Art. 8; Art. 18, 20(1)",
}
_ART_61 = {
    "channels": "Art. 16",
    "submit": "Art. 16, 17",
    "competence": "Art. 17",
    "online_check": "Art. 17",
    "receive": "Art. 17, 26",
    "refuse_receipt": "Art. 17",
    "once": "Art. 17",
    "supplement_reception": "Art. 17",
    "supplement_appraisal": "Art. 19(4)",
    "transfer": "Art. 18",
    "receive_transfer": "Art. 18",
    "steps": "Art. 19",
    "payment": "Art. 22",
    "extend": "Art. 19(9)",
    "refuse": "Art. 19",
    "approve": "Art. 19, 20",
    "return_result": "Art. 20",
    "stop": "no general article in Decree 61/2018/NĐ-CP; withdrawal under the sector law",
    "close": "no close-out rule in Decree 61/2018/NĐ-CP",
    "correct": "Art. 21",
}

_D118 = "Decree 118/2025/NĐ-CP"
_D61 = "Decree 61/2018/NĐ-CP"
_PAPER_AND_ONLINE = frozenset({FilingChannel.IN_PERSON, FilingChannel.POSTAL, FilingChannel.ONLINE})

#: The rule sets, oldest first.
RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        code="61/2018",
        title="Decree 61/2018/NĐ-CP as amended by Decree 107/2021/NĐ-CP",
        valid_from=dt.date(2018, 6, 21),
        valid_to=dt.date(2025, 7, 1),
        transitions=_table(_D61, _ART_61, close_out=False),
        close_after_days=None,
        clock_at_competent_agency=False,
        channels=_PAPER_AND_ONLINE,
    ),
    RuleSet(
        code="118/2025",
        title="Decree 118/2025/NĐ-CP",
        valid_from=dt.date(2025, 7, 1),
        valid_to=dt.date(2026, 8, 5),
        transitions=_table(_D118, _ART_118, close_out=True),
        close_after_days=15,
        clock_at_competent_agency=False,
        channels=_PAPER_AND_ONLINE,
    ),
    RuleSet(
        code="309/2026",
        title="Decree 118/2025/NĐ-CP as amended by Decree 309/2026/NĐ-CP",
        valid_from=dt.date(2026, 8, 5),
        valid_to=None,
        transitions=_table(_D118, _ART_309, close_out=True),
        close_after_days=15,
        clock_at_competent_agency=True,
        channels=_PAPER_AND_ONLINE | {FilingChannel.KIOSK},
    ),
)
_BY_CODE = {r.code: r for r in RULE_SETS}


def rule_set(code: object) -> RuleSet:
    """The rule set stored under ``code`` (``"61/2018"``, ``"118/2025"``, ``"309/2026"``).

    Raises:
        NotFoundError: No rule set has that code.
    """
    if isinstance(code, RuleSet):
        return code
    if not isinstance(code, str) or code not in _BY_CODE:
        raise NotFoundError("rule set", code, hint=f"known: {', '.join(_BY_CODE)}")
    return _BY_CODE[code]


def rule_set_for(day: object) -> RuleSet:
    """The rule set that governs a dossier received on ``day``.

    Raises:
        InvalidValueError: ``day`` is not a date, or is before 21 June 2018 (no rule set is
            modelled for earlier receipts).

    Examples:
        >>> rule_set_for(dt.date(2025, 6, 30)).code, rule_set_for(dt.date(2025, 7, 1)).code
        ('61/2018', '118/2025')
    """
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise InvalidValueError("day", day, "must be a date")
    for candidate in reversed(RULE_SETS):
        if candidate.valid_from <= day:
            return candidate
    raise InvalidValueError(
        "day", day, "is before 21 June 2018: no rule set is modelled for earlier receipts"
    )
