"""``barrierfree demo``: demo data for trying the platform."""

from __future__ import annotations

import typer

from barrierfree.cli import _context
from barrierfree.cli._errors import reported
from barrierfree.demo import DEMO_PASSWORD, load_all

app = typer.Typer(help="Demo data.", no_args_is_help=True)


@app.command()
@reported
def load() -> None:
    """Create demo users of each role and demo organisations (idempotent)."""
    database = _context.database()
    try:
        with database.session() as session:
            counts = load_all(session)
    finally:
        database.dispose()
    typer.echo(
        f"demo data ready: {counts['users']} users, {counts['organisations']} organisations; "
        f"log in as admin, li.ming, wang.fang, zhao.lei ... with password {DEMO_PASSWORD!r}"
    )
