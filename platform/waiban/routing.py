"""Host routing: which site a request is for, and which schema serves it.

    <PLATFORM_DOMAIN>             the operators' site (public schema)
    <city>.<PLATFORM_DOMAIN>      one office (its own schema), by its Domain row
    <province>.<PLATFORM_DOMAIN>  a provincial FAO's portal (public schema)
    anything else                 a plain 404 that reveals nothing

The Host header is the only input: X-Forwarded-Host is ignored (USE_X_FORWARDED_HOST is
off), the port is dropped, case is folded and a trailing dot removed. The template
schema has no domain and so never answers. ``/healthz`` answers on every host first.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from django.template.loader import render_to_string
from django.urls import set_urlconf

from tenants import routing_table
from tenants.models import City, Province


@dataclass(frozen=True)
class Site:
    kind: str  # "platform" | "city" | "province"
    host: str
    city: City | None = None
    province: Province | None = None


def normalized_host(request) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return host.lower().rstrip(".")


def resolve_site(host: str) -> Site | None:
    domain = settings.PLATFORM_DOMAIN
    if host == domain:
        return Site(kind="platform", host=host)
    if not host.endswith("." + domain):
        return None
    label = host[: -len(domain) - 1]
    if "." in label or not label:
        return None
    city = routing_table.city_for_host(host)
    if city is not None:
        return Site(kind="city", host=host, city=city)
    province = routing_table.province_for_subdomain(label)
    if province is not None:
        return Site(kind="province", host=host, province=province)
    return None


READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# An archived city still lets its users sign in and out to read it.
SESSION_PATHS = frozenset({"/accounts/sign-in/", "/accounts/sign-out/"})
ARCHIVED_MESSAGE = (
    "本办已归档，只读：可查看，不能修改。 "
    "This office is archived and read-only: it can be viewed, not changed."
)


def archived_refusal(request, city: City) -> HttpResponse:
    """A write on an archived city's host: 403, as JSON on the API, else a page."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"status": 403, "code": "archived", "message": ARCHIVED_MESSAGE},
            status=403,
            json_dumps_params={"ensure_ascii": False},
        )
    page = render_to_string("archived.html", {"city": city})
    return HttpResponse(page, status=403)


def not_found() -> HttpResponseNotFound:
    return HttpResponseNotFound("Not Found", content_type="text/plain; charset=utf-8")


class HostRoutingMiddleware:
    """Sets ``request.site``, ``request.city``, the connection's schema and URLconf."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            from waiban.health import healthz

            return healthz(request)
        connection.set_schema_to_public()
        host = normalized_host(request)
        site = resolve_site(host) if host else None
        if site is None:
            return not_found()
        request.site = site
        request.city = site.city
        request.province = site.province
        if site.kind == "city":
            city = site.city
            city.domain_url = host
            request.tenant = city
            if city.is_archived and request.method not in READ_METHODS and request.path not in SESSION_PATHS:
                return archived_refusal(request, city)
            if not city.is_active and not city.is_archived:
                # Rendered without request context: nothing of the city's data is read.
                page = render_to_string("suspended.html", {"city": city})
                return HttpResponse(page, status=503)
            connection.set_tenant(city)
            request.urlconf = settings.ROOT_URLCONF
        else:
            request.tenant = None
            request.urlconf = (
                settings.PLATFORM_URLCONF if site.kind == "platform" else settings.PROVINCE_URLCONF
            )
        set_urlconf(request.urlconf)
        try:
            return self.get_response(request)
        finally:
            set_urlconf(None)
