"""Start-up of the real ``tamin-desk`` command, the crash hook's masking, the forms."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.paths import project_root
from desktop.views.crash import MaskingFilter, crash_report, mask_identifiers
from desktop.views.forms import FormError, load_form

TAMIN_DESK = str(Path(sys.executable).with_name("tamin-desk"))
FORMS = sorted(
    p.name
    for p in (project_root() / "ui").glob("*.ui")
    if p.name.startswith(("main_window", "wizard_"))
)


def run_desk(tmp_path, *args, **extra_env) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TAMIN_DESK_DATA_DIR": str(tmp_path / "data"),
        "TAMIN_DESK_CONFIG_DIR": str(tmp_path / "config"),
        **extra_env,
    }
    return subprocess.run([TAMIN_DESK, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_smoke_shows_the_first_page_builds_the_simulator_and_exits_0(tmp_path):
    result = run_desk(tmp_path, "--smoke")
    assert result.returncode == 0, result.stderr
    assert "smoke: ok" in result.stdout
    assert "شبیه‌ساز" in result.stdout  # the backend's description
    assert (tmp_path / "data" / "simulator.sqlite3").is_file()
    log = (tmp_path / "data" / "logs" / "desk.log").read_text(encoding="utf-8")
    assert "backend ready" in log


def test_startup_probe_reports_the_first_paint_and_builds_nothing(tmp_path):
    result = run_desk(tmp_path, TAMIN_DESK_STARTUP_PROBE="1")
    assert result.returncode == 0, result.stderr
    assert re.match(r"first-page-shown \d+(\.\d+)?$", result.stdout.strip())
    # The first page came before the backend: no database was made.
    assert not (tmp_path / "data" / "simulator.sqlite3").exists()


def test_crash_report_and_logs_mask_identifiers():
    try:
        raise ValueError("no registration for 0499370899 with mobile ۰۹۱۲۱۲۳۴۵۶۷ (a@b.com)")
    except ValueError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__)
    assert "ValueError" in report and "test_startup.py" in report
    assert "0499370899" not in report and "09121234567" not in report
    assert "049****899" in report and "0912***4567" in report
    assert "a@b.com" not in report
    assert mask_identifiers("+989121234567") == "0912***4567"


def test_log_records_are_masked(caplog):
    logger = logging.getLogger("tests.gui.masking")
    masking = MaskingFilter()
    logger.addFilter(masking)
    try:
        with caplog.at_level(logging.INFO, logger="tests.gui.masking"):
            logger.info("registered %s on %s", "0499370899", "09121234567")
    finally:
        logger.removeFilter(masking)
    assert caplog.messages == ["registered 049****899 on 0912***4567"]


def test_crash_hook_shows_a_dialog_and_the_desk_lives_on(qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.views import crash

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(crash.threading, "excepthook", crash.threading.excepthook)
    crash.install_excepthook()
    shown = []

    def close_dialog():
        box = QApplication.activeModalWidget()
        shown.append((box.objectName(), box.detailedText()))
        box.done(QMessageBox.StandardButton.Ok)

    QTimer.singleShot(100, close_dialog)
    try:
        raise RuntimeError("mobile 09121234567 lost")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [(name, details)] = shown
    assert name == "crash_dialog"
    assert "RuntimeError" in details and "09121234567" not in details


@pytest.mark.parametrize("name", FORMS)
def test_forms_are_right_to_left_designer_xml_without_absolute_geometry(qapp, name):
    path = project_root() / "ui" / name
    root = ET.parse(path).getroot()
    top = root.find("widget")
    direction = top.find("property[@name='layoutDirection']/enum")
    assert direction is not None and direction.text == "Qt::RightToLeft"
    # Only the top-level widget may carry a geometry; everything else is in layouts.
    assert not [
        w
        for w in top.iter("widget")
        if w is not top and w.find("property[@name='geometry']") is not None
    ]
    assert top.find("layout") is not None
    form = load_form(name)
    assert form.widget.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert form.widget.windowTitle()


def test_a_missing_widget_name_fails_loudly(qapp):
    form = load_form("wizard_step1_identity.ui")
    with pytest.raises(FormError):
        form.national_code_editt  # noqa: B018 - the attribute access is the test


def test_every_wizard_string_is_in_the_ui_catalog():
    """The desk's and the wizard's strings (the other views keep their own entries)."""
    from desktop.tools.ui_catalog import extract, missing

    ours = (
        "desktop/app.py",
        "desktop/views/main_window.py",
        "desktop/views/crash.py",
        "desktop/views/wizard/",
    )
    messages = {
        msgid: places
        for msgid, places in extract().items()
        if any(path.startswith(ours) for path, _line in places)
    }
    assert "تایید و ارسال درخواست" in messages
    gaps = missing(messages)
    assert gaps == [], f"run `python -m desktop.tools.ui_catalog` to add: {gaps}"


@pytest.mark.parametrize(
    ("argv", "names_a_command"),
    [
        ([], False),
        (["--smoke"], False),
        (["--backend", "sqlite://", "--token", "check"], False),  # "check" is the token here
        (["--version"], False),
        (["check", "national_code", "0499370899"], True),
        (["--backend", "sqlite://", "simulator", "reset"], True),
        (["--help"], True),  # the help lists the commands
    ],
)
def test_only_a_command_line_naming_a_command_loads_the_commands(argv, names_a_command):
    from desktop import cli

    assert cli._may_name_a_command(argv) is names_a_command


def test_opening_the_desk_imports_no_command_module():
    script = (
        "import sys\n"
        "from desktop import cli\n"
        "cli.build_parser(with_commands=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('desktop.commands.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_first_page_does_not_build_the_qt_namespace(tmp_path):
    """PySide6 builds QtCore.Qt (every Qt enum) on its first use, ~11 ms: the main window must
    be made and shown without it (modules reach it as ``QtCore.Qt`` later, when needed)."""
    script = (
        "import sys\n"
        "import PySide6.QtCore as core\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop.app import configure_application\n"
        "app = QApplication(sys.argv[:1])\n"
        "configure_application(app)\n"
        "from desktop.views.main_window import MainWindow\n"
        "window = MainWindow()\n"
        "window.show()\n"
        "app.processEvents()\n"
        "print(app.isRightToLeft(), 'Qt' in core.__dict__)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TAMIN_DESK_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stdout.split() == ["True", "False"], result.stderr
