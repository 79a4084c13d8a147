"""Documents: gap-free numbering per office, PDFs with embedded Chinese, attachments told by
their bytes, and each city's files reachable only on its own host."""

from __future__ import annotations

import contextlib
import hashlib
import io
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django_tenants.utils import schema_context, tenant_context
from pypdf import PdfReader

from apps.audit.models import AuditEntry
from apps.documents import services
from apps.documents.models import Attachment, Document, NumberSeries
from apps.documents.numbering import IssuedNumber, issue_number
from apps.documents.pdf import render_pdf
from tenants.models import City
from tests.conftest import in_city

SAMPLE = {
    "office_name": "广州市人民政府外事办公室",
    "office_name_en": "Foreign Affairs Office of the People's Government of Guangzhou Municipality",
    "number": "穗外办批〔2026〕12号",
    "title": "关于同意市教育局代表团赴英国进行教育交流的批复",
    "addressee": "广州市教育局",
    "body": ["经研究，同意由副局长张伟率团一行五人赴英国伦敦进行教育交流，在外停留七天。"],
    "english_title": "Approval of a visit to the United Kingdom",
    "english_body": ["The Foreign Affairs Office of Guangzhou approves the visit of the delegation."],
    "issued_on": "2026-04-20",
    "signatory": "李明",
}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# The first bytes of a .docx (a ZIP archive), whatever its name says.
DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"\x00" * 64


@contextlib.contextmanager
def as_city(code: str):
    """The city's schema with the city itself as ``connection.tenant`` (its profile), as a
    request on its host has."""
    with tenant_context(City.objects.get(schema_name=code)):
        yield


def profile_of(code: str) -> dict:
    return City.objects.get(schema_name=code).profile


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def fonts_showing_text(pdf: bytes) -> list[dict]:
    """The font dictionaries of every run of visible text (ReportLab also names Helvetica
    in each page's resources, unused: only the fonts that draw text matter)."""
    fonts = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and font_dict is not None:
            fonts.append(font_dict)

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return fonts


# Numbering ---------------------------------------------------------------------------


def test_numbers_follow_the_office_profile_and_count_up(db):
    profile = profile_of("guangzhou")
    with in_city("guangzhou"), transaction.atomic():
        first = issue_number(kind="approval", profile=profile, year=2026)
        second = issue_number(kind="approval", profile=profile, year=2026)

    assert first == IssuedNumber(kind="approval", year=2026, number=1, text="穗外办批〔2026〕1号")
    assert second.text == "穗外办批〔2026〕2号"


def test_each_city_uses_its_own_prefix_and_series(db):
    with in_city("guangzhou"), transaction.atomic():
        issue_number(kind="approval", profile=profile_of("guangzhou"), year=2026)
    with in_city("hangzhou"), transaction.atomic():
        hangzhou = issue_number(kind="approval", profile=profile_of("hangzhou"), year=2026)

    assert hangzhou.text == "杭外侨办批〔2026〕1号"


def test_each_year_starts_a_new_series(db):
    profile = profile_of("guangzhou")
    with in_city("guangzhou"), transaction.atomic():
        issue_number(kind="approval", profile=profile, year=2026)
        issue_number(kind="approval", profile=profile, year=2026)
        next_year = issue_number(kind="approval", profile=profile, year=2027)
        back = issue_number(kind="approval", profile=profile, year=2026)

    assert next_year.text == "穗外办批〔2027〕1号"
    assert back.number == 3


def test_each_kind_has_its_own_series(db):
    profile = profile_of("guangzhou")
    with in_city("guangzhou"), transaction.atomic():
        issue_number(kind="approval", profile=profile, year=2026)
        letter = issue_number(kind="letter", profile=profile, year=2026)

    assert letter.text == "穗外办函〔2026〕1号"


