"""Headless Chromium through Playwright (async API): the one place that talks to the browser.

Debian's Chromium headless shell (package ``chromium-headless-shell``, ``/usr/bin/chromium-headless-shell``: the
same Blink and V8 as ``chromium``, without the desktop browser around them) is launched with the flags this
workplace needs; no browser is ever downloaded. Measured on 19 of our pages with every check (2 cores): 26.7 s
against 44.0 s with ``/usr/bin/chromium``, whose headless mode builds a whole browser window for every page (a
new page costs 0.46 s there, 0.2 s here; axe-core alone 7.4 s against 16.9 s). axe-core (from the
``axe-playwright-python`` wheel) is added once per browser context as an init script, so every page and frame has
``window.axe`` before its own scripts run.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from barrierfree.audit.findings import PageStatus

CHROMIUM_PATH = Path("/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT = {"width": 1280, "height": 800}
ELDER_COOKIE = "bf_elder"
HTTP_ERROR_FROM = 400
AUDITABLE = (PageStatus.OK, PageStatus.HTTP_ERROR)
HTML_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml", "application/xml", "text/xml")


@cache
def axe_source() -> str:
    """The axe-core script bundled in the axe-playwright-python wheel."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Cookie:
    """A cookie to send, e.g. a session, to audit pages behind a login."""

    name: str
    value: str
    url: str


@dataclass(frozen=True)
class LoadLimits:
    """How long and how large one page may be."""

    timeout_seconds: float = 20.0
    max_bytes: int = 10 * 1024 * 1024


@dataclass
class LoadedPage:
    """The outcome of loading one URL; ``page`` is set only when the status is OK."""

    url: str
    status: PageStatus
    page: Any = None
    message: str = ""
    final_url: str = ""
    seconds: float = 0.0


RequestGuard = Callable[[str], bool]
"""Given a request URL, True when the browser may fetch it (SSRF guard, offline benchmark guard)."""


class BrowserEngine(Protocol):
    """What the auditor needs from a browser."""

    def context(
        self, *, elder_urls: tuple[str, ...] = (), cookies: tuple[Cookie, ...] = ()
    ) -> contextlib.AbstractAsyncContextManager[Any]:
        """A fresh browser context with axe-core injected and the given cookies set."""

    async def load(self, context: Any, url: str, limits: LoadLimits) -> LoadedPage:
        """Open ``url`` in a new page of ``context`` and report how it went."""


class ChromiumEngine:
    """The real engine: Debian's Chromium driven by Playwright."""

    def __init__(self, *, guard: RequestGuard | None = None, executable: Path = CHROMIUM_PATH) -> None:
        self.guard = guard
        self.executable = executable
        self._playwright: Any = None
        self._browser: Any = None

    async def __aenter__(self) -> ChromiumEngine:
        from playwright.async_api import async_playwright

        if not self.executable.exists():
            from barrierfree.audit.errors import AuditError
            from barrierfree.core.i18n import _

            raise AuditError(
                _(
                    "Chromium is not installed at {path}. Install Debian's chromium-headless-shell package "
                    "(scripts/serve.sh does)."
                ).format(path=self.executable)
            )
        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(
            executable_path=str(self.executable), args=list(CHROMIUM_ARGS)
        )
        return self

    async def __aexit__(self, *_exc: object) -> None:
        with contextlib.suppress(Exception):
            await self._browser.close()
        with contextlib.suppress(Exception):
            await self._playwright.stop()

    @contextlib.asynccontextmanager
    async def context(
        self, *, elder_urls: tuple[str, ...] = (), cookies: tuple[Cookie, ...] = ()
    ) -> AsyncIterator[Any]:
        """A context with axe injected once, the request guard installed, elder mode asked of ``elder_urls``."""
        ctx = await self._browser.new_context(viewport=VIEWPORT, ignore_https_errors=False)
        await ctx.add_init_script(axe_source())
        # barrierfree's own convention (cookie bf_elder=1); other sites are audited as they are served.
        jar = [{"name": ELDER_COOKIE, "value": "1", "url": url} for url in elder_urls]
        jar += [{"name": c.name, "value": c.value, "url": c.url} for c in cookies]
        if jar:
            await ctx.add_cookies(jar)
        if self.guard is not None:
            await ctx.route("**/*", _guarded(self.guard))
        try:
            yield ctx
        finally:
            with contextlib.suppress(Exception):
                await ctx.close()

    async def load(self, context: Any, url: str, limits: LoadLimits) -> LoadedPage:
        """Load a page; hangs, crashes, redirect loops, non-HTML and oversized bodies become statuses."""
        started = time.monotonic()
        page = await context.new_page()
        crashed = asyncio.Event()
        page.on("crash", lambda _page: crashed.set())
        try:
            result = await _navigate(page, url, limits, crashed)
        except Exception:
            with contextlib.suppress(Exception):
                await page.close()
            raise
        result.seconds = time.monotonic() - started
        if result.status in AUDITABLE:
            result.page = page
        else:
            with contextlib.suppress(Exception):
                await page.close()
        return result


def _guarded(guard: RequestGuard) -> Callable[[Any], Awaitable[None]]:
    async def handler(route: Any) -> None:
        if guard(route.request.url):
            await route.continue_()
        else:
            await route.abort("blockedbyclient")

    return handler


_NETWORK_STATUSES = {
    "ERR_TOO_MANY_REDIRECTS": PageStatus.TOO_MANY_REDIRECTS,
    "ERR_BLOCKED_BY_CLIENT": PageStatus.NOT_ALLOWED,
}


async def _navigate(page: Any, url: str, limits: LoadLimits, crashed: asyncio.Event) -> LoadedPage:
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    timeout_ms = limits.timeout_seconds * 1000
    try:
        response = await page.goto(url, wait_until="load", timeout=timeout_ms)
    except PlaywrightTimeout:
        # A page whose subresources never finish is still audited as far as it got, if its document arrived.
        if page.url in ("about:blank", "") or crashed.is_set():
            return LoadedPage(url, PageStatus.TIMEOUT, message=f"no response within {limits.timeout_seconds:g} s")
        return LoadedPage(url, PageStatus.OK, message="load event did not fire in time", final_url=page.url)
    except PlaywrightError as error:
        text = str(error)
        if crashed.is_set() or "crash" in text.lower():
            return LoadedPage(url, PageStatus.CRASHED, message="the renderer crashed")
        for marker, status in _NETWORK_STATUSES.items():
            if marker in text:
                return LoadedPage(url, status, message=marker)
        return LoadedPage(url, PageStatus.NETWORK_ERROR, message=text.splitlines()[0][:200])
    if crashed.is_set():
        return LoadedPage(url, PageStatus.CRASHED, message="the renderer crashed")
    if response is None:
        return LoadedPage(url, PageStatus.OK, final_url=page.url)
    content_type = (await response.header_value("content-type") or "text/html").split(";")[0].strip().lower()
    if urlsplit(url).scheme != "file" and content_type not in HTML_TYPES:
        return LoadedPage(url, PageStatus.NOT_HTML, message=content_type, final_url=page.url)
    if response.status >= HTTP_ERROR_FROM:
        # An error page is still a page people land on: it is audited, and its links are not followed.
        return LoadedPage(url, PageStatus.HTTP_ERROR, message=f"HTTP {response.status}", final_url=page.url)
    length = await response.header_value("content-length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        return LoadedPage(url, PageStatus.TOO_LARGE, message=f"{length} bytes", final_url=page.url)
    return LoadedPage(url, PageStatus.OK, final_url=page.url)
