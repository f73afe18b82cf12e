"""Message catalogs (GNU gettext, managed with Babel) for every user-facing string.

Domains: ``messages`` (rule and service errors, field labels: :mod:`desktop.rules.messages`)
and ``ui`` (GUI strings). Catalogs live in ``resources/locale/<lang>/LC_MESSAGES/<domain>.po``;
``make catalogs`` compiles them to ``.mo`` (git-ignored). When the ``.mo`` is missing or older
than its ``.po`` (a fresh checkout, an edited catalog), the ``.po`` is read with Babel instead,
so the application never shows raw keys. Pure Python: no Qt.
"""

from __future__ import annotations

import gettext as _gettext
from functools import lru_cache
from pathlib import Path

from desktop.paths import resource

DEFAULT_LANG = "fa"


class _PoTranslations(_gettext.NullTranslations):
    """Translations read from a ``.po`` file (fuzzy and empty entries skipped)."""

    def __init__(self, po_path: Path):
        super().__init__()
        from babel.messages.pofile import read_po

        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        self._texts: dict[str, str] = {
            m.id: m.string
            for m in catalog
            if m.id
            and isinstance(m.id, str)
            and isinstance(m.string, str)
            and m.string
            and not m.fuzzy
        }

    def gettext(self, message: str) -> str:
        return self._texts.get(message, message)


def catalog_path(domain: str, lang: str, suffix: str = ".po") -> Path:
    """``resources/locale/<lang>/LC_MESSAGES/<domain><suffix>``."""
    return resource("locale", lang, "LC_MESSAGES", f"{domain}{suffix}")


@lru_cache(maxsize=32)
def translations(domain: str, lang: str = DEFAULT_LANG) -> _gettext.NullTranslations:
    """The catalog of ``domain`` in ``lang``: the compiled ``.mo`` when it is up to date, else
    the ``.po`` read by Babel, else an empty catalog (every msgid is returned unchanged).

    Cached per (domain, lang) for the life of the process; :func:`reload` clears the cache.
    """
    po, mo = catalog_path(domain, lang, ".po"), catalog_path(domain, lang, ".mo")
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    if po.is_file():
        return _PoTranslations(po)
    return _gettext.NullTranslations()


def gettext(domain: str, msgid: str, lang: str = DEFAULT_LANG) -> str:
    """The translation of ``msgid`` in ``domain`` and ``lang``; ``msgid`` itself when missing."""
    return translations(domain, lang).gettext(msgid)


def has_translation(domain: str, msgid: str, lang: str = DEFAULT_LANG) -> bool:
    """True when the catalog holds a non-empty translation of ``msgid``."""
    return translations(domain, lang).gettext(msgid) != msgid


def reload() -> None:
    """Forget the loaded catalogs (after ``make catalogs`` or an edit, in a running process)."""
    translations.cache_clear()
