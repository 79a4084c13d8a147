"""The secretariat's background job: a notice mailed to members' contact persons."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.jobs import city_task


@city_task(name="brlc.deliver_notice", label=_("Notice mailed to BRLC members"))
def deliver_notice(*, notice: int) -> None:
    from apps.brlc.services import deliver_pending

    deliver_pending(notice)
