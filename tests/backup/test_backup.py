"""Per-city backup and restore, archiving and removal (issue 13).

Each test runs in a transaction that is rolled back: the schemas a restore creates go with
it. "Another platform" here is a fresh schema under another code and subdomain; the same
archive restored into a second database is shown in the report (make the archive with
``export_city``, restore it with ``import_city`` on the other DATABASE_URL)."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import tarfile

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_exists

from apps.accounts.roles import CITY_ROLES
from apps.audit.models import AuditEntry
from apps.documents.models import Attachment
from apps.registry.modules import registry
from apps.reporting.models import EscalatedCase, MonthlyFigure, ProvinceFigure
from tenants import backup, selectors, services
from tenants.models import City, Domain
from tests.conftest import complete_two_factor, host, in_city
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.usefixtures("db")


def city(code: str) -> City:
    connection.set_schema_to_public()
    return City.offices.select_related("province").get(code=code)


def export(code: str) -> bytes:
    buffer = io.BytesIO()
    backup.export_city(city=city(code), out=buffer)
    connection.set_schema_to_public()
    return buffer.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        return {info.name: tar.extractfile(info).read() for info in tar if info.isfile()}


def repack(data: bytes, change) -> bytes:
    """The archive with ``change(members)`` applied (manifest as a dict)."""
    found = members(data)
    found["manifest.json"] = json.loads(found["manifest.json"])
    change(found)
    found["manifest.json"] = json.dumps(found["manifest.json"]).encode()
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, content in found.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return out.getvalue()


def restore(data: bytes, code: str, subdomain: str | None = None) -> City:
    restored = backup.import_city(
        archive=backup.read_archive(io.BytesIO(data)), code=code, subdomain=subdomain
    )
    connection.set_schema_to_public()
    return restored


def table_dumps(code: str) -> dict[str, tuple[int, str]]:
    with connection.cursor() as cursor:
        result = {}
        for table in backup._tables(cursor, code):
            columns = backup._columns(cursor, code, table)
            data = backup._copy_out(cursor, code, table, columns, backup._primary_key(cursor, code, table))
            result[table] = (backup._row_count(data), backup._sha256(data))
        return result


def nothing_restored(code: str) -> bool:
    connection.set_schema_to_public()
    return not (
        City.objects.filter(code=code).exists()
        or Domain.objects.filter(domain=host(code)).exists()
        or schema_exists(code)
        or AuditEntry.objects.filter(action="platform.import_city", after__subdomain=code).exists()
    )


def seed_demo(code: str) -> None:
    """Every enabled module's demo data (with its documents and their files) in one city."""
    from apps.accounts import services as accounts

    with in_city(code):
        for role in CITY_ROLES:
            accounts.ensure_user(actor=None, username=role, role=role, password=PASSWORD)
        accounts.ensure_user(actor=None, username="clerk2", role="clerk", password=PASSWORD)
        profile = connection.tenant.profile
        unit = ((profile.get("submitting_units") or [{}])[0]).get("code", "")
        from apps.accounts.models import User

        User.objects.filter(username="submitter").update(unit=unit)
        for module in registry.iter_enabled(profile):
            module.ensure_demo()
        Attachment.objects.create(
            filename="证明.pdf", content_type="application/pdf", size=4, sha256="x" * 64, content=b"%PDF"
        )
    connection.set_schema_to_public()


def add_public_rows(code: str, marker: str) -> None:
    source = city(code)
    EscalatedCase.objects.create(
        province=source.province, city=source, case_id=9001, workflow="trips", title=marker,
        escalated_at=datetime.datetime(2026, 5, 1, 8, 30, 0, 250, tzinfo=datetime.UTC),  # to the microsecond
    )  # fmt: skip
    MonthlyFigure.objects.create(
        province=source.province, city=source, month=datetime.date(2026, 5, 1), metric="trips.delegations",
        key=marker, value=7,
    )  # fmt: skip


# -- the round trip --------------------------------------------------------------------------


