"""The routing tests read messages in English unless a test asks for zh-CN."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from barrierfree.core.i18n import use_language


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with use_language("en"):
        yield
