"""Write (or check) the ``ui`` message catalog from the strings the views mark in code.

Every call ``tr("…")``, ``_tr("…")`` or ``N_("…")`` under ``desktop/`` is a msgid. The msgid
is the Persian wording itself (the source of truth), so the Persian catalog maps each msgid
to itself; another language's catalog would translate them.

Usage::

    python -m desktop.tools.ui_catalog           # rewrite resources/locale/fa/LC_MESSAGES/ui.po
    python -m desktop.tools.ui_catalog --check   # exit 1 when the catalog misses a string
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.paths import project_root, resource

#: Marker functions whose first argument is a ``ui`` msgid.
KEYWORDS = {"tr": None, "_tr": None, "N_": None}
CATALOG = resource("locale", "fa", "LC_MESSAGES", "ui.po")
_FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def extract(root: Path | None = None) -> dict[str, list[tuple[str, int]]]:
    """``{msgid: [(relative path, line), ...]}`` for every marked string under ``desktop/``."""
    from babel.messages.extract import extract_from_file

    root = root or project_root()
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted((root / "desktop").rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        for line, msgid, _comments, _context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            if isinstance(msgid, str) and msgid:
                found.setdefault(msgid, []).append((relative, line))
    return found


def build_catalog(messages: dict[str, list[tuple[str, int]]]):
    """A Babel catalog of ``messages`` for Persian, each msgstr equal to its msgid."""
    from babel.messages.catalog import Catalog

    from desktop import __version__

    # Not fuzzy: pybabel refuses to compile a catalog whose header is marked fuzzy.
    catalog = Catalog(
        locale="fa",
        domain="ui",
        project="tamin-desk",
        version=__version__,
        copyright_holder="Tamin Desk",
        charset="utf-8",
        fuzzy=False,
        # Fixed dates: regenerating an unchanged catalog must give the same bytes.
        creation_date=_FIXED_DATE,
        revision_date=_FIXED_DATE,
        last_translator="Tamin Desk",
        language_team="Tamin Desk",
    )
    for msgid in sorted(messages):
        catalog.add(msgid, msgid, locations=messages[msgid])
    return catalog


def missing(messages: dict[str, list[tuple[str, int]]], po_path: Path = CATALOG) -> list[str]:
    """Msgids in code that the catalog at ``po_path`` lacks (all of them if it is absent)."""
    if not po_path.is_file():
        return sorted(messages)
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        known = {m.id for m in read_po(handle) if m.string}
    return sorted(set(messages) - known)


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the catalog, or with ``--check`` report missing strings; the exit code."""
    parser = argparse.ArgumentParser(prog="python -m desktop.tools.ui_catalog")
    parser.add_argument("--check", action="store_true", help="only report missing strings")
    args = parser.parse_args(argv)
    messages = extract()
    if args.check:
        gaps = missing(messages)
        for msgid in gaps:
            print(f"missing from {CATALOG.name}: {msgid}")
        return 1 if gaps else 0
    from babel.messages.pofile import write_po

    CATALOG.parent.mkdir(parents=True, exist_ok=True)
    with CATALOG.open("wb") as handle:
        # No line numbers: they would change the catalog on every unrelated edit.
        write_po(handle, build_catalog(messages), width=100, include_lineno=False)
    print(f"{CATALOG}: {len(messages)} strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
