"""The acknowledgement receipt on paper or as PDF: a ``QTextDocument`` of
:func:`desktop.branch.receipt.receipt_html` (Qt shapes and orders the Persian text), printed
through ``QPrintPreviewDialog`` or written by ``QPdfWriter`` (PySide6-Essentials has
QtPrintSupport; the PDF path needs no printer)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QDialog, QFileDialog, QVBoxLayout, QWidget

from desktop.branch.receipt import QR_RESOURCE, Receipt, qr_png, receipt_html
from desktop.views.forms import load_form
from desktop.views.text import tr

#: Receipts are A5 portrait: half an A4 sheet, the size of a counter receipt.
PAGE_SIZE = QPageSize.PageSizeId.A5
MARGINS_MM = QMarginsF(12, 12, 12, 12)


def receipt_document(receipt: Receipt, font_family: str | None = None) -> QTextDocument:
    """A laid-out ``QTextDocument`` of ``receipt`` with its QR image registered."""
    from PySide6.QtWidgets import QApplication

    family = font_family or QApplication.font().family()
    document = QTextDocument()
    document.setDefaultFont(QApplication.font())
    image = QImage.fromData(qr_png(receipt.tracking_id))
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_RESOURCE), image)
    document.setHtml(receipt_html(receipt, family))
    return document


def _print(document: QTextDocument, device) -> None:
    """Paint ``document`` on ``device`` (a QPrinter or QPdfWriter), one page.

    The page size is given in the document's own (screen) pixels: ``QTextDocument.print_``
    scales from the screen's resolution to the device's, so a 11 pt font prints as 11 pt
    on a 300 dpi PDF and on a 600 dpi printer alike."""
    from PySide6.QtWidgets import QApplication

    points = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    per_point = QApplication.primaryScreen().logicalDotsPerInch() / 72.0
    document.setPageSize(QSizeF(points.width() * per_point, points.height() * per_point))
    document.print_(device)


def save_receipt_pdf(receipt: Receipt, path: Path) -> Path:
    """Write ``receipt`` as a one-page A5 PDF at ``path``; returns ``path``. Raises OSError
    when the file cannot be written."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZE),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    writer.setTitle(tr("رسید"))
    writer.setCreator("Tamin Desk")
    _print(receipt_document(receipt), writer)
    del writer  # the file is complete only once the writer is gone
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"cannot write {path}")
    return path


def preview_receipt(receipt: Receipt, parent: QWidget | None = None):
    """A ``QPrintPreviewDialog`` (not yet shown) printing ``receipt`` on an A5 page."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(PAGE_SIZE))
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(tr("پیش‌نمایش رسید"))
    document = receipt_document(receipt)
    dialog.paintRequested.connect(lambda device: _print(document, device))
    dialog._printer = printer  # the printer must outlive the call
    return dialog


class ReceiptDialog(QDialog):
    """Shows a receipt with "preview and print", "save as PDF" and "close" buttons."""

    def __init__(self, receipt: Receipt, parent: QWidget | None = None):
        super().__init__(parent)
        self.receipt = receipt
        self.form = load_form("receipt_dialog.ui", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.widget)
        self.setWindowTitle(self.form.widget.windowTitle())
        document = receipt_document(receipt)
        document.setParent(self)
        self.form.receipt_view.setDocument(document)
        self.form.preview_button.clicked.connect(self.open_preview)
        self.form.save_pdf_button.clicked.connect(self.ask_and_save_pdf)
        self.form.close_button.clicked.connect(self.accept)
        self.preview = None

    def open_preview(self) -> None:
        """Open the print preview (the user prints from there)."""
        self.preview = preview_receipt(self.receipt, self)
        self.preview.open()

    def ask_and_save_pdf(self) -> Path | None:
        """Ask where to save, then write the PDF; returns the path (None when cancelled)."""
        name, _ = QFileDialog.getSaveFileName(
            self, tr("ذخیره رسید"), f"receipt-{self.receipt.tracking_id}.pdf", "PDF (*.pdf)"
        )
        return save_receipt_pdf(self.receipt, Path(name)) if name else None
