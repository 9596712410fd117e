"""Running an audit: load each target (and, when crawling, pages it links to), run every check, crop shots."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urldefrag, urljoin, urlsplit

from barrierfree.audit._browser import BrowserEngine, Cookie, LoadLimits
from barrierfree.audit.checks.base import Check, PageContext
from barrierfree.audit.errors import InvalidAuditRequest
from barrierfree.audit.findings import Finding, PageResult, PageStatus
from barrierfree.core.clock import utcnow
from barrierfree.core.i18n import _

MAX_PAGES = 500
MAX_CONCURRENCY = 4
MAX_CROPS_PER_PAGE = 10
CROP_PADDING_PX = 8
MAX_CROP_PX = (1200, 800)
BROWSER_ERROR_PAGE = "chrome-error://"
LEFT_FOR_ERROR_PAGE = "the page sent the browser on to an address that could not be loaded or is not allowed"
LINKS_JS = "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"

Progress = Callable[[int, int, str], None]
"""Called with (pages done, pages known so far, URL just finished)."""


@dataclass(frozen=True)
class AuditOptions:
    """What to audit and within which limits."""

    max_pages: int = 1
    max_depth: int = 2
    elder_mode: bool = False
    concurrency: int = 2
    limits: LoadLimits = field(default_factory=LoadLimits)
    screenshots: bool = True
    total_seconds: float = 900.0
    cookies: tuple[Cookie, ...] = ()

    def checked(self) -> AuditOptions:
        """Raise InvalidAuditRequest unless every limit is within range."""
        if not 1 <= self.max_pages <= MAX_PAGES:
            raise InvalidAuditRequest(
                _("Pages per audit must be between 1 and {n}.").format(n=MAX_PAGES), field="crawl"
            )
        if not 0 <= self.max_depth <= 10:
            raise InvalidAuditRequest(_("Crawl depth must be between 0 and 10."), field="depth")
        if not 1 <= self.concurrency <= MAX_CONCURRENCY:
            raise InvalidAuditRequest(
                _("Parallel pages must be between 1 and {n}.").format(n=MAX_CONCURRENCY), field="concurrency"
            )
        return self


@dataclass
class AuditReport:
    """The pages audited, in the order they finished, with their findings."""

    targets: list[str]
    options: AuditOptions
    started_at: datetime
    finished_at: datetime | None = None
    pages: list[PageResult] = field(default_factory=list)
    stopped_early: str = ""

    @property
    def failed_count(self) -> int:
        """How many definite failures across all pages."""
        return sum(len(page.failed) for page in self.pages)


T = TypeVar("T")


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end from synchronous code, even where this thread already runs an event loop
    (Playwright's sync API keeps one): then it runs on a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit-loop") as pool:
        return pool.submit(asyncio.run, coroutine).result()


def target_url(target: str) -> str:
    """A URL for a target: http(s) URLs as they are, local files as file:// URLs."""
    parts = urlsplit(target)
    if parts.scheme in ("http", "https", "file"):
        if parts.scheme != "file" and not parts.netloc:
            raise InvalidAuditRequest(_("“{t}” is not a complete URL.").format(t=target[:200]), field="targets")
        return target
    path = Path(target)
    if path.is_file():
        return path.resolve().as_uri()
    raise InvalidAuditRequest(
        _("“{t}” is neither an http(s) URL nor an existing file.").format(t=target[:200]), field="targets"
    )


def _same_site_links(links: list[str], origin: tuple[str, str], base: str) -> list[str]:
    found = []
    for link in links:
        absolute, _fragment = urldefrag(urljoin(base, link))
        parts = urlsplit(absolute)
        if (parts.scheme, parts.netloc) == origin and parts.scheme in ("http", "https"):
            found.append(absolute)
    return found


async def _crop(page: object, finding: Finding) -> None:
    if finding.box is None:
        return
    box = finding.box
    clip = {
        "x": max(box.x - CROP_PADDING_PX, 0),
        "y": max(box.y - CROP_PADDING_PX, 0),
        "width": min(box.width + 2 * CROP_PADDING_PX, MAX_CROP_PX[0]),
        "height": min(box.height + 2 * CROP_PADDING_PX, MAX_CROP_PX[1]),
    }
    with contextlib.suppress(Exception):  # a crop is a courtesy; never fail the audit for one
        finding.screenshot_png = await page.screenshot(clip=clip, full_page=True, timeout=5000)  # type: ignore[attr-defined]


