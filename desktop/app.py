"""GUI start-up: the first page is painted first, everything that can wait comes after.

Order (each step's reason in the code): Qt application with right-to-left layout, Persian locale,
Qt's own Persian strings, the bundled font; the crash hook; the main window shown. Only after
its first paint: logging to the user data folder, settings, the offline queue and the wizard's
modules on the job thread. A remote backend (a light HTTP client) is built then too, so an
unreachable server is said at once; the embedded simulator (SQLAlchemy, migrations, seed:
~90 MiB) waits until the desk first needs it (:meth:`MainWindow.defer_backend`).

``TAMIN_DESK_STARTUP_PROBE=1`` prints ``first-page-shown <ms>`` (milliseconds since this module
was imported) at the first paint and exits 0: the start-up benchmark's marker.
"""

from __future__ import annotations

import logging
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop import qt_import_scan

# Before any other desktop module is imported: PySide6 would otherwise keep every line of
# every module's source in memory (see desktop.qt_import_scan).
qt_import_scan.install()

_IMPORTED_AT = time.perf_counter()

#: Environment variable that makes the app print its first-paint time and exit (bench).
STARTUP_PROBE_ENV = "TAMIN_DESK_STARTUP_PROBE"
#: How long ``--smoke`` waits for the backend before it reports failure, in milliseconds.
SMOKE_TIMEOUT_MS = 60_000

log = logging.getLogger(__name__)


def configure_application(app) -> None:
    """Right-to-left layout, the ``fa_IR`` locale, Qt's Persian translation, font and style.

    Call it before any window exists (a layout direction set later does not reach widgets
    already made); a second call does nothing.
    """
    from PySide6 import QtCore
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from desktop.views.theme import apply_theme

    if app.property("tamin_desk_configured"):
        return
    app.setProperty("tamin_desk_configured", True)

    app.setApplicationName("tamin-desk")
    app.setApplicationDisplayName("میز خدمت تأمین")
    QLocale.setDefault(QLocale("fa_IR"))
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # qtbase_fa gives the standard buttons (Yes/No/OK...) their Persian text and declares the
    # right-to-left direction itself (its QT_LAYOUT_DIRECTION entry), so Qt turns the whole
    # application right to left: the first paint then does not pay for PySide6 building the
    # QtCore.Qt namespace (~11 ms on its first use). Without that file (another Qt build) the
    # direction is set here, and only the standard buttons stay in English.
    if translator.load("qtbase_fa", path):
        app.installTranslator(translator)
    if not app.isRightToLeft():
        app.setLayoutDirection(QtCore.Qt.LayoutDirection.RightToLeft)
    apply_theme(app)


def setup_logging() -> None:
    """Log to ``<user data>/logs/desk.log`` through :class:`~desktop.views.crash.MaskingFilter`
    (no national code, mobile or email in clear)."""
    from desktop.paths import user_data_dir
    from desktop.views.crash import MaskingFilter

    folder = user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(folder / "desk.log", encoding="utf-8")
    handler.addFilter(MaskingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def build_backend(backend_url: str | None, token: str | None):
    """Settings, then the backend (runs on the job thread: it imports SQLAlchemy and may run
    migrations). Returns ``(settings, backend)``; raises SettingsError or what
    :func:`desktop.service.bootstrap.build_service` raises."""
    from desktop.service.bootstrap import build_service
    from desktop.settings import load_settings

    settings = load_settings()
    url = backend_url or settings.backend_url_or_default()
    token = token or settings.read_token()
    backend = build_service(
        url, config=settings.service_config, token=token, pin=settings.pin_for(url)
    )
    return settings, backend


def embedded_simulator(backend_url: str | None) -> bool:
    """True when ``backend_url`` (None: the settings' URL, the simulator by default) names the
    embedded simulator (``sqlite:``/``postgresql:``) rather than a remote API (``http(s):``).
    Reads the settings file when ``backend_url`` is None; a broken file counts as not embedded
    (the build then reports the settings error at once)."""
    from desktop.service.bootstrap import is_embedded_url
    from desktop.settings import SettingsError, load_settings

    if backend_url is None:
        try:
            backend_url = load_settings().backend_url_or_default()
        except SettingsError:
            return False
    return is_embedded_url(backend_url)


def freeze_startup_heap() -> None:
    """Move every object alive now out of the cyclic garbage collector's sight (gc.freeze).

    Called once the backend is built and the wizard preloaded: the ~90 000 objects of Qt,
    SQLAlchemy, the simulator and zxcvbn live as long as the process, yet every full
    collection walked them all, holding the GIL for about 60 ms, and the GUI thread stalled
    whenever one fell during a submit (measured with py-spy: gc_collect_main on the job thread
    while the 10 ms timer waited). Objects made afterwards are collected as usual.
    """
    import gc

    gc.freeze()


def build_offline_desk(backend_url: str | None, token: str | None, field_mode: bool = False):
    """The desk's offline queue (:func:`desktop.offline.desk.offline_desk_from_settings`;
    ``field_mode`` True: ``--field-mode``, whatever the settings say); runs on the job thread."""
    from desktop.offline.desk import offline_desk_from_settings
    from desktop.settings import load_settings

    desk = offline_desk_from_settings(load_settings(), backend_url, token)
    desk.field_mode = desk.field_mode or field_mode
    return desk


def describe_failure(exc: BaseException) -> str:
    """A message for the operator: the Persian message of a service refusal, the settings
    error's own (Persian and English) text, else the exception's text or type."""
    from desktop.service.errors import ServiceError

    if isinstance(exc, ServiceError):
        from desktop.rules.messages import message

        return message(exc.first)
    return str(exc) or type(exc).__name__


class FirstPaint(QObject):
    """Calls ``callback()`` once, on the next event-loop turn after ``widget``'s first paint
    (so whatever the callback does never delays the pixels the user is waiting for)."""

    def __init__(self, widget: QWidget, callback):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)
        return False


