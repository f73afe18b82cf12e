"""Qt Designer forms loaded at run time: the ONE way every view gets its widgets.

Each view composes a form (the Qt "easing" example's pattern) instead of inheriting from it, so
widget names stay out of the view class::

    form = load_form("wizard_step1_identity.ui", parent=self)
    form.national_code_edit.setText("...")

Forms live in ``ui/`` (:func:`desktop.paths.ui_file`). Widgets made by other modules (the Jalali
date edit, the password field, the phone panel) sit in the form as empty placeholder QWidgets
with a layout; :meth:`Form.place` puts the real widget into one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from desktop.paths import ui_file

# One loader for the process: QUiLoader scans its plugin paths once when it is created.
_loader: QUiLoader | None = None


class FormError(RuntimeError):
    """A form file is missing, malformed, or lacks a widget the view asks for."""


class Form:
    """A loaded Designer form: ``widget`` (its top-level QWidget) and its children by name.

    ``form.<objectName>`` returns the child QWidget (or QLayout/QObject) with that
    ``objectName``; a missing name raises :class:`FormError` at once, so a renamed widget in a
    ``.ui`` file fails loudly in tests instead of silently doing nothing.
    """

    def __init__(self, widget: QWidget, name: str):
        self.widget = widget
        self._name = name
        self._cache: dict[str, object] = {}

    def __getattr__(self, object_name: str):
        if object_name.startswith("_"):
            raise AttributeError(object_name)
        found = self._cache.get(object_name)
        if found is None:
            from PySide6.QtCore import QObject

            found = self.widget.findChild(QObject, object_name)
            if found is None:
                raise FormError(f"{self._name}: no widget named {object_name!r}")
            self._cache[object_name] = found
        return found

    def place(self, slot_name: str, widget: QWidget) -> QWidget:
        """Put ``widget`` into the placeholder ``slot_name`` (a QWidget whose layout is empty).

        Returns ``widget``. Raises :class:`FormError` when the slot has no layout.
        """
        slot = getattr(self, slot_name)
        layout = slot.layout()
        if layout is None:
            raise FormError(f"{self._name}: placeholder {slot_name!r} has no layout")
        layout.addWidget(widget)
        # The slot takes the focus role of what it holds, so tab order set in Designer holds.
        slot.setFocusProxy(widget)
        return widget


def _make_loader() -> QUiLoader:
    """A QUiLoader that loads no Designer plugins.

    QUiLoader's constructor loads every plugin under ``<library path>/designer`` at once;
    PySide6 ships ``libqquickwidget.so`` there, which pulls in QtQuick and QtQml: about 9 MB
    and 10 ms for widgets our forms never use (they hold standard widgets and plain
    placeholders only). With the library paths empty while it is built, it finds none; the
    paths are restored at once for the image and icon plugins.
    """
    paths = QCoreApplication.libraryPaths()
    QCoreApplication.setLibraryPaths([])
    try:
        return QUiLoader()
    finally:
        QCoreApplication.setLibraryPaths(paths)


def load_form(name: str, parent: QWidget | None = None) -> Form:
    """Load ``ui/<name>`` (``name`` includes ``.ui``) and return it as a :class:`Form`.

    ``parent`` becomes the Qt parent of the form's top-level widget (the view puts it in its
    own layout). Raises :class:`FormError` if the file is missing or Qt cannot parse it.
    """
    global _loader
    if _loader is None:
        _loader = _make_loader()
    path = ui_file(name)
    device = QFile(str(path))
    if not device.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FormError(f"cannot open form {path}")
    try:
        widget = _loader.load(device, parent)
    finally:
        device.close()
    if widget is None:
        raise FormError(f"cannot load form {path}: {_loader.errorString()}")
    return Form(widget, name)
