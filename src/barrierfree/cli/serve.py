"""``barrierfree serve``: run the web platform with uvicorn."""

from __future__ import annotations

import typer
import uvicorn

from barrierfree.cli import _context
from barrierfree.cli._errors import reported
from barrierfree.cli.db import schema_state


@reported
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, max=32, help="Worker processes (use 1 with SQLite)."),
    proxy_headers: bool = typer.Option(False, help="Trust X-Forwarded-* from a reverse proxy (for HTTPS)."),
) -> None:
    """Serve the web pages and the API (http://HOST:PORT, API docs at /api/v1/docs)."""
    settings = _context.settings()
    current, head = schema_state(settings.effective_database_url)
    if current != head:
        typer.secho(
            f"error: the database schema is at {current or 'nothing'}, not {head}. Run 'barrierfree db upgrade' first.",
            err=True,
            fg=typer.colors.RED,
        )
        raise typer.Exit(1)
    typer.echo(f"barrierfree on http://{host}:{port}  (database: {settings.effective_database_url.split('@')[-1]})")
    uvicorn.run(
        "barrierfree.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        log_level="info",
    )
