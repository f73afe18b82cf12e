"""installer/requirements.lock pins, with hashes, everything pyproject.toml and the build need.

A dependency added to pyproject.toml without `make lock` would be missing from the bundle (an
ImportError on a branch PC, not on the developer's machine): this catches it in seconds.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "installer" / "requirements.lock"
BUILD_IN = ROOT / "installer" / "build-requirements.in"

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")
HASH = re.compile(r"^\s+--hash=sha256:[0-9a-f]{64}")


def parse_lock(text: str) -> dict[str, tuple[Version, int]]:
    """``{canonical name: (version, number of hashes)}``; raises on any other kind of line."""
    pins: dict[str, tuple[Version, int]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if match := PIN.match(line):
            current = canonicalize_name(match["name"])
            pins[current] = (Version(match["version"]), 0)
        elif HASH.match(line) and current is not None:
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        else:
            raise AssertionError(f"unexpected line in the lock file: {line!r}")
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    build = [
        line.split("#")[0].strip()
        for line in BUILD_IN.read_text(encoding="utf-8").splitlines()
        if line.split("#")[0].strip()
    ]
    return [Requirement(spec) for spec in [*project["dependencies"], *build]]


@pytest.fixture(scope="module")
def pins() -> dict[str, tuple[Version, int]]:
    return parse_lock(LOCK.read_text(encoding="utf-8"))


def test_every_pin_has_a_hash(pins):
    unhashed = sorted(name for name, (_, hashes) in pins.items() if hashes == 0)
    assert not unhashed, f"pins without --hash (pip --require-hashes refuses them): {unhashed}"


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_declared_dependency_is_locked(pins, requirement):
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement} is not in {LOCK.name}: run `make lock`"
    version, _ = pins[name]
    assert requirement.specifier.contains(version, prereleases=True), (
        f"{LOCK.name} pins {name}=={version}, outside {requirement}: run `make lock`"
    )


def test_essentials_not_the_full_pyside6(pins):
    """PySide6-Essentials alone: the add-on modules would triple the bundle (NOTES.md)."""
    assert "pyside6-essentials" in pins
    assert "pyside6" not in pins and "pyside6-addons" not in pins


def test_parser_refuses_an_unpinned_line():
    with pytest.raises(AssertionError, match="unexpected line"):
        parse_lock("alembic>=1.13\n")
