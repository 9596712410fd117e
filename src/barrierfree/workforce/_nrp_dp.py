"""One employee's best line against fixed gains, by dynamic programming (used by the solver only).

Every hard rule binds one employee alone, so "the best line for this employee, everyone else fixed" is a
shortest-path problem over days. The state after a day is (run-automaton state, the cannot-follow set of the
shift just worked, minutes worked so far in units of the gcd of the shift lengths); the value is the sum of the
gains of the shifts chosen. That is exact for fixed days off, forbidden successions, the run rules (with the
boundary rule, through ``_nrp_runs``) and the minutes window. The two remaining counting rules, most weekends and
most shifts of a type, are counted in the state too where they bind and the table stays small (one counter axis
each: weekends first, then the tightest type limits); the others are priced (a Lagrangian penalty per worked
weekend and per shift of an over-used type, raised until the line keeps them), and a line that still breaks one
after a few rounds is not returned.

The gain of a shift on a day, for the cover, is what one more employee there is worth given the others' count
(``WeightUnder`` while under the requirement, ``-WeightOver`` otherwise), plus the requests: so the value of a
line is exactly how much the objective drops when the employee, off every day before, works that line.

The tables are NumPy arrays over (state, counters, minutes); each day is a handful of array operations, so a 364-day line
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
EXACT_COUNT_MAX_COST = 1_000_000
"""Largest table (cells per day times days, times every counter's slots) for which a binding limit (worked
weekends, then shifts of a type, the tightest first) is counted exactly in the DP state rather than priced.
Measured on Instance10 with LP duals as gains: the priced weekend limit returned lines up to 500 worse than an
existing line (the price overshoots and the line gives up a weekend it may work), which stalled column generation
at 5x the best published value; on Instance8 the priced night-shift limit (at most 4 of 17-18 shifts) stalled it at
2.7x. Weekends of instances 1-12 stay below this (Instance10 at most 0.81 million); 13-15 and 18 would be at 2-3.4
million (a slower first roster), so they keep the price."""


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
        top = max(lengths, default=0) * rules.horizon
        self.top = min(rules.max_minutes, top) // self.unit
        self.low = max(0, -(-rules.min_minutes // self.unit))
        first_days: set[int] = set()
        second_days: set[int] = set()
        for days in rules.weekends:
            if days:
                first_days.add(days[0])
                second_days.update(days[1:])
        self.first_weekend_day = first_days
        self.second_weekend_day = second_days
        self.weekend_price = 0.0
        self.type_price = np.zeros(len(rules.minutes))
        self._build(())
        # Count worked weekends, then the shifts of each binding type (tightest first), in the table while it
        # stays small; whatever is not counted is priced.
        weekends_bind = rules.max_weekends < len([days for days in rules.weekends if days])
        budget = EXACT_COUNT_MAX_COST / max(1, self.cost)
        self.count_weekends = weekends_bind and rules.max_weekends + 1 <= budget
        if self.count_weekends:
            budget /= rules.max_weekends + 1
        counted: list[int] = []
        binding = sorted(self._binding_types(), key=lambda shift: (rules.max_shifts[shift], shift))
        for shift in binding:
            if rules.max_shifts[shift] + 1 <= budget:
                counted.append(shift)
                budget /= rules.max_shifts[shift] + 1
        if counted:
            self._build(tuple(counted))
        weekend_slots = rules.max_weekends + 1 if self.count_weekends else 1
        self.slots = (weekend_slots, *(rules.max_shifts[shift] + 1 for shift in counted))
        """Sizes of the counter axes of the table: worked weekends (1 if not counted), then each counted type."""
        self.weekends_exact = self.count_weekends or not weekends_bind
        """Whether every line the DP finds keeps the weekend limit without a price."""
        self.exact = self.weekends_exact and len(counted) == len(binding)
        """Whether the per-type limits are kept without a price too (an exact pricer)."""

    def _binding_types(self) -> list[int]:
        """Allowed shifts whose limit a line could exceed (more than the limit fit in the days and minutes)."""
        rules = self.rules
        days = rules.horizon - len(rules.days_off)
        fits = {shift: min(days, self.top * self.unit // rules.minutes[shift]) for shift in self.allowed}
        return [shift for shift in self.allowed if rules.max_shifts[shift] < fits[shift]]

    def _build(self, counted: tuple[int, ...]) -> None:
        """The automaton states and arcs, with each counted shift type a group of its own."""
        rules = self.rules
        unit = self.unit
        self.counted = counted
        # Cannot-follow classes: the banned set of the shift just worked (index -1: no shift yesterday).
        banned_sets: list[frozenset[int]] = []
        for shift in self.allowed:
            if rules.cannot_follow[shift] not in banned_sets:
                banned_sets.append(rules.cannot_follow[shift])
        self.banned_sets = banned_sets
        # Groups of interchangeable shifts: same length, same class, banned after the same classes, not counted.
        groups: dict[tuple[int, int, frozenset[int], int], list[int]] = {}
        for shift in self.allowed:
            own = banned_sets.index(rules.cannot_follow[shift])
            banned_after = frozenset(index for index, banned in enumerate(banned_sets) if shift in banned)
            counter = counted.index(shift) if shift in counted else NONE
            groups.setdefault((rules.minutes[shift] // unit, own, banned_after, counter), []).append(shift)
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
                for number, ((length, own, banned_after, _counter), _members) in enumerate(self.groups):
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
        # Which counted type each arc adds one to (NONE for none).
        group_counter = np.array([key[3] for key, _members in self.groups] + [NONE], dtype=np.int64)
        self.counter = group_counter[self.group]
        self.source_works = np.array([states[arc[0]][0][0] in (INITIAL_WORK, WORK) for arc in arcs], dtype=bool)
        # Arcs are sorted by target: each target's arcs are one segment (for maximum.reduceat).
        self.starts = np.flatnonzero(np.r_[True, self.target[1:] != self.target[:-1]]) if arcs else np.zeros(0, int)
        self.segment_targets = self.target[self.starts] if arcs else np.zeros(0, int)
        self.arc_ids = np.arange(len(arcs), dtype=np.float64)[:, None]
        # Arcs that move the same way through the table: same length, same counted type.
        classes: dict[tuple[int, int], list[int]] = {}
        for arc, (length, counter) in enumerate(zip(self.length.tolist(), self.counter.tolist(), strict=True)):
            classes.setdefault((length, counter), []).append(arc)
        self.moves = [(length, counter, np.array(members)) for (length, counter), members in sorted(classes.items())]

    @property
    def cost(self) -> int:
        """Table cells the DP fills per pricing round, without counters (its time is about proportional)."""
        return len(self.source) * (self.top + 1) * self.rules.horizon

    def best_line(self, gains: np.ndarray) -> tuple[list[int], float] | None:
        """The best line (shift index or OFF per day) for ``gains`` (days x shifts), with its value; None if none.

        Limits not counted in the table are priced until the line keeps them; None if that fails.
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

    def _shifted(self, members: np.ndarray, weekend: int, counter: int, length: int) -> tuple[tuple, tuple]:
        """Index tuples into the table for arcs that add ``weekend`` to the weekend counter, one to counted type
        ``counter`` (NONE: none) and ``length`` to the minutes: (where they land, where they come from)."""
        steps = [weekend] + [1 if number == counter else 0 for number in range(len(self.counted))]
        width = self.top + 1
        into = (members, *(slice(step, None) for step in steps), slice(length, None))
        out_of = (
            self.source[members],
            *(slice(0, size - step) for size, step in zip(self.slots, steps, strict=True)),
            slice(0, width - length),
        )
        return into, out_of

    def _solve(self, gains: np.ndarray, weekend_price: float) -> list[int] | None:
        """The DP for priced gains; None if no line reaches the minutes window.

        The table is (state, weekends worked so far, shifts of each counted type so far, minutes): a counted
        limit is never exceeded; an uncounted weekend limit has one slot and is only priced.
        """
        rules = self.rules
        horizon, width, slots = rules.horizon, self.top + 1, self.slots
        count = len(self.states)
        arcs = len(self.source)
        if not arcs or not self.groups:
            return None
        shifts_per_group = [np.array(members, dtype=np.int64) for _key, members in self.groups]
        shape = (count, *slots, width)
        value = np.full(shape, -np.inf)
        value[(0,) * (len(shape) - 1) + (0,)] = 0.0
        choices = np.empty((horizon, *shape), dtype=np.int16)
        steps = np.zeros((horizon, arcs), dtype=np.int64)
        picks = np.zeros((horizon, len(self.groups)), dtype=np.int64)
        is_work = self.group != NONE
        candidates = np.empty((arcs, *slots, width))
        group_values = np.zeros((horizon, len(self.groups)))
        for number, members in enumerate(shifts_per_group):
            block = gains[:, members]
            best = np.argmax(block, axis=1)
            picks[:, number] = members[best]
            group_values[:, number] = block[np.arange(horizon), best]
        work_groups = self.group[is_work]
        arc_ids = self.arc_ids.reshape((arcs,) + (1,) * len(shape[1:]))
        for day in range(horizon):
            weights = np.zeros(arcs)
            starts_weekend = self._weekend_steps(day, is_work)
            if day in rules.days_off:
                weights[is_work] = -np.inf
            else:
                weights[is_work] = group_values[day, work_groups]
                if not self.count_weekends:
                    weights[starts_weekend] -= weekend_price
            if self.count_weekends:
                steps[day] = starts_weekend
            candidates.fill(-np.inf)
            for length, counter, members in self.moves:
                if length >= width:
                    continue
                # Arcs that start a counted weekend move one weekend slot up; on other days all arcs stay.
                starts = steps[day, members] == 1
                for weekend, chosen_arcs in ((0, members[~starts]), (1, members[starts])):
                    if not chosen_arcs.size or weekend >= slots[0]:
                        continue
                    if counter != NONE and slots[1 + counter] <= 1:
                        continue
                    into, out_of = self._shifted(chosen_arcs, weekend, counter, length)
                    expand = (slice(None),) + (None,) * (len(shape) - 1)
                    candidates[into] = value[out_of] + weights[chosen_arcs][expand]
            best_value = np.maximum.reduceat(candidates, self.starts, axis=0)
            value = np.full(shape, -np.inf)
            value[self.segment_targets] = best_value
            # The (highest) arc reaching each target's best value; -1 where the target is unreachable.
            reached = candidates == value[self.target]
            reached &= candidates > -np.inf
            chosen = np.maximum.reduceat(np.where(reached, arc_ids, -1.0), self.starts, axis=0)
            day_choice = np.full(shape, -1, dtype=np.int16)
            day_choice[self.segment_targets] = chosen
            choices[day] = day_choice
        window = value[..., self.low : width]
        if window.size == 0 or not np.isfinite(window).any():
            return None
        end = [int(coordinate) for coordinate in np.unravel_index(int(np.argmax(window)), window.shape)]
        end[-1] += self.low
        state, counters, minutes = end[0], end[1:-1], end[-1]
        line = [OFF] * horizon
        for day in range(horizon - 1, -1, -1):
            arc = int(choices[(day, state, *counters, minutes)])
            if arc < 0:
                return None
            group = int(self.group[arc])
            if group != NONE:
                line[day] = int(picks[day, group])
            minutes -= int(self.length[arc])
            counters[0] -= int(steps[day, arc])
            if self.counter[arc] != NONE:
                counters[1 + int(self.counter[arc])] -= 1
            state = int(self.source[arc])
        return line
