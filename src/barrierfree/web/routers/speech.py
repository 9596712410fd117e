"""The speech tools page: have any text read aloud at your speed, or turn a recording into text (nothing is stored)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from barrierfree import speech
from barrierfree.core.errors import BarrierfreeError
from barrierfree.core.i18n import _, current_language
from barrierfree.relay.dictation import DOMAIN_NAME, chat_domain
from barrierfree.web.csrf import checked_form
from barrierfree.web.deps import NO_NUL, get_settings
from barrierfree.web.templating import render, render_form_error

router = APIRouter(prefix="/speech")
MAX_UPLOAD_BYTES = 6_000_000
"""A minute of 48 kHz 16-bit stereo WAV is 11.5 MB; a minute of 16 kHz mono, 1.9 MB (inside the 1 MiB request limit
only shorter recordings fit: the command line takes the rest)."""
DICTATION_DOMAINS = {DOMAIN_NAME: chat_domain}
"""Settings whose own language model dictation can use; "" is everyday English."""


def _context(values: dict[str, str]) -> dict[str, Any]:
    return {
        "title": _("Speech"),
        "form": values,
        "limits": (speech.MIN_WORDS_PER_MINUTE, speech.MAX_WORDS_PER_MINUTE, speech.MAX_SPEECH_CHARS),
        "transcription": None,
    }


@router.get("", response_class=HTMLResponse)
def speech_page(
    request: Request,
    text: str = Query("", max_length=speech.MAX_SPEECH_CHARS, pattern=NO_NUL),
    lang: str = Query("", pattern=r"^(|zh-CN|en)$"),
    rate: str = Query(str(speech.DEFAULT_WORDS_PER_MINUTE), max_length=6),
) -> HTMLResponse:
    """Read text aloud (with text given, the page offers the audio) and the form to transcribe a recording."""
    values = {"text": text, "lang": lang or current_language(), "rate": rate.strip()}
    try:
        speech.check_rate(int(values["rate"]) if values["rate"].isdigit() else -1)
    except BarrierfreeError as error:
        values["text"] = ""  # no audio link for a speed the engine refuses
        return render_form_error(
            request, "speech.html", _context(values), speech.InvalidSpeechRequest(error.message, field="rate")
        )
    return render(request, "speech.html", _context(values))


@router.get("/audio.wav", response_model=None)
def audio(
    text: str = Query(min_length=1, max_length=speech.MAX_SPEECH_CHARS, pattern=NO_NUL),
    lang: str = Query("zh-CN", pattern=r"^(zh-CN|en)$"),
    rate: int = Query(speech.DEFAULT_WORDS_PER_MINUTE, ge=speech.MIN_WORDS_PER_MINUTE, le=speech.MAX_WORDS_PER_MINUTE),
) -> Response:
    """The text read by the server's eSpeak NG, as WAV."""
    return Response(
        speech.synthesize(text, lang, rate), media_type="audio/wav", headers={"Cache-Control": "max-age=300"}
    )


@router.post("/transcribe", response_class=HTMLResponse)
async def transcribe(request: Request) -> HTMLResponse:
    """The words heard in an uploaded WAV recording (English with the built-in engine)."""
    form = await checked_form(request)
    language = str(form.get("transcribe_lang", "en"))[:10]
    context = _context({"text": "", "lang": current_language(), "rate": str(speech.DEFAULT_WORDS_PER_MINUTE)})
    context["form"]["transcribe_lang"] = language
    domain = str(form.get("transcribe_domain", ""))[:40]
    context["form"]["transcribe_domain"] = domain
    upload = form.get("recording")
    try:
        if domain and domain not in DICTATION_DOMAINS:
            raise speech.InvalidSpeechRequest(
                _("Choose what the recording is about from the list."), field="transcribe_domain"
            )
        if upload is None or isinstance(upload, str) or not getattr(upload, "filename", None):
            raise speech.InvalidSpeechRequest(_("Choose a WAV recording."), field="recording")
        wav = await upload.read(MAX_UPLOAD_BYTES + 1)
        if len(wav) > MAX_UPLOAD_BYTES:
            raise speech.InvalidSpeechRequest(
                _("The recording is larger than {n} bytes.").format(n=MAX_UPLOAD_BYTES), field="recording"
            )
        expected = DICTATION_DOMAINS[domain]() if domain else None
        recognizer = speech.default_recognizer(get_settings(request), expected)
        try:
            context["transcription"] = await run_in_threadpool(speech.transcribe, wav, language, recognizer=recognizer)
        except speech.InvalidAudio as error:
            raise speech.InvalidAudio(error.message, field="recording") from None
    except BarrierfreeError as error:
        return render_form_error(request, "speech.html", context, error)
    return render(request, "speech.html", context)
