"""The wire format: every interface dataclass survives JSON both ways; every refusal comes back
as the same typed exception; the route table covers the whole Protocol."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.rules.errors import CODES, REQUEST, FieldError
from desktop.service import wire
from desktop.service.errors import (
    BackendUnavailable,
    Locked,
    NotActivated,
    RateLimited,
    RequestRefused,
    ValidationFailed,
)
from desktop.service.interface import (
    Captcha,
    CodeSent,
    EnrollmentService,
    Gender,
    RecoveryHolder,
    RecoveryMethod,
    RecoveryTicket,
    RegistrationReceipt,
    RegistrationRecord,
    RegistrationRequest,
    RegistrationState,
    SecurityAnswer,
    SmsMessage,
    TrainingControls,
)
from desktop.service.wire_errors import (
    error_body,
    exception_from_response,
    retry_after_header,
    status_for,
    structural_error,
)
from desktop.service.wire_routes import BY_NAME, ROUTES

NOW = dt.datetime(2026, 11, 30, 8, 15, 2, 123456, tzinfo=dt.UTC)


def _roundtrip(value):
    text = json.dumps(wire.encode(value), ensure_ascii=False)
    return wire.decode(type(value), json.loads(text))


def test_registration_request_roundtrip_keeps_enums_and_tuples():
    request = RegistrationRequest(
        national_code="0499370899",
        mobile="09121234567",
        first_name="علی‌رضا",
        last_name="محمدی",
        gender=Gender.MALE,
        birth_certificate_number="12345",
        birth_date="1370/01/15",
        email="",
        password_hash="$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA",
        security_answers=(SecurityAnswer("color", "$argon2id$x"), SecurityAnswer("city", "$a")),
        idempotency_key="k-1",
    )
    back = _roundtrip(request)
    assert back == request
    assert isinstance(back.gender, Gender) and isinstance(back.security_answers, tuple)


@pytest.mark.parametrize(
    "value",
    [
        RegistrationReceipt("T-1", NOW),
        RegistrationRecord(
            "T-1",
            "0499370899",
            "09121234567",
            "علی",
            "رضایی",
            Gender.FEMALE,
            "0",
            "1370/01/01",
            "a@b.ir",
            RegistrationState.BRANCH_VISIT_REQUIRED,
            NOW,
            None,
        ),
        Captcha("c1", b"\x89PNG\r\n\x1a\n\x00\xff", NOW),
        RecoveryTicket("r1", (RecoveryMethod.SMS, RecoveryMethod.QUESTIONS)),
        RecoveryHolder("علی", "رضایی"),
        CodeSent("0912***4567", NOW, NOW + dt.timedelta(seconds=60), 2),
        SmsMessage("09121234567", "کد بازیابی: ۱۲۳۴۵۶", "recovery_code", NOW),
    ],
    ids=lambda v: type(v).__name__,
)
def test_result_dataclasses_roundtrip(value):
    assert _roundtrip(value) == value


def test_bytes_travel_as_base64_and_datetimes_keep_utc():
    encoded = wire.encode(Captcha("c1", b"\x00\x01\xfe", NOW))
    assert encoded["image_png"] == "AAH+"
    assert encoded["expires_at"] == "2026-11-30T08:15:02.123456+00:00"
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    decoded = wire.decode(dt.datetime, "2026-11-30T11:45:02+03:30")
    assert decoded == dt.datetime(2026, 11, 30, 11, 45, 2, tzinfo=tehran)
    assert decoded.tzinfo == dt.UTC


@pytest.mark.parametrize(
    ("tp", "data", "path", "missing"),
    [
        (RegistrationReceipt, {"submitted_at": NOW.isoformat()}, ("tracking_id",), True),
        (RegistrationReceipt, {"tracking_id": 5, "submitted_at": "x"}, ("tracking_id",), False),
        (
            RegistrationReceipt,
            {"tracking_id": "t", "submitted_at": "2026-01-01T00:00:00"},
            ("submitted_at",),
            False,
        ),
        (RecoveryTicket, {"recovery_id": "r", "methods": ["sms", "pigeon"]}, ("methods", 1), False),
        (
            Captcha,
            {"captcha_id": "c", "image_png": "###", "expires_at": NOW.isoformat()},
            ("image_png",),
            False,
        ),
        (
            CodeSent,
            {
                "masked_mobile": "m",
                "expires_at": NOW.isoformat(),
                "resend_at": NOW.isoformat(),
                "attempts_left": True,
            },
            ("attempts_left",),
            False,
        ),
    ],
)
def test_decode_names_the_path_of_a_bad_value(tp, data, path, missing):
    with pytest.raises(wire.WireError) as exc:
        wire.decode(tp, data)
    assert exc.value.path == path
    assert exc.value.missing is missing


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=40),
    st.sampled_from(list(Gender)),
    st.lists(st.tuples(st.text(max_size=10), st.text(max_size=30)), max_size=4),
    st.one_of(st.none(), st.text(min_size=1, max_size=64)),
)
def test_any_text_survives_the_wire(text, gender, answers, key):
    request = RegistrationRequest(
        text,
        text,
        text,
        text,
        gender,
        text,
        text,
        text,
        text,
        tuple(SecurityAnswer(q, a) for q, a in answers),
        key,
    )
    assert _roundtrip(request) == request


def _public_methods(protocol):
    return {
        name
        for name, _ in inspect.getmembers(protocol, inspect.isfunction)
        if not name.startswith("_")
    }


def test_every_protocol_method_has_exactly_one_route():
    from desktop.branch.room import RoomControls

    service_routes = {r.name for r in ROUTES if not r.training}
    training_routes = {r.name for r in ROUTES if r.training and not r.room}
    room_routes = {r.name for r in ROUTES if r.room}
    assert service_routes == _public_methods(EnrollmentService)
    assert training_routes == _public_methods(TrainingControls)
    assert room_routes == _public_methods(RoomControls)
    assert len({(r.verb, r.url_path) for r in ROUTES}) == len(ROUTES)


def test_route_shapes():
    submit = BY_NAME["submit_registration"]
    assert submit.whole_body_param == "request" and submit.status == 201
    login = BY_NAME["login"]
    assert login.body_params == ("national_code", "password", "captcha_id", "captcha_answer")
    assert login.secret_params == {"password"}
    find = BY_NAME["find_registrations"]
    assert find.query_params == ("national_code",) and find.body_params == ()
    code = BY_NAME["check_recovery_code"]
    assert code.path_params == ("recovery_id",) and code.body_params == ("code",)


def test_only_gets_and_keyed_registrations_may_be_retried():
    keyed = RegistrationRequest(*["x"] * 4, Gender.MALE, *["x"] * 4, (), "key-1")
    unkeyed = dataclasses.replace(keyed, idempotency_key=None)
    assert BY_NAME["outbox"].may_retry({"mobile": "09121234567"})
    assert BY_NAME["submit_registration"].may_retry({"request": keyed})
    assert not BY_NAME["submit_registration"].may_retry({"request": unkeyed})
    assert not BY_NAME["login"].may_retry({})
    assert not BY_NAME["set_new_password"].may_retry({})


REFUSALS = [
    (
        ValidationFailed([FieldError("national_code", "checksum"), FieldError("mobile", "format")]),
        422,
    ),
    (RequestRefused.because("already_registered"), 409),
    (RequestRefused.because("not_found"), 404),
    (RequestRefused.because("invalid_credentials"), 403),
    (RequestRefused.because("unauthorized"), 401),
    (RateLimited([FieldError(REQUEST, "too_many_requests")], 42.5), 429),
    (Locked([FieldError(REQUEST, "locked", {"minutes": 15})], 900.0), 429),
    (NotActivated([FieldError(REQUEST, "not_activated")], "branch_visit_required"), 403),
]


@pytest.mark.parametrize(("exc", "status"), REFUSALS, ids=lambda v: getattr(v, "first", v))
def test_refusals_come_back_as_the_same_exception(exc, status):
    assert status_for(exc) == status
    body = json.loads(json.dumps(error_body(exc, lambda e: f"msg {e.code}")))
    assert body["errors"][0]["message"] == f"msg {exc.first.code}"
    headers = {k.lower(): v for k, v in retry_after_header(exc).items()}
    back = exception_from_response(status, body, headers, "http://127.0.0.1:1")
    assert type(back) is type(exc)
    assert back.errors == exc.errors
    assert [e.params for e in back.errors] == [e.params for e in exc.errors]
    assert getattr(back, "retry_after", None) == getattr(exc, "retry_after", None)
    assert getattr(back, "state", None) == getattr(exc, "state", None)


def test_retry_after_header_is_whole_seconds_rounded_up():
    assert retry_after_header(RateLimited([FieldError(REQUEST, "too_many_requests")], 0.2)) == {
        "Retry-After": "1"
    }
    assert retry_after_header(Locked([FieldError(REQUEST, "locked")], 899.1)) == {
        "Retry-After": "900"
    }


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (502, "<html>bad gateway</html>", BackendUnavailable),
        (500, None, BackendUnavailable),
        (429, None, RateLimited),
        (401, None, RequestRefused),
        (418, {"something": "else"}, BackendUnavailable),
    ],
)
def test_foreign_answers_map_by_status(status, body, expected):
    exc = exception_from_response(status, body, {"retry-after": "7"}, "https://room:8765")
    assert type(exc) is expected
    if isinstance(exc, BackendUnavailable):
        assert exc.target == "https://room:8765"
    if isinstance(exc, RateLimited):
        assert exc.retry_after == 7.0


@pytest.mark.parametrize(
    ("path", "missing", "field", "code"),
    [
        (("body", "national_code"), True, "national_code", "required"),
        (("body", "national_code"), False, "national_code", "not_digits"),
        (("body", "mobile"), False, "mobile", "format"),
        (("body", "gender"), False, "gender", "required"),
        (("body", "answers"), False, "security_answers", "invalid"),
        (("body", "answers"), True, "security_answers", "required"),
        (("body", "code"), True, "recovery_code", "invalid"),
        (("body", "security_answers", 1, "answer_hash"), True, "security_questions", "required"),
        (("body", "seconds"), True, REQUEST, "malformed"),
        (("body",), False, REQUEST, "malformed"),
    ],
)
def test_structural_errors_use_the_vocabulary(path, missing, field, code):
    error = structural_error(path, missing=missing)
    assert (error.field, error.code) == (field, code)
    assert code in CODES[field]
