"""``barrierfree db``: schema migrations."""

from __future__ import annotations

import typer
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from barrierfree.cli import _context
from barrierfree.cli._errors import reported
from barrierfree.core.migrate import alembic_config
from barrierfree.core.migrate import upgrade as upgrade_schema

app = typer.Typer(help="Database schema.", no_args_is_help=True)


def schema_state(url: str) -> tuple[str | None, str | None]:
    """(current revision, head revision) of a database."""
    database = _context.database()
    try:
        with database.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    finally:
        database.dispose()
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    return current, head


@app.command()
@reported
def upgrade() -> None:
    """Create or upgrade the schema to the newest migration (safe to run again)."""
    url = _context.settings().effective_database_url
    upgrade_schema(url)
    current, _head = schema_state(url)
    typer.echo(f"database schema at revision {current}")


@app.command()
@reported
def current() -> None:
    """Show the schema revision and whether it is the newest."""
    url = _context.settings().effective_database_url
    now, head = schema_state(url)
    typer.echo(f"current: {now or 'empty'}; newest: {head}")
    if now != head:
        typer.echo("run 'barrierfree db upgrade' to bring the schema up to date", err=True)
        raise typer.Exit(1)
