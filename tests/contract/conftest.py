"""The ``backend`` fixture: each contract test runs once per registered backend factory.

A factory is a context manager ``(tmp_path, config) -> Harness``; the harness has ``.service``
(EnrollmentService), ``.training`` (TrainingControls: tests move time only through it) and
``.hash_policy`` (the cheap test policy). The clock starts frozen at :data:`START`, so "19 min
59 s later" is exact. A new backend (the HTTP client against a test server) joins by adding
one factory to :data:`FACTORIES` from a ``tests/contract/<name>_backends.py`` module (imported
automatically); the tests do not change.

``@pytest.mark.service_config(verification_delay_s=3600, ...)`` sets ServiceConfig fields.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager as ContextManager
from pathlib import Path
from typing import Protocol

import pytest

from desktop.security.hashing import CHEAP_FOR_TESTS, HashPolicy
from desktop.service.interface import EnrollmentService, ServiceConfig, TrainingControls

#: The frozen start of simulated time: 10:00 in Tehran on 1404/02/11.
START = dt.datetime(2025, 5, 1, 6, 30, tzinfo=dt.UTC)


class Harness(Protocol):
    """What a contract test gets."""

    service: EnrollmentService
    training: TrainingControls
    hash_policy: HashPolicy


Factory = Callable[[Path, ServiceConfig], ContextManager[Harness]]
FACTORIES: dict[str, Factory] = {}


def factory(name: str) -> Callable[[Factory], Factory]:
    """Register a backend factory under ``name`` (the test id suffix)."""

    def register(make: Factory) -> Factory:
        FACTORIES[name] = make
        return make

    return register


def _simulator(url: str, config: ServiceConfig) -> ContextManager[Harness]:
    from desktop.service.bootstrap import build_service
    from desktop.service.simulator.clock import SimulatedClock

    backend = build_service(
        url, hash_policy=CHEAP_FOR_TESTS, config=config, clock=SimulatedClock(START)
    )
    return contextlib.closing(backend)  # type: ignore[return-value]


@factory("simulator-file")
def _simulator_file(tmp_path: Path, config: ServiceConfig) -> ContextManager[Harness]:
    return _simulator(f"sqlite:///{tmp_path / 'simulator.sqlite3'}", config)


@factory("simulator-memory")
def _simulator_memory(tmp_path: Path, config: ServiceConfig) -> ContextManager[Harness]:
    return _simulator("sqlite://", config)


def _register_more_backends() -> None:
    """Import every ``tests/contract/*_backends.py``: each registers its factories (the remote
    API's HTTP client and PostgreSQL backends live in ``remote_backends.py``)."""
    for path in sorted(Path(__file__).parent.glob("*_backends.py")):
        importlib.import_module(f"tests.contract.{path.stem}")


_register_more_backends()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "service_config(**fields): ServiceConfig fields for the backend fixture"
    )


@pytest.fixture
def service_config(request: pytest.FixtureRequest) -> ServiceConfig:
    """ServiceConfig from the test's ``service_config`` marker (defaults otherwise)."""
    marker = request.node.get_closest_marker("service_config")
    return ServiceConfig(**(marker.kwargs if marker else {}))


@pytest.fixture(params=sorted(FACTORIES))
def backend(
    request: pytest.FixtureRequest, tmp_path: Path, service_config: ServiceConfig
) -> Iterator[Harness]:
    """A fresh, seeded backend per test, for every registered factory."""
    with FACTORIES[request.param](tmp_path, service_config) as harness:
        yield harness
