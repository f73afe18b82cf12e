"""Fixtures for driving the real desk: the simulator backend, the main window, a typist.

Every test gets a fresh in-memory simulator (``build_service("sqlite://")``, cheap argon2) and a
main window with short timers. People come from the simulator's seed (the fictional civil
registry), so the three verification outcomes are reached with real data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from desktop.paths import resource
from desktop.rules.fields import parse_first_name, parse_last_name
from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import build_service
from desktop.views.wizard.ids import PageId

#: Test applicants' secrets (fictional).
PASSWORD = "Desk2024&ok"
ANSWERS = ("آبی", "تبریز", "کارخانه قند")


@dataclass(frozen=True)
class Person:
    """One person of the seed's civil registry."""

    national_code: str
    first_name: str
    last_name: str
    gender: str
    birth_certificate_number: str
    birth_date: str
    mobiles: tuple[str, ...]


def _seed() -> dict:
    return json.loads(resource("seed", "civil_registry.json").read_text(encoding="utf-8"))


def registrable_people() -> list[Person]:
    """People with a mobile of their own, no training account, and names the rules accept."""
    seed = _seed()
    taken = {account["national_code"] for account in seed["training_accounts"]}
    people = []
    for raw in seed["people"]:
        person = Person(**{**raw, "mobiles": tuple(raw["mobiles"])})
        if (
            person.mobiles
            and person.national_code not in taken
            and parse_first_name(person.first_name).ok
            and parse_last_name(person.last_name).ok
        ):
            people.append(person)
    return people


def unknown_mobile() -> str:
    """A mobile the registry assigns to nobody (a registration with it needs a branch visit)."""
    return _seed()["unknown_mobiles"][0]


@pytest.fixture
def person() -> Person:
    """A person who can register and be activated."""
    return registrable_people()[0]


@pytest.fixture
def backend():
    """A fresh in-memory simulator with cheap hashing."""
    built = build_service("sqlite://", hash_policy=CHEAP_FOR_TESTS)
    yield built
    built.close()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key (Persian too: one key event per character,
    since ``qtbot.keyClicks`` aborts on non-ASCII text, NOTES.md)."""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


def phone_texts(window) -> list[str]:
    """The SMS texts on the simulated phone, oldest first ([] outside simulator mode)."""
    return [] if window.phone is None else window.phone.texts()


class Desk:
    """Drives the main window and its wizard like an operator: focus, type, Tab, click."""

    def __init__(self, qtbot, window):
        self.qtbot = qtbot
        self.window = window

    @property
    def wizard(self):
        return self.window.wizard

    def page(self) -> int:
        return self.wizard.currentId()

    def focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        self.qtbot.waitUntil(
            lambda: widget.hasFocus() or widget.isAncestorOf(QApplication.focusWidget())
        )

    def enter(self, widget: QWidget, text: str) -> None:
        """Focus ``widget``, type ``text``, then leave it with Tab (focus-out validation)."""
        self.focus(widget)
        type_text(QApplication.focusWidget(), text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)

    def choose(self, combo, data: str) -> None:
        """Pick the item whose data is ``data`` in a combo box."""
        index = combo.findData(data)
        assert index >= 0, data
        combo.setCurrentIndex(index)

    def next(self) -> None:
        """Click «مرحله بعد» (or the commit button on the review page)."""
        which = (
            QWizard.WizardButton.CommitButton
            if self.page() == PageId.REVIEW
            else QWizard.WizardButton.NextButton
        )
        self.qtbot.mouseClick(self.wizard.button(which), Qt.MouseButton.LeftButton)

    def fill_identity(self, national_code: str, mobile: str) -> None:
        page = self.wizard.identity_page
        self.enter(page.national_code_edit, national_code)
        self.enter(page.mobile_edit, mobile)

    def fill_civil(self, person: Person, first_name: str | None = None) -> None:
        page = self.wizard.civil_page
        self.enter(page.first_name_edit, first_name or person.first_name)
        self.enter(page.last_name_edit, person.last_name)
        self.choose(page.gender_combo, person.gender)
        self.enter(page.birth_certificate_number_edit, person.birth_certificate_number)
        self.enter(page.birth_date_edit.line_edit, person.birth_date)

    def fill_secrets(self, password: str = PASSWORD, answers=ANSWERS) -> None:
        page = self.wizard.secrets_page
        self.enter(page.password_field.password_edit, password)
        self.enter(page.password_confirm_edit, password)
        for index, (combo, edit) in enumerate(
            zip(page.question_combos, page.answer_edits, strict=True)
        ):
            combo.setCurrentIndex(index + 1)
            self.enter(edit, answers[index])

    def go_through(self, person: Person, mobile: str | None = None, first_name=None) -> None:
        """Steps 1-3 with valid data, ending on the review page."""
        self.fill_identity(person.national_code, mobile or person.mobiles[0])
        self.next()
        assert self.page() == PageId.CIVIL
        self.fill_civil(person, first_name)
        self.next()
        assert self.page() == PageId.SECRETS
        self.fill_secrets()
        self.next()
        assert self.page() == PageId.REVIEW

    def submit(self) -> None:
        """Confirm and send; wait for the result page."""
        self.next()
        self.qtbot.waitUntil(lambda: self.page() == PageId.RESULT, timeout=10000)


@pytest.fixture
def window(qtbot, backend):
    """The main window on the simulator, the wizard open at step 1."""
    from desktop.app import configure_application
    from desktop.views.main_window import MainWindow

    configure_application(QApplication.instance())
    main = MainWindow(poll_interval_ms=50)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    main.attach_backend(backend)
    main.open_registration()
    yield main
    main.shutdown()


@pytest.fixture
def desk(qtbot, window) -> Desk:
    """An operator at the open wizard."""
    return Desk(qtbot, window)
