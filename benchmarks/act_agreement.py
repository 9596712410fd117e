"""Agreement with the W3C ACT rules test cases: axe-core alone against axe plus our own checks, in one run.

Serves ``../shared/data/a11y/act`` on a loopback ``http.server`` at the URL prefix the test cases use
(``/WAI/content-assets/wcag-act-rules/``), aborts every request to any other host, audits each test case with
the full default checks (axe configured like ``baseline-axe-4.12.1.json``: every axe rule, experimental ones
included) and compares outcomes with the expected ones.

- axe's outcome for a case: failed iff an axe finding comes from an axe rule mapped to the case's ACT rule
  (the mapping of ``implementations/axe-core.json`` plus axe's own ``actIds``).
- our outcome: what the product reports: failed iff axe's is (counting only the axe rules the product runs: those
  in ``registry.SUPERSEDED_AXE_RULES`` are replaced by our checks), or any of our findings lists the case's ACT
  rule in ``act_rules``. axe runs once per page for both columns.
- agreement: (expected == failed) == (outcome == failed); a wrong failure is "failed" where the case expects
  passed or inapplicable.

Run: ``python benchmarks/act_agreement.py [--rules ID ...] [--limit N] [--out FILE] [--verbose]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from barrierfree.audit import AuditOptions, ChromiumEngine, LoadLimits, PageStatus
from barrierfree.audit.checks.axe import AxeCheck
from barrierfree.audit.checks.registry import SUPERSEDED_AXE_RULES, default_checks
from barrierfree.audit.findings import Outcome, Source
from barrierfree.audit.runner import audit_page

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "a11y" / "act"
URL_PREFIX = "/WAI/content-assets/wcag-act-rules/"
PUBLIC_PREFIX = "https://www.w3.org" + URL_PREFIX
CONCURRENCY = 2
PAGE_TIMEOUT_SECONDS = 15.0
CASE_TIMEOUT_SECONDS = 90.0
LOCAL_SCHEMES = ("data", "blob", "about")
# Text is served as UTF-8, as www.w3.org serves the test cases (several declare no charset of their own).
EXTRA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".vtt": "text/vtt; charset=utf-8",
    ".mp3": "audio/mpeg",
    ".webm": "video/webm",
}
FAILED = "failed"


# --- serving the test cases --------------------------------------------------------------------------------


class _ActHandler(SimpleHTTPRequestHandler):
    """Serves the data folder under URL_PREFIX only, with byte ranges (media elements seek with them)."""

    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}

    def log_message(self, *_args: object) -> None:
        return

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(URL_PREFIX):
            return ""
        root = Path(self.directory).resolve()
        target = (root / path[len(URL_PREFIX) :]).resolve()
        return str(target) if target.is_relative_to(root) else ""

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if not path:
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        byte_range = self.headers.get("Range", "")
        file = Path(path)
        if not byte_range.startswith("bytes=") or not file.is_file():
            return super().send_head()
        size = file.stat().st_size
        first_text, _dash, last_text = byte_range[len("bytes=") :].split(",")[0].partition("-")
        first = int(first_text) if first_text.strip() else max(size - int(last_text or 0), 0)
        last = min(int(last_text), size - 1) if first_text.strip() and last_text.strip() else size - 1
        if first >= size or first > last:
            self.send_error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            return None
        handle = file.open("rb")
        handle.seek(first)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self._remaining = last - first + 1
        return handle

    def copyfile(self, source: Any, outputfile: Any) -> None:
        remaining = getattr(self, "_remaining", None)
        if remaining is None:
            with contextlib.suppress(ConnectionError):
                shutil.copyfileobj(source, outputfile)
            return
        with contextlib.suppress(ConnectionError):
            outputfile.write(source.read(remaining))


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` at URL_PREFIX on a free loopback port; yields the origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_ActHandler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def offline_guard(origin: str) -> Any:
    """Allow the local server (and data:/blob: URLs) only; everything else is aborted at once."""
    netloc = urlsplit(origin).netloc

    def guard(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in LOCAL_SCHEMES or (parts.scheme == "http" and parts.netloc == netloc)

    return guard


# --- axe configured like the baseline ----------------------------------------------------------------------


class BaselineAxeCheck(AxeCheck):
    """axe with every rule of the baseline run enabled, experimental and disabled-by-default ones included."""

    def __init__(self, rule_ids: list[str]) -> None:
        super().__init__(all_rules=True)
        self.rule_ids = rule_ids

    def _options(self) -> dict[str, Any]:
        return {"runOnly": {"type": "rule", "values": self.rule_ids}, "resultTypes": ["violations"]}


# --- cases and outcomes --------------------------------------------------------------------------------


@dataclass
class CaseResult:
    """One test case: what was expected, what axe said, what we said."""

    rule_id: str
    testcase_id: str
    title: str
    expected: str
    url: str
    mapped: bool
    axe: str = "passed"
    ours: str = "passed"
    status: str = ""
    message: str = ""
    seconds: float = 0.0
    our_rules: list[str] = field(default_factory=list)
    axe_rules: list[str] = field(default_factory=list)


def load_cases(data: Path) -> list[dict[str, Any]]:
    """The test cases listed in testcases.json."""
    return json.loads((data / "testcases.json").read_text(encoding="utf-8"))["testcases"]


def axe_mapping(data: Path) -> dict[str, set[str]]:
    """ACT rule id -> axe rule ids, from implementations/axe-core.json."""
    report = json.loads((data / "implementations" / "axe-core.json").read_text(encoding="utf-8"))
    return {item["ruleId"]: set(item.get("procedureNames") or ()) for item in report["actRuleMapping"]}


def baseline_rule_ids(data: Path) -> list[str]:
    """The axe rules the baseline run enabled."""
    baseline = json.loads((data / "baseline-axe-4.12.1.json").read_text(encoding="utf-8"))
    return [rule["id"] for rule in baseline["axe_rules"]]


def decide(case: CaseResult, findings: list[Any], mapping: dict[str, set[str]]) -> None:
    """Set axe's and our outcome for a case from the findings on its page."""
    mapped_axe = mapping.get(case.rule_id, set())
    failed = [f for f in findings if f.outcome is Outcome.FAILED]
    axe_hits = sorted(
        {
            f.rule
            for f in failed
            if f.source is Source.AXE and (f.rule.removeprefix("axe:") in mapped_axe or case.rule_id in f.act_rules)
        }
    )
    our_hits = sorted({f.rule for f in failed if f.source is not Source.AXE and case.rule_id in f.act_rules})
    product_axe_hits = [rule for rule in axe_hits if rule.removeprefix("axe:") not in SUPERSEDED_AXE_RULES]
    case.axe_rules = axe_hits
    case.our_rules = our_hits
    case.axe = FAILED if axe_hits else "passed"
    case.ours = FAILED if product_axe_hits or our_hits else "passed"


