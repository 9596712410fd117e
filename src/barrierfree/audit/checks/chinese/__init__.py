"""Checks specific to Chinese pages: page and part language, the CJK large-text threshold."""

from __future__ import annotations

from barrierfree.audit.checks.base import Check

CHINESE_CHECKS: list[Check] = []
