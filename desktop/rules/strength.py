"""Password strength for the meter next to the checklist (SPEC step 3). Advice only: the
rules of :mod:`desktop.rules.password` decide acceptance, this never refuses anything.

Source: zxcvbn (Dropbox's estimator; Python port), which scores 0-4 from the estimated number
of guesses, and whose ``user_inputs`` penalise the person's own data. Persian names cannot
appear in a Latin password as typed, so a password containing a name's Latin spelling
(:mod:`desktop.rules.transliteration`) is capped at "weak" as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zxcvbn import zxcvbn

from desktop.rules.messages import strength_label
from desktop.rules.normalize import normalize_name
from desktop.rules.transliteration import contains_name

#: zxcvbn refuses longer passwords; the first 72 characters decide the estimate.
MAX_ESTIMATED_LENGTH = 72
#: log10(guesses) at the lower edge of zxcvbn's scores 0..4, and where the meter is full.
_BAND_EDGES = (0.0, 3.0, 6.0, 8.0, 10.0, 14.0)
_BAND_PERCENT = 20
_NAME_CAP_LEVEL = 1


@dataclass(frozen=True)
class Strength:
    """``percent``: 0-100 for the bar; ``level``: 0-4 (zxcvbn score); ``label``: the word."""

    percent: int
    level: int
    label: str


def _percent(level: int, guesses_log10: float) -> int:
    """Position in the level's fifth of the bar, by log10(guesses) within that level's band."""
    low, high = _BAND_EDGES[level], _BAND_EDGES[level + 1]
    within = min(max((guesses_log10 - low) / (high - low), 0.0), 1.0)
    top = 100 if level == len(_BAND_EDGES) - 2 else _BAND_PERCENT * (level + 1) - 1
    return min(top, round(_BAND_PERCENT * level + _BAND_PERCENT * within))


def _contains_a_name(password: str, user_inputs: Iterable[str]) -> bool:
    names = (normalize_name(u) for u in user_inputs if u and not u.isascii())
    return any(contains_name(password, name) for name in names if name)


def password_strength(password: str, user_inputs: Iterable[str] = (), lang: str = "fa") -> Strength:
    """Estimate the strength of ``password`` (as typed) for the meter.

    ``user_inputs``: the person's names, national code and mobile (any script; empty ones are
    skipped). Returns a :class:`Strength` whose label is خیلی ضعیف، ضعیف، متوسط، قوی or
    خیلی قوی (``lang="en"``: very weak … very strong). An empty password is 0 %, level 0.
    Costs about 0.5-2 ms (zxcvbn); not part of the form's 1 ms budget.
    """
    if not password:
        return Strength(0, 0, strength_label(0, lang))
    inputs = [u for u in user_inputs if u]
    sample = password[:MAX_ESTIMATED_LENGTH]
    result = zxcvbn(sample, user_inputs=[u for u in inputs if u.isascii()])
    level = int(result["score"])
    percent = _percent(level, float(result["guesses_log10"]))
    if level > _NAME_CAP_LEVEL and _contains_a_name(sample, inputs):
        level = _NAME_CAP_LEVEL
        percent = min(percent, _BAND_PERCENT * (level + 1) - 1)
    return Strength(percent, level, strength_label(level, lang))
