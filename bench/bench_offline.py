"""Benchmark of the offline sync: 10,000 queued registrations sent to a local server.

``run()`` returns:

* ``sync_per_s`` — registrations answered per second by ``tamin-desk sync`` (target ≥ 300):
  each one sealed on the desk, sent in batches of 100, opened, re-validated by the rules,
  submitted to the simulator (SQLite file) with its idempotency key, and its answer stored in
  the queue (fsync'ed).
* ``sync_peak_mib`` — peak resident memory of the syncing process (its ``VmHWM``, see
  :mod:`bench.peak`), MiB: the sync pages through the queue, so it does not grow with its size.
* ``sync_count``, ``enqueue_per_s`` (each enqueue fsync'ed before it returns).
* ``sync_server_cpu_ms_per_item`` and ``sync_client_cpu_ms_per_item`` — CPU time (user +
  system, ``wait4``) of the server and of the syncing process per registration: unlike the
  rate, these hardly change when other work shares the machine (``load_avg_1m`` says how busy
  it was), and 1000 ÷ the server's figure is the rate one free core sustains.

Set-up reuses one precomputed PHC hash at the server's minimum policy (CHEAP here, as the
server of the benchmark is started with it; argon2 cost belongs to the desk's submit, which
``bench_service`` measures). Server and sync each run in their own process, as on a real
desk and server.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.peak import module_command
from desktop.rules.national_code import check_digit
from desktop.security.hashing import CHEAP_FOR_TESTS, hash_answer, hash_password
from desktop.service.interface import Gender, RegistrationRequest, SecurityAnswer

COUNT = 10_000
ROOT = Path(__file__).resolve().parent.parent
ANSWERS = (("favorite_color", "سبز"), ("birth_city", "شیراز"), ("first_workplace", "نانوایی"))


def _requests(count: int) -> list[RegistrationRequest]:
    rng = random.Random(7)
    password = hash_password("Sabt1404now", CHEAP_FOR_TESTS)
    answers = tuple(SecurityAnswer(q, hash_answer(a, CHEAP_FOR_TESTS)) for q, a in ANSWERS)
    codes: set[str] = set()
    requests = []
    while len(requests) < count:
        nine = f"{rng.randrange(10**9):09d}"
        code = nine + str(check_digit(nine))
        if code in codes or len(set(code)) == 1:
            continue
        codes.add(code)
        i = len(requests)
        requests.append(
            RegistrationRequest(
                national_code=code,
                mobile=f"0912{i:07d}",
                first_name=("علی", "زهرا")[i % 2],
                last_name="آزمایشی",
                gender=(Gender.MALE, Gender.FEMALE)[i % 2],
                birth_certificate_number=code,
                birth_date="1370/01/01",
                email="",
                password_hash=password,
                security_answers=answers,
            )
        )
    return requests


def serve(db_url: str, key_path: str, port: int) -> None:
    """The benchmark's server (its own process): simulator on ``db_url``, cheap minimum
    policy, no verification during the run. Prints its desk token, then serves until killed."""
    import uvicorn

    from desktop.offline.server_key import load_or_create_server_key
    from desktop.server.app import create_app
    from desktop.server.tokens import TokenStore
    from desktop.service.bootstrap import build_service
    from desktop.service.interface import ServiceConfig
    from models.database import migrate, open_database

    backend = build_service(
        db_url, hash_policy=CHEAP_FOR_TESTS, config=ServiceConfig(verification_delay_s=86_400)
    )
    db = open_database(db_url)
    migrate(db)
    tokens = TokenStore(db)
    token = tokens.create("bench-laptop")
    key = load_or_create_server_key(Path(key_path))
    app = create_app(backend, tokens=tokens, verify_every_s=None, sync_key=key)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")
    server = uvicorn.Server(config)
    print(token, flush=True)
    server.run()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_listening(port: int, timeout_s: float = 60) -> None:
    import socket

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the benchmark server did not start")


def run(count: int = COUNT) -> dict[str, float]:
    """Fill a queue with ``count`` registrations, then time ``tamin-desk sync`` of it."""
    from desktop.offline.queue import ItemState, OfflineQueue
    from desktop.offline.sealing import public_key_of
    from desktop.offline.server_key import load_or_create_server_key

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="tamin-bench-offline-") as tmp:
        folder = Path(tmp)
        key_path = folder / "server" / "sync-x25519.pem"
        key = load_or_create_server_key(key_path)
        queue_path = folder / "desk" / "queue.sqlite3"
        peak_file = folder / "sync-peak-kib"
        requests = _requests(count)
        with OfflineQueue(queue_path) as queue:
            queue.pin_server_key(public_key_of(key), "bench")
            started = time.perf_counter()
            for request in requests:
                queue.enqueue(request)
            enqueue_s = time.perf_counter() - started
        port = _free_port()
        db_url = f"sqlite:///{folder / 'server' / 'server.sqlite3'}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.bench_offline",
                "serve",
                db_url,
                str(key_path),
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            token = server.stdout.readline().strip()
            _wait_listening(port)
            started = time.perf_counter()
            sync = subprocess.Popen(
                [
                    *module_command("desktop.cli"),
                    "sync",
                    "--backend",
                    f"http://127.0.0.1:{port}",
                    "--token",
                    token,
                    "--queue",
                    str(queue_path),
                ],
                cwd=ROOT,
                env={**env, "TAMIN_BENCH_PEAK_FILE": str(peak_file)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            _, status, usage = os.wait4(sync.pid, 0)
            elapsed = time.perf_counter() - started
            sync.returncode = os.waitstatus_to_exitcode(status)
        finally:
            server.terminate()
            _, _, server_usage = os.wait4(server.pid, 0)
            server.returncode = 0
        if sync.returncode != 0:
            raise RuntimeError(f"sync exited with {sync.returncode}")
        with OfflineQueue(queue_path) as queue:
            counts = queue.counts()
        sync_peak_kib = int(peak_file.read_text())
        if counts[ItemState.ACCEPTED] != count:
            raise AssertionError(f"not every registration was accepted: {counts}")
    server_cpu_s = server_usage.ru_utime + server_usage.ru_stime
    client_cpu_s = usage.ru_utime + usage.ru_stime
    return {
        "sync_server_cpu_ms_per_item": round(server_cpu_s * 1000 / count, 2),
        "sync_client_cpu_ms_per_item": round(client_cpu_s * 1000 / count, 2),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "sync_count": count,
        "sync_per_s": round(count / elapsed, 1),
        "sync_peak_mib": round(sync_peak_kib / 1024, 1),
        "enqueue_per_s": round(count / enqueue_s, 1),
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        import json

        print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else COUNT), indent=2))
