"""One transaction per call: a failure half-way leaves nothing written; a locked database
becomes BackendUnavailable naming the file."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import build_service
from desktop.service.errors import BackendUnavailable
from desktop.service.interface import RegistrationState, ServiceConfig
from desktop.service.simulator import sms
from desktop.service.simulator.clock import SimulatedClock
from models import Account, OutboxMessage, Registration, database
from models.database import open_database
from tests.contract.conftest import START
from tests.contract.helpers import people, request_for


def _rows(db_path, model) -> list:
    db = open_database(f"sqlite:///{db_path}")
    with db.sessions() as session:
        rows = list(session.scalars(select(model)))
    db.dispose()
    return rows


def test_a_failing_sms_gateway_rolls_the_whole_verification_back(simulator, db_path, monkeypatch):
    person = people(with_mobile=True)[90]
    receipt = simulator.service.submit_registration(request_for(person, simulator.hash_policy))

    def broken(self, messages):
        raise RuntimeError("gateway down")

    monkeypatch.setattr(sms.OutboxSmsGateway, "send", broken)
    with pytest.raises(RuntimeError):
        simulator.service.run_verification()
    monkeypatch.undo()
    assert [r.state for r in _rows(db_path, Registration)] == ["pending"]
    assert person.national_code not in {a.national_code for a in _rows(db_path, Account)}
    assert _rows(db_path, OutboxMessage) == []
    # Verification runs again, complete, when anything is read next.
    found = simulator.service.find_registrations(person.national_code)
    assert [r.state for r in found] == [RegistrationState.ACTIVATED]
    assert [m.kind for m in simulator.service.outbox(person.mobiles[0])] == ["activated"]
    assert found[0].tracking_id == receipt.tracking_id


def test_a_refused_submit_writes_nothing(simulator):
    person = people(with_mobile=True)[91]
    request = request_for(person, simulator.hash_policy, password_hash="plaintext")
    with pytest.raises(Exception):  # noqa: B017 - ValidationFailed; what matters is below
        simulator.service.submit_registration(request)
    assert simulator.service.find_registrations(person.national_code) == []
    assert simulator.training.all_outbox() == []


def test_a_database_locked_by_another_program_is_backend_unavailable(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    db_path = tmp_path / "locked.sqlite3"
    with build_service(
        f"sqlite:///{db_path}",
        hash_policy=CHEAP_FOR_TESTS,
        config=ServiceConfig(),
        clock=SimulatedClock(START),
    ) as backend:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(BackendUnavailable) as refused:
                backend.service.new_captcha()
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert refused.value.first.code == "unavailable"
        assert refused.value.target == str(db_path)
        assert backend.service.new_captcha().captcha_id  # works again once released
