"""The branch and trainer screenshots module runs end to end and writes every picture."""

from __future__ import annotations

import shutil

import pytest

from desktop.views.branch.screens import render_screenshots


@pytest.mark.slow
def test_every_screen_is_rendered(qapp, tmp_path):
    written = render_screenshots(tmp_path)
    names = {path.name for path in written}
    assert {
        "branch_login.png",
        "branch_visit_required.png",
        "branch_activated.png",
        "branch_mismatch_operator_refused.png",
        "branch_mismatch_supervisor.png",
        "branch_password_reset.png",
        "branch_locked.png",
        "trainer_panel.png",
        "trainer_reset_confirm.png",
    } <= names
    assert ("branch_receipt_pdf.png" in names) == (shutil.which("pdftoppm") is not None)
    assert all(path.stat().st_size > 5_000 for path in written)
