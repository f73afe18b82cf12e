"""Where the application's files live: bundled resources and per-user data.

One helper knows about PyInstaller's ``sys._MEIPASS`` so every other module asks here
instead of guessing paths (the SasView pattern).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "tamin-desk"


def project_root() -> Path:
    """The folder holding ``ui/``, ``resources/`` and ``models/``.

    Returns ``sys._MEIPASS`` in a frozen bundle, the repository root otherwise.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """Path of a file under ``resources/`` (fonts, icons, locale, seed data)."""
    return project_root().joinpath("resources", *parts)


def ui_file(name: str) -> Path:
    """Path of a Qt Designer form under ``ui/`` (``name`` includes ``.ui``)."""
    return project_root() / "ui" / name


def user_data_dir() -> Path:
    """The per-user data folder (platformdirs), created on first use.

    ``TAMIN_DESK_DATA_DIR`` overrides it (tests, portable installs).
    """
    override = os.environ.get("TAMIN_DESK_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_simulator_url() -> str:
    """SQLAlchemy URL of the embedded simulator's database in the user data folder."""
    return f"sqlite:///{user_data_dir() / 'simulator.sqlite3'}"
