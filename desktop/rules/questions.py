"""The fixed list of security questions (پرسش‌های امنیتی) used for password recovery.

Source: the guide's step 3 and recovery screens name four questions (favourite colour, city of
birth, first workplace, an elementary-school teacher's name); SPEC asks for at least six, so
four more in the same style are added. Ids are stable: they are stored with the answers' hashes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One security question: a stable ``id`` (ASCII) and its Persian ``text``."""

    id: str
    text: str


QUESTIONS: tuple[Question, ...] = (
    Question("favorite_color", "رنگ مورد علاقه شما چیست؟"),
    Question("birth_city", "شما در چه شهری متولد شده‌اید؟"),
    Question("first_workplace", "نام اولین کارگاهی که در آن مشغول به کار شدید چیست؟"),
    Question("elementary_teacher", "نام یکی از معلمین دوره دبستان شما چه بوده است؟"),
    Question("childhood_friend", "نام بهترین دوست دوران کودکی شما چیست؟"),
    Question("first_school", "نام اولین مدرسه‌ای که در آن درس خواندید چیست؟"),
    Question("favorite_food", "غذای مورد علاقه شما چیست؟"),
    Question("father_birth_city", "پدر شما در چه شهری متولد شده است؟"),
)

_BY_ID = {q.id: q for q in QUESTIONS}
QUESTION_IDS: frozenset[str] = frozenset(_BY_ID)


def question_text(question_id: str, lang: str = "fa") -> str:
    """The text of a question in ``lang``: the ``messages`` catalog's ``question.<id>``, or the
    Persian text of :data:`QUESTIONS` when the catalog has none.

    Raises KeyError for an id not in the list.
    """
    from desktop.i18n import gettext

    text = _BY_ID[question_id].text
    key = f"question.{question_id}"
    translated = gettext("messages", key, lang)
    return text if translated == key else translated
