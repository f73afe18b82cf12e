"""Shared fixtures of the rules tests: the copied case files, a fixed "today"."""

from __future__ import annotations

import json
from pathlib import Path

import jdatetime
import pytest

DATA = Path(__file__).resolve().parent / "data"

#: The "today" of the shared cases (1405/09/09 = 2026-11-30).
CASES_TODAY = jdatetime.date(1405, 9, 9)


def load_cases(name: str) -> dict:
    """One of the copied case files (``fields.json``, ``dates.json``) as a dict."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def today() -> jdatetime.date:
    """A fixed Jalali today, so date tests do not depend on the clock."""
    return CASES_TODAY
