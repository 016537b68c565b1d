"""A broken policy file fails with a Russian message naming the file, the field and the problem."""

from importlib.resources import files
from pathlib import Path

import pytest

from gospablik.policy import PolicyError, load_policy, load_preset

PRESET = (files("gospablik.policy") / "presets" / "kuzbass-health-335.yaml").read_text("utf-8")


def line_of(text: str) -> int:
    return PRESET[: PRESET.index(text)].count("\n") + 1


def broken(tmp_path: Path, old: str, new: str) -> PolicyError:
    assert old in PRESET
    path = tmp_path / "minzdrav-broken.yaml"
    path.write_text(PRESET.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert "minzdrav-broken.yaml" in str(caught.value)
    return caught.value


def test_it_reports_bad_yaml_with_line_and_field(tmp_path: Path) -> None:
    error = broken(tmp_path, "  signer_role: head", "  signer_role: head: chief")
    assert f"строка {line_of('  signer_role: head')}" in str(error)
    assert "approvals.signer_role" in str(error)
    assert "двоеточие" in str(error)


def test_it_reports_an_unclosed_bracket(tmp_path: Path) -> None:
    error = broken(tmp_path, "  events: [created, deleted]", "  events: [created, deleted")
    assert "account_notification" in str(error)
    assert "скобка" in str(error)


def test_it_reports_an_unknown_field(tmp_path: Path) -> None:
    error = broken(tmp_path, "  signer_role: head", "  signer_rol: head")
    assert "approvals.signer_rol" in str(error)
    assert "неизвестное поле" in str(error)


def test_it_reports_a_negative_amount(tmp_path: Path) -> None:
    error = broken(
        tmp_path,
        "    amount: 4  # величина срока\n    unit: hours",
        "    amount: -4\n    unit: hours",
    )
    assert "approvals.operational.amount" in str(error)
    assert "ожидалось целое число > 0, получено -4" in str(error)
    assert error.issues[0].line == line_of("    amount: 4  # величина срока\n    unit: hours")


def test_it_reports_an_unknown_org_key(tmp_path: Path) -> None:
    error = broken(tmp_path, "recipient: cur-kuzbass", "recipient: cur-kuzbas")
    assert "account_notification.recipient" in str(error)
    assert "«cur-kuzbas»" in str(error)


def test_it_reports_every_unknown_org_key_in_functions(tmp_path: Path) -> None:
    error = broken(tmp_path, "orgs: [kuzdrav-legal]", "orgs: [legal, kuzdrav, nobody]")
    assert [issue.path for issue in error.issues] == ["functions.10.orgs.0", "functions.10.orgs.2"]


def test_it_reports_a_bad_timezone(tmp_path: Path) -> None:
    error = broken(tmp_path, "timezone: Asia/Novokuznetsk", "timezone: Asia/Kemerovo")
    assert "поле timezone" in str(error)
    assert "часовой пояс «Asia/Kemerovo»" in str(error)


def test_it_reports_an_unquoted_time(tmp_path: Path) -> None:
    error = broken(tmp_path, 'business_hours_end: "18:00"', "business_hours_end: 18:00")
    assert "calendar.business_hours_end" in str(error)
    assert "в кавычках" in str(error)


def test_it_reports_a_duplicate_key(tmp_path: Path) -> None:
    error = broken(tmp_path, "version: 1", "version: 1\nversion: 2")
    assert "поле version" in str(error)
    assert "повторно" in str(error)


def test_it_reports_a_duplicate_network(tmp_path: Path) -> None:
    error = broken(tmp_path, "  - network: blog", "  - network: vk")
    assert "networks.2" in str(error)


def test_it_reports_an_unknown_unit_with_the_allowed_ones(tmp_path: Path) -> None:
    error = broken(tmp_path, "unit: working_days", "unit: workdays")
    assert "account_notification.period.unit" in str(error)
    assert "«workdays»" in str(error) and "'business_hours'" in str(error)


def test_it_reports_a_missing_field(tmp_path: Path) -> None:
    error = broken(tmp_path, "content_formats_clause: 000 Порядок п.2.3\n", "")
    assert "content_formats_clause: обязательное поле не указано" in str(error)


def test_it_reports_a_ministry_that_is_not_a_ministry(tmp_path: Path) -> None:
    error = broken(tmp_path, "ministry: kuzdrav", "ministry: komiac")
    assert "поле ministry" in str(error) and "kind: ministry" in str(error)


def test_it_reports_an_empty_ladder_when_the_blacklist_is_allowed(tmp_path: Path) -> None:
    ladder = PRESET[PRESET.index("  sanctions_ladder:") : PRESET.index("  review_sla:")]
    error = broken(tmp_path, ladder, "  sanctions_ladder: []\n")
    assert "поле moderation" in str(error) and "sanctions_ladder" in str(error)


def test_it_reports_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(PolicyError, match="empty.yaml.*пустой файл"):
        load_policy(path)


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="nowhere.yaml.*не прочитан"):
        load_policy(tmp_path / "nowhere.yaml")


def test_it_reports_an_unknown_preset() -> None:
    with pytest.raises(PolicyError, match="kuzbass-health-335"):
        load_preset("kuzbass-sport")


def test_it_is_a_value_error() -> None:
    assert issubclass(PolicyError, ValueError)
    assert str(PolicyError("просто сообщение")) == "просто сообщение"


def test_it_reports_a_tab_in_the_indentation(tmp_path: Path) -> None:
    error = broken(tmp_path, "  signer_role: head", "\tsigner_role: head")
    assert "табуляци" in str(error)
