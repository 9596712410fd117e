"""JSON API for the Health Font: braille translation, pinyin and packaging labels. Open to everyone: nothing is
stored, and inputs are bounded (20,000 characters of text, 60 per label name)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from barrierfree.braille import services
from barrierfree.web.routers.api import schemas
from barrierfree.web.routers.api.v1 import ERRORS

router = APIRouter(prefix="/api/v1/braille", tags=["braille"], responses={**ERRORS, 503: ERRORS[422]})


@router.post("/translate")
def translate(body: schemas.BrailleTranslateIn) -> dict[str, Any]:
    """Chinese (with English inside it) to braille; ``output`` is in the requested format, ``words`` aligns each
    word of the input with its pinyin and cells."""
    fmt = services.parse_format(body.format)
    translation = services.translate(
        body.text, system=body.system, english_grade=body.english, cells_per_line=body.cells_per_line
    )
    return {
        "format": fmt.value,
        "output": services.render_translation(translation, fmt),
        "unicode": services.render_translation(translation, services.OutputFormat.UNICODE),
        "brf": services.render_translation(translation, services.OutputFormat.BRF),
        "pinyin_text": services.pinyin_text(translation.reading),
        **services.translation_document(translation),
    }


@router.post("/pinyin")
def pinyin(body: schemas.BraillePinyinIn) -> dict[str, Any]:
    """Tone-marked pinyin, word by word, with every character's reading."""
    return services.pinyin_document(services.read_pinyin(body.text))


@router.post(
    "/label",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}, "application/pdf": {}}, "description": "the label file"}},
)
def label(body: schemas.BrailleLabelIn) -> Response:
    """A packaging label at physical size (SVG or PDF), or its dots-only layer."""
    made = services.make_label(
        body.zh,
        body.en,
        profile=body.profile,
        label_format=body.format,
        dots_only=body.dots_only,
        system=body.system,
    )
    return Response(
        made.content,
        media_type=made.media_type,
        headers={"Content-Disposition": f'attachment; filename="{made.filename}"'},
    )
