"""Screens of the branch desk and the trainer panel, rendered to ``branch_*.png`` /
``trainer_*.png``, and the receipt's PDF page to ``branch_receipt_pdf.png``.

``python -m desktop.views.branch.screens docs/screenshots`` (offscreen is fine). The views are
driven as staff would drive them, against an in-memory simulator whose clock is frozen; the
people are the simulator's fictional civil registry, staff names and secrets are invented.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.paths import resource
from desktop.tools.studio import Studio

#: The frozen simulated time of the pictures (UTC): 1405/09/08 09:30 in Tehran.
FROZEN_AT = dt.datetime(2026, 11, 29, 6, 0, tzinfo=dt.UTC)
STAFF = {"sara": ("operator", "Operator1404"), "reza": ("supervisor", "Supervisor1404")}
CITIZEN_PASSWORD = "Sample2024x"
ANSWERS = (("favorite_color", "آبی"), ("birth_city", "کرمانشاه"), ("first_workplace", "کاشی"))
DESK_SIZE = (1180, 820)
PANEL_SIZE = (1150, 860)


def _people() -> list[dict]:
    seed = json.loads(resource("seed", "civil_registry.json").read_text(encoding="utf-8"))
    trained = {a["national_code"] for a in seed["training_accounts"]}
    return [p for p in seed["people"] if p["mobiles"] and p["national_code"] not in trained]


def _request(person: dict, policy, **overrides):
    from desktop.security.hashing import hash_answer, hash_password
    from desktop.service.interface import Gender, RegistrationRequest, SecurityAnswer

    fields = {
        "national_code": person["national_code"],
        "mobile": person["mobiles"][0],
        "first_name": person["first_name"],
        "last_name": person["last_name"],
        "gender": Gender(person["gender"]),
        "birth_certificate_number": person["birth_certificate_number"],
        "birth_date": person["birth_date"],
        "email": "",
        "password_hash": hash_password(CITIZEN_PASSWORD, policy),
        "security_answers": tuple(SecurityAnswer(q, hash_answer(a, policy)) for q, a in ANSWERS),
    }
    fields.update(overrides)
    return RegistrationRequest(**fields)


def _receipt_png(studio: Studio) -> None:
    """The receipt PDF's page, rendered by pdftoppm (skipped when poppler-utils is absent)."""
    from desktop.branch.receipt import Receipt, ReceiptKind
    from desktop.views.branch.receipt import save_receipt_pdf

    if shutil.which("pdftoppm") is None:
        print("screenshots: pdftoppm absent, branch_receipt_pdf.png skipped", file=sys.stderr)
        return
    receipt = Receipt(
        ReceiptKind.ACTIVATION, "4829105736", FROZEN_AT, "0499370899", "09121234567", "sara"
    )
    with tempfile.TemporaryDirectory() as folder:
        pdf = save_receipt_pdf(receipt, Path(folder) / "receipt.pdf")
        target = studio.folder / "branch_receipt_pdf"
        subprocess.run(
            ["pdftoppm", "-r", "90", "-png", "-singlefile", str(pdf), str(target)],
            check=True,
            timeout=60,
        )
    studio.written.append(target.with_suffix(".png"))


