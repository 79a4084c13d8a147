"""Sign-in per host, throttling, roles and what they may see."""

import pytest
from django.test import Client

from tests.conftest import complete_two_factor, in_city
from tests.factories import PASSWORD, UserFactory


def sign_in(client: Client, username: str, password: str = PASSWORD):
    """The password, and the one-time code where the site asks for it (operators)."""
    response = client.post("/accounts/sign-in/", {"username": username, "password": password})
    return complete_two_factor(client, response, username)


def test_a_city_user_signs_in_on_the_citys_host_and_sees_office_and_role(city_user, client_for):
    city_user("hangzhou", username="hz_reviewer", role="reviewer", display_name="王审核")
    client = client_for("hangzhou")

    response = sign_in(client, "hz_reviewer")
    home = client.get("/").content.decode()

    assert response.status_code == 302
    assert "杭州市人民政府外事侨务办公室" in home
    assert "王审核" in home
    assert "审核人" in home  # the role, in Chinese by default


def test_a_guangzhou_account_cannot_sign_in_on_hangzhous_host(city_user, client_for):
    city_user("guangzhou", username="gz_only", role="clerk")
    client = client_for("hangzhou")

    response = sign_in(client, "gz_only")

    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode() or "not correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_password_is_refused_with_a_form_error(city_user, client_for):
    city_user("hangzhou", username="hz_clerk", role="clerk")
    response = sign_in(client_for("hangzhou"), "hz_clerk", "wrong-password")
    assert response.status_code == 200
    assert "form-errors" in response.content.decode()  # the error summary on top of the form


def test_repeated_failed_sign_ins_are_throttled_even_with_the_right_password_after(city_user, client_for):
    city_user("hangzhou", username="hz_clerk", role="clerk")
    client = client_for("hangzhou")
    for _ in range(5):
        assert sign_in(client, "hz_clerk", "guess").status_code == 200

    response = sign_in(client, "hz_clerk")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_throttling_in_one_city_does_not_lock_the_same_name_in_another(city_user, client_for):
    city_user("hangzhou", username="clerk_x", role="clerk")
    city_user("guangzhou", username="clerk_x", role="clerk")
    hangzhou = client_for("hangzhou")
    for _ in range(6):
        sign_in(hangzhou, "clerk_x", "guess")

    response = sign_in(Client(HTTP_HOST="guangzhou.localhost", REMOTE_ADDR="10.0.0.9"), "clerk_x")

    assert response.status_code == 302


def test_the_token_endpoint_is_throttled_too(city_user, client):
    city_user("hangzhou", username="hz_clerk", role="clerk")
    for _ in range(5):
        client.post(
            "/api/v1/auth/token/",
            {"username": "hz_clerk", "password": "guess"},
            HTTP_HOST="hangzhou.localhost",
        )

    response = client.post(
        "/api/v1/auth/token/", {"username": "hz_clerk", "password": PASSWORD}, HTTP_HOST="hangzhou.localhost"
    )

    assert response.status_code == 429
    assert response.json()["code"] == "throttled"


def test_operators_sign_in_only_on_the_platform_host(db, client_for):
    UserFactory(username="op", role="operator")  # public schema
    platform = Client(HTTP_HOST="localhost")

    assert sign_in(platform, "op").status_code == 302
    assert "广州市人民政府外事办公室" in platform.get("/").content.decode()  # the cities list
    assert sign_in(client_for("hangzhou"), "op").status_code == 200  # refused


def test_a_city_user_cannot_use_the_platform_host(db):
    UserFactory(username="clerk_in_public", role="clerk")  # a non-operator in the public schema
    platform = Client(HTTP_HOST="localhost")
    assert sign_in(platform, "clerk_in_public").status_code == 200
    assert platform.get("/").status_code == 302  # to sign-in


def test_the_operator_can_suspend_and_reactivate_a_city_from_the_platform_site(db):
    UserFactory(username="op", role="operator")
    platform = Client(HTTP_HOST="localhost")
    sign_in(platform, "op")

    platform.post("/cities/quzhou/suspend/", {"reason": "maintenance", "confirm": "on"})
    suspended = Client(HTTP_HOST="quzhou.localhost").get("/")
    platform.post("/cities/quzhou/reactivate/", {"reason": "maintenance done", "confirm": "on"})
    restored = Client(HTTP_HOST="quzhou.localhost").get("/")

    assert suspended.status_code == 503
    assert "服务已暂停" in suspended.content.decode()
    assert restored.status_code == 200


