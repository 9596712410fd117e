"""The map of the platform: four pillars and the domains in each (see DESIGN.md).

The home page lists every domain; a domain links to its pages once its package has landed and registered
a web router (``web.app.DOMAIN_ROUTERS``). Titles and summaries are gettext message ids.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from barrierfree.core.i18n import N_, _


@dataclass(frozen=True)
class Domain:
    """One capability of the platform."""

    name: str
    title: str
    summary: str


@dataclass(frozen=True)
class Pillar:
    """One of the report's four pillars of disability support."""

    key: str
    title: str
    domains: tuple[Domain, ...]


PILLARS: tuple[Pillar, ...] = (
    Pillar(
        "technology",
        N_("Barrier-free technology"),
        (
            Domain("routing", N_("Barrier-free navigation"), N_("Wheelchair and blind-friendly routes.")),
            Domain("places", N_("Accessible places"), N_("Cinemas, shops and service points that welcome you.")),
            Domain("braille", N_("Health Font"), N_("Chinese, pinyin, English and braille on medicine packs.")),
            Domain("speech", N_("Speech engines"), N_("Text to speech and speech to text for every service.")),
            Domain("relay", N_("Rider communication"), N_("Cards, smart calls and voice-to-text for deaf riders.")),
            Domain("audit", N_("Accessibility checker"), N_("WCAG 2.2, GB/T 37668 and elderly-friendly checks.")),
            Domain("theater", N_("Barrier-free theatre"), N_("Audio description fitted into dialogue gaps.")),
            Domain("stories", N_("Picture books"), N_("Social stories for autistic children.")),
            Domain(
                "avatar", N_("Digital presenter"), N_("Live selling for deaf, mute or physically disabled merchants.")
            ),
        ),
    ),
    Pillar(
        "employment",
        N_("Employment and entrepreneurship"),
        (
            Domain("workforce", N_("Remote customer service"), N_("Training, exams and fair shift allocation.")),
            Domain("jobs", N_("Accessible jobs"), N_("Job matching with accommodations; employment quota.")),
            Domain("merchants", N_("10,000 merchants"), N_("Courses, store diagnostics and mentors.")),
            Domain("survey", N_("Core-concerns survey"), N_("Accessible questionnaires and weighted analysis.")),
        ),
    ),
    Pillar(
        "volunteering",
        N_("Volunteering"),
        (Domain("volunteer", N_("Three hours"), N_("Activities, shifts, hours ledger and certificates.")),),
    ),
    Pillar(
        "ecosystem",
        N_("Ecosystem support"),
        (Domain("charity", N_("Cause-linked giving"), N_("Giving, relief cases and open ledgers.")),),
    ),
)


def domain_names() -> list[str]:
    """Every domain package name on the map."""
    return [domain.name for pillar in PILLARS for domain in pillar.domains]


def landed(name: str) -> bool:
    """Whether the domain's package exists in this installation."""
    return importlib.util.find_spec(f"barrierfree.{name}") is not None


def translated(message: str) -> str:
    """Translate a message id from this map into the current language."""
    return _(message)
