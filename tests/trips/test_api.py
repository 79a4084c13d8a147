"""The trips API end to end, its errors, and its isolation across cities and provinces."""

import datetime
import io
import json

import pytest
from django.test import Client
from pypdf import PdfReader

from apps.reporting.models import EscalatedCase
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory
from tests.trips.helpers import FAR, member, people, trip_data

API = "/api/v1/trips/delegations/"


def api_client(code: str, user) -> Client:
    client = Client(HTTP_HOST=f"{code}.localhost")
    token = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}).json()[
        "token"
    ]
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


def post(client, path, data):
    return client.post(path, json.dumps(data, default=str), content_type="application/json")


def upload_letter(client, delegation_id: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"{API}{delegation_id}/invitation/", {"file": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter")}
    )
    assert response.status_code == 200, response.content


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        users = people()
        payload = trip_data()
    return users, payload


def test_a_clerk_takes_a_delegation_from_submission_to_the_approval_document(hangzhou):
    users, payload = hangzhou
    clerk = api_client("hangzhou", users["clerk"])

    created = post(clerk, API, payload)
    assert created.status_code == 201, created.content
    delegation = created.json()
    url = f"{API}{delegation['id']}/"
    upload_letter(clerk, delegation["id"])
    submitted = post(clerk, f"{url}submit/", {"version": delegation["case"]["version"]}).json()
    assert submitted["case"]["state"] == "in_review"
    for role in ["reviewer", "division_head", "director"]:
        approver = api_client("hangzhou", users[role])
        version = approver.get(url).json()["case"]["version"]
        response = post(approver, f"{url}transition/", {"transition": "approve", "version": version})
        assert response.status_code == 200, response.content
    approved = clerk.get(url).json()
    assert approved["case"]["state"] == "approved"
    for person in approved["members"]:
        post(clerk, f"{url}members/{person['id']}/acknowledge/", {})
    with in_city("hangzhou"):
        from apps.trips.models import Delegation

        Delegation.objects.filter(pk=delegation["id"]).update(
            notice_until=datetime.date.today() - datetime.timedelta(days=1)
        )  # the notice period has run its course
    issued = post(clerk, f"{url}issue/", {"version": approved["case"]["version"]})

    assert issued.status_code == 200, issued.content
    body = issued.json()
    assert body["case"]["state"] == "issued"
    assert body["approval_number"].startswith("杭外侨办批〔") and body["approval_number"].endswith("号")
    pdf = clerk.get(f"/api/v1/documents/{body['approval_document_id']}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).replace("\n", "")
    assert "因公出国（境）任务批件" in text and body["approval_number"] in text and "Japan" in text
    history = clerk.get(f"{url}history/").json()
    assert [event["transition"] for event in history] == [
        "open",
        "submit",
        "approve",
        "approve",
        "approve",
        "issue",
    ]


def test_the_document_is_not_issued_before_education_and_the_end_of_the_notice(hangzhou):
    from apps.trips import services
    from tests.trips.helpers import approve_all, submitted

    users, _ = hangzhou
    with in_city("hangzhou"):
        delegation = approve_all(users, submitted(users))
    clerk = api_client("hangzhou", users["clerk"])
    url = f"{API}{delegation.pk}/"
    version = clerk.get(url).json()["case"]["version"]

    first = post(clerk, f"{url}issue/", {"version": version})
    assert first.status_code == 400
    assert "张三" in first.json()["message"]  # whose acknowledgement is missing
    with in_city("hangzhou"):
        for person in delegation.members.all():
            services.acknowledge_education(actor=users["clerk"], member=person)
    second = post(clerk, f"{url}issue/", {"version": version})
    assert second.status_code == 400  # the public notice is still running
    assert clerk.get(url).json()["case"]["state"] == "approved"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(return_date=d["departure"] - datetime.timedelta(days=1)), "return_date"),
        (lambda d: d["members"].append(dict(d["members"][0])), "members[1].name"),
        (lambda d: d["destinations"][0].update(country="XX"), "destinations[0].country"),
        (lambda d: d["members"][0].update(document_number="12-34"), "members[0].document_number"),
        (lambda d: d.update(inviter_country="QQ"), "inviter_country"),
        (lambda d: d["destinations"][0].update(country="HK"), "destinations[0].country"),
        (lambda d: d.update(kind="hkmo"), "members[0].document_type"),
    ],
    ids=[
        "dates-reversed",
        "member-twice",
        "unknown-country",
        "bad-passport-number",
        "unknown-inviter-country",
        "abroad-to-hong-kong",
        "hkmo-on-a-passport",
    ],
)
def test_bad_input_gets_a_400_naming_the_field_and_saves_nothing(hangzhou, change, field):
    from apps.casework.models import Case

    users, payload = hangzhou
    change(payload)
    response = post(api_client("hangzhou", users["clerk"]), API, payload)

    assert response.status_code == 400
    assert field in response.json()["fields"], response.json()
    with in_city("hangzhou"):
        assert Case.objects.count() == 0


