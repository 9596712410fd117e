"""Smart calls: the number and audio checks, the flow of a call placed through SIPp, and what the rider reads."""

from __future__ import annotations

import io
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.core.i18n import use_language
from barrierfree.relay import calls
from barrierfree.relay._sip import TrunkSettings
from barrierfree.relay.calls import CallOutcome, CallRequest, CallResult, CallStatus, KeypadReply
from barrierfree.relay.errors import InvalidRelayInput
from tests import sipp
from tests.audio import silence_wav, wav_bytes

needs_sipp = pytest.mark.skipif(sipp.SIPP is None, reason=sipp.SKIP_REASON)
CARD_SECONDS = 0.4
CARD_PACKETS = 20


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield


def card_wav(seconds: float = CARD_SECONDS) -> bytes:
    rate = 22_050
    return wav_bytes(6_000 * np.sin(2 * np.pi * 700 * np.arange(int(seconds * rate)) / rate), rate)


def request(**overrides: object) -> CallRequest:
    fields: dict[str, object] = {"number": "+8613812345678", "audio_wav": card_wav(), "repeats": 1}
    fields["ring_timeout_s"], fields["reply_timeout_s"] = 2.0, 2.0
    return CallRequest(**(fields | overrides))  # type: ignore[arg-type]


# --- numbers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "dialled"),
    [
        ("+8613812345678", "+8613812345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("138 1234 5678", "13812345678"),
        ("(010) 6552.9988", "01065529988"),
        (" 13812345678 ", "13812345678"),
    ],
)
def test_numbers_are_dialled_as_plus_and_digits(typed: str, dialled: str) -> None:
    assert calls.normalize_number(typed) == dialled


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Enter the customer's phone number"),
        ("   ", "Enter the customer's phone number"),
        ("138-1234-567x", "contains “x”"),
        ("+86 138#1234", "contains “#”"),
        ("１３８１２３４５６７８", "contains “１”"),
        ("++8613812345678", "contains “+”"),
        ("1234", "has 4 digits; a phone number has 5 to 15"),
        ("+8613812345678901", "has 16 digits"),
        ("+0086138123456", "never starts with 0"),
    ],
)
def test_malformed_numbers_are_refused_saying_what_to_do(typed: str, says: str) -> None:
    with pytest.raises(InvalidRelayInput) as caught:
        calls.normalize_number(typed)
    assert says in caught.value.message
    assert caught.value.field == "number"


@given(st.text(max_size=30))
def test_a_number_is_either_refused_or_dialable(typed: str) -> None:
    try:
        number = calls.normalize_number(typed)
    except InvalidRelayInput:
        return
    digits = number.removeprefix("+")
    assert digits.isascii() and digits.isdigit()
    assert calls.MIN_NUMBER_DIGITS <= len(digits) <= calls.MAX_NUMBER_DIGITS


@given(st.from_regex(r"\+[1-9][0-9]{7,13}", fullmatch=True))
def test_every_e164_number_is_accepted_unchanged(number: str) -> None:
    assert calls.normalize_number(number) == number


# --- requests -----------------------------------------------------------------------------------------------


def stereo_wav() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(2)
        writer.setsampwidth(2)
        writer.setframerate(8_000)
        writer.writeframes(b"\0" * 3200)
    return out.getvalue()


@pytest.mark.parametrize(
    ("overrides", "field", "says"),
    [
        ({"audio_wav": b"not a wav"}, "audio", "not a WAV file"),
        ({"audio_wav": stereo_wav()}, "audio", "2 channel(s)"),
        ({"audio_wav": silence_wav(calls.MAX_AUDIO_SECONDS + 1)}, "audio", "lasts 61 s; a call plays at most 60 s"),
        ({"audio_wav": wav_bytes(np.zeros(0))}, "audio", "empty"),
        ({"audio_wav": wav_bytes(np.zeros(100), rate=4_000)}, "audio", "4000 Hz"),
        ({"repeats": 0}, "repeats", "from 1 to 5"),
        ({"repeats": 6}, "repeats", "from 1 to 5"),
        ({"repeats": 1.5}, "repeats", "whole number"),
        ({"ring_timeout_s": 0.1}, "ring_timeout_s", "from 1 to 60"),
        ({"reply_timeout_s": 31.0}, "reply_timeout_s", "from 1 to 30"),
        ({"number": "12"}, "number", "has 2 digits"),
    ],
)
def test_a_request_outside_the_limits_is_refused(overrides: dict[str, object], field: str, says: str) -> None:
    with pytest.raises(InvalidRelayInput) as caught:
        request(**overrides)
    assert caught.value.field == field
    assert says in caught.value.message


