"""Access checks: one DRF permission class and one mixin for HTML views.

A view declares what each action needs::

    required_permissions = {"list": "audit.view", "retrieve": "audit.view"}   # DRF viewsets
    required_permissions = {"GET": "audit.view"}                              # views by method

Both check, together: the user is signed in on this site, the user's role grants the
permission in this city (core grants + the enabled modules' grants), and the module the
permission belongs to is switched on (otherwise 404, as if it did not exist).
"""

from __future__ import annotations

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from rest_framework import permissions

from apps.accounts.roles import CITY_ROLES, permissions_for_role
from apps.registry.modules import enabled_module_ids, registry


def site_profile(request) -> dict | None:
    city = getattr(request, "city", None)
    return city.profile if city is not None else None


def user_permissions(request) -> frozenset[str]:
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    site = getattr(request, "site", None)
    kind = getattr(site, "kind", None)
    if kind == "platform" and user.role != "operator":
        return frozenset()
    if kind == "city" and user.role not in CITY_ROLES:
        return frozenset()
    if kind == "province" and not is_reviewer_of(user, getattr(request, "province", None)):
        return frozenset()
    cache = getattr(request, "_waiban_permissions", None)
    if cache is None:
        cache = permissions_for_role(user.role, site_profile(request))
        request._waiban_permissions = cache
    return cache


def is_reviewer_of(user, province) -> bool:
    """A provincial reviewer acts only on their own province's portal."""
    return province is not None and user.role == "province_reviewer" and user.unit == province.code


def has_permission(request, permission: str) -> bool:
    return permission in user_permissions(request)


def _check_module_switch(request, permission: str) -> None:
    module_id = permission.split(".", 1)[0]
    if module_id in registry and module_id not in enabled_module_ids(site_profile(request)):
        raise Http404("No such page")


def required_permission(view, action: str) -> str | None:
    declared = getattr(view, "required_permissions", None)
    if declared is None:
        raise ImproperlyConfigured(f"{type(view).__name__} declares no required_permissions")
    return declared.get(action)


class HasModulePermission(permissions.BasePermission):
    """The one permission class of the API."""

    def has_permission(self, request, view) -> bool:
        if getattr(view, "public_endpoint", False):
            return True
        action = getattr(view, "action", None) or request.method
        permission = required_permission(view, action)
        if permission is None:
            return False  # an action nobody declared is nobody's
        _check_module_switch(request, permission)
        return has_permission(request, permission)


class PermissionRequiredMixin(AccessMixin):
    """The one access mixin of HTML views (``required_permissions`` by HTTP method)."""

    required_permissions: dict[str, str] = {}

    def dispatch(self, request, *args, **kwargs):
        permission = required_permission(self, request.method)
        if permission is None:
            permission = required_permission(self, "GET")
        if permission is not None:
            _check_module_switch(request, permission)
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if permission is None or not has_permission(request, permission):
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)
