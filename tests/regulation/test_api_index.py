"""/api/ answers with an index; the schema groups endpoints by module."""

from __future__ import annotations

import yaml


def test_the_api_root_is_an_index(client):
    data = client.get("/api/").json()
    assert data["docs"].endswith("/api/docs/") and data["schema"].endswith("/api/schema/")
    assert data["per_ministry"]["content"].endswith("/api/m/{ministry}/content/")


def test_the_schema_groups_endpoints_by_module(client, keeper):
    client.force_login(keeper)
    schema = yaml.safe_load(client.get("/api/schema/").content)
    tags = {tag for op in _operations(schema) for tag in op.get("tags", [])}
    assert "m" not in tags
    assert {"accounts", "duties", "content", "approvals"} <= tags


def _operations(schema):
    for item in schema["paths"].values():
        yield from (
            op for key, op in item.items() if key in ("get", "post", "put", "patch", "delete")
        )
