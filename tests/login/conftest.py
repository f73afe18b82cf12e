"""Fixtures for driving the login and recovery dialogs against a real simulator.

Each test gets a fresh in-memory simulator with cheap hashing and a FROZEN clock (it moves only
by ``backend.training.advance_clock``), so "19 min 59 s after the code was sent" is exact.
Accounts are made the way a person makes them: a registration through the service, then the
back office's verification (``run_verification``); people come from the simulator's fictional
civil registry, and the seeded training accounts give the no-mobile / no-questions cases.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.paths import resource
from desktop.security.hashing import CHEAP_FOR_TESTS, hash_answer, hash_password
from desktop.service.bootstrap import Backend, build_service
from desktop.service.interface import (
    Gender,
    RegistrationRequest,
    SecurityAnswer,
    ServiceConfig,
)
from desktop.service.simulator.clock import SimulatedClock
from desktop.views.jobs import JobRunner
from tests.gui.conftest import Person, registrable_people, type_text, unknown_mobile

__all__ = ["Account", "Person", "type_text", "unknown_mobile"]

#: The frozen start of the simulated clock (a Sunday morning in Tehran).
START = dt.datetime(2026, 11, 29, 6, 0, tzinfo=dt.UTC)
PASSWORD = "Sample2024x"
#: Registered answers, as the person typed them at registration (Persian ک and ی).
ANSWERS = (
    ("favorite_color", "آبی"),
    ("birth_city", "کرمانشاه"),
    ("first_workplace", "کارخانه کاشی"),
)


@dataclass(frozen=True)
class Account:
    """A person with an account (or a request) and the secrets they chose."""

    person: Person
    mobile: str
    password: str
    answers: tuple[tuple[str, str], ...]

    @property
    def national_code(self) -> str:
        return self.person.national_code


def _training_accounts() -> dict[str, dict]:
    seed = json.loads(resource("seed", "civil_registry.json").read_text(encoding="utf-8"))
    return {account["role"]: account for account in seed["training_accounts"]}


def training_national_code(role: str) -> str:
    """National code of a seeded training account: ``complete``, ``no_mobile``,
    ``no_security_questions`` or ``no_recovery_method``."""
    return _training_accounts()[role]["national_code"]


def people(count: int) -> list[Person]:
    """``count`` distinct people of the registry who can register and be activated."""
    return registrable_people()[:count]


def _build(clock: SimulatedClock, config: ServiceConfig) -> Backend:
    return build_service("sqlite://", hash_policy=CHEAP_FOR_TESTS, config=config, clock=clock)


@pytest.fixture
def clock() -> SimulatedClock:
    """The simulator's clock, frozen at :data:`START`."""
    return SimulatedClock(START)


@pytest.fixture
def backend(clock):
    """A fresh in-memory simulator (verification due at once)."""
    built = _build(clock, ServiceConfig())
    yield built
    built.close()


@pytest.fixture
def slow_backend(clock):
    """A simulator whose verification runs an hour after submission (pending requests)."""
    built = _build(clock, ServiceConfig(verification_delay_s=3600))
    yield built
    built.close()


def register(
    backend: Backend,
    person: Person,
    *,
    mobile: str | None = None,
    password: str = PASSWORD,
    answers: Sequence[tuple[str, str]] = ANSWERS,
    birth_certificate_number: str | None = None,
    verify: bool = True,
) -> Account:
    """Submit ``person``'s registration through the service (secrets hashed as the desk does)
    and, when ``verify``, run the back office's verification. Returns the :class:`Account`."""
    mobile = mobile or person.mobiles[0]
    backend.service.submit_registration(
        RegistrationRequest(
            national_code=person.national_code,
            mobile=mobile,
            first_name=person.first_name,
            last_name=person.last_name,
            gender=Gender(person.gender),
            birth_certificate_number=birth_certificate_number or person.birth_certificate_number,
            birth_date=person.birth_date,
            email="",
            password_hash=hash_password(password, CHEAP_FOR_TESTS),
            security_answers=tuple(
                SecurityAnswer(qid, hash_answer(answer, CHEAP_FOR_TESTS)) for qid, answer in answers
            ),
        )
    )
    if verify:
        backend.service.run_verification()
    return Account(person, mobile, password, tuple(answers))


