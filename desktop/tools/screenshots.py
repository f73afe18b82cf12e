"""Render every page and dialog of the desk to PNG files, offscreen (``make screenshots``).

Usage: ``python -m desktop.tools.screenshots docs/screenshots``. The main window and the
registration wizard are rendered here: the desk runs on an in-memory simulator (cheap hashing:
these are pictures, not a deployment), is driven through a registration with a fictional person
of the seed registry, and each state is grabbed with ``QWidget.grab()``. Then the reusable
widgets' pictures (:func:`desktop.views.widgets.demo.render_screenshots`), the login and
recovery dialogs' (:func:`desktop.views.login.screens.render_screenshots`) and the branch desk
and trainer panel's (:func:`desktop.views.branch.screens.render_screenshots`) are added. Look at
every file after a change to a form: Persian shaped, right to left, nothing clipped, digits,
email and password left to right.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.tools.studio import Studio

#: Size of the main window in the pictures (a common 1280×800 desk screen, minus taskbar).
WINDOW_SIZE = (1280, 760)


def _person() -> dict:
    """A seed person who can register and be activated (no training account)."""
    from desktop.paths import resource

    seed = json.loads(resource("seed", "civil_registry.json").read_text(encoding="utf-8"))
    taken = {account["national_code"] for account in seed["training_accounts"]}
    return next(p for p in seed["people"] if p["mobiles"] and p["national_code"] not in taken)


def _fit_page_height(studio: Studio, window, page) -> None:
    """Make the window tall enough that ``page`` needs no scroll bar (a full picture)."""
    from PySide6.QtWidgets import QScrollArea

    scroll = page.findChild(QScrollArea, "page_scroll")
    if scroll is None:
        return
    missing = page.form.widget.sizeHint().height() - scroll.viewport().height()
    if missing > 0:
        window.resize(window.width(), window.height() + missing + 8)
        studio.pump(60)


def _dialog(find: Callable[[], object], studio: Studio, name: str) -> None:
    box = find()
    if box is None:
        raise RuntimeError(f"dialog {name} did not open")
    studio.shot(box, name)
    box.close()


def render(folder: Path) -> list[Path]:
    """Write every picture into ``folder``; returns the files written."""
    from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

    from desktop.app import configure_application
    from desktop.security.hashing import CHEAP_FOR_TESTS
    from desktop.service.bootstrap import build_service
    from desktop.service.errors import BackendUnavailable
    from desktop.views.main_window import MainWindow
    from desktop.views.wizard.ids import PageId

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    studio = Studio(folder, app, echo=True)
    backend = build_service("sqlite://", hash_policy=CHEAP_FOR_TESTS)
    window = MainWindow(poll_interval_ms=100)
    window.resize(*WINDOW_SIZE)
    window.show()
    studio.pump(60)
    studio.shot(window, "main_window_starting")
    window.attach_backend(backend)
    studio.shot(window, "main_window_home")

    person = _person()
    window.open_registration()
    wizard = window.wizard
    identity, civil, secrets = wizard.identity_page, wizard.civil_page, wizard.secrets_page
    studio.shot(window, "wizard_step1_identity")

    identity.national_code_edit.setText("1234567890")
    identity.mobile_edit.setText("0912 123 456")
    wizard.next()
    studio.shot(window, "wizard_step1_errors")
    identity.national_code_edit.setText(person["national_code"])
    identity.mobile_edit.setText(person["mobiles"][0])
    wizard.next()
    studio.shot(window, "wizard_step2_civil")

    civil.first_name_edit.setText("Ali")
    civil.birth_certificate_number_edit.setText("0")
    civil.birth_date_edit.set_jalali(1404, 12, 30)
    wizard.next()
    studio.shot(window, "wizard_step2_errors")
    civil.first_name_edit.setText(person["first_name"])
    civil.last_name_edit.setText(person["last_name"])
    civil.gender_combo.setCurrentIndex(civil.gender_combo.findData(person["gender"]))
    civil.birth_certificate_number_edit.setText(person["birth_certificate_number"])
    civil.birth_date_edit.set_jalali(*map(int, person["birth_date"].split("/")))
    civil.birth_date_edit.show_popup()
    studio.shot(civil.birth_date_edit.popup, "wizard_step2_calendar")
    civil.birth_date_edit.popup.hide()
    wizard.next()

    _fit_page_height(studio, window, secrets)
    studio.shot(window, "wizard_step3_secrets")
    secrets.email_edit.setText("someone@example.com")
    secrets.password_field.password_edit.setText("desk2024")
    secrets.password_confirm_edit.setText("desk2024")
    for index, combo in enumerate(secrets.question_combos):
        combo.setCurrentIndex(min(index, 1) + 1)  # the second question chosen twice
    for edit, answer in zip(secrets.answer_edits, ("آبی", "تبریز", "قند"), strict=True):
        edit.setText(answer)
    wizard.next()
    studio.pump(250)  # the strength meter scores after a pause in typing
    _fit_page_height(studio, window, secrets)  # the messages made the page taller
    studio.shot(window, "wizard_step3_errors")
    password = "Desk2024&ok"
    secrets.password_field.password_edit.setText(password)
    secrets.password_confirm_edit.setText(password)
    secrets.question_combos[1].setCurrentIndex(2)
    secrets.question_combos[2].setCurrentIndex(3)
    studio.pump(250)
    studio.shot(window, "wizard_step3_filled")
    wizard.next()
    window.resize(*WINDOW_SIZE)
    studio.shot(window, "wizard_step4_review")

    wizard.review_page.set_busy(True)
    studio.shot(window, "wizard_step4_sending")
    wizard.review_page.set_busy(False)

    # The server is down: the message, the dialog, and nothing typed is lost.
    class Down:
        def submit_registration(self, request):
            raise BackendUnavailable("tamin-api.branch.local")

    wizard.set_service(Down(), backend.hash_policy)
    wizard.next()
    studio.wait(
        lambda: wizard.findChild(QMessageBox, "submit_failed_dialog") is not None,
        "the submit-failed dialog",
    )
    studio.shot(window, "wizard_step4_backend_down")
    _dialog(
        lambda: wizard.findChild(QMessageBox, "submit_failed_dialog"),
        studio,
        "dialog_submit_failed",
    )
    wizard.set_service(backend.service, backend.hash_policy)
    wizard.next()
    studio.wait(lambda: wizard.currentId() == PageId.RESULT, "the result page")
    studio.wait(lambda: _sms_shown(window), "the SMS on the phone")
    studio.shot(window, "wizard_result")

    wizard.button(QWizard.WizardButton.FinishButton).click()
    window.open_registration()
    identity.national_code_edit.setText(person["national_code"])
    wizard.reject()
    _dialog(lambda: wizard.findChild(QMessageBox, "discard_confirm"), studio, "dialog_discard")

    window.backend_failed("tamin-api.branch.local: connection refused")
    _dialog(
        lambda: window.findChild(QMessageBox, "backend_failed_dialog"),
        studio,
        "dialog_backend_failed",
    )
    _crash_dialog(studio)

    window.shutdown()
    backend.close()
    return studio.written


def _sms_shown(window) -> bool:
    return bool(window.phone.texts())


def _crash_dialog(studio: Studio) -> None:
    """The crash dialog as an uncaught exception shows it (the report masked)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.views import crash

    def grab_and_close() -> None:
        box = QApplication.activeModalWidget()
        studio.shot(box, "dialog_crash")
        box.close()

    QTimer.singleShot(150, grab_and_close)
    try:
        raise RuntimeError("an example failure for national code 0499370899")
    except RuntimeError as exc:
        crash.show_crash_dialog(crash.crash_report(type(exc), exc, exc.__traceback__))


def main(argv: Sequence[str] | None = None) -> int:
    """Render into the folder given on the command line; the exit code."""
    parser = argparse.ArgumentParser(prog="python -m desktop.tools.screenshots")
    parser.add_argument("folder", type=Path, help="where the PNG files go")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.security.hashing import CHEAP_FOR_TESTS
    from desktop.views.branch.screens import render_screenshots as render_branch
    from desktop.views.login.screens import render_screenshots as render_login
    from desktop.views.widgets.demo import render_screenshots as render_widgets

    written = render(args.folder)
    written += render_widgets(args.folder)
    written += render_login(args.folder, hash_policy=CHEAP_FOR_TESTS)
    written += render_branch(args.folder)
    print(f"{len(written)} screenshots in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
