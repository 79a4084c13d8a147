"""User management (issue 13): an office administrator invites, edits, resets, deactivates
and imports its staff; operators manage operators and provincial reviewers. Roles come from
the site; nobody escalates or deactivates themselves; deactivation ends sessions and tokens
at once; every change is audited; one city's administrator never reaches another's users."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from apps.accounts.models import User
from apps.audit.models import AuditEntry
from tests.conftest import complete_two_factor, in_city
from tests.factories import PASSWORD, UserFactory
from tests.jobs.helpers import run_jobs

HZ = "hangzhou.localhost"
NEW_PASSWORD = "Xihu-longjing-2026"


@pytest.fixture
def admin(db):
    with in_city("hangzhou"):
        return UserFactory(username="hz_admin", role="office_admin")


def signed_in(host: str, username: str, password: str = PASSWORD) -> Client:
    client = Client(HTTP_HOST=host)
    response = client.post("/accounts/sign-in/", {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:300]
    complete_two_factor(client, response, username)  # operators sign in with two factors
    return client


def link_of(content: str) -> str:
    return re.search(r"/accounts/welcome/[\w-]+/", content).group(0)


def xlsx(rows, header=("用户名 username", "姓名 display name", "电子邮箱 e-mail", "角色 role", "单位 unit")):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "staff.xlsx"
    return buffer


def test_invite_then_link_then_password_then_sign_in(admin, mailoutbox, django_capture_on_commit_callbacks):
    client = signed_in(HZ, "hz_admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/users/new/",
            {
                "username": "wang.fang",
                "display_name": "王芳",
                "email": "wang@example.cn",
                "role": "clerk",
                "unit": "protocol",
            },
        )
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    path = link_of(page)
    assert "只显示这一次" in page
    run_jobs()  # the e-mail leaves through the job queue
    assert [m.to for m in mailoutbox] == [["wang@example.cn"]]
    assert path in mailoutbox[0].body
    with in_city("hangzhou"):
        user = User.objects.get(username="wang.fang")
        assert (user.role, user.unit, user.has_usable_password()) == ("clerk", "protocol", False)
        rows = AuditEntry.objects.filter(object_id=str(user.pk), action="accounts.create_user")
        assert rows.count() == 1
        secret = path.rstrip("/").rsplit("/", 1)[1]
        assert not AuditEntry.objects.filter(after__icontains=secret).exists()

    newcomer = Client(HTTP_HOST=HZ)
    assert newcomer.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    signed_in(HZ, "wang.fang", NEW_PASSWORD)


def test_a_role_outside_the_city_is_refused_on_the_form_and_in_the_api(admin):
    client = signed_in(HZ, "hz_admin")
    for role in ("operator", "province_reviewer", "superuser"):
        form = client.post(
            "/accounts/users/new/", {"username": f"x_{role}", "display_name": "X", "role": role}
        )
        assert form.status_code == 400
        assert "invalid-feedback" in form.content.decode()
        api = client.post("/api/v1/users/", {"username": f"y_{role}", "display_name": "Y", "role": role})
        assert api.status_code == 400
        assert "role" in api.json()["fields"]
    bad_unit = client.post(
        "/api/v1/users/", {"username": "sub", "display_name": "S", "role": "submitter", "unit": "protocol"}
    )
    assert bad_unit.status_code == 400 and "unit" in bad_unit.json()["fields"]
    with in_city("hangzhou"):
        assert not User.objects.filter(username__in=["x_operator", "y_operator", "sub"]).exists()


def test_no_self_escalation_nor_self_deactivation(admin):
    client = signed_in(HZ, "hz_admin")
    with in_city("hangzhou"):
        clerk = UserFactory(username="hz_clerk2", role="clerk")
    own = client.patch(f"/api/v1/users/{admin.pk}/", {"role": "director"}, content_type="application/json")
    assert own.status_code == 400 and "role" in own.json()["fields"]
    assert client.post(f"/api/v1/users/{admin.pk}/deactivate/").status_code == 400
    page = client.post(f"/accounts/users/{admin.pk}/", {"action": "deactivate"})
    assert page.status_code == 400
    form = client.post(
        f"/accounts/users/{admin.pk}/", {"action": "save", "display_name": "A", "role": "director"}
    )
    assert form.status_code == 400
    with in_city("hangzhou"):
        admin.refresh_from_db()
        assert (admin.role, admin.is_active) == ("office_admin", True)
    # another account's role may change
    other = client.patch(f"/api/v1/users/{clerk.pk}/", {"role": "reviewer"}, content_type="application/json")
    assert other.status_code == 200 and other.json()["role"] == "reviewer"
    with in_city("hangzhou"):
        assert AuditEntry.objects.filter(action="accounts.update_user", object_id=str(clerk.pk)).count() == 1


def test_deactivation_ends_a_session_and_a_token_at_once(admin):
    with in_city("hangzhou"):
        clerk = UserFactory(username="hz_leaver", role="clerk")
    session = signed_in(HZ, "hz_leaver")
    token = Client(HTTP_HOST=HZ).post("/api/v1/auth/token/", {"username": "hz_leaver", "password": PASSWORD})
    secret = token.json()["token"]
    assert session.get("/api/v1/me/").status_code == 200

    response = signed_in(HZ, "hz_admin").post(f"/accounts/users/{clerk.pk}/", {"action": "deactivate"})

    assert response.status_code == 302
    assert session.get("/accounts/tokens/").status_code == 302  # anonymous: sent to sign in
    assert session.get("/api/v1/me/").status_code in (401, 403)
    assert Client(HTTP_HOST=HZ).get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 401
    with in_city("hangzhou"):
        row = AuditEntry.objects.get(action="accounts.deactivate_user", object_id=str(clerk.pk))
        assert row.after["sessions_ended"] == 1
    again = signed_in(HZ, "hz_admin").post(f"/api/v1/users/{clerk.pk}/reactivate/")
    assert again.status_code == 200 and again.json()["is_active"] is True
    # reactivated, the account signs in again; the old token and session stay dead
    assert Client(HTTP_HOST=HZ).get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 401
    assert session.get("/accounts/tokens/").status_code == 302
    signed_in(HZ, "hz_leaver")


def test_reset_makes_the_old_password_unusable_and_gives_a_new_link(admin):
    with in_city("hangzhou"):
        clerk = UserFactory(username="hz_forgetful", role="clerk")
    response = signed_in(HZ, "hz_admin").post(f"/api/v1/users/{clerk.pk}/reset/")
    assert response.status_code == 200
    assert "/accounts/welcome/" in response.json()["link"]
    failed = Client(HTTP_HOST=HZ).post(
        "/accounts/sign-in/", {"username": "hz_forgetful", "password": PASSWORD}
    )
    assert failed.status_code == 200  # refused
    path = "/" + response.json()["link"].split("/", 3)[3]
    assert (
        Client(HTTP_HOST=HZ).post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code
        == 302
    )


def test_three_good_rows_preview_then_create_three_users(admin):
    client = signed_in(HZ, "hz_admin")
    rows = [
        ("li.lei", "李雷", "li@example.cn", "经办人", "礼宾处"),
        ("han.mei", "韩梅梅", "", "Reviewer", "consular"),
        ("zhao.di", "赵迪", "zhao@example.cn", "submitter", "西湖区"),
    ]
    preview = client.post("/api/v1/users/import/?dry_run=1", {"file": xlsx(rows)})
    assert preview.status_code == 200, preview.content
    assert [r["role"] for r in preview.json()["rows"]] == ["clerk", "reviewer", "submitter"]
    with in_city("hangzhou"):
        assert not User.objects.filter(username="li.lei").exists()

    page = client.post("/accounts/users/import/", {"file": xlsx(rows)})
    assert page.status_code == 200
    signed = re.search(r'name="rows" value="([^"]+)"', page.content.decode()).group(1)
    done = client.post("/accounts/users/import/", {"rows": signed})
    assert done.status_code == 200
    assert len(re.findall(r"/accounts/welcome/[\w-]+/", done.content.decode())) == 3
    with in_city("hangzhou"):
        made = dict(
            User.objects.filter(username__in=["li.lei", "han.mei", "zhao.di"]).values_list("username", "unit")
        )
        assert made == {"li.lei": "protocol", "han.mei": "consular", "zhao.di": "xihu_district"}
    # the same signed rows again: the user names are taken now, nothing more is created
    assert client.post("/accounts/users/import/", {"rows": signed}).status_code == 400


def test_a_duplicate_and_a_bad_email_show_row_numbered_errors_and_create_nothing(admin):
    client = signed_in(HZ, "hz_admin")
    rows = [
        ("chen.jing", "陈静", "chen@example.cn", "clerk", "protocol"),
        ("chen.jing", "陈晶", "chen2@example.cn", "clerk", "protocol"),
        ("sun.li", "孙丽", "not-an-address", "clerk", ""),
        ("hz_admin", "重名", "", "clerk", ""),
    ]
    page = client.post("/accounts/users/import/", {"file": xlsx(rows)})
    assert page.status_code == 400
    text = page.content.decode()
    assert 'data-row="3" class="table-danger"' in text and 'data-row="4" class="table-danger"' in text
    assert 'data-row="5" class="table-danger"' in text
    assert 'name="rows"' not in text  # no way to apply
    api = client.post("/api/v1/users/import/", {"file": xlsx(rows)})
    assert api.status_code == 400
    assert set(api.json()["fields"]) == {"rows[3]", "rows[4]", "rows[5]"}
    assert "与第2行重复" in " ".join(api.json()["fields"]["rows[3]"])
    with in_city("hangzhou"):
        assert not User.objects.filter(username__in=["chen.jing", "sun.li"]).exists()


def test_a_file_that_is_not_xlsx_or_too_long_is_a_400_not_a_500(admin):
    client = signed_in(HZ, "hz_admin")
    junk = io.BytesIO(b"not a workbook")
    junk.name = "x.xlsx"
    assert client.post("/api/v1/users/import/", {"file": junk}).status_code == 400
    many = [(f"u{n}", "N", "", "clerk", "") for n in range(501)]
    response = client.post("/api/v1/users/import/?dry_run=1", {"file": xlsx(many)})
    assert response.status_code == 400 and "file" in response.json()["fields"]


def test_the_export_holds_the_users_with_formulas_neutralised(admin):
    with in_city("hangzhou"):
        UserFactory(username="evil", display_name='=HYPERLINK("http://x","y")', role="clerk")
    response = signed_in(HZ, "hz_admin").get("/accounts/users/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert "hz_admin" in cells and "evil" in cells
    assert cells["evil"].data_type == "s" and cells["evil"].value.startswith("=HYPERLINK")


def test_the_template_downloads(admin):
    response = signed_in(HZ, "hz_admin").get("/accounts/users/import/?template=1")
    assert response.status_code == 200
    header = [c.value for c in load_workbook(io.BytesIO(response.content)).active[1]]
    assert header[0] == "用户名 username" and header[3] == "角色 role"


def test_hangzhou_admin_cannot_see_or_change_quzhou_users_and_a_clerk_cannot_reach_the_pages(admin):
    with in_city("hangzhou"):
        top = User.objects.order_by("-pk").values_list("pk", flat=True).first()
        UserFactory(username="hz_clerk", role="clerk")
    with in_city("quzhou"):
        quzhou = UserFactory(username="qz_clerk", role="clerk", pk=top + 1000)
    client = signed_in(HZ, "hz_admin")
    assert "qz_clerk" not in client.get("/accounts/users/?q=qz").content.decode()
    assert "qz_clerk" not in client.get("/api/v1/users/").content.decode()
    assert client.get(f"/accounts/users/{quzhou.pk}/").status_code == 404
    assert client.post(f"/accounts/users/{quzhou.pk}/", {"action": "deactivate"}).status_code == 404
    assert client.get(f"/api/v1/users/{quzhou.pk}/").status_code == 404
    assert client.post(f"/api/v1/users/{quzhou.pk}/deactivate/").status_code == 404
    with in_city("quzhou"):
        quzhou.refresh_from_db()
        assert quzhou.is_active

    clerk = signed_in(HZ, "hz_clerk")
    for path in (
        "/accounts/users/",
        "/accounts/users/new/",
        "/accounts/users/import/",
        f"/accounts/users/{admin.pk}/",
    ):
        assert clerk.get(path).status_code == 403, path
    assert clerk.get("/api/v1/users/").status_code == 403
    assert (
        clerk.post("/api/v1/users/", {"username": "z", "display_name": "Z", "role": "clerk"}).status_code
        == 403
    )
    assert "/accounts/users/" not in clerk.get("/").content.decode()
    assert "/accounts/users/" in client.get("/").content.decode()


def test_operators_manage_a_provincial_reviewer_who_signs_in_on_the_province_only(db):
    with in_city("public"):
        UserFactory(username="ops", role="operator")
    operator = signed_in("localhost", "ops")
    refused = operator.post("/api/v1/users/", {"username": "zj_x", "display_name": "X", "role": "clerk"})
    assert refused.status_code == 400 and "role" in refused.json()["fields"]
    no_province = operator.post(
        "/api/v1/users/", {"username": "zj_x", "display_name": "X", "role": "province_reviewer"}
    )
    assert no_province.status_code == 400 and "unit" in no_province.json()["fields"]

    reviewer = {
        "username": "zj_new",
        "display_name": "省审核",
        "role": "province_reviewer",
        "unit": "zhejiang",
    }
    page = operator.post("/accounts/users/new/", reviewer)
    assert page.status_code == 200
    path = link_of(page.content.decode())
    assert Client(HTTP_HOST="localhost").get(path).status_code == 410  # not on the platform host
    assert Client(HTTP_HOST="guangdong.localhost").get(path).status_code == 410
    zhejiang = Client(HTTP_HOST="zhejiang.localhost")
    assert zhejiang.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    assert zhejiang.get("/").status_code == 200
    for host in ("guangdong.localhost", "localhost", HZ):
        refused = Client(HTTP_HOST=host).post(
            "/accounts/sign-in/", {"username": "zj_new", "password": NEW_PASSWORD}
        )
        assert refused.status_code == 200, host  # the form again, not signed in
    listed = operator.get("/api/v1/users/?role=province_reviewer").json()
    assert "zj_new" in [row["username"] for row in listed["results"]]
    # the province host has no user management
    assert zhejiang.get("/accounts/users/").status_code == 404


def test_an_auditor_reads_the_list_but_changes_nothing(admin):
    with in_city("hangzhou"):
        UserFactory(username="hz_auditor", role="auditor")
    auditor = signed_in(HZ, "hz_auditor")
    listed = auditor.get("/accounts/users/")
    assert listed.status_code == 200 and "hz_admin" in listed.content.decode()
    assert "/accounts/users/new/" not in listed.content.decode()
    assert auditor.get(f"/accounts/users/{admin.pk}/").status_code == 403
    assert auditor.post(f"/api/v1/users/{admin.pk}/deactivate/").status_code == 403
    assert (
        auditor.post("/api/v1/users/import/", {"file": xlsx([("a", "A", "", "clerk", "")])}).status_code
        == 403
    )


def test_each_city_imports_into_its_own_schema_only(admin):
    with in_city("quzhou"):
        UserFactory(username="qz_admin", role="office_admin")
    rows = [("same.name", "同名", "", "clerk", "")]
    assert signed_in(HZ, "hz_admin").post("/api/v1/users/import/", {"file": xlsx(rows)}).status_code == 201
    quzhou = signed_in("quzhou.localhost", "qz_admin")
    assert quzhou.post("/api/v1/users/import/", {"file": xlsx(rows)}).status_code == 201
    assert (
        quzhou.post("/api/v1/users/import/", {"file": xlsx(rows)}).status_code == 400
    )  # now taken in Quzhou
    for code in ("hangzhou", "quzhou"):
        with in_city(code):
            assert User.objects.filter(username="same.name").count() == 1
            assert AuditEntry.objects.filter(action="accounts.import_users").count() == 1


def test_the_page_edits_name_email_role_and_unit_with_one_audit_row(admin):
    with in_city("hangzhou"):
        clerk = UserFactory(username="hz_mover", role="clerk", unit="protocol", email="old@example.cn")
    client = signed_in(HZ, "hz_admin")
    page = client.get(f"/accounts/users/{clerk.pk}/")
    assert page.status_code == 200 and "礼宾处" in page.content.decode()
    changed = {
        "action": "save",
        "display_name": "新名字",
        "email": "",
        "role": "reviewer",
        "unit": "consular",
    }
    assert client.post(f"/accounts/users/{clerk.pk}/", changed).status_code == 302
    wrong = {**changed, "role": "submitter"}  # a submitter needs a submitting unit
    refused = client.post(f"/accounts/users/{clerk.pk}/", wrong)
    assert refused.status_code == 400 and "部门申报人须选择所属申报单位" in refused.content.decode()
    with in_city("hangzhou"):
        clerk.refresh_from_db()
        assert (clerk.display_name, clerk.email, clerk.role, clerk.unit) == (
            "新名字",
            "",
            "reviewer",
            "consular",
        )
        row = AuditEntry.objects.get(action="accounts.update_user", object_id=str(clerk.pk))
        assert row.before == {
            "display_name": "Hz_Mover",
            "email": "old@example.cn",
            "role": "clerk",
            "unit": "protocol",
        }
