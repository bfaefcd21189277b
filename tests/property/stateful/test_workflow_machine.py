"""Stateful property test of the dossier workflow: random commands, actors and instants."""

from __future__ import annotations

import datetime as dt
import itertools
import json

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from tests.unit.dossier_helpers import (
    AGENCY,
    APPLICANT,
    DESK,
    HEAD,
    ME,
    SYSTEM,
    at,
    leader,
    officer,
    plain_workflow,
    workflow,
)

from adminflow.dossiers import (
    Actor,
    Dossier,
    DossierStatus,
    Role,
    SupplementStage,
    dossier_from_dict,
    dossier_to_dict,
    event_to_dict,
    event_to_json,
    replay,
    rule_set,
)
from adminflow.dossiers._json import _slow_event_to_dict
from adminflow.errors import AdminflowError

ACTORS = [ME, DESK, HEAD, SYSTEM, officer(), leader(), leader("ubnd-22333"),
          Actor("001099012345", Role.APPLICANT)]  # fmt: skip
BY_ROLE = {
    Role.APPLICANT: ME,
    Role.RECEPTION_OFFICER: DESK,
    Role.PROCESSING_OFFICER: officer(),
    Role.SIGNING_LEADER: leader(),
    Role.ONE_STOP_HEAD: HEAD,
    Role.SYSTEM: SYSTEM,
}
DETAILS = {
    "receive": {"sequence": 1, "agency": AGENCY},
    "refuse_receipt": {"reasons": ["thiếu giấy tờ"]},
    "request_supplement": {"items": ["bản vẽ"], "reason": "thiếu"},
    "forward_step": {"step": "Thẩm định hồ sơ, kiểm tra thực địa"},
    "complete_step": {"step": "Thẩm định hồ sơ, kiểm tra thực địa"},
    "request_payment": {
        "reason": "lệ phí trước bạ",
        "pauses_clock": True,
        "legal_basis": "sector law that stops the clock (test)",
    },
    "extend": {"apology": "Xin lỗi", "reason": "kiểm tra thực địa"},
    "refuse": {"reasons": ["không đủ điều kiện"]},
    "correct": {"reason": "sai tên"},
}
START = {
    "61/2018": at(2025, 6, 30, 9),
    "118/2025": at(2025, 7, 1, 9),
    "309/2026": at(2026, 9, 7, 9),
}


