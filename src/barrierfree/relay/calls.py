"""One-click smart calls: the platform rings the customer, speaks the rider's card and reads their keypad reply.

A hearing-impaired rider taps a button; :func:`place_call` dials the customer through a :class:`Telephony` (the
SIP trunk adapter in ``_sip.py`` in production), plays the card audio, repeats it on request, waits for one key
(1 = coming down, 2 = leave it at the door, 3 = please chat) and returns a :class:`CallResult` whose
:func:`outcome_message` the rider reads as text. Busy, no answer, rejected and trunk-down each have their own
outcome, so the caller can fall back to a text message. Every wait is bounded by a limit below.
"""

from __future__ import annotations

import io
import struct
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from barrierfree.core.i18n import _
from barrierfree.relay import _rtp
from barrierfree.relay.errors import InvalidRelayInput

if TYPE_CHECKING:
    from barrierfree.relay._sip import TrunkSettings

MAX_AUDIO_SECONDS = 60.0
"""The longest card audio a call plays (the same limit as a voice message)."""
MIN_REPEATS = 1
MAX_REPEATS = 5
"""How many times the message is played before waiting for the reply."""
DEFAULT_REPEATS = 2
MAX_PLAYS = 8
"""Plays per call in all, counting the ones the customer asks for with :data:`REPEAT_KEY`."""
MIN_RING_TIMEOUT_S = 1.0
MAX_RING_TIMEOUT_S = 60.0
DEFAULT_RING_TIMEOUT_S = 30.0
"""How long the customer's phone may ring before the call counts as not answered."""
MIN_REPLY_TIMEOUT_S = 1.0
MAX_REPLY_TIMEOUT_S = 30.0
DEFAULT_REPLY_TIMEOUT_S = 10.0
"""How long to wait for a key after the last play."""
PAUSE_BETWEEN_PLAYS_S = 0.6
"""Silence between two plays of the message, so the repetition is heard as one."""
REPEAT_KEY = "*"
"""The key that plays the message again."""
MIN_NUMBER_DIGITS = 5
MAX_NUMBER_DIGITS = 15
"""E.164 allows at most 15 digits including the country code."""
NUMBER_SEPARATORS = " -.()"
"""Characters people type inside phone numbers; they are removed."""
MIN_AUDIO_RATE = 8_000
MAX_AUDIO_RATE = 48_000


class CallStatus(StrEnum):
    """Where a call is, reported to the rider as it changes."""

    DIALLING = "dialling"
    RINGING = "ringing"
    ANSWERED = "answered"
    SPEAKING = "speaking"
    WAITING_FOR_REPLY = "waiting-for-reply"
    ENDED = "ended"


class CallOutcome(StrEnum):
    """How a call ended; everything but ``answered`` means: send a text message instead."""

    ANSWERED = "answered"
    BUSY = "busy"
    NO_ANSWER = "no-answer"
    REJECTED = "rejected"
    TRUNK_DOWN = "trunk-down"


class KeypadReply(StrEnum):
    """The customer's answer, one key."""

    COMING_DOWN = "1"
    LEAVE_AT_DOOR = "2"
    PLEASE_CHAT = "3"


REPLY_KEYS = "".join(reply.value for reply in KeypadReply)


class Line(Protocol):
    """An answered call: audio out, keys in."""

    @property
    def hung_up(self) -> bool:
        """Whether the customer has hung up."""
        ...

    @property
    def keys(self) -> str:
        """Every key the customer pressed so far, in order."""
        ...

    def play(self, pcmu: bytes, stop_keys: str) -> str | None:
        """Send 8 kHz mu-law audio in real time; return early with the first key of ``stop_keys`` pressed."""
        ...

    def wait_for_key(self, keys: str, timeout_s: float) -> str | None:
        """The first key of ``keys`` pressed within ``timeout_s``, else None (also when the customer hangs up)."""
        ...

    def hang_up(self) -> None:
        """End the call (idempotent, bounded in time)."""
        ...


@dataclass(frozen=True)
class DialFailure:
    """A call that was never answered, and the line's reason (e.g. ``SIP 486 Busy Here``) for the logs."""

    outcome: CallOutcome
    detail: str = ""


class Telephony(Protocol):
    """Places calls: the SIP trunk adapter in production."""

    def dial(self, number: str, ring_timeout_s: float, on_ringing: Callable[[], None]) -> Line | DialFailure:
        """Call ``number``; the answered line, or why it was not answered. Never waits past its own timeouts."""
        ...


