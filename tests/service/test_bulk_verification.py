"""Verifying many requests at once: right outcome for each, one SMS each, in bounded time."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import Backend, build_service
from desktop.service.interface import RegistrationState, ServiceConfig
from desktop.service.simulator.clock import SimulatedClock
from models import Account, OutboxMessage
from models.database import open_database
from tests.contract.conftest import START
from tests.contract.helpers import people, request_for, seed


@pytest.fixture
def delayed(db_path) -> Iterator[Backend]:
    """A simulator that verifies a minute after submit, so requests pile up."""
    with build_service(
        f"sqlite:///{db_path}",
        hash_policy=CHEAP_FOR_TESTS,
        config=ServiceConfig(verification_delay_s=60),
        clock=SimulatedClock(START),
    ) as backend:
        yield backend


def test_a_batch_of_mixed_requests_is_verified_in_one_go(delayed, db_path):
    simulator = delayed
    candidates = people(with_mobile=True)[100:160]
    unknown = seed()["unknown_mobiles"]
    expected = {}
    for i, person in enumerate(candidates):
        if i % 3 == 0:
            request, state = request_for(person, simulator.hash_policy), "activated"
        elif i % 3 == 1:
            mobile = unknown[i % len(unknown)]
            request = request_for(person, simulator.hash_policy, mobile=mobile)
            state = "branch_visit_required"
        else:
            request = request_for(person, simulator.hash_policy, birth_date="1300/01/01")
            state = "identity_mismatch"
        receipt = simulator.service.submit_registration(request)
        expected[receipt.tracking_id] = RegistrationState(state)
    simulator.training.advance_clock(60)
    started = time.perf_counter()
    results = simulator.service.run_verification()
    elapsed = time.perf_counter() - started
    assert {r.tracking_id: r.state for r in results} == expected
    assert elapsed < 5
    db = open_database(f"sqlite:///{db_path}")
    with db.sessions() as session:
        sms_count = session.scalar(select(func.count()).select_from(OutboxMessage))
        accounts = session.scalar(select(func.count()).select_from(Account))
    db.dispose()
    assert sms_count == len(candidates)
    assert accounts == len(seed()["training_accounts"]) + len(candidates) // 3
