"""JSON shapes of the API (inputs refuse unknown fields; every string has a maximum length)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from barrierfree.core.i18n import _
from barrierfree.web.csrf import NUL


class Strict(BaseModel):
    """Base of every request body: unknown fields are an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        """PostgreSQL cannot store NUL in text: refuse it as bad input (422) instead of failing in the database."""
        if isinstance(value, str) and NUL in value:
            raise ValueError(_("Please check what you entered"))
        return value


class TokenRequest(Strict):
    username: str = Field(min_length=1, max_length=40)
    password: str = Field(min_length=1, max_length=256)
    name: str = Field(default="api", min_length=1, max_length=80)


class TokenOut(BaseModel):
    token: str
    name: str
    prefix: str


class MembershipOut(BaseModel):
    organisation_id: int
    organisation: str
    kind: str
    role: str


class MeOut(BaseModel):
    id: int
    username: str
    display_name: str
    email: str | None
    language: str | None
    elder_mode: bool
    is_admin: bool
    memberships: list[MembershipOut]


class DeletionIn(Strict):
    password: str = Field(min_length=1, max_length=256)


class PreferencesIn(Strict):
    language: Literal["zh-CN", "en"] | None = None
    elder_mode: bool | None = None


class ConsentIn(Strict):
    purpose: Literal["sensitive_profile", "share_with_organisation", "workforce_accommodations", "relay_text_rider"]
    organisation_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class ConsentOut(BaseModel):
    id: int
    purpose: str
    organisation_id: int | None
    policy_version: str
    given_at: datetime
    withdrawn_at: datetime | None


class ProfileIn(Strict):
    disability_category: Literal["visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"]
    disability_level: int = Field(ge=1, le=4)
    certificate_number: str | None = Field(default=None, max_length=22)
    health_notes: str = Field(default="", max_length=2000)


class ProfileOut(BaseModel):
    disability_category: str
    disability_level: int
    certificate_number: str | None
    health_notes: str
    updated_at: str


class OrganisationIn(Strict):
    name: str = Field(min_length=1, max_length=120)
    kind: Literal["federation", "ngo", "employer", "charity", "merchant"]
    owner: str = Field(min_length=1, max_length=40)


class OrganisationOut(BaseModel):
    id: int
    name: str
    kind: str


class MemberIn(Strict):
    username: str = Field(min_length=1, max_length=40)
    role: Literal["owner", "manager", "caseworker", "member"]


class MemberOut(BaseModel):
    username: str
    display_name: str
    role: str