def test_a_city_with_every_modules_demo_data_round_trips_with_identical_tables_and_public_rows():
    # given Hangzhou with every module's demo data, its documents and files, public rows
    seed_demo("hangzhou")
    add_public_rows("hangzhou", "hz-escalation")
    with in_city("hangzhou"):
        from apps.documents.models import Document

        assert Document.objects.exists() and Attachment.objects.exists()
    before = table_dumps("hangzhou")
    assert sum(rows for rows, _ in before.values()) > 200

    # when it is exported and restored under another code and subdomain
    data = export("hangzhou")
    manifest = json.loads(members(data)["manifest.json"])
    restored = restore(data, "hzcopy", "hz-copy")

    # then every table has the same rows (counts and checksums), as the manifest says
    assert table_dumps("hzcopy") == before
    assert {t: (i["rows"], i["sha256"]) for t, i in manifest["tables"].items()} == before
    proof = next(f for f in manifest["files"] if f["name"] == "证明.pdf")
    assert (proof["size"], proof["sha256"]) == (4, hashlib.sha256(b"%PDF").hexdigest())
    assert manifest["migrations"]["latest"]["trips"]
    # and the same public rows (city, escalations, figures), remapped to the new city
    ours, theirs = backup.comparable_public_rows(restored), backup.comparable_public_rows(city("hangzhou"))
    assert ours["city"] == theirs["city"]
    assert ours["related"].keys() == theirs["related"].keys()
    for label, rows in theirs["related"].items():
        assert len(ours["related"][label]) == len(rows), label
        for number, (mine, source) in enumerate(zip(ours["related"][label], rows, strict=True)):
            assert mine == source, (label, number)
    copied = EscalatedCase.objects.get(city=restored, title="hz-escalation")
    assert copied.escalated_at == datetime.datetime(2026, 5, 1, 8, 30, 0, 250, tzinfo=datetime.UTC)
    # the province's sums count the restored city's figures
    assert ProvinceFigure.objects.get(province=restored.province, key="hz-escalation").value == 14

    # and the restored city answers on its host, its users sign in with their passwords
    client = Client(HTTP_HOST=host("hz-copy"))
    response = client.get("/accounts/sign-in/")
    assert response.status_code == 200
    assert "杭州市人民政府外事侨务办公室" in response.content.decode()
    assert client.post("/accounts/sign-in/", {"username": "clerk", "password": PASSWORD}).status_code == 302
    assert client.get("/trips/").status_code == 200
    connection.set_schema_to_public()
    # and the import is in the operators' audit log
    entry = AuditEntry.objects.get(action="platform.import_city", object_id=str(restored.pk))
    assert entry.after["from_code"] == "hangzhou"
    assert AuditEntry.objects.filter(
        action="platform.export_city", object_id=str(city("hangzhou").pk)
    ).exists()


def test_new_rows_after_a_restore_get_fresh_ids():
    from apps.accounts.models import User

    with in_city("quzhou"):
        UserFactory(username="before_export")
        highest = User.objects.order_by("-pk").first().pk
    restore(export("quzhou"), "qzcopy")
    with in_city("qzcopy"):
        assert UserFactory(username="after_restore").pk > highest


# -- refusals, nothing applied -------------------------------------------------------------


@pytest.mark.parametrize(("schema", "app"), [("city", "trips"), ("public", "reporting")])
def test_an_archive_from_a_newer_schema_is_refused_naming_the_migration(schema, app):
    data = repack(
        export("quzhou"),
        lambda m: m["manifest.json"]["migrations"][schema].append([app, "9999_from_the_future"]),
    )
    with pytest.raises(backup.ArchiveError) as refused:
        restore(data, "qznew")
    assert f"{app}.9999_from_the_future" in str(refused.value) and "更新的数据库版本" in str(refused.value)
    assert nothing_restored("qznew")