async def run_cases(
    cases: list[CaseResult], data: Path, *, axe_config: str, verbose: bool
) -> tuple[list[CaseResult], float]:
    """Audit every case with CONCURRENCY workers; returns the results and the elapsed seconds."""
    mapping = axe_mapping(data)
    # axe runs with every rule here, superseded ones included, so that its column is axe alone; decide() drops
    # the superseded rules from our column.
    axe_alone = BaselineAxeCheck(baseline_rule_ids(data)) if axe_config == "baseline" else AxeCheck(all_rules=True)
    checks = [axe_alone if c.source is Source.AXE else c for c in default_checks(all_axe_rules=True)]
    options = AuditOptions(screenshots=False, limits=LoadLimits(timeout_seconds=PAGE_TIMEOUT_SECONDS))
    queue: asyncio.Queue[CaseResult] = asyncio.Queue()
    for case in cases:
        queue.put_nowait(case)
    done = 0
    started = time.monotonic()
    with serve(data) as origin:
        async with ChromiumEngine(guard=offline_guard(origin)) as engine:

            async def worker() -> None:
                nonlocal done
                async with engine.context() as context:
                    while not queue.empty():
                        case = queue.get_nowait()
                        url = case.url.replace(PUBLIC_PREFIX, origin + URL_PREFIX)
                        began = time.monotonic()
                        try:
                            result, _links = await asyncio.wait_for(
                                audit_page(engine, context, url, checks, options), CASE_TIMEOUT_SECONDS
                            )
                            case.status = str(result.status)
                            case.message = result.message
                            if result.status is PageStatus.OK or result.findings:
                                decide(case, result.findings, mapping)
                        except TimeoutError:
                            case.status, case.message = "timeout", f"no result within {CASE_TIMEOUT_SECONDS:g} s"
                        except Exception as error:  # one broken page must not stop the benchmark
                            case.status, case.message = "error", f"{type(error).__name__}: {error}"[:300]
                        case.seconds = round(time.monotonic() - began, 2)
                        done += 1
                        if verbose:
                            flag = "" if (case.expected == FAILED) == (case.ours == FAILED) else "  <-- disagrees"
                            print(
                                f"[{done}/{len(cases)}] {case.rule_id} {case.title}: expected {case.expected}, "
                                f"axe {case.axe}, ours {case.ours} {case.our_rules or ''} "
                                f"{case.seconds:.1f}s {case.message[:120]}{flag}",
                                flush=True,
                            )
                        elif done % 50 == 0:
                            print(f"  {done}/{len(cases)} cases", file=sys.stderr, flush=True)

            await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return cases, time.monotonic() - started


# --- figures -------------------------------------------------------------------------------------------------


def _agrees(case: CaseResult, outcome: str) -> bool:
    return (case.expected == FAILED) == (outcome == FAILED)


def _line(label: str, cases: list[CaseResult]) -> str:
    n = len(cases)
    if not n:
        return f"{label:<22} (no cases)"
    axe = sum(_agrees(c, c.axe) for c in cases)
    ours = sum(_agrees(c, c.ours) for c in cases)
    return (
        f"{label:<22} {n:>5}   axe {axe:>5} = {100 * axe / n:5.1f}%   ours {ours:>5} = {100 * ours / n:5.1f}%"
        f"   ratio ours/axe {ours / max(axe, 1):.3f}"
    )