def test_a_stale_version_answers_409(hangzhou):
    users, payload = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    delegation = post(clerk, API, payload).json()
    url = f"{API}{delegation['id']}/"
    upload_letter(clerk, delegation["id"])
    version = post(clerk, f"{url}submit/", {"version": 1}).json()["case"]["version"]
    reviewer = api_client("hangzhou", users["reviewer"])
    assert (
        post(reviewer, f"{url}transition/", {"transition": "approve", "version": version}).status_code == 200
    )
    other = UserFactory.build(username="hz_t_reviewer2", role="reviewer")
    with in_city("hangzhou"):
        other.set_password(PASSWORD)
        other.save()
    late = post(
        api_client("hangzhou", other), f"{url}transition/", {"transition": "approve", "version": version}
    )
    assert late.status_code == 409
    assert late.json()["code"] == "conflict"


def test_a_submitter_sees_only_its_own_units_delegations(hangzhou):
    users, payload = hangzhou
    post(api_client("hangzhou", users["clerk"]), API, payload)  # the first unit's
    with in_city("hangzhou"):
        from django.db import connection

        other_unit = connection.tenant.profile["submitting_units"][1]["code"]
        outsider = UserFactory(username="hz_t_other_submitter", role="submitter", unit=other_unit)
    assert api_client("hangzhou", users["submitter"]).get(API).json()["count"] == 1
    assert api_client("hangzhou", outsider).get(API).json()["count"] == 0


def test_every_trips_endpoint_refuses_another_citys_delegation(db, client_for):
    """A Guangzhou delegation, reached from Hangzhou by id through every route: 404/403."""
    from apps.trips import services

    with in_city("guangzhou"):
        gz = people()
        secret = services.create_delegation(
            actor=gz["clerk"],
            data=trip_data(title="穗密团组MARKER", members=[member("穗甲", document_number="SE7777777")]),
        )
    with in_city("hangzhou"):
        hz = people()
    roles = ("clerk", "director", "auditor")
    clients = {role: api_client("hangzhou", hz[role]) for role in roles}
    sessions = {role: client_for("hangzhou", hz[role]) for role in roles}
    gz_token = api_client("guangzhou", gz["clerk"])
    paths = [
        f"{API}{secret.pk}/",
        f"{API}{secret.pk}/history/",
        f"{API}{secret.pk}/submit/",
        f"{API}{secret.pk}/transition/",
        f"{API}{secret.pk}/objection/",
        f"{API}{secret.pk}/override/",
        f"{API}{secret.pk}/issue/",
        f"{API}{secret.pk}/report/",
        f"{API}{secret.pk}/invitation/",
        f"{API}{secret.pk}/members/{secret.members.first().pk}/acknowledge/",
        f"/trips/{secret.pk}/",
        f"/trips/{secret.pk}/edit/",
        f"/trips/{secret.pk}/act/",
    ]
    for path in paths:
        signed_in = clients if path.startswith("/api/") else sessions
        for client in signed_in.values():
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                assert response.status_code in (403, 404, 405), (
                    method,
                    path,
                    response.status_code,
                    response.content[:300],
                )
                assert "MARKER" not in response.content.decode()
        # a Guangzhou token on the Hangzhou host is no one
        response = gz_token.get(path, HTTP_HOST="hangzhou.localhost")
        assert response.status_code in (401, 302, 404), (path, response.status_code)
    for listing in (
        API,
        "/trips/",
        "/trips/notices/",
        "/trips/export.csv",
        "/api/v1/trips/travel-documents/",
    ):
        assert "MARKER" not in clients["clerk"].get(listing).content.decode()
        assert "穗甲" not in clients["clerk"].get(listing).content.decode()


