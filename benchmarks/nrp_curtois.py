"""Our rostering solver against a plain CP-SAT model on the Curtois-Qu instances, same time limit, same run.

For each chosen instance (default 1-24) and each repeat, the script runs

- *ours*: ``nrp_solve.solve`` (per-employee first roster, then CP-SAT on neighbourhoods with the run rules as an
  automaton flow), ``--limit`` seconds, or ``--big-limit`` for instances 19-24;
- *peer*: ``nrp_solve.solve_direct``, the whole problem as one plain Boolean CP-SAT model (run rules as windows and
  clauses, no start, no neighbourhoods), with the same time limit and workers;

checks both rosters with the independent checker (``nrp_check``: a roster it rejects counts as no solution), and
prints per instance the best published objective (``best_known.csv``), the median objective of each side, their
gaps to the best published value and their median seconds. Goals (issue brief): ours within 5 % of the best
published value on 1-12 in 60 s, feasible on 1-18 in 60 s and on 19-24 in 300 s.

    python benchmarks/nrp_curtois.py [--instances 1-12] [--limit 60] [--big-limit 300] [--repeats 1] [--workers 2]
        [--no-peer]

Data: ``../shared/data/scheduling/curtois`` (``$BARRIERFREE_CURTOIS_DATA`` or ``--data`` override). The machine is
shared: the load average is printed at the start and the end; compare sides of the same run.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from barrierfree.workforce.nrp_check import check
from barrierfree.workforce.nrp_instance import Instance, read_instance
from barrierfree.workforce.nrp_solve import DEFAULT_SEED, SolveResult, solve, solve_direct

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "scheduling" / "curtois"
INSTANCE_COUNT = 24
BIG_INSTANCES = range(19, INSTANCE_COUNT + 1)
DEFAULT_LIMIT = 60.0
DEFAULT_BIG_LIMIT = 300.0
GOAL_GAP_PCT = 5.0
GOAL_GAP_INSTANCES = range(1, 13)
PERCENT = 100.0


@dataclass
class Run:
    """One side's result on one instance in one repeat, after the checker's verdict."""

    objective: int | None
    seconds: float
    status: str


def _instances(text: str) -> list[int]:
    """Instance numbers from ``1-12,19,24``."""
    chosen: list[int] = []
    for part in text.split(","):
        low, _, high = part.strip().partition("-")
        chosen.extend(range(int(low), int(high or low) + 1))
    bad = [number for number in chosen if not 1 <= number <= INSTANCE_COUNT]
    if bad:
        raise SystemExit(f"no such instance: {bad}")
    return chosen


def _checked(instance: Instance, result: SolveResult) -> Run:
    """The run as the checker sees it: no roster, or a rejected one, is no solution."""
    if result.roster is None:
        return Run(None, result.seconds, result.status.value)
    report = check(instance, result.roster)
    if not report.feasible:
        return Run(None, result.seconds, f"rejected ({len(report.violations)} violations)")
    return Run(report.objective.total, result.seconds, result.status.value)


def _median(runs: list[Run]) -> tuple[float | None, float]:
    """Median objective (None if any repeat found nothing) and median seconds."""
    seconds = statistics.median(run.seconds for run in runs)
    if any(run.objective is None for run in runs):
        return None, seconds
    return statistics.median(run.objective for run in runs if run.objective is not None), seconds


def _gap(value: float | None, best: int | None) -> float | None:
    """Percent above the best published value."""
    if value is None or best is None:
        return None
    return (value - best) / best * PERCENT


def _fmt(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", default=f"1-{INSTANCE_COUNT}")
    parser.add_argument("--limit", type=float, default=DEFAULT_LIMIT, help="seconds per solve, instances 1-18")
    parser.add_argument("--big-limit", type=float, default=DEFAULT_BIG_LIMIT, help="seconds per solve, 19-24")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-peer", action="store_true", help="run ours only (the peer column shows -)")
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("BARRIERFREE_CURTOIS_DATA", DEFAULT_DATA)))
    args = parser.parse_args(argv)
    if not (args.data / "txt").is_dir():
        print(f"no data at {args.data} (set --data or $BARRIERFREE_CURTOIS_DATA)", file=sys.stderr)
        return 2
    with (args.data / "best_known.csv").open(newline="") as handle:
        best = {
            row["instance"]: int(row["best_published_ub"]) if row["best_published_ub"] else None
            for row in csv.DictReader(handle)
        }
    print(f"load average at start: {os.getloadavg()}  workers={args.workers} repeats={args.repeats}", flush=True)
    header = (
        f"{'instance':<11}{'best':>7}{'ours':>9}{'peer':>9}{'our gap %':>11}{'peer gap %':>12}{'our s':>8}{'peer s':>8}"
    )
    rows: list[str] = []
    met = total = 0
    for number in _instances(args.instances):
        name = f"Instance{number}"
        instance = read_instance((args.data / "txt" / f"{name}.txt").read_text(), name)
        limit = args.big_limit if number in BIG_INSTANCES else args.limit
        ours: list[Run] = []
        peer: list[Run] = []
        for repeat in range(args.repeats):
            seed = DEFAULT_SEED + repeat
            found: list[float] = []
            result = solve(
                instance,
                limit,
                workers=args.workers,
                seed=seed,
                on_progress=lambda _value, at, found=found: found.append(at),
            )
            ours.append(_checked(instance, result))
            if args.no_peer:
                peer.append(Run(None, 0.0, "not run"))
            else:
                peer.append(_checked(instance, solve_direct(instance, limit, workers=args.workers, seed=seed)))
            print(
                f"  {name} repeat {repeat + 1}: ours {ours[-1].objective} ({ours[-1].status}, {ours[-1].seconds:.1f} s,"
                f" first roster at {_fmt(found[0] if found else None, 1)} s)"
                f", peer {peer[-1].objective} ({peer[-1].status}, {peer[-1].seconds:.1f} s)",
                flush=True,
            )
        our_value, our_seconds = _median(ours)
        peer_value, peer_seconds = _median(peer)
        our_gap, peer_gap = _gap(our_value, best.get(name)), _gap(peer_value, best.get(name))
        if number in GOAL_GAP_INSTANCES:
            total += 1
            met += our_gap is not None and our_gap <= GOAL_GAP_PCT
        rows.append(
            f"{name:<11}{_fmt(best.get(name)):>7}{_fmt(our_value):>9}{_fmt(peer_value):>9}{_fmt(our_gap, 1):>11}"
            f"{_fmt(peer_gap, 1):>12}{our_seconds:>8.1f}{peer_seconds:>8.1f}"
        )
    print()
    print(header)
    print("\n".join(rows))
    if total:
        print(f"\nwithin {GOAL_GAP_PCT:.0f} % of the best published value (instances 1-12 run): {met} of {total}")
    print(f"load average at end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
