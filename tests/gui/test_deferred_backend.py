"""The embedded simulator is built when the desk first needs it, not at start-up
(issue 4, "start fast"; its ~90 MiB and migrations wait until step 1 is done)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import build_service, is_embedded_url
from desktop.views.wizard.ids import PageId
from tests.gui.conftest import Desk, phone_texts


class Factory:
    """Builds a fresh in-memory simulator on the job thread, counting the builds; ``gate``
    holds the build back until the test opens it."""

    def __init__(self) -> None:
        self.fail = False
        self.builds = 0
        self.gate = threading.Event()
        self.gate.set()
        self.built = []

    def __call__(self):
        self.builds += 1
        self.gate.wait(10)
        if self.fail:
            raise OSError("disk full")
        backend = build_service("sqlite://", hash_policy=CHEAP_FOR_TESTS)
        self.built.append(backend)
        return backend


@pytest.fixture
def factory():
    made = Factory()
    yield made
    for backend in made.built:
        backend.close()


@pytest.fixture
def deferred_window(qtbot, factory):
    """The main window as run_gui opens it on the embedded simulator: nothing built."""
    from desktop.app import configure_application
    from desktop.views.main_window import MainWindow

    configure_application(QApplication.instance())
    main = MainWindow(poll_interval_ms=50)
    qtbot.addWidget(main)
    main.backend_built.connect(main.attach_backend)
    main.backend_build_failed.connect(lambda exc: main.backend_failed(str(exc)))
    main.defer_backend(factory, simulated=True)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.shutdown()


def test_nothing_is_built_until_needed_but_the_banner_shows_at_once(
    qtbot, deferred_window, factory
):
    main = deferred_window
    main.open_registration()
    qtbot.wait(50)
    main.runner.wait()
    assert factory.builds == 0 and main.backend is None
    assert main.form.simulator_banner.isVisible()
    assert "شبیه‌ساز" in main.status_label.text()
    assert main.form.login_button.isEnabled()  # a click builds, then opens


def test_leaving_step_1_builds_it_and_a_quick_submit_waits_for_it(
    qtbot, deferred_window, factory, person
):
    main = deferred_window
    factory.gate.clear()  # the build is slow: the applicant is faster
    main.open_registration()
    desk = Desk(qtbot, main)
    desk.fill_identity(person.national_code, person.mobiles[0])
    desk.next()
    assert desk.page() == PageId.CIVIL
    qtbot.waitUntil(lambda: factory.builds == 1)
    desk.fill_civil(person)
    desk.next()
    desk.fill_secrets()
    desk.next()
    assert desk.page() == PageId.REVIEW and main.backend is None
    desk.next()  # confirm and send before the backend exists
    assert main.wizard.busy
    assert not main.wizard.review_page.form.submit_error.isVisible()  # not refused
    factory.gate.set()
    qtbot.waitUntil(lambda: desk.page() == PageId.RESULT, timeout=10000)
    assert factory.builds == 1
    qtbot.waitUntil(lambda: len(phone_texts(main)) == 1, timeout=10000)


def test_a_submit_waiting_for_a_build_that_fails_ends_with_the_reason_and_keeps_the_form(
    qtbot, deferred_window, factory, person
):
    main = deferred_window
    factory.gate.clear()
    factory.fail = True
    main.open_registration()
    desk = Desk(qtbot, main)
    desk.go_through(person)
    desk.next()  # confirm and send while the backend is still being built
    assert main.wizard.busy
    factory.gate.set()
    qtbot.waitUntil(lambda: not main.wizard.busy, timeout=10000)
    error = main.wizard.review_page.form.submit_error
    assert error.isVisible() and "disk full" in error.text()
    assert desk.page() == PageId.REVIEW
    assert main.wizard.identity_page.national_code_edit.text() != ""


def test_the_login_button_builds_it_then_opens_the_login(qtbot, deferred_window, factory):
    main = deferred_window
    assert main.open_login() is None
    qtbot.waitUntil(lambda: main.login_dialog is not None, timeout=10000)
    assert factory.builds == 1 and main.backend is not None
    assert main.login_dialog.isVisible()


def test_a_failed_build_is_said_and_the_next_need_tries_again(qtbot):
    from desktop.views.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    attempts = []

    def broken():
        attempts.append(1)
        raise OSError("disk full")

    failures = []
    main.backend_build_failed.connect(lambda exc: main.backend_failed(str(exc)))
    main.backend_build_failed.connect(failures.append)
    main.defer_backend(broken, simulated=True)
    main.open_login()  # the first need
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert "disk full" in main.status_label.text() and main.login_dialog is None
    main.open_login()  # the next need builds again
    qtbot.waitUntil(lambda: len(failures) == 2)
    assert len(attempts) == 2 and main.backend is None
    main.shutdown()


@pytest.mark.parametrize(
    ("url", "embedded"),
    [
        ("sqlite:///desk.sqlite3", True),
        ("sqlite://", True),
        ("postgresql+psycopg://u@h/db", True),
        ("http://127.0.0.1:8765", False),
        ("HTTPS://room.local", False),
    ],
)
def test_which_urls_are_the_embedded_simulator(url, embedded):
    assert is_embedded_url(url) is embedded
