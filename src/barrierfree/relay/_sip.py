"""The SIP trunk adapter of smart calls: a minimal SIP user agent client (RFC 3261 over UDP) with RTP media.

Why not a library: pyVoIP 1.6.8, the maintained pure-Python stack, must REGISTER before it can call, never
reports 486/603 to the caller, and waits on its socket without a timeout when the trunk does not answer, so a
rider's tap could hang; it also encodes through the deprecated ``audioop``. A call needs little of SIP: INVITE
(with digest authentication), CANCEL on ring timeout, ACK, BYE both ways, an SDP offer of PCMU and
telephone-event, and INFO ``application/dtmf-relay`` as a second way keys arrive. Every wait has a deadline.
"""

from __future__ import annotations

import secrets
import select
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from barrierfree.relay import _rtp
from barrierfree.relay._sip_messages import (
    Dialog,
    Media,
    Message,
    answer_media,
    digest,
    dtmf_relay_key,
    new_branch,
    parse,
    response_to,
    sdp_offer,
    tag_of,
    uri_of,
)
from barrierfree.relay.calls import CallOutcome, DialFailure

SIP_T1_S = 0.5
"""RFC 3261 round-trip estimate: the first retransmission interval over UDP."""
SIP_T2_S = 4.0
"""The longest retransmission interval for INVITE and BYE."""
DEFAULT_RESPONSE_TIMEOUT_S = 4.0
"""No response at all from the trunk within this time means it is down."""
CANCEL_TIMEOUT_S = 2.0
"""How long to wait for the 487 after a CANCEL."""
BYE_TIMEOUT_S = 2.0
"""How long to wait for the 200 to a BYE before closing anyway."""
MAX_DATAGRAM = 65_535
SIP_PORT = 5060
_BUSY = frozenset({486, 600})
_NOT_ANSWERED = frozenset({408, 480, 487})
_AUTH_CHALLENGES = frozenset({401, 407})
_OK = 200
_FIRST_FAILURE = 300
_SERVER_ERRORS = 500
_PROVISIONAL = 100
_UNAUTHORIZED = 401
_GLOBAL_FAILURES = 600


@dataclass(frozen=True)
class TrunkSettings:
    """Where the SIP trunk is and who we are to it.

    Parameters
    ----------
    host, port
        The trunk (or outbound proxy) every request is sent to.
    user, password
        Digest credentials, used when the trunk challenges (401/407); the user is also the From user.
    local_ip
        The address put in Via, Contact and SDP; empty: the address the system routes to the trunk from.
    local_port
        The local SIP port; 0 picks a free one per call.
    response_timeout_s
        No response within this time means the trunk is down.
    """

    host: str
    port: int = SIP_PORT
    user: str = "barrierfree"
    password: str = ""
    local_ip: str = ""
    local_port: int = 0
    response_timeout_s: float = DEFAULT_RESPONSE_TIMEOUT_S