def run_gui(
    backend_url: str | None = None,
    token: str | None = None,
    smoke: bool = False,
    field_mode: bool = False,
) -> int:
    """Open the desk; returns the process exit code.

    ``backend_url``: ``sqlite:///PATH`` / ``sqlite://`` (embedded simulator) or
    ``http(s)://HOST:PORT`` (remote API); None reads the settings (simulator by default).
    ``token``: desk token for a remote backend (else the settings' token file).
    ``smoke``: show the first page, wait for the backend, exit 0 (1 if the backend failed).
    ``field_mode``: queue every registration (``--field-mode``; also ``desk.field_mode``).
    """
    # Not Qt's "-reverse" option: Qt XORs it with the Persian translation's right-to-left
    # declaration, which would turn the desk left to right.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)

    from desktop.views.crash import install_excepthook
    from desktop.views.main_window import MainWindow, preload_wizard

    install_excepthook()
    window = MainWindow()
    exit_code = {"value": 0}

    def finish(code: int) -> None:
        exit_code["value"] = code
        app.exit(code)

    def backend_built(result) -> None:
        settings, backend = result
        window.idle_timer.setInterval(int(settings.idle_reset_minutes * 60_000))
        window.attach_backend(backend)
        # The job runner is serial: this runs after the wizard preload attach_backend queued.
        window.runner.run(lambda: None, on_finished=lambda _: freeze_startup_heap())
        log.info("backend ready: %s", backend.description)
        if window.offline is not None and window.offline.server_url:
            # First connection to the server: pin its sealing key (a later one checks it).
            window.runner.run(
                window.offline.pin_if_connected,
                on_failed=lambda exc: log.error("server key not pinned: %s", type(exc).__name__),
            )
        if smoke:
            if not app.isRightToLeft():  # e.g. a bundle missing Qt's Persian translation
                print("smoke: the desk is not right to left", file=sys.stderr)
                finish(1)
                return
            print(f"smoke: ok ({backend.description})", flush=True)
            finish(0)

    def backend_failed(exc: BaseException) -> None:
        log.error("backend failed: %s", type(exc).__name__)
        if smoke:
            print(f"smoke: backend failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            finish(1)
            return
        if window.offline is not None and window.offline.field_mode:
            # A field laptop has no server to reach: registrations go to the queue anyway.
            return
        window.backend_failed(describe_failure(exc))

    def after_first_paint() -> None:
        if os.environ.get(STARTUP_PROBE_ENV):
            elapsed_ms = (time.perf_counter() - _IMPORTED_AT) * 1000
            print(f"first-page-shown {elapsed_ms:.1f}", flush=True)
            finish(0)
            return
        setup_logging()
        # The offline queue first: a field laptop queues registrations even when the backend
        # (a server out of reach) cannot be built.
        window.runner.run(
            lambda: build_offline_desk(backend_url, token, field_mode),
            on_finished=window.attach_offline,
            on_failed=lambda exc: log.error("offline queue unavailable: %s", type(exc).__name__),
        )
        window.runner.run(preload_wizard)

        def build():
            return build_backend(backend_url, token)

        if not smoke and embedded_simulator(backend_url):
            # The embedded simulator waits for the first need (see MainWindow.defer_backend).
            window.backend_built.connect(backend_built)
            window.backend_build_failed.connect(backend_failed)
            window.defer_backend(build, simulated=True)
        else:
            # A remote backend is a light client, and an unreachable server must be said now.
            window.runner.run(build, on_finished=backend_built, on_failed=backend_failed)
        if smoke:
            QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: finish(1))

    FirstPaint(window, after_first_paint)
    window.show()
    app.aboutToQuit.connect(window.shutdown)
    app.exec()
    return exit_code["value"]
