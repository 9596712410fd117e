"""Checks for W3C ACT rules that axe-core does not implement, or implements only in part.

One module per ACT rule or small family of rules; each check reports findings with ``source=Source.ACT``,
``rule="act:<id>"`` and ``act_rules=("<id>",)``. Checks that only read the page come first; checks that move
focus, press keys or resize the viewport come last and put the page back as they found it where they can.
"""

from __future__ import annotations

from barrierfree.audit.checks.act.aria_prohibited import AriaProhibitedCheck
from barrierfree.audit.checks.act.bypass import BypassBlocksCheck
from barrierfree.audit.checks.act.decorative_image import DecorativeImageCheck
from barrierfree.audit.checks.act.focus_visible import FocusVisibleCheck
from barrierfree.audit.checks.act.hidden_focusable import HiddenFocusableCheck
from barrierfree.audit.checks.act.iframe_names import IframeNamesCheck
from barrierfree.audit.checks.act.iframe_tabindex import IframeTabindexCheck
from barrierfree.audit.checks.act.image_contrast import ImageContrastCheck
from barrierfree.audit.checks.act.keyboard_trap import KeyboardTrapCheck
from barrierfree.audit.checks.act.label_in_name import LabelInNameCheck
from barrierfree.audit.checks.act.language_match import LanguageMatchCheck
from barrierfree.audit.checks.act.link_purpose import LinkPurposeCheck
from barrierfree.audit.checks.act.media import AudioAlternativeCheck, AutoplayCheck
from barrierfree.audit.checks.act.meta_viewport import MetaViewportCheck
from barrierfree.audit.checks.act.summary_name import SummaryNameCheck
from barrierfree.audit.checks.act.table_headers import TableHeadersCheck
from barrierfree.audit.checks.act.text_spacing import TextSpacingCheck
from barrierfree.audit.checks.act.zoom_clip import ZoomClipCheck
from barrierfree.audit.checks.base import Check

ACT_CHECKS: list[Check] = [
    AriaProhibitedCheck(),
    SummaryNameCheck(),
    MetaViewportCheck(),
    TableHeadersCheck(),
    IframeNamesCheck(),
    IframeTabindexCheck(),
    LinkPurposeCheck(),
    BypassBlocksCheck(),
    DecorativeImageCheck(),
    LabelInNameCheck(),
    TextSpacingCheck(),
    AudioAlternativeCheck(),
    AutoplayCheck(),
    LanguageMatchCheck(),
    KeyboardTrapCheck(),
    FocusVisibleCheck(),
    HiddenFocusableCheck(),
    ImageContrastCheck(),
    ZoomClipCheck(),
]
"""Every ACT check, in the order they run on a page."""

__all__ = ["ACT_CHECKS"]
