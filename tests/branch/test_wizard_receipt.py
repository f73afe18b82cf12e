"""The wizard's result page offers the acknowledgement receipt of the request just sent."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.security.masking import mask_national_code
from tests.gui.conftest import desk, person, window  # noqa: F401 - fixtures


def test_the_result_page_opens_the_receipt_and_forgetting_closes_it(qtbot, desk, person):  # noqa: F811
    desk.go_through(person)
    desk.submit()
    result = desk.wizard.result_page
    qtbot.mouseClick(result.form.receipt_button, Qt.MouseButton.LeftButton)
    dialog = desk.wizard.receipt_dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.form.receipt_view.toPlainText()
    assert result.tracking_id in text
    assert mask_national_code(person.national_code) in text
    assert person.national_code not in text
    desk.wizard.forget()
    assert desk.wizard.receipt_dialog is None and not dialog.isVisible()
