"""Layering of the offline feature (STYLE.md): the queue, sealing and sync import no Qt; the
queue view touches neither SQLite nor HTTP, and of the offline package only its exceptions."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_offline_package_imports_no_qt():
    for path in (ROOT / "desktop" / "offline").glob("*.py"):
        assert not {n for n in _imported_modules(path) if n.startswith("PySide6")}, path


def test_the_queue_view_touches_no_database_or_http():
    forbidden = ("sqlite3", "sqlalchemy", "httpx", "models", "desktop.service.simulator")
    for path in [
        *(ROOT / "desktop" / "views" / "offline").glob("*.py"),
        ROOT / "desktop" / "views" / "wizard" / "wizard.py",
    ]:
        for name in _imported_modules(path):
            assert not name.startswith(forbidden), (path, name)
            if name.startswith("desktop.offline"):
                assert name == "desktop.offline.errors", (path, name)
