"""MIIT elderly-friendly (适老化) rules, one module per rule.

The rules come from the MIIT 《互联网网站适老化通用设计规范》 and 《移动互联网应用（APP）适老化通用设计规范》 (2021);
``barrierfree.audit.standards`` maps each rule to the clause it checks. Rules about the elder version itself
(text size, enlargement, line height, contrast, pop-ups and adverts) run only when the audit asks the site for its
elder mode; target size, CAPTCHA alternatives and the elder-mode entry run on every page.
"""

from __future__ import annotations

from barrierfree.audit.checks.base import Check
from barrierfree.audit.checks.miit.captcha import CaptchaAlternativeCheck
from barrierfree.audit.checks.miit.contrast import ContrastCheck
from barrierfree.audit.checks.miit.elder_entry import ElderEntryCheck
from barrierfree.audit.checks.miit.line_height import LineHeightCheck
from barrierfree.audit.checks.miit.popups import PopupCheck
from barrierfree.audit.checks.miit.target_size import TargetSizeCheck
from barrierfree.audit.checks.miit.text_enlarge import TextEnlargeCheck
from barrierfree.audit.checks.miit.text_size import TextSizeCheck

MIIT_CHECKS: list[Check] = [
    TextSizeCheck(),
    TextEnlargeCheck(),
    LineHeightCheck(),
    ContrastCheck(),
    TargetSizeCheck(),
    PopupCheck(),
    CaptchaAlternativeCheck(),
    ElderEntryCheck(),
]

__all__ = [
    "MIIT_CHECKS",
    "CaptchaAlternativeCheck",
    "ContrastCheck",
    "ElderEntryCheck",
    "LineHeightCheck",
    "PopupCheck",
    "TargetSizeCheck",
    "TextEnlargeCheck",
    "TextSizeCheck",
]
