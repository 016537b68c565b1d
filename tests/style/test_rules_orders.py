from gospablik.style.rules.orders import OrderInfinitive

from .helpers import passages


def test_it_flags_order_clauses_after_numbering_and_addressee():
    text = (
        "3.1. Обеспечить регистрацию приказа. Руководителям медицинских организаций довести приказ."
    )
    assert passages(OrderInfinitive(), text) == [
        "Обеспечить",
        "Руководителям медицинских организаций довести",
    ]


def test_it_leaves_infinitive_subjects_and_questions_alone():
    text = "Организовать праздник просто. Как утвердить график? Записаться можно онлайн."
    assert passages(OrderInfinitive(), text) == []