class SipLine:
    """An answered call: paced RTP out, RFC 4733 and INFO keys in, BYE in either direction."""

    def __init__(
        self, sip: socket.socket, rtp: socket.socket, dialog: Dialog, media: Media, invite_ok: Message
    ) -> None:
        self._sip = sip
        self._rtp = rtp
        self._dialog = dialog
        self._media = media
        self._ack = b""
        self._invite_cseq = int(invite_ok.header("cseq").split()[0])
        self._keys: list[str] = []
        self._unread: list[str] = []
        self._dtmf = _rtp.DtmfReceiver()
        self._hung_up = False
        self._closed = False
        self._sequence = secrets.randbelow(2**16)
        self._timestamp = secrets.randbelow(2**32)
        self._ssrc = secrets.randbelow(2**32)
        self._last_sent: float | None = None
        self.packets_sent = 0
        self.first_packet_at: float | None = None
        """``time.monotonic()`` when the first RTP packet left (for the latency benchmark)."""

    def acknowledge(self, ack: bytes) -> None:
        """Send (and remember, for retransmitted 200s) the ACK of the INVITE."""
        self._ack = ack
        self._sip.send(ack)

    @property
    def hung_up(self) -> bool:
        return self._hung_up

    @property
    def keys(self) -> str:
        return "".join(self._keys)

    def _heard(self, key: str) -> None:
        self._keys.append(key)
        self._unread.append(key)

    def _take(self, wanted: str) -> str | None:
        while self._unread:
            key = self._unread.pop(0)
            if key in wanted:
                return key
        return None

    def _pump(self, timeout_s: float) -> None:
        """Handle what arrives on either socket within ``timeout_s`` (returns at the first batch)."""
        if self._closed:
            return
        readable, _w, _x = select.select([self._sip, self._rtp], [], [], max(0.0, timeout_s))
        for sock in readable:
            try:
                data = sock.recv(MAX_DATAGRAM)
            except OSError:
                if sock is self._sip:
                    self._hung_up = True  # the trunk went away mid-call
                continue
            try:
                if sock is self._rtp:
                    self._on_rtp(data)
                else:
                    self._on_sip(data)
            except OSError:  # a reply we could not send: the trunk is gone
                self._hung_up = True

    def _on_rtp(self, data: bytes) -> None:
        header = _rtp.parse_rtp(data)
        if header is None:
            return
        event_types = {_rtp.TELEPHONE_EVENT_PAYLOAD_TYPE, self._media.event_payload_type}
        if header.payload_type in event_types:
            key = self._dtmf.key_of(header)
            if key is not None:
                self._heard(key)

    def _on_sip(self, data: bytes) -> None:
        message = parse(data)
        if message is None or message.header("call-id") != self._dialog.call_id:
            return
        if message.method is None:
            if message.cseq_method == "INVITE" and message.status == _OK and self._ack:
                self._sip.send(self._ack)  # our ACK was lost: the 200 is retransmitted
            return
        if message.method == "BYE":
            self._sip.send(response_to(message, _OK, "OK"))
            self._hung_up = True
        elif message.method == "INFO":
            key = dtmf_relay_key(message.body)
            self._sip.send(response_to(message, _OK, "OK"))
            if key is not None:
                self._heard(key)
        elif message.method != "ACK":
            self._sip.send(response_to(message, 501, "Not Implemented"))

    def play(self, pcmu: bytes, stop_keys: str) -> str | None:
        now = time.monotonic()
        if self._last_sent is not None:  # a new talkspurt: the timestamp runs on through the silence
            gap = max(0.0, now - self._last_sent - _rtp.PACKET_SECONDS)
            self._timestamp += round(gap * _rtp.TELEPHONE_RATE)
        due = now
        for index, payload in enumerate(_rtp.packets_of(pcmu)):
            while True:
                key = self._take(stop_keys)
                if key is not None or self._hung_up:
                    return key
                wait = due - time.monotonic()
                if wait <= 0:
                    break
                self._pump(wait)
            packet = _rtp.rtp_packet(
                _rtp.PCMU_PAYLOAD_TYPE, self._sequence, self._timestamp, self._ssrc, payload, marker=index == 0
            )
            try:
                self._rtp.sendto(packet, self._media.address)
            except OSError:
                self._hung_up = True
                return None
            sent = time.monotonic()
            if self.first_packet_at is None:
                self.first_packet_at = sent
            self._last_sent = sent
            self.packets_sent += 1
            self._sequence += 1
            self._timestamp += _rtp.SAMPLES_PER_PACKET
            due += _rtp.PACKET_SECONDS
        while (wait := due - time.monotonic()) > 0 and not self._hung_up:  # until the last packet has been heard
            key = self._take(stop_keys)
            if key is not None:
                return key
            self._pump(wait)
        return self._take(stop_keys)

    def wait_for_key(self, keys: str, timeout_s: float) -> str | None:
        deadline = time.monotonic() + timeout_s
        while True:
            key = self._take(keys)
            remaining = deadline - time.monotonic()
            if key is not None or self._hung_up or remaining <= 0:
                return key
            self._pump(remaining)

    def hang_up(self) -> None:
        if self._closed:
            return
        try:
            if not self._hung_up:
                self._dialog.cseq = self._invite_cseq + 1
                bye = self._dialog.request("BYE", new_branch())
                self._send_until_answered(bye, "BYE", BYE_TIMEOUT_S)
        finally:
            self._hung_up = True
            self._closed = True
            self._sip.close()
            self._rtp.close()

    def _send_until_answered(self, request: bytes, method: str, timeout_s: float) -> None:
        """Send a request with UDP retransmissions until its final response or the timeout."""
        deadline = time.monotonic() + timeout_s
        interval = SIP_T1_S
        try:
            self._sip.send(request)
            resend = time.monotonic() + interval
            while (now := time.monotonic()) < deadline:
                if now >= resend:
                    self._sip.send(request)
                    interval = min(interval * 2, SIP_T2_S)
                    resend = now + interval
                readable, _w, _x = select.select([self._sip], [], [], min(resend, deadline) - now)
                if not readable:
                    continue
                message = parse(self._sip.recv(MAX_DATAGRAM))
                if message is None or message.header("call-id") != self._dialog.call_id:
                    continue
                if message.method == "BYE":  # both hung up at once
                    self._sip.send(response_to(message, _OK, "OK"))
                elif message.method is None and message.cseq_method == method and message.status >= _OK:
                    return
        except OSError:
            return


