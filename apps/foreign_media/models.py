"""Foreign journalists and media (外国记者采访): interview requests as cases - the outlet (a
partner of kind "media" in the kernel's register), the journalist and their press card, the
topic, whom they want to meet and when; the interviewee's unit's consent, the office's
decision, the arrangement, and what was published afterwards - and the register of the
accredited journalists who visit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.casework.records import CaseRecord
from apps.registry.i18n import choices_of

PRESS_CARDS = {
    "resident": {"zh": "常驻外国记者证", "en": "Resident foreign correspondent's card"},
    "short_term": {"zh": "短期采访（J2签证）", "en": "Short-term reporting (J2 visa)"},
    "hk_macao": {"zh": "港澳记者采访证", "en": "Hong Kong or Macao journalist's permit"},
}
INTERVIEW_KINDS = {
    "in_person": {"zh": "当面采访", "en": "In person"},
    "phone": {"zh": "电话或视频采访", "en": "By telephone or video"},
    "written": {"zh": "书面采访", "en": "Written questions"},
    "filming": {"zh": "拍摄采访", "en": "Filming"},
}
TONES = {
    "positive": {"zh": "正面", "en": "Positive"},
    "neutral": {"zh": "中性", "en": "Neutral"},
    "mixed": {"zh": "褒贬兼有", "en": "Mixed"},
    "negative": {"zh": "负面", "en": "Negative"},
}


class Journalist(models.Model):
    """An accredited journalist in the office's register, by press card."""

    outlet = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "partners.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name_latin = models.CharField(_("name as in passport"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=50, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2)
    press_card_kind = models.CharField(_("press card"), max_length=16, choices=choices_of(PRESS_CARDS))
    press_card_number = models.CharField(_("press card No."), max_length=40, unique=True)
    accredited_until = models.DateField(_("accredited until"), null=True, blank=True)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_latin", "pk"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")

    def __str__(self) -> str:
        return f"{self.name_latin} {self.name_zh}".strip()

    def refresh_search_text(self) -> None:
        words = [
            self.name_latin,
            self.name_zh,
            self.press_card_number,
            self.outlet.name_zh,
            self.outlet.name_en,
        ]
        self.search_text = " ".join(w for w in words if w).lower()
        Journalist.objects.filter(pk=self.pk).update(search_text=self.search_text)


class InterviewRequest(CaseRecord):
    """``unit_code`` is the interviewee's unit: its submitter answers the consent."""

    workflow_id = "foreign_media.interview"

    outlet = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    journalist = models.ForeignKey(Journalist, on_delete=models.PROTECT, related_name="interviews")
    topic = models.CharField(_("topic"), max_length=300)
    interviewees = models.CharField(_("whom they want to meet"), max_length=300)
    kind = models.CharField(_("kind of interview"), max_length=16, choices=choices_of(INTERVIEW_KINDS))
    start = models.DateField(_("from"), db_index=True)
    end = models.DateField(_("to"))
    questions = models.TextField(_("questions or outline"), blank=True)
    # The interviewee's unit's answer.
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    # The arrangement.
    escort = models.CharField(_("escort"), max_length=100, blank=True)
    interpreter = models.CharField(_("interpreter"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    held_on = models.DateField(_("interview date"), null=True, blank=True)

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("interview request")
        verbose_name_plural = _("interview requests")

    def search_words(self) -> list[str]:
        j = self.journalist
        return [
            self.title,
            self.topic,
            j.name_latin,
            j.name_zh,
            j.press_card_number,
            self.outlet.name_zh,
            self.outlet.name_en,
            self.interviewees,
        ]


class Article(models.Model):
    """What was published after an interview: the link, the date, the tone noted."""

    interview = models.ForeignKey(InterviewRequest, on_delete=models.CASCADE, related_name="articles")
    title = models.CharField(_("headline"), max_length=300)
    url = models.URLField(_("link"), max_length=500)
    published_on = models.DateField(_("published on"))
    tone = models.CharField(_("tone"), max_length=16, choices=choices_of(TONES))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["interview", "url"], name="media_article_once")]

    def __str__(self) -> str:
        return self.title
