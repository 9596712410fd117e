"""Shared fixtures for the audit tests: a small misbehaving web site on loopback, and a Chromium skip."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from barrierfree.audit._browser import CHROMIUM_PATH

NO_CHROMIUM = f"Debian's chromium-headless-shell is not installed ({CHROMIUM_PATH}); scripts/test.sh installs it"
needs_chromium = pytest.mark.skipif(not CHROMIUM_PATH.exists(), reason=NO_CHROMIUM)

PAGES = {
    "/": '<!doctype html><html lang="en"><head><title>Home</title></head><body><main><h1>Home</h1>'
    '<a href="/a">A</a> <a href="/b#part">B</a> <a href="http://203.0.113.9/elsewhere">away</a></main></body></html>',
    "/a": '<!doctype html><html lang="en"><head><title>A</title></head><body><main><h1>A</h1>'
    '<a href="/c">C</a><img src="/pixel.png"></main></body></html>',
    "/b": '<!doctype html><html lang="en"><head><title>B</title></head><body><main><h1>B</h1></main></body></html>',
    "/away": '<!doctype html><html lang="en"><head><title>Away</title>'
    '<meta http-equiv="refresh" content="0; url=http://203.0.113.9/elsewhere"></head><body><p>Moving</p></body></html>',
    "/c": '<!doctype html><html lang="en"><head><title>C</title></head><body><main><h1>C</h1></main></body></html>',
}
HANG_SECONDS = 30
BIG_BYTES = 5000


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:  # keep test output clean
        return

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", headers.pop("length", str(len(body))))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path in PAGES:
            self._send(200, PAGES[path].encode())
        elif path == "/hang":
            time.sleep(HANG_SECONDS)
        elif path == "/data.json":
            self._send(200, b'{"a": 1}', "application/json")
        elif path == "/loop":
            self._send(302, b"", Location="/loop")
        elif path == "/big":
            self._send(200, b"<p>" + b"x" * BIG_BYTES + b"</p>")
        elif path == "/pixel.png":
            self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        else:
            self._send(404, b"<!doctype html><title>Not found</title><p>missing</p>")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A loopback site with good pages, a hanging page, JSON, a redirect loop, a huge page and a 404."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
