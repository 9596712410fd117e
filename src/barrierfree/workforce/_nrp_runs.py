"""The run rules of one employee (most and fewest consecutive shifts, fewest consecutive days off) as an automaton.

A state says what the current block is and how long it has lasted; a day worked or off moves to the next state or
breaks a rule. Blocks that touch day 0 have their own states (they are exempt from the fewest-consecutive rules)
and every state is accepting at the end of the horizon (the last block is exempt too): that is the boundary rule
of the published optima. In a CP-SAT model the automaton becomes a network flow over (day, state), one arc per
day: its linear relaxation is exact for the work/off pattern alone, which the clause formulation's is not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

START = 0
INITIAL_WORK = 1
WORK = 2
OFF_SHORT = 3
OFF_DONE = 4
INITIAL_OFF = 5

State = tuple[int, int]
"""(kind, length of the current block so far, capped where it no longer matters)."""
Arc = tuple[State, bool, State]
BEGIN: State = (START, 0)


@dataclass(frozen=True)
class RunRules:
    """One contract's run limits."""

    max_run: int
    min_run: int
    min_off: int

    def _off(self) -> State:
        """The state after the first day off following an inner or initial work block."""
        return (OFF_DONE, 0) if self.min_off <= 1 else (OFF_SHORT, 1)

    def step(self, state: State, working: bool) -> State | None:
        """The state after one more day, or None if that day breaks a run rule."""
        kind, length = state
        if kind == START:
            if working:
                return (INITIAL_WORK, 1) if self.max_run >= 1 else None
            return (INITIAL_OFF, 0)
        if kind in (INITIAL_WORK, WORK):
            if working:
                return (kind, length + 1) if length < self.max_run else None
            if kind == WORK and length < self.min_run:
                return None
            return self._off()
        if kind == OFF_SHORT:
            if working:
                return None
            return (OFF_SHORT, length + 1) if length + 1 < self.min_off else (OFF_DONE, 0)
        # OFF_DONE and INITIAL_OFF: a new (inner) work block may start.
        if working:
            return (WORK, 1) if self.max_run >= 1 else None
        return state

    def run(self, state: State | None, days: Iterable[bool]) -> State | None:
        """The state after a sequence of days (True = worked), or None if a rule is broken on the way."""
        for working in days:
            if state is None:
                return None
            state = self.step(state, working)
        return state


def add_flow(
    model: cp_model.CpModel,
    rules: RunRules,
    entry: State,
    work: Sequence[cp_model.IntVar | bool],
    accept: Callable[[State], bool] | None,
    hint: Sequence[bool] | None = None,
) -> int:
    """Constrain ``work`` (one literal or False per day) to a path of the automaton from ``entry``; arcs created.

    ``accept`` says which states may follow the last day (None: any). With ``hint`` (the current days), the arcs of
    its path are hinted.
    """
    days = len(work)
    layers: list[list[Arc]] = []
    reachable: set[State] = {entry}
    for day in range(days):
        labels = (False,) if work[day] is False else ((True,) if work[day] is True else (False, True))
        layer = []
        for state in reachable:
            for working in labels:
                following = rules.step(state, working)
                if following is not None:
                    layer.append((state, working, following))
        layers.append(layer)
        reachable = {arc[2] for arc in layer}
    alive = reachable if accept is None else {state for state in reachable if accept(state)}
    for day in range(days - 1, -1, -1):
        layers[day] = [arc for arc in layers[day] if arc[2] in alive]
        alive = {arc[0] for arc in layers[day]}
    if entry not in alive:
        model.add_bool_or([])
        return 0
    path: set[tuple[int, Arc]] = set()
    if hint is not None:
        walker: State | None = entry
        for day, working in enumerate(hint):
            following = rules.step(walker, working) if walker is not None else None
            if walker is not None and following is not None:
                path.add((day, (walker, working, following)))
            walker = following
    previous: dict[State, list[cp_model.IntVar]] = {}
    created = 0
    for day, layer in enumerate(layers):
        arcs = {arc: model.new_bool_var("") for arc in layer}
        created += len(arcs)
        if hint is not None:
            for arc, var in arcs.items():
                model.add_hint(var, (day, arc) in path)
        outgoing: dict[State, list[cp_model.IntVar]] = {}
        incoming: dict[State, list[cp_model.IntVar]] = {}
        for (state, _working, following), var in arcs.items():
            outgoing.setdefault(state, []).append(var)
            incoming.setdefault(following, []).append(var)
        if day == 0:
            model.add_exactly_one(outgoing[entry])
        else:
            for state in set(previous) | set(outgoing):
                model.add(sum(previous.get(state, [])) == sum(outgoing.get(state, [])))
        worked = [var for (_state, working, _following), var in arcs.items() if working]
        literal = work[day]
        if not isinstance(literal, bool):
            model.add(literal == sum(worked))
        previous = incoming
    return created
