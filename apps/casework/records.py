"""The base of a module's record: the thing a case is about (a delegation, an invitation).

    class Visit(CaseRecord):
        workflow_id = "receptions.visit"
        purpose = models.TextField(...)

gives the record its case (one to one), title, submitting unit, a lower-case search column,
its creation time, and the helpers every list and detail page needs: ``state``,
``state_label``, ``unit_name``, ``workflow``. Reads go through ``Model.objects.visible_to(actor)``
(unit scoping, ``apps.accounts.scoping``) and ``.matching(q)`` (the search column, indexed:
``apps.registry.search``).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.scoping import scope_to_unit
from apps.registry import search as text_search
from apps.registry.i18n import label
from apps.registry.units import unit_label


class CaseRecordQuerySet(models.QuerySet):
    def visible_to(self, actor):
        """What ``actor`` may see: its own unit's records for a unit-bound role."""
        return scope_to_unit(self.select_related("case"), actor)

    def matching(self, q: str):
        """Records whose search column contains ``q``, any case, by its index."""
        return text_search.matching(self, q)

    def in_state(self, *states: str):
        return self.filter(case__state__in=states)


class CaseRecord(models.Model):
    """Abstract: one application travelling through the office as a casework case."""

    workflow_id: ClassVar[str] = ""

    case = models.OneToOneField("casework.Case", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    unit_code = models.CharField(_("submitting unit"), max_length=64, db_index=True)
    unit_kind = models.CharField(_("kind of unit"), max_length=16, blank=True)
    # What the list's search looks in, in lower case: one column, no join (``search_words``).
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @classmethod
    def workflow(cls):
        from apps.casework.workflows import get_workflow

        return get_workflow(cls.workflow_id)

    @classmethod
    def for_case(cls, case):
        return cls.objects.select_related("case").get(case=case)

    @property
    def state(self) -> str:
        return self.case.state

    @property
    def state_label(self) -> str:
        states = self.workflow().states
        return label(states.get(self.case.state, {}), self.case.state)

    @property
    def unit_name(self) -> str:
        return unit_label(self.unit_code)

    @property
    def awaiting_role(self) -> str | None:
        return self.case.current_role if self.case.state == self.workflow().review_state else None

    def search_words(self) -> list[str]:
        """What the search column holds; subclasses add their own (names, numbers)."""
        return [self.title]

    def refresh_search_text(self, save: bool = True) -> None:
        self.search_text = " ".join(word for word in self.search_words() if word).lower()
        if save:
            type(self).objects.filter(pk=self.pk).update(search_text=self.search_text)
