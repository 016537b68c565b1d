"""Every value of the policy schema has a test that shows its effect.

A test proves a field by changing the value and showing the behaviour change, and says so
with ``@pytest.mark.policy_field("section.field")``. A field added to the schema without
such a test fails here, so no value of the Порядок can be decorative.
"""

from __future__ import annotations

from gospablik.policy.fields import field_paths


def test_it_names_a_test_for_every_field(policy_field_tests: set[str]) -> None:
    missing = [p for p in field_paths() if not covered(p, policy_field_tests)]
    assert not missing, "поля политики без теста их действия: " + ", ".join(missing)


def test_it_names_only_real_fields(policy_field_tests: set[str]) -> None:
    paths = field_paths()
    containers = {p.rsplit(".", n)[0] for p in paths for n in range(1, p.count(".") + 1)}
    unknown = sorted(policy_field_tests - set(paths) - containers)
    assert not unknown, "policy_field называет несуществующие поля: " + ", ".join(unknown)


def covered(path: str, tagged: set[str]) -> bool:
    """A value is covered by a test of it or of the list/section that holds it (a test that
    changes the topics list shows the effect of each topic's fields together)."""
    parts = path.split(".")
    shortest = min(2, len(parts))  # never a whole section for all its fields
    return any(".".join(parts[:n]) in tagged for n in range(len(parts), shortest - 1, -1))
