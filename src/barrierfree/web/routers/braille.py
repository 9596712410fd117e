"""The Health Font pages: live braille conversion and the packaging label designer. Open to everyone; nothing is
stored."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from barrierfree.braille import profiles, services
from barrierfree.braille.errors import InvalidBrailleRequest
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import N_, _
from barrierfree.web.csrf import checked_form
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/braille")

SYSTEMS = (("gf2018", N_("National Common Braille (GF 0019-2018)")), ("current", N_("Current Braille (1952)")))
GRADES = (("ueb2", N_("UEB grade 2 (contracted)")), ("ueb1", N_("UEB grade 1 (uncontracted)")))
FORM_FIELDS = ("text", "system", "english", "cells_per_line")
PROFILE_TITLES = {
    profiles.MARBURG_MEDIUM: N_("Marburg Medium (EN 15823, medicine packs)"),
    profiles.GBT_15720: N_("GB/T 15720 (Chinese braille)"),
}


def _translate_context(values: dict[str, str]) -> dict[str, Any]:
    return {
        "title": _("Braille and pinyin"),
        "systems": [(value, _(label)) for value, label in SYSTEMS],
        "grades": [(value, _(label)) for value, label in GRADES],
        "form": values,
        "max_chars": services.MAX_TEXT_CHARS,
    }


@router.get("", response_class=HTMLResponse)
def braille_home(request: Request) -> HTMLResponse:
    """The converter: type Chinese (English inside it is fine) and read its pinyin and braille."""
    return render(request, "braille.html", _translate_context({"system": "gf2018", "english": "ueb2"}))


@router.post("", response_class=HTMLResponse)
async def convert(request: Request) -> HTMLResponse:
    """Convert the submitted text (the page works without JavaScript; with it, it converts as you type)."""
    form = await checked_form(request)
    values = {name: str(form.get(name, ""))[: services.MAX_TEXT_CHARS + 1] for name in FORM_FIELDS}
    context = _translate_context(values)
    try:
        cells_per_line = values["cells_per_line"].strip() or "0"
        if not (cells_per_line.isascii() and cells_per_line.isdigit()):
            raise InvalidBrailleRequest(_("Enter the cells per line as digits."), field="cells_per_line")
        translation = services.translate(
            values["text"],
            system=values["system"] or "gf2018",
            english_grade=values["english"] or "ueb2",
            cells_per_line=int(cells_per_line),
        )
    except BarrierfreeError as error:
        return render_form_error(request, "braille.html", context, error)
    context["result"] = {
        "document": services.translation_document(translation),
        "pinyin": services.pinyin_text(translation.reading),
        "unicode": services.render_translation(translation, services.OutputFormat.UNICODE),
        "brf": services.render_translation(translation, services.OutputFormat.BRF),
    }
    return render(request, "braille.html", context)


def _label_context(values: dict[str, str]) -> dict[str, Any]:
    return {
        "title": _("Medicine label designer"),
        "profiles": [(name, _(PROFILE_TITLES[name])) for name in profiles.PROFILES if name in PROFILE_TITLES],
        "systems": [(value, _(label)) for value, label in SYSTEMS],
        "form": values,
        "max_name": services.MAX_NAME_CHARS,
    }


@router.get("/label", response_class=HTMLResponse)
def label_designer(
    request: Request,
    zh: str = Query("", max_length=200),
    en: str = Query("", max_length=200),
    profile: str = Query(profiles.DEFAULT_PROFILE, max_length=40),
    system: str = Query("gf2018", max_length=20),
) -> HTMLResponse:
    """The label designer: names in, a preview at physical size and the files to download."""
    values = {"zh": zh, "en": en, "profile": profile, "system": system}
    context = _label_context(values)
    if zh.strip():
        try:
            preview = services.make_label(zh, en, profile=profile, system=system)
        except BarrierfreeError as error:
            return render_form_error(request, "braille_label.html", context, error)
        context["preview"] = preview.content.decode("utf-8")
        context["query"] = request.url.query
    return render(request, "braille_label.html", context)


@router.get("/label.{kind}")
def label_file(
    kind: str,
    zh: str = Query(..., max_length=200),
    en: str = Query("", max_length=200),
    profile: str = Query(profiles.DEFAULT_PROFILE, max_length=40),
    system: str = Query("gf2018", max_length=20),
    dots_only: bool = Query(False),
) -> Response:
    """Download the label (SVG or PDF), or its dots-only layer."""
    made = services.make_label(zh, en, profile=profile, label_format=kind, dots_only=dots_only, system=system)
    return Response(
        made.content,
        media_type=made.media_type,
        headers={"Content-Disposition": f'attachment; filename="{made.filename}"'},
    )
