"""TLS with a training room's self-signed certificate: the desk trusts it by pinning (the PEM
file as the only CA, or its SHA-256 fingerprint), a wrong pin fails before anything is sent,
and without a pin the certificate is refused (verification is never switched off)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.security.hashing import CHEAP_FOR_TESTS
from desktop.service.bootstrap import build_service
from desktop.service.errors import BackendUnavailable
from desktop.service.tls_pinning import fingerprint_of_pem, parse_fingerprint
from tests.api.certs import make_self_signed
from tests.api.conftest import Served, serve
from tests.contract.helpers import login, training_account


@pytest.fixture
def certs(tmp_path: Path) -> dict[str, Path]:
    cert, key = make_self_signed(tmp_path, "room")
    other, _ = make_self_signed(tmp_path, "impostor")
    return {"cert": cert, "key": key, "other": other}


@pytest.fixture
def tls_server(sqlite_url: str, certs: dict[str, Path]) -> Iterator[Served]:
    with serve(sqlite_url, training=True, cert=str(certs["cert"]), key=str(certs["key"])) as server:
        yield server


def _connect(server: Served, pin: str | None):
    return build_service(server.url, token=server.trainer, pin=pin, hash_policy=CHEAP_FOR_TESTS)


def test_pinned_by_file_a_login_goes_through(tls_server, certs):
    assert tls_server.url.startswith("https://")
    account = training_account("complete")
    with _connect(tls_server, str(certs["cert"])) as desk:
        assert login(desk, account.national_code, account.password).national_code == (
            account.national_code
        )


@pytest.mark.parametrize("form", ["colons", "plain", "prefixed"])
def test_pinned_by_fingerprint_a_login_goes_through(tls_server, certs, form):
    fingerprint = fingerprint_of_pem(certs["cert"])
    pin = {
        "colons": fingerprint,
        "plain": fingerprint.replace(":", "").lower(),
        "prefixed": "sha256:" + fingerprint,
    }[form]
    account = training_account("complete")
    with _connect(tls_server, pin) as desk:
        assert login(desk, account.national_code, account.password)


def test_a_wrong_fingerprint_fails_naming_the_server(tls_server, certs):
    wrong = fingerprint_of_pem(certs["other"])
    with pytest.raises(BackendUnavailable) as exc:
        _connect(tls_server, wrong)
    assert exc.value.target == tls_server.url
    assert "not the pinned one" in exc.value.reason


def test_a_wrong_certificate_file_fails(tls_server, certs):
    with pytest.raises(BackendUnavailable) as exc:
        _connect(tls_server, str(certs["other"]))
    assert "CERTIFICATE_VERIFY_FAILED" in exc.value.reason or "certificate" in exc.value.reason


def test_without_a_pin_the_self_signed_certificate_is_refused(tls_server):
    with pytest.raises(BackendUnavailable):
        _connect(tls_server, None)


def test_fingerprint_forms():
    digest = bytes(range(32))
    text = digest.hex()
    assert parse_fingerprint(text) == digest
    assert parse_fingerprint(text.upper()) == digest
    assert parse_fingerprint(":".join(text[i : i + 2] for i in range(0, 64, 2))) == digest
    assert parse_fingerprint("sha256:" + text) == digest
    assert parse_fingerprint(text[:-2]) is None
    assert parse_fingerprint("/etc/room.pem") is None
