"""The SIP trunk adapter of smart calls: a minimal SIP user agent client (RFC 3261 over UDP) with RTP media.

Why not a library: pyVoIP 1.6.8, the maintained pure-Python stack, must REGISTER before it can call, never
reports 486/603 to the caller, and waits on its socket without a timeout when the trunk does not answer, so a
rider's tap could hang; it also encodes through the deprecated ``audioop``. A call needs little of SIP: INVITE
(with digest authentication), CANCEL on ring timeout, ACK, BYE both ways, an SDP offer of PCMU and
telephone-event, and INFO ``application/dtmf-relay`` as a second way keys arrive. Every wait has a deadline.
"""

from __future__ import annotations

import hashlib
import secrets
import select
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from barrierfree.relay import _rtp
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
USER_AGENT = "barrierfree-relay"
_BUSY = frozenset({486, 600})
_NOT_ANSWERED = frozenset({408, 480, 487})
_AUTH_CHALLENGES = frozenset({401, 407})
_COMPACT_HEADERS = {
    "i": "call-id",
    "f": "from",
    "t": "to",
    "v": "via",
    "m": "contact",
    "l": "content-length",
    "c": "content-type",
}
_OK = 200
_FIRST_FAILURE = 300
_SERVER_ERRORS = 500
_PROVISIONAL = 100
_UNAUTHORIZED = 401
_GLOBAL_FAILURES = 600
_START_LINE_MIN_PARTS = 2


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


@dataclass
class _Message:
    """A parsed SIP request or response (header names lower-case, compact forms expanded)."""

    method: str | None
    status: int
    reason: str
    headers: dict[str, list[str]]
    body: str

    def header(self, name: str) -> str:
        values = self.headers.get(name, [])
        return values[0] if values else ""

    @property
    def cseq_method(self) -> str:
        parts = self.header("cseq").split()
        return parts[1].upper() if len(parts) > 1 else ""


def _parse(data: bytes) -> _Message | None:
    """A SIP message, or None for anything else (keep-alives, garbage)."""
    text = data.decode("utf-8", "replace")
    head, _sep, body = text.partition("\r\n\r\n")
    lines = head.split("\r\n")
    first = lines[0].split(" ", 2)
    if len(first) < _START_LINE_MIN_PARTS:
        return None
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            key = name.strip().lower()
            headers.setdefault(_COMPACT_HEADERS.get(key, key), []).append(value.strip())
    if first[0] == "SIP/2.0":
        if not first[1].isdigit():
            return None
        return _Message(None, int(first[1]), first[2] if len(first) == _START_LINE_MIN_PARTS + 1 else "", headers, body)
    return _Message(first[0].upper(), 0, "", headers, body)


def _tag(value: str) -> str:
    """The tag parameter of a From or To header."""
    for part in value.split(";")[1:]:
        name, _sep, tag = part.strip().partition("=")
        if name.lower() == "tag":
            return tag
    return ""


def _uri_of(value: str) -> str:
    """The URI inside ``<...>`` of a Contact or Record-Route value."""
    if "<" in value and ">" in value:
        return value[value.index("<") + 1 : value.index(">")]
    return value.split(";")[0].strip()


@dataclass(frozen=True)
class _Media:
    """Where the callee wants our RTP and which payload type it uses for telephone-event."""

    address: tuple[str, int]
    event_payload_type: int | None


def _answer_media(sdp: str, fallback_host: str) -> _Media | None:
    """The audio address of an SDP answer, or None when it has no usable audio stream."""
    host, port = fallback_host, 0
    event_pt: int | None = None
    in_audio = False
    for raw in sdp.splitlines():
        line = raw.strip()
        if line.startswith("c=IN IP4 "):
            host = line.split()[2]
        elif line.startswith("m="):
            fields = line[2:].split()
            in_audio = fields[0] == "audio"
            if in_audio and len(fields) > 1 and fields[1].isdigit():
                port = int(fields[1])
        elif in_audio and line.lower().startswith("a=rtpmap:") and "telephone-event" in line.lower():
            number = line.split(":", 1)[1].split()[0]
            event_pt = int(number) if number.isdigit() else None
    return _Media((host, port), event_pt) if port else None