def test_an_archive_from_an_older_schema_is_refused():
    def older(found):
        applied = found["manifest.json"]["migrations"]["city"]
        applied.remove(max(row for row in applied if row[0] == "trips"))

    with pytest.raises(backup.ArchiveError) as refused:
        restore(repack(export("quzhou"), older), "qzold")
    assert "较旧的数据库版本" in str(refused.value)
    assert nothing_restored("qzold")


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_truncated_archive_is_refused(cut):
    data = export("quzhou")
    with pytest.raises(backup.ArchiveError) as refused:
        restore(data[: int(len(data) * cut)], "qzcut")
    assert "truncated" in str(refused.value) or "不完整" in str(refused.value) or "截断" in str(refused.value)
    assert nothing_restored("qzcut")


def test_a_corrupted_table_is_refused_by_its_checksum():
    def corrupt(found):
        found["schema/accounts_user.copy"] = found["schema/accounts_user.copy"].replace(b"admin", b"admim")

    data = repack(export("quzhou"), corrupt)
    with pytest.raises(backup.ArchiveError) as refused:
        restore(data, "qzbad")
    assert "accounts_user" in str(refused.value)
    assert nothing_restored("qzbad")


def test_a_manifest_that_lies_about_the_rows_is_caught_after_loading_and_rolled_back():
    # the member's checksum is updated too, so only the check after loading can see it
    def lie(found):
        info = found["manifest.json"]["tables"]["accounts_user"]
        info["rows"] += 1

    data = repack(export("quzhou"), lie)
    with pytest.raises(backup.ArchiveError) as refused:
        restore(data, "qzlie")
    assert "accounts_user" in str(refused.value)
    assert nothing_restored("qzlie")


@pytest.mark.parametrize(
    ("code", "subdomain", "message"),
    [
        ("hangzhou", "hz-new", "hangzhou"),
        ("hznew", "guangzhou", "guangzhou"),
        ("hznew", "zhejiang", "zhejiang"),
    ],
)
def test_a_taken_code_or_subdomain_is_refused(code, subdomain, message):
    data = export("quzhou")
    with pytest.raises(backup.ArchiveError) as refused:
        restore(data, code, subdomain)
    assert message in str(refused.value)
    assert not schema_exists("hznew")


def test_not_an_archive_is_refused():
    with pytest.raises(backup.ArchiveError):
        backup.read_archive(io.BytesIO(b"not a tar at all"))


# -- isolation -------------------------------------------------------------------------------


def test_an_export_of_one_city_holds_nothing_of_another():
    # given rows of Guangzhou in its schema and in the public tables
    add_public_rows("hangzhou", "hz-own-row")
    add_public_rows("guangzhou", "gz-secret-row")
    with in_city("guangzhou"):
        UserFactory(username="gz_only_user")
    # when Hangzhou is exported
    found = members(export("hangzhou"))
    # then no member holds Guangzhou's rows, and the public rows are exactly Hangzhou's
    for content in found.values():
        assert b"gz-secret-row" not in content and b"gz_only_user" not in content
    public = json.loads(found["public.json"])
    hangzhou = city("hangzhou")
    assert (
        len(public["related"]["reporting.escalatedcase"])
        == EscalatedCase.objects.filter(city=hangzhou).count()
    )
    assert (
        len(public["related"]["reporting.monthlyfigure"])
        == MonthlyFigure.objects.filter(city=hangzhou).count()
    )
    assert public["subdomains"] == ["hangzhou"]
    assert b"hz-own-row" in found["public.json"]


# -- archived cities ---------------------------------------------------------------------------


def test_an_archived_city_reads_but_refuses_every_write(city_user):
    clerk = city_user("hangzhou", username="archived_clerk", role="clerk")
    services.set_city_status(city=city("hangzhou"), status="archived", reason="merged into another office")
    client = Client(HTTP_HOST=host("hangzhou"))
    assert (
        client.post("/accounts/sign-in/", {"username": clerk.username, "password": PASSWORD}).status_code
        == 302
    )
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/trips/delegations/").status_code == 200
    page = client.post("/trips/new/", {"purpose": "x"})
    assert page.status_code == 403
    assert "已归档" in page.content.decode() and "archived" in page.content.decode()
    for method in ("post", "put", "patch", "delete"):
        answer = getattr(client, method)("/api/v1/trips/delegations/1/", {}, content_type="application/json")
        assert answer.status_code == 403
        assert answer.json()["code"] == "archived"
    connection.set_schema_to_public()
    # and reminders, the provincial lists skip it
    from apps.notifications.reminders import cities_to_remind

    assert "hangzhou" not in [c.code for c in cities_to_remind()]
    assert "hangzhou" not in [c.code for c in selectors.cities_of_province(city("hangzhou").province)]


