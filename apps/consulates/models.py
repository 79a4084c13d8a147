"""Consulates, diplomatic missions and foreign organisations in the city: who is posted
where and for how long, the liaison log (meetings, requests, notes verbales received and
answered by a deadline), national-day receptions. The consulates themselves (and their
people) are partners of the kernel's register; the consular jurisdiction is the kernel's
(``apps.partners``), so any module can read it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.registry.i18n import choices_of, label

POSTS = {
    "consul_general": {"zh": "总领事", "en": "Consul general"},
    "ambassador": {"zh": "大使", "en": "Ambassador"},
    "head_of_office": {"zh": "代表处首席代表", "en": "Head of office"},
    "deputy_consul_general": {"zh": "副总领事", "en": "Deputy consul general"},
    "consul": {"zh": "领事", "en": "Consul"},
    "honorary_consul": {"zh": "名誉领事", "en": "Honorary consul"},
}
LIAISON_KINDS = {
    "meeting": {"zh": "会见会谈", "en": "Meeting"},
    "request": {"zh": "请求事项", "en": "Request"},
    "note_verbale": {"zh": "照会", "en": "Note verbale"},
    "notice": {"zh": "通报", "en": "Notice"},
    "other": {"zh": "其他", "en": "Other"},
}
RESPONSES = {
    "pending": {"zh": "待定", "en": "Not yet answered"},
    "attending": {"zh": "出席", "en": "Attending"},
    "declined": {"zh": "婉谢", "en": "Declined"},
}


class Posting(models.Model):
    """A person's term at a post of a consulate or mission (the person: the register's)."""

    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("partners.Person", on_delete=models.PROTECT, related_name="+")
    post = models.CharField(_("post"), max_length=32, choices=choices_of(POSTS))
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-term_start", "-pk"]
        indexes = [models.Index(fields=["partner", "post"], name="consulates_posting_post")]

    def __str__(self) -> str:
        return f"{self.person} · {self.post_label}"

    @property
    def post_label(self) -> str:
        return label(POSTS.get(self.post, {}), self.post)


class LiaisonEntry(models.Model):
    """One entry of the liaison log with a consulate, mission or foreign organisation."""

    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of contact"), max_length=16, choices=choices_of(LIAISON_KINDS))
    date = models.DateField(_("date (held or received)"), db_index=True)
    subject = models.CharField(_("subject"), max_length=300)
    reference = models.CharField(_("their reference"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    deadline = models.DateField(_("answer due by"), null=True, blank=True, db_index=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_reference = models.CharField(_("our reference"), max_length=100, blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("liaison entry")

    def __str__(self) -> str:
        return self.subject

    @property
    def kind_label(self) -> str:
        return label(LIAISON_KINDS.get(self.kind, {}), self.kind)

    @property
    def awaiting_answer(self) -> bool:
        return self.deadline is not None and self.answered_on is None

    def overdue(self, today) -> bool:
        return self.awaiting_answer and self.deadline < today

    @property
    def record_ref(self) -> str:
        return f"liaison:{self.pk}"


class NationalDay(models.Model):
    """A national-day reception a consulate or mission holds, and the office's answer."""

    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date of the reception"), db_index=True)
    title = models.CharField(_("title"), max_length=200)
    invitation_received_on = models.DateField(_("invitation received on"), null=True, blank=True)
    response = models.CharField(
        _("our answer"), max_length=16, choices=choices_of(RESPONSES), default="pending"
    )
    attended_by = models.CharField(_("attended by"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def response_label(self) -> str:
        return label(RESPONSES.get(self.response, {}), self.response)

    @property
    def record_ref(self) -> str:
        return f"national_day:{self.pk}"
