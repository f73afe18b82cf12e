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
