"""The wiring point: which URL gives what, descriptions, closing, and a light import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import Backend, build_service
from desktop.service.interface import EnrollmentService, TrainingControls


def test_a_file_url_gives_the_simulator_named_after_its_file(db_path):
    with build_service(f"sqlite:///{db_path}", hash_policy=CHEAP_FOR_TESTS) as backend:
        assert isinstance(backend, Backend)
        assert isinstance(backend.service, EnrollmentService)
        assert isinstance(backend.training, TrainingControls)
        assert backend.hash_policy == CHEAP_FOR_TESTS
        assert backend.description == "شبیه‌ساز محلی: simulator.sqlite3"
    assert db_path.exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_a_memory_url_gives_a_private_simulator(url):
    first = build_service(url, hash_policy=CHEAP_FOR_TESTS)
    second = build_service(url, hash_policy=CHEAP_FOR_TESTS)
    assert first.description == "شبیه‌ساز محلی: حافظه"
    first.training.advance_clock(3600)
    assert (first.service.now() - second.service.now()).total_seconds() > 3500
    first.close()
    first.close()  # idempotent
    second.close()


def test_an_unknown_scheme_is_refused():
    with pytest.raises(ValueError, match="unsupported backend URL"):
        build_service("ftp://example.invalid/db", hash_policy=CHEAP_FOR_TESTS)


def test_the_production_policy_is_the_default(db_path):
    with build_service(f"sqlite:///{db_path}") as backend:
        assert backend.hash_policy.memory_kib == 19 * 1024 and backend.hash_policy.time_cost == 2


def test_importing_bootstrap_does_not_import_sqlalchemy_or_the_simulator():
    code = (
        "import sys, desktop.service.bootstrap; "
        "heavy = [m for m in ('sqlalchemy', 'alembic', 'desktop.service.simulator', 'PIL') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
