"""WAV checks, resampling, band-limiting and G.711 mu-law: exact where a standard says so, bounded elsewhere."""

from __future__ import annotations

import io
import struct
import warnings
import wave

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from barrierfree import speech
from barrierfree.speech.audio import MULAW_MAX_ERROR_OFFSET, TELEPHONE_HIGH_HZ, TELEPHONE_LOW_HZ
from tests.audio import wav_bytes

SAMPLES = arrays(np.int16, st.integers(0, 2_000))
RATES = st.sampled_from([8_000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000])


def wav_of(frames: bytes, *, channels: int = 1, width: int = 2, rate: int = 16_000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        writer.writeframes(frames)
    return out.getvalue()


def tone(frequency: float, seconds: float = 1.0, rate: int = 16_000) -> speech.Audio:
    times = np.arange(int(seconds * rate)) / rate
    return speech.Audio((8_000 * np.sin(2 * np.pi * frequency * times)).astype(np.int16), rate)


def rms(audio: speech.Audio) -> float:
    return float(np.sqrt(np.mean(audio.samples.astype(np.float64) ** 2)))


@given(st.binary(max_size=400))
def test_any_bytes_give_audio_or_the_domain_error(data: bytes) -> None:
    try:
        speech.read_wav(data)
    except speech.InvalidAudio as error:
        assert error.field == "audio" and error.message


@given(st.binary(max_size=200), st.integers(0, 0xFFFF), st.integers(0, 0xFFFF), st.integers(0, 2**32 - 1))
def test_wav_headers_with_any_fields_give_audio_or_the_domain_error(
    body: bytes, channels: int, bits: int, rate: int
) -> None:
    fmt = struct.pack("<HHIIHH", 1, channels, rate, (rate * 2) % 2**32, 2, bits)
    data = b"RIFF" + struct.pack("<I", 36 + len(body)) + b"WAVEfmt " + struct.pack("<I", 16) + fmt
    data += b"data" + struct.pack("<I", len(body)) + body
    try:
        audio = speech.read_wav(data)
    except speech.InvalidAudio:
        return
    assert audio.samples.dtype == np.int16 and speech.MAX_AUDIO_SECONDS >= audio.seconds > 0


@given(SAMPLES.filter(len), RATES)
def test_a_written_wav_reads_back_the_same(samples: np.ndarray, rate: int) -> None:
    audio = speech.read_wav(speech.wav_bytes(speech.Audio(samples, rate)))
    assert audio.rate == rate and np.array_equal(audio.samples, samples)


def test_wrong_shapes_are_refused_with_what_to_send() -> None:
    cases = {
        "16-bit WAV audio (this file has 8-bit": wav_of(b"\x80" * 100, width=1),
        "mono or stereo WAV audio (this file has 3 channels)": wav_of(b"\0" * 600, channels=3),
        "8000 to 48000 Hz (this file is 4000 Hz)": wav_of(b"\0" * 100, rate=4_000),
        "The recording is empty": wav_of(b""),
        "at most 60 seconds of audio at a time (this recording lasts 61.0 s)": wav_of(
            b"\0" * 2 * 8_000 * 61, rate=8_000
        ),
        "Send the recording as a WAV file": b"ID3\x03 an mp3 file",
    }
    for message, data in cases.items():
        with pytest.raises(speech.InvalidAudio, match=message.replace("(", r"\(").replace(")", r"\)")):
            speech.read_wav(data)


def test_stereo_is_mixed_down_and_a_cut_off_frame_is_dropped() -> None:
    stereo = np.array([[100, 300], [-100, -300], [7, 7]], dtype="<i2").tobytes()
    audio = speech.read_wav(wav_of(stereo + b"\x01", channels=2))
    assert audio.samples.tolist() == [200, -200, 7]


@given(SAMPLES, RATES, RATES)
@settings(max_examples=60, deadline=None)
def test_resampling_scales_the_length_by_the_rates(samples: np.ndarray, source: int, target: int) -> None:
    converted = speech.resample(speech.Audio(samples, source), target)
    assert converted.rate == target and converted.samples.dtype == np.int16
    assert abs(len(converted.samples) - len(samples) * target / source) < 1


def test_resampling_keeps_a_tone_and_round_trips_8_and_16_khz() -> None:
    original = tone(440.0)
    there = speech.resample(original, 8_000)
    back = speech.resample(there, 16_000)
    assert len(there.samples) == 8_000 and len(back.samples) == 16_000
    assert rms(there) == pytest.approx(rms(original), rel=0.02)
    middle = slice(1_000, -1_000)
    assert np.max(np.abs(back.samples[middle].astype(int) - original.samples[middle])) < 80


@given(arrays(np.int16, st.integers(0, 500)))
def test_mulaw_round_trip_stays_within_half_a_step(samples: np.ndarray) -> None:
    decoded = speech.mulaw_decode(speech.mulaw_encode(samples))
    assert len(decoded) == len(samples) and decoded.dtype == np.int16
    magnitude = np.minimum(np.abs(samples.astype(np.int64)), 32_635)
    error = np.abs(np.clip(samples, -32_635, 32_635).astype(np.int64) - decoded)
    assert np.all(error <= (magnitude + 132) / 32 + MULAW_MAX_ERROR_OFFSET)


def test_mulaw_codes_match_the_itu_reference_for_every_sample() -> None:
    every = np.arange(-32_768, 32_768, dtype=np.int16)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import audioop  # the CCITT reference implementation, only to check against (gone in Python 3.13)

    assert speech.mulaw_encode(every) == audioop.lin2ulaw(every.tobytes(), 2)
    codes = bytes(range(256))
    assert speech.mulaw_decode(codes).tobytes() == audioop.ulaw2lin(codes, 2)


def test_the_telephone_band_keeps_voice_and_removes_rumble_and_hiss() -> None:
    assert rms(speech.band_limit(tone(1_000.0))) == pytest.approx(rms(tone(1_000.0)), rel=0.02)
    for outside in (TELEPHONE_LOW_HZ / 3, TELEPHONE_HIGH_HZ * 1.5):
        assert rms(speech.band_limit(tone(outside))) < rms(tone(outside)) / 50


def test_the_telephone_path_is_8_khz_mulaw_one_byte_a_sample() -> None:
    spoken = speech.read_wav(speech.synthesize("at your door", "en"))
    line = speech.to_telephone(spoken)
    assert len(line) == pytest.approx(spoken.seconds * speech.TELEPHONE_RATE, abs=1)
    heard = speech.from_telephone(line)
    assert heard.rate == speech.TELEPHONE_RATE and len(heard.samples) == len(line)
    assert np.array_equal(speech.telephone_path(spoken).samples, heard.samples)
    assert rms(heard) > rms(spoken) / 3  # speech is mostly inside the band


def test_fixture_helper_and_domain_agree_on_wav() -> None:
    samples = np.array([0, 1, -1, 32_767, -32_768], dtype=np.int16)
    assert speech.read_wav(wav_bytes(samples)).samples.tolist() == samples.tolist()
