"""The login dialog driven as a person would: type, click «ورود», read what it says."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from desktop.rules.errors import REQUEST, FieldError
from desktop.rules.messages import message
from desktop.views.login import LoginDialog
from desktop.views.widgets.style import to_persian_digits
from tests.gui.conftest import registrable_people
from tests.login.conftest import (
    click,
    close_and_wait,
    enter_text,
    people,
    register,
    settle,
    unknown_mobile,
)

INVALID_CREDENTIALS = message(FieldError(REQUEST, "invalid_credentials"))


@pytest.fixture
def login(qtbot, backend, runner):
    """The login dialog on the simulator, shown, its first captcha loaded."""
    dialog = LoginDialog(backend.service, backend.hash_policy, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.captcha_id is not None)
    yield dialog
    close_and_wait(dialog)


def sign_in(qtbot, backend, dialog, national_code, password, captcha=None):
    """Fill the form (captcha read from the simulator unless given) and click «ورود»."""
    qtbot.waitUntil(lambda: dialog.captcha_id is not None)
    dialog.national_code_edit.setText("")
    enter_text(dialog.national_code_edit, national_code)
    dialog.password_edit.setText("")
    dialog.password_edit.setFocus()
    qtbot.keyClicks(dialog.password_edit, password)
    answer = captcha if captcha is not None else backend.training.captcha_answer(dialog.captcha_id)
    dialog.captcha_edit.setText("")
    enter_text(dialog.captcha_edit, answer)
    click(qtbot, dialog.enter_button)
    settle(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.account is not None or dialog.captcha_id is not None)


def refresh_captcha(qtbot, dialog) -> None:
    """Click «تصویر جدید» and wait for the new image."""
    shown = dialog.captcha_id
    click(qtbot, dialog.form.captcha_refresh_button)
    qtbot.waitUntil(lambda: dialog.captcha_id not in (None, shown))


def first_of_gender(gender: str):
    return next(p for p in registrable_people() if p.gender == gender)


@pytest.mark.parametrize(("gender", "title"), [("male", "جناب آقای"), ("female", "سرکار خانم")])
def test_successful_login_greets_the_person_and_sign_out_forgets(
    qtbot, backend, login, gender, title
):
    account = register(backend, first_of_gender(gender))
    with qtbot.waitSignal(login.signed_in) as signed:
        # The national code typed in Persian digits, as on a Persian keyboard.
        sign_in(qtbot, backend, login, to_persian_digits(account.national_code), account.password)
    assert signed.args[0].national_code == account.national_code
    assert login.current_page is login.form.signed_in_page
    welcome = login.form.welcome_label.text()
    assert welcome.startswith(title)
    assert account.person.first_name in welcome and account.person.last_name in welcome
    assert login.password_edit.text() == "" and login.captcha_edit.text() == ""

    with qtbot.waitSignal(login.signed_out):
        click(qtbot, login.form.sign_out_button)
    assert login.current_page is login.form.sign_in_page
    assert login.account is None
    assert login.national_code_edit.text() == ""
    qtbot.waitUntil(lambda: login.captcha_id is not None)


def test_wrong_password_and_unknown_national_code_get_one_generic_message(
    qtbot, backend, login
):
    account = register(backend, people(1)[0])
    unknown = people(2)[1].national_code  # a real person with no account
    first_captcha = login.captcha_id

    sign_in(qtbot, backend, login, account.national_code, "Wrong2024x")
    wrong_password = login.message
    assert login.password_edit.text() == ""  # the portal forgets a refused password
    assert login.captcha_id != first_captcha  # single use: a new image after each try

    sign_in(qtbot, backend, login, unknown, account.password)
    assert wrong_password == login.message == INVALID_CREDENTIALS
    assert login.account is None


def test_wrong_captcha_is_refused_next_to_it_and_renewed(qtbot, backend, login):
    account = register(backend, people(1)[0])
    shown = login.captcha_id
    wrong = "00000" if backend.training.captcha_answer(shown) != "00000" else "11111"
    sign_in(qtbot, backend, login, account.national_code, account.password, captcha=wrong)
    assert login.form.captcha_error.text() == message(FieldError("captcha", "invalid"))
    assert login.account is None
    assert login.captcha_id not in (None, shown)
    assert login.captcha_edit.text() == ""
    # The password was not checked, so it stays for the next try.
    assert login.password_edit.text() == account.password


@pytest.mark.parametrize("state", ["pending", "branch_visit_required", "identity_mismatch"])
def test_right_password_of_an_inactive_request_says_why_wrong_password_does_not(
    qtbot, slow_backend, runner, clock, state
):
    person = people(1)[0]
    backend = slow_backend
    if state == "pending":
        account = register(backend, person, verify=False)
    else:
        options = (
            {"mobile": unknown_mobile()}
            if state == "branch_visit_required"
            else {"birth_certificate_number": "1"}
        )
        account = register(backend, person, verify=False, **options)
        backend.training.advance_clock(3600)  # the verification delay passes
        backend.service.run_verification()
    dialog = LoginDialog(backend.service, backend.hash_policy, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        sign_in(qtbot, backend, dialog, account.national_code, "Wrong2024x")
        assert dialog.message == INVALID_CREDENTIALS

        sign_in(qtbot, backend, dialog, account.national_code, account.password)
        expected = message(FieldError(REQUEST, "not_activated", {"state": state}))
        assert dialog.message == expected
        assert dialog.message != message(FieldError(REQUEST, "not_activated"))
        assert dialog.account is None
    finally:
        close_and_wait(dialog)


def test_the_three_inactive_states_read_differently():
    texts = {
        message(FieldError(REQUEST, "not_activated", {"state": state}))
        for state in ("pending", "branch_visit_required", "identity_mismatch")
    }
    assert len(texts) == 3


def test_lockout_says_minutes_left_and_ends_with_the_simulated_clock(qtbot, backend, login):
    account = register(backend, people(1)[0])
    for _ in range(5):  # ServiceConfig.login_max_failures
        sign_in(qtbot, backend, login, account.national_code, "Wrong2024x")
    locked_15 = message(FieldError(REQUEST, "locked", {"minutes": 15}))
    assert login.message == locked_15
    assert "۱۵" in login.message

    # Even the right password is refused while locked.
    sign_in(qtbot, backend, login, account.national_code, account.password)
    assert login.message == locked_15 and login.account is None

    backend.training.advance_clock(10 * 60)
    refresh_captcha(qtbot, login)  # the one shown has expired meanwhile (5 minutes)
    sign_in(qtbot, backend, login, account.national_code, account.password)
    assert login.message == message(FieldError(REQUEST, "locked", {"minutes": 5}))

    backend.training.advance_clock(5 * 60)
    refresh_captcha(qtbot, login)
    sign_in(qtbot, backend, login, account.national_code, account.password)
    assert login.account is not None and login.account.national_code == account.national_code


def test_inputs_are_checked_on_the_desk_before_any_call(qtbot, backend, login):
    shown = login.captcha_id
    enter_text(login.national_code_edit, "1234567890")  # bad check digit
    click(qtbot, login.enter_button)
    assert login.form.national_code_error.text() == message(FieldError("national_code", "checksum"))
    assert login.form.password_error.text() == message(FieldError("password", "required"))
    assert login.form.captcha_error.text() == message(FieldError("captcha", "invalid"))
    assert not login.calls.busy
    assert login.captcha_id == shown  # no captcha was spent


def test_the_call_runs_off_the_gui_thread_with_a_busy_state(qtbot, backend, login):
    account = register(backend, people(1)[0])
    gate = threading.Event()
    login.runner.run(gate.wait)  # the worker thread is held: the login call queues behind
    enter_text(login.national_code_edit, account.national_code)
    qtbot.keyClicks(login.password_edit, account.password)
    enter_text(login.captcha_edit, backend.training.captcha_answer(login.captcha_id))
    click(qtbot, login.enter_button)
    # The GUI thread is free (this test runs on it) while the dialog shows it is busy.
    assert login.calls.busy
    assert not login.enter_button.isEnabled()
    assert login.form.busy_bar.isVisible()
    assert login.password_edit.isReadOnly()
    click_count = []
    login.signed_in.connect(click_count.append)
    gate.set()
    qtbot.waitUntil(lambda: login.account is not None)
    assert login.enter_button.isEnabled() and not login.form.busy_bar.isVisible()
    assert len(click_count) == 1


def test_on_screen_keyboard_types_the_password(qtbot, backend, login):
    account = register(backend, people(1)[0], password="Sample2024x")
    assert not login.keyboard.isVisible()
    click(qtbot, login.form.keyboard_button)
    assert login.keyboard.isVisible()
    login.password_edit.setFocus()
    for char in account.password:
        if char.isupper():
            click(qtbot, login.keyboard.shift_key)
        click(qtbot, login.keyboard.key(char.lower()))
    assert login.password_edit.text() == account.password
    enter_text(login.national_code_edit, account.national_code)
    enter_text(login.captcha_edit, backend.training.captcha_answer(login.captcha_id))
    click(qtbot, login.enter_button)
    qtbot.waitUntil(lambda: login.account is not None)
    assert not login.keyboard.isVisible()  # hidden again for the next person


def test_register_link_asks_for_the_wizard_and_closes(qtbot, login):
    with qtbot.waitSignal(login.register_requested):
        click(qtbot, login.form.register_link)
    assert not login.isVisible()


def test_help_link_shows_the_guide_in_persian_right_to_left(qtbot, login):
    click(qtbot, login.form.help_link)
    help_dialog = login.help_dialog
    qtbot.waitUntil(help_dialog.isVisible)
    text = help_dialog.text()
    for heading in ("گام اول", "گام دوم", "گام سوم", "گام چهارم", "بازیابی گذرواژه"):
        assert heading in text
    assert "۴۸ ساعت" in text
    assert help_dialog.guide_text.layoutDirection() == Qt.LayoutDirection.RightToLeft
    click(qtbot, help_dialog.form.close_button)
    assert not help_dialog.isVisible()


def test_recover_link_carries_the_typed_national_code(qtbot, login):
    code = people(1)[0].national_code
    enter_text(login.national_code_edit, code)
    click(qtbot, login.form.recover_link)
    recovery = login.recovery_dialog
    qtbot.waitUntil(recovery.isVisible)
    assert recovery.username.national_code_edit.text() == code
    recovery.reject()


def test_closing_the_dialog_signs_out(qtbot, backend, login):
    account = register(backend, people(1)[0])
    sign_in(qtbot, backend, login, account.national_code, account.password)
    assert login.account is not None
    with qtbot.waitSignal(login.signed_out):
        login.reject()
    assert login.account is None
    assert login.current_page is login.form.sign_in_page


def test_an_expired_captcha_says_so_and_is_renewed(qtbot, backend, login):
    account = register(backend, people(1)[0])
    shown = login.captcha_id
    backend.training.advance_clock(5 * 60)  # ServiceConfig.captcha_validity_s
    sign_in(qtbot, backend, login, account.national_code, account.password, captcha="12345")
    assert login.form.captcha_error.text() == message(FieldError("captcha", "expired"))
    assert login.captcha_id not in (None, shown)


def test_a_dialog_deleted_while_its_call_runs_ignores_the_late_answer(qtbot, backend, runner):
    import shiboken6
    from PySide6.QtWidgets import QApplication

    dialog = LoginDialog(backend.service, backend.hash_policy, runner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # as the main window opens it
    dialog.show()
    qtbot.waitUntil(lambda: dialog.captcha_id is not None)
    recovery = dialog.open_recovery()
    gate = threading.Event()
    runner.run(gate.wait)
    dialog.refresh_captcha()  # queued behind the gate
    recovery.username.national_code_edit.setText(people(1)[0].national_code)
    recovery.next()  # the recovery's first call, queued too
    assert recovery.calls.busy
    dialog.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    assert not shiboken6.isValid(recovery)  # closed and deleted with its parent
    gate.set()
    runner.wait(10000)
    QApplication.processEvents()  # the late answers arrive: nothing may raise
