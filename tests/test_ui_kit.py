"""The UI kit: every page on Bootstrap served by the platform itself (no CDN, no external
URL in any template), form errors under their field and summarised on top, ISO dates in
date inputs whatever the language, the kit's partials."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from apps.registry.widgets import DateInput
from tests.conftest import in_city
from tests.trips.helpers import people, trip_data

ROOT = Path(__file__).resolve().parent.parent
CITIES = ["guangzhou", "guiyang", "quzhou", "hangzhou", "lanzhou"]
BOOTSTRAP = '<link rel="stylesheet" href="/static/vendor/bootstrap/bootstrap.min.css">'


def templates() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.html")
        if "templates" in path.parts and ".venv" not in path.parts and "staticfiles" not in path.parts
    ]


def test_no_template_loads_anything_from_another_site():
    external = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
    offending = [str(path.relative_to(ROOT)) for path in templates() if external.search(path.read_text())]
    assert templates() and offending == []


def test_the_vendored_files_the_base_page_names_are_there():
    base = (ROOT / "platform" / "templates" / "base.html").read_text()
    named = re.findall(r"\{% static '([^']+)' %\}", base)
    assert "vendor/bootstrap/bootstrap.min.css" in named
    missing = [name for name in named if not (ROOT / "platform" / "static" / name).is_file()]
    assert missing == []


@pytest.mark.parametrize("code", CITIES)
def test_every_city_page_is_on_bootstrap_from_the_platforms_own_static_path(code, client_for):
    with in_city(code):
        users = people()
    client = client_for(code, users["clerk"])
    for path in ["/", "/trips/", "/trips/new/", "/trips/calendar/", "/trips/overdue/", "/inbox/"]:
        page = client.get(path).content.decode()
        assert BOOTSTRAP in page, path
        assert '<script src="/static/kit/kit.js" defer></script>' in page, path
        assert '<nav aria-label="' in page and 'class="breadcrumb' in page, path  # breadcrumbs
        assert re.search(r"<h1[^>]*>\s*\S", page), path  # a page title
        assert "<script>" not in page, path  # no inline script (CSP-friendly)
    front = client_for(code).get("/").content.decode()
    assert BOOTSTRAP in front


def test_a_form_error_is_under_its_field_and_in_the_summary_on_top(client_for):
    with in_city("hangzhou"):
        users = people()
    client = client_for("hangzhou", users["clerk"])

    response = client.post(
        "/trips/new/", {"title": "", "members-TOTAL_FORMS": "0", "destinations-TOTAL_FORMS": "0"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    # the input is marked invalid and its message follows it
    field = re.search(r'<input[^>]*name="title"[^>]*>', page).group(0)
    assert "is-invalid" in field and 'aria-invalid="true"' in field
    after = page[page.index(field) + len(field) :]
    assert re.match(r'\s*<div id="id_title_error" class="invalid-feedback">', after)
    # the summary on top links to the field
    summary = page[page.index('class="alert alert-danger form-errors"') :]
    assert summary.index('href="#id_title"') < summary.index(field)


def test_editing_a_saved_delegation_in_chinese_shows_iso_dates(client_for):
    with in_city("hangzhou"):
        users = people()
        from apps.trips import services

        delegation = services.create_delegation(
            actor=users["clerk"], data=trip_data(start=datetime.date(2027, 2, 22))
        )
    client = client_for("hangzhou", users["clerk"])

    page = client.get(f"/trips/{delegation.pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert '<html lang="zh-hans">' in page
    assert re.search(r'<input type="date" name="departure" value="2027-02-22"', page)
    assert re.search(r'name="destinations-0-arrive" value="2027-02-22"', page)
    assert re.search(r'name="members-0-birth_date" value="1975-03-01"', page)
    assert "2027/02/22" not in page and "2027年2月22日" not in page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_kernel_date_input_renders_iso_in_every_language(language):
    with translation.override(language):
        html = DateInput().render("day", datetime.date(2027, 2, 22))
    assert 'type="date"' in html and 'value="2027-02-22"' in html


def render(template: str, **context) -> str:
    request = RequestFactory().get("/trips/", {"q": "大阪", "page": "2"})
    return render_to_string(template, context, request=request)


def test_the_pager_keeps_the_filters():
    page = Paginator(list(range(100)), 30).get_page(2)
    html = render("kit/pager.html", page=page)
    assert 'href="?q=%E5%A4%A7%E9%98%AA&amp;page=1"' in html
    assert 'href="?q=%E5%A4%A7%E9%98%AA&amp;page=3"' in html


def test_the_list_renders_cells_and_an_empty_state():
    rows = [["a", {"text": "b", "url": "/b/"}, {"text": "c", "attrs": {"data-state": "draft"}}]]
    html = render("kit/list.html", columns=["A", "B", "C"], rows=rows)
    assert '<th scope="col">A</th>' in html and '<a href="/b/">b</a>' in html
    assert 'data-state="draft">c</td>' in html
    empty = render("kit/list.html", columns=["A"], rows=[], empty="Nothing here.")
    assert "Nothing here." in empty and 'colspan="1"' in empty


def test_actions_post_with_csrf_a_comment_when_needed_and_a_confirmation():
    from apps.registry.templatetags.kit import kit_actions

    actions = kit_actions([("approve", "同意", False), ("reject", "不同意", True)])
    html = render("kit/actions.html", actions=actions, url="/trips/1/act/", version=3)
    assert html.count('method="post" action="/trips/1/act/"') == 2
    assert html.count('name="version" value="3"') == 2
    assert 'name="comment" rows="2" required' in html  # reject needs a comment
    assert 'data-action="reject" data-confirm=' in html and 'data-action="approve" data-confirm' not in html


def test_the_chart_is_a_data_island_and_no_script():
    html = render(
        "kit/chart.html", chart_id="c1", chart={"kind": "bar", "title": "T", "labels": ["a"], "series": []}
    )
    assert 'data-kit-chart="c1-data"' in html
    assert '<script id="c1-data" type="application/json">' in html
    assert "<script>" not in html
