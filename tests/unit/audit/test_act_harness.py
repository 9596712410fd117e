"""The harness the ACT check tests share (one Chromium per test module), and tests of the shared helpers.

``ActBrowser`` runs an event loop in a thread with Debian's Chromium and one browser context in it; a test calls
``browser.run(check, html)`` to load self-made HTML (from a small loopback server, so pages have a real origin)
and get the check's findings. Extra files (frames, audio) are served with ``browser.serve(path, body, type)``.
"""

from __future__ import annotations

import asyncio
import struct
import threading
import zlib
from collections.abc import Coroutine, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest

from barrierfree.audit import ChromiumEngine, Finding
from barrierfree.audit._browser import CHROMIUM_PATH
from barrierfree.audit.checks.act import _cdp
from barrierfree.audit.checks.act._png import PngError, decode
from barrierfree.audit.checks.base import Check, PageContext
from tests.unit.audit.conftest import NO_CHROMIUM

needs_chromium = pytest.mark.skipif(not CHROMIUM_PATH.exists(), reason=NO_CHROMIUM)
CALL_TIMEOUT_SECONDS = 60
T = TypeVar("T")


class _Files(BaseHTTPRequestHandler):
    files: dict[str, tuple[bytes, str]] = {}  # noqa: RUF012 - replaced per server

    def log_message(self, *_args: object) -> None:
        return

    def do_GET(self) -> None:
        body, kind = self.files.get(urlsplit(self.path).path, (b"not found", "text/plain"))
        self.send_response(200 if urlsplit(self.path).path in self.files else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class ActBrowser:
    """Chromium in a background event loop, a loopback file server, and a way to run a check on some HTML."""

    def __init__(self) -> None:
        handler = type("Files", (_Files,), {"files": {}})
        self.files: dict[str, tuple[bytes, str]] = handler.files
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.loop = asyncio.new_event_loop()
        self._threads = [
            threading.Thread(target=self.server.serve_forever, daemon=True),
            threading.Thread(target=self.loop.run_forever, daemon=True),
        ]
        self.engine: Any = None
        self._context_manager: Any = None
        self.context: Any = None

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(CALL_TIMEOUT_SECONDS)

    def __enter__(self) -> ActBrowser:
        for thread in self._threads:
            thread.start()
        netloc = urlsplit(self.origin).netloc

        async def start() -> None:
            self.engine = await ChromiumEngine(guard=lambda url: urlsplit(url).netloc in ("", netloc)).__aenter__()
            self._context_manager = self.engine.context()
            self.context = await self._context_manager.__aenter__()

        self._call(start())
        return self

    def __exit__(self, *_exc: object) -> None:
        async def stop() -> None:
            await self._context_manager.__aexit__(None, None, None)
            await self.engine.__aexit__(None, None, None)

        self._call(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.server.shutdown()
        self.server.server_close()

    def serve(self, path: str, body: bytes | str, kind: str = "text/html; charset=utf-8") -> str:
        """Serve ``body`` at ``path`` on the loopback server; returns its URL."""
        self.files[path] = (body.encode() if isinstance(body, str) else body, kind)
        return self.origin + path

    def run(self, check: Check, html: str, *, path: str = "/page.html") -> list[Finding]:
        """Load ``html`` as a page of the loopback site and return what ``check`` finds on it."""
        url = self.serve(path, html)

        async def go() -> list[Finding]:
            page = await self.context.new_page()
            try:
                await page.goto(url, wait_until="load")
                return await check.run(PageContext(page=page, url=url))
            finally:
                await page.close()

        return self._call(go())

    def evaluate(self, html: str, coroutine_factory: Any) -> Any:
        """Load ``html`` and run ``coroutine_factory(page_context)`` in the loop: for tests of shared helpers."""
        url = self.serve("/helper.html", html)

        async def go() -> Any:
            page = await self.context.new_page()
            try:
                await page.goto(url, wait_until="load")
                return await coroutine_factory(PageContext(page=page, url=url))
            finally:
                await page.close()

        return self._call(go())


def act_browser_fixture() -> Iterator[ActBrowser]:
    """Body of each test module's ``browser`` fixture (skipped without Chromium)."""
    if not CHROMIUM_PATH.exists():
        pytest.skip(NO_CHROMIUM)
    with ActBrowser() as browser:
        yield browser


def page(body: str, *, lang: str = "en", head: str = "") -> str:
    """A small complete HTML page."""
    return f'<!doctype html><html lang="{lang}"><head><title>Test page</title>{head}</head><body>{body}</body></html>'


def _png(width: int, height: int, rows: list[bytes], colour_type: int = 2) -> bytes:
    """Encode filtered rows (each starting with its filter byte) as an 8-bit PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def solid_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A PNG of one colour, made here (no image files in the repository)."""
    return _png(width, height, [b"\x00" + bytes(rgb) * width] * height)


def act_ids(findings: list[Finding]) -> set[str]:
    """The ACT rule ids that the failed findings report."""
    return {rule for f in findings if f.outcome == "failed" for rule in f.act_rules}


# --- tests of the shared helpers ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[ActBrowser]:
    yield from act_browser_fixture()


def test_png_reader_undoes_each_row_filter() -> None:
    # Two RGB pixels per row; rows use filters none, sub, up, average and paeth on the same colours.
    pixels = bytes([10, 20, 30, 200, 100, 50])
    rows = [
        b"\x00" + pixels,
        b"\x01" + bytes([10, 20, 30, 190, 80, 20]),
        b"\x02" + bytes(6),
        b"\x03" + bytes([5, 10, 15, 95, 40, 10]),
        b"\x04" + bytes(6),
    ]
    image = decode(_png(2, 5, rows))
    assert [image.pixel(0, y) for y in range(5)] == [(10, 20, 30)] * 5
    assert [image.pixel(1, y) for y in range(5)] == [(200, 100, 50)] * 5


def test_png_reader_refuses_other_formats() -> None:
    with pytest.raises(PngError):
        decode(b"GIF89a")
    with pytest.raises(PngError):
        decode(_png(1, 1, [b"\x00\x00"], colour_type=0))


@needs_chromium
def test_query_gives_each_element_its_accessibility_node(browser: ActBrowser) -> None:
    html = page('<button>Save</button><div aria-hidden="true"><a href="#x">Hidden</a></div><span>text</span>')
    # A plain span is left out as uninteresting (role "none") but stays exposed; aria-hidden content does not.

    async def nodes(context: PageContext) -> list[tuple[str, str, bool]]:
        async with _cdp.query(context, "() => [...document.querySelectorAll('button, a, span')]") as elements:
            return [(e.role, e.name, e.exposed) for e in elements]

    assert browser.evaluate(html, nodes) == [("button", "Save", True), ("none", "", False), ("none", "", True)]
