"""A full agent session on the workstation by keyboard alone: receive a customer, listen, dictate, reply.

Chromium gets a fake microphone that plays a WAV file the test writes with eSpeak NG, so dictation runs through the
real page script, the real upload and PocketSphinx on the server.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from barrierfree.speech import default_synthesizer
from tests.audio import SPOKEN_PHRASE, SPOKEN_RATE, concatenated, heard_the_phrase, resampled, silence_wav
from tests.browser._pages import axe_violations, describe, log_in, set_display
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_keyboard import FOCUS_IS_VISIBLE, _tab_to

LEAD_IN_SECONDS = 0.8
TRAIL_SECONDS = 2.5
DICTATION_SECONDS = 3_500
"""Long enough for the lead-in and the phrase (about 1.9 s), short of the loop's next lead-in."""
WAIT_SECONDS = 20.0


def _wait_until(page: Any, condition: str) -> None:
    """Poll a JavaScript function until it is true (the page's CSP forbids the string form of wait_for_function)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"still false after {WAIT_SECONDS} s: {condition}"
        page.wait_for_timeout(100)


def _spoken_once() -> bytes:
    """The phrase once, between silences, so that a recording started a little late still holds all of it.

    Chromium plays the file from its start when the page opens the microphone, and loops it. With the phrase twice
    back to back, a busy machine clipped the first word and the three-second recording cut the second phrase
    off, which left PocketSphinx two words of margin.
    """
    phrase = resampled(default_synthesizer().synthesize(SPOKEN_PHRASE, "en", SPOKEN_RATE))
    return concatenated(silence_wav(LEAD_IN_SECONDS), phrase, silence_wav(TRAIL_SECONDS))


@pytest.fixture
def microphone_context(chromium: Any, tmp_path: Path) -> Iterator[Any]:
    """A browser whose microphone plays a sentence spoken by eSpeak NG."""
    recording = tmp_path / "microphone.wav"
    recording.write_bytes(_spoken_once())
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={recording}",
        "--autoplay-policy=no-user-gesture-required",
    ]
    browser = chromium.browser_type.launch(executable_path=str(CHROMIUM), args=args)
    context = browser.new_context(permissions=["microphone"])
    yield context
    context.close()
    browser.close()


def test_an_agent_session_by_keyboard_alone(microphone_context: Any, live_site: Any) -> None:
    page = microphone_context.new_page()
    base = live_site.base_url
    set_display(page, base, language="en", elder=False)
    log_in(page, base, "emma", live_site.password)
    page.goto(f"{base}/workforce/workstation")

    # Receive: take the next customer; their message is in a live log and takes focus.
    page.keyboard.press("Tab")
    _tab_to(page, "#next-customer")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    log = page.locator("#chat-log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    assert page.locator("#chat-log li.chat-customer").count() == 1
    assert not axe_violations(page), describe(axe_violations(page))

    # Listen: Alt+L fetches the server's speech of the last message at the chosen speed.
    _tab_to(page, "#rate")
    page.keyboard.press("End")  # the fastest speed, 450 words a minute
    assert page.evaluate("document.getElementById('rate').value") == "450"
    with page.expect_response(lambda response: "/workstation/speech" in response.url) as spoken:
        page.keyboard.press("Alt+L")
    response = spoken.value
    assert response.status == 200 and response.headers["content-type"] == "audio/wav"
    assert "rate=450" in response.url

    # Dictate: Alt+D starts and stops recording; the words heard land in the reply.
    _tab_to(page, "#reply")
    page.keyboard.press("Alt+D")
    _wait_until(page, "() => document.getElementById('dictate').getAttribute('aria-pressed') === 'true'")
    page.wait_for_timeout(DICTATION_SECONDS)
    with page.expect_response(lambda response: "/workstation/dictation" in response.url) as heard:
        page.keyboard.press("Alt+D")
    assert heard.value.status == 200
    _wait_until(page, "() => document.getElementById('reply').value.length > 0")
    assert heard_the_phrase(page.input_value("#reply")), page.input_value("#reply")
    assert page.evaluate("document.activeElement.id") == "reply"

    # Reply: a quick reply by Alt+1, then Ctrl+Enter; the customer's answer is added to the live log.
    page.keyboard.press("Alt+1")
    assert "How can I help you?" in page.input_value("#reply")
    with page.expect_response(
        lambda response: "/workforce/workstation/" in response.url and response.request.method == "POST"
    ):
        page.keyboard.press("Control+Enter")
    _wait_until(page, "() => document.querySelectorAll('#chat-log li').length === 3")
    assert page.locator("#chat-log li").nth(1).get_attribute("class") == "chat-agent"
    assert page.locator("#chat-log li").nth(2).get_attribute("class") == "chat-customer"
    assert page.input_value("#reply") == ""
    assert page.evaluate("document.activeElement.id") == "reply" and page.evaluate(FOCUS_IS_VISIBLE)