def _on_browser_error_page(page: Any) -> bool:
    """True when the page moved itself on (meta refresh, script) to an address that failed to load or is blocked.

    Chromium then shows its own error page, which is not the site's: its findings must not be reported.
    """
    return str(getattr(page, "url", "")).startswith(BROWSER_ERROR_PAGE)


async def audit_page(
    engine: BrowserEngine, context: object, url: str, checks: list[Check], options: AuditOptions
) -> tuple[PageResult, list[str]]:
    """Load one page and run every check on it; returns the result and the links found on it."""
    loaded = await engine.load(context, url, options.limits)
    result = PageResult(url=url, status=loaded.status, message=loaded.message, elder_mode=options.elder_mode)
    if loaded.page is None:
        result.seconds = loaded.seconds
        return result, []
    page = loaded.page
    started = time.monotonic()
    try:
        # A page may navigate itself (meta refresh, script) while it is examined: never let that end the audit.
        with contextlib.suppress(Exception):
            result.title = (await page.title())[:300]
            result.language = (await page.evaluate("() => document.documentElement.lang || ''"))[:40]
        page_context = PageContext(page=page, url=loaded.final_url or url, elder_mode=options.elder_mode)
        for check in checks:
            try:
                result.findings.extend(await check.run(page_context))
            except Exception as error:
                result.message = (result.message + f" check {check.id} could not run: {error}"[:300]).strip()
        links: list[str] = []
        if _on_browser_error_page(page):
            result.status, result.message, result.findings = PageStatus.NETWORK_ERROR, LEFT_FOR_ERROR_PAGE, []
        else:
            if options.screenshots:
                for finding in [f for f in result.findings if f.box][:MAX_CROPS_PER_PAGE]:
                    await _crop(page, finding)
            if options.max_pages > 1:
                with contextlib.suppress(Exception):
                    links = await page.evaluate(LINKS_JS)
    finally:
        with contextlib.suppress(Exception):
            await page.close()
    result.seconds = loaded.seconds + time.monotonic() - started
    return result, links[:2000]


async def run_audit(
    targets: list[str],
    options: AuditOptions,
    *,
    engine: BrowserEngine,
    checks: list[Check],
    progress: Progress | None = None,
) -> AuditReport:
    """Audit the targets (crawling within each target's origin up to the limits) with ``concurrency`` workers."""
    options = options.checked()
    urls = [target_url(t) for t in targets]
    report = AuditReport(targets=urls, options=options, started_at=utcnow())
    deadline = time.monotonic() + options.total_seconds
    queue: asyncio.Queue[tuple[str, int, tuple[str, str]]] = asyncio.Queue()
    seen: set[str] = set()
    for url in urls:
        if url not in seen:
            seen.add(url)
            parts = urlsplit(url)
            queue.put_nowait((url, 0, (parts.scheme, parts.netloc)))
    elder_urls = tuple({f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in urls if u.startswith("http")})

    async def worker() -> None:
        elder = elder_urls if options.elder_mode else ()
        async with engine.context(elder_urls=elder, cookies=options.cookies) as context:
            while True:
                try:
                    url, depth, origin = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                try:
                    if time.monotonic() > deadline:
                        report.stopped_early = _("The audit reached its time limit of {n} seconds.").format(
                            n=int(options.total_seconds)
                        )
                        continue
                    result, links = await audit_page(engine, context, url, checks, options)
                    report.pages.append(result)
                    if result.status is PageStatus.OK and depth < options.max_depth:
                        for link in _same_site_links(links, origin, url):
                            if len(seen) >= options.max_pages:
                                break
                            if link not in seen:
                                seen.add(link)
                                queue.put_nowait((link, depth + 1, origin))
                    if progress is not None:
                        progress(len(report.pages), len(seen), url)
                finally:
                    queue.task_done()

    # Workers stop when the queue is empty; a page still being audited may add links, so loop until none left.
    while not queue.empty():
        await asyncio.gather(*(worker() for _ in range(min(options.concurrency, queue.qsize()))))
    report.finished_at = utcnow()
    return report
