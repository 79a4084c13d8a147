"""Public schema: what the queue itself does not keep (Procrastinate's own tables hold the
jobs): why a job attempt failed or was skipped, and documents rendered in the background."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobEvent(models.Model):
    """One thing worth telling an operator about a job: an attempt that failed (with its
    error), a job skipped because its city is suspended or unknown, a retry by an operator."""

    class Kind(models.TextChoices):
        FAILED = "failed", _("attempt failed")
        SKIPPED = "skipped", _("skipped: city not active")
        RETRIED = "retried", _("retried by an operator")

    job_id = models.BigIntegerField(db_index=True)
    task_name = models.CharField(max_length=128)
    city = models.CharField(max_length=63, blank=True, db_index=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    attempt = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job event")
        verbose_name_plural = _("job events")

    def __str__(self) -> str:
        return f"{self.task_name}#{self.job_id} {self.kind}"


class Rendition(models.Model):
    """A large document or export rendered by a background job, kept for its requester's
    audience (``scope``: a city code or ``province:<code>``) to download."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scope = models.CharField(max_length=80, db_index=True)
    renderer = models.CharField(max_length=80)
    params = models.JSONField(default=dict)
    title = models.CharField(max_length=200)
    requested_by = models.CharField(max_length=150)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    content = models.BinaryField(null=True, editable=False)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background document")
        verbose_name_plural = _("background documents")

    def __str__(self) -> str:
        return self.title


class SchemaFigures(models.Model):
    """The health page's figures of one city's schema that cost too much to read on every
    request at 300 cities (applied migrations, latest activity and sign-in, bytes used):
    taken every minute by a periodic job (``jobs.refresh_schema_figures``); the page reads
    these rows in one query and reads live only what is missing or stale."""

    schema_name = models.CharField(max_length=63, unique=True)
    migrations_applied = models.PositiveIntegerField(default=0)
    last_activity = models.DateTimeField(null=True, blank=True)
    last_sign_in = models.DateTimeField(null=True, blank=True)
    database_bytes = models.BigIntegerField(default=0)
    media_bytes = models.BigIntegerField(default=0)
    taken_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.schema_name} at {self.taken_at:%H:%M:%S}"
