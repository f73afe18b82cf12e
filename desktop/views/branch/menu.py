"""The main window's «شعبه و آموزش» menu: the branch desk, the trainer panel, and a receipt
reprinted by tracking id. Each opens in its own window on the main window's backend and job
runner; an entry the backend cannot serve is disabled (no staff accounts on a remote server
yet; no trainer controls outside a training backend)."""

from __future__ import annotations

from typing import Any

# QtCore.Qt is looked up when a window opens, not imported by name: this module is imported
# before the desk's first paint, and PySide6 builds the whole Qt namespace (~11 ms) on first use.
from PySide6 import QtCore
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox, QWidget

from desktop.views.geometry import fit_to_screen
from desktop.views.text import tr


class BranchMenu:
    """Owns the menu and the windows it opened (one of each, raised when asked again).

    ``window``: the main window (``backend`` and ``runner`` attributes, ``menuBar()``)."""

    def __init__(self, window: QMainWindow):
        self.window = window
        self.menu: QMenu = window.menuBar().addMenu(tr("شعبه و آموزش"))
        self.menu.setObjectName("branch_menu")
        self.branch_action = self._action(
            "branch_desk_action", tr("میز خدمت شعبه…"), self.open_desk
        )
        self.trainer_action = self._action("trainer_action", tr("پنل مربی…"), self.open_trainer)
        self.receipt_action = self._action(
            "receipt_action", tr("رسید ثبت درخواست با کد پیگیری…"), self.ask_receipt
        )
        self.menu.aboutToShow.connect(self.update_actions)
        backend_ready = getattr(window, "backend_ready", None)
        if backend_ready is not None:
            backend_ready.connect(self.update_actions)
        self.desk: QWidget | None = None
        self.trainer: QWidget | None = None
        self.receipt_dialog: QWidget | None = None
        self.update_actions()

    def _action(self, name: str, text: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    @property
    def backend(self) -> Any:
        return self.window.backend

    def update_actions(self) -> None:
        """Enable each entry the backend can serve."""
        backend = self.backend
        self.branch_action.setEnabled(getattr(backend, "branch", None) is not None)
        self.trainer_action.setEnabled(getattr(backend, "training", None) is not None)
        self.receipt_action.setEnabled(backend is not None)

    def _top_level(self, widget: QWidget) -> QWidget:
        widget.setWindowFlag(QtCore.Qt.WindowType.Window, True)
        widget.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, False)
        widget.show()
        widget.raise_()
        widget.activateWindow()
        return widget

    def open_desk(self) -> QWidget | None:
        """The branch desk window (made once, on the main window's job runner)."""
        backend = self.backend
        if backend is None or getattr(backend, "branch", None) is None:
            return None
        if self.desk is None:
            from desktop.views.branch.desk import BranchDesk

            self.desk = BranchDesk(
                backend.branch, backend.hash_policy, self.window.runner, parent=self.window
            )
            fit_to_screen(self.desk, 1150, 780)
        return self._top_level(self.desk)

    def open_trainer(self) -> QWidget | None:
        """The trainer panel window."""
        backend = self.backend
        if backend is None or backend.training is None:
            return None
        if self.trainer is None:
            from desktop.views.training.panel import TrainerPanel

            self.trainer = TrainerPanel(
                backend.training,
                getattr(backend, "room", None),
                backend.service.now,
                self.window.runner,
                parent=self.window,
            )
            fit_to_screen(self.trainer, 1100, 820)
        return self._top_level(self.trainer)

    def ask_receipt(self) -> None:
        """Ask for a tracking id and show that request's receipt."""
        tracking_id, ok = QInputDialog.getText(
            self.window, tr("رسید ثبت درخواست"), tr("کد پیگیری:")
        )
        if ok and tracking_id.strip():
            self.show_receipt(tracking_id.strip())

    def show_receipt(self, tracking_id: str) -> None:
        """Look the request up (job thread) and open its registration receipt."""
        from desktop.rules.normalize import normalize_digits

        service = self.backend.service
        wanted = normalize_digits(tracking_id)
        self.window.runner.run(
            lambda: service.registration_status(wanted), self._open_receipt, self._lookup_failed
        )

    def _open_receipt(self, record) -> None:
        from desktop.branch.receipt import Receipt, ReceiptKind
        from desktop.views.branch.receipt import ReceiptDialog

        receipt = Receipt(
            ReceiptKind.REGISTRATION,
            record.tracking_id,
            record.submitted_at,
            record.national_code,
            record.mobile,
        )
        self.receipt_dialog = ReceiptDialog(receipt, self.window)
        self.receipt_dialog.open()

    def _lookup_failed(self, error: BaseException) -> None:
        from desktop.views.branch.texts import refusal_text

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("رسید ثبت درخواست"),
            refusal_text(error),
            parent=self.window,
        )
        box.setObjectName("receipt_lookup_failed")
        box.open()


def install_branch_menu(window: QMainWindow) -> BranchMenu:
    """Add the «شعبه و آموزش» menu to ``window``; returns its :class:`BranchMenu`."""
    return BranchMenu(window)
