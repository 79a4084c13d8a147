"""What every page knows: the site, the office's name, the menu of enabled modules."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from apps.accounts.access import has_permission, user_permissions
from apps.registry.modules import registry


def site(request) -> dict:
    current = getattr(request, "site", None)
    context = {"site": current, "city": getattr(request, "city", None)}
    if current is None or not hasattr(request, "user"):
        return context
    context["can_read_audit"] = has_permission(request, "audit.view")
    context["can_see_users"] = has_permission(request, "accounts.view_users")
    if current.kind != "city":
        return context
    granted = user_permissions(request)
    context["can_see_partners"] = "partners.view" in granted  # the kernel's register of partners
    context["can_manage_units"] = "office.manage_units" in granted  # /office/units/ (tenants.office)
    menu = []
    for module in registry.iter_enabled(current.city.profile):
        if module.menu_url_name is None:
            continue
        if not any(permission in granted for permission in module.permissions):
            continue
        try:
            url = reverse(module.menu_url_name)
        except NoReverseMatch:
            continue
        menu.append({"id": module.id, "name": module.name, "url": url})
    context["module_menu"] = menu
    context["enabled_modules"] = list(registry.iter_enabled(current.city.profile))
    return context
