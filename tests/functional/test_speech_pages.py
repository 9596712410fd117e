"""The speech tools page: text read aloud at the chosen speed, a recording turned into text, clear refusals."""

from __future__ import annotations

from fastapi.testclient import TestClient

from barrierfree import speech
from tests.audio import SPOKEN_PHRASE, SPOKEN_RATE, heard_the_phrase, resampled
from tests.functional.helpers import csrf_token, field_error


def test_text_is_offered_as_audio_at_the_chosen_speed(client: TestClient) -> None:
    client.cookies.set("bf_lang", "en")
    page = client.get("/speech", params={"text": "Your order is at the door", "lang": "en", "rate": "300"})
    assert page.status_code == 200 and "/speech/audio.wav?" in page.text
    fast = client.get("/speech/audio.wav", params={"text": "Your order is at the door", "lang": "en", "rate": 400})
    slow = client.get("/speech/audio.wav", params={"text": "Your order is at the door", "lang": "en", "rate": 120})
    assert fast.headers["content-type"] == "audio/wav" and len(fast.content) < len(slow.content)
    assert client.get("/speech/audio.wav", params={"text": "x", "rate": 999}).status_code == 422
    for rate in ("abc", "999"):
        refused = client.get("/speech", params={"text": "x", "rate": rate})
        assert refused.status_code == 422 and "words a minute" in (field_error(refused.text, "rate") or ""), rate


def test_a_recording_becomes_text_and_a_bad_file_is_named(client: TestClient) -> None:
    client.cookies.set("bf_lang", "en")
    wav = resampled(speech.synthesize(SPOKEN_PHRASE, "en", SPOKEN_RATE), speech.RECOGNITION_RATE)
    data = {"transcribe_lang": "en", "csrf_token": csrf_token(client, "/speech")}
    heard = client.post("/speech/transcribe", data=data, files={"recording": ("r.wav", wav, "audio/wav")})
    assert heard.status_code == 200
    text = heard.text.split("Heard:")[1].split("</strong>")[0]
    assert heard_the_phrase(text), text
    data["csrf_token"] = csrf_token(client, "/speech")
    bad = client.post("/speech/transcribe", data=data, files={"recording": ("r.wav", b"not a wav", "audio/wav")})
    assert bad.status_code == 422 and field_error(bad.text, "recording")
    data["csrf_token"] = csrf_token(client, "/speech")
    missing = client.post("/speech/transcribe", data=data)
    assert missing.status_code == 422 and "Choose a WAV recording" in (field_error(missing.text, "recording") or "")


def test_a_delivery_chat_message_is_heard_with_the_chat_model_and_an_unknown_setting_is_refused(
    client: TestClient,
) -> None:
    client.cookies.set("bf_lang", "en")
    message = "please leave it at the door"
    wav = resampled(speech.synthesize(message, "en", SPOKEN_RATE), speech.RECOGNITION_RATE)
    page = client.get("/speech")
    assert 'name="transcribe_domain"' in page.text and "A delivery chat message" in page.text
    data = {"transcribe_lang": "en", "transcribe_domain": "relay-chat", "csrf_token": csrf_token(client, "/speech")}
    heard = client.post("/speech/transcribe", data=data, files={"recording": ("r.wav", wav, "audio/wav")})
    assert heard.status_code == 200
    assert {"leave", "door"} <= set(heard.text.split("Heard:")[1].split("</strong>")[0].split())
    data.update(transcribe_domain="weather", csrf_token=csrf_token(client, "/speech"))
    refused = client.post("/speech/transcribe", data=data, files={"recording": ("r.wav", wav, "audio/wav")})
    assert refused.status_code == 422 and "from the list" in (field_error(refused.text, "transcribe_domain") or "")
    assert 'value="weather"' not in refused.text  # the refused value is not offered back as a choice
