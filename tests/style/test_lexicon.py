from gospablik.style.lexicon import LIST_FILES, header_value, load_list, parse_line
from gospablik.style.model import CATEGORIES
from gospablik.style.patterns import compile_pattern


def test_it_names_a_source_in_every_list():
    for name in LIST_FILES.values():
        source = header_value(name, "source")
        assert source and "compiled by gospablik" in source


def test_it_loads_every_list_with_known_categories():
    for category, name in LIST_FILES.items():
        entries = load_list(name)
        assert entries and all(e.category == category for e in entries)
        assert category in CATEGORIES


def test_it_compiles_every_pattern_and_has_a_message():
    for name in LIST_FILES.values():
        for entry in load_list(name):
            assert compile_pattern(entry.phrase)
            assert entry.note and 0 < entry.weight <= 2


def test_it_has_no_duplicate_phrases():
    phrases = [e.phrase for name in LIST_FILES.values() for e in load_list(name)]
    assert len(phrases) == len(set(phrases))


def test_it_parses_optional_columns():
    entry = parse_line("в целях | чтобы | Проще «чтобы» | 0.5", "bureaucratese")
    assert (entry.suggestion, entry.weight) == ("чтобы", 0.5)
    assert parse_line("в рамках | - | Уберите", "bureaucratese").suggestion is None
