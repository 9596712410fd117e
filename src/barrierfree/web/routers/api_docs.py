"""An accessible API reference, rendered on the server from the OpenAPI document (no script, no CDN)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from barrierfree.core.accounts import User
from barrierfree.core.i18n import _
from barrierfree.web.deps import current_user
from barrierfree.web.templating import render

router = APIRouter()

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method not in item:
                continue
            operation = item[method]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            operations.append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or ["other"])[0],
                    "parameters": [
                        {"name": p["name"], "in": p["in"], "required": p.get("required", False)}
                        for p in operation.get("parameters", [])
                    ],
                    "body": body.get("$ref", "").rsplit("/", 1)[-1],
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return operations


@router.get("/api/v1/docs", response_class=HTMLResponse)
def api_reference(request: Request, user: User | None = Depends(current_user)) -> HTMLResponse:
    """Every endpoint with its parameters, body and status codes."""
    operations = _operations(request.app.openapi())
    tags = sorted({operation["tag"] for operation in operations})
    return render(request, "api_docs.html", {"title": _("API reference"), "operations": operations, "tags": tags})