class SipTelephony:
    """Places calls through a SIP trunk (see :class:`TrunkSettings`); implements ``calls.Telephony``."""

    def __init__(self, settings: TrunkSettings) -> None:
        self.settings = settings
        self.last_line: SipLine | None = None
        """The line of the last answered call (the latency benchmark reads its first-packet time)."""

    def dial(self, number: str, ring_timeout_s: float, on_ringing: Callable[[], None]) -> SipLine | DialFailure:
        """Call ``number`` through the trunk; the answered line, or why it was not answered."""
        settings = self.settings
        try:
            trunk = socket.getaddrinfo(settings.host, settings.port, socket.AF_INET, socket.SOCK_DGRAM)[0][4]
        except (OSError, UnicodeError) as error:
            return DialFailure(CallOutcome.TRUNK_DOWN, f"cannot resolve {settings.host}: {error}")
        sip = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            sip.bind((settings.local_ip or "0.0.0.0", settings.local_port))  # noqa: S104 - the OS picks the route
            sip.connect(trunk)
            local_ip = settings.local_ip or sip.getsockname()[0]
            rtp.bind((local_ip, 0))
            result = self._invite(sip, rtp, local_ip, number, ring_timeout_s, on_ringing)
        except OSError as error:
            result = DialFailure(CallOutcome.TRUNK_DOWN, f"network error: {error}")
        except BaseException:  # e.g. the ringing callback failed: leave no socket behind
            sip.close()
            rtp.close()
            raise
        if isinstance(result, DialFailure):
            sip.close()
            rtp.close()
        else:
            self.last_line = result
        return result

    def _invite(
        self,
        sip: socket.socket,
        rtp: socket.socket,
        local_ip: str,
        number: str,
        ring_timeout_s: float,
        on_ringing: Callable[[], None],
    ) -> SipLine | DialFailure:
        settings = self.settings
        host = f"{settings.host}:{settings.port}" if settings.port != SIP_PORT else settings.host
        dialog = Dialog(local_ip, sip.getsockname()[1], settings.user, host, f"sip:{number}@{host}")
        offer = sdp_offer(local_ip, rtp.getsockname()[1])
        branch = new_branch()
        extra = ""
        invite = dialog.request("INVITE", branch, body=offer)
        started = time.monotonic()
        response_deadline = started + settings.response_timeout_s
        ring_deadline = started + ring_timeout_s
        interval, resend = SIP_T1_S, started + SIP_T1_S
        heard_back = ringing = authenticated = False
        sip.send(invite)
        while True:
            now = time.monotonic()
            if not heard_back and now >= response_deadline:
                return DialFailure(
                    CallOutcome.TRUNK_DOWN, f"no response from {host} in {settings.response_timeout_s:g} s"
                )
            if heard_back and now >= ring_deadline:
                return self._cancel(sip, rtp, dialog, branch)
            if not heard_back and now >= resend:
                sip.send(invite)
                interval = min(interval * 2, SIP_T2_S)
                resend = now + interval
            wake = min(ring_deadline if heard_back else response_deadline, resend if not heard_back else ring_deadline)
            readable, _w, _x = select.select([sip], [], [], max(0.0, wake - now))
            if not readable:
                continue
            try:
                message = parse(sip.recv(MAX_DATAGRAM))
            except ConnectionRefusedError:
                return DialFailure(CallOutcome.TRUNK_DOWN, f"nothing listens at {host}")
            if message is None or message.header("call-id") != dialog.call_id:
                continue
            if message.method is not None:
                if message.method != "ACK":
                    sip.send(response_to(message, 481 if message.method == "BYE" else 501, "Not Here"))
                continue
            if message.cseq_method != "INVITE":
                continue
            heard_back = True
            if message.status < _OK:
                if message.status > _PROVISIONAL and not ringing:
                    ringing = True
                    on_ringing()
                continue
            dialog.to_tag = tag_of(message.header("to"))
            if message.status < _FIRST_FAILURE:
                return self._answered(sip, rtp, dialog, message)
            sip.send(self._ack_failure(dialog, branch, message))
            if message.status in _AUTH_CHALLENGES and not authenticated and settings.password:
                authenticated = True
                server = message.status == _UNAUTHORIZED
                name = "www-authenticate" if server else "proxy-authenticate"
                header = "Authorization" if server else "Proxy-Authorization"
                answer = digest("INVITE", dialog.target, message.header(name), settings.user, settings.password)
                dialog.to_tag, dialog.cseq, branch = "", dialog.cseq + 1, new_branch()
                extra = f"{header}: {answer}\r\n"
                invite = dialog.request("INVITE", branch, extra=extra, body=offer)
                heard_back = False
                response_deadline = time.monotonic() + settings.response_timeout_s
                interval, resend = SIP_T1_S, time.monotonic() + SIP_T1_S
                sip.send(invite)
                continue
            return DialFailure(_failure_outcome(message.status), f"SIP {message.status} {message.reason}".strip())

    @staticmethod
    def _ack_failure(dialog: Dialog, branch: str, response: Message) -> bytes:
        """The ACK of a non-2xx final response: same branch and Request-URI as the INVITE."""
        return dialog.request("ACK", branch, uri=dialog.target)

    @staticmethod
    def _answered(sip: socket.socket, rtp: socket.socket, dialog: Dialog, ok: Message) -> SipLine | DialFailure:
        contact = ok.header("contact")
        dialog.remote_target = uri_of(contact) if contact else dialog.target
        dialog.route = list(
            reversed([value for header in ok.headers.get("record-route", []) for value in header.split(",")])
        )
        media = answer_media(ok.body, sip.getpeername()[0])
        line = SipLine(sip, rtp, dialog, media or Media(("0.0.0.0", 9), None), ok)  # noqa: S104 - discard address
        line.acknowledge(dialog.request("ACK", new_branch()))
        if media is None:
            line.hang_up()
            return DialFailure(CallOutcome.REJECTED, "the answer has no audio stream")
        return line

    @staticmethod
    def _cancel(sip: socket.socket, rtp: socket.socket, dialog: Dialog, branch: str) -> DialFailure:
        """Stop ringing: CANCEL, then ACK the 487 (or hang up a 200 that crossed the CANCEL)."""
        cancel = dialog.request("CANCEL", branch, uri=dialog.target)
        deadline = time.monotonic() + CANCEL_TIMEOUT_S
        sip.send(cancel)
        resend = time.monotonic() + SIP_T1_S
        while (now := time.monotonic()) < deadline:
            if now >= resend:
                sip.send(cancel)
                resend = now + SIP_T1_S
            readable, _w, _x = select.select([sip], [], [], min(resend, deadline) - now)
            if not readable:
                continue
            try:
                message = parse(sip.recv(MAX_DATAGRAM))
            except OSError:
                break
            if message is None or message.method is not None or message.header("call-id") != dialog.call_id:
                continue
            if message.cseq_method == "CANCEL":
                resend = deadline  # the trunk has it; now wait for the INVITE's final response
            elif message.cseq_method == "INVITE" and message.status >= _OK:
                dialog.to_tag = tag_of(message.header("to"))
                if message.status < _FIRST_FAILURE:
                    answered = SipTelephony._answered(sip, rtp, dialog, message)
                    if isinstance(answered, SipLine):
                        answered.hang_up()
                else:
                    sip.send(SipTelephony._ack_failure(dialog, branch, message))
                break
        return DialFailure(CallOutcome.NO_ANSWER, "ring timeout")


def _failure_outcome(status: int) -> CallOutcome:
    """The rider's outcome for a final SIP failure code."""
    if status in _BUSY:
        return CallOutcome.BUSY
    if status in _NOT_ANSWERED:
        return CallOutcome.NO_ANSWER
    if status in _AUTH_CHALLENGES or _SERVER_ERRORS <= status < _GLOBAL_FAILURES:
        return CallOutcome.TRUNK_DOWN
    return CallOutcome.REJECTED
