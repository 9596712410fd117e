"""Outgoing mail behind a small protocol: an outbox folder by default, SMTP when configured."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from barrierfree.core.clock import utcnow
from barrierfree.core.settings import Settings

SMTP_TIMEOUT_SECONDS = 10


class Mailer(Protocol):
    """Anything that can deliver a plain-text message."""

    def send(self, to: str, subject: str, body: str) -> None:
        """Deliver one message or raise OSError."""


def _message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


class OutboxMailer:
    """Writes each message as an .eml file; what an operator without a mail server reads."""

    def __init__(self, folder: Path, sender: str) -> None:
        self.folder = folder
        self.sender = sender

    def send(self, to: str, subject: str, body: str) -> None:
        """Write the message to ``<data_dir>/outbox/<timestamp>-<to>.eml``."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
        safe_to = "".join(ch if ch.isalnum() or ch in "@._-" else "_" for ch in to)
        path = self.folder / f"{stamp}-{safe_to}.eml"
        path.write_bytes(bytes(_message(self.sender, to, subject, body)))


class SmtpMailer:
    """Sends through an SMTP server (plain SMTP on the configured host and port)."""

    def __init__(self, host: str, port: int, sender: str) -> None:
        self.host = host
        self.port = port
        self.sender = sender

    def send(self, to: str, subject: str, body: str) -> None:
        """Deliver one message; raises OSError or smtplib.SMTPException when the server refuses."""
        with smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS) as client:
            client.send_message(_message(self.sender, to, subject, body))


def mailer_from(settings: Settings) -> Mailer:
    """The mailer the settings ask for."""
    if settings.mail_backend == "smtp":
        return SmtpMailer(settings.smtp_host, settings.smtp_port, settings.mail_from)
    return OutboxMailer(settings.data_dir / "outbox", settings.mail_from)
