"""Every msgid of the ``messages`` catalog, and a Babel extractor that lists them.

The msgids are keys built from the error vocabulary (:data:`desktop.rules.errors.CODES`), not
literal strings in code, so ``pybabel extract`` cannot find them by scanning calls. ``babel.cfg``
maps ``desktop/rules/errors.py`` to :func:`extract`, which yields them all; ``make messages-pot``
then refreshes ``resources/locale/messages.pot`` and updates each language's ``.po``.

Key shapes (see :mod:`desktop.rules.messages` for how they are used):

* ``<field>.<code>``: the message of one error (every pair of ``CODES``);
* ``<field>.<code>.<param>`` and ``<field>.<code>.<param>.<value>``: a sentence added when the
  error carries that param (``{remaining}`` tries, ``{minutes}``…), listed in :data:`PARAM_KEYS`;
* ``field.<field>``: the field's label; ``strength.<0-4>``: password strength words;
  ``question.<id>``: a security question in a language other than Persian.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop.rules.errors import CODES

#: Sentences appended to a message when its error carries the param (placeholders: the param).
PARAM_KEYS: tuple[str, ...] = (
    "recovery_code.invalid.remaining",
    "security_answers.invalid.remaining",
    "request.locked.minutes",
    "request.too_many_requests.minutes",
    "request.unavailable.target",
    "request.certificate_refused.target",
    "request.not_activated.state.pending",
    "request.not_activated.state.branch_visit_required",
    "request.not_activated.state.identity_mismatch",
    "request.malformed.field",
)

STRENGTH_LEVELS = range(5)


def error_key(field: str, code: str) -> str:
    """The msgid of an error message: ``"<field>.<code>"``."""
    return f"{field}.{code}"


def label_key(field: str) -> str:
    """The msgid of a field's label: ``"field.<field>"``."""
    return f"field.{field}"


def all_keys() -> list[tuple[str, str]]:
    """Every msgid of the ``messages`` domain with a translator comment, in catalog order."""
    from desktop.rules.questions import QUESTIONS

    keys = [(label_key(f), f"label of the field {f}") for f in CODES]
    keys += [(error_key(f, c), f"{f} refused: {c}") for f, codes in CODES.items() for c in codes]
    keys += [(k, "sentence added when the error carries this param") for k in PARAM_KEYS]
    keys += [(f"strength.{n}", f"password strength level {n} of 0-4") for n in STRENGTH_LEVELS]
    keys += [("generic.invalid", "an error with no message of its own; {label} and {code}")]
    keys += [(f"question.{q.id}", f"security question; Persian: {q.text}") for q in QUESTIONS]
    return keys


def extract(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method (``babel.cfg``): yields ``(lineno, None, msgid, [comment])``
    for every key of :func:`all_keys`; the mapped file's content is not read."""
    del fileobj, keywords, comment_tags, options
    for msgid, comment in all_keys():
        yield 1, None, msgid, [comment]
