"""Step 4: the new password under the registration rules, and what a reset does."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.rules.errors import REQUEST, FieldError
from desktop.rules.messages import message
from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import build_service
from desktop.service.interface import RecoveryMethod, ServiceConfig
from desktop.views.login import LoginDialog
from desktop.views.recovery import Step
from tests.gui.conftest import registrable_people
from tests.login.conftest import click, close_and_wait, latest_code, register, settle
from tests.login.test_login_dialog import sign_in


def at_password_step(recovery, account, method: RecoveryMethod = RecoveryMethod.SMS) -> None:
    """Steps 1-3 by ``method``: the code read from the simulated phone, or the answers."""
    recovery.start(account.national_code)
    recovery.choose(method)
    if method is RecoveryMethod.SMS:
        recovery.enter_code(latest_code(recovery.backend, account.mobile))
    else:
        recovery.answer([answer for _, answer in account.answers])
    assert recovery.dialog.step is Step.PASSWORD


def test_a_new_password_breaking_a_rule_is_refused_with_the_checklist(recovery, account):
    at_password_step(recovery, account)
    step = recovery.dialog.password
    recovery.new_password("abcdefgh")
    assert recovery.dialog.step is Step.PASSWORD
    assert step.form.password_error.text() == message(FieldError("password", "needs_upper"))
    assert not step.password_field.is_item_met("needs_upper")
    assert not step.password_field.is_item_met("needs_digit")
    assert step.password_field.is_item_met("too_short")


def test_a_repeat_that_differs_is_refused(recovery, account):
    at_password_step(recovery, account)
    recovery.new_password("Novin2025x", confirm="Novin2025y")
    assert recovery.dialog.step is Step.PASSWORD
    assert recovery.dialog.password.form.password_confirm_error.text() == message(
        FieldError("password_confirm", "mismatch")
    )


@pytest.mark.parametrize("method", [RecoveryMethod.SMS, RecoveryMethod.QUESTIONS])
@pytest.mark.parametrize("password", ["Moradi1990x", "Mohammad1404x"])
def test_the_persons_name_in_latin_letters_is_refused(recovery, password, method):
    # Step 1's ticket names nobody: the names come from the check of the code or answers.
    person = next(
        p for p in registrable_people() if (p.first_name, p.last_name) == ("محمد", "مرادی")
    )
    account = register(recovery.backend, person)
    at_password_step(recovery, account, method)
    recovery.new_password(password)
    assert recovery.dialog.step is Step.PASSWORD
    assert recovery.dialog.password.form.password_error.text() == message(
        FieldError("password", "contains_personal_info")
    )
    assert not recovery.dialog.password.password_field.is_item_met("contains_personal_info")
    # Without the name the same shape of password is accepted: the refusal was the name.
    recovery.new_password("Novin1990x")
    assert recovery.dialog.result() == recovery.dialog.DialogCode.Accepted


def test_the_national_code_in_the_password_is_refused(recovery, account):
    at_password_step(recovery, account)
    recovery.new_password(f"Ab{account.national_code}")
    assert recovery.dialog.password.form.password_error.text() == message(
        FieldError("password", "contains_personal_info")
    )


@pytest.fixture
def file_backend(tmp_path, clock):
    """The simulator on a database file, so the test can read its audit trail."""
    built = build_service(
        f"sqlite:///{tmp_path / 'sim.sqlite3'}",
        hash_policy=CHEAP_FOR_TESTS,
        config=ServiceConfig(extra={"key_file": str(tmp_path / "sim.key")}),
        clock=clock,
    )
    yield built
    built.close()


def test_a_reset_through_the_dialogs_clears_the_lock_and_voids_the_old_password(
    qtbot, file_backend, runner, tmp_path
):
    backend = file_backend
    account = register(backend, registrable_people()[0])
    login = LoginDialog(backend.service, backend.hash_policy, runner)
    qtbot.addWidget(login)
    login.show()
    try:
        for _ in range(5):
            sign_in(qtbot, backend, login, account.national_code, "Wrong2024x")
        assert login.message == message(FieldError(REQUEST, "locked", {"minutes": 15}))

        # «بازیابی گذرواژه» from the login page, by SMS code.
        login.national_code_edit.setText(account.national_code)
        click(qtbot, login.form.recover_link)
        from tests.login.conftest import RecoveryDriver

        recovery = RecoveryDriver(qtbot, backend, login.recovery_dialog)
        qtbot.waitUntil(recovery.dialog.isVisible)
        assert recovery.dialog.username.national_code_edit.text() == account.national_code
        recovery.next()
        recovery.choose(RecoveryMethod.SMS)
        recovery.enter_code(latest_code(backend, account.mobile))
        recovery.new_password("Novin2025x")
        qtbot.waitUntil(lambda: not recovery.dialog.isVisible())

        # Back on the login: the national code filled in, and a word of success.
        assert login.national_code_edit.text() == account.national_code
        assert login.form.message_label.property("role") == "success"
        settle(qtbot, login)

        sign_in(qtbot, backend, login, account.national_code, account.password)
        assert login.message == message(FieldError(REQUEST, "invalid_credentials"))
        sign_in(qtbot, backend, login, account.national_code, "Novin2025x")  # no lock left
        assert login.account is not None
    finally:
        close_and_wait(login)

    kinds = [sms.kind for sms in backend.service.outbox(account.mobile)]
    assert kinds[-1] == "password_changed"
    with sqlite3.connect(tmp_path / "sim.sqlite3") as db:
        events = [row[0] for row in db.execute("SELECT event FROM audit_events ORDER BY id")]
        subjects = {row[0] for row in db.execute("SELECT subject FROM audit_events")}
    assert "password_reset" in events
    assert events.index("password_reset") > events.index("recovery_code_accepted")
    assert account.national_code not in subjects  # the trail masks national codes
