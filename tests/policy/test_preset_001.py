"""Seed 001 — Kuzbass Ministry of Social Protection, draft order: one test per clause."""

import pytest

from gospablik.policy import Policy, load_preset
from gospablik.policy.schema import Function


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_preset("kuzbass-social-protection-draft")


def keys_for(policy: Policy, function: Function) -> list[str]:
    return [org.key for org in policy.orgs_for(function)]


def test_it_001_is_an_unsigned_draft(policy: Policy) -> None:
    assert policy.signed_on is None
    assert policy.document.startswith("Проект приказа")
    assert policy.org(policy.ministry).name == "Министерство социальной защиты населения Кузбасса"


def test_it_001_p1_1_allows_facebook_and_instagram(policy: Policy) -> None:
    assert policy.allows_network("facebook") and policy.allows_network("instagram")
    assert policy.network_clause("instagram") == "001 Порядок п.1.1"


def test_it_001_p1_1_allows_ok_vk_and_blogs(policy: Policy) -> None:
    assert all(policy.allows_network(n) for n in ("ok", "vk", "blog"))
    assert not policy.allows_network("telegram")


def test_it_001_p1_2_1_assigns_the_registry_to_the_organizational_department(
    policy: Policy,
) -> None:
    (org,) = policy.orgs_for("registry")
    assert org.name.startswith("Отдел организационной работы и делопроизводства")
    assert policy.assignments_for("registry")[0].clause.startswith("001 Порядок п.1.2.1")


def test_it_001_p1_2_2_assigns_posting_to_the_organizational_department(policy: Policy) -> None:
    assert keys_for(policy, "posting") == ["orgwork"]


def test_it_001_p1_3_1_assigns_maintenance_to_the_gku(policy: Policy) -> None:
    (org,) = policy.orgs_for("maintenance")
    assert org.kind == "operator"
    assert "Центр социальных выплат и информатизации" in org.name


def test_it_001_p1_3_2_assigns_security_to_the_gku(policy: Policy) -> None:
    assert keys_for(policy, "security") == ["csvi"]
    assert policy.security.clause == "001 Порядок п.1.3.2"


def test_it_001_p2_abz2_assigns_account_creation_to_both(policy: Policy) -> None:
    assert keys_for(policy, "account_creation") == ["orgwork", "csvi"]


def test_it_001_p2_abz4_notifies_the_media_directorate_within_10_days(policy: Policy) -> None:
    spec = policy.account_notification
    recipient = policy.org(spec.recipient)
    assert recipient.kind == "media_directorate"
    assert recipient.name == (
        "Главное управление по работе со средствами массовой информации "
        "Администрации Правительства Кузбасса"
    )
    assert (spec.period.amount, spec.period.unit, spec.clause) == (
        10,
        "calendar_days",
        "001 п.2 абз.4",
    )


def test_it_001_p2_abz4_rolls_the_10_days_to_a_working_day(policy: Policy) -> None:
    assert policy.account_notification.period.roll_to_working_day


def test_it_001_p3_has_the_gku_place_the_order_with_no_deadline(policy: Policy) -> None:
    spec = policy.order_publication
    assert (spec.responsible, spec.period, spec.clause) == ("csvi", None, "001 п.3")
    assert len(spec.where) == 2


def test_it_001_has_no_repost_cap(policy: Policy) -> None:
    assert policy.repost_cap is None


def test_it_001_has_no_cur_approval_clause(policy: Policy) -> None:
    assert policy.approvals is None
    assert policy.orgs_for("content_approval") == []
    assert policy.orgs_for("information_requests") == []


def test_it_001_keeps_cur_as_an_organization_without_functions(policy: Policy) -> None:
    assert policy.org("cur-kuzbass").kind == "cur"
    assert all("cur-kuzbass" not in a.orgs for a in policy.functions)


def test_it_001_p2_3_lists_the_same_content_formats(policy: Policy) -> None:
    assert len(policy.content_formats) == 10
    assert policy.content_formats_clause == "001 Порядок п.2.3"


def test_it_001_p2_4_asks_for_conversational_style(policy: Policy) -> None:
    assert policy.style.conversational and policy.style.discourage_bureaucratese
    assert policy.style.clause == "001 Порядок п.2.4 абз.2"


def test_it_001_p2_5_assigns_moderation_to_the_organizational_department(policy: Policy) -> None:
    assert keys_for(policy, "moderation") == ["orgwork"]
    assert policy.moderation.blacklist_allowed
    assert policy.moderation.clause == "001 Порядок п.2.5 абз.2"
