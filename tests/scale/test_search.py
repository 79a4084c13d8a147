"""The one list search (apps/registry/search.py): every module's search column is indexed
on its two- and three-character pieces, the search finds words, two-character Chinese names and Latin
names in any case, and the database answers it from the index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import connection

from apps.partners import selectors as partner_selectors
from apps.partners import services as partner_services
from apps.registry import search
from apps.trips import selectors as trip_selectors
from tests.conftest import in_city
from tests.factories import UserFactory
from tests.trips.helpers import member, people, trip_data

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
SEARCHABLE = search.searchable_models()


def test_every_module_with_a_list_search_has_a_search_column():
    labels = {model._meta.app_label for model in SEARCHABLE}
    assert {"trips", "invitations", "partners", "receptions", "donations", "brlc"} <= labels


def test_no_module_searches_its_column_around_the_helper():
    offenders = []
    for path in (REPO / "apps").rglob("*.py"):
        if "migrations" in path.parts or path.name == "search.py":
            continue
        if re.search(r"search_text__(i?contains|icontains)", path.read_text()):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


@pytest.mark.parametrize("model", SEARCHABLE, ids=lambda model: model._meta.label)
def test_the_search_column_has_its_pieces_index_and_the_search_uses_it(model):
    name = search.index_name(model)
    with in_city("hangzhou"):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'hangzhou' AND indexname = %s", [name]
            )
            (definition,) = cursor.fetchone()
            assert re.search(r"USING gin \(waiban_grams\(\(?search_text\)?(::text)?\)\)", definition)
            cursor.execute("SET LOCAL enable_seqscan = off")
        # Unordered: a module's ordering index would otherwise win on the tests' small tables.
        plan = search.matching(model.objects.order_by(), "王伟").explain()
    assert f"Bitmap Index Scan on {name}" in plan, plan


def test_the_helper_finds_a_word_a_two_character_name_and_a_latin_name_in_any_case():
    with in_city("hangzhou"):
        users = people()
        from apps.trips import services

        wang = services.create_delegation(
            actor=users["clerk"],
            data=trip_data(title="赴德国经贸考察", members=[member("王伟"), member("Zhang Wei")]),
        )
        other = services.create_delegation(
            actor=users["clerk"], data=trip_data(title="友城交流", members=[member("李娜")])
        )

        def found(q):
            return set(trip_selectors.search(users["clerk"], q=q).values_list("pk", flat=True))

        assert found("王伟") == {wang.pk}
        assert found("经贸") == {wang.pk}  # a word of the title
        assert found("ZHANG wei") == {wang.pk}
        assert found("李娜") == {other.pk}
        assert found("王娜") == set()  # both pieces somewhere is not enough: the text itself
        assert found("") == {wang.pk, other.pk}


def test_a_module_outside_casework_searches_through_the_helper_too():
    with in_city("hangzhou"):
        clerk = UserFactory(role="clerk")
        hamburg = partner_services.create_partner(
            actor=clerk, kind="city", name_zh="汉堡", name_en="Hamburg", country="DE", place="Hamburg"
        )
        partner_services.add_person(
            actor=clerk, partner=hamburg, name_latin="Peter Tschentscher", name_zh="琛彻"
        )

        assert list(partner_selectors.partners(q="汉堡")) == [hamburg]
        assert list(partner_selectors.partners(q="HAMBURG")) == [hamburg]
        assert list(partner_selectors.partners(q="琛彻")) == [hamburg]
        assert "waiban_grams" in str(partner_selectors.partners(q="琛彻").query)


def test_a_two_character_query_asks_for_itself_a_longer_one_for_its_three_character_pieces():
    assert search.query_pieces("王伟") == ["王伟"]
    assert search.query_pieces("zhang") == ["ang", "han", "zha"]
    assert search.query_pieces("伟") == []


def test_a_one_character_query_still_finds_without_pieces():
    with in_city("hangzhou"):
        users = people()
        from apps.trips import services

        wang = services.create_delegation(actor=users["clerk"], data=trip_data(members=[member("王伟")]))
        query = search.matching(type(wang).objects.all(), "伟")
        assert "waiban_grams" not in str(query.query)
        assert wang in query
