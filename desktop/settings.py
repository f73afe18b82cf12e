"""Per-desk settings: ``settings.toml`` in the user's config folder, read with :mod:`tomllib`.

A branch technician edits one small TOML file to point a desk at a remote backend, name the
file holding the desk token, and tune policy values; a desk without the file runs the embedded
simulator with the defaults. Per-user data (simulator database, offline queue) lives in the
user data folder (:func:`desktop.paths.user_data_dir`), never beside the installed program,
which is read-only for a branch operator (``C:\\Program Files``) and shared between users.

The file has three tables; every key is optional, every unknown key is refused by name (a typo
must not silently fall back to a default)::

    [backend]
    url = "https://tamin-api.branch.local:8443"   # or "sqlite:///simulator.sqlite3"
    token_file = "desk-token.txt"                  # relative to this file's folder
    pin = "room.crt"         # the server's certificate, or its SHA-256 fingerprint

    [desk]
    idle_reset_minutes = 3
    field_mode = true        # offline field registration: completed registrations are queued

    [policy]                                       # any ServiceConfig field
    verification_delay_s = 30

Wiring (``desktop.app.run_gui``): ``settings = load_settings()``, then
``build_service(backend_url or settings.backend_url_or_default(),
config=settings.service_config)``.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.paths import APP_NAME, default_simulator_url, user_data_dir
from desktop.service.interface import ServiceConfig

SETTINGS_FILE = "settings.toml"
#: Environment variable naming another config folder (tests, portable installs).
CONFIG_DIR_ENV = "TAMIN_DESK_CONFIG_DIR"
#: URL schemes a backend may use: the embedded simulator (SQLite, optionally SQLCipher) or
#: the remote API over HTTP(S).
BACKEND_SCHEMES = ("sqlite", "sqlite+pysqlcipher", "http", "https")
#: Environment variable with a certificate pin; it overrides ``backend.pin`` of the file.
PIN_ENV = "TAMIN_DESK_PIN"


class SettingsError(ValueError):
    """A settings file that cannot be used.

    ``path`` is the file, ``key`` the dotted key at fault (``"policy.code_validity_s"``;
    ``""`` for the whole file). ``str(error)`` is a Persian sentence naming both, followed
    by the same in English for the technician's search engine.
    """

    def __init__(self, path: Path | None, key: str, persian: str, english: str) -> None:
        self.path = path
        self.key = key
        where = f"{path}: " if path else ""
        named = f"«{key}» " if key else ""
        super().__init__(f"{where}{named}{persian} ({english})")


@dataclass(frozen=True)
class Settings:
    """The desk's settings, each with a default.

    ``backend_url``: SQLAlchemy ``sqlite:///`` URL (embedded simulator) or ``http(s)://`` URL
    of the remote API; ``None`` means the simulator in the user data folder. A relative SQLite
    path is resolved against the user data folder, never the working directory.
    ``token_file``: absolute path of the file holding the desk token (remote backend), or None.
    ``pin``: the https server's certificate pin (:mod:`desktop.service.tls_pinning`): its
    SHA-256 fingerprint as written, or the absolute path of its PEM certificate; None trusts
    only the system's CAs. Use :meth:`pin_for`, which also honours ``TAMIN_DESK_PIN``.
    ``idle_reset_minutes``: minutes without input after which the wizard clears the form (a
    public place: the next applicant must not see the last one's data).
    ``field_mode``: a field laptop without network: each completed registration is validated,
    sealed and kept in the offline queue until ``tamin-desk sync`` (:mod:`desktop.offline`).
    ``service_config``: policy values (verification delay, code validity, lock-outs), seconds.
    ``source``: the file these settings came from, None for pure defaults.
    """

    backend_url: str | None = None
    token_file: Path | None = None
    pin: str | None = None
    idle_reset_minutes: float = 5.0
    field_mode: bool = False
    service_config: ServiceConfig = field(default_factory=ServiceConfig)
    source: Path | None = None

    @property
    def data_dir(self) -> Path:
        """The per-user data folder (created on first use)."""
        return user_data_dir()

    @property
    def offline_queue_path(self) -> Path:
        """Where the encrypted offline registration queue lives (user data folder)."""
        return user_data_dir() / "offline-queue.sqlite3"

    def backend_url_or_default(self) -> str:
        """``backend_url``, or the embedded simulator's URL in the user data folder."""
        return self.backend_url or default_simulator_url()

    def pin_for(self, url: str | None) -> str | None:
        """The certificate pin for a connection to ``url``: ``$TAMIN_DESK_PIN`` when set (one
        desk's override), else ``pin``. None when ``url`` is not ``https://``: a pin vouches for
        a TLS server only (a desk pointed at its simulator for a moment keeps its settings)."""
        if not url or not url.lower().startswith("https://"):
            return None
        return os.environ.get(PIN_ENV) or self.pin

    def read_token(self) -> str | None:
        """The desk token from ``token_file`` (surrounding whitespace removed), or None.

        Raises SettingsError when the file is missing or empty, or, on POSIX, readable by
        group or others (the ``ssh`` rule for key files: a token is a credential).
        """
        if self.token_file is None:
            return None
        key = "backend.token_file"
        try:
            mode = self.token_file.stat().st_mode
            text = self.token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(
                self.source,
                key,
                f"پرونده‌ی {self.token_file} خوانده نشد",
                f"cannot read {self.token_file}: {exc.strerror}",
            ) from exc
        if os.name == "posix" and mode & 0o077:
            raise SettingsError(
                self.source,
                key,
                "پرونده‌ی توکن را دیگران هم می‌توانند بخوانند؛ chmod 600",
                f"{self.token_file} is readable by group or others; run chmod 600 on it",
            )
        if not text:
            raise SettingsError(
                self.source, key, "پرونده‌ی توکن خالی است", f"{self.token_file} is empty"
            )
        return text


def settings_path() -> Path:
    """Default location of ``settings.toml``: ``$TAMIN_DESK_CONFIG_DIR`` if set, else the
    platform's user config folder (platformdirs: ``~/.config/tamin-desk`` on Linux,
    ``%LOCALAPPDATA%\\tamin-desk`` on Windows). Nothing is created."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override) / SETTINGS_FILE
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILE


def load_settings(path: Path | str | None = None) -> Settings:
    """Read ``settings.toml`` and return :class:`Settings`.

    ``path`` None reads :func:`settings_path` and returns the defaults when that file does not
    exist (a fresh install). An explicit ``path`` must exist. Raises SettingsError naming the
    key for: a TOML syntax error, an unknown table or key, a value of the wrong type, a
    negative or non-finite number, a count below 1, an unsupported backend URL scheme, a
    ``backend.pin`` that is neither a SHA-256 fingerprint nor a readable PEM certificate, or a
    pin beside a ``backend.url`` that is not https.
    """
    explicit = path is not None
    file = Path(path) if explicit else settings_path()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        if explicit:
            raise SettingsError(file, "", "پرونده پیدا نشد", "file not found") from None
        return Settings()
    try:
        document = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(file, "", f"TOML نادرست است: {exc}", f"invalid TOML: {exc}") from exc
    values = _read_tables(file, document)
    policy = values.pop("policy", {})
    backend = values.get("backend", {})
    if backend.get("pin") and not backend.get("url", "https://").startswith("https://"):
        raise SettingsError(
            file,
            "backend.pin",
            "پین گواهی فقط برای سروری با نشانی https:// است",
            "a certificate pin needs an https:// backend.url",
        )
    return Settings(
        backend_url=backend.get("url"),
        token_file=backend.get("token_file"),
        pin=backend.get("pin"),
        idle_reset_minutes=values.get("desk", {}).get(
            "idle_reset_minutes", Settings.idle_reset_minutes
        ),
        field_mode=values.get("desk", {}).get("field_mode", Settings.field_mode),
        service_config=ServiceConfig(**policy),
        source=file,
    )


# --- schema ------------------------------------------------------------------------------
# One checker per key: (file, dotted key, raw TOML value) -> the converted value or SettingsError.
Checker = Callable[[Path, str, Any], Any]


def _wrong_type(file: Path, key: str, wanted_fa: str, wanted_en: str) -> SettingsError:
    return SettingsError(file, key, f"باید {wanted_fa} باشد", f"must be {wanted_en}")


def _number(file: Path, key: str, value: Any) -> float:
    """A finite number ≥ 0 (TOML int or float; a bool is refused although it is an int)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _wrong_type(file, key, "یک عدد", "a number")
    if value < 0:
        raise _wrong_type(file, key, "صفر یا بیشتر", "zero or more")
    return float(value)


def _positive_number(file: Path, key: str, value: Any) -> float:
    number = _number(file, key, value)
    if number <= 0:
        raise _wrong_type(file, key, "بیشتر از صفر", "more than zero")
    return number


def _flag(file: Path, key: str, value: Any) -> bool:
    """A TOML boolean (``true``/``false``; a 0/1 or a string is refused, not guessed)."""
    if not isinstance(value, bool):
        raise _wrong_type(file, key, "true یا false", "true or false")
    return value


def _count(file: Path, key: str, value: Any) -> int:
    """A whole number ≥ 1 (attempts, failures, requests: zero would lock everyone out)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong_type(file, key, "یک عدد صحیح", "a whole number")
    if value < 1:
        raise _wrong_type(file, key, "یک یا بیشتر", "one or more")
    return value


def _backend_url(file: Path, key: str, value: Any) -> str:
    if not isinstance(value, str) or "://" not in value:
        raise _wrong_type(file, key, "یک نشانی مانند https://… یا sqlite:///…", "a URL")
    scheme, _, rest = value.partition("://")
    if scheme not in BACKEND_SCHEMES:
        raise SettingsError(
            file,
            key,
            f"نوع نشانی «{scheme}» پشتیبانی نمی‌شود",
            f"unsupported scheme {scheme!r}; use one of {', '.join(BACKEND_SCHEMES)}",
        )
    if scheme.startswith("sqlite"):
        return _anchor_sqlite_path(scheme, rest)
    return value


def _anchor_sqlite_path(scheme: str, rest: str) -> str:
    """``sqlite:///name.sqlite3`` → the same file inside the user data folder.

    SQLAlchemy reads a relative SQLite path against the working directory, which for a
    start-menu shortcut is the program folder: exactly where per-user data must not go.
    ``sqlite://`` (in memory) and absolute paths are kept.
    """
    # rest is "[credentials@]/path[?query]"; the path starts after the first "/".
    authority, slash, path_and_query = rest.partition("/")
    path, question, query = path_and_query.partition("?")
    if not slash or not path or Path(path).is_absolute():
        return f"{scheme}://{rest}"
    anchored = (user_data_dir() / path).as_posix()
    return f"{scheme}://{authority}/{anchored}{question}{query}"


def _path_beside(file: Path, key: str, value: Any) -> Path:
    """A path; relative paths and ``~`` are read against the settings file's folder."""
    if not isinstance(value, str) or not value.strip():
        raise _wrong_type(file, key, "مسیر یک پرونده", "a file path")
    path = Path(value).expanduser()
    return path if path.is_absolute() else (file.parent / path).resolve()


def _pin(file: Path, key: str, value: Any) -> str:
    """A certificate pin, checked now so that a typo stops the desk at start, not at its first
    connection: a SHA-256 fingerprint (64 hex digits; colons, spaces and a ``sha256:`` prefix
    allowed; kept as written) or the path of a PEM certificate file (relative paths beside the
    settings file; returned absolute)."""
    from desktop.service.tls_pinning import fingerprint_of_pem, parse_fingerprint

    if not isinstance(value, str) or not value.strip():
        raise _wrong_type(
            file,
            key,
            "اثر انگشت SHA-256 گواهی سرور یا مسیر پرونده‌ی گواهی",
            "the server certificate's SHA-256 fingerprint or its file's path",
        )
    if parse_fingerprint(value) is not None:
        return value.strip()
    path = _path_beside(file, key, value)
    try:
        fingerprint_of_pem(path)
    except OSError as exc:
        raise SettingsError(
            file,
            key,
            f"نه اثر انگشت SHA-256 (۶۴ نویسه‌ی مبنای ۱۶) است و نه پرونده‌ی گواهی خواندنی: {path}",
            f"neither a SHA-256 fingerprint (64 hex digits) nor a readable certificate file: "
            f"{path} ({exc.strerror or exc})",
        ) from exc
    except ValueError as exc:
        raise SettingsError(
            file,
            key,
            f"در پرونده‌ی {path} گواهی PEM (-----BEGIN CERTIFICATE-----) نیست",
            f"{path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
        ) from exc
    return str(path)


def _policy_checkers() -> dict[str, Checker]:
    """Every :class:`ServiceConfig` field but ``extra``: ints are counts, floats durations."""
    hints = typing.get_type_hints(ServiceConfig)
    return {
        f.name: (_count if hints[f.name] is int else _number)
        for f in dataclasses.fields(ServiceConfig)
        if f.name != "extra"
    }


SCHEMA: Mapping[str, Mapping[str, Checker]] = {
    "backend": {"url": _backend_url, "token_file": _path_beside, "pin": _pin},
    "desk": {"idle_reset_minutes": _positive_number, "field_mode": _flag},
    "policy": _policy_checkers(),
}


def _read_tables(file: Path, document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    values: dict[str, dict[str, Any]] = {}
    for table, entries in document.items():
        known = SCHEMA.get(table)
        if known is None:
            raise SettingsError(
                file,
                table,
                f"جدول ناشناخته است؛ جدول‌های مجاز: {', '.join(SCHEMA)}",
                f"unknown table; known tables: {', '.join(SCHEMA)}",
            )
        if not isinstance(entries, dict):
            raise _wrong_type(file, table, "یک جدول [" + table + "]", f"a [{table}] table")
        values[table] = {}
        for name, value in entries.items():
            key = f"{table}.{name}"
            checker = known.get(name)
            if checker is None:
                raise SettingsError(
                    file,
                    key,
                    f"کلید ناشناخته است؛ کلیدهای مجاز: {', '.join(known)}",
                    f"unknown key; known keys in [{table}]: {', '.join(known)}",
                )
            values[table][name] = checker(file, key, value)
    return values
