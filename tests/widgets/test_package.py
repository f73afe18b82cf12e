"""The package's lazy exports, and a light import of the style helpers."""

from __future__ import annotations

import subprocess
import sys

import pytest

import desktop.views.widgets as widgets


def test_every_export_resolves():
    assert sorted(widgets.__all__) == sorted(widgets._EXPORTS)
    for name in widgets.__all__:
        assert getattr(widgets, name).__name__ == name


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError):
        widgets.NoSuchWidget  # noqa: B018


def test_importing_style_loads_neither_rules_nor_widgets():
    code = (
        "import sys, desktop.views.widgets.style; "
        "print(sorted(m for m in sys.modules if m.startswith(('desktop.rules', 'jdatetime', "
        "'desktop.views.widgets.password_field'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
