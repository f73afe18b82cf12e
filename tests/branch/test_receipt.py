"""The acknowledgement receipt: its text (masked identifiers, Jalali date in Persian digits),
the PDF's extracted text, and the page rendered to PNG for a look (pdftoppm)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pypdf
import pytest

from desktop.branch.receipt import Receipt, ReceiptKind, jalali_moment, qr_png, receipt_html
from desktop.views.branch.receipt import ReceiptDialog, preview_receipt, save_receipt_pdf

#: 2025-05-01 06:30 UTC is 1404/02/11 10:00 in Tehran.
MOMENT = dt.datetime(2025, 5, 1, 6, 30, tzinfo=dt.UTC)
RECEIPT = Receipt(ReceiptKind.REGISTRATION, "4829105736", MOMENT, "0499370899", "09121234567")


@pytest.fixture(autouse=True)
def app_font(qapp):
    """The bundled Persian font, as the desk has it."""
    from desktop.views.theme import apply_theme

    apply_theme(qapp)


def test_the_text_masks_identifiers_and_dates_in_jalali():
    assert jalali_moment(MOMENT) == "۱۴۰۴/۰۲/۱۱ ساعت ۱۰:۰۰"
    html = receipt_html(RECEIPT)
    assert "049****899" in html and "0912***4567" in html
    assert "0499370899" not in html and "09121234567" not in html
    assert "۴۸ ساعت" in html  # what happens next (guide: register again after 48 hours)
    assert qr_png("4829105736").startswith(b"\x89PNG")


def _pdf_text(path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)


def test_the_pdf_holds_the_tracking_id_and_the_jalali_date(tmp_path):
    pdf = save_receipt_pdf(RECEIPT, tmp_path / "receipt.pdf")
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) == 1
    text = _pdf_text(pdf)
    assert "4829105736" in text
    # Extracted right-to-left text comes out in visual order: digit runs of the Persian
    # date read reversed (۱۴۰۴/۰۲/۱۱ → ۱۱/۲۰/۴۰۴۱); either order proves the date is there.
    date = "۱۴۰۴/۰۲/۱۱"
    assert date in text or date[::-1] in text
    assert "049****899" in text and "0499370899" not in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) absent")
def test_the_pdf_page_renders_to_png(tmp_path):
    pdf = save_receipt_pdf(RECEIPT, tmp_path / "receipt.pdf")
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    png = tmp_path / "page.png"
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000


def test_activation_receipt_names_the_operator_and_the_dialog_previews(qtbot, tmp_path):
    receipt = Receipt(
        ReceiptKind.ACTIVATION, "4829105736", MOMENT, "0499370899", "09121234567", "sara"
    )
    dialog = ReceiptDialog(receipt, None)
    qtbot.addWidget(dialog)
    shown = dialog.form.receipt_view.toPlainText()
    assert "فعال سازی" in shown and "sara" in shown and "4829105736" in shown
    preview = preview_receipt(receipt, dialog)
    qtbot.addWidget(preview)
    assert preview.windowTitle() == "پیش‌نمایش رسید"
    painted = []
    preview.paintRequested.connect(painted.append)
    preview.show()  # the preview paints the receipt on its printer
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    preview.close()
