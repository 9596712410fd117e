"""The ``barrierfree`` command line (Typer): one command module per concern, errors mapped in one place."""

from __future__ import annotations

from barrierfree.cli.main import app, main

__all__ = ["app", "main"]
