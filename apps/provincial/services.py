"""Writes of the provincial portal: a reviewer's decision on an escalated case.

Escalations and figures come in through the kernel (``apps.reporting``). A decision
switches to the city's schema and runs the casework engine there, in one transaction with
the update of the escalation row.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from apps.audit import services as audit
from apps.casework.workflows import PROVINCE_APPROVE, PROVINCE_REJECT, get_workflow
from apps.reporting.models import EscalatedCase


def decide(*, user, province, escalation: EscalatedCase, approve: bool, comment: str = "") -> EscalatedCase:
    """A provincial reviewer approves or refuses an escalated case of one of its cities."""
    from apps.casework.models import Case
    from apps.casework.services import ProvinceActor, perform

    if escalation.province_id != province.pk:
        raise PermissionDenied(_("This case is not in your province's queue."))
    if escalation.state != EscalatedCase.State.PENDING:
        raise ValidationError(_("This case has already been decided."), code="decided")
    workflow = get_workflow(escalation.workflow)
    kind = PROVINCE_APPROVE if approve else PROVINCE_REJECT
    transition = next(t for t in workflow.transitions if t.kind == kind)
    actor = ProvinceActor(
        username=user.get_username(),
        display_name=str(user),
        province_code=province.code,
        office_name=province.name_zh,
    )
    with transaction.atomic():
        locked = EscalatedCase.objects.select_for_update().get(pk=escalation.pk)
        if locked.state != EscalatedCase.State.PENDING:
            raise ValidationError(_("This case has already been decided."), code="decided")
        if not locked.city.is_active:
            raise ValidationError(
                _("%(city)s is suspended: its cases can be decided once it is reactivated.")
                % {"city": locked.city.name},
                code="city_suspended",
            )
        with tenant_context(locked.city):
            case = Case.objects.get(pk=locked.case_id)
            perform(case=case, name=transition.name, province=actor, comment=comment)
        locked.state = EscalatedCase.State.APPROVED if approve else EscalatedCase.State.REJECTED
        locked.decided_at = timezone.now()
        locked.decided_by = actor.username
        locked.comment = comment
        locked.save()
        # The province's own trail (public schema), beside the city's row on the case.
        audit.record(actor=user, action="province.approve" if approve else "province.reject", obj=locked,
                     after={"province": province.code, "city": locked.city.code, "case": locked.case_id,
                            "workflow": locked.workflow, "comment": comment})  # fmt: skip
    return locked
