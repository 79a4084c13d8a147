"""The unread count next to the user's name in the header of every city page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from apps.accounts.access import has_permission, site_profile
from apps.notifications import selectors


def inbox(request) -> dict:
    """``inbox = {"url", "unread"}`` and ``waiting = {"url", "count"}`` for a user signed in
    on a city host; nothing (and no query) otherwise. The count (the badge of the header's
    "waiting for me" link) is worked out only when a page shows it."""
    site = getattr(request, "site", None)
    if getattr(site, "kind", None) != "city" or not hasattr(request, "user"):
        return {}
    if not request.user.is_authenticated or not has_permission(request, "core.view_home"):
        return {}
    return {
        "inbox": {"url": reverse("inbox"), "unread": selectors.unread_count(request.user)},
        # The user's "waiting for me" list (apps.casework.views.WaitingView).
        "waiting": {"url": reverse("waiting"), "count": SimpleLazyObject(lambda: _waiting_count(request))},
    }


def _waiting_count(request) -> int:
    from apps.casework.selectors import waiting_count

    return waiting_count(request.user, site_profile(request))
