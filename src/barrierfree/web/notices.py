"""One-shot notices after a form succeeds ("Password changed"), carried as a message key in a cookie."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse

from barrierfree.core.i18n import N_, _

NOTICE_COOKIE = "bf_notice"

NOTICES: dict[str, str] = {
    "signed-up": N_("Welcome! Your account is ready."),
    "routing-report-filed": N_("Thank you. Your report applies to every route planned from now on."),
    "routing-report-revoked": N_("The report is withdrawn; routes use that place again."),
    "logged-in": N_("You are logged in."),
    "logged-out": N_("You are logged out."),
    "password-changed": N_("Your password is changed. Other devices were logged out."),
    "reset-sent": N_("If an account matches, a reset link is on its way. It works for a limited time."),
    "password-reset": N_("Your password is set. Log in with it now."),
    "preferences-saved": N_("Your preferences are saved."),
    "consent-given": N_("Your consent is recorded."),
    "consent-withdrawn": N_("Your consent is withdrawn."),
    "profile-saved": N_("Your disability information is saved."),
    "token-revoked": N_("The token is revoked."),
    "member-saved": N_("The member is saved."),
    "application-sent": N_("Your application is sent. Its progress and messages appear on this page."),
    "stage-changed": N_("The application has moved, and the applicant has been told."),
    "programme-opened": N_("Your programme takes applications: applicants can now choose it."),
    "programme-closed": N_("Your programme takes no new applications. Applications already sent stay as they are."),
    "exam-started": N_("Your paper is ready. The time has started."),
    "practice-started": N_("The customer is waiting for your reply."),
    "reply-sent": N_("Reply sent."),
    "relay-call-started": N_("Calling the customer. Your words are in the chat too; the result appears below."),
    "relay-settings-saved": N_("Your settings are saved."),
    "relay-card-saved": N_("Your card is saved."),
    "relay-card-deleted": N_("The card is deleted."),
    "relay-incident-saved": N_("The incident is logged. Your station sees it if a complaint follows."),
    "relay-stage-saved": N_("The order's stage is updated."),
    "relay-message-sent": N_("Message sent."),
    "relay-complaint-saved": N_("Your complaint is recorded. Thank you."),
    "relay-exemption-saved": N_("The decision is saved; the report shows it with your reason."),
    "places-place-added": N_(
        "The place is added. Its values are not known yet: record what you know below, with your evidence."
    ),
    "places-value-saved": N_("Thank you: the value is recorded with your evidence. The history below shows it."),
    "mentorship-saved": N_("The mentorship is saved, and the apprentice has been told."),
    "mentorship-ended": N_("The mentorship has ended."),
    "senior-designated": N_("Every criterion is met: the agent is now a senior expert and may mentor."),
    "customer-waiting": N_("A customer is waiting: their message is below."),
    "member-removed": N_("The member is removed."),
    "organisation-created": N_("The organisation is created."),
    "account-deleted": N_("Your account and personal data are deleted."),
}


def redirect_with_notice(url: str, key: str) -> RedirectResponse:
    """Redirect after a successful POST (303) and show a notice on the next page."""
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(NOTICE_COOKIE, key, max_age=60, httponly=True, samesite="lax", path="/")
    return response


def pop_notice(request: Request) -> str | None:
    """The translated notice for this request, if a previous POST left one."""
    key = request.cookies.get(NOTICE_COOKIE)
    return _(NOTICES[key]) if key in NOTICES else None
