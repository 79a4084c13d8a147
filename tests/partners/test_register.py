"""The register of partners (kernel): partners and people, links to modules' records,
search by name in either script, the partner's history."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.audit.models import AuditEntry
from apps.partners import selectors, services
from apps.partners.models import Partner, PartnerLink
from tests.conftest import in_city
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_partner(actor, **fields) -> Partner:
    values = {"kind": "city", "name_zh": "汉堡", "name_en": "Hamburg", "country": "DE", "place": "Hamburg"}
    values.update(fields)
    return services.create_partner(actor=actor, **values)


def test_a_partner_is_found_by_its_name_in_either_script_and_by_its_people():
    with in_city("hangzhou"):
        clerk = UserFactory(role="clerk")
        hamburg = make_partner(clerk)
        make_partner(clerk, name_zh="里昂", name_en="Lyon", country="FR", place="Lyon")
        services.add_person(actor=clerk, partner=hamburg, name_latin="Peter Tschentscher", name_zh="琛彻")

        assert list(selectors.partners(q="汉堡")) == [hamburg]
        assert list(selectors.partners(q="HAMBURG")) == [hamburg]
        assert list(selectors.partners(q="德国")) == [hamburg]  # the country's name
        assert list(selectors.partners(q="tschentscher")) == [hamburg]
        assert list(selectors.partners(q="琛彻")) == [hamburg]
        assert selectors.partners(q="").count() == 2


def test_a_partner_needs_both_names_a_known_kind_and_a_known_country():
    with in_city("hangzhou"):
        clerk = UserFactory(role="clerk")
        with pytest.raises(ValidationError) as error:
            services.create_partner(actor=clerk, kind="planet", name_zh="", name_en="", country="XX")
        assert set(error.value.message_dict) == {"kind", "name_zh", "name_en", "country"}
        assert Partner.objects.count() == 0


def test_linking_a_partner_twice_to_the_same_record_is_a_clear_error_and_writes_nothing():
    with in_city("hangzhou"):
        clerk = UserFactory(role="clerk")
        hamburg = make_partner(clerk)
        services.link(
            actor=clerk, partner=hamburg, module="trips", record_ref="7", kind="visit_out", title="出访汉堡"
        )
        audit_rows = AuditEntry.objects.count()

        with pytest.raises(ValidationError) as error:
            services.link(
                actor=clerk, partner=hamburg, module="trips", record_ref=7, kind="visit_out", title="again"
            )

        assert "partner" in error.value.message_dict
        assert PartnerLink.objects.count() == 1
        assert AuditEntry.objects.count() == audit_rows


def test_unlink_removes_the_link_and_is_audited_and_unlinking_nothing_is_an_error():
    with in_city("hangzhou"):
        clerk = UserFactory(role="clerk")
        hamburg = make_partner(clerk)
        services.link(
            actor=clerk, partner=hamburg, module="trips", record_ref="7", kind="visit_out", title="出访"
        )
        services.unlink(actor=clerk, partner=hamburg, module="trips", record_ref="7")
        assert PartnerLink.objects.count() == 0
        assert AuditEntry.objects.filter(action="partners.unlink").count() == 1
        with pytest.raises(ValidationError):
            services.unlink(actor=clerk, partner=hamburg, module="trips", record_ref="7")


def test_relink_keeps_one_partner_of_a_kind_per_record():
    with in_city("hangzhou"):
        clerk = UserFactory(role="clerk")
        hamburg, lyon = make_partner(clerk), make_partner(clerk, name_zh="里昂", name_en="Lyon", country="FR")
        services.relink(
            actor=clerk, partner=hamburg, module="invitations", record_ref="3", kind="visit_in", title="来访"
        )
        services.relink(
            actor=clerk, partner=lyon, module="invitations", record_ref="3", kind="visit_in", title="来访"
        )
        assert list(selectors.partners_of_record("invitations", 3)) == [lyon]
        services.relink(
            actor=clerk, partner=None, module="invitations", record_ref="3", kind="visit_in", title=""
        )
        assert not selectors.partners_of_record("invitations", 3).exists()


def test_the_history_shows_links_of_switched_on_modules_only_with_open_follow_ups():
    with in_city("hangzhou"):
        clerk = UserFactory(role="clerk")
        hamburg = make_partner(clerk)
        services.link(
            actor=clerk, partner=hamburg, module="invitations", record_ref="1", kind="visit_in",
            title="汉堡代表团来访", date=datetime.date(2026, 5, 1), follow_up_open=True,
            due=datetime.date(2026, 6, 1),
        )  # fmt: skip
        services.link(
            actor=clerk, partner=hamburg, module="no_such_module", record_ref="1", kind="other", title="x"
        )

        history = selectors.partner_history(hamburg)

        assert [link.title for link in history.links] == ["汉堡代表团来访"]
        assert [link.title for link in history.follow_ups] == ["汉堡代表团来访"]
        assert history.counts == {"visit_in": 1}
        assert history.last_date == datetime.date(2026, 5, 1)
        assert [link.title for link in selectors.search_links("代表团")] == ["汉堡代表团来访"]


def test_contact_details_need_consent_which_is_recorded_and_kept_out_of_the_audit_log():
    with in_city("hangzhou"):
        clerk = UserFactory(role="clerk")
        hamburg = make_partner(clerk)
        with pytest.raises(ValidationError) as error:
            services.add_person(actor=clerk, partner=hamburg, name_latin="A", email="a@example.org")
        assert "contact_consent" in error.value.message_dict

        person = services.add_person(
            actor=clerk, partner=hamburg, name_latin="A", email="a@example.org", contact_consent=True,
            since=datetime.date(2024, 1, 1),
        )  # fmt: skip

        assert person.consent_recorded_by == clerk and person.consent_recorded_at is not None
        row = AuditEntry.objects.get(action="partners.add_person")
        assert "a@example.org" not in str(row.after)
        with pytest.raises(ValidationError) as error:
            services.update_person(actor=clerk, person=person, until=datetime.date(2023, 1, 1))
        assert "until" in error.value.message_dict


def test_partners_are_kept_per_city():
    with in_city("hangzhou"):
        make_partner(UserFactory(role="clerk"))
    with in_city("quzhou"):
        assert not Partner.objects.exists()