def normalize_number(number: str) -> str:
    """The number as dialled: ``+`` and digits (E.164) or national digits; InvalidRelayInput saying what is wrong."""
    example = "+8613812345678"
    text = number.strip()
    if not text:
        raise InvalidRelayInput(
            _("Enter the customer's phone number, e.g. {example}.").format(example=example), field="number"
        )
    compact = "".join(char for char in text if char not in NUMBER_SEPARATORS)
    international = compact.startswith("+")
    digits = compact[1:] if international else compact
    bad = next((char for char in digits if not char.isascii() or not char.isdigit()), None)
    if bad is not None:
        raise InvalidRelayInput(
            _(
                "The phone number contains “{char}”. Use digits only, with + and the country code in front if needed, e.g. {example}."
            ).format(char=bad, example=example),
            field="number",
        )
    if not MIN_NUMBER_DIGITS <= len(digits) <= MAX_NUMBER_DIGITS:
        raise InvalidRelayInput(
            _(
                "The phone number has {count} digits; a phone number has {low} to {high}. Check it and try again."
            ).format(count=len(digits), low=MIN_NUMBER_DIGITS, high=MAX_NUMBER_DIGITS),
            field="number",
        )
    if international and digits.startswith("0"):
        raise InvalidRelayInput(
            _("After + comes the country code, which never starts with 0 (China is +86). Remove the 0 or the +."),
            field="number",
        )
    return ("+" if international else "") + digits


def _check_audio(audio_wav: bytes) -> None:
    """Refuse audio the call cannot play: not a 16-bit mono WAV, an odd rate, empty, or longer than the limit."""
    try:
        with wave.open(io.BytesIO(audio_wav), "rb") as reader:
            channels, width, rate, frames = (
                reader.getnchannels(),
                reader.getsampwidth(),
                reader.getframerate(),
                reader.getnframes(),
            )
    except (wave.Error, EOFError, struct.error):
        raise InvalidRelayInput(
            _("The call audio is not a WAV file. Send 16-bit mono PCM WAV, as the speech service produces."),
            field="audio",
        ) from None
    if channels != 1 or width != 2:
        raise InvalidRelayInput(
            _(
                "The call audio must be 16-bit mono WAV; this one has {channels} channel(s) of {bits}-bit samples."
            ).format(channels=channels, bits=8 * width),
            field="audio",
        )
    if not MIN_AUDIO_RATE <= rate <= MAX_AUDIO_RATE:
        raise InvalidRelayInput(
            _("The call audio is sampled at {rate} Hz; use a rate from {low} to {high} Hz.").format(
                rate=rate, low=MIN_AUDIO_RATE, high=MAX_AUDIO_RATE
            ),
            field="audio",
        )
    seconds = frames / rate
    if frames == 0:
        raise InvalidRelayInput(_("The call audio is empty. Speak the card again."), field="audio")
    if seconds > MAX_AUDIO_SECONDS:
        raise InvalidRelayInput(
            _("The call audio lasts {seconds} s; a call plays at most {limit} s. Shorten the text.").format(
                seconds=f"{seconds:.0f}", limit=f"{MAX_AUDIO_SECONDS:.0f}"
            ),
            field="audio",
        )


def _check_range(value: float, low: float, high: float, field_name: str, label: str) -> None:
    """InvalidRelayInput when a number is outside its limits."""
    if not low <= value <= high:
        raise InvalidRelayInput(
            _("{label} must be from {low} to {high}; it was {value}.").format(
                label=label, low=f"{low:g}", high=f"{high:g}", value=f"{value:g}"
            ),
            field=field_name,
        )


@dataclass(frozen=True)
class CallRequest:
    """What to call and what to say; validated on construction (the number is normalized)."""

    number: str
    audio_wav: bytes
    repeats: int = DEFAULT_REPEATS
    ring_timeout_s: float = DEFAULT_RING_TIMEOUT_S
    reply_timeout_s: float = DEFAULT_REPLY_TIMEOUT_S

    def __post_init__(self) -> None:
        object.__setattr__(self, "number", normalize_number(self.number))
        _check_audio(self.audio_wav)
        if not isinstance(self.repeats, int) or isinstance(self.repeats, bool):
            raise InvalidRelayInput(_("The number of plays must be a whole number."), field="repeats")
        _check_range(self.repeats, MIN_REPEATS, MAX_REPEATS, "repeats", _("The number of plays"))
        _check_range(
            self.ring_timeout_s, MIN_RING_TIMEOUT_S, MAX_RING_TIMEOUT_S, "ring_timeout_s", _("The ring time (seconds)")
        )
        _check_range(
            self.reply_timeout_s,
            MIN_REPLY_TIMEOUT_S,
            MAX_REPLY_TIMEOUT_S,
            "reply_timeout_s",
            _("The reply wait (seconds)"),
        )


