"""``tamin-desk simulator``: seed, people, outbox, advance, verify, reset on a --db file."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.cli import main
from desktop.security.hashing import PRODUCTION
from desktop.service.bootstrap import build_service
from desktop.service.interface import ServiceConfig
from tests.contract.helpers import people, request_for, seed


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'room.sqlite3'}"


def _run(capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(["simulator", *argv])
    return code, capsys.readouterr().out.splitlines()


def test_people_prints_the_registry_national_code_first(capsys, db_url):
    code, lines = _run(capsys, "people", "--db", db_url)
    assert code == 0
    assert len(lines) == len(seed()["people"])
    by_code = {p["national_code"]: p for p in seed()["people"]}
    for line in lines:
        fields = line.split("\t")
        person = by_code[fields[0]]
        assert fields[1:6] == [
            person["first_name"],
            person["last_name"],
            person["gender"],
            person["birth_certificate_number"],
            person["birth_date"],
        ]
        assert fields[6] == ",".join(sorted(person["mobiles"]))


def test_seed_is_idempotent_and_reports_the_database(capsys, db_url):
    assert _run(capsys, "seed", "--db", db_url) == (0, ["seeded: شبیه‌ساز محلی: room.sqlite3"])
    assert _run(capsys, "seed", "--db", db_url)[0] == 0
    assert len(_run(capsys, "people", "--db", db_url)[1]) == len(seed()["people"])


@pytest.mark.production_hash
def test_outbox_advance_verify_and_reset(capsys, db_url):
    person = people(with_mobile=True)[50]
    with build_service(db_url, config=ServiceConfig(verification_delay_s=3600)) as backend:
        backend.service.submit_registration(request_for(person, PRODUCTION))
    assert _run(capsys, "verify", "--db", db_url) == (0, [])
    code, lines = _run(capsys, "advance", "--hours", "2", "--db", db_url)
    moved = dt.datetime.fromisoformat(lines[0])
    assert code == 0 and moved > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=119)
    code, lines = _run(capsys, "verify", "--db", db_url)
    assert code == 0 and lines[0].endswith("\tactivated")
    code, lines = _run(capsys, "outbox", "--mobile", "+98" + person.mobiles[0][1:], "--db", db_url)
    assert code == 0 and len(lines) == 1
    sent_at, mobile, kind, text = lines[0].split("\t")
    assert dt.datetime.fromisoformat(sent_at) >= moved - dt.timedelta(seconds=1)
    assert (mobile, kind) == (person.mobiles[0], "activated")
    assert person.first_name in text
    assert _run(capsys, "reset", "--db", db_url)[0] == 0
    assert _run(capsys, "outbox", "--db", db_url) == (0, [])


def test_advance_refuses_negative_hours(capsys, db_url):
    assert main(["simulator", "advance", "--hours", "-1", "--db", db_url]) == 2


def test_a_remote_url_is_not_a_simulator(capsys):
    assert main(["simulator", "people", "--db", "https://example.invalid"]) == 2


def test_people_piped_into_head_ends_quietly(tmp_path, db_url):
    # `tamin-desk simulator people | head -2`: the reader leaves early; no traceback, exit 0.
    import subprocess
    import sys

    command = f"{sys.executable} -m desktop.cli simulator people --db {db_url} | head -2"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert "Traceback" not in result.stderr
