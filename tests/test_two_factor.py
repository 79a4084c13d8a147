"""Two-factor sign-in (issue 14): the roles a profile lists (and operators) give a one-time
code after the password before any page or endpoint; enrolment with a real TOTP; wrong codes
refused and throttled; recovery codes good once; resets by the office administrator; a
city's devices exist only in that city; the profile key is validated."""

from __future__ import annotations

import base64
import copy
import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.audit.models import AuditEntry
from city_profiles import CITIES_DIR, PROVINCES_DIR
from city_profiles.loader import read_yaml, validate_city_data, validate_province_data
from tests.conftest import complete_two_factor, in_city
from tests.factories import PASSWORD, UserFactory

GUIYANG = "guiyang.localhost"  # its profile: security.two_factor_roles [director, office_admin]


def user_in(code: str, **fields):
    with in_city(code):
        return UserFactory(**fields)


def enrolled(code: str, user) -> TOTPDevice:
    with in_city(code):
        return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def password_only(hostname: str, username: str):
    client = Client(HTTP_HOST=hostname)
    response = client.post("/accounts/sign-in/", {"username": username, "password": PASSWORD})
    return client, response


def actions(code: str, action: str, username: str) -> list[AuditEntry]:
    with in_city(code):
        return list(AuditEntry.objects.filter(action=action, object_repr__icontains=username).order_by("pk"))


