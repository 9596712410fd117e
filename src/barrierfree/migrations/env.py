"""Alembic environment: the URL comes from the config set by ``barrierfree.core.migrate``."""

from __future__ import annotations

from alembic import context

from barrierfree.core.db import make_engine
from barrierfree.core.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Run migrations on a live connection (SQLite needs batch mode for ALTER TABLE)."""
    url = context.config.get_main_option("sqlalchemy.url") or ""
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
