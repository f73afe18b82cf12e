"""Every screen of the login and recovery dialogs, rendered to ``login_*.png`` / ``recovery_*.png``.

``python -m desktop.views.login.screens docs/screenshots`` (offscreen is fine), or
:func:`render_screenshots` from the desk's screenshot tool. The dialogs are driven as a person
would drive them, against an in-memory simulator whose clock is frozen (so the countdown reads
``۲۰:۰۰`` on every run); the people are the simulator's fictional civil registry and its seeded
training accounts, the secrets are invented.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from desktop.paths import resource
from desktop.rules.fields import parse_first_name, parse_last_name
from desktop.rules.normalize import normalize_digits
from desktop.security.hashing import PRODUCTION, HashPolicy, hash_answer, hash_password
from desktop.service.interface import (
    Gender,
    RecoveryMethod,
    RegistrationRequest,
    SecurityAnswer,
    ServiceConfig,
)
from desktop.tools.studio import Studio

#: Invented secrets of the people in the pictures.
PASSWORD = "Sample2024x"
NEW_PASSWORD = "Novin2025x"
ANSWERS = (
    ("favorite_color", "آبی"),
    ("birth_city", "کرمانشاه"),
    ("first_workplace", "کارخانه کاشی"),
)
WRONG_ANSWERS = ("سبز", "شیراز", "نانوایی")
#: The frozen simulated time of the pictures (UTC).
FROZEN_AT = dt.datetime(2026, 11, 29, 6, 0, tzinfo=dt.UTC)
#: Delay before verification, so a request can be shown while still pending.
VERIFICATION_DELAY_S = 3600.0
LOGIN_WIDTH, RECOVERY_WIDTH = 480, 600
#: Long enough for the strength meter, scored 150 ms after the last key.
STRENGTH_SETTLE_MS = 250


class _Studio(Studio):
    """A :class:`~desktop.tools.studio.Studio` that also waits for a dialog's service calls."""

    def settle(self, dialog) -> None:
        """Wait until ``dialog`` has no service call running."""
        self.pump(5)
        self.wait(lambda: not dialog.calls.busy, "a service call")
        self.pump(5)


def _people() -> tuple[list[dict], dict[str, str], list[str]]:
    """Registry people who can register (own mobile, names the rules accept, no training
    account), the training accounts' national codes by role, and the unknown mobiles."""
    seed = json.loads(resource("seed", "civil_registry.json").read_text(encoding="utf-8"))
    training = {a["role"]: a["national_code"] for a in seed["training_accounts"]}
    people = [
        p
        for p in seed["people"]
        if p["mobiles"]
        and p["national_code"] not in training.values()
        and parse_first_name(p["first_name"]).ok
        and parse_last_name(p["last_name"]).ok
    ]
    return people, training, list(seed["unknown_mobiles"])


def _register(service, person: dict, policy: HashPolicy, **changes: str) -> str:
    """Submit ``person``'s registration (``changes`` override fields); returns the mobile."""
    mobile = changes.get("mobile", person["mobiles"][0])
    service.submit_registration(
        RegistrationRequest(
            national_code=person["national_code"],
            mobile=mobile,
            first_name=person["first_name"],
            last_name=person["last_name"],
            gender=Gender(person["gender"]),
            birth_certificate_number=changes.get(
                "birth_certificate_number", person["birth_certificate_number"]
            ),
            birth_date=person["birth_date"],
            email="",
            password_hash=hash_password(PASSWORD, policy),
            security_answers=tuple(
                SecurityAnswer(qid, hash_answer(answer, policy)) for qid, answer in ANSWERS
            ),
        )
    )
    return mobile


def _latest_code(service, mobile: str) -> str:
    texts = [s.text for s in service.outbox(mobile) if s.kind == "recovery_code"]
    found = re.search(r"(?<!\d)\d{6}(?!\d)", normalize_digits(texts[-1]))
    if found is None:
        raise RuntimeError("screenshots: no code in the recovery SMS")
    return found.group(0)


