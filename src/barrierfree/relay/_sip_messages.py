"""SIP messages for the smart-call adapter: parsing, the requests of one dialog, SDP, digest authentication.

Private to the relay domain; ``_sip.py`` drives the calls with these pieces.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field

from barrierfree.relay import _rtp

USER_AGENT = "barrierfree-relay"
_COMPACT_HEADERS = {
    "i": "call-id",
    "f": "from",
    "t": "to",
    "v": "via",
    "m": "contact",
    "l": "content-length",
    "c": "content-type",
}
_START_LINE_MIN_PARTS = 2


@dataclass
class Message:
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


def parse(data: bytes) -> Message | None:
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
        return Message(None, int(first[1]), first[2] if len(first) == _START_LINE_MIN_PARTS + 1 else "", headers, body)
    return Message(first[0].upper(), 0, "", headers, body)


def tag_of(value: str) -> str:
    """The tag parameter of a From or To header."""
    for part in value.split(";")[1:]:
        name, _sep, tag = part.strip().partition("=")
        if name.lower() == "tag":
            return tag
    return ""


def uri_of(value: str) -> str:
    """The URI inside ``<...>`` of a Contact or Record-Route value."""
    if "<" in value and ">" in value:
        return value[value.index("<") + 1 : value.index(">")]
    return value.split(";")[0].strip()


@dataclass(frozen=True)
class Media:
    """Where the callee wants our RTP and which payload type it uses for telephone-event."""

    address: tuple[str, int]
    event_payload_type: int | None


def answer_media(sdp: str, fallback_host: str) -> Media | None:
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
    return Media((host, port), event_pt) if port else None


def digest(method: str, uri: str, challenge: str, user: str, password: str, cnonce: str = "") -> str:
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
class Dialog:
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


def new_branch() -> str:
    return "z9hG4bK" + secrets.token_hex(8)


def response_to(request: Message, status: int, reason: str) -> bytes:
    """A response copying the request's Via, From, To, Call-ID and CSeq."""
    vias = "".join(f"Via: {via}\r\n" for via in request.headers.get("via", []))
    return (
        f"SIP/2.0 {status} {reason}\r\n{vias}"
        f"From: {request.header('from')}\r\nTo: {request.header('to')}\r\n"
        f"Call-ID: {request.header('call-id')}\r\nCSeq: {request.header('cseq')}\r\n"
        f"User-Agent: {USER_AGENT}\r\nContent-Length: 0\r\n\r\n"
    ).encode()


def sdp_offer(local_ip: str, rtp_port: int) -> str:
    session = secrets.randbelow(2**31)
    return (
        f"v=0\r\no=- {session} {session} IN IP4 {local_ip}\r\ns={USER_AGENT}\r\nc=IN IP4 {local_ip}\r\nt=0 0\r\n"
        f"m=audio {rtp_port} RTP/AVP {_rtp.PCMU_PAYLOAD_TYPE} {_rtp.TELEPHONE_EVENT_PAYLOAD_TYPE}\r\n"
        f"a=rtpmap:{_rtp.PCMU_PAYLOAD_TYPE} PCMU/{_rtp.TELEPHONE_RATE}\r\n"
        f"a=rtpmap:{_rtp.TELEPHONE_EVENT_PAYLOAD_TYPE} telephone-event/{_rtp.TELEPHONE_RATE}\r\n"
        f"a=fmtp:{_rtp.TELEPHONE_EVENT_PAYLOAD_TYPE} 0-15\r\n"
        f"a=ptime:{round(_rtp.PACKET_SECONDS * 1000)}\r\na=sendrecv\r\n"
    )


def dtmf_relay_key(body: str) -> str | None:
    """The key of an INFO ``application/dtmf-relay`` body (``Signal=1``)."""
    for line in body.splitlines():
        name, _sep, value = line.partition("=")
        if name.strip().lower() == "signal" and value.strip()[:1].upper() in _rtp.DTMF_KEYS:
            return value.strip()[:1].upper()
    return None
