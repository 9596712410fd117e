"""Chromium DevTools helpers shared by the ACT checks: elements picked by a script, with their accessibility node.

A check names the elements it cares about with a small script (``() => Element[]``). Each element is resolved to
its DOM backend id and its node in Chromium's accessibility tree (``Accessibility.getPartialAXTree``), so the check
can use the browser's own computed role, name and reasons for being hidden, rather than re-implementing them.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from barrierfree.audit.checks.base import ELEMENT_INFO_JS, PageContext

OBJECT_GROUP = "barrierfree-act"
MAX_ELEMENTS = 200
"""At most this many elements per query: a check reports the first ones, it never walks a huge page slowly."""

HIDDEN_REASONS = frozenset(
    {
        "ariaHiddenElement",
        "ariaHiddenSubtree",
        "notRendered",
        "notVisible",
        "inertElement",
        "inertSubtree",
        "activeModalDialog",
        "ariaModalDialog",
    }
)
"""Chromium's reasons for leaving a node out that mean "hidden from assistive technologies"."""


@dataclass
class AxElement:
    """One element with its accessibility node; ``data`` is what the query script attached, if anything."""

    object_id: str
    backend_id: int
    ax: dict[str, Any] = field(default_factory=dict)
    data: Any = None

    @property
    def role(self) -> str:
        """Chromium's computed role ("generic", "paragraph", "DisclosureTriangle" ...)."""
        return str((self.ax.get("role") or {}).get("value") or "")

    @property
    def name(self) -> str:
        """The computed accessible name, stripped."""
        return str((self.ax.get("name") or {}).get("value") or "").strip()

    @property
    def ignored_reasons(self) -> set[str]:
        """Why Chromium left the node out of the tree it exposes, if it did."""
        return {str(reason.get("name")) for reason in self.ax.get("ignoredReasons") or ()}

    @property
    def exposed(self) -> bool:
        """True when the element is included in the accessibility tree (hidden neither by CSS nor by ARIA)."""
        return not self.ax.get("ignored") or not (self.ignored_reasons & HIDDEN_REASONS)


@contextlib.asynccontextmanager
async def query(
    context: PageContext, collect_js: str, describe_js: str | None = None
) -> AsyncIterator[list[AxElement]]:
    """Run ``collect_js`` (``() => Element[]``) in the page; each element with its AX node and ``describe_js(el)``.

    The elements stay usable with :func:`call` and :func:`element_info` inside the ``async with`` block.
    """
    cdp = await context.cdp_session()
    try:
        yield await _resolve(context, collect_js, describe_js)
    finally:
        await cdp.send("Runtime.releaseObjectGroup", {"objectGroup": OBJECT_GROUP})


async def _resolve(context: PageContext, collect_js: str, describe_js: str | None) -> list[AxElement]:
    cdp = await context.cdp_session()
    evaluated = await cdp.send(
        "Runtime.evaluate", {"expression": f"({collect_js})()", "objectGroup": OBJECT_GROUP, "awaitPromise": True}
    )
    array_id = (evaluated.get("result") or {}).get("objectId")
    if not array_id or evaluated.get("exceptionDetails"):
        return []
    props = await cdp.send("Runtime.getProperties", {"objectId": array_id, "ownProperties": True})
    elements = []
    for prop in props.get("result", []):
        if not prop.get("name", "").isdigit() or "objectId" not in (prop.get("value") or {}):
            continue
        object_id = prop["value"]["objectId"]
        described = await cdp.send("DOM.describeNode", {"objectId": object_id})
        backend_id = int(described["node"]["backendNodeId"])
        element = AxElement(object_id=object_id, backend_id=backend_id)
        tree = await cdp.send("Accessibility.getPartialAXTree", {"backendNodeId": backend_id, "fetchRelatives": False})
        nodes = tree.get("nodes") or []
        element.ax = next((n for n in nodes if n.get("backendDOMNodeId") == backend_id), nodes[0] if nodes else {})
        if describe_js:
            element.data = await call(context, element, describe_js)
        elements.append(element)
        if len(elements) >= MAX_ELEMENTS:
            break
    return elements


async def call(context: PageContext, element: AxElement, function_js: str, *args: Any) -> Any:
    """Call ``function_js(el, ...args)`` on an element from :func:`query`; JSON-serialisable result."""
    cdp = await context.cdp_session()
    result = await cdp.send(
        "Runtime.callFunctionOn",
        {
            "functionDeclaration": function_js,
            "objectId": element.object_id,
            "arguments": [{"objectId": element.object_id}, *({"value": a} for a in args)],
            "returnByValue": True,
            "awaitPromise": True,
        },
    )
    if result.get("exceptionDetails"):
        return None
    return (result.get("result") or {}).get("value")


async def element_info(context: PageContext, element: AxElement) -> dict[str, Any]:
    """Selector, snippet and box of an element, as :data:`ELEMENT_INFO_JS` gives them."""
    return await call(context, element, ELEMENT_INFO_JS) or {}