@dataclass(frozen=True)
class CallResult:
    """How the call went: outcome, the reply key if any, every key heard, plays, durations (seconds)."""

    outcome: CallOutcome
    reply: KeypadReply | None = None
    digits: str = ""
    seconds: float = 0.0
    answered_after_s: float | None = None
    plays: int = 0
    detail: str = ""
    statuses: tuple[CallStatus, ...] = field(default=())

    @property
    def fall_back_to_text(self) -> bool:
        """Whether the rider should send a text message: no answer, no key, or the customer asked for chat."""
        return self.reply in (None, KeypadReply.PLEASE_CHAT)


def place_call(
    telephony: Telephony, request: CallRequest, on_status: Callable[[CallStatus], None] | None = None
) -> CallResult:
    """Call the customer, speak the audio ``repeats`` times (more on :data:`REPEAT_KEY`) and read one reply key."""
    started = time.monotonic()
    statuses: list[CallStatus] = []

    def report(status: CallStatus) -> None:
        statuses.append(status)
        if on_status is not None:
            on_status(status)

    pcmu = _rtp.wav_to_pcmu(request.audio_wav)
    report(CallStatus.DIALLING)
    dialled = telephony.dial(request.number, request.ring_timeout_s, lambda: report(CallStatus.RINGING))
    if isinstance(dialled, DialFailure):
        report(CallStatus.ENDED)
        return CallResult(
            dialled.outcome, seconds=time.monotonic() - started, detail=dialled.detail, statuses=tuple(statuses)
        )
    answered_after = time.monotonic() - started
    line = dialled
    plays = 0
    key: str | None = None
    try:
        report(CallStatus.ANSWERED)
        wanted = REPLY_KEYS + REPEAT_KEY
        to_play = request.repeats
        reply_deadline: float | None = None
        while not line.hung_up:
            if to_play > 0 and plays < MAX_PLAYS:
                key = line.wait_for_key(wanted, PAUSE_BETWEEN_PLAYS_S) if plays else None
                if key is None:
                    report(CallStatus.SPEAKING)
                    key = line.play(pcmu, wanted)
                    plays += 1
                    to_play -= 1
                    if key is None:
                        continue
            else:
                if reply_deadline is None:
                    report(CallStatus.WAITING_FOR_REPLY)
                    reply_deadline = time.monotonic() + request.reply_timeout_s
                remaining = reply_deadline - time.monotonic()
                key = line.wait_for_key(wanted, remaining) if remaining > 0 else None
                if key is None:
                    break
            if key != REPEAT_KEY:
                break
            key = None
            if plays < MAX_PLAYS:
                to_play, reply_deadline = max(to_play, 1), None
    finally:
        line.hang_up()
        report(CallStatus.ENDED)
    return CallResult(
        CallOutcome.ANSWERED,
        reply=KeypadReply(key) if key is not None else None,
        digits=line.keys,
        seconds=time.monotonic() - started,
        answered_after_s=answered_after,
        plays=plays,
        statuses=tuple(statuses),
    )


def sip_telephony(settings: TrunkSettings) -> Telephony:
    """The production telephony: calls through the configured SIP trunk."""
    from barrierfree.relay._sip import SipTelephony

    return SipTelephony(settings)


def status_message(status: CallStatus) -> str:
    """The rider's one-line text for a call status, in the current language."""
    messages = {
        CallStatus.DIALLING: _("Calling the customer…"),
        CallStatus.RINGING: _("The customer's phone is ringing…"),
        CallStatus.ANSWERED: _("The customer answered."),
        CallStatus.SPEAKING: _("Playing your message to the customer…"),
        CallStatus.WAITING_FOR_REPLY: _("Waiting for the customer to press a key…"),
        CallStatus.ENDED: _("The call has ended."),
    }
    return messages[status]


def reply_message(reply: KeypadReply) -> str:
    """The rider's text for the customer's key."""
    messages = {
        KeypadReply.COMING_DOWN: _("The customer pressed 1: they are coming down."),
        KeypadReply.LEAVE_AT_DOOR: _("The customer pressed 2: leave the order at the door."),
        KeypadReply.PLEASE_CHAT: _("The customer pressed 3: they would like to chat. Open the chat."),
    }
    return messages[reply]


def outcome_message(result: CallResult) -> str:
    """The rider's text for how a call ended, saying what to do next."""
    if result.outcome is CallOutcome.ANSWERED:
        if result.reply is not None:
            return reply_message(result.reply)
        return _("The customer answered but pressed no key. Send them a text message.")
    messages = {
        CallOutcome.BUSY: _("The customer's line is busy. Send them a text message instead."),
        CallOutcome.NO_ANSWER: _("The customer did not answer. Send them a text message instead."),
        CallOutcome.REJECTED: _("The customer's phone did not accept the call. Send them a text message instead."),
        CallOutcome.TRUNK_DOWN: _("Calls cannot be placed right now. Send the customer a text message instead."),
    }
    return messages[result.outcome]