def test_audio_of_exactly_the_limit_is_accepted() -> None:
    assert request(audio_wav=silence_wav(calls.MAX_AUDIO_SECONDS)).number == "+8613812345678"


# --- calls through SIPp -------------------------------------------------------------------------------------


def call(
    scenario: str, tmp_path: Path, port_holder: list[int] | None = None, **overrides: object
) -> tuple[CallResult, list[CallStatus], int]:
    seen: list[CallStatus] = []
    with sipp.callee(scenario, tmp_path) as callee:
        telephony = calls.sip_telephony(TrunkSettings("127.0.0.1", callee.port))
        result = calls.place_call(telephony, request(**overrides), on_status=seen.append)
        return result, seen, callee.finish()


def audio_packet_count(recorder: sipp.RtpRecorder) -> int:
    return sum(1 for _, data in recorder.packets if len(data) > 1 and data[1] & 0x7F == 0)


@needs_sipp
@pytest.mark.parametrize("reply", list(KeypadReply))
def test_the_customer_hears_the_card_and_the_rider_reads_their_key(reply: KeypadReply, tmp_path: Path) -> None:
    with sipp.RtpRecorder() as recorder:
        scenario = sipp.answering(recorder.port, reply.value, ring_ms=200, key_after_ms=700)
        result, seen, sipp_exit = call(scenario, tmp_path)
    assert sipp_exit == 0
    assert result.outcome is CallOutcome.ANSWERED and result.reply is reply and result.digits == reply.value
    assert result.plays == 1 and audio_packet_count(recorder) == CARD_PACKETS
    assert seen == list(result.statuses)
    assert seen == [
        CallStatus.DIALLING,
        CallStatus.RINGING,
        CallStatus.ANSWERED,
        CallStatus.SPEAKING,
        CallStatus.WAITING_FOR_REPLY,
        CallStatus.ENDED,
    ]
    assert result.answered_after_s is not None and 0.2 <= result.answered_after_s < result.seconds
    assert calls.outcome_message(result) == calls.reply_message(reply)
    assert result.fall_back_to_text is (reply is KeypadReply.PLEASE_CHAT)


@needs_sipp
def test_the_card_is_played_as_many_times_as_asked_before_waiting(tmp_path: Path) -> None:
    with sipp.RtpRecorder() as recorder:
        # two plays of 0.4 s with a 0.6 s pause: the key at 1.7 s comes while waiting
        result, seen, sipp_exit = call(sipp.answering(recorder.port, "1", key_after_ms=1700), tmp_path, repeats=2)
    assert sipp_exit == 0
    assert result.reply is KeypadReply.COMING_DOWN and result.plays == 2
    assert audio_packet_count(recorder) == 2 * CARD_PACKETS
    assert seen.count(CallStatus.SPEAKING) == 2


@needs_sipp
def test_the_repeat_key_plays_the_card_again(tmp_path: Path) -> None:
    with sipp.RtpRecorder() as recorder:
        scenario = sipp.answering(recorder.port, calls.REPEAT_KEY + "3", key_after_ms=600, key_gap_ms=1400)
        result, seen, sipp_exit = call(scenario, tmp_path)
    assert sipp_exit == 0
    assert result.reply is KeypadReply.PLEASE_CHAT and result.digits == "*3"
    assert result.plays == 2 and audio_packet_count(recorder) == 2 * CARD_PACKETS
    assert seen.count(CallStatus.WAITING_FOR_REPLY) == 2


@needs_sipp
def test_a_reply_during_the_card_ends_the_call_at_once(tmp_path: Path) -> None:
    with sipp.RtpRecorder() as recorder:
        result, seen, sipp_exit = call(
            sipp.answering(recorder.port, "2", key_after_ms=200), tmp_path, audio_wav=card_wav(3.0), repeats=3
        )
    assert sipp_exit == 0
    assert result.reply is KeypadReply.LEAVE_AT_DOOR and result.plays == 1
    assert CallStatus.WAITING_FOR_REPLY not in seen
    assert result.seconds < 1.5
    assert audio_packet_count(recorder) < 3.0 / 0.02


