"""Sending notifications: the in-app inbox row and, after commit, an e-mail.

Callers (services of the feature modules, the reminder runner) call ``notify`` inside
their own transaction: the inbox rows commit or roll back with the change they announce,
and so do the e-mail jobs (``apps.notifications.tasks``, on the background queue): one per
e-mail, enqueued in the same transaction, sent by the worker once it has committed and
retried when the mail server fails. Subjects and bodies
arrive rendered, either as one text or in both languages (``{"zh": ..., "en": ...}``,
made with ``in_both``): the inbox shows each reader theirs; e-mails go in Chinese.

Notifications are not audited: they announce changes that their own services audit.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, models, transaction
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from apps.accounts.models import User
from apps.notifications.models import Notification
from tenants.models import Domain

logger = logging.getLogger(__name__)

SUBJECT_MAX = Notification._meta.get_field("subject").max_length

Text = str | Mapping[str, str]


def in_both(render: Callable[[], str]) -> dict[str, str]:
    """``{"zh": ..., "en": ...}``: ``render`` (which calls gettext) run in each language."""
    texts = {}
    for key, language in (("zh", "zh-hans"), ("en", "en")):
        with translation.override(language):
            texts[key] = str(render())
    return texts


def _texts(text: Text) -> tuple[str, str]:
    """(Chinese, English) of a text given in one language or both."""
    if isinstance(text, Mapping):
        return str(text.get("zh") or text.get("en") or ""), str(text.get("en") or "")
    return str(text), ""


def _shorten(subject: str) -> str:
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def recipients_with_role(role: str) -> QuerySet[User]:
    """The active users of the current city (the connection's schema) with this role."""
    return User.objects.filter(role=role, is_active=True).order_by("pk")


def _about(about: Any) -> tuple[str, str]:
    if about is None:
        return "", ""
    if isinstance(about, models.Model):
        return about._meta.label_lower, str(about.pk)
    subject_type, subject_id = about  # ("trips.trip", 42)
    return str(subject_type), str(subject_id)


def _check_url(url: str) -> str:
    """Only a path on the city's own host: never another site, never ``javascript:``."""
    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url):
        raise ValueError(f"notification url must be a path on the city host, got {url!r}")
    return url


def _absolute(url: str) -> str:
    """The link for an e-mail: the path on the current city's primary domain."""
    if not url:
        return url
    domain = (
        Domain.objects.filter(tenant__schema_name=connection.schema_name, is_primary=True)
        .values_list("domain", flat=True)
        .first()
    )
    if domain is None:
        return url
    scheme = "http" if settings.DEBUG or settings.LOCAL else "https"  # localhost: plain HTTP
    return f"{scheme}://{domain}{url}"


def send_notification_email(note: Notification) -> None:
    """Mails one notification to its recipient (the job's body: in the city's schema).
    A failing mail server raises, and the job is tried again."""
    if not note.recipient.email:
        return
    body = _email_body(note.body, _absolute(note.url))
    message = EmailMessage(note.subject, body, settings.DEFAULT_FROM_EMAIL, [note.recipient.email])
    try:
        message.send()
    except Exception:
        logger.exception("notifications: e-mail to %s (%r) failed", note.recipient.email, note.subject)
        raise


def send_outside_email(
    *, to: Sequence[str], subject: str, body: str, attachments: Sequence[Any] = ()
) -> None:
    """The body of the ``mail_outside`` job; raises when the mail server fails (retried)."""
    message = EmailMessage(_shorten(subject), body, settings.DEFAULT_FROM_EMAIL, list(to))
    for name, content, mimetype in attachments:
        message.attach(name, base64.b64decode(content), mimetype)
    try:
        message.send()
    except Exception:
        logger.exception("notifications: e-mail to %s (%r) failed", list(to), subject)
        raise


def mail_outside(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    """Mails someone outside the platform (a donor, a partner abroad): no inbox row. A job
    enqueued in the caller's transaction sends it once that commits; a failing mail server
    is logged and the job retried, never raised to the caller.
    ``attachments``: (file name, content, MIME type)."""
    from apps.jobs import defer_for_city
    from apps.notifications.tasks import mail_outside_job

    addresses = [address for address in to if address]
    if not addresses:
        return
    encoded = [
        [name, base64.b64encode(content).decode("ascii"), mimetype] for name, content, mimetype in attachments
    ]
    defer_for_city(
        mail_outside_job,
        connection.schema_name,
        to=addresses,
        subject=subject,
        body=body,
        attachments=encoded,
    )


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    subject: Text,
    body: Text,
    url: str = "",
    about: models.Model | tuple[str, str | int] | None = None,
    dedupe_key: str = "",
) -> list[Notification]:
    """Puts one notification in each recipient's inbox and mails those with an address.

    Runs in the caller's transaction (the current city's schema). With a ``dedupe_key``,
    a recipient who already has a notification with that key gets nothing new: the
    returned list holds only the notifications written now, and only those are mailed.
    """
    url = _check_url(url)
    subject_type, subject_id = _about(about)
    (subject, subject_en), (body, body_en) = _texts(subject), _texts(body)
    subject, subject_en = _shorten(subject), _shorten(subject_en)
    people = {user.pk: user for user in recipients}
    created: list[Notification] = []
    with transaction.atomic():
        already = set()
        if dedupe_key:
            already = set(
                Notification.objects.filter(recipient__in=list(people), dedupe_key=dedupe_key).values_list(
                    "recipient_id", flat=True
                )
            )
        for user in people.values():
            if user.pk in already:
                continue
            try:
                with transaction.atomic():  # a concurrent run may have written the same key
                    created.append(
                        Notification.objects.create(
                            recipient=user,
                            kind=kind,
                            subject=subject,
                            body=body,
                            subject_en=subject_en,
                            body_en=body_en,
                            url=url,
                            subject_type=subject_type,
                            subject_id=subject_id,
                            dedupe_key=dedupe_key,
                        )
                    )
            except IntegrityError:
                if not dedupe_key:
                    raise
        mailed = [note for note in created if note.recipient.email]
        if mailed:
            from apps.jobs import defer_for_city
            from apps.notifications.tasks import notification_email

            for note in mailed:
                defer_for_city(notification_email, connection.schema_name, notification=note.pk)
    return created


def _email_body(body: str, link: str) -> str:
    return f"{body}\n\n{link}\n" if link else body


def mark_done(*, about: models.Model | tuple[str, str | int], kind: str) -> int:
    """Marks the notifications of ``kind`` about ``about`` done (and read) for everyone:
    what they asked for is nobody's to do any more (e.g. a case left the step they
    announced). Runs in the caller's transaction. Returns how many changed."""
    subject_type, subject_id = _about(about)
    now = timezone.now()
    pending = Notification.objects.filter(
        kind=kind, subject_type=subject_type, subject_id=subject_id, done_at__isnull=True
    )
    return pending.update(done_at=now, read_at=Coalesce("read_at", Value(now)))


def mark_read(*, actor: User, ids: Iterable[int] | None = None) -> int:
    """Marks the actor's own unread notifications read (all of them, or those in ``ids``).

    Ids of other users' notifications are ignored. Returns how many changed.
    """
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    with transaction.atomic():
        return unread.update(read_at=timezone.now())
