"""The main window: the portal's home (register, enter, recover), the wizard, the phone panel.

The window is shown before any backend exists (fast start); :meth:`MainWindow.attach_backend`
plugs the service in once it was built off the GUI thread. In simulator mode a banner says so
and the "simulated phone" panel shows the SMS sent to the mobile just registered, refreshed
every second after asking the service to run its verification (on the job thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from desktop.views.branch.menu import install_branch_menu
from desktop.views.forms import load_form
from desktop.views.geometry import fit_to_screen
from desktop.views.jobs import JobRunner
from desktop.views.text import isolated, tr
from desktop.views.theme import app_icon

if TYPE_CHECKING:
    from desktop.views.wizard.wizard import RegistrationWizard

log = logging.getLogger(__name__)

#: A shared desk forgets an applicant after this long without an edit, a focus move or a page
#: change in the wizard (SPEC: a public place).
DEFAULT_IDLE_TIMEOUT_MS = 5 * 60 * 1000
#: How often the simulated phone asks the simulator to verify and re-reads the outbox.
DEFAULT_POLL_INTERVAL_MS = 1000


def preload_wizard() -> None:
    """Import what the wizard needs (rules, date and password widgets). Run on the job thread
    after the first paint, so the first click on «ثبت نام» does not stall the GUI thread."""
    import desktop.views.wizard.wizard  # noqa: F401


def preload_password_strength() -> None:
    """Load zxcvbn's dictionaries (about 12 MiB, 150 ms). Run on the job thread when the
    wizard leaves step 1, so the first strength score on step 3 does not stall the GUI thread
    and a desk that never reaches step 3 never pays for them."""
    from desktop.rules.strength import password_strength

    password_strength("Warm-up1")


class MainWindow(QMainWindow):
    """The desk's window. ``runner`` runs service calls off the GUI thread (one is made if
    None); ``idle_timeout_ms`` and ``poll_interval_ms`` are configurable for tests.

    Signal ``backend_ready()`` is emitted once :meth:`attach_backend` plugged a backend in.
    """

    backend_ready = Signal()
    #: A deferred build (:meth:`defer_backend`) finished: its result / the exception.
    backend_built = Signal(object)
    backend_build_failed = Signal(object)

    def __init__(
        self,
        runner: JobRunner | None = None,
        *,
        idle_timeout_ms: int = DEFAULT_IDLE_TIMEOUT_MS,
        poll_interval_ms: int = DEFAULT_POLL_INTERVAL_MS,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("main_window")
        self.form = load_form("main_window.ui", self)
        self.setCentralWidget(self.form.widget)
        self.setWindowTitle(self.form.widget.windowTitle())
        self.setWindowIcon(app_icon())
        self.form.logo_label.setPixmap(app_icon().pixmap(48, 48))
        fit_to_screen(self, 1200, 800)

        self.runner = runner or JobRunner(self)
        self.backend: Any = None
        self._backend_build: Callable[[], Any] | None = None  # defer_backend()
        self._backend_building = False
        self._when_backend: list[Callable[[], object]] = []
        self._strength_preloaded = False
        self._wizard: RegistrationWizard | None = None
        self._phone = None
        self._phone_mobile = ""
        self._phone_shown: tuple[str, list] | None = None
        self._poll_in_flight = False
        self.offline: Any = None  # the offline queue (desktop.offline.desk.OfflineDesk)
        self.queue_dialog = None
        self.queue_button: QPushButton | None = None

        self.status_label = QLabel(tr("در حال آماده‌سازی سامانه…"))
        self.status_label.setObjectName("status_label")
        self.statusBar().addPermanentWidget(self.status_label, 1)

        self.form.simulator_banner.setVisible(False)
        self.form.phone_box.setVisible(False)
        self.form.register_button.clicked.connect(self.open_registration)
        self.login_dialog = None
        self.form.login_button.clicked.connect(self.open_login)
        self.form.header_login_button.clicked.connect(self.open_login)
        self.form.recover_button.clicked.connect(self.open_recovery)
        for button in self._service_buttons():
            # Login and recovery talk to the service at once: not before it is up.
            button.setEnabled(False)
            button.setToolTip(tr("در حال آماده‌سازی سامانه…"))

        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("idle_timer")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(idle_timeout_ms)
        self.idle_timer.timeout.connect(self._idle_timeout)
        # Focus moves count as activity anywhere (the login dialog too); the wizard adds its
        # edits and page changes (RegistrationWizard.activity).
        QApplication.instance().focusChanged.connect(self._focus_moved)

        self.poll_timer = QTimer(self)
        self.poll_timer.setObjectName("poll_timer")
        self.poll_timer.setInterval(poll_interval_ms)
        self.poll_timer.timeout.connect(self.poll_phone)

        # Branch desk, trainer panel, receipt by tracking id (enabled once a backend serves them).
        self.branch_menu = install_branch_menu(self)

    def _service_buttons(self):
        return (self.form.login_button, self.form.recover_button, self.form.header_login_button)

    # --- pages ---------------------------------------------------------------------------
    @property
    def wizard(self) -> RegistrationWizard:
        """The registration wizard (built on first use: its rules load lazily)."""
        if self._wizard is None:
            from desktop.views.wizard.wizard import RegistrationWizard

            wizard = RegistrationWizard(self.runner)
            # A page of this window, not a dialog. (QtCore.Qt is looked up when needed, not
            # imported by name: its first use costs ~11 ms, kept out of the first paint.)
            wizard.setWindowFlags(QtCore.Qt.WindowType.Widget)
            wizard.submitted.connect(self._registration_submitted)
            wizard.closed.connect(self.show_home)
            wizard.activity.connect(self.idle_timer.start)
            wizard.currentIdChanged.connect(self._wizard_moved)
            self.form.wizard_slot.layout().addWidget(wizard)
            if self.backend is not None:
                wizard.set_service(self.backend.service, self.backend.hash_policy)
            elif self._backend_building:
                wizard.expect_service()
            if self.offline is not None:
                wizard.set_offline(self.offline)
            self._wizard = wizard
        return self._wizard

    def _wizard_moved(self, page_id: int) -> None:
        from desktop.views.wizard.ids import PageId

        if page_id <= PageId.IDENTITY:
            return  # step 1, or no page (-1) while the wizard restarts: nothing needed yet
        # Past step 1 the applicant will need the password page and the backend: get both
        # ready on the job thread while step 2 is typed.
        if not self._strength_preloaded:
            self._strength_preloaded = True
            self.runner.run(preload_password_strength)
        self.ensure_backend()

    def open_registration(self) -> None:
        """Show the wizard's first step, empty (the «ثبت نام» button)."""
        wizard = self.wizard
        wizard.restart()
        self._forget_phone()  # a new applicant: the last one's phone is not theirs
        self.form.stack.setCurrentWidget(self.form.wizard_page)
        wizard.show()
        wizard.identity_page.national_code_edit.setFocus()
        self.idle_timer.start()

    def show_home(self) -> None:
        """Back to the home page (after the wizard finished or was cancelled)."""
        self.form.stack.setCurrentWidget(self.form.home_page)
        self.form.register_button.setFocus()

    def open_login(self):
        """The login dialog («ورود به سامانه»), modal; None before the backend is up.

        It is deleted when closed (it signs out and forgets on closing, a shared desk); its
        «ثبت نام» link opens the wizard.
        """
        if self.backend is None:
            self._after_backend(self.open_login)
            return None
        from desktop.views.login import LoginDialog

        dialog = LoginDialog(self.backend.service, self.backend.hash_policy, self.runner, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.register_requested.connect(self.open_registration)
        dialog.destroyed.connect(self._login_closed)
        self.login_dialog = dialog
        dialog.open()
        self.idle_timer.start()
        return dialog

    def open_recovery(self):
        """Password recovery («بازیابی گذرواژه»), opened from the login dialog as in the
        guide, so the recovered national code lands in the login; None before the backend."""
        if self.backend is None:
            self._after_backend(self.open_recovery)
            return None
        login = self.open_login()
        return None if login is None else login.open_recovery()

    def _login_closed(self, *_args: object) -> None:
        self.login_dialog = None

    @property
    def on_home(self) -> bool:
        """True when the home page is shown."""
        return self.form.stack.currentWidget() is self.form.home_page

    # --- backend ---------------------------------------------------------------------------
    def defer_backend(self, build: Callable[[], Any], *, simulated: bool) -> None:
        """Build the backend only when the desk first needs it, not at start-up.

        For the embedded simulator: building it imports SQLAlchemy and runs the migrations
        (about 90 MiB and a second), which a desk that only shows its home page or step 1 of
        the wizard does not need. ``build()`` runs on the job thread when the wizard leaves
        step 1, when login or recovery is asked for (opened once it is built), or when the
        branch menu opens; its result is emitted as ``backend_built`` (the owner then calls
        :meth:`attach_backend`), an exception as ``backend_build_failed`` (the next need
        tries again). ``simulated``: show the simulator banner at once (SPEC: nobody may
        mistake a simulator for the real service).
        """
        self._backend_build = build
        self.form.simulator_banner.setVisible(simulated)
        self.status_label.setText(tr("سامانه: شبیه‌ساز محلی (با اولین درخواست آماده می‌شود)"))
        for button in self._service_buttons():
            button.setEnabled(True)  # a click builds the backend, then opens its dialog
            button.setToolTip("")
        self.branch_menu.menu.aboutToShow.connect(self.ensure_backend)

    def ensure_backend(self) -> None:
        """Start the deferred build (:meth:`defer_backend`) unless the backend exists, is being
        built, or none was deferred."""
        if self.backend is not None or self._backend_build is None or self._backend_building:
            return
        self._backend_building = True
        self.status_label.setText(tr("در حال آماده‌سازی سامانه…"))
        if self._wizard is not None:
            self._wizard.expect_service()
        self.runner.run(
            self._backend_build,
            on_finished=self._deferred_built,
            on_failed=self._deferred_failed,
        )

    def _after_backend(self, callback: Callable[[], object]) -> None:
        if self._backend_build is None:
            return
        if callback not in self._when_backend:
            self._when_backend.append(callback)
        self.ensure_backend()

    def _deferred_built(self, result: Any) -> None:
        self._backend_building = False
        self._backend_build = None
        self.backend_built.emit(result)

    def _deferred_failed(self, exc: BaseException) -> None:
        self._backend_building = False
        self._when_backend.clear()
        self.backend_build_failed.emit(exc)

    def attach_backend(self, backend: Any) -> None:
        """Use ``backend`` (from :func:`desktop.service.bootstrap.build_service`): its
        ``service``, ``hash_policy``, ``description`` (status line) and ``training`` (not
        None: a simulator, shown by a banner and the simulated phone)."""
        self.backend = backend
        self.status_label.setText(tr("سامانه: {description}", description=backend.description))
        simulated = backend.training is not None
        self.form.simulator_banner.setVisible(simulated)
        self.form.phone_box.setVisible(simulated)
        if simulated:
            self._ensure_phone()
            self.poll_timer.start()
        for button in self._service_buttons():
            button.setEnabled(True)
            button.setToolTip("")
        if self._wizard is not None:
            self._wizard.set_service(backend.service, backend.hash_policy)
        self.backend_ready.emit()
        waiting, self._when_backend = self._when_backend, []
        for callback in waiting:
            callback()

    def backend_failed(self, reason: str) -> None:
        """The backend could not be built: say so in the status line and a message box.

        ``reason`` (Persian, or a technical English text) is isolated so a Latin host name
        keeps its order inside the Persian sentence (Unicode bidi, FSI…PDI).
        """
        text = tr("اتصال به سامانه برقرار نشد: {reason}", reason=isolated(reason))
        if self._wizard is not None:
            self._wizard.service_failed(text)  # a submit waiting for the backend ends here
        self.status_label.setText(text)
        box = QMessageBox(
            QMessageBox.Icon.Critical, tr("اتصال به سامانه"), self.status_label.text(), parent=self
        )
        box.setObjectName("backend_failed_dialog")
        box.open()

    # --- offline queue -----------------------------------------------------------------------
    def attach_offline(self, desk: Any) -> None:
        """Use the offline queue ``desk`` (an OfflineDesk): a «صف ارسال» button in the header
        opens the queue view (list, Sync); in field mode the wizard queues every registration,
        otherwise it offers the queue when the server cannot be reached."""
        self.offline = desk
        if self.queue_button is None:
            self.queue_button = QPushButton(tr("صف ارسال"))
            self.queue_button.setObjectName("queue_button")
            self.queue_button.setAccessibleName(tr("صف ثبت نام‌های آفلاین و ارسال به سامانه"))
            self.queue_button.clicked.connect(self.open_queue)
            layout = self.form.header_layout
            layout.insertWidget(layout.indexOf(self.form.header_login_button), self.queue_button)
        if self._wizard is not None:
            self._wizard.set_offline(desk)
        if desk.field_mode:
            self.status_label.setText(
                tr("حالت میدانی: ثبت نام‌ها رمزنگاری و در صف نگه داشته می‌شوند تا ارسال شوند.")
            )

    def open_queue(self):
        """The queue view (modal), refreshed on opening; None without an offline queue."""
        if self.offline is None:
            return None
        from desktop.views.offline.queue_dialog import QueueDialog

        if self.queue_dialog is None:
            self.queue_dialog = QueueDialog(self.offline, self.runner, self)
        self.queue_dialog.refresh()
        self.queue_dialog.open()
        return self.queue_dialog

    # --- simulated phone -----------------------------------------------------------------
    def _ensure_phone(self):
        if self._phone is None:
            from desktop.views.widgets.sms_panel import SmsPhonePanel

            self._phone = SmsPhonePanel()
            self.form.phone_slot.layout().addWidget(self._phone)
        return self._phone

    @property
    def phone(self):
        """The simulated phone panel (None outside simulator mode)."""
        return self._phone

    def _registration_submitted(self, mobile: str) -> None:
        self._phone_mobile = mobile
        if self._phone is not None:
            self._phone_shown = (mobile, [])
            self._phone.show_messages(mobile, [])
            self.poll_phone()

    def poll_phone(self) -> None:
        """Ask the service to verify due requests, then re-read the phone's outbox (job
        thread). Skipped while the previous poll still runs or no mobile was registered."""
        if self.backend is None or self._poll_in_flight or not self._phone_mobile:
            return
        service, mobile = self.backend.service, self._phone_mobile
        self._poll_in_flight = True

        def poll():
            service.run_verification()
            return mobile, service.outbox(mobile)

        self.runner.run(poll, on_finished=self._poll_finished, on_failed=self._poll_failed)

    def _poll_finished(self, result) -> None:
        self._poll_in_flight = False
        mobile, messages = result
        if self._phone is None or mobile != self._phone_mobile:
            return  # a new applicant started meanwhile: not their phone
        # Redraw only on news: the panel rebuilds every bubble on each call.
        if (mobile, messages) != self._phone_shown:
            self._phone_shown = (mobile, list(messages))
            self._phone.show_messages(mobile, messages)

    def _poll_failed(self, exc: BaseException) -> None:
        self._poll_in_flight = False
        log.warning("phone poll failed: %s", type(exc).__name__)

    # --- forgetting --------------------------------------------------------------------------
    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.idle_timer.isActive():
            self.idle_timer.start()

    def _idle_timeout(self) -> None:
        if self._wizard is not None and self._wizard.busy:
            self.idle_timer.start()  # never drop a request on its way; try again later
            return
        self.forget()

    def forget(self) -> None:
        """Clear the wizard, close the login (it signs out and forgets), clear the phone and
        go home (idle time-out, a new applicant)."""
        if self.login_dialog is not None:
            self.login_dialog.reject()
        if self._wizard is not None:
            self._wizard.forget()
        self._forget_phone()
        self.show_home()

    def _forget_phone(self) -> None:
        self._phone_mobile = ""
        self._phone_shown = None
        if self._phone is not None:
            self._phone.clear()

    def shutdown(self) -> None:
        """Stop the timers, let queued jobs finish, close the backend on its own thread."""
        self.poll_timer.stop()
        self.idle_timer.stop()
        QApplication.instance().focusChanged.disconnect(self._focus_moved)
        if self.backend is not None:
            self.runner.run(self.backend.close)
        if self.offline is not None:
            self.runner.run(self.offline.close)
        self.runner.wait(10000)
