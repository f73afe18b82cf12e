"""The home page's doors (the main window's «ورود به سامانه», «بازیابی گذرواژه») open these
dialogs, and the desk's forgetting (idle time-out) signs the person out."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from desktop.service.interface import RecoveryMethod
from desktop.views.recovery import Step
from tests.login.conftest import RecoveryDriver, click, latest_code
from tests.login.test_login_dialog import sign_in


@pytest.fixture
def window(qtbot, backend):
    """The main window on the simulator, backend attached, on its home page."""
    from desktop.app import configure_application
    from desktop.views.main_window import MainWindow

    configure_application(QApplication.instance())
    main = MainWindow(poll_interval_ms=50)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.attach_backend(backend)
    yield main
    main.shutdown()


def test_enter_signs_in_and_the_idle_desk_signs_out(qtbot, backend, window, account):
    click(qtbot, window.form.login_button)
    login = window.login_dialog
    qtbot.waitUntil(lambda: login is not None and login.captcha_id is not None)
    sign_in(qtbot, backend, login, account.national_code, account.password)
    assert login.account is not None

    with qtbot.waitSignal(login.signed_out):
        window.forget()  # what the idle time-out does
    qtbot.waitUntil(lambda: not shiboken6.isValid(login))  # closed and deleted
    assert window.login_dialog is None


def test_recover_returns_to_the_login_with_the_national_code(qtbot, backend, window, account):
    click(qtbot, window.form.recover_button)
    login = window.login_dialog
    recovery = RecoveryDriver(qtbot, backend, login.recovery_dialog)
    qtbot.waitUntil(recovery.dialog.isVisible)
    recovery.start(account.national_code)
    recovery.choose(RecoveryMethod.SMS)
    assert recovery.dialog.step is Step.CODE
    recovery.enter_code(latest_code(backend, account.mobile))
    recovery.new_password("Novin2025x")
    qtbot.waitUntil(lambda: not recovery.dialog.isVisible())
    assert login.isVisible()
    assert login.national_code_edit.text() == account.national_code
    qtbot.waitUntil(lambda: login.captcha_id is not None)
    sign_in(qtbot, backend, login, account.national_code, "Novin2025x")
    assert login.account is not None


def test_the_register_link_opens_the_wizard(qtbot, window):
    click(qtbot, window.form.login_button)
    login = window.login_dialog
    qtbot.waitUntil(lambda: login is not None and login.isVisible())
    click(qtbot, login.form.register_link)
    qtbot.waitUntil(lambda: not window.on_home)
    assert window.wizard.isVisible()
