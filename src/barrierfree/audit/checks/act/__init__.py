"""Checks for W3C ACT rules that axe-core does not implement (one module per ACT rule or family)."""

from __future__ import annotations

from barrierfree.audit.checks.base import Check

ACT_CHECKS: list[Check] = []
