"""Fixtures for simulator-specific tests (the contract tests cover the interface)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import Backend, build_service
from desktop.service.simulator.clock import SimulatedClock
from tests.contract.conftest import START


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's simulator file lives."""
    return tmp_path / "simulator.sqlite3"


@pytest.fixture
def simulator(db_path: Path) -> Iterator[Backend]:
    """A simulator on a fresh file, cheap hashes, clock frozen at START."""
    with build_service(
        f"sqlite:///{db_path}", hash_policy=CHEAP_FOR_TESTS, clock=SimulatedClock(START)
    ) as backend:
        yield backend
