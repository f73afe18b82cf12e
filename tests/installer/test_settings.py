"""load_settings: defaults, the shipped example, conversions, and a clear error per bad key."""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.service.interface import ServiceConfig
from desktop.settings import SCHEMA, Settings, SettingsError, load_settings, settings_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    """A private config folder and data folder for one test."""
    config, data = tmp_path / "config", tmp_path / "data"
    config.mkdir()
    monkeypatch.setenv("TAMIN_DESK_CONFIG_DIR", str(config))
    monkeypatch.setenv("TAMIN_DESK_DATA_DIR", str(data))
    return config, data


def write(folder: Path, text: str) -> Path:
    path = folder / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults(dirs):
    config, data = dirs
    assert settings_path() == config / "settings.toml"
    loaded = load_settings()
    assert loaded == Settings()
    assert loaded.source is None
    assert loaded.service_config == ServiceConfig()
    assert loaded.backend_url_or_default() == f"sqlite:///{data / 'simulator.sqlite3'}"
    assert loaded.read_token() is None


def test_default_location_is_read(dirs):
    config, _ = dirs
    path = write(config, "[desk]\nidle_reset_minutes = 2\n")
    loaded = load_settings()
    assert loaded.idle_reset_minutes == 2.0
    assert loaded.source == path


def test_settings_are_frozen(dirs):
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_settings().backend_url = "https://elsewhere"  # type: ignore[misc]


def test_shipped_example_loads(dirs):
    _, data = dirs
    loaded = load_settings(ROOT / "installer" / "settings.example.toml")
    assert loaded.backend_url == f"sqlite:///{(data / 'simulator.sqlite3').as_posix()}"
    assert loaded.idle_reset_minutes == 5.0
    assert loaded.service_config.code_validity_s == 1200.0
    assert loaded.service_config.code_max_attempts == 3
    assert loaded.token_file is None


def test_readme_example_loads(dirs, tmp_path):
    """The README's settings example is a real, valid file (documentation kept honest)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, flags=re.S)
    assert blocks, "README.md has no ```toml settings example"
    for block in blocks:
        loaded = load_settings(write(tmp_path, block))
        assert loaded.source == tmp_path / "settings.toml"


def test_every_value_is_read_and_converted(dirs):
    config, _ = dirs
    path = write(
        config,
        """
[backend]
url = "https://tamin-api.branch.local:8443"
token_file = "tokens/desk.txt"

[desk]
idle_reset_minutes = 2.5

