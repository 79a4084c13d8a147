"""The trip limits from the profiles, and their overrides."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.trips import limits, services
from apps.trips.models import TravelDocument
from tests.conftest import in_city
from tests.trips.helpers import FAR, member, people, submitted, trip_data, with_letter


def breach_rules(delegation):
    return [breach.rule for breach in services.open_breaches(delegation)]


def test_the_limits_are_the_provinces_with_the_citys_on_top(db, reprofile):
    with in_city("hangzhou"):
        assert limits.effective_limits()["max_members"] == 6  # Zhejiang's
    reprofile("hangzhou", lambda data: data["modules"].update(trips={"max_members": 4}))
    with in_city("hangzhou"):
        assert limits.effective_limits()["max_members"] == 4
        assert limits.effective_limits()["max_countries"] == 3


def test_seven_members_breach_the_delegation_size_and_block_submission(db):
    with in_city("hangzhou"):
        users = people()
        crowd = [member(f"成员{n}", document_number=f"SE12345{n:02d}") for n in range(7)]
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data(members=crowd))

        assert breach_rules(delegation) == ["max_members"]
        with pytest.raises(ValidationError) as refused:
            services.submit(actor=users["clerk"], delegation=with_letter(users, delegation))
        message = refused.value.message_dict["limits"][0]
        assert message.startswith("团组人数") and "max_members" not in message  # named, not coded
        delegation.case.refresh_from_db()
        assert delegation.case.state == "draft"


def test_days_abroad_depend_on_the_number_of_countries_with_extra_days_for_listed_regions(db):
    with in_city("hangzhou"):
        users = people()
        six_days_one_country = services.create_delegation(actor=users["clerk"], data=trip_data(days=6))
        end = FAR + datetime.timedelta(days=5)
        six_days_brazil = services.create_delegation(
            actor=users["clerk"],
            data=trip_data(days=6, destinations=[{"country": "BR", "arrive": FAR, "leave": end}]),
        )
        seven_days_brazil = services.create_delegation(
            actor=users["clerk"],
            data=trip_data(days=7, destinations=[{"country": "BR", "arrive": FAR, "leave": end}]),
        )

        assert breach_rules(six_days_one_country) == ["max_days"]  # 5 days for one country
        assert breach_rules(six_days_brazil) == []  # Latin America: one extra day
        assert breach_rules(seven_days_brazil) == ["max_days"]


def test_an_airside_transit_does_not_count_as_a_country(db):
    with in_city("hangzhou"):
        users = people()
        stops = [
            {"country": code, "arrive": FAR, "leave": FAR, "transit_airside": code == "AE"}
            for code in ("FR", "DE", "IT", "AE")
        ]
        delegation = services.create_delegation(
            actor=users["clerk"], data=trip_data(days=5, destinations=stops)
        )
        assert limits.counted_countries(delegation.destinations.all()) == ["FR", "DE", "IT"]
        assert "max_countries" not in breach_rules(delegation)
        stops[3]["transit_airside"] = False
        four = services.create_delegation(actor=users["clerk"], data=trip_data(days=5, destinations=stops))
        assert "max_countries" in breach_rules(four)


def test_too_little_lead_time_is_a_breach(db):
    with in_city("hangzhou"):
        users = people()
        soon = datetime.date.today() + datetime.timedelta(days=3)
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data(start=soon, days=3))
        assert "min_lead_working_days" in breach_rules(delegation)


def test_a_second_trip_in_the_year_for_the_same_person_is_a_breach(db):
    with in_city("hangzhou"):
        users = people()
        submitted(users)  # 张三's first trip of the year, in review
        second = services.create_delegation(
            actor=users["clerk"], data=trip_data(start=FAR + datetime.timedelta(days=10))
        )
        assert breach_rules(second) == ["max_trips_per_person_per_year"]


def test_an_authorised_role_overrides_a_breach_with_a_justification_and_it_is_counted(db):
    from apps.reporting.models import MonthlyFigure

    with in_city("hangzhou"):
        users = people()
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data(days=6))

        with pytest.raises(PermissionDenied):
            services.override_limit(
                actor=users["clerk"], delegation=delegation, rule="max_days", justification="x"
            )
        with pytest.raises(ValidationError):
            services.override_limit(
                actor=users["director"], delegation=delegation, rule="max_days", justification=" "
            )
        services.override_limit(
            actor=users["division_head"], delegation=delegation, rule="max_days", justification="航班每周一班"
        )
        submitted_delegation = services.submit(
            actor=users["clerk"], delegation=with_letter(users, delegation)
        )
        assert submitted_delegation.case.state == "in_review"

    figure = MonthlyFigure.objects.get(city__code="hangzhou", metric="trips.overrides", key="max_days")
    assert figure.value == 1


def test_a_traveller_with_an_overdue_document_cannot_be_put_on_an_application(db):
    with in_city("hangzhou"):
        users = people()
        TravelDocument.objects.create(
            holder_name="张三",
            holder_birth_date=datetime.date(1975, 3, 1),
            document_type="official_passport",
            number="SE7654321",
            status=TravelDocument.Status.ISSUED,
            due_back=datetime.date.today() - datetime.timedelta(days=31),  # Zhejiang blocks after 30
        )
        delegation = services.create_delegation(actor=users["clerk"], data=trip_data())

        assert breach_rules(delegation) == ["travel_document_overdue"]
        with pytest.raises(ValidationError):
            services.override_limit(
                actor=users["director"],
                delegation=delegation,
                rule="travel_document_overdue",
                justification="急",
            )
        with pytest.raises(ValidationError):
            services.submit(actor=users["clerk"], delegation=with_letter(users, delegation))
