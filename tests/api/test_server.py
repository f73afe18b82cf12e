"""The server over real HTTP: tokens, trainer-only routes, refusal bodies in Persian or English,
4xx (never 5xx) for bad input, 429 with Retry-After, the server-side verification timer, and an
access log without identifiers."""

from __future__ import annotations

import logging
import re
import time

import pytest
from sqlalchemy import select

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service import wire
from desktop.service.errors import Locked, RequestRefused, ValidationFailed
from desktop.service.interface import RegistrationState, ServiceConfig
from desktop.service.simulator.clock import SimulatedClock
from desktop.service.wire_routes import ROUTES
from models import Registration
from tests.api.conftest import serve
from tests.contract.helpers import people, request_for, training_account

PERSIAN = re.compile(r"[\u0600-\u06FF]")


def test_requests_without_a_valid_token_are_refused_with_401(server):
    for token in ("", "not-a-token"):
        with server.http(token) as http:
            response = http.post("/v1/recoveries", json={"national_code": "0499370899"})
        assert response.status_code == 401
        body = response.json()
        assert body["kind"] == "RequestRefused"
        assert body["errors"][0]["field"] == "request"
        assert body["errors"][0]["code"] == "unauthorized"
        assert PERSIAN.search(body["errors"][0]["message"])


def test_a_revoked_token_is_refused(server):
    with server.http() as http:
        assert http.get("/v1/info").status_code == 200
        server.tokens.revoke("desk-1")
        assert http.get("/v1/info").status_code == 401
    with pytest.raises(RequestRefused) as exc:
        server.client()
    assert exc.value.first.code == "unauthorized"


def test_info_names_the_desk_and_the_policy(server):
    with server.http() as http:
        info = http.get("/v1/info").json()
    assert info["desk"] == "desk-1" and info["trainer"] is False and info["training"] is False
    assert info["hash_policy"]["memory_kib"] == CHEAP_FOR_TESTS.memory_kib


def test_a_plain_server_has_no_trainer_routes_at_all(server):
    paths = server.http().get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/v1/training")]
    with server.http(server.trainer) as http:
        assert http.post("/v1/training/reset").status_code == 404
        assert http.post("/v1/training/clock", json={"seconds": 60}).status_code == 404
    with server.client(server.trainer) as desk:
        assert desk.training is None


def test_trainer_routes_answer_trainer_tokens_only(training_server):
    server = training_server
    with server.http() as http:
        response = http.post("/v1/training/clock", json={"seconds": 60})
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "forbidden"
    with server.client() as desk:
        assert desk.training is None
    with server.client(server.trainer) as trainer:
        before = trainer.service.now()
        after = trainer.training.advance_clock(60)
        assert (after - before).total_seconds() == 60
        assert trainer.service.now() == after


def test_the_openapi_document_has_one_route_per_method(training_server):
    document = training_server.http().get("/openapi.json").json()
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert operations == {r.name for r in ROUTES} | {"info"}
    schemes = document["components"]["securitySchemes"].values()
    assert [s for s in schemes if s["type"] == "http" and s["scheme"] == "bearer"]


def test_a_refused_field_is_named_in_persian_or_english(server):
    with server.http() as http:
        fa = http.post("/v1/recoveries", json={"national_code": "12345"})
        en = http.post(
            "/v1/recoveries",
            json={"national_code": "12345"},
            headers={"Accept-Language": "en-US,en;q=0.9"},
        )
    assert fa.status_code == en.status_code == 422
    fa_error, en_error = fa.json()["errors"][0], en.json()["errors"][0]
    assert (fa_error["field"], fa_error["code"]) == ("national_code", "length")
    assert (en_error["field"], en_error["code"]) == ("national_code", "length")
    assert PERSIAN.search(fa_error["message"])
    assert not PERSIAN.search(en_error["message"]) and re.search("[A-Za-z]", en_error["message"])


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({}, "national_code", "required"),
        ({"national_code": 499370899}, "national_code", "not_digits"),
        ([1, 2], "request", "malformed"),
        ("{not json", "request", "malformed"),
    ],
)
def test_malformed_bodies_are_422_in_the_vocabulary(server, body, field, code):
    with server.http() as http:
        if isinstance(body, str):
            response = http.post(
                "/v1/recoveries", content=body, headers={"Content-Type": "application/json"}
            )
        else:
            response = http.post("/v1/recoveries", json=body)
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, code)
    assert error["message"]


