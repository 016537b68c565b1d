from gospablik.style.rules.chains import GenitiveChain, VerbalNounChain
from gospablik.style.rules.voice import ParticipialPhrase, PassiveVoice, WhichChain

from .helpers import passages


def test_it_flags_a_verbal_noun_chain_once():
    text = "Ведётся работа по обеспечению реализации программы."
    assert passages(VerbalNounChain(), text) == ["работа по обеспечению реализации программы"]
    assert passages(GenitiveChain(), text) == []


def test_it_does_not_chain_across_names_and_conjunctions():
    assert passages(GenitiveChain(), "Сын министра здравоохранения Дмитрия Беглова пришёл.") == []
    assert passages(GenitiveChain(), "Создание и ведение реестра аккаунтов.") == []


def test_it_flags_passive_with_auxiliary_be():
    assert passages(PassiveVoice(), "Решение будет принято завтра.") == ["будет принято"]


def test_it_flags_report_participles_without_be():
    assert passages(PassiveVoice(), "Проведено 15 проверок.") == ["Проведено"]


def test_it_leaves_adjective_like_participles_alone():
    assert passages(PassiveVoice(), "Музей закрыт, а мы были вынуждены ждать.") == []


def test_it_does_not_flag_imperatives_of_passive_verbs():
    assert passages(PassiveVoice(), "Оформляйтесь заранее.") == []


def test_it_flags_only_postposed_participial_phrases():
    assert passages(ParticipialPhrase(), "Найденной мной в архиве старой картой гордимся.") == []
    text = "Пациенты, не получившие направление в прошлом году, приглашаются."
    assert passages(ParticipialPhrase(), text) == ["получившие направление в прошлом году"]


def test_it_counts_which_per_sentence():
    text = "Врач, который пришёл, ушёл. Сестра, которая осталась, помогла."
    assert passages(WhichChain(), text) == []


def test_it_tells_verbal_nouns_from_names_of_things():
    from gospablik.style.morph import analyze

    assert analyze("проведения").verbal and analyze("реализации").verbal
    assert not analyze("организации").verbal and not analyze("здравоохранения").verbal
