"""Top-level command: sub-commands for serving, auditing, braille, the database, demo data, places, routing,
speech, users and the workforce."""

from __future__ import annotations

import typer

from barrierfree import __version__
from barrierfree.cli import audit, braille, db, demo, places, relay, routing, serve, speech, user, workforce

app = typer.Typer(
    name="barrierfree",
    help="barrierfree: barrier-free services platform. Configure with BARRIERFREE_* environment variables.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("serve")(serve.serve)
app.command("audit")(audit.audit)
app.command("audit-worker")(audit.audit_worker)
app.add_typer(braille.app, name="braille")
app.add_typer(db.app, name="db")
app.add_typer(demo.app, name="demo")
app.add_typer(places.app, name="places")
app.add_typer(relay.app, name="relay")
app.add_typer(routing.app, name="routing")
app.command("route")(routing.route)
app.add_typer(speech.app, name="speech")
app.add_typer(user.app, name="user")
app.add_typer(workforce.app, name="workforce")


@app.command("version")
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    """Console-script entry point."""
    app()