def test_a_province_sees_only_its_own_cities_escalations(db):
    from tests.trips.helpers import approve_all, submitted

    senior = [member("王五", rank="department")]
    with in_city("hangzhou"):
        hz = people()
        approve_all(hz, submitted(hz, trip_data(members=senior, title="杭州高访团")))
    with in_city("guangzhou"):
        gz = people()
        approve_all(gz, submitted(gz, trip_data(members=senior, title="广州高访团")))
    UserFactory(username="zj_rev", role="province_reviewer", unit="zhejiang")
    guangdong_reviewer = UserFactory(username="gd_rev", role="province_reviewer", unit="guangdong")
    hz_escalation = EscalatedCase.objects.get(city__code="hangzhou")

    zj = Client(HTTP_HOST="zhejiang.localhost")
    assert zj.post("/accounts/sign-in/", {"username": "zj_rev", "password": PASSWORD}).status_code == 302
    queue = zj.get("/queue/").content.decode()
    assert "杭州高访团" in queue and "广州高访团" not in queue
    assert zj.get(f"/queue/{EscalatedCase.objects.get(city__code='guangzhou').pk}/").status_code == 404

    gd = Client(HTTP_HOST="guangdong.localhost")
    gd.post("/accounts/sign-in/", {"username": "gd_rev", "password": PASSWORD})
    assert gd.get(f"/queue/{hz_escalation.pk}/").status_code == 404
    assert gd.post(f"/queue/{hz_escalation.pk}/", {"decision": "approve"}).status_code == 404
    # a Guangdong reviewer cannot sign in on Zhejiang's portal at all
    other = Client(HTTP_HOST="zhejiang.localhost")
    assert (
        other.post(
            "/accounts/sign-in/", {"username": guangdong_reviewer.username, "password": PASSWORD}
        ).status_code
        == 200
    )
    assert other.get("/queue/").status_code in (302, 403)

    # Zhejiang decides from its portal; the decision reaches Hangzhou
    assert (
        zj.post(f"/queue/{hz_escalation.pk}/", {"decision": "approve", "comment": "同意"}).status_code == 302
    )
    hz_escalation.refresh_from_db()
    assert hz_escalation.state == "approved"
    dashboard = zj.get(f"/?year={FAR.year}&half={1 if FAR.month <= 6 else 2}").content.decode()
    assert 'data-figure="trips.delegations">1<' in dashboard


def test_the_public_notice_shows_no_document_numbers_or_birth_dates(db):
    from tests.trips.helpers import approve_all, submitted

    with in_city("hangzhou"):
        users = people()
        approve_all(users, submitted(users, trip_data(start=FAR, title="公示团组")))
    page = Client(HTTP_HOST="hangzhou.localhost").get("/trips/notices/").content.decode()
    assert "公示团组" in page and "张三" in page
    assert "SE1234567" not in page
    assert "1975" not in page