def test_a_director_with_only_the_password_reaches_no_page_and_no_endpoint(db):
    director = user_in("guiyang", username="tf_dir", role="director")
    device = enrolled("guiyang", director)
    client, response = password_only(GUIYANG, "tf_dir")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/verify/")
    for path in ("/", "/audit/", "/accounts/tokens/", "/documents/", "/accounts/two-factor/"):
        page = client.get(path)
        assert page.status_code == 302 and "/accounts/two-factor/verify/" in page["Location"], path
    api = client.get("/api/v1/me/")
    assert (
        api.status_code == 403
        and api.json()["code"] == "two_factor_required"
        and "双重验证" in api.json()["message"]
    )
    # a token for the password alone is refused; with a code it is issued
    token = Client(HTTP_HOST=GUIYANG).post(
        "/api/v1/auth/token/", {"username": "tf_dir", "password": PASSWORD}
    )
    # refused as a wrong password is (the endpoint has no authentication scheme: 403)
    assert token.status_code == 403 and token.json()["message"] == "验证码不正确。", token.content
    token = Client(HTTP_HOST=GUIYANG).post(
        "/api/v1/auth/token/", {"username": "tf_dir", "password": PASSWORD, "code": code_of(device)}
    )
    assert token.status_code == 201, token.content
    # the verification page hides the menus and the user's inbox
    page = client.get("/accounts/two-factor/verify/").content.decode()
    assert 'class="btn btn-sm btn-outline-light dropdown-toggle who"' not in page and "验证码" in page
    # that code is spent (once per 30-second step); the next step's opens every page
    assert client.post("/accounts/two-factor/verify/", {"code": code_of(device)}).status_code == 200
    with in_city("guiyang"):
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    verified = client.post("/accounts/two-factor/verify/?next=/audit/", {"code": code_of(device)})
    assert verified.status_code == 302 and verified["Location"] == "/audit/"
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_enrolment_with_a_code_from_the_secret_shown(db):
    user_in("guiyang", username="tf_new", role="director")
    client, response = password_only(GUIYANG, "tf_new")
    assert response["Location"].startswith("/accounts/two-factor/set-up/")
    assert client.get("/").status_code == 302
    page = client.get("/accounts/two-factor/set-up/").content.decode()
    assert (
        'src="data:image/svg+xml;base64,' in page
        and "<script" not in page.split("</main>")[0].split("<main")[-1]
    )
    grouped = re.search(r'class="two-factor-secret[^"]*">([A-Z2-7 ]+)<', page).group(1)
    shown = grouped.replace(" ", "")
    key = base64.b32decode(shown)
    assert grouped in client.get("/accounts/two-factor/set-up/").content.decode()  # the same secret again
    wrong = client.post("/accounts/two-factor/set-up/", {"code": "000000" if totp(key) else "111111"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    with in_city("guiyang"):
        TOTPDevice.objects.filter(user__username="tf_new").update(throttling_failure_count=0)
    done = client.post("/accounts/two-factor/set-up/", {"code": f"{totp(key):06d}"})
    assert done.status_code == 200
    codes = re.findall(r'<code class="recovery-code">([a-z2-7]+)</code>', done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/").status_code == 200
    with in_city("guiyang"):
        assert TOTPDevice.objects.get(user__username="tf_new").confirmed
        assert StaticToken.objects.filter(device__user__username="tf_new").count() == 10
    rows = actions("guiyang", "accounts.two_factor_enrolled", "tf_new")
    assert len(rows) == 1
    with in_city("guiyang"):
        everything = json.dumps(list(AuditEntry.objects.values("before", "after")))
    assert shown not in everything and not any(code in everything for code in codes)
    # the recovery codes are shown once: set-up now leads away
    assert client.get("/accounts/two-factor/set-up/").status_code == 302


def test_a_wrong_code_is_refused_audited_and_throttled(db):
    director = user_in("guiyang", username="tf_wrong", role="director")
    device = enrolled("guiyang", director)
    client, _response = password_only(GUIYANG, "tf_wrong")
    right = code_of(device)
    wrong = client.post("/accounts/two-factor/verify/", {"code": "999999" if right != "999999" else "888888"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.content.decode()
    # at once after a failure even the right code waits (django-otp's throttle: 1, 2, 4... s)
    throttled = client.post("/accounts/two-factor/verify/", {"code": right})
    assert throttled.status_code == 429 and "秒后再试" in throttled.content.decode()
    assert client.get("/").status_code == 302
    assert len(actions("guiyang", "accounts.two_factor_failed", "tf_wrong")) == 1
    assert len(actions("guiyang", "accounts.two_factor_throttled", "tf_wrong")) == 1
    with in_city("guiyang"):
        TOTPDevice.objects.filter(pk=device.pk).update(
            throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
        )
    assert client.post("/accounts/two-factor/verify/", {"code": right}).status_code == 302
    assert client.get("/").status_code == 200


def test_a_recovery_code_signs_in_once_and_new_ones_replace_the_old(db):
    director = user_in("guiyang", username="tf_rec", role="director")
    enrolled("guiyang", director)
    with in_city("guiyang"):
        from apps.accounts import two_factor

        codes = two_factor.regenerate_recovery_codes(actor=director)
    client, _response = password_only(GUIYANG, "tf_rec")
    used = client.post("/accounts/two-factor/verify/", {"code": codes[0].upper()})
    assert used.status_code == 302 and client.get("/").status_code == 200
    assert len(actions("guiyang", "accounts.recovery_code_used", "tf_rec")) == 1
    again, _response = password_only(GUIYANG, "tf_rec")
    refused = again.post("/accounts/two-factor/verify/", {"code": codes[0]})
    assert refused.status_code == 200 and again.get("/").status_code == 302
    # new codes (from the settings page, shown once): the old ones stop working
    page = client.post("/accounts/two-factor/", {"action": "recovery_codes"}).content.decode()
    fresh = re.findall(r'<code class="recovery-code">([a-z2-7]+)</code>', page)
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    third, _response = password_only(GUIYANG, "tf_rec")
    assert third.post("/accounts/two-factor/verify/", {"code": codes[1]}).status_code == 200
    with in_city("guiyang"):  # past the wait the wrong code earned
        StaticDevice.objects.filter(user=director).update(throttling_failure_count=0)
    assert third.post("/accounts/two-factor/verify/", {"code": fresh[0]}).status_code == 302


def test_a_role_the_profile_does_not_list_is_not_asked(db):
    user_in("guiyang", username="tf_clerk", role="clerk")
    client, response = password_only(GUIYANG, "tf_clerk")
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_city_that_does_not_list_the_role_does_not_ask_and_devices_stay_in_their_city(db, reprofile):
    guiyang = user_in("guiyang", username="tf_same", role="director")
    enrolled("guiyang", guiyang)
    user_in("hangzhou", username="tf_same", role="director")
    client, response = password_only("hangzhou.localhost", "tf_same")
    assert response["Location"] == "/" and client.get("/").status_code == 200
    with in_city("hangzhou"):
        assert not TOTPDevice.objects.filter(user__username="tf_same").exists()

    def require_directors(data):
        data["security"] = {"two_factor_roles": ["director"]}

    reprofile("hangzhou", require_directors)
    # hangzhou now asks; guiyang's device is not hangzhou's: the director sets one up there
    client, response = password_only("hangzhou.localhost", "tf_same")
    assert response["Location"].startswith("/accounts/two-factor/set-up/")
    assert client.get("/").status_code == 302


def test_operators_on_the_platform_host(db, settings):
    from django.db import connection

    connection.set_schema_to_public()
    UserFactory(username="tf_operator", role="operator")
    client, response = password_only("localhost", "tf_operator")
    assert response["Location"].startswith("/accounts/two-factor/set-up/")
    assert client.get("/").status_code == 302
    complete_two_factor(client, response, "tf_operator")
    assert client.get("/").status_code == 200
    settings.TWO_FACTOR_OPERATORS = False
    client, response = password_only("localhost", "tf_operator")
    assert response["Location"] == "/"


def test_provincial_reviewers_where_the_province_lists_them(db):
    from django.db import connection

    connection.set_schema_to_public()
    UserFactory(username="tf_gz", role="province_reviewer", unit="guizhou")
    UserFactory(username="tf_zj", role="province_reviewer", unit="zhejiang")
    client, response = password_only("guizhou.localhost", "tf_gz")
    assert response["Location"].startswith("/accounts/two-factor/set-up/")
    assert client.get("/queue/").status_code == 302
    client, response = password_only("zhejiang.localhost", "tf_zj")
    assert response["Location"] == "/" and client.get("/queue/").status_code == 200


def test_the_office_administrator_resets_a_colleague(db, client_for):
    director = user_in("guiyang", username="tf_lost", role="director")
    enrolled("guiyang", director)
    admin = user_in("guiyang", username="tf_admin", role="office_admin")
    clerk = user_in("hangzhou", username="tf_clerk2", role="clerk")
    page = client_for("guiyang", admin).get("/accounts/two-factor/").content.decode()
    assert "tf_lost" in page and "重置" in page
    admin_client = client_for("guiyang", admin)
    assert (
        admin_client.post("/accounts/two-factor/", {"action": "reset", "user": director.pk}).status_code
        == 302
    )
    with in_city("guiyang"):
        assert not TOTPDevice.objects.filter(user=director).exists()
    assert len(actions("guiyang", "accounts.two_factor_reset", "tf_lost")) == 1
    _client, response = password_only(GUIYANG, "tf_lost")
    assert response["Location"].startswith("/accounts/two-factor/set-up/")
    # nobody else resets: a clerk elsewhere has no such right
    other = client_for("hangzhou", clerk)
    assert other.post("/accounts/two-factor/", {"action": "reset", "user": director.pk}).status_code == 404


@pytest.mark.parametrize("kind", ["city", "province"])
def test_an_unknown_role_in_the_profile_is_refused_with_file_and_path(kind):
    if kind == "city":
        data, _problems = read_yaml(CITIES_DIR / "guiyang.yaml")
        data = copy.deepcopy(data)
        data["security"] = {"two_factor_roles": ["director", "mayor"]}
        problems = validate_city_data("city_profiles/cities/guiyang.yaml", data)
    else:
        data, _problems = read_yaml(PROVINCES_DIR / "guizhou.yaml")
        data = copy.deepcopy(data)
        data["security"] = {"two_factor_roles": ["director"]}
        problems = validate_province_data("city_profiles/provinces/guizhou.yaml", data)
    text = "\n".join(map(str, problems))
    assert len(problems) == 1, text
    assert "security.two_factor_roles[" in text and ("'mayor'" in text or "'director'" in text)
    assert text.startswith(
        f"city_profiles/{'cities/guiyang' if kind == 'city' else 'provinces/guizhou'}.yaml"
    )
