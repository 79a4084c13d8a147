"""API tokens (issue 14): expire, listed and revoked by their owner and the office
administrator, dead at once with a password change or deactivation; issue and revocation
audited; the secret is stored only as a hash and shown once."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from apps.accounts.tokens import ApiToken
from apps.audit.models import AuditEntry
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory

HOST = "hangzhou.localhost"


def issue(username, **extra):
    response = Client(HTTP_HOST=HOST).post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD, **extra}
    )
    assert response.status_code == 201, response.content
    return response.json()


def me(secret):
    return Client(HTTP_HOST=HOST).get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {secret}")


def users():
    with in_city("hangzhou"):
        return (
            UserFactory(username="tok_clerk", role="clerk"),
            UserFactory(username="tok_reviewer", role="reviewer"),
            UserFactory(username="tok_admin", role="office_admin"),
        )


def test_a_token_works_expires_and_is_kept_only_as_a_hash(db):
    users()
    issued = issue("tok_clerk", name="统计脚本", days=7)
    assert me(issued["token"]).status_code == 200
    with in_city("hangzhou"):
        token = ApiToken.objects.get(pk=issued["id"])
        assert issued["token"] not in (token.digest, token.prefix) and token.name == "统计脚本"
        assert token.expires_at - timezone.now() < datetime.timedelta(days=7, minutes=1)
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert me(issued["token"]).status_code == 401


def test_a_token_longer_than_the_limit_is_refused_with_a_field_error(db):
    users()
    response = Client(HTTP_HOST=HOST).post(
        "/api/v1/auth/token/", {"username": "tok_clerk", "password": PASSWORD, "days": 10000}
    )
    assert response.status_code == 400 and "days" in response.json()["fields"]


def test_a_password_change_or_deactivation_kills_every_token_at_once(db):
    clerk, reviewer, _admin = users()
    first, second = issue("tok_clerk")["token"], issue("tok_reviewer")["token"]
    with in_city("hangzhou"):
        clerk.set_password("a-new-long-password")
        clerk.save()
        reviewer.is_active = False
        reviewer.save()
    assert me(first).status_code == 401 and me(second).status_code == 401


def test_owners_list_and_revoke_their_own_the_office_admin_everyones(db):
    users()
    clerk_token = issue("tok_clerk")
    reviewer_token = issue("tok_reviewer")
    admin_token = issue("tok_admin")["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {clerk_token['token']}"}
    client = Client(HTTP_HOST=HOST)

    listed = client.get("/api/v1/auth/tokens/", **auth).json()["results"]
    assert {row["user"] for row in listed} == {"tok_clerk"} and "token" not in listed[0]
    assert client.delete(f"/api/v1/auth/tokens/{reviewer_token['id']}/", **auth).status_code == 404
    assert me(reviewer_token["token"]).status_code == 200

    admin = {"HTTP_AUTHORIZATION": f"Token {admin_token}"}
    assert {row["user"] for row in client.get("/api/v1/auth/tokens/", **admin).json()["results"]} >= {
        "tok_clerk",
        "tok_reviewer",
    }
    assert client.delete(f"/api/v1/auth/tokens/{reviewer_token['id']}/", **admin).status_code == 204
    assert me(reviewer_token["token"]).status_code == 401
    assert client.delete(f"/api/v1/auth/tokens/{clerk_token['id']}/", **auth).status_code == 204
    assert me(clerk_token["token"]).status_code == 401
    with in_city("hangzhou"):
        assert AuditEntry.objects.filter(action="accounts.token_issued").count() >= 3
        revoked = AuditEntry.objects.filter(action="accounts.token_revoked")
        assert {(entry.actor_username, entry.after["user"]) for entry in revoked} == {
            ("tok_admin", "tok_reviewer"),
            ("tok_clerk", "tok_clerk"),
        }
        assert not AuditEntry.objects.filter(after__icontains=clerk_token["token"]).exists()


def test_another_citys_token_is_no_token_here(db):
    users()
    secret = issue("tok_clerk")["token"]
    response = Client(HTTP_HOST="guangzhou.localhost").get(
        "/api/v1/me/", HTTP_AUTHORIZATION=f"Token {secret}"
    )
    assert response.status_code == 401


def test_the_tokens_page_shows_a_new_secret_once_and_revokes(client_for):
    clerk, _reviewer, _admin = users()
    client = client_for("hangzhou", clerk)
    page = client.post("/accounts/tokens/", {"action": "issue", "name": "报表", "days": 30})
    assert page.status_code == 200 and "token-secret" in page.content.decode()
    with in_city("hangzhou"):
        token = ApiToken.objects.get(user=clerk, name="报表")
    again = client.get("/accounts/tokens/").content.decode()
    assert "token-secret" not in again and token.prefix in again
    bad = client.post("/accounts/tokens/", {"action": "issue", "days": "0"})
    assert bad.status_code == 400 and "invalid-feedback" in bad.content.decode()
    assert client.post("/accounts/tokens/", {"action": "revoke", "token": token.pk}).status_code == 302
    with in_city("hangzhou"):
        token.refresh_from_db()
        assert token.revoked_at is not None