[policy]
verification_delay_s = 30
code_validity_s = 600.5
code_max_attempts = 4
max_requests_per_day = 7
""",
    )
    loaded = load_settings(path)
    assert loaded.backend_url == "https://tamin-api.branch.local:8443"
    assert loaded.backend_url_or_default() == "https://tamin-api.branch.local:8443"
    # A relative token file is read beside the settings file, not in the working directory.
    assert loaded.token_file == (config / "tokens" / "desk.txt").resolve()
    assert loaded.idle_reset_minutes == 2.5
    policy = loaded.service_config
    assert policy.verification_delay_s == 30.0 and isinstance(policy.verification_delay_s, float)
    assert policy.code_validity_s == 600.5
    assert policy.code_max_attempts == 4 and isinstance(policy.code_max_attempts, int)
    assert policy.max_requests_per_day == 7
    # Keys not given keep the ServiceConfig defaults.
    assert policy.login_lock_s == ServiceConfig().login_lock_s


def test_every_service_config_field_is_settable(dirs):
    config, _ = dirs
    names = [f.name for f in dataclasses.fields(ServiceConfig) if f.name != "extra"]
    assert set(SCHEMA["policy"]) == set(names)
    body = "\n".join(f"{name} = 7" for name in names)
    loaded = load_settings(write(config, f"[policy]\n{body}\n"))
    for name in names:
        assert getattr(loaded.service_config, name) == 7, name


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite://", "sqlite://"),  # in memory: kept
        ("sqlite:////srv/tamin/room.sqlite3", "sqlite:////srv/tamin/room.sqlite3"),
        ("sqlite:///room.sqlite3", "sqlite:///{data}/room.sqlite3"),
        ("sqlite:///sub/room.sqlite3?timeout=5", "sqlite:///{data}/sub/room.sqlite3?timeout=5"),
        ("sqlite+pysqlcipher://:k3y@/room.db", "sqlite+pysqlcipher://:k3y@/{data}/room.db"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_backend_urls(dirs, url, expected):
    config, data = dirs
    loaded = load_settings(write(config, f'[backend]\nurl = "{url}"\n'))
    assert loaded.backend_url == expected.format(data=data.as_posix())


def test_relative_simulator_db_never_lands_in_the_working_directory(dirs, tmp_path, monkeypatch):
    """A start-menu shortcut starts in the program folder: the data must not go there."""
    config, data = dirs
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    loaded = load_settings(write(config, '[backend]\nurl = "sqlite:///simulator.sqlite3"\n'))
    db = Path(loaded.backend_url.removeprefix("sqlite:///"))
    assert db.is_absolute()
    assert db.parent == data
    assert program not in db.parents


@pytest.mark.parametrize(
    ("text", "key", "english"),
    [
        ("[desk]\nidle_reset_minute = 5\n", "desk.idle_reset_minute", "unknown key"),
        ("[policy]\ncode_validity = 60\n", "policy.code_validity", "unknown key"),
        ("[policy]\nextra = 1\n", "policy.extra", "unknown key"),
        ("[backend]\nuri = 'https://x'\n", "backend.uri", "unknown key"),
        ("[server]\nurl = 'https://x'\n", "server", "unknown table"),
        ("backend = 'https://x'\n", "backend", "must be a [backend] table"),
        ("[desk]\nidle_reset_minutes = '5'\n", "desk.idle_reset_minutes", "must be a number"),
        ("[desk]\nidle_reset_minutes = true\n", "desk.idle_reset_minutes", "must be a number"),
        ("[desk]\nidle_reset_minutes = 0\n", "desk.idle_reset_minutes", "more than zero"),
        ("[policy]\nlogin_lock_s = -1\n", "policy.login_lock_s", "zero or more"),
        ("[policy]\nlogin_lock_s = nan\n", "policy.login_lock_s", "must be a number"),
        ("[policy]\nlogin_lock_s = inf\n", "policy.login_lock_s", "must be a number"),
        ("[policy]\ncode_max_attempts = 2.5\n", "policy.code_max_attempts", "whole number"),
        ("[policy]\ncode_max_attempts = 0\n", "policy.code_max_attempts", "one or more"),
        ("[backend]\nurl = 'ftp://x'\n", "backend.url", "unsupported scheme 'ftp'"),
        ("[backend]\nurl = 'tamin.local'\n", "backend.url", "must be a URL"),
        ("[backend]\nurl = 8443\n", "backend.url", "must be a URL"),
        ("[backend]\ntoken_file = ''\n", "backend.token_file", "must be a file path"),
        ("[desk\nidle_reset_minutes = 5\n", "", "invalid TOML"),
    ],
)
def test_bad_settings_are_refused_by_name(dirs, text, key, english):
    config, _ = dirs
    path = write(config, text)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    error = caught.value
    assert error.key == key
    assert error.path == path
    message = str(error)
    assert str(path) in message
    assert english in message
    if key:
        assert f"«{key}»" in message
    # The technician reads Persian first: the message starts (after the file) in Persian.
    assert re.search(r"[\u0600-\u06FF]", message.split("(")[0])


def test_bad_utf8_is_refused(dirs):
    config, _ = dirs
    (config / "settings.toml").write_bytes(b"[desk]\nidle_reset_minutes = 5 # \xff\n")
    with pytest.raises(SettingsError, match="invalid TOML"):
        load_settings()


def test_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(SettingsError, match="file not found") as caught:
        load_settings(tmp_path / "nowhere.toml")
    assert caught.value.path == tmp_path / "nowhere.toml"


@settings(max_examples=50, deadline=None)
@given(
    table=st.sampled_from(sorted(SCHEMA)),
    name=st.from_regex(r"[a-z][a-z_]{0,20}", fullmatch=True),
)
def test_any_unknown_key_is_named(tmp_path_factory, table, name):
    if name in SCHEMA[table]:
        return
    folder = tmp_path_factory.mktemp("settings")
    path = write(folder, f"[{table}]\n{name} = 1\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert caught.value.key == f"{table}.{name}"
    assert f"«{table}.{name}»" in str(caught.value)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
class TestToken:
    def settings_with_token(self, config: Path, content: str, mode: int) -> Settings:
        token = config / "desk-token.txt"
        token.write_text(content, encoding="utf-8")
        token.chmod(mode)
        return load_settings(write(config, '[backend]\ntoken_file = "desk-token.txt"\n'))

    def test_private_token_is_read(self, dirs):
        config, _ = dirs
        loaded = self.settings_with_token(config, "  d3sk-t0ken\n", 0o600)
        assert loaded.read_token() == "d3sk-t0ken"

    def test_token_readable_by_others_is_refused(self, dirs):
        config, _ = dirs
        loaded = self.settings_with_token(config, "d3sk-t0ken\n", 0o644)
        with pytest.raises(SettingsError, match="chmod 600") as caught:
            loaded.read_token()
        assert caught.value.key == "backend.token_file"
        assert "d3sk-t0ken" not in str(caught.value)

    def test_empty_token_is_refused(self, dirs):
        config, _ = dirs
        loaded = self.settings_with_token(config, "\n", 0o600)
        with pytest.raises(SettingsError, match="is empty"):
            loaded.read_token()

    def test_missing_token_file_is_refused(self, dirs):
        config, _ = dirs
        loaded = load_settings(write(config, '[backend]\ntoken_file = "/nonexistent/token"\n'))
        with pytest.raises(SettingsError, match="cannot read /nonexistent/token"):
            loaded.read_token()
