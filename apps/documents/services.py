"""Writes of the documents app: issue a numbered PDF document, store an attachment."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from apps.audit import services as audit
from apps.documents import numbering
from apps.documents.models import Attachment, Document
from apps.documents.pdf import render_pdf

LANGUAGES = {code for code, _ in Document.LANGUAGE_CHOICES}

# What a file is, by its first bytes (never by its name or declared type).
MAGIC_TYPES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
]
SNIFF_BYTES = 16
# A file that says it is a PDF or an image but carries markup a browser would run, or a
# PDF with actions that run code when opened: refused whatever its first bytes say.
ACTIVE_CONTENT = re.compile(
    rb"<\s*(?:script|html|body|iframe|svg|object|embed)\b|<!doctype\s+html"
    rb"|/(?:JavaScript|JS|Launch|OpenAction\s*<<[^>]*/S\s*/JavaScript|RichMedia)\b",
    re.IGNORECASE,
)

Subject = models.Model | tuple[str, str | int] | None


def subject_key(subject: Subject) -> tuple[str, str]:
    """(subject_type, subject_id) of a model instance or an ("app_label.model", id) pair."""
    if subject is None:
        return "", ""
    if isinstance(subject, models.Model):
        return subject._meta.label_lower, str(subject.pk)
    subject_type, subject_id = subject
    return str(subject_type), str(subject_id)


def current_profile() -> dict:
    tenant = getattr(connection, "tenant", None)
    profile = getattr(tenant, "profile", None)
    if not isinstance(profile, dict):
        raise RuntimeError("documents are issued in a city's schema (connection.tenant has no profile)")
    return profile


def issue_document(
    *,
    actor,
    kind: str,
    title: str,
    template_name: str,
    context: dict[str, Any],
    subject: Subject,
    language: str = "zh-hans",
    numbered: bool = True,
    unit_code: str = "",
) -> Document:
    """Numbers (when ``numbered``), renders and stores one PDF document of the current city,
    with its audit row, in one transaction: if anything fails, no number is used.
    ``unit_code`` is the submitting unit it belongs to ("" for the office's own): that
    unit's submitters may read it (``selectors.readable_documents``)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {sorted(LANGUAGES)}, not {language!r}")
    subject_type, subject_id = subject_key(subject)
    with transaction.atomic():
        number_text = ""
        if numbered:
            issued = numbering.issue_number(kind=kind, profile=current_profile())
            number_text = issued.text
        pdf = render_pdf(template_name, {**context, "number": number_text, "title": title})
        document = Document.objects.create(
            kind=kind,
            number=number_text,
            title=title,
            language=language,
            content=pdf,
            content_type="application/pdf",
            size=len(pdf),
            sha256=hashlib.sha256(pdf).hexdigest(),
            subject_type=subject_type,
            subject_id=subject_id,
            unit_code=unit_code or "",
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action="documents.issue",
            obj=document,
            after={
                "kind": kind,
                "number": number_text,
                "title": title,
                "language": language,
                "sha256": document.sha256,
                "subject": f"{subject_type}:{subject_id}" if subject_type else "",
                "unit": unit_code or "",
            },
        )
    return document


def sniff_content_type(head: bytes) -> str | None:
    for magic, content_type in MAGIC_TYPES:
        if head.startswith(magic):
            return content_type
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def too_large(name: str, size: int, limit: int) -> str:
    return _("%(name)s: %(size)s MB is over the %(limit)s MB limit") % {
        "name": name,
        "size": _megabytes(size),
        "limit": _megabytes(limit),
    }


def store_attachment(*, actor, uploaded_file, subject: Subject, unit_code: str = "") -> Attachment:
    """Stores an uploaded PDF, PNG or JPEG (told by its first bytes) of at most
    ``settings.ATTACHMENT_MAX_BYTES``; anything else raises ValidationError naming the file.
    ``unit_code``: the submitting unit it belongs to, as for ``issue_document``."""
    name = (getattr(uploaded_file, "name", "") or "attachment").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r'[\x00-\x1f\x7f"<>]', "_", name)[:255] or "attachment"
    limit = settings.ATTACHMENT_MAX_BYTES
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:  # refuse before reading a huge upload
        raise ValidationError(too_large(name, size, limit), code="too_large")
    uploaded_file.seek(0)
    content = uploaded_file.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(too_large(name, size or len(content), limit), code="too_large")
    content_type = sniff_content_type(content[:SNIFF_BYTES])
    if content_type is None:
        raise ValidationError(
            _("%(name)s: only PDF, PNG or JPEG files are accepted") % {"name": name}, code="file_type"
        )
    if ACTIVE_CONTENT.search(content):
        raise ValidationError(
            _("%(name)s: the file contains web page markup or scripts; upload a plain PDF or image")
            % {"name": name},
            code="active_content",
        )
    subject_type, subject_id = subject_key(subject)
    with transaction.atomic():
        attachment = Attachment.objects.create(
            filename=name,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content=content,
            subject_type=subject_type,
            subject_id=subject_id,
            unit_code=unit_code or "",
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action="documents.attach",
            obj=attachment,
            after={
                "filename": name,
                "content_type": content_type,
                "size": len(content),
                "sha256": attachment.sha256,
                "subject": f"{subject_type}:{subject_id}" if subject_type else "",
                "unit": unit_code or "",
            },
        )
    return attachment
