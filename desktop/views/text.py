"""GUI strings written in code (not in a ``.ui`` form), through the ``ui`` message catalog.

The msgid is the Persian wording itself (the source of truth: the guide's text), so a missing
catalog still shows correct Persian; ``resources/locale/<lang>/LC_MESSAGES/ui.po`` lists every
string for review and for other languages. Form texts live in the ``.ui`` files.
"""

from __future__ import annotations

from typing import Any


def tr(msgid: str, **params: Any) -> str:
    """The ``ui``-domain translation of ``msgid``, with ``{name}`` placeholders filled."""
    from desktop.i18n import gettext

    text = gettext("ui", msgid)
    return text.format(**params) if params else text


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the ``ui`` catalog without translating it yet (translate with
    :func:`tr` where it is shown): for tables of texts defined at import time."""
    return msgid


def ltr(text: str) -> str:
    """``text`` isolated left to right (Unicode bidi LRI … PDI, UAX #9) for a Persian
    sentence or a right-to-left cell: without it a masked code ``049****899`` or mobile
    ``۰۹۳۷***۵۳۹۴`` has its digit groups reordered (shown ``899****049``), and a password or
    Latin tracking id may swap places with its neighbours."""
    return "\u2066" + text + "\u2069"


def isolated(text: str) -> str:
    """``text`` isolated in its own first strong direction (FSI … PDI, UAX #9): for a
    value that may be Persian or Latin (a server's error text, a host name)."""
    return "\u2068" + text + "\u2069"
