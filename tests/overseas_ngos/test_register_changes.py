"""The register is kept up to date: an organisation's facts are edited (one audit row with
what changed), and a deregistration is recorded with its date and reason; a deregistered
organisation keeps its history, takes no new filings, leaves the annual cycle and is not
edited. Web and API; bad input is a field error and changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.audit.models import AuditEntry
from apps.overseas_ngos import selectors, services
from apps.overseas_ngos.models import Organisation
from tests.conftest import in_city
from tests.overseas_ngos.helpers import TODAY, filing_data, office, people


def facts(organisation: Organisation, **changes) -> dict:
    data = {field: getattr(organisation, field) for field in services.ORGANISATION_FIELDS}
    data.update(changes)
    return data


def test_editing_changes_the_facts_with_one_audit_row_of_what_changed(db):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
        services.update_organisation(
            actor=users["clerk"],
            organisation=organisation,
            data=facts(organisation, chief_representative="Ola Berg"),
        )
        organisation.refresh_from_db()
        assert organisation.chief_representative == "Ola Berg"
        row = AuditEntry.objects.get(action="overseas_ngos.update", object_id=str(organisation.pk))
        assert row.before == {"chief_representative": "Ingrid Larsen"}
        assert row.after == {"chief_representative": "Ola Berg"}
        assert "ola berg" in organisation.search_text


def test_an_edit_cannot_take_another_organisations_registration_number(db):
    with in_city("lanzhou"):
        users = people()
        first = office(users)
        second = office(users, number="甘境代登字2025第001号", name_zh="德国合作机构代表处")
        with pytest.raises(ValidationError) as refused:
            services.update_organisation(
                actor=users["clerk"],
                organisation=second,
                data=facts(second, registration_number=first.registration_number),
            )
        assert "registration_number" in refused.value.message_dict
        second.refresh_from_db()
        assert second.registration_number == "甘境代登字2025第001号"


def test_a_deregistered_organisation_keeps_its_history_takes_no_filing_and_leaves_the_cycle(db):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
        assert organisation in selectors.active_organisations()
        services.deregister_organisation(
            actor=users["clerk"],
            organisation=organisation,
            data={"deregistered_on": TODAY, "reason": "代表处撤销"},
        )
        organisation.refresh_from_db()
        assert (organisation.status, organisation.deregistered_on) == ("deregistered", TODAY)
        assert organisation not in selectors.active_organisations()
        assert all(row.organisation != organisation for row in selectors.current_cycle(users["clerk"], TODAY))
        with pytest.raises(ValidationError):
            services.create_filing(actor=users["clerk"], data=filing_data(organisation, users))
        with pytest.raises(ValidationError):
            services.update_organisation(
                actor=users["clerk"], organisation=organisation, data=facts(organisation)
            )
        with pytest.raises(ValidationError):
            services.deregister_organisation(
                actor=users["clerk"],
                organisation=organisation,
                data={"deregistered_on": TODAY, "reason": "again"},
            )
        assert AuditEntry.objects.filter(action="overseas_ngos.deregister").count() == 1


@pytest.mark.parametrize(
    "data, field",
    [
        ({"deregistered_on": TODAY + datetime.timedelta(days=1), "reason": "x"}, "deregistered_on"),
        ({"deregistered_on": datetime.date(2000, 1, 1), "reason": "x"}, "deregistered_on"),
        ({"deregistered_on": TODAY, "reason": "  "}, "reason"),
    ],
)
def test_a_bad_deregistration_is_refused_and_changes_nothing(db, data, field):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
        with pytest.raises(ValidationError) as refused:
            services.deregister_organisation(actor=users["clerk"], organisation=organisation, data=data)
        assert field in refused.value.message_dict
        organisation.refresh_from_db()
        assert organisation.status == "active"


def test_the_pages_edit_and_deregister_in_chinese_with_errors_under_their_field(db, client_for):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
    clerk = client_for("lanzhou", users["clerk"])
    page = clerk.get(f"/overseas_ngos/organisations/{organisation.pk}/").content.decode()
    assert "编辑" in page and "登记注销" in page
    edit = f"/overseas_ngos/organisations/{organisation.pk}/edit/"
    form = clerk.get(edit)
    assert form.status_code == 200 and "Ingrid Larsen" in form.content.decode()
    posted = facts(
        organisation, chief_representative="", registered_on=organisation.registered_on.isoformat()
    )
    refused = clerk.post(edit, posted)
    assert refused.status_code == 400 and "请填写首席代表" in refused.content.decode()
    posted["chief_representative"] = "Ola Berg"
    assert clerk.post(edit, posted).status_code == 302
    deregister = f"/overseas_ngos/organisations/{organisation.pk}/deregister/"
    empty = clerk.post(deregister, {"deregistered_on": TODAY.isoformat(), "reason": ""})
    assert empty.status_code == 400
    assert (
        clerk.post(deregister, {"deregistered_on": TODAY.isoformat(), "reason": "代表处撤销"}).status_code
        == 302
    )
    page = clerk.get(f"/overseas_ngos/organisations/{organisation.pk}/").content.decode()
    assert "已注销" in page and "代表处撤销" in page
    assert clerk.get(edit).status_code == 404
    auditor = client_for("lanzhou", users["auditor"])
    assert auditor.post(deregister, {"deregistered_on": TODAY.isoformat(), "reason": "x"}).status_code == 403


def test_the_api_edits_and_deregisters_and_another_city_gets_nothing(db, client_for, city_user):
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
    api = client_for("lanzhou", users["clerk"])
    url = f"/api/v1/overseas_ngos/organisations/{organisation.pk}/"
    body = {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in facts(organisation).items()}
    body["scope"] = "环境教育、青少年交流"
    assert api.put(url, body, content_type="application/json").json()["scope"] == "环境教育、青少年交流"
    bad = api.post(
        url + "deregister/", {"deregistered_on": "2999-01-01", "reason": "x"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "deregistered_on" in bad.json()["fields"]
    done = api.post(
        url + "deregister/",
        {"deregistered_on": TODAY.isoformat(), "reason": "撤销"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "deregistered"
    stranger = city_user("hangzhou", username="hz_ngo_clerk", role="clerk")
    other = client_for("hangzhou", stranger)
    assert other.post(url + "deregister/", {}).status_code == 404  # the module is off there


def test_the_organisations_own_forms_do_not_show_its_id_as_a_field(db, client_for):
    # The record's forms showed "代表机构* [1]": a raw id in a text box.
    with in_city("lanzhou"):
        users = people()
        organisation = office(users)
    page = client_for("lanzhou", users["clerk"]).get(f"/overseas_ngos/organisations/{organisation.pk}/")
    html = page.content.decode()
    assert f'<input type="hidden" name="organisation" value="{organisation.pk}"' in html
    assert 'type="number" name="organisation"' not in html and 'type="text" name="organisation"' not in html
    assert 'for="id_organisation"' not in html  # no label for it either