def test_the_invitation_letter_must_be_a_pdf_or_image_within_the_size_limit(hangzhou, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    users, payload = hangzhou
    clerk = api_client("hangzhou", users["clerk"])
    delegation = post(clerk, API, payload).json()
    url = f"{API}{delegation['id']}/invitation/"
    settings.ATTACHMENT_MAX_BYTES = 1024

    word = clerk.post(url, {"file": SimpleUploadedFile("invitation.pdf", b"PK\x03\x04 not really a pdf")})
    huge = clerk.post(url, {"file": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 " + b"x" * 2048)})
    good = clerk.post(url, {"file": SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter")})

    assert word.status_code == 400 and "invitation.pdf" in json.dumps(word.json(), ensure_ascii=False)
    assert huge.status_code == 400 and "scan.pdf" in json.dumps(huge.json(), ensure_ascii=False)
    assert good.status_code == 200
    attachment_id = good.json()["invitation_attachment_id"]
    with in_city("hangzhou"):
        from apps.documents.models import Attachment

        assert list(Attachment.objects.values_list("pk", flat=True)) == [attachment_id]


def test_the_list_searches_by_title_inviter_or_member_and_pages_without_repeats(hangzhou):
    from apps.trips import services

    users, _ = hangzhou
    with in_city("hangzhou"):
        for number, (name, country) in enumerate([("钱七", "JP"), ("孙八", "DE"), ("周九", "JP")]):
            start = FAR + datetime.timedelta(days=10 * number)
            services.create_delegation(
                actor=users["clerk"],
                data=trip_data(
                    start=start,
                    title=f"团组{number}",
                    members=[member(name, document_number=f"SE765432{number}")],
                    destinations=[{"country": country, "arrive": start, "leave": start}],
                ),
            )
    clerk = api_client("hangzhou", users["clerk"])

    def titles(query):
        return [row["title"] for row in clerk.get(f"{API}?{query}").json()["results"]]

    assert titles("q=孙八") == ["团组1"]
    assert titles("q=Osaka") == ["团组2", "团组1", "团组0"]  # the inviter; newest departure first
    assert titles("country=jp") == ["团组2", "团组0"]
    assert titles("q=周九&country=DE") == []
    pages = titles("limit=2&offset=0") + titles("limit=2&offset=2")
    assert pages == ["团组2", "团组1", "团组0"]
    assert clerk.get(f"{API}?limit=2").json()["count"] == 3


def test_a_hong_kong_trip_travels_on_the_permit_with_its_endorsement(hangzhou):
    users, payload = hangzhou
    payload.update(kind="hkmo", inviter_country="HK")
    payload["destinations"][0].update(country="HK")
    payload["members"][0].update(
        document_type="hkmo_permit", document_number="C12345678", visa_or_endorsement="公务签注 G"
    )

    response = post(api_client("hangzhou", users["clerk"]), API, payload)

    assert response.status_code == 201, response.content
    assert response.json()["members"][0]["visa_or_endorsement"] == "公务签注 G"
    assert response.json()["destinations"][0]["name"] == "香港"


def test_the_migration_fills_the_search_text_as_the_services_write_it(hangzhou):
    from importlib import import_module

    from django.db import connection

    from apps.trips import services
    from apps.trips.models import Delegation

    users, payload = hangzhou
    with in_city("hangzhou"):
        payload["members"].append(member("Li Si", document_number="SE7654321"))
        delegation = services.create_delegation(actor=users["clerk"], data=payload)
        written = Delegation.objects.get(pk=delegation.pk).search_text
        Delegation.objects.filter(pk=delegation.pk).update(search_text="")
        migration = import_module("apps.trips.migrations.0004_delegation_search_text")
        with connection.schema_editor() as editor:
            migration.fill_search_text(None, editor)
        assert (
            Delegation.objects.get(pk=delegation.pk).search_text
            == written
            == "经贸考察团 osaka chamber of commerce 张三 li si"
        )


def test_a_bad_list_parameter_answers_400_naming_it(hangzhou):
    users, _ = hangzhou
    response = api_client("hangzhou", users["clerk"]).get(f"{API}?departs_from=2026-13-45")
    assert response.status_code == 400
    assert "departs_from" in response.json()["fields"]


def test_a_client_cannot_point_a_delegation_at_an_attachment_by_id(hangzhou):
    users, payload = hangzhou
    payload["invitation_attachment_id"] = 1  # e.g. another delegation's letter
    response = post(api_client("hangzhou", users["clerk"]), API, payload)
    assert response.status_code == 201
    assert response.json()["invitation_attachment_id"] is None
