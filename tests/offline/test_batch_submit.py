"""The server's batch path (``SimulatorService.submit_registrations``): one transaction per
batch that answers every request exactly as one-by-one submits would, and keeps nothing of a
batch the database failed in the middle of."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import Backend, build_service
from desktop.service.errors import BackendUnavailable, ServiceError
from desktop.service.interface import (
    CapturedRegistration,
    RegistrationRequest,
    RegistrationState,
    ServiceConfig,
)
from desktop.service.simulator.clock import SimulatedClock
from tests.contract.conftest import START
from tests.offline.conftest import make_request

HOUR_S = 3600


@contextlib.contextmanager
def _simulator(path: Path) -> Iterator[Backend]:
    config = ServiceConfig(verification_delay_s=HOUR_S)
    with build_service(
        f"sqlite:///{path}", hash_policy=CHEAP_FOR_TESTS, config=config, clock=SimulatedClock(START)
    ) as backend:
        yield backend


def _prepare(backend: Backend, people, hashes) -> None:
    """The same history on every backend: people[4] has an account, people[5] a pending
    request (idempotency key ``pre-5``)."""
    service = backend.service
    service.submit_registration(make_request(people[4], hashes))
    backend.training.advance_clock(HOUR_S + 1)
    service.run_verification()
    service.submit_registration(
        dataclasses.replace(make_request(people[5], hashes), idempotency_key="pre-5")
    )


def _batch(people, hashes) -> list[RegistrationRequest]:
    def request(n: int, key: str | None = None, **changes) -> RegistrationRequest:
        return dataclasses.replace(make_request(people[n], hashes), idempotency_key=key, **changes)

    return [
        request(0, "k0"),
        request(1, "k1", mobile="123"),  # refused: mobile format
        request(2, "k2"),
        request(2, "k2"),  # the same key again in the batch: the first receipt
        *[request(3, f"k3-{i}") for i in range(6)],  # the sixth is over the daily quota
        request(4, "k4"),  # already_registered
        request(5, "k5"),  # supersedes the pending request made before the batch
        request(5, "pre-5"),  # a key used before the batch: its first receipt
        request(6),  # no key
        request(6),  # no key: registered again, supersedes the one just before
    ]


def _online(requests: list[RegistrationRequest]) -> list[CapturedRegistration]:
    """No capture time: captured as they arrive, as ``submit_registration`` takes them."""
    return [CapturedRegistration(request) for request in requests]


def _summary(outcome) -> tuple:
    if isinstance(outcome, ServiceError):
        return ("refused", tuple((e.field, e.code) for e in outcome.errors))
    return ("receipt", outcome.state)


def _end_states(backend: Backend, people) -> list[list[str]]:
    return [
        [r.state.value for r in backend.service.find_registrations(p.national_code)]
        for p in people[:7]
    ]


def test_a_batch_answers_and_ends_exactly_as_one_by_one_submits(tmp_path, registry_people, hashes):
    batch = _batch(registry_people, hashes)
    with _simulator(tmp_path / "one-by-one.sqlite3") as single:
        _prepare(single, registry_people, hashes)
        expected = []
        for request in batch:
            try:
                expected.append(single.service.submit_registration(request))
            except ServiceError as refused:
                expected.append(refused)
        expected_states = _end_states(single, registry_people)
    with _simulator(tmp_path / "batch.sqlite3") as batched:
        _prepare(batched, registry_people, hashes)
        outcomes = batched.service.submit_registrations(_online(batch))
        assert [_summary(o) for o in outcomes] == [_summary(o) for o in expected]
        assert _end_states(batched, registry_people) == expected_states
        # The duplicate key got the same request; the pre-batch key its first receipt.
        assert outcomes[3].tracking_id == outcomes[2].tracking_id
        [pre] = [r for r in batched.service.find_registrations(registry_people[5].national_code)
                 if r.tracking_id == outcomes[12].tracking_id]  # fmt: skip
        assert pre.state.value == "superseded"
        # The keyed part sent again (its answer lost): the same answers, nothing new.
        keyed = batch[:13]
        again = batched.service.submit_registrations(_online(keyed))
        assert [getattr(o, "tracking_id", None) for o in again] == [
            getattr(o, "tracking_id", None) for o in outcomes[:13]
        ]
        assert _end_states(batched, registry_people) == expected_states
    assert expected_states[3] == ["pending"] + ["superseded"] * 4  # newest first


def test_a_database_failure_in_the_middle_keeps_nothing_of_the_batch(
    tmp_path, registry_people, hashes, monkeypatch
):
    from desktop.service.simulator import submission

    batch = _batch(registry_people, hashes)
    with _simulator(tmp_path / "failing.sqlite3") as backend:
        _prepare(backend, registry_people, hashes)
        before = _end_states(backend, registry_people)

        def disk_full(*_args):
            raise OperationalError("INSERT INTO audit_events", {}, Exception("disk I/O error"))

        with monkeypatch.context() as patch:
            patch.setattr(submission, "_audit_entries", disk_full)
            with pytest.raises(BackendUnavailable):
                backend.service.submit_registrations(_online(batch))
        # Rolled back: not a request, not a supersede, not a key kept.
        assert _end_states(backend, registry_people) == before
        outcomes = backend.service.submit_registrations(_online(batch))
        assert _summary(outcomes[0]) == ("receipt", outcomes[0].state)
        assert len(backend.service.find_registrations(registry_people[0].national_code)) == 1


def test_in_one_batch_the_later_capture_is_kept_whatever_its_place(
    tmp_path, registry_people, hashes
):
    request = make_request(registry_people[0], hashes)
    ten = START - dt.timedelta(hours=2)
    later = CapturedRegistration(
        dataclasses.replace(request, idempotency_key="b", email="b@example.com"),
        ten + dt.timedelta(hours=1),
    )
    earlier = CapturedRegistration(
        dataclasses.replace(request, idempotency_key="a", email="a@example.com"), ten
    )
    with _simulator(tmp_path / "order.sqlite3") as backend:
        kept, old = backend.service.submit_registrations([later, earlier])
        assert (kept.state, old.state) == (RegistrationState.PENDING, RegistrationState.SUPERSEDED)
        records = backend.service.find_registrations(registry_people[0].national_code)
        live = {r.tracking_id: r.email for r in records if r.state is RegistrationState.PENDING}
        assert live == {kept.tracking_id: "b@example.com"}