@pytest.fixture
def account(backend) -> Account:
    """An activated account (own mobile, three questions)."""
    return register(backend, people(1)[0])


@pytest.fixture
def runner(qtbot):
    """The desk's one job thread (as the main window's)."""
    job_runner = JobRunner()
    yield job_runner
    job_runner.wait(10000)


def settle(qtbot, dialog) -> None:
    """Wait until ``dialog`` has no service call running."""
    qtbot.waitUntil(lambda: not dialog.calls.busy, timeout=10000)


def click(qtbot, button) -> None:
    """A left click on ``button`` (it must be enabled)."""
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def enter_text(widget: QWidget, text: str) -> None:
    """Focus ``widget`` and type ``text`` key by key (Persian too)."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    type_text(widget, text)


def close_and_wait(dialog) -> None:
    """Close ``dialog`` and let its runner finish, before the backend goes away."""
    dialog.close()
    dialog.runner.wait(10000)
    QApplication.processEvents()


def press_enter(widget: QWidget) -> None:
    """Return in ``widget`` (a dialog's default button answers it)."""
    QTest.keyClick(widget, Qt.Key.Key_Return)


def latest_code(backend: Backend, mobile: str) -> str:
    """The 6-digit code of the newest recovery SMS on the simulated phone of ``mobile``."""
    import re

    from desktop.rules.normalize import normalize_digits

    texts = [sms.text for sms in backend.service.outbox(mobile) if sms.kind == "recovery_code"]
    assert texts, "no recovery code was sent"
    found = re.search(r"(?<!\d)\d{6}(?!\d)", normalize_digits(texts[-1]))
    assert found, texts[-1]
    return found.group(0)


class RecoveryDriver:
    """A person at the recovery dialog: types, clicks «گام بعدی», waits for the answer."""

    def __init__(self, qtbot, backend: Backend, dialog):
        self.qtbot = qtbot
        self.backend = backend
        self.dialog = dialog

    def next(self) -> None:
        click(self.qtbot, self.dialog.next_button)
        settle(self.qtbot, self.dialog)

    def start(self, national_code: str) -> None:
        """Step 1: type the national code, «گام بعدی»."""
        edit = self.dialog.username.national_code_edit
        edit.setText("")
        enter_text(edit, national_code)
        self.next()

    def choose(self, method) -> None:
        """Step 2: click the method's radio button, «گام بعدی»."""
        page = self.dialog.method
        radio = page.sms_radio if method.value == "sms" else page.questions_radio
        # On its indicator, at the right edge in the right-to-left dialog (a wide radio
        # button's middle is empty space that does not toggle it).
        indicator = QPoint(radio.width() - 8, radio.height() // 2)
        self.qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=indicator)
        assert radio.isChecked()
        self.next()

    def enter_code(self, code: str) -> None:
        """Step 3a: type ``code``, «گام بعدی»."""
        edit = self.dialog.code.code_edit
        edit.setText("")
        enter_text(edit, code)
        self.next()

    def answer(self, answers) -> None:
        """Step 3b: type the answers (Persian, key by key), «گام بعدی»."""
        for edit, answer in zip(self.dialog.questions.answer_edits, answers, strict=True):
            edit.setText("")
            enter_text(edit, answer)
        self.next()

    def new_password(self, password: str, confirm: str | None = None) -> None:
        """Step 4: type the new password and its repeat, «ثبت»."""
        step = self.dialog.password
        step.password_field.password_edit.setText("")
        step.confirm_edit.setText("")
        step.password_field.password_edit.setFocus()
        self.qtbot.keyClicks(step.password_field.password_edit, password)
        step.confirm_edit.setFocus()
        self.qtbot.keyClicks(step.confirm_edit, password if confirm is None else confirm)
        self.next()

    def countdown(self) -> str:
        return self.dialog.code.countdown_label.text()


@pytest.fixture
def recovery(qtbot, backend, runner):
    """The recovery dialog on the simulator (clock read every 50 ms), and its driver."""
    from desktop.views.recovery import RecoveryDialog

    dialog = RecoveryDialog(backend.service, backend.hash_policy, runner, clock_interval_ms=50)
    qtbot.addWidget(dialog)
    dialog.show()
    yield RecoveryDriver(qtbot, backend, dialog)
    close_and_wait(dialog)
