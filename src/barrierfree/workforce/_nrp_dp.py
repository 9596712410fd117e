"""One employee's best line against fixed gains, by dynamic programming (used by the solver only).

Every hard rule binds one employee alone, so "the best line for this employee, everyone else fixed" is a
shortest-path problem over days. The state after a day is (run-automaton state, the cannot-follow set of the
shift just worked, minutes worked so far in units of the gcd of the shift lengths); the value is the sum of the
gains of the shifts chosen. That is exact for fixed days off, forbidden successions, the run rules (with the
boundary rule, through ``_nrp_runs``) and the minutes window. The two remaining counting rules, most weekends and
most shifts of a type, are priced (a Lagrangian penalty per worked weekend and per shift of an over-used type,
raised until the line keeps them); a line that still breaks one after a few rounds is not returned.

The gain of a shift on a day, for the cover, is what one more employee there is worth given the others' count
(``WeightUnder`` while under the requirement, ``-WeightOver`` otherwise), plus the requests: so the value of a
line is exactly how much the objective drops when the employee, off every day before, works that line.

The tables are NumPy arrays over (state, minutes); each day is a handful of array operations, so a 364-day line
takes a fraction of a second and a 28-day line a few milliseconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from barrierfree.workforce._nrp_runs import BEGIN, INITIAL_WORK, WORK, RunRules, State

OFF = -1
NONE = -1
ROUNDS = 12
"""Pricing rounds for the weekend and per-type limits before giving up on a line."""
PRICE_GROWTH = 2.0
EXACT_WEEKENDS_MAX_COST = 1_000_000
"""Largest table (cells per day times days, times the weekend count) for which worked weekends are counted
exactly in the DP state rather than priced. Measured on Instance10 with LP duals as gains: the priced weekend limit
returned lines up to 500 worse than an existing line (the price overshoots and the line gives up a weekend it may
work), which stalled column generation at 5x the best published value. Instances 1-12 stay below this (Instance10
at most 0.81 million); 13-15 and 18 would be at 2-3.4 million (a slower first roster), so they keep the price."""


def restricted(rules: LineRules) -> LineRules:
    """The same rules with only the allowed shifts that forbid no allowed shift the day after.

    A smaller planner (one cannot-follow class, a few groups) for long horizons with many shift types: every line
    it finds keeps the full rules, but it may find none where the full planner would.
    """
    allowed = set(rules.allowed)
    free = tuple(shift for shift in rules.allowed if not rules.cannot_follow[shift] & allowed)
    return LineRules(
        rules.horizon,
        rules.minutes,
        rules.cannot_follow,
        free,
        rules.max_shifts,
        rules.min_minutes,
        rules.max_minutes,
        rules.runs,
        rules.max_weekends,
        rules.days_off,
        rules.weekends,
    )


@dataclass(frozen=True)
class LineRules:
    """One employee's hard rules, as indices (shift lengths and cannot-follow sets are the instance's)."""

    horizon: int
    minutes: tuple[int, ...]
    cannot_follow: tuple[frozenset[int], ...]
    allowed: tuple[int, ...]
    max_shifts: tuple[int, ...]
    min_minutes: int
    max_minutes: int
    runs: RunRules
    max_weekends: int
    days_off: frozenset[int]
    weekends: tuple[tuple[int, ...], ...]


class LinePlanner:
    """The DP tables for one employee, built once and solved for any gains."""

    def __init__(self, rules: LineRules) -> None:
        self.rules = rules
        allowed = [shift for shift in rules.allowed if rules.max_shifts[shift] > 0]
        self.allowed = allowed
        lengths = [rules.minutes[shift] for shift in allowed]
        self.unit = max(1, math.gcd(*lengths)) if lengths else 1
        unit = self.unit
        top = max(lengths, default=0) * rules.horizon
        self.top = min(rules.max_minutes, top) // unit
        self.low = max(0, -(-rules.min_minutes // unit))
        # Cannot-follow classes: the banned set of the shift just worked (index -1: no shift yesterday).
        banned_sets: list[frozenset[int]] = []
        for shift in allowed:
            if rules.cannot_follow[shift] not in banned_sets:
                banned_sets.append(rules.cannot_follow[shift])
        self.banned_sets = banned_sets
        # Groups of interchangeable shifts: same length, same class, banned after the same classes.
        groups: dict[tuple[int, int, frozenset[int]], list[int]] = {}
        for shift in allowed:
            own = banned_sets.index(rules.cannot_follow[shift])
            banned_after = frozenset(index for index, banned in enumerate(banned_sets) if shift in banned)
            groups.setdefault((rules.minutes[shift] // unit, own, banned_after), []).append(shift)
        self.groups = list(groups.items())
        # States (automaton state, class or NONE) reachable from the start, and the arcs between them.
        index: dict[tuple[State, int], int] = {(BEGIN, NONE): 0}
        states: list[tuple[State, int]] = [(BEGIN, NONE)]
        arcs: list[tuple[int, int, int, int]] = []  # (source, target, length in units, group or NONE)
        cursor = 0
        while cursor < len(states):
            (state, klass) = states[cursor]
            targets: list[tuple[tuple[State, int], int, int]] = []
            off = rules.runs.step(state, False)
            if off is not None:
                targets.append(((off, NONE), 0, NONE))
            worked = rules.runs.step(state, True)
            if worked is not None:
                for number, ((length, own, banned_after), _members) in enumerate(self.groups):
                    if klass != NONE and klass in banned_after:
                        continue
                    targets.append(((worked, own), length, number))
            for key, length, group in targets:
                if key not in index:
                    index[key] = len(states)
                    states.append(key)
                arcs.append((cursor, index[key], length, group))
            cursor += 1
        self.states = states
        arcs.sort(key=lambda arc: (arc[1], arc[0]))
        self.source = np.array([arc[0] for arc in arcs], dtype=np.int64)
        self.target = np.array([arc[1] for arc in arcs], dtype=np.int64)
        self.length = np.array([arc[2] for arc in arcs], dtype=np.int64)
        self.group = np.array([arc[3] for arc in arcs], dtype=np.int64)
        self.source_works = np.array([states[arc[0]][0][0] in (INITIAL_WORK, WORK) for arc in arcs], dtype=bool)
        # Arcs are sorted by target: each target's arcs are one segment (for maximum.reduceat).
        self.starts = np.flatnonzero(np.r_[True, self.target[1:] != self.target[:-1]]) if arcs else np.zeros(0, int)
        self.segment_targets = self.target[self.starts] if arcs else np.zeros(0, int)
        self.arc_ids = np.arange(len(arcs), dtype=np.float64)[:, None]
        self.by_length = [(value, np.flatnonzero(self.length == value)) for value in sorted(set(self.length.tolist()))]
        first_days: set[int] = set()
        second_days: set[int] = set()
        for days in rules.weekends:
            if days:
                first_days.add(days[0])
                second_days.update(days[1:])
        self.first_weekend_day = first_days
        self.weekend_price = 0.0
        self.type_price = np.zeros(len(rules.minutes))
        self.second_weekend_day = second_days
        # Count worked weekends in the table where the limit binds and the table stays small; else price them.
        binding = rules.max_weekends < len([days for days in rules.weekends if days])
        slots = rules.max_weekends + 1
        self.count_weekends = binding and self.cost * slots <= EXACT_WEEKENDS_MAX_COST
        self.weekend_slots = slots if self.count_weekends else 1
        self.weekends_exact = self.count_weekends or not binding
        """Whether every line the DP finds keeps the weekend limit without a price (an exact pricer for it)."""

    @property
    def cost(self) -> int:
        """Table cells the DP fills per pricing round (its time is about proportional)."""
        return len(self.source) * (self.top + 1) * self.rules.horizon

    def best_line(self, gains: np.ndarray) -> tuple[list[int], float] | None:
        """The best line (shift index or OFF per day) for ``gains`` (days x shifts), with its value; None if none.

        Weekend and per-type limits are priced until the line keeps them; None if that fails.
        """
        rules = self.rules
        # Start from half the prices the last call ended with (the same employee is re-planned often).
        weekend_price = self.weekend_price / PRICE_GROWTH
        type_price = self.type_price / PRICE_GROWTH
        finite = np.abs(gains[np.isfinite(gains)])
        step = max(1.0, float(finite.max()) if finite.size else 1.0)
        for _round in range(ROUNDS):
            found = self._solve(gains - type_price[None, :], weekend_price)
            if found is None:
                return None
            line = found
            counts = np.zeros(len(rules.minutes), dtype=np.int64)
            for shift in line:
                if shift != OFF:
                    counts[shift] += 1
            weekends = sum(1 for days in rules.weekends if any(line[day] != OFF for day in days))
            over_types = [shift for shift in self.allowed if counts[shift] > rules.max_shifts[shift]]
            if weekends <= rules.max_weekends and not over_types:
                self.weekend_price, self.type_price = weekend_price, type_price
                value = float(sum(gains[day, shift] for day, shift in enumerate(line) if shift != OFF))
                return line, value
            if weekends > rules.max_weekends:
                weekend_price = weekend_price * PRICE_GROWTH + step
            for shift in over_types:
                # Its interchangeable shifts with no more room would take its place next round: price them too.
                members = next(members for _key, members in self.groups if shift in members)
                for other in members:
                    if rules.max_shifts[other] < counts[shift]:
                        type_price[other] = type_price[other] * PRICE_GROWTH + step
        return None

    def _weekend_steps(self, day: int, is_work: np.ndarray) -> np.ndarray:
        """Which arcs start a worked weekend on this day (counted once per weekend, on its first worked day)."""
        if day in self.first_weekend_day:
            return is_work
        if day in self.second_weekend_day:
            return is_work & ~self.source_works
        return np.zeros_like(is_work)

    @staticmethod
    def _split(members: np.ndarray, steps: np.ndarray) -> tuple[tuple[int, np.ndarray], tuple[int, np.ndarray]]:
        """Arcs that do not and that do start a counted weekend today."""
        starts = steps[members] == 1
        return (0, members[~starts]), (1, members[starts])

    def _solve(self, gains: np.ndarray, weekend_price: float) -> list[int] | None:
        """The DP for priced gains; None if no line reaches the minutes window.

        The table is (state, weekends worked so far, minutes): with ``count_weekends`` a line never works more
        weekends than allowed; otherwise there is one slot and weekends are only priced.
        """
        rules = self.rules
        horizon, width, slots = rules.horizon, self.top + 1, self.weekend_slots
        count = len(self.states)
        if not self.groups:
            shifts_per_group: list[np.ndarray] = []
        else:
            shifts_per_group = [np.array(members, dtype=np.int64) for _key, members in self.groups]
        arcs = len(self.source)
        if not arcs:
            return None
        value = np.full((count, slots, width), -np.inf)
        value[0, 0, 0] = 0.0
        choices = np.empty((horizon, count, slots, width), dtype=np.int16)
        steps = np.zeros((horizon, arcs), dtype=np.int64)
        picks = np.zeros((horizon, max(1, len(self.groups))), dtype=np.int64)
        is_work = self.group != NONE
        candidates = np.empty((arcs, slots, width))
        group_values = np.zeros((horizon, max(1, len(self.groups))))
        for number, members in enumerate(shifts_per_group):
            block = gains[:, members]
            best = np.argmax(block, axis=1)
            picks[:, number] = members[best]
            group_values[:, number] = block[np.arange(horizon), best]
        work_groups = self.group[is_work]
        arc_ids = self.arc_ids[:, :, None]
        for day in range(horizon):
            weights = np.zeros(arcs)
            starts_weekend = self._weekend_steps(day, is_work)
            if day in rules.days_off:
                weights[is_work] = -np.inf
            elif shifts_per_group:
                weights[is_work] = group_values[day, work_groups]
                if not self.count_weekends:
                    weights[starts_weekend] -= weekend_price
            if self.count_weekends:
                steps[day] = starts_weekend
            candidates.fill(-np.inf)
            weekend_day = self.count_weekends and bool(steps[day].any())
            for length, members in self.by_length:
                if length >= width:
                    continue
                # Arcs that start a counted weekend move one weekend slot up; on other days all arcs stay.
                for step, chosen_arcs in self._split(members, steps[day]) if weekend_day else ((0, members),):
                    if not chosen_arcs.size or step >= slots:
                        continue
                    candidates[chosen_arcs, step:, length:] = (
                        value[self.source[chosen_arcs], : slots - step, : width - length]
                        + weights[chosen_arcs, None, None]
                    )
            best_value = np.maximum.reduceat(candidates, self.starts, axis=0)
            value = np.full((count, slots, width), -np.inf)
            value[self.segment_targets] = best_value
            # The (highest) arc reaching each target's best value; -1 where the target is unreachable.
            reached = candidates == value[self.target]
            reached &= candidates > -np.inf
            chosen = np.maximum.reduceat(np.where(reached, arc_ids, -1.0), self.starts, axis=0)
            day_choice = np.full((count, slots, width), -1, dtype=np.int16)
            day_choice[self.segment_targets] = chosen
            choices[day] = day_choice
        window = value[:, :, self.low : width]
        if window.size == 0 or not np.isfinite(window).any():
            return None
        end = np.unravel_index(int(np.argmax(window)), window.shape)
        state, weekends, minutes = int(end[0]), int(end[1]), int(end[2]) + self.low
        line = [OFF] * horizon
        for day in range(horizon - 1, -1, -1):
            arc = int(choices[day, state, weekends, minutes])
            if arc < 0:
                return None
            group = int(self.group[arc])
            if group != NONE:
                line[day] = int(picks[day, group])
            minutes -= int(self.length[arc])
            weekends -= int(steps[day, arc])
            state = int(self.source[arc])
        return line
