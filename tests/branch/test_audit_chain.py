"""The chained audit trail: ``tamin-desk audit verify`` holds on an untouched database and
names the first bad row after an edit, a deletion or an insertion; ``--expect-head`` catches
truncation; ``audit export`` masks identifiers; the key file lives outside the database."""

from __future__ import annotations

import csv
import io
import os
import stat

import pytest
from sqlalchemy import text

from desktop.branch.interface import Document
from desktop.cli import main
from desktop.service.interface import RegistrationState
from models.database import open_database
from tests.branch.conftest import submit_outcome
from tests.contract.helpers import seed


@pytest.fixture
def trail(backend, staff, paths):
    """A trail with registrations, verifications, staff logins and an activation."""
    _, record = submit_outcome(backend, RegistrationState.BRANCH_VISIT_REQUIRED)
    backend.branch.activate(staff["operator"], record.tracking_id, (Document.NATIONAL_CARD,))
    submit_outcome(backend, RegistrationState.IDENTITY_MISMATCH, index=3)
    return paths


def _verify(paths, capsys, *extra: str) -> tuple[int, dict[str, str], str]:
    code = main(["audit", "verify", "--db", paths.url, "--key-file", str(paths.key_file), *extra])
    out = capsys.readouterr()
    fields = dict(line.split("\t", 1) for line in out.out.splitlines() if "\t" in line)
    return code, fields, out.err


def _sql(paths, statement: str, **params) -> list:
    db = open_database(paths.url)
    try:
        with db.engine.begin() as connection:
            result = connection.execute(text(statement), params)
            return result.all() if result.returns_rows else []
    finally:
        db.dispose()


def test_an_untouched_trail_verifies(trail, capsys):
    code, fields, _ = _verify(trail, capsys)
    assert code == 0
    (count,) = _sql(trail, "SELECT count(*) FROM audit_events")[0]
    assert int(fields["rows"]) == count >= 8
    assert len(fields["head"]) == 64


def test_an_edited_row_is_named(trail, capsys):
    target = _sql(trail, "SELECT id FROM audit_events WHERE event = 'branch_activated'")[0][0]
    _sql(trail, "UPDATE audit_events SET detail = '{}' WHERE id = :id", id=target)
    code, _, err = _verify(trail, capsys)
    assert code == 1
    assert f"first bad row id {target}" in err


def test_a_deleted_row_breaks_the_next_link(trail, capsys):
    ids = [row[0] for row in _sql(trail, "SELECT id FROM audit_events ORDER BY id")]
    victim = ids[3]
    _sql(trail, "DELETE FROM audit_events WHERE id = :id", id=victim)
    code, _, err = _verify(trail, capsys)
    assert code == 1
    assert f"first bad row id {ids[4]}" in err


def test_an_inserted_row_is_named(trail, capsys):
    (last,) = _sql(trail, "SELECT max(id) FROM audit_events")[0]
    _sql(
        trail,
        "INSERT INTO audit_events (id, at, event, subject, detail, row_hash) "
        "VALUES (:id, '2025-05-01 07:00:00.000000', 'login', '', '{}', :hash)",
        id=last + 1,
        hash="ab" * 32,
    )
    code, _, err = _verify(trail, capsys)
    assert code == 1
    assert f"first bad row id {last + 1}" in err


def test_expect_head_detects_truncation(trail, capsys):
    _, before, _ = _verify(trail, capsys)
    assert _verify(trail, capsys, "--expect-head", before["head"])[0] == 0
    (last,) = _sql(trail, "SELECT max(id) FROM audit_events")[0]
    _sql(trail, "DELETE FROM audit_events WHERE id = :id", id=last)
    code, after, err = _verify(trail, capsys)
    assert code == 0 and after["head"] != before["head"]  # alone, a shorter chain holds
    code, _, err = _verify(trail, capsys, "--expect-head", before["head"])
    assert code == 1
    assert "expected head" in err


def test_a_row_appended_by_the_service_after_tampering_does_not_hide_it(trail, backend, capsys):
    target = _sql(trail, "SELECT min(id) FROM audit_events")[0][0]
    _sql(trail, "UPDATE audit_events SET event = 'nothing' WHERE id = :id", id=target)
    backend.branch.staff_login("sara", "Operator1404")  # appends more chained rows
    code, _, err = _verify(trail, capsys)
    assert code == 1 and f"first bad row id {target}" in err


def test_the_key_file_is_private_and_a_wrong_key_fails(trail, capsys, tmp_path):
    assert stat.S_IMODE(os.stat(trail.key_file).st_mode) == 0o600
    other = tmp_path / "other.key"
    other.write_text("A" * 43 + "=\n")
    code = main(["audit", "verify", "--db", trail.url, "--key-file", str(other)])
    assert code == 1
    assert "first bad row id 1" in capsys.readouterr().err


def test_no_row_holds_a_full_national_code_or_mobile(trail):
    identifiers = {p["national_code"] for p in seed()["people"]} | {
        m for p in seed()["people"] for m in p["mobiles"]
    }
    for subject, detail in _sql(trail, "SELECT subject, detail FROM audit_events"):
        assert not any(i in subject or i in detail for i in identifiers)


def test_export_writes_masked_csv_since_a_day(trail, capsys, tmp_path):
    out = tmp_path / "audit.csv"
    assert (
        main(["audit", "export", "--db", trail.url, "--since", "2025-05-01", "--output", str(out)])
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {"branch_activated", "staff_login", "registration_verified"} <= {
        r["event"] for r in rows
    }
    activation = next(r for r in rows if r["event"] == "branch_activated")
    assert activation["staff_id"] and "*" in activation["subject"]
    assert main(["audit", "export", "--db", trail.url, "--since", "2025-05-02"]) == 0
    assert capsys.readouterr().out.strip().splitlines() == [
        "id,at_utc,event,subject,staff_id,detail"
    ]


def test_rows_from_before_the_chain_are_sealed_once_by_the_next_append(trail, backend, capsys):
    _sql(trail, "UPDATE audit_events SET row_hash = NULL")  # a database migrated from 0002
    assert _verify(trail, capsys)[0] == 1
    backend.branch.staff_login("sara", "Operator1404")
    assert _verify(trail, capsys)[0] == 0


def test_lockouts_are_audited_and_chained(backend, paths, capsys):
    from desktop.service.errors import Locked, RequestRefused
    from tests.contract.helpers import captcha, training_account

    account = training_account("complete")
    for _ in range(5):  # ServiceConfig.login_max_failures
        captcha_id, digits = captcha(backend)
        with pytest.raises((RequestRefused, Locked)):
            backend.service.login(account.national_code, "Wrong1404x", captcha_id, digits)
    (locked,) = _sql(paths, "SELECT subject FROM audit_events WHERE event = 'login_locked'")
    assert locked[0] != account.national_code and "*" in locked[0]
    assert _verify(paths, capsys)[0] == 0
