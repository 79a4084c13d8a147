"""What happens to a donation when its case moves (called by the casework engine in its
transaction): the acceptance date and the province's figures."""

from __future__ import annotations

from django.utils import timezone

from apps.donations.models import Donation


def after_transition(*, case, transition, from_state, actor) -> None:
    if case.state == "accepted" and from_state in ("in_review", "escalated"):
        donation = Donation.for_case(case)
        today = timezone.localdate()
        Donation.objects.filter(pk=donation.pk).update(accepted_on=today)
        count_accepted(donation, today)
    elif case.state == "completed":
        from apps.reporting import figures

        figures.count(metric="donations.use_completed", on=timezone.localdate())


def count_accepted(donation: Donation, on) -> None:
    """Keeps the province's figures current (``DonationsModule.figures``)."""
    from apps.reporting import figures

    yuan = int((donation.value_cny or 0).to_integral_value())
    figures.count(metric="donations.accepted", on=on)
    figures.count(metric="donations.value_cny", on=on, by=yuan)
    figures.count(metric="donations.by_country", key=donation.donor.country, on=on)
    figures.count(metric="donations.cny_by_country", key=donation.donor.country, on=on, by=yuan)
    figures.count(metric="donations.cny_by_currency", key=donation.currency, on=on, by=yuan)
    figures.count(metric="donations.by_kind", key=donation.kind, on=on)
