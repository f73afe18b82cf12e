"""A desk built from its settings.toml against an https server with a self-signed certificate.

``backend.pin`` (the certificate file, or its SHA-256 fingerprint) makes the desk trust exactly
that server: the service client (``desktop.app.build_backend``), the GUI's offline sync
(``build_offline_desk``) and ``tamin-desk sync`` alike. A wrong pin, or none, is refused
before anything is sent, with a message that says the certificate was refused.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop.cli import main
from desktop.offline.sealing import public_key_of
from desktop.rules.messages import message
from desktop.service.errors import BackendUnavailable
from desktop.service.tls_pinning import fingerprint_of_pem
from desktop.settings import PIN_ENV
from tests.api.certs import make_self_signed
from tests.api.conftest import Served, serve
from tests.contract.helpers import login, training_account

REFUSED_FA = "گواهی امنیتی سرور پذیرفته نشد"


@pytest.fixture
def certs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "certs"
    folder.mkdir()
    cert, key = make_self_signed(folder, "room")
    impostor, _ = make_self_signed(folder, "impostor")
    return {"cert": cert, "key": key, "impostor": impostor}


@pytest.fixture
def sync_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


@pytest.fixture
def tls_server(sqlite_url: str, certs: dict[str, Path], sync_key) -> Iterator[Served]:
    with serve(
        sqlite_url, training=True, sync_key=sync_key, cert=str(certs["cert"]), key=str(certs["key"])
    ) as server:
        yield server


@pytest.fixture
def desk_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tls_server: Served
) -> Callable[[str | None], Path]:
    """Writes the desk's settings.toml (the server's URL, a trainer token file, and the pin
    given, if any) in a private config folder; returns the folder."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("TAMIN_DESK_CONFIG_DIR", str(config))
    monkeypatch.setenv("TAMIN_DESK_DATA_DIR", str(tmp_path / "data"))
    for name in (PIN_ENV, "TAMIN_DESK_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    token_file = config / "desk-token.txt"
    token_file.write_text(tls_server.trainer, encoding="utf-8")
    token_file.chmod(0o600)

    def write(pin: str | None) -> Path:
        lines = ["[backend]", f'url = "{tls_server.url}"', 'token_file = "desk-token.txt"']
        if pin is not None:
            lines.append(f'pin = "{pin}"')
        (config / "settings.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return config

    return write


def _desk():
    from desktop.app import build_backend

    return build_backend(None, None)


def _offline_desk():
    from desktop.app import build_offline_desk

    return build_offline_desk(None, None)


def test_pinned_by_the_certificate_file_in_the_settings(desk_settings, certs, sync_key):
    config = desk_settings("room.crt")
    shutil.copy(certs["cert"], config / "room.crt")
    settings, backend = _desk()
    assert settings.pin == str((config / "room.crt").resolve())
    account = training_account("complete")
    with backend:
        assert login(backend, account.national_code, account.password).national_code == (
            account.national_code
        )
    offline = _offline_desk()
    try:
        assert offline.pin_server_key() == public_key_of(sync_key)
    finally:
        offline.close()


def test_pinned_by_the_fingerprint_in_the_settings(desk_settings, certs, tmp_path, capsys):
    desk_settings(fingerprint_of_pem(certs["cert"]))
    _, backend = _desk()
    account = training_account("complete")
    with backend:
        assert login(backend, account.national_code, account.password)
    # tamin-desk sync takes the server, the token and the pin from the same settings.
    assert main(["sync", "--pin-only", "--queue", str(tmp_path / "queue.sqlite3")]) == 0
    assert "server key pinned" in capsys.readouterr().out


def _assert_refused_clearly(exc: BackendUnavailable, server: Served) -> None:
    assert exc.target == server.url
    assert exc.first.code == "certificate_refused"
    from desktop.app import describe_failure

    shown = describe_failure(exc)  # what the desk puts on screen
    assert shown.startswith(REFUSED_FA) and "backend.pin" in shown and server.url in shown
    assert "pinned in this desk's settings" in message(exc.first, lang="en")


def test_a_wrong_fingerprint_is_refused_with_a_clear_message(
    desk_settings, certs, tls_server, tmp_path, capsys
):
    desk_settings(fingerprint_of_pem(certs["impostor"]))
    with pytest.raises(BackendUnavailable) as caught:
        _desk()
    _assert_refused_clearly(caught.value, tls_server)
    assert "not the pinned one" in caught.value.reason
    offline = _offline_desk()
    try:
        with pytest.raises(BackendUnavailable) as caught:
            offline.pin_server_key()
        assert caught.value.first.code == "certificate_refused"
        assert offline.has_server_key() is False  # nothing learnt from the wrong server
    finally:
        offline.close()
    assert main(["sync", "--pin-only", "--queue", str(tmp_path / "queue.sqlite3")]) == 3
    assert "not the pinned one" in capsys.readouterr().err


def test_a_wrong_certificate_file_is_refused_with_a_clear_message(desk_settings, certs, tls_server):
    desk_settings(str(certs["impostor"]))
    with pytest.raises(BackendUnavailable) as caught:
        _desk()
    _assert_refused_clearly(caught.value, tls_server)
    assert "CERTIFICATE_VERIFY_FAILED" in caught.value.reason


def test_without_a_pin_the_self_signed_certificate_is_refused(desk_settings, tls_server):
    desk_settings(None)
    with pytest.raises(BackendUnavailable) as caught:
        _desk()
    _assert_refused_clearly(caught.value, tls_server)


def test_the_environment_pin_wins_over_the_settings(desk_settings, certs, monkeypatch):
    desk_settings(fingerprint_of_pem(certs["impostor"]))
    monkeypatch.setenv(PIN_ENV, fingerprint_of_pem(certs["cert"]))
    _, backend = _desk()
    with backend:
        account = training_account("complete")
        assert login(backend, account.national_code, account.password)
