"""Crash tests: SIGKILL the desk while it enqueues, the desk while it syncs, and the server
while it receives; after a restart every registration is on the server exactly once (one live
request per person), none lost, none duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from desktop.offline.queue import ItemState, OfflineQueue
from desktop.offline.sealing import public_key_of
from desktop.offline.sync import sync_queue
from desktop.offline.sync_client import SyncClient
from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import build_service
from desktop.service.errors import BackendUnavailable
from desktop.service.interface import RegistrationState
from tests.api.pg_cluster import free_port
from tests.offline.conftest import sync_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)"),
]

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 120


def _python(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, text=True, **kwargs)


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def _one_live_request_each(backend, people_codes: list[str]) -> dict[str, str]:
    """{national code: tracking id of its one live request}; fails on zero or two."""
    live = {}
    for code in people_codes:
        states = Counter(r.state for r in backend.service.find_registrations(code))
        alive = sum(n for s, n in states.items() if s is not RegistrationState.SUPERSEDED)
        assert alive == 1, (code[:3], states)
        live[code] = next(
            r.tracking_id
            for r in backend.service.find_registrations(code)
            if r.state is not RegistrationState.SUPERSEDED
        )
    return live


def test_killed_while_enqueueing_then_restarted(tmp_path, server_key, server_db, registry_people):
    path = tmp_path / "desk" / "queue.sqlite3"
    with OfflineQueue(path) as queue:
        queue.pin_server_key(public_key_of(server_key), "http://server")
    worker = _python(
        "-m",
        "tests.offline.workers",
        "enqueue",
        str(path),
        "0",
        str(PEOPLE),
        stdout=subprocess.PIPE,
    )
    acknowledged: dict[str, int] = {}
    assert worker.stdout is not None
    while len(acknowledged) < 40:
        line = worker.stdout.readline()
        assert line, "the enqueuer ended early"
        local_id, index = line.split()
        acknowledged[local_id] = int(index)
    _kill(worker)  # somewhere inside the 41st..nth enqueue
    with OfflineQueue(path) as queue:
        present = {i.local_id for i in queue.items()}
    assert set(acknowledged) <= present  # nothing acknowledged is lost
    assert len(present) <= PEOPLE
    # The operator re-enters whoever was not acknowledged (the one in flight included).
    resume_from = max(acknowledged.values()) + 1
    rest = _python(
        "-m",
        "tests.offline.workers",
        "enqueue",
        str(path),
        str(resume_from),
        str(PEOPLE - resume_from),
        stdout=subprocess.DEVNULL,
    )
    assert rest.wait(timeout=120) == 0
    with sync_server(server_db, server_key) as served, OfflineQueue(path) as queue:
        with SyncClient(served.url, served.token) as client:
            sync_queue(queue, client, batch_size=25)
        assert queue.counts()[ItemState.QUEUED] == 0
        assert queue.counts()[ItemState.REFUSED] == 0
        codes = [p.national_code for p in registry_people[:PEOPLE]]
        _one_live_request_each(served.backend, codes)


def _fill(path: Path, server_key, count: int) -> None:
    with OfflineQueue(path) as queue:
        queue.pin_server_key(public_key_of(server_key), "http://server")
    worker = _python(
        "-m",
        "tests.offline.workers",
        "enqueue",
        str(path),
        "0",
        str(count),
        stdout=subprocess.DEVNULL,
    )
    assert worker.wait(timeout=120) == 0


def test_desk_killed_while_syncing_then_resumed(tmp_path, server_key, server_db, registry_people):
    path = tmp_path / "desk" / "queue.sqlite3"
    _fill(path, server_key, PEOPLE)
    with sync_server(server_db, server_key) as served:
        sync = _python(
            "-m",
            "desktop.cli",
            "sync",
            "--backend",
            served.url,
            "--token",
            served.token,
            "--queue",
            str(path),
            "--batch",
            "5",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with OfflineQueue(path) as queue:
            deadline = time.monotonic() + 60
            while queue.counts()[ItemState.ACCEPTED] < 20:
                assert time.monotonic() < deadline and sync.poll() is None
                time.sleep(0.005)
            _kill(sync)
            counts = queue.counts()
            assert 0 < counts[ItemState.QUEUED] < PEOPLE  # really interrupted half-way
            again = _python(
                "-m",
                "desktop.cli",
                "sync",
                "--backend",
                served.url,
                "--token",
                served.token,
                "--queue",
                str(path),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            _, progress = again.communicate(timeout=120)
            assert again.returncode == 0, progress
            assert f"/{counts[ItemState.QUEUED]} " in progress  # resumed: only the rest
            items = queue.items()
        assert {i.state for i in items} == {ItemState.ACCEPTED}
        codes = [p.national_code for p in registry_people[:PEOPLE]]
        live = _one_live_request_each(served.backend, codes)
        # Not even a superseded duplicate: one request per person, the queue's.
        for code in codes:
            assert len(served.backend.service.find_registrations(code)) == 1
        assert sorted(live.values()) == sorted(i.tracking_id for i in items)


def test_server_killed_while_receiving_then_restarted(tmp_path, server_key, registry_people):
    path = tmp_path / "desk" / "queue.sqlite3"
    _fill(path, server_key, PEOPLE)
    db_url = f"sqlite:///{tmp_path / 'server' / 'server.sqlite3'}"
    key_path = tmp_path / "server" / "sync-x25519.pem"
    port = free_port()

    def start_server() -> tuple[subprocess.Popen, str]:
        server = _python(
            "-m",
            "tests.offline.workers",
            "serve",
            db_url,
            str(key_path),
            str(port),
            stdout=subprocess.PIPE,
        )
        assert server.stdout is not None
        _url, token = server.stdout.readline().split()
        return server, token

    server, token = start_server()
    failure: list[BaseException] = []
    with OfflineQueue(path) as queue:

        def run_sync() -> None:
            try:
                with SyncClient(f"http://127.0.0.1:{port}", token, retries=0) as client:
                    sync_queue(queue, client, batch_size=5)
            except BackendUnavailable as exc:
                failure.append(exc)

        syncing = threading.Thread(target=run_sync)
        syncing.start()
        deadline = time.monotonic() + 60
        while queue.counts()[ItemState.ACCEPTED] < 20:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        _kill(server)
        syncing.join(timeout=60)
        assert failure, "the sync should have lost its server"
        assert queue.counts()[ItemState.QUEUED] > 0
        server, token = start_server()
        try:
            with SyncClient(f"http://127.0.0.1:{port}", token) as client:
                sync_queue(queue, client, batch_size=5)
            assert queue.counts()[ItemState.QUEUED] == 0
            items = queue.items()
        finally:
            _kill(server)
    with build_service(db_url, hash_policy=CHEAP_FOR_TESTS) as backend:
        codes = [p.national_code for p in registry_people[:PEOPLE]]
        live = _one_live_request_each(backend, codes)
        for code in codes:
            assert len(backend.service.find_registrations(code)) == 1
    assert sorted(live.values()) == sorted(i.tracking_id for i in items)