def report(cases: list[CaseResult], seconds: float) -> str:
    """The printed summary: agreement overall, on mapped and unmapped rules, wrong failures, per-rule table."""
    mapped = [c for c in cases if c.mapped]
    unmapped = [c for c in cases if not c.mapped]
    n = len(cases)
    lines = [
        f"ACT rules test cases: {n} cases in {len({c.rule_id for c in cases})} rules, "
        f"{seconds:.0f} s, {60 * n / max(seconds, 1e-9):.1f} pages/minute with {CONCURRENCY} workers",
        "",
        f"{'agreement':<22} {'cases':>5}",
        _line("overall", cases),
        _line("rules axe maps", mapped),
        _line("rules axe lacks", unmapped),
    ]
    for label, attr in (("axe", "axe"), ("ours", "ours")):
        wrong = sum(1 for c in cases if getattr(c, attr) == FAILED and c.expected != FAILED)
        missed = sum(1 for c in cases if getattr(c, attr) != FAILED and c.expected == FAILED)
        lines.append(
            f"{'wrong failures ' + label:<22} {wrong:>5} = {100 * wrong / max(n, 1):4.1f}%   "
            f"missed failures {missed} = {100 * missed / max(n, 1):4.1f}%"
        )
    ours_only_wrong = sum(1 for c in cases if c.ours == FAILED and c.axe != FAILED and c.expected != FAILED)
    lines.append(f"{'wrong failures added':<22} {ours_only_wrong:>5} (by our checks, where axe did not fail)")
    problems = Counter(c.status for c in cases if c.status != str(PageStatus.OK))
    if problems:
        lines.append(f"pages not audited normally: {dict(problems)}")
    broken = [c for c in cases if "could not run" in c.message]
    if broken:
        lines.append(f"cases where a check could not run: {len(broken)}")
    by_rule: dict[str, list[CaseResult]] = defaultdict(list)
    for case in cases:
        by_rule[case.rule_id].append(case)
    lines += ["", "per-rule disagreements with the expected outcome (ours), worst first:"]
    lines.append(
        f"{'rule':<8} {'map':<4} {'cases':>5} {'axe ok':>6} {'ours ok':>7} {'wrong':>5} {'missed':>6}  examples"
    )
    rows = []
    for rule_id, group in by_rule.items():
        ours_ok = sum(_agrees(c, c.ours) for c in group)
        if ours_ok == len(group):
            continue
        axe_ok = sum(_agrees(c, c.axe) for c in group)
        wrong = [c for c in group if c.ours == FAILED and c.expected != FAILED]
        missed = [c for c in group if c.ours != FAILED and c.expected == FAILED]
        examples = ", ".join(c.title.replace(" Example ", " ") for c in (wrong + missed)[:4])
        rows.append(
            (len(group) - ours_ok, rule_id, group[0].mapped, len(group), axe_ok, ours_ok, wrong, missed, examples)
        )
    for _bad, rule_id, is_mapped, count, axe_ok, ours_ok, wrong, missed, examples in sorted(rows, key=lambda r: -r[0]):
        lines.append(
            f"{rule_id:<8} {'yes' if is_mapped else 'no':<4} {count:>5} {axe_ok:>6} {ours_ok:>7} "
            f"{len(wrong):>5} {len(missed):>6}  {examples}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the cases, print the figures and write the per-case JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("BARRIERFREE_ACT_DATA", DEFAULT_DATA)))
    parser.add_argument("--rules", nargs="*", default=[], help="only these ACT rule ids")
    parser.add_argument("--limit", type=int, default=0, help="at most this many cases")
    parser.add_argument("--out", type=Path, default=None, help="per-case JSON (default: a temporary folder)")
    parser.add_argument(
        "--axe",
        choices=("baseline", "default"),
        default="baseline",
        help="baseline: every axe rule as in the baseline file; default: AxeCheck(all_rules=True) as the CLI runs it",
    )
    parser.add_argument("--verbose", action="store_true", help="print every case as it finishes")
    args = parser.parse_args(argv)
    data: Path = args.data
    if not (data / "testcases.json").exists():
        print(f"no ACT test cases at {data}", file=sys.stderr)
        return 2
    mapping = axe_mapping(data)
    raw = [c for c in load_cases(data) if not args.rules or c["ruleId"] in args.rules]
    if args.limit:
        raw = raw[: args.limit]
    cases = [
        CaseResult(
            rule_id=c["ruleId"],
            testcase_id=c["testcaseId"],
            title=c["testcaseTitle"],
            expected=c["expected"],
            url=c["url"],
            mapped=bool(mapping.get(c["ruleId"])),
        )
        for c in raw
    ]
    results, seconds = asyncio.run(run_cases(cases, data, axe_config=args.axe, verbose=args.verbose))
    print(report(results, seconds))
    out = args.out or Path(tempfile.mkdtemp(prefix="act-agreement-")) / "act_agreement.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([asdict(c) for c in results], indent=1), encoding="utf-8")
    print(f"\nper-case results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
