"""Policy helpers, deadlines under a policy, YAML round trip, clause citations."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from gospablik.policy import (
    PeriodSpec,
    Policy,
    dump_policy,
    list_presets,
    load_policy_text,
    load_preset,
)

NSK = ZoneInfo("Asia/Novokuznetsk")
HEALTH = "kuzbass-health-335"
SOCIAL = "kuzbass-social-protection-draft"


def clauses(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "clause" or key.endswith("_clause"):
                yield f"{path}.{key}", item
            else:
                yield from clauses(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from clauses(item, f"{path}.{i}")


def test_it_lists_both_presets() -> None:
    assert list_presets() == [HEALTH, SOCIAL]


@pytest.mark.parametrize("name", [HEALTH, SOCIAL])
def test_it_loads_each_preset_under_its_own_key(name: str) -> None:
    assert load_preset(name).key == name


@pytest.mark.parametrize(("name", "seed"), [(HEALTH, "000"), (SOCIAL, "001")])
def test_it_cites_a_clause_of_its_own_seed_for_every_value(name: str, seed: str) -> None:
    cited = list(clauses(load_preset(name).model_dump()))
    assert len(cited) > 20
    for path, clause in cited:
        from_law = path.startswith(".profile.passport") and "-ФЗ" in clause  # page passport
        assert clause.startswith(seed) or seed in clause or from_law, path


@pytest.mark.parametrize("name", [HEALTH, SOCIAL])
def test_it_round_trips_through_yaml(name: str) -> None:
    policy = load_preset(name)
    assert load_policy_text(dump_policy(policy), "copy.yaml") == policy


def test_it_computes_the_cur_notice_deadline_from_a_friday() -> None:
    policy = load_preset(HEALTH)
    created = datetime(2024, 4, 26, 10, 0, tzinfo=NSK)  # Friday before the May holidays
    due = policy.due_at(created, policy.account_notification.period)
    assert due == datetime(2024, 5, 3, 23, 59, 59, tzinfo=NSK)
    assert due.tzinfo == UTC


def test_it_computes_the_media_notice_deadline_from_a_friday_with_rolling() -> None:
    policy = load_preset(SOCIAL)
    created = datetime(2025, 3, 14, 10, 0, tzinfo=NSK)  # +10 days = Monday 24.03
    assert policy.due_at(created, policy.account_notification.period) == datetime(
        2025, 3, 24, 23, 59, 59, tzinfo=NSK
    )
    created = datetime(2025, 3, 5, 10, 0, tzinfo=NSK)  # +10 days = Saturday 15.03 → Monday
    assert policy.due_at(created, policy.account_notification.period).date() == date(2025, 3, 17)


def test_it_applies_calendar_overrides_of_the_policy() -> None:
    base = load_preset(HEALTH)
    calendar = base.calendar.model_copy(update={"extra_days_off": [date(2025, 3, 17)]})
    policy = base.model_copy(update={"calendar": calendar})
    created = datetime(2025, 3, 14, 10, 0, tzinfo=NSK)
    due = policy.due_at(created, PeriodSpec(amount=1, unit="working_days"))
    assert due.astimezone(NSK).date() == date(2025, 3, 18)


def test_it_gives_the_ministry_time_zone() -> None:
    assert load_preset(HEALTH).tz() == NSK


def test_it_finds_an_org_or_explains_in_russian() -> None:
    policy = load_preset(HEALTH)
    assert policy.org("cur-kuzbass").short_name == "ЦУР Кузбасса"
    with pytest.raises(KeyError, match="нет организации"):
        policy.org("nobody")


def test_it_describes_a_period_spec_in_russian() -> None:
    assert PeriodSpec(amount=4, unit="business_hours").describe_ru() == "4 рабочих часа"


def test_it_rejects_rolling_for_working_days() -> None:
    with pytest.raises(ValidationError, match="roll_to_working_day"):
        PeriodSpec(amount=3, unit="working_days", roll_to_working_day=True)


def test_it_is_frozen() -> None:
    policy = load_preset(HEALTH)
    with pytest.raises(ValidationError):
        policy.version = 2  # type: ignore[misc]


def test_it_requires_an_approver_when_approvals_are_set() -> None:
    data = load_preset(HEALTH).model_dump()
    data["functions"] = [f for f in data["functions"] if f["function"] != "content_approval"]
    with pytest.raises(ValidationError, match="content_approval"):
        Policy.model_validate(data)


def test_it_rejects_review_threshold_above_auto_delete() -> None:
    data = load_preset(HEALTH).model_dump()
    data["moderation"]["review_threshold"]["spam"] = 0.99
    with pytest.raises(ValidationError, match="spam"):
        Policy.model_validate(data)


def test_it_rejects_an_unknown_moderation_category() -> None:
    data = load_preset(HEALTH).model_dump()
    data["moderation"]["auto_delete_threshold"]["politics"] = 0.9
    with pytest.raises(ValidationError, match="politics"):
        Policy.model_validate(data)
