"""``barrierfree user``: administrators and password resets from the command line."""

from __future__ import annotations

import sys

import typer

from barrierfree.cli import _context
from barrierfree.cli._errors import reported
from barrierfree.core.accounts import request_password_reset, sign_up
from barrierfree.core.errors import InvalidInput, NotFound
from barrierfree.core.i18n import _

app = typer.Typer(help="Users.", no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Password", hide_input=True)
    if first != typer.prompt("Repeat the password", hide_input=True):
        raise InvalidInput(_("The two passwords differ."))
    return str(first)


@app.command("create-admin")
@reported
def create_admin(
    username: str = typer.Argument(..., help="Login name: 3-40 lower-case letters, digits, '.', '_' or '-'."),
    display_name: str = typer.Option("", help="Name shown to others (default: the username)."),
    email: str = typer.Option("", help="E-mail for password resets (optional)."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create a platform administrator (manages users, organisations, the audit log; cannot read disability data)."""
    password = _password(password_stdin)
    database = _context.database()
    try:
        with database.session() as session:
            user = sign_up(
                session,
                username=username,
                password=password,
                display_name=display_name,
                email=email or None,
                is_admin=True,
            )
            typer.echo(f"administrator {user.username!r} created")
    finally:
        database.dispose()


@app.command("reset-link")
@reported
def reset_link(username: str = typer.Argument(..., help="Username or e-mail of the account.")) -> None:
    """Print a one-time password reset link (for people without e-mail)."""
    settings = _context.settings()
    database = _context.database()
    try:
        with database.session() as session:
            found = request_password_reset(session, username, minutes=settings.password_reset_minutes)
            if found is None:
                raise NotFound(_("No user “{name}”.").format(name=username[:40]))
            typer.echo(
                f"{settings.base_url}/password-reset/{found[1]}  (valid {settings.password_reset_minutes} minutes)"
            )
    finally:
        database.dispose()
