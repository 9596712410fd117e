"""Jinja2 environment and the one ``render`` function every page uses."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup

from barrierfree.core.clock import local
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import LANGUAGE_NAMES, LANGUAGES, _, ngettext
from barrierfree.web.csrf import CSRF_FIELD, token_for
from barrierfree.web.labels import label
from barrierfree.web.notices import pop_notice
from barrierfree.web.preferences import TEXT_SIZES_PX

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


def choices(members: Iterable[enum.StrEnum], placeholder: str | None = None) -> list[tuple[str, str]]:
    """Select options for an enum: (stored value, translated label), after an optional empty placeholder."""
    options = [("", placeholder)] if placeholder else []
    return options + [(member.value, label(member.value)) for member in members]


def script_language(text: str) -> str:
    """``zh-CN`` when most letters are Han characters, ``en`` when most are Latin, else ``""`` (unknown).

    Names people type (organisations, display names) may be in either language; marking them lets a screen
    reader switch voices (WCAG 3.1.2).
    """
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if han > latin:
        return "zh-CN"
    if latin > han:
        return "en"
    return ""


@pass_context
def in_own_language(context: Any, text: str) -> Markup:
    """``text`` escaped, wrapped in a span with its own ``lang`` when that differs from the page's."""
    language = script_language(text or "")
    if not language or language == context.get("lang"):
        return Markup.escape(text)
    return Markup('<span lang="{}">{}</span>').format(language, text)


@pass_context
def lang_attribute(context: Any, text: str) -> Markup:
    """`` lang="…"`` for an element holding ``text`` when its language differs from the page's, else nothing."""
    language = script_language(text or "")
    if not language or language == context.get("lang"):
        return Markup("")
    return Markup(' lang="{}"').format(language)


def make_environment(timezone: str = "Asia/Shanghai") -> Environment:
    """The template environment with gettext bound to the request language and times in ``timezone``."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["when"] = lambda moment, seconds=False: local(moment, timezone).strftime(
        "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    )
    env.filters["own_lang"] = in_own_language
    env.filters["lang_attr"] = lang_attribute
    env.globals.update(
        languages=LANGUAGES, language_names=LANGUAGE_NAMES, text_sizes=TEXT_SIZES_PX, label=label, choices=choices
    )
    return env


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to return to; anything else (other sites, schemes) becomes ``default``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target[:500]


def render(request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse:
    """Render a page with everything the base layout needs."""
    prefs = request.state.prefs
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    values = {
        "request": request,
        "lang": prefs.language,
        "elder": prefs.elder_mode,
        "text_size": prefs.text_size,
        "user": getattr(request.state, "user", None),
        "csrf_field": CSRF_FIELD,
        "csrf_token": token_for(request),
        "here": safe_next(here),
        "notice": pop_notice(request),
        "errors": {},
        "form": {},
    }
    values.update(context or {})
    html = request.app.state.templates.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status)
    if values["notice"]:
        response.delete_cookie("bf_notice", path="/")
    return response


def render_form_error(
    request: Request, template: str, context: dict[str, Any], error: BarrierfreeError, status: int | None = None
) -> HTMLResponse:
    """Show a form again with each problem tied to its field (or to the form as a whole): every problem found in
    the same pass (``error.also``), the first per field.

    The status is the error's own (``web.errors.status_for``), so a page and the API answer alike.
    """
    from barrierfree.web.errors import status_for  # errors renders pages through this module

    errors: dict[str, str] = {}
    for field, message in error.problems():
        errors.setdefault(field or "form", message)
    return render(request, template, {**context, "errors": errors}, status=status or status_for(error))
