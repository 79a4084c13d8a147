"""Reads of documents and attachments of the current city (the connection's schema).

Who reads what: a role with ``documents.view`` (the office's own roles) reads every
document of the city; a unit-bound role with ``documents.view_own_unit`` (a department's
submitter) reads only those of its own unit (``unit_code``, see apps.accounts.scoping);
anything else is a 404, as if it were not there.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.accounts.scoping import is_unit_bound, scope_to_unit
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
    "unit_code",
    "created_by",
    "created_at",
]
ATTACHMENT_META_FIELDS = [
    "id",
    "filename",
    "content_type",
    "size",
    "sha256",
    "subject_type",
    "subject_id",
    "unit_code",
    "uploaded_by",
    "uploaded_at",
]


def _readable(
    queryset: QuerySet, actor, *, office_wide: bool, own_unit: bool, granted: frozenset[str] = frozenset()
) -> QuerySet:
    """``office_wide``/``own_unit``: the caller's verdicts from ``apps.accounts.access``
    ("documents.view", "documents.view_own_unit"); ``granted`` its permissions: files about
    a module's ``private_documents`` subjects are left out without their permission."""
    hidden = private_subject_types(granted)
    if hidden:
        queryset = queryset.exclude(subject_type__in=hidden)
    if office_wide:
        return queryset
    if own_unit and is_unit_bound(actor):
        return scope_to_unit(queryset, actor)  # never the office's own ("") documents
    raise PermissionDenied


def private_subject_types(granted: frozenset[str]) -> list[str]:
    from apps.registry.modules import registry

    return sorted(
        subject_type
        for module in registry
        for subject_type, permission in module.private_documents.items()
        if permission not in granted
    )


def document(
    actor,
    *,
    office_wide: bool,
    own_unit: bool = False,
    pk: int,
    with_content: bool = False,
    granted: frozenset[str] = frozenset(),
):
    """One document of this city by id that ``actor`` may read, or 404 (another city's or
    another unit's id is simply not there)."""
    queryset = Document.objects.all() if with_content else Document.objects.only(*DOCUMENT_META_FIELDS)
    readable = _readable(queryset, actor, office_wide=office_wide, own_unit=own_unit, granted=granted)
    return get_object_or_404(readable, pk=pk)


def attachment(
    actor, *, office_wide: bool, own_unit: bool = False, pk: int, granted: frozenset[str] = frozenset()
) -> Attachment:
    return get_object_or_404(
        _readable(
            Attachment.objects.all(), actor, office_wide=office_wide, own_unit=own_unit, granted=granted
        ),
        pk=pk,
    )
