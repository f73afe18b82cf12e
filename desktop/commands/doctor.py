"""``tamin-desk doctor``: check that an installation has everything it needs.

For the branch technician after an install (and for the bundle test): each check prints one
line, ``ok`` or ``FAIL`` with the reason, and the exit code is 0 only when every check passed.
It touches no real data: the database check migrates a throw-away SQLite file.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

NAME = "doctor"
HELP = "check this installation: data files, catalogs, time zones, hashing, database, settings"


def configure(parser: argparse.ArgumentParser) -> None:
    """No options: the checks are the same everywhere."""


def _check_data_files() -> str:
    """The forms, the bundled font with its licence, and the app icon are in place."""
    from desktop.paths import project_root, resource, ui_file

    needed = [resource("fonts", "OFL.txt"), resource("icons", "tamin-desk.svg")]
    needed.append(ui_file("main_window.ui"))
    missing = [str(path) for path in needed if not path.is_file()]
    fonts = sorted(resource("fonts").glob("*.ttf"))
    if not fonts:
        missing.append(str(resource("fonts", "*.ttf")))
    if missing:
        raise RuntimeError("missing: " + ", ".join(missing))
    forms = sorted((project_root() / "ui").glob("*.ui"))
    return f"{len(forms)} forms, {len(fonts)} fonts and the icon under {project_root()}"


def _check_catalogs() -> str:
    """Every compiled catalog (.mo) opens with gettext; at least the Persian ones exist."""
    import gettext

    from desktop.paths import resource

    catalogs = sorted(resource("locale").glob("*/LC_MESSAGES/*.mo"))
    if not any(path.parts[-3] == "fa" for path in catalogs):
        raise RuntimeError(f"no compiled Persian catalog under {resource('locale')}")
    for path in catalogs:
        with path.open("rb") as file:
            gettext.GNUTranslations(file)
    return ", ".join(f"{p.parts[-3]}/{p.stem}" for p in catalogs)


def _check_time_zone() -> str:
    """Asia/Tehran from the tzdata package (Windows has no system zone database)."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    now = dt.datetime.now(ZoneInfo("Asia/Tehran"))
    return f"Asia/Tehran is UTC{now:%z}"


def _check_hashing() -> str:
    from desktop.security.hashing import PRODUCTION, hash_password, verify_secret

    phc = hash_password("Doctor1!", PRODUCTION)
    if not verify_secret(phc, "Doctor1!") or verify_secret(phc, "doctor1!"):
        raise RuntimeError("argon2id hash did not verify")
    return phc.split("$", 4)[3]  # the parameters only, never the hash


def _check_captcha() -> str:
    """The login captcha draws (Pillow, FreeType and the captcha package's font)."""
    from desktop.service.simulator.captcha import draw_captcha

    image = draw_captcha()
    if not image.png.startswith(b"\x89PNG"):
        raise RuntimeError("the captcha is not a PNG image")
    return f"{len(image.digits)}-digit PNG, {len(image.png)} bytes"


def _check_database() -> str:
    """The simulator's schema is created by Alembic from the shipped migration scripts."""
    import tempfile
    from pathlib import Path

    from alembic.script import ScriptDirectory

    from models.database import alembic_config, current_revision, migrate, open_database

    with tempfile.TemporaryDirectory(prefix="tamin-desk-doctor-") as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'doctor.sqlite3'}")
        try:
            migrate(db)
            revision = current_revision(db)
        finally:
            db.dispose()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if revision != head:
        raise RuntimeError(f"migrated to {revision}, head is {head}")
    return f"migrations applied up to {head}"


def _check_settings() -> str:
    from desktop.settings import load_settings, settings_path

    settings = load_settings()
    origin = settings.source or f"defaults ({settings_path()} absent)"
    return f"{origin}; backend {settings.backend_url or 'embedded simulator'}"


def _check_data_dir() -> str:
    """The user data folder is writable and not inside the program folder."""
    import sys
    from pathlib import Path

    from desktop.paths import project_root, user_data_dir

    folder = user_data_dir().resolve()
    program = project_root().resolve()
    if getattr(sys, "frozen", False) and (folder == program or program in folder.parents):
        raise RuntimeError(f"{folder} is inside the program folder {program}")
    probe = folder / ".doctor-probe"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    return str(Path(folder))


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("data files", _check_data_files),
    ("message catalogs", _check_catalogs),
    ("time zone", _check_time_zone),
    ("password hashing", _check_hashing),
    ("captcha", _check_captcha),
    ("simulator database", _check_database),
    ("settings", _check_settings),
    ("user data folder", _check_data_dir),
)


def run(args: argparse.Namespace) -> int:
    """Run every check; print ``ok``/``FAIL`` lines; 0 when all passed, else 1."""
    import sys

    from desktop import __version__

    frozen = "bundle" if getattr(sys, "frozen", False) else "source"
    print(f"tamin-desk {__version__} ({frozen}, Python {sys.version.split()[0]})")
    failed = 0
    for name, check in CHECKS:
        try:
            print(f"ok    {name}: {check()}", flush=True)
        except Exception as exc:  # report every broken part, not just the first
            failed += 1
            print(f"FAIL  {name}: {type(exc).__name__}: {exc}", flush=True)
    print("all checks passed" if not failed else f"{failed} check(s) failed")
    return 1 if failed else 0