def test_the_year_defaults_to_this_year_in_shanghai(db, monkeypatch):
    from apps.documents import numbering

    monkeypatch.setattr(numbering, "current_year", lambda: 2031)
    with in_city("guangzhou"), transaction.atomic():
        issued = issue_number(kind="approval", profile=profile_of("guangzhou"))

    assert issued.text == "穗外办批〔2031〕1号"


def test_a_rolled_back_caller_consumes_no_number(db):
    profile = profile_of("guangzhou")
    with in_city("guangzhou"), transaction.atomic():
        with pytest.raises(RuntimeError, match="caller failed"), transaction.atomic():
            assert issue_number(kind="approval", profile=profile, year=2026).number == 1
            raise RuntimeError("caller failed")
        again = issue_number(kind="approval", profile=profile, year=2026)

    assert again.text == "穗外办批〔2026〕1号"


def test_a_kind_the_profile_does_not_number_is_a_clear_error(db):
    with (
        in_city("guangzhou"),
        transaction.atomic(),
        pytest.raises(ValueError, match=r"'visa_note'.*numbering\.visa_note"),
    ):
        issue_number(kind="visa_note", profile=profile_of("guangzhou"), year=2026)
    with in_city("guangzhou"):
        assert not NumberSeries.objects.filter(kind="visa_note").exists()


# Concurrency: real transactions on separate connections --------------------------------
#
# Each thread has its own database connection, which commits for real. These tests do not
# use transaction=True: its clean-up flushes the tables of the *public* schema, which
# would delete the session's cities (and the append-only audit log refuses TRUNCATE).
# Instead they use a series of their own (a kind and a year nothing else uses) and delete
# it at the end; the test's own transaction is not involved.

CONCURRENCY_KIND = "concurrency_probe"
CONCURRENCY_YEAR = 2099
CONCURRENCY_PROFILE = {
    "numbering": {CONCURRENCY_KIND: {"prefix": "测", "template": "{prefix}{year}-{number}"}},
}


def in_thread(target, *args) -> threading.Thread:
    def run():
        try:
            target(*args)
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def delete_probe_series() -> None:
    def delete():
        with schema_context("hangzhou"):
            NumberSeries.objects.filter(kind=CONCURRENCY_KIND).delete()

    in_thread(delete).join()


@pytest.fixture
def probe_series(db):
    delete_probe_series()
    yield
    delete_probe_series()


def test_numbers_issued_at_once_are_exactly_one_to_n(probe_series):
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    issued: list[int] = []
    errors: list[BaseException] = []

    def issue(index: int) -> None:
        try:
            with schema_context("hangzhou"):
                barrier.wait(timeout=30)
                if index % 3 == 0:  # some callers fail after taking a number
                    with contextlib.suppress(RuntimeError), transaction.atomic():
                        issue_number(
                            kind=CONCURRENCY_KIND, profile=CONCURRENCY_PROFILE, year=CONCURRENCY_YEAR
                        )
                        raise RuntimeError("rolled back")
                with transaction.atomic():
                    number = issue_number(
                        kind=CONCURRENCY_KIND, profile=CONCURRENCY_PROFILE, year=CONCURRENCY_YEAR
                    )
                    time.sleep(0.02)  # hold the lock so that the others queue behind it
                issued.append(number.number)
        except BaseException as error:
            errors.append(error)

    threads = [in_thread(issue, index) for index in range(threads_count)]
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(issued) == list(range(1, threads_count + 1))
    with in_city("hangzhou"):
        series = NumberSeries.objects.get(kind=CONCURRENCY_KIND, year=CONCURRENCY_YEAR)
    assert series.last_number == threads_count


def test_issuing_outside_a_transaction_is_refused(probe_series):
    outcome: list[BaseException] = []

    def issue() -> None:
        with schema_context("hangzhou"):  # a fresh connection: autocommit, no transaction
            try:
                issue_number(kind=CONCURRENCY_KIND, profile=CONCURRENCY_PROFILE, year=CONCURRENCY_YEAR)
            except RuntimeError as error:
                outcome.append(error)

    in_thread(issue).join(timeout=30)

    assert len(outcome) == 1
    assert "transaction" in str(outcome[0])


