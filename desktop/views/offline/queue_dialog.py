"""«صف ثبت نام‌های آفلاین»: the local queue, a Sync button with a progress bar, dismissal.

The dialog lists each queued registration by its local id and masked national code (the only
things the laptop can read), its state and the server's answer: the tracking id of an
accepted one, the Persian field messages of a refused one (so the operator can contact the
citizen), the tracking id and the notice of a superseded one (a registration of the same
person captured later is the one the server keeps). Answered rows stay until the operator
dismisses them. The queue object (an
:class:`~desktop.offline.desk.OfflineDesk`) is handed in; every call to it runs off the GUI
thread, the sync on its own thread so the desk's other jobs are not held up.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.rules.messages import message
from desktop.views.jobs import JobRunner
from desktop.views.text import N_, ltr, tr
from desktop.views.widgets.jalali import format_jalali_datetime
from desktop.views.widgets.style import to_persian_digits

log = logging.getLogger(__name__)

#: Persian name of each item state (values of ``desktop.offline.queue.ItemState``).
STATE_TEXT = {
    "queued": N_("در صف ارسال"),
    "accepted": N_("پذیرفته شد"),
    "refused": N_("رد شد"),
    "superseded": N_("جایگزین شد"),
}
COLUMNS = (N_("شناسه محلی"), N_("کد ملی"), N_("وضعیت"), N_("پاسخ سامانه"), N_("زمان ثبت"))


class _ProgressRelay(QObject):
    """Carries progress from the sync thread to the GUI thread (a queued signal)."""

    progress = Signal(object)


class QueueDialog(QDialog):
    """The queue view. ``desk``: an OfflineDesk (``items``, ``dismiss``, ``sync``);
    ``runner``: the desk's job runner for the short calls. Signal ``synced(progress)`` after
    a sync ended (also when it stopped half-way)."""

    synced = Signal(object)

    def __init__(self, desk: Any, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("offline_queue_dialog")
        self.setWindowTitle(tr("صف ثبت نام‌های آفلاین"))
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.resize(900, 520)
        self._desk = desk
        self._runner = runner
        self._sync_runner = JobRunner(self)  # its own thread: a long sync blocks nothing
        self._relay = _ProgressRelay(self)
        self._relay.progress.connect(self._show_progress)
        self._stop_requested = False
        self._items: list[Any] = []

        self.summary_label = QLabel()
        self.summary_label.setObjectName("queue_summary_label")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("queue_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(tr("فهرست ثبت نام‌های صف"))
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("sync_progress_bar")
        self.progress_bar.setAccessibleName(tr("پیشرفت ارسال"))
        self.progress_bar.setVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("sync_progress_label")
        self.progress_label.setWordWrap(True)

        self.sync_button = QPushButton(tr("ارسال به سامانه"))
        self.sync_button.setObjectName("sync_button")
        self.sync_button.setToolTip(
            tr("ارسال همه‌ی ثبت نام‌های در صف؛ در صورت قطع، از همان‌جا ادامه می‌یابد")
        )
        self.sync_button.clicked.connect(self.start_sync)
        self.stop_button = QPushButton(tr("توقف ارسال"))
        self.stop_button.setObjectName("stop_sync_button")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_sync)
        self.dismiss_button = QPushButton(tr("حذف پاسخ‌داده‌شده‌های انتخابی از فهرست"))
        self.dismiss_button.setObjectName("dismiss_button")
        self.dismiss_button.setEnabled(False)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        close_button = QPushButton(tr("بستن"))
        close_button.setObjectName("close_button")
        close_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self.sync_button, self.stop_button, self.dismiss_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.progress_label)
        layout.addLayout(buttons)

    # --- listing -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the queue (job thread) and redraw."""
        self._runner.run(self._desk.items, on_finished=self.show_items, on_failed=self._failed)

    def show_items(self, items: list[Any]) -> None:
        """Draw ``items`` (QueueItem rows, oldest first)."""
        self._items = list(items)
        self.table.setRowCount(len(self._items))
        counts = {state: 0 for state in STATE_TEXT}
        for row, item in enumerate(self._items):
            state = str(item.state)
            counts[state] = counts.get(state, 0) + 1
            # A superseded row has both: its tracking id and the notice why it will not count.
            parts = [message(e) for e in item.errors]
            if item.tracking_id:
                parts.insert(0, tr("کد رهگیری: {tracking_id}", tracking_id=ltr(item.tracking_id)))
            answer = "؛ ".join(parts)
            cells = (
                ltr(item.local_id),
                ltr(item.masked_national_code),
                tr(STATE_TEXT.get(state, state)),
                answer,
                format_jalali_datetime(item.queued_at),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in (0, 1):  # ids read left to right
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                    )
                if column == 3 and item.errors:
                    cell.setToolTip(answer)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()  # a refusal's whole message, wrapped
        self.summary_label.setText(
            tr(
                "در صف: {queued}، پذیرفته شده: {accepted}، رد شده: {refused}، "
                "جایگزین شده: {superseded}",
                queued=to_persian_digits(str(counts["queued"])),
                accepted=to_persian_digits(str(counts["accepted"])),
                refused=to_persian_digits(str(counts["refused"])),
                superseded=to_persian_digits(str(counts["superseded"])),
            )
        )
        self._update_buttons()

    @property
    def items(self) -> list[Any]:
        """The rows shown."""
        return list(self._items)

    def _selected_answered(self) -> list[str]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [
            self._items[r].local_id for r in sorted(rows) if str(self._items[r].state) != "queued"
        ]

    def _update_buttons(self) -> None:
        syncing = self.stop_button.isEnabled()
        self.dismiss_button.setEnabled(not syncing and bool(self._selected_answered()))
        waiting = any(str(i.state) == "queued" for i in self._items)
        self.sync_button.setEnabled(not syncing and waiting)

    def dismiss_selected(self) -> None:
        """Remove the selected answered rows (queued rows are never removed)."""
        ids = self._selected_answered()
        if ids:
            self._runner.run(lambda: self._desk.dismiss(ids), on_finished=lambda _n: self.refresh())

    # --- syncing -----------------------------------------------------------------------
    def start_sync(self) -> None:
        """Send the queue on the sync thread, showing progress; the list is redrawn after."""
        if self.stop_button.isEnabled():
            return
        self._stop_requested = False
        self.stop_button.setEnabled(True)
        self.sync_button.setEnabled(False)
        self.dismiss_button.setEnabled(False)
        self.progress_bar.setRange(0, 0)  # busy until the first batch is answered
        self.progress_bar.setVisible(True)
        self.progress_label.setText(tr("در حال اتصال به سامانه…"))
        relay, desk = self._relay, self._desk
        self._sync_runner.run(
            lambda: desk.sync(on_progress=relay.progress.emit, should_stop=self._should_stop),
            on_finished=self._sync_finished,
            on_failed=self._sync_failed,
        )

    def _should_stop(self) -> bool:
        return self._stop_requested

    def stop_sync(self) -> None:
        """Stop after the batch being sent (what was answered is kept; the rest stays)."""
        self._stop_requested = True
        self.progress_label.setText(tr("ارسال پس از دسته‌ی جاری متوقف می‌شود…"))

    def _show_progress(self, progress: Any) -> None:
        self.progress_bar.setRange(0, max(progress.total, 1))
        self.progress_bar.setValue(progress.sent)
        self.progress_label.setText(
            tr(
                "ارسال شده: {sent} از {total} ({rate} در ثانیه)",
                sent=to_persian_digits(str(progress.sent)),
                total=to_persian_digits(str(progress.total)),
                rate=to_persian_digits(f"{progress.rate:.0f}"),
            )
        )

    def _sync_done(self) -> None:
        self.stop_button.setEnabled(False)
        self.refresh()

    def _sync_finished(self, progress: Any) -> None:
        self._show_progress(progress)
        self.progress_label.setText(
            tr(
                "ارسال پایان یافت: {accepted} پذیرفته شد، {refused} رد شد، "
                "{superseded} جایگزین شد.",
                accepted=to_persian_digits(str(progress.accepted)),
                refused=to_persian_digits(str(progress.refused)),
                superseded=to_persian_digits(str(progress.superseded)),
            )
        )
        self._sync_done()
        self.synced.emit(progress)

    def _sync_failed(self, exc: BaseException) -> None:
        from desktop.offline.errors import KeyMismatch
        from desktop.service.errors import ServiceError

        self.progress_bar.setVisible(False)
        if isinstance(exc, ServiceError):
            reason = message(exc.first)
        elif isinstance(exc, KeyMismatch):
            reason = tr("کلید سامانه با کلید ثبت‌شده‌ی این میز یکی نیست؛ با پشتیبانی تماس بگیرید.")
        else:
            log.error("sync failed unexpectedly: %s", type(exc).__name__)
            reason = tr("خطای پیش‌بینی‌نشده.")
        self.progress_label.setText(
            tr("ارسال انجام نشد: {reason} ثبت نام‌ها در صف می‌مانند.", reason=reason)
        )
        self._sync_done()

    def _failed(self, exc: BaseException) -> None:
        log.warning("queue read failed: %s", type(exc).__name__)
        self.summary_label.setText(tr("صف خوانده نشد."))

    def done(self, result: int) -> None:  # Qt override: never close under a running sync
        if self.stop_button.isEnabled():
            self.stop_sync()
            return
        super().done(result)