@needs_sipp
def test_no_key_within_the_reply_time_ends_the_call_without_a_reply(tmp_path: Path) -> None:
    with sipp.RtpRecorder() as recorder:
        started = time.monotonic()
        result, _seen, sipp_exit = call(sipp.answering(recorder.port), tmp_path, reply_timeout_s=1.0)
        took = time.monotonic() - started
    assert sipp_exit == 0
    assert result.outcome is CallOutcome.ANSWERED and result.reply is None and result.fall_back_to_text
    assert CARD_SECONDS + 1.0 <= took < CARD_SECONDS + 2.5
    assert calls.outcome_message(result) == "The customer answered but pressed no key. Send them a text message."


@needs_sipp
def test_keys_that_mean_nothing_are_kept_but_not_taken_as_a_reply(tmp_path: Path) -> None:
    with sipp.RtpRecorder() as recorder:
        result, _seen, sipp_exit = call(sipp.answering(recorder.port, "73", key_after_ms=500), tmp_path)
    assert sipp_exit == 0
    assert result.reply is KeypadReply.PLEASE_CHAT and result.digits == "73"


@needs_sipp
def test_the_customer_hanging_up_ends_the_call(tmp_path: Path) -> None:
    with sipp.RtpRecorder() as recorder:
        result, seen, sipp_exit = call(
            sipp.hanging_up(recorder.port, 200), tmp_path, audio_wav=card_wav(2.0), repeats=2
        )
    assert sipp_exit == 0
    assert result.outcome is CallOutcome.ANSWERED and result.reply is None and result.plays == 1
    assert seen[-1] is CallStatus.ENDED and result.seconds < 1.0


@needs_sipp
@pytest.mark.parametrize(
    ("scenario", "outcome", "says"),
    [
        (
            sipp.refusing("486 Busy Here"),
            CallOutcome.BUSY,
            "The customer's line is busy. Send them a text message instead.",
        ),
        (sipp.refusing("603 Decline", ring_ms=100), CallOutcome.REJECTED, "did not accept the call"),
        (sipp.ringing_forever(), CallOutcome.NO_ANSWER, "The customer did not answer."),
    ],
)
def test_a_call_not_answered_tells_the_rider_to_send_text(
    scenario: str, outcome: CallOutcome, says: str, tmp_path: Path
) -> None:
    result, seen, sipp_exit = call(scenario, tmp_path, ring_timeout_s=1.0)
    assert sipp_exit == 0
    assert result.outcome is outcome and result.reply is None and result.fall_back_to_text
    assert says in calls.outcome_message(result)
    assert seen[0] is CallStatus.DIALLING and seen[-1] is CallStatus.ENDED
    assert CallStatus.ANSWERED not in seen


def test_a_trunk_that_is_down_tells_the_rider_to_send_text() -> None:
    telephony = calls.sip_telephony(TrunkSettings("127.0.0.1", sipp.free_udp_port()))
    started = time.monotonic()
    result = calls.place_call(telephony, request())
    assert result.outcome is CallOutcome.TRUNK_DOWN and time.monotonic() - started < 1.0
    assert result.statuses == (CallStatus.DIALLING, CallStatus.ENDED)
    assert (
        calls.outcome_message(result) == "Calls cannot be placed right now. Send the customer a text message instead."
    )


# --- what the rider reads ---------------------------------------------------------------------------------------


def test_every_status_outcome_and_reply_has_a_sentence_in_both_languages() -> None:
    results = [CallResult(outcome) for outcome in CallOutcome] + [
        CallResult(CallOutcome.ANSWERED, reply) for reply in KeypadReply
    ]
    for language in ("en", "zh-CN"):
        with use_language(language):
            sentences = [calls.status_message(status) for status in CallStatus] + [
                calls.outcome_message(r) for r in results
            ]
            assert all(sentence.strip() for sentence in sentences)
            assert len(set(sentences)) == len(sentences)
    assert calls.reply_message(KeypadReply.COMING_DOWN) == "The customer pressed 1: they are coming down."
