"""Alembic history applied at start: fresh databases, upgrades that keep data, models in step
with the migrations, and the SQLite PRAGMAs every connection gets."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import insert, inspect, select, text, update
from sqlalchemy.exc import IntegrityError

from desktop.security.hashing import CHEAP_FOR_TESTS, hash_password
from desktop.service.bootstrap import build_service
from desktop.service.simulator.clock import SimulatedClock
from desktop.service.simulator.seed import apply_seed, load_seed
from desktop.service.simulator.training import SimulatorTraining
from models import Account, Base, MobileOwner, Person, Registration
from models.database import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    migrate,
    open_database,
)
from tests.contract.conftest import START

PERSON = {
    "national_code": "0499370899",
    "first_name": "آزاده",
    "last_name": "حسین\u200cزاده",
    "gender": "female",
    "birth_certificate_number": "1234",
    "birth_date": "1360/01/01",
}


#: A registrations row as revision 0003 stores it (no ``captured_at``).
REGISTRATION_0003 = {
    "id": 1,
    "tracking_id": "1000000001",
    "national_code": PERSON["national_code"],
    "mobile": "09121234567",
    "first_name": PERSON["first_name"],
    "last_name": PERSON["last_name"],
    "gender": PERSON["gender"],
    "birth_certificate_number": PERSON["birth_certificate_number"],
    "birth_date": PERSON["birth_date"],
    "email": "",
    "password_hash": "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
    "state": "pending",
    "submitted_at": START.replace(tzinfo=None),
    "due_at": START.replace(tzinfo=None),
}


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_fresh_file_is_migrated_to_head_with_every_table(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    migrate(db)
    assert current_revision(db) == _head()
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    migrate(db)  # a second start changes nothing
    assert current_revision(db) == _head()
    db.dispose()


def test_models_and_migrations_agree(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'diff.sqlite3'}")
    migrate(db)
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    db.dispose()
    assert differences == []


def test_a_database_at_0001_upgrades_and_keeps_its_data(tmp_path):
    """Rehearse the next release: a copy of the history plus a revision adding a column."""
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = open_database(url)
    migrate(db, "0001")
    with db.engine.begin() as connection:
        connection.execute(insert(Person), [PERSON])
        connection.execute(insert(MobileOwner), [{"mobile": "09121234567", **_code()}])
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_rehearsal.py").write_text(
        textwrap.dedent(
            f'''
            """Rehearsal: a nullable column on the civil registry."""
            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "{_head()}"
            branch_labels = None
            depends_on = None


            def upgrade():
                with op.batch_alter_table("civil_registry_people") as batch:
                    batch.add_column(sa.Column("note", sa.Text(), nullable=True))


            def downgrade():
                with op.batch_alter_table("civil_registry_people") as batch:
                    batch.drop_column("note")
            '''
        )
    )
    migrate(db, script_location=scripts)
    assert current_revision(db) == "9999"
    with db.engine.connect() as connection:
        row = connection.execute(text("SELECT * FROM civil_registry_people")).mappings().one()
        owner = connection.execute(select(MobileOwner.national_code)).scalar_one()
    assert {k: row[k] for k in PERSON} == PERSON and row["note"] is None
    assert owner == PERSON["national_code"]
    db.dispose()


def test_the_app_upgrades_a_first_release_database_and_keeps_its_data(tmp_path):
    """A room's database from the first release (revision 0001, seeded, a password changed)
    opened by this release: migrated to head, not seeded again, the change kept."""
    url = f"sqlite:///{tmp_path / 'kept.sqlite3'}"
    db = open_database(url)
    migrate(db, "0001")
    seed = load_seed()
    account = seed.training_accounts[0]
    changed = hash_password("Changed#1404", CHEAP_FOR_TESTS)
    with db.sessions() as session, session.begin():
        apply_seed(session, seed, START)
        session.execute(
            update(Account)
            .where(Account.national_code == account["national_code"])
            .values(password_hash=changed)
        )
    db.dispose()
    with build_service(url, hash_policy=CHEAP_FOR_TESTS, clock=SimulatedClock(START)) as backend:
        assert isinstance(backend.training, SimulatorTraining)
        assert len(backend.training.people()) == len(seed.people)
        captcha = backend.service.new_captcha()
        digits = backend.training.captcha_answer(captcha.captcha_id)
        info = backend.service.login(
            account["national_code"], "Changed#1404", captcha.captcha_id, digits
        )
        assert info.national_code == account["national_code"]
    db = open_database(url)
    assert current_revision(db) == _head()
    db.dispose()


def test_requests_made_before_0004_were_captured_when_submitted(tmp_path):
    """0004 adds ``registrations.captured_at`` (the offline sync's "the later supersedes")
    and fills it from ``submitted_at``: every earlier request was submitted online."""
    db = open_database(f"sqlite:///{tmp_path / 'at-0003.sqlite3'}")
    migrate(db, "0003")
    columns = ", ".join(REGISTRATION_0003)
    values = ", ".join(f":{name}" for name in REGISTRATION_0003)
    with db.engine.begin() as connection:
        connection.execute(
            text(f"INSERT INTO registrations ({columns}) VALUES ({values})"), REGISTRATION_0003
        )
    migrate(db)
    with db.sessions() as session:
        submitted_at, captured_at = session.execute(
            select(Registration.submitted_at, Registration.captured_at)
        ).one()
    assert captured_at == submitted_at == START
    db.dispose()


def test_file_connections_use_wal_and_enforce_foreign_keys(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'pragmas.sqlite3'}")
    migrate(db)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(
            insert(MobileOwner), [{"mobile": "09121234567", "national_code": "0000000000"}]
        )
    db.dispose()


def test_memory_database_is_one_shared_database(tmp_path):
    db = open_database("sqlite://")
    migrate(db)
    with db.engine.begin() as connection:
        connection.execute(insert(Person), [PERSON])
    with db.sessions() as session:
        assert session.scalar(select(Person.first_name)) == "آزاده"
    db.dispose()


def _code() -> dict[str, str]:
    return {"national_code": PERSON["national_code"]}


def test_migrations_dir_ships_its_files():
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    versions = sorted(p.name for p in Path(MIGRATIONS_DIR / "versions").glob("*.py"))
    assert versions[0] == "0001_initial.py"
