"""SIPp (Debian ``sip-tester``) as the customer's phone on loopback, and a UDP socket that records the call audio.

Each helper writes a one-call UAS scenario into a temporary folder and starts ``sipp -m 1`` on free ports; SIPp
exits 0 only when the call went exactly as the scenario says (e.g. our ACK and BYE arrived). The 200 OK's SDP
points the caller's RTP at a :class:`RtpRecorder` the test owns, so the test sees every audio packet that reaches
the callee; keypad replies are RFC 4733 packets that SIPp plays from the pcaps Debian ships with it.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SIPP = shutil.which("sipp")
PCAP_DIR = Path("/usr/share/sip-tester")
HOST = "127.0.0.1"
START_TIMEOUT_S = 5.0
SIPP_TIMEOUT_S = 20
"""SIPp gives up (and exits non-zero) after this many seconds whatever happens."""
SKIP_REASON = "SIPp is not installed (Debian package sip-tester; scripts/bootstrap.sh --test installs it)"

_HEADERS = """[last_Via:]
[last_From:]
[last_To:];tag=[pid]SIPpTag01[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:[local_ip]:[local_port];transport=[transport]>"""


def _send(status: str, *, body: str = "", retrans: bool = False) -> str:
    content = f"Content-Type: application/sdp\nContent-Length: [len]\n\n{body}" if body else "Content-Length: 0\n\n"
    attribute = ' retrans="500"' if retrans else ""
    return f"  <send{attribute}><![CDATA[\n\nSIP/2.0 {status}\n{_HEADERS}\n{content}\n]]></send>\n"


def _scenario(steps: str) -> str:
    return f'<?xml version="1.0" encoding="ISO-8859-1" ?>\n<scenario name="callee">\n{steps}</scenario>\n'


def _sdp(audio_port: int) -> str:
    return (
        "v=0\no=callee 1 1 IN IP4 [local_ip]\ns=-\nc=IN IP4 [media_ip]\nt=0 0\n"
        f"m=audio {audio_port} RTP/AVP 0 101\na=rtpmap:0 PCMU/8000\na=rtpmap:101 telephone-event/8000\n"
    )


def pcap_of(key: str) -> Path:
    """The RFC 4733 pcap SIPp ships for a key."""
    name = {"*": "star", "#": "pound"}.get(key, key)
    return PCAP_DIR / f"dtmf_2833_{name}.pcap"


def answering(
    audio_port: int, keys: str = "", *, ring_ms: int = 0, key_after_ms: int = 0, key_gap_ms: int = 400
) -> str:
    """Ring ``ring_ms``, answer with audio to ``audio_port``, press ``keys`` after ``key_after_ms``, await BYE."""
    steps = '  <recv request="INVITE" crlf="true"/>\n'
    if ring_ms:
        steps += _send("180 Ringing") + f'  <pause milliseconds="{ring_ms}"/>\n'
    steps += _send("200 OK", body=_sdp(audio_port), retrans=True)
    steps += '  <recv request="ACK" crlf="true"/>\n'
    for index, key in enumerate(keys):
        pause = key_after_ms if index == 0 else key_gap_ms
        if pause:
            steps += f'  <pause milliseconds="{pause}"/>\n'
        steps += f'  <nop><action><exec play_pcap_audio="{pcap_of(key)}"/></action></nop>\n'
    steps += '  <recv request="BYE"/>\n' + _send("200 OK")
    return _scenario(steps)


def _answer_and_wait(audio_port: int, after_ms: int) -> str:
    """Answer at once with audio to ``audio_port``, take the ACK, then pause ``after_ms``."""
    steps = '  <recv request="INVITE" crlf="true"/>\n' + _send("200 OK", body=_sdp(audio_port), retrans=True)
    return steps + '  <recv request="ACK" crlf="true"/>\n' + f'  <pause milliseconds="{after_ms}"/>\n'


def _request(method: str, *, content_type: str = "", body: str = "") -> str:
    """A request of the callee inside the dialog, and the wait for its 200."""
    content = f"Content-Type: {content_type}\nContent-Length: [len]\n\n{body}" if body else "Content-Length: 0\n\n"
    return (
        f'  <send retrans="500"><![CDATA[\n\n{method} [next_url] SIP/2.0\n'
        "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\n"
        f"From: [last_To:]\nTo: [last_From:]\n[last_Call-ID:]\nCSeq: 1 {method}\n"
        f"Contact: <sip:[local_ip]:[local_port]>\nMax-Forwards: 70\n{content}]]></send>\n"
        '  <recv response="200"/>\n'
    )


def hanging_up(audio_port: int, after_ms: int) -> str:
    """Answer, then hang up (send BYE) after ``after_ms``."""
    return _scenario(_answer_and_wait(audio_port, after_ms) + _request("BYE"))


def answering_by_info(audio_port: int, key: str, *, key_after_ms: int = 200) -> str:
    """Answer, then send the key as SIP INFO ``application/dtmf-relay`` (how some gateways relay keys)."""
    info = _request("INFO", content_type="application/dtmf-relay", body=f"Signal={key}\nDuration=160\n")
    steps = _answer_and_wait(audio_port, key_after_ms) + info
    return _scenario(steps + '  <recv request="BYE"/>\n' + _send("200 OK"))


def refusing(status: str, *, ring_ms: int = 0) -> str:
    """Answer the INVITE with a final failure such as ``486 Busy Here`` and expect its ACK."""
    steps = '  <recv request="INVITE" crlf="true"/>\n'
    if ring_ms:
        steps += _send("180 Ringing") + f'  <pause milliseconds="{ring_ms}"/>\n'
    steps += _send(status, retrans=True) + '  <recv request="ACK"/>\n'
    return _scenario(steps)


def ringing_forever() -> str:
    """Ring and never answer; expect CANCEL, then send 487 and expect its ACK."""
    steps = '  <recv request="INVITE" crlf="true"/>\n' + _send("180 Ringing")
    steps += '  <recv request="CANCEL"/>\n' + _send("200 OK")
    steps += (
        '  <send retrans="500"><![CDATA[\n\nSIP/2.0 487 Request Terminated\n[last_Via:]\n[last_From:]\n'
        "[last_To:];tag=[pid]SIPpTag01[call_number]\n[last_Call-ID:]\nCSeq: 1 INVITE\nContent-Length: 0\n\n]]></send>\n"
        '  <recv request="ACK"/>\n'
    )
    return _scenario(steps)


def challenging(audio_port: int, user: str, password: str, key: str) -> str:
    """Answer 401 with a digest challenge, accept only a correct answer to it, then behave like :func:`answering`."""
    steps = '  <recv request="INVITE" crlf="true"/>\n'
    steps += (
        "  <send><![CDATA[\n\nSIP/2.0 401 Unauthorized\n"
        f'{_HEADERS}\nWWW-Authenticate: Digest realm="relay.test", nonce="{int(time.time())}abc", qop="auth"\n'
        "Content-Length: 0\n\n]]></send>\n"
        '  <recv request="ACK"/>\n'
        f'  <recv request="INVITE" crlf="true"><action><verifyauth assign_to="ok" username="{user}" password="{password}"/></action></recv>\n'
        '  <nop test="ok" next="good"/>\n' + _send("403 Forbidden") + '  <recv request="ACK" next="end"/>\n'
        '  <label id="good"/>\n'
        + _send("200 OK", body=_sdp(audio_port), retrans=True)
        + '  <recv request="ACK" crlf="true"/>\n'
        '  <pause milliseconds="300"/>\n'
        f'  <nop><action><exec play_pcap_audio="{pcap_of(key)}"/></action></nop>\n'
        '  <recv request="BYE"/>\n' + _send("200 OK") + '  <label id="end"/>\n'
    )
    return _scenario(steps)


def free_udp_port() -> int:
    """A UDP port on loopback nobody uses right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _udp_port_bound(port: int) -> bool:
    wanted = f":{port:04X} "
    with open("/proc/net/udp") as table:
        return any(wanted in line.split(None, 3)[1] + " " for line in table.readlines()[1:])


@dataclass
class Sipp:
    """A running SIPp callee."""

    port: int
    process: subprocess.Popen[bytes]
    folder: Path

    def finish(self, timeout_s: float = 10.0) -> int:
        """Wait for SIPp to exit and return its exit code (0: the call went as the scenario says)."""
        try:
            return self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return -1

    def errors(self) -> str:
        """SIPp's own account of what went wrong, for assertion messages."""
        logs = sorted(self.folder.glob("*errors.log"))
        return "\n".join(log.read_text(errors="replace")[-2000:] for log in logs)


@contextlib.contextmanager
def callee(scenario: str, folder: Path, calls: int = 1) -> Iterator[Sipp]:
    """Run SIPp as the callee of ``calls`` calls with ``scenario`` on a free loopback port."""
    assert SIPP is not None, SKIP_REASON
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "callee.xml"
    path.write_text(scenario)
    port, media_port = free_udp_port(), free_udp_port()
    command = [
        SIPP,
        "-sf",
        str(path),
        "-i",
        HOST,
        "-p",
        str(port),
        "-mp",
        str(media_port),
        "-m",
        str(calls),
        "-nostdin",
    ]
    command += ["-timeout", f"{SIPP_TIMEOUT_S * calls}s", "-timeout_error", "-trace_err", "-bind_local"]
    process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sipp = Sipp(port, process, folder)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _udp_port_bound(port):
            assert process.poll() is None, f"sipp exited at start ({process.returncode})"
            assert time.monotonic() < deadline, "sipp did not open its port"
            time.sleep(0.01)
        yield sipp
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


@dataclass
class RtpRecorder:
    """A UDP socket standing for the callee's media port: it keeps every packet and when it arrived."""

    sock: socket.socket = field(default_factory=lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
    packets: list[tuple[float, bytes]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.sock.getsockname()[1])

    def __enter__(self) -> RtpRecorder:
        self.sock.bind((HOST, 0))
        self.sock.settimeout(0.05)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(65_535)
            except TimeoutError:
                continue
            except OSError:
                return
            self.packets.append((time.monotonic(), data))

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.sock.close()
