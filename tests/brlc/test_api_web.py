"""The BRLC API and pages: the path through the API, field errors (400, nothing saved), the
pages in Chinese with errors under their field, the public pages (active members and
adopted resolutions only, nothing internal, both languages), and isolation: other cities
(where the module is off) and other roles see nothing."""

import pytest
from django.test import Client

from apps.brlc import services
from apps.brlc.models import Application, Meeting, Resolution
from tests.brlc.helpers import DAY, ApplicationFactory, api_client, meeting, member, people, post, today
from tests.conftest import in_city

API = "/api/v1/brlc/"


@pytest.fixture
def hz(db):
    with in_city("hangzhou"):
        return people()


def test_the_api_takes_an_application_to_a_member_and_a_resolution_to_the_public(hz):
    with in_city("hangzhou"):
        council = meeting(hz)
    clerk = api_client("hangzhou", hz["clerk"])
    created = post(
        clerk,
        f"{API}applications/",
        {
            "name_zh": "塔什干市",
            "name_en": "City of Tashkent",
            "name_native": "Toshkent",
            "country": "uz",
            "level": "city",
            "received_on": today().isoformat(),
            "motivation": "合作",
            "contact_name": "Rustam",
            "contact_email": "r@tashkent.example.uz",
        },
    )
    assert created.status_code == 201, created.content
    url = f"{API}applications/{created.json()['id']}/"
    assert post(clerk, f"{url}submit/", {"version": created.json()["case"]["version"]}).status_code == 200
    for role in ("reviewer", "division_head"):
        approver = api_client("hangzhou", hz[role])
        version = approver.get(url).json()["case"]["version"]
        assert post(approver, f"{url}approve/", {"version": version}).status_code == 200
    version = clerk.get(url).json()["case"]["version"]
    admitted = post(clerk, f"{url}admit/", {"version": version, "meeting": council.pk})
    assert admitted.status_code == 200, admitted.content
    body = admitted.json()
    assert body["state"] == "admitted" and body["letter_number"].startswith("杭外侨办函")
    letters = clerk.get(f"{url}letters/{Application.objects.get(pk=body['id']).letter_document_id}/")
    assert letters.status_code == 200 and letters.content.startswith(b"%PDF")
    member_id = body["member"]
    assert [h["action"] for h in clerk.get(f"{API}members/{member_id}/history/").json()] == [
        "brlc.admit_member"
    ]

    resolution = post(
        clerk,
        f"{API}resolutions/",
        {
            "meeting": council.pk,
            "number": "BRLC-1",
            "title_zh": "决议",
            "title_en": "Resolution",
            "text_zh": "中文文本",
            "text_en": "English text",
            "adoption": {"method": "consensus"},
        },
    )
    assert resolution.status_code == 201, resolution.content
    public = Client(HTTP_HOST="hangzhou.localhost")
    assert [r["number"] for r in public.get(f"{API}public/resolutions/").json()["results"]] == ["BRLC-1"]
    directory = public.get(f"{API}public/members/").json()["results"]
    assert [m["name_en"] for m in directory] == ["City of Tashkent"]
    assert "r@tashkent" not in public.get(f"{API}public/members/").content.decode()
    assert clerk.get(f"{API}report/").json()["active_members"] == 1


def test_a_resolution_of_a_meeting_not_yet_held_is_a_400_on_its_field_and_nothing_is_saved(hz):
    with in_city("hangzhou"):
        planned = meeting(hz, held=False, days=30)
    clerk = api_client("hangzhou", hz["clerk"])
    response = post(
        clerk,
        f"{API}resolutions/",
        {
            "meeting": planned.pk,
            "number": "BRLC-9",
            "title_zh": "决议",
            "title_en": "R",
            "text_zh": "文",
            "text_en": "T",
            "adoption": {"method": "consensus"},
        },
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"meeting"}
    missing = post(clerk, f"{API}resolutions/", {"meeting": planned.pk})
    assert missing.status_code == 400 and {"number", "title_zh", "text_en"} <= set(missing.json()["fields"])
    bad_project = post(
        clerk,
        f"{API}projects/",
        {
            "title_zh": "x",
            "title_en": "x",
            "summary": "x",
            "lead": 999,
            "partners": ["a"],
            "starts_on": "2026-13-01",
            "ends_on": "x",
        },
    )
    assert bad_project.status_code == 400 and {"lead", "starts_on"} <= set(bad_project.json()["fields"])
    with in_city("hangzhou"):
        assert not Resolution.objects.exists()


