"""The module kit's declarations, proven on the test suite's sample module (not trips):
settings with defaults inherited from the province, chain conditions from declared facts,
the province's figures and escalation summaries assembled from declarations."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.test import Client

from apps.casework import services as casework
from apps.casework.chains import resolve_chain
from apps.registry.settings import module_settings
from apps.reporting import figures
from apps.reporting.models import EscalatedCase
from city_profiles import PROVINCES_DIR
from city_profiles.loader import Profile, read_yaml, validate_city_data, validate_province_data
from tenants import services as tenant_services
from tests.conftest import in_city
from tests.factories import PASSWORD, UserFactory

CHAIN = {
    "steps": ["reviewer", {"role": "director", "when": {"min_value": 1000}}],
    "escalate_to_province": {"urgent": True},
}


def with_sample(settings=None, chain=None):
    def change(data):
        data["modules"]["sample_cases"] = settings or {}
        data.setdefault("approval_chains", {})["sample_request"] = copy.deepcopy(chain or CHAIN)

    return change


def reprovince(code: str, change):
    data, _ = read_yaml(PROVINCES_DIR / f"{code}.yaml")
    data = copy.deepcopy(data)
    change(data)
    name = f"city_profiles/provinces/{code}.yaml"
    assert validate_province_data(name, data) == []
    return tenant_services.apply_province_profile(profile=Profile(kind="province", file=name, data=data))


def test_module_settings_are_the_defaults_under_the_province_under_the_city(reprofile):
    reprofile("hangzhou", with_sample({"max_items": 3}))
    reprofile("quzhou", with_sample())
    reprovince(
        "zhejiang", lambda data: data["module_defaults"].update(sample_cases={"lead_days": 9, "max_items": 7})
    )

    with in_city("hangzhou"):
        assert module_settings("sample_cases") == {"max_items": 3, "lead_days": 9, "tags": []}
    with in_city("quzhou"):
        assert module_settings("sample_cases") == {"max_items": 7, "lead_days": 9, "tags": []}
    with in_city("guangzhou"):  # another province sets nothing: the module's defaults
        assert module_settings("sample_cases") == {"max_items": 10, "lead_days": 5, "tags": []}


def test_bad_module_settings_name_the_file_and_path():
    city, _ = read_yaml("city_profiles/cities/hangzhou.yaml")
    with_sample({"max_items": 0, "colour": "red"})(city)
    province, _ = read_yaml(PROVINCES_DIR / "zhejiang.yaml")
    province["module_defaults"]["nosuch"] = {}
    province["module_defaults"]["trips"]["max_members"] = "six"

    city_problems = [str(p) for p in validate_city_data("hangzhou.yaml", city)]
    province_problems = [str(p) for p in validate_province_data("zhejiang.yaml", province)]

    assert "hangzhou.yaml: modules.sample_cases.max_items: 0 is less than the minimum of 1" in city_problems
    assert "hangzhou.yaml: modules.sample_cases: unknown key(s): 'colour'" in city_problems
    assert any(
        p.startswith("zhejiang.yaml: module_defaults.nosuch: unknown module 'nosuch'")
        for p in province_problems
    )
    assert "zhejiang.yaml: module_defaults.trips.max_members: expected integer, got str" in province_problems


def test_chain_conditions_use_the_facts_the_module_declares():
    profile = {"approval_chains": {"sample_request": CHAIN}}

    small = resolve_chain(profile, "sample_request", {"value": 10, "urgent": False})
    large = resolve_chain(profile, "sample_request", {"value": 5000, "urgent": True})
    by_rank = {
        "steps": [{"role": "director", "when": {"min_level": "division"}}],
        "escalate_to_province": {"tags_any": ["red"]},
    }
    rank = resolve_chain(
        {"approval_chains": {"sample_request": by_rank}},
        "sample_request",
        {"level": "department", "tags": ["red"]},
    )

    assert (small.steps, small.escalate) == (("reviewer",), False)
    assert (large.steps, large.escalate) == (("reviewer", "director"), True)
    assert (rank.steps, rank.escalate) == (("director",), True)


def test_a_condition_on_an_undeclared_fact_or_an_unused_chain_is_refused():
    data, _ = read_yaml("city_profiles/cities/hangzhou.yaml")
    with_sample(chain={"steps": [{"role": "director", "when": {"min_budget": 5}}],
                       "escalate_to_province": {"min_level": "nosuch"}})(data)  # fmt: skip
    data["approval_chains"]["nosuch_chain"] = {"steps": ["reviewer"]}

    problems = [str(p) for p in validate_city_data("hangzhou.yaml", data)]

    assert (
        "hangzhou.yaml: approval_chains.sample_request.steps[0].when: unknown key(s): 'min_budget'"
        in problems
    )
    where = "hangzhou.yaml: approval_chains.sample_request.escalate_to_province.min_level: 'nosuch'"
    assert any(p.startswith(where) for p in problems)
    assert any(
        p.startswith("hangzhou.yaml: approval_chains.nosuch_chain: no module uses this chain")
        for p in problems
    )


def reviewer_client(province: str) -> Client:
    UserFactory(username=f"{province}_kit_rev", role="province_reviewer", unit=province)
    client = Client(HTTP_HOST=f"{province}.localhost")
    assert (
        client.post(
            "/accounts/sign-in/", {"username": f"{province}_kit_rev", "password": PASSWORD}
        ).status_code
        == 302
    )
    return client


def test_the_province_sees_a_modules_figures_only_from_cities_that_switch_it_on(reprofile):
    today = datetime.date.today()
    reprofile("hangzhou", with_sample())
    with in_city("hangzhou"):
        figures.count(metric="sample_cases.requests", on=today, by=4)
        figures.count(metric="sample_cases.by_tag", key="red", on=today, by=3)
        figures.count(metric="sample_cases.by_country", key="JP", on=today, by=2)
        figures.set_figure(metric="sample_cases.backlog", on=today, value=6)
    with in_city("quzhou"):  # counted once, then the module is off here: it contributes nothing
        figures.count(metric="sample_cases.requests", on=today, by=100)

    client = reviewer_client("zhejiang")
    page = client.get("/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/").content.decode()

    assert 'data-module="sample_cases"' in page and "示例案件" in page
    assert 'data-figure="sample_cases.requests">4<' in page
    assert "红色" in page and "日本" in page  # breakdown keys by name, never by code
    assert 'data-figure="sample_cases.backlog">6<' in page
    assert 'data-city="quzhou"' not in page.split('data-module="sample_cases"')[1].split("</section>")[0]
    assert "Red" in english and "Japan" in english


def test_the_province_reads_an_escalated_case_in_its_reviewers_language(reprofile):
    reprofile("hangzhou", with_sample())
    with in_city("hangzhou"):
        clerk = UserFactory(username="kit_clerk", role="clerk")
        reviewer = UserFactory(username="kit_reviewer", role="reviewer")
        case = casework.open_case(actor=clerk, workflow_id="sample_cases.request", title="紧急申请",
                                  facts={"value": 10, "urgent": True})  # fmt: skip
        case = casework.perform(case=case, name="submit", actor=clerk)
        case = casework.perform(case=case, name="approve", actor=reviewer, comment="拟同意")
        assert case.state == "escalated"
    escalation = EscalatedCase.objects.get(city__code="hangzhou", case_id=case.pk)
    client = reviewer_client("zhejiang")

    chinese = client.get(f"/queue/{escalation.pk}/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(f"/queue/{escalation.pk}/").content.decode()

    assert "紧急程度" in chinese and "正处级" in chinese and "拟同意" in chinese and "同意" in chinese
    assert "Urgency" in english and "Division level" in english and "Approve" in english
    assert "Sample cases" in client.get("/queue/").content.decode()


@pytest.mark.parametrize("code", ["guangzhou", "guiyang", "hangzhou", "lanzhou", "quzhou"])
def test_every_city_profile_declares_its_modules_settings_through_the_registry(code):
    data, _ = read_yaml(f"city_profiles/cities/{code}.yaml")
    assert "trip_limits" not in data
    assert validate_city_data(code, data) == []
