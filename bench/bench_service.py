"""Benchmark of the service: the cost of a desk submit, and of verifying a big batch.

``run()`` returns:

* ``submit_overhead_ratio`` — time of a full desk submit (the password and three answers
  hashed at PRODUCTION argon2id parameters with ``hash_registration_secrets``, which runs them
  in parallel threads, then ``submit_registration`` on the simulator, server-side re-validation
  included) over the time of the same four hashes done one after another. Target ≤ 1.2; below
  1 on a multi-core machine, because the hashes overlap. Rounds are interleaved and the
  fastest of each kind is kept: on a shared machine the minimum is the run least disturbed
  by other processes (``load_avg_1m`` says how busy the machine was).
* ``submit_ms``, ``four_hashes_sequential_ms``, ``submit_service_call_ms`` — the parts.
* ``verify_10k_s`` — ``run_verification()`` over 10,000 pending requests (a third activated,
  a third sent to a branch, a third mismatched), seeded by bulk row inserts reusing one
  precomputed hash: each outcome's registry look-up, account creation, sealed SMS and audit.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from desktop.rules.national_code import check_digit
from desktop.security.hashing import (
    PRODUCTION,
    hash_answer,
    hash_password,
    hash_registration_secrets,
)
from desktop.service.bootstrap import build_service
from desktop.service.interface import (
    Gender,
    RegistrationRequest,
    RegistrationState,
    SecurityAnswer,
    ServiceConfig,
)
from desktop.service.simulator.clock import SimulatedClock

ROUNDS = 15
BATCH = 10_000
START = dt.datetime(2025, 5, 1, 6, 30, tzinfo=dt.UTC)
PASSWORD = "Sabt1404now"
ANSWERS = (("favorite_color", "سبز"), ("birth_city", "شیراز"), ("first_workplace", "نانوایی"))


def _config(folder: Path) -> ServiceConfig:
    # Keep the bench's simulator key out of the user's data folder.
    return ServiceConfig(extra={"key_file": str(folder / "bench.key")})


def _people() -> list[dict]:
    from desktop.service.simulator.seed import load_seed

    seed = load_seed()
    trained = {a["national_code"] for a in seed.training_accounts}
    return [p for p in seed.people if p["mobiles"] and p["national_code"] not in trained]


def _desk_submit(service, person: dict) -> tuple[float, float]:
    """One submit as the wizard does it; returns (total seconds, service-call seconds)."""
    started = time.perf_counter()
    password_hash, answer_hashes = hash_registration_secrets(
        PASSWORD, [a for _, a in ANSWERS], PRODUCTION
    )
    request = RegistrationRequest(
        national_code=person["national_code"],
        mobile=person["mobiles"][0],
        first_name=person["first_name"],
        last_name=person["last_name"],
        gender=Gender(person["gender"]),
        birth_certificate_number=person["birth_certificate_number"],
        birth_date=person["birth_date"],
        email="",
        password_hash=password_hash,
        security_answers=tuple(
            SecurityAnswer(q, h) for (q, _), h in zip(ANSWERS, answer_hashes, strict=True)
        ),
    )
    called = time.perf_counter()
    service.submit_registration(request)
    done = time.perf_counter()
    return done - started, done - called


def _four_sequential_hashes() -> float:
    started = time.perf_counter()
    hash_password(PASSWORD, PRODUCTION)
    for _, answer in ANSWERS:
        hash_answer(answer, PRODUCTION)
    return time.perf_counter() - started


def bench_submit(folder: Path) -> dict[str, float]:
    """The submit figures (see the module docstring)."""
    people = _people()
    submits, calls, sequential = [], [], []
    with build_service(
        f"sqlite:///{folder / 'submit.sqlite3'}",
        config=_config(folder),
        clock=SimulatedClock(START),
    ) as backend:
        _desk_submit(backend.service, people[-1])  # warm-up: imports, first connection
        for i in range(ROUNDS):
            sequential.append(_four_sequential_hashes())
            total, call = _desk_submit(backend.service, people[i])
            submits.append(total)
            calls.append(call)
    submit, seq = min(submits), min(sequential)
    return {
        "submit_overhead_ratio": round(submit / seq, 3),
        "submit_ms": round(submit * 1000, 1),
        "four_hashes_sequential_ms": round(seq * 1000, 1),
        "submit_service_call_ms": round(statistics.median(calls) * 1000, 2),
        "load_avg_1m": round(os.getloadavg()[0], 2),
    }


def _national_codes(count: int, taken: set[str], rng: random.Random) -> list[str]:
    codes: list[str] = []
    while len(codes) < count:
        nine = f"{rng.randrange(10**9):09d}"
        code = nine + str(check_digit(nine))
        if code not in taken and len(set(code)) > 1:
            taken.add(code)
            codes.append(code)
    return codes


def _seed_pending(url: str, count: int) -> dict[str, int]:
    """Insert ``count`` registry people and one pending request each, by bulk inserts.
    Returns the expected number of each outcome."""
    from sqlalchemy import insert

    from models import MobileOwner, Person, Registration, RegistrationAnswer
    from models.database import open_database

    rng = random.Random(10_000)
    phc = hash_password(PASSWORD, PRODUCTION)  # one hash, reused by every row
    db = open_database(url)
    taken = {p["national_code"] for p in _people()}
    codes = _national_codes(count, taken, rng)
    people, owners, requests, answers = [], [], [], []
    expected = {state.value: 0 for state in RegistrationState}
    for i, code in enumerate(codes):
        gender = ("male", "female")[i % 2]
        mobile = f"0912{i:07d}"
        people.append(
            {
                "national_code": code,
                "first_name": ("علی", "زهرا")[i % 2],
                "last_name": "آزمایشی",
                "gender": gender,
                "birth_certificate_number": code,
                "birth_date": "1370/01/01",
            }
        )
        outcome = (
            RegistrationState.ACTIVATED,
            RegistrationState.BRANCH_VISIT_REQUIRED,
            RegistrationState.IDENTITY_MISMATCH,
        )[i % 3]
        expected[outcome.value] += 1
        if outcome is not RegistrationState.BRANCH_VISIT_REQUIRED:
            owners.append({"mobile": mobile, "national_code": code})
        requests.append(
            {
                "id": i + 1,
                "tracking_id": str(10**9 + i),
                "national_code": code,
                "mobile": mobile,
                "first_name": people[-1]["first_name"],
                "last_name": "آزمایشی",
                "gender": gender,
                "birth_certificate_number": code,
                "birth_date": "1371/01/01"
                if outcome is RegistrationState.IDENTITY_MISMATCH
                else "1370/01/01",
                "email": "",
                "password_hash": phc,
                "state": RegistrationState.PENDING.value,
                "submitted_at": START,
                "due_at": START,
            }
        )
        answers.extend(
            {"registration_id": i + 1, "position": n, "question_id": q, "answer_hash": phc}
            for n, (q, _) in enumerate(ANSWERS)
        )
    with db.sessions() as session, session.begin():
        session.execute(insert(Person), people)
        session.execute(insert(MobileOwner), owners)
        session.execute(insert(Registration), requests)
        session.execute(insert(RegistrationAnswer), answers)
    db.dispose()
    return {state: n for state, n in expected.items() if n}


def bench_verify(folder: Path, count: int = BATCH) -> dict[str, float]:
    """``verify_10k_s`` (see the module docstring); checks every outcome count."""
    url = f"sqlite:///{folder / 'verify.sqlite3'}"
    with build_service(url, config=_config(folder), clock=SimulatedClock(START)):
        pass  # create, migrate and seed
    expected = _seed_pending(url, count)
    with build_service(url, config=_config(folder), clock=SimulatedClock(START)) as backend:
        started = time.perf_counter()
        results = backend.service.run_verification()
        elapsed = time.perf_counter() - started
    got: dict[str, int] = {}
    for result in results:
        got[result.state.value] = got.get(result.state.value, 0) + 1
    if got != expected:
        raise AssertionError(f"verification outcomes {got} != expected {expected}")
    return {"verify_10k_s": round(elapsed, 2)}


def run() -> dict[str, float]:
    """Both benchmarks in a throw-away folder."""
    with tempfile.TemporaryDirectory(prefix="tamin-bench-") as tmp:
        folder = Path(tmp)
        return {**bench_submit(folder), **bench_verify(folder)}


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
