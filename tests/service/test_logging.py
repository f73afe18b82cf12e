"""The simulator's logs name people only by masked national codes and mobiles."""

from __future__ import annotations

import logging

from desktop.security.masking import mask_mobile, mask_national_code
from tests.contract.helpers import last_code, login, people, request_for


def test_logs_mask_national_codes_and_mobiles(simulator, caplog):
    caplog.set_level(logging.DEBUG)
    person = people(with_mobile=True)[80]
    mobile = person.mobiles[0]
    simulator.service.submit_registration(request_for(person, simulator.hash_policy))
    login(simulator, person.national_code, "Sabt1404now")
    ticket = simulator.service.start_recovery(person.national_code)
    simulator.service.send_recovery_code(ticket.recovery_id)
    code = last_code(simulator, mobile)
    simulator.service.check_recovery_code(ticket.recovery_id, code)

    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("desktop"))
    assert mask_national_code(person.national_code) in logged
    assert mask_mobile(mobile) in logged
    assert person.national_code not in logged
    assert mobile not in logged
    assert code not in logged
