"""Finding a Persian name spelled in Latin letters inside a password.

Rule (guide, "فرمت مجاز جهت ثبت گذرواژه"): the password must not contain the first name, the
last name or the national code. Passwords are Latin-only, so a name appears in its Latin
spelling, and Persian script omits short vowels: رضایی is Rezaei, Rezayi, Rezaee…; محمد is
Mohammad, Mohamad, Muhammad… One regular expression per name word covers those spellings.

How a name becomes a pattern (case-insensitive, ASCII only):

* each Persian letter becomes one of its usual Latin spellings, from :data:`LETTER_SPELLINGS`
  (the ONE letter map of the project; an initial ``ا`` also stands for the unwritten vowel of
  the first syllable: امید Omid, ابراهیم Ebrahim, ایمان Iman);
* between two letters an optional short vowel ``a|e|o|u`` may appear, except next to the long
  vowel ``ا``/``آ`` (which is written) and after ``ع`` (whose own spelling is that vowel:
  Ali, Abbas, Erfan). ``u`` is added to the ``a|e|o`` of Persian romanisation
  because Arabic-style spellings (Muhammad, Hussein, Mustafa) are common in passports;
* a consonant written with one Latin letter may be doubled (Mohammad, Hossein, Abbas), because
  Persian script does not write the shadda either.

A password is refused when some run of its letters *fully* matches a name word's pattern (or the
whole name with its parts joined) with 4 Latin letters or more (:data:`MIN_LETTERS`). Shorter
matches are ignored on purpose: ``Ali`` (علی) is inside Alice, Valid, Quality, and refusing them
would punish everyone called Ali.

Limits (known misses and over-matches, kept on purpose):

* spellings outside the map are not caught: abbreviations (Mhmd, Mohd), translations (Joseph for
  یوسف), ``i`` as an unwritten vowel between consonants, digits used as letters (R3za);
* letters not in the map (Arabic ة, characters of other scripts) are skipped, not matched;
* the pattern also accepts implausible spellings (Ruzaey for رضایی); that only matters when
  such a string really is in the password, which random passwords almost never contain (the
  property test in ``tests/rules`` measures it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: Usual Latin spellings of each Persian letter (ASCII; ``'`` is the hamza/ayn apostrophe;
#: ``""`` means the letter may be silent in Latin). Source: common Persian romanisation as seen
#: in Iranian passports and ID cards (UN/ALA-LC-like, without diacritics).
LETTER_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ا": ("a", "aa"),
    "آ": ("a", "aa"),
    "ء": ("'", ""),
    "أ": ("a", "e", "o", "'"),
    "إ": ("e", "i"),
    "ؤ": ("o", "u", "'"),
    "ئ": ("e", "i", "y", "'"),
    "ۀ": ("eye", "eh", "ye", "e"),
    "ب": ("b",),
    "پ": ("p",),
    "ت": ("t",),
    "ث": ("s", "th"),
    "ج": ("j",),
    "چ": ("ch",),
    "ح": ("h",),
    "خ": ("kh", "x"),
    "د": ("d",),
    "ذ": ("z", "dh", "th"),
    "ر": ("r",),
    "ز": ("z",),
    "ژ": ("zh", "j"),
    "س": ("s",),
    "ش": ("sh",),
    "ص": ("s",),
    "ض": ("z",),
    "ط": ("t",),
    "ظ": ("z",),
    "ع": ("a", "e", "i", "o", "u", "'", ""),
    "غ": ("gh", "q", "g"),
    "ف": ("f",),
    "ق": ("gh", "q", "g"),
    "ک": ("k", "c"),
    "گ": ("g",),
    "ل": ("l",),
    "م": ("m",),
    "ن": ("n",),
    "و": ("v", "w", "o", "u", "ou", "oo", "ow"),
    "ه": ("h", "e", "eh", "a", "ah"),
    "ی": ("i", "y", "ee", "ei", "ey", "e"),
}

#: Spellings of ``ا`` as the first letter of a word, where it carries the unwritten vowel.
INITIAL_ALEF: tuple[str, ...] = ("a", "aa", "e", "o", "i", "")

#: Letters that are written long vowels: no short vowel is inserted next to them.
LONG_VOWELS = frozenset("اآ")
#: Letters whose Latin spelling already is the vowel after them (علی Ali, عباس Abbas): no short
#: vowel is inserted after them (else "ua" of Quality would spell عل).
VOWEL_CARRIERS = frozenset("ع")

_NO_VOWEL_AFTER = LONG_VOWELS | VOWEL_CARRIERS

SHORT_VOWEL = "[aeou]?"
MIN_LETTERS = 4

_VOWEL_SPELLINGS = frozenset("aeiouy'")
_WORD_SPLIT = re.compile("[ \u200c]+")
_LATIN_RUN = re.compile("[A-Za-z']+")


def _spelling_regex(spelling: str) -> tuple[str, int]:
    """One spelling as regex, and its longest match; a one-letter consonant may be doubled
    (the unwritten shadda)."""
    if len(spelling) == 1 and spelling not in _VOWEL_SPELLINGS:
        return f"{spelling}{{1,2}}", 2
    return re.escape(spelling), len(spelling)


def _letter_regex(spellings: tuple[str, ...]) -> tuple[str, int]:
    # Longest first, so the usual search stops at the fuller spelling.
    written = sorted((s for s in spellings if s), key=len, reverse=True)
    parts = [_spelling_regex(s) for s in written]
    group = "(?:" + "|".join(src for src, _ in parts) + ")"
    longest = max(n for _, n in parts)
    return (group + "?" if "" in spellings else group), longest


@dataclass(frozen=True)
class NamePattern:
    """A compiled name pattern (ASCII, case-insensitive) and the length of its longest match."""

    regex: re.Pattern[str]
    max_length: int


def word_pattern(word: str) -> tuple[str, int]:
    """Regex source (no flags) for the Latin spellings of one Persian word, and the length of
    its longest possible match; ``("", 0)`` when the word has no letter of the map.

    ``word`` is a normalised Persian word (:func:`desktop.rules.normalize.normalize_name`);
    letters missing from :data:`LETTER_SPELLINGS` are skipped.
    """
    letters = [ch for ch in word if ch in LETTER_SPELLINGS]
    parts: list[str] = []
    longest = 0
    for i, letter in enumerate(letters):
        spellings = INITIAL_ALEF if i == 0 and letter == "ا" else LETTER_SPELLINGS[letter]
        if i > 0 and letters[i - 1] not in _NO_VOWEL_AFTER and letter not in LONG_VOWELS:
            parts.append(SHORT_VOWEL)
            longest += 1
        source, length = _letter_regex(spellings)
        parts.append(source)
        longest += length
    return "".join(parts), longest


@lru_cache(maxsize=256)
def name_patterns(name: str) -> tuple[NamePattern, ...]:
    """Compiled patterns for a normalised Persian name.

    One per word of the name (split at spaces and ZWNJ) and one for the words joined, since
    people write compound names as one Latin word (AliReza). Cached: the live checklist calls
    this on every keystroke with the same names.
    """
    words = [w for w in _WORD_SPLIT.split(name) if w]
    variants = [*words, "".join(words)] if len(words) > 1 else words
    sources = dict(word_pattern(w) for w in variants)
    return tuple(
        NamePattern(re.compile(src, re.ASCII | re.IGNORECASE), longest)
        for src, longest in sources.items()
        if src and longest >= MIN_LETTERS
    )


def _letters(text: str, start: int, end: int) -> int:
    return end - start - text.count("'", start, end)


def _has_long_match(pattern: NamePattern, text: str) -> bool:
    """True when a substring of ``text`` with ≥ MIN_LETTERS letters fully matches ``pattern``.

    ``re`` reports the first match at a position, not the longest, so substrings are tried,
    none longer than the pattern's longest match (linear in the password's length); the quick
    ``search`` first keeps the usual no-match case fast.
    """
    if len(text) < MIN_LETTERS or pattern.regex.search(text) is None:
        return False
    for start in range(len(text) - MIN_LETTERS + 1):
        last = min(len(text), start + pattern.max_length)
        for end in range(last, start + MIN_LETTERS - 1, -1):
            if _letters(text, start, end) >= MIN_LETTERS and pattern.regex.fullmatch(
                text, start, end
            ):
                return True
    return False


def contains_name(password: str, name: str) -> bool:
    """True when ``password`` contains a Latin spelling (≥ 4 letters) of the Persian ``name``.

    ``name``: normalised (:func:`~desktop.rules.normalize.normalize_name`); ``""`` never matches.
    Only runs of Latin letters (and ``'``) of the password are searched, so digits and symbols
    split words: ``Reza1990`` and ``1990Reza`` both contain رضا. Cost: linear in the length of
    the password (a long paste cannot stall the live checklist).
    """
    patterns = name_patterns(name)
    if not patterns:
        return False
    runs = [m.group() for m in _LATIN_RUN.finditer(password)]
    return any(_has_long_match(p, run) for p in patterns for run in runs)
