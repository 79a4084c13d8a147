"""Bad input never reaches a 500 on the media, Honorary Residents and friendship
association pages and APIs: garbage query strings on lists and registers, malformed bodies
on every action endpoint (web and API)."""

from __future__ import annotations

import pytest

from tests.conftest import in_city
from tests.foreign_media.helpers import InterviewFactory
from tests.foreign_media.helpers import people as media_people
from tests.honorary_residents.helpers import NominationFactory
from tests.honorary_residents.helpers import people as hr_people
from tests.test_bad_input_never_500 import BODIES, GARBAGE

PAGES = [
    "/foreign_media/",
    "/foreign_media/journalists/",
    "/api/v1/foreign_media/interviews/",
    "/api/v1/foreign_media/journalists/",
    "/honorary_residents/",
    "/honorary_residents/register/",
    "/api/v1/honorary_residents/nominations/",
    "/api/v1/honorary_residents/register/",
    "/friendship/",
    "/friendship/council/",
    "/api/v1/friendship/activities/",
    "/api/v1/friendship/council/",
]


@pytest.mark.parametrize("query", GARBAGE)
def test_garbage_query_strings_never_answer_500(db, client_for, query):
    with in_city("guangzhou"):
        clerk = hr_people()["clerk"]
    client = client_for("guangzhou", clerk)
    for page in PAGES:
        assert client.get(page + query).status_code < 500, page + query


def test_malformed_action_posts_never_answer_500(db, client_for):
    with in_city("guangzhou"):
        users = media_people()
        interview = InterviewFactory(users=users, approved=True)
        nomination = NominationFactory(users=hr_people(), approved=True)
    client = client_for("guangzhou", users["clerk"])
    urls = [
        f"/api/v1/foreign_media/interviews/{interview.pk}/{name}/"
        for name in ("arrange", "record_article", "complete", "consent", "request_consent", "approve")
    ]
    urls += [
        f"/api/v1/honorary_residents/nominations/{nomination.pk}/{name}/"
        for name in (
            "record_decision",
            "record_refusal",
            "issue_certificate",
            "record_visit",
            "update_contacts",
        )
    ]
    urls += [
        "/api/v1/foreign_media/interviews/",
        "/api/v1/foreign_media/journalists/",
        "/api/v1/foreign_media/journalists/outlet/",
        "/api/v1/honorary_residents/nominations/",
        "/api/v1/friendship/activities/",
        "/api/v1/friendship/council/",
    ]
    for url in urls:
        for body in BODIES:
            answer = client.post(url, body, content_type="application/json")
            assert answer.status_code < 500, (url, body, answer.content[:300])
    pages = [
        f"/foreign_media/{interview.pk}/actions/arrange/",
        f"/foreign_media/{interview.pk}/actions/nosuch/",
        f"/honorary_residents/{nomination.pk}/actions/record_decision/",
        "/foreign_media/new/",
        "/foreign_media/journalists/new/",
        "/foreign_media/outlets/new/",
        "/friendship/new/",
        "/friendship/council/new/",
    ]
    for url in pages:
        for data in [{"version": "abc"}, {"action": "nosuch"}, {"held_on": "99-99-99", "version": "999"}, {}]:
            assert client.post(url, data).status_code < 500, (url, data)