# PDF ---------------------------------------------------------------------------------


def test_the_pdf_carries_the_chinese_and_english_text_in_an_embedded_font():
    pdf = render_pdf("documents/sample.html", SAMPLE)

    text = pdf_text(pdf)
    fonts = fonts_showing_text(pdf)

    assert pdf.startswith(b"%PDF-")
    expected_texts = [
        "广州市人民政府外事办公室",
        "穗外办批〔2026〕12号",
        "教育交流",
        "签发人",
        "Approval of a visit",
    ]
    for expected in expected_texts:
        assert expected in text.replace("\n", ""), expected
    assert fonts
    for font in fonts:  # all text, Chinese and English, in the embedded CJK font
        assert "WaibanSerifSC" in str(font["/BaseFont"]), font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_the_font_is_embedded_whatever_the_working_directory(monkeypatch, tmp_path):
    # gunicorn runs with --chdir platform; xhtml2pdf's default policy only reads files
    # under the working directory, and the Chinese came out as black boxes.
    monkeypatch.chdir(tmp_path)
    pdf = render_pdf("documents/sample.html", SAMPLE)

    assert "穗外办批〔2026〕12号" in pdf_text(pdf)
    for font in fonts_showing_text(pdf):
        assert "WaibanSerifSC" in str(font["/BaseFont"]), font["/BaseFont"]


def test_a_template_cannot_make_the_renderer_read_local_files():
    from apps.documents.pdf import PdfRenderError, render_html_to_pdf

    with pytest.raises(PdfRenderError, match="/etc/passwd"):
        render_html_to_pdf('<html><body><img src="/etc/passwd"></body></html>')


# Issuing documents -----------------------------------------------------------------------


