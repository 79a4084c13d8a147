"""Operators run profiles from the site and the API (issue 13): validation with lines,
dry runs that write nothing, onboarding with a one-time link shown once, versions kept,
diffed and restored, chains of cases in flight kept, office administrators' proposals."""

from __future__ import annotations

import pytest
from django.db import connection

from apps.audit.models import AuditEntry
from tenants import profile_ops
from tenants.models import City, ProfileProposal, ProfileVersion
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.profiles_ops.helpers import city_text, line_of, new_city_text, operator, with_module

VALIDATE = "/api/v1/profiles/validate/"


@pytest.fixture
def ops(db, client_for):
    return client_for(None, operator())


def version_numbers(code: str, kind: str = "city") -> list[int]:
    return list(
        ProfileVersion.objects.filter(kind=kind, owner=code)
        .order_by("number")
        .values_list("number", flat=True)
    )


# -- validation ----------------------------------------------------------------------------


def test_validate_gives_the_line_of_an_unknown_module_and_of_an_unknown_role(ops):
    text = with_module(city_text("quzhou"), "nosuch").replace(
        "steps: [division_head, director]", "steps: [division_head, boss]"
    )
    response = ops.post(
        VALIDATE, {"kind": "city", "owner": "quzhou", "text": text}, content_type="application/json"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False
    by_path = {problem["path"]: problem for problem in body["problems"]}
    assert by_path["modules.nosuch"]["line"] == line_of(text, "nosuch: {}")
    assert "unknown module" in by_path["modules.nosuch"]["message"]
    assert by_path["approval_chains.trip.steps[1]"]["line"] == line_of(text, "[division_head, boss]")
    assert "'boss' is not one of" in by_path["approval_chains.trip.steps[1]"]["message"]


def test_a_valid_text_has_no_problems_and_unreadable_yaml_names_its_line(ops):
    ok = ops.post(
        VALIDATE,
        {"kind": "city", "owner": "quzhou", "text": city_text("quzhou")},
        content_type="application/json",
    )
    assert ok.json() == {"valid": True, "problems": []}
    broken = ops.post(
        VALIDATE, {"kind": "city", "text": "code: x\nnames: [\n  a: b\n"}, content_type="application/json"
    )
    assert broken.json()["problems"][0]["line"] is not None


# -- onboarding ------------------------------------------------------------------------------


def test_a_dry_run_writes_nothing(ops):
    counts = (City.objects.count(), ProfileVersion.objects.count(), AuditEntry.objects.count())
    response = ops.post(
        "/api/v1/profiles/dry-run/",
        {"kind": "city", "text": new_city_text()},
        content_type="application/json",
    )
    page = ops.post("/profiles/city/new/", {"step": "preview", "text": new_city_text()})

    assert response.status_code == 200, response.content
    assert response.json()["created"] is True
    assert page.status_code == 200
    assert "丽水市人民政府外事办公室" in page.content.decode()
    assert "因公出国（境）" in page.content.decode()  # modules named, not coded
    connection.set_schema_to_public()
    assert (City.objects.count(), ProfileVersion.objects.count(), AuditEntry.objects.count()) == counts


def test_onboarding_from_the_web_creates_the_city_and_shows_the_link_once(ops):
    text = new_city_text()
    response = ops.post("/profiles/city/new/", {"step": "apply", "text": text})

    assert response.status_code == 200
    page = response.content.decode()
    assert "lishui.localhost/accounts/welcome/" in page
    assert response["Cache-Control"] == "no-store"
    city = City.offices.get(code="lishui")
    version = ProfileVersion.objects.get(kind="city", owner="lishui")
    assert (city.profile_version, version.number, version.text) == (1, 1, text)
    secret = page.split("/accounts/welcome/")[1].split("/")[0]
    assert not AuditEntry.objects.filter(after__icontains=secret).exists()
    assert secret not in ops.get("/profiles/city/lishui/versions/").content.decode()
    # A second apply of the same text creates nothing and shows no link.
    again = ops.post("/profiles/city/new/", {"step": "apply", "text": text})
    assert again.status_code == 400 and "/accounts/welcome/" not in again.content.decode()


def test_the_five_cities_start_at_version_one(db):
    for code in ("guangzhou", "guiyang", "hangzhou", "lanzhou", "quzhou"):
        assert version_numbers(code) == [1]
    assert ProfileVersion.objects.get(kind="city", owner="quzhou").text == city_text("quzhou")


def test_a_bad_profile_is_refused_by_the_api_with_lines_and_nothing_changes(ops):
    text = with_module(city_text("quzhou"), "nosuch")
    response = ops.post(
        "/api/v1/profiles/apply/",
        {"kind": "city", "owner": "quzhou", "text": text, "reason": "try"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["modules.nosuch"]
    assert response.json()["problems"][0]["line"] == line_of(text, "nosuch: {}")
    assert version_numbers("quzhou") == [1]
    for bad in ({"kind": "town", "text": "x: 1"}, {"kind": "city"}, ["not", "an", "object"]):
        assert ops.post("/api/v1/profiles/apply/", bad, content_type="application/json").status_code == 400


# -- changes, versions, restore ----------------------------------------------------------------


def test_switching_a_module_on_needs_a_reason_then_restoring_version_one_switches_it_off(ops, client_for):
    text = with_module(city_text("quzhou"), "leading_group")
    edit = "/profiles/city/quzhou/edit/"
    city_host = client_for("quzhou")
    assert city_host.get("/leading_group/").status_code == 404

    no_reason = ops.post(edit, {"step": "apply", "text": text})
    assert no_reason.status_code == 400
    assert version_numbers("quzhou") == [1]

    assert ops.post(edit, {"step": "apply", "text": text, "reason": "领导小组上线"}).status_code == 302
    assert version_numbers("quzhou") == [1, 2]
    assert ProfileVersion.objects.get(owner="quzhou", number=2).reason == "领导小组上线"
    assert client_for("quzhou").get("/leading_group/").status_code != 404

    restored = ops.post("/profiles/city/quzhou/versions/", {"version": 1, "reason": "回滚"})
    assert restored.status_code == 302
    third = ProfileVersion.objects.get(owner="quzhou", number=3)
    assert (third.restored_from, third.text) == (1, city_text("quzhou"))
    assert City.offices.get(code="quzhou").profile_version == 3
    assert client_for("quzhou").get("/leading_group/").status_code == 404


def test_the_diff_names_modules_and_chain_steps_in_chinese(ops):
    text = with_module(city_text("quzhou"), "leading_group").replace(
        "steps: [division_head, director]", "steps: [reviewer, division_head, director]"
    )
    profile_ops.apply(kind="city", text=text, actor=None, reason="变更", owner="quzhou")

    page = ops.get("/profiles/city/quzhou/diff/?from=1&to=2").content.decode()
    assert "领导小组" in page  # the module's Chinese name
    assert "已开启" in page
    assert "审核人 → 处长 → 主任" in page  # the new chain, in role labels
    assert "增加步骤：审核人" in page
    assert "leading_group" not in page.split("profile-diff")[0]  # no codes above the text diff
    api = ops.get("/api/v1/profiles/city/quzhou/diff/?from=1&to=2").json()
    assert api["impact"]["chains"][0]["key"] == "trip"
    assert ops.get("/api/v1/profiles/city/quzhou/diff/?from=1&to=9").status_code == 400


def test_cases_in_flight_keep_the_chain_they_were_submitted_under(ops):
    from tests.trips.helpers import approve_all, member, people, submitted, trip_data

    with in_city("hangzhou"):
        users = people()
        before = submitted(users)
    text = city_text("hangzhou").replace(
        "  trip:\n    steps: [reviewer, division_head, director]", "  trip:\n    steps: [reviewer]"
    )
    preview = profile_ops.preview(kind="city", text=text, owner="hangzhou")
    assert [(c.key, c.open_cases) for c in preview.impact.chains] == [("trip", 1)]
    page = ops.post("/profiles/city/hangzhou/edit/", {"step": "preview", "text": text}).content.decode()
    assert "审批中的案件沿用提交时的审批链（目前 1 件）" in page

    profile_ops.apply(kind="city", text=text, actor=None, reason="简化", owner="hangzhou")
    with in_city("hangzhou"):
        before.case.refresh_from_db()
        assert before.case.chain == ["reviewer", "division_head", "director"]
        decided = approve_all(users, before)
        assert decided.case.state == "approved"
        from apps.casework.models import CaseEvent

        approvals = CaseEvent.objects.filter(case=decided.case, transition="approve").count()
        assert approvals == 3
        after = submitted(users, trip_data(members=[member("李四", document_number="SE7654321")]))
        assert after.case.chain == ["reviewer"]


# -- provinces -------------------------------------------------------------------------------


def test_a_province_profile_is_changed_and_versioned_through_the_api(ops):
    from city_profiles import PROVINCES_DIR

    text = (PROVINCES_DIR / "zhejiang.yaml").read_text(encoding="utf-8")
    assert version_numbers("zhejiang", "province") == [1]
    changed = text.replace("time_zone: Asia/Shanghai", "time_zone: Asia/Urumqi")
    response = ops.post(
        "/api/v1/profiles/apply/",
        {"kind": "province", "owner": "zhejiang", "text": changed, "reason": "test"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert version_numbers("zhejiang", "province") == [1, 2]
    listed = ops.get("/api/v1/profiles/province/zhejiang/versions/").json()["results"]
    assert [v["number"] for v in listed] == [2, 1]
    restore = ops.post(
        "/api/v1/profiles/province/zhejiang/restore/",
        {"version": 1, "reason": "back"},
        content_type="application/json",
    )
    assert restore.status_code == 201 and restore.json()["version"] == 3
    assert ops.get("/profiles/province/zhejiang/versions/").status_code == 200


# -- office administrators' proposals --------------------------------------------------------

UNIT = {
    "section": "submitting_units",
    "action": "add",
    "code": "culture_bureau",
    "name_zh": "衢州市文化广电旅游局",
    "name_en": "Quzhou Culture Bureau",
    "kind": "department",
    "reason": "新增申报单位",
}


def test_an_office_admin_proposes_a_unit_and_the_operator_approves_it(ops, city_user, client_for):
    admin = city_user("quzhou", username="qz_admin", role="office_admin")
    office = client_for("quzhou", admin)
    assert "/office/units/" in office.get("/").content.decode()  # in the menu

    assert office.post("/office/units/", UNIT).status_code == 302
    proposal = ProfileProposal.objects.get(city__code="quzhou")
    assert proposal.status == "pending" and proposal.proposed_by == "qz_admin@quzhou"
    assert version_numbers("quzhou") == [1]
    detail = ops.get(f"/proposals/{proposal.pk}/").content.decode()
    assert "衢州市文化广电旅游局" in detail

    assert ops.post(f"/proposals/{proposal.pk}/", {"decision": "approve", "reason": ""}).status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.version) == ("approved", 2)
    assert ProfileVersion.objects.get(owner="quzhou", number=2).proposed_by == "qz_admin@quzhou"
    with in_city("quzhou"):
        from apps.registry.units import unit_choices

        assert ("culture_bureau", "衢州市文化广电旅游局") in unit_choices()
    assert "已批准" in client_for("quzhou", admin).get("/office/units/").content.decode()


def test_a_rejection_needs_a_reason_and_the_office_admin_sees_it(ops, city_user, client_for):
    admin = city_user("quzhou", username="qz_admin", role="office_admin")
    office = client_for("quzhou", admin)
    office.post("/office/units/", UNIT)
    proposal = ProfileProposal.objects.get(city__code="quzhou")
    no_reason = ops.post(f"/api/v1/proposals/{proposal.pk}/reject/", {}, content_type="application/json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["fields"]
    ops.post(f"/proposals/{proposal.pk}/", {"decision": "reject", "reason": "名称不规范"})
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    assert "名称不规范" in client_for("quzhou", admin).get("/office/units/").content.decode()
    assert version_numbers("quzhou") == [1]


def test_live_mode_applies_at_once(reprofile, city_user, client_for):
    reprofile("quzhou", lambda data: data.update(administration={"units_live": True}))
    admin = city_user("quzhou", username="qz_admin", role="office_admin")
    response = client_for("quzhou", admin).post(
        "/api/v1/office/units/", UNIT, content_type="application/json"
    )

    assert response.status_code == 201, response.content
    assert not ProfileProposal.objects.exists()
    city = City.offices.get(code="quzhou")
    assert any(unit["code"] == "culture_bureau" for unit in city.profile["submitting_units"])
    assert (
        ProfileVersion.objects.get(owner="quzhou", number=city.profile_version).proposed_by
        == "qz_admin@quzhou"
    )


def test_a_unit_in_use_cannot_be_removed_but_can_be_retired(city_user, client_for, reprofile):
    reprofile("quzhou", lambda data: data.update(administration={"units_live": True}))
    admin = city_user("quzhou", username="qz_admin", role="office_admin")
    city_user("quzhou", username="qz_sub", role="submitter", unit="kecheng_district")
    office = client_for("quzhou", admin)
    removal = {
        "section": "submitting_units",
        "action": "remove",
        "code": "kecheng_district",
        "reason": "撤销",
    }

    refused = office.post("/office/units/", removal)
    assert refused.status_code == 400
    assert "停用" in refused.content.decode()
    assert office.post("/office/units/", {**removal, "action": "retire"}).status_code == 302
    with in_city("quzhou"):
        from apps.registry.units import unit_choices, unit_label

        assert "kecheng_district" not in dict(unit_choices())
        assert unit_label("kecheng_district") == "柯城区"  # old records keep its name


def test_an_office_admin_touches_only_its_own_city_and_decides_nothing(ops, city_user, client_for):
    hz_admin = city_user("hangzhou", username="hz_admin", role="office_admin")
    hz = client_for("hangzhou", hz_admin)
    assert client_for("quzhou").post("/office/units/", UNIT).status_code in (302, 403)  # not signed in there
    hz.post("/api/v1/office/units/", {**UNIT, "code": "hz_unit"}, content_type="application/json")
    proposal = ProfileProposal.objects.get()
    assert proposal.city.code == "hangzhou"
    # The operators' endpoints do not exist on a city host.
    assert (
        hz.post(f"/api/v1/proposals/{proposal.pk}/approve/", {}, content_type="application/json").status_code
        == 404
    )
    assert hz.post(f"/proposals/{proposal.pk}/", {"decision": "approve"}).status_code == 404
    assert hz.get("/api/v1/profiles/city/hangzhou/versions/").status_code == 404
    # A clerk may not change units.
    clerk = city_user("hangzhou", username="hz_clerk_u", role="clerk")
    assert client_for("hangzhou", clerk).post("/office/units/", UNIT).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    # The quzhou admin's page lists nothing of Hangzhou's.
    qz = client_for("quzhou", city_user("quzhou", username="qz_admin", role="office_admin"))
    assert "hz_unit" not in qz.get("/office/units/").content.decode()
    assert qz.get("/api/v1/office/units/").json()["proposals"] == []


@pytest.mark.parametrize(
    "method,path",
    [
        ("post", VALIDATE),
        ("post", "/api/v1/profiles/dry-run/"),
        ("post", "/api/v1/profiles/apply/"),
        ("get", "/api/v1/profiles/city/quzhou/versions/"),
        ("get", "/api/v1/proposals/"),
        ("get", "/profiles/city/new/"),
        ("get", "/profiles/city/quzhou/versions/"),
        ("get", "/proposals/"),
    ],
)
def test_operator_only_endpoints_refuse_others_and_do_not_exist_on_city_hosts(method, path, db, client_for):
    with in_city("public"):
        reviewer = UserFactory(username="zj_rev", role="province_reviewer", unit="zhejiang")
    anonymous = getattr(client_for(None), method)(path, {}, content_type="application/json")
    assert anonymous.status_code in (302, 401, 403)
    platform = client_for(None)
    platform.force_login(reviewer)  # a public-schema account that is not an operator
    response = getattr(platform, method)(path, {}, content_type="application/json")
    assert response.status_code == 403
    city_admin = city_user_on_city_host(client_for)
    assert getattr(city_admin, method)(path, {}, content_type="application/json").status_code == 404


def city_user_on_city_host(client_for):
    with in_city("hangzhou"):
        admin = UserFactory(username="hz_admin2", role="office_admin")
    return client_for("hangzhou", admin)


def test_an_uploaded_profile_is_checked_and_previewed_like_a_written_one(ops):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("lishui.yaml", new_city_text().encode("utf-8"), content_type="text/yaml")
    page = ops.post("/profiles/city/new/", {"step": "preview", "upload": upload})
    assert page.status_code == 200
    assert "丽水市人民政府外事办公室" in page.content.decode()
    bad = SimpleUploadedFile("bad.yaml", "\xff\xfe".encode("latin-1"), content_type="text/yaml")
    refused = ops.post("/profiles/city/new/", {"step": "preview", "upload": bad})
    assert refused.status_code == 400 and "UTF-8" in refused.content.decode()


def test_a_chain_naming_an_unknown_role_is_refused_on_the_page_with_its_line_and_nothing_changes(ops):
    text = city_text("quzhou").replace("steps: [division_head, director]", "steps: [division_head, boss]")
    page = ops.post("/profiles/city/quzhou/edit/", {"step": "apply", "text": text, "reason": "x"})
    assert page.status_code == 400
    body = page.content.decode()
    assert f"第 {line_of(text, '[division_head, boss]')} 行" in body
    assert "approval_chains.trip.steps[1]" in body
    assert version_numbers("quzhou") == [1]
    assert City.offices.get(code="quzhou").profile["approval_chains"]["trip"]["steps"] == [
        "division_head",
        "director",
    ]
