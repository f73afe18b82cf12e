"""The one wiring point: a backend URL in, a ready :class:`Backend` out (cosmicpython's
``bootstrap``). The GUI imports this at start, so it stays light: SQLAlchemy and the simulator
are imported inside :func:`build_service`.

URLs: ``sqlite:///PATH`` (the embedded simulator on a file, the default
``desktop.paths.default_simulator_url()``), ``sqlite://`` (the simulator in memory),
``postgresql+psycopg://...`` (the simulator on PostgreSQL, as a server uses it),
``http(s)://HOST:PORT`` (the remote API's client, :mod:`desktop.service.http_client`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.security.hashing import PRODUCTION, HashPolicy
from desktop.service.interface import EnrollmentService, ServiceConfig, TrainingControls

if TYPE_CHECKING:
    from desktop.branch.interface import BranchService
    from desktop.branch.room import RoomControls
    from desktop.service.simulator.clock import Clock

#: URL schemes (before any ``+driver``) of the embedded simulator's databases.
_EMBEDDED_SCHEMES = ("sqlite", "postgresql")


@dataclass
class Backend:
    """What the desk talks to: ``service`` (EnrollmentService), ``training``
    (TrainingControls, or None on a backend without them), ``hash_policy`` (the argon2
    parameters the desk must hash with: the backend refuses weaker hashes) and ``description``
    (short Persian text naming the backend for the status line). ``branch`` (the branch
    desk's :class:`~desktop.branch.interface.BranchService`) and ``room`` (a trainer's
    :class:`~desktop.branch.room.RoomControls`) are None on a backend without them. Call
    :meth:`close` (or use it as a context manager) when done."""

    service: EnrollmentService
    training: TrainingControls | None
    hash_policy: HashPolicy
    description: str
    _close: Callable[[], None] = field(default=lambda: None, repr=False)
    branch: BranchService | None = None
    room: RoomControls | None = None

    def close(self) -> None:
        """Release the backend's resources (database connections). Idempotent."""
        close, self._close = self._close, lambda: None
        close()

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def is_embedded_url(url: str) -> bool:
    """True for a URL :func:`build_service` serves with the embedded simulator
    (``sqlite:``, ``postgresql(+driver):``), False otherwise (``http(s):`` or unknown)."""
    return url.split(":", 1)[0].lower().split("+")[0] in _EMBEDDED_SCHEMES


def build_service(
    url: str,
    *,
    hash_policy: HashPolicy = PRODUCTION,
    config: ServiceConfig = ServiceConfig(),  # noqa: B008 - frozen dataclass, safe default
    clock: Clock | None = None,
    token: str | None = None,
    pin: str | None = None,
) -> Backend:
    """Build the backend for ``url``.

    ``hash_policy``: the minimum argon2id parameters (PRODUCTION except in tests);
    ``config``: policy values (delays, limits); ``clock``: the simulator's clock (default:
    wall time plus the trainer's persisted offset; tests pass a frozen ``SimulatedClock``).

    For ``http(s)://``: ``token`` is the desk token and ``pin`` the server certificate's pin
    (PEM file or SHA-256 fingerprint); ``config`` and ``clock`` are the server's business.

    Raises ValueError for any other scheme, OSError/SQLAlchemy errors when the database cannot
    be opened; for http(s), BackendUnavailable / RequestRefused (see
    :func:`desktop.service.http_client.build_http_backend`).
    """
    scheme = url.split(":", 1)[0].lower()
    if scheme in ("http", "https"):
        from desktop.service.http_client import build_http_backend

        return build_http_backend(url, token=token, pin=pin, hash_policy=hash_policy)
    if is_embedded_url(url):
        from desktop.service.simulator.factory import build_simulator

        simulator = build_simulator(url, hash_policy, config, clock)
        return Backend(
            service=simulator.service,
            training=simulator.training,
            hash_policy=hash_policy,
            description=simulator.description,
            _close=simulator.close,
            branch=simulator.branch,
            room=simulator.room,
        )
    raise ValueError(
        f"unsupported backend URL {url!r}: expected sqlite:///PATH, sqlite://, "
        "postgresql+psycopg://... or http(s)://HOST:PORT"
    )
