"""What every command needs: checked settings, the database and the configured language."""

from __future__ import annotations

from barrierfree.core.db import Database
from barrierfree.core.i18n import set_language
from barrierfree.core.settings import Settings, get_settings


def settings() -> Settings:
    """Settings (SettingsError when invalid) with the CLI's language made current."""
    current = get_settings()
    set_language(current.default_language)
    return current


def database() -> Database:
    """The configured database."""
    return Database(settings().effective_database_url)
