"""``backend.pin`` of settings.toml: the https server's certificate pin, checked when the
settings load (a SHA-256 fingerprint or a PEM certificate file), and :meth:`Settings.pin_for`,
which gives it only to https connections and lets ``TAMIN_DESK_PIN`` override it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.service.tls_pinning import fingerprint_of_pem
from desktop.settings import PIN_ENV, Settings, SettingsError, load_settings
from tests.api.certs import make_self_signed

URL = "https://192.168.1.10:8765"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private config folder (no TAMIN_DESK_PIN from the caller's environment)."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("TAMIN_DESK_CONFIG_DIR", str(folder))
    monkeypatch.setenv("TAMIN_DESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv(PIN_ENV, raising=False)
    return folder


def load(folder: Path, backend: str) -> Settings:
    (folder / "settings.toml").write_text(f"[backend]\n{backend}\n", encoding="utf-8")
    return load_settings()


def refusal(folder: Path, backend: str) -> str:
    with pytest.raises(SettingsError) as caught:
        load(folder, backend)
    assert caught.value.key == "backend.pin"
    return str(caught.value)


@pytest.mark.parametrize(
    "written",
    [
        "AB:" * 31 + "CD",
        ("ab" * 31 + "cd"),
        "sha256:" + "AB:" * 31 + "CD",
        "SHA256:" + "0f" * 32,
    ],
)
def test_a_fingerprint_is_kept_as_written(config, written):
    loaded = load(config, f'url = "{URL}"\npin = "{written}"')
    assert loaded.pin == written
    assert loaded.pin_for(URL) == written


def test_a_certificate_file_beside_the_settings_is_made_absolute(config):
    cert, _ = make_self_signed(config, "room")
    loaded = load(config, f'url = "{URL}"\npin = "room.crt"')
    assert loaded.pin == str(cert.resolve())
    assert fingerprint_of_pem(loaded.pin) == fingerprint_of_pem(cert)


def test_no_pin_by_default(config):
    assert load(config, f'url = "{URL}"').pin is None
    assert Settings().pin_for(URL) is None


def test_a_pin_without_a_url_waits_for_the_command_line_url(config):
    loaded = load(config, 'pin = "' + "ab" * 32 + '"')
    assert loaded.pin_for("https://10.0.0.5:8765") == "ab" * 32


@pytest.mark.parametrize("value", ["42", '""', '"   "', "true", '["room.crt"]'])
def test_a_value_of_the_wrong_kind_is_refused(config, value):
    text = refusal(config, f'url = "{URL}"\npin = {value}')
    assert "اثر انگشت SHA-256" in text and "SHA-256 fingerprint" in text


@pytest.mark.parametrize(
    "value",
    [
        "AB:" * 30 + "CD",  # 31 bytes: one pair short
        "zz" * 32,  # not hex
        "missing.crt",
    ],
)
def test_neither_a_fingerprint_nor_a_file_is_refused_naming_the_key(config, value):
    text = refusal(config, f'url = "{URL}"\npin = "{value}"')
    assert "«backend.pin»" in text and str(config / "settings.toml") in text
    assert "نه اثر انگشت SHA-256" in text  # Persian first
    assert "neither a SHA-256 fingerprint (64 hex digits) nor a readable certificate" in text


def test_a_file_without_a_certificate_is_refused(config):
    make_self_signed(config, "room")  # room.key: a PEM private key, no certificate
    text = refusal(config, f'url = "{URL}"\npin = "room.key"')
    assert "گواهی PEM" in text and "holds no PEM certificate" in text


@pytest.mark.parametrize("url", ["http://192.168.1.10:8765", "sqlite:///simulator.sqlite3"])
def test_a_pin_beside_a_url_that_is_not_https_is_refused(config, url):
    text = refusal(config, f'url = "{url}"\npin = "' + "ab" * 32 + '"')
    assert "https://" in text and "a certificate pin needs an https:// backend.url" in text


def test_pin_for_gives_the_pin_to_https_only(config):
    settings = Settings(backend_url=URL, pin="ab" * 32)
    assert settings.pin_for(URL) == "ab" * 32
    assert settings.pin_for("HTTPS://ROOM:8765") == "ab" * 32
    # A desk sent to another backend for a moment (--backend) keeps its settings unused.
    assert settings.pin_for("http://127.0.0.1:8765") is None
    assert settings.pin_for("sqlite:///x.sqlite3") is None
    assert settings.pin_for(None) is None


def test_the_environment_overrides_the_file(config, monkeypatch):
    settings = Settings(backend_url=URL, pin="ab" * 32)
    monkeypatch.setenv(PIN_ENV, "cd" * 32)
    assert settings.pin_for(URL) == "cd" * 32
    assert Settings().pin_for(URL) == "cd" * 32
    assert settings.pin_for("http://127.0.0.1:8765") is None
