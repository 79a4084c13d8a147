"""Consulates: postings and their terms (no overlap at the same post), the liaison log with
answers due by a deadline and reminded, national days, the jurisdiction read through the
kernel; API, pages, bad input and another city's ids."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from apps.audit.models import AuditEntry
from apps.consulates import reminders, services
from apps.consulates.models import LiaisonEntry, Posting
from apps.partners import selectors as partner_selectors
from apps.partners import services as partners
from apps.partners.models import Person
from apps.reporting.models import MonthlyFigure
from tests.conftest import in_city
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        clerk = UserFactory(username="hz_c_clerk", role="clerk")
        consulate = partners.create_partner(
            actor=clerk,
            kind="consulate",
            name_zh="德国驻上海总领事馆",
            name_en="Consulate General of Germany",
            country="DE",
        )
    return clerk, consulate


def posting(consulate, start, end=None, name="Anna Schulz", post="consul_general") -> dict:
    return {
        "partner": consulate.pk,
        "name_latin": name,
        "name_zh": "",
        "post": post,
        "term_start": start,
        "term_end": end,
    }


def test_a_consul_whose_term_overlaps_another_at_the_same_post_is_refused_and_nothing_is_saved(hangzhou):
    clerk, consulate = hangzhou
    with in_city("hangzhou"):
        services.add_posting(
            actor=clerk, data=posting(consulate, datetime.date(2020, 9, 1), datetime.date(2023, 8, 31))
        )
        people, audit_rows = Person.objects.count(), AuditEntry.objects.count()

        with pytest.raises(ValidationError) as error:
            services.add_posting(
                actor=clerk, data=posting(consulate, datetime.date(2023, 8, 1), name="Max Weber")
            )

        assert (
            "term_start" in error.value.message_dict
            and "Anna Schulz" in error.value.message_dict["term_start"][0]
        )
        assert (Person.objects.count(), AuditEntry.objects.count(), Posting.objects.count()) == (
            people,
            audit_rows,
            1,
        )
        # The next consul starts the day after; a consul (not the head of post) may serve alongside.
        services.add_posting(
            actor=clerk, data=posting(consulate, datetime.date(2023, 9, 1), name="Max Weber")
        )
        services.add_posting(
            actor=clerk, data=posting(consulate, datetime.date(2021, 1, 1), name="Lena Fuchs", post="consul")
        )
        assert Posting.objects.count() == 3
        assert [p.name_latin for p in partner_selectors.people_over_time(consulate)][:1] == ["Max Weber"]


def test_a_note_verbale_answered_before_its_deadline_closes_the_follow_up(hangzhou):
    clerk, consulate = hangzhou
    with in_city("hangzhou"):
        entry = services.add_liaison(
            actor=clerk,
            data={
                "partner": consulate.pk,
                "kind": "note_verbale",
                "date": TODAY - datetime.timedelta(days=3),
                "subject": "关于总领事拜会的照会",
                "reference": "No. 12/2026",
                "deadline": TODAY + datetime.timedelta(days=2),
            },
        )
        assert [link.title for link in partner_selectors.open_follow_ups(consulate)] == [
            "照会：关于总领事拜会的照会"
        ]
        assert [r.kind for r in reminders.due_reminders(TODAY)] == ["consulates.answer_due"]

        with pytest.raises(ValidationError):  # before the note came
            services.answer(
                actor=clerk, entry=entry, data={"answered_on": TODAY - datetime.timedelta(days=9)}
            )
        services.answer(
            actor=clerk, entry=entry, data={"answered_on": TODAY, "answer_reference": "外办复〔2026〕3号"}
        )

        assert not partner_selectors.open_follow_ups(consulate).exists()
        assert reminders.due_reminders(TODAY) == []
        assert AuditEntry.objects.get(action="consulates.answer").after["in_time"] is True
        with pytest.raises(ValidationError):  # answered once
            services.answer(actor=clerk, entry=entry, data={"answered_on": TODAY})


def test_an_overdue_note_is_counted_for_the_province(hangzhou):
    clerk, consulate = hangzhou
    with in_city("hangzhou"):
        services.add_liaison(
            actor=clerk,
            data={
                "partner": consulate.pk,
                "kind": "request",
                "date": TODAY - datetime.timedelta(days=9),
                "subject": "请求协助",
                "deadline": TODAY - datetime.timedelta(days=1),
            },
        )
        reminders.due_reminders(TODAY)
        assert MonthlyFigure.objects.get(metric="consulates.overdue").value == 1


def test_the_jurisdiction_is_read_through_the_kernel(hangzhou):
    clerk, consulate = hangzhou
    with in_city("hangzhou"):
        partners.set_jurisdiction(actor=clerk, country="DE", partner=consulate)
        assert partner_selectors.consulate_for("DE") == consulate
        assert partner_selectors.consulate_for("FR") is None


def test_the_api_and_pages(hangzhou, client_for):
    clerk, consulate = hangzhou
    client = client_for("hangzhou", clerk)
    bad = client.post(
        "/api/v1/consulates/postings/",
        json.dumps({"partner": consulate.pk, "name_latin": "", "post": "king", "term_start": "x"}),
        content_type="application/json",
    )
    made = client.post(
        "/api/v1/consulates/liaison/",
        json.dumps(
            {
                "partner": consulate.pk,
                "kind": "note_verbale",
                "date": str(TODAY),
                "subject": "照会",
                "deadline": str(TODAY + datetime.timedelta(days=5)),
            }
        ),
        content_type="application/json",
    )
    answered = client.post(
        f"/api/v1/consulates/liaison/{made.json()['id']}/answer/",
        json.dumps({"answered_on": str(TODAY)}),
        content_type="application/json",
    )
    page = client.post(
        "/consulates/",
        {
            "partner": consulate.pk,
            "name_latin": "A",
            "post": "consul_general",
            "term_start": "2026-01-01",
            "term_end": "2025-01-01",
        },
    )
    liaison = client.get("/consulates/liaison/").content.decode()

    assert bad.status_code == 400 and {"name_latin", "post", "term_start"} <= set(bad.json()["fields"])
    assert made.status_code == 201 and answered.status_code == 200
    assert page.status_code == 400 and "截止日期不能早于起始日期" in page.content.decode()
    assert "联络记录" in liaison and "照会" in liaison


def test_another_citys_entries_are_not_found(hangzhou, city_user, client_for):
    clerk, consulate = hangzhou
    with in_city("hangzhou"):
        entry = services.add_liaison(
            actor=clerk,
            data={
                "partner": consulate.pk,
                "kind": "request",
                "date": TODAY,
                "subject": "HZ-ONLY",
                "deadline": TODAY,
            },
        )
    with in_city("guangzhou"):
        assert not LiaisonEntry.objects.filter(pk=entry.pk).exists()
    gz = client_for("guangzhou", city_user("guangzhou", username="gz_c_clerk", role="clerk"))
    assert (
        gz.post(f"/api/v1/consulates/liaison/{entry.pk}/answer/", {"answered_on": str(TODAY)}).status_code
        == 404
    )
    assert gz.get(f"/api/v1/consulates/liaison/{entry.pk}/").status_code == 404
    assert gz.post(f"/consulates/liaison/{entry.pk}/answer/", {"answered_on": str(TODAY)}).status_code == 404
    assert "HZ-ONLY" not in gz.get("/consulates/liaison/").content.decode()
