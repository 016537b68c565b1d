"""Seed 000 — Kuzbass Ministry of Health, order 21.05.2024 No 335: one test per clause."""

from datetime import date, time

import pytest

from gospablik.policy import Policy, load_preset
from gospablik.policy.schema import Function


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_preset("kuzbass-health-335")


def keys_for(policy: Policy, function: Function) -> list[str]:
    return [org.key for org in policy.orgs_for(function)]


def clauses_for(policy: Policy, function: Function) -> list[str]:
    return [a.clause for a in policy.assignments_for(function)]


def test_it_000_identifies_the_signed_order(policy: Policy) -> None:
    assert policy.document == "Приказ Министерства здравоохранения Кузбасса от 21.05.2024 № 335"
    assert policy.signed_on == date(2024, 5, 21)
    assert policy.timezone == "Asia/Novokuznetsk"
    assert policy.org(policy.ministry).name == "Министерство здравоохранения Кузбасса"


def test_it_000_p2_names_komiac_as_the_operator(policy: Policy) -> None:
    komiac = policy.org("komiac")
    assert (komiac.kind, komiac.short_name) == ("operator", "ГАУЗ «КОМИАЦ им. Р.М. Зельковича»")


def test_it_000_p2_abz2_assigns_account_creation_to_komiac(policy: Policy) -> None:
    assert keys_for(policy, "account_creation") == ["komiac"]
    assert clauses_for(policy, "account_creation") == ["000 п.2 абз.2"]


def test_it_000_p2_abz3_and_p1_2_1_assign_the_registry_to_komiac(policy: Policy) -> None:
    assert keys_for(policy, "registry") == ["komiac"]
    assert clauses_for(policy, "registry") == ["000 п.2 абз.3; Порядок п.1.2.1"]


def test_it_000_p2_abz4_notifies_cur_within_3_working_days(policy: Policy) -> None:
    spec = policy.account_notification
    assert policy.org(spec.recipient).kind == "cur"
    assert (spec.period.amount, spec.period.unit) == (3, "working_days")
    assert spec.events == ["created", "deleted"]
    assert spec.clause == spec.period.clause == "000 п.2 абз.4"
    assert keys_for(policy, "account_notification") == ["komiac"]


def test_it_000_p2_abz6_answers_cur_requests_without_a_fixed_deadline(policy: Policy) -> None:
    assert keys_for(policy, "information_requests") == ["komiac"]
    assert policy.approvals is not None
    assert policy.approvals.information_request_max is None


def test_it_000_p2_abz7_requires_one_remarks_document_signed_by_the_head(policy: Policy) -> None:
    assert policy.approvals is not None
    assert policy.approvals.single_remarks_document is True
    assert policy.approvals.signer_role == "head"
    assert keys_for(policy, "content_approval") == ["komiac"]


def test_it_000_p2_abz8_approves_operational_content_within_4_hours(policy: Policy) -> None:
    assert policy.approvals is not None
    operational = policy.approvals.operational
    assert (operational.amount, operational.unit, operational.clause) == (
        4,
        "hours",
        "000 п.2 абз.8",
    )


def test_it_000_p2_abz8_approves_special_projects_within_3_working_days(policy: Policy) -> None:
    assert policy.approvals is not None
    special = policy.approvals.special_project
    assert (special.amount, special.unit, special.clause) == (3, "working_days", "000 п.2 абз.8")


def test_it_000_p3_1_registers_the_order_and_publishes_it_on_legal_portals(policy: Policy) -> None:
    (step,) = policy.order_publication.extra_steps
    assert step.clause == "000 п.3.1"
    assert "Электронный документооборот" in step.action
    assert any("pravo.gov.ru" in place for place in step.where)
    assert any("bulleten-kuzbass.ru" in place for place in step.where)


def test_it_000_p3_2_publishes_the_order_within_3_days_by_the_legal_department(
    policy: Policy,
) -> None:
    spec = policy.order_publication
    assert policy.org(spec.responsible).name.startswith("Отдел правового обеспечения")
    assert spec.period is not None
    assert (spec.period.amount, spec.period.unit, spec.clause) == (3, "calendar_days", "000 п.3.2")
    assert spec.where == ["официальный сайт Министерства www.kuzdrav.ru"]


