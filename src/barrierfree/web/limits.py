"""Request body size limit, enforced before any handler reads the body."""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException

from barrierfree.core.i18n import _


class BodyTooLarge(HTTPException):
    """Raised inside ``receive`` when a streamed body passes the limit.

    An HTTPException, so that FastAPI's body parsing re-raises it instead of answering 400 "error parsing the
    body", and the app's error handler answers 413 in the shape of the path (problem+json, or a page).
    """

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _("The request body is larger than {n} bytes. Send less data.").format(n=max_bytes))


class BodySizeLimitMiddleware:
    """Answer 413 when Content-Length (or the streamed body) exceeds ``max_bytes``; nothing is stored."""

    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def _reject(self, send: Any) -> None:
        body = json.dumps(
            {
                "type": "about:blank",
                "title": _("Request too large"),
                "status": 413,
                "detail": _("The request body is larger than {n} bytes. Send less data.").format(n=self.max_bytes),
            },
            ensure_ascii=False,
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def _declared_too_large(self, scope: dict[str, Any]) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                return not value.isdigit() or int(value) > self.max_bytes
        return False

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # A too-large body is refused when a handler first reads it, so the app's own error handler answers
        # (a page in the visitor's language, or problem+json); handlers that read no body are unaffected.
        declared_too_large = self._declared_too_large(scope)
        received = 0
        started = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal received
            if declared_too_large:
                raise BodyTooLarge(self.max_bytes)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._reject(send)