def test_a_member_applying_twice_through_the_api_is_a_400(hz):
    with in_city("hangzhou"):
        member(hz, name_en="Busan", name_zh="釜山", country="KR")
    clerk = api_client("hangzhou", hz["clerk"])
    response = post(
        clerk,
        f"{API}applications/",
        {
            "name_zh": "釜山",
            "name_en": "Busan",
            "country": "KR",
            "level": "city",
            "received_on": today().isoformat(),
            "motivation": "x",
            "contact_name": "x",
        },
    )
    assert response.status_code == 400 and "name_en" in response.json()["fields"]


def test_the_pages_in_chinese_and_errors_under_their_field(hz, client_for):
    with in_city("hangzhou"):
        someone = member(hz, name_en="Almaty", name_zh="阿拉木图", country="KZ")
        held = Meeting.objects.get()
        project = services.create_project(
            actor=hz["clerk"],
            data={
                "title_zh": "物流合作",
                "title_en": "Logistics",
                "summary": "x",
                "lead": someone.pk,
                "partners": [member(hz, name_en="Varna", name_zh="瓦尔纳", country="BG").pk],
                "starts_on": today(),
                "ends_on": today() + 30 * DAY,
            },
        )
    client = client_for("hangzhou", hz["clerk"])
    for path in (
        "/brlc/",
        "/brlc/members/",
        "/brlc/applications/",
        "/brlc/meetings/",
        "/brlc/projects/",
        "/brlc/notices/",
        "/brlc/report/",
        f"/brlc/members/{someone.pk}/",
        f"/brlc/meetings/{held.pk}/",
        f"/brlc/projects/{project.pk}/",
        "/brlc/applications/new/",
        "/brlc/meetings/new/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "秘书处" in response.content.decode() or "成员" in response.content.decode(), path
    page = client.get(f"/brlc/members/{someone.pk}/").content.decode()
    assert "批准入会" in page  # the history, by label
    refused = client.post(
        "/brlc/meetings/new/",
        {"kind": "council", "title": "", "date": "2026-02-30", "place": "杭州", "agenda": "x"},
    )
    assert refused.status_code == 400
    assert 'id="id_title"' in refused.content.decode() and "invalid-feedback" in refused.content.decode()
    report = client.post(
        f"/brlc/projects/{project.pk}/do/report/",
        {"reported_on": today().isoformat(), "progress": "150", "text": "x"},
    )
    assert report.status_code == 400 and "invalid-feedback" in report.content.decode()
    done = client.post(
        f"/brlc/projects/{project.pk}/do/report/",
        {"reported_on": today().isoformat(), "progress": "50", "text": "进展顺利"},
    )
    assert done.status_code == 302
    assert client.get("/brlc/report/export.xlsx").status_code == 200
    assert client.get("/brlc/report/export.pdf").content.startswith(b"%PDF")


def test_the_public_pages_show_active_members_and_adopted_resolutions_only(hz):
    with in_city("hangzhou"):
        active = member(
            hz, name_en="Almaty", name_zh="阿拉木图", country="KZ", contact_email="secret@almaty.kz"
        )
        gone = member(hz, name_en="Istanbul", name_zh="伊斯坦布尔", country="TR")
        services.withdraw_member(
            actor=hz["clerk"], record=gone, data={"withdrawn_on": today(), "reason": "x"}
        )
        held = meeting(hz, kind="executive")
        Meeting.objects.filter(pk=held.pk).update(minutes="内部纪要绝密")
        base = {"meeting": held.pk, "text_zh": "公开文本", "text_en": "Public text"}
        services.create_resolution(
            actor=hz["clerk"],
            data={
                **base,
                "number": "R-1",
                "title_zh": "已通过决议",
                "title_en": "Adopted one",
                "adoption": {"method": "consensus"},
            },
        )
        services.create_resolution(
            actor=hz["clerk"],
            data={**base, "number": "R-2", "title_zh": "决议草案内部", "title_en": "Internal draft"},
        )
    anyone = Client(HTTP_HOST="hangzhou.localhost")
    directory = anyone.get("/brlc/public/").content.decode()
    resolutions = anyone.get("/brlc/public/resolutions/").content.decode()
    assert "阿拉木图" in directory and "伊斯坦布尔" not in directory and "secret@almaty" not in directory
    assert "已通过决议" in resolutions and "决议草案内部" not in resolutions and "内部纪要" not in resolutions
    anyone.post("/i18n/setlang/", {"language": "en", "next": "/brlc/public/"})  # the page's language switch
    english = anyone.get("/brlc/public/").content.decode()
    assert "Almaty" in english and active.name_zh not in english.split("<main")[-1]
    assert "Adopted one" in anyone.get("/brlc/public/resolutions/").content.decode()


def test_other_cities_and_roles_see_nothing(hz, city_user, client_for):
    with in_city("hangzhou"):
        application = ApplicationFactory(users=hz, admitted=True)
    gz_clerk = city_user("guangzhou", username="gz_b_clerk", role="clerk")
    guangzhou = client_for("guangzhou", gz_clerk)
    for path in (
        "/brlc/",
        "/brlc/public/",
        f"/brlc/applications/{application.pk}/",
        "/api/v1/brlc/members/",
        "/api/v1/brlc/public/members/",
        f"/api/v1/brlc/applications/{application.pk}/",
    ):
        assert guangzhou.get(path).status_code == 404, path  # the module is off in Guangzhou
    token_of_guangzhou = api_client("guangzhou", gz_clerk).defaults["HTTP_AUTHORIZATION"]
    other = Client(HTTP_HOST="hangzhou.localhost", HTTP_AUTHORIZATION=token_of_guangzhou)
    assert other.get(f"/api/v1/brlc/applications/{application.pk}/").status_code == 401
    submitter = client_for("hangzhou", hz["submitter"])  # a district holds no BRLC permission
    assert submitter.get("/brlc/members/").status_code == 403
    assert api_client("hangzhou", hz["submitter"]).get(f"{API}members/").status_code == 403
    auditor = api_client("hangzhou", hz["auditor"])  # sees, never writes
    assert auditor.get(f"{API}members/").status_code == 200
    assert post(auditor, f"{API}meetings/", {"kind": "council"}).status_code == 403
    schema = client_for("guangzhou", gz_clerk).get("/api/v1/schema/?format=json").json()
    assert not any(path.startswith("/api/v1/brlc/") for path in schema["paths"])
    hz_schema = client_for("hangzhou", hz["clerk"]).get("/api/v1/schema/?format=json").json()
    assert f"{API}applications/{{id}}/admit/" in hz_schema["paths"]


def test_the_province_sees_the_brlc_figures_of_hangzhou(hz):
    from apps.accounts.models import User
    from tests.factories import PASSWORD, UserFactory

    with in_city("hangzhou"):
        member(hz, name_en="Almaty", name_zh="阿拉木图", country="KZ")
    with in_city("public"):
        if not User.objects.filter(username="zj_b_rev").exists():
            UserFactory(username="zj_b_rev", role="province_reviewer", unit="zhejiang")
    client = Client(HTTP_HOST="zhejiang.localhost")
    client.post("/accounts/sign-in/", {"username": "zj_b_rev", "password": PASSWORD})
    page = client.get("/").content.decode()
    assert 'data-figure="brlc.admissions">1<' in page and 'data-figure="brlc.active_members">1<' in page
