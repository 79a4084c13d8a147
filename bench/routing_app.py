"""The WSGI application ``bench/routing.py`` serves: the platform twice, in one process.

* the routed stack is the platform exactly as gunicorn serves it (``waiban.wsgi``);
* the plain stack is the same Django project with ``HostRoutingMiddleware`` replaced by
  ``FixedSiteMiddleware``, which hands every request Hangzhou's site read once at start:
  no host parsing, no domain lookup, no schema switch. Everything else (the page, its
  template, sessions, language, the other middleware) is the same.

A request with the header ``X-Bench-Stack: plain`` goes to the plain stack.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT, ROOT / "platform"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from waiban.wsgi import application as routed_application  # noqa: E402

CITY_CODE = "hangzhou"
ROUTING_MIDDLEWARE = "waiban.routing.HostRoutingMiddleware"


class FixedSiteMiddleware:
    """Stands in for the host routing: the same site for every request, no query."""

    site = None

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if FixedSiteMiddleware.site is None:
            from tenants.models import City
            from waiban.routing import Site

            city = City.offices.select_related("province").get(code=CITY_CODE)
            FixedSiteMiddleware.site = Site(kind="city", host=f"{CITY_CODE}.bench", city=city)
        site = FixedSiteMiddleware.site
        request.site, request.city, request.province, request.tenant = site, site.city, None, site.city
        request.urlconf = settings.ROOT_URLCONF
        return self.get_response(request)


with override_settings(
    MIDDLEWARE=[
        "routing_app.FixedSiteMiddleware" if name == ROUTING_MIDDLEWARE else name
        for name in settings.MIDDLEWARE
    ]
):
    plain_application = WSGIHandler()


def application(environ, start_response):
    if environ.get("HTTP_X_BENCH_STACK") == "plain":
        return plain_application(environ, start_response)
    return routed_application(environ, start_response)
