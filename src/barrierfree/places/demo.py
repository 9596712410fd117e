"""Demo places around West Lake in Hangzhou, with values recorded by the federation's survey, a shop's owner and a
user's report (idempotent). The places are made up; their positions are real streets of the West Lake district."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from barrierfree.core.accounts.models import User
from barrierfree.core.orgs.models import Organisation, OrgKind
from barrierfree.places.models import Access, Attribute, Category, Place
from barrierfree.places.services import EditInput, NewPlace, add_place, record_value


@dataclass(frozen=True)
class StartingPoint:
    """A well-known spot to search from when a visitor does not know their coordinates."""

    key: str
    name_zh: str
    name_en: str
    lat: float
    lon: float


STARTING_POINTS = (
    StartingPoint("broken-bridge", "断桥", "Broken Bridge", 30.2590, 120.1510),
    StartingPoint("hubin", "湖滨公园", "Hubin Lakeside Park", 30.2580, 120.1620),
    StartingPoint("wensan-road", "文三路", "Wensan Road", 30.2790, 120.1350),
)
DEMO_MERCHANT = "阳光手作小店"
DEMO_SURVEYOR = "wang.fang"
DEMO_OWNER = "liu.yang"
DEMO_REPORTER = "li.ming"

Y, L, N = Access.YES, Access.LIMITED, Access.NO
OWNER_NOTE = "店主确认：门口有一级台阶，备有移动坡道；店员中有三位听障伙伴，可用手语接待。"
SURVEY_NOTE = "西湖区无障碍环境实地调查，2026 年 10 月，现场测量并拍照。"

DEMO_PLACES: tuple[tuple[NewPlace, dict[Attribute, Access]], ...] = (
    (
        NewPlace(
            "西湖区残疾人服务中心",
            Category.SERVICE_POINT,
            30.2741,
            120.1310,
            name_zh="西湖区残疾人服务中心",
            name_en="West Lake District Disability Service Centre",
            address="杭州市西湖区文三路 118 号",
        ),
        {
            Attribute.WHEELCHAIR: Y,
            Attribute.ACCESSIBLE_TOILET: Y,
            Attribute.HEARING_LOOP: Y,
            Attribute.SIGN_LANGUAGE: Y,
        },
    ),
    (
        NewPlace(
            "湖滨光影无障碍影院",
            Category.CINEMA,
            30.2566,
            120.1648,
            name_zh="湖滨光影无障碍影院",
            name_en="Hubin Light Accessible Cinema",
            address="杭州市上城区东坡路 7 号",
        ),
        {
            Attribute.WHEELCHAIR: Y,
            Attribute.ACCESSIBLE_TOILET: Y,
            Attribute.HEARING_LOOP: L,
            Attribute.SUBTITLES: Y,
            Attribute.AUDIO_DESCRIPTION: Y,
        },
    ),
    (
        NewPlace(
            DEMO_MERCHANT,
            Category.SHOP,
            30.2797,
            120.1402,
            name_zh=DEMO_MERCHANT,
            name_en="Sunshine Handmade Shop",
            address="杭州市西湖区文三路 90 号",
        ),
        {Attribute.WHEELCHAIR: L, Attribute.EMPLOYS_DISABLED: Y, Attribute.SIGN_LANGUAGE: Y},
    ),
    (
        NewPlace(
            "湖滨公共卫生间",
            Category.TOILETS,
            30.2594,
            120.1629,
            name_zh="湖滨公共卫生间",
            name_en="Hubin Public Toilets",
            address="杭州市上城区湖滨路",
        ),
        {Attribute.WHEELCHAIR: Y, Attribute.ACCESSIBLE_TOILET: Y},
    ),
    (
        NewPlace(
            "断桥残雪",
            Category.ATTRACTION,
            30.2592,
            120.1517,
            name_zh="断桥残雪",
            name_en="Broken Bridge in Lingering Snow",
            address="杭州市西湖区北山街",
        ),
        {Attribute.WHEELCHAIR: L},
    ),
    (
        NewPlace(
            "湖畔面馆",
            Category.RESTAURANT,
            30.2552,
            120.1655,
            name_zh="湖畔面馆",
            name_en="Lakeside Noodle House",
            address="杭州市上城区南山路 12 号",
        ),
        {Attribute.WHEELCHAIR: N, Attribute.ACCESSIBLE_TOILET: N},
    ),
    (
        NewPlace(
            "西湖邮局",
            Category.SERVICE_POINT,
            30.2610,
            120.1645,
            name_zh="西湖邮局",
            name_en="West Lake Post Office",
            address="杭州市上城区湖滨路 25 号",
        ),
        {},
    ),
)


def _user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def load_places_demo(session: Session) -> int:
    """Creates what is missing; returns the number of demo places."""
    names = [new.name for new, _values in DEMO_PLACES]
    if session.scalar(select(Place.id).where(Place.name == names[0])) is not None:
        return len(DEMO_PLACES)
    federation = session.scalar(select(Organisation).where(Organisation.kind == OrgKind.FEDERATION))
    merchant = session.scalar(select(Organisation).where(Organisation.name == DEMO_MERCHANT))
    surveyor, owner, reporter = _user(session, DEMO_SURVEYOR), _user(session, DEMO_OWNER), _user(session, DEMO_REPORTER)
    for new, values in DEMO_PLACES:
        if new.name == DEMO_MERCHANT and merchant is not None:
            new = NewPlace(**{**new.__dict__, "organisation_id": merchant.id})
        place = add_place(session, new)
        for attribute, value in values.items():
            if place.organisation_id is not None and owner is not None:
                edit = EditInput(attribute, value, "owner", OWNER_NOTE)
                record_value(session, owner, place.id, edit)
            elif surveyor is not None and federation is not None:
                edit = EditInput(attribute, value, "survey", SURVEY_NOTE, organisation_id=federation.id)
                record_value(session, surveyor, place.id, edit)
        if new.name == "断桥残雪" and reporter is not None:
            note = "桥面坡度较大，轮椅需有人协助；北山街一侧有缘石坡道。"
            record_value(
                session, reporter, place.id, EditInput(Attribute.WHEELCHAIR, Access.LIMITED, "user_report", note)
            )
    return len(DEMO_PLACES)
