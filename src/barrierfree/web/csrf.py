"""CSRF protection for every form: a signed double-submit token.

Each browser has a random ``bf_csrf`` cookie (HttpOnly, SameSite=Lax). Forms carry
HMAC(secret_key, cookie) in a hidden field; a cross-site page can neither read the cookie nor compute the
HMAC, so it cannot forge the field.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Request
from starlette.datastructures import FormData

from barrierfree.core.errors import InvalidInput, PermissionDenied
from barrierfree.core.i18n import _

CSRF_FIELD = "csrf_token"
NUL = "\x00"
"""The one character no text column can hold on PostgreSQL; refused in every form and API body."""


def token_for(request: Request) -> str:
    """The hidden-field value for this browser."""
    secret = request.app.state.settings.secret_key.encode()
    return hmac.new(secret, request.state.prefs.csrf_secret.encode(), hashlib.sha256).hexdigest()


async def checked_form(request: Request) -> FormData:
    """The submitted form, after its CSRF token is verified; PermissionDenied otherwise."""
    form = await request.form()
    sent = form.get(CSRF_FIELD)

    if (
        request.state.prefs.csrf_is_new
        or not isinstance(sent, str)
        or not hmac.compare_digest(sent, token_for(request))
    ):
        raise PermissionDenied(
            _("This form has expired or was sent from another site. Go back, reload the page and send it again.")
        )
    for key, value in form.multi_items():
        if isinstance(value, str) and NUL in value:  # PostgreSQL cannot store it: refuse it before any query
            raise InvalidInput(_("Please check what you entered"), field=key)
    return form
