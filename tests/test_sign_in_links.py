"""One-time sign-in links (issue 13): a new account's first password and a reset, with no
password ever generated, shown or logged; a link works once, expires, dies when replaced or
when the account is deactivated, and exists only on its own city's host."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from apps.accounts import links
from apps.accounts.links import SignInLink
from apps.audit.models import AuditEntry
from tests.conftest import in_city
from tests.factories import UserFactory

NEW_PASSWORD = "Xihu-longjing-2026"


def invite(code: str, username: str = "newcomer", **fields) -> str:
    with in_city(code):
        user = UserFactory(username=username, **fields)
        user.set_unusable_password()
        user.save()
        return links.issue_link(user=user)


def choose(client: Client, path: str, one=NEW_PASSWORD, two=NEW_PASSWORD):
    return client.post(path, {"password1": one, "password2": two})


def test_an_invited_user_chooses_a_password_once_and_is_signed_in(db):
    path = invite("hangzhou")
    client = Client(HTTP_HOST="hangzhou.localhost")

    page = client.get(path)
    assert page.status_code == 200
    assert "设置密码" in page.content.decode() or "密码" in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer"
    response = choose(client, path)

    assert response.status_code == 302
    assert client.get("/").status_code == 200  # signed in
    with in_city("hangzhou"):
        assert SignInLink.objects.get(user__username="newcomer").used_at is not None
        assert (
            AuditEntry.objects.filter(
                action="accounts.link_used",
                object_id=str(SignInLink.objects.get(user__username="newcomer").user_id),
            ).count()
            == 1
        )
    again = Client(HTTP_HOST="hangzhou.localhost").get(path)
    assert again.status_code == 410  # spent


def test_only_a_hash_of_the_secret_is_kept(db):
    path = invite("hangzhou")
    secret = path.rstrip("/").rsplit("/", 1)[1]
    with in_city("hangzhou"):
        assert secret not in SignInLink.objects.get(user__username="newcomer").digest
        assert not AuditEntry.objects.filter(after__icontains=secret).exists()


def test_a_weak_or_mismatched_password_is_refused_under_its_field_and_the_link_kept(db):
    path = invite("hangzhou")
    client = Client(HTTP_HOST="hangzhou.localhost")

    mismatched = choose(client, path, two=NEW_PASSWORD + "x")
    weak = choose(client, path, one="123", two="123")

    assert (mismatched.status_code, weak.status_code) == (400, 400)
    assert "两次输入的密码不一致" in mismatched.content.decode()
    with in_city("hangzhou"):
        assert SignInLink.objects.get(user__username="newcomer").used_at is None
    assert choose(client, path).status_code == 302


def test_another_citys_host_does_not_know_the_link(db):
    path = invite("hangzhou")

    assert Client(HTTP_HOST="quzhou.localhost").get(path).status_code == 410
    assert choose(Client(HTTP_HOST="quzhou.localhost"), path).status_code == 410
    assert Client(HTTP_HOST="localhost").get(path).status_code == 410
    with in_city("hangzhou"):
        assert SignInLink.objects.get(user__username="newcomer").used_at is None


def test_an_expired_replaced_or_deactivated_link_no_longer_works(db):
    expired = invite("hangzhou", "one")
    with in_city("hangzhou"):
        SignInLink.objects.filter(user__username="one").update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        )
    first = invite("hangzhou", "two")
    with in_city("hangzhou"):
        user = SignInLink.objects.get(user__username="two").user
        second = links.issue_link(user=user, purpose=SignInLink.Purpose.RESET)
    third = invite("hangzhou", "three")
    with in_city("hangzhou"):
        three = SignInLink.objects.get(user__username="three").user
        three.is_active = False
        three.save()

    client = Client(HTTP_HOST="hangzhou.localhost")
    assert [client.get(p).status_code for p in (expired, first, second, third)] == [410, 410, 200, 410]


def test_a_garbage_secret_is_410_not_500(db):
    client = Client(HTTP_HOST="hangzhou.localhost")
    assert client.get("/accounts/welcome/" + "x" * 300 + "/").status_code == 410
    assert client.get("/accounts/welcome/%E4%B8%AD/").status_code == 410
