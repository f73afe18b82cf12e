"""The training tests reuse the branch fixtures (a simulator on a file, frozen clock)."""

from tests.branch.conftest import backend, paths  # noqa: F401 - fixtures
