"""Normalisation of typed text before any rule looks at it (SPEC.md, "Inputs are normalised").

Why: the same national code or name reaches the desk in many byte forms — Persian ``۰-۹`` or
Arabic-Indic ``٠-٩`` digits, Arabic ``ي ى ك`` from an Arabic keyboard layout, presentation
forms pasted from a PDF, bidi marks added by a right-to-left editor, tatweel and harakat.
Every rule, the service and the answer hashing use these functions so that equal inputs compare
equal everywhere.

Steps of :func:`normalize_text`, in this order (each step's reason is in the code):

1. presentation forms that are only a space plus vowel marks (U+FE70…, U+FC5E…) are dropped,
   because NFKC would turn them into a stray space inside a word;
2. NFKC, which folds the other presentation forms (``ﻙ`` → ``ك``, ``ﻻ`` → ``لا``), full-width
   letters and digits and no-break spaces, and composes ``ا`` + madda into ``آ``. It neither
   decomposes ``آ أ إ ؤ ئ ۀ`` (they are canonical compositions, kept by NFKC) nor touches the
   zero-width non-joiner (tests check both);
3. Arabic letter variants become Persian (``ي ى`` → ``ی``, ``ك ڪ`` → ``ک``, ``ە ہ`` → ``ه``);
   tatweel, harakat (U+064B-U+0652), the other Arabic vowel signs (U+0656-U+065F, U+0670),
   every format character (Unicode category Cf: bidi marks U+200E/U+200F/U+061C, embeddings
   and overrides U+202A-U+202E, isolates U+2066-U+2069, ZWJ, BOM, soft hyphen…) and control
   characters go; in :func:`normalize_text` the zero-width non-joiner goes too, in
   :func:`normalize_name` it stays;
4. NFC again (dropping a tatweel or haraka can bring a letter next to a combining madda or
   hamza), then ``ی`` + hamza above → ``ئ`` and ``ه`` + hamza above → ``ۀ``, the two pairs a
   Persian keyboard types but Unicode does not compose;
5. every Unicode decimal digit becomes ASCII (``str.isdigit`` and ``\\d`` accept them all);
6. whitespace runs become one space; the ends are trimmed.

A password is never normalised (SPEC): no function here is applied to it.
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"
TATWEEL = "\u0640"

#: Arabic letters typed for their Persian counterparts (keyboard layouts, OCR, Urdu fonts).
_LETTER_VARIANTS = {
    "\u064a": "\u06cc",  # ARABIC LETTER YEH → FARSI YEH
    "\u0649": "\u06cc",  # ALEF MAKSURA → FARSI YEH
    "\u0643": "\u06a9",  # ARABIC LETTER KAF → KEHEH
    "\u06aa": "\u06a9",  # SWASH KAF → KEHEH
    "\u06d5": "\u0647",  # AE (the base of ۀ's decomposition) → HEH
    "\u06c1": "\u0647",  # HEH GOAL (Urdu fonts, OCR) → HEH
}

#: Arabic vowel signs: harakat U+064B-U+0652 (fathatan … sukun), U+0656-U+065F, superscript
#: alef U+0670. Madda and hamza above/below (U+0653-U+0655) are NOT here: they belong to the
#: letters آ أ إ ؤ ئ ۀ and are composed into them.
_VOWEL_SIGNS = [*range(0x064B, 0x0653), *range(0x0656, 0x0660), 0x0670]

#: Unicode category Cf (format characters) as of Unicode 14 (Python 3.11); a test checks the
#: list against :mod:`unicodedata` so a newer Python cannot silently let one through.
_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)  # fmt: skip
FORMAT_CHARS = frozenset(cp for lo, hi in _FORMAT_RANGES for cp in range(lo, hi + 1))

# Control characters that are not whitespace (whitespace ones are collapsed in step 6).
_CONTROLS = [cp for cp in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if not chr(cp).isspace()]


def _drop_table(keep_zwnj: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(k): v for k, v in _LETTER_VARIANTS.items()}
    for cp in (*_VOWEL_SIGNS, ord(TATWEEL), *FORMAT_CHARS, *_CONTROLS):
        table[cp] = None
    if keep_zwnj:
        del table[ord(ZWNJ)]
    return table


_TEXT_TABLE = _drop_table(keep_zwnj=False)
_NAME_TABLE = _drop_table(keep_zwnj=True)


def _is_mark_only(ch: str) -> bool:
    """True when NFKC turns ``ch`` into nothing but spaces, tatweel and vowel signs."""
    folded = unicodedata.normalize("NFKC", ch)
    return folded != ch and all(c == " " or c == TATWEEL or ord(c) in _VOWEL_SIGNS for c in folded)


# Step 1: Arabic presentation-form blocks A (FB50-FDFF) and B (FE70-FEFF).
_PRESENTATION_MARKS = {
    cp: None for cp in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)) if _is_mark_only(chr(cp))
}

# Step 4: pairs a Persian keyboard types that NFC leaves apart.
_HAMZA_PAIRS = re.compile("[\u06cc\u0647]\u0654")
_HAMZA_COMPOSED = {"\u06cc\u0654": "\u0626", "\u0647\u0654": "\u06c0"}

# ``\d`` matches every Unicode decimal digit (category Nd); ASCII ones are left alone.
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
_SPACES = re.compile(r"\s+")


def normalize_digits(s: str) -> str:
    """Every Unicode decimal digit (Persian ``۰-۹``, Arabic-Indic ``٠-٩``, full-width…) → ASCII.

    Only digits change; ``"۰۹۱۲-abc"`` → ``"0912-abc"``. Source: SPEC.md normalisation; NOTES.md
    (``str.isdigit`` and ``\\d`` accept non-ASCII digits, so rules must see ASCII only).
    """
    if s.isascii():
        return s
    return _NON_ASCII_DIGIT.sub(_ascii_digit, s)


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group()))


def _fold(s: str, table: dict[int, str | None]) -> str:
    """Steps 1-5 (everything but whitespace handling)."""
    if s.isascii():
        # Fast path: no Arabic letters, marks or non-ASCII digits; only controls can go.
        return s.translate(table)
    s = s.translate(_PRESENTATION_MARKS)
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(table)
    s = unicodedata.normalize("NFC", s)
    s = _HAMZA_PAIRS.sub(lambda m: _HAMZA_COMPOSED[m.group()], s)
    return normalize_digits(s)


def _collapse_spaces(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


def normalize_text(s: str) -> str:
    """Canonical form of a typed value (national code, mobile, date, answer…): ``str`` → ``str``.

    Digits to ASCII, Arabic ``ي ى ك`` to Persian ``ی ک``, presentation forms folded, bidi and
    other format marks (ZWNJ included), tatweel and harakat removed, ``آ أ إ ؤ ئ ۀ`` kept,
    whitespace collapsed to single spaces and trimmed. Idempotent. Never raises for a ``str``.
    Source: SPEC.md "Inputs are normalised"; the steps are listed in this module's docstring.
    """
    return _collapse_spaces(_fold(s, _TEXT_TABLE))


# A run of spaces and ZWNJs: one space if it holds a space, else one ZWNJ.
_GAP = re.compile(f"[ {ZWNJ}]+")


def _close_gap(match: re.Match[str]) -> str:
    return " " if " " in match.group() else ZWNJ


def normalize_name(s: str) -> str:
    """:func:`normalize_text` for a first or last name, keeping the zero-width non-joiner.

    A ZWNJ (U+200C) stays where it was typed (``محمد‌حسین``), but once: a run becomes one, none
    is kept at either end or next to a space (the space already separates the parts). Idempotent.
    Source: SPEC.md ("a name keeps its zero-width non-joiner").
    """
    s = _collapse_spaces(_fold(s, _NAME_TABLE))
    if ZWNJ not in s:
        return s
    return _GAP.sub(_close_gap, s).strip(f" {ZWNJ}")


def normalize_answer(s: str) -> str:
    """Form of a security answer that is hashed and compared (recovery by questions).

    :func:`normalize_text` plus case folding, so ``Tehran``/``tehran``, ``علي``/``علی``,
    ``۱۲``/``12`` and extra spaces all give the same hash. Idempotent (the text step runs again
    after case folding, because folding can produce sequences NFC recomposes).
    """
    return normalize_text(normalize_text(s).casefold())


def remove_separators(s: str) -> str:
    """:func:`normalize_text`, then spaces and dashes removed (``"049-937089-9"`` → digits).

    Dashes: ASCII hyphen-minus and the Unicode dashes U+2010-U+2015 and minus sign U+2212
    (NFKC already folds the small and full-width hyphens into ``-``).
    """
    return _SEPARATORS.sub("", normalize_text(s))


_SEPARATORS = re.compile("[ \\-\u2010-\u2015\u2212]")
