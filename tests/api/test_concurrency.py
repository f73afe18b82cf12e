"""Concurrency-sensitive steps stay correct when many desks hit one server at once, on SQLite
and on PostgreSQL: failed logins lock after exactly the allowed number, a national code ends up
with one live request, an idempotency key creates one request, and nothing answers 5xx."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.errors import BackendUnavailable, Locked, ServiceError
from desktop.service.interface import RegistrationState, ServiceConfig
from models import Registration
from tests.api.conftest import serve
from tests.contract.helpers import people, request_for, training_account

THREADS = 10


def _race(attempts: list[Callable[[], object]]) -> list[object]:
    """Run the attempts in parallel threads released together; return results/exceptions."""
    barrier = threading.Barrier(len(attempts))
    results: list[object] = [None] * len(attempts)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = attempts[i]()
        except ServiceError as exc:
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(attempts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    if request.param == "sqlite":
        return sqlite_url
    return request.getfixturevalue("postgres_url")


def test_parallel_wrong_passwords_lock_after_exactly_the_allowed_failures(database_url):
    config = ServiceConfig(login_max_failures=5)
    account = training_account("complete")
    with serve(database_url, training=True, config=config) as server:
        with server.client(server.trainer) as desk:

            def attempt(i: int) -> Callable[[], object]:
                captcha = desk.service.new_captcha()
                digits = desk.training.captcha_answer(captcha.captcha_id)
                return lambda: desk.service.login(
                    account.national_code, f"Wrong{i}pass", captcha.captcha_id, digits
                )

            outcomes = _race([attempt(i) for i in range(THREADS)])
    assert not [o for o in outcomes if isinstance(o, BackendUnavailable)], outcomes
    kinds = Counter(
        "locked" if isinstance(o, Locked) else getattr(o, "first", None).code for o in outcomes
    )
    # Four plain refusals, the fifth failure locks, the rest find the lock.
    assert kinds == {"invalid_credentials": 4, "locked": THREADS - 4}


def test_parallel_registrations_of_one_national_code_leave_one_live_request(database_url):
    person = people(with_mobile=True)[7]
    config = ServiceConfig(verification_delay_s=3600, max_requests_per_day=THREADS)
    with serve(database_url, config=config) as server, server.client() as desk:
        outcomes = _race(
            [
                lambda: desk.service.submit_registration(request_for(person, CHEAP_FOR_TESTS))
                for _ in range(THREADS)
            ]
        )
        assert not [o for o in outcomes if isinstance(o, ServiceError)], outcomes
        records = desk.service.find_registrations(person.national_code)
    states = Counter(r.state for r in records)
    assert states == {RegistrationState.PENDING: 1, RegistrationState.SUPERSEDED: THREADS - 1}


def test_parallel_requests_over_the_daily_quota_are_refused(database_url):
    person = people(with_mobile=True)[8]
    config = ServiceConfig(verification_delay_s=3600, max_requests_per_day=3)
    with serve(database_url, config=config) as server, server.client() as desk:
        outcomes = _race(
            [
                lambda: desk.service.submit_registration(request_for(person, CHEAP_FOR_TESTS))
                for _ in range(THREADS)
            ]
        )
        with server.db.sessions() as session:
            stored = session.scalar(
                select(func.count()).where(Registration.national_code == person.national_code)
            )
    refused = [o for o in outcomes if isinstance(o, ServiceError)]
    assert stored == 3
    assert len(refused) == THREADS - 3
    assert {e.first.code for e in refused} == {"too_many_requests"}


def test_one_idempotency_key_sent_in_parallel_creates_one_request(database_url):
    person = people(with_mobile=True)[9]
    request = request_for(person, CHEAP_FOR_TESTS, idempotency_key="offline-queue-item-1")
    with serve(database_url) as server, server.client() as desk:
        outcomes = _race([lambda: desk.service.submit_registration(request)] * THREADS)
        with server.db.sessions() as session:
            stored = session.scalar(
                select(func.count()).where(Registration.national_code == person.national_code)
            )
    assert not [o for o in outcomes if isinstance(o, ServiceError)], outcomes
    assert len({o.tracking_id for o in outcomes}) == 1
    assert stored == 1
