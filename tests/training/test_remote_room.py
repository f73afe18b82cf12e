"""The trainer's room controls through a ``--training`` server (trainer-token routes), and the
trainer panel driving a remote room exactly like the embedded simulator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.branch.room import MissingMethod
from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.errors import RequestRefused
from desktop.service.interface import RegistrationState, ServiceConfig
from desktop.service.wire_routes import BY_NAME
from desktop.views.training.panel import TrainerPanel
from tests.contract.helpers import people, request_for
from tests.contract.remote_backends import served


@pytest.fixture
def remote(tmp_path):
    """The HTTP client of a live training server over a simulator file, trainer token."""
    with served(f"sqlite:///{tmp_path / 'room.sqlite3'}", ServiceConfig()) as client:
        yield client


def test_room_routes_are_trainer_only():
    for name in ("force_next_outcome", "forced_outcomes", "create_person"):
        assert BY_NAME[name].training and BY_NAME[name].room


def test_forced_outcome_and_created_person_over_http(remote):
    assert remote.room is not None
    remote.room.force_next_outcome(RegistrationState.IDENTITY_MISMATCH)
    assert remote.room.forced_outcomes() == [RegistrationState.IDENTITY_MISMATCH]
    person = people(with_mobile=True)[0]
    receipt = remote.service.submit_registration(request_for(person, CHEAP_FOR_TESTS))
    remote.service.run_verification()
    assert remote.service.registration_status(receipt.tracking_id).state is (
        RegistrationState.IDENTITY_MISMATCH
    )
    created = remote.room.create_person(MissingMethod.NO_MOBILE)
    assert created.mobile == "" and created.password
    ticket = remote.service.start_recovery(created.national_code)
    with pytest.raises(RequestRefused) as refused:
        remote.service.send_recovery_code(ticket.recovery_id)
    assert refused.value.first.code == "no_mobile"
    with pytest.raises(ValueError):
        remote.room.force_next_outcome(RegistrationState.SUPERSEDED)


def test_the_panel_drives_a_remote_room(qtbot, remote):
    panel = TrainerPanel(remote.training, remote.room, remote.service.now, refresh_ms=0)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.clock is not None, timeout=10000)
    before = panel.clock
    with qtbot.waitSignal(panel.refreshed, timeout=10000):
        qtbot.mouseClick(panel.form.advance_48h_button, Qt.MouseButton.LeftButton)
    assert (panel.clock - before).total_seconds() == 48 * 3600
    qtbot.mouseClick(panel.form.no_questions_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.person is not None, timeout=10000)
    assert panel.person.question_ids == ()
    panel.runner.wait(10000)
