"""Architecture rules for the branch and training code (STYLE.md): the non-Qt logic imports no
Qt; the views import no database, no models and no concrete backend."""

from __future__ import annotations

from tests.test_layout import ROOT, _imports

BACKEND_MODULES = (
    "desktop.service.simulator",
    "desktop.service.http_client",
    "desktop.branch.simulator",
    "desktop.branch.training",
    "desktop.branch.staff",
    "desktop.branch.audit_chain",
)


def _modules(path) -> set[str]:
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_branch_logic_imports_no_qt():
    for path, names in _imports(ROOT / "desktop" / "branch").items():
        assert not names & {"PySide6", "shiboken6"}, path


def test_branch_and_training_views_touch_no_database_nor_backend():
    for folder in ("branch", "training"):
        for path in (ROOT / "desktop" / "views" / folder).rglob("*.py"):
            if path.name == "screens.py":
                continue  # a rendering tool: it wires a frozen-clock simulator, as the app does
            modules = _modules(path)
            assert not {m.split(".")[0] for m in modules} & {"sqlalchemy", "models", "httpx"}, path
            assert not any(m.startswith(BACKEND_MODULES) for m in modules), path