def test_archiving_needs_a_reason():
    with pytest.raises(ValueError, match="reason"):
        services.set_city_status(city=city("hangzhou"), status="archived", reason=" ")


def test_a_city_is_removed_only_archived_exported_and_confirmed_by_its_code():
    add_public_rows("lanzhou", "lz-row")
    lanzhou = city("lanzhou")
    province = lanzhou.province
    with pytest.raises(backup.ArchiveError, match="只有已归档的城市才能删除"):
        backup.remove_city(city=lanzhou, confirm_code="lanzhou", reason="closed")
    services.set_city_status(city=lanzhou, status="archived", reason="closed")
    lanzhou = city("lanzhou")
    with pytest.raises(backup.ArchiveError, match="删除前请先导出"):
        backup.remove_city(city=lanzhou, confirm_code="lanzhou", reason="closed")
    export("lanzhou")
    with pytest.raises(backup.ArchiveError, match="请准确输入城市代码"):
        backup.remove_city(city=lanzhou, confirm_code="lanzho", reason="closed")
    assert schema_exists("lanzhou")

    backup.remove_city(city=lanzhou, confirm_code="lanzhou", reason="closed")

    connection.set_schema_to_public()
    assert not schema_exists("lanzhou")
    assert not City.objects.filter(code="lanzhou").exists()
    assert not Domain.objects.filter(domain=host("lanzhou")).exists()
    assert not MonthlyFigure.objects.filter(key="lz-row").exists()
    assert not ProvinceFigure.objects.filter(province=province, key="lz-row").exists()
    assert AuditEntry.objects.filter(action="platform.remove_city", object_id=str(lanzhou.pk)).exists()
    assert Client(HTTP_HOST=host("lanzhou")).get("/").status_code == 404


# -- the operators' pages and API ---------------------------------------------------------------


@pytest.fixture
def operator_client():
    UserFactory(username="op_backup", role="operator")  # public schema, before any request
    client = Client(HTTP_HOST="localhost")
    response = client.post("/accounts/sign-in/", {"username": "op_backup", "password": PASSWORD})
    assert response.status_code == 302
    complete_two_factor(client, response, "op_backup")  # operators sign in with two factors
    return client