def test_issuing_a_document_numbers_renders_stores_and_audits_it(city_user):
    clerk = city_user("guangzhou", username="gz_doc_clerk", role="clerk")
    with as_city("guangzhou"):
        document = services.issue_document(
            actor=clerk,
            kind="approval",
            title="关于同意赴英国进行教育交流的批复",
            template_name="documents/sample.html",
            context=SAMPLE,
            subject=("trips.trip", 42),
            language="bilingual",
        )
        document.refresh_from_db()
        audit_row = AuditEntry.objects.get(action="documents.issue", object_id=str(document.pk))

    number = document.number
    assert number.startswith("穗外办批〔") and number.endswith("〕1号")
    content = bytes(document.content)
    assert number in pdf_text(content)  # the number issued, not the one in the context
    assert (document.size, document.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert (document.subject_type, document.subject_id, document.created_by_id) == (
        "trips.trip",
        "42",
        clerk.pk,
    )
    assert audit_row.actor_username == "gz_doc_clerk"
    assert audit_row.after["number"] == number


def test_a_failed_render_leaves_no_document_and_uses_no_number(city_user):
    clerk = city_user("guangzhou", username="gz_doc_clerk2", role="clerk")
    with as_city("guangzhou"):
        with pytest.raises(Exception, match="no_such_template"):
            services.issue_document(
                actor=clerk,
                kind="letter",
                title="失败",
                template_name="documents/no_such_template.html",
                context={},
                subject=None,
            )
        assert not Document.objects.exists()
        document = services.issue_document(
            actor=clerk,
            kind="letter",
            title="函",
            template_name="documents/sample.html",
            context=SAMPLE,
            subject=None,
        )

    assert document.number.endswith("〕1号")
    assert document.number.startswith("穗外办函〔")


def test_unnumbered_documents_may_share_the_blank_number(city_user):
    clerk = city_user("guangzhou", username="gz_doc_clerk3", role="clerk")
    with as_city("guangzhou"):
        for _ in range(2):
            services.issue_document(
                actor=clerk,
                kind="memo",  # not numbered by the profile, and not asked to be
                title="备忘",
                template_name="documents/sample.html",
                context=SAMPLE,
                subject=None,
                numbered=False,
            )
        assert list(Document.objects.values_list("number", flat=True)) == ["", ""]


# Attachments -----------------------------------------------------------------------------


def attachments_and_audit_rows() -> tuple[int, int]:
    return Attachment.objects.count(), AuditEntry.objects.filter(action="documents.attach").count()


def test_a_png_is_stored_as_png_whatever_its_name_says(city_user):
    clerk = city_user("guangzhou", username="gz_att_clerk", role="clerk")
    upload = SimpleUploadedFile("passport.pdf", PNG, content_type="application/pdf")
    with in_city("guangzhou"):
        attachment = services.store_attachment(actor=clerk, uploaded_file=upload, subject=("trips.trip", 7))
        attachment.refresh_from_db()

    assert (attachment.filename, attachment.content_type) == ("passport.pdf", "image/png")
    assert attachment.size == len(PNG)
    assert bytes(attachment.content) == PNG
    assert attachment.sha256 == hashlib.sha256(PNG).hexdigest()


def test_a_docx_renamed_pdf_is_refused_and_nothing_is_stored(city_user):
    clerk = city_user("guangzhou", username="gz_att_clerk2", role="clerk")
    upload = SimpleUploadedFile("invitation.pdf", DOCX, content_type="application/pdf")
    with in_city("guangzhou"):
        before = attachments_and_audit_rows()
        with pytest.raises(ValidationError) as refused:
            services.store_attachment(actor=clerk, uploaded_file=upload, subject=("trips.trip", 7))
        after = attachments_and_audit_rows()

    assert refused.value.messages == ["invitation.pdf：只接受 PDF、PNG 或 JPEG 文件"]
    assert after == before


def test_an_oversized_file_is_refused_and_nothing_is_stored(city_user):
    clerk = city_user("guangzhou", username="gz_att_clerk3", role="clerk")
    size = int(12.3 * 1024 * 1024)
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n" + b"0" * (size - 9), content_type="application/pdf")
    with in_city("guangzhou"):
        before = attachments_and_audit_rows()
        with pytest.raises(ValidationError) as refused:
            services.store_attachment(actor=clerk, uploaded_file=upload, subject=None)
        after = attachments_and_audit_rows()

    assert refused.value.messages == ["scan.pdf：12.3 MB，超过 10 MB 的上限"]
    assert after == before


def test_a_file_of_exactly_the_limit_is_accepted(city_user, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    clerk = city_user("guangzhou", username="gz_att_clerk4", role="clerk")
    jpeg = b"\xff\xd8\xff\xe0" + b"\x00" * 1020
    with in_city("guangzhou"):
        attachment = services.store_attachment(
            actor=clerk, uploaded_file=SimpleUploadedFile("photo.jpg", jpeg), subject=None
        )
        with pytest.raises(ValidationError, match=r"big\.jpg：.*超过.*上限"):
            services.store_attachment(
                actor=clerk, uploaded_file=SimpleUploadedFile("big.jpg", jpeg + b"\x00"), subject=None
            )

    assert (attachment.content_type, attachment.size) == ("image/jpeg", 1024)


# Downloads and isolation -----------------------------------------------------------------


@pytest.fixture
def guangzhou_files(city_user):
    """A Guangzhou clerk, a document and an attachment of Guangzhou's."""
    clerk = city_user("guangzhou", username="gz_files_clerk", role="clerk")
    with as_city("guangzhou"):
        document = services.issue_document(
            actor=clerk,
            kind="approval",
            title="关于同意赴英国进行教育交流的批复",
            template_name="documents/sample.html",
            context=SAMPLE,
            subject=("trips.trip", 1),
        )
        attachment = services.store_attachment(
            actor=clerk, uploaded_file=SimpleUploadedFile("passport.png", PNG), subject=("trips.trip", 1)
        )
    return clerk, document, attachment


def file_urls(document_id: int, attachment_id: int) -> dict[str, str]:
    return {
        "web_pdf": f"/documents/{document_id}/pdf/",
        "web_attachment": f"/documents/attachments/{attachment_id}/",
        "api_document": f"/api/v1/documents/{document_id}/",
        "api_pdf": f"/api/v1/documents/{document_id}/pdf/",
        "api_attachment": f"/api/v1/attachments/{attachment_id}/",
        "api_attachment_content": f"/api/v1/attachments/{attachment_id}/content/",
    }


def test_the_owning_city_downloads_its_document_and_attachment(guangzhou_files, client_for):
    clerk, document, attachment = guangzhou_files
    client = client_for("guangzhou", clerk)
    urls = file_urls(document.pk, attachment.pk)

    web_pdf = client.get(urls["web_pdf"])
    api_pdf = client.get(urls["api_pdf"])
    meta = client.get(urls["api_document"])
    web_attachment = client.get(urls["web_attachment"])
    api_attachment = client.get(urls["api_attachment"])
    content = client.get(urls["api_attachment_content"])

    for response in (web_pdf, api_pdf):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content == bytes(document.content)
    assert meta.status_code == 200
    assert meta.json()["number"] == document.number
    assert meta.json()["created_by"] == "gz_files_clerk"
    assert "content" not in meta.json()
    for response in (web_attachment, content):
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response.content == PNG
    assert api_attachment.json()["filename"] == "passport.png"


def test_a_guangzhou_id_on_the_hangzhou_host_answers_404(guangzhou_files, city_user, client_for):
    _, document, attachment = guangzhou_files
    hz_clerk = city_user("hangzhou", username="hz_files_clerk", role="clerk")
    client = client_for("hangzhou", hz_clerk)

    for name, url in file_urls(document.pk, attachment.pk).items():
        response = client.get(url)
        assert response.status_code == 404, name
        assert document.number.encode() not in response.content
        assert b"passport" not in response.content


def test_anonymous_callers_are_asked_to_sign_in(guangzhou_files, client_for):
    _, document, attachment = guangzhou_files
    client = client_for("guangzhou")

    for name, url in file_urls(document.pk, attachment.pk).items():
        response = client.get(url)
        if name.startswith("api"):
            assert response.status_code == 401, name
            assert response.json()["status"] == 401
        else:
            assert response.status_code == 302, name
            assert response["Location"].startswith("/accounts/sign-in/"), name


def test_a_submitter_does_not_see_documents_of_no_unit_or_another_unit(
    guangzhou_files, city_user, client_for
):
    # documents.view is the office's; a submitter reads only its own unit's (tests/trips).
    _, document, attachment = guangzhou_files
    submitter = city_user(
        "guangzhou", username="gz_files_submitter", role="submitter", unit="yuexiu_district"
    )
    client = client_for("guangzhou", submitter)

    for name, url in file_urls(document.pk, attachment.pk).items():
        assert client.get(url).status_code == 404, name


def test_a_plain_text_page_draws_chinese_in_the_embedded_font():
    # The demo's inviting letters were bare HTML in Helvetica: every hanzi a box.
    from apps.documents.pdf import render_text_pdf

    pdf = render_text_pdf(["Letter of invitation", "越秀区赴日本经贸考察团", "<b>不是标记</b>"])

    assert "越秀区赴日本经贸考察团" in pdf_text(pdf).replace("\n", "")
    assert "<b>不是标记</b>" in pdf_text(pdf).replace("\n", "")  # escaped, not markup
    for font in fonts_showing_text(pdf):
        assert "WaibanSerifSC" in str(font["/BaseFont"]), font["/BaseFont"]
