import json

from gospablik.style import check


def test_it_serializes_exactly_the_contract_fields():
    data = check("Данное мероприятие состоится в 2024 г.").to_json("42")
    assert list(data)[:3] == ["id", "score", "issues"]
    assert isinstance(data["score"], float) and 0 <= data["score"] <= 10
    for issue in data["issues"]:
        assert set(issue) == {"rule", "category", "start", "end", "message", "suggestion"}
    json.dumps(data, ensure_ascii=False)


def test_it_points_spans_at_the_flagged_words_after_emoji():
    text = "🎉🎉 Друзья! 👨‍👩‍👧 Данное мероприятие пройдёт в 2024 г. 🚀"
    issues = check(text).to_json()["issues"]
    assert [text[i["start"] : i["end"]] for i in issues] == ["Данное", "мероприятие", "2024 г."]
    assert [i["suggestion"] for i in issues] == ["Это", None, "2024 году"]
