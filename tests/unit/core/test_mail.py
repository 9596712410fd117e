"""Outgoing mail: the outbox writes real messages; the SMTP mailer talks to a real SMTP server on loopback."""

from __future__ import annotations

import email
import socket
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from barrierfree.core.mail import OutboxMailer, SmtpMailer, mailer_from
from barrierfree.core.settings import load_settings


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802 - aiosmtpd hook
        self.messages.append(email.message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_outbox_writes_one_eml_per_message(tmp_path: Path) -> None:
    mailer = OutboxMailer(tmp_path / "outbox", "bf@localhost")
    mailer.send("li.ming@example.cn", "重置密码", "链接：http://x/password-reset/abc")
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1
    message = email.message_from_bytes(files[0].read_bytes())
    assert message["To"] == "li.ming@example.cn"
    assert "password-reset/abc" in message.get_payload(decode=True).decode("utf-8")


def test_smtp_mailer_delivers_to_a_real_smtp_server() -> None:
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        SmtpMailer("127.0.0.1", controller.port, "bf@localhost").send("emma@example.org", "Reset", "hello")
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["Subject"] == "Reset"


def test_smtp_mailer_raises_when_no_server_listens() -> None:
    with pytest.raises(OSError):
        SmtpMailer("127.0.0.1", _free_port(), "bf@localhost").send("a@b.cn", "x", "y")


def test_settings_choose_the_mailer(tmp_path: Path) -> None:
    assert isinstance(mailer_from(load_settings(data_dir=tmp_path)), OutboxMailer)
    assert isinstance(mailer_from(load_settings(data_dir=tmp_path, mail_backend="smtp")), SmtpMailer)
