"""The branch desk, driven like an operator would: log in, find, tick documents, activate;
an operator's mismatch activation refused, a supervisor's accepted; the idle lock; the branch
password reset with the reused PasswordField; the receipt dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.security.masking import mask_national_code
from desktop.service.interface import RegistrationState
from desktop.views.branch.desk import LOCKED_PAGE, LOGIN_PAGE, WORK_PAGE, BranchDesk
from tests.branch.conftest import STAFF_PASSWORD, submit_outcome
from tests.contract.helpers import login, training_account


@pytest.fixture
def desk(qtbot, backend, staff):
    """A branch desk on the test simulator (staff accounts exist; nobody logged in)."""
    widget = BranchDesk(backend.branch, CHEAP_FOR_TESTS, idle_lock_ms=60_000)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    yield widget
    widget.runner.wait(10000)  # no job may outlive the test's database


def log_in(qtbot, desk, name: str) -> None:
    desk.form.staff_name_edit.setText(name)
    desk.form.staff_password_edit.setText(STAFF_PASSWORD[name])
    qtbot.mouseClick(desk.form.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.page == WORK_PAGE, timeout=5000)


def search(qtbot, desk, national_code: str) -> None:
    desk.form.search_edit.setText(national_code)
    qtbot.mouseClick(desk.form.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.selected is not None, timeout=5000)


def test_wrong_password_is_refused_with_a_persian_message(qtbot, desk):
    desk.form.staff_name_edit.setText("sara")
    desk.form.staff_password_edit.setText("Wrong1404x")
    qtbot.mouseClick(desk.form.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.form.login_error_label.text() != "", timeout=5000)
    assert desk.page == LOGIN_PAGE
    assert "گذرواژه" in desk.form.login_error_label.text()


def test_operator_activates_a_branch_visit_request(qtbot, desk, backend):
    person, record = submit_outcome(backend, RegistrationState.BRANCH_VISIT_REQUIRED)
    log_in(qtbot, desk, "sara")
    search(qtbot, desk, person.national_code)
    form = desk.form
    assert form.state_value.text() == "نیازمند مراجعه به شعبه"
    assert form.first_name_value.text() == person.first_name
    assert form.activate_button.isEnabled() and not form.correction_box.isVisible()

    qtbot.mouseClick(form.activate_button, Qt.MouseButton.LeftButton)  # no document ticked
    assert "مدارک" in form.activation_message.text()
    form.national_card_check.setChecked(True)
    with qtbot.waitSignal(desk.activated, timeout=5000):
        qtbot.mouseClick(form.activate_button, Qt.MouseButton.LeftButton)

    assert form.state_value.text() == "فعال شده"
    assert "فعال شد" in form.activation_message.text()
    # The masked code reads 049****899 inside the Persian sentence, not 899****049: it is a
    # left-to-right isolate (LRI … PDI).
    masked = mask_national_code(person.national_code)
    assert f"\u2066{masked}\u2069" in form.activation_message.text()
    assert backend.service.registration_status(record.tracking_id).state is (
        RegistrationState.ACTIVATED
    )
    assert backend.service.outbox(record.mobile)[-1].kind == "activated"
    assert form.receipt_button.isEnabled()
    dialog = desk.open_receipt()
    qtbot.addWidget(dialog)
    assert record.tracking_id in dialog.form.receipt_view.toPlainText()


def test_operator_mismatch_refused_then_supervisor_activates(qtbot, desk, backend):
    person, record = submit_outcome(backend, RegistrationState.IDENTITY_MISMATCH)
    log_in(qtbot, desk, "sara")
    search(qtbot, desk, person.national_code)
    form = desk.form
    assert form.correction_box.isVisible() and not form.activate_button.isEnabled()
    form.birth_certificate_check.setChecked(True)
    form.corr_certificate_edit.setText(person.birth_certificate_number)
    form.reason_edit.setPlainText("شناسنامه اصل دیده شد؛ شماره اشتباه تایپ شده بود")
    qtbot.mouseClick(form.activate_mismatch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "سرپرست" in form.activation_message.text(), timeout=5000)
    assert backend.service.registration_status(record.tracking_id).state is (
        RegistrationState.IDENTITY_MISMATCH
    )

    qtbot.mouseClick(form.logout_button, Qt.MouseButton.LeftButton)
    assert desk.page == LOGIN_PAGE and form.registrations_table.rowCount() == 0
    log_in(qtbot, desk, "reza")
    search(qtbot, desk, person.national_code)
    form.birth_certificate_check.setChecked(True)
    qtbot.mouseClick(form.activate_mismatch_button, Qt.MouseButton.LeftButton)  # no reason
    assert "دلیل" in form.activation_message.text()
    form.corr_certificate_edit.setText(person.birth_certificate_number)
    form.reason_edit.setPlainText("شناسنامه اصل دیده شد؛ شماره اشتباه تایپ شده بود")
    with qtbot.waitSignal(desk.activated, timeout=5000):
        qtbot.mouseClick(form.activate_mismatch_button, Qt.MouseButton.LeftButton)
    assert form.state_value.text() == "فعال شده"
    assert form.certificate_value.text() == person.birth_certificate_number
    activated = backend.service.registration_status(record.tracking_id)
    assert activated.state is RegistrationState.ACTIVATED


def test_the_desk_locks_when_idle_and_only_the_password_opens_it(qtbot, desk, backend):
    person, _ = submit_outcome(backend, RegistrationState.BRANCH_VISIT_REQUIRED)
    desk.idle_timer.setInterval(300)
    log_in(qtbot, desk, "sara")
    search(qtbot, desk, person.national_code)
    assert desk.form.first_name_value.text() == person.first_name
    qtbot.waitUntil(lambda: desk.page == LOCKED_PAGE, timeout=3000)
    assert desk.session is None
    assert desk.form.first_name_value.text() == ""  # the citizen's data is wiped
    assert "sara" in desk.form.locked_label.text()

    desk.form.unlock_password_edit.setText("Wrong1404x")
    qtbot.mouseClick(desk.form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.form.unlock_error_label.text() != "", timeout=5000)
    assert desk.page == LOCKED_PAGE
    desk.idle_timer.setInterval(60_000)
    desk.form.unlock_password_edit.setText(STAFF_PASSWORD["sara"])
    qtbot.mouseClick(desk.form.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.page == WORK_PAGE, timeout=5000)
    assert desk.session.member.name == "sara"


def test_branch_password_reset_with_the_password_field(qtbot, desk, backend):
    account = training_account("no_recovery_method")
    log_in(qtbot, desk, "sara")
    form = desk.form
    form.tabs.setCurrentWidget(form.reset_tab)
    form.reset_national_code_edit.setText(account.national_code)
    qtbot.mouseClick(form.reset_find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.account is not None, timeout=5000)
    field = desk.password_field
    qtbot.keyClicks(field.password_edit, "weak")
    qtbot.keyClicks(field.confirm_edit, "weak")
    form.reset_national_card_check.setChecked(True)
    qtbot.mouseClick(form.reset_button, Qt.MouseButton.LeftButton)
    assert "گذرواژه" in form.reset_message.text()  # a rule's Persian message
    field.clear()
    qtbot.keyClicks(field.password_edit, "Branch#1404")
    qtbot.keyClicks(field.confirm_edit, "Branch#1404")
    qtbot.mouseClick(form.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "ثبت شد" in form.reset_message.text(), timeout=5000)
    assert field.password() == ""  # nothing kept on the desk
    assert login(backend, account.national_code, "Branch#1404").national_code == (
        account.national_code
    )
