"""After a full registration, login and both recoveries, the database files (main, WAL, shared
memory) hold no password, answer, recovery code or recovery id in clear text."""

from __future__ import annotations

import contextlib
import re
import secrets
import sqlite3
import types
from pathlib import Path

from desktop.rules.normalize import normalize_answer
from desktop.security.hashing import CHEAP_FOR_TESTS, hash_registration_secrets
from desktop.service.bootstrap import build_service
from desktop.service.interface import SecurityAnswer
from desktop.service.simulator import recovery
from desktop.service.simulator.clock import SimulatedClock
from tests.contract.conftest import START
from tests.contract.helpers import last_code, login, people, request_for

PASSWORD = "Raz#Negahdar7"
NEW_PASSWORD = "Jadid!Ramz2025"
SECOND_PASSWORD = "Sevom/Ramz2026"
ANSWERS = (
    ("favorite_color", "فیروزه‌ای کمرنگ"),
    ("birth_city", "Qazvin-Old-Town"),
    ("first_workplace", "کارگاه قالی‌بافی"),
)


def _files(db_path: Path) -> dict[str, bytes]:
    found = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(f"{db_path}{suffix}")
        if path.exists():
            found[path.name] = path.read_bytes()
    return found


def _forms(secret: str) -> list[bytes]:
    """The byte forms a leaked secret could take in SQLite (UTF-8 text, UTF-16 text)."""
    variants = {secret, normalize_answer(secret)}
    return [v.encode(enc) for v in variants for enc in ("utf-8", "utf-16-le")]


def _unused_code(files: dict[str, bytes]) -> str:
    """A 6-digit code that appears nowhere in the files yet (so finding it later is a leak,
    not a national code or timestamp that happens to contain the same digits)."""
    blob = b"".join(files.values())
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        if code.encode() not in blob:
            return code


def _leaks(files: dict[str, bytes], secrets_in_clear: dict[str, str]) -> list[str]:
    return [
        f"{label} in {name}"
        for label, secret in secrets_in_clear.items()
        for form in _forms(secret)
        for name, blob in files.items()
        if form in blob
    ]


def test_no_secret_in_clear_in_the_database_files(tmp_path, monkeypatch):
    db_path = tmp_path / "simulator.sqlite3"
    url = f"sqlite:///{db_path}"
    person = people(with_mobile=True)[60]
    backend = build_service(url, hash_policy=CHEAP_FOR_TESTS, clock=SimulatedClock(START))
    service = backend.service

    # Registration, as the desk does it: hashed on the desk, then submitted.
    password_hash, answer_hashes = hash_registration_secrets(
        PASSWORD, [a for _, a in ANSWERS], CHEAP_FOR_TESTS
    )
    request = request_for(
        person,
        CHEAP_FOR_TESTS,
        password_hash=password_hash,
        security_answers=tuple(
            SecurityAnswer(q, h) for (q, _), h in zip(ANSWERS, answer_hashes, strict=True)
        ),
    )
    service.submit_registration(request)
    assert login(backend, person.national_code, PASSWORD)

    # Recovery by SMS with a code chosen to be absent from the files so far.
    code = _unused_code(_files(db_path))
    fixed = types.SimpleNamespace(
        randbelow=lambda _n: int(code), token_urlsafe=secrets.token_urlsafe
    )
    monkeypatch.setattr(recovery, "secrets", fixed)
    ticket = service.start_recovery(person.national_code)
    service.send_recovery_code(ticket.recovery_id)
    assert last_code(backend, person.mobiles[0]) == code
    service.check_recovery_code(ticket.recovery_id, code)
    new_hash, _ = hash_registration_secrets(NEW_PASSWORD, [], CHEAP_FOR_TESTS)
    service.set_new_password(ticket.recovery_id, new_hash)

    # Recovery by questions.
    second = service.start_recovery(person.national_code)
    service.check_recovery_answers(second.recovery_id, tuple(a for _, a in ANSWERS))
    third_hash, _ = hash_registration_secrets(SECOND_PASSWORD, [], CHEAP_FOR_TESTS)
    service.set_new_password(second.recovery_id, third_hash)
    assert login(backend, person.national_code, SECOND_PASSWORD)

    in_clear = {
        "password": PASSWORD,
        "new password": NEW_PASSWORD,
        "second new password": SECOND_PASSWORD,
        **{f"answer {q}": a for q, a in ANSWERS},
        "recovery code": code,
        "recovery id": ticket.recovery_id,
        "second recovery id": second.recovery_id,
    }
    while_open = _files(db_path)
    assert any(name.endswith("-wal") for name in while_open)
    assert _leaks(while_open, in_clear) == []

    # Checkpoint: every page the WAL held is now in the main file.
    with contextlib.closing(sqlite3.connect(db_path)) as connection:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0
    assert _leaks(_files(db_path), in_clear) == []
    backend.close()
    closed = _files(db_path)
    assert _leaks(closed, in_clear) == []

    # The check is not vacuous: the hashes and sealed SMS are there, and readable by the
    # simulator (the simulated phone still shows the code).
    assert re.search(rb"\$argon2id\$v=19\$m=64,t=1,p=1\$", closed["simulator.sqlite3"])
    with build_service(url, hash_policy=CHEAP_FOR_TESTS) as reopened:
        texts = [m.text for m in reopened.service.outbox(person.mobiles[0])]
    assert any(code in t for t in texts)
