"""Running audits in a real Chromium: crawling limits, and pages that misbehave reported as such."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from barrierfree.audit import AuditOptions, ChromiumEngine, LoadLimits, PageStatus, run_audit
from barrierfree.audit.checks.axe import AxeCheck
from barrierfree.audit.errors import InvalidAuditRequest
from barrierfree.audit.findings import Finding, Outcome, Source
from barrierfree.audit.runner import run_sync
from barrierfree.audit.safety import TargetPolicy, request_guard
from tests.unit.audit.conftest import needs_chromium

pytestmark = needs_chromium
LOOPBACK = TargetPolicy.from_entries(["127.0.0.0/8"])


def _audit(targets: list[str], options: AuditOptions, *, policy: TargetPolicy = LOOPBACK, checks: Any = None) -> Any:
    async def go() -> Any:
        async with ChromiumEngine(guard=request_guard(policy)) as engine:
            return await run_audit(targets, options, engine=engine, checks=checks or [AxeCheck()])

    return asyncio.run(go())


def test_crawl_follows_same_site_links_up_to_the_page_limit(site: str) -> None:
    report = _audit([f"{site}/"], AuditOptions(max_pages=3, max_depth=5, screenshots=False))
    urls = {page.url for page in report.pages}
    assert len(urls) == 3
    assert f"{site}/" in urls
    assert all(url.startswith(site) and "#" not in url for url in urls)


def test_crawl_depth_zero_audits_only_the_target(site: str) -> None:
    report = _audit([f"{site}/"], AuditOptions(max_pages=10, max_depth=0, screenshots=False))
    assert [page.url for page in report.pages] == [f"{site}/"]


def test_misbehaving_pages_get_a_status_not_a_crash(site: str) -> None:
    # Only the hanging page runs into the short time limit: 20 redirects, each through the request guard, can take
    # longer than 3 s on a loaded machine, and must still be reported as the loop they are.
    hang = _audit([f"{site}/hang"], AuditOptions(limits=LoadLimits(timeout_seconds=3), screenshots=False)).pages
    assert [page.status for page in hang] == [PageStatus.TIMEOUT]
    targets = [f"{site}/{path}" for path in ("data.json", "loop", "missing", "big")]
    options = AuditOptions(max_pages=4, limits=LoadLimits(timeout_seconds=60, max_bytes=1000), screenshots=False)
    statuses = {page.url.rsplit("/", 1)[1]: page.status for page in _audit(targets, options).pages}
    assert statuses == {
        "data.json": PageStatus.NOT_HTML,
        "loop": PageStatus.TOO_MANY_REDIRECTS,
        "missing": PageStatus.HTTP_ERROR,
        "big": PageStatus.TOO_LARGE,
    }


def test_a_page_that_sends_the_browser_to_a_blocked_address_is_not_audited_as_the_error_page(site: str) -> None:
    # The refresh fires as soon as the page has loaded, long before axe has finished.
    page = _audit([f"{site}/away"], AuditOptions(screenshots=False)).pages[0]
    assert page.status is PageStatus.NETWORK_ERROR
    assert page.findings == []
    assert "not allowed" in page.message


def test_the_request_guard_blocks_what_the_policy_refuses(site: str) -> None:
    report = _audit([f"{site}/"], AuditOptions(screenshots=False), policy=TargetPolicy())
    assert report.pages[0].status is PageStatus.NOT_ALLOWED


def test_a_broken_check_does_not_lose_the_other_findings(site: str) -> None:
    class Broken:
        id = "broken"
        source = Source.ACT

        async def run(self, context: object) -> list[Finding]:
            raise RuntimeError("boom")

    class Marker:
        id = "marker"
        source = Source.ACT

        async def run(self, context: object) -> list[Finding]:
            return [Finding(rule="act:test", source=Source.ACT, outcome=Outcome.FAILED, summary="x")]

    report = _audit([f"{site}/b"], AuditOptions(screenshots=False), checks=[Broken(), Marker()])
    page = report.pages[0]
    assert [f.rule for f in page.findings] == ["act:test"]
    assert "broken" in page.message


def test_axe_findings_come_with_a_screenshot_crop(site: str, tmp_path: Any) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="en"><title>x</title><main><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==" width="40" height="40"></main></html>'
    )
    report = _audit([str(bad)], AuditOptions(), policy=TargetPolicy(allow_files=True))
    image_alt = [f for f in report.pages[0].findings if f.rule == "axe:image-alt"]
    assert image_alt and image_alt[0].wcag == ("1.1.1",)
    assert image_alt[0].screenshot_png and image_alt[0].screenshot_png.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "options",
    [AuditOptions(max_pages=0), AuditOptions(max_pages=501), AuditOptions(concurrency=9), AuditOptions(max_depth=11)],
)
def test_limits_outside_their_range_are_refused(options: AuditOptions) -> None:
    with pytest.raises(InvalidAuditRequest):
        options.checked()


def test_a_target_that_is_neither_url_nor_file_is_refused() -> None:
    with pytest.raises(InvalidAuditRequest):
        _audit(["no/such/file.html"], AuditOptions())


def test_run_sync_works_with_and_without_a_running_loop() -> None:
    async def seven() -> int:
        return 7

    async def nested() -> int:
        return run_sync(seven())  # as execute_job is called under Playwright's sync API

    assert run_sync(seven()) == 7
    assert asyncio.run(nested()) == 7
