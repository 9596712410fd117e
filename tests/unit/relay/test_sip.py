"""The SIP trunk adapter placing real calls to SIPp on loopback: audio at the callee, keys back, every failure.

Also the pieces it is made of: mu-law and resampling (numpy), RTP packing and parsing, RFC 4733 events, SIP
message parsing and digest authentication.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from barrierfree.relay import _rtp, _sip, _sip_messages
from barrierfree.relay.calls import CallOutcome, DialFailure
from tests import sipp
from tests.audio import wav_bytes

pytestmark = pytest.mark.skipif(sipp.SIPP is None, reason=sipp.SKIP_REASON)

TONE_HZ = 1_000
TONE_SECONDS = 0.4
TONE_PACKETS = 20
"""0.4 s at 20 ms a packet."""
ESPEAK_RATE = 22_050


def tone_wav(seconds: float = TONE_SECONDS, rate: int = ESPEAK_RATE, hz: int = TONE_HZ) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return wav_bytes(8_000 * np.sin(2 * np.pi * hz * t), rate)


def dominant_hz(samples: np.ndarray, rate: int = _rtp.TELEPHONE_RATE) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64) * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])


def trunk(port: int, **overrides: object) -> _sip.SipTelephony:
    return _sip.SipTelephony(_sip.TrunkSettings("127.0.0.1", port, **overrides))  # type: ignore[arg-type]


def audio_packets(recorder: sipp.RtpRecorder) -> list[tuple[float, _rtp.RtpHeader]]:
    parsed = [(at, _rtp.parse_rtp(data)) for at, data in recorder.packets]
    return [
        (at, header) for at, header in parsed if header is not None and header.payload_type == _rtp.PCMU_PAYLOAD_TYPE
    ]


@pytest.fixture
def recorder() -> Iterator[sipp.RtpRecorder]:
    with sipp.RtpRecorder() as media:
        yield media


def no_ringing() -> None:
    pass


# --- real calls ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["1", "2", "3"])
def test_answered_call_carries_the_audio_and_returns_the_key(
    key: str, recorder: sipp.RtpRecorder, tmp_path: Path
) -> None:
    pcmu = _rtp.wav_to_pcmu(tone_wav())
    with sipp.callee(sipp.answering(recorder.port, key, key_after_ms=700), tmp_path) as callee:
        line = trunk(callee.port).dial("+8613812345678", 5.0, no_ringing)
        assert not isinstance(line, DialFailure), line
        assert line.play(pcmu, "123") is None  # the key comes after the message
        assert line.wait_for_key("123", 3.0) == key
        line.hang_up()
        assert callee.finish() == 0, callee.errors()  # SIPp saw our ACK and BYE
    packets = audio_packets(recorder)
    assert len(packets) == TONE_PACKETS
    assert [header.sequence for _, header in packets] == [
        (packets[0][1].sequence + i) % 65_536 for i in range(TONE_PACKETS)
    ]
    assert packets[0][1].marker and not any(header.marker for _, header in packets[1:])
    heard = _rtp.mulaw_decode(b"".join(header.payload for _, header in packets))
    assert abs(dominant_hz(heard) - TONE_HZ) < 25
    assert 0.7 < np.sqrt(np.mean(heard[:3000].astype(np.float64) ** 2)) / (8_000 / np.sqrt(2)) < 1.3
    spread = packets[-1][0] - packets[0][0]
    assert 0.3 < spread < 0.6, f"sent in real time (19 intervals of 20 ms), not {spread:.3f} s"


def test_a_key_pressed_during_the_message_stops_it(recorder: sipp.RtpRecorder, tmp_path: Path) -> None:
    pcmu = _rtp.wav_to_pcmu(tone_wav(seconds=2.0))
    with sipp.callee(sipp.answering(recorder.port, "2", key_after_ms=200), tmp_path) as callee:
        line = trunk(callee.port).dial("13812345678", 5.0, no_ringing)
        assert not isinstance(line, DialFailure)
        assert line.play(pcmu, "123") == "2"
        assert line.keys == "2"
        line.hang_up()
        assert callee.finish() == 0, callee.errors()
    assert 5 < len(audio_packets(recorder)) < 50  # 2 s would be 100 packets


def test_a_key_sent_as_sip_info_is_read(recorder: sipp.RtpRecorder, tmp_path: Path) -> None:
    with sipp.callee(sipp.answering_by_info(recorder.port, "3"), tmp_path) as callee:
        line = trunk(callee.port).dial("13812345678", 5.0, no_ringing)
        assert not isinstance(line, DialFailure)
        assert line.wait_for_key("123", 3.0) == "3"
        line.hang_up()
        assert callee.finish() == 0, callee.errors()


def test_ringing_is_reported_before_the_answer(recorder: sipp.RtpRecorder, tmp_path: Path) -> None:
    rang: list[float] = []
    with sipp.callee(sipp.answering(recorder.port, "1", ring_ms=300), tmp_path) as callee:
        started = time.monotonic()
        line = trunk(callee.port).dial("13812345678", 5.0, lambda: rang.append(time.monotonic()))
        answered = time.monotonic()
        assert not isinstance(line, DialFailure)
        assert line.wait_for_key("123", 3.0) == "1"
        line.hang_up()
        assert callee.finish() == 0, callee.errors()
    assert len(rang) == 1
    assert answered - started >= 0.3 and answered - rang[0] >= 0.2  # rang first, then answered 0.3 s later


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        ("486 Busy Here", CallOutcome.BUSY),
        ("600 Busy Everywhere", CallOutcome.BUSY),
        ("603 Decline", CallOutcome.REJECTED),
        ("404 Not Found", CallOutcome.REJECTED),
        ("480 Temporarily Unavailable", CallOutcome.NO_ANSWER),
        ("503 Service Unavailable", CallOutcome.TRUNK_DOWN),
    ],
)
def test_a_refused_call_has_its_outcome_and_is_acknowledged(status: str, outcome: CallOutcome, tmp_path: Path) -> None:
    with sipp.callee(sipp.refusing(status, ring_ms=100), tmp_path) as callee:
        result = trunk(callee.port).dial("13812345678", 5.0, no_ringing)
        assert callee.finish() == 0, callee.errors()  # SIPp got the ACK of its final response
    assert result == DialFailure(outcome, f"SIP {status}")


def test_a_phone_that_rings_too_long_is_cancelled(tmp_path: Path) -> None:
    with sipp.callee(sipp.ringing_forever(), tmp_path) as callee:
        started = time.monotonic()
        result = trunk(callee.port).dial("13812345678", 1.0, no_ringing)
        took = time.monotonic() - started
        assert callee.finish() == 0, callee.errors()  # CANCEL, then the 487 acknowledged
    assert isinstance(result, DialFailure) and result.outcome is CallOutcome.NO_ANSWER
    assert 1.0 <= took < 2.0


def test_nothing_listening_is_trunk_down_at_once() -> None:
    started = time.monotonic()
    result = trunk(sipp.free_udp_port()).dial("13812345678", 5.0, no_ringing)
    assert isinstance(result, DialFailure) and result.outcome is CallOutcome.TRUNK_DOWN
    assert time.monotonic() - started < 1.0


def test_a_silent_trunk_is_down_after_the_response_timeout() -> None:
    with sipp.RtpRecorder() as black_hole:  # a UDP socket that takes the INVITE and never answers
        started = time.monotonic()
        result = trunk(black_hole.port, response_timeout_s=1.0).dial("13812345678", 5.0, no_ringing)
        took = time.monotonic() - started
        invites = [data for _, data in black_hole.packets if data.startswith(b"INVITE ")]
    assert isinstance(result, DialFailure) and result.outcome is CallOutcome.TRUNK_DOWN
    assert 1.0 <= took < 2.0  # the response timeout, not a hang
    assert len(invites) == 2, "sent at 0 s and retransmitted at 0.5 s (RFC 3261 timer A)"


def test_an_unknown_trunk_host_is_trunk_down() -> None:
    result = _sip.SipTelephony(_sip.TrunkSettings("trunk.invalid")).dial("13812345678", 5.0, no_ringing)
    assert isinstance(result, DialFailure) and result.outcome is CallOutcome.TRUNK_DOWN


def test_digest_challenge_is_answered_with_the_trunk_credentials(recorder: sipp.RtpRecorder, tmp_path: Path) -> None:
    with sipp.callee(sipp.challenging(recorder.port, "rider", "s3cret", "2"), tmp_path) as callee:
        line = trunk(callee.port, user="rider", password="s3cret").dial("13812345678", 5.0, no_ringing)
        assert not isinstance(line, DialFailure), line
        assert line.wait_for_key("123", 3.0) == "2"
        line.hang_up()
        assert callee.finish() == 0, callee.errors()


def test_wrong_credentials_are_refused(recorder: sipp.RtpRecorder, tmp_path: Path) -> None:
    with sipp.callee(sipp.challenging(recorder.port, "rider", "s3cret", "2"), tmp_path) as callee:
        result = trunk(callee.port, user="rider", password="wrong").dial("13812345678", 5.0, no_ringing)
        assert callee.finish() == 0, callee.errors()
    assert result == DialFailure(CallOutcome.REJECTED, "SIP 403 Forbidden")


def test_the_customer_hanging_up_stops_the_message(recorder: sipp.RtpRecorder, tmp_path: Path) -> None:
    pcmu = _rtp.wav_to_pcmu(tone_wav(seconds=2.0))
    with sipp.callee(sipp.hanging_up(recorder.port, 300), tmp_path) as callee:
        line = trunk(callee.port).dial("13812345678", 5.0, no_ringing)
        assert not isinstance(line, DialFailure)
        started = time.monotonic()
        assert line.play(pcmu, "123") is None
        assert line.hung_up and time.monotonic() - started < 1.0
        line.hang_up()  # nothing more to send: the customer already did
        assert callee.finish() == 0, callee.errors()  # and got our 200 to its BYE
    assert len(audio_packets(recorder)) < 50


# --- the audio path -------------------------------------------------------------------------------------------


def test_mulaw_matches_g711_reference_codes() -> None:
    # The codes of the CCITT reference coder (Sun g711.c, which CPython's audioop also follows); checked once for
    # all 65,536 inputs when this coder was written.
    samples = np.array([0, -1, 1, 32767, -32768, 8031, -8031, 100], dtype=np.int16)
    assert list(_rtp.mulaw_encode(samples)) == [0xFF, 0x7E, 0xFF, 0x80, 0x00, 0xA0, 0x20, 0xF2]
    assert list(_rtp.mulaw_decode(bytes([0xFF, 0x7F, 0x80, 0x00, 0xA0]))) == [0, 0, 32124, -32124, 7932]


@given(st.lists(st.integers(-32768, 32767), min_size=1, max_size=200))
def test_mulaw_round_trip_stays_within_the_quantisation_step(values: list[int]) -> None:
    samples = np.array(values, dtype=np.int16)
    back = _rtp.mulaw_decode(_rtp.mulaw_encode(samples)).astype(np.int32)
    error = np.abs(back - samples.astype(np.int32))
    assert np.all(error <= np.maximum(16, np.abs(samples.astype(np.int32)) // 16 + 16))


@pytest.mark.parametrize("rate", [8_000, 16_000, 22_050, 44_100, 48_000])
def test_any_rate_becomes_8khz_at_the_same_pitch_and_length(rate: int) -> None:
    pcmu = _rtp.wav_to_pcmu(tone_wav(seconds=1.0, rate=rate, hz=440))
    assert abs(len(pcmu) - _rtp.TELEPHONE_RATE) <= 1
    assert abs(dominant_hz(_rtp.mulaw_decode(pcmu)) - 440) < 5


def test_resampling_removes_what_the_telephone_band_cannot_carry() -> None:
    pcmu = _rtp.wav_to_pcmu(tone_wav(seconds=1.0, rate=ESPEAK_RATE, hz=6_000))  # would alias to 2 kHz
    assert np.sqrt(np.mean(_rtp.mulaw_decode(pcmu).astype(np.float64) ** 2)) < 400


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"RIFF....", "not-wav"), (b"", "not-wav"), (b"x" * 100, "not-wav")],
)
def test_bad_audio_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(_rtp.AudioFormatError) as caught:
        _rtp.read_wav(data)
    assert caught.value.reason == reason


def test_packets_are_20ms_and_the_last_is_padded_with_silence() -> None:
    payloads = _rtp.packets_of(b"\x01" * 330)
    assert [len(p) for p in payloads] == [160, 160, 160]
    assert payloads[2] == b"\x01" * 10 + b"\xff" * 150


@given(
    st.integers(0, 127),
    st.integers(0, 65535),
    st.integers(0, 2**32 - 1),
    st.integers(0, 2**32 - 1),
    st.binary(max_size=200),
    st.booleans(),
)
def test_rtp_packets_parse_back(pt: int, seq: int, ts: int, ssrc: int, payload: bytes, marker: bool) -> None:
    header = _rtp.parse_rtp(_rtp.rtp_packet(pt, seq, ts, ssrc, payload, marker))
    assert header == _rtp.RtpHeader(pt, marker, seq, ts, ssrc, payload)


@given(st.binary(max_size=40))
def test_rtp_parser_never_raises(data: bytes) -> None:
    _rtp.parse_rtp(data)


def test_a_dtmf_event_counts_once_whatever_its_repeats() -> None:
    receiver = _rtp.DtmfReceiver()
    start = _rtp.parse_rtp(_rtp.rtp_packet(101, 1, 800, 7, bytes([1, 10, 0, 0]), marker=True))
    more = _rtp.parse_rtp(_rtp.rtp_packet(101, 2, 800, 7, bytes([1, 10, 1, 64])))
    end = _rtp.parse_rtp(_rtp.rtp_packet(101, 3, 800, 7, bytes([1, 138, 2, 128])))
    star = _rtp.parse_rtp(_rtp.rtp_packet(101, 4, 2400, 7, bytes([10, 138, 2, 128])))
    assert start and more and end and star
    assert [receiver.key_of(h) for h in (start, more, end, end, star)] == ["1", None, None, None, "*"]


# --- SIP pieces -----------------------------------------------------------------------------------------------


def test_digest_matches_the_rfc_2617_example() -> None:
    challenge = 'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"'
    answer = _sip_messages.digest("GET", "/dir/index.html", challenge, "Mufasa", "Circle Of Life", cnonce="0a4f113b")
    assert 'response="6629fae49393a05397450978507c4ef1"' in answer
    assert 'opaque="5ccc069c403ebaf9f0171e9517f40e41"' in answer


def test_sip_messages_parse_with_compact_headers() -> None:
    message = _sip_messages.parse(
        b"SIP/2.0 180 Ringing\r\ni: abc\r\nf: <sip:a@b>;tag=x\r\nt: <sip:c@d>;tag=y\r\nCSeq: 1 INVITE\r\n\r\n"
    )
    assert message is not None
    assert (message.status, message.reason, message.header("call-id"), message.cseq_method) == (
        180,
        "Ringing",
        "abc",
        "INVITE",
    )
    assert _sip_messages.tag_of(message.header("to")) == "y"
    assert _sip_messages.parse(b"\r\n\r\n") is None


def test_the_answer_sdp_gives_the_media_address_and_event_type() -> None:
    sdp = "v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 40000 RTP/AVP 0 96\r\na=rtpmap:96 telephone-event/8000\r\n"
    assert _sip_messages.answer_media(sdp, "127.0.0.1") == _sip_messages.Media(("10.0.0.5", 40000), 96)
    assert _sip_messages.answer_media("v=0\r\nm=video 5 RTP/AVP 31\r\n", "127.0.0.1") is None
