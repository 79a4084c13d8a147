"""The in-app inbox: one row per recipient and message, in the schema of the recipient's
city. Rows are written by ``apps.notifications.services.notify`` only."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=64)  # e.g. "case.assigned", "deadline.reminder"
    # Chinese (the office's working language) and English: the inbox shows the reader's.
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    subject_en = models.CharField(max_length=200, blank=True)
    body_en = models.TextField(blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)  # a path on the city host
    # Which object the notification is about (``app_label.model`` and its id), if any.
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    # Set by senders that must not repeat themselves (a daily reminder run twice a day):
    # unique per recipient when not empty.
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Set when what the notification asked for is no longer the recipient's to do (the
    # case it announced left the recipient's step): shown as done, never as unread.
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notification_dedupe_per_recipient",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
            models.Index(
                fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id}: {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def localized_subject(self) -> str:
        from apps.registry.i18n import speaks_english

        return (self.subject_en if speaks_english() else "") or self.subject

    @property
    def localized_body(self) -> str:
        from apps.registry.i18n import speaks_english

        return (self.body_en if speaks_english() else "") or self.body
