"""Tests of barrierfree.core.privacy: separate consent, sensitive profile, logged reads, export, deletion."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from barrierfree.core.accounts import (
    ApiToken,
    PasswordReset,
    User,
    UserSession,
    create_api_token,
    request_password_reset,
    start_session,
)
from barrierfree.core.accounts.passwords import hash_password
from barrierfree.core.audit import AuditEntry
from barrierfree.core.errors import (
    ConsentRequired,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
)
from barrierfree.core.orgs import Membership, Organisation, OrgKind, OrgRole
from barrierfree.core.privacy import (
    MAX_HEALTH_NOTES,
    POLICY_VERSION,
    Consent,
    ConsentPurpose,
    DisabilityCategory,
    ProfileInput,
    SensitiveProfile,
    clients_sharing_with,
    consents_of,
    delete_account,
    export_user_data,
    give_consent,
    has_consent,
    read_client_profile,
    read_own_profile,
    save_profile,
    withdraw_consent,
)

PASSWORD = "correct horse battery"
ID_NUMBER = "11010519491231002X"
STORE = ConsentPurpose.SENSITIVE_PROFILE
SHARE = ConsentPurpose.SHARE_WITH_ORGANISATION
# Category digits of the second-generation certificate, written out (GB/T 26341-2010 order).
CATEGORY_DIGITS = {
    "visual": "1",
    "hearing": "2",
    "speech": "3",
    "physical": "4",
    "intellectual": "5",
    "mental": "6",
    "multiple": "7",
}


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)


UNUSABLE_HASH = "not-a-hash"


def add_user(session: Session, username: str, password_hash: str = UNUSABLE_HASH, **fields: object) -> User:
    user = User(username=username, display_name=username, password_hash=password_hash, **fields)
    session.add(user)
    session.flush()
    return user


def count(session: Session, model: type, *conditions: object) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0  # type: ignore[arg-type]


def audit(session: Session, action: str) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


@dataclass
class World:
    person: User
    federation: Organisation
    ngo: Organisation
    staff: dict[str, User]


@pytest.fixture
def world(session: Session) -> World:
    """A person, a federation with staff of every role, and an NGO with its own caseworker."""
    person = add_user(session, "li.ming")
    federation = Organisation(name="联合会", kind=OrgKind.FEDERATION)
    ngo = Organisation(name="志愿者协会", kind=OrgKind.NGO)
    session.add_all([federation, ngo])
    session.flush()
    staff = {"admin": add_user(session, "ada", is_admin=True), "outsider": add_user(session, "otto")}
    for role in OrgRole:
        staff[role.value] = add_user(session, f"{role.value}.user")
        session.add(Membership(organisation_id=federation.id, user_id=staff[role.value].id, role=role))
    staff["ngo.caseworker"] = add_user(session, "ngo.caseworker")
    session.add(Membership(organisation_id=ngo.id, user_id=staff["ngo.caseworker"].id, role=OrgRole.CASEWORKER))
    session.flush()
    return World(person=person, federation=federation, ngo=ngo, staff=staff)


def share_profile(session: Session, world: World) -> SensitiveProfile:
    give_consent(session, world.person, STORE)
    profile = save_profile(session, world.person, ProfileInput("hearing", 2, ID_NUMBER + "22", "用助听器"))
    give_consent(session, world.person, SHARE, organisation_id=world.federation.id)
    return profile


# --- consent -------------------------------------------------------------------------------------------


def test_saving_a_profile_needs_the_separate_consent(session: Session, world: World) -> None:
    with pytest.raises(ConsentRequired):
        save_profile(session, world.person, ProfileInput("visual", 1))
    assert count(session, SensitiveProfile) == 0
    assert audit(session, "sensitive.written") == []


def test_give_consent_records_purpose_version_and_time_once(session: Session, world: World) -> None:
    consent = give_consent(session, world.person, STORE, organisation_id=world.federation.id, ip="192.0.2.1")
    assert consent.purpose is STORE
    assert consent.organisation_id is None  # a storage consent is never tied to an organisation
    assert consent.policy_version == POLICY_VERSION
    assert consent.given_at is not None
    assert consent.withdrawn_at is None
    assert give_consent(session, world.person, STORE) is consent
    assert has_consent(session, world.person.id, STORE)
    [entry] = audit(session, "consent.given")
    assert entry.detail == {"purpose": "sensitive_profile", "policy_version": POLICY_VERSION}
    assert entry.ip == "192.0.2.1"


def test_sharing_needs_the_storage_consent_first(session: Session, world: World) -> None:
    with pytest.raises(ConsentRequired):
        give_consent(session, world.person, SHARE, organisation_id=world.federation.id)
    assert not has_consent(session, world.person.id, SHARE, world.federation.id)
    assert count(session, Consent) == 0


@pytest.mark.parametrize("organisation_id", [None, 987_654])
def test_sharing_needs_an_existing_organisation(session: Session, world: World, organisation_id: int | None) -> None:
    give_consent(session, world.person, STORE)
    with pytest.raises(InvalidInput) as caught:
        give_consent(session, world.person, SHARE, organisation_id=organisation_id)
    assert caught.value.field == "organisation_id"
    assert count(session, Consent, Consent.purpose == SHARE) == 0


def test_sharing_is_per_organisation(session: Session, world: World) -> None:
    share_profile(session, world)
    assert has_consent(session, world.person.id, SHARE, world.federation.id)
    assert not has_consent(session, world.person.id, SHARE, world.ngo.id)
    assert not has_consent(session, world.person.id, SHARE)


def test_withdrawing_what_was_never_given_is_not_found(session: Session, world: World) -> None:
    with pytest.raises(NotFound):
        withdraw_consent(session, world.person, STORE)


def test_withdrawing_storage_deletes_the_profile_and_ends_all_sharing(session: Session, world: World) -> None:
    share_profile(session, world)
    give_consent(session, world.person, SHARE, organisation_id=world.ngo.id)
    withdraw_consent(session, world.person, STORE)
    assert count(session, SensitiveProfile) == 0
    assert not has_consent(session, world.person.id, STORE)
    assert not has_consent(session, world.person.id, SHARE, world.federation.id)
    assert not has_consent(session, world.person.id, SHARE, world.ngo.id)
    # Consents are kept as records, marked withdrawn.
    kept = consents_of(session, world.person)
    assert len(kept) == 3
    assert all(consent.withdrawn_at is not None for consent in kept)
    assert [e.detail for e in audit(session, "consent.withdrawn")] == [{"purpose": "sensitive_profile"}]
    assert len(audit(session, "sensitive.deleted")) == 1
    with pytest.raises(ConsentRequired):
        save_profile(session, world.person, ProfileInput("visual", 1))
    with pytest.raises(NotFound):
        read_client_profile(session, world.staff["caseworker"], world.federation.id, world.person.id)


def test_withdrawing_sharing_keeps_the_profile_but_stops_caseworkers(session: Session, world: World) -> None:
    share_profile(session, world)
    withdraw_consent(session, world.person, SHARE, organisation_id=world.federation.id)
    assert count(session, SensitiveProfile) == 1
    with pytest.raises(NotFound):
        read_client_profile(session, world.staff["caseworker"], world.federation.id, world.person.id)
    assert clients_sharing_with(session, world.staff["caseworker"], world.federation.id) == []


def test_consent_can_be_given_again_after_withdrawal(session: Session, world: World) -> None:
    first = give_consent(session, world.person, STORE)
    withdraw_consent(session, world.person, STORE)
    second = give_consent(session, world.person, STORE)
    assert second.id != first.id
    assert has_consent(session, world.person.id, STORE)
    assert [c.id for c in consents_of(session, world.person)] == [second.id, first.id]


# --- the profile and its validation --------------------------------------------------------------------


def test_save_profile_stores_normalised_data_and_logs_the_write(session: Session, world: World) -> None:
    give_consent(session, world.person, STORE)
    profile = save_profile(
        session,
        world.person,
        ProfileInput("visual", 1, " 11010519491231002x11 ", "  全盲，使用读屏软件。  "),
        ip="192.0.2.9",
    )
    assert profile.disability_category is DisabilityCategory.VISUAL
    assert profile.disability_level == 1
    assert profile.certificate_number == "11010519491231002X11"
    assert profile.health_notes == "全盲，使用读屏软件。"
    [entry] = audit(session, "sensitive.written")
    assert (entry.actor_id, entry.subject_user_id, entry.ip) == (
        world.person.id,
        world.person.id,
        "192.0.2.9",
    )


def test_save_profile_replaces_the_previous_one(session: Session, world: World) -> None:
    give_consent(session, world.person, STORE)
    save_profile(session, world.person, ProfileInput("visual", 1, ID_NUMBER + "11"))
    profile = save_profile(session, world.person, ProfileInput("physical", 3))
    assert count(session, SensitiveProfile) == 1
    assert (profile.disability_category, profile.disability_level, profile.certificate_number) == (
        DisabilityCategory.PHYSICAL,
        3,
        None,
    )
    assert len(audit(session, "sensitive.written")) == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (ProfileInput("deaf", 1), "disability_category"),
        (ProfileInput("", 1), "disability_category"),
        (ProfileInput("visual", 0), "disability_level"),
        (ProfileInput("visual", 5), "disability_level"),
        (ProfileInput("visual", 1, ID_NUMBER[:-1] + "11"), "certificate_number"),  # 19 characters
        (ProfileInput("visual", 1, ID_NUMBER + "111"), "certificate_number"),  # 21 characters
        (
            ProfileInput("visual", 1, "1101051949123100XX11"),
            "certificate_number",
        ),  # X only as the check digit
        (ProfileInput("visual", 1, "A1010519491231002X11"), "certificate_number"),
        (ProfileInput("visual", 1, ID_NUMBER + "81"), "certificate_number"),  # no category 8
        (ProfileInput("visual", 1, ID_NUMBER + "15"), "certificate_number"),  # no level 5
        (
            ProfileInput("visual", 1, ID_NUMBER + "21"),
            "certificate_number",
        ),  # hearing digit for a visual profile
        (ProfileInput("visual", 1, ID_NUMBER + "12"), "certificate_number"),  # level 2 for a level 1 profile
        (ProfileInput("visual", 1, None, "n" * (MAX_HEALTH_NOTES + 1)), "health_notes"),
    ],
)
def test_save_profile_refuses_bad_input(session: Session, world: World, data: ProfileInput, field: str) -> None:
    give_consent(session, world.person, STORE)
    with pytest.raises(InvalidInput) as caught:
        save_profile(session, world.person, data)
    assert caught.value.field == field
    assert count(session, SensitiveProfile) == 0
    assert audit(session, "sensitive.written") == []


def test_a_blank_certificate_number_is_no_certificate(session: Session, world: World) -> None:
    give_consent(session, world.person, STORE)
    assert save_profile(session, world.person, ProfileInput("speech", 4, "   ")).certificate_number is None


@hypothesis_settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    id_number=st.from_regex(r"\d{17}[\dXx]", fullmatch=True),
    category=st.sampled_from(sorted(CATEGORY_DIGITS)),
    level=st.integers(1, 4),
    data=st.data(),
)
def test_certificate_digits_must_match_category_and_level(
    session: Session, world: World, id_number: str, category: str, level: int, data: st.DataObject
) -> None:
    give_consent(session, world.person, STORE)
    # Half of the drawn digits are the right ones, so both outcomes are exercised.
    written_category = data.draw(st.sampled_from([CATEGORY_DIGITS[category], *"0123456789"]))
    written_level = data.draw(st.sampled_from([str(level), *"0123456789"]))
    number = id_number + written_category + written_level
    matches = written_category == CATEGORY_DIGITS[category] and written_level == str(level)
    try:
        profile = save_profile(session, world.person, ProfileInput(category, level, number))
    except InvalidInput as error:
        assert not matches
        assert error.field == "certificate_number"
    else:
        assert matches
        assert profile.certificate_number == number.upper()
        assert len(profile.certificate_number) == 20


# --- reading ---------------------------------------------------------------------------------------------


def test_reading_ones_own_profile_is_logged(session: Session, world: World) -> None:
    assert read_own_profile(session, world.person) is None
    assert audit(session, "sensitive.read") == []  # nothing was read
    share_profile(session, world)
    profile = read_own_profile(session, world.person, ip="192.0.2.3")
    assert profile is not None
    [entry] = audit(session, "sensitive.read")
    assert entry.detail == {"by": "self"}
    assert (entry.actor_id, entry.subject_user_id, entry.ip) == (
        world.person.id,
        world.person.id,
        "192.0.2.3",
    )


def test_a_caseworker_reads_a_shared_profile_and_the_read_is_logged(session: Session, world: World) -> None:
    share_profile(session, world)
    caseworker = world.staff["caseworker"]
    profile = read_client_profile(session, caseworker, world.federation.id, world.person.id, ip="192.0.2.5")
    assert profile.disability_category is DisabilityCategory.HEARING
    [entry] = audit(session, "sensitive.read")
    assert (entry.actor_id, entry.subject_user_id, entry.organisation_id) == (
        caseworker.id,
        world.person.id,
        world.federation.id,
    )
    assert entry.detail == {"by": "caseworker"}
    assert clients_sharing_with(session, caseworker, world.federation.id) == [world.person]


def test_a_caseworker_cannot_read_without_share_consent(session: Session, world: World) -> None:
    give_consent(session, world.person, STORE)
    save_profile(session, world.person, ProfileInput("visual", 1))
    with pytest.raises(NotFound):
        read_client_profile(session, world.staff["caseworker"], world.federation.id, world.person.id)
    assert audit(session, "sensitive.read") == []


def test_sharing_with_one_organisation_does_not_open_it_to_another(session: Session, world: World) -> None:
    share_profile(session, world)
    ngo_caseworker = world.staff["ngo.caseworker"]
    with pytest.raises(NotFound):
        read_client_profile(session, ngo_caseworker, world.ngo.id, world.person.id)
    with pytest.raises(PermissionDenied):
        read_client_profile(session, ngo_caseworker, world.federation.id, world.person.id)
    assert clients_sharing_with(session, ngo_caseworker, world.ngo.id) == []
    assert audit(session, "sensitive.read") == []


@pytest.mark.parametrize("reader", ["owner", "manager", "member", "outsider", "admin", "anonymous"])
def test_only_caseworkers_read_client_profiles(session: Session, world: World, reader: str) -> None:
    share_profile(session, world)
    user = None if reader == "anonymous" else world.staff[reader]
    error = NotAuthenticated if user is None else PermissionDenied
    with pytest.raises(error):
        read_client_profile(session, user, world.federation.id, world.person.id)
    with pytest.raises(error):
        clients_sharing_with(session, user, world.federation.id)
    assert audit(session, "sensitive.read") == []


# --- export and deletion -------------------------------------------------------------------------------


def test_export_contains_everything_and_is_logged(session: Session, world: World) -> None:
    person = world.person
    person.email = "li@example.cn"
    share_profile(session, world)
    session.add(Membership(organisation_id=world.ngo.id, user_id=person.id, role=OrgRole.MEMBER))
    token, raw_token = create_api_token(session, person, "screen reader")
    export = export_user_data(session, person, ip="192.0.2.7")

    assert export["format"] == "barrierfree-export/1"
    assert export["account"]["username"] == "li.ming"
    assert export["account"]["email"] == "li@example.cn"
    assert export["memberships"] == [{"organisation": "志愿者协会", "role": "member"}]
    assert {(c["purpose"], c["organisation_id"]) for c in export["consents"]} == {
        ("sensitive_profile", None),
        ("share_with_organisation", world.federation.id),
    }
    assert export["sensitive_profile"]["disability_category"] == "hearing"
    assert export["sensitive_profile"]["certificate_number"] == ID_NUMBER + "22"
    assert export["sensitive_profile"]["health_notes"] == "用助听器"
    assert export["api_tokens"] == [
        {
            "name": "screen reader",
            "prefix": token.prefix,
            "created_at": token.created_at.isoformat(),
            "revoked": False,
        }
    ]
    logged = [entry["action"] for entry in export["audit_log"]]
    for action in (
        "account.exported",
        "sensitive.read",
        "sensitive.written",
        "consent.given",
        "token.created",
    ):
        assert action in logged
    assert len(audit(session, "account.exported")) == 1

    dumped = json.dumps(export, ensure_ascii=False)
    assert raw_token not in dumped
    assert token.token_hash not in dumped
    assert person.password_hash not in dumped


def test_export_without_a_profile(session: Session, world: World) -> None:
    export = export_user_data(session, world.person)
    assert export["sensitive_profile"] is None
    assert export["consents"] == []
    assert [entry["action"] for entry in export["audit_log"]] == ["account.exported"]


def test_deleting_an_account_needs_the_password(session: Session, password_hash: str) -> None:
    user = add_user(session, "li.ming", password_hash)
    with pytest.raises(InvalidInput) as caught:
        delete_account(session, user, "not the password")
    assert caught.value.field == "password"
    assert count(session, User) == 1
    assert audit(session, "account.deleted") == []


def test_deleting_an_account_removes_all_personal_data_but_keeps_the_audit_log(
    session: Session, world: World, password_hash: str
) -> None:
    person = world.person
    person.password_hash = password_hash
    share_profile(session, world)
    session.add(Membership(organisation_id=world.ngo.id, user_id=person.id, role=OrgRole.MEMBER))
    create_api_token(session, person, "cli")
    start_session(session, person, days=1)
    request_password_reset(session, "li.ming", minutes=30)
    session.commit()
    entries_before = count(session, AuditEntry, AuditEntry.subject_user_id == person.id)
    person_id = person.id

    delete_account(session, person, PASSWORD, ip="192.0.2.8")
    session.commit()
    session.expire_all()

    assert session.get(User, person_id) is None
    for model in (UserSession, ApiToken, PasswordReset, Consent, SensitiveProfile, Membership):
        assert count(session, model, model.user_id == person_id) == 0, model.__name__
    # Other people and organisations are untouched.
    assert count(session, User) == len(world.staff)
    assert count(session, Organisation) == 2
    kept = count(session, AuditEntry, AuditEntry.subject_user_id == person_id)
    assert kept == entries_before + 1
    [entry] = audit(session, "account.deleted")
    assert (entry.actor_id, entry.actor_label, entry.ip) == (person_id, "li.ming", "192.0.2.8")
