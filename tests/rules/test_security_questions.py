"""Security questions: the fixed list, three different questions, different answers."""

from __future__ import annotations

import pytest

from desktop.rules.fields import parse_question_ids, parse_security_questions
from desktop.rules.questions import QUESTIONS, question_text

Q1, Q2, Q3 = (q.id for q in QUESTIONS[:3])


def test_at_least_six_questions_with_unique_ids_and_persian_texts():
    assert len(QUESTIONS) >= 6
    assert len({q.id for q in QUESTIONS}) == len(QUESTIONS)
    assert all(q.id.isascii() and q.text and not q.text.isascii() for q in QUESTIONS)


def test_the_guides_questions_are_in_the_list():
    texts = [q.text for q in QUESTIONS]
    assert "رنگ مورد علاقه شما چیست؟" in texts
    assert any("شهری متولد" in t for t in texts)
    assert any("اولین کارگاهی" in t for t in texts)
    assert any("معلمین دوره دبستان" in t for t in texts)


def test_question_text_in_both_languages():
    assert question_text("favorite_color") == "رنگ مورد علاقه شما چیست؟"
    assert question_text("favorite_color", "en") == "What is your favourite colour?"
    for q in QUESTIONS:
        assert question_text(q.id, "en").isascii()
    with pytest.raises(KeyError):
        question_text("no_such_question")


def test_three_different_questions_and_answers_pass():
    parsed = parse_security_questions([(Q1, "آبی"), (Q2, "تهران"), (Q3, "کارخانه")])
    assert parsed.value == f"{Q1},{Q2},{Q3}"  # the answers (secrets) are not in the value


@pytest.mark.parametrize(
    ("pairs", "code", "index"),
    [
        ([(Q1, "آبی"), (Q1, "تهران"), (Q3, "کارخانه")], "duplicate_question", 1),
        ([(Q1, "آبی"), (Q2, "تهران"), (Q2, "تهران")], "duplicate_question", 2),
        ([(Q1, "تهران"), (Q2, "تهران"), (Q3, "کارخانه")], "duplicate_answer", 1),
        ([(Q1, "Tehran"), (Q2, "x"), (Q3, " TEHRAN ")], "duplicate_answer", 2),  # case, spaces
        ([(Q1, "علي"), (Q2, "علی"), (Q3, "x1")], "duplicate_answer", 1),  # after normalisation
        ([(Q1, "آبی"), (Q2, "ت"), (Q3, "کارخانه")], "answer_too_short", 1),
        ([(Q1, "آبی"), (Q2, " ت "), (Q3, "کارخانه")], "answer_too_short", 1),
        ([(Q1, "آبی"), (Q2, ""), (Q3, "کارخانه")], "required", 1),
        ([(Q1, "آبی"), (Q2, "  "), (Q3, "")], "required", 1),  # two empties are not duplicates
        ([(Q1, "آبی"), ("", "تهران"), (Q3, "کارخانه")], "required", 1),
        ([(Q1, "آبی"), ("unknown", "تهران"), (Q3, "کارخانه")], "required", 1),
        ([(Q1, "آبی"), (Q2, "تهران")], "required", 2),
        ([], "required", 0),
    ],
)
def test_refusals_in_spec_order(pairs, code, index):
    parsed = parse_security_questions(pairs)
    assert parsed.codes == (code,)
    assert parsed.errors[0].params["index"] == index
    assert parsed.errors[0].field == "security_questions"


def test_duplicate_question_wins_over_every_other_code():
    parsed = parse_security_questions([(Q1, "x"), (Q1, "x"), (Q3, "")])
    assert parsed.codes == ("duplicate_question",)


def test_more_than_three_pairs_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_security_questions([(q.id, f"پاسخ{i}") for i, q in enumerate(QUESTIONS[:4])])


def test_question_ids_alone_for_the_service():
    assert parse_question_ids([Q1, Q2, Q3]).value == f"{Q1},{Q2},{Q3}"
    assert parse_question_ids([Q1, Q1, Q3]).codes == ("duplicate_question",)
    assert parse_question_ids([Q1, Q2]).codes == ("required",)
    assert parse_question_ids([Q1, Q2, "nope"]).codes == ("required",)