def test_it_000_p1_1_allows_ok_vk_and_blogs_only(policy: Policy) -> None:
    assert [n.network for n in policy.networks] == ["ok", "vk", "blog"]
    assert {n.clause for n in policy.networks} == {"000 Порядок п.1.1"}
    assert not policy.allows_network("telegram")
    assert not policy.allows_network("facebook")


def test_it_000_p1_2_2_and_p2_1_assign_posting_to_komiac_and_the_ministry(policy: Policy) -> None:
    assert keys_for(policy, "posting") == ["komiac", "kuzdrav"]
    assert "000 Порядок п.2.1" in clauses_for(policy, "posting")


def test_it_000_p1_2_3_assigns_maintenance_to_komiac(policy: Policy) -> None:
    assert keys_for(policy, "maintenance") == ["komiac"]
    assert clauses_for(policy, "maintenance") == ["000 Порядок п.1.2.3"]


def test_it_000_p1_2_4_assigns_security_to_komiac(policy: Policy) -> None:
    assert keys_for(policy, "security") == ["komiac"]
    assert policy.security.clause == "000 Порядок п.1.2.4"


def test_it_000_p2_2_caps_reposts_at_25_percent(policy: Policy) -> None:
    assert policy.repost_cap is not None
    assert policy.repost_cap.max_share == 0.25
    assert policy.repost_cap.clause == "000 Порядок п.2.2 абз.2"


def test_it_000_p2_3_lists_the_content_formats(policy: Policy) -> None:
    assert policy.content_formats == [
        "text", "photo", "infographic", "card", "animation", "video", "live", "poll",
        "contest", "campaign",
    ]  # fmt: skip
    assert policy.content_formats_clause == "000 Порядок п.2.3"


def test_it_000_p2_4_requires_a_description_and_design(policy: Policy) -> None:
    assert policy.profile is not None
    assert policy.profile.description_required and policy.profile.design_required
    assert policy.profile.clause == "000 Порядок п.2.4 абз.1"


def test_it_000_p2_4_abz2_asks_for_conversational_style(policy: Policy) -> None:
    style = policy.style
    assert style.conversational and style.discourage_press_release
    assert style.discourage_bureaucratese
    assert style.clause == "000 Порядок п.2.4 абз.2"


def test_it_000_p2_5_assigns_moderation_to_komiac(policy: Policy) -> None:
    assert keys_for(policy, "moderation") == ["komiac"]
    assert clauses_for(policy, "moderation") == ["000 Порядок п.2.5 абз.1"]


def test_it_000_p2_5_abz2_deletes_unlawful_spam_insults_and_obscenity(policy: Policy) -> None:
    categories = policy.moderation.delete_categories
    assert {"unlawful", "spam", "insult", "obscenity"} <= set(categories)
    assert policy.moderation.clause == "000 Порядок п.2.5 абз.2"


def test_it_000_p2_5_abz2_allows_the_blacklist_with_a_ladder(policy: Policy) -> None:
    ladder = [(step.action, step.days) for step in policy.moderation.sanctions_ladder]
    assert policy.moderation.blacklist_allowed
    assert ladder == [
        ("warning", None), ("ban", 1), ("ban", 3), ("ban", 7), ("ban", 30), ("ban", None),
    ]  # fmt: skip


def test_it_000_moderation_never_auto_deletes_unlawful(policy: Policy) -> None:
    moderation = policy.moderation
    assert "unlawful" not in moderation.auto_delete_threshold
    assert moderation.review_threshold["unlawful"] <= 0.5
    assert moderation.auto_delete_threshold["insult"] >= 0.99
    assert moderation.review_sla.unit == "business_hours"


def test_it_000_uses_the_default_working_day(policy: Policy) -> None:
    assert policy.calendar.business_hours_start == time(9, 0)
    assert policy.calendar.business_hours_end == time(18, 0)
