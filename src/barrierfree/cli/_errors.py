"""The one place where domain errors become exit codes and messages (never a traceback)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from barrierfree.core.errors import (
    BarrierfreeError,
    Conflict,
    EngineUnavailable,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    SettingsError,
    TooManyAttempts,
)

EXIT_CODES: dict[type[BarrierfreeError], int] = {
    InvalidInput: 2,
    NotFound: 3,
    Conflict: 4,
    PermissionDenied: 5,
    NotAuthenticated: 5,
    TooManyAttempts: 6,
    EngineUnavailable: 69,  # EX_UNAVAILABLE from sysexits.h
    SettingsError: 78,  # EX_CONFIG from sysexits.h
}

P = ParamSpec("P")
R = TypeVar("R")


def exit_code_for(error: BarrierfreeError) -> int:
    """The process exit code of a domain error (1 when unmapped)."""
    for error_type in type(error).__mro__:
        if error_type in EXIT_CODES:
            return EXIT_CODES[error_type]
    return 1


def reported(command: Callable[P, R]) -> Callable[P, R]:
    """Run a command; a domain error prints its message to stderr and exits with its code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except BarrierfreeError as error:
            for _field, message in error.problems():
                typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
            raise typer.Exit(exit_code_for(error)) from None

    return wrapper