@pytest.mark.parametrize(
    ("posted", "missing"),
    [
        ({"confirm": "on"}, "reason"),
        ({"reason": "   ", "confirm": "on"}, "reason"),
        ({"reason": "contract ended"}, "confirm"),
    ],
)
def test_a_suspension_without_a_reason_or_confirmation_changes_nothing(db, posted, missing):
    from apps.audit.models import AuditEntry

    UserFactory(username="op", role="operator")
    platform = Client(HTTP_HOST="localhost")
    sign_in(platform, "op")
    before = AuditEntry.objects.filter(action="platform.set_city_status").count()

    response = platform.post("/cities/quzhou/suspend/", posted)

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{missing}_error" class="invalid-feedback"' in page and f'name="{missing}"' in page
    error = page.split(f'id="id_{missing}_error"', 1)[1].split("</div>", 1)[0]
    assert "该字段是必填项。" in error  # under the field, in Chinese
    assert Client(HTTP_HOST="quzhou.localhost").get("/").status_code == 200
    assert AuditEntry.objects.filter(action="platform.set_city_status").count() == before


def test_the_suspension_reason_is_kept_in_the_audit_row(db):
    from apps.audit.models import AuditEntry

    UserFactory(username="op", role="operator")
    platform = Client(HTTP_HOST="localhost")
    sign_in(platform, "op")
    page = platform.get("/cities/quzhou/suspend/").content.decode()
    assert 'name="reason"' in page and 'name="confirm"' in page and "required" in page

    platform.post("/cities/quzhou/suspend/", {"reason": " contract ended ", "confirm": "on"})

    entry = AuditEntry.objects.filter(action="platform.set_city_status").first()
    assert (entry.actor_username, entry.after) == ("op", {"status": "suspended", "reason": "contract ended"})


def test_set_city_status_refuses_a_suspension_without_a_reason(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--reason"):
        call_command("set_city_status", "quzhou", "suspended")
    assert Client(HTTP_HOST="quzhou.localhost").get("/").status_code == 200


def test_the_operators_pages_link_the_calendar_upload(db):
    UserFactory(username="op", role="operator")
    platform = Client(HTTP_HOST="localhost")
    sign_in(platform, "op")
    for path in ("/", "/cities/quzhou/"):
        assert 'href="/calendar/"' in platform.get(path).content.decode()


def test_an_unknown_status_change_is_not_found(db):
    UserFactory(username="op", role="operator")
    platform = Client(HTTP_HOST="localhost")
    sign_in(platform, "op")
    response = platform.post("/cities/quzhou/deleted/", {"reason": "x", "confirm": "on"})
    assert response.status_code == 404
    assert Client(HTTP_HOST="quzhou.localhost").get("/").status_code == 200


def test_sign_out_ends_the_session(city_user, client_for):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    client = client_for("hangzhou", clerk)
    client.post("/accounts/sign-out/")
    assert client.get("/api/v1/me/").status_code == 401


def test_me_lists_the_roles_permissions_from_the_role_map(city_user, client_for):
    admin = city_user("hangzhou", username="hz_admin", role="office_admin")
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")

    admin_me = client_for("hangzhou", admin).get("/api/v1/me/").json()
    clerk_me = client_for("hangzhou", clerk).get("/api/v1/me/").json()

    assert "audit.view" in admin_me["permissions"]
    assert "audit.view" not in clerk_me["permissions"]
    assert clerk_me["city"] == "hangzhou"


def test_a_role_without_audit_permission_is_refused_the_audit_log(city_user, client_for):
    clerk = city_user("hangzhou", username="hz_clerk", role="clerk")
    client = client_for("hangzhou", clerk)
    assert client.get("/api/v1/audit/").status_code == 403
    assert client.get("/audit/").status_code == 403


def test_demo_data_creates_one_user_per_role_in_every_city_and_is_idempotent(db):
    from apps.accounts.models import User
    from apps.accounts.roles import CITY_ROLES
    from tenants.demo import ensure_demo_data

    ensure_demo_data()
    second = ensure_demo_data()

    # The test cities were onboarded without --demo: their admins keep their own password.
    assert [line for line in second if "admin keeps the password" not in line] == []
    for code in ["guangzhou", "guiyang", "hangzhou", "lanzhou", "quzhou"]:
        with in_city(code):
            roles = set(User.objects.values_list("role", flat=True))
            assert set(CITY_ROLES) <= roles
            assert User.objects.get(username="clerk").check_password(f"{code}-demo")
