"""Checks specific to Chinese pages: page and part language, the CJK large-text threshold."""

from __future__ import annotations

from barrierfree.audit.checks.base import Check
from barrierfree.audit.checks.chinese.large_text import CjkContrastCheck
from barrierfree.audit.checks.chinese.page_language import PageLanguageCheck
from barrierfree.audit.checks.chinese.part_language import PartLanguageCheck

CHINESE_CHECKS: list[Check] = [PageLanguageCheck(), PartLanguageCheck(), CjkContrastCheck()]

__all__ = ["CHINESE_CHECKS", "CjkContrastCheck", "PageLanguageCheck", "PartLanguageCheck"]
