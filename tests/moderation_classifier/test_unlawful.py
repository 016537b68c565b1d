from gospablik.moderation.classifier import Pipeline, UnlawfulRule, UnlawfulRules
from gospablik.moderation.classifier.core import Item

RULES = [
    UnlawfulRule("drugs", "keyword", "закладк*", "ст. 6.13 КоАП РФ", "Пропаганда наркотиков"),
    UnlawfulRule("casino", "domain", "casino-x.com", "ст. 14.1.1 КоАП РФ", "Азартные игры"),
    UnlawfulRule(
        "fake", "regex", r"фейк\w* о (?:армии|вс рф)", "ст. 20.3.3 КоАП РФ", "Дискредитация"
    ),
]


def test_it_fires_each_kind_of_rule_with_its_norm():
    rules = UnlawfulRules(RULES)
    text = "Закладки тут, играй на https://www.casino-x.com/ref, фейки о армии"
    findings = rules.analyze(Item(text))
    assert [f.spans[0].rule for f in findings] == [
        "unlawful:drugs",
        "unlawful:casino",
        "unlawful:fake",
    ]
    assert "ст. 14.1.1 КоАП РФ" in findings[1].explanation


def test_it_does_not_match_other_domains():
    rules = UnlawfulRules(RULES[1:2])
    assert rules.analyze(Item("смотрите notcasino-x.com.evil.ru")) == []


def test_it_sends_unlawful_content_to_review_not_deletion():
    verdict = Pipeline(unlawful_rules=RULES).classify("Делаем закладки по району")
    assert "unlawful" in verdict.labels
    assert verdict.action == "review"
    assert verdict.to_json("x")["scores"]["unlawful"] == 0.9