def test_the_operator_exports_archives_and_restores_on_the_web(operator_client):
    page = operator_client.get("/cities/quzhou/")
    assert "导出" in page.content.decode()
    download = operator_client.post("/cities/quzhou/export/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="quzhou-')
    data = download.content
    assert backup.read_archive(io.BytesIO(data)).manifest["city"]["code"] == "quzhou"

    # archiving asks for a reason and a confirmation, then the city is archived
    assert operator_client.get("/cities/quzhou/archive/").status_code == 200
    refused = operator_client.post("/cities/quzhou/archive/", {"reason": ""})
    assert refused.status_code == 400 and "该字段是必填项。" in refused.content.decode()
    assert city("quzhou").status == "active"
    done = operator_client.post("/cities/quzhou/archive/", {"reason": "merged", "confirm": "on"})
    assert done.status_code == 302
    assert city("quzhou").status == "archived"

    # the restore page previews the manifest, then applies
    upload = io.BytesIO(data)
    upload.name = "quzhou.tar.gz"
    preview = operator_client.post("/cities/restore/", {"archive": upload, "code": "qzweb", "preview": "1"})
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "quzhou" in text and "恢复城市" in text
    assert nothing_restored("qzweb")
    token = preview.context["token"]
    applied = operator_client.post("/cities/restore/", {"token": token, "code": "qzweb", "apply": "1"})
    assert applied.status_code == 302, applied.content.decode()[:2000]
    assert city("qzweb").domains.get().domain == host("qzweb")


def test_the_restore_page_names_a_taken_code(operator_client):
    upload = io.BytesIO(export("quzhou"))
    upload.name = "quzhou.tar.gz"
    page = operator_client.post("/cities/restore/", {"archive": upload, "code": "hangzhou", "preview": "1"})
    assert "hangzhou" in page.content.decode() and "已被占用" in page.content.decode()
    assert "apply-restore" not in page.content.decode()


def test_the_api_exports_and_restores_and_refuses_a_bad_archive(operator_client):
    data = operator_client.post("/api/v1/cities/quzhou/export/").content
    upload = io.BytesIO(data)
    upload.name = "a.tar.gz"
    dry = operator_client.post(
        "/api/v1/cities/restore/", {"archive": upload, "code": "qzapi", "dry_run": "true"}
    )
    assert dry.status_code == 200 and dry.json()["problems"] == []
    assert nothing_restored("qzapi")
    bad = io.BytesIO(data[:1000])
    bad.name = "a.tar.gz"
    refused = operator_client.post("/api/v1/cities/restore/", {"archive": bad, "code": "qzapi"})
    assert refused.status_code == 400 and "archive" in refused.json()["fields"]
    upload.seek(0)
    created = operator_client.post("/api/v1/cities/restore/", {"archive": upload, "code": "qzapi"})
    assert created.status_code == 201 and created.json()["domains"] == [host("qzapi")]
    archived = operator_client.post(
        "/api/v1/cities/qzapi/status/", {"action": "archive", "reason": "test", "confirm": True},
        content_type="application/json",
    )  # fmt: skip
    assert archived.status_code == 200 and archived.json()["status"] == "archived"
    early = operator_client.post(
        "/api/v1/cities/qzapi/remove/",
        {"reason": "x", "confirm_code": "qzapi"},
        content_type="application/json",
    )
    assert early.status_code == 400  # no export since archiving
    operator_client.post("/api/v1/cities/qzapi/export/")
    removed = operator_client.post(
        "/api/v1/cities/qzapi/remove/",
        {"reason": "x", "confirm_code": "qzapi"},
        content_type="application/json",
    )
    assert removed.status_code == 204
    connection.set_schema_to_public()
    assert not City.objects.filter(code="qzapi").exists() and not schema_exists("qzapi")


def test_only_operators_reach_backup_pages_and_endpoints(city_user):
    UserFactory(username="prov_rev", role="province_reviewer", unit="zhejiang")  # public, not an operator
    admin = city_user("hangzhou", username="hz_admin_backup", role="office_admin")
    # a city's office administrator on the city's host: no such pages there
    client = Client(HTTP_HOST=host("hangzhou"))
    client.post("/accounts/sign-in/", {"username": admin.username, "password": PASSWORD})
    for path in ("/cities/hangzhou/export/", "/api/v1/cities/hangzhou/export/", "/api/v1/cities/restore/"):
        assert client.post(path).status_code == 404
    connection.set_schema_to_public()
    # a provincial reviewer (public schema, not an operator) on the platform host: refused
    other = Client(HTTP_HOST="localhost")
    other.post("/accounts/sign-in/", {"username": "prov_rev", "password": PASSWORD})
    connection.set_schema_to_public()
    for path in ("/cities/hangzhou/export/", "/api/v1/cities/hangzhou/export/"):
        assert other.post(path).status_code in (302, 401, 403)
    for path in ("/cities/restore/", "/cities/hangzhou/remove/", "/cities/hangzhou/archive/"):
        answer = other.get(path)
        assert answer.status_code == 403 or answer["Location"].startswith("/accounts/sign-in/")
    # nobody signed in: nothing either
    assert Client(HTTP_HOST="localhost").post("/api/v1/cities/hangzhou/export/").status_code in (401, 403)
    assert not AuditEntry.objects.filter(action="platform.export_city").exists()
