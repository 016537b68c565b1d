"""Schemathesis against the OpenAPI schema, in-process: no generated request (valid or
not, with the real ministry and real ids or random ones) makes the server fail."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode

from gospablik.orgs.models import Membership, Organization
from tests.foundation.factories import register

M = "kuzbass-health-335"
EXAMPLES = 5  # per operation and mode: bounded, the suite stays fast
ROLES = {
    "kuzdrav": ["head"],
    "komiac": ["security_officer", "registry_keeper", "editor", "moderator"],
}


@pytest.fixture
def fuzzer(make_user, health, keeper) -> Client:
    """One person with every working role of the ministry, so writes get past the doors."""
    user = make_user("fuzzer")
    for key, roles in ROLES.items():
        org = Organization.objects.get(ministry=health, key=key)
        for role in roles:
            Membership.objects.create(user=user, organization=org, role=role)
    register(health, keeper)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def send_raw(client: Client, case: Any) -> Any:
    query = urlencode(case.query or {}, doseq=True)
    body = case.body if isinstance(case.body, dict | list | str | int | float | bool) else None
    return client.generic(
        case.method.upper(),
        case.formatted_path,
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        QUERY_STRING=query,
    )


def send(client: Client, case: Any) -> int:
    return int(send_raw(client, case).status_code)


def operations(client: Client) -> list[Any]:
    schema = client.get("/api/schema/", {"format": "json"}).json()
    loaded = schemathesis.openapi.from_dict(schema)
    return [result.ok() for result in loaded.get_all_operations() if isinstance(result, Ok)]


def fuzz(client: Client, operation: Any, mode: GenerationMode) -> list[str]:
    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        case=operation.as_strategy(generation_mode=mode),
        real=st.booleans(),
        pk=st.sampled_from(["1", "2"]),
    )
    def run(case: Any, real: bool, pk: str) -> None:
        if "ministry" in (case.path_parameters or {}):
            case.path_parameters["ministry"] = M if real else case.path_parameters["ministry"]
        if real and "id" in (case.path_parameters or {}):
            case.path_parameters["id"] = pk
        status = send(client, case)
        if status >= 500:
            failures.append(f"{case.method.upper()} {case.formatted_path} -> {status}")

    try:
        run()
    except Unsatisfiable:  # e.g. no negative case exists for an operation without inputs
        pass
    return failures


def test_no_generated_request_makes_a_server_error(fuzzer):
    found: list[str] = []
    for operation in operations(fuzzer):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            found += fuzz(fuzzer, operation, mode)
    assert found == []
