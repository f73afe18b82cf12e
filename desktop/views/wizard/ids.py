"""Page ids of the registration wizard, in the guide's order."""

from __future__ import annotations

from enum import IntEnum


class PageId(IntEnum):
    """QWizard page ids: the guide's steps 1-4, then the result page."""

    IDENTITY = 0
    CIVIL = 1
    SECRETS = 2
    REVIEW = 3
    RESULT = 4
