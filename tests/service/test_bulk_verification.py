"""Verifying many requests at once: right outcome for each, one SMS each, in bounded time."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from desktop.service.interface import RegistrationState
from models import Account, OutboxMessage
from models.database import open_database
from tests.contract.helpers import people, request_for, seed


def test_a_batch_of_mixed_requests_is_verified_in_one_go(simulator, db_path):
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
