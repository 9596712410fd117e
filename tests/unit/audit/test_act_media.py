"""ACT audio and video checks: sound that starts by itself (80f0bf, 4c31df, aaa1bf) and audio with no text
alternative at all (2eb176, e7aa44). The sounds are generated here as WAV files."""

from __future__ import annotations

import io
import math
import struct
import wave
from collections.abc import Iterator

import pytest

from barrierfree.audit.checks.act.media import AudioAlternativeCheck, AutoplayCheck, plays_too_long
from tests.unit.audit.test_act_harness import ActBrowser, act_browser_fixture, act_ids, needs_chromium, page

RATE = 8000
TONE_SECONDS = 5


def _wav(seconds: float, amplitude: float) -> bytes:
    frames = b"".join(
        struct.pack("<h", int(amplitude * 32767 * math.sin(2 * math.pi * 440 * i / RATE)))
        for i in range(int(seconds * RATE))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def browser() -> Iterator[ActBrowser]:
    for running in act_browser_fixture():
        running.serve("/tone.wav", _wav(TONE_SECONDS, 0.5), "audio/wav")
        running.serve("/silence.wav", _wav(TONE_SECONDS, 0.0), "audio/wav")
        yield running


def test_plays_too_long_uses_the_fragment_and_knows_silence() -> None:
    base = {"kind": "audio", "autoplay": True, "muted": False, "duration": 27.0, "from": 0, "to": None, "audible": True}
    assert plays_too_long(base)
    assert not plays_too_long({**base, "from": 25})
    assert not plays_too_long({**base, "from": 8, "to": 10})
    assert not plays_too_long({**base, "muted": True})
    assert not plays_too_long({**base, "audible": False})
    assert not plays_too_long({**base, "kind": "video", "audible": None})
    assert plays_too_long({**base, "audible": None})


@needs_chromium
def test_autoplaying_sound_without_any_control_fails_three_rules(browser: ActBrowser) -> None:
    findings = browser.run(AutoplayCheck(), page('<audio src="/tone.wav" autoplay></audio>'))
    assert act_ids(findings) == {"80f0bf", "4c31df", "aaa1bf"}
    assert {f.rule for f in findings} == {"act:80f0bf", "act:4c31df", "act:aaa1bf"}
    assert next(f for f in findings if f.rule == "act:80f0bf").wcag == ("1.4.2",)


@needs_chromium
def test_controls_leave_only_the_autoplay_rule(browser: ActBrowser) -> None:
    native = page('<audio src="/tone.wav" autoplay controls></audio>')
    assert act_ids(browser.run(AutoplayCheck(), native)) == {"aaa1bf"}
    custom = page('<audio src="/tone.wav" autoplay></audio><button type="button">Pause</button>')
    assert act_ids(browser.run(AutoplayCheck(), custom)) == {"aaa1bf"}
    hidden_controls = page(
        '<audio src="/tone.wav" autoplay></audio><div aria-hidden="true"><button>Pause</button></div>'
    )
    assert act_ids(browser.run(AutoplayCheck(), hidden_controls)) == {"80f0bf", "4c31df", "aaa1bf"}


@needs_chromium
@pytest.mark.parametrize(
    "media",
    [
        '<audio src="/tone.wav" autoplay muted></audio>',
        '<audio src="/silence.wav" autoplay></audio>',
        '<audio src="/tone.wav#t=0,2" autoplay></audio>',
        '<audio src="/tone.wav" controls></audio>',
    ],
)
def test_muted_silent_short_or_not_autoplaying_media_is_not_judged(browser: ActBrowser, media: str) -> None:
    assert browser.run(AutoplayCheck(), page(media)) == []


@needs_chromium
def test_audio_player_on_a_page_without_text_fails(browser: ActBrowser) -> None:
    findings = browser.run(AudioAlternativeCheck(), page('<audio src="/tone.wav" controls></audio>'))
    assert act_ids(findings) == {"2eb176", "e7aa44"}
    hidden_text = page('<audio src="/tone.wav" controls></audio><p aria-hidden="true">We choose to go to the moon.</p>')
    assert act_ids(browser.run(AudioAlternativeCheck(), hidden_text)) == {"2eb176", "e7aa44"}
    off_screen = page('<audio src="/tone.wav" controls></audio><p style="text-indent:-9999px">We choose to go.</p>')
    assert act_ids(browser.run(AudioAlternativeCheck(), off_screen)) == {"2eb176", "e7aa44"}


@needs_chromium
def test_audio_with_text_or_without_a_player_passes(browser: ActBrowser) -> None:
    transcript = page('<audio src="/tone.wav" controls></audio><p>Transcript: we choose to go to the moon.</p>')
    assert browser.run(AudioAlternativeCheck(), transcript) == []
    link = page('<audio src="/tone.wav" controls></audio><a href="/transcript.html">Transcript</a>')
    assert browser.run(AudioAlternativeCheck(), link) == []
    assert browser.run(AudioAlternativeCheck(), page('<audio src="/tone.wav"></audio>')) == []
