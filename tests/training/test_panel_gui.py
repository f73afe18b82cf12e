"""The trainer panel: each control and what it visibly does (pytest-qt on a real simulator)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.errors import RequestRefused, ValidationFailed
from desktop.service.interface import RegistrationState
from desktop.views.training.panel import TrainerPanel
from tests.contract.helpers import people, request_for


@pytest.fixture
def panel(qtbot, backend):
    """The panel on the test simulator; the SMS list is refreshed only after actions."""
    widget = TrainerPanel(backend.training, backend.room, backend.service.now, refresh_ms=0)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.clock is not None, timeout=5000)
    yield widget
    widget.runner.wait(10000)  # no job may outlive the test's database


def click(qtbot, panel, button, signal=None) -> None:
    with qtbot.waitSignal(signal or panel.refreshed, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_forced_outcome_decides_the_next_registration_and_its_sms_shows(qtbot, panel, backend):
    form = panel.form
    form.outcome_combo.setCurrentIndex(form.outcome_combo.findData("branch_visit_required"))
    qtbot.mouseClick(form.force_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.forced == [RegistrationState.BRANCH_VISIT_REQUIRED], timeout=5000)
    assert "نیازمند مراجعه به شعبه" in form.forced_label.text()

    person = people(with_mobile=True)[0]
    receipt = backend.service.submit_registration(request_for(person, CHEAP_FOR_TESTS))
    click(qtbot, panel, form.refresh_button)
    assert backend.service.registration_status(receipt.tracking_id).state is (
        RegistrationState.BRANCH_VISIT_REQUIRED
    )
    assert form.sms_table.rowCount() == 1
    assert form.sms_table.item(0, 1).text() == person.mobiles[0]
    assert form.sms_table.item(0, 2).text() == "مراجعه به شعبه"
    assert "شعبه" in form.sms_table.item(0, 3).text()


def test_a_person_without_a_mobile_is_created_and_sms_recovery_refused(qtbot, panel, backend):
    qtbot.mouseClick(panel.form.no_mobile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.person is not None, timeout=5000)
    person = panel.person
    assert person.national_code in panel.form.person_label.text()
    assert "بدون شماره همراه" in panel.form.person_label.text()
    ticket = backend.service.start_recovery(person.national_code)
    with pytest.raises(RequestRefused) as refused:
        backend.service.send_recovery_code(ticket.recovery_id)
    assert refused.value.first.code == "no_mobile"


def test_a_person_without_questions_is_created(qtbot, panel, backend):
    qtbot.mouseClick(panel.form.no_questions_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.person is not None, timeout=5000)
    assert "بدون سؤال امنیتی" in panel.form.person_label.text()
    ticket = backend.service.start_recovery(panel.person.national_code)
    with pytest.raises(RequestRefused) as refused:
        backend.service.recovery_questions(ticket.recovery_id)
    assert refused.value.first.code == "no_security_questions"


@pytest.mark.parametrize(
    ("button", "seconds"),
    [("advance_1m_button", 60), ("advance_20m_button", 1200), ("advance_48h_button", 172800)],
)
def test_each_clock_button_moves_the_shown_clock(qtbot, panel, backend, button, seconds):
    before = panel.clock
    shown = panel.form.clock_label.text()
    click(qtbot, panel, getattr(panel.form, button))
    assert panel.clock - before == dt.timedelta(seconds=seconds)
    assert panel.form.clock_label.text() != shown
    assert backend.service.now() == panel.clock


def test_twenty_minutes_expire_a_recovery_code(qtbot, panel, backend):
    qtbot.mouseClick(panel.form.no_questions_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.person is not None, timeout=5000)
    ticket = backend.service.start_recovery(panel.person.national_code)
    backend.service.send_recovery_code(ticket.recovery_id)
    click(qtbot, panel, panel.form.refresh_button)
    assert panel.form.sms_table.item(0, 2).text() == "کد بازیابی"  # the trainer sees the code
    code = next(c for c in panel.form.sms_table.item(0, 3).text().split() if c.isdigit())
    click(qtbot, panel, panel.form.advance_20m_button)
    with pytest.raises(ValidationFailed) as refused:
        backend.service.check_recovery_code(ticket.recovery_id, code)
    assert refused.value.first.code == "expired"


def test_reset_asks_first_then_empties_the_room(qtbot, panel, backend):
    person = people(with_mobile=True)[0]
    backend.service.submit_registration(request_for(person, CHEAP_FOR_TESTS))
    click(qtbot, panel, panel.form.refresh_button)
    assert panel.form.sms_table.rowCount() == 1

    box = panel.ask_reset()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert backend.service.find_registrations(person.national_code)  # nothing removed

    box = panel.ask_reset()
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert panel.form.sms_table.rowCount() == 0
    assert backend.service.find_registrations(person.national_code) == []
    assert "بازگشت" in panel.form.status_label.text()


def test_without_room_controls_their_buttons_are_disabled(qtbot, backend):
    widget = TrainerPanel(backend.training, None, backend.service.now, refresh_ms=0)
    qtbot.addWidget(widget)
    assert not widget.form.force_button.isEnabled()
    assert not widget.form.no_mobile_button.isEnabled()
    assert widget.form.advance_1m_button.isEnabled()
    qtbot.waitUntil(lambda: widget.clock is not None, timeout=5000)
