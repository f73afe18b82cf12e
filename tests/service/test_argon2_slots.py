"""At most ``ARGON2_SLOTS`` (one per core) argon2 computations run at once in a process: a
server's twenty concurrent logins take turns on the cores instead of time-slicing them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from argon2 import PasswordHasher

from desktop.security.hashing import ARGON2_SLOTS, CHEAP_FOR_TESTS, hash_secret, verify_secret


class Gauge:
    """Counts the computations running at once (each made to last 20 ms so they pile up)."""

    def __init__(self) -> None:
        self.running = 0
        self.peak = 0
        self._lock = threading.Lock()

    def track(self, run: Callable[..., Any]) -> Callable[..., Any]:
        def tracked(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                self.running += 1
                self.peak = max(self.peak, self.running)
            try:
                time.sleep(0.02)
                return run(*args, **kwargs)
            finally:
                with self._lock:
                    self.running -= 1

        return tracked


def test_verifications_and_hashes_never_run_more_than_the_slots(monkeypatch):
    phc = hash_secret("Abcdefg1", CHEAP_FOR_TESTS)
    gauge = Gauge()
    monkeypatch.setattr(PasswordHasher, "verify", gauge.track(PasswordHasher.verify))
    monkeypatch.setattr(PasswordHasher, "hash", gauge.track(PasswordHasher.hash))
    results: list[object] = []

    def verify() -> None:
        results.append(verify_secret(phc, "Abcdefg1"))

    def hash_one() -> None:
        results.append(hash_secret("Abcdefg1", CHEAP_FOR_TESTS).startswith("$argon2id$"))

    threads = [threading.Thread(target=verify) for _ in range(4 * ARGON2_SLOTS)]
    threads += [threading.Thread(target=hash_one) for _ in range(2 * ARGON2_SLOTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == [True] * len(threads)
    assert gauge.peak == ARGON2_SLOTS
    assert gauge.running == 0


def test_a_failed_verification_gives_its_slot_back(monkeypatch):
    phc = hash_secret("Abcdefg1", CHEAP_FOR_TESTS)
    for _ in range(ARGON2_SLOTS + 2):  # more failures than slots: a leak would hang here
        assert verify_secret(phc, "wrong") is False
        assert verify_secret("not a hash", "Abcdefg1") is False
    assert verify_secret(phc, "Abcdefg1") is True
