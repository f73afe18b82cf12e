"""argon2id hashing of passwords and security answers (argon2-cffi; never hand-written crypto).

The desk hashes a new password and the three answers before anything leaves the form, so no
queue, server or log ever holds them in clear. The service checks that a PHC string it receives
is argon2id with parameters at least its policy's minimum.

Source: OWASP Password Storage Cheat Sheet — argon2id, m=19 MiB (19456 KiB), t=2, p=1 minimum.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.rules.errors import FieldError
from desktop.service.errors import ValidationFailed

# argon2-cffi (its cffi bindings, ~1 MiB resident) is imported where it hashes or verifies:
# every desk imports this module for HashPolicy at start-up, long before it hashes anything.
if TYPE_CHECKING:
    from argon2 import PasswordHasher


@dataclass(frozen=True)
class HashPolicy:
    """argon2id parameters: ``time_cost`` (iterations), ``memory_kib`` (KiB), ``parallelism``."""

    time_cost: int
    memory_kib: int
    parallelism: int = 1
    hash_len: int = 32
    salt_len: int = 16

    def hasher(self) -> PasswordHasher:
        """An argon2-cffi hasher for this policy (argon2id)."""
        from argon2 import PasswordHasher, Type

        return PasswordHasher(
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=self.hash_len,
            salt_len=self.salt_len,
            type=Type.ID,
        )


#: OWASP's minimum for argon2id: m=19 MiB, t=2, p=1. Used by the desk and the service.
PRODUCTION = HashPolicy(time_cost=2, memory_kib=19 * 1024, parallelism=1)
#: For tests only (fast); never the default anywhere.
CHEAP_FOR_TESTS = HashPolicy(time_cost=1, memory_kib=64, parallelism=1)

#: argon2 computations this process runs at once: one per core. argon2-cffi releases the GIL,
#: so a server's worker threads would otherwise run one each, 20 at once for 20 desks logging
#: in: they only time-share the cores, and each then costs more CPU because its 19 MiB block is
#: evicted from the caches by the others (measured on 2 cores: 18.4 ms CPU per PRODUCTION
#: verification two at a time, 20.9 ms twenty at a time), besides holding 20 blocks in memory.
#: A slot's holder waits for nothing else while it computes, so waiting for one cannot deadlock.
ARGON2_SLOTS = max(1, os.cpu_count() or 1)
_argon2_slots = threading.BoundedSemaphore(ARGON2_SLOTS)


def hash_secret(secret: str, policy: HashPolicy) -> str:
    """argon2id PHC string of ``secret`` exactly as given (a password is never normalised).
    At most :data:`ARGON2_SLOTS` hashes and verifications run at once in this process."""
    with _argon2_slots:
        return policy.hasher().hash(secret)


def hash_password(password: str, policy: HashPolicy) -> str:
    """PHC string of a password, kept exactly as typed (SPEC: never normalised)."""
    return hash_secret(password, policy)


def hash_answer(answer: str, policy: HashPolicy) -> str:
    """PHC string of a security answer after :func:`desktop.rules.normalize.normalize_answer`,
    so Arabic ي/ك, Persian digits, case and extra spaces do not matter at recovery."""
    from desktop.rules.normalize import normalize_answer

    return hash_secret(normalize_answer(answer), policy)


def verify_secret(phc: str, secret: str) -> bool:
    """True when ``secret`` matches ``phc``; False on mismatch or a malformed hash. Waits for
    an argon2 slot (see :func:`hash_secret`)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        with _argon2_slots:
            return PasswordHasher().verify(phc, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def verify_answer(phc: str, answer: str) -> bool:
    """:func:`verify_secret` after the same normalisation as :func:`hash_answer`."""
    from desktop.rules.normalize import normalize_answer

    return verify_secret(phc, normalize_answer(answer))


def needs_rehash(phc: str, policy: HashPolicy) -> bool:
    """True when ``phc`` was made with weaker parameters than ``policy`` (re-hash on login):
    less memory, fewer iterations or fewer lanes; an unparsable hash counts as weaker.

    A STRONGER hash is left alone (argon2-cffi's ``check_needs_rehash`` would flag any
    difference, so a service on a cheaper policy would downgrade it). Source: OWASP Password
    Storage Cheat Sheet, "Upgrading legacy hashes".
    """
    params = parse_phc(phc)
    if params is None:
        return True
    return (
        params["m"] < policy.memory_kib
        or params["t"] < policy.time_cost
        or params["p"] < policy.parallelism
    )


def parse_phc(phc: str) -> dict[str, int] | None:
    """``{"m": KiB, "t": iterations, "p": lanes}`` of an argon2id PHC string, or None."""
    parts = phc.split("$") if isinstance(phc, str) else []
    # $argon2id$v=19$m=19456,t=2,p=1$salt$hash
    if len(parts) != 6 or parts[0] != "" or parts[1] != "argon2id" or parts[2] != "v=19":
        return None
    try:
        params = dict(kv.split("=", 1) for kv in parts[3].split(","))
        return {k: int(params[k]) for k in ("m", "t", "p")}
    except (ValueError, KeyError):
        return None


def require_phc(phc: str, minimum: HashPolicy, field: str = "password_hash") -> None:
    """Refuse anything but an argon2id PHC string at least as strong as ``minimum``.

    Raises ValidationFailed with ``field`` and code ``invalid`` (not a PHC string, e.g.
    plaintext) or ``weak_parameters`` (m, t or p below the minimum).
    """
    params = parse_phc(phc)
    if params is None:
        raise ValidationFailed([FieldError(field, "invalid")])
    if (
        params["m"] < minimum.memory_kib
        or params["t"] < minimum.time_cost
        or params["p"] < minimum.parallelism
    ):
        raise ValidationFailed([FieldError(field, "weak_parameters")])


def hash_registration_secrets(
    password: str, answers: Sequence[str], policy: HashPolicy, *, max_workers: int | None = None
) -> tuple[str, tuple[str, ...]]:
    """PHC strings of a new password (:func:`hash_password`) and of each security answer
    (:func:`hash_answer`, normalised first), hashed in a small thread pool.

    argon2-cffi releases the GIL while it hashes, so with N cores the four hashes of a
    registration take about the time of ceil(4 / N) hashes instead of four (memory: one
    ``policy.memory_kib`` block per thread at once). ``max_workers`` defaults to
    min(hashes, CPU count). Returns ``(password_hash, answer_hashes)``, answers in order.
    Re-raises the first hashing error (argon2 ``HashingError``).
    """
    from concurrent.futures import ThreadPoolExecutor

    workers = max_workers or max(1, min(len(answers) + 1, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="argon2") as pool:
        password_future = pool.submit(hash_password, password, policy)
        answer_futures = [pool.submit(hash_answer, answer, policy) for answer in answers]
        return password_future.result(), tuple(f.result() for f in answer_futures)
