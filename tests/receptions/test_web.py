"""The receptions pages: a clerk plans a visit from the guest list to the seating chart,
gifts and summary; bad input lands under its field and saves nothing."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from apps.receptions import services
from apps.receptions.models import Gift, ProgrammeItem, Seat, Visit
from tests.conftest import in_city
from tests.receptions.helpers import VisitFactory, approve_all, item_data, people, visit_data


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\n", "")


@pytest.fixture
def hangzhou(db):
    with in_city("hangzhou"):
        users = people()
    return users


def form_payload(data: dict) -> dict:
    """The visit form's POST (formsets for guests and hosts)."""
    payload = {k: ("" if v is None else str(v)) for k, v in data.items() if k not in ("guests", "hosts")}
    for key in ("guests", "hosts"):
        rows = data[key]
        payload.update({f"{key}-TOTAL_FORMS": str(len(rows)), f"{key}-INITIAL_FORMS": "0",
                        f"{key}-MIN_NUM_FORMS": "0", f"{key}-MAX_NUM_FORMS": "50"})  # fmt: skip
        for n, row in enumerate(rows):
            payload.update({f"{key}-{n}-{f}": "" if v is None else str(v) for f, v in row.items()})
    return payload


def test_a_clerk_plans_a_visit_through_the_pages(hangzhou, client_for):
    users = hangzhou
    clerk = client_for("hangzhou", users["clerk"])
    with in_city("hangzhou"):
        data = visit_data()
    response = clerk.post("/receptions/new/", form_payload(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_city("hangzhou"):
        visit = Visit.objects.get()
        guests = [p.name_zh for p in visit.participants.filter(side="guest").order_by("precedence")]
    assert guests == ["田中一郎", "铃木花子"]
    page = clerk.get(f"/receptions/{visit.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "田中一郎" in text and "市长" in text

    # A programme item through its page (datetime-local inputs).
    day = visit.arrival
    item = {
        "kind": "meeting",
        "title": "会见",
        "start": f"{day}T10:00",
        "end": f"{day}T11:00",
        "venue": "会见厅",
    }
    with in_city("hangzhou"):
        item["participants"] = [str(p.pk) for p in visit.participants.all()]
    assert clerk.get(f"/receptions/{visit.pk}/items/new/").status_code == 200
    assert clerk.post(f"/receptions/{visit.pk}/items/new/", item).status_code == 302

    # Seating from the order of precedence, its page, its PDFs.
    response = clerk.post(
        f"/receptions/{visit.pk}/actions/seating/", {"kind": "banquet", "title": "欢迎宴会"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_city("hangzhou"):
        seating = visit.seatings.get()
    page = clerk.get(f"/receptions/{visit.pk}/seating/{seating.pk}/")
    assert page.status_code == 200 and "王建国" in page.content.decode()
    chart = clerk.get(f"/receptions/{visit.pk}/seating/{seating.pk}/chart.pdf")
    assert chart["Content-Type"] == "application/pdf"
    text = pdf_text(chart.content)
    assert "王建国" in text and "TANAKA Ichiro" in text and "田中一郎" in text
    cards = clerk.get(f"/receptions/{visit.pk}/seating/{seating.pk}/cards.pdf")
    assert "SUZUKI Hanako" in pdf_text(cards.content)
    for what in ("programme", "guests"):
        assert "田中一郎" in pdf_text(clerk.get(f"/receptions/{visit.pk}/print/{what}.pdf").content)

    # Submitted: the numbered plan; approved by others; gifts; the summary.
    with in_city("hangzhou"):
        version = Visit.objects.get(pk=visit.pk).case.version
    assert clerk.post(f"/receptions/{visit.pk}/actions/submit/", {"version": version}).status_code == 302
    with in_city("hangzhou"):
        visit = Visit.objects.get(pk=visit.pk)
        assert visit.plan_number.startswith("杭外侨办批")
        approve_all(users, visit)
        document = visit.plan_document_id
    plan = clerk.get(f"/receptions/{visit.pk}/documents/{document}/")
    assert "接待" in pdf_text(plan.content)
    gift = {"direction": "received", "item": "纪念银盘", "value": "1500", "counterpart": "田中一郎"}
    assert clerk.post(f"/receptions/{visit.pk}/actions/add_gift/", gift).status_code == 302
    with in_city("hangzhou"):
        version = Visit.objects.get(pk=visit.pk).case.version
    refused = clerk.post(f"/receptions/{visit.pk}/actions/complete/", {"version": version, "summary": "圆满"})
    assert refused.status_code == 400 and "纪念银盘" in refused.content.decode()
    with in_city("hangzhou"):
        gift_pk = Gift.objects.get().pk
    clerk.post(f"/receptions/{visit.pk}/actions/hand_in/", {"gift": gift_pk, "kept_at": "礼品库"})
    done = clerk.post(
        f"/receptions/{visit.pk}/actions/complete/",
        {
            "version": version,
            "summary": "圆满成功",
            "actual_cost": "42000",
            "follow_ups-TOTAL_FORMS": "1",
            "follow_ups-INITIAL_FORMS": "0",
            "follow_ups-0-kind": "return_visit",
            "follow_ups-0-title": "回访大阪",
            "follow_ups-0-due": str(visit.departure.replace(year=visit.departure.year + 1)),
        },
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    with in_city("hangzhou"):
        visit = Visit.objects.get(pk=visit.pk)
        assert visit.case.state == "completed" and visit.actual_cost == Decimal("42000")
        assert visit.follow_ups.get().title == "回访大阪"
    assert "回访大阪" in clerk.get(f"/receptions/{visit.pk}/").content.decode()


def test_an_item_ending_before_it_starts_is_an_error_under_its_field(hangzhou, client_for):
    with in_city("hangzhou"):
        visit = VisitFactory(users=hangzhou)
    clerk = client_for("hangzhou", hangzhou["clerk"])
    response = clerk.post(
        f"/receptions/{visit.pk}/items/new/",
        {
            "kind": "meeting",
            "title": "会见",
            "start": f"{visit.arrival}T11:00",
            "end": f"{visit.arrival}T10:00",
        },
    )
    assert response.status_code == 400
    assert (
        "结束时间早于开始时间" in response.content.decode()
        or "ends before it starts" in response.content.decode()
    )
    with in_city("hangzhou"):
        assert not ProgrammeItem.objects.exists()


def test_a_guest_without_a_rank_where_the_table_needs_one_is_refused(hangzhou, client_for):
    clerk = client_for("hangzhou", hangzhou["clerk"])
    with in_city("hangzhou"):
        data = visit_data()
    data["guests"][0]["protocol_rank"] = ""
    response = clerk.post("/receptions/new/", form_payload(data))
    assert response.status_code == 400
    assert 'data-row="guests-0"' in response.content.decode()
    with in_city("hangzhou"):
        assert not Visit.objects.exists()


def test_a_seat_given_twice_is_refused_and_nothing_changes(hangzhou, client_for):
    with in_city("hangzhou"):
        visit = VisitFactory(users=hangzhou)
        seating = services.generate_seating(
            actor=hangzhou["clerk"], record=visit, data={"kind": "banquet", "title": "宴会"}
        )
        before = list(seating.seats.values_list("table", "seat", "participant_id"))
        a, b = (s.participant_id for s in seating.seats.all()[:2])
    clerk = client_for("hangzhou", hangzhou["clerk"])
    payload = {
        "seats-TOTAL_FORMS": "2",
        "seats-INITIAL_FORMS": "0",
        **{
            f"seats-{n}-{k}": v
            for n, who in enumerate((a, b))
            for k, v in (("table", "1"), ("seat", "1"), ("participant", str(who)))
        },
    }
    response = clerk.post(f"/receptions/{visit.pk}/seating/{seating.pk}/", payload)
    assert response.status_code == 400
    assert "第1桌第1座已安排给第1行" in response.content.decode()
    with in_city("hangzhou"):
        assert (
            list(Seat.objects.filter(seating=seating).values_list("table", "seat", "participant_id"))
            == before
        )


def test_a_negative_gift_value_is_refused(hangzhou, client_for):
    with in_city("hangzhou"):
        visit = VisitFactory(users=hangzhou, approved=True)
    clerk = client_for("hangzhou", hangzhou["clerk"])
    response = clerk.post(
        f"/receptions/{visit.pk}/actions/add_gift/",
        {"direction": "given", "item": "茶叶", "value": "-5", "approved_by": "李红"},
    )
    assert response.status_code == 400
    with in_city("hangzhou"):
        assert not Gift.objects.exists()


def test_the_lists_and_the_registration_pages_answer(hangzhou, client_for):
    clerk = client_for("hangzhou", hangzhou["clerk"])
    for url in (
        "/receptions/",
        "/receptions/new/",
        "/receptions/registrations/",
        "/receptions/registrations/new/",
    ):
        assert clerk.get(url).status_code == 200, url
    with in_city("hangzhou"):
        visit = VisitFactory(users=hangzhou)
        services.save_item(actor=hangzhou["clerk"], record=visit, data=item_data(visit))
    assert "大阪市代表团来访" in clerk.get("/receptions/?q=大阪").content.decode()


def test_the_visit_page_speaks_english_when_asked(hangzhou, client_for):
    with in_city("hangzhou"):
        visit = VisitFactory(users=hangzhou)
        seating = services.generate_seating(
            actor=hangzhou["clerk"], record=visit, data={"kind": "face_to_face", "title": "会谈"}
        )
    clerk = client_for("hangzhou", hangzhou["clerk"])
    clerk.cookies["django_language"] = "en"
    page = clerk.get(f"/receptions/{visit.pk}/").content.decode()
    assert "Guests in order of precedence" in page and "Reception level" in page
    assert "Mayor or regional leader" in page and "Mayor" in page
    chart = clerk.get(f"/receptions/{visit.pk}/seating/{seating.pk}/").content.decode()
    assert "Host side" in chart and "Talks (face to face)" in chart
    deleted = clerk.post(f"/receptions/{visit.pk}/actions/delete_seating/", {"seating": seating.pk})
    assert deleted.status_code == 302
    with in_city("hangzhou"):
        assert not visit.seatings.exists()
