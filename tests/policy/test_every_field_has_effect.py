"""Every value of the policy schema has a test that shows its effect.

A test proves a field by changing the value and showing the behaviour change, and says so
with ``@pytest.mark.policy_field("section.field")``. A field added to the schema without
such a test fails here, so no value of the Порядок can be decorative.
"""

from __future__ import annotations

from gospablik.policy.fields import field_paths


def test_it_names_a_test_for_every_field(policy_field_tests: set[str]) -> None:
    missing = [p for p in field_paths() if p not in policy_field_tests]
    assert not missing, "поля политики без теста их действия: " + ", ".join(missing)


def test_it_names_only_real_fields(policy_field_tests: set[str]) -> None:
    unknown = sorted(policy_field_tests - set(field_paths()))
    assert not unknown, "policy_field называет несуществующие поля: " + ", ".join(unknown)
