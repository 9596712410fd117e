"""Pages per minute: barrierfree's full audit against axe-core alone, on the same pages in the same run.

The pages are W3C ACT rule test cases (``../shared/data/a11y/act``, served on loopback, outside hosts
blocked), taken evenly across all rules so the mix has forms, tables, media, frames and plain text. Both
sides use the same engine (Debian Chromium via Playwright, axe injected once per context), the same
concurrency (2 pages at once, one per core) and no screenshots, so the ratio measures the extra checks only.
The machine is shared: each side runs ``--repeats`` times alternately and the medians are compared.

    python benchmarks/audit_throughput.py [--pages 120] [--repeats 3]
    python benchmarks/audit_throughput.py --browsers [--pages 120] [--repeats 3]

``--browsers`` compares browsers instead: every check in the product's browser (Debian's chromium-headless-shell)
against every check in Debian's full ``chromium`` (its headless mode builds a browser window for every page), same
pages, same run, alternately.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from act_agreement import DEFAULT_DATA, PUBLIC_PREFIX, URL_PREFIX, load_cases, offline_guard, serve

from barrierfree.audit import AuditOptions, ChromiumEngine, LoadLimits, default_checks, run_audit
from barrierfree.audit._browser import CHROMIUM_PATH
from barrierfree.audit.checks.axe import AxeCheck
from barrierfree.audit.checks.base import Check

CONCURRENCY = 2
GOAL_PAGES_PER_MINUTE = 60
FULL_CHROMIUM = Path("/usr/bin/chromium")


def sample_urls(data: Path, origin: str, count: int) -> list[str]:
    """``count`` test-case URLs spread evenly over the whole set (HTML only)."""
    cases = [c for c in load_cases(data) if c["url"].endswith(".html")]
    step = max(1, len(cases) // count)
    return [c["url"].replace(PUBLIC_PREFIX, origin + URL_PREFIX) for c in cases[::step][:count]]


async def pages_per_minute(
    urls: list[str], origin: str, checks: list[Check], executable: Path = CHROMIUM_PATH
) -> float:
    """Audit every URL once with ``checks`` in the browser at ``executable``; pages per minute of wall-clock time."""
    options = AuditOptions(
        max_pages=len(urls),
        max_depth=0,
        concurrency=CONCURRENCY,
        screenshots=False,
        limits=LoadLimits(timeout_seconds=15),
    )
    async with ChromiumEngine(guard=offline_guard(origin), executable=executable) as engine:
        started = time.perf_counter()
        report = await run_audit(urls, options, engine=engine, checks=checks)
        seconds = time.perf_counter() - started
    return len(report.pages) / seconds * 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pages", type=int, default=120)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--browsers", action="store_true", help="headless shell against full chromium, all checks")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"ACT data not found at {args.data}", file=sys.stderr)
        return 2
    if args.browsers:
        return compare_browsers(args.data, args.pages, args.repeats)
    axe_runs: list[float] = []
    full_runs: list[float] = []
    with serve(args.data) as origin:
        urls = sample_urls(args.data, origin, args.pages)
        for repeat in range(args.repeats):
            axe_runs.append(asyncio.run(pages_per_minute(urls, origin, [AxeCheck()])))
            full_runs.append(asyncio.run(pages_per_minute(urls, origin, default_checks())))
            print(f"run {repeat + 1}: axe alone {axe_runs[-1]:.1f} pages/min, all checks {full_runs[-1]:.1f} pages/min")
    axe, full = statistics.median(axe_runs), statistics.median(full_runs)
    print(f"pages: {len(urls)}, concurrency {CONCURRENCY}, repeats {args.repeats}")
    print(f"median axe alone : {axe:.1f} pages/min  (runs: {', '.join(f'{r:.1f}' for r in axe_runs)})")
    print(f"median all checks: {full:.1f} pages/min  (runs: {', '.join(f'{r:.1f}' for r in full_runs)})")
    print(
        f"ratio all checks / axe alone: {full / axe:.2f}; goal >= {GOAL_PAGES_PER_MINUTE} pages/min: "
        f"{'met' if full >= GOAL_PAGES_PER_MINUTE else 'NOT met'}"
    )
    return 0


def compare_browsers(data: Path, pages: int, repeats: int) -> int:
    """Every check in the product's headless shell against every check in full Chromium, alternately."""
    missing = [str(path) for path in (CHROMIUM_PATH, FULL_CHROMIUM) if not path.exists()]
    if missing:
        print(
            f"not installed: {', '.join(missing)} (Debian packages chromium-headless-shell, chromium)", file=sys.stderr
        )
        return 2
    shell_runs: list[float] = []
    full_runs: list[float] = []
    with serve(data) as origin:
        urls = sample_urls(data, origin, pages)
        for repeat in range(repeats):
            shell_runs.append(asyncio.run(pages_per_minute(urls, origin, default_checks(), CHROMIUM_PATH)))
            full_runs.append(asyncio.run(pages_per_minute(urls, origin, default_checks(), FULL_CHROMIUM)))
            print(f"run {repeat + 1}: headless shell {shell_runs[-1]:.1f} pages/min, chromium {full_runs[-1]:.1f}")
    shell, full = statistics.median(shell_runs), statistics.median(full_runs)
    print(f"pages: {len(urls)}, concurrency {CONCURRENCY}, repeats {repeats}, every check")
    print(f"median headless shell: {shell:.1f} pages/min  (runs: {', '.join(f'{r:.1f}' for r in shell_runs)})")
    print(f"median chromium      : {full:.1f} pages/min  (runs: {', '.join(f'{r:.1f}' for r in full_runs)})")
    print(f"ratio headless shell / chromium: {shell / full:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
