"""pytest-qt: a registration completed while the server is stopped is kept in the queue (the
operator's choice), the result page shows its local id; with the server back, «ارسال به
سامانه» in the queue view delivers it and the SMS arrives on the simulated phone (the server's
outbox). Field mode queues without asking. Also renders the queue view's screenshot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop.offline.desk import OfflineDesk
from desktop.offline.queue import ItemState
from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import build_service
from desktop.service.interface import RegistrationState
from desktop.views.wizard.ids import PageId
from tests.api.pg_cluster import free_port
from tests.gui.conftest import Desk, registrable_people
from tests.offline.conftest import sync_server


def _photo(widget, name: str, tmp_path: Path) -> None:
    """Grab ``widget`` into ``name`` (PNG): under the test's folder, and into
    ``$TAMIN_DESK_SCREENSHOT_DIR`` when set (how docs/screenshots/offline_*.png are made), so a
    test run leaves the repository's pictures alone."""
    folders = [tmp_path, *filter(None, [os.environ.get("TAMIN_DESK_SCREENSHOT_DIR")])]
    for folder in folders:
        path = Path(folder) / name
        assert widget.grab().save(str(path)), path
        assert path.stat().st_size > 10_000  # a real picture, not an empty grab


@pytest.fixture
def main_window(qtbot):
    from desktop.app import configure_application
    from desktop.views.main_window import MainWindow

    configure_application(QApplication.instance())
    window = MainWindow(poll_interval_ms=100)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()


def _keep_in_queue(qtbot, wizard) -> None:
    def box_shown():
        boxes = [b for b in wizard.findChildren(QMessageBox) if b.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: box_shown() is not None, timeout=20000)
    keep = box_shown().findChild(QPushButton, "keep_in_queue_button")
    assert keep is not None
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)


def test_kept_while_the_server_is_down_then_synced_and_the_sms_arrives(
    qtbot, main_window, tmp_path, server_key
):
    person = registrable_people()[0]
    port = free_port()
    db_url = f"sqlite:///{tmp_path / 'server' / 'server.sqlite3'}"
    offline = OfflineDesk(tmp_path / "desk" / "queue.sqlite3", hash_policy=CHEAP_FOR_TESTS)
    with sync_server(db_url, server_key, port=port, verification_delay_s=0) as served:
        token = served.token
        offline.server_url, offline.token = served.url, token
        offline.pin_server_key()  # the desk's first connection
        backend = build_service(served.url, token=token, hash_policy=CHEAP_FOR_TESTS)
    # The server is stopped now.
    try:
        main_window.attach_backend(backend)
        main_window.attach_offline(offline)
        main_window.open_registration()
        desk = Desk(qtbot, main_window)
        desk.go_through(person)
        desk.next()  # «تایید و ارسال درخواست»: the server does not answer
        _keep_in_queue(qtbot, desk.wizard)
        qtbot.waitUntil(lambda: desk.page() == PageId.RESULT, timeout=20000)
        [item] = offline.items()
        assert item.state is ItemState.QUEUED
        _photo(main_window, "offline_result_queued.png", tmp_path)
        result = desk.wizard.result_page
        assert result.tracking_id == item.local_id
        assert "صف" in result.form.success_label.text()
        assert "شناسه محلی" in result.form.tracking_id_caption.text()
        assert (
            item.masked_national_code
            == person.national_code[:3] + "****" + (person.national_code[-3:])
        )

        with sync_server(
            db_url,
            server_key,
            port=port,
            token=token,
            verification_delay_s=0,
            verify_every_s=0.1,
        ) as served:
            dialog = main_window.open_queue()
            qtbot.waitUntil(lambda: len(dialog.items) == 1, timeout=10000)
            assert dialog.sync_button.isEnabled()
            with qtbot.waitSignal(dialog.synced, timeout=20000) as synced:
                qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
            assert synced.args[0].accepted == 1
            assert dialog.progress_bar.value() == dialog.progress_bar.maximum() == 1
            qtbot.waitUntil(lambda: dialog.items[0].state is ItemState.ACCEPTED, timeout=10000)
            tracking_id = dialog.items[0].tracking_id
            assert tracking_id in dialog.table.item(0, 3).text()
            record = served.backend.service.registration_status(tracking_id)
            assert record.national_code == person.national_code
            mobile = person.mobiles[0]
            qtbot.waitUntil(lambda: bool(served.backend.service.outbox(mobile)), timeout=20000)
            [sms] = served.backend.service.outbox(mobile)
            assert sms.kind == RegistrationState.ACTIVATED.value
            assert "فعال گردید" in sms.text
            _photo(dialog, "offline_queue_after_sync.png", tmp_path)
            dialog.done(0)
    finally:
        backend.close()


def test_field_mode_queues_without_a_server_and_lists_refusals(
    qtbot, main_window, tmp_path, queue, server_key
):
    people = registrable_people()
    offline = OfflineDesk(queue.path, field_mode=True, hash_policy=CHEAP_FOR_TESTS)
    main_window.attach_offline(offline)
    main_window.open_registration()
    desk = Desk(qtbot, main_window)
    desk.go_through(people[1])
    desk.submit()  # no backend at all: straight into the queue
    assert desk.wizard.result_page.tracking_id == queue.items()[0].local_id
    assert "حالت میدانی" in main_window.status_label.text()
    # Two more registrations already answered, one refused, to show every state.
    from desktop.offline.queue import ServerAnswer
    from desktop.rules.errors import FieldError
    from tests.contract.helpers import people as registry
    from tests.offline.conftest import cheap_hashes, make_request

    others = [
        queue.enqueue(make_request(p, cheap_hashes())) for p in registry(with_mobile=True)[5:8]
    ]
    queue.record_answers(
        [
            ServerAnswer(others[0].local_id, tracking_id="1000000042"),
            ServerAnswer(others[1].local_id, errors=(FieldError("request", "already_registered"),)),
        ]
    )
    dialog = main_window.open_queue()
    qtbot.waitUntil(lambda: len(dialog.items) == 4, timeout=10000)
    states = [str(i.state) for i in dialog.items]
    assert sorted(states) == ["accepted", "queued", "queued", "refused"]
    refused_row = states.index("refused")
    assert dialog.table.item(refused_row, 3).text()  # the Persian refusal message
    assert "۱" in dialog.summary_label.text()
    _photo(dialog, "offline_queue.png", tmp_path)
    # Dismissing: answered rows go, queued rows stay.
    dialog.table.selectAll()
    assert dialog.dismiss_button.isEnabled()
    qtbot.mouseClick(dialog.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(dialog.items) == 2, timeout=10000)
    assert {str(i.state) for i in dialog.items} == {"queued"}
    dialog.done(0)


def test_field_mode_on_a_desk_never_connected_says_so_and_keeps_the_form(
    qtbot, main_window, tmp_path
):
    offline = OfflineDesk(tmp_path / "never-connected.sqlite3", field_mode=True)
    main_window.attach_offline(offline)
    main_window.open_registration()
    desk = Desk(qtbot, main_window)
    desk.go_through(registrable_people()[2])
    desk.next()
    error = desk.wizard.review_page.form.submit_error
    qtbot.waitUntil(lambda: error.isVisible(), timeout=20000)
    assert "وصل نشده" in error.text()
    assert desk.page() == PageId.REVIEW  # nothing lost: the operator can still go on
    assert offline.items() == []
