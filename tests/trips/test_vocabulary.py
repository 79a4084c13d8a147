"""No raw codes on pages or in exports: ranks, rules, units, kinds and countries reach
the reader by name, in the reader's language; English labels are capitalised; the
Hong Kong/Macao task document says what it is."""

import io
import re

import pytest
from django.conf import settings
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.trips import services
from tests.conftest import in_city
from tests.trips.helpers import approve_all, issued, member, people, submitted, trip_data

RANK_CODES = ["deputy_department", "deputy_division", ">division<", ">section<"]


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        users = people()
        unit = users["submitter"].unit
        delegation = services.create_delegation(
            actor=users["clerk"],
            data=trip_data(members=[member(rank="deputy_department")], inviter_country="KH",
                           destinations=None),
        )  # fmt: skip
    return users, unit, delegation


def test_the_rank_dropdown_shows_rank_names_in_both_languages(hangzhou, client_for):
    users, _, _ = hangzhou
    chinese = client_for("hangzhou", users["clerk"]).get("/trips/new/").content.decode()
    assert '<option value="deputy_department">副厅（局）级</option>' in chinese
    in_english = english(client_for("hangzhou", users["clerk"])).get("/trips/new/").content.decode()
    assert '<option value="deputy_department">Deputy department level</option>' in in_english
    assert ">Abroad<" in in_english and ">abroad<" not in in_english


def test_the_detail_page_names_ranks_units_and_countries(hangzhou, client_for):
    users, unit, delegation = hangzhou
    for client in (client_for("hangzhou", users["clerk"]), english(client_for("hangzhou", users["clerk"]))):
        page = client.get(f"/trips/{delegation.pk}/").content.decode()
        text = page.split('<main id="main"')[1]
        for code in [*RANK_CODES, unit, "(KH)", "(JP)"]:
            assert code not in text.replace(f'data-unit="{unit}"', ""), code
    chinese = client_for("hangzhou", users["clerk"]).get(f"/trips/{delegation.pk}/").content.decode()
    assert "柬埔寨" in chinese and "副厅（局）级" in chinese
    in_english = english(client_for("hangzhou", users["clerk"])).get(f"/trips/{delegation.pk}/").content
    assert "Cambodia" in in_english.decode()


def test_exports_name_units_and_kinds_not_their_codes(hangzhou, client_for):
    users, unit, _ = hangzhou
    client = client_for("hangzhou", users["clerk"])
    csv_text = client.get("/trips/export.csv").content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(client.get("/trips/export.xlsx").content)).active
    cells = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    for text in (csv_text, cells):
        assert unit not in text and ",abroad," not in text and " abroad " not in text


def test_the_statistics_xlsx_has_no_unit_codes(db, client_for):
    from tests.trips.test_statistics import QUERY, build_half_year

    with in_city("hangzhou"):
        users, first, second = build_half_year()
    book = load_workbook(io.BytesIO(client_for("hangzhou", users["clerk"]).get(
        f"/trips/statistics/export.xlsx?{QUERY}").content))  # fmt: skip
    cells = " ".join(str(cell.value) for row in book.active.iter_rows() for cell in row)
    assert first not in cells and second not in cells


def test_the_public_notice_names_the_countries(db, client_for):
    with in_city("hangzhou"):
        users = people()
        approve_all(users, submitted(users, trip_data(title="公示团组")))
    page = client_for("hangzhou").get("/trips/notices/").content.decode()
    # The code as a word: a random CSRF token may hold the letters "JP" (it once did).
    assert "日本" in page and not re.search(r"\bJP\b", page)


def test_the_hong_kong_task_document_does_not_say_abroad(db):
    from apps.documents.models import Document

    with in_city("hangzhou"):
        users = people()
        import datetime

        start = trip_data()["departure"]
        delegation = issued(
            users,
            trip_data(
                kind="hkmo",
                members=[member(document_type="hkmo_permit", document_number="C12345678")],
                destinations=[
                    {"country": "HK", "arrive": start, "leave": start + datetime.timedelta(days=2)}
                ],
                days=3,
            ),
        )
        pdf = bytes(Document.objects.get(pk=delegation.approval_document_id).content)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Abroad" not in text and "出国" not in text
    assert "港澳" in text and "Hong Kong" in text


def test_dates_in_the_task_document_never_split_across_lines(db):
    from django.db import connection
    from django.utils import translation

    from apps.documents.pdf import render_pdf

    with in_city("hangzhou"), translation.override("zh-hans"):
        users = people()
        delegation = approve_all(users, submitted(users))
        dates = [f"{day.day} {day:%B} {day.year}" for day in (delegation.departure, delegation.return_date)]
        for words in range(0, 14):  # titles of every length move the dates along the line
            delegation.title = "Trade " * words + "delegation"
            pdf = render_pdf(
                "trips/approval_document.html",
                {"delegation": delegation, "office": connection.tenant, "number": "X", "title": "X"},
            )
            lines = [
                line.replace("\xa0", " ")
                for page in PdfReader(io.BytesIO(pdf)).pages
                for line in page.extract_text().split("\n")
            ]
            for date in dates:
                assert any(date in line for line in lines), (words, date, [x for x in lines if "20" in x])


def test_the_footer_follows_the_language_switch(db, client_for):
    chinese = client_for("hangzhou").get("/trips/notices/").content.decode()
    in_english = english(client_for("hangzhou")).get("/trips/notices/").content.decode()
    assert "解放东路18号" in chinese.split("<footer")[1]
    footer = in_english.split("<footer")[1]
    assert "Jiefang East Road" in footer and "解放东路" not in footer