def _type(edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.setText(text)


def render_screenshots(folder: Path | str, hash_policy: HashPolicy = PRODUCTION) -> list[Path]:
    """Drive the dialogs through every step and write the PNGs to ``folder``; returns them.

    Needs no display (offscreen works). Makes a QApplication configured like the desk's
    (right to left, Persian locale, bundled font) when none exists. ``hash_policy``: argon2id
    parameters of the throw-away simulator (tests pass a cheap one). Raises RuntimeError if a
    step does not come out as expected, OSError if a file cannot be written.
    """
    from desktop.app import configure_application
    from desktop.service.bootstrap import build_service

    # The simulator's own clock class: frozen, so the pictures are the same on every run.
    from desktop.service.simulator.clock import SimulatedClock
    from desktop.views.jobs import JobRunner
    from desktop.views.login.dialog import LoginDialog

    app = QApplication.instance() or QApplication([])
    configure_application(app)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    studio = _Studio(folder, app)
    backend = build_service(
        "sqlite://",
        hash_policy=hash_policy,
        config=ServiceConfig(verification_delay_s=VERIFICATION_DELAY_S),
        clock=SimulatedClock(FROZEN_AT),
    )
    runner = JobRunner()
    login = LoginDialog(backend.service, backend.hash_policy, runner)
    try:
        _story(studio, backend, login)
    finally:
        login.done(QDialog.DialogCode.Rejected)
        runner.wait(30000)
        backend.close()
    return studio.written


def _story(studio: _Studio, backend, login) -> None:
    service, training, policy = backend.service, backend.training, backend.hash_policy
    people, roles, unknown_mobiles = _people()
    main = next((p for p in people if p["last_name"] == "مرادی"), people[0])
    others = [p for p in people if p is not main]
    mobile = _register(service, main, policy)
    _register(service, others[0], policy, mobile=unknown_mobiles[0])
    _register(service, others[1], policy, birth_certificate_number="1")
    exhausted_mobile = _register(service, others[2], policy)
    training.advance_clock(VERIFICATION_DELAY_S)
    service.run_verification()
    _register(service, others[3], policy)  # stays pending

    login.show()
    studio.wait(lambda: login.captcha_id is not None, "the first captcha")
    studio.shot(login, "login_empty", LOGIN_WIDTH)

    def attempt(national_code: str, password: str) -> None:
        studio.wait(lambda: login.captcha_id is not None, "a captcha")
        _type(login.national_code_edit, national_code)
        _type(login.password_edit, password)
        _type(login.captcha_edit, training.captcha_answer(login.captcha_id))
        login.submit()
        studio.settle(login)

    login.form.keyboard_button.setChecked(True)
    _type(login.national_code_edit, main["national_code"])
    _type(login.password_edit, "Sam")
    login.password_edit.setFocus()
    studio.shot(login, "login_keyboard", LOGIN_WIDTH)
    login.form.keyboard_button.setChecked(False)

    attempt(main["national_code"], "Wrong2024x")
    studio.shot(login, "login_invalid_credentials", LOGIN_WIDTH)
    for name, person in (
        ("login_branch_visit_required", others[0]),
        ("login_identity_mismatch", others[1]),
        ("login_pending", others[3]),
    ):
        attempt(person["national_code"], PASSWORD)
        studio.shot(login, name, LOGIN_WIDTH)
    for _ in range(4):  # five failures in a row lock the login
        attempt(main["national_code"], "Wrong2024x")
    studio.shot(login, "login_locked", LOGIN_WIDTH)

    login.show_help()
    help_dialog = login.help_dialog
    studio.wait(help_dialog.isVisible, "the help")
    studio.shot(help_dialog, "login_help")
    help_dialog.accept()

    _recovery_story(studio, backend, login, main, mobile, roles, others[2], exhausted_mobile)

    login.refresh_captcha()  # the one shown expired while the simulated clock ran
    studio.settle(login)
    attempt(main["national_code"], NEW_PASSWORD)
    if login.account is None:
        raise RuntimeError(f"screenshots: the new password did not sign in: {login.message}")
    studio.shot(login, "login_signed_in", LOGIN_WIDTH)


def _recovery_story(studio, backend, login, main, mobile, roles, exhausted, exhausted_mobile):
    service = backend.service

    def open_recovery(national_code: str):
        dialog = login.open_recovery()
        studio.wait(dialog.isVisible, "the recovery dialog")
        _type(dialog.username.national_code_edit, national_code)
        return dialog

    def next_step(dialog) -> None:
        dialog.next()
        studio.settle(dialog)

    # The two refusals of step 2, and the branch for an account with neither method.
    for role, method, name in (
        ("no_mobile", RecoveryMethod.SMS, "recovery_step2_no_mobile"),
        ("no_security_questions", RecoveryMethod.QUESTIONS, "recovery_step2_no_questions"),
    ):
        dialog = open_recovery(roles[role])
        next_step(dialog)
        dialog.method.choose(method)
        next_step(dialog)
        studio.shot(dialog, name, RECOVERY_WIDTH)
        dialog.reject()
    dialog = open_recovery(roles["no_recovery_method"])
    next_step(dialog)
    studio.shot(dialog, "recovery_end_visit_branch", RECOVERY_WIDTH)
    dialog.reject()

    # Three wrong codes end a recovery.
    dialog = open_recovery(exhausted["national_code"])
    next_step(dialog)
    next_step(dialog)
    wrong = f"{(int(_latest_code(service, exhausted_mobile)) + 1) % 10**6:06d}"
    for _ in range(3):
        _type(dialog.code.code_edit, wrong)
        next_step(dialog)
    studio.shot(dialog, "recovery_end_attempts_exhausted", RECOVERY_WIDTH)
    dialog.reject()

    # Questions: a wrong set, then the SMS code, the new password.
    dialog = open_recovery(main["national_code"])
    studio.shot(dialog, "recovery_step1_username", RECOVERY_WIDTH)
    next_step(dialog)
    studio.shot(dialog, "recovery_step2_method", RECOVERY_WIDTH)
    dialog.method.choose(RecoveryMethod.QUESTIONS)
    next_step(dialog)
    # An answer left empty: refused on the desk, before any try is spent.
    _type(dialog.questions.answer_edits[0], WRONG_ANSWERS[0])
    next_step(dialog)
    studio.shot(dialog, "recovery_step3_questions_empty", RECOVERY_WIDTH)
    dialog.questions.show_refusal(None)  # as typing does; setText below is not an edit
    for edit, answer in zip(dialog.questions.answer_edits, WRONG_ANSWERS, strict=True):
        _type(edit, answer)
    studio.shot(dialog, "recovery_step3_questions", RECOVERY_WIDTH)
    next_step(dialog)
    studio.shot(dialog, "recovery_step3_questions_invalid", RECOVERY_WIDTH)
    dialog.reject()

    dialog = open_recovery(main["national_code"])
    next_step(dialog)
    next_step(dialog)  # SMS is the default choice
    studio.shot(dialog, "recovery_step3_code", RECOVERY_WIDTH)
    right = _latest_code(service, mobile)
    _type(dialog.code.code_edit, f"{(int(right) + 1) % 10**6:06d}")
    next_step(dialog)
    studio.shot(dialog, "recovery_step3_code_invalid", RECOVERY_WIDTH)
    _type(dialog.code.code_edit, right)
    next_step(dialog)

    step = dialog.password
    _type(step.password_field.password_edit, "Moradi1990x")
    _type(step.confirm_edit, "Moradi1990x")
    next_step(dialog)
    studio.shot(dialog, "recovery_step4_password_refused", RECOVERY_WIDTH, STRENGTH_SETTLE_MS)
    _type(step.password_field.password_edit, NEW_PASSWORD)
    _type(step.confirm_edit, NEW_PASSWORD)
    step.password.validate()
    step.password_confirm.validate()
    studio.shot(dialog, "recovery_step4_password", RECOVERY_WIDTH, STRENGTH_SETTLE_MS)
    next_step(dialog)
    studio.wait(lambda: not dialog.isVisible(), "the recovery to finish")
    studio.settle(login)
    studio.shot(login, "login_after_recovery", LOGIN_WIDTH)

    # The code's validity as the simulated clock runs out (a fresh recovery, 20 minutes on).
    backend.training.advance_clock(60)  # past the resend throttle
    dialog = open_recovery(main["national_code"])
    next_step(dialog)
    next_step(dialog)
    backend.training.advance_clock(20 * 60)
    studio.wait(lambda: dialog.code.remaining == 0, "the countdown to reach zero")
    studio.shot(dialog, "recovery_step3_code_expired", RECOVERY_WIDTH)
    dialog.reject()


def main(argv: list[str] | None = None) -> int:
    """``python -m desktop.views.login.screens FOLDER``: write the PNGs, print their paths."""
    args = sys.argv[1:] if argv is None else argv
    for path in render_screenshots(args[0] if args else "docs/screenshots"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
