"""MIIT elderly-friendly (适老化) rules, one module per rule."""

from __future__ import annotations

from barrierfree.audit.checks.base import Check

MIIT_CHECKS: list[Check] = []
