"""Load on the remote API over loopback: 20 desks registering, then 20 desks logging in.

The server is the real one (``python -m desktop serve``, a separate process, PRODUCTION argon2
parameters, verification every second), on SQLite and, when a private PostgreSQL cluster can
run here (:mod:`tests.api.pg_cluster`), on PostgreSQL. The desks are threads of this process,
each with its own HTTP client, as twenty desk computers would be.

- Registrations: each desk submits complete requests (new national code each time, the
  password and answers hashed once at PRODUCTION parameters, as a desk would have) for
  ``TAMIN_BENCH_API_SECONDS`` seconds (default 30).
- Logins: twenty activated accounts (registered first, verified by the server); each desk
  signs in to its own account in a loop: new captcha, its digits through the trainer route (a
  person would read the image), login. Each login verifies an argon2id hash at PRODUCTION
  parameters on the server.

``login_throughput_ratio`` = logins per second ÷ the machine's argon2id limit, which is
cores ÷ the CPU time of one PRODUCTION verification measured here: 1.0 would mean the server
does nothing but verify passwords on every core. ``*_cpu_bound_ratio`` divides the
verification's CPU time by the CPU (server and desks) spent per login in the timed window: the
ratio an otherwise idle machine would allow, whatever else ran during the bench.
``*_server_cpu_ms_per_login`` is the server's own share of that CPU, ``*_client_cpu_share`` the
desks' (they run on the server's cores here, as a room's desks would not), ``*_load_avg_1m``
the machine's load average as the phase ended (other programs competing). Headline keys
are SQLite's; the PostgreSQL ones carry ``_postgres``. Every loop is bounded in time and count;
all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DESKS = 20
SECONDS = float(os.environ.get("TAMIN_BENCH_API_SECONDS", "30"))
#: Hard cap on operations per phase, whatever the speed (a bounded loop).
MAX_OPERATIONS = 200_000
PASSWORD = "Bench1404pass"
ANSWERS = (("favorite_color", "سبز"), ("birth_city", "شیراز"), ("first_workplace", "نانوایی"))


@dataclass
class Phase:
    """Latencies (ms) and outcomes of one timed phase."""

    seconds: float = 0.0
    server_cpu_s: float = 0.0  # CPU of the server process during the timed window
    client_cpu_s: float = 0.0  # CPU of this process (the desks' threads) meanwhile
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, started: float, error: str | None) -> None:
        elapsed_ms = (time.perf_counter() - started) * 1000
        with self.lock:
            if error is None:
                self.latencies_ms.append(elapsed_ms)
            else:
                self.errors[error] += 1

    @property
    def cpu_s(self) -> float:
        """CPU seconds of the server and the desks in the timed window."""
        return self.server_cpu_s + self.client_cpu_s

    def summary(self, prefix: str) -> dict[str, float | int | str]:
        done = sorted(self.latencies_ms)
        return {
            f"{prefix}_ops": len(done),
            f"{prefix}_per_s": round(len(done) / self.seconds, 1) if self.seconds else 0.0,
            f"{prefix}_p50_ms": round(_percentile(done, 50), 1),
            f"{prefix}_p99_ms": round(_percentile(done, 99), 1),
            f"{prefix}_errors": sum(self.errors.values()),
            f"{prefix}_error_kinds": json.dumps(dict(self.errors), ensure_ascii=False),
        }


def _percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def _national_code(n: int) -> str:
    """A valid national code (check digit of the civil registry's algorithm) from ``n``."""
    body = f"{n:09d}"
    total = sum(int(d) * (10 - i) for i, d in enumerate(body))
    remainder = total % 11
    return body + str(remainder if remainder < 2 else 11 - remainder)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _server(db_url: str, workdir: Path) -> Iterator[tuple[str, str, int]]:
    """``python -m desktop serve`` on a free loopback port; yields (base URL, trainer token,
    server process id)."""
    import httpx

    env = {**os.environ, "TAMIN_DESK_DATA_DIR": str(workdir), "PYTHONPATH": str(ROOT)}
    cli = [sys.executable, "-m", "desktop", "serve", "--db", db_url]
    token = subprocess.run(
        [*cli, "create-token", "bench", "--trainer"],
        env=env, capture_output=True, text=True, check=True, timeout=120,
    ).stdout.strip()  # fmt: skip
    port = _free_port()
    log = (workdir / f"server-{port}.log").open("w")
    process = subprocess.Popen(
        [*cli, "--host", "127.0.0.1", "--port", str(port), "--training", "--verify-every", "1"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start; see {log.name}")
            time.sleep(0.2)
        yield url, token, process.pid
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _cpu_s(pid: int | None = None) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` (Linux /proc), or by this
    process when None; NaN where /proc is missing."""
    if pid is None:
        times = os.times()
        return times.user + times.system
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _run_desks(work: Callable[[int, Phase, float], None], seconds: float, server_pid: int) -> Phase:
    phase = Phase()
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=work, args=(desk, phase, deadline), daemon=True)
        for desk in range(DESKS)
    ]
    server_before, client_before = _cpu_s(server_pid), _cpu_s()
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    phase.seconds = time.perf_counter() - started
    phase.server_cpu_s = _cpu_s(server_pid) - server_before
    phase.client_cpu_s = _cpu_s() - client_before
    return phase


class _Hashes:
    """The password and answers hashed once at PRODUCTION parameters (a desk's work)."""

    def __init__(self) -> None:
        from desktop.security.hashing import PRODUCTION, hash_answer, hash_password
        from desktop.service.interface import SecurityAnswer

        self.password = hash_password(PASSWORD, PRODUCTION)
        self.answers = tuple(SecurityAnswer(q, hash_answer(a, PRODUCTION)) for q, a in ANSWERS)


def _registrations(url: str, token: str, hashes: _Hashes, seconds: float, server_pid: int) -> Phase:
    from desktop.security.hashing import PRODUCTION
    from desktop.service.bootstrap import build_service
    from desktop.service.errors import ServiceError
    from desktop.service.interface import Gender, RegistrationRequest

    counter = iter(range(10_000_000, 10_000_000 + MAX_OPERATIONS))
    counter_lock = threading.Lock()

    def desk(index: int, phase: Phase, deadline: float) -> None:
        with build_service(url, token=token, hash_policy=PRODUCTION) as backend:
            while time.perf_counter() < deadline:
                with counter_lock:
                    n = next(counter, None)
                if n is None:
                    return
                request = RegistrationRequest(
                    national_code=_national_code(n * 7 + index),
                    mobile=f"0912{n % 10_000_000:07d}",
                    first_name="مریم",
                    last_name="احمدی",
                    gender=Gender.FEMALE,
                    birth_certificate_number=str(1000 + n % 90000),
                    birth_date="1370/01/15",
                    email="",
                    password_hash=hashes.password,
                    security_answers=hashes.answers,
                )
                started = time.perf_counter()
                try:
                    backend.service.submit_registration(request)
                    phase.record(started, None)
                except ServiceError as exc:
                    phase.record(started, f"{type(exc).__name__}:{exc.first.code}")

    return _run_desks(desk, seconds, server_pid)


def _registry_people(count: int) -> list[dict[str, Any]]:
    from desktop.paths import resource

    seed = json.loads(resource("seed", "civil_registry.json").read_text(encoding="utf-8"))
    taken = {a["national_code"] for a in seed["training_accounts"]}
    people = [p for p in seed["people"] if p["mobiles"] and p["national_code"] not in taken]
    return random.Random(1404).sample(people, count)


def _activate_accounts(url: str, token: str, hashes: _Hashes) -> list[str]:
    """Register ``DESKS`` registry people with their own mobiles; wait for the server to
    activate them; return their national codes."""
    from desktop.security.hashing import PRODUCTION
    from desktop.service.bootstrap import build_service
    from desktop.service.interface import Gender, RegistrationRequest, RegistrationState

    codes = []
    with build_service(url, token=token, hash_policy=PRODUCTION) as backend:
        receipts = []
        for person in _registry_people(DESKS):
            request = RegistrationRequest(
                national_code=person["national_code"],
                mobile=person["mobiles"][0],
                first_name=person["first_name"],
                last_name=person["last_name"],
                gender=Gender(person["gender"]),
                birth_certificate_number=person["birth_certificate_number"],
                birth_date=person["birth_date"],
                email="",
                password_hash=hashes.password,
                security_answers=hashes.answers,
            )
            receipts.append(backend.service.submit_registration(request).tracking_id)
            codes.append(person["national_code"])
        deadline = time.monotonic() + 60
        for tracking_id in receipts:
            while backend.service.registration_status(tracking_id).state != (
                RegistrationState.ACTIVATED
            ):
                if time.monotonic() > deadline:
                    raise RuntimeError("accounts were not activated in time")
                time.sleep(0.2)
    return codes


def _logins(
    url: str, token: str, codes: list[str], seconds: float, captchas_ahead: int, server_pid: int
) -> Phase:
    """Each desk signs in to its own account in a loop for ``seconds``.

    ``captchas_ahead`` > 0: each desk first fetches and reads that many captchas (outside the
    timed window, as a person reads one while the server serves others) and the window then
    times the login requests alone; when a desk runs out it fetches inside the window. 0: the
    window times the whole flow (new captcha, its digits, login).
    """
    from desktop.security.hashing import PRODUCTION
    from desktop.service.bootstrap import build_service
    from desktop.service.errors import ServiceError

    backends = [build_service(url, token=token, hash_policy=PRODUCTION) for _ in range(DESKS)]

    def solved(backend: Any) -> tuple[str, str]:
        captcha = backend.service.new_captcha()
        return captcha.captcha_id, backend.training.captcha_answer(captcha.captcha_id)

    pools: list[list[tuple[str, str]]] = [[] for _ in range(DESKS)]
    if captchas_ahead:
        fillers = [
            threading.Thread(
                target=lambda i=i: pools[i].extend(
                    solved(backends[i]) for _ in range(captchas_ahead)
                )
            )
            for i in range(DESKS)
        ]
        for t in fillers:
            t.start()
        for t in fillers:
            t.join()

    def desk(index: int, phase: Phase, deadline: float) -> None:
        backend = backends[index]
        for _ in range(MAX_OPERATIONS):
            if time.perf_counter() >= deadline:
                return
            started = time.perf_counter()
            try:
                captcha_id, digits = pools[index].pop() if pools[index] else solved(backend)
                backend.service.login(codes[index], PASSWORD, captcha_id, digits)
                phase.record(started, None)
            except ServiceError as exc:
                phase.record(started, f"{type(exc).__name__}:{exc.first.code}")

    try:
        return _run_desks(desk, seconds, server_pid)
    finally:
        for backend in backends:
            backend.close()


def argon2_limit_per_s() -> tuple[float, float, float]:
    """(cores ÷ seconds per PRODUCTION verification, CPU ms and wall ms per verification).

    The limit uses the verification's CPU time (this thread's), which other programs running
    on the machine do not inflate; the wall time is reported beside it.
    """
    from desktop.security.hashing import PRODUCTION, hash_password, verify_secret

    phc = hash_password(PASSWORD, PRODUCTION)
    cpu, wall = [], []
    for _ in range(15):
        started_cpu, started_wall = time.thread_time(), time.perf_counter()
        verify_secret(phc, PASSWORD)
        cpu.append(time.thread_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
    one = statistics.median(cpu)
    return (os.cpu_count() or 1) / one, one * 1000, statistics.median(wall) * 1000


def _databases(workdir: Path) -> Iterator[tuple[str, str]]:
    """("sqlite", URL), then ("postgres", URL) when a private cluster can run here."""
    yield "sqlite", f"sqlite:///{workdir / 'bench.sqlite3'}"
    try:
        from tests.api.pg_cluster import PgUnavailable, shared_cluster

        cluster = shared_cluster()
    except (ImportError, PgUnavailable) as exc:
        print(f"bench_api: PostgreSQL skipped: {exc}", flush=True)
        return
    yield "postgres", cluster.create_database("bench")


def run() -> dict[str, float | int | str]:
    """Run the load; return the flat result keys (see the module docstring)."""
    limit_per_s, verify_ms, verify_wall_ms = argon2_limit_per_s()
    results: dict[str, float | int | str] = {
        "api_desks": DESKS,
        "api_phase_seconds": SECONDS,
        "argon2_verify_ms": round(verify_ms, 1),
        "argon2_verify_wall_ms": round(verify_wall_ms, 1),
        "argon2_limit_per_s": round(limit_per_s, 1),
    }
    hashes = _Hashes()
    with tempfile.TemporaryDirectory(prefix="tamin-bench-api-") as tmp:
        for name, db_url in _databases(Path(tmp)):
            workdir = Path(tmp) / name
            workdir.mkdir()
            with _server(db_url, workdir) as (url, token, pid):
                registrations = _registrations(url, token, hashes, SECONDS, pid)
                results.update(registrations.summary(f"register_{name}"))
                codes = _activate_accounts(url, token, hashes)
                # Enough read captchas for every desk to log in at the argon2 limit.
                ahead = int(limit_per_s * SECONDS / DESKS) + 1
                logins = _logins(url, token, codes, SECONDS, ahead, pid)
                results.update(logins.summary(f"login_{name}"))
                # CPU per login (server and desks, argon2 included) does not depend on what
                # else the machine runs; verify_ms / cpu is the ratio an idle machine allows.
                done = max(1, len(logins.latencies_ms))
                per_login_ms = logins.cpu_s * 1000 / done
                results[f"login_{name}_cpu_ms_per_login"] = round(per_login_ms, 1)
                results[f"login_{name}_cpu_bound_ratio"] = round(verify_ms / per_login_ms, 3)
                # The desks run on the server's cores here (a room's desks would not): their
                # share of the CPU, and the server's own CPU per login (argon2 included).
                server_ms = logins.server_cpu_s * 1000 / done
                results[f"login_{name}_server_cpu_ms_per_login"] = round(server_ms, 1)
                results[f"login_{name}_client_cpu_share"] = round(
                    logins.client_cpu_s / logins.cpu_s if logins.cpu_s else 0.0, 3
                )
                results[f"login_{name}_load_avg_1m"] = round(os.getloadavg()[0], 2)
                ratio = (len(logins.latencies_ms) / logins.seconds) / limit_per_s
                results[f"login_throughput_ratio_{name}"] = round(ratio, 3)
                flows = _logins(url, token, codes, SECONDS, 0, pid)
                results.update(flows.summary(f"login_flow_{name}"))
                ratio = (len(flows.latencies_ms) / flows.seconds) / limit_per_s
                results[f"login_flow_throughput_ratio_{name}"] = round(ratio, 3)
            print(f"bench_api: {name} done", flush=True)
    # The headline keys are SQLite's, the database every run has (a training room's laptop);
    # the PostgreSQL figures sit beside them when the cluster could run.
    results["load_p99_ms"] = results["register_sqlite_p99_ms"]
    results["login_throughput_ratio"] = results["login_throughput_ratio_sqlite"]
    return results


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
