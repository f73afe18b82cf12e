"""Login re-hashes a password made with weaker parameters than the service's policy, and never
downgrades a stronger one."""

from __future__ import annotations

from sqlalchemy import select

from desktop.security.hashing import CHEAP_FOR_TESTS, HashPolicy, parse_phc
from desktop.service.bootstrap import build_service
from desktop.service.simulator.clock import SimulatedClock
from models import Account
from models.database import open_database
from tests.contract.conftest import START
from tests.contract.helpers import login, people, request_for, training_account

STRONGER = HashPolicy(time_cost=2, memory_kib=256)


def _stored_hash(url: str, national_code: str) -> str:
    db = open_database(url)
    with db.sessions() as session:
        phc = session.scalar(
            select(Account.password_hash).where(Account.national_code == national_code)
        )
    db.dispose()
    assert phc is not None
    return phc


def test_a_login_upgrades_a_weaker_hash(db_path):
    url = f"sqlite:///{db_path}"
    person = people(with_mobile=True)[70]
    with build_service(url, hash_policy=CHEAP_FOR_TESTS, clock=SimulatedClock(START)) as cheap:
        cheap.service.submit_registration(request_for(person, CHEAP_FOR_TESTS))
        login(cheap, person.national_code, "Sabt1404now")
    assert parse_phc(_stored_hash(url, person.national_code)) == {"m": 64, "t": 1, "p": 1}

    with build_service(url, hash_policy=STRONGER, clock=SimulatedClock(START)) as strong:
        login(strong, person.national_code, "Sabt1404now")
        assert parse_phc(_stored_hash(url, person.national_code)) == {"m": 256, "t": 2, "p": 1}
        login(strong, person.national_code, "Sabt1404now")  # the new hash works


def test_a_stronger_hash_is_not_downgraded(simulator, db_path):
    account = training_account("complete")
    before = _stored_hash(f"sqlite:///{db_path}", account.national_code)
    login(simulator, account.national_code, account.password)
    assert _stored_hash(f"sqlite:///{db_path}", account.national_code) == before