class AuditOut(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    subject_user_id: int | None
    organisation_id: int | None


class Health(BaseModel):
    status: str
    version: str


class AuditRequestIn(Strict):
    targets: list[Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^[^\x00]*$")]] = Field(
        min_length=1, max_length=5
    )
    max_pages: int = Field(default=1, ge=1, le=500)
    elder_mode: bool = False


class AuditJobOut(BaseModel):
    id: int
    status: str
    targets: list[str]
    max_pages: int
    elder_mode: bool
    pages_done: int
    pages_known: int
    failures: int
    message: str
    created_at: datetime
    finished_at: datetime | None


class BrailleTranslateIn(Strict):
    text: str = Field(min_length=1, max_length=20_000)
    system: str = Field(default="gf2018", max_length=20, description="gf2018 (GF 0019-2018) or current (1952)")
    english: str = Field(default="ueb2", max_length=20, description="ueb1 or ueb2")
    format: str = Field(default="unicode", max_length=20, description="unicode, brf or json")
    cells_per_line: int = Field(default=0, ge=0, le=200, description="wrap at this many cells; 0 does not wrap")


class BraillePinyinIn(Strict):
    text: str = Field(min_length=1, max_length=20_000)


class BrailleLabelIn(Strict):
    zh: str = Field(min_length=1, max_length=60, description="the medicine's Chinese name")
    en: str = Field(default="", max_length=60, description="the English name")
    profile: str = Field(default="marburg-medium", max_length=40)
    format: str = Field(default="svg", max_length=10, description="svg or pdf")
    dots_only: bool = Field(default=False, description="only the dots, for embossing or tactile varnish")
    system: str = Field(default="gf2018", max_length=20)


class WorkforceStaffingIn(Strict):
    history: str = Field(
        min_length=1,
        max_length=5_000_000,
        description="CSV, one row per 30-minute interval: start,volume (such as 2026-11-23T09:00,42)",
    )
    date: str = Field(max_length=20, description="the day to plan, such as 2026-12-01")
    handle_seconds: float = Field(default=240.0, description="average handling time, seconds")
    service_level: float = Field(default=0.8, description="share answered within answer_within")
    answer_within: float = Field(default=20.0, description="target answer time, seconds")
    shrinkage: float = Field(default=0.3, description="share of paid time off contacts")
    max_occupancy: float = Field(default=0.85, description="highest share of logged-in time on contacts")
    weeks: int = Field(default=4, ge=1, le=52, description="past weeks the forecast averages")


class WorkforcePayrollIn(Strict):
    contacts: str = Field(
        min_length=1,
        max_length=5_000_000,
        description="CSV: agent_id,contact_id,finished_at,task_type,difficulty,handle_seconds,quality,rating,status",
    )
    period_start: str = Field(max_length=20, description="first day of the pay period, such as 2026-11-01")
    period_end: str = Field(max_length=20, description="last day of the pay period (included)")
    rules: dict[str, Any] | None = Field(default=None, description="pay rules; fields left out keep their defaults")
    equipment_agents: list[Annotated[str, Field(max_length=64)]] = Field(
        default_factory=list, max_length=10_000, description="agents who get the accessibility equipment allowance"
    )
    apprentices: dict[Annotated[str, Field(max_length=64)], Annotated[int, Field(ge=0, le=100)]] = Field(
        default_factory=dict, max_length=10_000, description="apprentices mentored, per agent"
    )


class WorkforceProgrammeIn(Strict):
    taking_applications: bool = Field(description="true: applicants see the employer and may apply; false: they do not")


class WorkforceShiftPlanIn(Strict):
    title: str = Field(min_length=1, max_length=120, description="the bidding round, such as 'December, weeks 1-4'")
    agents: str = Field(
        min_length=1,
        max_length=5_000_000,
        description="CSV: agent,protected,base,tier,max_day,max_week,availability (agent = the user name)",
    )
    shifts: str = Field(min_length=1, max_length=5_000_000, description="CSV: shift,start,end,seats")
    bids: str = Field(min_length=1, max_length=20_000_000, description="CSV: agent,shift")
    requirement: str = Field(min_length=1, max_length=5_000_000, description="CSV: start,agents per 30 minutes")
    time_limit_seconds: int = Field(default=240, ge=5, le=600, description="seconds the solve may take")


class RelayOrderIn(Strict):
    reference: str = Field(min_length=1, max_length=40, description="the delivery platform's order number")
    rider: str | None = Field(default=None, max_length=40, description="the rider's user name here, if assigned")
    merchant: str = Field(min_length=1, max_length=120)
    customer: str = Field(min_length=1, max_length=120, description="how the rider greets the customer")
    address: str = Field(min_length=1, max_length=300)
    customer_phone: str | None = Field(
        default=None, max_length=30, description="the number smart calls dial (the rider never sees it)"
    )


class RelayStageIn(Strict):
    stage: Literal["accepted", "at_merchant", "picked_up", "on_the_way", "arriving", "delivered"]


class RelayMessageIn(Strict):
    text: str = Field(min_length=1, max_length=500)


class RelaySimulationIn(Strict):
    weeks: int = Field(default=200, ge=2, le=500, description="simulated weeks of each kind of rider")
    hours_per_week: float = Field(default=60.0, ge=1, le=168)
    pickup_seconds: float = Field(default=250.0, ge=30, le=14_400)
    delivery_seconds: float = Field(default=360.0, ge=30, le=14_400)
    seed: int = Field(default=2024, ge=0, le=2**31)
