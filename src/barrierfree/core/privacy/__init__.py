"""Consent, sensitive disability data, data export and account deletion."""

from barrierfree.core.privacy.models import Consent, ConsentPurpose, DisabilityCategory, SensitiveProfile
from barrierfree.core.privacy.services import (
    MAX_HEALTH_NOTES,
    POLICY_VERSION,
    ProfileInput,
    clients_sharing_with,
    consents_of,
    delete_account,
    export_user_data,
    give_consent,
    has_consent,
    on_withdrawal,
    profile_as_dict,
    read_client_profile,
    read_own_profile,
    save_profile,
    withdraw_consent,
)

__all__ = [
    "MAX_HEALTH_NOTES",
    "POLICY_VERSION",
    "Consent",
    "ConsentPurpose",
    "DisabilityCategory",
    "ProfileInput",
    "SensitiveProfile",
    "clients_sharing_with",
    "consents_of",
    "delete_account",
    "export_user_data",
    "give_consent",
    "has_consent",
    "on_withdrawal",
    "profile_as_dict",
    "read_client_profile",
    "read_own_profile",
    "save_profile",
    "withdraw_consent",
]
