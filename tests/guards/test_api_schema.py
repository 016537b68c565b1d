"""A standing guard: a bounded Schemathesis run over /api/schema/ as a person with every
working role. Every valid generated request is answered without a server error, and every
answer the schema documents matches it (a body that contradicts the schema fails)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

from tests.security.test_api_fuzz import M, operations, send_raw
from tests.security.test_api_fuzz import fuzzer as privileged  # noqa: F401 (a fixture)

EXAMPLES = 3  # per operation: CI stays fast


def as_httpx(case: Any, response: Any) -> httpx.Response:
    request = httpx.Request(case.method.upper(), f"http://testserver{case.formatted_path}")
    headers = {k: v for k, v in response.items()}
    body = b"" if response.streaming else response.content
    answer = httpx.Response(response.status_code, headers=headers, content=body, request=request)
    answer.elapsed = timedelta(0)  # in-process: no network time
    return answer


def conform(client: Any, operation: Any) -> list[str]:
    failures: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
    def run(case: Any) -> None:
        if "ministry" in (case.path_parameters or {}):
            case.path_parameters["ministry"] = M
        response = as_httpx(case, send_raw(client, case))
        try:
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )
        except (FailureGroup, AssertionError) as error:
            failures.append(f"{case.method.upper()} {case.formatted_path}: {str(error)[:300]}")

    try:
        run()
    except Unsatisfiable:
        pass
    return failures


@pytest.mark.django_db
def test_every_operation_answers_as_its_schema_says(privileged):  # noqa: F811 (the fixture)
    found: list[str] = []
    for operation in operations(privileged):
        found += conform(privileged, operation)
    assert found == [], "\n".join(found)


@pytest.mark.django_db
def test_the_guard_fails_on_an_answer_that_contradicts_the_schema(privileged):  # noqa: F811
    """Not a guard that cannot fail: a list answer with a wrong body is caught."""
    operation = next(
        o for o in operations(privileged) if o.path.endswith("/duties/") and o.method == "get"
    )
    case = operation.Case(path_parameters={"ministry": M})
    request = httpx.Request("GET", f"http://testserver{case.formatted_path}")
    wrong = httpx.Response(200, json={"count": "many", "results": "none"}, request=request)
    wrong.elapsed = timedelta(0)
    with pytest.raises((FailureGroup, AssertionError)):
        case.validate_response(wrong, checks=[response_schema_conformance])
