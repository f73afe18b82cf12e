"""Loading the fictional civil registry and the training accounts into a simulator database.

The seed file is ``resources/seed/civil_registry.json`` (written by
``scripts/generate_seed.py``). A database is seeded once, on first use; ``reset`` empties it
and seeds it again. The simulator_state row records when and from which file (SHA-256).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from desktop.paths import resource
from models import (
    Account,
    AccountAnswer,
    Base,
    MobileOwner,
    Person,
    SimulatorState,
)
from models.database import Database

STATE_ROW_ID = 1


def seed_file() -> Path:
    """Path of the bundled seed file."""
    return resource("seed", "civil_registry.json")


@dataclass(frozen=True)
class Seed:
    """The parsed seed document (see ``scripts/generate_seed.py`` for its shape) and the
    SHA-256 hex ``digest`` of its bytes."""

    people: tuple[dict, ...]
    unknown_mobiles: tuple[str, ...]
    training_accounts: tuple[dict, ...]
    digest: str


def load_seed(path: Path | None = None) -> Seed:
    """Read and parse the seed file (default: :func:`seed_file`).

    Raises OSError when it cannot be read, ValueError (json) when it is not valid JSON,
    KeyError when a section is missing.
    """
    raw = (path or seed_file()).read_bytes()
    document = json.loads(raw)
    return Seed(
        people=tuple(document["people"]),
        unknown_mobiles=tuple(document["unknown_mobiles"]),
        training_accounts=tuple(document["training_accounts"]),
        digest=hashlib.sha256(raw).hexdigest(),
    )


def _insert_registry(session: Session, seed: Seed) -> None:
    person_keys = (
        "national_code",
        "first_name",
        "last_name",
        "gender",
        "birth_certificate_number",
        "birth_date",
    )
    session.execute(insert(Person), [{k: p[k] for k in person_keys} for p in seed.people])
    owners = [
        {"mobile": mobile, "national_code": p["national_code"]}
        for p in seed.people
        for mobile in p["mobiles"]
    ]
    session.execute(insert(MobileOwner), owners)


def _insert_training_accounts(session: Session, seed: Seed, now: dt.datetime) -> None:
    people = {p["national_code"]: p for p in seed.people}
    for spec in seed.training_accounts:
        person = people[spec["national_code"]]
        account_id = session.execute(
            insert(Account)
            .values(
                national_code=person["national_code"],
                mobile=spec["mobile"],
                first_name=person["first_name"],
                last_name=person["last_name"],
                gender=person["gender"],
                email=spec["email"],
                password_hash=spec["password_hash"],
                created_at=now,
                password_changed_at=now,
                activated_by="seed",
                question_failures=0,
            )
            .returning(Account.id)
        ).scalar_one()
        answers = [
            {"account_id": account_id, "position": i, **answer}
            for i, answer in enumerate(spec["security_answers"])
        ]
        if answers:
            session.execute(insert(AccountAnswer), answers)


def apply_seed(session: Session, seed: Seed, now: dt.datetime) -> None:
    """Insert the registry, mobile owners and training accounts into an EMPTY database, in the
    caller's transaction, and mark the state row seeded at ``now``."""
    _insert_registry(session, seed)
    _insert_training_accounts(session, seed, now)
    state = session.get(SimulatorState, STATE_ROW_ID)
    if state is None:
        state = SimulatorState(id=STATE_ROW_ID, clock_offset_s=0.0)
        session.add(state)
    state.seeded_at = now
    state.seed_digest = seed.digest


#: Tables a reset keeps: the API server's own (desk tokens) and the branch staff accounts, not
#: the simulated back office; a trainer's reset must not lock every desk of the room out.
KEPT_ON_RESET = frozenset({"desk_tokens", "staff_accounts"})


def wipe(session: Session) -> None:
    """Delete every row of every back-office table (children first), the state row included
    (:data:`KEPT_ON_RESET` tables are left alone)."""
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in KEPT_ON_RESET:
            session.execute(delete(table))


def ensure_seeded(db: Database, now: dt.datetime, seed: Seed | None = None) -> bool:
    """Seed the database if it never was; True when it seeded now. Idempotent and safe when
    two processes start together (the check and the load share one IMMEDIATE transaction)."""
    with db.lock, db.sessions() as session, session.begin():
        seeded_at = session.scalar(
            select(SimulatorState.seeded_at).where(SimulatorState.id == STATE_ROW_ID)
        )
        if seeded_at is not None:
            return False
        apply_seed(session, seed or load_seed(), now)
        return True


def reseed(db: Database, now: dt.datetime, seed: Seed | None = None) -> None:
    """Back to the seed: wipe everything (registrations, accounts, codes, SMS, audit, clock
    offset) and load the seed again, in one transaction."""
    with db.lock, db.sessions() as session, session.begin():
        wipe(session)
        apply_seed(session, seed or load_seed(), now)
