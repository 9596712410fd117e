"""The telephone audio path of a smart call: WAV in, 8 kHz G.711 mu-law (PCMU) out, packed as RTP.

Private to the relay domain and deliberately small: the ``speech`` domain will own the shared conversions, and
this module is swapped for them then. numpy only (the stdlib ``audioop`` is deprecated and gone in 3.13).
"""

from __future__ import annotations

import io
import struct
import wave
from dataclasses import dataclass

import numpy as np

TELEPHONE_RATE = 8_000
"""PCMU is sampled at 8 kHz."""
SAMPLES_PER_PACKET = 160
"""20 ms of PCMU per RTP packet (the usual ptime)."""
PACKET_SECONDS = SAMPLES_PER_PACKET / TELEPHONE_RATE
PCMU_PAYLOAD_TYPE = 0
TELEPHONE_EVENT_PAYLOAD_TYPE = 101
"""RFC 4733 (formerly 2833) DTMF events, the dynamic payload type we offer."""
PCMU_SILENCE = 0xFF
"""Mu-law code of a zero sample."""
DTMF_KEYS = "0123456789*#ABCD"
"""RFC 4733 event codes 0-15."""

_LOW_PASS_CUTOFF_HZ = 3_600
"""Below the 4 kHz Nyquist limit of the telephone rate, so resampling does not alias."""
_LOW_PASS_TAPS = 63
_MULAW_BIAS = 0x84
_MULAW_CLIP = 8_159
_MULAW_SEGMENT_ENDS = np.array([0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF])
_RTP_VERSION_BYTE = 0x80
_RTP_HEADER = struct.Struct("!BBHII")
_RTP_MARKER = 0x80
_RTP_PT_MASK = 0x7F


