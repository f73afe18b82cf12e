"""A private, throw-away PostgreSQL cluster for the tests (and the API benchmark).

``PgCluster.start()`` runs ``initdb`` and ``pg_ctl`` from Debian's ``postgresql`` package
(``make test`` installs it, as root, through ``EXTRA_SYSTEM_PKGS``) in a temporary folder, on a
free loopback port, with durability off (tests need speed, not crash safety). initdb refuses to
run as root, so as root every PostgreSQL program runs as the ``postgres`` user via ``runuser``.
``stop()`` shuts the server down and removes the folder.

When PostgreSQL is missing or cannot start, :class:`PgUnavailable` says why; the fixtures turn
that into a skip with the reason printed.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class PgUnavailable(RuntimeError):
    """PostgreSQL cannot be used here; the message says why."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bindir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if candidates:
        return Path(candidates[-1]).parent
    raise PgUnavailable("PostgreSQL is not installed (pg_ctl not found; `make test` installs it)")


@dataclass
class PgCluster:
    """A running cluster: ``port`` on 127.0.0.1, superuser ``tamin`` (trust auth, loopback)."""

    root: Path
    port: int
    bindir: Path
    as_user: str | None
    _templates: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    USER = "tamin"

    @classmethod
    def start(cls) -> PgCluster:
        """initdb + start; raises PgUnavailable with the reason when that fails."""
        try:
            import psycopg  # noqa: F401  (the driver of postgresql+psycopg:// URLs)
        except ImportError as exc:
            raise PgUnavailable(f"psycopg is not installed: {exc}") from exc
        bindir = _bindir()
        as_user = None
        root = Path(tempfile.mkdtemp(prefix="tamin-pg-"))
        if os.geteuid() == 0:
            as_user = "postgres"
            try:
                entry = pwd.getpwnam(as_user)
            except KeyError:
                shutil.rmtree(root, ignore_errors=True)
                raise PgUnavailable("running as root and no 'postgres' user for initdb") from None
            os.chown(root, entry.pw_uid, entry.pw_gid)
        cluster = cls(root, free_port(), bindir, as_user)
        try:
            cluster._run(
                "initdb", "-D", str(root / "data"), "-U", cls.USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync",
            )  # fmt: skip
            options = (
                f"-p {cluster.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
            )
            cluster._run(
                "pg_ctl", "-D", str(root / "data"), "-o", options,
                "-l", str(root / "server.log"), "-w", "-t", "60", "start",
            )  # fmt: skip
        except PgUnavailable:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return cluster

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.as_user:
            command = ["runuser", "-u", self.as_user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
            raise PgUnavailable(f"{program} failed: {result.stderr.strip()[-1500:]}\n{tail}")

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of ``database`` on this cluster (psycopg 3 driver)."""
        return f"postgresql+psycopg://{self.USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "t", *, template: str | None = None) -> str:
        """A new database, empty or a copy of database ``template`` (which nobody may be
        connected to); returns its URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.url(name)

    def template(self, key: str, prepare: Callable[[str], None]) -> str:
        """The name of a database prepared once per session by ``prepare(url)`` (migrations and
        seed take about half a second; copying the result takes a few milliseconds)."""
        with self._lock:
            if key not in self._templates:
                url = self.create_database(f"tmpl_{key}")
                prepare(url)
                self._templates[key] = url.rsplit("/", 1)[1]
            return self._templates[key]

    def stop(self) -> None:
        """Stop the server (fast) and remove its folder."""
        with contextlib.suppress(PgUnavailable, subprocess.TimeoutExpired):
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


_shared: PgCluster | PgUnavailable | None = None
_shared_lock = threading.Lock()


def shared_cluster() -> PgCluster:
    """The one cluster of this test session, started on first use and stopped at exit (the
    api tests' session fixture and the contract suite's PostgreSQL factories share it).
    Raises PgUnavailable (the same reason every time) when it cannot run."""
    global _shared
    with _shared_lock:
        if _shared is None:
            try:
                _shared = PgCluster.start()
                atexit.register(_shared.stop)
            except PgUnavailable as exc:
                _shared = exc
        if isinstance(_shared, PgUnavailable):
            raise _shared
        return _shared
