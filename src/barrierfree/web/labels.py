"""Human words for stored codes (roles, kinds, purposes, audit actions), marked for translation."""

from __future__ import annotations

from barrierfree.core.i18n import N_, _

LABELS: dict[str, str] = {
    # organisation roles
    "owner": N_("owner"),
    "manager": N_("manager"),
    "caseworker": N_("caseworker"),
    "member": N_("member"),
    # organisation kinds
    "federation": N_("disabled persons' federation"),
    "ngo": N_("non-profit organisation"),
    "employer": N_("employer"),
    "charity": N_("charity"),
    "merchant": N_("merchant"),
    # consent purposes
    "sensitive_profile": N_("store my disability information"),
    "share_with_organisation": N_("share it with an organisation"),
    "workforce_accommodations": N_("tell an employer the accommodations I need"),
    "relay_text_rider": N_("tell customers and merchants that I communicate by text"),
    # where an API parameter goes
    "in-path": N_("in the path"),
    "in-query": N_("in the query"),
    "in-header": N_("in a header"),
    "in-cookie": N_("in a cookie"),
    # delivery order stages, chat senders and complaint kinds (relay)
    "placed": N_("placed"),
    "accepted": N_("accepted by a rider"),
    "at_merchant": N_("rider at the restaurant"),
    "picked_up": N_("picked up"),
    "on_the_way": N_("on the way"),
    "arriving": N_("arriving"),
    "delivered": N_("delivered"),
    "sender-rider": N_("Rider"),
    "sender-customer": N_("Customer"),
    "sender-merchant": N_("Merchant"),
    "sender-system": N_("Notice"),
    "complaint-did_not_answer": N_("did not answer the phone"),
    "complaint-no_reply": N_("did not reply"),
    "complaint-late": N_("late delivery"),
    "complaint-wrong_items": N_("wrong or missing items"),
    "complaint-rude": N_("rude behaviour"),
    "complaint-other": N_("something else"),
    "rider-hearing": N_("Hearing rider"),
    "rider-without-assistant": N_("Hearing-impaired rider, without the smart call"),
    "rider-with-assistant": N_("Hearing-impaired rider, with the smart call"),
    # disability categories (China's disability certificate)
    "visual": N_("visual"),
    "hearing": N_("hearing"),
    "speech": N_("speech"),
    "physical": N_("physical"),
    "intellectual": N_("intellectual"),
    "mental": N_("mental (psychosocial)"),
    "multiple": N_("multiple"),
    # audit jobs and page statuses
    "queued": N_("waiting"),
    "running": N_("running"),
    "done": N_("done"),
    "failed": N_("failed"),
    "ok": N_("audited"),
    "timeout": N_("did not load in time"),
    "crashed": N_("the page crashed the browser"),
    "not-html": N_("not a web page"),
    "too-many-redirects": N_("redirects without end"),
    "http-error": N_("the server answered with an error"),
    "network-error": N_("could not be reached"),
    "too-large": N_("too large"),
    "not-allowed": N_("not allowed"),
    # audit actions
    "account.created": N_("account created"),
    "account.login": N_("logged in"),
    "account.login_failed": N_("failed login"),
    "account.locked": N_("account locked after failed logins"),
    "account.password_changed": N_("password changed"),
    "account.reset_requested": N_("password reset requested"),
    "account.password_reset": N_("password reset"),
    "account.exported": N_("data exported"),
    "account.deleted": N_("account deleted"),
    "token.created": N_("API token created"),
    "token.revoked": N_("API token revoked"),
    "consent.given": N_("consent given"),
    "consent.withdrawn": N_("consent withdrawn"),
    "sensitive.read": N_("disability information read"),
    "sensitive.written": N_("disability information saved"),
    "sensitive.deleted": N_("disability information deleted"),
    "org.created": N_("organisation registered"),
    "org.member_set": N_("member added or role changed"),
    "org.member_removed": N_("member removed"),
    "places.attribute.edit": N_("accessibility of a place recorded"),
    "places.import": N_("places imported from OpenStreetMap"),
}


def label(code: str) -> str:
    """The translated word for a stored code; unknown codes are shown as they are."""
    return _(LABELS[code]) if code in LABELS else code
