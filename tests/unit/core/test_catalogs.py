"""The zh-CN and English catalogs hold every message the code uses, translated, with the same placeholders."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from barrierfree.core.i18n import LANGUAGES, LOCALE_DIR

ROOT = Path(__file__).resolve().parents[3]
PLACEHOLDER = re.compile(r"\{\w*\}")


def _load_update_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_catalogs", ROOT / "scripts" / "update_catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def extracted_ids() -> set[str]:
    """Every message id in the source and templates, extracted afresh."""
    template = _load_update_script().extract()
    return {message.id for message in template if message.id}


@pytest.mark.parametrize("locale", sorted(LANGUAGES.values()))
def test_catalog_has_every_message_translated(locale: str, extracted_ids: set[str]) -> None:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(extracted_ids - translated.keys())
    assert not missing, f"{locale}: run scripts/update_catalogs.py and translate: {missing[:10]}"


@pytest.mark.parametrize("locale", sorted(LANGUAGES.values()))
def test_translations_keep_the_placeholders(locale: str) -> None:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    broken = [
        m.id
        for m in catalog
        if m.id
        and isinstance(m.string, str)
        and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert not broken


def test_chinese_catalog_is_actually_chinese() -> None:
    with (LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="zh_CN")
    cjk = [m for m in catalog if m.id and re.search(r"[\u4e00-\u9fff]", str(m.string))]
    assert len(cjk) >= 0.9 * len([m for m in catalog if m.id])


@pytest.mark.parametrize("locale", sorted(LANGUAGES.values()))
def test_template_messages_have_no_bare_percent_sign(locale: str) -> None:
    # Jinja's gettext formats every translation with the % operator: a lone % breaks the page (write 95 percent,
    # or the full-width ％ in Chinese).
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    from_templates = [m for m in catalog if m.id and any(path.endswith(".html") for path, _line in m.locations)]
    assert from_templates, "the catalog records where messages come from"
    broken = [m.id for m in from_templates if re.search(r"%(?!%)", f"{m.id}\n{m.string}".replace("%%", ""))]
    assert not broken, broken[:5]
