"""One settings object, read from ``BARRIERFREE_*`` environment variables.

Startup fails fast: a bad value raises :class:`SettingsError` whose message names the variable, what was
wrong and what to do, so that an operator never has to read a traceback.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from barrierfree.core.errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA_DIR = PROJECT_ROOT / "var"
DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me-0000"  # noqa: S105 - refused outside debug mode
SUPPORTED_LANGUAGES = ("zh-CN", "en")
MIN_SECRET_KEY_LENGTH = 32


class Settings(BaseSettings):
    """Every knob of the platform; each field maps to ``BARRIERFREE_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="BARRIERFREE_", extra="ignore", frozen=True)

    database_url: str = Field(
        default="",
        description="SQLAlchemy URL. Empty means a SQLite file barrierfree.sqlite3 in data_dir.",
    )
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, description="Where files the platform writes live.")
    secret_key: str = Field(default=DEV_SECRET_KEY, description="Signs CSRF tokens; at least 32 chars.")
    debug: bool = Field(default=True, description="Development mode: allows the built-in secret key.")
    default_language: Literal["zh-CN", "en"] = Field(default="zh-CN")
    timezone: str = Field(default="Asia/Shanghai", description="Time zone used to display times.")
    cookie_secure: Literal["auto", "always", "never"] = Field(
        default="auto", description="Secure flag on cookies: auto = only when the request came over HTTPS."
    )
    session_days: int = Field(default=14, ge=1, le=90, description="How long a login lasts.")
    max_body_bytes: int = Field(default=1_048_576, ge=1024, le=100 * 1_048_576)
    login_max_failures: int = Field(default=5, ge=1, le=100, description="Failures before lockout.")
    login_lockout_minutes: int = Field(default=15, ge=1, le=24 * 60)
    login_ip_max_failures: int = Field(default=30, ge=1, le=10_000, description="Per address per window.")
    password_reset_minutes: int = Field(default=30, ge=5, le=24 * 60)
    mail_backend: Literal["outbox", "smtp"] = Field(default="outbox")
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    mail_from: str = "barrierfree@localhost"
    base_url: str = Field(default="http://127.0.0.1:8000", description="Used in links sent by mail.")
    audit_allowed_hosts: str = Field(
        default="", description="Hosts, addresses or CIDR networks that web audits may reach besides public sites."
    )
    audit_worker: Literal["thread", "off"] = Field(
        default="thread",
        description="thread: the web process runs audit jobs; off: jobs wait for 'barrierfree audit-worker'.",
    )
    audit_max_pages: int = Field(default=50, ge=1, le=500, description="Most pages one web audit may crawl.")
    audit_max_seconds: int = Field(default=300, ge=10, le=3600, description="Longest a web audit may run.")
    audit_jobs_per_day: int = Field(default=20, ge=1, le=10_000, description="Web audits one user may request a day.")
    relay_sip_host: str = Field(default="", description="SIP trunk for riders' smart calls; empty: calls are off.")
    relay_sip_port: int = Field(default=5060, ge=1, le=65535)
    relay_sip_user: str = Field(default="barrierfree", description="From user and digest user at the trunk.")
    relay_sip_password: str = Field(default="", description="Digest password, if the trunk challenges.")
    tts_engine: Literal["espeak-ng"] = "espeak-ng"
    stt_engine: Literal["pocketsphinx", "vosk", "faster-whisper"] = Field(
        default="pocketsphinx",
        description="Speech to text: pocketsphinx (English, built in), or vosk / faster-whisper with STT_MODEL_DIR.",
    )
    stt_model_dir: Path | None = Field(
        default=None, description="An unpacked Vosk model or converted faster-whisper model folder (never downloaded)."
    )
    stt_model_language: Literal["zh-CN", "en"] = Field(
        default="zh-CN", description="The language of the Vosk model in STT_MODEL_DIR (Whisper models speak both)."
    )
    routing_graph: Path | None = Field(
        default=None,
        description="Routing graph from 'barrierfree routing build'; empty: a demo map of a few Hangzhou streets.",
    )
    simulation_engine: Literal["scenario", "openai-compatible"] = Field(
        default="scenario",
        description="Who plays the customer in the dialogue simulator: the scenario script or an LLM endpoint.",
    )
    llm_base_url: str = Field(
        default="",
        description="OpenAI-compatible endpoint, such as https://dashscope.aliyuncs.com/compatible-mode/v1.",
    )
    llm_model: str = Field(default="qwen-plus", min_length=1, max_length=200, description="Model name sent.")
    llm_api_key: SecretStr = Field(default=SecretStr(""), description="Bearer key for the LLM endpoint.")
    llm_timeout_seconds: float = Field(default=30.0, ge=1.0, le=300.0, description="Longest wait for one reply.")

    @field_validator("secret_key")
    @classmethod
    def _secret_long_enough(cls, value: str) -> str:
        if len(value) < MIN_SECRET_KEY_LENGTH:
            raise ValueError(f"must be at least {MIN_SECRET_KEY_LENGTH} characters")
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql", "postgres://")):
            raise ValueError("only sqlite:/// and postgresql+psycopg:// URLs are supported")
        if value.startswith(("postgresql://", "postgres://")):
            # psycopg 3 is the only driver we ship; say so in the URL rather than fail at connect time.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @field_validator("llm_base_url")
    @classmethod
    def _http_base_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(
                "must be an http:// or https:// URL such as https://dashscope.aliyuncs.com/compatible-mode/v1"
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("is not an IANA time zone name such as Asia/Shanghai") from exc
        return value

    @property
    def effective_database_url(self) -> str:
        """The URL actually used: the configured one, or the SQLite file in ``data_dir``."""
        return self.database_url or f"sqlite:///{self.data_dir / 'barrierfree.sqlite3'}"

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is SQLite (it needs pragmas and a single writer)."""
        return self.effective_database_url.startswith("sqlite")


def _shown(field: str, given: object) -> str:
    """A rejected value as the error shows it: startup errors end up in logs, so secrets are hidden."""
    if field in {"secret_key", "llm_api_key"} and isinstance(given, str):
        return f"{len(given)} characters, hidden"
    if field in {"database_url", "llm_base_url"} and isinstance(given, str):
        return repr(re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", given))
    return repr(given)


def _explain(error: ValidationError) -> str:
    lines = ["barrierfree cannot start: the configuration has a problem."]
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "settings"
        lines.append(f"  BARRIERFREE_{field.upper()}: {item['msg']} (got {_shown(field, item.get('input'))})")
    lines.append("Fix the environment variable(s) above and start again; see README.md, 'Configuration'.")
    return "\n".join(lines)


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment (plus explicit overrides) and check them."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(_explain(exc)) from None
    if not settings.debug and settings.secret_key == DEV_SECRET_KEY:
        raise SettingsError(
            "barrierfree cannot start: BARRIERFREE_SECRET_KEY is the built-in development key while "
            "BARRIERFREE_DEBUG is false. Set BARRIERFREE_SECRET_KEY to a random string of 32+ characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(48))')."
        )
    return settings


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
