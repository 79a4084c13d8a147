"""Numbered documents, their number series and attachments, in each city's own schema.

The PDF and attachment bytes are kept in the database (BinaryField), in the city's
schema, beside the rows that describe them: no file of one city sits where another
city's code could reach it, and a schema clone or backup carries them along.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NumberSeries(models.Model):
    """The last number issued for one kind of document (``approval``, ``letter``, ...) in
    one year. ``apps.documents.numbering.issue_number`` is the only writer."""

    kind = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="documents_series_kind_year")]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last_number}"


class Document(models.Model):
    LANGUAGE_CHOICES = [("zh-hans", _("Chinese")), ("en", _("English")), ("bilingual", _("Bilingual"))]

    kind = models.CharField(_("kind"), max_length=32)
    number = models.CharField(_("number"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="zh-hans")
    content = models.BinaryField(_("content"))
    content_type = models.CharField(max_length=100, default="application/pdf")
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    # The submitting unit the document belongs to ("" = the office's own): a unit-bound
    # reader (apps.accounts.scoping) sees only its own unit's documents.
    unit_code = models.CharField(_("unit"), max_length=64, blank=True, default="", db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Unnumbered documents (number "") are many; a number is issued once.
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="documents_number_unique"
            )
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="documents_doc_subject")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Attachment(models.Model):
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    unit_code = models.CharField(_("unit"), max_length=64, blank=True, default="", db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="documents_att_subject")]

    def __str__(self) -> str:
        return self.filename
