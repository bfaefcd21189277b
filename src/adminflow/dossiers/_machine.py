"""The one place that imports ``transitions``: one shared machine per rule set.

Each rule set's table is turned into one :class:`transitions.Machine`, built once with
``model=None`` and ``auto_transitions=False``, and fired against a throw-away cursor that holds
only the status, never against the dossier (dossiers are immutable). The shared-machine
pitfalls are avoided on purpose: no callbacks named by convention (they are bound only by
``add_model``), no ``is_<state>``/``may_<trigger>`` helpers (the dossier classes provide what is
needed), and never ``queued=True`` (the queue would belong to the machine, shared by every
dossier and thread).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from transitions import Machine, MachineError

from adminflow.dossiers._rules import RuleSet, rule_set

__all__ = ["NEW", "Cursor", "fire", "machine_for"]

#: The machine's state before ``submit``: a dossier that does not exist yet.
NEW = "new"


class Cursor:
    """The model the shared machine moves: just a status."""

    __slots__ = ("state",)

    def __init__(self, state: str) -> None:
        self.state = state


@cache
def machine_for(code: str) -> Any:
    """The shared machine of the rule set ``code``, built on first use."""
    rules: RuleSet = rule_set(code)
    states = [NEW, *dict.fromkeys(str(t.dest) for t in rules.transitions)]
    for t in rules.transitions:
        if t.source is not None and str(t.source) not in states:
            states.append(str(t.source))
    transitions = [
        {
            "trigger": t.trigger,
            "source": NEW if t.source is None else str(t.source),
            "dest": str(t.dest),
        }
        for t in rules.transitions
    ]
    return Machine(
        model=None,
        states=states,
        transitions=transitions,
        initial=NEW,
        auto_transitions=False,
        send_event=False,
        queued=False,
    )


def fire(code: str, status: str, trigger: str) -> str | None:
    """Fire ``trigger`` from ``status`` on the rule set's machine; the new status, or ``None``.

    ``None`` means the machine has no such transition from that status.
    """
    machine = machine_for(code)
    event = machine.events.get(trigger)
    if event is None:
        return None
    cursor = Cursor(status)
    try:
        event.trigger(cursor)
    except MachineError:
        return None
    return cursor.state
