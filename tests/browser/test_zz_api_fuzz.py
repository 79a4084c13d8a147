"""The API against its own OpenAPI document (issue 14): schemathesis generates requests for
every operation of one city's document (Hangzhou: the most modules), sends them to the
running server as the demo clerk, and checks that none answers 500 and that every response
matches what the document declares. Bounded (a few examples per operation) so it fits CI;
it runs last among the browser tests (it changes the demo data)."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.hypothesis.reporting import UnsatisfiableSchema
from schemathesis.specs.openapi.checks import response_schema_conformance

pytestmark = pytest.mark.browser

CITY = "hangzhou"


@pytest.fixture(scope="session")
def api(server):
    base = f"http://127.0.0.1:{server.port}"
    host = f"{CITY}.localhost:{server.port}"  # Python's resolver knows no *.localhost
    token = requests.post(
        f"{base}/api/v1/auth/token/",
        data={"username": "clerk", "password": f"{CITY}-demo", "name": "schemathesis"},
        headers={"Host": host},
        timeout=60,
    ).json()["token"]
    headers = {"Host": host, "Authorization": f"Token {token}"}
    document = requests.get(f"{base}/api/v1/schema/?format=json", headers=headers, timeout=120).json()
    return {"schema": schemathesis.openapi.from_dict(document), "base": base, "headers": headers}


CHECKS = [not_a_server_error, response_schema_conformance]


def test_no_operation_answers_500_or_off_its_schema(api):
    failures: dict[str, str] = {}
    ungenerated = []
    for result in api["schema"].get_all_operations():
        operation = result.ok()
        try:
            _fuzz(api, operation, failures)
        except UnsatisfiableSchema:  # e.g. a choice of records the demo city has none of
            ungenerated.append(operation.label)
    print(f"{len(ungenerated)} operation(s) with no valid input to generate: {ungenerated}")
    assert not failures, "\n\n".join(f"{label}: {text}" for label, text in failures.items())


def _fuzz(api, operation, failures: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=3, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
    def check(case):
        response = case.call(base_url=api["base"], headers=api["headers"], timeout=60)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as failure:
            failures.setdefault(operation.label, str(failure).strip()[:700])

    check()
