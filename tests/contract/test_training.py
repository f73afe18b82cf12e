"""Trainer controls: the clock, the room's outbox, reset to the seed."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.security.hashing import hash_password
from desktop.service.errors import RequestRefused, ServiceError
from tests.contract.conftest import START
from tests.contract.helpers import login, people, request_for, training_account


def test_the_clock_moves_only_when_advanced(backend):
    assert backend.service.now() == START
    assert backend.service.now() == START
    moved = backend.training.advance_clock(90.5)
    assert moved == START + dt.timedelta(seconds=90.5)
    assert backend.service.now() == moved


def test_all_outbox_holds_every_sms_of_the_room_in_order(backend):
    first, second = people(with_mobile=True)[40:42]
    backend.service.submit_registration(request_for(first, backend.hash_policy))
    backend.training.advance_clock(1)
    backend.service.submit_registration(request_for(second, backend.hash_policy))
    room = backend.training.all_outbox()
    assert [m.mobile for m in room] == [first.mobiles[0], second.mobiles[0]]
    assert room[0].sent_at <= room[1].sent_at


def test_reset_goes_back_to_the_seed(backend):
    person = people(with_mobile=True)[42]
    backend.service.submit_registration(request_for(person, backend.hash_policy))
    account = training_account("complete")
    ticket = backend.service.start_recovery(account.national_code)
    backend.service.send_recovery_code(ticket.recovery_id)
    backend.training.advance_clock(7200)

    backend.training.reset()

    assert backend.service.now() == START
    assert backend.training.all_outbox() == []
    assert backend.service.find_registrations(person.national_code) == []
    with pytest.raises(RequestRefused):
        backend.service.send_recovery_code(ticket.recovery_id)
    assert login(backend, account.national_code, account.password)
    # The person may register again from scratch.
    backend.service.submit_registration(request_for(person, backend.hash_policy))


def test_reset_restores_a_training_password_changed_in_the_room(backend):
    account = training_account("no_security_questions")
    ticket = backend.service.start_recovery(account.national_code)
    backend.service.send_recovery_code(ticket.recovery_id)
    code = next(m for m in backend.service.outbox(account.mobile) if m.kind == "recovery_code")
    backend.service.check_recovery_code(ticket.recovery_id, code.text.split(": ")[1][:6])
    backend.service.set_new_password(
        ticket.recovery_id, hash_password("Changed#2025", backend.hash_policy)
    )
    backend.training.reset()
    assert login(backend, account.national_code, account.password)


def test_advance_clock_refuses_to_go_back(backend):
    # The simulator raises ValueError; a remote backend refuses the request its own way.
    with pytest.raises((ValueError, ServiceError)):
        backend.training.advance_clock(-1)
    assert backend.service.now() == START
