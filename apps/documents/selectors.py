"""Reads of documents and attachments of the current city (the connection's schema)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.documents.models import Attachment, Document

DOCUMENT_META_FIELDS = [
    "id",
    "kind",
    "number",
    "title",
    "language",
    "content_type",
    "size",
    "sha256",
    "subject_type",
    "subject_id",
    "created_by",
    "created_at",
]


def documents(*, can_view: bool) -> QuerySet[Document]:
    """The city's documents without their bytes; ``can_view`` is the caller's verdict
    from ``apps.accounts.access`` ("documents.view")."""
    if not can_view:
        raise PermissionDenied
    return Document.objects.only(*DOCUMENT_META_FIELDS)


def document(*, can_view: bool, pk: int, with_content: bool = False) -> Document:
    """One document of this city by id, or 404 (another city's id is simply not here)."""
    if not can_view:
        raise PermissionDenied
    queryset = Document.objects.all() if with_content else documents(can_view=True)
    return get_object_or_404(queryset, pk=pk)


def attachment(*, can_view: bool, pk: int) -> Attachment:
    if not can_view:
        raise PermissionDenied
    return get_object_or_404(Attachment, pk=pk)
