"""The three security questions and their answers (SPEC step 3, guide step 3).

Rule: three different questions from the fixed list (:mod:`desktop.rules.questions`); each
answer at least 2 characters; the three answers different from each other after normalisation
(:func:`~desktop.rules.normalize.normalize_answer`, the form that is hashed). Answers need not be
true, only remembered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from desktop.rules.normalize import normalize_answer
from desktop.rules.questions import QUESTION_IDS
from desktop.rules.result import Parsed

FIELD = "security_questions"
COUNT = 3
MIN_ANSWER_LENGTH = 2


def _first_repeat(items: Sequence[str]) -> int | None:
    """Index of the first item equal to an earlier one, or None."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item in seen:
            return i
        seen.add(item)
    return None


def _duplicate_question(ids: Sequence[str]) -> Parsed | None:
    repeat = _first_repeat(ids)
    if repeat is not None and ids[repeat] in QUESTION_IDS:
        return Parsed.refuse(FIELD, "duplicate_question", index=repeat)
    return None


def _missing(ids: Sequence[str], answers: Sequence[str] | None = None) -> Parsed | None:
    """``required`` at the first position without a listed question (or without an answer)."""
    for i in range(COUNT):
        if i >= len(ids) or ids[i] not in QUESTION_IDS or (answers is not None and not answers[i]):
            return Parsed.refuse(FIELD, "required", index=i)
    return None


def _check_count(count: int) -> None:
    if count > COUNT:
        raise ValueError(f"expected at most {COUNT} security questions, got {count}")


def parse_question_ids(question_ids: Iterable[str]) -> Parsed:
    """Check the chosen question ids alone (the service's check: it never sees answers).

    Value: the ids joined with ``,``. Codes, first that applies: ``duplicate_question``,
    ``required`` (fewer than three ids from the list); param ``index`` is the 0-based position
    to correct. Raises ValueError for more than three ids (a programming error, not input).
    """
    ids = [str(q) for q in question_ids]
    _check_count(len(ids))
    refusal = _duplicate_question(ids) or _missing(ids)
    return refusal or Parsed.accept(",".join(ids))


def parse_security_questions(pairs: Sequence[tuple[str, str]]) -> Parsed:
    """Check three ``(question_id, answer)`` pairs; value: the ids joined with ``,``.

    Answers are secrets and never part of the value (hash them with
    :func:`desktop.security.hashing.hash_answer`). Codes, first that applies (SPEC order):
    ``duplicate_question``, ``duplicate_answer`` (equal after normalisation), ``answer_too_short``
    (one character; param ``min``), ``required`` (a question not chosen, an empty answer, fewer
    than three pairs). Every error has param ``index``: the 0-based position of the pair to
    correct. Raises ValueError for more than three pairs (a programming error, not input).
    """
    pairs = list(pairs)
    _check_count(len(pairs))
    ids = [str(q) for q, _ in pairs]
    answers = [normalize_answer(str(a)) for _, a in pairs]
    refusal = _duplicate_question(ids)
    if refusal:
        return refusal
    # Empty answers are "required", not duplicates of each other.
    repeat = _first_repeat([a or f"\0{i}" for i, a in enumerate(answers)])
    if repeat is not None:
        return Parsed.refuse(FIELD, "duplicate_answer", index=repeat)
    for i, answer in enumerate(answers):
        if 0 < len(answer) < MIN_ANSWER_LENGTH:
            return Parsed.refuse(FIELD, "answer_too_short", index=i, min=MIN_ANSWER_LENGTH)
    return _missing(ids, answers) or Parsed.accept(",".join(ids))
