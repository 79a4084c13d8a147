"""Every response carries a Content-Security-Policy that forbids inline script and style and
framing (django-csp); the API docs page runs without inline script (split Swagger view)."""

from __future__ import annotations

from tests.conftest import in_city
from tests.factories import UserFactory


def test_pages_and_api_docs_carry_a_strict_policy(client_for):
    with in_city("hangzhou"):
        clerk = UserFactory(username="csp_clerk", role="clerk")
    client = client_for("hangzhou", clerk)
    for path in ("/", "/trips/", "/api/v1/docs/", "/api/v1/trips/delegations/"):
        response = client.get(path)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, path
    docs = client.get("/api/v1/docs/").content.decode()
    assert "<script>" not in docs.replace(" ", "") and "?script=" in docs
    assert client.get("/api/v1/docs/?script=").status_code == 200


def test_two_modules_with_a_serializer_of_the_same_name_get_two_components(client_for):
    import json

    with in_city("hangzhou"):
        clerk = UserFactory(username="schema_clerk", role="clerk")
    schema = json.loads(client_for("hangzhou", clerk).get("/api/v1/schema/?format=json").content)
    components = schema["components"]["schemas"]
    assert "TripsOverride" in components and "InvitationsOverride" in components
    assert "Override" not in components
