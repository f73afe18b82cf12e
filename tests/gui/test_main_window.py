"""The home page: the simulator banner, the status line, and the login and recovery doors."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt

from desktop.views.main_window import MainWindow
from desktop.views.wizard.ids import PageId


def test_before_the_backend_the_service_doors_wait(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.status_label.text() == "در حال آماده‌سازی سامانه…"
    assert window.form.register_button.isEnabled()  # the form can be typed meanwhile
    for button in (window.form.login_button, window.form.recover_button):
        assert not button.isEnabled()
        assert button.toolTip()
    assert window.open_login() is None
    assert not window.form.simulator_banner.isVisible()
    window.shutdown()


def test_simulator_mode_shows_banner_status_and_phone(window, backend):
    assert window.form.simulator_banner.isVisible()
    assert "شبیه‌ساز" in window.form.simulator_banner.text()
    assert window.status_label.text().endswith(backend.description)
    assert window.form.phone_box.isVisible() and window.phone is not None
    assert window.windowTitle() == "میز خدمت تأمین"
    assert not window.windowIcon().isNull()


def test_login_opens_and_its_register_link_opens_the_wizard(qtbot, window):
    window.show_home()
    qtbot.mouseClick(window.form.login_button, Qt.MouseButton.LeftButton)
    dialog = window.login_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.objectName() == "login_dialog"

    qtbot.mouseClick(dialog.form.register_link, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.login_dialog is None)
    assert not window.on_home
    assert window.wizard.currentId() == PageId.IDENTITY


def test_recover_opens_the_recovery_dialog_over_the_login(qtbot, window):
    window.show_home()
    qtbot.mouseClick(window.form.recover_button, Qt.MouseButton.LeftButton)
    recovery = window.login_dialog.recovery_dialog
    assert recovery is not None and recovery.isVisible()
    assert recovery.objectName() == "recovery_dialog"


def test_an_idle_desk_closes_the_login(qtbot, window):
    window.idle_timer.setInterval(200)
    dialog = window.open_login()
    dialog.national_code_edit.setText("0499370899")
    qtbot.waitUntil(lambda: window.login_dialog is None, timeout=3000)
    assert not shiboken6.isValid(dialog)  # closed and deleted: nothing typed remains
    assert window.on_home