def render_screenshots(folder: str | Path) -> list[Path]:
    """Write every branch and trainer screenshot into ``folder``; returns the paths."""
    from desktop.app import configure_application
    from desktop.branch.interface import StaffRole
    from desktop.security.hashing import PRODUCTION, hash_password
    from desktop.service.bootstrap import build_service
    from desktop.service.interface import RegistrationState
    from desktop.service.simulator.clock import SimulatedClock
    from desktop.views.branch.desk import BranchDesk
    from desktop.views.training.panel import TrainerPanel

    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    studio = Studio(out, app)
    backend = build_service("sqlite://", hash_policy=PRODUCTION, clock=SimulatedClock(FROZEN_AT))
    try:
        policy = backend.hash_policy
        for name, (role, password) in STAFF.items():
            backend.branch.add_staff(name, StaffRole(role), hash_password(password, policy))
        people = _people()
        visit, mismatch = people[0], people[2]
        service = backend.service
        service.submit_registration(_request(visit, policy, mobile=people[1]["mobiles"][0]))
        service.submit_registration(_request(mismatch, policy, birth_certificate_number="1234567"))
        service.run_verification()

        desk = BranchDesk(backend.branch, policy)
        desk.resize(*DESK_SIZE)
        desk.show()
        form = desk.form

        def log_in(name: str) -> None:
            form.staff_name_edit.setText(name)
            form.staff_password_edit.setText(STAFF[name][1])
            form.login_button.click()
            studio.wait(lambda: desk.session is not None, "the staff login")

        def search(code: str) -> None:
            form.search_edit.setText(code)
            form.search_button.click()
            studio.wait(lambda: not desk.busy and desk.selected is not None, "the look-up")

        form.staff_name_edit.setText("sara")
        studio.shot(desk, "branch_login")
        log_in("sara")
        search(visit["national_code"])
        form.national_card_check.setChecked(True)
        studio.shot(desk, "branch_visit_required")
        form.activate_button.click()
        studio.wait(lambda: desk.last_receipt is not None, "the activation")
        studio.shot(desk, "branch_activated")

        search(mismatch["national_code"])
        form.birth_certificate_check.setChecked(True)
        form.corr_certificate_edit.setText(mismatch["birth_certificate_number"])
        form.reason_edit.setPlainText("شماره شناسنامه در ثبت نام اشتباه تایپ شده بود.")
        form.activate_mismatch_button.click()
        studio.wait(lambda: "سرپرست" in form.activation_message.text(), "the refusal")
        studio.shot(desk, "branch_mismatch_operator_refused")

        form.logout_button.click()
        log_in("reza")
        search(mismatch["national_code"])
        form.birth_certificate_check.setChecked(True)
        form.corr_certificate_edit.setText(mismatch["birth_certificate_number"])
        form.reason_edit.setPlainText("شماره شناسنامه در ثبت نام اشتباه تایپ شده بود.")
        studio.shot(desk, "branch_mismatch_supervisor")

        form.tabs.setCurrentWidget(form.reset_tab)
        form.reset_national_code_edit.setText(
            next(a for a in _seed_accounts() if a["role"] == "no_recovery_method")["national_code"]
        )
        form.reset_find_button.click()
        studio.wait(lambda: desk.account is not None, "the account look-up")
        form.reset_birth_certificate_check.setChecked(True)
        desk.password_field.password_edit.setText("Novin2025x")
        desk.password_field.confirm_edit.setText("Novin2025x")
        studio.pump(300)  # the strength meter is scored after a short pause
        studio.shot(desk, "branch_password_reset")

        desk.lock()
        studio.shot(desk, "branch_locked")
        desk.runner.wait(10000)
        desk.close()

        backend.room.force_next_outcome(RegistrationState.IDENTITY_MISMATCH)
        panel = TrainerPanel(backend.training, backend.room, service.now, refresh_ms=0)
        panel.resize(*PANEL_SIZE)
        panel.show()
        studio.wait(lambda: panel.clock is not None, "the trainer panel")
        panel.form.no_mobile_button.click()
        studio.wait(lambda: panel.person is not None, "the training person")
        panel.form.outcome_combo.setCurrentIndex(
            panel.form.outcome_combo.findData("branch_visit_required")
        )
        panel.form.force_button.click()
        studio.wait(lambda: len(panel.forced) == 2, "the forced outcome")
        panel.form.advance_20m_button.click()
        studio.wait(lambda: panel.clock != FROZEN_AT, "the clock")
        studio.wait(lambda: panel.form.sms_table.rowCount() > 0, "the SMS list")
        studio.shot(panel, "trainer_panel")
        box = panel.ask_reset()
        studio.pump(100)
        studio.shot(box, "trainer_reset_confirm")
        box.reject()
        panel.runner.wait(10000)
        panel.close()

        _receipt_png(studio)
    finally:
        backend.close()
    return studio.written


def _seed_accounts() -> list[dict]:
    seed = json.loads(resource("seed", "civil_registry.json").read_text(encoding="utf-8"))
    return seed["training_accounts"]


def main(argv: list[str] | None = None) -> int:
    """``python -m desktop.views.branch.screens FOLDER``: write the PNGs, print their paths."""
    args = sys.argv[1:] if argv is None else argv
    for path in render_screenshots(args[0] if args else "docs/screenshots"):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
