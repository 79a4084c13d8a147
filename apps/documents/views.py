"""Downloads of a city's documents and attachments (web)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.views import View

from apps.accounts.access import PermissionRequiredMixin, has_permission, user_permissions
from apps.documents import selectors
from apps.documents.models import Attachment, Document


def file_response(content: bytes, content_type: str, filename: str, *, as_attachment: bool) -> HttpResponse:
    response = HttpResponse(bytes(content), content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Opened in the browser (a PDF viewer), a file still runs nothing on the office's origin.
    response.headers["Content-Security-Policy"] = "sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def document_filename(document: Document) -> str:
    return f"{document.number or f'document-{document.pk}'}.pdf"


def document_pdf_response(document: Document) -> HttpResponse:
    filename = document_filename(document)
    return file_response(document.content, "application/pdf", filename, as_attachment=False)


def attachment_response(attachment: Attachment) -> HttpResponse:
    # Uploaded files are always downloaded, never shown inline on the office's host.
    return file_response(attachment.content, attachment.content_type, attachment.filename, as_attachment=True)


def reader(request) -> dict:
    """The keyword arguments of the selectors for this request's user: office-wide
    (``documents.view``) or its own unit's (``documents.view_own_unit``)."""
    return {
        "office_wide": has_permission(request, "documents.view"),
        "own_unit": has_permission(request, "documents.view_own_unit"),
        "granted": user_permissions(request),
    }


# Every role that reads documents holds "documents.view_own_unit"; the office's roles
# also hold "documents.view", which widens it to the whole city (apps.accounts.roles).
READ_PERMISSION = "documents.view_own_unit"


class DocumentPdfView(PermissionRequiredMixin, View):
    required_permissions = {"GET": READ_PERMISSION}

    def get(self, request, pk: int):
        document = selectors.document(request.user, **reader(request), pk=pk, with_content=True)
        return document_pdf_response(document)


class AttachmentDownloadView(PermissionRequiredMixin, View):
    required_permissions = {"GET": READ_PERMISSION}

    def get(self, request, pk: int):
        attachment = selectors.attachment(request.user, **reader(request), pk=pk)
        return attachment_response(attachment)