class AudioFormatError(ValueError):
    """The bytes are not the WAV this path accepts; ``reason`` names the problem for the caller to translate."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class WavAudio:
    """Decoded 16-bit mono samples and their rate."""

    samples: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        """Duration in seconds."""
        return len(self.samples) / self.rate


def read_wav(data: bytes) -> WavAudio:
    """Decode a 16-bit mono PCM WAV; raise AudioFormatError with reason ``not-wav``, ``not-mono`` or ``not-16-bit``."""
    try:
        with wave.open(io.BytesIO(data), "rb") as reader:
            channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
            frames = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError, struct.error) as error:
        raise AudioFormatError("not-wav") from error
    if channels != 1:
        raise AudioFormatError("not-mono")
    if width != 2:
        raise AudioFormatError("not-16-bit")
    if rate <= 0:
        raise AudioFormatError("not-wav")
    usable = len(frames) - len(frames) % 2
    return WavAudio(np.frombuffer(frames[:usable], dtype="<i2").astype(np.int16), rate)


def resample(samples: np.ndarray, rate: int, target: int = TELEPHONE_RATE) -> np.ndarray:
    """Bring int16 samples to ``target`` Hz: windowed-sinc low-pass (when going down), then linear interpolation."""
    if rate == target or len(samples) == 0:
        return samples.astype(np.int16)
    signal = samples.astype(np.float64)
    if rate > target:
        cutoff = min(_LOW_PASS_CUTOFF_HZ, target / 2) / rate
        n = np.arange(_LOW_PASS_TAPS) - (_LOW_PASS_TAPS - 1) / 2
        kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(_LOW_PASS_TAPS)
        signal = np.convolve(signal, kernel / kernel.sum(), mode="same")
    positions = np.arange(0, len(signal), rate / target)
    out = np.interp(positions, np.arange(len(signal)), signal)
    return np.clip(np.rint(out), -32768, 32767).astype(np.int16)


def mulaw_encode(samples: np.ndarray) -> bytes:
    """G.711 mu-law bytes of int16 samples, bit for bit the CCITT reference coder (Sun's ``g711.c``), vectorised."""
    value = samples.astype(np.int32) >> 2  # the reference works on 14-bit magnitudes
    mask = np.where(value < 0, 0x7F, 0xFF)
    magnitude = np.minimum(np.abs(value), _MULAW_CLIP) + (_MULAW_BIAS >> 2)
    segment = np.searchsorted(_MULAW_SEGMENT_ENDS, magnitude)
    code = (segment << 4) | ((magnitude >> (np.minimum(segment, 7) + 1)) & 0x0F)
    code = np.where(segment >= len(_MULAW_SEGMENT_ENDS), 0x7F, code)
    return (code ^ mask).astype(np.uint8).tobytes()


def mulaw_decode(data: bytes) -> np.ndarray:
    """int16 samples of G.711 mu-law bytes."""
    u = ~np.frombuffer(data, dtype=np.uint8).astype(np.int32) & 0xFF
    exponent = (u >> 4) & 0x07
    magnitude = (((u & 0x0F) << 3) + _MULAW_BIAS) << exponent
    return np.where(u & 0x80, _MULAW_BIAS - magnitude, magnitude - _MULAW_BIAS).astype(np.int16)


def wav_to_pcmu(data: bytes) -> bytes:
    """8 kHz mu-law bytes of a 16-bit mono WAV at any rate."""
    audio = read_wav(data)
    return mulaw_encode(resample(audio.samples, audio.rate))


def packets_of(pcmu: bytes) -> list[bytes]:
    """20 ms payloads; the last one is padded with silence."""
    payloads = [pcmu[i : i + SAMPLES_PER_PACKET] for i in range(0, len(pcmu), SAMPLES_PER_PACKET)]
    if payloads and len(payloads[-1]) < SAMPLES_PER_PACKET:
        payloads[-1] = payloads[-1].ljust(SAMPLES_PER_PACKET, bytes([PCMU_SILENCE]))
    return payloads


def rtp_packet(
    payload_type: int, sequence: int, timestamp: int, ssrc: int, payload: bytes, marker: bool = False
) -> bytes:
    """One RTP packet (version 2, no padding, extension or CSRC)."""
    second = (payload_type & _RTP_PT_MASK) | (_RTP_MARKER if marker else 0)
    header = _RTP_HEADER.pack(_RTP_VERSION_BYTE, second, sequence & 0xFFFF, timestamp & 0xFFFFFFFF, ssrc)
    return header + payload


@dataclass(frozen=True)
class RtpHeader:
    """The fields of an RTP packet this path reads."""

    payload_type: int
    marker: bool
    sequence: int
    timestamp: int
    ssrc: int
    payload: bytes


def parse_rtp(packet: bytes) -> RtpHeader | None:
    """The header and payload of an RTP packet, or None for anything that is not RTP version 2."""
    if len(packet) < _RTP_HEADER.size or packet[0] >> 6 != 2:  # RTP version 2
        return None
    first, second, sequence, timestamp, ssrc = _RTP_HEADER.unpack_from(packet)
    start = _RTP_HEADER.size + 4 * (first & 0x0F)
    if first & 0x10:  # header extension: 4-byte header then length words
        if len(packet) < start + 4:
            return None
        start += 4 + 4 * struct.unpack_from("!H", packet, start + 2)[0]
    end = len(packet) - (packet[-1] if first & 0x20 and packet else 0)
    return RtpHeader(second & _RTP_PT_MASK, bool(second & _RTP_MARKER), sequence, timestamp, ssrc, packet[start:end])


class DtmfReceiver:
    """Turns RFC 4733 telephone-event packets into key presses, each event once (senders repeat its packets)."""

    def __init__(self) -> None:
        self._seen: set[tuple[int, int]] = set()

    def key_of(self, header: RtpHeader) -> str | None:
        """The key this packet starts, or None when it continues or ends an event already counted."""
        if len(header.payload) < 4:  # event, flags, duration
            return None
        event = header.payload[0]
        if event >= len(DTMF_KEYS):
            return None
        identity = (header.ssrc, header.timestamp)
        if identity in self._seen:
            return None
        self._seen.add(identity)
        return DTMF_KEYS[event]