def _digest(method: str, uri: str, challenge: str, user: str, password: str, cnonce: str = "") -> str:
    """The Authorization value answering a Digest challenge (MD5, with qop=auth when offered)."""
    params: dict[str, str] = {}
    for part in challenge.removeprefix("Digest").split(","):
        name, _sep, value = part.strip().partition("=")
        params[name.strip().lower()] = value.strip().strip('"')
    realm, nonce = params.get("realm", ""), params.get("nonce", "")

    def md5(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 - SIP digest is MD5 by definition

    ha1, ha2 = md5(f"{user}:{realm}:{password}"), md5(f"{method}:{uri}")
    fields = [f'username="{user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"', "algorithm=MD5"]
    if "auth" in params.get("qop", "").split(","):
        cnonce, nc = cnonce or secrets.token_hex(8), "00000001"
        response = md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        fields += ["qop=auth", f"nc={nc}", f'cnonce="{cnonce}"']
    else:
        response = md5(f"{ha1}:{nonce}:{ha2}")
    fields.append(f'response="{response}"')
    if "opaque" in params:
        fields.append(f'opaque="{params["opaque"]}"')
    return "Digest " + ", ".join(fields)


@dataclass
class _Dialog:
    """The identifiers every request of one call carries."""

    local_ip: str
    local_port: int
    user: str
    trunk_host: str
    target: str
    call_id: str = field(default_factory=lambda: secrets.token_hex(12))
    from_tag: str = field(default_factory=lambda: secrets.token_hex(6))
    to_tag: str = ""
    cseq: int = 1
    remote_target: str = ""
    route: list[str] = field(default_factory=list)

    def via(self, branch: str) -> str:
        return f"SIP/2.0/UDP {self.local_ip}:{self.local_port};branch={branch};rport"

    def request(
        self, method: str, branch: str, *, uri: str = "", cseq: int | None = None, extra: str = "", body: str = ""
    ) -> bytes:
        to_tag = f";tag={self.to_tag}" if self.to_tag and method != "CANCEL" else ""
        routes = "".join(f"Route: {route}\r\n" for route in self.route) if method not in ("INVITE", "CANCEL") else ""
        content_type = "Content-Type: application/sdp\r\n" if body else ""
        text = (
            f"{method} {uri or self.remote_target or self.target} SIP/2.0\r\n"
            f"Via: {self.via(branch)}\r\n"
            "Max-Forwards: 70\r\n"
            f"{routes}"
            f"From: <sip:{self.user}@{self.trunk_host}>;tag={self.from_tag}\r\n"
            f"To: <{self.target}>{to_tag}\r\n"
            f"Call-ID: {self.call_id}\r\n"
            f"CSeq: {self.cseq if cseq is None else cseq} {method}\r\n"
            f"Contact: <sip:{self.user}@{self.local_ip}:{self.local_port}>\r\n"
            f"User-Agent: {USER_AGENT}\r\n"
            f"{extra}{content_type}"
            f"Content-Length: {len(body.encode())}\r\n\r\n{body}"
        )
        return text.encode()


def _branch() -> str:
    return "z9hG4bK" + secrets.token_hex(8)


def _response(request: _Message, status: int, reason: str) -> bytes:
    """A response copying the request's Via, From, To, Call-ID and CSeq."""
    vias = "".join(f"Via: {via}\r\n" for via in request.headers.get("via", []))
    return (
        f"SIP/2.0 {status} {reason}\r\n{vias}"
        f"From: {request.header('from')}\r\nTo: {request.header('to')}\r\n"
        f"Call-ID: {request.header('call-id')}\r\nCSeq: {request.header('cseq')}\r\n"
        f"User-Agent: {USER_AGENT}\r\nContent-Length: 0\r\n\r\n"
    ).encode()


def _sdp_offer(local_ip: str, rtp_port: int) -> str:
    session = secrets.randbelow(2**31)
    return (
        f"v=0\r\no=- {session} {session} IN IP4 {local_ip}\r\ns={USER_AGENT}\r\nc=IN IP4 {local_ip}\r\nt=0 0\r\n"
        f"m=audio {rtp_port} RTP/AVP {_rtp.PCMU_PAYLOAD_TYPE} {_rtp.TELEPHONE_EVENT_PAYLOAD_TYPE}\r\n"
        f"a=rtpmap:{_rtp.PCMU_PAYLOAD_TYPE} PCMU/{_rtp.TELEPHONE_RATE}\r\n"
        f"a=rtpmap:{_rtp.TELEPHONE_EVENT_PAYLOAD_TYPE} telephone-event/{_rtp.TELEPHONE_RATE}\r\n"
        f"a=fmtp:{_rtp.TELEPHONE_EVENT_PAYLOAD_TYPE} 0-15\r\n"
        f"a=ptime:{round(_rtp.PACKET_SECONDS * 1000)}\r\na=sendrecv\r\n"
    )


def _dtmf_relay_key(body: str) -> str | None:
    """The key of an INFO ``application/dtmf-relay`` body (``Signal=1``)."""
    for line in body.splitlines():
        name, _sep, value = line.partition("=")
        if name.strip().lower() == "signal" and value.strip()[:1].upper() in _rtp.DTMF_KEYS:
            return value.strip()[:1].upper()
    return None


class SipLine:
    """An answered call: paced RTP out, RFC 4733 and INFO keys in, BYE in either direction."""

    def __init__(
        self, sip: socket.socket, rtp: socket.socket, dialog: _Dialog, media: _Media, invite_ok: _Message
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
        message = _parse(data)
        if message is None or message.header("call-id") != self._dialog.call_id:
            return
        if message.method is None:
            if message.cseq_method == "INVITE" and message.status == _OK and self._ack:
                self._sip.send(self._ack)  # our ACK was lost: the 200 is retransmitted
            return
        if message.method == "BYE":
            self._sip.send(_response(message, _OK, "OK"))
            self._hung_up = True
        elif message.method == "INFO":
            key = _dtmf_relay_key(message.body)
            self._sip.send(_response(message, _OK, "OK"))
            if key is not None:
                self._heard(key)
        elif message.method != "ACK":
            self._sip.send(_response(message, 501, "Not Implemented"))

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
                bye = self._dialog.request("BYE", _branch())
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
                message = _parse(self._sip.recv(MAX_DATAGRAM))
                if message is None or message.header("call-id") != self._dialog.call_id:
                    continue
                if message.method == "BYE":  # both hung up at once
                    self._sip.send(_response(message, _OK, "OK"))
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
        dialog = _Dialog(local_ip, sip.getsockname()[1], settings.user, host, f"sip:{number}@{host}")
        offer = _sdp_offer(local_ip, rtp.getsockname()[1])
        branch = _branch()
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
                message = _parse(sip.recv(MAX_DATAGRAM))
            except ConnectionRefusedError:
                return DialFailure(CallOutcome.TRUNK_DOWN, f"nothing listens at {host}")
            if message is None or message.header("call-id") != dialog.call_id:
                continue
            if message.method is not None:
                if message.method != "ACK":
                    sip.send(_response(message, 481 if message.method == "BYE" else 501, "Not Here"))
                continue
            if message.cseq_method != "INVITE":
                continue
            heard_back = True
            if message.status < _OK:
                if message.status > _PROVISIONAL and not ringing:
                    ringing = True
                    on_ringing()
                continue
            dialog.to_tag = _tag(message.header("to"))
            if message.status < _FIRST_FAILURE:
                return self._answered(sip, rtp, dialog, message)
            sip.send(self._ack_failure(dialog, branch, message))
            if message.status in _AUTH_CHALLENGES and not authenticated and settings.password:
                authenticated = True
                server = message.status == _UNAUTHORIZED
                name = "www-authenticate" if server else "proxy-authenticate"
                header = "Authorization" if server else "Proxy-Authorization"
                answer = _digest("INVITE", dialog.target, message.header(name), settings.user, settings.password)
                dialog.to_tag, dialog.cseq, branch = "", dialog.cseq + 1, _branch()
                extra = f"{header}: {answer}\r\n"
                invite = dialog.request("INVITE", branch, extra=extra, body=offer)
                heard_back = False
                response_deadline = time.monotonic() + settings.response_timeout_s
                interval, resend = SIP_T1_S, time.monotonic() + SIP_T1_S
                sip.send(invite)
                continue
            return DialFailure(_failure_outcome(message.status), f"SIP {message.status} {message.reason}".strip())

    @staticmethod
    def _ack_failure(dialog: _Dialog, branch: str, response: _Message) -> bytes:
        """The ACK of a non-2xx final response: same branch and Request-URI as the INVITE."""
        return dialog.request("ACK", branch, uri=dialog.target)

    @staticmethod
    def _answered(sip: socket.socket, rtp: socket.socket, dialog: _Dialog, ok: _Message) -> SipLine | DialFailure:
        contact = ok.header("contact")
        dialog.remote_target = _uri_of(contact) if contact else dialog.target
        dialog.route = list(
            reversed([value for header in ok.headers.get("record-route", []) for value in header.split(",")])
        )
        media = _answer_media(ok.body, sip.getpeername()[0])
        line = SipLine(sip, rtp, dialog, media or _Media(("0.0.0.0", 9), None), ok)  # noqa: S104 - discard address
        line.acknowledge(dialog.request("ACK", _branch()))
        if media is None:
            line.hang_up()
            return DialFailure(CallOutcome.REJECTED, "the answer has no audio stream")
        return line

    @staticmethod
    def _cancel(sip: socket.socket, rtp: socket.socket, dialog: _Dialog, branch: str) -> DialFailure:
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
                message = _parse(sip.recv(MAX_DATAGRAM))
            except OSError:
                break
            if message is None or message.method is not None or message.header("call-id") != dialog.call_id:
                continue
            if message.cseq_method == "CANCEL":
                resend = deadline  # the trunk has it; now wait for the INVITE's final response
            elif message.cseq_method == "INVITE" and message.status >= _OK:
                dialog.to_tag = _tag(message.header("to"))
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
