"""The Chinese working-day calendar: deadlines, loading calendar files, the operators' page.

The session's test database has the shipped calendar loaded (as ``setup_platform`` does);
each test here starts from an empty calendar (rows deleted inside its own transaction,
rolled back after it) and loads what it needs.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django_tenants.utils import schema_context

from apps.audit.models import AuditEntry
from apps.workdays import calendar, services
from apps.workdays.calendar import add_working_days, is_official, is_working_day, working_days_between
from apps.workdays.models import CalendarYear
from city_profiles.loader import ProfileError
from tests.conftest import complete_two_factor
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.usefixtures("db")

AUDIT_ACTION = "platform.load_working_calendar"

# The 2027 schedule as a State Council notice would publish it (used as "a new year's file").
CALENDAR_2027 = """\
2027:
  holidays:
    - {name: 元旦 New Year's Day, from: 2027-01-01, to: 2027-01-03}
    - {name: 春节 Spring Festival, from: 2027-02-06, to: 2027-02-13}
  workdays: [2027-02-20]
"""


@pytest.fixture(autouse=True)
def _fresh_calendar_cache(db):
    """An empty calendar, and no process-wide copy of it survives from another test."""
    global _AUDIT_BASELINE
    with schema_context("public"):
        CalendarYear.objects.all().delete()
        _AUDIT_BASELINE = AuditEntry.objects.filter(action=AUDIT_ACTION).count()
    calendar.forget()
    yield
    calendar.forget()


@pytest.fixture
def shipped():
    """The shipped calendar (2025 and 2026), loaded."""
    return services.load_calendar(path=services.SHIPPED_CALENDAR)


@pytest.fixture
def today_is(monkeypatch):
    def set_today(day: date) -> None:
        monkeypatch.setattr(calendar.timezone, "localdate", lambda: day)

    return set_today


def write(tmp_path: Path, text: str, name: str = "calendar.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


_AUDIT_BASELINE = 0  # rows the session's set-up wrote


def audit_rows() -> int:
    """Audit rows of calendar loads written by this test."""
    with schema_context("public"):
        return AuditEntry.objects.filter(action=AUDIT_ACTION).count() - _AUDIT_BASELINE


def sign_in(client: Client, username: str):
    """The password, and the one-time code operators give."""
    response = client.post("/accounts/sign-in/", {"username": username, "password": PASSWORD})
    return complete_two_factor(client, response, username)


def operator_client() -> Client:
    UserFactory(username="calendar_op", operator=True)  # public schema
    client = Client(HTTP_HOST="localhost")
    assert sign_in(client, "calendar_op").status_code == 302
    return client


# -- deadlines -------------------------------------------------------------------------------


def test_the_2026_spring_festival_holiday_is_skipped_and_its_make_up_saturdays_count(shipped):
    # holidays 2026-02-15 (Sun) .. 02-23 (Mon); make-up working Saturdays 02-14 and 02-28
    assert is_working_day(date(2026, 2, 14))  # Saturday, make-up day
    assert not is_working_day(date(2026, 2, 16))  # Monday, holiday
    assert not is_working_day(date(2026, 2, 23))  # Monday, last day of the holiday
    assert is_working_day(date(2026, 2, 28))  # Saturday, make-up day
    assert not is_working_day(date(2026, 2, 21))  # Saturday inside the holiday

    thursday = date(2026, 2, 12)
    assert add_working_days(thursday, 1) == date(2026, 2, 13)  # Friday
    assert add_working_days(thursday, 2) == date(2026, 2, 14)  # the make-up Saturday
    assert add_working_days(thursday, 3) == date(2026, 2, 24)  # Tuesday after the holiday
    assert add_working_days(date(2026, 2, 13), 5) == date(2026, 2, 27)
    assert add_working_days(date(2026, 2, 13), 6) == date(2026, 2, 28)  # the other make-up Saturday
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 28)) == 6
    assert working_days_between(date(2026, 2, 14), date(2026, 2, 23)) == 0


def test_national_day_2026_is_skipped_and_the_make_up_saturday_counts(shipped):
    # National Day 2026-10-01 (Thu) .. 10-07 (Wed); make-up working Saturday 10-10
    wednesday = date(2026, 9, 30)
    assert add_working_days(wednesday, 1) == date(2026, 10, 8)
    assert add_working_days(wednesday, 3) == date(2026, 10, 10)  # Saturday, make-up day
    assert add_working_days(wednesday, 4) == date(2026, 10, 12)
    assert working_days_between(wednesday, date(2026, 10, 12)) == 4
    assert is_working_day(date(2026, 9, 20))  # Sunday, make-up day before Mid-Autumn
    assert not is_working_day(date(2026, 9, 25))  # Friday, Mid-Autumn


def test_zero_days_is_the_start_when_it_is_a_working_day_else_the_next_one(shipped):
    assert add_working_days(date(2026, 2, 14), 0) == date(2026, 2, 14)  # make-up Saturday
    assert add_working_days(date(2026, 2, 15), 0) == date(2026, 2, 24)  # in the holiday
    assert add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 9)  # ordinary Saturday
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 9), -1)


def test_counting_and_adding_agree(shipped):
    start = date(2026, 1, 1)
    for days in range(1, 60):
        assert working_days_between(start, add_working_days(start, days)) == days


def test_a_year_without_a_calendar_counts_monday_to_friday(shipped):
    assert is_official(2026)
    assert not is_official(2027)
    assert add_working_days(date(2027, 2, 5), 1) == date(2027, 2, 8)  # Friday -> Monday
    assert is_working_day(date(2027, 2, 8))  # would be Spring Festival; not published
    assert not is_working_day(date(2027, 2, 6))  # Saturday
    assert working_days_between(date(2027, 3, 1), date(2027, 3, 31)) == 22  # March's weekdays after the 1st


def test_with_nothing_loaded_every_year_counts_monday_to_friday():
    assert not is_official(2026)
    assert is_working_day(date(2026, 2, 16))  # a holiday Monday, but nothing is loaded
    assert not is_working_day(date(2026, 2, 14))  # a make-up Saturday, but nothing is loaded


def test_the_calendar_is_read_once_per_process_not_per_call(shipped, django_assert_num_queries):
    is_working_day(date(2026, 2, 16))  # fills the copy
    with django_assert_num_queries(0):
        add_working_days(date(2026, 1, 1), 200)
        assert is_official(2026)


def test_saving_or_deleting_a_year_drops_the_copy_at_once(shipped):
    assert not is_working_day(date(2026, 2, 16))
    CalendarYear.objects.filter(year=2026).get().delete()
    assert not is_official(2026)
    assert is_working_day(date(2026, 2, 16))

    services.load_calendar(path=services.SHIPPED_CALENDAR)
    assert not is_working_day(date(2026, 2, 16))


# -- loading a calendar file -----------------------------------------------------------------


def test_loading_the_shipped_calendar_creates_2025_and_2026_with_one_audit_row_each():
    result = services.load_calendar(path=services.SHIPPED_CALENDAR)

    assert result.created == [2025, 2026]
    row = CalendarYear.objects.get(year=2026)
    assert row.source == "apps/workdays/data/cn-working-calendar.yaml"
    assert row.workdays[:3] == ["2026-01-04", "2026-02-14", "2026-02-28"]
    assert {"name": "春节 Spring Festival", "from": "2026-02-15", "to": "2026-02-23"} in row.holidays
    assert len(row.off_days()) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert audit_rows() == 2


def test_the_shipped_calendar_lives_in_the_app():
    assert services.SHIPPED_CALENDAR.is_file()
    assert services.SHIPPED_CALENDAR.parent.parent == Path(services.__file__).resolve().parent


def test_rerunning_the_same_file_is_a_no_op(capsys):
    call_command("load_working_calendar", str(services.SHIPPED_CALENDAR))
    loaded_at = CalendarYear.objects.get(year=2026).loaded_at
    rows = audit_rows()

    out = io.StringIO()
    call_command("load_working_calendar", str(services.SHIPPED_CALENDAR), stdout=out)

    assert "up to date, nothing to do" in out.getvalue()
    assert audit_rows() == rows == 2
    assert CalendarYear.objects.get(year=2026).loaded_at == loaded_at


def test_a_new_years_file_through_the_command_makes_the_year_official(shipped, tmp_path):
    path = write(tmp_path, CALENDAR_2027, "2027.yaml")
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 1)  # Mon-Fri fallback

    out = io.StringIO()
    call_command("load_working_calendar", str(path), stdout=out)

    assert f"{path}: 2027: created" in out.getvalue()
    assert is_official(2027)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)  # after New Year's Day
    assert is_working_day(date(2027, 2, 20))  # the make-up Saturday
    assert audit_rows() == 2 + 1


def test_a_changed_year_is_updated_with_its_before_and_after(shipped, tmp_path):
    changed = services.SHIPPED_CALENDAR.read_text(encoding="utf-8").replace(
        "2026-10-01, to: 2026-10-07", "2026-10-01, to: 2026-10-08"
    )
    result = services.load_calendar(path=write(tmp_path, changed))

    assert (result.created, result.updated, result.unchanged) == ([], [2026], [2025])
    assert not is_working_day(date(2026, 10, 8))
    with schema_context("public"):
        entry = AuditEntry.objects.filter(action=AUDIT_ACTION).order_by("-id").first()
    assert entry.object_repr == "2026"
    assert {"name": "国庆节 National Day", "from": "2026-10-01", "to": "2026-10-07"} in entry.before[
        "holidays"
    ]
    assert {"name": "国庆节 National Day", "from": "2026-10-01", "to": "2026-10-08"} in entry.after[
        "holidays"
    ]


def test_a_dry_run_prints_what_would_change_and_writes_nothing(tmp_path):
    out = io.StringIO()
    call_command("load_working_calendar", str(services.SHIPPED_CALENDAR), "--dry-run", stdout=out)

    assert "2025: would be created" in out.getvalue()
    assert "2026: would be created" in out.getvalue()
    assert not CalendarYear.objects.exists()
    assert audit_rows() == 0


GOOD_2027 = "2027:\n  holidays: [{name: 元旦, from: 2027-01-01, to: 2027-01-01}]\n  workdays: []\n"


def year_2026(
    holidays: str = "[{name: 春节, from: 2026-02-15, to: 2026-02-23}]", workdays: str = "[]"
) -> str:
    return f"2026:\n  holidays: {holidays}\n  workdays: {workdays}\n"


BAD_FILES = {
    "not YAML": ("2026: {holidays: [\n", "line 5, column 1", "not valid YAML"),
    "not a mapping of years": ("- 2026\n", "(top)", "expected a mapping of years, got list"),
    "year not a number": ("next: {holidays: [], workdays: []}\n", "next", "a year must be a whole number"),
    "year too early": (
        "1999: {holidays: [], workdays: []}\n",
        "1999",
        "a year must be a whole number from 2000 to 2100, got 1999",
    ),
    "year given twice": (year_2026() + year_2026(), "line 7, column 1", "duplicate key 2026"),
    "date outside its year": (
        year_2026(holidays="[{name: 元旦, from: 2025-12-31, to: 2026-01-01}]"),
        "2026.holidays[0].from",
        "2025-12-31 is outside 2026",
    ),
    "no such date": (
        year_2026(holidays="[{name: 春节, from: 2026-02-15, to: 2026-02-30}]"),
        "2026.holidays[0].to",
        "2026-02-30 is not a date of the calendar",
    ),
    "from after to": (
        year_2026(holidays="[{name: 春节, from: 2026-02-23, to: 2026-02-15}]"),
        "2026.holidays[0]",
        "from 2026-02-23 is after to 2026-02-15",
    ),
    "overlapping holidays": (
        year_2026(
            holidays="[{name: a, from: 2026-02-15, to: 2026-02-23},"
            " {name: b, from: 2026-02-20, to: 2026-02-21}]"
        ),
        "2026.holidays[1]",
        "2026-02-20 is also in holidays[0]",
    ),
    "both holiday and make-up day": (
        year_2026(workdays="[2026-02-21]"),
        "2026.workdays[0]",
        "2026-02-21 is both a make-up working day and a holiday (holidays[0])",
    ),
    "make-up day on a weekday": (
        year_2026(workdays="[2026-02-14, 2026-03-02]"),
        "2026.workdays[1]",
        "2026-03-02 is a Monday; a make-up working day is a Saturday or Sunday",
    ),
    "unknown key in a year": (
        year_2026() + "  notice: 国办发明电\n",
        "2026",
        "unknown key(s): 'notice'",
    ),
    "unknown key in a holiday": (
        year_2026(holidays="[{name: 春节, from: 2026-02-15, to: 2026-02-23, days: 9}]"),
        "2026.holidays[0]",
        "unknown key(s): 'days'",
    ),
    "missing key": (
        "2026:\n  holidays: [{name: 春节, from: 2026-02-15, to: 2026-02-23}]\n",
        "2026.workdays",
        "is required",
    ),
    "workdays not a list": (year_2026(workdays="2026-02-14"), "2026.workdays", "expected a list, got str"),
    "date not a date": (
        year_2026(workdays="[14]"),
        "2026.workdays[0]",
        "expected a date YYYY-MM-DD, got int",
    ),
    "holiday without a name": (
        year_2026(holidays="[{name: 3, from: 2026-02-15, to: 2026-02-23}]"),
        "2026.holidays[0].name",
        "expected a name, got int",
    ),
}


@pytest.mark.parametrize(("text", "where", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_gives_one_line_naming_file_and_path_and_writes_nothing(tmp_path, text, where, message):
    # given a file with one problem, next to a good year
    path = write(tmp_path, GOOD_2027 + text if not text.startswith("- ") else text, "bad.yaml")

    # when it is loaded, then the command fails with the problem, on one line
    with pytest.raises(CommandError) as failure:
        call_command("load_working_calendar", str(path))
    lines = str(failure.value).splitlines()
    assert lines[0] == "1 problem(s), nothing loaded:"
    assert lines[1].startswith(f"{path}: {where}: ")
    assert message in lines[1]
    assert len(lines) == 2

    # and nothing is written, not even the good year
    assert not CalendarYear.objects.exists()
    assert not is_official(2027)
    assert audit_rows() == 0


def test_every_problem_of_a_file_is_reported_at_once(shipped, tmp_path):
    text = year_2026(holidays="[{name: 春节, from: 2026-02-23, to: 2026-02-15}]", workdays="[2026-03-02]")
    path = write(tmp_path, text + "2101: {holidays: [], workdays: []}\n", "bad.yaml")

    with pytest.raises(ProfileError) as failure:
        services.load_calendar(path=path)

    assert [str(problem) for problem in failure.value.problems] == [
        f"{path}: 2026.holidays[0]: from 2026-02-23 is after to 2026-02-15",
        f"{path}: 2026.workdays[0]: 2026-03-02 is a Monday; a make-up working day is a Saturday or Sunday",
        f"{path}: 2101: a year must be a whole number from 2000 to 2100, got 2101",
    ]
    assert CalendarYear.objects.get(year=2026).workdays[0] == "2026-01-04"  # the loaded one stays


def test_a_missing_file_is_one_problem(tmp_path):
    with pytest.raises(CommandError, match=r"nosuch.yaml: \(top\): file not found"):
        call_command("load_working_calendar", str(tmp_path / "nosuch.yaml"))


# -- the operators' page -----------------------------------------------------------------------


def test_the_operator_sees_the_loaded_years_and_which_fall_back(shipped, today_is):
    today_is(date(2026, 11, 23))
    page = operator_client().get("/calendar/")

    assert page.status_code == 200
    html = page.content.decode()
    assert (
        'data-year="2026"><td>2026</td><td>7</td><td>6</td><td>apps/workdays/data/cn-working-calendar.yaml'
        in html
    )
    assert 'data-year="2025"><td>2025</td><td>6</td><td>5</td>' in html
    assert 'data-calendar-fallback="2027"' in html
    assert 'data-calendar-fallback="2026"' not in html


def test_uploading_a_new_years_file_on_the_operators_page_makes_it_official(shipped, today_is):
    today_is(date(2026, 11, 23))
    client = operator_client()
    upload = SimpleUploadedFile("2027-notice.yaml", CALENDAR_2027.encode(), content_type="application/yaml")

    response = client.post("/calendar/", {"file": upload}, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert "2027" in html and "alert-success" in html
    assert 'data-calendar-fallback="2027"' not in html
    assert is_official(2027)
    assert add_working_days(date(2027, 2, 5), 1) == date(2027, 2, 15)  # Spring Festival 02-06..13 skipped
    assert CalendarYear.objects.get(year=2027).source == "2027-notice.yaml"
    with schema_context("public"):
        entry = AuditEntry.objects.filter(action=AUDIT_ACTION, object_repr="2027").get()
    assert entry.actor_username == "calendar_op"


def test_uploading_the_same_file_again_changes_nothing(shipped):
    client = operator_client()
    upload = SimpleUploadedFile("again.yaml", services.SHIPPED_CALENDAR.read_bytes())

    response = client.post("/calendar/", {"file": upload}, follow=True)

    assert "已是最新" in response.content.decode()
    assert audit_rows() == 2
    assert CalendarYear.objects.get(year=2026).source == "apps/workdays/data/cn-working-calendar.yaml"


def test_a_bad_upload_shows_each_problem_as_a_form_error_and_saves_nothing(shipped):
    client = operator_client()
    text = GOOD_2027 + year_2026(workdays="[2026-02-21, 2026-03-02]")
    upload = SimpleUploadedFile("bad.yaml", text.encode())

    response = client.post("/calendar/", {"file": upload})

    assert response.status_code == 200
    html = response.content.decode()
    assert "bad.yaml: 2026.workdays[0]: 2026-02-21 is both a make-up working day and a holiday" in html
    assert "bad.yaml: 2026.workdays[1]: 2026-03-02 is a Monday" in html
    assert not is_official(2027)
    assert CalendarYear.objects.get(year=2026).source == "apps/workdays/data/cn-working-calendar.yaml"
    assert audit_rows() == 2


def test_a_non_utf8_upload_is_refused(shipped):
    upload = SimpleUploadedFile("latin1.yaml", "2026: {name: café}".encode("latin-1"))
    response = operator_client().post("/calendar/", {"file": upload})
    assert "latin1.yaml: (top): not UTF-8 text" in response.content.decode()


def test_city_users_cannot_reach_the_calendar_page(city_user, client_for):
    # a city user signed in on their office is not signed in on the platform host
    clerk = city_user("hangzhou", username="hz_calendar_admin", role="office_admin")
    office = client_for("hangzhou", clerk)
    assert office.get("/calendar/").status_code == 404  # city hosts have no such page
    response = office.get("/calendar/", HTTP_HOST="localhost")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]

    # a non-operator account in the public schema is refused even with a session there
    platform = Client(HTTP_HOST="localhost")
    platform.force_login(UserFactory(username="public_clerk", role="clerk"))
    assert platform.get("/calendar/").status_code == 403
    upload = SimpleUploadedFile("2027.yaml", CALENDAR_2027.encode())
    assert platform.post("/calendar/", {"file": upload}).status_code == 403
    assert not is_official(2027)

    # and nobody signed in is sent to sign in
    assert Client(HTTP_HOST="localhost").get("/calendar/").status_code == 302


# -- the notice on city pages ----------------------------------------------------------------


def test_the_city_home_says_when_a_year_counts_monday_to_friday(shipped, city_user, client_for, today_is):
    today_is(date(2026, 11, 23))
    client = client_for("hangzhou", city_user("hangzhou", username="hz_calendar_clerk"))

    html = client.get("/").content.decode()
    assert 'data-calendar-fallback="2027"' in html
    assert 'data-calendar-fallback="2026"' not in html
    assert "2027 年工作日历尚未发布" in html

    CalendarYear.objects.create(year=2027, holidays=[], workdays=[], source="test")
    assert "data-calendar-fallback" not in client.get("/").content.decode()
