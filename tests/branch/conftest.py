"""Fixtures of the branch tests: a simulator on a file with its key file in the test's folder,
one operator and one supervisor, and requests that end in each verification outcome."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.branch.interface import StaffRole, StaffSession
from desktop.security.hashing import CHEAP_FOR_TESTS, hash_password
from desktop.service.bootstrap import Backend, build_service
from desktop.service.interface import RegistrationState, ServiceConfig
from desktop.service.simulator.clock import SimulatedClock
from tests.contract.conftest import START
from tests.contract.helpers import people, request_for

STAFF_PASSWORD = {"sara": "Operator1404", "reza": "Supervisor1404"}


@dataclass(frozen=True)
class Paths:
    """The test's database URL and key file."""

    url: str
    key_file: Path


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    """A fresh simulator file and key file in the test's folder."""
    return Paths(f"sqlite:///{tmp_path / 'branch.sqlite3'}", tmp_path / "simulator.key")


@pytest.fixture
def backend(paths: Paths) -> Iterator[Backend]:
    """The simulator on ``paths``: cheap hashes, clock frozen at START."""
    config = ServiceConfig(extra={"key_file": str(paths.key_file)})
    with build_service(
        paths.url, hash_policy=CHEAP_FOR_TESTS, config=config, clock=SimulatedClock(START)
    ) as built:
        yield built


@pytest.fixture
def staff(backend: Backend) -> dict[str, StaffSession]:
    """An operator ``sara`` and a supervisor ``reza``, logged in."""
    backend.branch.add_staff(
        "sara", StaffRole.OPERATOR, hash_password(STAFF_PASSWORD["sara"], CHEAP_FOR_TESTS)
    )
    backend.branch.add_staff(
        "reza", StaffRole.SUPERVISOR, hash_password(STAFF_PASSWORD["reza"], CHEAP_FOR_TESTS)
    )
    return {
        "operator": backend.branch.staff_login("sara", STAFF_PASSWORD["sara"]),
        "supervisor": backend.branch.staff_login("reza", STAFF_PASSWORD["reza"]),
    }


def submit_outcome(backend: Backend, outcome: RegistrationState, index: int = 0):
    """Submit a request that verification turns into ``outcome``; returns (person, record).

    branch_visit_required: the person's identity with someone else's mobile;
    identity_mismatch: a wrong birth-certificate number.
    """
    with_mobile = people(with_mobile=True)
    person = with_mobile[index]
    if outcome is RegistrationState.BRANCH_VISIT_REQUIRED:
        request = request_for(person, CHEAP_FOR_TESTS, mobile=with_mobile[index + 1].mobiles[0])
    elif outcome is RegistrationState.IDENTITY_MISMATCH:
        request = request_for(person, CHEAP_FOR_TESTS, birth_certificate_number="1234567")
    else:
        request = request_for(person, CHEAP_FOR_TESTS)
    receipt = backend.service.submit_registration(request)
    backend.service.run_verification()
    record = backend.service.registration_status(receipt.tracking_id)
    assert record.state is outcome
    return person, record
