"""The screenshot tool drives every screen of both dialogs and writes one PNG per screen."""

from __future__ import annotations

from PySide6.QtGui import QImage

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.views.login.screens import render_screenshots

EXPECTED = {
    "login_empty",
    "login_keyboard",
    "login_invalid_credentials",
    "login_pending",
    "login_branch_visit_required",
    "login_identity_mismatch",
    "login_locked",
    "login_help",
    "login_after_recovery",
    "login_signed_in",
    "recovery_step1_username",
    "recovery_step2_method",
    "recovery_step2_no_mobile",
    "recovery_step2_no_questions",
    "recovery_step3_code",
    "recovery_step3_code_invalid",
    "recovery_step3_code_expired",
    "recovery_step3_questions",
    "recovery_step3_questions_empty",
    "recovery_step3_questions_invalid",
    "recovery_step4_password",
    "recovery_step4_password_refused",
    "recovery_end_attempts_exhausted",
    "recovery_end_visit_branch",
}


def test_every_screen_is_rendered(qapp, tmp_path):
    written = render_screenshots(tmp_path, hash_policy=CHEAP_FOR_TESTS)
    assert {path.stem for path in written} == EXPECTED
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 400 and image.height() >= 100, path.name
