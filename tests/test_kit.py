"""The module kit on a sample workflow that is not trips: one action table gives the
buttons a user may press now, the input (comment rules, version) and the run; one input
declaration gives the web form whose errors land on the field (and row) they name."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from rest_framework import serializers

from apps.casework import services as casework
from apps.casework.actions import Action, ActionTable
from apps.casework.inputs import WebInput, flatten_errors, validated
from apps.casework.services import StaleCase
from tests.conftest import in_city
from tests.factories import UserFactory


@dataclass
class Request:
    """A stand-in record: the kit needs only ``case`` and ``pk``."""

    case: object
    pk: int = 1

    @property
    def state_label(self):
        return self.case.state


class NoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=20)


FINISHED = []


def finish(*, actor, record, data):
    casework.perform(case=record.case, name="finish", actor=actor, version=data["version"])
    FINISHED.append(data["note"])
    return record


TABLE = ActionTable(
    "sample.request",
    [
        Action("finish", input=NoteInput, run=finish, style="primary"),
        Action(
            "remark",
            labels={"zh": "备注", "en": "Remark"},
            permission="sample.view",
            input=NoteInput,
            run=lambda actor, record, data: record,
            states=("approved",),
            versioned=False,
        ),
    ],
    view_permission="sample.view",
)


@pytest.fixture
def sample(db, reprofile):
    reprofile("hangzhou", lambda data: data["modules"].update(sample={}))
    with in_city("hangzhou"):
        users = {
            role: UserFactory(username=f"kit_{role}", role=role)
            for role in ["clerk", "reviewer", "division_head", "director"]
        }
        case = casework.open_case(actor=users["clerk"], workflow_id="sample.request", title="样例")
        yield users, Request(case=case)


def names(actions):
    return [action.name for action in actions]


def test_the_table_derives_every_transition_and_offers_what_the_user_may_do_now(sample):
    users, record = sample
    assert names(TABLE) == ["submit", "approve", "return", "reject", "finish", "remark"]
    assert TABLE.get("return").comment == "required" and TABLE.get("submit").comment == "optional"
    assert TABLE.get("reject").style == "danger"
    assert names(TABLE.available(record, users["clerk"])) == ["submit"]
    assert names(TABLE.available(record, users["director"])) == []
    TABLE.perform(TABLE.get("submit"), record=record, actor=users["clerk"], data={"version": 1})
    assert names(TABLE.available(record, users["reviewer"])) == ["approve", "return", "reject"]
    assert names(TABLE.available(record, users["clerk"])) == []


def test_inputs_carry_version_comment_and_the_actions_own_fields(sample):
    returning = TABLE.input_serializer(TABLE.get("return"))
    with pytest.raises(serializers.ValidationError) as error:
        validated(returning, {"version": 2})
    assert set(error.value.detail) == {"comment"}
    finishing = TABLE.input_serializer(TABLE.get("finish"))
    assert set(finishing().fields) == {"note", "version", "comment"}
    assert set(TABLE.input_serializer(TABLE.get("remark"))().fields) == {"note"}


def test_perform_runs_the_action_checks_state_permission_and_version(sample):
    users, record = sample
    with pytest.raises(ValidationError):
        TABLE.perform(TABLE.get("remark"), record=record, actor=users["clerk"], data={"note": "x"})
    TABLE.perform(TABLE.get("submit"), record=record, actor=users["clerk"], data={"version": 1})
    with pytest.raises(PermissionDenied):
        TABLE.perform(TABLE.get("approve"), record=record, actor=users["clerk"], data={"version": 2})
    with pytest.raises(StaleCase):
        TABLE.perform(TABLE.get("approve"), record=record, actor=users["reviewer"], data={"version": 1})
    while record.case.state == "in_review":
        role = record.case.current_role
        TABLE.perform(
            TABLE.get("approve"), record=record, actor=users[role], data={"version": record.case.version}
        )
    assert names(TABLE.available(record, users["clerk"])) == ["finish", "remark"]
    TABLE.perform(
        TABLE.get("finish"),
        record=record,
        actor=users["clerk"],
        data={"version": record.case.version, "note": "好"},
    )
    assert record.case.state == "done" and FINISHED[-1] == "好"


class Row(serializers.Serializer):
    name = serializers.CharField(max_length=5)
    born = serializers.DateField()


class Application(serializers.Serializer):
    title = serializers.CharField(max_length=10)
    start = serializers.DateField()
    agree = serializers.BooleanField(default=False)
    rows = Row(many=True)


def post(**fields) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update({"rows-TOTAL_FORMS": "3", "rows-INITIAL_FORMS": "0", **fields})
    return data


def test_one_declaration_gives_the_web_form_and_errors_land_on_their_row():
    web = WebInput(
        Application,
        data=post(
            title="ok",
            start="2026-01-02",
            **{
                "rows-0-name": "anna",
                "rows-0-born": "1990-01-01",
                "rows-2-name": "toolongname",
                "rows-2-born": "x",
            },
        ),
    )
    assert not web.is_valid()
    rows = web._row_forms["rows"]
    assert len(rows) == 2  # the empty middle row is not an invitee
    assert "name" in rows[1].errors and "born" in rows[1].errors and not rows[0].errors
    good = WebInput(
        Application,
        data=post(
            title="ok", start="2026-01-02", agree="on", **{"rows-0-name": "anna", "rows-0-born": "1990-01-01"}
        ),
    )
    assert good.is_valid()
    assert good.validated_data["agree"] is True and good.validated_data["rows"][0]["born"] == datetime.date(
        1990, 1, 1
    )
    good.add_errors(ValidationError({"rows[0].name": ["taken"], "start": ["too soon"]}))
    assert good._row_forms["rows"][0].errors["name"] == ["taken"] and good.form.errors["start"] == [
        "too soon"
    ]
    blank = WebInput(Application, initial={"start": datetime.date(2026, 3, 4)})
    assert 'value="2026-03-04"' in str(blank.form["start"])  # dates in ISO in forms


def test_nested_errors_flatten_to_paths():
    assert flatten_errors({"rows": {1: {"name": ["bad"]}}, "title": ["x"]}) == {
        "rows[1].name": ["bad"],
        "title": ["x"],
    }
    assert flatten_errors({"rows": [{}, {"born": ["bad"]}]}) == {"rows[1].born": ["bad"]}
    assert flatten_errors({"rows": ["at least one"]}) == {"rows": ["at least one"]}


def test_a_page_shows_only_translated_help_texts_and_its_search_box_is_one_line(client_for, city_user):
    # The receptions and donations lists said "title, a participant's name or the plan's
    # number contains" (the API's help text) under a many-line search box on Chinese pages.
    from django.test import RequestFactory
    from django.utils.translation import gettext_lazy
    from rest_framework import serializers

    from apps.casework.lists import filter_form

    class Filter(serializers.Serializer):
        q = serializers.CharField(required=False, default="", help_text="title contains")
        unit = serializers.CharField(required=False, default="", help_text=gettext_lazy("Division"))

    form = filter_form(RequestFactory().get("/?q=x"), Filter)
    assert form.fields["q"].help_text == ""
    assert str(form.fields["unit"].help_text) == "处室"
    assert form.fields["q"].widget.input_type == "text"

    clerk = city_user("hangzhou", username="hz_kit_clerk", role="clerk")
    page = client_for("hangzhou", clerk).get("/receptions/").content.decode()
    assert "participant's name" not in page
    assert '<textarea name="q"' not in page and 'name="q"' in page
