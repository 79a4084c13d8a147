"""A feature module defined inside the test suite, to prove the registry and gating
without depending on any real module. Registered by tests/conftest.py before the city
URLconf is first imported."""

from django.http import HttpResponse
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.casework.summary import Field, Summary, Table
from apps.casework.workflows import (
    APPROVE,
    REJECT,
    RETURN,
    REVIEW_STATES,
    SUBMIT,
    Transition,
    Workflow,
    register_workflow,
    review_cycle,
)
from apps.registry.modules import Fact, Figure, Module, Reminder, registry

# A workflow that is not trips, built from the kernel's review cycle: the engine, chain
# facts and the portal are tested on it.
SAMPLE_CASES_WORKFLOW = register_workflow(
    Workflow(
        id="sample_cases.request",
        chain_key="sample_request",
        states={**REVIEW_STATES, "approved": {"zh": "已批准", "en": "Approved"}},
        initial="draft",
        review_state="in_review",
        escalated_state="escalated",
        transitions=review_cycle(submit_permission="sample_cases.submit"),
    )
)


def sample_page(request):
    return HttpResponse("sample module page")


class SampleApiView(APIView):
    required_permissions = {"GET": "sample.view"}

    def get(self, request):
        return Response({"sample": "ok"})


web_urlpatterns = [path("", sample_page, name="index")]
api_urlpatterns = [path("things/", SampleApiView.as_view(), name="things")]


@registry.register
class SampleModule(Module):
    id = "sample"
    names = {"zh": "示例模块", "en": "Sample module"}
    web_urls = "tests.sample_web_urls"
    api_urls = "tests.sample_api_urls"
    permissions = {"sample.view": {"zh": "查看示例", "en": "See the sample"}}
    role_grants = {"clerk": ["sample.view"], "reviewer": ["sample.view"]}
    settings_schema = {
        "type": "object",
        "properties": {"max_items": {"type": "integer", "minimum": 1}},
        "additionalProperties": False,
    }
    menu_url_name = "sample:index"

    def due_reminders(self, today):
        """One reminder a day to every clerk of the city (tests/test_notifications.py)."""
        from apps.notifications.services import recipients_with_role

        yield Reminder(
            recipients=recipients_with_role("clerk"),
            kind="sample.daily",
            subject=f"示例提醒 {today:%Y-%m-%d}",
            body="请查看示例模块。",
            url="/sample/",
            dedupe_key=f"sample.daily:{today.isoformat()}",
        )


@registry.register
class SampleChildModule(Module):
    """Needs the sample module: a profile enabling it alone is refused."""

    id = "sample_child"
    names = {"zh": "示例子模块", "en": "Sample child module"}
    requires = ("sample",)


@registry.register
class SampleCasesModule(Module):
    """A casework module that is not trips: the engine, chain facts, figures and the
    province's summaries are tested on it (tests/test_module_kit.py)."""

    id = "sample_cases"
    names = {"zh": "示例案件", "en": "Sample cases"}
    permissions = {"sample_cases.submit": {"zh": "提交示例申请", "en": "Submit sample requests"}}
    role_grants = {"clerk": ["sample_cases.submit"]}
    settings_schema = {
        "type": "object",
        "properties": {
            "max_items": {"type": "integer", "minimum": 1, "default": 10},
            "lead_days": {"type": "integer", "minimum": 0, "default": 5},
            "tags": {"type": "array", "items": {"type": "string"}, "default": []},
        },
        "additionalProperties": False,
    }
    approval_chains = ("sample_request",)
    chain_facts = {
        "sample_request": {
            "value": Fact("number", {"zh": "金额", "en": "Value"}),
            "level": Fact("rank", {"zh": "级别", "en": "Level"}),
            "tags": Fact("codes", {"zh": "标签", "en": "Tags"}),
            "urgent": Fact("boolean", {"zh": "紧急", "en": "Urgent"}),
        }
    }
    figures = (
        Figure("sample_cases.requests", {"zh": "申请数", "en": "Requests"}, headline=True),
        Figure("sample_cases.by_tag", {"zh": "按标签", "en": "By tag"}, breakdown="choice",
               choices={"red": {"zh": "红色", "en": "Red"}}),
        Figure("sample_cases.by_country", {"zh": "按国家", "en": "By country"}, breakdown="country"),
        Figure("sample_cases.backlog", {"zh": "积压", "en": "Backlog"}, snapshot=True),
    )  # fmt: skip

    def escalation_summary(self, case):
        return Summary(
            fields=[Field({"zh": "金额", "en": "Value"}, str(case.facts.get("value", ""))),
                    Field({"zh": "紧急程度", "en": "Urgency"}, {"zh": "紧急", "en": "Urgent"})],
            tables=[Table({"zh": "人员", "en": "People"}, [{"zh": "职级", "en": "Rank"}],
                          [[{"zh": "正处级", "en": "Division level"}]])],
        ).as_json()  # fmt: skip


# A sample casework workflow (not trips): the engine and the module kit are tested on it
# (tests/test_kit.py). It borrows the profiles' ``trip`` chain only for its steps.
from apps.casework.workflows import (  # noqa: E402
    MOVE,
    Workflow,
    register_workflow,
)

SAMPLE_WORKFLOW = register_workflow(
    Workflow(
        id="sample.request",
        chain_key="trip",
        states={
            "draft": {"zh": "草稿", "en": "Draft"},
            "in_review": {"zh": "审批中", "en": "In review"},
            "returned": {"zh": "退回", "en": "Returned"},
            "approved": {"zh": "已批准", "en": "Approved"},
            "rejected": {"zh": "不予批准", "en": "Refused"},
            "done": {"zh": "已办结", "en": "Done"},
        },
        initial="draft",
        review_state="in_review",
        transitions=(
            Transition(
                "submit",
                SUBMIT,
                ("draft", "returned"),
                permission="sample.view",
                labels={"zh": "提交", "en": "Submit"},
            ),
            Transition("approve", APPROVE, target="approved", labels={"zh": "同意", "en": "Approve"}),
            Transition(
                "return",
                RETURN,
                target="returned",
                comment_required=True,
                labels={"zh": "退回", "en": "Return"},
            ),
            Transition(
                "reject",
                REJECT,
                target="rejected",
                comment_required=True,
                labels={"zh": "不予批准", "en": "Refuse"},
            ),
            Transition(
                "finish",
                MOVE,
                ("approved",),
                "done",
                permission="sample.view",
                labels={"zh": "办结", "en": "Finish"},
            ),
        ),
    )
)
