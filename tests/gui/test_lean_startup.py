"""What a starting desk does not load (issue 4: memory_ratio and "start fast")."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.views.geometry import fit_to_screen


def _run(code: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pyside_keeps_no_source_of_the_desk_modules_in_memory(tmp_path):
    (tmp_path / "uses_qt.py").write_text("from PySide6 import QtCore\n")
    (tmp_path / "plain.py").write_text("VALUE = 1\n")
    seen = _run(
        f"""
        import json, linecache, sys
        sys.path.insert(0, {str(tmp_path)!r})
        import PySide6.QtCore
        import desktop.app  # installs the scan
        import desktop.views.main_window, uses_qt, plain
        feature = sys.modules["shibokensupport.feature"].pyside_feature_dict
        print(json.dumps({{
            "cached": [f for f in linecache.cache if "desktop" in f or "uses_qt" in f],
            "uses_qt": feature.get("uses_qt"),
            "plain": feature.get("plain"),
        }}))
        """
    )
    assert seen["cached"] == []
    # The answers PySide6's own check gives: 0 for a module using PySide6, -1 otherwise.
    assert seen["uses_qt"] == 0 and seen["plain"] == -1


def test_the_offline_queue_loads_no_crypto_or_http_until_it_seals_or_syncs():
    loaded = _run(
        """
        import json, sys
        import desktop.offline.desk
        print(json.dumps(sorted(
            m for m in ("cryptography", "httpx", "_hashlib", "sqlalchemy") if m in sys.modules
        )))
        """
    )
    assert loaded == []


@pytest.mark.parametrize(("wanted", "expected_max"), [((1200, 800), 0.9), ((300, 200), None)])
def test_windows_fit_the_screen(qapp, wanted, expected_max):
    widget = QWidget()
    fit_to_screen(widget, *wanted)
    available = QApplication.primaryScreen().availableGeometry()
    if expected_max is None:  # small enough: the size asked for
        assert (widget.width(), widget.height()) == wanted
    else:
        assert widget.width() <= available.width() * expected_max
        assert widget.height() <= available.height() * expected_max


def test_the_icon_pngs_are_renderings_of_the_svg(qapp):
    from PySide6.QtGui import QImage

    from desktop.tools.render_icons import SIZES, png_path, render_image
    from desktop.views.theme import ICON_SIZES, app_icon

    assert ICON_SIZES == SIZES
    for size in SIZES:
        shown = QImage(str(png_path(size))).convertToFormat(
            QImage.Format.Format_ARGB32_Premultiplied
        )
        assert shown == render_image(size), f"run make icons: {png_path(size).name} is stale"
    assert not app_icon().pixmap(48, 48).isNull()