def test_an_unknown_gender_is_a_gender_refusal_not_a_crash(server):
    request = request_for(people(with_mobile=True)[3], CHEAP_FOR_TESTS)
    body = wire.encode(request) | {"gender": "other"}
    with server.http() as http:
        response = http.post("/v1/registrations", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "gender"


def test_plaintext_secrets_are_refused_by_the_server(server):
    person = people(with_mobile=True)[4]
    plain = request_for(person, CHEAP_FOR_TESTS, password_hash="Sabt1404now")
    with server.client() as desk, pytest.raises(ValidationFailed) as exc:
        desk.service.submit_registration(plain)
    assert (exc.value.first.field, exc.value.first.code) == ("password_hash", "invalid")


def test_a_resend_too_soon_is_429_with_retry_after(server):
    account = training_account("complete")
    with server.http() as http:
        ticket = http.post("/v1/recoveries", json={"national_code": account.national_code})
        recovery_id = ticket.json()["recovery_id"]
        assert http.post(f"/v1/recoveries/{recovery_id}/code").status_code == 200
        again = http.post(f"/v1/recoveries/{recovery_id}/code")
    assert again.status_code == 429
    assert again.json()["kind"] == "RateLimited"
    assert int(again.headers["Retry-After"]) >= 1


def test_a_locked_login_is_429_and_comes_back_as_locked(training_server):
    server = training_server
    account = training_account("complete")
    with server.client(server.trainer) as desk:
        for i in range(6):
            captcha = desk.service.new_captcha()
            digits = desk.training.captcha_answer(captcha.captcha_id)
            try:
                desk.service.login(account.national_code, f"Wrong{i}", captcha.captcha_id, digits)
            except Locked as exc:
                locked = exc
            except RequestRefused:
                continue
    assert locked.retry_after > 0 and locked.first.code == "locked"
    with server.http(server.trainer) as http:
        captcha_id = http.post("/v1/captchas").json()["captcha_id"]
        digits = http.get(f"/v1/training/captchas/{captcha_id}/answer").json()
        response = http.post(
            "/v1/sessions",
            json={
                "national_code": account.national_code,
                "password": account.password,
                "captcha_id": captcha_id,
                "captcha_answer": digits,
            },
        )
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) == pytest.approx(locked.retry_after, abs=2)


def test_the_server_verifies_on_its_own_timer(sqlite_url):
    """No desk reads anything: the request is decided by the server's background task."""
    person = people(with_mobile=True)[5]
    config = ServiceConfig(verification_delay_s=0.3)
    with serve(sqlite_url, verify_every_s=0.1, config=config, clock=SimulatedClock()) as server:
        with server.client() as desk:
            receipt = desk.service.submit_registration(request_for(person, CHEAP_FOR_TESTS))
        deadline = time.monotonic() + 10
        state = RegistrationState.PENDING.value
        while state == RegistrationState.PENDING.value and time.monotonic() < deadline:
            time.sleep(0.1)
            with server.db.sessions() as session:
                state = session.scalar(
                    select(Registration.state).where(
                        Registration.tracking_id == receipt.tracking_id
                    )
                )
    assert state == RegistrationState.ACTIVATED.value


def test_a_reset_keeps_the_desk_tokens(training_server):
    with training_server.client(training_server.trainer) as trainer:
        trainer.training.reset()
        assert trainer.service.now()  # still authorised


def test_the_access_log_names_routes_not_identifiers(server, caplog):
    mobile = people(with_mobile=True)[6].mobiles[0]
    with caplog.at_level(logging.INFO, logger="tamin_desk.server.access"):
        with server.client() as desk:
            desk.service.outbox(mobile)
            desk.service.find_registrations("0499370899")
        # The line is written once the answer has been sent: give the server thread a moment.
        deadline = time.monotonic() + 5
        while "GET /v1/registrations 200" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.02)
    text = caplog.text
    assert "GET /v1/outbox/{mobile} 200" in text
    assert "GET /v1/registrations 200" in text
    assert mobile not in text and "0499370899" not in text
