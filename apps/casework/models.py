"""A case (one application travelling through an office) and its history.

The module's own record (a delegation, an invitation, ...) points at its case one to one;
the case holds what every workflow shares: its state, the approval chain fixed when it
was submitted, the current step and the version that guards against two reviewers
acting at once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Case(models.Model):
    workflow = models.CharField(_("workflow"), max_length=64, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=32, db_index=True)
    unit_code = models.CharField(_("submitting unit"), max_length=64, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Fixed at submission from the office profile: the approving roles in order, whether
    # the province decides last, and the facts the chain was resolved for.
    chain = models.JSONField(default=list, blank=True)
    escalate = models.BooleanField(default=False)
    step = models.PositiveSmallIntegerField(default=0)
    facts = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["workflow", "state"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    @property
    def current_role(self) -> str | None:
        """The role whose decision the case awaits, while it is in review."""
        return self.chain[self.step] if self.step < len(self.chain) else None


class CaseEvent(models.Model):
    """One transition of a case: who, when, from which state to which, with what comment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    actor_org = models.CharField(max_length=100, blank=True)  # e.g. the provincial FAO
    transition = models.CharField(max_length=40)
    from_state = models.CharField(max_length=32)
    to_state = models.CharField(max_length=32)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id} {self.transition} {self.from_state}->{self.to_state}"

    # Labels in the active language, for history lists.
    def _workflow(self):
        from apps.casework.workflows import get_workflow

        return get_workflow(self.case.workflow)

    @property
    def action_label(self) -> str:
        from apps.registry.i18n import label

        if self.transition == "open":
            return label({"zh": "创建", "en": "Created"}, "open")
        transition = self._workflow().transition(self.transition)
        return label(transition.labels, self.transition) if transition else self.transition

    @property
    def from_label(self) -> str:
        from apps.registry.i18n import label

        return label(self._workflow().states.get(self.from_state, {}), self.from_state)

    @property
    def to_label(self) -> str:
        from apps.registry.i18n import label

        return label(self._workflow().states.get(self.to_state, {}), self.to_state)

    @property
    def role_label(self) -> str:
        from apps.accounts.roles import role_label

        return role_label(self.actor_role)
