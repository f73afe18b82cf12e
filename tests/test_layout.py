"""Architecture rules from STYLE.md: rules never import Qt or SQLAlchemy; models never Qt."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_rules_import_neither_qt_nor_sqlalchemy():
    for path, names in _imports(ROOT / "desktop" / "rules").items():
        assert not names & {"PySide6", "sqlalchemy", "shiboken6"}, path


def test_security_and_service_interface_import_no_qt():
    for folder in ("security", "service"):
        for path, names in _imports(ROOT / "desktop" / folder).items():
            assert "PySide6" not in names, path


def test_models_import_no_qt():
    for path, names in _imports(ROOT / "models").items():
        assert "PySide6" not in names, path


def test_cli_version(capsys):
    import pytest

    from desktop import __version__
    from desktop.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out