class WorkflowMachine(RuleBasedStateMachine):
    """Random command sequences against one dossier, checking the legal invariants."""

    dossier: Dossier
    now: dt.datetime

    @initialize(
        regime=st.sampled_from(sorted(START)), channel=st.sampled_from(["in_person", "online"])
    )
    def submit(self, regime: str, channel: str) -> None:
        self.now = START[regime]
        # Before 1 July 2025 the Khánh Hòa example rules know no commune body: no resolver.
        self.workflow = plain_workflow() if regime == "61/2018" else workflow()
        self.dossier = self.workflow.submit(
            procedure="1.004194",
            applicant=APPLICANT,
            unit="22366",
            channel=channel,
            by=ME,
            at=self.now,
        ).dossier
        self.refused = 0

    @rule(
        data=st.data(),
        minutes=st.integers(0, 60 * 24 * 4),
    )
    def command(self, data: st.DataObject, minutes: int) -> None:
        rules = rule_set(self.dossier.rule_set)
        possible = [
            t.trigger
            for t in rules.from_status(self.dossier.status)
            for _ in range(1 if t.dest.is_terminal else 4)
        ]
        everything = list(rule_set("118/2025").triggers[1:])
        action = data.draw(st.sampled_from(possible + possible + everything))
        spec = rule_set(self.dossier.rule_set).find(self.dossier.status, action)
        entitled = [BY_ROLE[r] for r in sorted(spec.roles)] if spec else []
        actor = data.draw(st.sampled_from(entitled * 6 + ACTORS))
        when = self.now + dt.timedelta(minutes=minutes)
        details = dict(DETAILS.get(action, {}))
        if action == "extend" and self.dossier.due_at is not None:
            details["new_due_at"] = self.dossier.due_at + dt.timedelta(days=2)
        before = dossier_to_dict(self.dossier)
        old = self.dossier
        try:
            result = self.workflow.fire(self.dossier, action, by=actor, at=when, **details)
        except AdminflowError:
            assert dossier_to_dict(old) == before  # a refused command changes nothing
            self.refused += 1
            return
        assert dossier_to_dict(old) == before  # the input is left untouched
        assert not old.is_terminal  # terminal states accept nothing
        new = result.dossier
        self.check_clock(old, new, action, when)
        self.dossier = new
        self.now = when
        event(f"reached {new.status.value}")

    @rule(days=st.integers(10, 20), hour=st.integers(0, 23))
    def close_unsupplemented(self, days: int, hour: int) -> None:
        """The close-out is allowed exactly after the 15th day (a last day off moves on)."""
        pending = self.dossier.open_supplement
        rules = rule_set(self.dossier.rule_set)
        if self.dossier.status is not DossierStatus.SUPPLEMENT_REQUESTED:
            return
        if pending is None or rules.close_after_days is None:
            return
        if pending.stage is not SupplementStage.APPRAISAL:
            return
        cal = self.workflow.calendar
        requested = pending.requested_at.astimezone(cal.timezone)
        when = max(
            self.now,
            dt.datetime.combine(
                requested.date() + dt.timedelta(days=days), dt.time(hour), cal.timezone
            ),
        )
        last = cal.add_working_days(requested.date() + dt.timedelta(days=15), 0)
        try:
            result = self.workflow.close_unsupplemented(self.dossier, by=SYSTEM, at=when)
        except AdminflowError:
            assert when.date() <= last
            return
        assert when.date() > last
        self.dossier = result.dossier
        self.now = when
        event("reached closed_unsupplemented")

    def check_clock(self, old: Dossier, new: Dossier, action: str, when: dt.datetime) -> None:
        wf = self.workflow
        if action == "supplement" and old.status is DossierStatus.SUPPLEMENT_REQUESTED:
            assert new.supplements[-1].stage is SupplementStage.APPRAISAL
            expected = wf.calendar.due(when, wf.catalog.get("1.004194").processing_time).due_at
            assert new.clock_started_at == when
            assert new.due_at == expected  # restarted from zero
        if action == "pay" and old.payments[-1].pauses_clock:
            assert old.due_at is not None
            paused = wf.calendar.working_time_between(old.payments[-1].requested_at, when)
            moved = wf.calendar.add_working_time(old.due_at, paused) if paused else old.due_at
            assert new.due_at == moved  # the appointment moves by the working time paused
            assert new.pauses[-1].end == when
        if action == "extend":
            assert old.due_at is not None
            assert new.due_at == old.due_at + dt.timedelta(days=2)
            assert new.original_due_at == old.original_due_at
            assert new.extended
            assert not old.extended

    @invariant()
    def status_is_last_event_target(self) -> None:
        assert self.dossier.status is self.dossier.history[-1].status

    @invariant()
    def history_append_only_in_time_order(self) -> None:
        history = self.dossier.history
        assert [e.version for e in history] == list(range(1, len(history) + 1))
        assert all(a.at <= b.at for a, b in itertools.pairwise(history))

    @invariant()
    def due_never_before_receipt(self) -> None:
        d = self.dossier
        if d.due_at is not None:
            assert d.received_at is not None
            assert d.due_at >= d.received_at

    @invariant()
    def replay_and_serialisation_give_equal_dossier(self) -> None:
        assert replay(self.dossier.history) == self.dossier
        assert dossier_from_dict(dossier_to_dict(self.dossier)) == self.dossier

    @invariant()
    def fast_event_encoder_equals_cattrs(self) -> None:
        """The generated per-class encoders give cattrs' dictionaries (same key order) and JSON."""
        for item in self.dossier.history:
            fast, reference = event_to_dict(item), _slow_event_to_dict(item)
            assert fast == reference
            assert json.dumps(fast, ensure_ascii=False) == json.dumps(reference, ensure_ascii=False)
            compact = json.dumps(reference, separators=(",", ":"), ensure_ascii=False)
            assert event_to_json(item) == compact


WorkflowMachine.TestCase.settings = settings(settings(), stateful_step_count=30)
TestWorkflowMachine = WorkflowMachine.TestCase
