"""The main window's «شعبه و آموزش» menu opens the branch desk, the trainer panel and a
receipt by tracking id on the window's backend."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.interface import RegistrationState
from tests.branch.conftest import submit_outcome


@pytest.fixture
def main_window(qtbot, backend):
    from desktop.app import configure_application
    from desktop.views.main_window import MainWindow

    configure_application(QApplication.instance())
    window = MainWindow(poll_interval_ms=50)
    qtbot.addWidget(window)
    yield window
    window.runner.wait(10000)
    window.shutdown()


def test_entries_are_disabled_until_a_backend_serves_them(main_window, backend):
    menu = main_window.branch_menu
    assert not menu.branch_action.isEnabled() and not menu.trainer_action.isEnabled()
    main_window.attach_backend(backend)  # backend_ready updates the entries
    assert menu.branch_action.isEnabled() and menu.trainer_action.isEnabled()
    assert menu.receipt_action.isEnabled()


def test_the_menu_opens_the_desk_the_panel_and_a_receipt(qtbot, main_window, backend):
    main_window.attach_backend(backend)
    menu = main_window.branch_menu
    menu.branch_action.trigger()
    assert menu.desk.isVisible() and menu.desk.branch is backend.branch
    assert menu.desk.hash_policy == CHEAP_FOR_TESTS
    menu.trainer_action.trigger()
    assert menu.trainer.isVisible()
    _, record = submit_outcome(backend, RegistrationState.ACTIVATED)
    menu.show_receipt(record.tracking_id)
    qtbot.waitUntil(lambda: menu.receipt_dialog is not None, timeout=5000)
    assert record.tracking_id in menu.receipt_dialog.form.receipt_view.toPlainText()
    menu.show_receipt("1234567890")  # unknown: a Persian refusal in a message box
    from PySide6.QtWidgets import QMessageBox

    qtbot.waitUntil(
        lambda: main_window.findChild(QMessageBox, "receipt_lookup_failed") is not None,
        timeout=5000,
    )
    box = main_window.findChild(QMessageBox, "receipt_lookup_failed")
    assert "یافت نشد" in box.text()
