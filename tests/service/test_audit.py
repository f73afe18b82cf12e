"""The audit trail: state changes leave events naming people only by masked national code."""

from __future__ import annotations

import json

from sqlalchemy import select

from desktop.security.hashing import hash_password
from desktop.security.masking import mask_national_code
from models import AuditEvent
from models.database import open_database
from tests.contract.helpers import login, training_account, training_answers


def _events(db_path) -> list[AuditEvent]:
    db = open_database(f"sqlite:///{db_path}")
    with db.sessions() as session:
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    db.dispose()
    return events


def test_a_password_reset_is_audited_with_a_masked_subject(simulator, db_path):
    account = training_account("complete")
    ticket = simulator.service.start_recovery(account.national_code)
    simulator.service.check_recovery_answers(ticket.recovery_id, training_answers())
    simulator.service.set_new_password(
        ticket.recovery_id, hash_password("Tazeh#2025x", simulator.hash_policy)
    )
    login(simulator, account.national_code, "Tazeh#2025x")

    events = _events(db_path)
    kinds = [e.event for e in events]
    assert kinds == [
        "recovery_started",
        "recovery_answers_accepted",
        "password_reset",
        "login",
    ]
    reset = events[2]
    assert reset.subject == mask_national_code(account.national_code)
    assert reset.account_id is not None
    assert json.loads(reset.detail) == {"method": "questions"}
    for event in events:
        assert account.national_code not in event.subject + event.detail
