"""Uploads that are not what they say (issue 14): a "PDF" whose header is %PDF- followed by
a web page, or a PDF with JavaScript, is refused naming the file; nothing is stored. Files
are served as downloads, sandboxed, never sniffed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.documents.models import Attachment
from apps.documents.services import store_attachment
from apps.documents.views import attachment_response
from tests.conftest import in_city
from tests.factories import UserFactory

HOSTILE = {
    "html.pdf": b"%PDF-1.4\n<html><body><script>fetch('/api/v1/')</script></body></html>",
    "doctype.pdf": b"%PDF-1.7\n<!DOCTYPE html><p>hi</p>",
    "js.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
    "launch.pdf": b"%PDF-1.7\n1 0 obj << /S /Launch /F (cmd.exe) >>\n%%EOF",
    "svg.png": b"\x89PNG\r\n\x1a\n<svg onload=alert(1)>",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_file_with_markup_or_scripts_is_refused_and_nothing_stored(db, name):
    with in_city("hangzhou"):
        clerk = UserFactory(username="upload_clerk", role="clerk")
        before = Attachment.objects.count()
        with pytest.raises(ValidationError, match=name):
            store_attachment(actor=clerk, uploaded_file=SimpleUploadedFile(name, HOSTILE[name]), subject=None)
        assert Attachment.objects.count() == before


def test_a_plain_pdf_is_kept_under_a_safe_name_and_served_as_a_sandboxed_download(db):
    with in_city("hangzhou"):
        clerk = UserFactory(username="upload_clerk2", role="clerk")
        upload = SimpleUploadedFile('..\\\\evil"\x07name.pdf', b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF")
        attachment = store_attachment(actor=clerk, uploaded_file=upload, subject=None)
        assert attachment.filename == "evil__name.pdf"
        response = attachment_response(attachment)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        response["X-Content-Type-Options"] == "nosniff" and response["Content-Security-Policy"] == "sandbox"
    )
