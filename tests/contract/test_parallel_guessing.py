"""Parallel guessing: threads hammering one recovery never get more tries than allowed.

On the file factory this is real concurrency (one connection per thread, SQLite locking); the
counting is a conditional UPDATE in the checking transaction, so no read-then-write race can
hand out a fourth try.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest

from desktop.service.errors import Locked, ServiceError
from tests.contract.helpers import last_code, training_account, training_answers, wrong_code

THREADS = 12


def _race(attempts: list[Callable[[], None]]) -> Counter[str]:
    """Run every attempt in its own thread, all released at once; count the outcomes."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(attempt: Callable[[], None]) -> None:
        barrier.wait()
        try:
            attempt()
            outcome = "accepted"
        except Locked:
            outcome = "locked"
        except ServiceError as refused:
            outcome = refused.first.code
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == len(attempts)
    return Counter(outcomes)


@pytest.mark.slow
def test_parallel_code_guesses_get_three_tries_at_most(backend):
    account = training_account("complete")
    ticket = backend.service.start_recovery(account.national_code)
    backend.service.send_recovery_code(ticket.recovery_id)
    code = last_code(backend, account.mobile)
    guesses = [wrong_code(code, k) for k in range(1, THREADS + 1)]
    outcomes = _race(
        [lambda g=g: backend.service.check_recovery_code(ticket.recovery_id, g) for g in guesses]
    )
    # Two wrong tries say "invalid", the third exhausts the code, the rest are refused unseen.
    assert outcomes == Counter({"invalid": 2, "attempts_exhausted": THREADS - 2})
    with pytest.raises(ServiceError) as refused:
        backend.service.check_recovery_code(ticket.recovery_id, code)
    assert refused.value.first.code == "attempts_exhausted"


@pytest.mark.slow
def test_parallel_answer_sets_get_three_tries_at_most(backend):
    account = training_account("complete")
    ticket = backend.service.start_recovery(account.national_code)
    wrong = [("قرمز", "تبریز", f"کارگاه {k}") for k in range(THREADS)]
    outcomes = _race(
        [lambda w=w: backend.service.check_recovery_answers(ticket.recovery_id, w) for w in wrong]
    )
    assert outcomes == Counter({"invalid": 2, "locked": THREADS - 2})
    with pytest.raises(Locked):
        backend.service.check_recovery_answers(ticket.recovery_id, training_answers())
