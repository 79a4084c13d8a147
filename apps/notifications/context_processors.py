"""The unread count next to the user's name in the header of every city page."""

from __future__ import annotations

from django.urls import reverse

from apps.accounts.access import has_permission
from apps.notifications import selectors


def inbox(request) -> dict:
    """``inbox = {"url", "unread"}`` and ``waiting = {"url"}`` for a user signed in on a
    city host; nothing (and no query) otherwise."""
    site = getattr(request, "site", None)
    if getattr(site, "kind", None) != "city" or not hasattr(request, "user"):
        return {}
    if not request.user.is_authenticated or not has_permission(request, "core.view_home"):
        return {}
    return {
        "inbox": {"url": reverse("inbox"), "unread": selectors.unread_count(request.user)},
        # The user's "waiting for me" list (apps.casework.views.WaitingView).
        "waiting": {"url": reverse("waiting")},
    }
