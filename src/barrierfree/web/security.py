"""Security headers on every response: no framing, no sniffing, only our own scripts and styles."""

from __future__ import annotations

from typing import Any

# The pages need no script at all; the API reference needs none either. 'self' keeps the door shut on
# injected third-party resources, and frame-ancestors stops click-jacking of the consent forms.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)

STATIC_CACHE = b"public, max-age=3600"
MICROPHONE_FOR_THIS_PAGE = "camera=(), microphone=(self), geolocation=()"
"""The agent workstation's own permissions policy: dictation needs the microphone, nothing else does."""

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class SecurityHeadersMiddleware:
    """Adds :data:`HEADERS` to every HTTP response, and ``no-store`` to everything but static files."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _value in headers}
                headers.extend(item for item in HEADERS if item[0] not in present)
                if b"cache-control" not in present:
                    # Pages may show personal data: never keep them in shared caches. Styles may be cached.
                    headers.append((b"cache-control", STATIC_CACHE if static else b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
