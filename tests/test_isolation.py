"""Isolation: nothing of one city is ever readable or changeable from another.

The last test walks every route of the city URLconf (so a new endpoint is covered the
day it is added) and calls it on Hangzhou's host with Guangzhou's credentials and
Guangzhou's object ids: the answer is always 401, 403 or 404 (or the sign-in redirect),
never Guangzhou's data.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from apps.audit import services as audit
from tests.conftest import in_city

MARKER = "GZ-SECRET-7731"


@pytest.fixture
def guangzhou_secret(city_user):
    """An auditor in Guangzhou and an audit row there that carries a marker."""
    auditor = city_user("guangzhou", username="gz_auditor", role="auditor")
    with in_city("guangzhou"):
        entry = audit.record(
            actor=auditor,
            action="test.secret",
            object_type="test.thing",
            object_id="1",
            after={"note": MARKER},
        )
    return auditor, entry


def test_audit_entry_of_one_city_is_not_readable_by_id_from_another(guangzhou_secret, city_user, client_for):
    _, entry = guangzhou_secret
    hz_auditor = city_user("hangzhou", username="hz_auditor", role="auditor")
    client = client_for("hangzhou", hz_auditor)

    detail = client.get(f"/api/v1/audit/{entry.pk}/")
    listing = client.get("/api/v1/audit/?action=test.")
    page = client.get("/audit/")

    for response in (detail, listing, page):
        assert MARKER not in response.content.decode()
    assert listing.json()["results"] == []


def test_the_owning_city_does_see_its_own_entry(guangzhou_secret, client_for):
    auditor, entry = guangzhou_secret
    response = client_for("guangzhou", auditor).get(f"/api/v1/audit/{entry.pk}/")
    assert response.status_code == 200
    assert response.json()["after"] == {"note": MARKER}


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_HOST": "hangzhou.localhost", "HTTP_X_FORWARDED_HOST": "guangzhou.localhost"},
        {"HTTP_HOST": "hangzhou.localhost:8000", "HTTP_X_FORWARDED_HOST": "guangzhou.localhost:8000"},
        {"HTTP_HOST": "HANGZHOU.LOCALHOST"},
        {"HTTP_HOST": "hangzhou.localhost."},
        {"HTTP_HOST": "HangZhou.LocalHost.:8000"},
    ],
    ids=["x-forwarded-host", "x-forwarded-host-with-port", "upper-case", "trailing-dot", "mixed"],
)
def test_odd_host_headers_reach_only_the_host_named(guangzhou_secret, city_user, headers, client):
    hz_auditor = city_user("hangzhou", username="hz_auditor2", role="auditor")
    with in_city("hangzhou"):
        audit.record(actor=hz_auditor, action="test.own", after={"note": "HZ-OWN"})
    token = client.post(
        "/api/v1/auth/token/",
        {"username": "hz_auditor2", "password": "correct-horse-battery"},
        HTTP_HOST="hangzhou.localhost",
    ).json()["token"]
    response = client.get("/api/v1/audit/", HTTP_AUTHORIZATION=f"Token {token}", **headers)
    assert response.status_code == 200
    assert MARKER not in response.content.decode()
    assert "HZ-OWN" in response.content.decode()  # it is Hangzhou's own log


@pytest.mark.parametrize(
    "host",
    [
        "evil.example.com",
        "guangzhou.localhost.evil.example.com",
        "guangzhou.hangzhou.localhost",
        "city_template.localhost",
        "public.localhost",
        "nosuchcity.localhost",
        "localhost.evil",
        "",
    ],
)
def test_unknown_hosts_get_a_plain_404_that_reveals_nothing(guangzhou_secret, client, host):
    response = client.get("/api/v1/audit/", HTTP_HOST=host)
    assert response.status_code == 404
    assert response.content == b"Not Found"


def test_a_session_of_one_city_is_worthless_on_another(guangzhou_secret, client_for):
    auditor, _ = guangzhou_secret
    client = client_for("guangzhou", auditor)
    session_cookie = client.cookies["waiban_session"].value

    response = client.get(
        "/api/v1/me/", HTTP_HOST="hangzhou.localhost", HTTP_COOKIE=f"waiban_session={session_cookie}"
    )
    home = client.get("/", HTTP_HOST="hangzhou.localhost")

    assert response.status_code == 401
    assert "gz_auditor" not in home.content.decode()


def test_a_token_of_one_city_is_refused_by_another(guangzhou_secret, client):
    token = client.post(
        "/api/v1/auth/token/",
        {"username": "gz_auditor", "password": "correct-horse-battery"},
        HTTP_HOST="guangzhou.localhost",
    ).json()["token"]
    response = client.get(
        "/api/v1/audit/", HTTP_HOST="hangzhou.localhost", HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert response.status_code == 401
    assert MARKER not in response.content.decode()


def city_routes() -> list[tuple[str, str]]:
    """Every (route, name) of the city URLconf, with module includes expanded."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield route, pattern.name or ""

    return sorted(set(walk(get_resolver("waiban.urls_city").url_patterns)))


def concrete(route: str, object_id: int) -> str:
    """A path for a route, its parameters filled with a Guangzhou object's id."""
    path = re.sub(r"\(\?P<\w+>[^)]*\)", str(object_id), route)
    path = re.sub(r"<(?:\w+:)?\w+>", str(object_id), path)
    path = path.replace("^", "").replace("$", "").replace(".*", "anything")
    return "/" + path


def test_every_city_endpoint_refuses_another_citys_credentials(guangzhou_secret, client_for, client):
    auditor, entry = guangzhou_secret
    gz_signed_in = client_for("guangzhou", auditor)
    token = client.post(
        "/api/v1/auth/token/",
        {"username": "gz_auditor", "password": "correct-horse-battery"},
        HTTP_HOST="guangzhou.localhost",
    ).json()["token"]
    routes = city_routes()
    assert len(routes) > 10  # the walk found the URLconf

    for route, name in routes:
        path = concrete(route, entry.pk)
        for method in ("get", "post", "delete"):
            by_cookie = getattr(gz_signed_in, method)(path, HTTP_HOST="hangzhou.localhost")
            by_token = getattr(client, method)(
                path, HTTP_HOST="hangzhou.localhost", HTTP_AUTHORIZATION=f"Token {token}"
            )
            for response in (by_cookie, by_token):
                body = response.content.decode(errors="replace")
                assert MARKER not in body, (method, path)
                assert "gz_auditor" not in body, (method, path)
                if response.status_code < 300 or response.status_code == 400:
                    # Only the public pages answer: front page, sign-in, language, token,
                    # the trips' public notice (公示) of Hangzhou's own delegations, the
                    # verification of a letter by its number (Hangzhou's own letters).
                    assert name in {
                        "home",
                        "login",
                        "set_language",
                        "token",
                        "unknown",
                        "notices",
                        "verify",
                        "public_members",
                        "public_resolutions",
                        # overseas Chinese affairs: the public complaint form and the
                        # tracking page (Hangzhou's own; a Guangzhou code finds nothing)
                        "complain",
                        "track",
                    }, (
                        method,
                        path,
                        response.status_code,
                    )
